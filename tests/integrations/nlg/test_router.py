"""Rasa's NLG endpoint on the gateway."""

from fastapi.testclient import TestClient

from integrations.settings import DEV_INTERNAL_API_TOKEN
from tests.integrations.listeners import on_internal

INTERNAL = {"Authorization": f"Bearer {DEV_INTERNAL_API_TOKEN}"}


def nlg(client: TestClient, response: str, **extra: object) -> dict[str, object]:
    body = {"response": response, "arguments": {}, "tracker": {"slots": {}}, "channel": {}}
    body.update(extra)
    answer = client.post(on_internal("/nlg"), json=body, headers=INTERNAL)
    assert answer.status_code == 200, answer.text
    result: dict[str, object] = answer.json()
    return result


def test_a_long_conversation_still_gets_its_words(client: TestClient) -> None:
    """Rasa sends the whole tracker: after many turns that is far more than a chat message."""
    events = [{"event": "user", "text": "x" * 500, "parse_data": {}} for _ in range(1000)]
    answer = nlg(client, "utter_anything_else", tracker={"slots": {}, "events": events})
    assert answer["text"]


def test_offers_with_fewer_times_show_fewer_buttons(client: TestClient) -> None:
    arguments = {"team_name": "Buurtteam Marsdijk", "offer_1": "maandag 23 november om 9.00 uur"}
    answer = nlg(client, "utter_offer_appointments", arguments=arguments)
    titles = [b["title"] for b in answer["buttons"]]  # type: ignore[attr-defined]
    assert titles[0] == "maandag 23 november om 9.00 uur"
    assert not any("{" in title for title in titles)
    assert "Praat met een medewerker" in titles


def test_the_calendar_link_is_for_chat_only(client: TestClient) -> None:
    arguments = {"ics_url": "/api/agenda/afspraak/abc.ics", "team_name": "T",
                 "appointment_when": "w", "team_address": "a"}  # fmt: skip
    chat = nlg(client, "utter_appointment_booked", arguments=arguments)
    assert chat["custom"] == {
        "link": {"title": "Zet de afspraak in uw agenda", "url": "/api/agenda/afspraak/abc.ics"}
    }
    phone = nlg(client, "utter_appointment_booked", arguments=arguments, channel={"name": "phone"})
    assert "custom" not in phone
