"""Appointment slots: generated from a team's opening hours, named in plain Dutch. Pure."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from integrations.agenda.registry import Registry, Team

_ID_TIME = "%Y%m%d%H%M"


@dataclass(frozen=True, order=True)
class Slot:
    """One appointment time with one professional of a team."""

    start: datetime  # aware, in the municipality's time zone
    team_id: str
    professional_id: str
    minutes: int

    @cached_property
    def id(self) -> str:
        s = self.start  # the same as strftime(_ID_TIME), several times faster
        stamp = f"{s.year:04d}{s.month:02d}{s.day:02d}{s.hour:02d}{s.minute:02d}"
        return f"{self.team_id}.{self.professional_id}.{stamp}"

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


def parse_slot_id(slot_id: str, registry: Registry, tz: ZoneInfo) -> Slot | None:
    """The slot an id names, when team, professional and time are real; else None."""
    parts = slot_id.split(".")
    if len(parts) != 3:
        return None
    team = registry.team(parts[0])
    if team is None or parts[1] not in {p.id for p in team.professionals}:
        return None
    try:
        start = datetime.strptime(parts[2], _ID_TIME).replace(tzinfo=tz)
    except ValueError:
        return None
    slot = Slot(start, team.id, parts[1], team.appointment_minutes)
    return slot if slot in set(candidate_slots(team, start, start.date(), start.date())) else None


def iter_candidate_slots(
    team: Team, not_before: datetime, first: date, last: date
) -> Iterator[Slot]:
    """Every slot of every professional of `team` from `first` to `last` (days included),
    starting at or after `not_before`, in time order. Days the team is closed (public
    holidays too) have none, and neither has a wall-clock time that does not exist in the
    time zone (the hour skipped when summer time starts)."""
    tz = not_before.tzinfo
    assert isinstance(tz, ZoneInfo)
    length = timedelta(minutes=team.appointment_minutes)
    day = first
    while day <= last:
        hours = [] if team.closed_on(day) else sorted(team.hours_on(day.weekday()))
        for opens, closes in hours:
            start = datetime.combine(day, opens, tzinfo=tz)
            close = datetime.combine(day, closes, tzinfo=tz)
            while start + length <= close:
                if start >= not_before and exists(start):
                    for professional in team.professionals:
                        yield Slot(start, team.id, professional.id, team.appointment_minutes)
                start += length
        day += timedelta(days=1)


def exists(moment: datetime) -> bool:
    """Whether an aware wall-clock time exists in its time zone (02.30 on the night summer
    time starts does not)."""
    back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


def candidate_slots(team: Team, not_before: datetime, first: date, last: date) -> list[Slot]:
    return list(iter_candidate_slots(team, not_before, first, last))


def spoken_when(start: datetime) -> str:
    """ "dinsdag 3 december om 10.00 uur": the B1 way to name a date and time."""
    return str(format_datetime(start, "EEEE d MMMM 'om' H.mm 'uur'", locale="nl"))


def spoken_day(day: date) -> str:
    return str(
        format_datetime(datetime.combine(day, datetime.min.time()), "EEEE d MMMM", locale="nl")
    )
