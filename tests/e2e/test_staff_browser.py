"""The aanmeldteam's side in a real browser, as staff members work it (staff audit 2026-12-02):
a disclosure case they can act on, a new acute case announced, one holder at a time, giving
back and closing on purpose, a phone case to call back, a draft kept through an expired login,
roles, and every staff page at 390 px and on a tablet without axe violations.
Screenshots of these states go to var/screenshots/."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from integrations.phone.simulator import PhoneCall
from integrations.settings import DEV_STAFF_API_TOKEN, REPO_ROOT
from integrations.stack.launcher import Stack

STAFF = {"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}
PASSWORD = "dev-wachtwoord"
AXE = REPO_ROOT / "tests" / "e2e" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 768, "height": 1024}


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Any]:
    opened: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        # bypass_csp only so the tests can inject axe-core; the pages run under their CSP.
        context = browser.new_context(locale="nl-NL", bypass_csp=True, **options)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


def log_in(page: Page, user: str) -> None:
    page.get_by_label("Gebruikersnaam").fill(user)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def staff_page(context: BrowserContext, stack: Stack, user: str, path: str = "/staff/") -> Page:
    page = context.new_page()
    page.goto(stack.gateway_url + path)
    log_in(page, user)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    return page


def chat(gateway: httpx.Client, *messages: str) -> str:
    session_id: str = gateway.post("/api/chat/sessions").json()["session_id"]
    gateway.post(f"/api/chat/sessions/{session_id}/messages", json={"payload": "/greet"})
    for text in messages:
        answer = gateway.post(f"/api/chat/sessions/{session_id}/messages", json={"text": text})
        assert answer.status_code == 200, answer.text
    return session_id


def case_url(stack: Stack, session_id: str) -> str:
    return f"{stack.gateway_url}/staff/gesprek?id={session_id}"


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"staff-{name}.png"), full_page=True)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    assert AXE.exists(), "axe-core is missing: `make test` installs it (npm ci in tests/e2e/axe)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations: list[dict[str, Any]] = result["violations"]
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]} for v in violations]


def fits(page: Page) -> bool:
    """Nothing sticks out sideways: no horizontal scrolling of the page."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def close_all(gateway: httpx.Client) -> None:
    """The start of a shift: earlier tests' handoffs are handled."""
    for row in gateway.get("/api/handoffs", headers=STAFF).json():
        gateway.post(
            f"/api/cases/{row['session_id']}/close",
            json={"outcome": "geen actie", "confirm": True},
            headers=STAFF,
        )


def test_a_disclosure_case_through_a_deep_link(
    new_context: Any, stack: Stack, gateway: httpx.Client
) -> None:
    """Defect 1 and 11: the summary a staff member acts on, reached by a link after login."""
    session_id = chat(
        gateway,
        "goedemiddag",
        "stress met de opvoeding van mijn zoon van 9",
        "ja graag",
        "mijn man slaat mij en ik ben bang dat hij het kind ook pijn doet",
    )
    safe_time = "bel mij alleen overdag op 0611122233, dan is hij op zijn werk"
    reply = gateway.post(f"/api/chat/sessions/{session_id}/messages", json={"text": safe_time})
    # The resident hears that the number and the safe time are passed on (no "Sorry").
    assert [m["text"] for m in reply.json()["messages"]] == [
        "Dank u. Ik geef uw nummer 06 1112 2233 door aan de medewerker.",
        "Ik geef door wanneer bellen veilig is.",
    ]
    page = new_context().new_page()
    page.goto(case_url(stack, session_id))
    expect(page).to_have_url(
        f"{stack.gateway_url}/staff/login?next=/staff/gesprek%3Fid%3D{session_id}"
    )
    log_in(page, "aanmelder")
    expect(page).to_have_url(case_url(stack, session_id))  # the deep link kept its id
    safety = page.locator(".summary-block.safety")
    expect(safety.locator("h3")).to_have_text("Veiligheid eerst")
    expect(page.locator(".summary-block").first).to_have_class("summary-block safety")
    expect(safety).to_contain_text("mijn man slaat mij en ik ben bang dat hij het kind ook pijn")
    expect(safety).to_contain_text('"mijn zoon van 9"')
    expect(safety).to_contain_text('"bel mij alleen overdag"; "dan is hij op zijn werk"')
    call = page.locator("#contact").get_by_role("link", name="Bel 06 1112 2233")
    expect(call).to_have_attribute("href", "tel:+31611122233")
    expect(page.locator("#summary")).to_contain_text("stress met de opvoeding van mijn zoon van 9")
    expect(page.locator("#summary")).not_to_contain_text("goedemiddag")
    expect(page.locator("#summary")).not_to_contain_text("veilig_thuis")
    expect(page.locator("#transcript")).not_to_contain_text("/greet")
    expect(page.locator("#facts")).to_contain_text("Chat · Veilig Thuis · Acuut")
    screenshot(page, "disclosure-case")


