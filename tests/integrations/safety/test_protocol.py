"""The safety protocol across turns, as residents answer: pure, no stack."""

from dataclasses import replace

import pytest

from integrations.safety.lexicon import SafetySignal
from integrations.safety.protocol import (
    HELP_REASON,
    SafetyState,
    Step,
    asks_clearly,
    clear_request,
    read_answer,
    silent_dial,
    stay_phrase,
    stays,
    step,
)

SUICIDE = SafetySignal("suicide", "wil niet meer leven")
UNCLEAR = SafetySignal("unclear", "kan niet meer")
VIOLENCE = SafetySignal("violence", "slaat mij")
ASKED = SafetyState("asked", 1)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("ja", "yes"), ("Ja.", "yes"), ("soms", "yes"), ("ja soms wel", "yes"),
        ("nee niet nu maar wel vaak", "yes"), ("nee. maar ik denk er wel vaak aan", "yes"),
        ("yes", "yes"), ("/crisis_suicidal", "yes"), ("ja eigenlijk wel", "yes"),
        ("weet ik niet", "unsure"), ("ik weet het niet", "unsure"), ("geen idee", "unsure"),
        ("nee", "no"), ("nee hoor", "no"), ("/deny", "no"), ("no", "no"),
        ("ik heb schulden", "other"), ("wat bedoelt u", "other"),
        # In English, as the question is asked in an English conversation.
        ("yes sometimes", "yes"), ("maybe", "yes"), ("a bit", "yes"), ("kind of", "yes"),
        ("no not now but often", "yes"), ("I don't know", "unsure"), ("not sure", "unsure"),
        ("nope", "no"), ("het gaat nu al lang goed met me", "no"), ("gaat prima hoor", "no"),
        ("i'm fine", "no"),
    ],
)  # fmt: skip
def test_answers_to_the_suicide_question(text: str, answer: str) -> None:
    assert read_answer(text) == answer


def test_an_unclear_signal_gets_one_caring_question_and_yes_gets_113() -> None:
    state, first = step(SafetyState(), "ik kan niet meer", UNCLEAR, "chat", True)
    assert first.phrases == ["utter_safety_check"] and state.stage == "asked"
    assert first.case is not None and first.case.route is None and first.case.urgency == "hoog"
    state, yes = step(state, "ja soms wel", None, "chat", True)
    assert yes.phrases[0] == "utter_crisis_suicide" and not yes.to_rasa
    assert yes.case is not None and yes.case.route == "crisis" and yes.case.urgency == "acuut"
    assert yes.case.topic == "suicide" and state.stage == "suicide"


def test_yes_by_phone_transfers_to_113_not_to_the_aanmeldteam() -> None:
    _, yes = step(ASKED, "ja", None, "phone", False)
    assert yes.dial == "suicide_prevention"


def test_dont_know_gets_113_gently_and_no_is_handed_back() -> None:
    _, unsure = step(ASKED, "weet ik niet", None, "chat", True)
    assert unsure.phrases[0] == "utter_safety_unsure" and unsure.case is not None
    state, no = step(ASKED, "nee", None, "chat", True)
    assert no.phrases == ["utter_safety_check_no", "utter_how_can_i_help"] and no.case is None
    assert state == SafetyState()


def test_another_answer_is_asked_once_more_then_113_is_named() -> None:
    state, again = step(ASKED, "wat bedoelt u", None, "chat", True)
    assert again.phrases == ["utter_safety_check_again"] and state.asked == 2
    state, after = step(
        state, "ik weet het echt even niet zo goed wat u vraagt", None, "chat", True
    )
    # "weet ... niet" reads as unsure: 113 gently, never silence
    assert after.phrases[0] in ("utter_safety_unsure", "utter_safety_numbers")


@pytest.mark.parametrize(
    "afraid",
    [
        "ik durf niet te bellen", "bellen durf ik niet", "ik ben bang om te bellen",
        "bellen lukt me niet", "ik wil liever chatten",
        "I am scared to call", "i dont dare to call", "I can't phone anyone",
        "I'm too afraid to ring them", "I would rather chat",
    ],
)  # fmt: skip
def test_afraid_to_call_gets_the_113_chat_not_veilig_thuis(afraid: str) -> None:
    state, _ = step(SafetyState(), "ik wil niet meer leven", SUICIDE, "chat", True)
    _, chat = step(state, afraid, None, "chat", True)
    assert chat.phrases == ["utter_crisis_chat", "utter_safety_person"]
    assert chat.case is None  # no false violence signal


