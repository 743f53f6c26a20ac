"""Conversations with the appointment dialogue, held as residents hold them, on the real agenda
and Redis: the wish in any words, the wijk with errors and corrections, wishes for a time,
home visits and calls, questions in between, moving and cancelling with a question first, the
code in a new conversation, the confirmation and the SMS."""

from datetime import timedelta
from typing import Any

from tests.recorder import recording_server

from .conftest import MONDAY, SUNDAY_EVENING, Built, Resident, WithDialogue

TWILIO_REPLY = b'{"sid": "SM00000000000000000000000000000000", "status": "queued"}'


async def book(resident: Resident, where: str = "Kloosterveen", house: str = "12") -> str:
    """A whole booking by buttons: the wijk, the first time, yes, the house number."""
    offered = await resident.says(where)
    when = offered.offers()[0]
    await resident.says(when)
    booked = await resident.says("ja")
    assert "utter_appointment_booked" in booked.names, booked.names
    coded = await resident.says(house)
    assert "utter_appointment_code" in coded.names, coded.names
    return coded.values("utter_appointment_code")["code"]


def test_a_wish_as_the_first_message_leads_to_the_wijk_question(
    with_dialogue: WithDialogue,
) -> None:
    async def work(built: Built) -> None:
        for n, words in enumerate(
            [
                "ik wil een afspraak maken met het buurtteam",
                "kan iemand langskomen",
                "wanneer kan ik bij het buurtteam terecht",
                "ik wil met iemand praten over mijn schulden",
            ]
        ):
            # The classifier may even think it is a cancellation: the words decide.
            heard = await built.resident(f"r{n}").start(words, intent="cancel_appointment")
            assert "utter_ask_wijk" in heard.names, (words, heard.names)
            assert "utter_no_appointment" not in heard.names
            assert "utter_ask_code" not in heard.names

    with_dialogue(work)


def test_the_wijk_and_a_wish_in_the_first_message_are_not_asked_again(
    with_dialogue: WithDialogue,
) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        heard = await resident.start(
            "ik woon in kloosterven en wil een afspraak, liefst s middags want smorgens werk ik"
        )
        assert heard.values("utter_wijk_found")["wijk"] == "Kloosterveen"
        assert "utter_ask_wijk" not in heard.names
        afternoon = ("13.00 uur", "13.45 uur", "14.30 uur", "15.15 uur")
        assert heard.offers() and all(o.endswith(afternoon) for o in heard.offers())
        assert resident.case["wijk"] == "Kloosterveen"

    with_dialogue(work)


def test_a_wijk_is_corrected_while_choosing_a_time(with_dialogue: WithDialogue) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ja graag", intent="book_appointment")
        first = await resident.says("9402 nummer 17")
        assert first.values("utter_wijk_found")["team_name"] == "Buurtteam Noorderpark & Peelo"
        corrected = await resident.says("nee ik woon in assen oost")
        assert corrected.values("utter_wijk_found")["team_name"] == "Buurtteam Assen-Oost"
        assert corrected.offers(), corrected.names
        assert resident.case["buurtteam"] == "Buurtteam Assen-Oost"
        await resident.says(corrected.offers()[0])
        booked = await resident.says("ja")
        assert booked.values("utter_appointment_booked")["team_name"] == "Buurtteam Assen-Oost"

    with_dialogue(work)


def test_a_place_outside_assen_then_the_right_postcode_still_books(
    with_dialogue: WithDialogue,
) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        outside = await resident.says("9481 AB")
        assert outside.names[:2] == ["utter_outside_assen", "utter_ask_wijk_outside"]
        assert outside.outcome is None  # the conversation goes on
        fixed = await resident.says("oh sorry ik typte verkeerd, het is 9408 AB 23")
        assert fixed.values("utter_wijk_found")["wijk"] == "Kloosterveen"
        assert fixed.offers()

    with_dialogue(work)


