"""Communication staff change texts in the editor; the next chat message uses them.

Texts are found by what they say and where they are used (not by code names), chat and phone
are edited side by side, the phone text can be heard, the preview fills placeholders with
sample values, Save says why it cannot save, a reverted text is no longer marked changed, and
out-of-hours texts and button labels can be found and changed."""

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from integrations.settings import REPO_ROOT
from integrations.stack.launcher import Stack

OLD = "Dank u wel. Tot ziens!"
NEW = "Bedankt voor uw vragen. Tot ziens!"
TOO_LONG = (
    "Wij willen u heel hartelijk bedanken voor het fijne gesprek dat wij vandaag samen hadden."
)
DUTCH_MOMENT = re.compile(
    r"(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d{1,2} "
    r"(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
    r" om \d{1,2}\.\d{2} uur"
)
AXE = REPO_ROOT / "tests" / "e2e" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Records what the page asks the browser to say, then lets the browser say it.
SPEECH_SPY = """
window.__spoken = [];
if ("speechSynthesis" in window) {
  const speak = speechSynthesis.speak.bind(speechSynthesis);
  speechSynthesis.speak = (utterance) => {
    window.__spoken.push(utterance.text);
    speak(utterance);
  };
}
"""


@pytest.fixture
def editor(browser: Browser, stack: Stack) -> Iterator[Page]:
    # bypass_csp only so the test can inject axe-core; the page itself runs under its CSP.
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    context.add_init_script(SPEECH_SPY)
    page = context.new_page()
    page.goto(stack.gateway_url + "/staff/teksten")
    expect(page).to_have_url(stack.gateway_url + "/staff/login?next=/staff/teksten")
    page.get_by_label("Gebruikersnaam").fill("redacteur")
    page.get_by_label("Wachtwoord").fill("dev-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(stack.gateway_url + "/staff/teksten")
    yield page
    context.close()


def bot_replies(gateway: httpx.Client, payload: str) -> list[dict[str, Any]]:
    session_id = gateway.post("/api/chat/sessions").json()["session_id"]
    reply = gateway.post(f"/api/chat/sessions/{session_id}/messages", json={"payload": payload})
    messages: list[dict[str, Any]] = reply.json()["messages"]
    return messages


def goodbye_text(gateway: httpx.Client) -> str:
    return str(bot_replies(gateway, "/goodbye")[0]["text"])


def open_text(editor: Page, search: str, moment: str) -> None:
    editor.get_by_label("Zoek een tekst").fill(search)
    editor.locator("#names").get_by_role("button", name=re.compile(re.escape(moment))).click()
    expect(editor.get_by_role("heading", level=2)).to_have_text(moment)


def test_change_check_save_use_and_revert(editor: Page, gateway: httpx.Client) -> None:
    assert goodbye_text(gateway) == OLD

    # Found by when it is said, not by its code name.
    open_text(editor, "afscheid", "Einde van het gesprek: afscheid")
    chat = editor.get_by_label("Chattekst", exact=True)
    expect(chat).to_have_value(OLD)
    save = editor.get_by_role("button", name="Opslaan")
    expect(save).to_be_disabled()
    expect(editor.locator("#save-reason")).to_have_text(
        "Opslaan kan nog niet: Er is nog niets veranderd."
    )

    # A long sentence: a B1 warning appears while typing.
    chat.fill(TOO_LONG)
    expect(editor.locator("#chat-findings .warn").first).to_contain_text("Zin van 15 woorden")
    expect(editor.locator("#preview")).to_have_text(TOO_LONG)

    # Officialese: Save says why it cannot save.
    chat.fill("Wij danken u. U wordt binnenkort door ons gebeld.")
    expect(save).to_be_disabled()
    expect(editor.locator("#save-reason")).to_contain_text(
        "Opslaan kan nog niet: De chattekst is nog geen B1: Vage tijd"
    )

    # Fixed: the warning goes, the text is saved, and the next chat message uses it.
    chat.fill(NEW)
    expect(editor.locator("#chat-findings .ok")).to_have_text("Goed: deze tekst is B1.")
    expect(save).to_be_enabled()
    save.click()
    expect(editor.locator("#status")).to_have_text(
        "Opgeslagen. De assistent gebruikt deze tekst nu."
    )
    assert goodbye_text(gateway) == NEW
    item = editor.locator("#names li button").first
    expect(item).to_contain_text("aangepast")

    # History shows who changed what; one click brings the old wording back, and the text
    # is no longer marked as changed.
    expect(editor.locator("#history li").first).to_contain_text("redacteur")
    # When, written the B1 way ("zondag 6 december om 16.25 uur"), never "6-12-2026, 16:25".
    expect(editor.locator("#history li").first).to_contain_text(DUTCH_MOMENT)
    editor.get_by_role("button", name="Zet terug").first.click()
    expect(editor.locator("#status")).to_have_text("Teruggezet.")
    expect(chat).to_have_value(OLD)
    assert goodbye_text(gateway) == OLD
    expect(editor.locator("#names li button").first).not_to_contain_text("aangepast")
    editor.get_by_label("Waar wordt de tekst gebruikt?").select_option("changed")
    expect(editor.locator("#count")).to_have_text("0 teksten gevonden.")


def test_chat_and_phone_side_by_side_listen_and_sample_values(editor: Page) -> None:
    open_text(editor, "welke tijd past u", "Afspraak maken: 3 tijden om uit te kiezen")
    chat = editor.get_by_label("Chattekst", exact=True)
    phone = editor.get_by_label("Telefoontekst (leeg: de chattekst)")
    expect(chat).to_be_visible()
    expect(phone).to_be_visible()
    chat_box, phone_box = chat.bounding_box(), phone.bounding_box()
    assert chat_box and phone_box and phone_box["x"] > chat_box["x"]  # side by side

    # The preview fills placeholders with sample values, never a raw {team_name}.
    preview = editor.locator("#preview")
    expect(preview).to_have_text(
        "Buurtteam Kloosterveen heeft tijd op deze momenten. Welke tijd past u?"
    )
    expect(editor.locator("#preview-buttons li").first).to_have_text(
        "dinsdag 3 december om 10.00 uur"
    )
    spoken = editor.locator("#phone-preview li")
    expect(spoken.first).to_contain_text("Buurtteam Kloosterveen heeft tijd op deze momenten.")
    # The phone's own short menu, as the line says it (issue 17): no warning about buttons.
    expect(spoken.nth(1)).to_have_text("Zeg dinsdag 3 december om 10.00 uur of kies 1.")
    expect(spoken.last).to_have_text("Zeg medewerker of kies 0.")
    expect(editor.locator("#voice-findings")).not_to_contain_text("knoppen")

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    editor.screenshot(path=str(SCREENSHOTS / "editor-chat-and-phone.png"), full_page=True)

    # Listen: the browser's speech says what the caller hears, keypad choices included.
    editor.get_by_role("button", name="Luister").click()
    said = editor.evaluate("window.__spoken")
    assert said and said[-1].startswith("Buurtteam Kloosterveen heeft tijd op deze momenten.")
    assert "Zeg dinsdag 3 december om 10.00 uur of kies 1." in said[-1]

    # A placeholder the phone text needs cannot be removed.
    phone.fill("Er is tijd op {offers_spoken}. Welke tijd past u?")
    expect(editor.locator("#save-reason")).to_contain_text(
        "De telefoontekst heeft deze invulvelden nodig: {team_name}."
    )
    expect(editor.get_by_role("button", name="Opslaan")).to_be_disabled()


def test_a_phone_only_text_is_edited_as_a_phone_text(editor: Page) -> None:
    open_text(editor, "door met veilig thuis", "Telefoon: doorverbinden met Veilig Thuis")
    expect(editor.get_by_label("Chattekst", exact=True)).to_have_count(0)
    phone = editor.get_by_label("Telefoontekst", exact=True)
    expect(phone).to_have_value(re.compile("^Ik verbind u nu door met Veilig Thuis"))
    expect(editor.locator("#chat-view")).to_be_hidden()
    menu = " ".join(f"Kies {n} voor iets." for n in range(1, 6))
    phone.fill(menu)
    expect(editor.locator("#save-reason")).to_contain_text("keuzemenu van 5 keuzes")


def test_out_of_hours_texts_and_button_labels_are_found_and_changed(
    editor: Page, gateway: httpx.Client
) -> None:
    editor.get_by_label("Waar wordt de tekst gebruikt?").select_option("closed")
    editor.get_by_label("Zoek een tekst").fill("geen medewerkers")
    item = editor.locator("#names").get_by_role(
        "button", name=re.compile("De inwoner wil een medewerker spreken")
    )
    expect(item).to_contain_text('Buiten kantoortijd: "Nu zijn er geen medewerkers.')
    item.click()
    closed = editor.get_by_label("Buiten kantoortijd", exact=True)
    expect(closed).to_have_value(re.compile("^Nu zijn er geen medewerkers"))
    expect(editor.locator("#closed-preview")).to_contain_text(
        "Wij zijn er op werkdagen van 9.00 tot 17.00 uur."
    )
    closed.fill("Er is nu niemand. Bij gevaar belt u meteen {emergency_number}.")
    expect(editor.locator("#save-reason")).to_contain_text(
        "De tekst buiten kantoortijd heeft deze invulvelden nodig: {opening_hours}."
    )

    # A button label, found by its words.
    editor.get_by_label("Waar wordt de tekst gebruikt?").select_option("")
    editor.get_by_label("Zoek een tekst").fill("wassen en strijken")
    item = editor.locator("#names").get_by_role("button", name=re.compile("Hulp in huis: vraag"))
    expect(item).to_contain_text('Knop: "Wassen en strijken"')
    item.click()
    label = editor.get_by_label("Knop 2")
    expect(label).to_have_value("Wassen en strijken")
    label.fill("De was en het strijken")
    expect(editor.locator("#preview-buttons li").nth(1)).to_have_text("De was en het strijken")
    editor.get_by_role("button", name="Opslaan").click()
    expect(editor.locator("#status")).to_have_text(
        "Opgeslagen. De assistent gebruikt deze tekst nu."
    )
    asked = bot_replies(gateway, "/ask_household_help")[-1]
    titles = [b["title"] for b in asked.get("buttons", [])]
    try:
        assert "De was en het strijken" in titles, titles
    finally:
        editor.get_by_role("button", name="Zet terug").first.click()
        expect(editor.locator("#status")).to_have_text("Teruggezet.")


def test_axe_finds_no_wcag_violations_in_the_editor(editor: Page) -> None:
    open_text(editor, "afscheid", "Einde van het gesprek: afscheid")
    expect(editor.locator("#chat-findings li").first).to_be_visible()
    assert AXE.exists(), "axe-core is missing: `make test` installs it (npm ci in tests/e2e/axe)"
    editor.add_script_tag(path=str(AXE))
    result = editor.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]
    assert violations == [], json.dumps(violations, indent=1)
