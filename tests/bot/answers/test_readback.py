"""The read-back of a direct intake, alone: the answers said back, and what a reply to
"Klopt dit?" and "Wat moet anders?" means. Phrasings as residents type and speak them."""

import pytest

from bot.answers.readback import (
    CORRECTABLE,
    CORRECTION,
    NO,
    NOTED,
    UNCLEAR,
    YES,
    changed_lines,
    fixes_in,
    note_for_staff,
    read_correction,
    read_readback,
    readback_values,
    to_you,
)
from bot.answers.reading import LEAVE, LEAVE_GOODBYE, NOT_GIVEN

ANSWERS = {
    "help_needed": "schoonmaken",
    "help_for": "voor mijn man",
    "since_when": "sinds kort",
    "contact_preference": "zelf bellen",
}


@pytest.mark.parametrize(
    "said",
    ["ja", "ja hoor", "klopt", "jawel", "yes", "is goed", "Ja, dat klopt", "ja klopt",
     "Ja dat klopt helemaal", "prima", "klopt wel hoor", "ok", "correct"],
)  # fmt: skip
def test_yes_in_its_many_ways(said: str) -> None:
    assert read_readback(said, ANSWERS).kind == YES


@pytest.mark.parametrize(
    "said",
    ["nee", "Nee, iets klopt niet", "nee hoor", "klopt niet", "dat is niet goed", "fout",
     "ja maar niet helemaal", "no"],
)  # fmt: skip
def test_no_without_what_is_wrong(said: str) -> None:
    assert read_readback(said, ANSWERS).kind == NO


@pytest.mark.parametrize(
    ("said", "fixes"),
    [
        ("nee, het is voor mijn moeder", {"help_for": "voor mijn moeder"}),
        ("nee het is voor me vader", {"help_for": "voor mijn vader"}),  # phone speech
        ("nee het was voor me vader", {"help_for": "voor mijn vader"}),  # "was": no laundry
        (
            "het is niet voor mijn man maar voor mijn vader",
            {"help_for": "voor mijn vader"},
        ),
        ("niet voor mij maar voor mijn zus", {"help_for": "voor mijn zus"}),
        ("het is al een jaar", {"since_when": "al een jaar"}),
        ("nee sinds mijn val", {"since_when": "sinds mijn val"}),
        ("ja maar het is voor mijn broer", {"help_for": "voor mijn broer"}),
        ("nee ik wil hulp met de was", {"help_needed": "wassen en strijken"}),
        (
            "mijn nummer is 06 12345678",
            {"phone_number": "0612345678", "contact_preference": "bellen"},
        ),
    ],
)
def test_a_correction_with_or_without_no(said: str, fixes: dict[str, str]) -> None:
    reading = read_readback(said, ANSWERS, CORRECTABLE)
    assert (reading.kind, dict(reading.fixes)) == (CORRECTION, fixes)
    assert reading.words == said


def test_who_it_is_not_for_is_never_taken_as_who_it_is_for() -> None:
    """Held as a resident: "het is voor hem niet voor mij" made the help "voor uzelf"."""
    mine = {**ANSWERS, "help_for": "voor mijzelf"}
    assert "help_for" not in fixes_in("het is voor hem niet voor mij", mine, CORRECTABLE)
    assert fixes_in("het is voor mijn vader, niet voor mij", mine, CORRECTABLE) == {
        "help_for": "voor mijn vader"
    }


def test_a_change_of_mind_withdraws_the_request_whoever_is_named() -> None:
    """Held as a resident: "laat maar, ik wil toch geen hulp. mijn dochter doet het wel" made
    the daughter the one the help is for, and the request was passed on."""
    said = "laat maar, ik wil toch geen hulp. mijn dochter doet het wel"
    assert read_correction(said, ANSWERS).kind == LEAVE
    assert read_readback("nee ik hoef eigenlijk geen hulp", ANSWERS).kind == LEAVE


def test_the_one_to_call_is_not_the_one_the_help_is_for() -> None:
    """Held as a resident: "u moet mijn dochter bellen op ..." made the daughter the one the
    help is for."""
    reading = read_correction("u moet mijn dochter bellen op 0611112222", ANSWERS)
    assert reading.kind == CORRECTION and "help_for" not in reading.fixes
    assert reading.fixes["phone_number"] == "0611112222"


