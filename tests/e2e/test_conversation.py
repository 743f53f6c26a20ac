"""A resident's conversation over HTTP through every hop of the real stack."""

from typing import Any

import httpx
import redis

from integrations.settings import DEV_STAFF_API_TOKEN
from integrations.stack.launcher import Stack


def start(gateway: httpx.Client) -> str:
    response = gateway.post("/api/chat/sessions")
    assert response.status_code == 201
    session_id: str = response.json()["session_id"]
    return session_id


def say(gateway: httpx.Client, session_id: str, **body: str) -> list[dict[str, object]]:
    response = gateway.post(f"/api/chat/sessions/{session_id}/messages", json=body)
    assert response.status_code == 200, response.text
    messages: list[dict[str, object]] = response.json()["messages"]
    return messages


def texts(messages: list[dict[str, object]]) -> list[str]:
    return [str(m["text"]) for m in messages]


def button_titles(messages: list[dict[str, object]]) -> list[str]:
    return [str(b["title"]) for m in messages for b in m["buttons"]]  # type: ignore[attr-defined]


def test_the_stack_is_ready(gateway: httpx.Client) -> None:
    body = gateway.get("/readyz").json()
    assert body == {
        "status": "ready",
        "down": [],
        "checks": {"rasa": "ok", "action_server": "ok", "redis": "ok"},
    }


