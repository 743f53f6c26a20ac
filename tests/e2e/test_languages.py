# ruff: noqa: RUF001  (Turkish writes the dotless i)
"""Conversations held as residents would, in their own language, through the real stack:
English answered in English, the languages of Assen answered with the way to a tolk and
never a Dutch route, Dutch residents kept in Dutch; and questions about the buurtteam, how
long an application takes and matters of other departments (issue 15)."""

from typing import Any

import httpx

from integrations.phone.simulator import PhoneCall
from integrations.settings import DEV_STAFF_API_TOKEN
from integrations.stack.launcher import Stack

STAFF = {"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}


def start(gateway: httpx.Client) -> str:
    session_id: str = gateway.post("/api/chat/sessions").json()["session_id"]
    return session_id


def say(gateway: httpx.Client, session_id: str, text: str) -> list[str]:
    response = gateway.post(f"/api/chat/sessions/{session_id}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    return [str(m["text"]) for m in response.json()["messages"]]


def case_of(gateway: httpx.Client, session_id: str) -> dict[str, Any]:
    case: dict[str, Any] = gateway.get(f"/api/cases/{session_id}", headers=STAFF).json()
    return case


def test_an_english_resident_is_answered_in_english(gateway: httpx.Client) -> None:
    sid = start(gateway)
    first = say(gateway, sid, "hello I need help with cleaning my house")
    assert first[0] == (
        "You are looking for help in the household. First I will ask you a few short questions."
    )
    assert case_of(gateway, sid)["route"] == "huishoudelijke_hulp"
    assert say(gateway, sid, "For myself") == ["Since when is this needed?"]
    assert say(gateway, sid, "ok")[-1].endswith("?")  # a short "ok" keeps it English
    assert all(text.isascii() for text in say(gateway, sid, "I will call myself"))


def test_a_dutch_resident_is_never_answered_in_english(gateway: httpx.Client) -> None:
    sid = start(gateway)
    texts = say(gateway, sid, "help")
    texts += say(gateway, sid, "ok")
    texts += say(gateway, sid, "ik ken me huis nie meer schoon houwe")
    assert not any(t.startswith(("You ", "Would you", "Sorry, I")) for t in texts), texts
    assert case_of(gateway, sid)["route"] in {"buurtteam", "huishoudelijke_hulp"}


def test_an_english_crisis_gets_113_and_112(gateway: httpx.Client) -> None:
    sid = start(gateway)
    texts = " ".join(say(gateway, sid, "i want to kill myself"))
    assert "113" in texts and "112" in texts
    assert "Thank you for telling me." in texts  # in English, not in Dutch
    assert case_of(gateway, sid)["route"] == "crisis"


def test_the_languages_of_assen_get_the_way_to_a_tolk_never_a_dutch_route(
    gateway: httpx.Client,
) -> None:
    for text, start_of_answer in [
        ("عندي ديون كثيرة ولا أفهم الرسائل التي تصلني", "نحن نتكلم الهولندية والإنجليزية."),
        ("Merdivenleri artık çıkamıyorum, yardım lazım", "Biz Hollandaca ve İngilizce"),
        ("Po operacji nie mogę sprzątać mieszkania", "Mówimy po niderlandzku i po angielsku."),
        ("ኣደይ ክትከይድ ኣይትኽእልን እያ", "We speak Dutch and English."),
        ("Мені потрібен інвалідний візок для мами", "Ми розмовляємо нідерландською"),
    ]:
        sid = start(gateway)
        texts = say(gateway, sid, text)
        assert texts[-1].startswith(start_of_answer), texts
        assert "14 0592" in texts[-1] and "112" in texts[-1]
        assert case_of(gateway, sid)["route"] is None, text  # no Dutch route


def test_a_crisis_in_another_language_gets_safety_first_then_the_tolk(
    gateway: httpx.Client,
) -> None:
    sid = start(gateway)
    texts = say(gateway, sid, "لم أعد أريد أن أعيش. كتبت رسائل وداع لأولادي")
    assert "113" in " ".join(texts[:-1])
    assert texts[-1].startswith("نحن نتكلم")
    assert case_of(gateway, sid)["route"] == "crisis"


def test_where_the_buurtteam_is_and_how_long_it_takes(gateway: httpx.Client) -> None:
    sid = start(gateway)
    where = say(gateway, sid, "waar is het buurtteam in kloosterveen")[0]
    assert "Buurtteam Kloosterveen: " in where and "Buurtteam Marsdijk" not in where
    assert "Maandag tot en met" in where and "zonder afspraak" in where
    assert case_of(gateway, sid)["route"] == "informatie"
    sid = start(gateway)
    every = say(gateway, sid, "waar zit mijn buurtteam")[0]
    assert every.count("Buurtteam ") == 6
    sid = start(gateway)
    duration = say(gateway, sid, "hoe lang duurt het voor ik hoor of ik hulp krijg")[0]
    assert "6 weken" in duration and "2 weken" in duration
    assert case_of(gateway, sid)["route"] == "informatie"


def test_other_departments_are_answered_with_where_to_go(gateway: httpx.Client) -> None:
    for text in ("mijn paspoort is verlopen", "wanneer komt de vuilnisauto", "parkeervergunning"):
        sid = start(gateway)
        answer = say(gateway, sid, text)[0]
        assert "algemene nummer van de gemeente: 14 0592" in answer, (text, answer)
        assert case_of(gateway, sid)["route"] == "buiten_scope"


def call(stack: Stack) -> PhoneCall:
    s = stack.settings
    return PhoneCall(stack.gateway_url, s.public_base_url, s.twilio_auth_token.get_secret_value())


def test_phone_english_and_ukrainian_callers(stack: Stack) -> None:
    english = call(stack)
    english.start()
    heard = english.say("hello I need help with cleaning my house")
    assert heard.spoken[0].startswith("You are looking for help in the household.")
    assert "Say person or press 0." in heard.spoken
    heard = english.press("1")
    assert heard.spoken[0] == "Since when is this needed?"

    ukrainian = call(stack)
    ukrainian.start()
    heard = ukrainian.say("Мені потрібна допомога вдома, я не розмовляю нідерландською")
    assert heard.spoken[0].startswith("Ми розмовляємо нідерландською та англійською.")
    assert heard.dialed is not None  # in office hours: a person, who calls in a tolk


def test_an_english_resident_books_an_appointment_in_english(gateway: httpx.Client) -> None:
    """The appointment dialogue asks in English and reads English answers ("the first one",
    "yes", "no thanks"); before, its questions were Dutch and "the first one" was not read."""
    sid = start(gateway)
    asked = say(gateway, sid, "I would like an appointment with the neighbourhood team")
    assert asked[-1].startswith("Which part of town (wijk) do you live in?")
    offered = say(gateway, sid, "I live in Kloosterveen")
    assert offered[-1].endswith("Which time suits you?"), offered
    confirm = say(gateway, sid, "the first one")
    assert confirm[-1].startswith("Shall I make the appointment for you?"), confirm
    booked = say(gateway, sid, "yes")
    assert booked[0].startswith("Your appointment is fixed."), booked
    assert case_of(gateway, sid)["appointment"] is not None


def test_an_english_resident_in_crisis_is_asked_and_answered_in_english(
    gateway: httpx.Client,
) -> None:
    sid = start(gateway)
    texts = say(gateway, sid, "I cannot cope anymore")
    assert any("Are you thinking of hurting yourself?" in t for t in texts), texts
    yes = " ".join(say(gateway, sid, "maybe"))
    assert "113" in yes and "Thank you for telling me." in yes
    afraid = " ".join(say(gateway, sid, "I am scared to call"))
    assert "You do not have to call. You can also chat with 113." in afraid
    assert case_of(gateway, sid)["route"] == "crisis"


def test_what_the_buurtteam_is_gets_its_answer_not_the_wmo(gateway: httpx.Client) -> None:
    """Heard: "wat is een buurtteam?" as a first message got what the Wmo is."""
    sid = start(gateway)
    answer = say(gateway, sid, "wat is dat eigenlijk een buurtteam?")
    assert answer[0].startswith("Het buurtteam zijn hulpverleners bij u in de wijk."), answer
    assert case_of(gateway, sid)["route"] == "informatie"
