import asyncio
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.intake import (
    ActionSubmitIntake,
    ValidateAidsForm,
    ValidateBuurtteamForm,
    ValidateHouseholdHelpForm,
    closing_responses,
)
from actions.intake_answers import BOOKED, CALLBACK, HANDLED, NOT_GIVEN, OUTSIDE_ASSEN

BUURTTEAM_DOMAIN: Any = {
    "forms": {"buurtteam_form": {"required_slots": ["situation", "next_step", "appointment_step"]}}
}
FORM_SLOTS = ["help_needed", "help_for", "since_when", "contact_preference", "phone_number"]


def required(form: Any, make_tracker: Any, **slots: Any) -> list[str]:
    tracker = make_tracker(slots=slots)
    result: list[str] = asyncio.run(
        form.required_slots(FORM_SLOTS, CollectingDispatcher(), tracker, {})
    )
    return result


def test_the_buurtteam_form_leaves_the_appointment_to_the_dialogue(tracker_of: Any) -> None:
    """The number for a callback is asked by the appointment dialogue in the gateway
    (tests/integrations/appointments/), never by the form itself."""
    form = ValidateBuurtteamForm()
    wanted = required(form, tracker_of, next_step="afspraak")
    assert wanted == ["situation", "next_step", "appointment_step"]
    assert "phone_number" not in wanted and "contact_preference" not in wanted


def test_no_appointment_means_no_contact_questions(tracker_of: Any) -> None:
    slots = required(ValidateBuurtteamForm(), tracker_of, next_step="geen afspraak")
    assert "contact_preference" not in slots and "phone_number" not in slots


def asking(question: str, make_tracker: Any, **slots: Any) -> Any:
    return make_tracker(slots={"requested_slot": question, **slots})


def test_a_wrong_phone_number_is_explained_once_then_a_person_helps(tracker_of: Any) -> None:
    """Issue 15 changes this: a second wrong number no longer goes on without a number (the
    bot would promise a call it cannot make); a person helps on."""
    form = ValidateHouseholdHelpForm()
    dispatcher = CollectingDispatcher()
    first = form.validate_phone_number("0612", dispatcher, asking("phone_number", tracker_of), {})
    assert first == {"phone_number": None, "answer_tries": 1}
    assert dispatcher.messages[0]["response"] == "utter_phone_invalid"
    tracker = asking("phone_number", tracker_of, answer_tries=1)
    second = form.validate_phone_number("0613", dispatcher, tracker, {})
    assert second == {"phone_number": None, "answer_tries": 0, "intake_exit": "medewerker"}
    assert len(dispatcher.messages) == 1  # the person is announced when the form ends


def test_dont_know_and_a_plain_no_are_no_answers(tracker_of: Any) -> None:
    """Issue 15 changes this: "weet ik niet" and "nee" to an open question were kept as
    answers; now the question is explained and asked again, and nothing is kept."""
    form = ValidateBuurtteamForm()
    dispatcher = CollectingDispatcher()
    tracker = asking("phone_number", tracker_of)
    assert form.validate_phone_number("weet ik niet", dispatcher, tracker, {}) == {
        "phone_number": None,
        "answer_tries": 1,
    }
    assert form.validate_help_for("nee", dispatcher, asking("help_for", tracker_of), {}) == {
        "help_for": None,
        "answer_tries": 1,
    }
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_intake_explain_phone_number",
        "utter_intake_explain_help_for",
    ]
    # "Liever geen nummer" is an answer: the resident chose it.
    assert form.validate_phone_number("geen nummer", dispatcher, tracker, {}) == {
        "phone_number": NOT_GIVEN,
        "answer_tries": 0,
    }


