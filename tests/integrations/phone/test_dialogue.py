"""The line's own short talks, without I/O: a phone number in any grouping or in pieces,
confirmed; a callback on a confirmed number; speech heard badly checked back."""

from integrations.phone.dialogue import (
    Pending,
    callback_start,
    check_answer,
    number_answer,
    yes_or_no,
)

CALLER = "0612345678"
ASKING = Pending("number", "rasa")


def names(step_say: list) -> list[str]:  # type: ignore[type-arg]
    return [s.name for s in step_say]


def test_a_spoken_number_is_read_back_once_and_confirmed() -> None:
    step = number_answer(ASKING, "nul zes een twee drie vier vijf zes zeven acht", False, CALLER)
    assert names(step.say) == ["utter_phone_number_confirm"]
    assert step.say[0].values == {"number": "0612345678"}
    assert step.pending is not None and step.number is None
    done = number_answer(step.pending, "ja dat klopt", False, CALLER)
    assert done.number == "0612345678" and done.pending is None


def test_a_typed_number_needs_no_read_back() -> None:
    step = number_answer(ASKING, "0687654321", True, CALLER)
    assert step.number == "0687654321" and step.say == []


def test_a_number_in_pieces_is_put_together() -> None:
    first = number_answer(ASKING, "nul zes", False, CALLER)
    assert names(first.say) == ["utter_phone_number_more"]
    assert first.say[0].values == {"number": "nul zes"}
    assert first.pending is not None
    second = number_answer(first.pending, "twaalf vierendertig", False, CALLER)
    assert second.pending is not None and second.pending.digits == "061234"
    third = number_answer(second.pending, "zesenvijftig achtenzeventig", False, CALLER)
    assert names(third.say) == ["utter_phone_number_confirm"]
    assert third.say[0].values == {"number": "0612345678"}


def test_the_own_number_is_the_caller_id_and_needs_no_read_back() -> None:
    step = number_answer(ASKING, "het nummer waar ik nu mee bel", False, CALLER)
    assert step.number == CALLER


def test_a_hidden_number_is_asked_for() -> None:
    step = number_answer(ASKING, "dit nummer", False, None, hidden=True)
    assert step.number is None
    assert names(step.say) == ["utter_phone_number_hidden", "utter_phone_number_say"]
    abroad = number_answer(ASKING, "dit nummer", False, None, hidden=False)
    assert names(abroad.say) == ["utter_phone_number_say"]  # not hidden: not said to be
    assert step.pending is not None
    then = number_answer(step.pending, "06 12 34 56 78", False, None)
    assert then.say[0].values == {"number": "0612345678"}


def test_no_to_the_read_back_asks_again_then_stops_asking() -> None:
    read_back = number_answer(ASKING, "nul zes een twee drie vier vijf zes zeven acht", False, None)
    assert read_back.pending is not None
    again = number_answer(read_back.pending, "nee", False, None)
    assert names(again.say) == ["utter_phone_number_again"] and again.pending is not None
    second = number_answer(
        again.pending, "nul zes acht acht acht acht acht acht acht acht", False, None
    )
    assert second.pending is not None
    stop = number_answer(second.pending, "nee", False, None)
    assert stop.gave_up and stop.pending is None and stop.number is None


def test_a_correction_in_the_same_breath_is_the_new_number() -> None:
    read_back = number_answer(ASKING, "nul zes een twee drie vier vijf zes zeven acht", False, None)
    assert read_back.pending is not None
    fixed = number_answer(
        read_back.pending, "nee nul zes een twee drie vier vijf zes zeven negen", False, None
    )
    assert fixed.say[0].values == {"number": "0612345679"}


def test_words_without_a_number_go_on_to_rasa() -> None:
    assert (
        number_answer(ASKING, "liever geen nummer", False, CALLER).to_rasa == "liever geen nummer"
    )


def test_too_many_digits_is_said_and_asked_again() -> None:
    step = number_answer(
        ASKING, "nul zes een twee drie vier vijf zes zeven acht negen", False, None
    )
    assert names(step.say) == ["utter_phone_number_wrong", "utter_phone_number_again"]