def test_a_number_with_the_question_gives_both_to_staff(
    new_context: Any, stack: Stack, gateway: httpx.Client
) -> None:
    """Defect 2: "mijn nummer is 0592 123 456, het gaat over mijn rolstoel" got "Sorry, dat
    begreep ik niet goed"; neither the number nor the topic reached the case."""
    session_id = chat(gateway)
    said = "mijn nummer is 0592 123 456, het gaat over mijn rolstoel"
    reply = gateway.post(f"/api/chat/sessions/{session_id}/messages", json={"text": said})
    first = reply.json()["messages"][0]["text"]
    assert first.startswith("U zoekt een hulpmiddel of een aanpassing."), first
    page = staff_page(new_context(), stack, "aanmelder", f"/staff/gesprek?id={session_id}")
    expect(page.locator("#facts")).to_contain_text("Chat · Hulpmiddel of aanpassing")
    expect(page.locator("#summary")).to_contain_text("het gaat over mijn rolstoel")
    call = page.locator("#contact").get_by_role("link", name="Bel 0592 123 456")
    expect(call).to_have_attribute("href", "tel:+31592123456")


def test_a_correction_after_the_read_back_is_on_the_case_page(
    new_context: Any, stack: Stack, gateway: httpx.Client
) -> None:
    """Issue 20: "Klopt dit?" "nee, het is voor mijn moeder": the case page shows the corrected
    answer, marked as corrected, and the correction in the resident's words once."""
    session_id = chat(
        gateway,
        "ik wil een scootmobiel",
        "voor mezelf",
        "sinds kort",
        "ik bel zelf",
        "nee, het is voor mijn moeder",
        "ja",
    )
    page = staff_page(new_context(), stack, "aanmelder", f"/staff/gesprek?id={session_id}")
    summary = page.locator("#summary")
    expect(summary).to_contain_text("voor mijn moeder. Verbeterd door de inwoner.")
    expect(summary).to_contain_text('"nee, het is voor mijn moeder"')
    expect(summary).not_to_contain_text("voor mijzelf")
    assert summary.inner_text().count("nee, het is voor mijn moeder") == 1
    screenshot(page, "case-correction")


def test_a_new_acute_case_is_announced_and_sits_on_top(
    new_context: Any, stack: Stack, gateway: httpx.Client
) -> None:
    close_all(gateway)
    calm = chat(gateway, "ik wil een medewerker spreken")
    page = staff_page(new_context(), stack, "aanmelder")
    expect(page.locator("#rows li").first).to_contain_text("Wil een medewerker spreken")
    expect(page.locator("#announce")).to_have_attribute("aria-live", "assertive")
    expect(page.locator("#announce")).to_be_empty()
    urgent = chat(gateway, "ik wil niet meer leven")
    announce = page.locator("#announce")
    expect(announce).to_contain_text("Nieuw acuut gesprek", timeout=10_000)
    top = page.locator("#rows li").first
    expect(top).to_contain_text("Acuut")
    expect(top).to_contain_text("Nieuw")
    expect(top.get_by_role("link")).to_have_attribute("href", f"/staff/gesprek?id={urgent}")
    expect(page.locator("#count")).to_contain_text("waarvan 1 acuut")
    expect(page.locator("#rows li").nth(1).locator(".wait")).to_be_visible()
    # Filters and search.
    page.get_by_label("Urgentie").select_option("acuut")
    expect(page.locator("#rows li")).to_have_count(1)
    page.get_by_role("button", name="Wis filters").click()
    page.get_by_label("Zoek").fill("medewerker")
    expect(page.locator(f"#rows li[data-session='{calm}']")).to_be_visible()
    expect(page.locator(f"#rows li[data-session='{urgent}']")).to_have_count(0)
    screenshot(page, "queue-acute")