def test_not_living_in_assen_ends_kindly(with_dialogue: WithDialogue) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        await resident.says("1012 AB 5")
        done = await resident.says("ik woon niet in Assen")
        assert done.names == ["utter_not_in_assen"] and done.outcome == "buiten Assen"

    with_dialogue(work)


def test_dont_know_the_wijk_then_a_street_with_a_spelling_error(
    with_dialogue: WithDialogue,
) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        asked = await resident.says("weet ik niet")
        assert asked.names == ["utter_ask_postcode"]
        widow = built.resident("widow")
        await widow.start("ik wil een afspraak")
        found = await widow.says("in kloosterven, de postcode weet ik nie")
        assert found.values("utter_wijk_found")["wijk"] == "Kloosterveen"
        found = await resident.says("ik woon op de molestraat 3")
        assert found.values("utter_wijk_found")["wijk"] == "Centrum"
        split = built.resident("s2")
        await split.start("ik wil een afspraak")
        number = await split.says("Veenweg")
        assert number.names == ["utter_ask_house_number"]
        marsdijk = await split.says("120")
        assert marsdijk.values("utter_wijk_found")["wijk"] == "Marsdijk"

    with_dialogue(work)


def test_wishes_are_heard(with_dialogue: WithDialogue) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        await resident.says("Assen-Oost")
        after_three = await resident.says("na 15 uur")
        assert after_three.values("utter_wish_heard")["wish_text"] == "na 15.00 uur"
        assert all(o.endswith("15.15 uur") for o in after_three.offers()), after_three.offers()
        not_wednesday = await resident.says("maar niet op woensdag")
        assert not any(o.startswith("woensdag") for o in not_wednesday.offers())
        assert all(o.endswith("15.15 uur") for o in not_wednesday.offers())
        next_week = await resident.says("liever volgende week")
        start_of_next_week = MONDAY + timedelta(days=7)
        assert next_week.offers() and not any(o.startswith("woensdag") for o in next_week.offers())
        assert next_week.values("utter_wish_heard")["wish_text"] == (
            "na 15.00 uur, volgende week, niet op woensdag"
        )
        agenda = await built.service.dialog(resident.session)
        assert all(o.start.date() >= start_of_next_week for o in agenda.offered)

    # On a Wednesday morning of that week, so that "volgende week" is not tomorrow.
    with_dialogue(work, now=SUNDAY_EVENING + timedelta(days=2, hours=14))


def test_another_time_asks_what_would_suit(with_dialogue: WithDialogue) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        first = await resident.says("Marsdijk")
        asked = await resident.says("andere tijd")
        assert asked.names == ["utter_ask_time_wish"]
        morning = await resident.says("'s ochtends")
        mornings = (" om 9.", " om 10.", " om 11.")
        assert morning.offers() and all(any(m in o for m in mornings) for o in morning.offers())
        declined = await resident.says("nee")
        assert declined.names == ["utter_offer_declined", "utter_ask_time_wish"]
        later = await resident.says("maakt niet uit")
        assert later.offers() and not set(later.offers()) & set(morning.offers())
        assert first.offers()

    with_dialogue(work)


def test_an_appointment_for_someone_else_is_noted_and_the_times_come_again(
    with_dialogue: WithDialogue,
) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        first = await resident.says("Marsdijk")
        # Not "none of these times": the resident corrects who it is for.
        corrected = await resident.says("nee wacht het is niet voor mij maar voor me zus")
        assert corrected.names[0] == "utter_booking_for_other"
        assert "utter_offer_declined" not in corrected.names
        assert corrected.offers() == first.offers()
        assert built.cases["s1"]["intake"]["help_for"] == (
            "nee wacht het is niet voor mij maar voor me zus"
        )
        # Her wijk is another: her buurtteam's times.
        moved = await resident.says("ze woont in kloosterveen")
        assert "utter_wijk_found" in moved.names and moved.offers()

    with_dialogue(work)


