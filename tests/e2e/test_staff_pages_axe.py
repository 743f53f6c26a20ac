"""axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) on every staff page, logged in and with a case:
the basis, with the web chat's checks in test_portal_browser.py, of the accessibility
statement in docs/toegankelijkheidsverklaring.md."""

import json
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from integrations.settings import REPO_ROOT
from integrations.stack.launcher import Stack

AXE = REPO_ROOT / "tests" / "e2e" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = {
    "login": "/staff/login",
    "queue": "/staff/",
    "case": "/staff/gesprek?id={session_id}",
    "monitor": "/staff/monitor",
    "texts": "/staff/teksten",
    "review": "/staff/review",
}


def violations(page: Page) -> list[dict[str, Any]]:
    assert AXE.exists(), "axe-core is missing: `make test` installs it (npm ci in tests/e2e/axe)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


def test_axe_finds_no_wcag_violations_on_the_staff_pages(
    browser: Browser, stack: Stack, gateway: httpx.Client
) -> None:
    session_id = gateway.post("/api/chat/sessions").json()["session_id"]
    gateway.post(
        f"/api/chat/sessions/{session_id}/messages", json={"text": "ik wil een medewerker spreken"}
    )
    # bypass_csp only so the test can inject axe-core; the pages themselves run under their CSP.
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    found: dict[str, list[dict[str, Any]]] = {}
    try:
        page.goto(stack.gateway_url + PAGES["login"])
        found["login"] = violations(page)
        page.get_by_label("Gebruikersnaam").fill("redacteur")
        page.get_by_label("Wachtwoord").fill("dev-wachtwoord")
        page.get_by_role("button", name="Inloggen").click()
        expect(page).to_have_url(stack.gateway_url + "/staff/")
        for name, path in PAGES.items():
            if name == "login":
                continue
            page.goto(stack.gateway_url + path.format(session_id=session_id))
            page.wait_for_load_state("networkidle")
            found[name] = violations(page)
    finally:
        context.close()
    assert found == {name: [] for name in PAGES}, json.dumps(found, indent=1)


@pytest.mark.parametrize(("width", "height"), [(390, 844), (768, 1024)])
def test_the_editor_and_review_pages_fit_a_phone_screen(
    browser: Browser, stack: Stack, width: int, height: int
) -> None:
    # The audit's phone and a tablet (defect 12): nothing wider than the screen, no axe
    # violations with the menu of the staff pages.
    context = browser.new_context(
        locale="nl-NL", viewport={"width": width, "height": height}, bypass_csp=True
    )
    page = context.new_page()
    try:
        page.goto(stack.gateway_url + "/staff/login?next=/staff/teksten")
        page.get_by_label("Gebruikersnaam").fill("redacteur")
        page.get_by_label("Wachtwoord").fill("dev-wachtwoord")
        page.get_by_role("button", name="Inloggen").click()
        expect(page).to_have_url(stack.gateway_url + "/staff/teksten")
        for path in ("/staff/teksten", "/staff/review"):
            page.goto(stack.gateway_url + path)
            page.wait_for_load_state("networkidle")
            if path == "/staff/teksten":
                page.get_by_label("Zoek een tekst").fill("afscheid")
                page.locator("#names button").first.click()
                page.locator("#chat-findings li").first.wait_for()
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
            assert violations(page) == [], path
    finally:
        context.close()