def test_closing_words_per_route() -> None:
    with_number = {"phone_number": "0612345678", "contact_preference": "bellen"}
    assert closing_responses("huishoudelijke_hulp", "household_help", with_number) == [
        "utter_intake_readback_household_help",
        "utter_intake_done_direct",
        "utter_anything_else",
    ]
    # Contact before promises: without a number the resident hears to call, not "we call".
    for no_number in (
        None,
        {"contact_preference": "zelf bellen"},
        {"phone_number": "niet gegeven"},
    ):
        assert closing_responses("huishoudelijke_hulp", "household_help", no_number)[1] == (
            "utter_intake_done_direct_self"
        )
    callback = {"next_step": "afspraak", "appointment_step": CALLBACK}
    assert closing_responses("buurtteam", "loneliness", callback)[0] == (
        "utter_intake_done_appointment"
    )
    assert closing_responses("buurtteam", "loneliness", {"next_step": "geen afspraak"})[0] == (
        "utter_intake_done_no_appointment"
    )
    # The appointment dialogue said the booking, its code and its SMS itself.
    booked = {"next_step": "afspraak", "appointment_step": BOOKED}
    assert closing_responses("buurtteam", "stress", booked) == ["utter_anything_else"]
    outside = {"next_step": "afspraak", "appointment_step": OUTSIDE_ASSEN}
    assert closing_responses("buurtteam", "stress", outside) == ["utter_anything_else"]
    # A question answered, or a cancellation, after another flow: no readback of that flow.
    handled = {"appointment_step": HANDLED, "appointment_direct": True}
    assert closing_responses("huishoudelijke_hulp", "household_help", handled) == [
        "utter_anything_else"
    ]


def test_submitting_answers_and_forgets_the_intake(run: Any) -> None:
    slots = {"route": "voorziening", "topic": "aids", "aid_needed": "traplift"}
    messages, events = run(ActionSubmitIntake(), slots=slots)
    assert messages[0]["response"] == "utter_intake_readback_aids"
    assert {"event": "slot", "name": "aid_needed", "value": None, "timestamp": None} in events


def test_a_need_of_the_other_intake_is_noted_and_said_back(run: Any) -> None:
    """Heard: "ik wil een traplift en ook hulp bij het schoonmaken" started the household
    intake, and the stairlift was never mentioned again."""
    slots = {
        "route": "huishoudelijke_hulp",
        "topic": "household_help",
        "help_needed": "schoonmaken",
        "readback_ok": "ja",
        "phone_number": "0612345678",
    }
    events = [
        {"event": "user", "text": "ik wil een traplift en ook hulp bij het schoonmaken"},
        {"event": "user", "text": "/inform"},
        {"event": "user", "text": "voor mezelf"},
    ]
    messages, _ = run(ActionSubmitIntake(), slots=slots, events=events)
    said = [m["response"] for m in messages]
    assert said == ["utter_intake_also_noted", "utter_intake_done_direct", "utter_anything_else"]
    assert messages[0]["also_needed"] == "traplift"
    # Nothing else named: nothing more said.
    plain, _ = run(ActionSubmitIntake(), slots=slots, events=events[1:])
    assert "utter_intake_also_noted" not in [m["response"] for m in plain]


def household_domain() -> dict[str, Any]:
    return {"forms": {"household_help_form": {"required_slots": FORM_SLOTS}}}


def test_stop_ends_the_form_and_keeps_nothing(tracker_of: Any) -> None:
    form = ValidateHouseholdHelpForm()
    dispatcher = CollectingDispatcher()
    tracker = asking("since_when", tracker_of, help_needed="schoonmaken", answer_tries=1)
    result = form.validate_since_when("stop", dispatcher, tracker, household_domain())
    assert result == {"since_when": None, "answer_tries": 0, "intake_exit": "gestopt"}
    assert dispatcher.messages == []
    left = tracker_of(slots={"intake_exit": "gestopt", "help_needed": "schoonmaken"})
    assert asyncio.run(form.required_slots(FORM_SLOTS, dispatcher, left, {})) == []


def test_voor_mij_selluf_to_what_help_fills_who_and_asks_what_again(tracker_of: Any) -> None:
    """The defect the lead saw: "voor mij selluf" and "wat bedoelt u?" were kept as answers."""
    form = ValidateHouseholdHelpForm()
    dispatcher = CollectingDispatcher()
    tracker = asking("help_needed", tracker_of)
    result = form.validate_help_needed("voor mij selluf", dispatcher, tracker, household_domain())
    assert result == {"help_for": "voor mijzelf", "help_needed": None}
    # The open question is explained before it comes again (issue 15: not the bare question).
    assert [m["response"] for m in dispatcher.messages] == ["utter_intake_explain_help_needed"]
    back = form.validate_help_needed("wat bedoelt u?", dispatcher, tracker, household_domain())
    assert back == {"help_needed": None, "answer_tries": 1}
    assert len(dispatcher.messages) == 2