def test_one_holder_giving_back_and_closing_a_crisis_on_purpose(
    new_context: Any, stack: Stack, gateway: httpx.Client
) -> None:
    session_id = chat(gateway, "ik wil niet meer leven")
    anna = staff_page(new_context(), stack, "aanmelder", f"/staff/gesprek?id={session_id}")
    bert = staff_page(new_context(), stack, "redacteur", f"/staff/gesprek?id={session_id}")
    anna.get_by_role("button", name="Neem over").click()
    expect(anna.locator("#holder")).to_have_text("U heeft dit gesprek.")
    bert.reload()
    expect(bert.locator("#holder")).to_have_text("aanmelder heeft dit gesprek.")
    expect(bert.get_by_role("button", name="Neem over")).to_be_hidden()
    expect(bert.get_by_role("button", name="Toch overnemen")).to_be_visible()
    expect(bert.get_by_label("Bericht aan de inwoner")).to_be_hidden()

    # Taken cases stay findable; giving back puts the case in the queue again.
    anna.get_by_role("link", name="Gesprekken").click()
    anna.get_by_role("link", name="Mijn gesprekken").click()
    expect(anna.locator(f"#rows li[data-session='{session_id}']")).to_be_visible()
    anna.locator(f"#rows li[data-session='{session_id}']").get_by_role("link").click()
    anna.get_by_role("button", name="Geef terug aan de wachtrij").click()
    expect(anna.locator("#status")).to_contain_text("staat weer in de wachtrij")
    queue = gateway.get("/api/handoffs", headers=STAFF).json()
    assert session_id in [row["session_id"] for row in queue]

    # Closing: an outcome chosen on purpose, and a confirmation for a crisis.
    anna.get_by_role("button", name="Neem over").click()
    radios = anna.locator("input[name=outcome]")
    expect(radios).to_have_count(6)
    for index in range(6):
        expect(radios.nth(index)).not_to_be_checked()
    anna.get_by_role("button", name="Sluit af").click()
    expect(anna.locator("#status")).to_have_text("Kies eerst hoe het gesprek is afgerond.")
    anna.get_by_label("Naar team Buiten").check()
    anna.get_by_role("button", name="Sluit af").click()
    expect(anna.locator("#status")).to_contain_text("Vink eerst aan")
    screenshot(anna, "close-confirm")
    anna.get_by_label("Ik heb gecontroleerd dat de inwoner veilig is of hulp heeft.").check()
    anna.get_by_role("button", name="Sluit af").click()
    expect(anna.locator("#closed")).to_have_text(
        "Dit gesprek is afgerond door aanmelder: Naar team Buiten."
    )
    expect(anna.get_by_label("Bericht aan de inwoner")).to_be_hidden()
    case = gateway.get(f"/api/cases/{session_id}", headers=STAFF).json()
    assert case["transcript"][-1]["text"].startswith("De medewerker heeft dit gesprek afgesloten.")
    anna.get_by_role("link", name="Gesprekken").click()
    anna.get_by_role("link", name="Afgerond").click()
    expect(anna.locator(f"#rows li[data-session='{session_id}']")).to_contain_text(
        "Afgerond door aanmelder: Naar team Buiten."
    )