@pytest.mark.parametrize(
    "afraid",
    ["ik durf niet te bellen", "kan ik ook chatten met veilig thuis?", "I am scared to call"],
)
def test_afraid_to_call_after_veilig_thuis_gets_its_chat_and_no_promise(afraid: str) -> None:
    """Heard: "ik durf niet te bellen" after Veilig Thuis got "Ik geef door wanneer bellen
    veilig is" (read as a safe time to call) at night, a promise nobody kept."""
    state, _ = step(SafetyState(), "mijn man slaat mij", VIOLENCE, "chat", False)
    _, chat = step(state, afraid, None, "chat", False)
    assert chat.phrases == ["utter_veilig_thuis_chat"] and not chat.to_rasa


def test_a_signal_in_the_middle_of_anything_interrupts_and_the_conversation_goes_on() -> None:
    state, told = step(SafetyState(), "mijn man slaat mij als het huis vies is", VIOLENCE,
                       "chat", True)  # fmt: skip
    assert told.interrupt and told.quick_exit and told.phrases[0] == "utter_veilig_thuis"
    assert told.case is not None and told.case.route == "veilig_thuis"
    assert told.case.urgency == "acuut"
    _, later = step(state, "ik wil ook een afspraak met het buurtteam", None, "chat", True)
    assert later.to_rasa and not later.phrases


def test_veilig_thuis_by_phone_is_a_transfer_and_danger_at_night_no_closed_team() -> None:
    _, vt = step(SafetyState(), "hij slaat me", VIOLENCE, "phone", False)
    assert vt.dial == "veilig_thuis"
    danger = SafetySignal("danger", "mes")
    _, night = step(SafetyState(), "hij heeft een mes", danger, "phone", False)
    assert night.dial is None and night.phrases == ["utter_crisis_danger_call"]
    _, day = step(SafetyState(), "hij heeft een mes", danger, "phone", True)
    assert day.dial == "aanmeldteam"


def test_no_place_to_sleep_never_promises_a_person_at_night_by_phone() -> None:
    """Issue 14 changes this: at night the caller was told the police's number and then heard
    the menu; now the caller is put through to it (never to the closed team)."""
    shelter = SafetySignal("shelter", "vannacht geen slaapplek")
    _, night = step(SafetyState(), "ik heb geen slaapplek vannacht", shelter, "phone", False)
    assert night.dial == "shelter_night" and night.phrases == ["utter_crisis_shelter_night"]


def test_help_three_times_reaches_a_person_never_a_loop() -> None:
    state, first = step(SafetyState(), "help", None, "chat", True)
    assert first.to_rasa and state.helps == 1
    state, second = step(state, "help!!", None, "chat", True)
    assert second.phrases == ["utter_safety_help_check"] and not second.to_rasa
    state, third = step(state, "HELP me", None, "chat", True)
    assert third.phrases == ["utter_safety_help_person"]
    assert third.case is not None and third.case.handoff_reason == HELP_REASON
    # Held on 7 December: a fourth "help" began the intake from the start again.
    state, fourth = step(state, "help", None, "chat", True)
    assert fourth.phrases == ["utter_safety_help_person"] and fourth.case is None
    assert not fourth.to_rasa
    _, by_phone = step(SafetyState(helps=2), "help", None, "phone", True)
    assert by_phone.dial == "aanmeldteam"
    _, other = step(SafetyState(helps=1), "ik heb hulp nodig met mijn huis", None, "chat", True)
    assert other.to_rasa and not other.phrases


def test_help_after_a_disclosure_is_never_sent_back_to_the_menu() -> None:
    _, after_113 = step(SafetyState("suicide"), "help", None, "chat", True)
    assert after_113.phrases == ["utter_safety_stay"]
    _, after_vt = step(SafetyState("violence"), "help me", None, "chat", True)
    assert after_vt.phrases == ["utter_safety_help_person"] and not after_vt.to_rasa


