"""The portal's web chat for residents who read poorly: buttons only, keyboard only, a reload,
a booking, "Snel weg", the widget on the municipality's site, and axe-core (WCAG 2.2 AA).
Screenshots of the states go to var/screenshots/."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from integrations.settings import REPO_ROOT
from integrations.stack.launcher import Stack
from tests.recorder import Recorder

AXE = REPO_ROOT / "tests" / "e2e" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NEUTRAL = "https://www.google.nl/"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    # bypass_csp only so the tests can inject axe-core; the page itself runs under its CSP.
    opened = browser.new_context(locale="nl-NL", bypass_csp=True)
    opened.route(
        NEUTRAL + "**", lambda route: route.fulfill(body="<title>Zoeken</title>", status=200)
    )
    yield opened
    opened.close()


@pytest.fixture
def page(context: BrowserContext, stack: Stack) -> Page:
    opened = context.new_page()
    opened.goto(stack.gateway_url + "/")
    expect(opened.locator(".bubble.bot").nth(1)).to_have_text("Waar kan ik u mee helpen?")
    return opened


def last_bot(page: Page) -> Any:
    return page.locator(".bubble.bot").last


def click(page: Page, name: str) -> None:
    page.locator(".choices").get_by_role("button", name=name, exact=True).click()


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    assert AXE.exists(), "axe-core is missing: `make test` installs it (npm ci in tests/e2e/axe)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations: list[dict[str, Any]] = result["violations"]
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]} for v in violations]


def test_a_whole_conversation_by_buttons_only(page: Page) -> None:
    click(page, "Hulp in huis")
    expect(last_bot(page)).to_have_text("Waar heeft u hulp bij nodig?")
    click(page, "Schoonmaken")
    expect(last_bot(page)).to_have_text("Voor wie is de hulp?")
    click(page, "Voor mijzelf")
    expect(last_bot(page)).to_have_text("Sinds wanneer is dit nodig?")
    click(page, "Al langer")
    expect(last_bot(page)).to_have_text("Hoe wilt u contact met ons?")
    click(page, "Ik bel zelf")
    # Issue 20 changes this: the answers are read back with "Klopt dit?" before they are
    # passed on.
    expect(last_bot(page)).to_have_text("Klopt dit?")
    click(page, "Ja, dat klopt")
    expect(last_bot(page)).to_have_text("Kan ik u nog ergens anders mee helpen?")
    click(page, "Nee")
    expect(last_bot(page)).to_have_text("Dank u wel. Tot ziens!")
    # Every choice had a word next to its icon, and old choices are gone.
    expect(page.locator(".choices")).to_have_count(0)


def tab_to(page: Page, name: str, limit: int = 40) -> None:
    """Press Tab until the focused element's words end with `name` (or its id is `#name`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement ? [document.activeElement.innerText || '',"
            " document.activeElement.id] : ['', '']"
        )
        if focused[0].strip().endswith(name) or f"#{focused[1]}" == name:
            return
    raise AssertionError(f"{name!r} cannot be reached with Tab")


def test_a_whole_conversation_by_keyboard_only(page: Page) -> None:
    tab_to(page, "#text")
    # Issue 15: a message that names no aid, so the form asks what is needed.
    page.keyboard.type("ik heb een hulpmiddel nodig")
    page.keyboard.press("Enter")
    expect(last_bot(page)).to_have_text("Wat heeft u nodig?")
    tab_to(page, "Vervoer")
    page.keyboard.press("Enter")
    expect(last_bot(page)).to_have_text("Voor wie is de hulp?")
    # After a button the focus is on the new choices: Enter picks the first one.
    focused = page.evaluate("document.activeElement.innerText")
    assert focused.strip().endswith("Voor mijzelf")
    page.keyboard.press("Enter")
    expect(last_bot(page)).to_have_text("Sinds wanneer is dit nodig?")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible


