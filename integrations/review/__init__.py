"""Review that improves the bot: staff open finished conversations, mark a resident's turn as
misunderstood and give the right topic (and so the route) or the answer the assistant should
have given. The marks are exported for the team to review, never trained on automatically:
as candidate training examples in Rasa's YAML format, and as rows for an evaluation set kept
apart from training (route<TAB>channel<TAB>utterance, as tests/eval/first_turns_v*.tsv).

- topics.py: what the resident meant, in the staff's words, with its intent and route (pure);
- rules.py: which conversations are finished (pure);
- export.py: the two exports (pure, standard library and yaml only: Rasa's tests read it);
- store.py: the marks in Redis, kept for a limited time;
- router.py: the staff API and the page /staff/review.
"""
