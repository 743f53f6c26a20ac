"""Rasa's log lines without the resident's words: the logging filter of `rasa run`
(bot/logging.yml). Standard library only, plus the gateway's pure redaction
(integrations/privacy/redact.py, itself standard library only).

Rasa 3.6 writes its events through structlog, rendered to one line (JSON, or key=value in a
terminal) before the standard `logging` module sees them; on a timeout or failure that line
holds the resident's message (`text=...`). The filter replaces the value of every key Rasa
itself marks as user data by a label, and takes personal data (BSN, IBAN, phone number,
e-mail address, postcode with house number) out of everything else, tracebacks included.
It is installed on the handlers of logging.yml and, through the record factory, on every
record, so that a handler Rasa or Sanic adds later does not see the words either.
"""

import json
import logging
import re
from typing import Any

try:
    from integrations.privacy.redact import redact, redact_values
except ImportError:  # a Rasa image without integrations/privacy: blunter, never weaker
    # anything shaped like an IBAN, and every run of six digits or more
    _NUMBERS = re.compile(
        r"\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?\b|\d(?:[ .\-]?\d){5,}"
    )
    _EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

    def redact(text: str) -> str:
        return _NUMBERS.sub("[nummer]", _EMAIL.sub("[e-mail]", text))

    def redact_values(value: Any) -> Any:
        if isinstance(value, str):
            return redact(value)
        if isinstance(value, dict):
            return {k: redact_values(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [redact_values(v) for v in value]
        return value


LABEL = "[tekst weggelaten]"
# The keys Rasa's own anonymizer treats as user data (rasa/utils/log_utils.py).
USER_DATA_KEYS = frozenset(
    {
        "text", "response_text", "user_text", "slot_values", "parse_data_text",
        "parse_data_entities", "prediction_events", "tracker_latest_message",
        "prefilled_slots", "message", "response", "slot_candidates", "rasa_event",
        "rasa_events", "tracker_states", "current_states", "old_states", "successes",
        "current_entity", "next_entity", "states", "entity", "token_text", "user_message",
        "json_message", "metadata", "events", "tracker",
    }
)  # fmt: skip
_KEYS = "|".join(sorted(USER_DATA_KEYS, key=len, reverse=True))
# key=value as structlog's console renderer writes it: a quoted or bracketed value, or a word;
# a bracketed value runs to the next key or the end of the line.
_KEY_VALUE = re.compile(
    rf"(?<![\w.])({_KEYS})=(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[\[{{(].*?(?=\s\w+=|$)|\S+)",
    re.MULTILINE,
)


def cleaned(message: str) -> str:
    """One rendered log line without the resident's words."""
    stripped = message.strip()
    if stripped.startswith("{"):
        try:
            event = json.loads(stripped)
        except ValueError:
            event = None
        if isinstance(event, dict):
            for key in USER_DATA_KEYS & event.keys():
                event[key] = LABEL
            return json.dumps(redact_values(event), ensure_ascii=False)
    return redact(_KEY_VALUE.sub(lambda m: f"{m.group(1)}={LABEL}", message))


def clean_record(record: logging.LogRecord) -> None:
    """The record's message, traceback and stack without the resident's words, in place."""
    if getattr(record, "_resident_text_cleaned", False):
        return
    try:
        message = record.getMessage()
    except (TypeError, ValueError):
        message = str(record.msg)  # the arguments do not fit: logging reports that itself
    record.msg, record.args = cleaned(message), ()
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = cleaned(record.exc_text)
    if record.stack_info:
        record.stack_info = cleaned(record.stack_info)
    record._resident_text_cleaned = True


class ResidentTextFilter(logging.Filter):
    """A logging filter that lets every record through, cleaned."""

    def filter(self, record: logging.LogRecord) -> bool:
        clean_record(record)
        return True


def filter_everywhere() -> ResidentTextFilter:
    """The filter for logging.yml; it also cleans every record when it is made, for the
    handlers that are not in logging.yml."""
    factory = logging.getLogRecordFactory()
    if not getattr(factory, "cleans_resident_text", False):

        def cleaning_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = factory(*args, **kwargs)
            clean_record(record)
            return record

        cleaning_factory.cleans_resident_text = True  # type: ignore[attr-defined]
        logging.setLogRecordFactory(cleaning_factory)
    return ResidentTextFilter()