def test_yes_to_is_there_danger_now_gets_112_never_the_menu() -> None:
    """Held in a conversation: pills saved mid-booking, 113 and "Bent u nu in direct gevaar?
    Bel dan meteen 112.", then "ja" was answered with "Waar kan ik u mee helpen?"."""
    pills = SafetySignal("suicide", "pillen gespaard")
    state, told = step(SafetyState(), "ik heb al me pillen opgespaart", pills, "chat", False)
    assert "utter_crisis_danger_now" in told.phrases and state.danger_asked
    state, yes = step(state, "ja", None, "chat", False)
    assert yes.phrases == ["utter_safety_danger_yes", "utter_safety_person"] and not yes.to_rasa
    assert not state.danger_asked and state.stage == "suicide"
    # Only the very next answer: a later "ja" belongs to whatever was asked then.
    _, later = step(state, "ja", None, "chat", True)
    assert later.to_rasa
    # By phone, danger: "ja" is "hang up and call 112", never a transfer that keeps the line.
    knife = SafetySignal("danger", "mes")
    state, _ = step(SafetyState(), "hij staat met een mes", knife, "phone", True)
    _, phone_yes = step(state, "ja", None, "phone", True)
    assert phone_yes.phrases == ["utter_safety_danger_yes"] and phone_yes.dial is None
    # "nee" is heard and the numbers stay (Rasa read it as a question it did not understand);
    # the next message goes on with the conversation.
    state, _ = step(SafetyState(), "ik wil dood", pills, "chat", False)
    state, no = step(state, "nee", None, "chat", False)
    assert no.phrases == ["utter_safety_no_danger_suicide"] and not no.to_rasa
    _, then = step(state, "ik wil praten over mijn schulden", None, "chat", False)
    assert then.to_rasa


def test_after_veilig_thuis_in_the_chat_yes_is_112_no_is_heard_and_fear_is_not_113() -> None:
    """Held as a resident: after "mijn zoon slaat me" and "Bent u nu in gevaar? Bel dan 112.",
    "ja" went back to the question of the form, "nee nu niet, hij is weg" got the Veilig Thuis
    text again and "ik ben bang" got 113."""
    hit = SafetySignal("violence", "slaat me")
    state, told = step(SafetyState(), "mijn zoon slaat me", hit, "chat", True)
    assert told.phrases == ["utter_veilig_thuis", "utter_veilig_thuis_person"]
    assert state.danger_asked
    _, yes = step(state, "ja", None, "chat", True)
    assert yes.phrases == ["utter_safety_danger_yes", "utter_danger_person"] and not yes.to_rasa
    state_no, no = step(state, "nee nu niet, hij is weg", None, "chat", True)
    assert no.phrases == ["utter_veilig_thuis_no_danger"] and not no.to_rasa
    # The meaning reader hears the violence again in the answer: still an answer.
    again = SafetySignal("violence", "betekenis (0.62)", by_meaning=True)
    _, gone = step(state, "nee nu niet, hij is weg", again, "chat", True)
    assert gone.phrases == ["utter_veilig_thuis_no_danger"]
    # Held as a resident in English: eight words after "Are you in danger now?" got "Sorry".
    _, at_work = step(state, "no not right now he is at work", None, "chat", True)
    assert at_work.phrases == ["utter_veilig_thuis_no_danger"] and not at_work.to_rasa
    _, home = step(
        state,
        "ja hij is nu thuis",
        SafetySignal("violence", "betekenis (0.66)", by_meaning=True),
        "chat",
        True,
    )
    assert home.phrases == ["utter_safety_danger_yes", "utter_danger_person"]
    # New words of the lexicon are a new signal, not an answer.
    knife = SafetySignal("danger", "(met|heeft|pakt|heb) een (mes|pistool|wapen|vuurwapen)")
    _, new = step(state, "ja hij heeft een mes", knife, "chat", True)
    assert "utter_crisis_danger_chat" in new.phrases
    afraid = SafetySignal("unclear", "ik ben bang")
    _, fear = step(state_no, "ik ben bang", afraid, "chat", True)
    assert fear.phrases == ["utter_veilig_thuis_stay"]
    # By phone the line puts the caller through to Veilig Thuis: no question is left open.
    state_phone, phone = step(SafetyState(), "mijn zoon slaat me", hit, "phone", True)
    assert phone.dial == "veilig_thuis" and not state_phone.danger_asked


def test_danger_from_violence_at_home_is_112_first_then_veilig_thuis() -> None:
    knife = SafetySignal("danger", "met een mes", ("violence",))
    state, chat = step(
        SafetyState(), "mijn vriend staat voor de deur met een mes", knife, "chat", False
    )
    assert chat.phrases == [
        "utter_crisis_danger_chat",
        "utter_veilig_thuis_after",
        "utter_danger_person",
    ]
    assert chat.case is not None and chat.case.route == "crisis" and chat.interrupt
    assert state.danger_asked
    _, phone = step(
        SafetyState(), "mijn vriend staat voor de deur met een mes", knife, "phone", False
    )
    assert phone.phrases == ["utter_crisis_danger_call", "utter_veilig_thuis_after"]
    assert phone.dial is None  # never a transfer to a closed team
    _, stranger = step(
        SafetyState(), "een man met een mes op straat", SafetySignal("danger", "mes"), "chat", True
    )
    assert "utter_veilig_thuis_after" not in stranger.phrases


