"""What the resident hears, rendered by the shipped phrasing files as the NLG endpoint does:
every response the dialogue names exists, its values fill every placeholder, and the buttons
it asks for are there."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from integrations.appointments import questions as q
from integrations.appointments.state import Dialogue, Say
from integrations.nlg.phrasing import PhrasingBook, load_phrasing_dir, placeholders_in
from integrations.settings import REPO_ROOT

TZ = ZoneInfo("Europe/Amsterdam")
FACTS = q.Facts(
    start=datetime(2026, 12, 8, 10, 0, tzinfo=TZ),
    kind="office",
    team_name="Buurtteam Marsdijk",
    team_address="Voorbeeldpad 5, Assen",
    team_phone="0592 000 005",
    professional="Hanneke",
    minutes=45,
    ics_url="/api/agenda/afspraak/abc.ics",
    call_number="0612345678",
)
WHENS = ["maandag 7 december om 9.00 uur", "maandag 7 december om 13.00 uur"]


@pytest.fixture(scope="module")
def book() -> PhrasingBook:
    phrases = load_phrasing_dir(REPO_ROOT / "integrations" / "nlg" / "content")
    return PhrasingBook(phrases, {"contact_phone": "14 0592", "general_number": "14 0592"})


def rendered(book: PhrasingBook, say: Say, channel: str = "chat") -> dict[str, object]:
    out = book.render(say.response, channel, say.values, button_payloads=say.buttons)
    assert not placeholders_in(str(out["text"])), (say.response, out["text"])
    return out


def titles(out: dict[str, object]) -> list[str]:
    return [str(b["title"]) for b in out["buttons"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", ["office", "home", "phone"])
def test_the_offered_times_are_buttons_with_the_way_on(book: PhrasingBook, kind: str) -> None:
    (say,) = q.offer_says(kind, "Buurtteam Marsdijk", WHENS, "a of b", ("office", "home"))  # type: ignore[arg-type]
    out = rendered(book, say)
    assert titles(out)[:2] == WHENS  # two times offered: two time buttons
    assert "Andere tijd" in titles(out) and titles(out)[-1] == "Praat met een medewerker"
    only_office = q.offer_says(kind, "T", WHENS, "a of b", ("office",))[0]  # type: ignore[arg-type]
    assert len(titles(rendered(book, only_office))) == len(titles(out)) - 1
    # The phone says the times as its menu ("Zeg dinsdag ... of kies 1"), and how to ask
    # for another time (issue 17's short menus).
    spoken = rendered(book, say, "phone")
    assert "andere tijd" in str(spoken["text"])
    assert titles(spoken) == [*WHENS, "medewerker"]


def test_the_kinds_a_team_offers(book: PhrasingBook) -> None:
    (say,) = q.kind_question(("office", "home"))
    assert titles(rendered(book, say)) == [
        "Bij het buurtteam",
        "Bij mij thuis",
        "Praat met een medewerker",
    ]


@pytest.mark.parametrize("kind", ["office", "home", "phone"])
def test_the_confirmation_says_day_date_time_place_and_who(book: PhrasingBook, kind: str) -> None:
    facts = q.Facts(**{**FACTS.__dict__, "kind": kind})
    (booked,) = q.booked_says(facts, moved=False)
    out = rendered(book, booked)
    text = str(out["text"])
    assert "dinsdag 8 december om 10.00 uur" in text and "Hanneke" in text
    assert "Buurtteam Marsdijk" in text
    assert out["custom"] == {  # the calendar file in the chat
        "link": {"title": "Zet de afspraak in uw agenda", "url": "/api/agenda/afspraak/abc.ics"}
    }
    assert "custom" not in rendered(book, booked, "phone")
    for say in q.repeat_says(facts) + q.summary_says(facts):
        assert "10.00 uur" in str(rendered(book, say, "phone")["text"])


def test_the_code_is_said_digit_by_digit_on_the_phone(book: PhrasingBook) -> None:
    (say,) = q.code_says("482715", FACTS)
    assert "482715" in str(rendered(book, say)["text"])
    spoken = str(rendered(book, say, "phone")["text"])
    assert "4, 8, 2, 7, 1, 5" in spoken and "482715" not in spoken


def test_every_answer_to_a_question_renders(book: PhrasingBook) -> None:
    for question in ("when", "where", "who", "bring", "companion", "what", "repeat"):
        for facts in (FACTS, None):
            for say in q.answer(question, facts, "Buurtteam Marsdijk", "Voorbeeldpad 5", 45):  # type: ignore[arg-type]
                rendered(book, say)
    for place_question in ("wijk", "postcode", "house_number"):
        dialogue = Dialogue(place_question=place_question)  # type: ignore[arg-type]
        assert rendered(book, q.place_question(dialogue)[0])["buttons"]


def test_every_response_the_dialogue_names_has_a_text(book: PhrasingBook) -> None:
    import re

    package = REPO_ROOT / "integrations" / "appointments"
    source = "".join(path.read_text() for path in package.glob("*.py"))
    names = set(re.findall(r'"(utter_[a-z_]+)"', source))
    for base in re.findall(r'f"(utter_[a-z_]+)\{', source):
        names |= {base + suffix for suffix in q.BY_KIND.values()}
    missing = {name for name in names if book.get(name) is None}
    assert names and not missing, sorted(missing)
