"""The appointment dialogue: owner of every turn about an appointment with the buurtteam, by
chat and by phone: the wish for one (in any words, at any point of a conversation), the wijk,
wishes for a time, the kind of appointment (at the buurtteam, at home, by phone), questions
about an appointment, moving and cancelling it (always with a question first), and finding it
again later with the code given at booking.

- `state.py`: the dialogue's state per conversation: which question is open, what the resident
  wants (book, ask, move, cancel), the kind, the details a home visit or a call needs;
- `reading.py`: what an answer says: yes, no, "weet ik niet", a question about the
  appointment, a wish to book, move or cancel, a kind, numbers (a code said digit by digit);
- `wishes.py`: wishes for a time ("liefst 's middags", "niet op woensdag", "na 15 uur",
  "volgende week", "zo snel mogelijk"), and how to say them back;
- `times.py`: the answer to three offered times ("de eerste", "dinsdagmiddag", "andere tijd");
- `questions.py`: what the resident hears for each question and each question they ask;
- `codes.py`: the short code of a booking and the one detail that goes with it (Redis);
- `conductor.py`: the dialogue run against the agenda (integrations/agenda/service.py), the
  code store and the case, with its state in Redis;
- `router.py`: the internal API the thin actions call (actions/booking.py).

Pure apart from `codes.py`, `conductor.py` and `router.py`: reading, wishes, times, questions
and the state are tested alone (tests/integrations/appointments/).
"""
