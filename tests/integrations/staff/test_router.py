"""The phrasing editor's API with a real Redis: login, live B1 check, save, history, revert."""

from fastapi.testclient import TestClient

from integrations.nlg.service import Phrasing

NAME = "utter_goodbye"


OWN_ORIGIN = {"Origin": "http://testserver"}


def login(client: TestClient) -> None:
    # The staff pages send their own Origin with every change (CSRF check).
    client.headers.update(OWN_ORIGIN)
    response = client.post(
        "/staff/api/login", json={"username": "redacteur", "password": "dev-wachtwoord"}
    )
    assert response.status_code == 200
    assert "toegang_staff" in response.cookies


def test_pages_and_api_refuse_without_login(client: TestClient) -> None:
    assert client.get("/staff/api/teksten").status_code == 401
    page = client.get("/staff/teksten", follow_redirects=False)
    assert (page.status_code, page.headers["location"]) == (303, "/staff/login?next=/staff/teksten")
    wrong = client.post("/staff/api/login", json={"username": "redacteur", "password": "nee"})
    assert wrong.status_code == 401
    assert wrong.json()["detail"] == "Gebruikersnaam of wachtwoord klopt niet."


def test_staff_see_every_text(client: TestClient) -> None:
    login(client)
    rows = {row["name"]: row for row in client.get("/staff/api/teksten").json()}
    assert rows[NAME]["text"] == "Dank u wel. Tot ziens!"
    assert rows["utter_technical_problem"]["placeholders"] == ["contact_phone"]
    assert client.get("/staff/teksten").status_code == 200


def test_live_check_warns_and_fails(client: TestClient) -> None:
    login(client)
    long = "Wij willen u heel graag bedanken voor het gesprek dat wij vandaag samen hadden."
    result = client.post(f"/staff/api/b1?name={NAME}", json={"text": long}).json()
    assert result["chat"]["verdict"] == "warn"
    assert result["chat"]["findings"][0]["rule"] == "zinslengte"
    bad = client.post(f"/staff/api/b1?name={NAME}", json={"text": "Indien gewenst, bel, mail."})
    assert bad.json()["can_save"] is False


def test_save_takes_effect_and_revert_brings_the_old_text_back(client: TestClient) -> None:
    login(client)
    phrasing: Phrasing = client.app.state.phrasing  # type: ignore[attr-defined]
    saved = client.put(f"/staff/api/teksten/{NAME}", json={"text": "Bedankt. Tot ziens!"})
    assert saved.status_code == 200
    assert client.portal.call(phrasing.text, NAME) == "Bedankt. Tot ziens!"  # type: ignore[union-attr]

    history = client.get(f"/staff/api/teksten/{NAME}/history").json()
    assert history[0]["who"] == "redacteur"
    assert history[0]["before"]["text"] == "Dank u wel. Tot ziens!"
    assert history[0]["after"]["text"] == "Bedankt. Tot ziens!"

    client.post(f"/staff/api/teksten/{NAME}/revert", json={"index": 0})
    assert client.portal.call(phrasing.text, NAME) == "Dank u wel. Tot ziens!"  # type: ignore[union-attr]
    assert len(client.get(f"/staff/api/teksten/{NAME}/history").json()) == 2


def test_a_failing_text_or_lost_placeholder_is_not_saved(client: TestClient) -> None:
    login(client)
    failing = client.put(f"/staff/api/teksten/{NAME}", json={"text": "Men dankt je."})
    assert failing.status_code == 422
    lost = client.put(
        "/staff/api/teksten/utter_technical_problem", json={"text": "Sorry. Bel ons later."}
    )
    assert lost.status_code == 422
    assert "{contact_phone}" in " ".join(lost.json()["problems"])
    assert client.put("/staff/api/teksten/utter_nope", json={"text": "Hoi."}).status_code == 404


def test_logout_ends_the_session(client: TestClient) -> None:
    login(client)
    client.post("/staff/api/logout")
    assert client.get("/staff/api/teksten").status_code == 401


def test_another_site_cannot_use_the_staff_session(client: TestClient) -> None:
    """CSRF: with a logged-in session, a change from another site's page, or without the
    Origin of the staff pages, is refused with 403 (issue 20: was 401)."""
    login(client)
    change = {"text": "Bedankt. Tot ziens!"}
    forged = client.put(
        f"/staff/api/teksten/{NAME}", json=change, headers={"Origin": "https://kwaad.example"}
    )
    assert forged.status_code == 403
    cross = client.put(
        f"/staff/api/teksten/{NAME}", json=change, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert cross.status_code == 403
    del client.headers["Origin"]
    assert client.put(f"/staff/api/teksten/{NAME}", json=change).status_code == 403
    own = client.put(
        f"/staff/api/teksten/{NAME}", json=change, headers={"Origin": "http://testserver"}
    )
    assert own.status_code == 200
    # The text goes back, so no later test (in any order) hears this one's change.
    back = client.post(
        f"/staff/api/teksten/{NAME}/revert",
        json={"index": 0},
        headers={"Origin": "http://testserver"},
    )
    assert back.status_code == 200
    assert (
        client.get("/staff/api/teksten", headers={"Sec-Fetch-Site": "cross-site"}).status_code
        == 200
    )