def test_ja_soms_to_is_there_danger_now_answers_that_question() -> None:
    state, _ = step(SafetyState(), "ik wil niet meer leven", SUICIDE, "chat", True)
    assert state.danger_asked
    _, yes = step(state, "ja soms", None, "chat", True)
    assert yes.phrases[0] == "utter_safety_danger_yes" and not yes.to_rasa


@pytest.mark.parametrize("thanks", ["ok", "ok dank je", "oké bedankt", "ok thank you", "Thanks!"])
def test_thanks_after_113_hears_the_numbers_stay_not_goodbye(thanks: str) -> None:
    _, after = step(SafetyState("suicide"), thanks, None, "chat", True)
    assert after.phrases == ["utter_safety_stay"] and not after.to_rasa


def test_no_to_the_caring_question_answers_what_the_message_also_asked() -> None:
    """Heard: "help with my elderly mother, she can't cope anymore" got the caring question;
    after "no" the assistant asked "How can I help?" and the mother was forgotten."""
    said = "help with my elderly mother, she can't cope anymore"
    state, asked = step(SafetyState(), said, UNCLEAR, "chat", False)
    assert asked.phrases == ["utter_safety_check"] and state.held == said
    after, no = step(state, "no", None, "chat", False)
    assert no.phrases == ["utter_safety_check_no"] and no.to_rasa and no.rasa_text == said
    assert after == SafetyState()  # held once: a second caring question ends as before
    # A message that only said how it feels: nothing held, the question what with.
    short, _ = step(SafetyState(), "ik kan niet meer", UNCLEAR, "chat", False)
    _, plain = step(short, "nee", None, "chat", False)
    assert plain.phrases == ["utter_safety_check_no", "utter_how_can_i_help"]
    assert plain.rasa_text is None


def test_no_place_to_sleep_by_phone_at_night_is_put_through_to_the_police() -> None:
    """Heard at night: the caller heard the police's number once, then the menu again."""
    shelter = SafetySignal("shelter", "geen slaapplek vannacht")
    _, night = step(SafetyState(), "ik heb vannacht geen plek", shelter, "phone", False)
    assert night.phrases == ["utter_crisis_shelter_night"] and night.dial == "shelter_night"
    _, day = step(SafetyState(), "ik heb vannacht geen plek", shelter, "phone", True)
    assert day.phrases == ["utter_crisis_shelter"] and day.dial == "aanmeldteam"
    _, chat = step(SafetyState(), "ik heb vannacht geen plek", shelter, "chat", False)
    assert chat.dial is None


def test_the_same_disclosure_again_in_other_words_hears_the_numbers_stay() -> None:
    """Held as a resident: after Veilig Thuis, "nee hij weet niet dat ik dit doe" got the whole
    first answer again ("Wat goed dat u dit vertelt")."""
    state, _ = step(SafetyState(), "mijn man slaat me", VIOLENCE, "chat", True)
    again = SafetySignal("violence", "betekenis (0.7)", by_meaning=True)
    later = replace(state, danger_asked=False)
    _, said = step(later, "hij weet niet dat ik dit doe", again, "chat", True)
    assert said.phrases == ["utter_veilig_thuis_stay"] and not said.to_rasa
    assert said.case is not None and said.case.route == "veilig_thuis"
    suicidal = SafetyState("suicide")
    _, told = step(suicidal, "ik wil er echt niet meer zijn", SUICIDE, "chat", True)
    assert told.phrases == ["utter_safety_stay"]
    # Another kind is a new answer: danger after violence is 112.
    knife = SafetySignal("danger", "mes")
    _, new = step(later, "hij pakt een mes", knife, "chat", True)
    assert "utter_crisis_danger_chat" in new.phrases
    # By phone the same signal is put through again (the transfer may not have answered).
    _, phoned = step(SafetyState("violence"), "hij slaat me", VIOLENCE, "phone", True)
    assert phoned.dial == "veilig_thuis"


def test_cannot_call_after_is_there_danger_now_is_no_no() -> None:
    """Held as a 14-year-old: "nee ik wil niet bellen mijn vader hoort het dan" to "Bent u nu
    in gevaar?" got "Fijn dat er nu geen gevaar is"."""
    state, _ = step(SafetyState(), "mijn vader slaat mijn moeder", VIOLENCE, "chat", True)
    assert state.danger_asked
    words = "nee ik wil niet bellen mijn vader hoort het dan"
    _, said = step(state, words, None, "chat", True)
    assert said.phrases == ["utter_veilig_thuis_chat"]
    again = SafetySignal("violence", "betekenis (0.6)", by_meaning=True)
    _, heard = step(state, words, again, "chat", True)
    assert heard.phrases == ["utter_veilig_thuis_chat"]
    # A plain "nee" is still heard as no danger now.
    _, no = step(state, "nee", None, "chat", True)
    assert no.phrases == ["utter_veilig_thuis_no_danger"]


