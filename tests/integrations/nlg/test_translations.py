# ruff: noqa: RUF001  (Turkish writes the dotless i)
"""Texts in another language (content/<language>/): each is a variant of a Dutch text with
the same buttons' answers and no placeholder the Dutch text lacks, chosen by the
conversation's language; without a variant the Dutch text is said, and staff changes to the
Dutch text keep working."""

import asyncio

import pytest

from integrations.nlg.constants import phrasing_constants
from integrations.nlg.overrides import PhrasingOverrides, Wording
from integrations.nlg.phrasing import (
    PhrasingBook,
    load_phrasing_dir,
    load_translations,
    placeholders_in,
    sentences_of,
)
from integrations.nlg.service import Phrasing
from integrations.redis_client import redis_client
from integrations.settings import REPO_ROOT, Settings

CONTENT = REPO_ROOT / "integrations" / "nlg" / "content"
DUTCH = load_phrasing_dir(CONTENT)
TRANSLATIONS = load_translations(CONTENT)
CONSTANTS = set(phrasing_constants(Settings()))


def test_the_languages_with_texts() -> None:
    assert set(TRANSLATIONS) == {"en", "ar", "tr", "pl", "uk"}
    for language in TRANSLATIONS:
        assert "utter_other_language" in TRANSLATIONS[language]
        assert "utter_other_language_call_again" in TRANSLATIONS[language]


# The main texts of a conversation have an English variant.
ENGLISH_TEXTS = [
    "utter_welcome", "utter_how_can_i_help", "utter_anything_else", "utter_goodbye",
    "utter_fallback_rephrase", "utter_fallback_person", "utter_handoff", "utter_out_of_scope",
    "utter_info_wmo", "utter_info_costs", "utter_info_opening_hours",
    "utter_info_where_buurtteam", "utter_ack_household_help", "utter_ask_help_needed",
    "utter_ask_aid_needed", "utter_ask_help_for", "utter_ask_since_when",
    "utter_ask_phone_number", "utter_intake_done_direct", "utter_ack_money_worries",
    "utter_ask_next_step", "utter_technical_problem", "utter_phone_choice",
]  # fmt: skip


def test_the_main_texts_have_an_english_variant() -> None:
    assert set(ENGLISH_TEXTS) <= set(TRANSLATIONS["en"])


def test_every_dutch_text_has_an_english_variant() -> None:
    # A resident who writes or speaks English never hears Dutch, also not in a crisis.
    missing = sorted(set(DUTCH) - set(TRANSLATIONS["en"]))
    assert missing == [], missing
    assert set(TRANSLATIONS["en"]) <= set(DUTCH)  # no variant without its Dutch text


@pytest.mark.parametrize("language", sorted(TRANSLATIONS))
def test_a_variant_fits_its_dutch_text(language: str) -> None:
    for name, variant in TRANSLATIONS[language].items():
        dutch = DUTCH[name]
        assert [b.payload for b in variant.buttons] == [b.payload for b in dutch.buttons], name
        assert [b.payload for b in variant.voice_buttons] == [
            b.payload for b in dutch.voice_buttons
        ], name
        assert bool(variant.closed) == bool(dutch.closed), name
        # A link goes to the same place; only its title is translated.
        assert (variant.link and variant.link.url) == (dutch.link and dutch.link.url), name
        for text in filter(None, (variant.text, variant.voice, variant.closed)):
            # The resident's answers the Dutch text uses, and numbers from configuration.
            known = placeholders_in(f"{dutch.text} {dutch.voice or ''} {dutch.closed or ''}")
            assert placeholders_in(text) <= known | CONSTANTS, (name, text)
            assert len(sentences_of(text)) <= 4, (name, text)


