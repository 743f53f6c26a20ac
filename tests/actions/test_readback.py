"""The read-back at the end of a direct intake, run as the action server runs it: "Klopt dit?",
"Wat moet anders?", "Klopt het nu?" once, and what goes to the case."""

import asyncio
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.intake import (
    ValidateAidsForm,
    ValidateHouseholdHelpForm,
    closing_responses,
    readback_update,
)
from actions.readback import ActionAskReadbackCheck, ActionAskReadbackOk

FORM_SLOTS = [
    "help_needed",
    "help_for",
    "since_when",
    "contact_preference",
    "phone_number",
    "readback_ok",
    "readback_correction",
    "readback_check",
]
ANSWERS = {
    "help_needed": "schoonmaken",
    "help_for": "voor mijzelf",
    "since_when": "sinds kort",
    "contact_preference": "zelf bellen",
}


def asking(question: str, make_tracker: Any, **slots: Any) -> Any:
    return make_tracker(
        slots={**ANSWERS, "requested_slot": question, **slots}, active_loop="household_help_form"
    )


def required(make_tracker: Any, **slots: Any) -> list[str]:
    tracker = make_tracker(slots={**ANSWERS, **slots})
    result: list[str] = asyncio.run(
        ValidateHouseholdHelpForm().required_slots(FORM_SLOTS, CollectingDispatcher(), tracker, {})
    )
    return result


def test_klopt_dit_after_the_questions_and_more_only_after_a_no(tracker_of: Any) -> None:
    assert required(tracker_of)[-1] == "readback_ok"
    assert "readback_correction" not in required(tracker_of, readback_ok="ja")
    after_no = required(tracker_of, readback_ok="nee")
    assert after_no[-1] == "readback_correction"
    fixed = required(tracker_of, readback_ok="nee", readback_fixed={"help_for": "voor mijn man"})
    assert fixed[-2:] == ["readback_correction", "readback_check"]


def test_yes_and_no(tracker_of: Any) -> None:
    form = ValidateHouseholdHelpForm()
    dispatcher = CollectingDispatcher()
    tracker = asking("readback_ok", tracker_of)
    assert form.validate_readback_ok("ja hoor", dispatcher, tracker, {}) == {
        "readback_ok": "ja",
        "answer_tries": 0,
    }
    assert form.validate_readback_ok("nee", dispatcher, tracker, {}) == {
        "readback_ok": "nee",
        "answer_tries": 0,
    }
    assert dispatcher.messages == []


def test_a_correction_in_the_same_breath(tracker_of: Any) -> None:
    form = ValidateAidsForm()
    tracker = asking("readback_ok", tracker_of)
    result = form.validate_readback_ok(
        "nee, het is voor mijn moeder", CollectingDispatcher(), tracker, {}
    )
    assert result == {
        "readback_ok": "nee",
        "readback_fixed": {"help_for": "voor mijn moeder"},
        "readback_correction": "nee, het is voor mijn moeder",
        "answer_tries": 0,
    }


def test_dont_know_is_asked_once_more_then_the_intake_goes_on(tracker_of: Any) -> None:
    form = ValidateHouseholdHelpForm()
    dispatcher = CollectingDispatcher()
    once = form.validate_readback_ok(
        "weet ik niet", dispatcher, asking("readback_ok", tracker_of), {}
    )
    assert once == {"readback_ok": None, "answer_tries": 1}
    assert dispatcher.messages[0]["response"] == "utter_intake_explain_readback_ok"
    tracker = asking("readback_ok", tracker_of, answer_tries=1)
    twice = form.validate_readback_ok("hoe laat is het", dispatcher, tracker, {})
    assert twice == {"readback_ok": "onduidelijk", "answer_tries": 0}  # never dropped
    assert "intake_exit" not in twice


def test_what_must_change(tracker_of: Any) -> None:
    form = ValidateHouseholdHelpForm()
    dispatcher = CollectingDispatcher()
    tracker = asking("readback_correction", tracker_of, readback_ok="nee")
    assert form.validate_readback_correction("voor me vader", dispatcher, tracker, {}) == {
        "readback_fixed": {"help_for": "voor mijn vader"},
        "readback_correction": "voor me vader",
        "answer_tries": 0,
    }
    assert form.validate_readback_correction("de naam klopt niet", dispatcher, tracker, {}) == {
        "readback_correction": "de naam klopt niet",
        "answer_tries": 0,
    }
    tracker = asking("readback_correction", tracker_of, readback_ok="nee", answer_tries=1)
    assert form.validate_readback_correction("weet ik niet", dispatcher, tracker, {}) == {
        "readback_correction": "niet gegeven",
        "answer_tries": 0,
    }


