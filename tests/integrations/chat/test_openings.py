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
        # A yes that answers the question asked ("Wilt u een afspraak?"), not an opening.
        "ja, dat wil ik wel",
        "ja graag maak hem maar",
        "nee hoor dat hoeft niet",
        "eh ja dat is goed",
    ],
)
def test_a_greeting_alone_or_no_greeting_stays(said: str) -> None:
    assert without_greeting(said) == said


def test_a_yes_before_a_need_is_still_an_opening() -> None:
    assert without_greeting("ja eh mijn moeder kan niet meer in bad") == (
        "mijn moeder kan niet meer in bad"
    )
    assert without_greeting("ja hallo, dat is lang geleden, ik bel voor mijn vader") == (
        "dat is lang geleden, ik bel voor mijn vader"
    )
