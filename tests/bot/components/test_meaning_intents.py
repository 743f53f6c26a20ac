"""The intent classifier by meaning, with the real sentence encoder: trained on a few
sentences, kept in a real model storage, loaded again, and asked about wordings (and a
language) it never saw."""

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.meaning_intents import (
    MeaningIntentClassifier,
    by_route,
    denies_a_need,
    pieces_of,
    with_pieces,
)

TRAINING = {
    "ask_aids": [
        "ik heb een scootmobiel nodig",
        "ik wil een rolstoel aanvragen",
        "kan ik een traplift krijgen",
        "mijn rollator is kapot",
        "ik zoek een aanpassing in mijn badkamer",
    ],
    "ask_household_help": [
        "ik kan mijn huis niet meer schoonmaken",
        "ik zoek hulp bij het poetsen",
        "wie kan mij helpen met stofzuigen",
        "hulp in het huishouden",
        "de was doen lukt me niet meer",
    ],
    "greet": ["hallo", "goedemorgen", "goedemiddag", "hoi", "goeienavond"],
}


def training_data() -> TrainingData:
    return TrainingData(
        [
            Message(data={TEXT: text, INTENT: intent})
            for intent, texts in TRAINING.items()
            for text in texts
        ]
    )


def context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "test")


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[LocalModelStorage, Resource]:
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    resource = Resource("meaning_intents")
    config = MeaningIntentClassifier.get_default_config()
    MeaningIntentClassifier.create(config, storage, resource, context()).train(training_data())
    return storage, resource


@pytest.fixture(scope="module")
def classifier(stored: tuple[LocalModelStorage, Resource]) -> MeaningIntentClassifier:
    storage, resource = stored
    config = MeaningIntentClassifier.get_default_config()
    return MeaningIntentClassifier.load(config, storage, resource, context())


def intent_of(classifier: MeaningIntentClassifier, text: str) -> str:
    (message,) = classifier.process([Message(data={TEXT: text})])
    return str(message.get(INTENT)["name"])


def test_wordings_never_trained_on_reach_their_intent(classifier: MeaningIntentClassifier) -> None:
    assert intent_of(classifier, "ik ken me huis nie meer schoon houwe") == "ask_household_help"
    assert intent_of(classifier, "skootmobiel aanvrage") == "ask_aids"
    assert intent_of(classifier, "goeiemorgen") == "greet"


def test_english_reaches_the_intent_by_meaning(classifier: MeaningIntentClassifier) -> None:
    assert intent_of(classifier, "I need a wheelchair") == "ask_aids"
    assert intent_of(classifier, "someone to help me clean my house") == "ask_household_help"


def test_ranking_is_sorted_probabilities(classifier: MeaningIntentClassifier) -> None:
    (message,) = classifier.process([Message(data={TEXT: "ik wil een traplift"})])
    ranking = message.get(INTENT_RANKING_KEY)
    confidences = [r["confidence"] for r in ranking]
    assert ranking[0]["name"] == message.get(INTENT)["name"] == "ask_aids"
    assert confidences == sorted(confidences, reverse=True)
    assert len(ranking) == 3 and sum(confidences) == pytest.approx(1.0, abs=1e-6)
    assert message.as_dict(only_output_properties=True)[INTENT]["name"] == "ask_aids"


def test_every_message_gets_an_intent_for_the_fallback_classifier(
    classifier: MeaningIntentClassifier,
) -> None:
    button = Message(data={TEXT: "/greet"})  # Rasa's own handler replaces it afterwards
    empty = Message(data={TEXT: ""})
    classifier.process([button, empty])
    assert button.get(INTENT)["name"] in TRAINING
    assert empty.get(INTENT) == {"name": None, "confidence": 0.0}
    assert empty.get(INTENT_RANKING_KEY) == []
    (fallback,) = FallbackClassifier({**FallbackClassifier.get_default_config()}).process([empty])
    assert fallback.get(INTENT)["name"] == "nlu_fallback"


def test_a_stored_file_with_unknown_types_is_refused(
    stored: tuple[LocalModelStorage, Resource], tmp_path: Path
) -> None:
    import skops.io as sio

    storage = LocalModelStorage(tmp_path)
    resource = Resource("meaning_intents")
    with storage.write_to(resource) as directory:
        # A Path is not a type this component writes: a file holding one does not load.
        sio.dump({"classifier": Path("/")}, directory / "meaning_intents.skops")
    config = MeaningIntentClassifier.get_default_config()
    with pytest.raises(TypeError):
        MeaningIntentClassifier.load(config, storage, resource, context())


