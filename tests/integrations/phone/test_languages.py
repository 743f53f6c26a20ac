# ruff: noqa: RUF001  (Turkish writes the dotless i)
"""The phone line in the caller's language: English answered in English (voice, speech
recognition, the line's own words), a language the assistant does not speak gets the way to
a tolk in that language's voice (or English), then a person; never a Dutch route."""

import json
from collections.abc import Iterator
from functools import partial

import pytest
from fastapi.testclient import TestClient

from integrations.nlg.service import Phrasing
from integrations.settings import Settings
from tests.integrations.phone.test_router import (
    ALWAYS_OPEN,
    NEVER_OPEN,
    Caller,
    greeted,
    line_with,
    said,
)
from tests.recorder import Recorder, recording_server


@pytest.fixture
def rasa() -> Iterator[Recorder]:
    with recording_server(body=b"[]") as recorder:
        yield recorder


@pytest.fixture
def open_line(settings: Settings, rasa: Recorder) -> Iterator[TestClient]:
    with line_with(settings, rasa, **ALWAYS_OPEN) as client:
        yield client


@pytest.fixture
def closed_line(settings: Settings, rasa: Recorder) -> Iterator[TestClient]:
    with line_with(settings, rasa, **NEVER_OPEN) as client:
        yield client


def rasa_says_in(caller: Caller, language: str, *names: str) -> None:
    phrasing: Phrasing = caller.client.app.state.phrasing  # type: ignore[attr-defined]
    assert caller.client.portal is not None
    texts = [
        caller.client.portal.call(partial(phrasing.render, name, "phone", {}, language=language))
        for name in names
    ]
    caller.rasa.body = json.dumps(texts).encode()


def metadata_sent(caller: Caller) -> list[dict[str, str]]:
    return [
        json.loads(r.body)["metadata"]
        for r in caller.rasa.requests
        if r.path.startswith("/webhooks/") and json.loads(r.body)["sender"] == caller.sid
    ]


def test_an_english_caller_is_answered_in_english(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa)
    rasa_says_in(caller, "en", "utter_ack_household_help", "utter_ask_help_needed")
    root = caller.say("hello I need help with cleaning my house")
    sent = metadata_sent(caller)[-1]
    assert (sent["channel"], sent["language"]) == ("phone", "en")
    gather = root.find("Gather")
    assert gather is not None and gather.get("language") == "en-GB"
    assert {say.get("voice") for say in root.iter("Say")} == {"Polly.Amy-Neural"}
    assert said(root) == [
        "You are looking for help in the household. First I will ask you a few short questions.",
        "What do you need help with?",
        "Say cleaning or press 1.",
        "Say washing or press 2.",
        "Say more hours or press 3.",
        "Say person or press 0.",
    ]
    # A short "yes" or a key keeps the call in English.
    rasa_says_in(caller, "en", "utter_ask_help_for")
    root = caller.press("1")
    assert metadata_sent(caller)[-1]["language"] == "en"
    assert said(root)[0] == "Who is the help for?"
    # The line's own words are English too.
    root = caller.silence()
    assert said(root)[0] == "I cannot hear you. I will say it again."


@pytest.mark.parametrize(
    ("words", "voice", "tag", "start"),
    [
        ("زوجي يأخذ مالي ولا أفهم الرسائل", "Polly.Hala-Neural", "ar-AE", "نحن نتكلم"),
        ("Evimi artık temizleyemiyorum, yardım lazım", "Polly.Burcu-Neural", "tr-TR", "Biz"),
        ("Nie mogę już sprzątać mieszkania", "Polly.Ola-Neural", "pl-PL", "Mówimy"),
        ("Мені потрібна допомога вдома", "Google.uk-UA-Standard-A", "uk-UA", "Ми розмовляємо"),
        ("ሓገዝ ኣብ ገዛ ይደሊ ኣለኹ", "Polly.Amy-Neural", "en-GB", "We speak Dutch"),
    ],
)
def test_another_language_hears_the_way_to_a_tolk_and_is_put_through(
    open_line: TestClient,
    settings: Settings,
    rasa: Recorder,
    words: str,
    voice: str,
    tag: str,
    start: str,
) -> None:
    caller = greeted(open_line, settings, rasa)
    root = caller.say(words)
    assert caller.rasa_got() == ["/greet"]  # never a Dutch route
    says = list(root.iter("Say"))
    assert says[0].get("voice") == voice and says[0].get("language") == tag
    assert said(root)[0].startswith(start)
    assert "1 1 2" in said(root)[0]  # in danger: 112, said digit by digit
    assert root.find("Dial/Number") is not None  # a person, who can call a tolk
    assert caller.queued()[0]["reason"] == "spreekt een andere taal: tolk nodig"


def test_another_language_outside_office_hours_hears_when_to_call(
    closed_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(closed_line, settings, rasa)
    root = caller.say("Nie mogę już sprzątać mieszkania")
    assert caller.rasa_got() == ["/greet"]
    assert said(root)[0].startswith("Mówimy po niderlandzku i po angielsku.")
    assert "Zadzwoń jeszcze raz w dzień roboczy" in said(root)[0]
    assert "1 4, 0 5 9 2" not in said(root)[0]  # never the number the caller is calling
    assert root.find("Dial") is None
    # Held on 8 December: one sentence and a hang-up. English is offered once, then goodbye.
    assert said(root)[-1] == "Do you speak English? Then say: English."
    assert root.find("Gather") is not None and root.find("Hangup") is None
    root = caller.say("Nie rozumiem, proszę pomóc")
    assert root.find("Hangup") is not None and root.find("Dial") is None
    assert caller.rasa_got() == ["/greet"]


def test_another_language_after_hours_can_go_on_in_english(
    closed_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(closed_line, settings, rasa)
    caller.say("Nie mogę już sprzątać mieszkania")
    rasa_says_in(caller, "en", "utter_how_can_i_help")
    caller.say("English")
    assert metadata_sent(caller)[-1]["language"] == "en"


def test_the_line_acts_on_english_goodbyes_and_handoffs(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa)
    rasa_says_in(caller, "en", "utter_handoff")
    root = caller.say("can I talk to a real person please")
    assert root.find("Dial/Number") is not None
    assert said(root) == ["I am putting you through to a member of staff. One moment, please."]

    caller = greeted(open_line, settings, rasa)
    rasa_says_in(caller, "en", "utter_goodbye")
    root = caller.say("no thank you that is all goodbye")
    assert said(root)[0] == "Thank you. Goodbye!"
    assert root.find("Dial") is None
