"""What residents' answers say in the appointment dialogue: typed, misspelt, or spoken on the
phone without punctuation. Words decide over the classifier's guess."""

import pytest

from integrations.appointments.reading import (
    clear_yes,
    digits_in,
    dont_know,
    dutch_phone_number,
    elsewhere,
    for_someone_else,
    gives_up,
    house_number_in,
    kind_in,
    mobile_number,
    no_code,
    not_in_assen,
    purpose_of,
    question_in,
    spoken_number,
    yes_or_no,
)


@pytest.mark.parametrize(
    ("text", "intent", "purpose"),
    [
        # The core request is never a cancellation, whatever the classifier thought.
        ("ik wil een afspraak maken met het buurtteam", "cancel_appointment", "book"),
        (
            "ik heb schulden en wil graag een afspraak met het buurtteam",
            "cancel_appointment",
            "book",
        ),
        ("kan iemand langskomen", None, "book"),
        ("wanneer kan ik bij het buurtteam terecht", "ask_appointment", "book"),
        ("ik wil met iemand praten over mijn schulden", None, "book"),
        ("oke doe dan maar een afspraak", None, "book"),
        # "ik kom niet rond" is money, not an appointment called off (conversations v13)
        ("Ik wil een afspraak want ik kom niet rond", "book_appointment", "book"),
        ("ik kom niet meer buiten, kan iemand langskomen", None, "book"),
        # A question about an appointment is never a change.
        ("hoe laat was mijn afspraak ook alweer?", "cancel_appointment", "ask"),
        ("moet mijn zoon ook mee naar de afspraak?", "cancel_appointment", "ask"),
        ("kunt u de afspraak nog een keer zeggen", "cancel_appointment", "ask"),
        ("komt die mevrouw nou dinsdag of woensdag", None, "ask"),
        ("gaat mijn afspraak morgen gewoon door", None, "ask"),
        ("ik wil mijn afspraak afzeggen", None, "cancel"),
        ("ach weet je mijn dochter komt helpen ik wil de afspraak toch afzeggen", None, "cancel"),
        ("ik kan toch niet komen", None, "cancel"),
        ("ik wil mijn afspraak verzetten, donderdag kan ik toch niet", None, "move"),
        ("kan de afspraak naar een andere dag", None, "move"),
        # Words that say nothing clear: the classifier's guess.
        ("when is my appointment", "ask_appointment", "ask"),
        ("book me something", "book_appointment", "book"),
    ],
)
def test_what_the_resident_wants(text: str, intent: str | None, purpose: str) -> None:
    assert purpose_of(text, intent) == purpose


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("hoe laat was mijn afspraak ook alweer?", "when"),
        ("ja weet je ik ben vergeten wanneer de afspraak was", "when"),
        ("waar moet ik naartoe", "where"),
        ("is mijn afspraak bij mij thuis of op kantoor", "where"),
        ("wie komt er bij mij langs", "who"),
        ("wat moet ik meenemen", "bring"),
        ("moet ik mijn brieven meenemen?", "bring"),
        ("mag mijn dochter mee", "companion"),
        ("mag er een tolk bij het gesprek", "companion"),
        ("wat gebeurt er dan bij zo'n afspraak?", "what"),
        ("hoe lang duurt het gesprek", "what"),
        ("kunt u het nog een keer zeggen", "repeat"),
        ("wat is dit, buurtteam?", "buurtteam"),
        ("wat doet een buurtteam eigenlijk", "buurtteam"),
        ("ja graag", None),
        ("Kloosterveen", None),
        ("kunnen ze ook bij mij thuis komen? ik kan mijn man niet alleen laten", None),
    ],
)
def test_questions_about_an_appointment(text: str, question: str | None) -> None:
    assert question_in(text) == question


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("kunnen ze ook bij mij thuis komen? ik kan mijn man niet alleen laten", "home"),
        ("ik kom de deur nie meer uit", "home"),
        ("ik kan niet zo goed lopen", "home"),
        ("thuis", "home"),
        ("huisbezoek graag", "home"),
        ("bel mij liever op", "phone"),
        ("liever telefonisch", "phone"),
        # held by phone on 8 December: booked as a home visit
        ("ik kan niet weg bij mijn vader kunnen ze mij niet bellen", "phone"),
        ("bij het buurtteam", "office"),
        ("ik heb stress thuis en wil een afspraak", None),
        ("ik wil een afspraak", None),
    ],
)
def test_the_kind_of_appointment(text: str, kind: str | None) -> None:
    assert kind_in(text) == kind


def test_yes_no_and_a_yes_clear_enough_to_cancel() -> None:
    assert yes_or_no("ja graag") is True and clear_yes("ja graag")
    assert yes_or_no("Ja, zeg maar af") is True and clear_yes("ja zeg maar af")
    assert clear_yes("ja ik kan niet komen")
    assert yes_or_no("nee!! ik wou hem niet afzeggen, ik wil wel komen") is False
    assert yes_or_no("ja nee") is False
    assert not clear_yes("ja?") and not clear_yes("ja maar ik wil wel komen")
    assert not clear_yes("ja eigenlijk weet ik het niet") and not clear_yes("")
    assert yes_or_no("misschien") is None


def test_dont_know_giving_up_and_other_ways_out() -> None:
    assert dont_know("weet ik nie") and dont_know("geen idee")
    assert gives_up("laat maar, ik wil toch geen afspraak")
    assert not gives_up("ik wil een andere tijd") and not gives_up("weet ik niet meer")
    assert not_in_assen("ik woon niet in assen")
    assert no_code("ik heb geen code") and no_code("weet ik niet") and not no_code("482715")
    assert elsewhere("mijn paspoort is verlopen") and not elsewhere("ik heb schulden")


def test_numbers_typed_or_said_digit_by_digit() -> None:
    assert digits_in("vier acht twee zeven een vijf") == "482715"
    assert digits_in("4 8 2-7 1 5") == "482715"
    assert dutch_phone_number("nul zes een twee drie vier vijf zes zeven acht") == "0612345678"
    assert dutch_phone_number("06 12 34 56 78") == "0612345678"
    assert dutch_phone_number("+31 6 12345678") == "0612345678"
    assert dutch_phone_number("12345") is None
    assert mobile_number("0592 123456") is None and mobile_number("0612345678")
    assert house_number_in("nummer 12a") == 12
    assert house_number_in("ik woon op nummer drieentwintig") == 23
    assert house_number_in("liever niet") is None
    assert spoken_number("honderdtwintig") == 120 and spoken_number("twaalf") == 12
    assert spoken_number("zevenenveertig") == 47 and spoken_number("maan") is None


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("wat is een keukentafel gesprek", "what"),
        ("kost een gesprek met het buurtteam geld", "cost"),
        ("waarom wilt u dat weten?", "why"),
    ],
)
def test_questions_before_any_appointment_are_answered_not_booked(text: str, question: str) -> None:
    """The classifier may read these as a wish to book; they are questions."""
    assert question_in(text) == question
    assert purpose_of(text, "book_appointment") == "ask"


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("nee wacht het is niet voor mij maar voor me zus", True),
        ("het is voor mijn moeder", True),
        ("it is for my mother", True),
        ("de dinsdag voor mijn moeder is lastig", False),
        ("nee", False),
        ("ik kan niet voor mijn werk", False),
    ],
)
def test_an_appointment_for_someone_else(text: str, other: bool) -> None:
    assert for_someone_else(text) is other
