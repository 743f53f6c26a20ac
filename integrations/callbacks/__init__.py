"""Contact before promises, in the chat: when a person is asked for and nobody is at work, the
assistant promises a call only with a number to call. Owner of the short talk that asks for
that number (`talk.py`, pure) and of its state per conversation (`asks.py`).

The phone line holds its own callback talk (`phone/dialogue.py`): there the caller's number
is confirmed instead of typed.
"""
