"""Calls over the phone line with the real model, played by the simulator (signed webhooks),
and every reply read as a caller hears it."""

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import httpx
import pytest

from integrations.phone.simulator import Heard, PhoneCall
from integrations.settings import DEV_STAFF_API_TOKEN
from integrations.stack.launcher import Stack
from integrations.staff.office_hours import office_open

STAFF = {"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}
CHOICE = re.compile(r"\bkies( dan)? \d\b", re.IGNORECASE)


FEEDBACK_QUESTION = (
    "Wilt u zeggen hoe het ging? Kies 1 voor goed of 2 voor gaat wel. "
    "Kies 3 voor niet goed. Ophangen mag ook."
)


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


def heard_as_a_caller(document: str) -> None:
    """What a caller must be able to follow: every <Say> answered by a <Gather>, a <Dial> or a
    <Hangup>; at most 4 choices in a menu; no "Kies 1 voor Voor"; numbers digit by digit; and
    never the number they are calling."""
    root = ET.fromstring(document)
    verbs = [child.tag for child in root]
    if "Say" in verbs:
        last_say = max(i for i, tag in enumerate(verbs) if tag == "Say")
        assert set(verbs[last_say + 1 :]) & {"Gather", "Dial", "Hangup"}, document
    for gather in root.iter("Gather"):
        texts = ["".join(say.itertext()) for say in gather.iter("Say")]
        assert len([t for t in texts if CHOICE.search(t)]) <= 4, texts
    for say in root.iter("Say"):
        text = "".join(say.itertext())
        assert not re.search(r"kies \d+ voor voor", text, re.IGNORECASE), text
        assert not re.search(r"\d{3,}", text), text  # 112 or 14 0592 said digit by digit
        assert "veertien, nul vijf negen twee" not in text, text  # they are calling it


class CheckedCall(PhoneCall):
    def post(self, path_and_query: str, params: dict[str, str]) -> str:
        document = super().post(path_and_query, params)
        check_twiml(document)
        heard_as_a_caller(document)
        return document


def call(stack: Stack, caller: str = "+31612345678") -> PhoneCall:
    s = stack.settings
    return CheckedCall(
        stack.gateway_url, s.public_base_url, s.twilio_auth_token.get_secret_value(), caller
    )


def said(heard: Heard) -> str:
    return " ".join(heard.spoken)


def case_of(gateway: httpx.Client, phone: PhoneCall) -> dict[str, object]:
    case: dict[str, object] = gateway.get(f"/api/cases/{phone.call_sid}", headers=STAFF).json()
    return case


def queued(gateway: httpx.Client, phone: PhoneCall) -> list[dict[str, str]]:
    rows = gateway.get("/api/handoffs", headers=STAFF).json()
    return [row for row in rows if row["session_id"] == phone.call_sid]


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
    if not office_open(stack.settings):  # a public holiday: a callback, never a closed team
        assert heard.dialed is None and "Mogen wij u terugbellen" in said(heard)
        return
    assert heard.spoken == ["Ik verbind u door met een medewerker. Een moment alstublieft."]
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
        input="ik wil een mens spreken\nn\nja\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "assistent: Goedendag. U spreekt met de digitale assistent" in result.stdout
    if office_open(stack.settings):
        assert f"[doorverbonden met {stack.settings.aanmeldteam_dial}]" in result.stdout
        assert "(medewerker hoort): Beller van de assistent: wil een medewerker spreken" in (
            result.stdout
        )
        assert "Er is nu niemand vrij." in result.stdout
    assert "Mogen wij u terugbellen op het nummer waarmee u nu belt?" in result.stdout
    assert "[opgehangen]" in result.stdout


def test_the_line_greets_in_dutch_with_keypad_choices(stack: Stack) -> None:
    heard = call(stack).start()
    assert heard.listens and heard.action and heard.action.startswith("http")
    assert heard.spoken[0] == "Goedendag. U spreekt met de digitale assistent van gemeente Assen."
    assert heard.spoken[1] == "Waar kan ik u mee helpen? Zeg het in een paar woorden."
    assert heard.spoken[2:] == [
        "Zeg hulp in huis of kies 1.",
        "Zeg hulpmiddel of kies 2.",
        "Zeg niet veilig of kies 3.",
        "Zeg medewerker of kies 0.",
    ]


def test_a_caller_who_only_presses_keys_reaches_a_person_with_the_case(
    stack: Stack, gateway: httpx.Client
) -> None:
    phone = call(stack)
    phone.start()
    assert phone.press("1").spoken[-4:-1] == [
        "Zeg schoonmaken of kies 1.",
        "Zeg wassen of kies 2.",
        "Zeg meer uren of kies 3.",
    ]
    assert "Voor wie is de hulp?" in phone.press("1").spoken
    assert "Die toets hoort niet bij deze vraag." in phone.press("7").spoken  # no answer
    assert "Sinds wanneer is dit nodig?" in phone.press("2").spoken
    assert phone.press("1").spoken[0].startswith("Hoe wilt u contact met ons?")
    # Issue 20 changes this: the answers are read back for the ear with "Klopt dit?" (ja 1,
    # nee 2), and the intake is passed on after the yes.
    readback = phone.press("2")  # "ik bel zelf": every question answered
    assert readback.spoken[0] == (
        "Ik lees voor wat ik heb opgeschreven. U wilt hulp bij: schoonmaken. "
        "De hulp is voor iemand anders. Sinds wanneer: sinds kort."
    )
    assert readback.spoken[1:4] == [
        "Klopt dit? Zeg ja of nee.",
        "Zeg ja of kies 1.",
        "Zeg nee of kies 2.",
    ]
    done = phone.press("1")
    assert done.dialed is None and done.listens  # the intake is passed on: no transfer
    # Contact before promises: no number, so the caller hears to call, never "we call you".
    assert "Wij hebben geen telefoonnummer van u." in said(done)
    assert "Die belt u" not in said(done)
    case = case_of(gateway, phone)
    assert (case["channel"], case["route"]) == ("phone", "huishoudelijke_hulp")
    assert case["intake"] == {  # type: ignore[comparison-overlap]
        "help_needed": "schoonmaken",
        "help_for": "voor iemand anders",
        "since_when": "sinds kort",
        "contact_preference": "zelf bellen",
    }

    person = phone.press("0")  # a person: 0 in every menu
    if not office_open(stack.settings):
        assert person.dialed is None and "Mogen wij u terugbellen" in said(person)
        return
    assert person.dialed == stack.settings.aanmeldteam_dial
    assert person.spoken[-1] == "Ik verbind u door met een medewerker. Een moment alstublieft."
    whisper = phone.whisper(person)
    assert not whisper.dialed and whisper.listens
    assert whisper.spoken[0].startswith("Beller van de assistent: ")
    assert "urgentie normaal" in whisper.spoken[0]
    assert "schoonmaken" in said(whisper) and "opgeschreven" not in said(whisper)
    assert whisper.spoken[-1] == "Druk op 1 om het gesprek aan te nemen."

    # Nobody answers: the next step is a callback on a number the caller confirms.
    no_answer = phone.transfer_ended("no-answer", person)
    assert no_answer.spoken[:2] == [
        "Er is nu niemand vrij. Wij bellen u zo snel mogelijk terug.",
        "Mogen wij u terugbellen op het nummer waarmee u nu belt?",
    ]
    mine = queued(gateway, phone)
    assert [(row["kind"], row["urgency"]) for row in mine] == [("terugbelverzoek", "normaal")]
    bye = phone.press("1")
    assert bye.hangs_up and "Tot ziens." in said(bye)
    assert case_of(gateway, phone)["intake"]["phone_number"] == "0612345678"  # type: ignore[index]


def test_a_crisis_said_mid_call_goes_to_113_at_once(stack: Stack) -> None:
    phone = call(stack)
    phone.start()
    # Issue 15: the traplift is said already, so the form asks for whom (the form is open).
    heard = phone.say("ik wil een traplift").spoken
    assert any(t.startswith("Voor wie is de hulp?") for t in heard)
    crisis = phone.say("eigenlijk wil ik gewoon dood")
    assert crisis.dialed == stack.settings.suicide_prevention_dial
    assert "113.nl" not in " ".join(crisis.spoken)  # the phone variant: no web address
    assert "Ik verbind u nu door met één één drie." in said(crisis)


def test_danger_now_says_112_and_never_rings_a_closed_team(stack: Stack) -> None:
    phone = call(stack)
    phone.start()
    heard = phone.say("help hij staat voor de deur met een mes")
    assert any("één één twee" in text for text in heard.spoken)
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


def test_a_silent_caller_hears_ik_hoor_u_niet_then_a_goodbye_and_no_callback(
    stack: Stack, gateway: httpx.Client
) -> None:
    phone = call(stack)
    greeting = phone.start()
    first = phone.silence()
    assert first.listens and first.spoken[0] == "Ik hoor u niet. Ik zeg het nog een keer."
    assert first.slow == greeting.spoken  # the question again, slower
    second = phone.silence()
    assert second.hangs_up and not second.listens and second.dialed is None
    assert second.spoken[0].startswith("Ik hoor u nog steeds niet.")
    assert case_of(gateway, phone)["handoff"] is None and queued(gateway, phone) == []


def test_booking_an_appointment_by_phone(stack: Stack, gateway: httpx.Client) -> None:
    """Times said once, as keypad choices; the keypad books; no calendar link is spoken."""
    phone = call(stack)
    phone.start()
    phone.say("ik voel me erg eenzaam")
    phone.say("liever niet")
    asked = phone.say("ja graag")
    assert any("postcode" in text for text in asked.spoken)
    offered = phone.press("9408")
    spoken = " ".join(offered.spoken)
    assert "Buurtteam Kloosterveen heeft tijd op deze momenten." in spoken
    times = [t for t in offered.spoken if t.startswith("Zeg ") and " uur " in t]
    assert len(times) in (2, 3) and times[0].endswith(" of kies 1.")
    assert all(spoken.count(t.removeprefix("Zeg ").split(" of kies")[0]) == 1 for t in times)
    confirm = phone.press("1")
    assert "Zal ik de afspraak voor u maken?" in " ".join(confirm.spoken)
    booked = phone.press("1")
    said_now = " ".join(booked.spoken)
    assert "Uw afspraak staat vast." in said_now and "Zet de afspraak" not in said_now
    phone.press("2")  # no SMS
    case = gateway.get(f"/api/cases/{phone.call_sid}", headers=STAFF).json()
    assert case["channel"] == "phone"
    assert case["appointment"]["buurtteam"] == "Buurtteam Kloosterveen"


# --- calls as residents make them --------------------------------------------------------


def test_a_spoken_number_in_pieces_is_read_back_and_kept_not_overwritten(
    stack: Stack, gateway: httpx.Client
) -> None:
    phone = call(stack)
    phone.start()
    phone.say("ik bel voor mijn moeder zij heeft hulp nodig bij het huishouden")
    phone.say("schoonmaken")
    phone.say("voor mijn moeder")
    phone.say("al een paar maanden")
    asked = phone.say("belt u mij maar")
    assert asked.spoken[0].startswith("Op welk nummer kunnen wij u bellen?")
    more = phone.say("nul zes")
    assert more.spoken == ["Ik heb nu: nul zes. Zeg de rest van het nummer."]
    read_back = phone.say("twaalf vierendertig zesenvijftig achtenzeventig")
    assert read_back.spoken[0] == (
        "Ik heb dit nummer: nul zes, één twee, drie vier, vijf zes, zeven acht. Klopt dat?"
    )
    # Issue 20: the read-back with the number in pairs, then "Klopt dit?".
    readback = phone.say("ja")
    assert "Wij bellen u op 06 12 34 56 78." in readback.spoken
    assert "Klopt dit? Zeg ja of nee." in readback.spoken
    done = phone.say("ja dat klopt")
    # Contact before promises, and when: "Die belt u op werkdagen van 9.00 tot 17.00 uur."
    assert done.dialed is None and "Die belt u op werkdagen" in said(done)
    case = case_of(gateway, phone)
    assert case["intake"]["phone_number"] == "0612345678"  # type: ignore[index]
    assert case["handoff"]["urgency"] == "normaal"  # type: ignore[index]
    bye = phone.say("nee dank u")
    # After the goodbye one question about the call (issue 21); silence skips it, the line
    # hangs up.
    assert bye.spoken == ["Dank u wel. Tot ziens!", FEEDBACK_QUESTION]
    assert phone.silence().hangs_up


def test_the_number_i_am_calling_from_is_the_caller_id(stack: Stack, gateway: httpx.Client) -> None:
    phone = call(stack, caller="+31655566677")
    phone.start()
    phone.say("ja goedemiddag ik bel eh voor een scootmobiel want ik kan niet meer zo goed lopen")
    phone.say("scootmobiel zei ik toch")
    phone.say("voor mezelf")
    phone.say("nou al een half jaar ongeveer")
    phone.say("belt u mij maar terug")
    phone.say("het nummer waar ik nu mee bel")
    phone.say("ja")  # issue 20: "Klopt dit?" after the read-back
    assert case_of(gateway, phone)["intake"]["phone_number"] == "0655566677"  # type: ignore[index]


def test_a_hidden_number_is_asked_for_never_guessed(stack: Stack, gateway: httpx.Client) -> None:
    phone = call(stack, caller="anonymous")
    phone.start()
    phone.press("2")
    phone.say("rolstoel")
    phone.say("voor mezelf")
    phone.say("sinds kort")
    phone.say("bel mij")
    hidden = phone.say("dit nummer")
    assert hidden.spoken[0] == "Uw nummer is afgeschermd. Daarom zie ik het niet."
    phone.press("0592351247#")  # typed: no read-back needed
    phone.press("1")  # issue 20: "ja" to "Klopt dit?" after the read-back of the answers
    assert case_of(gateway, phone)["intake"]["phone_number"] == "0592351247"  # type: ignore[index]


def test_a_correction_by_phone_changes_the_case(stack: Stack, gateway: httpx.Client) -> None:
    """Issue 20: phone speech without punctuation; "nee het is voor me moeder" corrects who
    the help is for, the changed line is said once more, and "ja" passes the intake on."""
    phone = call(stack)
    phone.start()
    phone.say("ik kan me huis niet meer schoon houden")
    phone.say("voor mezelf")
    phone.say("al een jaar of zo")
    readback = phone.say("ik bel zelf wel")
    assert "De hulp is voor uzelf." in said(readback) and "Klopt dit?" in said(readback)
    changed = phone.say("nee het is voor me moeder")
    assert changed.spoken[:2] == [
        "Ik heb het veranderd. Voor wie: voor uw moeder.",
        "Klopt het nu? Zeg ja of nee.",
    ]
    done = phone.say("ja")
    assert done.dialed is None and "Wij hebben geen telefoonnummer van u." in said(done)
    case = case_of(gateway, phone)
    assert case["intake"]["help_for"] == "voor mijn moeder"  # type: ignore[index]
    assert case["correction_words"] == ["nee het is voor me moeder"]
    assert "- Voor wie: voor mijn moeder. Verbeterd door de inwoner." in str(case["summary"])


def test_ja_klopt_by_phone_passes_the_intake_on(stack: Stack, gateway: httpx.Client) -> None:
    phone = call(stack)
    phone.start()
    phone.say("ik heb een rolstoel nodig voor mezelf")
    phone.say("sinds kort")
    assert "Klopt dit?" in said(phone.say("ik bel zelf"))
    phone.say("ja klopt")
    case = case_of(gateway, phone)
    assert case["intake"]["help_for"] == "voor mijzelf"  # type: ignore[index]
    assert case["corrected"] == [] and case["readback_note"] is None
    assert case["handoff"]["reason"] == "korte intake klaar"  # type: ignore[index]


def test_information_then_goodbye_hangs_up_and_says_no_number_to_call(stack: Stack) -> None:
    phone = call(stack)
    phone.start()
    hours = phone.say("hoe laat zijn jullie open")
    assert "9 uur tot 17 uur" in said(hours) and "Zal ik het herhalen? Kies dan 9." in hours.spoken
    again = phone.press("9")
    assert again.spoken[0] == "Goed. Ik zeg het nog een keer, wat langzamer."
    assert again.slow == hours.spoken  # once, slower, never piled up
    twice = phone.say("wat zegt u")
    assert twice.spoken[0] == again.spoken[0] and twice.slow == hours.spoken
    phone.press("1")
    where = phone.say("waar zit het buurtteam in marsdijk")
    assert "Bel ons op" not in said(where)
    bye = phone.press("2")
    assert bye.spoken == ["Dank u wel. Tot ziens!", FEEDBACK_QUESTION]
    rated = phone.press("1")
    assert rated.hangs_up and rated.spoken == ["Dank u wel voor uw antwoord. Tot ziens."]


def test_speech_heard_badly_is_checked_back(stack: Stack, gateway: httpx.Client) -> None:
    phone = call(stack)
    phone.start()
    check = phone.say("ik heb schulden en kom niet rond", confidence=0.3)
    assert check.spoken[0] == "Zei u: ik heb schulden en kom niet rond?"
    assert case_of(gateway, phone)["route"] is None  # nothing guessed yet
    phone.say("ja")
    assert case_of(gateway, phone)["route"] == "buurtteam"
