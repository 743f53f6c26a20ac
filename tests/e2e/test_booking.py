"""Booking with the buurtteam of the resident's own wijk, over the chat API with the real
model, actions, gateway, agenda and Redis. Twilio's cloud is a local recorder."""

from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from tests.recorder import Recorder

from .test_conversation import button_titles, case_of, say, start, texts

POSTCODES = {
    "Buurtteam Noorderpark & Peelo": "9402 AB 5",
    "Buurtteam Pittelo & Lariks": "9403CD 7",
    "Buurtteam Centrum & Baggelhuizen": "9401 ab 12",
    "Buurtteam Kloosterveen": "9408 AB 3",
    "Buurtteam Marsdijk": "9404EF 9",
    "Buurtteam Assen-Oost": "9406 GH 2",
}
OFFER_BUTTONS = 3


def joined(messages: list[dict[str, object]]) -> str:
    return " ".join(texts(messages))


def offers_in(messages: list[dict[str, object]]) -> list[dict[str, str]]:
    """The time buttons: every button before "Andere tijd"."""
    buttons: list[dict[str, str]] = [b for m in messages for b in m["buttons"]]  # type: ignore[attr-defined]
    titles = [b["title"] for b in buttons]
    assert "Andere tijd" in titles, titles
    return buttons[: titles.index("Andere tijd")]


def to_the_wijk_question(gateway: httpx.Client) -> str:
    session_id = start(gateway)
    say(gateway, session_id, payload="/greet")
    said = say(gateway, session_id, text="ik voel me zo alleen de laatste tijd")
    assert case_of(gateway, session_id)["route"] == "buurtteam", texts(said)
    say(gateway, session_id, payload="liever niet")
    asked = say(gateway, session_id, payload="ja graag")
    assert "In welke wijk woont u?" in joined(asked)
    assert "Kloosterveen" in button_titles(asked)
    return session_id


@pytest.mark.parametrize("team", list(POSTCODES))
def test_each_wijk_books_with_its_own_team(gateway: httpx.Client, team: str) -> None:
    session_id = to_the_wijk_question(gateway)
    offered = say(gateway, session_id, text=POSTCODES[team])
    assert f"Uw buurtteam is {team}." in joined(offered)
    times = offers_in(offered)
    assert len(times) == OFFER_BUTTONS
    assert all(" om " in t["title"] and t["title"].endswith(" uur") for t in times)
    confirm = say(gateway, session_id, payload=times[0]["payload"])
    assert "Zal ik de afspraak voor u maken?" in joined(confirm)
    booked = say(gateway, session_id, payload="ja")
    assert "Uw afspraak staat vast." in joined(booked)
    assert times[0]["title"] in joined(booked)
    links = [m["link"] for m in booked if m.get("link")]
    assert links and str(links[0]["url"]).endswith(".ics")  # type: ignore[index]
    assert "Wilt u een sms met de afspraak?" in joined(booked)
    say(gateway, session_id, payload="nee")
    case = case_of(gateway, session_id)
    assert case["buurtteam"] == team
    assert case["appointment"]["buurtteam"] == team
    assert case["appointment"]["when"] == times[0]["title"]
    assert case["handoff"] is None  # the appointment is made: nobody needs to call back
    ics = gateway.get(str(links[0]["url"]))  # type: ignore[index]
    assert ics.status_code == 200 and "BEGIN:VEVENT" in ics.text


