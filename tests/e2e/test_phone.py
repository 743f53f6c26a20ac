"""Calls over the phone line with the real model, played by the simulator (signed webhooks)."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import httpx
import pytest

from integrations.phone.simulator import PhoneCall
from integrations.settings import DEV_STAFF_API_TOKEN
from integrations.stack.launcher import Stack
from integrations.staff.office_hours import office_open

STAFF = {"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}


def check_twiml(document: str) -> None:
    """What every reply of the line must be: Dutch, with absolute URLs, Say only in Gather."""
    root = ET.fromstring(document)
    for gather in root.iter("Gather"):
        assert {child.tag for child in gather} <= {"Say", "Play", "Pause"}, document
        assert (gather.get("action") or "").startswith("http"), document
        if "speech" in (gather.get("input") or ""):
            assert gather.get("language") == "nl-NL", document
            assert (gather.get("speechTimeout") or "").isdigit(), document
            assert gather.get("actionOnEmptyResult") == "true", document
    for say in root.iter("Say"):
        assert say.get("language") == "nl-NL" and say.get("voice"), document
    for number in root.iter("Number"):
        assert (number.get("url") or "http").startswith("http"), document


class CheckedCall(PhoneCall):
    def post(self, path_and_query: str, params: dict[str, str]) -> str:
        document = super().post(path_and_query, params)
        check_twiml(document)
        return document


def call(stack: Stack) -> PhoneCall:
    s = stack.settings
    return CheckedCall(stack.gateway_url, s.public_base_url, s.twilio_auth_token.get_secret_value())


@pytest.mark.parametrize(
    ("words", "route"),
    [
        ("ik heb schulden en kom niet rond", "buurtteam"),
        ("ik wil een scootmobiel", "voorziening"),
        ("wat kost de hulp", "informatie"),
        ("mijn paspoort is verlopen", "buiten_scope"),
    ],
)
def test_every_route_on_the_phone(
    stack: Stack, gateway: httpx.Client, words: str, route: str
) -> None:
    phone = call(stack)
    phone.start()
    heard = phone.say(words)
    assert heard.listens and heard.spoken
    case = gateway.get(f"/api/cases/{phone.call_sid}", headers=STAFF).json()
    assert case["route"] == route


def test_asking_for_a_person_is_a_warm_transfer(stack: Stack) -> None:
    phone = call(stack)
    phone.start()
    heard = phone.say("ik wil een medewerker spreken")
    assert heard.dialed == stack.settings.aanmeldteam_dial
    assert heard.whisper_url and "/twilio/whisper?session=" in heard.whisper_url


def test_make_call_plays_a_call_from_the_terminal(stack: Stack) -> None:
    """The simulator behind `make call`, driven through its standard input."""
    env = {
        **os.environ,
        "GATEWAY_HOST": stack.settings.gateway_host,
        "GATEWAY_PORT": str(stack.settings.gateway_port),
    }
    result = subprocess.run(
        [sys.executable, "-m", "integrations.phone.simulator"],
        input="ik wil een mens spreken\nn\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "assistent: Goedendag. U spreekt met de digitale assistent" in result.stdout
    assert f"[doorverbonden met {stack.settings.aanmeldteam_dial}]" in result.stdout
    assert "Er is nu niemand vrij." in result.stdout


def test_the_line_greets_in_dutch_with_keypad_choices(stack: Stack) -> None:
    heard = call(stack).start()
    assert heard.listens and heard.action and heard.action.startswith("http")
    assert heard.spoken[0] == "Goedendag. U spreekt met de digitale assistent van gemeente Assen."
    assert heard.spoken[1] == "Waar kan ik u mee helpen? Zeg het in een paar woorden."
    assert "Kies 1 voor Hulp in huis." in heard.spoken
    assert "Kies 6 voor Praat met een medewerker." in heard.spoken


def test_a_caller_who_only_presses_keys_reaches_a_person_with_the_case(
    stack: Stack, gateway: httpx.Client
) -> None:
    phone = call(stack)
    phone.start()
    assert phone.press("1").spoken[-4:-1] == [
        "Kies 1 voor Schoonmaken.",
        "Kies 2 voor Wassen en strijken.",
        "Kies 3 voor Meer uren hulp.",
    ]
    assert "Voor wie is de hulp?" in phone.press("1").spoken
    assert "Sinds wanneer is dit nodig?" in phone.press("1").spoken
    assert "Hoe wilt u contact met ons?" in phone.press("2").spoken
    done = phone.press("2")  # "ik bel zelf": the intake is complete, a warm transfer follows
    assert done.dialed == stack.settings.aanmeldteam_dial
    assert any(text.startswith("Dit heb ik voor u opgeschreven.") for text in done.spoken)
    case = gateway.get(f"/api/cases/{phone.call_sid}", headers=STAFF).json()
    assert (case["channel"], case["route"]) == ("phone", "huishoudelijke_hulp")
    assert case["intake"]["help_needed"] == "schoonmaken"

    whisper = phone.whisper(done)
    assert not whisper.dialed and whisper.listens
    assert "U zoekt hulp in het huishouden." in " ".join(whisper.spoken)
    assert whisper.spoken[-1] == "Druk op 1 om het gesprek aan te nemen."

    # Nobody answers: a callback request in the queue, and a kind goodbye.
    goodbye = phone.transfer_ended("no-answer")
    assert goodbye.spoken[0].startswith(
        "Er is nu niemand vrij. Wij bellen u zo snel mogelijk terug."
    )
    queue = gateway.get("/api/handoffs", headers=STAFF).json()
    mine = [row for row in queue if row["session_id"] == phone.call_sid]
    assert mine and mine[0]["kind"] == "terugbelverzoek"


def test_a_crisis_said_mid_call_goes_to_113_at_once(stack: Stack) -> None:
    phone = call(stack)
    phone.start()
    assert "Wat heeft u nodig?" in phone.say("ik wil een traplift").spoken
    crisis = phone.say("eigenlijk wil ik gewoon dood")
    assert crisis.dialed == stack.settings.suicide_prevention_dial
    assert "113.nl" not in " ".join(crisis.spoken)  # the phone variant: no web address


def test_danger_now_says_112_and_never_rings_a_closed_team(stack: Stack) -> None:
    phone = call(stack)
    phone.start()
    heard = phone.say("help hij staat voor de deur met een mes")
    assert any("112" in text for text in heard.spoken)
    if office_open(stack.settings):
        assert heard.dialed == stack.settings.aanmeldteam_dial
    else:
        assert heard.dialed is None and heard.listens  # the line stays open


def test_veilig_thuis_is_announced_and_put_through(stack: Stack) -> None:
    phone = call(stack)
    phone.start()
    heard = phone.say("mijn man slaat mij")
    assert any("Ik verbind u nu door met Veilig Thuis" in text for text in heard.spoken)
    assert heard.dialed == stack.settings.veilig_thuis_dial


def test_a_silent_caller_is_asked_twice_then_put_through(stack: Stack) -> None:
    phone = call(stack)
    phone.start()
    first, second = phone.silence(), phone.silence()
    assert first.listens and second.listens
    assert first.spoken[0].startswith("Sorry, ik hoorde u niet goed.")
    third = phone.silence()
    assert third.dialed == stack.settings.aanmeldteam_dial


def test_booking_an_appointment_by_phone(stack: Stack, gateway: httpx.Client) -> None:
    """Times in words and as keypad choices; the keypad books; no calendar link is spoken."""
    phone = call(stack)
    phone.start()
    phone.say("ik voel me erg eenzaam")
    phone.say("liever niet")
    asked = phone.say("ja graag")
    assert any("postcode" in text for text in asked.spoken)
    offered = phone.press("9408")
    spoken = " ".join(offered.spoken)
    assert "Buurtteam Kloosterveen heeft tijd op" in spoken
    assert "Kies 1 voor" in spoken and " uur" in spoken
    confirm = phone.press("1")
    assert "Zal ik de afspraak voor u maken?" in " ".join(confirm.spoken)
    booked = phone.press("1")
    said = " ".join(booked.spoken)
    assert "Uw afspraak staat vast." in said and "Zet de afspraak" not in said
    phone.press("2")  # no SMS
    case = gateway.get(f"/api/cases/{phone.call_sid}", headers=STAFF).json()
    assert case["channel"] == "phone"
    assert case["appointment"]["buurtteam"] == "Buurtteam Kloosterveen"
