"""The short intakes (forms): check the answers, then hand the case on.

One base class for the three forms, in the way of Rasa's financial-demo: the phone number is
asked only when the resident wants to be called, and the buurtteam form asks for contact
only when the resident wants an appointment. What an answer means in its context (an answer,
leaving the form, no answer, answers to other questions) is read in bot/answers/reading.py.
"""

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecuted, SlotSet, UserUttered
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.booking import BookingValidation, booking_required_slots
from actions.conversation_state import ANSWER_SLOTS, end_intake
from actions.gateway_client import update_case
from actions.intake_answers import (
    BOOKED,
    CALL_ME,
    CALL_SELF,
    CALLBACK,
    HANDLED,
    NO_APPOINTMENT,
    OUTSIDE_ASSEN,
)
from actions.readback import ReadbackValidation, readback_required
from actions.triage import earlier_typed_texts, typed_text
from bot.answers.readback import RIGHT, WRONG, note_for_staff
from bot.answers.reading import (
    ANSWER,
    DONT_KNOW,
    ELSEWHERE,
    EXIT_GOODBYE,
    EXIT_LEFT,
    EXIT_OTHER_NEED,
    EXIT_PERSON,
    EXIT_TO_LEARN,
    INVALID,
    NOT_GIVEN,
    QUESTION_BACK,
    SWITCH_INTENTS,
    Reading,
    also_needed,
    aside_out_of_scope,
    other_need,
    plain,
    question_topics,
    read_answer,
    said_answers,
    settle,
    story_in,
)
from bot.triage.routes import route_of_intent

Result = dict[str, Any]
EXIT = "intake_exit"
TRIES = "answer_tries"


# The answer to a question back about something the product knows (bot/answers/reading.py
# `question_topic`); the open question is asked again after it.
TOPIC_ANSWERS = {
    "costs": "utter_info_costs",
    "buurtteam": "utter_info_buurtteam",
    "wmo": "utter_info_wmo",
    "duration": "utter_info_duration",
}


def explanation(question: str, reading: Reading) -> str:
    """The response that explains a question after an answer that was no answer; a question
    back about costs, the buurtteam, the Wmo or how long it takes gets its answer."""
    if question == "phone_number" and reading.kind == INVALID:
        return "utter_phone_invalid"
    if reading.kind == QUESTION_BACK and reading.topic in TOPIC_ANSWERS:
        return TOPIC_ANSWERS[reading.topic]
    return f"utter_intake_explain_{question}"


def said_other_need(question: str, value: Any, tracker: Tracker) -> bool:
    """The message names another need than the open intake's (bot/answers/reading.py)."""
    intent = tracker.latest_message.get("intent") or {}
    name = str(intent.get("name") or "")
    said = route_of_intent(name) if name in SWITCH_INTENTS else None
    sure = float(intent.get("confidence") or 0.0)
    return other_need(question, str(value or ""), tracker.get_slot("route"), said, sure)


def questions_of(form: FormValidationAction, domain: DomainDict) -> list[str]:
    return list(form.domain_slots(domain)) or list(ANSWER_SLOTS)


def read_in_context(
    form: FormValidationAction,
    question: str,
    value: Any,
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    domain: DomainDict,
) -> Result:
    """The slots an answer to the open question sets. A value for a question that is not
    open was read from an earlier message (bot/answers) and is kept as it is."""
    if tracker.get_slot("requested_slot") != question:
        return {question: value}
    intent = tracker.latest_message.get("intent") or {}
    if aside_out_of_scope(str(value or ""), intent.get("name"), intent.get("confidence") or 0.0):
        # A passport or waste question in passing: where to go, then the same question again
        # (no try lost, nothing kept).
        dispatcher.utter_message(response="utter_out_of_scope_aside")
        return {question: None}
    questions = questions_of(form, domain)
    reading = read_answer(question, value, questions)
    open_question = reading.kind == QUESTION_BACK and reading.topic is None
    if (
        reading.kind in (ANSWER, INVALID, DONT_KNOW, ELSEWHERE) or open_question
    ) and said_other_need(question, value, tracker):
        return {question: None, "answer_tries": 0, EXIT: EXIT_OTHER_NEED}
    known = {slot: tracker.get_slot(slot) for slot in questions}
    step = settle(question, reading, int(tracker.get_slot(TRIES) or 0), known)
    if step.changed:
        dispatcher.utter_message(response="utter_intake_changed")
    elif step.explain:
        dispatcher.utter_message(response=explanation(question, reading))
    return step.slots


