"""Working the queue through the staff API, with a real Redis and two staff members: one holder
at a time, giving back to the queue, my cases and closed cases, closing on purpose, phone
cases, facts from the resident's words, and the figures counting each conversation once."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from integrations.app import create_app
from integrations.cases.store import CaseStore
from integrations.settings import DEV_INTERNAL_API_TOKEN, DEV_STAFF_HASH, Settings
from integrations.staff import router as staff_router
from integrations.staff.roles import StaffAccount
from tests.integrations.listeners import on_internal

INTERNAL = {"Authorization": f"Bearer {DEV_INTERNAL_API_TOKEN}"}
OWN = {"Origin": "http://testserver"}
TEAM = ["anna", "bert"]


@pytest.fixture
def team(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator["Team"]:
    async def no_pause(seconds: float) -> None:
        return None

    monkeypatch.setattr(staff_router, "failure_pause", no_pause)
    accounts = {name: StaffAccount(hash=DEV_STAFF_HASH, roles=["aanmeldteam"]) for name in TEAM}
    with TestClient(create_app(settings.model_copy(update={"staff_accounts": accounts}))) as c:
        yield Team(c)


class Team:
    """One browser per staff member: each keeps its own login cookie."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.cookies: dict[str, str] = {}
        for name in TEAM:
            client.cookies.clear()
            response = client.post(
                "/staff/api/login", json={"username": name, "password": "dev-wachtwoord"}
            )
            assert response.status_code == 200
            self.cookies[name] = response.cookies["toegang_staff"]
        client.cookies.clear()

    def as_(self, name: str, method: str, path: str, body: Any = None) -> Any:
        self.client.cookies.clear()
        self.client.cookies.set("toegang_staff", self.cookies[name])
        return self.client.request(method, path, json=body, headers=OWN)

    def chat(self) -> str:
        session_id: str = self.client.post("/api/chat/sessions").json()["session_id"]
        return session_id

    def say(self, session_id: str, text: str) -> None:
        self.client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": text})

    def update(self, session_id: str, update: dict[str, Any]) -> None:
        url = on_internal(f"/internal/cases/{session_id}")
        assert self.client.patch(url, json=update, headers=INTERNAL).status_code == 200

    def ask_for_person(
        self, session_id: str, route: str = "medewerker", urgency: str = "normaal"
    ) -> None:
        self.update(
            session_id,
            {"route": route, "urgency": urgency, "handoff": {"reason": route, "urgency": urgency}},
        )

    def transcript(self, session_id: str) -> list[dict[str, Any]]:
        case = self.as_("anna", "GET", f"/api/cases/{session_id}").json()
        entries: list[dict[str, Any]] = case["transcript"]
        return entries

    def view(self, name: str, who: str = "anna", **filters: str) -> list[str]:
        query = "&".join(f"{k}={v}" for k, v in {"view": name, **filters}.items())
        rows = self.as_(who, "GET", f"/api/cases?{query}").json()["rows"]
        return [r["session_id"] for r in rows]


def joined(entries: list[dict[str, Any]]) -> int:
    return sum(
        1 for e in entries if e.get("text") == "Een medewerker van de gemeente praat nu met u."
    )


def test_one_staff_member_holds_a_case_and_a_second_is_told_who(team: Team) -> None:
    session_id = team.chat()
    team.ask_for_person(session_id)
    assert team.as_("anna", "POST", f"/api/cases/{session_id}/take", {}).status_code == 200
    assert team.as_("anna", "POST", f"/api/cases/{session_id}/take", {}).status_code == 200
    refused = team.as_("bert", "POST", f"/api/cases/{session_id}/take", {})
    assert refused.status_code == 409
    assert refused.json()["detail"] == "Dit gesprek is al overgenomen door anna."
    written = team.as_("bert", "POST", f"/api/cases/{session_id}/messages", {"text": "Hallo"})
    assert written.status_code == 409
    assert joined(team.transcript(session_id)) == 1  # the resident hears it once
    assert session_id in team.view("mijn", "anna") and session_id not in team.view("mijn", "bert")
    assert session_id in team.view("overgenomen", "bert")
    # bert takes it on purpose (anna went home); the log says from whom.
    forced = team.as_("bert", "POST", f"/api/cases/{session_id}/take", {"force": True})
    assert forced.json()["taken_by"] == "bert"
    actions = [
        (e["who"], e["action"])
        for e in team.as_("anna", "GET", "/api/audit").json()
        if e["session_id"] == session_id
    ]
    assert ("bert", "overgenomen van anna") in actions and ("anna", "geopend") in actions


