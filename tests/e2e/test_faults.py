"""Parts of the stack go down: /readyz names them, residents get the phone number, not a 500.

Runs after the conversation tests (file order) because it stops and restarts real processes.
"""

import httpx
import pytest

from integrations.phone.simulator import PhoneCall
from integrations.stack.launcher import Stack

PHONE = "14 0592"


def down_parts(gateway: httpx.Client) -> list[str]:
    response = gateway.get("/readyz")
    body = response.json()
    assert (response.status_code == 200) == (body["down"] == [])
    down: list[str] = body["down"]
    return down


def restart(stack: Stack, name: str) -> None:
    stack.parts[name].start()
    if not stack.wait_ready(timeout_seconds=300):
        pytest.fail(f"{name} did not come back:\n{stack.parts[name].log_tail(40)}")


def test_action_server_down(stack: Stack, gateway: httpx.Client) -> None:
    session_id = gateway.post("/api/chat/sessions").json()["session_id"]
    stack.parts["action_server"].stop()
    try:
        assert down_parts(gateway) == ["action_server"]
        # The fallback is a custom action: with the action server gone Rasa says nothing,
        # and the gateway fills the silence with the phone number.
        response = gateway.post(
            f"/api/chat/sessions/{session_id}/messages", json={"payload": "/nlu_fallback"}
        )
        assert response.status_code == 200
        assert PHONE in response.json()["messages"][0]["text"]
    finally:
        restart(stack, "action_server")
    assert down_parts(gateway) == []


def test_rasa_down(stack: Stack, gateway: httpx.Client) -> None:
    session_id = gateway.post("/api/chat/sessions").json()["session_id"]
    stack.parts["rasa"].stop()
    try:
        assert down_parts(gateway) == ["rasa"]
        response = gateway.post(
            f"/api/chat/sessions/{session_id}/messages", json={"text": "ik wil hulp"}
        )
        assert response.status_code == 503
        assert PHONE in response.json()["messages"][0]["text"]
        # A caller is put through to the aanmeldteam instead of hearing silence.
        s = stack.settings
        phone = PhoneCall(
            stack.gateway_url, s.public_base_url, s.twilio_auth_token.get_secret_value()
        )
        assert phone.start().dialed == s.aanmeldteam_dial
    finally:
        restart(stack, "rasa")
    # The conversation goes on once Rasa is back.
    response = gateway.post(f"/api/chat/sessions/{session_id}/messages", json={"payload": "/greet"})
    assert response.status_code == 200
    assert response.json()["messages"][-1]["text"] == "Waar kan ik u mee helpen?"


def test_redis_down(stack: Stack, gateway: httpx.Client) -> None:
    stack.parts["redis"].stop()
    try:
        assert "redis" in down_parts(gateway)
        response = gateway.post("/api/chat/sessions")
        assert response.status_code == 503
        assert PHONE in response.json()["messages"][0]["text"]
    finally:
        restart(stack, "redis")
    assert gateway.post("/api/chat/sessions").status_code == 201


def test_a_slow_action_server_never_leaves_silence(stack: Stack, gateway: httpx.Client) -> None:
    """The action server hangs (paused): the resident gets the phone number within the
    gateway's time limit, and the next conversation works once it runs again."""
    import os
    import signal

    pid = stack.parts["action_server"].pid
    assert pid is not None
    session_id = gateway.post("/api/chat/sessions").json()["session_id"]
    os.kill(pid, signal.SIGSTOP)
    try:
        response = gateway.post(
            f"/api/chat/sessions/{session_id}/messages", json={"text": "ik wil een scootmobiel"}
        )
        assert response.status_code == 503
        assert PHONE in response.json()["messages"][0]["text"]
    finally:
        os.kill(pid, signal.SIGCONT)
    fresh = gateway.post("/api/chat/sessions").json()["session_id"]
    answer = gateway.post(f"/api/chat/sessions/{fresh}/messages", json={"payload": "/greet"})
    assert answer.status_code == 200


def test_a_redis_restart_keeps_the_appointment_and_the_conversation(
    stack: Stack, gateway: httpx.Client
) -> None:
    """Nothing acknowledged to a resident is lost: the booking survives a Redis restart, and
    the resident can still cancel it in the same conversation."""
    from .test_booking import offers_in, to_the_wijk_question
    from .test_conversation import case_of, say

    session_id = to_the_wijk_question(gateway)
    times = offers_in(say(gateway, session_id, text="Marsdijk"))
    say(gateway, session_id, payload=times[0]["payload"])
    say(gateway, session_id, payload="ja")
    say(gateway, session_id, payload="nee")
    assert case_of(gateway, session_id)["appointment"]["when"] == times[0]["title"]
    stack.parts["redis"].stop()
    restart(stack, "redis")
    assert case_of(gateway, session_id)["appointment"]["when"] == times[0]["title"]
    cancelled = say(gateway, session_id, text="ik wil mijn afspraak afzeggen")
    assert any(times[0]["title"] in str(m["text"]) for m in cancelled)
