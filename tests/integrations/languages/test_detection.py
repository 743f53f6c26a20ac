# ruff: noqa: RUF001  (Turkish writes the dotless i)
"""Reading the language of one message: lingua for the languages it knows, the Ethiopic
script for Tigrinya, nothing for a message without letters."""

import pytest

from integrations.languages.detection import LanguageReader, scripts_in, shared_reader


@pytest.fixture(scope="module")
def reader() -> LanguageReader:
    return shared_reader()


def test_the_reader_is_made_once_per_process() -> None:
    assert shared_reader() is shared_reader()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ik kan mijn huis niet meer schoon houden", "nl"),
        ("I can no longer clean my house", "en"),
        ("لا أستطيع تنظيف بيتي", "ar"),
        ("Evimi artık temizleyemiyorum", "tr"),
        ("Nie mogę już sprzątać mieszkania", "pl"),
        ("Я більше не можу прибирати в квартирі", "uk"),
    ],
)
def test_lingua_reads_the_languages_it_has(
    reader: LanguageReader, text: str, language: str
) -> None:
    best, confidence = reader.read(text).best
    assert best == language
    assert confidence > 0.5


def test_the_scripts_of_a_message_are_counted() -> None:
    assert scripts_in("ሰላም hello ١٢ مرحبا") == {"ethiopic": 3, "latin": 5, "arabic": 5}
    assert scripts_in("06 12345678 😀") == {}


def test_a_message_without_letters_reads_as_nothing(reader: LanguageReader) -> None:
    reading = reader.read("9402 😀")
    assert reading.best == (None, 0.0)
    assert reading.main_script is None