def test_after_a_disclosure_the_person_asked_for_and_tonights_need_stay() -> None:
    """Held as residents: after 113, "wanneer komt die medewerker dan?" was asked for the code
    of an appointment; after no place to sleep, "ik heb geen familie hier" started an intake
    about loneliness."""
    for stage in ("suicide", "violence", "danger", "shelter"):
        _, said = step(SafetyState(stage), "wanneer komt die medewerker dan?", None, "chat", True)  # type: ignore[arg-type]
        assert said.phrases == ["utter_safety_person_coming"] and not said.to_rasa, stage
    _, english = step(SafetyState("suicide"), "how long until someone comes", None, "chat", True)
    assert english.phrases == ["utter_safety_person_coming"]
    _, shelter = step(SafetyState("shelter"), "ik heb geen familie hier", None, "chat", True)
    assert shelter.phrases == ["utter_shelter_waiting"] and not shelter.to_rasa
    # Before any disclosure, and after Veilig Thuis, other words are Rasa's.
    _, before = step(SafetyState(), "wanneer komt die medewerker dan?", None, "chat", True)
    assert before.to_rasa
    _, vt = step(SafetyState("violence"), "ik wil ook een afspraak", None, "chat", True)
    assert vt.to_rasa


def test_no_first_to_is_there_danger_now_is_a_no_whatever_follows() -> None:
    """Held as residents: "nee ik doe niks, maar het zit me wel hoog" after 113 got "Bel nu
    meteen 112"; "nee hoor er is geen gevaar" after danger was not understood."""
    state, _ = step(SafetyState(), "ik wil niet meer leven", SUICIDE, "chat", True)
    assert state.danger_asked
    _, said = step(state, "nee ik doe niks, maar het zit me wel hoog", None, "chat", True)
    assert said.phrases == ["utter_safety_no_danger_suicide"]
    danger = SafetySignal("danger", "loopt buiten")
    state, _ = step(SafetyState(), "hij loopt buiten in de kou", danger, "chat", True)
    _, none = step(state, "nee hoor er is geen gevaar", None, "chat", True)
    assert none.phrases == ["utter_danger_no_danger"]
    _, yes = step(state, "ja hij is weg en ik weet niet waar", None, "chat", True)
    assert yes.phrases[0] == "utter_safety_danger_yes"


def test_yes_i_am_safe_now_is_no_danger() -> None:
    """Held by phone on 7 December: after 112 and "Is het gevaar voorbij? Bel dan Veilig
    Thuis", the caller said "ja ik ben nu veilig" and heard "Hang op en bel nu meteen 112"."""
    knife = SafetySignal("danger", "met een mes", ("violence",))
    said = "ik slaap nu in de auto want mijn vriend heeft me bedreigd met een mes"
    state, _ = step(SafetyState(), said, knife, "phone", False)
    for answer in ("ja ik ben nu veilig", "ja het gevaar is voorbij", "we zijn hier wel veilig"):
        _, safe = step(state, answer, None, "phone", False)
        assert "utter_safety_danger_yes" not in safe.phrases, answer
    _, unsafe = step(state, "ja hij zoekt me", None, "phone", False)
    assert unsafe.phrases[0] == "utter_safety_danger_yes"


@pytest.mark.parametrize(
    "question",
    ["Moet ik mijn naam zeggen?", "wat doet Veilig Thuis eigenlijk",
     "vertellen zij het aan mijn man?", "do they tell him?"],
)  # fmt: skip
def test_questions_about_veilig_thuis_are_answered(question: str) -> None:
    """Held as a resident: after Veilig Thuis, these questions got no answer."""
    _, said = step(SafetyState("violence"), question, None, "chat", True)
    assert said.phrases == ["utter_veilig_thuis_about"] and not said.to_rasa


def test_what_is_113_is_answered() -> None:
    _, said = step(SafetyState("suicide"), "wat is 113?", None, "chat", True)
    assert said.phrases == ["utter_113_about"]
    _, other = step(SafetyState("violence"), "ik wil ook een afspraak", None, "chat", True)
    assert other.to_rasa


