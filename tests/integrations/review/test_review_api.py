"""The review API with a real Redis: finished conversations only, a turn marked with what the
resident meant, personal data out of the marks, the two exports, erasure, and the staff login."""

import yaml
from fastapi.testclient import TestClient

from integrations.cases.record import CaseUpdate
from integrations.settings import DEV_STAFF_API_TOKEN

STAFF = {"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}


def conversation(
    client: TestClient, said: str, finished: bool, route: str = "informatie"
) -> tuple[str, str]:
    """A chat conversation with one resident turn; finished = the assistant said goodbye."""
    session_id: str = client.post("/api/chat/sessions").json()["session_id"]
    cases = client.app.state.cases  # type: ignore[attr-defined]
    entries = [
        {"sender": "resident", "text": said},
        {"sender": "bot", "text": "Sorry, dat begreep ik niet goed."},
        {"sender": "resident", "payload": "/goodbye"},
        {"sender": "bot", "text": "Dank u wel. Tot ziens!"},
    ]
    client.portal.call(cases.append_transcript, session_id, entries)  # type: ignore[union-attr]
    client.portal.call(cases.update, session_id, CaseUpdate(route=route))  # type: ignore[union-attr]
    if finished:
        feedback = client.app.state.feedback  # type: ignore[attr-defined]
        asked = client.portal.call(feedback.store.asked, session_id, "chat")  # type: ignore[union-attr]
        assert asked
    turns = client.get(f"/api/review/conversations/{session_id}", headers=STAFF)
    first = turns.json()["turns"][0]["id"] if turns.status_code == 200 else ""
    return session_id, first


def test_only_finished_conversations_can_be_reviewed(client: TestClient) -> None:
    going_on, _ = conversation(client, "ik heb een vraag", finished=False)
    done, _ = conversation(client, "mijn kat is weg", finished=True)
    listed = {
        row["session_id"]: row
        for row in client.get("/api/review/conversations", headers=STAFF).json()
    }
    assert done in listed and going_on not in listed
    assert listed[done]["first_words"] == "mijn kat is weg"
    assert client.get(f"/api/review/conversations/{going_on}", headers=STAFF).status_code == 404


def test_a_button_turn_reads_as_words_and_cannot_be_marked(client: TestClient) -> None:
    session_id, _ = conversation(client, "mijn kat is weg", finished=True)
    turns = client.get(f"/api/review/conversations/{session_id}", headers=STAFF).json()["turns"]
    pressed = [t for t in turns if t["button"]]
    assert [t["text"] for t in pressed] == ["gesprek afsluiten"]  # not "/goodbye"
    marked = client.put(
        f"/api/review/conversations/{session_id}/marks/{pressed[0]['id']}",
        json={"intent": "out_of_scope"},
        headers=STAFF,
    )
    assert marked.status_code >= 400


def test_a_turn_marked_as_misunderstood_is_exported_for_the_team(client: TestClient) -> None:
    said = "ik kom nie rond bel me op 0612345678"
    session_id, turn = conversation(client, said, finished=True)
    marked = client.put(
        f"/api/review/conversations/{session_id}/marks/{turn}",
        json={"intent": "money_worries", "answer": "Het buurtteam helpt u met geldzorgen."},
        headers=STAFF,
    )
    assert marked.status_code == 200, marked.json()
    mark = marked.json()
    assert (mark["intent"], mark["route"], mark["who"]) == ("money_worries", "buurtteam", "api")
    assert mark["words"] == "ik kom nie rond bel me op [telefoon]"  # no phone number kept

    opened = client.get(f"/api/review/conversations/{session_id}", headers=STAFF).json()
    assert [m["turn"] for m in opened["marks"]] == [turn]

    rasa = client.get("/api/review/export/rasa.yml", headers=STAFF)
    assert "attachment" in rasa.headers["content-disposition"]
    nlu = yaml.safe_load(rasa.text)["nlu"]
    assert {
        "intent": "money_worries",
        "examples": "- ik kom nie rond bel me op [telefoon]\n",
    } in nlu
    rows = client.get("/api/review/export/evaluatie.tsv", headers=STAFF).text.splitlines()
    assert "buurtteam\tchat\tik kom nie rond bel me op [telefoon]" in rows
    assert rows[0].startswith("# Evaluation cases")

    # Only a route, or only a better answer, is a mark too; nothing at all is not.
    route_only = client.put(
        f"/api/review/conversations/{session_id}/marks/{turn}",
        json={"route": "medewerker"},
        headers=STAFF,
    )
    assert route_only.json()["route"] == "medewerker" and route_only.json()["intent"] is None
    empty = client.put(
        f"/api/review/conversations/{session_id}/marks/{turn}", json={}, headers=STAFF
    )
    assert empty.status_code == 422
    unknown = client.put(
        f"/api/review/conversations/{session_id}/marks/{turn}",
        json={"intent": "kat"},
        headers=STAFF,
    )
    assert unknown.status_code == 422

    bot_turn = opened["turns"][1]["id"]
    assert (
        client.put(
            f"/api/review/conversations/{session_id}/marks/{bot_turn}",
            json={"route": "medewerker"},
            headers=STAFF,
        ).status_code
        == 404
    )

    removed = client.delete(f"/api/review/conversations/{session_id}/marks/{turn}", headers=STAFF)
    assert removed.json() == {"removed": True}
    assert (
        client.get(f"/api/review/conversations/{session_id}", headers=STAFF).json()["marks"] == []
    )
    # Issue 20: taking a mark away is in the audit log like placing it (once, when there was one).
    again = client.delete(f"/api/review/conversations/{session_id}/marks/{turn}", headers=STAFF)
    assert again.json() == {"removed": False}
    actions = [
        e["action"]
        for e in client.get("/api/audit", headers=STAFF).json()
        if e.get("session_id") == session_id
    ]
    assert actions.count("beurt gemarkeerd") >= 1
    assert actions.count("markering verwijderd") == 1


def test_marks_go_when_the_conversation_is_erased(client: TestClient) -> None:
    session_id, turn = conversation(client, "waar is het zwembad", finished=True)
    client.put(
        f"/api/review/conversations/{session_id}/marks/{turn}",
        json={"intent": "out_of_scope"},
        headers=STAFF,
    )
    assert client.delete(f"/api/cases/{session_id}", headers=STAFF).status_code == 200
    marks = client.portal.call(client.app.state.review_marks.all)  # type: ignore[union-attr, attr-defined]
    assert all(m.session_id != session_id for m in marks)


def test_review_is_behind_the_staff_login(client: TestClient) -> None:
    assert client.get("/api/review/conversations").status_code == 401
    assert client.get("/api/review/export/rasa.yml").status_code == 401
    page = client.get("/staff/review", follow_redirects=False)
    assert (page.status_code, page.headers["location"]) == (303, "/staff/login?next=/staff/review")


def test_communication_staff_never_read_a_safety_conversation_or_a_number(
    client: TestClient,
) -> None:
    """Staff audit 2026-12-02, defect 10: the communication account read violence and crisis
    transcripts. Communicatie reviews the other conversations, without numbers; the
    aanmeldteam reads them all."""
    violence, _ = conversation(client, "mijn man slaat mij", finished=True, route="veilig_thuis")
    crisis, _ = conversation(client, "ik wil niet meer leven", finished=True, route="crisis")
    other, _ = conversation(client, "bel me op 0612345678 over de wmo", finished=True)

    def seen_by(user: str) -> tuple[set[str], int, int, str]:
        client.cookies.clear()
        body = {"username": user, "password": "dev-wachtwoord"}
        assert client.post("/staff/api/login", json=body).status_code == 200
        listed = {row["session_id"] for row in client.get("/api/review/conversations").json()}
        opened = client.get(f"/api/review/conversations/{violence}").status_code
        marked = client.put(
            f"/api/review/conversations/{crisis}/marks/0-1",
            json={"route": "crisis"},
            headers={"Origin": "http://testserver"},
        ).status_code
        said = client.get(f"/api/review/conversations/{other}").json()["turns"][0]["text"]
        return listed & {violence, crisis, other}, opened, marked, said

    listed, opened, marked, said = seen_by("tekstschrijver")
    assert listed == {other} and opened == 404 and marked == 404
    assert said == "bel me op [telefoon] over de wmo"
    listed, opened, _, said = seen_by("aanmelder")
    assert listed == {violence, crisis, other} and opened == 200
    assert said == "bel me op 0612345678 over de wmo"