def test_a_reload_in_the_middle_of_booking_keeps_everything(page: Page) -> None:
    click(page, "Steun of advies")
    expect(last_bot(page)).to_have_text("Wilt u in een paar woorden vertellen wat er speelt?")
    click(page, "Liever niet")
    click(page, "Ja, graag")
    expect(last_bot(page)).to_contain_text("In welke wijk woont u?")
    click(page, "Kloosterveen")
    expect(last_bot(page)).to_contain_text("heeft tijd op deze momenten")
    times = page.locator(".choices button", has_text=" uur")
    expect(times).to_have_count(3)
    first_time = times.first.inner_text().strip()
    screenshot(page, "booking-offers")
    page.reload()
    expect(page.locator(".choices button", has_text=" uur")).to_have_count(3)
    page.locator(".choices button", has_text=first_time[-25:]).first.click()
    expect(last_bot(page)).to_contain_text("Zal ik de afspraak voor u maken?")
    click(page, "Ja, maak de afspraak")
    booked = page.locator(".bubble.bot", has_text="Uw afspraak staat vast.")
    expect(booked).to_be_visible()
    link = booked.get_by_role("link", name="Zet de afspraak in uw agenda")
    expect(link).to_be_visible()
    assert (link.get_attribute("href") or "").endswith(".ics")
    # The house number that goes with the code (issue 16); "Liever niet": no code.
    expect(last_bot(page)).to_contain_text("Wat is uw huisnummer?")
    click(page, "Liever niet")
    expect(last_bot(page)).to_contain_text("Wilt u een sms met de afspraak?")
    click(page, "Nee, dank u")
    expect(last_bot(page)).to_have_text("Kan ik u nog ergens anders mee helpen?")
    screenshot(page, "booking-done")