def test_a_message_typed_while_the_login_expired_is_kept(
    new_context: Any, stack: Stack, gateway: httpx.Client
) -> None:
    session_id = chat(gateway, "ik wil een medewerker spreken")
    context = new_context()
    page = staff_page(context, stack, "aanmelder", f"/staff/gesprek?id={session_id}")
    expect(page.get_by_role("button", name="Stuur")).to_be_disabled()  # no empty messages
    page.get_by_label("Bericht aan de inwoner").fill("Goedemiddag, u spreekt met Anna.")
    context.clear_cookies()  # the login expired while typing
    page.get_by_role("button", name="Stuur").click()
    expect(page).to_have_url(
        f"{stack.gateway_url}/staff/login?next=%2Fstaff%2Fgesprek%3Fid%3D{session_id}"
    )
    log_in(page, "aanmelder")
    expect(page).to_have_url(case_url(stack, session_id))
    expect(page.get_by_label("Bericht aan de inwoner")).to_have_value(
        "Goedemiddag, u spreekt met Anna."
    )
    expect(page.locator("#draft-note")).to_be_visible()
    page.get_by_role("button", name="Stuur").click()
    expect(page.locator(".entry.staff").last).to_contain_text("u spreekt met Anna")
    expect(page.get_by_label("Bericht aan de inwoner")).to_have_value("")


def test_a_wrong_id_says_so_and_logout_is_on_every_page(
    new_context: Any, stack: Stack, gateway: httpx.Client
) -> None:
    session_id = chat(gateway, "mijn man slaat mij")
    page = staff_page(new_context(), stack, "aanmelder", "/staff/gesprek?id=bestaat-niet")
    expect(page.get_by_role("alert")).to_contain_text("Dit gesprek bestaat niet of is verlopen.")
    expect(page.locator("body")).not_to_contain_text("undefined")
    for path in ("/staff/", "/staff/monitor", "/staff/review", f"/staff/gesprek?id={session_id}"):
        page.goto(stack.gateway_url + path)
        expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
        expect(page.locator("#menu")).to_contain_text("aanmelder (Aanmeldteam)")
    expect(page.locator("#summary")).to_contain_text("mijn man slaat mij")
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(f"{stack.gateway_url}/staff/login")
    page.go_back()
    expect(page.locator("body")).not_to_contain_text("mijn man slaat mij")
    expect(page).to_have_url(
        f"{stack.gateway_url}/staff/login?next=/staff/gesprek%3Fid%3D{session_id}"
    )
    page.goto(stack.gateway_url + "/staff/bestaat-niet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")


def test_a_phone_case_is_a_call_to_return(
    new_context: Any, stack: Stack, gateway: httpx.Client
) -> None:
    settings = stack.settings
    phone = PhoneCall(
        stack.gateway_url, settings.public_base_url, settings.twilio_auth_token.get_secret_value()
    )
    phone.start()
    transfer = phone.say("ik wil een medewerker spreken")
    asked = phone.transfer_ended("no-answer", transfer)
    # The line calls back only on a number the caller confirms (issue 17).
    assert "Mogen wij u terugbellen op het nummer waarmee u nu belt?" in asked.spoken
    phone.say("ja")
    page = staff_page(new_context(), stack, "aanmelder", f"/staff/gesprek?id={phone.call_sid}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Telefoongesprek")
    expect(page.get_by_label("Bericht aan de inwoner")).to_be_hidden()
    note = page.locator("#phone-note")
    expect(note).to_contain_text("Bel de inwoner terug")
    expect(note.get_by_role("link", name="Bel 06 1234 5678")).to_have_attribute(
        "href", "tel:+31612345678"
    )
    expect(page.get_by_role("button", name="Neem over (ik bel terug)")).to_be_visible()
    page.get_by_role("link", name="Gesprekken").click()
    row = page.locator(f"#rows li[data-session='{phone.call_sid}']")
    expect(row).to_contain_text("Telefoon")
    expect(row.get_by_role("link", name="Bel 06 1234 5678")).to_be_visible()
    screenshot(page, "queue-phone")


def test_each_role_sees_its_own_pages(new_context: Any, stack: Stack) -> None:
    writer = staff_page(new_context(), stack, "tekstschrijver")
    expect(writer).to_have_url(f"{stack.gateway_url}/staff/teksten")
    # The menu offers only the pages of the role: no queue, no figures.
    menu = writer.locator("#menu")
    expect(menu.get_by_role("link")).to_have_text(["Teksten", "Nakijken"])
    menu.get_by_role("link", name="Nakijken").click()
    expect(writer.get_by_role("button", name="Uitloggen")).to_be_visible()
    writer.goto(stack.gateway_url + "/staff/")
    expect(writer).to_have_url(f"{stack.gateway_url}/staff/teksten")
    writer.goto(stack.gateway_url + "/staff/gesprek?id=x")
    expect(writer.get_by_role("heading", level=1)).to_have_text("Geen toegang")
    writer.goto(stack.gateway_url + "/staff/teksten")
    writer.get_by_role("button", name="Uitloggen").click()
    expect(writer).to_have_url(f"{stack.gateway_url}/staff/login")
    admin = staff_page(new_context(), stack, "beheerder")
    expect(admin).to_have_url(f"{stack.gateway_url}/staff/beheer")
    expect(admin.locator("#accounts")).to_contain_text("tekstschrijver")
    expect(admin.locator("#menu")).not_to_contain_text("Gesprekken")


