"""English answers in the appointment dialogue are read as the Dutch words its readers know."""

import pytest

from integrations.appointments.english import as_dutch
from integrations.appointments.reading import (
    dont_know,
    kind_in,
    mentions_living,
    purpose_of,
    yes_or_no,
)
from integrations.appointments.times import read_choice
from tests.integrations.appointments.test_times import OFFERS, SUNDAY


@pytest.mark.parametrize(
    ("said", "slot"),
    [
        ("the first one", "a"),
        ("The second one please", "b"),
        ("Wednesday", "c"),
        ("1 pm", "b"),
        ("Tuesday at 1 pm", "b"),
        ("tuesday afternoon", "b"),
        ("the last one", "c"),
    ],
)
def test_a_time_is_chosen_in_english(said: str, slot: str) -> None:
    choice = read_choice(as_dutch(said), OFFERS, SUNDAY)
    assert (choice.kind, choice.slot_id) == ("chosen", slot)


def test_other_answers_in_english() -> None:
    assert read_choice(as_dutch("another time"), OFFERS, SUNDAY).kind == "more"
    assert read_choice(as_dutch("None of them"), OFFERS, SUNDAY).kind == "more"
    assert read_choice(as_dutch("no"), OFFERS, SUNDAY).kind == "declined"
    later = read_choice(as_dutch("not on Tuesday, rather next week"), OFFERS, SUNDAY)
    assert later.kind == "wish" and later.wish is not None and not later.wish.empty
    assert read_choice(as_dutch("call me"), OFFERS, SUNDAY).kind == "callback"


def test_yes_no_kind_and_purpose_in_english() -> None:
    assert yes_or_no(as_dutch("yes please")) is True
    assert yes_or_no(as_dutch("No thanks")) is False
    assert dont_know(as_dutch("I don't know"))
    assert kind_in(as_dutch("at home please")) == "home"
    assert kind_in(as_dutch("by phone")) == "phone"
    assert purpose_of(as_dutch("I want to cancel my appointment"), None) == "cancel"
    assert purpose_of(as_dutch("can I reschedule my appointment"), None) == "move"


def test_names_and_numbers_stay() -> None:
    assert as_dutch("I live at Kerkstraat 12, 9401 AB") == "i live at kerkstraat 12, 9401 ab"
    assert "06 12345678" in as_dutch("my number is 06 12345678")


def test_a_wijk_corrected_in_english_is_a_place() -> None:
    """Held on 7 December: "sorry no, I live in Kloosterveen" at the times offered was read as
    "no" to the times ("No problem.")."""
    said = as_dutch("sorry no, I live in Kloosterveen")
    assert "ik woon in kloosterveen" in said and mentions_living(said)