def test_typed_html_is_shown_as_text(page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = '<img src=x onerror="alert(1)"><b>vet</b>'
    page.get_by_label("Uw bericht").fill(hostile)
    page.get_by_role("button", name="Stuur").click()
    expect(page.locator(".bubble.resident").last).to_have_text(hostile)
    expect(last_bot(page)).not_to_have_text("")
    assert page.locator("#log b, #log img").count() == 0
    assert dialogs == []


def test_snel_weg_clears_the_chat_and_leaves(page: Page, stack: Stack) -> None:
    page.get_by_label("Uw bericht").fill("me man slaat mij")
    page.get_by_role("button", name="Stuur").click()
    expect(page.locator(".bubble.bot", has_text="0800-2000")).to_be_visible()
    exit_button = page.get_by_role("button", name="Snel weg")
    expect(exit_button).to_have_class("exit urgent")  # made prominent on Veilig Thuis
    screenshot(page, "veilig-thuis-snel-weg")
    exit_button.click()
    page.wait_for_url(NEUTRAL)
    assert page.evaluate("sessionStorage.length") == 0
    page.goto(stack.gateway_url + "/")
    expect(page.locator(".bubble.bot").nth(1)).to_have_text("Waar kan ik u mee helpen?")
    expect(page.locator(".bubble.resident")).to_have_count(0)


def test_on_a_phone_the_help_numbers_are_links_and_snel_weg_stays_in_view(
    context: BrowserContext, stack: Stack
) -> None:
    phone = context.new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto(stack.gateway_url + "/")
    expect(phone.locator(".bubble.bot").nth(1)).to_have_text("Waar kan ik u mee helpen?")

    def type_and_wait(text: str) -> None:
        phone.get_by_label("Uw bericht").fill(text)
        phone.get_by_role("button", name="Stuur").click()
        expect(phone.get_by_role("status")).to_have_text("")  # the answer is there

    type_and_wait("ik wil een afspraak met het buurtteam")
    type_and_wait("ik wil niet meer leven")
    expect(phone.locator(".bubble.bot a[href='tel:08000113']").first).to_be_visible()
    expect(phone.locator(".bubble.bot a[href='tel:112']").first).to_be_attached()
    expect(phone.locator(".bubble.bot a[href='https://www.113.nl/']").first).to_be_attached()
    for _ in range(3):  # the conversation grows; the way out stays on screen
        type_and_wait("dank u")
    phone.mouse.wheel(0, 5000)
    exit_button = phone.get_by_role("button", name="Snel weg")
    expect(exit_button).to_have_class("exit urgent")
    expect(exit_button).to_be_in_viewport()
    screenshot(phone, "crisis-op-telefoon")
    phone.close()


def test_larger_text_and_more_contrast(page: Page) -> None:
    before = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    larger = page.get_by_role("button", name="Grotere letters")
    larger.click()
    expect(larger).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") > before * 1.2
    page.get_by_role("button", name="Meer contrast").click()
    page.reload()  # remembered for this tab
    expect(page.get_by_role("button", name="Grotere letters")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert page.evaluate("document.documentElement.className").split() == ["larger", "contrast"]


def test_bel_ons_and_a_person_are_always_there(page: Page) -> None:
    click(page, "Hulp in huis")
    expect(page.get_by_role("link", name="14 0592")).to_be_visible()
    expect(page.locator("#person")).to_be_visible()
    # Read aloud only with a Dutch voice; this browser has none, so the buttons stay hidden.
    voices = page.evaluate("speechSynthesis.getVoices().map(v => v.lang)")
    has_dutch = any(str(lang).lower().startswith("nl") for lang in voices)
    read_aloud = expect(page.locator(".read").first)
    if has_dutch:
        read_aloud.to_be_visible()
    else:
        read_aloud.to_be_hidden()
    # Targets of at least 44 by 44 pixels.
    sizes = page.evaluate(
        "[...document.querySelectorAll('button:not([hidden]), a')]"
        ".filter(e => e.offsetParent !== null && !e.closest('.skip'))"
        ".map(e => { const r = e.getBoundingClientRect(); "
        "return [e.innerText, r.width, r.height]; })"
    )
    small = [s for s in sizes if s[1] < 44 or s[2] < 44]
    assert small == []


@pytest.mark.parametrize(
    ("state", "width"),
    [("start", 1280), ("buttons", 1280), ("larger-text", 1280), ("320px", 320)],
)
def test_axe_finds_no_wcag_violations(page: Page, state: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    if state != "start":
        click(page, "Hulp in huis")
        expect(last_bot(page)).to_have_text("Waar heeft u hulp bij nodig?")
    if state == "larger-text":
        page.get_by_role("button", name="Grotere letters").click()
    if width == 320:
        # Reflow: nothing wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    screenshot(page, f"portal-{state}")
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


def test_the_widget_on_the_municipal_site(
    context: BrowserContext, stack: Stack, municipal_site: Recorder
) -> None:
    widget = f'<script src="{stack.gateway_url}/webchat/widget.js" defer></script>'
    host = f'<!doctype html><html lang="nl"><title>Gemeente Assen</title><h1>Assen</h1>{widget}'
    municipal_site.body = host.encode()
    site = context.new_page()
    site.goto(municipal_site.url + "/")
    site.get_by_role("button", name="Chat met de gemeente").click()
    expect(site.get_by_role("button", name="Sluit de chat")).to_have_attribute(
        "aria-expanded", "true"
    )
    chat = site.frame_locator("iframe[title='Chat met gemeente Assen']")
    expect(chat.locator(".bubble.bot").nth(1)).to_have_text("Waar kan ik u mee helpen?")
    screenshot(site, "widget")


def test_only_the_municipal_site_may_frame_the_chat(
    page: Page, stack: Stack, municipal_site: Recorder
) -> None:
    csp = page.request.get(stack.gateway_url + "/").headers["content-security-policy"]
    assert f"frame-ancestors 'self' {municipal_site.url};" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_screenshots_are_written() -> None:
    """Run last in this file: the states above left their pictures for people to look at."""
    written = {path.stem for path in Path(SCREENSHOTS).glob("*.png")}
    assert {"portal-start", "portal-buttons", "portal-320px", "booking-done"} <= written
