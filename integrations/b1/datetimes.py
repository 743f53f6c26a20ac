"""Dates and times as residents read them best: "dinsdag 3 december om 10.00 uur". Pure.

Finds what is written otherwise, each with a better wording: "3-12" and "12/12" (month as a
number), "2026-12-03", "14:30" (a colon), "10.00" without "uur", "10u", "3 dec." (a shortened
month), "di 3" (a shortened day) and "van 9-17 uur" (hours without minutes). A date with the
month in words but without the day of the week ("op 3 december") fails; with a year
("3 mei 1950") it is only worth a warning, as a weekday would not help there.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip
WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
_SHORT_MONTHS = {
    "jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_SHORT_DAYS = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}

_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[-/](\d{1,2})(?:[-/](\d{2}|\d{4}))?(?![\d/-])")
_COLON_TIME = re.compile(r"(?<![\d:.])(\d{1,2}):(\d{2})(?![\d:])(\s*uur)?")
_U_TIME = re.compile(r"(?<![\d.:])(\d{1,2})(?:[.:](\d{2}))?u(?:(\d{2})(?!\d)|\.|\b)")
_DOT_TIME = re.compile(r"(?<![\d.,:])(\d{1,2})\.(\d{2})(?![\d,]|\.\d)")
_NOT_A_TIME_AFTER = re.compile(r"\s*(?:euro|procent|%|kilo|km|meter)\b", re.IGNORECASE)
_TIME_RANGE_TAIL = re.compile(r"\s*(?:en|tot|-|\u2013|tot en met)\s*\d{1,2}[.:]\d{2}\s*uur\b")
_SHORT_MONTH = re.compile(
    r"(?<!\d)(\d{1,2})\s+(" + "|".join(_SHORT_MONTHS) + r")(?:\.|(?![^\W\d_]))", re.IGNORECASE
)
_SHORT_DAY = re.compile(
    r"(?<![\w-])(" + "|".join(_SHORT_DAYS) + r")\.?\s+(\d{1,2})(?![\d:.-]\d)\b", re.IGNORECASE
)
_DAY_RANGE = re.compile(
    r"(?<![\w-])("
    + "|".join(_SHORT_DAYS)
    + r")\.?\s*(?:t/m|-|\u2013|tot)\s*("
    + "|".join(_SHORT_DAYS)
    + r")\.?(?![\w-])",
    re.IGNORECASE,
)
_MONTH_DATE = re.compile(
    r"(?:([^\W\d_]+),?\s+)?(\d{1,2})\s+(" + "|".join(MONTHS) + r")\b(\s+\d{4}\b)?",
    re.IGNORECASE,
)
_HOUR_RANGE = re.compile(
    r"\b(?:van|tussen|open|geopend|bereikbaar)\s+(\d{1,2})\s*(?:-|\u2013)\s*(\d{1,2})\s*uur\b",
    re.IGNORECASE,
)
_UNITS_AFTER = re.compile(
    r"\s*(?:keer|jaar|jaren|uur|dagen|dag|weken|week|maanden|maand|minuten|euro|kinderen|"
    r"personen|mensen|%|procent)\b",
    re.IGNORECASE,
)

Severity = Literal["fail", "warn"]


@dataclass(frozen=True)
class DateProblem:
    found: str
    better: str
    severity: Severity


def _month_day(day: str, month: str) -> str | None:
    d, m = int(day), int(month)
    if 1 <= d <= 31 and 1 <= m <= 12:
        return f"{d} {MONTHS[m - 1]}"
    return None


def _clock(hour: str, minutes: str | None) -> str | None:
    h, m = int(hour), int(minutes or "0")
    if 0 <= h <= 24 and 0 <= m <= 59:
        return f"{h}.{m:02d} uur"
    return None


def date_problems(text: str) -> Iterator[DateProblem]:
    """Every date or time in `text` that is not written the B1 way, with a better wording."""
    for match in _ISO.finditer(text):
        better = _month_day(match.group(3), match.group(2))
        if better:
            yield DateProblem(
                match.group(0),
                f"schrijf de dag en de datum in woorden, zoals: 'dinsdag {better}'",
                "fail",
            )
    for match in _NUMERIC_DATE.finditer(text):
        if _UNITS_AFTER.match(text, match.end()):
            continue  # "1-2 keer", "9-12 jaar": not a date
        better = _month_day(match.group(1), match.group(2))
        if better:
            yield DateProblem(
                match.group(0),
                f"schrijf de dag en de datum in woorden, zoals: 'dinsdag {better}'",
                "fail",
            )
    for match in _COLON_TIME.finditer(text):
        better = _clock(match.group(1), match.group(2))
        if better:
            yield DateProblem(match.group(0).strip(), f"schrijf de tijd zo: '{better}'", "fail")
    for match in _U_TIME.finditer(text):
        better = _clock(match.group(1), match.group(2) or match.group(3))
        if better:
            yield DateProblem(match.group(0).strip(), f"schrijf de tijd zo: '{better}'", "fail")
    for match in _DOT_TIME.finditer(text):
        rest = text[match.end() :]
        if re.match(r"\s*uur\b", rest) or _TIME_RANGE_TAIL.match(rest):
            continue
        if _NOT_A_TIME_AFTER.match(rest) or text[: match.start()].rstrip().endswith("€"):
            continue  # an amount: 22.50 euro
        better = _clock(match.group(1), match.group(2))
        if better:
            yield DateProblem(match.group(0), f"zet 'uur' achter de tijd: '{better}'", "fail")
    for match in _SHORT_MONTH.finditer(text):
        month = MONTHS[_SHORT_MONTHS[match.group(2).lower()] - 1]
        yield DateProblem(
            match.group(0),
            f"schrijf de maand helemaal, zoals: 'dinsdag {match.group(1)} {month}'",
            "fail",
        )
    for match in _SHORT_DAY.finditer(text):
        day = WEEKDAYS[_SHORT_DAYS[match.group(1).lower()]]
        yield DateProblem(
            match.group(0), f"schrijf de dag helemaal: '{day} {match.group(2)} ...'", "fail"
        )
    for match in _DAY_RANGE.finditer(text):
        first = WEEKDAYS[_SHORT_DAYS[match.group(1).lower()]]
        last = WEEKDAYS[_SHORT_DAYS[match.group(2).lower()]]
        yield DateProblem(
            match.group(0), f"schrijf de dagen helemaal: 'van {first} tot en met {last}'", "fail"
        )
    for match in _HOUR_RANGE.finditer(text):
        start, end = _clock(match.group(1), None), _clock(match.group(2), None)
        if start and end:
            yield DateProblem(
                match.group(0),
                f"schrijf de tijden helemaal: 'van {start.removesuffix(' uur')} tot {end}'",
                "fail",
            )
    for match in _MONTH_DATE.finditer(text):
        before = (match.group(1) or "").lower()
        if before in WEEKDAYS:
            continue
        date = f"{match.group(2)} {match.group(3).lower()}"
        # A day to come (an appointment, a last day) needs its day of the week; a date with
        # a year (born on 3 mei 1950, a rule since 1 januari 2027) only gets a warning.
        yield DateProblem(
            date,
            f"zet de dag van de week erbij, zoals: 'dinsdag {date}'",
            "warn" if match.group(4) else "fail",
        )
