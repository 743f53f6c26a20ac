"""The transcript as staff read it: a button's words, never its payload."""

from integrations.cases.transcript import (
    chosen_title,
    readable,
    typed_by_resident,
    typed_choice,
    with_choice,
)

OFFER = {"sender": "bot", "text": "Wilt u een afspraak?", "buttons": ["Ja", "Nee"],
         "payloads": ["/affirm", "/deny"]}  # fmt: skip


def test_a_click_keeps_the_words_of_the_button() -> None:
    assert chosen_title("/deny", [OFFER]) == "Nee"
    assert chosen_title("/deny", [OFFER, {"sender": "bot", "text": "Hoi"}]) == "Nee"
    assert chosen_title("/ask_person", []) == "Praat met een medewerker"
    assert chosen_title("/greet", []) is None
    assert chosen_title("/onbekend", [OFFER]) is None
    clicked = with_choice({"sender": "resident", "payload": "/deny"}, [OFFER])
    assert clicked["chosen"] == "Nee"
    assert with_choice({"sender": "resident", "payload": "/greet"}, [])["automatic"] is True


def test_what_staff_read() -> None:
    transcript = [
        {"sender": "resident", "payload": "/greet", "automatic": True},
        {"sender": "bot", "text": "Waar kan ik u mee helpen?"},
        {"sender": "resident", "payload": "/deny", "chosen": "Nee"},
        {"sender": "resident", "payload": "/iets"},
        {"sender": "resident", "text": "ik heb schulden"},
    ]
    shown = [line["shown"] for line in readable(transcript)]
    assert shown == [
        "Waar kan ik u mee helpen?",
        "[koos: Nee]",
        "[koos een knop]",
        "ik heb schulden",
    ]
    assert typed_by_resident(transcript) == ["ik heb schulden"]


def test_a_button_typed_instead_of_clicked_is_that_button() -> None:
    recent = [
        {"sender": "bot", "text": "Zal ik de afspraak maken?",
         "buttons": ["Ja, maak de afspraak", "Andere tijd"], "payloads": ["ja", "andere tijd"]},
        {"sender": "resident", "text": "ja maak de afspraak!"},
    ]  # fmt: skip
    assert typed_choice("ja maak de afspraak!", recent) == "ja"
    other = [recent[0], {"sender": "resident", "text": "Andere tijd"}]
    assert typed_choice("Andere tijd", other) == "andere tijd"
    assert typed_choice("ja graag, maak hem maar", recent) is None
    # Courtesy around the words: "please call me" is the button "Call me".
    contact = [
        {"sender": "bot", "text": "How would you like to get in touch?",
         "buttons": ["Call me", "I will call"], "payloads": ["bel mij", "ik bel zelf"]},
        {"sender": "resident", "text": "please call me"},
    ]  # fmt: skip
    assert typed_choice("please call me", contact) == "bel mij"
    assert typed_choice("call me please, after 5", contact) is None
    # Only the buttons of the answer the resident replies to, not of an older one.
    older = [*recent, {"sender": "bot", "text": "Waar kan ik u mee helpen?"},
             {"sender": "resident", "text": "andere tijd"}]  # fmt: skip
    assert typed_choice("andere tijd", older) is None
