"""The public chat API's request and response bodies (DESIGN.md, public contract)."""

import re

from pydantic import BaseModel

# A button payload: an intent, optionally with entities as a JSON object.
PAYLOAD_PATTERN = re.compile(r"^/[a-z][a-z0-9_]{0,63}(\{.{0,400}\})?$", re.DOTALL)


class SessionCreated(BaseModel):
    session_id: str


class BotButton(BaseModel):
    title: str
    payload: str


class BotLink(BaseModel):
    """A link under a message, such as the calendar file of an appointment."""

    title: str
    url: str


class BotMessage(BaseModel):
    text: str
    buttons: list[BotButton] = []
    link: BotLink | None = None


class FeedbackQuestion(BaseModel):
    """After the goodbye: how did it go? The answers go to /api/chat/sessions/{id}/feedback."""

    question: str
    choices: list[BotButton]
    remark_label: str


class BotReply(BaseModel):
    messages: list[BotMessage]
    # True once the conversation is about safety at home or a crisis: the web chat then makes
    # its "Snel weg" button stand out.
    quick_exit: bool = False
    # Set once, when the assistant said goodbye in a conversation that was not about safety.
    feedback: FeedbackQuestion | None = None


class ResidentMessage(BaseModel):
    """What the web chat sends. Checked by `checked_message`, so the errors are in Dutch."""

    text: str | None = None
    payload: str | None = None