def test_soon_gives_the_first_times(with_dialogue: WithDialogue) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        heard = await resident.start("ik woon in Peelo, zo snel mogelijk graag")
        offers = heard.offers()
        # The first three free times, not spread over the days.
        assert all(o.startswith(offers[0].split(" om ")[0]) for o in offers), offers

    with_dialogue(work)


def test_a_home_visit_for_someone_who_cannot_leave_the_house(
    with_dialogue: WithDialogue,
) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        await resident.says("Loon")
        asked = await resident.says(
            "kunnen ze ook bij mij thuis komen? ik kan mijn man niet alleen laten"
        )
        assert "utter_kind_chosen_home" in asked.names
        assert asked.names[-1] == "utter_ask_home_address"
        unclear = await resident.says("de tweede")
        assert unclear.names == ["utter_home_address_unclear", "utter_ask_home_address"]
        offered = await resident.says("Peelerweg 4")
        assert "utter_offer_appointments_home" in offered.names
        await resident.says(offered.offers()[0])
        booked = await resident.says("ja")
        assert "utter_appointment_booked_home" in booked.names
        # The house number came with the address: the code comes straight away.
        assert "utter_appointment_code" in booked.names
        assert resident.case["appointment"]["kind"] == "home"
        assert resident.case["intake"]["home_address"] == "Peelerweg 4"

    with_dialogue(work)


def test_home_visits_follow_the_teams_hours_and_calls_only_where_offered(
    with_dialogue: WithDialogue,
) -> None:
    async def work(built: Built) -> None:
        kloosterveen = built.resident("k")
        heard = await kloosterveen.start("ik kom de deur nie meer uit, kan er iemand komen?")
        await kloosterveen.says("Kloosterveen")
        offered = await kloosterveen.says("Kloosterlaan 8")
        agenda = await built.service.dialog("k")
        assert agenda.kind == "home" and all(o.start.hour < 12 for o in agenda.offered)
        assert offered.offers()
        pittelo = built.resident("p")
        await pittelo.start("ik wil een afspraak")
        await pittelo.says("Pittelo")
        refused = await pittelo.says("bel mij liever op")
        assert "utter_kind_not_offered_phone" in refused.names
        assert refused.names[-1] == "utter_ask_kind"
        buttons = next(s.buttons for s in refused.says if s.response == "utter_ask_kind")
        assert buttons == ("bij het buurtteam", "bij mij thuis")
        assert heard.names

    with_dialogue(work)


def test_a_call_instead_of_a_visit(with_dialogue: WithDialogue) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        await resident.says("Marsdijk")
        asked = await resident.says("liever telefonisch")
        assert asked.names[-1] == "utter_ask_call_number"
        offered = await resident.says("nul zes een twee drie vier vijf zes zeven acht")
        assert "utter_offer_appointments_phone" in offered.names
        await resident.says("de eerste")
        booked = await resident.says("ja")
        assert booked.values("utter_appointment_booked_phone")["call_number"] == "0612345678"

    with_dialogue(work)


def test_questions_in_between_are_answered_and_never_change_anything(
    with_dialogue: WithDialogue,
) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        offered = await resident.says("Marsdijk")
        companion = await resident.says("moet mijn zoon ook mee naar de afspraak?")
        assert companion.names[0] == "utter_appointment_companion"
        assert companion.offers() == offered.offers()  # the same question again
        # Held on 7 December: the team's hours, not "Uw afspraak staat nog niet vast".
        hours = await resident.says("wanneer is het buurtteam open")
        assert hours.names[0] == "utter_info_opening_hours"
        assert hours.offers() == offered.offers()
        await resident.says(offered.offers()[0])
        assert "utter_appointment_booked" in (await resident.says("ja")).names
        code = (await resident.says("12")).values("utter_appointment_code")["code"]
        when = await resident.start("hoe laat was mijn afspraak ook alweer?", "cancel_appointment")
        assert when.names == ["utter_appointment_when"] and when.outcome == "afgehandeld"
        again = await resident.start("kunt u de afspraak nog een keer zeggen", "cancel_appointment")
        assert again.names == ["utter_appointment_summary"]
        who = await resident.start("wie komt er", "ask_appointment")
        assert who.values("utter_appointment_who")["professional"] == "Hanneke (voorbeeld)"
        assert (await built.service.booking_of(resident.session)) is not None
        assert code

    with_dialogue(work)


