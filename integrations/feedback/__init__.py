"""Feedback after a conversation: one short question ("Hoe ging dit gesprek?") with three
answers in words, "Goed", "Gaat wel" and "Niet goed", and an optional sentence; by phone a
keypad question that can be skipped. Offered by the gateway when the assistant says goodbye,
never in a conversation about safety or one a staff member took over. The answers are counted
per day for the figures page (counts only); the sentence stays with the conversation for the
review and expires with it.

- rules.py: when to ask, and reading an answer (pure);
- store.py: the answers of one conversation in Redis;
- service.py: offering the question and keeping an answer, for the chat and phone routers;
- router.py: the chat API's answer endpoint.
"""
