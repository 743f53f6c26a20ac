"""Numbers as callers say them: words, digits, any grouping, in pieces; and said back."""

import pytest

from integrations.numbers.phone_numbers import (
    caller_number,
    is_hidden,
    joined_numbers,
    means_own_number,
    number_so_far,
    phone_number,
    spelled_numbers,
    spoken_number,
    written_number,
)
from integrations.numbers.words import digit_words, digits_in, word_value


@pytest.mark.parametrize(
    ("said", "number"),
    [
        ("nul zes een twee drie vier vijf zes zeven acht", "0612345678"),
        ("nul zes twaalf vierendertig zesenvijftig achtenzeventig", "0612345678"),
        ("zes twaalf vierendertig zesenvijftig achtenzeventig", "0612345678"),
        ("06 12 34 56 78", "0612345678"),
        ("0612345678", "0612345678"),
        ("06-12345678", "0612345678"),
        ("+31 6 1234 5678", "0612345678"),
        ("plus eenendertig zes twaalf vierendertig zesenvijftig achtenzeventig", "0612345678"),
        ("nul vijf negen twee drie vijf een twee vier zeven", "0592351247"),
        ("nul vijf negen twee vijfendertig twaalf zevenenveertig", "0592351247"),
        ("ja dat is nul zes een twee drie vier vijf zes zeven acht", "0612345678"),
        ("nul zes dubbel een twee drie vier vijf zes zeven", "0611234567"),
        ("Nul zes één twee drie vier vijf zes zeven acht.", "0612345678"),
        ("nul zes tweeëntwintig drieëndertig vierenveertig vijfenvijftig", "0622334455"),
    ],
)
def test_a_spoken_number_in_any_grouping_is_read(said: str, number: str) -> None:
    assert phone_number(said) == number


@pytest.mark.parametrize(
    "said",
    [
        "",
        "geen nummer",
        "nul zes een twee",  # not all of it yet
        "een twee drie vier vijf zes zeven acht negen",  # nine digits, not a mobile number
        "nul zes een twee drie vier vijf zes zeven acht negen",  # one too many
        "00 44 20 1234 5678",  # abroad
    ],
)
def test_what_is_not_a_whole_dutch_number_is_not_one(said: str) -> None:
    assert phone_number(said) is None


def test_een_counts_only_next_to_another_number() -> None:
    assert digits_in("mijn nummer is een mobiel nummer") == ""
    assert digits_in("het is een nul zes nummer") == "106"  # next to "nul": a digit
    assert number_so_far("nul zes een twee") == "0612"


def test_number_words() -> None:
    assert word_value("vierendertig") == 34
    assert word_value("Zevenentwintig") == 27
    assert word_value("eenentwintig") == 21
    assert word_value("achthonderd") == 800
    assert word_value("vijfhonderdtweeënnegentig") == 592
    assert word_value("negentien") == 19
    assert word_value("hallo") is None
    assert word_value("een") == 1
    assert digits_in("nul achthonderd twintig nul nul") == "082000"  # "achthonderd twintig"


@pytest.mark.parametrize(
    "said",
    [
        "het nummer waar ik nu mee bel",
        "het nummer waarmee ik bel",
        "belt u mij maar terug op dit nummer",
        "op hetzelfde nummer",
        "mijn eigen nummer",
        "dit telefoonnummer",
        "het nummer van deze telefoon",
        "waar ik mee bel",
    ],
)
def test_the_caller_can_mean_the_number_they_call_from(said: str) -> None:
    assert means_own_number(said)


@pytest.mark.parametrize("said", ["ik bel zelf", "een ander nummer", "geen nummer", "nee"])
def test_other_answers_do_not_mean_the_own_number(said: str) -> None:
    assert not means_own_number(said)


def test_caller_id_hidden_or_foreign_is_no_number() -> None:
    assert caller_number("+31612345678") == "0612345678"
    assert caller_number("+31592123456") == "0592123456"
    for hidden in ("anonymous", "Anonymous", "restricted", "unknown", "", None, "+442012345678"):
        assert caller_number(hidden) is None
    assert is_hidden("anonymous") and is_hidden("") and is_hidden(None)
    assert not is_hidden("+442012345678")  # from abroad: not hidden, just not Dutch


def test_a_number_is_said_back_in_small_groups_digit_by_digit() -> None:
    assert spoken_number("0612345678") == "nul zes, één twee, drie vier, vijf zes, zeven acht"
    assert spoken_number("0592351247") == "nul vijf negen twee, drie vijf één, twee vier zeven"
    assert written_number("0612345678") == "06 12 34 56 78"
    assert digit_words("112") == "één één twee"


def test_a_number_typed_in_groups_becomes_one_word_for_the_classifier() -> None:
    assert (
        joined_numbers("mijn nummer is 0592 123 456, het gaat over mijn rolstoel")
        == "mijn nummer is 0592123456, het gaat over mijn rolstoel"
    )
    assert joined_numbers("bel me op 06-12 34 56 78.") == "bel me op 0612345678."
    assert joined_numbers("+31 6 1234 5678 of (0592) 123456") == "0612345678 of 0592123456"
    for kept in ("bel 0800-2000", "om 10 12 uur", "0612345678", "06 1234 567", "nummer 12"):
        assert joined_numbers(kept) == kept


def test_a_number_typed_in_words_becomes_digits_for_the_form() -> None:
    """Held as residents on 8 December: "nul zes een twee drie vier vijf zes zeven acht" at
    "Wat is uw telefoonnummer?" in the chat reached "Nu zijn er geen medewerkers"."""
    assert spelled_numbers("nul zes een twee drie vier vijf zes zeven acht") == "0612345678"
    assert (
        spelled_numbers(
            "mijn nummer is nul zes, twaalf, vierendertig, zesenvijftig, achtenzeventig"
        )
        == "mijn nummer is 0612345678"
    )
    assert spelled_numbers("zes twaalf vierendertig zesenvijftig achtenzeventig") == "0612345678"
    for kept in ("ik heb een twee drie kinderen", "ik woon op nummer twaalf", "0612345678",
                 "twee drie vier vijf", "ik ben vijfenzeventig en woon alleen"):  # fmt: skip
        assert spelled_numbers(kept) == kept
