"""Warm handoff in two real browsers: a resident asks for a person, a staff member takes over.

Issue 20 changed the staff pages this test reads: the queue shows the route in words and links
each case by what is needed (no "Open" links), the outcome is a choice made on purpose (no
preselected option), and a safety case asks a confirmation before it closes."""

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from integrations.settings import DEV_STAFF_API_TOKEN
from integrations.stack.launcher import Stack

STAFF = {"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}


@pytest.fixture
def contexts(browser: Browser) -> Iterator[tuple[BrowserContext, BrowserContext]]:
    resident = browser.new_context(locale="nl-NL")
    staff = browser.new_context(locale="nl-NL")
    yield resident, staff
    resident.close()
    staff.close()


def empty_queue(gateway: httpx.Client) -> None:
    """The start of a shift: earlier tests' handoffs are handled."""
    for row in gateway.get("/api/handoffs", headers=STAFF).json():
        gateway.post(
            f"/api/cases/{row['session_id']}/close",
            json={"outcome": "geen actie", "confirm": True},
            headers=STAFF,
        )
    assert gateway.get("/api/handoffs", headers=STAFF).json() == []


def test_resident_asks_for_a_person_and_staff_take_over(
    contexts: tuple[BrowserContext, BrowserContext], stack: Stack, gateway: httpx.Client
) -> None:
    empty_queue(gateway)
    resident_context, staff_context = contexts

    resident = resident_context.new_page()
    resident.goto(stack.gateway_url + "/")
    expect(resident.locator(".bubble.bot").nth(1)).to_have_text("Waar kan ik u mee helpen?")
    resident.locator("#person").click()
    expect(resident.locator(".bubble.bot").last).to_contain_text("Ik vraag een medewerker")

    staff = staff_context.new_page()
    staff.goto(stack.gateway_url + "/staff/")
    staff.get_by_label("Gebruikersnaam").fill("redacteur")
    staff.get_by_label("Wachtwoord").fill("dev-wachtwoord")
    staff.get_by_role("button", name="Inloggen").click()
    expect(staff).to_have_url(stack.gateway_url + "/staff/")

    top = staff.locator("#rows li").first
    expect(top).to_contain_text("Wil een medewerker spreken")
    expect(top).to_contain_text("Chat")
    top.get_by_role("link").click()
    expect(staff.locator("#summary")).to_contain_text("Wil een medewerker spreken, omdat")

    staff.get_by_role("button", name="Neem over").click()
    expect(staff.locator("#status")).to_have_text("U heeft het gesprek overgenomen.")
    expect(staff.locator("#holder")).to_have_text("U heeft dit gesprek.")
    staff.get_by_label("Bericht aan de inwoner").fill("Goedemiddag, u spreekt met Anna.")
    staff.get_by_role("button", name="Stuur").click()

    # The resident's page shows it without a reload.
    expect(resident.locator(".bubble.staff")).to_have_text(
        "Medewerker: Goedemiddag, u spreekt met Anna."
    )
    expect(staff.locator(".entry.staff").last).to_contain_text("u spreekt met Anna")

    staff.get_by_role("button", name="Sluit af").click()
    expect(staff.locator("#status")).to_have_text("Kies eerst hoe het gesprek is afgerond.")
    staff.get_by_label("Informatie gegeven").check()
    staff.get_by_role("button", name="Sluit af").click()
    expect(staff.locator("#status")).to_have_text("Afgesloten: Informatie gegeven.")
    # The resident is told, and the staff page takes no more messages.
    expect(resident.locator(".bubble").last).to_contain_text("heeft dit gesprek afgesloten")
    expect(staff.get_by_label("Bericht aan de inwoner")).to_be_hidden()
