"""Which form fields of a Twilio webhook the line takes. Pure."""

import re

# Twilio's CallSids start with "CA"; anything else (empty, a chat id of another shape, a
# kilobyte of text) is not a call.
CALL_SID = re.compile(r"CA[A-Za-z0-9_-]{1,64}")


def is_call_sid(value: str) -> bool:
    return CALL_SID.fullmatch(value) is not None