def test_the_first_message_fills_the_answers_it_gives(tracker_of: Any) -> None:
    form = ValidateAidsForm()
    domain = {"forms": {"aids_form": {"required_slots": ["aid_needed", *FORM_SLOTS[1:]]}}}
    said = "mijn moeder heeft een scootmobiel nodig bel me op 06-12345678"
    tracker = tracker_of(latest={"text": said}, active_loop="aids_form")
    events = asyncio.run(form.get_extraction_events(CollectingDispatcher(), tracker, domain))
    assert {e["name"]: e["value"] for e in events} == {
        "aid_needed": "scootmobiel",
        "help_for": "voor mijn moeder",
        "contact_preference": "bellen",
        "phone_number": "0612345678",
    }
    # Later answers are read by the open question, not here.
    later = tracker_of(latest={"text": said}, slots={"requested_slot": "since_when"})
    assert asyncio.run(form.get_extraction_events(CollectingDispatcher(), later, domain)) == []
    # A button says nothing about the answers.
    button = tracker_of(latest={"text": "/ask_aids"})
    assert asyncio.run(form.get_extraction_events(CollectingDispatcher(), button, domain)) == []


def test_who_it_is_for_said_before_the_need_is_not_asked_again(tracker_of: Any) -> None:
    """Held on 7 December: "Ik wil hulp aanvragen voor mijn moeder." and then "het gaat om de
    douche" started the aids form, which asked "Voor wie is de hulp?" once more."""
    form = ValidateAidsForm()
    domain = {"forms": {"aids_form": {"required_slots": ["aid_needed", *FORM_SLOTS[1:]]}}}
    said = "Nee wacht, het gaat om de douche. Ze kan niet meer over de rand van het bad."
    events = [
        {"event": "session_started"},
        {"event": "user", "text": "voor mijn vader wil ik ooit iets vragen"},
        {"event": "session_started"},  # an earlier session says nothing about this one
        {"event": "user", "text": "/greet"},
        {"event": "user", "text": "Ik wil hulp aanvragen voor mijn moeder."},
        {"event": "user", "text": said},
    ]
    tracker = tracker_of(events=events, latest={"text": said}, active_loop="aids_form")
    found = asyncio.run(form.get_extraction_events(CollectingDispatcher(), tracker, domain))
    assert {e["name"]: e["value"] for e in found} == {
        "aid_needed": "aanpassing in huis",
        "help_for": "voor mijn moeder",
    }
    # Said in this message, this message counts.
    mine = said + " Het is voor mezelf."
    tracker = tracker_of(
        events=[*events[:-1], {"event": "user", "text": mine}], latest={"text": mine}
    )
    found = asyncio.run(form.get_extraction_events(CollectingDispatcher(), tracker, domain))
    assert {e["name"]: e["value"] for e in found}["help_for"] == "voor mijzelf"


def test_a_first_message_that_tells_the_story_is_not_asked_for_it_again(
    tracker_of: Any,
) -> None:
    """Held on 7 December: "ik maak me zorgen om mijn zoon van 15 ..." was followed by "Wilt u
    in een paar woorden vertellen wat er speelt?", and the next answer was kept as the story."""
    form = ValidateBuurtteamForm()
    domain = {"forms": {"buurtteam_form": {"required_slots": ["situation", "next_step"]}}}
    said = "ik maak me zorgen om mijn zoon van 15, hij spijbelt steeds en blowt"
    tracker = tracker_of(latest={"text": said}, active_loop="buurtteam_form")
    events = asyncio.run(form.get_extraction_events(CollectingDispatcher(), tracker, domain))
    assert {e["name"]: e["value"] for e in events} == {"situation": said}
    # A request without a story still gets the question.
    requests = ("ik wil graag een afspraak met het buurtteam", "ik heb schulden", "/ask_support")
    for request in requests:
        tracker = tracker_of(latest={"text": request}, active_loop="buurtteam_form")
        found = asyncio.run(form.get_extraction_events(CollectingDispatcher(), tracker, domain))
        assert found == []


def test_dont_know_to_an_appointment_is_never_read_as_no(tracker_of: Any) -> None:
    form = ValidateBuurtteamForm()
    dispatcher = CollectingDispatcher()
    tracker = asking("next_step", tracker_of, situation="schulden")
    result = asyncio.run(form.validate_next_step("weet ik niet", dispatcher, tracker, {}))
    assert result == {"next_step": None, "answer_tries": 1}
    assert dispatcher.messages[0]["response"] == "utter_intake_explain_next_step"
    no = asyncio.run(form.validate_next_step("nee", dispatcher, tracker, {}))
    assert no == {"next_step": "geen afspraak", "answer_tries": 0}