def test_klopt_het_nu_once_then_on_with_a_note(tracker_of: Any) -> None:
    form = ValidateHouseholdHelpForm()
    fixed = {"readback_ok": "nee", "readback_fixed": {"help_for": "voor mijn moeder"}}
    tracker = asking("readback_check", tracker_of, **fixed)
    dispatcher = CollectingDispatcher()
    assert form.validate_readback_check("ja", dispatcher, tracker, {})["readback_check"] == "ja"
    second_no = form.validate_readback_check("nee", dispatcher, tracker, {})
    assert second_no == {"readback_check": "nee", "answer_tries": 0}
    slots = {**ANSWERS, **fixed, "readback_correction": "voor mijn moeder", **second_no}
    assert "na de verbetering" in readback_update(slots)["readback_note"]


def test_the_read_back_in_the_residents_perspective(run: Any) -> None:
    messages, events = run(
        ActionAskReadbackOk(),
        slots={**ANSWERS, "help_for": "voor mijn moeder", "phone_number": "0612345678"},
        active_loop="household_help_form",
    )
    assert events == []
    assert [m["response"] for m in messages] == [
        "utter_intake_readback_household_help",
        "utter_intake_readback_phone",
        "utter_ask_readback_ok",
    ]
    assert messages[0]["help_for"] == "voor uw moeder"
    assert messages[1]["phone_shown"] == "06 12 34 56 78"
    aids, _ = run(ActionAskReadbackOk(), slots={"aid_needed": "rolstoel"}, active_loop="aids_form")
    assert aids[0]["response"] == "utter_intake_readback_aids"
    assert "utter_intake_readback_phone" not in [m["response"] for m in aids]


def test_the_changed_line_once_more(run: Any) -> None:
    messages, _ = run(
        ActionAskReadbackCheck(),
        slots={"readback_fixed": {"help_for": "voor mijn moeder"}},
        active_loop="household_help_form",
    )
    assert messages[0]["response"] == "utter_intake_readback_changed"
    assert messages[0]["changed"] == "Voor wie: voor uw moeder."
    assert messages[1]["response"] == "utter_ask_readback_check"


def test_what_the_resident_hears_at_the_end(tracker_of: Any) -> None:
    """The read-back was said in the form: the end says only what happens now."""
    said = closing_responses(
        "huishoudelijke_hulp", "household_help", {**ANSWERS, "readback_ok": "ja"}
    )
    assert said == ["utter_intake_done_direct_self", "utter_anything_else"]
    noted = {**ANSWERS, "readback_ok": "nee", "readback_correction": "de naam is fout"}
    assert closing_responses("voorziening", "aids", noted)[0] == "utter_intake_readback_noted"
    unsure = {**ANSWERS, "readback_ok": "onduidelijk"}
    assert closing_responses("voorziening", "aids", unsure)[0] == "utter_intake_readback_not_sure"
    # A number given in the correction: now a call can be promised.
    number = {
        **ANSWERS,
        "readback_ok": "nee",
        "readback_fixed": {"phone_number": "0612345678", "contact_preference": "bellen"},
        "readback_check": "ja",
    }
    assert closing_responses("voorziening", "aids", number)[0] == "utter_intake_done_direct"
    # Corrected to "ik bel zelf": no call is promised, whatever number was given.
    self_call = {
        **ANSWERS,
        "contact_preference": "bellen",
        "phone_number": "0612345678",
        "readback_ok": "nee",
        "readback_fixed": {"contact_preference": "zelf bellen"},
        "readback_check": "ja",
    }
    assert closing_responses("voorziening", "aids", self_call)[0] == (
        "utter_intake_done_direct_self"
    )


def test_what_goes_to_the_case() -> None:
    confirmed = {**ANSWERS, "readback_ok": "ja"}
    assert readback_update(confirmed) == {}
    corrected = {
        **ANSWERS,
        "readback_ok": "nee",
        "readback_correction": "nee, het is voor mijn moeder",
        "readback_fixed": {"help_for": "voor mijn moeder"},
        "readback_check": "ja",
    }
    assert readback_update(corrected) == {
        "corrections": {"help_for": "voor mijn moeder"},
        "correction_words": "nee, het is voor mijn moeder",
    }
