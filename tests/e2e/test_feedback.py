"""Feedback after a conversation, with the real stack: in the web chat three big buttons with
words and an optional sentence after the goodbye, never after a conversation about safety;
by phone a keypad question at the end that can be skipped; the answers on the figures page."""

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from integrations.phone.simulator import PhoneCall
from integrations.settings import REPO_ROOT
from integrations.stack.launcher import Stack

GOODBYE = "Dank u wel. Tot ziens!"
AXE = REPO_ROOT / "tests" / "e2e" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    # bypass_csp only so the test can inject axe-core; the page itself runs under its CSP.
    opened = browser.new_context(locale="nl-NL", bypass_csp=True)
    yield opened
    opened.close()


def chat(context: BrowserContext, stack: Stack) -> Page:
    page = context.new_page()
    page.goto(stack.gateway_url + "/")
    expect(page.locator(".bubble.bot").nth(1)).to_have_text("Waar kan ik u mee helpen?")
    return page


def type_message(page: Page, text: str) -> None:
    page.get_by_label("Uw bericht").fill(text)
    page.get_by_role("button", name="Stuur", exact=True).click()


def call(stack: Stack) -> PhoneCall:
    s = stack.settings
    return PhoneCall(stack.gateway_url, s.public_base_url, s.twilio_auth_token.get_secret_value())


def test_after_the_goodbye_three_big_buttons_and_a_sentence(
    context: BrowserContext, stack: Stack
) -> None:
    page = chat(context, stack)
    type_message(page, "wat kost de hulp")
    expect(page.locator(".bubble.bot").last).to_have_text("Kan ik u nog ergens anders mee helpen?")
    page.locator(".choices").get_by_role("button", name="Nee", exact=True).click()
    expect(page.locator(".bubble.bot").last).to_have_text(GOODBYE)

    card = page.get_by_role("region", name="Hoe ging dit gesprek?")
    expect(card).to_be_visible()
    ratings = card.get_by_role("group", name="Hoe ging dit gesprek?").get_by_role("button")
    expect(ratings).to_have_text(["Goed", "Gaat wel", "Niet goed"])
    box = ratings.first.bounding_box()
    assert box and box["height"] >= 56  # big enough to hit with a shaking hand
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert result["violations"] == [], json.dumps(result["violations"], indent=1)[:2000]

    card.get_by_role("button", name="Gaat wel").click()
    expect(card).to_contain_text("U koos: Gaat wel")
    expect(card).to_contain_text("Dank u wel voor uw antwoord.")
    remark = card.get_by_label("Wilt u nog iets zeggen over het gesprek? Dat hoeft niet.")
    expect(remark).to_be_focused()
    remark.fill("Het ging snel, maar ik moest lang zoeken.")
    card.get_by_role("button", name="Stuur").click()
    expect(remark).to_have_count(0)

    # A reload keeps the answer: the question is not asked again.
    page.reload()
    expect(page.get_by_role("region", name="Hoe ging dit gesprek?")).to_contain_text(
        "U koos: Gaat wel"
    )


def test_never_after_a_conversation_about_safety(context: BrowserContext, stack: Stack) -> None:
    page = chat(context, stack)
    type_message(page, "mijn man slaat mij")
    expect(page.locator(".bubble.bot", has_text="Veilig Thuis").first).to_be_visible()
    type_message(page, "doei")
    expect(page.locator(".bubble.bot").last).to_have_text(GOODBYE)
    page.wait_for_timeout(500)
    expect(page.locator(".feedback")).to_have_count(0)


def test_by_phone_a_keypad_question_at_the_end(stack: Stack) -> None:
    phone = call(stack)
    phone.start()
    heard = phone.say("doei")
    assert heard.spoken[0] == GOODBYE
    assert heard.spoken[-1] == (
        "Wilt u zeggen hoe het ging? Kies 1 voor goed of 2 voor gaat wel. "
        "Kies 3 voor niet goed. Ophangen mag ook."
    )
    assert heard.listens
    thanks = phone.press("3")
    assert thanks.spoken == ["Dank u wel voor uw antwoord. Tot ziens."]
    assert not thanks.listens  # the line says goodbye and hangs up


def test_by_phone_the_question_can_be_skipped(stack: Stack) -> None:
    phone = call(stack)
    phone.start()
    assert phone.say("tot ziens").listens
    skipped = phone.silence()
    assert skipped.spoken == ["Dank u wel voor uw telefoontje. Tot ziens."]
    assert not skipped.listens and not skipped.dialed  # no second try, no transfer


def test_by_phone_never_after_a_conversation_about_safety(stack: Stack) -> None:
    phone = call(stack)
    phone.start()
    disclosed = phone.say("mijn man slaat mij")
    assert "Veilig Thuis" in " ".join(disclosed.spoken)
    bye = phone.say("doei")
    assert bye.spoken == [GOODBYE]
    assert not bye.listens  # no keypad question: the line says goodbye and hangs up


def test_by_phone_danger_said_at_the_question_goes_to_the_safety_protocol(stack: Stack) -> None:
    phone = call(stack)
    phone.start()
    assert phone.say("doei").listens  # the keypad question
    heard = phone.say("ik wil dood")
    assert "Dank u wel voor uw telefoontje. Tot ziens." not in heard.spoken
    assert "113" in " ".join(heard.spoken) or "één één drie" in " ".join(heard.spoken)


def test_the_answers_are_counted_on_the_figures_page(context: BrowserContext, stack: Stack) -> None:
    phone = call(stack)
    phone.start()
    phone.say("doei")
    phone.press("1")
    page = context.new_page()
    page.goto(stack.gateway_url + "/staff/monitor")
    page.get_by_label("Gebruikersnaam").fill("redacteur")
    page.get_by_label("Wachtwoord").fill("dev-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    heading = page.get_by_role("heading", name="Hoe ging het gesprek? (antwoorden van inwoners)")
    expect(heading).to_be_visible()
    # The figures page shows each kind of count as a table of what and how many.
    table = page.get_by_role("region", name="Hoe ging het gesprek? (antwoorden van inwoners)")
    good = table.locator("tbody tr", has=page.get_by_role("rowheader", name="Goed", exact=True))
    expect(good.locator("td")).to_have_text(re.compile(r"^[1-9]\d*$"))