def test_no_to_all_offers_then_tomorrow_then_sms_change_and_cancel(
    gateway: httpx.Client, twilio_api: Recorder
) -> None:
    session_id = to_the_wijk_question(gateway)
    first = offers_in(say(gateway, session_id, text="ik woon in Kloosterveen"))
    declined = say(gateway, session_id, text="nee")
    assert "Geen probleem. Ik zoek andere tijden voor u." in joined(declined)
    later = offers_in(declined)
    assert not {t["title"] for t in later} & {t["title"] for t in first}
    more = offers_in(say(gateway, session_id, payload="andere tijd"))
    assert more and more != later
    chosen = say(gateway, session_id, payload=more[-1]["payload"])
    assert more[-1]["title"] in joined(chosen)
    say(gateway, session_id, payload="ja")
    asked = say(gateway, session_id, payload="ja")
    assert "Op welk mobiel nummer wilt u de sms?" in joined(asked)
    before = len(twilio_api.requests)
    closing = say(gateway, session_id, text="06 12 34 56 78")
    assert "Ik heb de sms gestuurd." in joined(closing)
    sms = parse_qs(twilio_api.requests[before].body.decode())
    assert sms["To"] == ["+31612345678"] and more[-1]["title"] in sms["Body"][0]

    # Later in the same conversation: another time, then cancel.
    changing = say(gateway, session_id, text="ik wil mijn afspraak verzetten")
    assert "Ik zoek een nieuwe tijd voor u." in joined(changing)
    new_times = offers_in(changing)
    say(gateway, session_id, payload=new_times[0]["payload"])
    say(gateway, session_id, payload="ja")
    moved = case_of(gateway, session_id)["appointment"]
    assert moved["when"] == new_times[0]["title"]
    cancelled = say(gateway, session_id, text="ik wil mijn afspraak afzeggen")
    assert f"Ik heb uw afspraak van {new_times[0]['title']} afgezegd." in joined(cancelled)
    assert case_of(gateway, session_id)["appointment"] is None


def test_a_postcode_outside_assen_gets_a_kind_answer(gateway: httpx.Client) -> None:
    session_id = to_the_wijk_question(gateway)
    answer = say(gateway, session_id, text="1012 AB 5")
    assert "Die postcode hoort niet bij Assen." in joined(answer)
    assert "14 0592" in joined(answer) or "Bel dan uw eigen gemeente." in joined(answer)
    assert case_of(gateway, session_id)["appointment"] is None


def test_dont_know_the_wijk_then_postcode_then_house_number(gateway: httpx.Client) -> None:
    session_id = to_the_wijk_question(gateway)
    asked = say(gateway, session_id, payload="weet ik niet")
    assert "Wat is uw postcode?" in joined(asked)
    again = say(gateway, session_id, text="9405")
    assert "Wat is uw postcode?" in joined(again)
    number = say(gateway, session_id, text="9405 AA")
    assert "Wat is uw huisnummer?" in joined(number)
    found = say(gateway, session_id, text="120")
    assert "Uw buurtteam is Buurtteam Assen-Oost." in joined(found)
    assert offers_in(found)


def test_crisis_in_the_middle_of_booking_comes_first(gateway: httpx.Client) -> None:
    session_id = to_the_wijk_question(gateway)
    offers_in(say(gateway, session_id, text="Marsdijk"))
    crisis = say(gateway, session_id, text="ik wil niet meer leven")
    assert "113" in joined(crisis)
    case: dict[str, Any] = case_of(gateway, session_id)
    assert case["route"] == "crisis" and case["urgency"] == "acuut"


def test_a_danger_said_while_choosing_a_time_comes_first_and_booking_goes_on(
    gateway: httpx.Client,
) -> None:
    """Held as a resident would: a disclosure in the middle of the booking, in her own words."""
    session_id = to_the_wijk_question(gateway)
    offered = say(gateway, session_id, text="9408 AB 3")
    assert offers_in(offered)
    told = say(gateway, session_id, text="eigenlijk slaat mijn man me als ik nee zeg")
    said = joined(told)
    assert "0800-2000" in said and "Welke tijd" not in said  # nothing else is asked first
    case = case_of(gateway, session_id)
    assert (case["route"], case["urgency"]) == ("veilig_thuis", "acuut")
    safety_first = case["summary"].split("\n\n")[0]  # the disclosure first, before the rest
    assert safety_first.startswith("Veiligheid eerst") and "slaat mijn man me" in safety_first
    # The conversation goes on: she can still book with her buurtteam, whose wijk it knows.
    again = say(gateway, session_id, text="ik voel me zo alleen de laatste tijd")
    assert offers_in(again) and "Kloosterveen" in joined(again)