def test_a_conversation_gets_the_text_of_its_language_or_english_or_dutch() -> None:
    book = PhrasingBook(DUTCH, phrasing_constants(Settings()), TRANSLATIONS)
    assert book.render("utter_goodbye", "chat", language="en")["text"] == "Thank you. Goodbye!"
    assert book.render("utter_goodbye", "chat", language="nl")["text"] == "Dank u wel. Tot ziens!"
    # No English variant: the Dutch text (every Dutch text has one now, so one is left out).
    english = {k: v for k, v in TRANSLATIONS["en"].items() if k != "utter_ask_wijk"}
    without = PhrasingBook(DUTCH, phrasing_constants(Settings()), {**TRANSLATIONS, "en": english})
    dutch = without.render("utter_ask_wijk", "chat")
    assert without.render("utter_ask_wijk", "chat", language="en") == dutch
    assert dutch["text"] == DUTCH["utter_ask_wijk"].text
    # No variant in that language: English, which the resident was told we speak (held on 7
    # December: a Turkish resident who asked for a person was asked for a number in Dutch).
    assert book.render("utter_goodbye", "chat", language="ar")["text"] == "Thank you. Goodbye!"
    asked = book.render("utter_callback_ask", "chat", language="tr")
    assert asked == book.render("utter_callback_ask", "chat", language="en")
    arabic = book.render("utter_other_language", "phone", language="ar")
    assert str(arabic["text"]).startswith("نحن نتكلم") and "112" in str(arabic["text"])
    turkish = book.render("utter_other_language", "chat", language="tr")
    assert "Bir iş günü 14 0592 numarasını arayın" in str(turkish["text"])


def test_staff_changes_to_a_dutch_text_stay_dutch(redis_url: str) -> None:
    async def main() -> None:
        redis = redis_client(redis_url, 5)
        overrides = PhrasingOverrides(redis)
        book = PhrasingBook(DUTCH, phrasing_constants(Settings()), TRANSLATIONS)
        phrasing = Phrasing(book, overrides)
        before = phrasing.base("utter_goodbye")
        changed = Wording(text="Fijne dag nog. Tot ziens!")
        await overrides.save("utter_goodbye", before, changed, "tekstschrijver", base=before)
        try:
            assert await phrasing.text("utter_goodbye") == "Fijne dag nog. Tot ziens!"
            assert await phrasing.text("utter_goodbye", "en") == "Thank you. Goodbye!"
            # Polish has no variant of its own: English, as it was written.
            assert await phrasing.text("utter_goodbye", "pl") == "Thank you. Goodbye!"
        finally:
            await overrides.save("utter_goodbye", changed, before, "tekstschrijver", base=before)
            await redis.aclose()

    asyncio.run(main())


def test_the_safety_texts_have_an_english_variant() -> None:
    for name in (
        "utter_crisis_suicide",
        "utter_crisis_danger",
        "utter_crisis_danger_now",
        "utter_veilig_thuis",
        "utter_veilig_thuis_person",
        "utter_safety_person",
        "utter_safety_danger_yes",
    ):
        assert name in TRANSLATIONS["en"], name


def test_times_offered_in_english_are_said_the_english_way() -> None:
    """Held on 7 December: an English booking offered "dinsdag 8 december om 9.00 uur". The
    buttons' payloads keep the Dutch words the appointment readers know."""
    book = PhrasingBook(DUTCH, phrasing_constants(Settings()), TRANSLATIONS)
    offers = {
        "team_name": "Buurtteam Marsdijk",
        "offer_1": "dinsdag 8 december om 9.00 uur",
        "offer_2": "woensdag 9 december om 13.30 uur",
    }
    english = book.render("utter_offer_appointments", "chat", offers, language="en")
    titles = [b["title"] for b in english["buttons"]]  # type: ignore[index, union-attr]
    payloads = [b["payload"] for b in english["buttons"]]  # type: ignore[index, union-attr]
    assert titles[:2] == ["Tuesday 8 December at 9.00", "Wednesday 9 December at 13.30"]
    assert payloads[:2] == [offers["offer_1"], offers["offer_2"]]
    phone = book.render("utter_offer_appointments", "phone", offers, language="en")
    assert "dinsdag" not in str(phone["text"]) and "december" not in str(phone["text"])
    dutch = book.render("utter_offer_appointments", "chat", offers, language="nl")
    assert [b["title"] for b in dutch["buttons"]][:1] == [offers["offer_1"]]  # type: ignore[index, union-attr]