def test_a_question_at_the_house_number_is_answered_then_the_number_asked_again(
    with_dialogue: WithDialogue,
) -> None:
    # Held in a chat: after booking, the house number question got "hoe laat was mijn
    # afspraak ook alweer?" and "mag mijn dochter mee": both were skipped, unanswered.
    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        offered = await resident.says("Kloosterveen")
        await resident.says(offered.offers()[0])
        booked = await resident.says("ja")
        assert booked.names[-1] == "utter_ask_detail"
        when = await resident.says("hoe laat was mijn afspraak ook alweer?")
        assert when.names == ["utter_appointment_when", "utter_ask_detail"]
        along = await resident.says("mag mijn dochter mee")
        assert along.names == ["utter_appointment_companion", "utter_ask_detail"]
        coded = await resident.says("12")
        assert "utter_appointment_code" in coded.names

    with_dialogue(work)


async def book_by_buttons(resident: Resident, where: str = "Kloosterveen") -> str:
    await resident.start("ik wil een afspraak")
    return await book(resident, where)


def test_cancelling_asks_first_and_only_a_clear_yes_cancels(with_dialogue: WithDialogue) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        await book_by_buttons(resident)
        booking = await built.service.booking_of(resident.session)
        assert booking is not None
        asked = await resident.start("ik wil de afspraak afzeggen", "cancel_appointment")
        when = asked.values("utter_ask_cancel")["appointment_when"]
        assert asked.names == ["utter_ask_cancel"]
        kept = await resident.says("nee!! ik wou hem niet afzeggen, ik wil wel komen")
        assert kept.names == ["utter_appointment_kept"] and kept.outcome == "afgehandeld"
        assert await built.service.booking_of(resident.session) is not None
        await resident.start("ik wil de afspraak afzeggen", "cancel_appointment")
        unsure = await resident.says("ja maar eigenlijk weet ik het niet")
        assert unsure.names[0] == "utter_cancel_unclear"
        cancelled = await resident.says("ja")
        assert cancelled.names == ["utter_appointment_cancelled"]
        assert cancelled.values("utter_appointment_cancelled")["appointment_when"] == when
        assert await built.service.booking_of(resident.session) is None
        assert resident.case["appointment"] is None
        assert resident.case["intake"]["appointment"] == f"afgezegd (was {when})"

    with_dialogue(work)


def test_moving_keeps_the_old_time_until_the_new_one_is_confirmed(
    with_dialogue: WithDialogue,
) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        code = await book_by_buttons(resident)
        old = await built.service.booking_of(resident.session)
        moving = await resident.start(
            "ik wil mijn afspraak verzetten, donderdag kan ik toch niet, liever volgende week",
            "change_appointment",
        )
        assert moving.names[0] == "utter_change_appointment"
        assert moving.values("utter_wish_heard")["wish_text"] == "volgende week, niet op donderdag"
        new_time = moving.offers()[0]
        confirm = await resident.says(new_time)
        assert confirm.names == ["utter_ask_move_confirmed"]
        assert await built.service.booking_of(resident.session) == old  # nothing changed yet
        moved = await resident.says("ja")
        assert moved.names[0] == "utter_appointment_moved"
        assert moved.values("utter_code_stays")["code"] == code
        assert resident.case["appointment"]["when"] == new_time

    with_dialogue(work)


