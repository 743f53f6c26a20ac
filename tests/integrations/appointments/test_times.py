"""What the resident's answer to three offered times means."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from integrations.agenda.choice import Offer
from integrations.appointments.times import read_choice, read_without_times
from integrations.appointments.wishes import read_wish

TZ = ZoneInfo("Europe/Amsterdam")
SUNDAY = date(2026, 11, 22)
OFFERS = [
    Offer("a", datetime(2026, 11, 24, 9, 0, tzinfo=TZ), "dinsdag 24 november om 9.00 uur"),
    Offer("b", datetime(2026, 11, 24, 13, 0, tzinfo=TZ), "dinsdag 24 november om 13.00 uur"),
    Offer("c", datetime(2026, 11, 25, 9, 0, tzinfo=TZ), "woensdag 25 november om 9.00 uur"),
]


@pytest.mark.parametrize(
    ("text", "slot"),
    [
        ("dinsdag 24 november om 9.00 uur", "a"),
        ("de eerste", "a"),
        ("2", "b"),
        ("de derde graag", "c"),
        ("woensdag", "c"),
        ("13 uur", "b"),
        ("dinsdag middag", "b"),
        # held by phone on 7 December: "maakt niet uit" got "Kies een tijd met de toetsen"
        ("maakt niet uit", "a"),
        ("dat maakt mij niet uit hoor", "a"),
        # held by phone on 8 December: "ja", "goed" and "weet ik niet" got "Kies een tijd met
        # de toetsen" three times; the first time is proposed and confirmed
        ("ja", "a"),
        ("goed", "a"),
        ("weet ik niet", "a"),
        ("kiest u maar", "a"),
        # A clock time in words is a time, never the number of an offer: "om een uur" is
        # 13.00, not the first; "dinsdag om 9.00 uur" is 9.00, never "00 uur".
        ("om een uur", "b"),
        ("dinsdag om 9.00 uur", "a"),
        ("woensdag om negen uur", "c"),
    ],
)
def test_a_time_is_chosen_by_button_number_day_or_hour(text: str, slot: str) -> None:
    choice = read_choice(text, OFFERS, SUNDAY)
    assert (choice.kind, choice.slot_id) == ("chosen", slot)


def test_other_answers() -> None:
    assert read_choice("andere tijd", OFFERS, SUNDAY).kind == "more"
    assert read_choice("nee", OFFERS, SUNDAY).kind == "declined"
    assert read_choice("nee dat past allemaal niet", OFFERS, SUNDAY).kind in {"declined", "more"}
    assert read_choice("om 9 uur", OFFERS, SUNDAY).kind == "unclear"  # two offers at 9.00
    assert read_choice("blabla", OFFERS, SUNDAY).kind == "unclear"
    morning = read_choice("morgen", OFFERS, SUNDAY)
    assert morning.kind == "wish" and morning.wish is not None
    assert morning.wish.day == date(2026, 11, 23)
    friday = read_choice("kan het vrijdag", OFFERS, SUNDAY)
    assert friday.kind == "wish" and friday.wish is not None and friday.wish.weekday == 4


def test_wishes() -> None:
    assert read_wish("overmorgen", SUNDAY).day == date(2026, 11, 24)
    assert read_wish("dinsdagmiddag", SUNDAY).part == "middag"
    assert read_wish("s morgens", SUNDAY).part == "ochtend"
    assert read_wish("volgende week", SUNDAY).after == date(2026, 11, 22)
    assert read_wish("ik weet het niet", SUNDAY).empty


def test_a_call_instead_or_no_appointment_at_all() -> None:
    assert read_choice("bel mij liever", OFFERS, SUNDAY).kind == "callback"
    assert read_choice("ik wil toch geen afspraak", OFFERS, SUNDAY).kind == "give_up"
    assert read_without_times("ja bel mij") == "callback"
    assert read_without_times("nee dank u") == "give_up"


def test_half_and_quarter_hours_are_times_not_the_number_of_an_offer() -> None:
    # "half twee" is 13.30: no offer is at 13.30, so it is a wish, never the second offer.
    choice = read_choice("half twee", OFFERS, SUNDAY)
    assert choice.kind == "wish"
    assert choice.wish == read_wish("om 13.30 uur", SUNDAY)
    assert read_choice("kwart over 9", OFFERS, SUNDAY).kind == "wish"
