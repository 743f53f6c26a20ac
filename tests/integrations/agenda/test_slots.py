from datetime import date, datetime
from zoneinfo import ZoneInfo

from integrations.agenda.registry import load_registry
from integrations.agenda.slots import candidate_slots, parse_slot_id, spoken_day, spoken_when

TZ = ZoneInfo("Europe/Amsterdam")


def test_dates_and_times_in_plain_dutch() -> None:
    assert spoken_when(datetime(2026, 12, 1, 9, 0, tzinfo=TZ)) == "dinsdag 1 december om 9.00 uur"
    assert spoken_when(datetime(2026, 12, 3, 13, 45, tzinfo=TZ)) == (
        "donderdag 3 december om 13.45 uur"
    )
    assert spoken_day(date(2026, 11, 23)) == "maandag 23 november"


def test_slots_follow_opening_hours_and_skip_the_weekend() -> None:
    team = load_registry().teams["kloosterveen"]
    monday = datetime(2026, 11, 23, 0, 0, tzinfo=TZ)
    slots = candidate_slots(team, monday, date(2026, 11, 23), date(2026, 11, 29))
    days = {slot.start.date() for slot in slots}
    assert date(2026, 11, 28) not in days and date(2026, 11, 29) not in days
    # 09:00-12:00 and 13:00-16:30 in 45 minutes: 4 + 4 starts, for 2 professionals.
    monday_slots = [s for s in slots if s.start.date() == date(2026, 11, 23)]
    assert len(monday_slots) == 16
    assert all(s.end.time() <= datetime(2026, 1, 1, 16, 30).time() for s in monday_slots)
    friday = [s for s in slots if s.start.date() == date(2026, 11, 27)]
    assert max(s.end for s in friday).hour == 12


def test_slot_ids_name_real_slots_only() -> None:
    registry = load_registry()
    team = registry.teams["marsdijk"]
    first = candidate_slots(team, datetime(2026, 11, 23, tzinfo=TZ), date(2026, 11, 23),
                            date(2026, 11, 23))[0]  # fmt: skip
    assert parse_slot_id(first.id, registry, TZ) == first
    assert parse_slot_id("marsdijk.hanneke.202611230915", registry, TZ) is None  # not a start
    assert parse_slot_id("marsdijk.nobody.202611230900", registry, TZ) is None
    assert parse_slot_id("../etc/passwd", registry, TZ) is None