def test_the_code_finds_the_appointment_in_a_new_conversation(
    with_dialogue: WithDialogue,
) -> None:
    async def work(built: Built) -> None:
        first = built.resident("first")
        code = await book_by_buttons(first)
        when = first.case["appointment"]["when"]
        later = built.resident("later", "phone")
        asked = await later.start("ik wil mijn afspraak afzeggen", intent="cancel_appointment")
        assert asked.names == ["utter_ask_code"]
        digit_words = [
            "nul",
            "een",
            "twee",
            "drie",
            "vier",
            "vijf",
            "zes",
            "zeven",
            "acht",
            "negen",
        ]
        spoken = " ".join(digit_words[int(d)] for d in code)
        detail = await later.says(spoken)
        assert detail.names == ["utter_ask_code_detail"]
        found = await later.says("twaalf")
        assert found.names == ["utter_appointment_found", "utter_ask_cancel"]
        assert found.values("utter_appointment_found")["appointment_when"] == when
        cancelled = await later.says("ja")
        assert cancelled.names == ["utter_appointment_cancelled"]
        # Both cases show it as it is now.
        assert later.case["appointment"] is None and first.case["appointment"] is None
        assert first.case["intake"]["appointment"].startswith("afgezegd")

    with_dialogue(work)


def test_a_code_and_house_number_in_the_first_sentence_are_not_asked_again(
    with_dialogue: WithDialogue,
) -> None:
    """Held as residents on 8 December: "ik wil mijn afspraak afzeggen, de code is 427646 en
    ik woon op nummer 14" got "Heeft u de code van uw afspraak?", then "Ik hoorde geen
    code"."""

    async def work(built: Built) -> None:
        code = await book_by_buttons(built.resident("first"))
        later = built.resident("later")
        said = f"ik wil mijn afspraak afzeggen, de code is {code} en ik woon op nummer 12"
        found = await later.start(said, intent="cancel_appointment")
        assert found.names == ["utter_appointment_found", "utter_ask_cancel"]
        other = built.resident("other")
        detail = await other.start(f"afspraak afzeggen code {code}", intent="cancel_appointment")
        assert detail.names == ["utter_ask_code_detail"]

    with_dialogue(work)


def test_cancelling_without_the_code_goes_to_a_person_not_to_a_new_booking(
    with_dialogue: WithDialogue,
) -> None:
    """Held as a resident: "ik heb geen kode meer, kwijt" (or the button "geen code") to the
    code question asked for the wijk, and offered times for a new appointment."""

    async def work(built: Built) -> None:
        for n, words in enumerate(["ik heb geen kode meer, kwijt", "geen code"]):
            resident = built.resident(f"r{n}")
            asked = await resident.start("ik wil me afspraak afzegge", intent="cancel_appointment")
            assert asked.names == ["utter_ask_code"]
            told = await resident.says(words)
            assert told.names == ["utter_no_code"] and told.outcome == "afgehandeld", words
        # Words about a new appointment at the code question still book one.
        booking = built.resident("new")
        await booking.start("ik wil mijn afspraak verzetten", intent="change_appointment")
        assert "utter_ask_wijk" in (await booking.says("nee doe maar nieuwe afspraak")).names

    with_dialogue(work)


def test_a_booking_interrupted_goes_on_where_it_stopped(with_dialogue: WithDialogue) -> None:
    """Held as a resident: a disclosure in the middle of a booking, then "laat maar, maak
    gewoon die afspraak" was asked for the code of an appointment made elsewhere."""

    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        assert (await resident.says("Peelo")).offers()
        # The form was left for the safety answer; Rasa starts the dialogue again.
        again = await resident.start("laat maar, maak gewoon die afspraak", "ask_appointment")
        assert "utter_ask_code" not in again.names and again.offers()
        # Without an unfinished booking, "die afspraak" is one made before: the code.
        other = built.resident("other")
        asked = await other.start("wanneer is die afspraak", "ask_appointment")
        assert asked.names == ["utter_ask_code"]

    with_dialogue(work)