def test_hiding_in_danger_and_afraid_to_call_is_told_to_stay_in_the_chat() -> None:
    """Held on 7 December: "ik zit in de badkamer opgesloten", then "ik durf niet te bellen hij
    hoort mij" got "Bel Veilig Thuis" and "Bel dan 112" again."""
    danger = SafetySignal("danger", "opgesloten", ("violence",))
    state, _ = step(SafetyState(), "hij slaat alles kapot ik zit opgesloten", danger,
                        "chat", True)  # fmt: skip
    assert state.stage == "danger"
    heard_again = SafetySignal("violence", "betekenis, model (0.9)", by_meaning=True)
    _, afraid = step(state, "ik durf niet te bellen hij hoort mij", heard_again, "chat", True)
    assert afraid.phrases == ["utter_danger_no_call"] and not afraid.to_rasa
    # A new signal by the lexicon's words is still answered as such.
    _, again = step(state, "ik durf niet te bellen hij heeft een mes", danger, "chat", True)
    assert again.phrases != ["utter_danger_no_call"]


def test_yes_after_the_numbers_asks_for_a_person_as_the_button_does() -> None:
    """Held on 7 December: "ja" to "Wilt u met een medewerker praten?" after 113 got the same
    question again, word for word."""
    state, _ = step(SafetyState(), "ik wil niet meer leven", SUICIDE, "chat", False)
    state, _ = step(state, "nee", None, "chat", False)  # no danger now
    _, yes = step(state, "ja", None, "chat", True)
    assert yes.to_rasa and yes.rasa_text == "/ask_person"
    # Held on 8 December: at night "ja" got "Nu zijn er geen medewerkers" and then nothing;
    # now who is there now, and a number to call back. By phone: put through, or a callback
    # (it was "Ik ben er nog" again and again).
    _, night = step(state, "ja", None, "chat", False)
    assert night.phrases == ["utter_person_closed_suicide"] and not night.to_rasa
    _, open_line = step(state, "ja", None, "phone", True)
    assert open_line.dial == "aanmeldteam"
    _, closed_line = step(state, "ja", None, "phone", False)
    assert closed_line.callback and closed_line.phrases == ["utter_person_closed_suicide"]
    # "ja" to "Bent u nu in gevaar?" is still a yes to danger.
    asked, _ = step(SafetyState(), "ik wil niet meer leven", SUICIDE, "chat", False)
    _, danger = step(asked, "ja", None, "chat", False)
    assert danger.phrases[0] == "utter_safety_danger_yes"
    # Held on 7 December: after "kan ik toch de afspraak maken?" the resident chose a time,
    # and "ja" to "Zal ik de afspraak voor u maken?" got "Nu zijn er geen medewerkers".
    _, booking_yes = step(replace(state, moved_on=True), "ja", None, "chat", False)
    assert booking_yes.to_rasa and booking_yes.rasa_text is None


def test_lets_go_on_after_the_numbers_goes_back_to_what_the_resident_came_for() -> None:
    """Held on 8 December: after Veilig Thuis, "kunnen we verder?" got "Ik ben er nog" again
    and again. The gateway picks the intake from the case (guard.py)."""
    for said in ("kunnen we verder?", "ok ga maar door", "Kunnen we nu verder met de vragen",
                 "can we continue please", "verder"):  # fmt: skip
        for stage in ("violence", "suicide", "danger"):
            after, go_on = step(SafetyState(stage), said, None, "chat", False)  # type: ignore[arg-type]
            assert go_on.resume and go_on.to_rasa and after.moved_on, (said, stage)
    # No place to sleep tonight stays the need; words that go on about dying are no "verder".
    _, shelter = step(SafetyState("shelter"), "kunnen we verder?", None, "chat", False)
    assert not shelter.resume
    for said in ("ik wil niet verder", "verder leven heeft geen zin"):
        assert not step(SafetyState("suicide"), said, None, "chat", False)[1].resume


def test_a_knife_at_the_door_and_silence_is_put_through_to_veilig_thuis() -> None:
    """Held by phone on 8 December: "help mijn vriend staat met een mes voor de deur", then
    silence twice, ended in "Tot ziens" and a hang-up."""
    knife = SafetySignal("danger", "met een mes", also=("violence",))
    after, _ = step(
        SafetyState(), "mijn vriend staat met een mes voor de deur", knife, "phone", False
    )
    assert after.violent and silent_dial(after)[1] == "veilig_thuis"
    breath = SafetySignal("danger", "ademt niet meer")
    after, _ = step(SafetyState(), "mijn vader ademt niet meer", breath, "phone", False)
    assert silent_dial(after)[1] is None  # danger of another kind: 112 and the goodbye


