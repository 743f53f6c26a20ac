"""The safety protocol: owner of everything that happens when a resident may be in danger.

- `normalise.py`: text made plain (broken characters, look-alike letters, leetspeak, spaced
  letters) before anything looks for a signal;
- `lexicon.py`, `signals.yml`: Dutch and English phrases of suicide, danger now, no place to
  sleep tonight, violence and unclear distress, with spelling folded and everyday
  exaggeration taken out first;
- `meaning.py`, `prototypes.yml`, `examples/*.tsv`: signals by meaning (a classifier on
  sentence embeddings, letter groups and words of some 10,000 example sentences, most
  written for this purpose by other hands) for what no phrase foresees; `detector.py` puts
  the two together and says how recall and false alarms are traded;
- `protocol.py`: the protocol across turns (the caring question and its answers, 113 and its
  chat, Veilig Thuis, 112, per channel and hour), pure;
- `guard.py`: the protocol in the gateway, on every message of every channel before Rasa,
  with its state in Redis; it works with Rasa and the action server down.

Pure apart from `guard.py` and the loaders. Rasa's NLU component reads the same lexicon.
"""
