from datetime import datetime, time
from zoneinfo import ZoneInfo

from integrations.nlg.phrasing import PhrasingBook, parse_phrasing
from integrations.settings import Settings
from integrations.staff.office_hours import is_open, office_open

AMS = ZoneInfo("Europe/Amsterdam")
WEEKDAYS = {0, 1, 2, 3, 4}


def test_open_on_weekdays_during_the_day() -> None:
    assert is_open(datetime(2026, 11, 23, 9, 0, tzinfo=AMS), WEEKDAYS, time(9), time(17))  # Monday
    assert not is_open(datetime(2026, 11, 23, 17, 0, tzinfo=AMS), WEEKDAYS, time(9), time(17))
    assert not is_open(
        datetime(2026, 11, 22, 11, 0, tzinfo=AMS), WEEKDAYS, time(9), time(17)
    )  # Sunday


def test_the_time_is_read_in_the_municipalitys_time_zone() -> None:
    settings = Settings(_env_file=None)
    utc_morning = datetime(2026, 11, 23, 8, 30, tzinfo=ZoneInfo("UTC"))  # 9.30 in Assen
    assert office_open(settings, utc_morning)


def test_outside_office_hours_the_closed_wording_is_used() -> None:
    book = PhrasingBook(
        parse_phrasing(
            {
                "a.yml": {
                    "utter_handoff": {
                        "text": "Een medewerker komt.",
                        "closed": "Wij zijn er {opening_hours}.",
                    }
                }
            }
        ),
        {"opening_hours": "op werkdagen"},
    )
    assert book.render("utter_handoff")["text"] == "Een medewerker komt."
    assert book.render("utter_handoff", office_open=False)["text"] == "Wij zijn er op werkdagen."


def test_closed_on_public_holidays_and_just_after_closing() -> None:
    hours = (WEEKDAYS, time(9), time(17))
    assert is_open(datetime(2026, 12, 3, 16, 59, 59, tzinfo=AMS), *hours)
    assert not is_open(datetime(2026, 12, 3, 17, 0, tzinfo=AMS), *hours)
    assert not is_open(datetime(2027, 4, 27, 10, 0, tzinfo=AMS), *hours)  # Koningsdag
    assert not is_open(datetime(2026, 12, 25, 10, 0, tzinfo=AMS), *hours)  # Christmas Day
    assert not is_open(datetime(2027, 1, 1, 10, 0, tzinfo=AMS), *hours)  # New Year's Day
    assert is_open(datetime(2026, 12, 31, 10, 0, tzinfo=AMS), *hours)  # a working day
    assert is_open(datetime(2027, 3, 26, 10, 0, tzinfo=AMS), *hours)  # Good Friday: open
    assert is_open(datetime(2027, 4, 27, 10, 0, tzinfo=AMS), *hours, holidays_closed=False)
