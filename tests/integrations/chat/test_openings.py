"""The greeting in front of a need is left out of what Rasa reads: pure."""

import pytest

from integrations.chat.openings import without_greeting


@pytest.mark.parametrize(
    ("said", "need"),
    [
        (
            "ja goedemorgen ik bel voor me vader die kan niet meer in bad stappen",
            "ik bel voor me vader die kan niet meer in bad stappen",
        ),
        (
            "Hallo, goedemiddag. Ik heb schulden en ik slaap slecht",
            "Ik heb schulden en ik slaap slecht",
        ),
        ("eh ja hallo mevrouw ik wil huishoudelijke hulp", "ik wil huishoudelijke hulp"),
        ("good morning I need help with cleaning", "I need help with cleaning"),
    ],
)
def test_the_need_after_a_greeting(said: str, need: str) -> None:
    assert without_greeting(said) == need


@pytest.mark.parametrize(
    "said",
    [
        "goedemorgen",
        "hallo daar",
        "ja graag",
        "dagbesteding voor mijn vader",
        "janssen is mijn naam",
    ],
)
def test_a_greeting_alone_or_no_greeting_stays(said: str) -> None:
    assert without_greeting(said) == said
