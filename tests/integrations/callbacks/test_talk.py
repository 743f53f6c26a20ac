"""The chat's callback question, as residents answer it: pure."""

import pytest

from integrations.callbacks.talk import asks_when_called, read_answer, should_ask


@pytest.mark.parametrize(
    "text",
    [
        "06 12 34 56 78",
        "0612345678",
        "+31 6 12345678",
        "0592-123456",
        "mijn nummer is 06-12345678",
        "nul zes een twee drie vier vijf zes zeven acht",
    ],
)
def test_a_number_in_any_common_form_is_kept(text: str) -> None:
    answer = read_answer("asking", text)
    assert answer.number is not None and len(answer.number) == 10
    assert answer.phrases == ["utter_callback_kept"] and answer.state == "done"


@pytest.mark.parametrize(
    "text",
    [
        "nee", "Nee dank u", "ik bel zelf wel", "/deny", "liever niet",
        # English, as a resident answers "Would you like a member of staff to call you?"
        "no", "No thank you", "I will call myself", "I'll call them tomorrow", "don't call me",
        "not necessary",
    ],
)  # fmt: skip
def test_no_gets_the_number_to_call_and_no_promise(text: str) -> None:
    answer = read_answer("asking", text)
    assert answer.declined and answer.number is None
    assert answer.phrases == ["utter_callback_declined"]


def test_something_else_is_asked_once_more_then_the_conversation_goes_on() -> None:
    """Issue 15 changes this: a sentence about something else ("wat kost dat gesprek") was
    answered "Dat is geen telefoonnummer"; now Rasa answers it and the question comes again."""
    other = read_answer("asking", "wat kost dat gesprek")
    assert other.to_rasa and other.phrases == [] and other.state == "none"
    first = read_answer("asking", "ja graag")
    assert first.phrases == ["utter_callback_again"] and first.state == "asked_again"
    second = read_answer("asked_again", "ik weet mijn nummer niet uit mijn hoofd")
    assert second.to_rasa and second.phrases == [] and second.state == "done"


def test_a_number_that_is_too_short_is_no_number() -> None:
    assert read_answer("asking", "06 1234").number is None


def test_asked_only_after_a_handoff_when_closed_and_no_number_is_known() -> None:
    assert should_ask("none", office_open=False, handed_over=True, has_number=False)
    assert not should_ask("none", office_open=True, handed_over=True, has_number=False)
    assert not should_ask("none", office_open=False, handed_over=False, has_number=False)
    assert not should_ask("none", office_open=False, handed_over=True, has_number=True)
    assert not should_ask("done", office_open=False, handed_over=True, has_number=False)


@pytest.mark.parametrize(
    ("text", "about_the_call"),
    [
        ("wanneer bellen jullie?", True),
        ("hoe laat belt die medewerker mij", True),
        ("when will you call?", True),
        ("wanneer kan ik jullie bellen", False),  # when the resident may call: the hours
        ("wanneer is het buurtteam open", False),
    ],
)
def test_asking_when_the_promised_call_comes(text: str, about_the_call: bool) -> None:
    assert asks_when_called(text) is about_the_call
