"""The phrasing editor's API with a real Redis: texts found by when and where they are used,
out-of-hours texts and button labels changed and used, the preview with sample values, the
reasons a text cannot be saved, and a reverted text no longer marked as changed."""

from collections.abc import Iterator

import pytest
import redis
from fastapi.testclient import TestClient

from integrations.nlg.service import Phrasing

ORIGINAL_CLOSED = (
    "Nu zijn er geen medewerkers. Wij zijn er {opening_hours}. "
    "Bij gevaar belt u meteen {emergency_number}."
)


@pytest.fixture(autouse=True)
def no_changes_yet(redis_url: str) -> Iterator[None]:
    """Each test starts from the content files: no staff changes in Redis."""
    server = redis.Redis.from_url(redis_url)
    server.delete("phrasing:override", *server.keys("phrasing:history:*"))
    yield
    server.delete("phrasing:override", *server.keys("phrasing:history:*"))


@pytest.fixture
def staff(client: TestClient) -> TestClient:
    # The staff pages send their own Origin with every change (the CSRF check of issue 20).
    client.headers.update({"Origin": "http://testserver"})
    response = client.post(
        "/staff/api/login", json={"username": "redacteur", "password": "dev-wachtwoord"}
    )
    assert response.status_code == 200
    return client


def rows(client: TestClient) -> dict[str, dict[str, object]]:
    return {row["name"]: row for row in client.get("/staff/api/teksten").json()}


def test_each_text_says_when_and_where_it_is_used(staff: TestClient) -> None:
    texts = rows(staff)
    goodbye = texts["utter_goodbye"]
    assert goodbye["moment"] == "Einde van het gesprek: afscheid"
    assert goodbye["where"] == ["chat", "telefoon"]
    menu = texts["utter_phone_transfer_veilig_thuis"]
    assert menu["where"] == ["telefoon"]
    assert [f["label"] for f in menu["fields"]] == ["Telefoontekst"]  # type: ignore[attr-defined]
    handoff = texts["utter_handoff"]
    assert handoff["closed"] == ORIGINAL_CLOSED
    assert handoff["needs"]["closed"] == ["emergency_number", "opening_hours"]  # type: ignore[index]
    offers = texts["utter_offer_appointments"]["buttons"]
    assert offers[0] == {"title": "{offer_1}", "original": "{offer_1}", "locked": True}  # type: ignore[index]
    assert offers[3] == {"title": "Andere tijd", "original": "Andere tijd", "locked": False}  # type: ignore[index]


def test_out_of_hours_text_and_button_labels_are_changed_and_used(staff: TestClient) -> None:
    phrasing: Phrasing = staff.app.state.phrasing  # type: ignore[attr-defined]
    name = "utter_handoff"
    closed = "Er is nu niemand. Wij zijn er {opening_hours}. Bij gevaar belt u {emergency_number}."
    current = rows(staff)[name]
    saved = staff.put(
        f"/staff/api/teksten/{name}", json={"text": current["text"], "closed": closed}
    )
    assert saved.status_code == 200, saved.json()
    assert rows(staff)[name]["closed"] == closed
    wording = staff.portal.call(phrasing.current, name)  # type: ignore[union-attr]
    message = phrasing.book.render(name, "rest", closed=wording.closed, office_open=False)
    assert str(message["text"]).startswith("Er is nu niemand. Wij zijn er op werkdagen")

    ask = "utter_ask_since_when"
    # Issue 15 took "Weet ik niet" out of this question's choices: it is no answer.
    titles = ["Pas sinds kort", "Al langer", "Praat met een medewerker"]
    saved = staff.put(
        f"/staff/api/teksten/{ask}", json={"text": "Sinds wanneer is dit nodig?", "buttons": titles}
    )
    assert saved.status_code == 200, saved.json()
    rendered = staff.portal.call(phrasing.render, ask)  # type: ignore[union-attr]
    assert [b["title"] for b in rendered["buttons"]] == titles  # type: ignore[attr-defined]
    assert rendered["buttons"][0]["payload"] == "/inform" or rendered["buttons"][0]["payload"]  # type: ignore[index]


def test_a_reverted_text_is_no_longer_marked_changed(staff: TestClient) -> None:
    name = "utter_goodbye"
    assert staff.put(f"/staff/api/teksten/{name}", json={"text": "Bedankt. Tot ziens!"}).is_success
    assert rows(staff)[name]["changed"] is True
    reverted = staff.post(f"/staff/api/teksten/{name}/revert", json={"index": 0}).json()
    assert reverted["text"] == "Dank u wel. Tot ziens!" and reverted["changed"] is False
    assert rows(staff)[name]["changed"] is False
    # Typing the old words back by hand is the same as a revert.
    assert staff.put(f"/staff/api/teksten/{name}", json={"text": "Bedankt. Tot ziens!"}).is_success
    assert staff.put(
        f"/staff/api/teksten/{name}", json={"text": "Dank u wel. Tot ziens!"}
    ).is_success
    assert rows(staff)[name]["changed"] is False
    assert len(staff.get(f"/staff/api/teksten/{name}/history").json()) == 4


def test_the_live_check_gives_the_preview_and_why_save_is_blocked(staff: TestClient) -> None:
    name = "utter_appointment_booked"
    text = rows(staff)[name]["text"]
    result = staff.post(f"/staff/api/b1?name={name}", json={"text": text}).json()
    assert result["unchanged"] is True and result["is_original"] is True
    assert "{" not in result["preview"]["chat"]
    assert (
        "op dinsdag 3 december om 10.00 uur naar Buurtteam Kloosterveen"
        in result["preview"]["chat"]
    )

    lost = staff.post(
        f"/staff/api/b1?name={name}", json={"text": "Uw afspraak staat vast. Tot dan!"}
    ).json()
    assert lost["can_save"] is False
    assert lost["blocked"] == [
        "Laat de invulvelden staan zoals ze waren: "
        "{appointment_when}, {professional}, {team_address}, {team_name}."
    ]

    phone = staff.post(
        "/staff/api/b1?name=utter_ask_wijk",
        json={"text": "In welke wijk woont u?", "voice": "Zeg de naam van uw wijk."},
    ).json()
    # The phone says its own short menu for this question, as the line says it (issue 17).
    assert phone["preview"]["phone"] == [
        "Zeg de naam van uw wijk.",
        "Zeg weet ik niet of kies 1.",
        "Zeg medewerker of kies 0.",
    ]
    assert not any(f["rule"] == "spraak_menu" for f in phone["voice"]["findings"])


def test_a_phone_text_cannot_lose_the_placeholder_it_needs(staff: TestClient) -> None:
    name = "utter_safety_no_answer_veilig_thuis"
    current = rows(staff)[name]
    voice = "Veilig Thuis neemt nu niet op. Bel later nog een keer. Wilt u nog iets zeggen?"
    refused = staff.put(
        f"/staff/api/teksten/{name}", json={"text": current["text"], "voice": voice}
    )
    assert refused.status_code == 422
    assert refused.json()["blocked"] == [
        "De telefoontekst heeft deze invulvelden nodig: {emergency_number}, {veilig_thuis_number}."
    ]