def test_a_parent_after_113_for_a_child_hears_what_to_do() -> None:
    """Held on 8 December: "hoe kan ik haar helpen?" after "mijn dochter zegt dat ze niet
    meer wil leven" got "Ik ben er nog. U kunt 113 altijd bellen" again and again."""
    said = "mijn dochter van 15 zegt dat ze niet meer wil leven"
    after, _ = step(SafetyState(), said, SUICIDE, "chat", False)
    assert after.about_other
    assert stay_phrase(after, "hoe kan ik haar helpen?") == "utter_safety_stay_other"
    own, _ = step(SafetyState(), "ik wil niet meer leven", SUICIDE, "chat", False)
    assert stay_phrase(own, "hallo?") == "utter_safety_stay"


def test_asking_the_assistant_to_send_the_police_is_answered() -> None:
    for stage in ("danger", "violence"):
        for said in (
            "kunnen jullie de politie sturen?",
            "bel de politie",
            "can you call the police",
        ):
            _, answer = step(SafetyState(stage), said, None, "chat", False)  # type: ignore[arg-type]
            assert answer.phrases == ["utter_safety_no_police"], (stage, said)


def test_after_veilig_thuis_a_call_is_asked_for_and_its_safety_answered() -> None:
    """Held on 8 December: "kunnen jullie mij bellen?" got the opening hours, and the number
    given next was passed on without asking whether a call on it is safe."""
    state = SafetyState("violence")
    _, call_me = step(state, "kunnen jullie mij bellen?", None, "chat", False)
    assert call_me.phrases == ["utter_veilig_thuis_call_me"]
    asked = replace(state, call_safe_asked=True)
    for said, name, kept in (
        ("ja overdag als hij werkt", "utter_call_safe_noted", "bellen is veilig"),
        ("nee hij kijkt mee", "utter_call_not_safe", "bellen is niet veilig"),
        ("weet ik niet", "utter_call_not_safe", "weet niet of bellen veilig is"),
    ):
        after, answer = step(asked, said, None, "chat", False)
        assert answer.phrases == [name] and answer.call_safe is not None
        assert answer.call_safe.startswith(kept) and not after.call_safe_asked
    # Something else is answered as always, and the question is not asked again.
    after, other = step(asked, "hij komt zo thuis", None, "chat", False)
    assert other.call_safe is None and not after.call_safe_asked


def test_a_silent_caller_is_put_through_once_to_the_line_that_helps() -> None:
    for stage, line in (("asked", "suicide_prevention"), ("suicide", "suicide_prevention"),
                        ("violence", "veilig_thuis")):  # fmt: skip
        after, dial = silent_dial(SafetyState(stage))  # type: ignore[arg-type]
        assert dial == line and after.silent_dialled
        assert silent_dial(after) == (after, None)  # once
    for stage in ("none", "danger", "shelter"):
        assert silent_dial(SafetyState(stage))[1] is None  # type: ignore[arg-type]


def test_after_a_disclosure_the_protocol_stays_until_a_clear_request() -> None:
    """Held as residents on 7 December: after 113 or Veilig Thuis, "hallo?", "ok" or "ik ben
    zo moe" brought back the greeting, a form question or the times offered before."""
    to_rasa = Step(to_rasa=True)
    for stage in ("suicide", "violence", "danger", "shelter"):
        assert stays(SafetyState(stage), to_rasa, None, "hallo?")  # type: ignore[arg-type]
    assert not stays(SafetyState(), to_rasa, None, "hallo?")
    assert not stays(SafetyState("suicide", moved_on=True), to_rasa, None, "Pittelo")
    assert not stays(SafetyState("suicide"), to_rasa, None, "/ask_person")  # a button
    assert not stays(SafetyState("suicide"), to_rasa, SUICIDE, "ik wil dood")  # its own signal
    assert not stays(SafetyState("suicide"), Step(["utter_safety_stay"]), None, "ok")
    assert asks_clearly("book_appointment", 0.93) and asks_clearly("ask_person", 0.99)
    assert not asks_clearly("greet", 1.0) and not asks_clearly("stress", 0.97)
    assert not asks_clearly("ask_household_help", 0.6) and not asks_clearly(None, 0.0)


def test_after_veilig_thuis_the_one_who_hurts_on_the_way_is_112_first() -> None:
    """Held as a resident on 7 December: "hij komt zo thuis" after Veilig Thuis got "Hoe wilt
    u contact met ons?"; then the same "Ik ben er nog" as every other message."""
    violence = SafetyState("violence")
    assert stay_phrase(violence, "hij komt zo thuis") == "utter_veilig_thuis_coming"
    assert stay_phrase(violence, "mijn man is bijna thuis") == "utter_veilig_thuis_coming"
    assert stay_phrase(violence, "ok") == "utter_veilig_thuis_stay"
    assert stay_phrase(SafetyState("suicide"), "hij komt zo thuis") == "utter_safety_stay"


