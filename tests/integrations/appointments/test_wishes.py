"""Wishes for a time as residents say them, how they add up, and how they are said back."""

from datetime import date

import pytest

from integrations.agenda.wishes import DayWish
from integrations.appointments.wishes import any_time, describe, merge, read_wish

SUNDAY = date(2026, 11, 22)
WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "said_back"),
    [
        ("liefst s middags want smorgens werk ik", "in de middag"),
        ("ik zei toch middag, ik werk smorgens", "in de middag"),
        ("ja graag, liefst 's middags", "in de middag"),
        ("voor de middag", "in de ochtend"),
        ("na 15 uur", "na 15.00 uur"),
        ("na drieen", "na 15.00 uur"),
        ("na vijftien uur", "na 15.00 uur"),
        ("niet voor 11 uur", "na 11.00 uur"),
        ("ik kan niet voor 11 uur", "na 11.00 uur"),
        ("tot 12 uur", "voor 12.00 uur"),
        ("ik werk tot 12 uur", "na 12.00 uur"),
        ("om half 3", "om 14.30 uur"),
        # A clock time with its minutes: "9.00" is nine o'clock, never "00 uur" (twelve).
        ("dinsdag om 9.00 uur", "op dinsdag, om 9.00 uur"),
        ("om 9:00", "om 9.00 uur"),
        ("na 15.30", "na 15.30 uur"),
        ("rond half 11", "om 10.30 uur"),
        ("niet op woensdag", "niet op woensdag"),
        ("woensdag kan ik niet, donderdag wel", "op donderdag, niet op woensdag"),
        ("wonsdag", "op woensdag"),
        ("vrydag ochtend", "op vrijdag, in de ochtend"),
        ("dinsdagmiddag", "op dinsdag, in de middag"),
        # speech recognition writes "woensdagmorgen" as two words: not tomorrow
        ("eh woensdag morgen", "op woensdag, in de ochtend"),
        ("morgen om 10 uur", "op donderdag 26 november, om 10.00 uur"),
        ("zo snel mogelijk", "zo snel mogelijk"),
        ("overmorgen", "op vrijdag 27 november"),
        ("8 december", "op dinsdag 8 december"),
        ("liever volgende week", "volgende week"),
        # Not a time: durations, postcodes, counting.
        ("voor 2 weken", ""),
        ("na een week", ""),
        ("9408 AB 3", ""),
        ("mijn nummer is 06 12 34 56 78", ""),
        ("de eerste", ""),
        ("ik weet het niet", ""),
    ],
)
def test_wishes_as_residents_say_them(text: str, said_back: str) -> None:
    assert describe(read_wish(text, WEDNESDAY)) == said_back


def test_next_week_on_sunday_is_tomorrow_on() -> None:
    assert read_wish("volgende week", SUNDAY).after == SUNDAY
    assert read_wish("volgende week", WEDNESDAY).after == date(2026, 11, 29)


def test_later_wishes_add_to_earlier_ones() -> None:
    afternoon = read_wish("liefst s middags", WEDNESDAY)
    later = merge(afternoon, read_wish("liever volgende week, niet op woensdag", WEDNESDAY))
    assert describe(later) == "in de middag, volgende week, niet op woensdag"
    # A day that was left out can be wished again.
    wednesday_after_all = merge(later, read_wish("woensdag dan toch", WEDNESDAY))
    assert wednesday_after_all.weekday == 2 and 2 not in wednesday_after_all.not_weekdays
    # A date replaces a weekday.
    dated = merge(read_wish("dinsdag", WEDNESDAY), read_wish("8 december", WEDNESDAY))
    assert dated.weekday is None and dated.day == date(2026, 12, 8)
    assert merge(later, DayWish()) == later


def test_any_time() -> None:
    assert any_time("maakt niet uit") and any_time("het maakt me niet uit")
    assert not any_time("liefst s middags")
