"""Staff review a finished conversation in a real browser: mark a misunderstood turn with
what the resident meant, and the team's exports hold it (never trained on automatically)."""

import json
import re
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from integrations.settings import DEV_STAFF_API_TOKEN, REPO_ROOT
from integrations.stack.launcher import Stack

STAFF = {"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}
AXE = REPO_ROOT / "tests" / "e2e" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SAID = "mijn kat zit al 2 dagen in de boom"
DUTCH_MOMENT = re.compile(
    r"(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d{1,2} "
    r"(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
    r" om \d{1,2}\.\d{2} uur"
)


@pytest.fixture
def reviewer(browser: Browser, stack: Stack) -> Iterator[Page]:
    # bypass_csp only so the test can inject axe-core; the page itself runs under its CSP.
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    page.goto(stack.gateway_url + "/staff/review")
    page.get_by_label("Gebruikersnaam").fill("redacteur")
    page.get_by_label("Wachtwoord").fill("dev-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(stack.gateway_url + "/staff/review")
    yield page
    context.close()


def finished_conversation(gateway: httpx.Client) -> str:
    session_id: str = gateway.post("/api/chat/sessions").json()["session_id"]
    url = f"/api/chat/sessions/{session_id}/messages"
    gateway.post(url, json={"payload": "/greet"})
    gateway.post(url, json={"text": SAID})
    goodbye = gateway.post(url, json={"text": "doei"}).json()
    assert goodbye["messages"][-1]["text"] == "Dank u wel. Tot ziens!"
    return session_id


def test_mark_a_misunderstood_turn_and_export_it(
    reviewer: Page, gateway: httpx.Client, stack: Stack
) -> None:
    finished_conversation(gateway)
    reviewer.reload()
    # When it was, written the B1 way ("zondag 6 december om 16.25 uur"), never "6-12-2026".
    expect(reviewer.locator("#conversations li").first).to_contain_text(DUTCH_MOMENT)
    reviewer.locator("#conversations").get_by_role("button", name=SAID).first.click()
    expect(reviewer.get_by_role("heading", name="Gesprek via de chat")).to_be_visible()
    expect(reviewer.locator("#turns")).to_contain_text(f"Inwoner: {SAID}")
    # A button by what it stands for, never its code name ("/greet").
    expect(reviewer.locator("#turns")).to_contain_text("Inwoner: [knop] begin van het gesprek")
    expect(reviewer.locator("#turns")).not_to_contain_text("/greet")

    reviewer.get_by_role("button", name=f"Verkeerd begrepen: {SAID}").click()
    reviewer.get_by_label("Onderwerp").select_option(
        label="Iets anders van de gemeente (paspoort, afval)"
    )
    reviewer.get_by_label("Wat had de assistent moeten zeggen? (hoeft niet)").fill(
        "Bel de dierenambulance."
    )
    reviewer.get_by_role("button", name="Bewaar").click()
    expect(reviewer.locator("#status")).to_have_text("Bewaard.")
    expect(reviewer.locator("#turns .marked")).to_have_text(
        "Verkeerd begrepen (bedoelde: Iets anders van de gemeente (paspoort, afval), "
        'route: andere afdeling, beter antwoord: "Bel de dierenambulance.")'
    )

    rasa = gateway.get("/api/review/export/rasa.yml", headers=STAFF).text
    assert f"- intent: out_of_scope\n  examples: |\n    - {SAID}" in rasa
    rows = gateway.get("/api/review/export/evaluatie.tsv", headers=STAFF).text
    assert f"buiten_scope\tchat\t{SAID}" in rows.splitlines()
    with reviewer.expect_download() as download:
        reviewer.get_by_role("link", name="Voorbeelden om van te leren (Rasa)").click()
    assert download.value.suggested_filename == "kandidaten_nlu.yml"

    assert AXE.exists(), "axe-core is missing: `make test` installs it (npm ci in tests/e2e/axe)"
    reviewer.add_script_tag(path=str(AXE))
    result = reviewer.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]
    assert violations == [], json.dumps(violations, indent=1)