def test_a_wrong_code_or_house_number_three_times_gives_up(with_dialogue: WithDialogue) -> None:
    async def work(built: Built) -> None:
        code = await book_by_buttons(built.resident("first"))
        stranger = built.resident("stranger")
        await stranger.start("wanneer is mijn afspraak", "ask_appointment")
        for attempt in range(3):
            await stranger.says(code)
            wrong = await stranger.says("13")
            if attempt < 2:
                assert wrong.names == ["utter_code_not_found", "utter_ask_code"]
        assert wrong.names == ["utter_code_given_up"] and wrong.outcome == "afgehandeld"
        # Nothing about the appointment was said.
        assert not any("appointment_when" in s.values for s in wrong.says)

    with_dialogue(work)


def test_a_question_about_the_appointment_in_a_new_conversation(
    with_dialogue: WithDialogue,
) -> None:
    async def work(built: Built) -> None:
        code = await book_by_buttons(built.resident("first"), "Marsdijk")
        later = built.resident("later")
        await later.start("waar is mijn afspraak ook alweer", "ask_appointment")
        await later.says(code)
        answered = await later.says("12")
        assert answered.names == ["utter_appointment_found", "utter_appointment_where"]
        assert answered.outcome == "afgehandeld"
        general = built.resident("general")
        what = await general.start("wat gebeurt er dan bij zo'n afspraak?", "ask_appointment")
        assert what.names == ["utter_appointment_what"]
        asking = built.resident("asking")
        both = await asking.start("ik wil een afspraak, wat kost dat?", "book_appointment")
        assert both.names == ["utter_info_costs", "utter_ask_wijk"]

    with_dialogue(work)


def test_no_sms_offered_when_it_cannot_be_sent(with_dialogue: WithDialogue) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        offered = await resident.says("Kloosterveen")
        await resident.says(offered.offers()[0])
        await resident.says("ja")
        done = await resident.says("12")
        assert "utter_ask_sms_wanted" not in done.names and done.outcome == "geboekt"

    with_dialogue(work)


def test_the_sms_is_sent_or_its_failure_told_with_the_appointment_again(
    with_dialogue: WithDialogue,
) -> None:
    kept: list[dict[str, Any]] = []  # the case of each conversation (staff audit, defect 3)

    async def sent(built: Built) -> list[str]:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        offered = await resident.says("Kloosterveen")
        await resident.says(offered.offers()[0])
        await resident.says("ja")
        asked = await resident.says("12")
        assert asked.names[-1] == "utter_ask_sms_wanted"
        assert (await resident.says("ja graag")).names == ["utter_ask_sms_number"]
        names = (await resident.says("06 43 21 87 65")).names
        kept.append(resident.case)
        return names

    with recording_server(status=201, body=TWILIO_REPLY) as twilio:
        assert with_dialogue(sent, sms_url=twilio.url) == ["utter_sms_sent"]
        assert "%2B31643218765" in twilio.requests[0].body.decode()
    with recording_server(status=500) as twilio:
        assert with_dialogue(sent, sms_url=twilio.url) == [
            "utter_sms_failed",
            "utter_appointment_summary",
        ]
    # The case keeps where the SMS went and whether it went: staff know to call on a failure.
    assert [case["intake"]["sms"] for case in kept] == [
        "verstuurd naar 06 4321 8765",
        "niet gelukt (naar 06 4321 8765)",
    ]
    assert kept[1]["contact"] == {"phone": "0643218765", "phone_source": "vraag"}


def test_by_phone_the_time_is_said_once_with_an_offer_to_say_it_again(
    with_dialogue: WithDialogue,
) -> None:
    async def work(built: Built) -> None:
        caller = built.resident("call", "phone")
        await caller.start("ik wil een afspraak")
        offered = await caller.says("9408")
        await caller.says("1")  # the first time: the keypad sends its words, or "1" is read
        booked = await caller.says("ja")  # "Kies 1 voor Ja, maak de afspraak" sends "ja"
        assert booked.names == ["utter_appointment_booked", "utter_ask_repeat_appointment"]
        again = await caller.says("ja graag")
        assert again.names == ["utter_appointment_repeat", "utter_ask_detail"]
        coded = await caller.says("zeventien")
        spoken = coded.values("utter_appointment_code")["code_spoken"]
        assert spoken == ", ".join(coded.values("utter_appointment_code")["code"])
        assert offered.offers()

    with_dialogue(work)