def test_a_sentence_with_niet_in_it_is_no_no_to_an_appointment(tracker_of: Any) -> None:
    """Heard in a conversation: "ze kan niet meer zelf schoonmaken" to "Wilt u een afspraak
    met het buurtteam?" was read as "nee" (the "niet" in it), and the resident was sent away."""
    form = ValidateBuurtteamForm()
    dispatcher = CollectingDispatcher()
    tracker = asking("next_step", tracker_of, situation="voor mijn moeder")
    said = "ze kan niet meer zelf schoonmaken"
    result = asyncio.run(form.validate_next_step(said, dispatcher, tracker, BUURTTEAM_DOMAIN))
    assert result == {"next_step": None, "answer_tries": 1}
    assert dispatcher.messages[0]["response"] == "utter_intake_explain_next_step"


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("wat is dat eigenlijk een buurtteam", "utter_info_buurtteam"),
        ("kost dat geld?", "utter_info_costs"),
        ("is it free?", "utter_info_costs"),
        ("hoe lang duurt dat?", "utter_info_duration"),
        ("wat is de wmo", "utter_info_wmo"),
        ("wat bedoelt u", "utter_intake_explain_situation"),
    ],
)
def test_a_question_back_gets_its_answer_and_the_question_again(
    tracker_of: Any, said: str, answer: str
) -> None:
    form = ValidateBuurtteamForm()
    dispatcher = CollectingDispatcher()
    tracker = asking("situation", tracker_of)
    result = form.validate_situation(said, dispatcher, tracker, BUURTTEAM_DOMAIN)
    assert result["situation"] is None  # nothing kept, asked again
    # A question answered costs no try; one the product cannot answer is a non-answer.
    tried = 1 if answer == "utter_intake_explain_situation" else None
    assert result.get("answer_tries") == tried
    assert [m["response"] for m in dispatcher.messages] == [answer]


def test_leaving_says_what_happens_and_sends_nothing(run: Any) -> None:
    slots = {
        "route": "huishoudelijke_hulp",
        "topic": "household_help",
        "intake_exit": "gestopt",
        "help_for": "voor mijzelf",
    }
    messages, events = run(ActionSubmitIntake(), slots=slots)
    assert [m["response"] for m in messages] == ["utter_intake_left", "utter_anything_else"]
    assert {"event": "slot", "name": "help_for", "value": None, "timestamp": None} in events
    learn = {**slots, "intake_exit": "alleen informatie", "route": "buurtteam"}
    messages, _ = run(ActionSubmitIntake(), slots=learn)
    assert [m["response"] for m in messages] == [
        "utter_intake_how_it_works_buurtteam",
        "utter_intake_left",
        "utter_anything_else",
    ]
    # What the resident wanted to know is answered, and the case is a question for
    # information now (conversations v13: "eigenlijk wil ik eerst alleen weten wat het kost en
    # hoe lang het duurt" in the stairlift intake).
    latest = {"text": "eigenlijk wil ik eerst alleen weten wat het kost en hoe lang het duurt"}
    aids = {**slots, "intake_exit": "alleen informatie", "route": "voorziening"}
    messages, events = run(ActionSubmitIntake(), slots=aids, latest=latest)
    assert [m["response"] for m in messages] == [
        "utter_info_costs",
        "utter_info_duration",
        "utter_intake_left",
        "utter_anything_else",
    ]
    assert {"event": "slot", "name": "route", "value": "informatie", "timestamp": None} in events


def test_a_goodbye_in_a_form_says_goodbye_and_sends_nothing(run: Any) -> None:
    slots = {"route": "buurtteam", "topic": "loneliness", "intake_exit": "afscheid"}
    messages, _ = run(ActionSubmitIntake(), slots=slots)
    assert [m["response"] for m in messages] == ["utter_intake_left", "utter_goodbye"]


def test_twice_no_answer_hands_over_to_a_person(run: Any) -> None:
    slots = {"route": "voorziening", "topic": "aids", "intake_exit": "medewerker"}
    messages, events = run(ActionSubmitIntake(), slots=slots)
    assert [m["response"] for m in messages] == ["utter_handoff"]
    assert {"event": "slot", "name": "intake_exit", "value": None, "timestamp": None} in events


