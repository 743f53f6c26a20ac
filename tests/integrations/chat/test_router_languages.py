# ruff: noqa: RUF001  (Turkish writes the dotless i)
"""The chat API in the resident's language: English goes to Rasa marked English, a language
the assistant does not speak gets the way to a tolk in that language, never a Dutch route
(also with Rasa down: it is never asked), and a short "ok" keeps the conversation's language."""

import json

import pytest
from fastapi.testclient import TestClient

from tests.recorder import Recorder


def session(client: TestClient) -> str:
    session_id: str = client.post("/api/chat/sessions").json()["session_id"]
    return session_id


def send(client: TestClient, session_id: str, text: str) -> list[dict[str, object]]:
    response = client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    messages: list[dict[str, object]] = response.json()["messages"]
    return messages


def languages_sent(rasa: Recorder, session_id: str) -> list[str]:
    bodies = [json.loads(r.body) for r in rasa.requests if r.path.startswith("/webhooks/")]
    return [b["metadata"]["language"] for b in bodies if b["sender"] == session_id]


def test_english_goes_to_rasa_as_english_and_stays_english(
    chat: TestClient, rasa: Recorder
) -> None:
    sid = session(chat)
    send(chat, sid, "hello I need help with cleaning my house")
    send(chat, sid, "ok")
    send(chat, sid, "Kloosterveen")
    send(chat, sid, "ik wil toch liever verder in het Nederlands")
    send(chat, sid, "ok")
    assert languages_sent(rasa, sid) == ["en", "en", "en", "nl", "nl"]


def test_a_dutch_resident_stays_dutch_after_help_and_ok(chat: TestClient, rasa: Recorder) -> None:
    sid = session(chat)
    for text in ("help", "ok", "ik ken me huis nie meer schoon houwe", "thanks", "sorry"):
        send(chat, sid, text)
    assert languages_sent(rasa, sid) == ["nl"] * 5


@pytest.mark.parametrize(
    ("text", "start", "button"),
    [
        ("عندي ديون كثيرة ولا أفهم الرسائل", "نحن نتكلم", "تحدث مع موظف"),
        ("Eşim vefat etti, çok yalnızım", "Biz Hollandaca ve İngilizce", "Bir çalışanla konuşun"),
        ("Mam długi i nie rozumiem listów", "Mówimy po niderlandzku", "Rozmowa z pracownikiem"),
        ("ብዙሕ ዕዳ ኣለኒ", "We speak Dutch and English.", "Talk to a person"),
        ("Мені дуже самотньо тут", "Ми розмовляємо нідерландською", "Поговорити з працівником"),
    ],
)  # fmt: skip
def test_another_language_gets_the_way_to_a_tolk_and_never_a_route(
    chat: TestClient, rasa: Recorder, text: str, start: str, button: str
) -> None:
    sid = session(chat)
    messages = send(chat, sid, text)
    assert languages_sent(rasa, sid) == []  # Rasa never hears it: no Dutch route
    answer = messages[-1]
    assert str(answer["text"]).startswith(start)
    assert "14 0592" in str(answer["text"]) and "112" in str(answer["text"])
    assert answer["buttons"] == [{"title": button, "payload": "/ask_person"}]
    # The button goes to Rasa (a person), with the texts in English; typing again in the
    # same language gets the same answer.
    response = chat.post(f"/api/chat/sessions/{sid}/messages", json={"payload": "/ask_person"})
    assert response.status_code == 200
    assert languages_sent(rasa, sid) == ["en"]
    assert str(send(chat, sid, text)[-1]["text"]).startswith(start)
    assert languages_sent(rasa, sid) == ["en"]


def test_another_language_is_answered_also_when_rasa_is_down(client: TestClient) -> None:
    sid = session(client)
    messages = send(client, sid, "Nie mogę już sprzątać mieszkania")
    assert str(messages[-1]["text"]).startswith("Mówimy po niderlandzku")
