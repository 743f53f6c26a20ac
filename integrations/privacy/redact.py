"""Personal data out of the logs. Pure, standard library only (Rasa's log filter uses it).

BSN (only nine digits that pass the elfproef, also in groups or as digit words), phone
numbers, e-mail addresses, IBANs and postcode with house number are replaced by a label
before anything is written.
"""

import re
from collections.abc import Mapping, MutableMapping
from typing import Any

from integrations.privacy.identifiers import passes_elfproef, scrub

__all__ = ["passes_elfproef", "redact", "redact_event", "redact_values", "without_bsn"]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b", re.IGNORECASE)
_POSTCODE_HOUSE = re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\s*,?\s*\d{1,5}\s?[a-zA-Z]?\b")
_PHONE = re.compile(r"(?:\+31|0031|\b0)(?:[\s-]?\d){9}(?!\d)")


def without_bsn(text: str) -> str:
    """The text with any BSN and IBAN taken out: for words that are kept, such as a
    disclosure."""
    return scrub(text, bsn_marker="[bsn]", iban_marker="[iban]").text


def redact(text: str) -> str:
    text = _EMAIL.sub("[e-mail]", text)
    text = without_bsn(text)  # IBANs of every country (mod-97), BSNs in any writing
    text = _IBAN.sub("[iban]", text)  # and anything shaped like a Dutch IBAN
    text = _POSTCODE_HOUSE.sub("[adres]", text)
    return _PHONE.sub("[telefoon]", text)


def redact_values(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, Mapping):
        return {k: redact_values(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_values(v) for v in value]
    return value


def redact_event(
    logger: object, method_name: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """A structlog processor."""
    for key, value in list(event_dict.items()):
        event_dict[key] = redact_values(value)
    return event_dict