def test_dont_know_is_said_back_as_the_resident_does_not_know() -> None:
    values = readback_values({**ANSWERS, "since_when": "weet ik niet"})
    assert values["since_when"] == "dat weet u niet"
    assert to_you("Weet ik niet") == "dat weet u niet"


def test_the_same_answer_again_changes_nothing() -> None:
    assert fixes_in("voor mijn man", ANSWERS, CORRECTABLE) == {}
    assert read_readback("voor me man", ANSWERS).kind == UNCLEAR


@pytest.mark.parametrize("said", ["weet ik niet", "wat bedoelt u?", "hoe laat is het", "huh"])
def test_no_answer(said: str) -> None:
    assert read_readback(said, ANSWERS).kind == UNCLEAR


def test_leaving_as_at_every_question() -> None:
    assert read_readback("stop", ANSWERS).kind == LEAVE
    assert read_readback("doei", ANSWERS).kind == LEAVE_GOODBYE


def test_what_must_change() -> None:
    reading = read_correction("voor mijn vader", ANSWERS)
    assert (reading.kind, dict(reading.fixes)) == (CORRECTION, {"help_for": "voor mijn vader"})
    assert read_correction("de naam is fout", ANSWERS).kind == NOTED
    assert read_correction("de naam is fout", ANSWERS).words == "de naam is fout"
    assert read_correction("weet ik niet", ANSWERS).kind == UNCLEAR
    assert read_correction("wat bedoelt u", ANSWERS).kind == UNCLEAR
    assert read_correction("niks", ANSWERS).kind == YES  # nothing after all
    assert read_correction("eh nou het klopt wel hoor", ANSWERS).kind == YES


def test_the_answers_said_back_to_the_resident() -> None:
    assert to_you("voor mijn moeder") == "voor uw moeder"
    assert to_you("voor mijzelf") == "voor uzelf"
    assert to_you("voor me vader") == "voor uw vader"
    # Held by phone on 8 December: "Sinds wanneer: al langer uw rug vermoordt uw gewoon".
    assert to_you("al langer mijn rug vermoordt me gewoon") == (
        "al langer uw rug vermoordt u gewoon"
    )
    assert to_you("voor mij") == "voor u" and to_you("het doet me pijn") == "het doet u pijn"
    assert to_you("sinds kort, help me.") == "sinds kort, help u."
    values = readback_values({**ANSWERS, "phone_number": "0612345678"})
    assert values["help_for"] == "voor uw man"
    assert values["phone_shown"] == "06 12 34 56 78"
    assert "phone_shown" not in readback_values({"phone_number": NOT_GIVEN})


def test_the_changed_line_once_more() -> None:
    assert changed_lines({"help_for": "voor mijn moeder"}) == "Voor wie: voor uw moeder."
    assert changed_lines({"phone_number": "0612345678", "contact_preference": "bellen"}) == (
        "Wij bellen u op 06 12 34 56 78."
    )
    assert changed_lines({"since_when": "al een jaar"}, "en") == "Since: al een jaar."
    assert changed_lines({"help_for": "voor mijn mother"}, "en") == "For: your mother."
    assert readback_values({"help_for": "voor mijzelf"}, "en")["help_for"] == "yourself"
    assert readback_values({"help_for": "voor mijn moeder"}, "en")["help_for"] == "your mother"


def test_what_staff_must_check() -> None:
    assert note_for_staff({"readback_ok": "ja"}) is None
    assert note_for_staff({}) is None
    fixed = {"readback_ok": "nee", "readback_fixed": {"help_for": "voor mijn moeder"}}
    assert note_for_staff({**fixed, "readback_check": "ja"}) is None
    assert "na de verbetering" in str(note_for_staff({**fixed, "readback_check": "nee"}))
    assert "niet wat" in str(
        note_for_staff({"readback_ok": "nee", "readback_correction": NOT_GIVEN})
    )
    assert "eigen woorden" in str(
        note_for_staff({"readback_ok": "nee", "readback_correction": "de naam is fout"})
    )
    assert "zei niet of" in str(note_for_staff({"readback_ok": "onduidelijk"}))
