"""The safety lexicon: recall first, with the spelling residents really use."""

from pathlib import Path

import pytest
import yaml

from integrations.safety.detector import load_lexicon
from integrations.safety.lexicon import SafetyLexicon, fold_word, words_of

REPO = Path(__file__).resolve().parents[3]

LEXICON = load_lexicon()


@pytest.mark.parametrize(
    "text",
    [
        "ik denk aan zelfmoord",
        "ik denk aan selfmoort",
        "zelfmord",
        "ik wil dood",
        "ik wil gewoon dood",
        "Ik wil er een eind aan maken.",
        "ik wil er een einde aan maken",
        "ik wil nie meer leve",
        "k wil nie meer leefe",
        "ik wil mezelf wat aan doen",
        "ik wil mezelf iets aandoen",
        "ik ben het leven zat",
        "IK WIL DOOD",
        "ik wil niet meer wakker worden",
        "mijn zoon praat over zelfmoord",
        "ik heb een afscheidsbrief geschreven",
    ],
)
def test_suicidal_thoughts_are_caught(text: str) -> None:
    signal = LEXICON.detect(text)
    assert signal is not None and signal.kind == "suicide", text


@pytest.mark.parametrize(
    "text",
    [
        "hij slaat me nu",
        "hij staat voor de deur met een mes",
        "er is brand",
        "ik ben in gevaar",
        "hij gaat me vermoorden",
        "mijn vader ademt niet meer",
    ],
)
def test_danger_now_is_caught(text: str) -> None:
    signal = LEXICON.detect(text)
    assert signal is not None and signal.kind == "danger", text


@pytest.mark.parametrize(
    "text",
    ["ik heb vannacht geen slaapplek", "ik slaap vannacht op straat", "nergens om te slapen"],
)
def test_no_place_to_sleep_tonight_is_caught(text: str) -> None:
    signal = LEXICON.detect(text)
    assert signal is not None and signal.kind == "shelter", text


@pytest.mark.parametrize(
    "text",
    [
        "mijn man slaat me",
        "me man slaat mij elke dag",
        "ik word geslagen door mijn vader",
        "ik ben bang voor m'n man",
        "huiselijk geweld",
        "hij neemt al mijn geld af",
        "ik maak me zorgen over het kind van de buren dat steeds alleen thuis is",
        "hij controleert mijn telefoon",
        "ik durf niet naar huis",
        "mijn oma wordt mishandeld",
    ],
)
def test_violence_and_abuse_are_caught(text: str) -> None:
    signal = LEXICON.detect(text)
    assert signal is not None and signal.kind == "violence", text


@pytest.mark.parametrize(
    "text",
    [
        "ik zie het niet meer zitten", "ik kan niet meer", "ik trek het niet meer",
        # English: heard from residents who write English, none of them read before
        "It's all too much", "it is all too much for me", "I cannot cope anymore",
        "I can't cope", "I don't know what to do anymore", "I am at the end of my rope",
        "I am done with everything", "I give up", "I feel so empty inside",
        # about someone else, held as a parent: "mijn zoon van 16 zegt dat alles zinloos is"
        "mijn zoon van 16 zegt dat alles zinloos is", "ze vindt het leven zinloos",
    ],
)  # fmt: skip
def test_an_unclear_signal_gets_a_caring_question(text: str) -> None:
    signal = LEXICON.detect(text)
    assert signal is not None and signal.kind == "unclear", text


@pytest.mark.parametrize(
    "text",
    [
        "ik kan niet meer stofzuigen",
        "I can't cope with the paperwork",
        "cleaning the house is too much for me",
        "ik ken me huis nie meer schoon houwe",
        "voor mijn man",
        "ik wil een traplift",
        "ik heb schulden",
        "ik wil weg uit dit huis want het is te klein",
        "ik wil graag hulp bij het doodgaan van mijn vader",
    ],
)
def test_ordinary_questions_are_not_flagged(text: str) -> None:
    assert LEXICON.detect(text) is None, text


def test_the_most_serious_signal_wins() -> None:
    signal = LEXICON.detect("mijn man slaat me en ik wil dood")
    assert signal is not None and signal.kind == "suicide"


def test_ordinary_training_examples_do_not_trigger_the_lexicon() -> None:
    """Precision check over the training data of every non-safety intent."""
    safety_intents = {"domestic_violence", "crisis_suicidal", "crisis_danger", "safety_check"}
    flagged = []
    for path in sorted((REPO / "nlu_data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if block["intent"] in safety_intents:
                continue
            for line in block["examples"].splitlines():
                text = line.strip().removeprefix("- ")
                if text and LEXICON.detect(text):
                    flagged.append((block["intent"], text))
    assert flagged == []


def test_folding_joins_spelling_variants() -> None:
    assert fold_word("zelfmoord") == fold_word("selfmoort") == fold_word("zelfmort")
    assert fold_word("mijn") == fold_word("myn") == fold_word("mein")
    assert words_of("Ik wíl m'n huis!") == ["ik", "wil", "mn", "huis"]


def test_unknown_signal_kinds_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown signal kinds"):
        SafetyLexicon.from_mapping({"signals": {"boredom": ["saai"]}})


def test_a_common_word_is_no_typo_but_another_form_of_a_word_is_read() -> None:
    """Found in a development set: "my neighbour keeps talking about it" was read as
    "stalking" (one letter away). Words common in Dutch or English are themselves."""
    mapping = {"signals": {"violence": ["stalking", "(mijn|) moeder ... (slaat|sloeg)"]}}
    plain = SafetyLexicon.from_mapping(mapping)
    assert plain.detect("he keeps talking") is not None  # the old reading, without the list
    common = SafetyLexicon.from_mapping(mapping, common=lambda word: word in {"talking", "moeders"})
    assert common.detect("he keeps talking") is None
    assert common.detect("he keeps stalkin me") is not None  # a typo is still a typo
    assert common.detect("mijn moeders vriend sloeg") is not None  # a plural is the word


def test_a_word_is_looked_up_as_written_not_as_folded() -> None:
    """Found in a development set: "Ik ben leerkracht in groep 8" was read as rape. Folded,
    "leerkracht" is "lerkragt", one letter from "verkracht" ("ferkragt"), and no dictionary
    knows the folded form; the word as written is common."""
    mapping = {"signals": {"violence": ["verkracht"]}}
    lexicon = SafetyLexicon.from_mapping(mapping, common=lambda word: word == "leerkracht")
    assert lexicon.detect("ik ben leerkracht in groep 8") is None
    assert lexicon.detect("ik ben verkragt") is not None


def test_the_meaning_reader_spells_but_does_not_correct() -> None:
    """The meaning reader's folding holds the spelling list, never a correction towards the
    lexicon's words, so a new phrase does not change what its classifier learns."""
    assert LEXICON.spelled("ik wil nie meer leve") == LEXICON.folded("ik wil niet meer leven")
    assert "stalkng" in LEXICON.spelled("een stalkng")
    assert "stalking" in LEXICON.folded("een stalkng")
