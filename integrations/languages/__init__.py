"""The language of a conversation: owner of what language a resident writes or speaks in,
and of the language the assistant answers in.

- `detection.py`: reading the language of one message (lingua's models, shipped in its
  wheel, with only the languages needed loaded; the Ethiopic script for Tigrinya), pure
  once the reader is made; made once per process when the gateway starts;
- `decision.py`: the conversation's language from the one before and this message, pure:
  Dutch is the default, a short "ok", "help" or a typo never changes it, another language
  only on a confident reading, and English stays until a message is clearly Dutch;
- `store.py`: the conversation's language in Redis (`language:{conversation id}`, expiring
  with the conversation).

The texts themselves are the phrasing's (`integrations/nlg/content/<language>/`).
"""
