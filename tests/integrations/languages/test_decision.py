# ruff: noqa: RUF001  (Turkish writes the dotless i)
"""The conversation's language: Dutch by default, never changed by a short word or a typo,
another language only when the message says so clearly, English kept until Dutch is clear."""

import pytest

from integrations.languages.decision import (
    answer_language,
    conversation_language,
    message_language,
)
from integrations.languages.detection import LanguageReader, shared_reader


@pytest.fixture(scope="module")
def reader() -> LanguageReader:
    return shared_reader()


def language(reader: LanguageReader, text: str, previous: str | None = None) -> str:
    return conversation_language(previous, text, reader.read(text))


# Short chat and phone words, typos and dialect of Dutch residents: never another language.
DUTCH_RESIDENTS = [
    "ok", "oke", "help", "HELP!!", "help me", "ja", "nee", "hallo", "hoi", "doei", "thanks",
    "sorry", "hello", "yes", "no", "top", "prima", "stop", "bye", "operator", "wmo?",
    "📄📄📄💸 help", "ik wil dooooood", "z e l f m o o r d", "ik ken me huis nie meer schoon houwe",
    "mn scootmobiel is kapot", "me man slaat me", "wat kost het", "is er een tolk", "de wmo",
    "Kloosterveen", "asse oost", "9402", "06 12345678", "ik snap het niet sorry", "ok doei",
    "whatsapp", "laat maar", "ik woon in assen oost",
    "de douche moet aangepast want me man kan er niet in",
    "hoe lang duurt het voordat ik hoor of mijn aanvraag is goedgekeurd",
    "mijn vader is niet meer aan te spreken hij a demt heel raar",
    # Lingua leans Turkish on these; an "i" is no Turkish dotless i.
    "ik", "IK", "ik wil", "ik ben ziek", "kijk", "bij mij", "ik zit in de bijstand", "iemand?",
]  # fmt: skip


@pytest.mark.parametrize("text", DUTCH_RESIDENTS)
def test_a_dutch_resident_stays_dutch(reader: LanguageReader, text: str) -> None:
    assert language(reader, text) == "nl"
    assert language(reader, text, previous="nl") == "nl"


@pytest.mark.parametrize(
    "text",
    [
        "I need help",
        "hello i need help with cleaning my house",
        "Can you help me?",
        "my husband hits me",
        "eh operator please",
        "what is the address of the buurtteam in assen oost",
        "english please",
        "do you speak english",
        "Engels",
    ],
)
def test_english_is_read_from_english_words_or_asked_for(reader: LanguageReader, text: str) -> None:
    assert language(reader, text) == "en"


def test_english_stays_until_a_message_is_clearly_dutch(reader: LanguageReader) -> None:
    for short in ("ok", "yes", "ja", "Kloosterveen", "9402", "thanks"):
        assert language(reader, short, previous="en") == "en"
    assert language(reader, "ik wil toch liever in het Nederlands verder", previous="en") == "nl"
    assert language(reader, "Nederlands graag", previous="en") == "nl"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("مرحبا", "ar"),
        ("أحتاج مساعدة في البيت", "ar"),
        ("Merhaba, evde yardıma ihtiyacım var", "tr"),
        ("teşekkürler", "tr"),
        ("Dzień dobry, potrzebuję pomocy w domu", "pl"),
        ("Mój mąż pije i nie daje mi pieniędzy", "pl"),
        ("Привіт, мені потрібна допомога вдома", "uk"),
        ("ሰላም ሓገዝ ይደሊ", "ti"),
        ("Здравствуйте, мне нужна помощь дома", "other"),
    ],
)
def test_the_languages_of_assen_are_recognised(
    reader: LanguageReader, text: str, expected: str
) -> None:
    assert message_language(text, reader.read(text)) == expected
    assert language(reader, text, previous="nl") == expected


def test_a_few_letters_of_another_script_say_nothing(reader: LanguageReader) -> None:
    assert language(reader, "ok ሰ") == "nl"
    assert language(reader, "ik ben ok 👍 ب") == "nl"


def test_the_texts_of_a_language_without_checked_texts_are_english() -> None:
    assert [answer_language(x) for x in ("nl", "en", "ar", "tr", "pl", "uk")] == [
        "nl", "en", "ar", "tr", "pl", "uk",
    ]  # fmt: skip
    assert answer_language("ti") == "en"
    assert answer_language("other") == "en"