def case_of(gateway: httpx.Client, session_id: str) -> dict[str, Any]:
    response = gateway.get(
        f"/api/cases/{session_id}", headers={"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}
    )
    assert response.status_code == 200, response.text
    case: dict[str, Any] = response.json()
    return case


def test_household_help_from_welcome_to_goodbye(gateway: httpx.Client) -> None:
    session_id = start(gateway)

    welcome = say(gateway, session_id, payload="/greet")
    assert texts(welcome) == [
        "Goedendag. U praat met de digitale assistent van gemeente Assen.",
        "Waar kan ik u mee helpen?",
    ]
    assert "Praat met een medewerker" in button_titles(welcome)
    assert case_of(gateway, session_id)["route"] is None

    # Written the way people speak, with spelling errors: the NLU still gets it,
    # and the case shows the route right after this first message.
    first = say(gateway, session_id, text="ik ken me huis nie meer schoon houwe")
    # Issue 15 changes this: the message says what the help is for, so that is not asked.
    assert texts(first) == [
        "U zoekt hulp in het huishouden. Ik stel u eerst een paar korte vragen.",
        "Voor wie is de hulp?",
    ]
    case = case_of(gateway, session_id)
    assert (case["route"], case["urgency"]) == ("huishoudelijke_hulp", "normaal")
    assert case["resident_words"] == ["ik ken me huis nie meer schoon houwe"]

    # An answer to a question already answered: the open question explained, then again
    # (issue 15 changes this: by phone the bare question sounded as if nothing was heard).
    assert texts(say(gateway, session_id, payload="schoonmaken")) == [
        "Ik vraag wie de hulp krijgt. Dat kunt u zelf zijn. Of iemand anders, bijvoorbeeld uw "
        "moeder.",
        "Voor wie is de hulp?",
    ]
    assert texts(say(gateway, session_id, payload="voor mijzelf")) == [
        "Sinds wanneer is dit nodig?"
    ]
    assert texts(say(gateway, session_id, payload="sinds kort")) == ["Hoe wilt u contact met ons?"]
    # Issue 20 changes this: the answers are read back as the assistant says them ("voor
    # uzelf") with "Klopt dit?", and only a yes passes the intake on.
    readback = say(gateway, session_id, payload="ik bel zelf")
    assert texts(readback) == [
        "Dit heb ik voor u opgeschreven. Hulp bij: schoonmaken. Voor wie: voor uzelf. "
        "Sinds: sinds kort.",
        "Klopt dit?",
    ]
    assert button_titles(readback)[:2] == ["Ja, dat klopt", "Nee, iets klopt niet"]
    assert case_of(gateway, session_id)["handoff"] is None  # not passed on before the yes
    done = say(gateway, session_id, payload="ja")
    assert texts(done)[0].startswith("Ik geef uw vraag door aan een medewerker")
    assert texts(done)[-1] == "Kan ik u nog ergens anders mee helpen?"
    case = case_of(gateway, session_id)
    assert case["intake"]["help_needed"] == "schoonmaken"
    assert case["intake"]["contact_preference"] == "zelf bellen"
    assert "phone_number" not in case["intake"]  # not asked: the resident calls
    assert case["handoff"]["urgency"] == "normaal"
    assert [e["sender"] for e in case["transcript"]][:2] == ["resident", "bot"]

    assert texts(say(gateway, session_id, payload="/deny")) == ["Dank u wel. Tot ziens!"]


def test_a_crisis_in_the_middle_of_a_form_comes_first(gateway: httpx.Client) -> None:
    session_id = start(gateway)
    say(gateway, session_id, text="ik wil een traplift")
    assert case_of(gateway, session_id)["route"] == "voorziening"

    crisis = say(gateway, session_id, text="eigenlijk wil ik gewoon dood")
    joined = " ".join(texts(crisis))
    assert "0800-0113" in joined and "113.nl" in joined and "112" in joined
    assert "Wat heeft u nodig?" not in joined  # no form question first
    case = case_of(gateway, session_id)
    assert (case["route"], case["urgency"]) == ("crisis", "acuut")
    assert case["handoff"]["urgency"] == "acuut"
    assert case["safety_signals"][0]["kind"] == "suicide"

    # The form is over; a later question does not lower the route.
    say(gateway, session_id, text="wat kost het")
    assert case_of(gateway, session_id)["route"] == "crisis"


def test_after_veilig_thuis_lets_go_on_goes_back_to_the_household_form(
    gateway: httpx.Client,
) -> None:
    """Held as a resident on 8 December: after Veilig Thuis and "nee nu niet", "kunnen we
    verder?" and every answer after it got "Ik ben er nog", a loop with no way back."""
    session_id = start(gateway)
    say(gateway, session_id, text="ik wil hulp bij het huishouden")
    say(gateway, session_id, payload="schoonmaken")
    told = " ".join(
        texts(say(gateway, session_id, text="mijn man slaat me soms als het huis niet schoon is"))
    )
    assert "0800-2000" in told
    say(gateway, session_id, text="nee nu niet")
    again = texts(say(gateway, session_id, text="kunnen we verder?"))
    assert not any(text.startswith("Ik ben er nog") for text in again)
    assert "U zoekt hulp in het huishouden" in " ".join(again)
    case = case_of(gateway, session_id)
    assert (case["route"], case["urgency"]) == ("veilig_thuis", "acuut")  # never lowered


def test_veilig_thuis_gives_the_number_and_asks_no_address(gateway: httpx.Client) -> None:
    session_id = start(gateway)
    reply = texts(say(gateway, session_id, text="me man slaat mij als ie dronken is"))
    assert "0800-2000" in " ".join(reply)
    assert not any("adres" in text for text in reply)
    case = case_of(gateway, session_id)
    assert (case["route"], case["urgency"]) == ("veilig_thuis", "acuut")


def test_no_and_dont_know_to_every_question(gateway: httpx.Client) -> None:
    """Issue 15 changes this: "weet ik niet" was kept as what is going on. Now it is no
    answer: the question is explained and asked once more, and "nee" is still a no."""
    session_id = start(gateway)
    first = texts(say(gateway, session_id, text="ik heb schulde"))
    assert first[-1] == "Wilt u in een paar woorden vertellen wat er speelt?"
    assert texts(say(gateway, session_id, text="weet ik niet")) == [
        "Vertel kort waar u mee zit. Bijvoorbeeld: ik heb schulden. "
        "Wilt u het liever niet zeggen? Dat mag ook.",
        "Wilt u in een paar woorden vertellen wat er speelt?",
    ]
    assert texts(say(gateway, session_id, text="de huur is te hoog")) == [
        "Wilt u een afspraak met het buurtteam?"
    ]
    # The question back is answered (what the buurtteam is), then asked again.
    assert texts(say(gateway, session_id, text="wat is een buurtteam?")) == [
        "Het buurtteam zijn hulpverleners bij u in de wijk. Zij helpen bij zorgen over geld "
        "of opvoeden. Ook als u eenzaam bent of voor iemand zorgt. Een gesprek is gratis en u "
        "kunt hier een afspraak maken.",
        "Wilt u een afspraak met het buurtteam?",
    ]
    done = texts(say(gateway, session_id, text="nee"))
    assert done[0].startswith("Goed. U kunt altijd contact opnemen met het buurtteam.")
    assert done[-1] == "Kan ik u nog ergens anders mee helpen?"
    case = case_of(gateway, session_id)
    assert case["route"] == "buurtteam"
    assert case["intake"] == {"situation": "de huur is te hoog", "next_step": "geen afspraak"}
    assert case["handoff"] is None


# --- issue 15: forms in residents' own words ---------------------------------------------


def test_what_the_resident_said_is_not_asked_again(gateway: httpx.Client) -> None:
    session_id = start(gateway)
    first = texts(say(gateway, session_id, text="me moeder heeft een scootmobiel nodig"))
    assert first[-1] == "Sinds wanneer is dit nodig?"  # not what, not for whom
    back = texts(say(gateway, session_id, text="wat bedoelt u"))
    assert back == [
        "Het hoeft niet precies. Kies sinds kort als het nieuw is. Anders kiest u al langer.",
        "Sinds wanneer is dit nodig?",
    ]
    assert texts(say(gateway, session_id, text="al een half jaar")) == [
        "Hoe wilt u contact met ons?"
    ]
    # Issue 20 changes this: the read-back says "voor uw moeder" and the number, then asks
    # "Klopt dit?"; "ja klopt" passes the intake on.
    readback = texts(say(gateway, session_id, text="bel me maar op 06 12 34 56 78"))
    assert readback == [
        "Dit heb ik voor u opgeschreven. Nodig: scootmobiel. Voor wie: voor uw moeder. "
        "Sinds: al een half jaar.",
        "Wij bellen u op 06 12 34 56 78.",
        "Klopt dit?",
    ]
    done = texts(say(gateway, session_id, text="ja klopt"))
    assert done[0].startswith("Ik geef uw vraag nu door aan een medewerker")
    assert done[-1] == "Kan ik u nog ergens anders mee helpen?"
    case = case_of(gateway, session_id)
    assert case["intake"] == {
        "aid_needed": "scootmobiel",
        "help_for": "voor mijn moeder",
        "since_when": "al een half jaar",
        "contact_preference": "bellen",
        "phone_number": "0612345678",
    }
    # "Ja" to "anything else?" asks what with.
    assert texts(say(gateway, session_id, text="ja"))[0] == "Waar kan ik u mee helpen?"


def test_stop_leaves_the_form_and_nothing_is_sent(gateway: httpx.Client) -> None:
    session_id = start(gateway)
    say(gateway, session_id, text="ik wil hulp bij het huishouden")
    asked = texts(say(gateway, session_id, text="voor mij selluf"))  # who, not what
    assert asked == [  # explained, then asked again (issue 15)
        "Ik vraag wat er in huis niet meer lukt. Bijvoorbeeld schoonmaken of de was doen.",
        "Waar heeft u hulp bij nodig?",
    ]
    assert texts(say(gateway, session_id, text="schoonmaken")) == ["Sinds wanneer is dit nodig?"]
    left = texts(say(gateway, session_id, text="stop"))
    assert left == [
        "Goed. Ik stop met de vragen. Ik heb niets opgeschreven en niets doorgegeven.",
        "Kan ik u nog ergens anders mee helpen?",
    ]
    case = case_of(gateway, session_id)
    assert not case.get("intake") and case["handoff"] is None
    assert texts(say(gateway, session_id, text="ja"))[0] == "Waar kan ik u mee helpen?"


def test_am_i_talking_to_a_computer_is_answered_honestly(gateway: httpx.Client) -> None:
    # "wie ben jij?" got "Dat doet een ander team van de gemeente" (held on 7 December).
    session_id = start(gateway)
    told = texts(say(gateway, session_id, text="wie ben jij?"))
    assert told[0].startswith("Ik ben een computer.")
    assert told[1] == "Waar kan ik u mee helpen?"
    assert case_of(gateway, session_id)["route"] is None
    # In the middle of a form: answered, and the same question comes again; nothing is kept.
    say(gateway, session_id, text="ik wil hulp bij het huishouden")
    asked = texts(say(gateway, session_id, text="schoonmaken"))
    assert asked == ["Voor wie is de hulp?"]
    again = texts(say(gateway, session_id, text="eh praat ik nu met een mens"))
    assert again[0].startswith("Ik ben een computer.") and again[-1] == "Voor wie is de hulp?"
    assert texts(say(gateway, session_id, text="voor mezelf")) == ["Sinds wanneer is dit nodig?"]


def test_a_change_of_who_at_another_question_is_said_back(gateway: httpx.Client) -> None:
    """Held on 7 December: "nee wacht, het is voor mijn moeder" at "Sinds wanneer?" was
    kept, but answered with the explanation of that question."""
    session_id = start(gateway)
    say(gateway, session_id, text="ik wil hulp bij het schoonmaken")
    say(gateway, session_id, text="voor mezelf")
    changed = texts(say(gateway, session_id, text="nee wacht, het is voor mijn moeder"))
    assert changed == ["Goed. Dat heb ik veranderd.", "Sinds wanneer is dit nodig?"]
    say(gateway, session_id, text="al langer")
    readback = " ".join(texts(say(gateway, session_id, text="bel me maar op 06 12 34 56 78")))
    assert "Voor wie: voor uw moeder." in readback, readback


def test_only_wanting_to_know_how_it_works(gateway: httpx.Client) -> None:
    session_id = start(gateway)
    say(gateway, session_id, text="ik wil een traplift")
    told = texts(say(gateway, session_id, text="ik wil alleen weten hoe het werkt"))
    assert told[0].startswith("Zo werkt het. U beantwoordt een paar korte vragen.")
    assert told[1:] == [
        "Goed. Ik stop met de vragen. Ik heb niets opgeschreven en niets doorgegeven.",
        "Kan ik u nog ergens anders mee helpen?",
    ]
    case = case_of(gateway, session_id)
    assert not case.get("intake") and case["handoff"] is None
    # Conversations v13: the request was withdrawn, the case is a question for information.
    assert case["route"] == "informatie"


def test_twice_no_answer_reaches_a_person(gateway: httpx.Client) -> None:
    session_id = start(gateway)
    say(gateway, session_id, text="ik wil hulp bij het huishouden")
    once = texts(say(gateway, session_id, text="weet ik nie"))
    assert once == [
        "Ik vraag wat er in huis niet meer lukt. Bijvoorbeeld schoonmaken of de was doen.",
        "Waar heeft u hulp bij nodig?",
    ]
    person = texts(say(gateway, session_id, text="geen idee"))
    assert person[0].startswith("Ik vraag een medewerker om u te helpen.")
    case = case_of(gateway, session_id)
    assert case["handoff"]["reason"] == "korte vragen niet gelukt"
    assert not (case.get("intake") or {}).get("help_needed")


def test_twice_dont_know_since_when_is_kept_and_the_intake_goes_on(
    gateway: httpx.Client,
) -> None:
    """Held as a resident: "weet ik niet" twice to "Sinds wanneer is dit nodig?" handed an
    almost complete request to a person who was not there; staff can ask it by phone."""
    session_id = start(gateway)
    say(gateway, session_id, text="ik wil een rollator")
    say(gateway, session_id, text="voor mezelf")
    assert texts(say(gateway, session_id, text="weet ik niet"))[-1] == (
        "Sinds wanneer is dit nodig?"
    )
    going_on = texts(say(gateway, session_id, text="geen idee eigenlijk"))
    assert not any(text.startswith("Ik vraag een medewerker") for text in going_on)
    readback = texts(say(gateway, session_id, text="ik bel zelf"))
    assert "Sinds: dat weet u niet." in readback[-2] and readback[-1] == "Klopt dit?"


def test_a_person_at_any_point(gateway: httpx.Client) -> None:
    session_id = start(gateway)
    say(gateway, session_id, text="ik heb schulden")
    person = say(gateway, session_id, text="ik wil met een mens praten")
    assert texts(person)[0].startswith("Ik vraag een medewerker om u te helpen.")
    case = case_of(gateway, session_id)
    assert case["route"] == "medewerker"
    assert case["handoff"]["reason"] == "vraagt om een medewerker"


def test_not_understood_three_times_leads_to_a_person(gateway: httpx.Client) -> None:
    """The fallback runs in the action server; its texts come from the gateway's NLG. Issue 15
    changes this: the second miss asks for a few words (a person at hand), the third is the
    person (held as a resident: two misses already ended in "Bel ons")."""
    session_id = start(gateway)
    first = say(gateway, session_id, payload="/nlu_fallback")
    assert texts(first) == [
        "Sorry, dat begreep ik niet goed. Gaat uw vraag over een van deze dingen?"
    ]
    assert "Praat met een medewerker" in button_titles(first)

    second = say(gateway, session_id, payload="/nlu_fallback")
    assert texts(second)[0].startswith("Ik begrijp het nog niet.")
    assert "Praat met een medewerker" in button_titles(second)
    third = say(gateway, session_id, payload="/nlu_fallback")
    assert texts(third)[0].startswith("Het lukt mij niet goed om u te helpen.")
    assert "Praat met een medewerker" in button_titles(third)


def test_conversations_live_in_redis_and_expire(stack: Stack, gateway: httpx.Client) -> None:
    session_id = start(gateway)
    say(gateway, session_id, payload="/greet")
    store = redis.Redis.from_url(stack.settings.effective_redis_url)
    tracker_ttl = store.ttl(f"tracker:{session_id}")
    assert 0 < tracker_ttl <= stack.settings.conversation_ttl_seconds
    assert 0 < store.ttl(f"chat:session:{session_id}") <= stack.settings.conversation_ttl_seconds


def test_bad_input_gets_a_clear_answer(gateway: httpx.Client) -> None:
    session_id = start(gateway)
    unknown = gateway.post("/api/chat/sessions/not-a-session/messages", json={"text": "hoi"})
    assert unknown.status_code == 404
    assert "bestaat niet" in unknown.json()["detail"]
    url = f"/api/chat/sessions/{session_id}/messages"
    assert gateway.post(url, json={"text": " "}).status_code == 422
    too_long = gateway.post(url, json={"text": "hulp " * 500})
    assert too_long.status_code == 422
    assert (
        too_long.json()["detail"] == "Uw bericht is te lang. Schrijf uw vraag in een paar zinnen."
    )
    # Hostile text is just text: it reaches the bot and gets an answer, not an error.
    hostile = say(gateway, session_id, text="<script>alert(1)</script> '; DROP TABLE x; --")
    assert hostile and all(m["text"] for m in hostile)


def test_no_personal_data_in_the_logs(stack: Stack, gateway: httpx.Client) -> None:
    """What a resident types never reaches a log file of the stack."""
    session_id = start(gateway)
    secrets = ("123456782", "0612345678", "jan.de.vries@voorbeeld.nl")
    say(
        gateway,
        session_id,
        text="mijn bsn is 123456782 bel 0612345678 of jan.de.vries@voorbeeld.nl",
    )
    say(gateway, session_id, payload="/nlu_fallback")
    logs = {part.name: part.log_path.read_text(errors="replace") for part in stack.parts.values()}
    for name, text in logs.items():
        for secret in secrets:
            assert secret not in text, f"{secret} in the {name} log"


# --- issue 20: the read-back, "Klopt dit?", and a correction that changes the case ------------


def test_a_correction_after_the_read_back_changes_the_case(gateway: httpx.Client) -> None:
    session_id = start(gateway)
    assert texts(say(gateway, session_id, text="ik heb hulp nodig met schoonmaken"))[-1] == (
        "Voor wie is de hulp?"
    )
    say(gateway, session_id, text="voor mezelf")
    assert texts(say(gateway, session_id, text="al een paar maanden")) == [
        "Hoe wilt u contact met ons?"
    ]
    readback = texts(say(gateway, session_id, text="ik bel zelf"))
    assert "Voor wie: voor uzelf." in readback[0] and readback[-1] == "Klopt dit?"

    changed = texts(say(gateway, session_id, text="nee, het is voor mijn moeder"))
    assert changed == ["Ik heb het veranderd. Voor wie: voor uw moeder.", "Klopt het nu?"]
    assert case_of(gateway, session_id)["handoff"] is None  # not passed on before a yes
    done = texts(say(gateway, session_id, text="ja hoor"))
    assert done[0].startswith("Ik geef uw vraag door aan een medewerker")
    assert done[-1] == "Kan ik u nog ergens anders mee helpen?"

    case = case_of(gateway, session_id)
    assert case["intake"]["help_for"] == "voor mijn moeder"
    assert case["corrected"] == ["help_for"]
    assert case["correction_words"] == ["nee, het is voor mijn moeder"]
    assert case["readback_note"] is None
    assert case["handoff"]["reason"] == "korte intake klaar"
    summary = case["summary"]
    assert "- Voor wie: voor mijn moeder. Verbeterd door de inwoner." in summary
    assert summary.count("nee, het is voor mijn moeder") == 1
    assert "voor mijzelf" not in summary
    # The staff case page shows the summary's sections as they are.
    lines = {
        line["label"]: line["text"]
        for section in case["summary_sections"]
        for line in section["lines"]
    }
    assert lines["Voor wie"] == "voor mijn moeder. Verbeterd door de inwoner."
    assert lines["Verbetering in eigen woorden"] == '"nee, het is voor mijn moeder"'


def test_dont_know_and_a_second_no_pass_the_case_on_with_a_note(gateway: httpx.Client) -> None:
    session_id = start(gateway)
    say(gateway, session_id, text="ik wil een rollator")
    say(gateway, session_id, text="voor mezelf")
    say(gateway, session_id, text="sinds kort")
    assert texts(say(gateway, session_id, text="ik bel zelf"))[-1] == "Klopt dit?"
    again = texts(say(gateway, session_id, text="weet ik niet"))
    assert (
        again[0] == "Klopt alles wat ik opschreef? Kies dan ja. Moet er iets anders? Kies dan nee."
    )
    assert again[-1] == "Klopt dit?"  # asked once more, the intake is not dropped
    assert texts(say(gateway, session_id, text="nee")) == [
        "Wat moet anders? Typ het in een paar woorden. Bijvoorbeeld: het is voor mijn moeder."
    ]
    assert texts(say(gateway, session_id, text="het is voor me vader")) == [
        "Ik heb het veranderd. Voor wie: voor uw vader.",
        "Klopt het nu?",
    ]
    done = texts(say(gateway, session_id, text="nee"))  # at most one more "Klopt dit?"
    assert done[0] == (
        "Dank u. Ik geef door dat iets nog niet klopt. De medewerker loopt het samen met u na."
    )
    assert done[-1] == "Kan ik u nog ergens anders mee helpen?"
    case = case_of(gateway, session_id)
    assert case["intake"]["help_for"] == "voor mijn vader"
    assert case["handoff"]["reason"] == "korte intake klaar: nakijken"
    assert "na de verbetering nog iets niet klopt" in case["readback_note"]
    assert "- Nakijken: De inwoner zei dat na de verbetering" in case["summary"]


def test_a_safety_signal_at_the_read_back_comes_first(gateway: httpx.Client) -> None:
    session_id = start(gateway)
    say(gateway, session_id, text="ik wil een traplift voor mezelf")
    say(gateway, session_id, text="sinds kort")
    assert texts(say(gateway, session_id, text="ik bel zelf"))[-1] == "Klopt dit?"
    crisis = " ".join(texts(say(gateway, session_id, text="nee ik wil eigenlijk niet meer leven")))
    assert "113" in crisis and "Klopt dit?" not in crisis and "Wat moet anders?" not in crisis
    case = case_of(gateway, session_id)
    assert (case["route"], case["urgency"]) == ("crisis", "acuut")
    assert "help_for" not in case["corrected"]


def test_a_denial_in_an_answer_is_no_alarm_and_an_overdose_in_a_booking_is(
    gateway: httpx.Client,
) -> None:
    """Held on 7 December: a resident who says, unasked, that she has no thoughts of harming
    herself goes on with her intake without 113; pills just taken, said while the booking asks
    for a wijk, get 112 at once and an acute case."""
    session_id = start(gateway)
    say(gateway, session_id, text="ik wil hulp bij het schoonmaken")
    say(gateway, session_id, text="voor mezelf")
    denial = "sinds de chemo, ik heb geen gedachten om mezelf iets aan te doen, maar ik ben moe"
    answer = texts(say(gateway, session_id, text=denial))
    assert not any("113" in text for text in answer), answer
    case = case_of(gateway, session_id)
    assert (case["route"], case["urgency"]) == ("huishoudelijke_hulp", "normaal")

    session_id = start(gateway)
    say(gateway, session_id, text="ik wil een afspraak met het buurtteam")
    danger = " ".join(
        texts(say(gateway, session_id, text="help ik heb net te veel van mn pillen genomen"))
    )
    assert "112" in danger and "wijk" not in danger
    case = case_of(gateway, session_id)
    assert (case["route"], case["urgency"]) == ("crisis", "acuut")
    assert case["safety_signals"][0]["kind"] == "danger"


def test_who_it_is_for_said_before_the_need_is_kept(gateway: httpx.Client) -> None:
    """Held on 7 December: the resident says who the help is for, then what it is about; the
    form that starts then does not ask "Voor wie is de hulp?" again."""
    session_id = start(gateway)
    say(gateway, session_id, text="Ik wil hulp aanvragen voor mijn moeder.")
    reply = texts(say(gateway, session_id, text="Het gaat om de douche, ze kan niet meer in bad."))
    assert "Voor wie is de hulp?" not in reply, reply
    say(gateway, session_id, text="sinds kort")
    assert texts(say(gateway, session_id, text="ik bel zelf"))[-1] == "Klopt dit?"
    say(gateway, session_id, text="ja")
    case = case_of(gateway, session_id)
    assert case["route"] == "voorziening"
    assert case["intake"]["help_for"] == "voor mijn moeder"


def test_a_need_in_own_spelling_and_when_it_began_said_to_who_are_kept(
    gateway: httpx.Client,
) -> None:
    """Held on 7 December in Dutch as a second language: "shoonmaak" is cleaning, so the form
    does not ask what help is needed; "al een jaar ofzo", said to "Voor wie is de hulp?", is
    kept for "Sinds wanneer?" (not as who the help is for), and that question is not asked."""
    session_id = start(gateway)
    first = texts(say(gateway, session_id, text="hulp voor shoonmaak huis mijn rug is kapot"))
    assert "Waar heeft u hulp bij nodig?" not in first, first
    said = texts(say(gateway, session_id, text="al een jaar ofzo"))
    assert said[-1] == "Voor wie is de hulp?", said
    assert "Sinds wanneer" not in " ".join(texts(say(gateway, session_id, text="voor mij")))
    say(gateway, session_id, text="ik bel zelf")
    say(gateway, session_id, text="ja")
    intake = case_of(gateway, session_id)["intake"]
    assert intake["help_needed"] == "schoonmaken"
    assert intake["since_when"] == "al een jaar ofzo"
    assert intake["help_for"] == "voor mijzelf"