def test_too_few_intents_trains_nothing_and_reads_nothing(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("meaning_intents")
    config = MeaningIntentClassifier.get_default_config()
    one = TrainingData([Message(data={TEXT: "hallo", INTENT: "greet"})])
    MeaningIntentClassifier.create(config, storage, resource, context()).train(one)
    loaded = MeaningIntentClassifier.load(config, storage, resource, context())
    (message,) = loaded.process([Message(data={TEXT: "hallo"})])
    assert message.get(INTENT) == {"name": None, "confidence": 0.0}


def test_a_long_message_is_read_in_pieces() -> None:
    story = (
        "Mijn vader is 91 en woont nog alleen. Hij kookt zelf en loopt elke dag naar de bakker. "
        "Maar de badkamer is vies en de was blijft liggen."
    )
    assert pieces_of(story) == [
        "Mijn vader is 91 en woont nog alleen",
        "Hij kookt zelf en loopt elke dag naar de bakker",
        "Maar de badkamer is vies en de was blijft liggen",
    ]
    speech = " ".join(f"w{i}" for i in range(20))
    windows = pieces_of(speech)
    assert windows[0].split()[0] == "w0" and windows[-1].split()[-1] == "w19"
    assert all(len(w.split()) == 12 for w in windows)
    assert pieces_of("ik heb een scootmobiel nodig") == []


def test_a_piece_decides_only_a_need_and_only_when_much_surer() -> None:
    def ranking(name: str, confidence: float) -> list[dict[str, object]]:
        return [{"name": name, "confidence": confidence}]

    whole = ranking("loneliness", 0.3)
    need = ranking("ask_household_help", 0.7)
    assert with_pieces(whole, [ranking("greet", 0.9), need], 0.2) == need
    assert with_pieces(whole, [ranking("greet", 0.9)], 0.2) == whole
    assert with_pieces(ranking("loneliness", 0.6), [need], 0.2) == ranking("loneliness", 0.6)
    # A safety reading of the whole stays, however sure a piece is of something else.
    crisis = ranking("crisis_suicidal", 0.3)
    assert with_pieces(crisis, [ranking("ask_household_help", 0.95)], 0.2) == crisis


def test_a_story_whose_need_sits_in_one_sentence(classifier: MeaningIntentClassifier) -> None:
    story = (
        "Goedemiddag. Ik ben 84 jaar en woon in Assen. Mijn kinderen wonen ver weg. "
        "Ik zoek hulp bij het poetsen van mijn huis."
    )
    assert intent_of(classifier, story) == "ask_household_help"


def test_an_unsure_message_whose_intents_share_a_route_takes_it() -> None:
    shared = [
        {"name": "loneliness", "confidence": 0.25},
        {"name": "ask_aids", "confidence": 0.2},
        {"name": "money_worries", "confidence": 0.2},
        {"name": "stress", "confidence": 0.1},
    ]
    led = by_route(shared, 0.35, 0.5)
    assert led[0]["name"] == "loneliness" and abs(led[0]["confidence"] - 0.55) < 1e-9
    assert [e["name"] for e in led[1:]] == ["ask_aids", "money_worries", "stress"]
    # Spread over routes, or sure already: left as it is.
    spread = [{"name": "ask_aids", "confidence": 0.3}, {"name": "info_costs", "confidence": 0.3}]
    assert by_route(spread, 0.35, 0.5) == spread
    sure = [{"name": "ask_aids", "confidence": 0.6}, {"name": "loneliness", "confidence": 0.3}]
    assert by_route(sure, 0.35, 0.5) == sure
    # Words that decide no route ("ja", "hallo") never add up to one.
    small_talk = [{"name": "affirm", "confidence": 0.3}, {"name": "greet", "confidence": 0.3}]
    assert by_route(small_talk, 0.35, 0.5) == small_talk
    # An unsure safety intent first is never outvoted by ordinary ones.
    unsure = [{"name": "crisis_suicidal", "confidence": 0.3}, *shared]
    assert by_route(unsure, 0.35, 0.5) == unsure


def test_a_piece_that_denies_a_need_decides_nothing() -> None:
    """Held on 7 December: "Nee wacht, niet voor het schoonmaken, dat doe ik zelf. Het gaat om
    de douche." started the household form; the need it denies is not the need it has."""
    assert denies_a_need("Nee wacht, niet voor het schoonmaken, dat doe ik zelf")
    assert denies_a_need("ik heb geen rolstoel nodig")
    assert not denies_a_need("Het gaat om de douche")
    assert not denies_a_need("ik kan niet meer schoonmaken")

    def ranking(name: str, confidence: float) -> list[dict[str, object]]:
        return [{"name": name, "confidence": confidence}]

    whole = ranking("ask_household_help", 0.5)
    denied, shower = ranking("ask_household_help", 0.9), ranking("ask_aids", 0.55)
    assert with_pieces(whole, [denied, shower], 0.2, [True, False]) == shower
    # without the denial, the household help it denies would decide
    assert with_pieces(whole, [denied, shower], 0.2)[0]["name"] == "ask_household_help"
    # a denied piece alone changes nothing
    assert with_pieces(whole, [denied], 0.2, [True]) == whole
