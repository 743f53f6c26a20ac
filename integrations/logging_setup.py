"""Structured logging for the gateway (structlog, one JSON object a line)."""

import hashlib
import logging

import structlog

from integrations.privacy.redact import redact_event


def configure_logging(level: int = logging.INFO) -> None:
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso"),
            # Personal data never reaches a log line.
            redact_event,
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        cache_logger_on_first_use=True,
    )


def conversation_ref(session_id: str) -> str:
    """A short reference to a conversation for log lines. Not the id itself: the chat id lets
    anyone write in the conversation, so it never goes into a log."""
    return hashlib.sha256(session_id.encode()).hexdigest()[:12]


def bind_conversation(session_id: str) -> None:
    """Every log line of this request carries the conversation's reference."""
    structlog.contextvars.bind_contextvars(conversation=conversation_ref(session_id))
