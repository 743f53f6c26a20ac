"""Rules for a staff change of wording: the placeholders a text needs stay, the phone has its
own rules, buttons keep their placeholders, and the reasons a text cannot be saved are said."""

from wordfreq import zipf_frequency

from integrations.b1.checker import B1Checker
from integrations.b1.config import load_rules
from integrations.nlg.overrides import Wording
from integrations.nlg.phrasing import Button, Phrase, fill_placeholders
from integrations.staff.catalog import TextUse
from integrations.staff.editor import phone_buttons, phone_menu, preview, review

CHECKER = B1Checker(load_rules(), lambda word: float(zipf_frequency(word, "nl")))
CONSTANTS = {"contact_phone": "14 0592", "emergency_number": "112"}
BOTH = TextUse(moment="x", where=("chat", "telefoon"))
BASE = Wording(
    text="Bel ons op {contact_phone}.",
    voice="Bel ons op {contact_phone}. Bij gevaar belt u {emergency_number}.",
    closed="Wij zijn er morgen weer. Bij gevaar belt u {emergency_number}.",
    buttons=("Praat met een medewerker", "{offer_1}"),
)


def test_the_phone_text_keeps_the_placeholders_it_needs() -> None:
    lost = review(CHECKER, BASE, BASE.model_copy(update={"voice": "Bel ons later."}), CONSTANTS)
    assert not lost.can_save
    assert (
        "De telefoontekst heeft deze invulvelden nodig: {contact_phone}, {emergency_number}."
        in (lost.problems)
    )
    kept = BASE.model_copy(update={"voice": "Bel {contact_phone}. Bij gevaar: {emergency_number}."})
    assert review(CHECKER, BASE, kept, CONSTANTS, BOTH).can_save


def test_the_out_of_hours_text_cannot_be_emptied_or_lose_a_placeholder() -> None:
    empty = review(CHECKER, BASE, BASE.model_copy(update={"closed": None}), CONSTANTS, BOTH)
    assert "De tekst buiten kantoortijd mag niet leeg zijn." in empty.problems
    lost = review(
        CHECKER, BASE, BASE.model_copy(update={"closed": "Wij zijn er morgen."}), CONSTANTS, BOTH
    )
    assert "De tekst buiten kantoortijd heeft deze invulvelden nodig: {emergency_number}." in (
        lost.problems
    )


def test_button_labels_are_checked_and_keep_their_placeholders() -> None:
    renamed = BASE.model_copy(update={"buttons": ("Een mens spreken", "{offer_1}")})
    assert review(CHECKER, BASE, renamed, CONSTANTS, BOTH).can_save
    locked = BASE.model_copy(update={"buttons": ("Een mens spreken", "Morgen")})
    assert 'Laat het invulveld van de knop "{offer_1}" staan.' in (
        review(CHECKER, BASE, locked, CONSTANTS, BOTH).problems
    )
    jargon = BASE.model_copy(update={"buttons": ("Vraag een PGB aan", "{offer_1}")})
    assert any("PGB" in p for p in review(CHECKER, BASE, jargon, CONSTANTS, BOTH).problems)
    fewer = BASE.model_copy(update={"buttons": ("Praat met een medewerker",)})
    assert "Het aantal knoppen kan hier niet veranderen." in (
        review(CHECKER, BASE, fewer, CONSTANTS, BOTH).problems
    )


def test_why_it_cannot_be_saved_is_said_in_dutch() -> None:
    officialese = BASE.model_copy(update={"text": "Indien gewenst belt u ons op {contact_phone}."})
    result = review(CHECKER, BASE, officialese, CONSTANTS, BOTH)
    assert result.blocked == ("De chattekst is nog geen B1: Moeilijk woord: Indien",)
    spoken = BASE.model_copy(
        update={
            "voice": "Bel {contact_phone} of kijk op www.assen.nl. Bij gevaar: {emergency_number}."
        }
    )
    blocked = review(CHECKER, BASE, spoken, CONSTANTS, BOTH).blocked
    assert blocked[0].startswith("De telefoontekst is nog geen B1: Een webadres")


def test_the_phone_rules_short_and_at_most_4_choices() -> None:
    long = (
        " ".join(["Wij helpen u graag verder."] * 5) + " Bel {contact_phone}. {emergency_number}."
    )
    result = review(CHECKER, BASE, BASE.model_copy(update={"voice": long}), CONSTANTS, BOTH)
    assert any(f.rule == "spraak_lang" and f.severity == "fail" for f in result.voice.findings)
    many = Wording(text="Kies een onderwerp.", buttons=("a", "b", "c", "d", "e", "f"))
    menu = review(CHECKER, many, many, CONSTANTS, BOTH).voice.findings
    assert [f.severity for f in menu if f.rule == "spraak_menu"] == ["warn"]
    chat_only = TextUse(moment="x", where=("chat",))
    assert not [f for f in review(CHECKER, many, many, CONSTANTS, chat_only).voice.findings]


def test_the_preview_fills_placeholders_with_sample_values_and_says_the_keypad_menu() -> None:
    values = {**CONSTANTS, "offer_1": "dinsdag 3 december om 10.00 uur"}
    phrase = Phrase(
        text=BASE.text,
        buttons=(
            Button(title="Praat met een medewerker", payload="/ask_person"),
            Button(title="{offer_1}", payload="/choose_slot"),
        ),
    )
    buttons = phone_buttons(phrase, BASE)
    for button in buttons:
        button.title = fill_placeholders(button.title, values)
    menu = phone_menu(buttons, "Zeg {choice} of kies {number}.", "Zal ik het herhalen? Kies 9.")
    shown = preview(BASE, BOTH, values, menu)
    assert shown["chat"] == "Bel ons op 14 0592."
    assert shown["buttons"] == ["Praat met een medewerker", "dinsdag 3 december om 10.00 uur"]
    # As the phone line says it: the choices first, a person always on 0.
    assert shown["phone"] == [
        "Bel ons op 14 0592. Bij gevaar belt u 112.",
        "Zeg dinsdag 3 december om 10.00 uur of kies 1.",
        "Zeg medewerker of kies 0.",
    ]
    assert shown["closed"] == "Wij zijn er morgen weer. Bij gevaar belt u 112."


def test_the_phone_menu_of_a_text_is_its_own_short_menu_when_it_has_one() -> None:
    phrase = Phrase(
        text="In welke wijk woont u?",
        buttons=tuple(Button(title=t, payload=t) for t in "abcdef"),
        voice_buttons=(Button(title="weet ik niet", payload="weet ik niet"),),
    )
    wording = Wording(text=phrase.text, buttons=tuple("abcdef"))
    assert [b.title for b in phone_buttons(phrase, wording)] == ["weet ik niet"]
    quiet = review(CHECKER, wording, wording, CONSTANTS, BOTH, phone_buttons=1).voice.findings
    assert not [f for f in quiet if f.rule == "spraak_menu"]
    loud = review(CHECKER, wording, wording, CONSTANTS, BOTH, phone_buttons=6).voice.findings
    assert [f.severity for f in loud if f.rule == "spraak_menu"] == ["warn"]
