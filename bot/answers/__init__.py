"""Reading answers in context: what a resident's message means for the open question of a
short intake (an answer, leaving the form, no answer, a question back) and which other
questions it answers already. Pure, no I/O; the form actions in actions/ call it."""