def test_a_callback_confirms_the_number_it_would_use() -> None:
    own = callback_start(CALLER, from_caller_id=True, hidden=False)
    assert names(own.say) == ["utter_phone_callback_own"]
    assert own.pending is not None and own.pending.candidate == CALLER
    assert number_answer(own.pending, "ja", False, CALLER).number == CALLER
    refused = number_answer(own.pending, "nee", False, CALLER)
    assert refused.number is None and names(refused.say) == ["utter_phone_ask_number"]

    given = callback_start("0592351247", from_caller_id=False, hidden=False)
    assert names(given.say) == ["utter_phone_number_confirm"]

    hidden = callback_start(None, from_caller_id=False, hidden=True)
    assert names(hidden.say) == ["utter_phone_number_hidden", "utter_phone_ask_number"]
    assert hidden.pending is not None and hidden.pending.purpose == "callback"
    assert number_answer(hidden.pending, "nee", False, None).gave_up
    assert number_answer(hidden.pending, "geen nummer", False, None).gave_up


def test_something_else_than_a_number_for_a_callback_goes_on_never_a_hang_up() -> None:
    """Heard: to "Mogen wij u terugbellen op het nummer waarmee u belt?" a caller said what
    the help was for, twice, and the line said goodbye and hung up."""
    own = callback_start(CALLER, from_caller_id=True, hidden=False)
    assert own.pending is not None
    for said in ("ik wil hulp bij het schoonmaken", "I need help with cleaning my house"):
        step = number_answer(own.pending, said, False, CALLER)
        assert step.to_rasa == said and not step.gave_up and step.pending is None
    # A short answer that is no number is asked again, as before.
    assert number_answer(own.pending, "eh", False, CALLER).pending is not None


def test_yes_and_no() -> None:
    assert yes_or_no("ja") and yes_or_no("ja hoor dat klopt") and yes_or_no("Klopt.")
    assert yes_or_no("nee") is False and yes_or_no("klopt niet") is False
    assert yes_or_no("misschien morgen") is None
    # Held on 7 December: "je snapt me niet" to "Mogen wij u terugbellen?" was a no, and the
    # caller was soon hung up on.
    assert yes_or_no("je snapt me niet") is None and yes_or_no("ik versta u niet") is None
    assert yes_or_no("u begrijpt me helemaal niet") is None  # held on 8 December
    assert yes_or_no("weet ik niet") is None and yes_or_no("nee zo bedoel ik het niet") is None
    assert yes_or_no("nee dat klopt niet") is False
    own = callback_start(CALLER, from_caller_id=True, hidden=False)
    assert own.pending is not None
    step = number_answer(own.pending, "je snapt me niet", False, CALLER)
    assert not step.gave_up and step.to_rasa == "je snapt me niet"


def test_a_check_back_goes_on_with_the_words_or_asks_again() -> None:
    check = Pending("check", speech="ik wil een scootmobiel")
    assert check_answer(check, "ja") == (True, "ik wil een scootmobiel")
    assert check_answer(check, "nee") == (False, "ik wil een scootmobiel")
    assert check_answer(check, "nee ik zei een rolstoel") == (None, "nee ik zei een rolstoel")


def test_after_a_veilig_thuis_disclosure_the_number_is_asked_about_as_safe() -> None:
    """Held as a resident on 7 December: after "mijn vriend heeft me geduwd", "Mogen wij u
    terugbellen op het nummer waarmee u nu belt?" never asked whether that is safe."""
    own = callback_start(CALLER, from_caller_id=True, hidden=False, ask_safe=True)
    assert names(own.say) == ["utter_phone_callback_own_safe"]
    assert own.pending is not None
    assert number_answer(own.pending, "ja", False, CALLER).number == CALLER
    unsafe = number_answer(own.pending, "nee", False, CALLER)
    assert unsafe.number is None and names(unsafe.say) == ["utter_phone_ask_number"]
    given = callback_start("0592351247", from_caller_id=False, hidden=False, ask_safe=True)
    assert names(given.say) == ["utter_phone_number_confirm_safe"]
    assert given.pending is not None
    assert number_answer(given.pending, "ja", False, CALLER).number == "0592351247"
