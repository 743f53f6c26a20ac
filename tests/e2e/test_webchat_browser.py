"""The web chat in a real browser (Debian's chromium, driven by Playwright)."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from integrations.stack.launcher import Stack


@pytest.fixture
def page(browser: Browser, stack: Stack) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL")
    opened = context.new_page()
    opened.goto(stack.gateway_url + "/")
    yield opened
    context.close()


def test_a_typed_message_gets_a_dutch_answer(page: Page) -> None:
    bot = page.locator(".bubble.bot")
    expect(bot.first).to_have_text(
        "Goedendag. U praat met de digitale assistent van gemeente Assen."
    )
    expect(page.get_by_role("button", name="Praat met een medewerker").first).to_be_visible()

    page.get_by_label("Uw bericht").fill("ik wil een scootmobiel")
    page.get_by_role("button", name="Stuur").click()
    # Issue 15: the scootmobiel is said already, so the form asks for whom.
    expect(bot.last).to_have_text("Voor wie is de hulp?")

    # Tapping a button answers the question.
    page.get_by_role("button", name="Voor mijzelf").click()
    expect(bot.last).to_have_text("Sinds wanneer is dit nodig?")
    expect(page.locator(".bubble.resident").last).to_have_text("Voor mijzelf")


def test_a_reload_keeps_the_conversation(page: Page) -> None:
    bubbles = page.locator(".bubble")
    expect(page.locator(".bubble.bot").nth(1)).to_have_text("Waar kan ik u mee helpen?")
    page.get_by_label("Uw bericht").fill("wat kost het")
    page.get_by_role("button", name="Stuur").click()
    expect(page.locator(".bubble.bot").last).to_have_text("Kan ik u nog ergens anders mee helpen?")
    count = bubbles.count()
    page.reload()
    expect(bubbles).to_have_count(count)
