"""The read-back at the end of a direct intake (household help, aids): "Klopt dit?", "Wat moet
anders?" and, after a correction, "Klopt het nu?" once. Thin: what a reply means and what
staff must check are read in bot/answers/readback.py."""

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation_state import ANSWER_SLOTS
from bot.answers.readback import (
    CORRECTABLE,
    CORRECTION,
    LEAVING,
    NO,
    NOTED,
    READBACK_FIELDS,
    RIGHT,
    UNSURE,
    WRONG,
    YES,
    ReadbackReading,
    changed_lines,
    read_correction,
    read_readback,
    readback_values,
)
from bot.answers.reading import (
    EXIT_GOODBYE,
    EXIT_LEFT,
    EXIT_TO_LEARN,
    LEAVE_GOODBYE,
    LEAVE_TO_LEARN,
    MAX_NON_ANSWERS,
    NOT_GIVEN,
)

Result = dict[str, Any]
READBACK_SLOTS = ("readback_ok", "readback_correction", "readback_check", "readback_fixed")
TOPICS = {"household_help_form": "household_help", "aids_form": "aids"}


def topic_of(tracker: Tracker) -> str:
    loop = (tracker.active_loop or {}).get("name")
    return TOPICS.get(str(loop), "aids" if tracker.get_slot("aid_needed") else "household_help")


def answers_of(tracker: Tracker) -> dict[str, Any]:
    """The answers as the resident hears them back now: the corrections over the answers."""
    answers = {slot: tracker.get_slot(slot) for slot in ANSWER_SLOTS}
    return {**answers, **(tracker.get_slot("readback_fixed") or {})}


def language_of(tracker: Tracker) -> str:
    metadata = tracker.latest_message.get("metadata") or {}
    return "en" if metadata.get("language") == "en" else "nl"


def readback_required(slots: list[str], values: Mapping[str, Any]) -> list[str]:
    """The read-back questions still to ask: "Wat moet anders?" only after a no, "Klopt het
    nu?" only after a correction that changed an answer."""
    skip = set()
    if values.get("readback_ok") != WRONG:
        skip.add("readback_correction")
    if not values.get("readback_fixed"):
        skip.add("readback_check")
    return [slot for slot in slots if slot not in skip]


def leaving(question: str, reading: ReadbackReading) -> Result:
    exit_ = {LEAVE_TO_LEARN: EXIT_TO_LEARN, LEAVE_GOODBYE: EXIT_GOODBYE}.get(
        reading.kind, EXIT_LEFT
    )
    return {question: None, "answer_tries": 0, "intake_exit": exit_}


def no_answer(
    question: str, unsure: str, dispatcher: CollectingDispatcher, tracker: Tracker
) -> Result:
    """No answer: explained and asked once more; the second time the intake goes on with a
    note for staff (it is never dropped)."""
    tries = int(tracker.get_slot("answer_tries") or 0)
    if tries + 1 >= MAX_NON_ANSWERS:
        return {question: unsure, "answer_tries": 0}
    dispatcher.utter_message(response=f"utter_intake_explain_{question}")
    return {question: None, "answer_tries": tries + 1}


def corrected(tracker: Tracker, reading: ReadbackReading) -> Result:
    """The corrections so far with this one, and the resident's words of each."""
    fixes = {**(tracker.get_slot("readback_fixed") or {}), **reading.fixes}
    before = tracker.get_slot("readback_correction")
    words = reading.words or ""
    if before and before != NOT_GIVEN and words and words not in before:
        words = f"{before}; {words}"
    return {"readback_fixed": fixes, "readback_correction": words or before, "answer_tries": 0}


def klopt_dit(slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> Result:
    """The reply to "Klopt dit?" or "Klopt het nu?": yes, no, a correction, or no answer."""
    reading = read_readback(value, answers_of(tracker), CORRECTABLE)
    if reading.kind in LEAVING:
        return leaving(slot, reading)
    if reading.kind == YES:
        return {slot: RIGHT, "answer_tries": 0}
    if reading.kind == NO:
        return {slot: WRONG, "answer_tries": 0}
    if reading.kind == CORRECTION:
        return {slot: WRONG, **corrected(tracker, reading)}
    return no_answer(slot, UNSURE, dispatcher, tracker)


class ReadbackValidation:
    """The validators of the read-back questions, for the direct intake forms."""

    def validate_readback_ok(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        return klopt_dit("readback_ok", value, dispatcher, tracker)

    def validate_readback_correction(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        reading = read_correction(value, answers_of(tracker), CORRECTABLE)
        if reading.kind in LEAVING:
            return leaving("readback_correction", reading)
        if reading.kind == CORRECTION:
            return corrected(tracker, reading)
        if reading.kind == NOTED:
            return {"readback_correction": reading.words, "answer_tries": 0}
        if reading.kind == YES:  # nothing to change after all: staff checks it anyway
            return {"readback_correction": NOT_GIVEN, "answer_tries": 0}
        return no_answer("readback_correction", NOT_GIVEN, dispatcher, tracker)

    def validate_readback_check(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        """Once, after a correction: a yes confirms it; a no, or yet another correction,
        goes on with a note that staff check it by phone."""
        return klopt_dit("readback_check", value, dispatcher, tracker)


class ActionAskReadbackOk(Action):
    """The answers read back in the resident's perspective, then "Klopt dit?"."""

    def name(self) -> str:
        return "action_ask_readback_ok"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        values = readback_values(answers_of(tracker), language_of(tracker))
        fields = READBACK_FIELDS[topic_of(tracker)]
        shown = {slot: values.get(slot, NOT_GIVEN) for slot in fields}
        dispatcher.utter_message(response=f"utter_intake_readback_{topic_of(tracker)}", **shown)
        if "phone_shown" in values:
            dispatcher.utter_message(
                response="utter_intake_readback_phone", phone_shown=values["phone_shown"]
            )
        dispatcher.utter_message(response="utter_ask_readback_ok")
        return []


class ActionAskReadbackCheck(Action):
    """After a correction: the changed answers once more, then "Klopt het nu?"."""

    def name(self) -> str:
        return "action_ask_readback_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        fixes = tracker.get_slot("readback_fixed") or {}
        changed = changed_lines(fixes, language_of(tracker))
        dispatcher.utter_message(response="utter_intake_readback_changed", changed=changed)
        dispatcher.utter_message(response="utter_ask_readback_check")
        return []