def test_the_communication_account_reads_no_crisis_transcript(
    new_context: Any, stack: Stack, gateway: httpx.Client
) -> None:
    """Defect 10: communicatie reviews finished conversations, never one about safety."""
    said = "ik wil niet meer leven want alles gaat mis"
    crisis = chat(gateway, said)
    closed = gateway.post(
        f"/api/cases/{crisis}/close",
        json={"outcome": "geen actie", "confirm": True},
        headers=STAFF,
    )
    assert closed.status_code == 200  # closed: finished, so it may be reviewed
    team = staff_page(new_context(), stack, "aanmelder", "/staff/review")
    expect(team.locator("#conversations").get_by_role("button", name=said)).to_be_visible()
    writer = staff_page(new_context(), stack, "tekstschrijver", "/staff/review")
    expect(writer.locator("#count")).not_to_be_empty()
    expect(writer.locator("#conversations")).not_to_contain_text(said)
    writer.goto(f"{stack.gateway_url}/api/review/conversations/{crisis}")
    expect(writer.locator("body")).not_to_contain_text(said)


def test_the_figures_in_words(new_context: Any, stack: Stack, gateway: httpx.Client) -> None:
    chat(gateway, "ik heb schulden en kom niet rond")
    page = staff_page(new_context(), stack, "aanmelder", "/staff/monitor")
    expect(page.locator("#totals")).to_contain_text("gesprek")
    expect(page.locator("#tables")).to_contain_text("Per route")
    expect(page.locator("#tables")).not_to_contain_text("_")  # no route codes
    first_day = page.locator("#days-body th").first
    expect(first_day).to_have_text(
        re.compile(r"^(maan|dins|woens|donder|vrij|zater|zon)dag \d+ \w+$")
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("datum;dag;soort;naam;aantal")


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("tablet", TABLET)])
def test_every_staff_page_fits_and_passes_axe(
    new_context: Any, stack: Stack, gateway: httpx.Client, size: str, viewport: dict[str, int]
) -> None:
    session_id = chat(
        gateway,
        "mijn man slaat mij en ik ben bang dat hij het kind ook pijn doet",
        "bel mij alleen overdag op 0611122233, dan is hij op zijn werk",
    )
    login = new_context(viewport=viewport).new_page()
    login.goto(stack.gateway_url + "/staff/login")
    assert fits(login) and axe_violations(login) == []
    page = staff_page(new_context(viewport=viewport), stack, "redacteur")
    for name, path in [
        ("queue", "/staff/"),
        ("mine", "/staff/?view=mijn"),
        ("closed", "/staff/?view=afgerond"),
        ("case", f"/staff/gesprek?id={session_id}"),
        ("figures", "/staff/monitor"),
    ]:
        page.goto(stack.gateway_url + path)
        expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
        if name == "case":
            expect(page.locator(".summary-block.safety")).to_be_visible()
        else:
            page.wait_for_load_state("networkidle")
        assert fits(page), f"{name} is wider than {viewport['width']} px"
        assert axe_violations(page) == [], name
        screenshot(page, f"{name}-{size}")
    admin = staff_page(new_context(viewport=viewport), stack, "beheerder")
    expect(admin.locator("#accounts tr").first).to_be_visible()
    assert fits(admin) and axe_violations(admin) == [], "beheer"
    screenshot(admin, f"beheer-{size}")
    admin.goto(stack.gateway_url + "/staff/bestaat-niet")
    assert fits(admin) and axe_violations(admin) == [], "404"