def test_giving_back_returns_the_case_to_the_queue(team: Team) -> None:
    session_id = team.chat()
    team.ask_for_person(session_id, urgency="hoog")
    team.as_("anna", "POST", f"/api/cases/{session_id}/take", {})
    assert session_id not in team.view("wachtrij")
    released = team.as_("anna", "POST", f"/api/cases/{session_id}/release")
    assert released.json()["mode"] == "bot" and released.json()["taken_by"] is None
    queue = team.as_("bert", "GET", "/api/handoffs").json()
    mine = [row for row in queue if row["session_id"] == session_id]
    assert mine and mine[0]["urgency"] == "hoog"
    assert mine[0]["route_words"] == "Wil een medewerker spreken"
    assert mine[0]["waiting"] == "net binnen" and mine[0]["channel_words"] == "Chat"
    assert team.transcript(session_id)[-1]["text"].startswith("U praat weer met de digitale")


def test_closing_asks_an_outcome_on_purpose_and_a_confirmation_for_safety(team: Team) -> None:
    session_id = team.chat()
    team.say(session_id, "mijn man slaat mij")  # the safety protocol: Veilig Thuis, acuut
    close = f"/api/cases/{session_id}/close"
    assert team.as_("anna", "POST", close, {}).status_code == 422  # no outcome chosen
    unconfirmed = team.as_("anna", "POST", close, {"outcome": "Veilig Thuis"})
    assert unconfirmed.status_code == 409 and unconfirmed.json()["needs_confirmation"] is True
    case = team.as_("anna", "GET", f"/api/cases/{session_id}").json()
    assert case["needs_close_confirmation"] is True and case["closed_at"] is None
    done = team.as_("anna", "POST", close, {"outcome": "Veilig Thuis", "confirm": True})
    assert done.status_code == 200 and done.json()["closed_by"] == "anna"
    told = team.transcript(session_id)[-1]
    assert told["live"] is True and "heeft dit gesprek afgesloten" in told["text"]
    late = team.as_("anna", "POST", f"/api/cases/{session_id}/messages", {"text": "nog iets"})
    assert (late.status_code, late.json()["detail"]) == (
        409,
        "Dit gesprek is afgesloten. Er kan geen bericht meer bij.",
    )
    assert session_id in team.view("afgerond", "bert")
    assert session_id not in team.view("wachtrij")
    # Issue 20: closing it again never overwrites the outcome.
    again = team.as_("bert", "POST", close, {"outcome": "geen actie", "confirm": True})
    assert (again.status_code, again.json()["detail"]) == (
        409,
        "Dit gesprek is al afgesloten. De uitkomst blijft zoals hij was.",
    )
    case = team.as_("anna", "GET", f"/api/cases/{session_id}").json()
    assert (case["outcome"], case["closed_by"]) == ("Veilig Thuis", "anna")


def test_no_empty_messages(team: Team) -> None:
    session_id = team.chat()
    empty = team.as_("anna", "POST", f"/api/cases/{session_id}/messages", {"text": "   "})
    assert (empty.status_code, empty.json()["detail"]) == (
        422,
        "Het bericht is leeg. Typ eerst een bericht.",
    )
    assert [e for e in team.transcript(session_id) if e["sender"] == "staff"] == []


def test_a_phone_case_is_called_back_not_written_to(team: Team) -> None:
    store: CaseStore = team.client.app.state.cases  # type: ignore[attr-defined]
    call = "CA" + "1" * 32
    team.client.portal.call(store.create, call, "phone")  # type: ignore[union-attr]
    team.update(
        call,
        {
            "intake": {"phone_number": "0592123456"},
            "handoff": {"reason": "terugbelverzoek telefoon", "urgency": "hoog"},
        },
    )
    written = team.as_("anna", "POST", f"/api/cases/{call}/messages", {"text": "Hallo"})
    assert written.status_code == 409 and "Bel de inwoner terug" in written.json()["detail"]
    team.as_("anna", "POST", f"/api/cases/{call}/take", {})
    assert joined(team.transcript(call)) == 0  # a caller cannot read it
    case = team.as_("anna", "GET", f"/api/cases/{call}").json()
    assert case["channel_words"] == "Telefoon"
    assert case["contact"]["phones"][0]["href"] == "tel:+31592123456"
    assert case["contact"]["phones"][0]["source"] == "het nummer waarmee gebeld werd"
    row = next(r for r in team.as_("anna", "GET", "/api/cases?view=alle").json()["rows"]
               if r["session_id"] == call)  # fmt: skip
    assert row["phone"] == "0592 123 456" and row["channel"] == "phone"


