"""The review's pure parts: the exports in Rasa's format and as evaluation rows, which
conversations are finished, and topics that decide the same route as the triage."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from bot.triage.routes import TRIAGE
from integrations.cases.record import Case, SafetySignal
from integrations.review.export import Mark, evaluation_rows, rasa_nlu_yaml
from integrations.review.rules import is_finished, may_review, stream_time, turns_for
from integrations.review.topics import ROUTES, TOPICS, button_words
from integrations.safety.evaluate import rows_of

NOW = datetime(2026, 12, 2, 14, tzinfo=UTC)
MARKS = [
    Mark("ik kom niet rond met me geld", "chat", "money_worries", "buurtteam", None),
    Mark("me moeder kan nie meer douche", "phone", "ask_aids", "voorziening", "Hulpmiddel"),
    Mark("ik kom niet rond met me geld", "chat", "money_worries", "buurtteam", None),
    Mark("ik wil iemand\tspreken", "chat", None, "medewerker", None),
    Mark("hallo?", "chat", None, None, "Vraag wat de inwoner zoekt."),
]


def test_candidates_in_rasa_format_grouped_by_intent() -> None:
    text = rasa_nlu_yaml(MARKS)
    assert text.startswith("# Candidate training examples")
    assert "NOT trained on automatically" in text
    data = yaml.safe_load(text)
    assert data["version"] == "3.1"
    assert data["nlu"] == [
        {"intent": "ask_aids", "examples": "- me moeder kan nie meer douche\n"},
        {"intent": "money_worries", "examples": "- ik kom niet rond met me geld\n"},
    ]
    assert yaml.safe_load(rasa_nlu_yaml([])) == {"version": "3.1", "nlu": []}


def test_evaluation_rows_in_the_format_of_the_evaluation_sets(tmp_path: Path) -> None:
    text = evaluation_rows(MARKS)
    assert "never train on this file" in text
    path = tmp_path / "evaluatie.tsv"
    path.write_text(text, encoding="utf-8")
    assert list(rows_of(path)) == [
        ("buurtteam", "chat", "ik kom niet rond met me geld"),
        ("voorziening", "voice", "me moeder kan nie meer douche"),
        ("medewerker", "chat", "ik wil iemand spreken"),
    ]


def test_the_topics_decide_the_same_routes_as_the_triage() -> None:
    for topic in TOPICS:
        assert TRIAGE[topic.intent].route == topic.route, topic
    assert {t.route for t in TOPICS} == set(ROUTES)


def test_finished_conversations() -> None:
    case = Case(session_id="s", created_at=NOW, updated_at=NOW)
    assert not is_finished(case, NOW - timedelta(minutes=5), NOW, said_goodbye=False)
    assert is_finished(case, NOW - timedelta(minutes=5), NOW, said_goodbye=True)
    assert is_finished(case, NOW - timedelta(minutes=15), NOW, said_goodbye=False)
    talking = case.model_copy(update={"mode": "staff"})
    assert not is_finished(talking, NOW - timedelta(hours=2), NOW, said_goodbye=True)
    closed = talking.model_copy(update={"closed_at": NOW})
    assert is_finished(closed, NOW, NOW, said_goodbye=False)
    assert stream_time("1764684000000-0") == datetime(2025, 12, 2, 14, tzinfo=UTC)
    assert stream_time("0-0") is None


def test_communication_staff_review_no_safety_conversation_and_no_numbers() -> None:
    case = Case(session_id="s", created_at=NOW, updated_at=NOW, route="buurtteam")
    violence = case.model_copy(update={"route": "veilig_thuis"})
    disclosed = case.model_copy(
        update={"safety_signals": [SafetySignal(kind="violence", words="hij slaat mij")]}
    )
    for roles in ({"communicatie"}, {"aanmeldteam"}, {"aanmeldteam", "communicatie"}):
        assert may_review(case, roles)
    assert not may_review(violence, {"communicatie"}) and may_review(violence, {"aanmeldteam"})
    assert not may_review(disclosed, {"communicatie"})
    transcript = [
        {"id": "1-0", "sender": "resident", "text": "bel me op 06 1234 5678"},
        {"id": "2-0", "sender": "resident", "payload": "/affirm"},
    ]
    assert [t["text"] for t in turns_for(transcript, {"communicatie"})] == [
        "bel me op [telefoon]",
        "ja",  # a button by what it stands for
    ]
    assert turns_for(transcript, {"aanmeldteam"})[0]["text"] == "bel me op 06 1234 5678"
    assert turns_for(transcript, {"communicatie"})[1]["button"] is True


def test_a_button_is_shown_by_what_it_stands_for_never_a_code_name() -> None:
    assert button_words("/ask_aids") == "Hulpmiddel of aanpassing"
    assert button_words("/greet") == "begin van het gesprek"
    assert button_words("/deny") == "nee"
    assert button_words('/choose_slot{"slot": "1"}') == '/choose_slot{"slot": "1"}'  # unknown
    assert button_words("gewone tekst") == "gewone tekst"
