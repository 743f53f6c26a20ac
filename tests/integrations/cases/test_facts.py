"""Facts in a resident's own words: numbers, when contact is safe, children, small talk."""

import pytest

from integrations.cases.facts import (
    PhoneNumber,
    children_named,
    contact_words,
    is_small_talk,
    phone_numbers,
    read_message,
    speaks_of_self,
    without_greeting,
)


@pytest.mark.parametrize(
    "text",
    ["hoi", "Goedemiddag!", "goeiemorgen", "ja graag", "Nee, dank u", "ok", "weet ik niet", "?"],
)
def test_small_talk_is_not_a_question(text: str) -> None:
    assert is_small_talk(text)
    assert read_message(text).own_words is None


def test_a_greeting_in_front_is_left_out() -> None:
    assert without_greeting("Goedemiddag, ik ken me huis nie meer schoon houwe") == (
        "ik ken me huis nie meer schoon houwe"
    )
    assert not is_small_talk("hallo ik heb schulden")
    assert read_message("hallo ik heb schulden").own_words == "ik heb schulden"


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("bel mij op 0611122233", ["0611122233"]),
        ("mijn nummer is 0592 123 456, het gaat over mijn rolstoel", ["0592123456"]),
        ("06-12 34 56 78", ["0612345678"]),
        ("+31 6 12345678 of 0031 592 123456", ["0612345678", "0592123456"]),
        ("Veilig Thuis 0800 2000 of 0900 1234567", []),  # service lines are not the resident's
        ("mijn bsn is weggehaald, 12345", []),
        ("0611122233 en nog eens 0611122233", ["0611122233"]),
    ],
)
def test_phone_numbers(text: str, numbers: list[str]) -> None:
    assert phone_numbers(text) == numbers


def test_numbers_are_shown_and_called_the_dutch_way() -> None:
    assert PhoneNumber("0611122233").shown == "06 1112 2233"
    assert PhoneNumber("0592123456").shown == "0592 123 456"
    assert PhoneNumber("0201234567").shown == "020 123 4567"
    assert PhoneNumber("0592123456").href == "tel:+31592123456"


def test_when_contact_is_safe_in_the_residents_words() -> None:
    assert contact_words("bel mij alleen overdag op 0611122233, dan is hij op zijn werk") == [
        "bel mij alleen overdag",
        "dan is hij op zijn werk",
    ]
    assert contact_words("niet bellen na 17 uur, en geen brieven sturen") == [
        "niet bellen na 17 uur",
        "geen brieven sturen",
    ]
    # Not about contact, or nothing about when: no wish.
    assert contact_words("mijn man is alleen 's avonds thuis") == []
    assert contact_words("mijn nummer is 0592 123 456, het gaat over mijn rolstoel") == []
    assert contact_words("kunt u Veilig Thuis bellen") == []
    # Not giving a number says nothing about when to call (the button "Liever geen nummer").
    for refusal in ("geen nummer", "Liever geen nummer", "ik wil geen telefoonnummer geven"):
        assert contact_words(refusal) == [], refusal
    assert contact_words("geen nummer, bel alleen na 5 uur") == ["bel alleen na 5 uur"]


def test_children_named() -> None:
    assert children_named("stress met de opvoeding van mijn zoon van 9") == ["mijn zoon van 9"]
    assert children_named("hij doet het kind pijn en ook mijn dochtertje") == [
        "het kind",
        "mijn dochtertje",
    ]
    assert children_named("ik heb twee kinderen") == ["twee kinderen"]
    assert children_named("ik ben bang") == []


def test_who_speaks_of_themself() -> None:
    assert speaks_of_self("mijn man slaat mij")
    assert not speaks_of_self("de buurman slaat zijn hond")
    # Held as a resident on 7 December: a neighbour who hears the children was "at risk".
    assert not speaks_of_self(
        "de buurvrouw laat haar kinderen van 3 en 5 alleen thuis en ik hoor ze vaak huilen"
    )
    assert not speaks_of_self("ze zegt dat haar stiefvader aan haar zit als ik er niet ben")
    assert speaks_of_self("ik zie het niet meer zitten")
    assert speaks_of_self("ik weet het niet meer")


def test_a_message_read_for_the_case() -> None:
    only_contact = read_message("bel mij alleen overdag op 0611122233, dan is hij op zijn werk")
    assert only_contact.phones == ("0611122233",)
    assert only_contact.own_words is None  # it says how to call, not what is needed
    mixed = read_message("mijn nummer is 0592 123 456, het gaat over mijn rolstoel")
    assert mixed.phones == ("0592123456",)
    assert mixed.own_words == "mijn nummer is 0592 123 456, het gaat over mijn rolstoel"
    assert read_message("/deny").empty
    assert read_message("0612345678").own_words is None
