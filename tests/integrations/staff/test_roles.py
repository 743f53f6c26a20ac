"""Roles on every staff page and API, with a real Redis; pages that behave: deep links after
login, Dutch error pages, no-store, the CSRF check, beheer unlocking a login."""

from collections.abc import Iterator

import pytest
import redis
from fastapi.testclient import TestClient
from pydantic import ValidationError

from integrations.app import create_app
from integrations.cases import router as cases_router
from integrations.settings import DEV_STAFF_ACCOUNTS, DEV_STAFF_API_TOKEN, DEV_STAFF_HASH, Settings
from integrations.staff import router as staff_router
from integrations.staff.login_limit import PREFIX
from integrations.staff.roles import (
    StaffAccount,
    account_roles,
    landing_page,
    roles_of,
    safe_next,
)

OWN = {"Origin": "http://testserver"}
PASSWORD = "dev-wachtwoord"


@pytest.fixture
def app_client(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    async def no_pause(seconds: float) -> None:
        return None

    monkeypatch.setattr(staff_router, "failure_pause", no_pause)
    r = redis.Redis.from_url(settings.effective_redis_url)
    for key in r.scan_iter(f"{PREFIX}*"):
        r.delete(key)
    with TestClient(create_app(settings), headers=OWN) as client:
        yield client


def login(client: TestClient, user: str, next_page: str | None = None) -> dict[str, object]:
    client.cookies.clear()
    body = {"username": user, "password": PASSWORD, "next": next_page}
    response = client.post("/staff/api/login", json=body)
    assert response.status_code == 200, response.text
    answer: dict[str, object] = response.json()
    return answer


def test_accounts_keep_working_with_a_plain_hash_and_gain_roles() -> None:
    assert account_roles(DEV_STAFF_HASH) == {"aanmeldteam", "communicatie"}
    assert roles_of(DEV_STAFF_ACCOUNTS, "beheerder") == {"beheer"}
    assert roles_of(DEV_STAFF_ACCOUNTS, "niemand") == frozenset()
    read = Settings(
        _env_file=None,
        staff_accounts={  # type: ignore[dict-item]
            "anna": {"hash": DEV_STAFF_HASH, "roles": ["aanmeldteam", "beheer"]},
            "bert": DEV_STAFF_HASH,
        },
    )
    assert roles_of(read.staff_accounts, "anna") == {"aanmeldteam", "beheer"}
    assert roles_of(read.staff_accounts, "bert") == {"aanmeldteam", "communicatie"}
    with pytest.raises(ValidationError):
        StaffAccount(hash=DEV_STAFF_HASH, roles=[])
    with pytest.raises(ValidationError):
        StaffAccount(hash=DEV_STAFF_HASH, roles=["baas"])  # type: ignore[list-item]


def test_production_refuses_every_development_account() -> None:
    real = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaA"
    for user in DEV_STAFF_ACCOUNTS:
        with pytest.raises(ValidationError, match="STAFF_ACCOUNTS"):
            Settings(
                _env_file=None,
                toegang_env="production",
                staff_api_token="a-long-random-staff-token",
                twilio_auth_token="a-real-twilio-token",
                internal_api_token="a-long-random-internal-token",
                rasa_auth_token="a-long-random-rasa-token",
                action_server_token="a-long-random-action-token",
                aanmeldteam_dial="+31592123456",
                staff_accounts={"anna": real, user: DEV_STAFF_ACCOUNTS[user]},
                public_base_url="https://hulp.assen.nl",
                redis_url="redis://redis:6379/0",
            )


def test_where_each_role_starts_and_which_next_page_is_kept() -> None:
    assert landing_page({"communicatie"}) == "/staff/teksten"
    assert landing_page({"beheer", "aanmeldteam"}) == "/staff/"
    assert landing_page(set()) == "/staff/login"
    assert safe_next("/staff/gesprek?id=abc") == "/staff/gesprek?id=abc"
    for wrong in ("https://kwaad.example/", "//kwaad.example", "/staff//x", "/api/cases", None):
        assert safe_next(wrong) is None


PAGES_BY_ROLE = {
    "aanmelder": {"/staff/": 200, "/staff/gesprek": 200, "/staff/monitor": 200,
                  "/staff/teksten": 403, "/staff/beheer": 403},
    "tekstschrijver": {"/staff/": 303, "/staff/gesprek": 403, "/staff/monitor": 403,
                       "/staff/teksten": 200, "/staff/beheer": 403},
    "beheerder": {"/staff/": 303, "/staff/gesprek": 403, "/staff/monitor": 200,
                  "/staff/teksten": 403, "/staff/beheer": 200},
}  # fmt: skip
APIS_BY_ROLE = {
    "aanmelder": {"/api/handoffs": 200, "/api/cases": 200, "/api/stats": 200,
                  "/staff/api/teksten": 403, "/staff/api/beheer/accounts": 403},
    "tekstschrijver": {"/api/handoffs": 403, "/api/cases": 403, "/api/stats": 403,
                       "/api/audit": 403, "/staff/api/teksten": 200,
                       "/staff/api/beheer/accounts": 403, "/api/agenda": 403},
    "beheerder": {"/api/handoffs": 403, "/api/cases": 403, "/api/stats": 200, "/api/audit": 200,
                  "/staff/api/teksten": 403, "/staff/api/beheer/accounts": 200},
}  # fmt: skip


@pytest.mark.parametrize("user", sorted(PAGES_BY_ROLE))
def test_every_page_and_api_checks_the_role(app_client: TestClient, user: str) -> None:
    answer = login(app_client, user)
    assert (
        answer["start"]
        == {
            "aanmelder": "/staff/",
            "tekstschrijver": "/staff/teksten",
            "beheerder": "/staff/beheer",
        }[user]
    )
    for path, status in PAGES_BY_ROLE[user].items():
        page = app_client.get(path, follow_redirects=False)
        assert page.status_code == status, (user, path)
        assert page.headers["cache-control"] == "no-store"
        if status == 303:
            assert page.headers["location"] == answer["start"]
        if status == 403:
            assert "Geen toegang" in page.text and page.headers["content-type"].startswith(
                "text/html"
            )
    for path, status in APIS_BY_ROLE[user].items():
        assert app_client.get(path).status_code == status, (user, path)
    me = app_client.get("/staff/api/me").json()
    assert me["user"] == user
    titles = [p["title"] for p in me["pages"]]
    assert "Gesprek" not in titles
    assert ("Teksten" in titles) == (user == "tekstschrijver")


def test_the_communication_account_cannot_touch_a_case(app_client: TestClient) -> None:
    login(app_client, "tekstschrijver")
    for method, path in [
        ("GET", "/api/cases/x"),
        ("POST", "/api/cases/x/take"),
        ("POST", "/api/cases/x/messages"),
        ("POST", "/api/cases/x/close"),
        ("DELETE", "/api/cases/x"),
        ("GET", "/api/cases/x/events"),
    ]:
        assert app_client.request(method, path, json={"text": "hoi"}).status_code == 403


def test_a_deep_link_survives_the_login(app_client: TestClient) -> None:
    app_client.cookies.clear()
    page = app_client.get("/staff/gesprek?id=abc123", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/staff/login?next=/staff/gesprek%3Fid%3Dabc123"
    answer = login(app_client, "aanmelder", next_page="/staff/gesprek?id=abc123")
    assert answer["start"] == "/staff/gesprek?id=abc123"
    assert login(app_client, "aanmelder", next_page="https://kwaad.example/")["start"] == "/staff/"


def test_error_pages_are_dutch(app_client: TestClient) -> None:
    missing = app_client.get("/staff/bestaat-niet")
    assert missing.status_code == 404
    assert "Pagina niet gevonden" in missing.text and '<html lang="nl">' in missing.text
    assert missing.headers["cache-control"] == "no-store"
    api = app_client.get("/api/bestaat-niet")
    assert (api.status_code, api.json()["detail"]) == (404, "Dit adres bestaat niet.")
    login(app_client, "aanmelder")
    wrong = app_client.get("/api/cases/bestaat-niet")
    assert wrong.json()["detail"] == "Dit gesprek bestaat niet of is verlopen."


def test_personal_data_is_never_cached_and_static_files_may_be(app_client: TestClient) -> None:
    login(app_client, "aanmelder")
    for path in ("/staff/", "/staff/gesprek?id=x", "/api/handoffs", "/api/cases", "/staff/login"):
        assert app_client.get(path).headers["cache-control"] == "no-store", path
    assert "no-store" not in app_client.get("/staff/static/staff.css").headers.get(
        "cache-control", ""
    )


def test_a_cookie_change_needs_the_origin_of_the_staff_pages(app_client: TestClient) -> None:
    login(app_client, "aanmelder")
    del app_client.headers["Origin"]
    assert app_client.post("/api/handoffs/next").status_code == 403
    foreign = {"Origin": "https://kwaad.example"}
    assert app_client.post("/api/handoffs/next", headers=foreign).status_code == 403
    assert app_client.post("/api/handoffs/next", headers=OWN).status_code in (200, 204)
    # A bearer token is no cookie: no Origin needed.
    app_client.cookies.clear()
    token = {"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}
    assert app_client.post("/api/handoffs/next", headers=token).status_code in (200, 204)
    # Logging in from another site's page is refused too.
    body = {"username": "aanmelder", "password": PASSWORD}
    assert app_client.post("/staff/api/login", json=body, headers=foreign).status_code == 403


def test_beheer_unlocks_a_locked_account(app_client: TestClient) -> None:
    app_client.cookies.clear()
    for _ in range(6):
        app_client.post("/staff/api/login", json={"username": "aanmelder", "password": "fout"})
    assert (
        app_client.post(
            "/staff/api/login", json={"username": "aanmelder", "password": PASSWORD}
        ).status_code
        == 429
    )
    login(app_client, "beheerder")
    rows = {r["user"]: r for r in app_client.get("/staff/api/beheer/accounts").json()}
    assert rows["aanmelder"]["locked_seconds"] > 0
    assert rows["aanmelder"]["role_names"] == ["Aanmeldteam"]
    assert rows["redacteur"]["roles"] == ["aanmeldteam", "communicatie"]
    assert "hash" not in str(rows)
    assert app_client.post("/staff/api/beheer/accounts/aanmelder/unlock").status_code == 200
    assert app_client.post("/staff/api/beheer/accounts/niemand/unlock").status_code == 404
    actions = [e["action"] for e in app_client.get("/api/audit").json()]
    assert "account ontgrendeld: aanmelder" in actions
    login(app_client, "aanmelder")


def test_an_internal_error_on_a_staff_page_is_a_dutch_page(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 20: a 500 on a staff page answers with the Dutch error page (HTML, the way
    back, no-store); an API path keeps its JSON answer."""

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(staff_router, "staff_page", broken)
    monkeypatch.setattr(cases_router, "work_rows", broken)
    with TestClient(create_app(settings), headers=OWN, raise_server_exceptions=False) as client:
        login(client, "aanmelder")
        page = client.get("/staff/")
        assert page.status_code == 500
        assert page.headers["content-type"].startswith("text/html")
        assert "Er ging iets mis" in page.text and '<html lang="nl">' in page.text
        assert "RuntimeError" not in page.text and "kapot" not in page.text
        assert page.headers["cache-control"] == "no-store"
        assert page.headers["x-content-type-options"] == "nosniff"
        api = client.get("/api/cases")
        assert api.status_code == 500
        assert api.headers["content-type"].startswith("application/json")
        assert "kapot" not in api.text and api.json()["detail"]
