"""Personal data out of the logs. Pure.

BSN (only nine digits that pass the elfproef), phone numbers, e-mail addresses, IBANs and
postcode with house number are replaced by a label before anything is written.
"""

import re
from collections.abc import Mapping, MutableMapping
from typing import Any

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b", re.IGNORECASE)
_POSTCODE_HOUSE = re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\s*,?\s*\d{1,5}\s?[a-zA-Z]?\b")
_PHONE = re.compile(r"(?:\+31|0031|\b0)(?:[\s-]?\d){9}(?!\d)")
_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def passes_elfproef(digits: str) -> bool:
    """The BSN check: 9x1 + 8x2 + ... + 2x8 - 1x9 is a multiple of 11 (and not 0)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total != 0 and total % 11 == 0


def without_bsn(text: str) -> str:
    """The text with any BSN taken out: for words that are kept, such as a disclosure."""
    return _NINE_DIGITS.sub(lambda m: "[bsn]" if passes_elfproef(m.group(0)) else m.group(0), text)


def redact(text: str) -> str:
    text = _EMAIL.sub("[e-mail]", text)
    text = _IBAN.sub("[iban]", text)
    text = _POSTCODE_HOUSE.sub("[adres]", text)
    text = without_bsn(text)
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