def test_another_need_in_a_form_starts_its_own_flow(tracker_of: Any, run: Any) -> None:
    """Held in conversations: after "ik heb een vraag" (the buurtteam), "Ik kan mijn huis niet
    meer schoonhouden" was kept as what is going on; "nee wacht, eigenlijk gaat het om het
    schoonmaken" in the stairlift intake was kept as since when."""
    form = ValidateBuurtteamForm()
    words = "Ik kan mijn huis niet meer zelf schoonhouden sinds mijn operatie"
    household = {"text": words, "intent": {"name": "ask_household_help", "confidence": 0.93}}
    tracker = tracker_of(
        slots={"requested_slot": "situation", "route": "buurtteam"}, latest=household
    )
    result = form.validate_situation(words, CollectingDispatcher(), tracker, BUURTTEAM_DOMAIN)
    assert result == {"situation": None, "answer_tries": 0, "intake_exit": "andere vraag"}
    # The message is heard again outside the form: its own rule starts the household intake.
    slots = {"route": "buurtteam", "intake_exit": "andere vraag", "situation": None}
    messages, events = run(ActionSubmitIntake(), slots=slots, latest=household)
    assert messages == []
    assert events[-2]["event"] == "action" and events[-2]["name"] == "action_listen"
    assert events[-1]["event"] == "user" and events[-1]["text"] == words
    assert events[-1]["parse_data"]["intent"]["name"] == "ask_household_help"
    # A change of mind at a question about something else.
    aids = ValidateAidsForm()
    changed = "nee wacht eigenlijk gaat het om het schoonmaken, stofzuigen lukt niet"
    latest = {"text": changed, "intent": {"name": "ask_household_help", "confidence": 0.9}}
    at_since = tracker_of(
        slots={"requested_slot": "help_for", "route": "voorziening"}, latest=latest
    )
    assert aids.validate_help_for(changed, CollectingDispatcher(), at_since, {})["intake_exit"] == (
        "andere vraag"
    )
    # The same route, an unsure classifier, or a plain answer to "Voor wie?": kept as answers.
    same = {"text": "ik heb schulden", "intent": {"name": "money_worries", "confidence": 0.99}}
    kept = tracker_of(slots={"requested_slot": "situation", "route": "buurtteam"}, latest=same)
    assert form.validate_situation(
        "ik heb schulden en stress", CollectingDispatcher(), kept, BUURTTEAM_DOMAIN
    ) == {
        "situation": "ik heb schulden en stress",
        "answer_tries": 0,
    }
    unsure = {**household, "intent": {"name": "ask_household_help", "confidence": 0.5}}
    doubt = tracker_of(slots={"requested_slot": "situation", "route": "buurtteam"}, latest=unsure)
    assert "intake_exit" not in form.validate_situation(
        words, CollectingDispatcher(), doubt, BUURTTEAM_DOMAIN
    )
    who = "voor mijn moeder, ze kan niet meer stofzuigen"
    mother = {"text": who, "intent": {"name": "ask_household_help", "confidence": 0.9}}
    for_her = tracker_of(
        slots={"requested_slot": "help_for", "route": "voorziening"}, latest=mother
    )
    assert "intake_exit" not in aids.validate_help_for(who, CollectingDispatcher(), for_her, {})


def test_a_question_for_another_department_in_passing_is_answered_and_the_form_goes_on(
    tracker_of: Any,
) -> None:
    """Held on 7 December: "ik moet ook mijn paspoort verlengen, kan dat hier?" at "Sinds
    wanneer?" ended the household intake; the next answer got "Sorry, dat begreep ik niet"."""
    form = ValidateHouseholdHelpForm()
    words = "ik moet ook mijn paspoort verlengen, kan dat hier?"
    latest = {"text": words, "intent": {"name": "out_of_scope", "confidence": 0.95}}
    tracker = tracker_of(
        slots={"requested_slot": "since_when", "route": "huishoudelijke_hulp"}, latest=latest
    )
    dispatcher = CollectingDispatcher()
    assert form.validate_since_when(words, dispatcher, tracker, {}) == {"since_when": None}
    assert [m["response"] for m in dispatcher.messages] == ["utter_out_of_scope_aside"]
    # Said as a change of mind, it is another need: the form is left for it.
    changed = "nee wacht het gaat eigenlijk om mijn paspoort"
    latest = {"text": changed, "intent": {"name": "out_of_scope", "confidence": 0.95}}
    tracker = tracker_of(
        slots={"requested_slot": "help_needed", "route": "huishoudelijke_hulp"}, latest=latest
    )
    result = form.validate_help_needed(changed, CollectingDispatcher(), tracker, {})
    assert result["intake_exit"] == "andere vraag"