class IntakeFormValidation(ReadbackValidation, FormValidationAction, ABC):
    @abstractmethod
    def name(self) -> str:
        """Each form names its own validation action."""

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if tracker.get_slot(EXIT):
            return []  # the resident left the form, or a person helps on
        slots = list(domain_slots)
        skip: set[str] = set()
        if tracker.get_slot("next_step") == NO_APPOINTMENT:
            skip |= {"contact_preference", "phone_number"}
        preference = tracker.get_slot("contact_preference")
        if preference is not None and preference != CALL_ME:
            skip.add("phone_number")
        values = {slot: tracker.get_slot(slot) for slot in ("readback_ok", "readback_fixed")}
        return readback_required([slot for slot in slots if slot not in skip], values)

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """When the form starts: the answers the resident gave in the message that started it
        ("een scootmobiel voor mijn moeder"), so those questions are not asked."""
        events: list[dict[str, Any]] = await super().get_extraction_events(
            dispatcher, tracker, domain
        )
        if tracker.get_slot("requested_slot") is not None:
            return events  # the form runs already: the open question reads the answer
        questions = questions_of(self, domain)
        found = said_answers(typed_text(tracker), questions)
        story = story_in(typed_text(tracker)) if "situation" in questions else None
        if story:
            found["situation"] = story  # the first message told what is going on
        if "help_for" in questions and "help_for" not in found:
            # Who the help is for, said before the need was clear ("ik wil hulp aanvragen voor
            # mijn moeder", then "het gaat om de douche"): not asked again.
            for text in earlier_typed_texts(tracker):
                earlier = said_answers(text, ["help_for"])
                if earlier:
                    found.update(earlier)
                    break
        return events + [
            SlotSet(slot, value) for slot, value in found.items() if tracker.get_slot(slot) is None
        ]

    def _read(
        self,
        question: str,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Result:
        return read_in_context(self, question, value, dispatcher, tracker, domain)

    def validate_help_needed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        return self._read("help_needed", value, dispatcher, tracker, domain)

    def validate_aid_needed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        return self._read("aid_needed", value, dispatcher, tracker, domain)

    def validate_help_for(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        return self._read("help_for", value, dispatcher, tracker, domain)

    def validate_since_when(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        return self._read("since_when", value, dispatcher, tracker, domain)

    def validate_situation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        return self._read("situation", value, dispatcher, tracker, domain)

    def validate_contact_preference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        return self._read("contact_preference", value, dispatcher, tracker, domain)

    def validate_phone_number(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        return self._read("phone_number", value, dispatcher, tracker, domain)


class ValidateHouseholdHelpForm(IntakeFormValidation):
    def name(self) -> str:
        return "validate_household_help_form"


class ValidateAidsForm(IntakeFormValidation):
    def name(self) -> str:
        return "validate_aids_form"


class ValidateBuurtteamForm(BookingValidation, IntakeFormValidation):
    """Support from the buurtteam: what is going on, then an appointment in its agenda."""

    def name(self) -> str:
        return "validate_buurtteam_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if tracker.get_slot(EXIT):
            return []
        return booking_required_slots(tracker)

    async def validate_next_step(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        """ "Wilt u een afspraak met het buurtteam?" Only a yes or a no goes on to the
        appointment dialogue; "weet ik niet" or a question back is explained first."""
        read = read_in_context(self, "next_step", value, dispatcher, tracker, domain)
        if read.get("next_step") in (None, NO_APPOINTMENT):
            return read
        return await BookingValidation.validate_next_step(self, value, dispatcher, tracker, domain)


# How the appointment dialogue ended (the gateway's words, integrations/appointments/state.py).
OUTCOMES = {
    BOOKED: "booked",
    CALLBACK: "callback",
    OUTSIDE_ASSEN: "outside",
    HANDLED: "handled",
}


def buurtteam_outcome(slots: Mapping[str, Any]) -> str:
    """booked, callback, outside, handled (a question answered, a cancellation) or none: how
    the buurtteam question ended."""
    return OUTCOMES.get(str(slots.get("appointment_step")), "none")


def closing_responses(route: str | None, topic: str | None, slots: Mapping[str, Any]) -> list[str]:
    """What the resident hears when an intake is complete. After the appointment dialogue it
    said everything itself, except when no appointment was made."""
    if route == "buurtteam" or (slots or {}).get("appointment_direct"):
        done = {
            "booked": [],
            "outside": [],
            "handled": [],
            "callback": ["utter_intake_done_appointment"],
            "none": ["utter_intake_done_no_appointment"],
        }[buurtteam_outcome(slots)]
        return [*done, "utter_anything_else"]
    # Contact before promises: "Die neemt contact met u op" only with a number to call.
    slots = slots or {}
    fixed = slots.get("readback_fixed") or {}
    number = fixed.get("phone_number") or slots.get("phone_number")
    if fixed.get("contact_preference") == CALL_SELF:
        number = None  # corrected to "ik bel zelf": no call is promised
    done = (
        "utter_intake_done_direct"
        if number and number != NOT_GIVEN
        else ("utter_intake_done_direct_self")
    )
    return [*readback_ending(topic, slots), done, "utter_anything_else"]


def readback_ending(topic: str | None, slots: Mapping[str, Any]) -> list[str]:
    """What the resident hears about the read-back when the intake is passed on: nothing more
    after a yes; that staff check it when something was not right. Without a read-back in the
    form, the answers are read back here."""
    if slots.get("readback_ok") is None:
        return [f"utter_intake_readback_{topic}"]
    if slots.get("readback_ok") == RIGHT or slots.get("readback_check") == RIGHT:
        return []
    fixed = slots.get("readback_fixed")
    if fixed and slots.get("readback_check") is None:
        return []
    words = slots.get("readback_correction")
    if not fixed and slots.get("readback_ok") == WRONG and words not in (None, NOT_GIVEN):
        return ["utter_intake_readback_noted"]  # words that fit no answer: staff read them
    return ["utter_intake_readback_not_sure"]


class ActionSubmitIntake(Action):
    def name(self) -> str:
        return "action_submit_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        route = tracker.get_slot("route")
        slots = tracker.current_slot_values()
        left = tracker.get_slot(EXIT)
        if left in (EXIT_LEFT, EXIT_TO_LEARN, EXIT_GOODBYE):
            # Nothing is kept and nothing is sent: the resident hears what happens now.
            said = str(tracker.latest_message.get("text") or "")
            for response in leaving_responses(route, left, said):
                dispatcher.utter_message(response=response)
            if left != EXIT_TO_LEARN:
                return end_intake()
            # "ik wil eerst alleen weten wat het kost": a question for information, no request.
            update = {"route": "informatie", "route_withdrawn": True}
            await update_case(tracker.sender_id, update)
            return [*end_intake(), SlotSet("route", "informatie")]
        if left == EXIT_PERSON:
            return await hand_to_a_person(dispatcher, tracker)
        if left == EXIT_OTHER_NEED:
            # The message that named another need is heard again, now outside the form: its
            # own rule starts its flow (triage, acknowledgement, questions).
            latest = tracker.latest_message
            heard = UserUttered(latest.get("text"), parse_data=latest)
            return [*end_intake(), ActionExecuted("action_listen"), heard]
        # A need of the other intake said along the way ("en ook een traplift"): noted for
        # staff, and the resident hears it is not lost.
        also = also_needed(route, resident_texts(tracker))
        closing = closing_responses(route, tracker.get_slot("topic"), slots)
        if also:
            closing.insert(max(len(closing) - 2, 0), "utter_intake_also_noted")  # before "done"
        for response in closing:
            if response == "utter_intake_also_noted":
                dispatcher.utter_message(response=response, also_needed=", ".join(also))
            else:
                dispatcher.utter_message(response=response)
        answers = {
            slot: tracker.get_slot(slot)
            for slot in ANSWER_SLOTS
            if tracker.get_slot(slot) is not None
        }
        update: dict[str, Any] = {"intake": answers, **readback_update(slots)}
        if route != "buurtteam" and not slots.get("appointment_direct"):
            reason = "korte intake klaar"
            if update.get("readback_note"):
                reason = "korte intake klaar: nakijken"
            if also:
                reason = f"{reason}; ook genoemd: {', '.join(also)}"[:200]
            update["handoff"] = {"reason": reason, "urgency": "normaal"}
        elif buurtteam_outcome(slots) == "callback":
            update["handoff"] = {"reason": "afspraak buurtteam: terugbellen", "urgency": "normaal"}
        await update_case(tracker.sender_id, update)
        return end_intake()


def resident_texts(tracker: Tracker) -> list[str]:
    """What the resident wrote or said in this conversation (no buttons), in order."""
    texts = (str(e.get("text") or "") for e in tracker.events if e.get("event") == "user")
    return [text for text in texts if text and not text.startswith("/")]


def readback_update(slots: Mapping[str, Any]) -> dict[str, Any]:
    """The case's side of the read-back: the corrected answers, the resident's words of the
    correction, and what staff must check."""
    update: dict[str, Any] = {}
    fixes = slots.get("readback_fixed") or {}
    if fixes:
        update["corrections"] = dict(fixes)
    words = slots.get("readback_correction")
    if words and words != NOT_GIVEN:
        update["correction_words"] = words
    note = note_for_staff(slots)
    if note:
        update["readback_note"] = note
    return update


def leaving_responses(route: str | None, exit_: str, said: str = "") -> list[str]:
    """What the resident hears after leaving a form: the answers to what they wanted to
    know ("alleen weten wat het kost en hoe lang het duurt"), else how it works; that
    nothing was passed on, and whether there is something else."""
    if exit_ == EXIT_GOODBYE:  # "doei" in the middle of a form ends the conversation
        return ["utter_intake_left", "utter_goodbye"]
    how = []
    if exit_ == EXIT_TO_LEARN:
        asked = [TOPIC_ANSWERS[t] for t in question_topics(plain(said)) if t in TOPIC_ANSWERS]
        kind = "buurtteam" if route == "buurtteam" else "direct"
        how = asked or [f"utter_intake_how_it_works_{kind}"]
    return [*how, "utter_intake_left", "utter_anything_else"]


async def hand_to_a_person(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]]:
    """A question answered twice with no answer: a person helps on, with the answers so far."""
    dispatcher.utter_message(response="utter_handoff")
    answers = {
        slot: tracker.get_slot(slot) for slot in ANSWER_SLOTS if tracker.get_slot(slot) is not None
    }
    update: dict[str, Any] = {
        "handoff": {"reason": "korte vragen niet gelukt", "urgency": "normaal"},
    }
    if answers:
        update["intake"] = answers
    await update_case(tracker.sender_id, update)
    return end_intake()
