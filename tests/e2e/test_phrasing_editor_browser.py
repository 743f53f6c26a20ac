"""Communication staff change a text in the editor; the next chat message uses it."""

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from integrations.stack.launcher import Stack

OLD = "Dank u wel. Tot ziens!"
NEW = "Bedankt voor uw vragen. Tot ziens!"
TOO_LONG = (
    "Wij willen u heel hartelijk bedanken voor het fijne gesprek dat wij vandaag samen hadden."
)


@pytest.fixture
def editor(browser: Browser, stack: Stack) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.goto(stack.gateway_url + "/staff/teksten")
    expect(page).to_have_url(stack.gateway_url + "/staff/login?next=/staff/teksten")
    page.get_by_label("Gebruikersnaam").fill("redacteur")
    page.get_by_label("Wachtwoord").fill("dev-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(stack.gateway_url + "/staff/teksten")
    yield page
    context.close()


def goodbye_text(gateway: httpx.Client) -> str:
    session_id = gateway.post("/api/chat/sessions").json()["session_id"]
    reply = gateway.post(
        f"/api/chat/sessions/{session_id}/messages", json={"payload": "/goodbye"}
    ).json()
    text: str = reply["messages"][0]["text"]
    return text


def test_change_check_save_use_and_revert(editor: Page, gateway: httpx.Client) -> None:
    assert goodbye_text(gateway) == OLD

    editor.get_by_label("Zoek een tekst").fill("goodbye")
    editor.get_by_role("button", name="utter_goodbye", exact=True).click()
    chat = editor.get_by_label("Chattekst", exact=True)
    expect(chat).to_have_value(OLD)

    # A long sentence: a B1 warning appears while typing.
    chat.fill(TOO_LONG)
    expect(editor.locator("#chat-findings .warn").first).to_contain_text("Zin van 15 woorden")
    expect(editor.locator("#preview")).to_have_text(TOO_LONG)

    # Fixed: the warning goes, the text is saved, and the next chat message uses it.
    chat.fill(NEW)
    expect(editor.locator("#chat-findings .ok")).to_have_text("Goed: deze tekst is B1.")
    editor.get_by_role("button", name="Opslaan").click()
    expect(editor.locator("#status")).to_have_text(
        "Opgeslagen. De assistent gebruikt deze tekst nu."
    )
    assert goodbye_text(gateway) == NEW

    # History shows who changed what; one click brings the old wording back.
    expect(editor.locator("#history li").first).to_contain_text("redacteur")
    editor.get_by_role("button", name="Zet terug").first.click()
    expect(editor.locator("#status")).to_have_text("Teruggezet.")
    expect(chat).to_have_value(OLD)
    assert goodbye_text(gateway) == OLD