def test_giving_up_and_unclear_answers_never_loop(with_dialogue: WithDialogue) -> None:
    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        for _ in range(2):
            again = await resident.says("op de maan")
            assert again.names == ["utter_wijk_unknown", "utter_ask_postcode"]
        by_phone = await resident.says("blabla")
        assert by_phone.names == ["utter_booking_by_phone", "utter_ask_callback_number"]
        done = await resident.says("0592 123456")
        assert done.outcome == "terugbellen"
        assert resident.case["intake"]["phone_number"] == "0592123456"
        stopping = built.resident("stop")
        await stopping.start("ik wil een afspraak")
        await stopping.says("Peelo")
        assert (await stopping.says("laat maar, ik wil toch geen afspraak")).outcome == (
            "geen afspraak"
        )
        # "afzeggen" before anything is booked stops the booking; at the wijk question too.
        calling_off = built.resident("call off")
        await calling_off.start("ik wil een afspraak")
        assert (await calling_off.says("ik wil hem afzeggen")).outcome == "geen afspraak"
        moving_on = built.resident("move on")
        await moving_on.start("ik wil een afspraak")
        assert (await moving_on.says("Peelo")).offers()
        assert (await moving_on.says("nee annuleer maar")).outcome == "geen afspraak"

    with_dialogue(work)


def test_a_passport_appointment_is_not_for_the_buurtteam(with_dialogue: WithDialogue) -> None:
    async def work(built: Built) -> None:
        heard = await built.resident().start(
            "mijn paspoort is verlopen, hoe maak ik een afspraak om een nieuwe aan te vragen?"
        )
        assert heard.names == ["utter_appointment_elsewhere"]

    with_dialogue(work)


def test_why_a_question_is_asked_and_a_yes_that_is_no_wijk(with_dialogue: WithDialogue) -> None:
    """#21: "waarom wilt u dat weten?", "oke doe dan maar een afspraak", "weet ik niet": a
    reason, the question again, and never a dead end."""

    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        why = await resident.says("waarom wilt u dat weten?")
        assert why.names == ["utter_why_wijk", "utter_ask_wijk"]
        yes = await resident.says("oke doe dan maar een afspraak")
        assert yes.names == ["utter_ask_wijk"]  # not "Ik kan uw wijk niet vinden"
        # A plain yes ("yes please" in English) is no wijk either.
        assert (await resident.says("ja graag")).names == ["utter_ask_wijk"]
        postcode = await resident.says("weet ik niet")
        assert postcode.names == ["utter_ask_postcode"]
        # Neither wijk nor postcode: the buurtteam calls, at once (held on 7 December: the
        # postcode question came four times).
        by_phone = await resident.says("geen idee")
        assert by_phone.names == ["utter_booking_by_phone", "utter_ask_callback_number"]
        # The street after all: choosing a time together again.
        back = await resident.says("ik woon aan de kerkstraat")
        assert back.values("utter_wijk_found")["wijk"] == "Centrum" and back.offers()

    with_dialogue(work)


def test_a_wish_asked_as_a_question_is_a_wish(with_dialogue: WithDialogue) -> None:
    """Held as a resident: "hebben jullie ook iets op woensdagmiddag? dan is hij bij zijn
    vader" was answered "Iemand mag met u mee"."""

    async def work(built: Built) -> None:
        resident = built.resident()
        await resident.start("ik wil een afspraak")
        assert (await resident.says("Peelo")).offers()
        heard = await resident.says(
            "hebben jullie ook iets op woensdagmiddag? dan is hij bij zijn vader"
        )
        assert "utter_appointment_companion" not in heard.names
        assert heard.offers() and all("woensdag" in o for o in heard.offers())

    with_dialogue(work)
