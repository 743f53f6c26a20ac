"""The agenda on awkward days: what the resident hears exists in Europe/Amsterdam, is never in
the past, and falls on a day the team works. The clock is set; Redis keeps its real time."""

from datetime import UTC, datetime, time, timedelta

import pytest

from integrations.agenda.slots import exists, spoken_when

from .conftest import TZ, Built, WithService

KLOOSTERVEEN = "9408AB 3"


async def first_offers(built: Built) -> list[datetime]:
    assert (await built.service.place("s", KLOOSTERVEEN)).status == "found"
    offered = await built.service.offers("s")
    assert offered.status == "offered" and len(offered.offers) == 3
    return [offer.start for offer in offered.offers]


@pytest.mark.parametrize(
    ("now", "first_day", "spoken"),
    [
        # Sunday night, a minute before midnight: Monday morning.
        (datetime(2026, 11, 29, 23, 59, tzinfo=TZ), "maandag 30 november", None),
        # New Year's Eve 23.59: 1 January is a holiday, then the weekend; the next year's
        # weekday is said.
        (datetime(2026, 12, 31, 23, 59, tzinfo=TZ),
         "maandag 4 januari", "maandag 4 januari om 9.00 uur"),
        # Christmas Eve: both Christmas days and the weekend are closed.
        (datetime(2026, 12, 24, 20, 0, tzinfo=TZ), "maandag 28 december", None),
        # The evening before Koningsdag (a Tuesday in 2027).
        (datetime(2027, 4, 26, 20, 0, tzinfo=TZ), "woensdag 28 april", None),
        # Summer time starts at 02.00 on Easter Sunday 2027; Easter Monday is closed.
        (datetime(2027, 3, 28, 0, 30, tzinfo=UTC), "dinsdag 30 maart", None),
        # Winter time: 02.30 happens twice on 25 October 2026 (this is the first one).
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "maandag 26 oktober", None),
        # The evening before a leap day.
        (datetime(2028, 2, 28, 20, 0, tzinfo=TZ),
         "dinsdag 29 februari", "dinsdag 29 februari om 9.00 uur"),
    ],
)  # fmt: skip
def test_first_free_times_on_awkward_days(
    with_service: WithService, now: datetime, first_day: str, spoken: str | None
) -> None:
    async def work(built: Built) -> None:
        starts = await first_offers(built)
        lead = now.astimezone(UTC) + timedelta(minutes=120)
        assert all(start.astimezone(UTC) >= lead for start in starts)  # never in the past
        assert all(exists(start) for start in starts)
        team = built.service.registry.teams["kloosterveen"]
        assert not any(team.closed_on(start.date()) for start in starts)
        assert spoken_when(starts[0]).startswith(first_day)
        if spoken:
            assert spoken_when(starts[0]) == spoken

    with_service(work, now=now)


def test_office_hours_that_just_closed_give_the_next_morning(with_service: WithService) -> None:
    """At 16.30 on a Thursday the team has just closed (lead time 2 hours): Friday morning."""
    thursday = datetime(2026, 12, 3, 16, 30, tzinfo=TZ)

    async def work(built: Built) -> None:
        starts = await first_offers(built)
        assert starts[0].date() == thursday.date() + timedelta(days=1)
        assert starts[0].time() == time(9, 0)

    with_service(work, now=thursday)


def test_a_time_that_does_not_exist_is_known() -> None:
    assert not exists(datetime(2027, 3, 28, 2, 30, tzinfo=TZ))  # summer time starts
    assert exists(datetime(2027, 3, 28, 3, 30, tzinfo=TZ))
    assert exists(datetime(2026, 10, 25, 2, 30, tzinfo=TZ))  # twice, but it exists