def test_the_residents_words_make_the_case(team: Team) -> None:
    session_id = team.chat()
    for text in ["goedemiddag", "mijn nummer is 0592 654 321, het gaat over mijn rolstoel"]:
        team.say(session_id, text)
    store: CaseStore = team.client.app.state.cases  # type: ignore[attr-defined]
    offer = {"sender": "bot", "text": "Wilt u dat?", "buttons": ["Ja", "Nee"],
             "payloads": ["/affirm", "/deny"]}  # fmt: skip
    team.client.portal.call(store.append_transcript, session_id, [offer])  # type: ignore[union-attr]
    team.client.post(f"/api/chat/sessions/{session_id}/messages", json={"payload": "/deny"})
    case = team.as_("anna", "GET", f"/api/cases/{session_id}").json()
    assert case["contact"]["phones"][0]["shown"] == "0592 654 321"
    assert '"mijn nummer is 0592 654 321, het gaat over mijn rolstoel"' in case["summary"]
    assert "goedemiddag" not in case["summary"]
    clicked = [e for e in case["transcript"] if e.get("payload") == "/deny"]
    assert clicked[0]["chosen"] == "Nee" and clicked[0]["shown"] == "[koos: Nee]"
    assert team.view("alle", q="0592654321") == [session_id]
    assert team.view("alle", q="rolstoel") == [session_id]


def test_filters_and_the_count(team: Team) -> None:
    urgent, calm = team.chat(), team.chat()
    team.ask_for_person(calm)
    team.say(urgent, "ik wil niet meer leven")  # crisis: acuut, on top
    body = team.as_("anna", "GET", "/api/cases?view=wachtrij").json()
    ids = [r["session_id"] for r in body["rows"]]
    assert ids.index(urgent) < ids.index(calm)
    assert body["counts"]["acuut"] >= 1
    assert team.view("wachtrij", urgency="acuut").count(calm) == 0
    assert urgent in team.view("wachtrij", route="crisis")
    assert team.view("wachtrij", channel="phone") == []
    assert team.as_("anna", "GET", "/api/cases?view=iets").status_code == 404


def test_the_figures_count_each_conversation_once(team: Team) -> None:
    session_id = team.chat()  # no route yet: not counted
    created = team.as_("anna", "GET", f"/api/cases/{session_id}").json()["created_at"]
    day = datetime.fromisoformat(created).astimezone(ZoneInfo("Europe/Amsterdam")).date()

    def counts() -> dict[str, Any]:
        # The day the conversation began, whatever the clock says now (any date, any hour).
        days = team.as_("anna", "GET", "/api/stats?days=2").json()
        found: dict[str, Any] = next(d for d in days if d["date"] == day.isoformat())
        return found

    before = counts()
    team.update(session_id, {"route": "buurtteam", "topic": "parenting"})
    team.say(session_id, "mijn man slaat mij")  # now Veilig Thuis: it moves, it does not double
    after = counts()
    assert after["conversations"] == before["conversations"] + 1
    assert after["route"].get("buurtteam", 0) == before["route"].get("buurtteam", 0)
    assert after["route"]["veilig_thuis"] == before["route"].get("veilig_thuis", 0) + 1
    assert after["wijk"]["onbekend"] == before["wijk"].get("onbekend", 0) + 1
    figures = team.as_("anna", "GET", "/api/stats/figures?days=7").json()
    names = [row["name"] for t in figures["tables"] for row in t["rows"]]
    assert "Veilig Thuis" in names and "veilig_thuis" not in names
    assert " " in figures["to"] and not figures["to"][0].isdigit()  # "dinsdag 3 december"
    csv = team.as_("anna", "GET", "/api/stats.csv?days=7")
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.startswith("datum;dag;soort;naam;aantal")
    assert session_id not in csv.text
