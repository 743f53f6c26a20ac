"""What the assistant answers to a number or a safe time in a safety case (cases.contact_reply)."""

from datetime import UTC, datetime

from integrations.cases.contact_reply import (
    NUMBER_NOTED,
    NUMBER_NOTED_ASK_SAFE,
    TIME_NOTED,
    Reply,
    contact_reply,
)
from integrations.cases.facts import read_message
from integrations.cases.record import Case, Handoff

T0 = datetime(2026, 12, 2, 14, tzinfo=UTC)
WAITING = Case(
    session_id="s",
    created_at=T0,
    updated_at=T0,
    route="veilig_thuis",
    urgency="acuut",
    handoff=Handoff(reason="veilig_thuis", urgency="acuut"),
)


def test_a_number_and_a_safe_time_are_passed_on_in_a_safety_case() -> None:
    said = read_message("bel mij alleen overdag op 0611122233, dan is hij op zijn werk")
    assert contact_reply(WAITING, said) == [
        Reply(NUMBER_NOTED, {"call_number": "06 1112 2233"}),
        Reply(TIME_NOTED),
    ]
    # After Veilig Thuis a number alone is first asked whether a call on it is safe.
    assert contact_reply(WAITING, read_message("0592 123 456")) == [
        Reply(NUMBER_NOTED_ASK_SAFE, {"call_number": "0592 123 456"})
    ]
    crisis = WAITING.model_copy(update={"route": "crisis"})
    assert contact_reply(crisis, read_message("0592 123 456")) == [
        Reply(NUMBER_NOTED, {"call_number": "0592 123 456"})
    ]
    assert contact_reply(WAITING, read_message("alleen na 5 uur bellen")) == [Reply(TIME_NOTED)]


def test_anything_else_goes_to_the_assistant() -> None:
    contact = read_message("bel mij op 0611122233")
    assert contact_reply(WAITING, read_message("hij is nu thuis en ik ben bang")) is None
    assert contact_reply(WAITING, read_message("0611122233, het gaat over mijn rolstoel")) is None
    assert contact_reply(None, contact) is None
    calm = WAITING.model_copy(update={"route": "buurtteam", "urgency": "normaal"})
    assert contact_reply(calm, contact) is None
    assert contact_reply(WAITING.model_copy(update={"handoff": None}), contact) is None
    assert contact_reply(WAITING.model_copy(update={"closed_at": T0}), contact) is None