def test_a_request_spread_over_its_kinds_is_still_clear() -> None:
    """Held on 7 December: "kan ik toch die afspraak maken" after Veilig Thuis was booking at
    0.62, moving 0.19 and cancelling 0.16, and got "Ik ben er nog" instead of the booking."""
    spread = [
        ("book_appointment", 0.62),
        ("change_appointment", 0.19),
        ("cancel_appointment", 0.16),
    ]
    assert clear_request(spread)
    assert not clear_request([("greet", 0.6), ("book_appointment", 0.35)])
    assert not clear_request([("book_appointment", 0.5), ("stress", 0.45)])
    assert not clear_request([])


def test_suicidal_thoughts_of_someone_else_get_113_for_the_one_who_worries() -> None:
    """Held on 7 December: a mother who saw her daughter of 14 cut herself got "Bent u nu in
    direct gevaar?", as if she were the one at risk."""
    suicide = SafetySignal("suicide", "snijdt zichzelf")
    said = "ze is 14 en ik zag dat ze zichzelf snijdt in haar armen"
    state, chat = step(SafetyState(), said, suicide, "chat", False)
    assert chat.phrases[:2] == ["utter_crisis_suicide_other", "utter_crisis_danger_now_other"]
    assert state.danger_asked and chat.case is not None and chat.case.route == "crisis"
    _, phone = step(SafetyState(), "mijn zoon zegt dat hij dood wil", suicide, "phone", False)
    assert phone.phrases == ["utter_crisis_suicide_other"]
    assert phone.dial == "suicide_prevention"
    # Phone speech that drops "ik", and English with "I", are the resident's own.
    for own in ("wil niet meer leven", "I want to die, my husband does not know"):
        _, self_ = step(SafetyState(), own, suicide, "chat", False)
        assert self_.phrases[0] == "utter_crisis_suicide", own


def test_violence_against_someone_else_asks_whether_that_person_is_in_danger() -> None:
    """Held on 8 December: "mijn man slaat onze zoon van 7" and "mijn zus wordt door haar man
    geslagen" got "Bent u nu in gevaar?"."""
    for said in ("mijn man slaat onze zoon van 7", "mijn zus wordt door haar man geslagen"):
        after, answer = step(SafetyState(), said, VIOLENCE, "chat", False)
        assert answer.phrases == ["utter_veilig_thuis", "utter_veilig_thuis_person_other"], said
        assert after.danger_asked
    _, own = step(SafetyState(), "mijn man slaat mij en de kinderen", VIOLENCE, "chat", False)
    assert own.phrases == ["utter_veilig_thuis", "utter_veilig_thuis_person"]


def test_dont_know_about_danger_now_and_the_booking_after_it() -> None:
    """Held on 8 December: "weet ik niet" to "Bent u nu in direct gevaar?" and then "ik wil
    wel die afspraak" got "Ik ben er nog" twice; the booking could not go on."""
    asked, _ = step(SafetyState(), "het hoeft voor mij niet meer", SUICIDE, "chat", False)
    assert asked.danger_asked
    state, unsure = step(asked, "weet ik niet", None, "chat", False)
    assert unsure.phrases == ["utter_danger_unsure_suicide"]
    after, booking = step(state, "ik wil wel die afspraak", None, "chat", False)
    assert booking.to_rasa and not booking.phrases and after.moved_on


def test_safe_now_said_unasked_is_heard() -> None:
    """Held by phone on 8 December: after Veilig Thuis did not answer, "nee ik ben nu veilig
    hij is weg" got "Ik ben er nog"."""
    _, safe = step(SafetyState("violence"), "nee ik ben nu veilig hij is weg", None, "phone", False)
    assert safe.phrases == ["utter_veilig_thuis_no_danger"]


def test_control_of_the_residents_own_money_or_phone_is_about_the_resident() -> None:
    """Held on 8 December: "mijn partner houdt al mijn geld en mijn bankpas bij zich" and "my
    husband checks my phone" got "Is die persoon nu in gevaar?"."""
    for said in ("mijn partner houdt al mijn geld en mijn bankpas bij zich",
                 "my husband checks my phone every night"):  # fmt: skip
        _, answer = step(SafetyState(), said, VIOLENCE, "chat", False)
        assert answer.phrases == ["utter_veilig_thuis", "utter_veilig_thuis_person"], said
