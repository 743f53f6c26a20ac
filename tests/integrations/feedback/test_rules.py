"""When the feedback question may be asked, and how a caller's answer is read. Pure."""

from datetime import UTC, datetime

import pytest

from integrations.cases.record import Case, SafetySignal
from integrations.feedback.rules import (
    is_feedback_menu,
    is_no_rating,
    may_ask,
    plain_remark,
    rating_of_answer,
)

NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)
MENU = {"1": "feedback:goed", "2": "feedback:gaat_wel", "3": "feedback:niet_goed"}


def case(**changes: object) -> Case:
    return Case(session_id="s", created_at=NOW, updated_at=NOW).model_copy(update=changes)


def test_asked_after_an_ordinary_conversation() -> None:
    assert may_ask(case(route="huishoudelijke_hulp"))
    assert may_ask(case())


@pytest.mark.parametrize(
    "changes",
    [
        {"route": "crisis"},
        {"route": "veilig_thuis"},
        {"urgency": "acuut"},
        {"safety_signals": [SafetySignal(kind="unclear", phrase="ik kan niet meer")]},
        {"mode": "staff"},
        {"taken_by": "medewerker"},
    ],
)
def test_never_in_a_conversation_about_safety_or_with_a_person(changes: dict[str, object]) -> None:
    assert not may_ask(case(**changes))
    assert not may_ask(None)


def test_a_caller_answers_with_a_key_or_in_words() -> None:
    assert rating_of_answer("feedback:gaat_wel", MENU) == "gaat_wel"
    assert rating_of_answer("niet goed", MENU) == "niet_goed"
    assert rating_of_answer("ja prima", MENU) == "goed"
    assert rating_of_answer("het ging redelijk", MENU) == "gaat_wel"
    # More than an answer: the caller has something else to say, the conversation goes on.
    assert rating_of_answer("goed maar ik heb nog een vraag over mijn afspraak", MENU) is None
    assert rating_of_answer("feedback:anders", MENU) is None
    # Outside the feedback question, "goed" is an ordinary answer.
    assert rating_of_answer("goed", {"1": "/affirm"}) is None
    assert is_feedback_menu(MENU) and not is_feedback_menu({})


def test_the_sentence_is_kept_short_and_on_one_line() -> None:
    assert plain_remark("  Fijn\n geholpen  ") == "Fijn geholpen"
    assert len(plain_remark("a" * 1000)) == 300


def test_a_short_answer_that_is_no_rating_skips_the_question() -> None:
    # Held by phone: "nee dank u" after the feedback question restarted the conversation.
    for said in ("nee dank u", "hoeft niet", "nee", "doei"):
        assert is_no_rating(said, None), said
    assert not is_no_rating("/ask_person", None)  # key 0: a person
    # Held by phone: "medewerker" to the feedback question hung up.
    assert not is_no_rating("medewerker", None)
    assert not is_no_rating("mag ik een mens", None)
    assert not is_no_rating("ik wil niet meer leven", object())  # safety comes first
    assert not is_no_rating("ik heb toch nog een vraag over mijn schulden", None)
