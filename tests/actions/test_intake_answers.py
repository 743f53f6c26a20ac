import pytest

from actions.intake_answers import (
    APPOINTMENT,
    CALL_ME,
    CALL_SELF,
    NO_APPOINTMENT,
    NO_PREFERENCE,
    answer_text,
    appointment_choice,
    contact_preference,
    dutch_phone_number,
)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("0612345678", "0612345678"),
        ("06 12 34 56 78", "0612345678"),
        ("06-12345678", "0612345678"),
        ("+31 6 12345678", "0612345678"),
        ("0592 123456", "0592123456"),
        ("mijn nummer is 0031612345678", "0612345678"),
        ("12345", None),
        ("weet ik niet", None),
        ("", None),
    ],
)
def test_dutch_phone_numbers(text: str, number: str | None) -> None:
    assert dutch_phone_number(text) == number


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("bel mij", CALL_ME),
        ("u mag mij bellen", CALL_ME),
        ("0612345678", CALL_ME),
        ("ik bel zelf", CALL_SELF),
        ("nee", NO_PREFERENCE),
        ("weet ik niet", NO_PREFERENCE),
    ],
)
def test_contact_preference(text: str, choice: str) -> None:
    assert contact_preference(text) == choice


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("ja graag", APPOINTMENT),
        ("ja", APPOINTMENT),
        ("een afspraak", APPOINTMENT),
        ("nee", NO_APPOINTMENT),
        ("weet ik niet", NO_APPOINTMENT),
        ("nee geen afspraak", NO_APPOINTMENT),
    ],
)
def test_appointment_choice(text: str, choice: str) -> None:
    assert appointment_choice(text) == choice


def test_answers_are_tidy_short_and_never_keep_a_bsn() -> None:
    assert answer_text("  schoon   maken ") == "schoon maken"
    assert answer_text("mijn bsn is 123456782") == "mijn bsn is [...]"
    assert answer_text("0612345678") == "0612345678"  # ten digits: a phone number
    assert len(answer_text("a" * 1000)) == 200
    assert answer_text(None) == ""
