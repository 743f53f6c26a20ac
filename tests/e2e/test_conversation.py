"""A resident's conversation over HTTP through every hop of the real stack."""

import httpx
import redis

from integrations.stack.launcher import Stack


def start(gateway: httpx.Client) -> str:
    response = gateway.post("/api/chat/sessions")
    assert response.status_code == 201
    session_id: str = response.json()["session_id"]
    return session_id


def say(gateway: httpx.Client, session_id: str, **body: str) -> list[dict[str, object]]:
    response = gateway.post(f"/api/chat/sessions/{session_id}/messages", json=body)
    assert response.status_code == 200, response.text
    messages: list[dict[str, object]] = response.json()["messages"]
    return messages


def texts(messages: list[dict[str, object]]) -> list[str]:
    return [str(m["text"]) for m in messages]


def button_titles(messages: list[dict[str, object]]) -> list[str]:
    return [str(b["title"]) for m in messages for b in m["buttons"]]  # type: ignore[attr-defined]


def test_the_stack_is_ready(gateway: httpx.Client) -> None:
    body = gateway.get("/readyz").json()
    assert body == {
        "status": "ready",
        "down": [],
        "checks": {"rasa": "ok", "action_server": "ok", "redis": "ok"},
    }


def test_a_dutch_conversation_from_welcome_to_goodbye(gateway: httpx.Client) -> None:
    session_id = start(gateway)

    welcome = say(gateway, session_id, payload="/greet")
    assert texts(welcome) == [
        "Goedendag. U praat met de digitale assistent van gemeente Assen.",
        "Waar kan ik u mee helpen?",
    ]
    assert "Praat met een medewerker" in button_titles(welcome)

    # Written the way people speak, with spelling errors: the NLU still gets it.
    household = say(gateway, session_id, text="ik ken me huis nie meer schoon houwe")
    assert texts(household)[0].startswith("U zoekt hulp in het huishouden.")
    assert "14 0592" in texts(household)[0]
    assert texts(household)[1] == "Kan ik u nog ergens anders mee helpen?"

    goodbye = say(gateway, session_id, payload="/deny")
    assert texts(goodbye) == ["Dank u wel. Tot ziens!"]


def test_not_understood_twice_leads_to_a_person(gateway: httpx.Client) -> None:
    """The fallback runs in the action server; its texts come from the gateway's NLG."""
    session_id = start(gateway)
    first = say(gateway, session_id, payload="/nlu_fallback")
    assert texts(first) == [
        "Sorry, dat begreep ik niet goed. Gaat uw vraag over een van deze dingen?"
    ]
    assert "Praat met een medewerker" in button_titles(first)

    second = say(gateway, session_id, payload="/nlu_fallback")
    assert texts(second)[0].startswith("Het lukt mij niet goed om u te helpen.")
    assert "Praat met een medewerker" in button_titles(second)


def test_conversations_live_in_redis_and_expire(stack: Stack, gateway: httpx.Client) -> None:
    session_id = start(gateway)
    say(gateway, session_id, payload="/greet")
    store = redis.Redis.from_url(stack.settings.effective_redis_url)
    tracker_ttl = store.ttl(f"tracker:{session_id}")
    assert 0 < tracker_ttl <= stack.settings.conversation_ttl_seconds
    assert 0 < store.ttl(f"chat:session:{session_id}") <= stack.settings.conversation_ttl_seconds


def test_bad_input_gets_a_clear_answer(gateway: httpx.Client) -> None:
    session_id = start(gateway)
    unknown = gateway.post("/api/chat/sessions/not-a-session/messages", json={"text": "hoi"})
    assert unknown.status_code == 404
    assert "bestaat niet" in unknown.json()["detail"]
    url = f"/api/chat/sessions/{session_id}/messages"
    assert gateway.post(url, json={"text": " "}).status_code == 422
    too_long = gateway.post(url, json={"text": "hulp " * 500})
    assert too_long.status_code == 422
    assert (
        too_long.json()["detail"] == "Uw bericht is te lang. Schrijf uw vraag in een paar zinnen."
    )
    # Hostile text is just text: it reaches the bot and gets an answer, not an error.
    hostile = say(gateway, session_id, text="<script>alert(1)</script> '; DROP TABLE x; --")
    assert hostile and all(m["text"] for m in hostile)
