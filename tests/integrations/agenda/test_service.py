"""The booking dialogue on the real Redis: offers, picks and their holds, bookings, storms."""

import asyncio
from datetime import datetime, timedelta
from typing import Any

from integrations.agenda.dialog_state import OfferedSlot
from integrations.agenda.holds import Holds
from integrations.agenda.service import ConfirmResult, OfferResult

from .conftest import MONDAY, SUNDAY_EVENING, Built, WithService, big_team_registry, choose

KLOOSTERVEEN = "9408AB 3"


async def place_and_offer(built: Built, session: str, where: str = KLOOSTERVEEN) -> Any:
    found = await built.service.place(session, where)
    assert found.status == "found"
    return await built.service.offers(session)


def test_a_resident_books_and_the_case_shows_it(with_service: WithService) -> None:
    async def work(built: Built) -> None:
        offered = await place_and_offer(built, "s1")
        assert offered.status == "offered" and len(offered.offers) == 3
        # Different days or parts of the day, in time order, all after the lead time.
        starts = [o.start for o in offered.offers]
        assert starts == sorted(starts) and len(set(starts)) == 3
        assert starts[0].date() == MONDAY
        assert built.cases["s1"] == {"wijk": "Kloosterveen", "buurtteam": "Buurtteam Kloosterveen"}
        chosen = await choose(built, "s1", offered.offers[1].when)
        assert chosen.kind == "chosen" and chosen.offer == offered.offers[1]
        done = await built.service.confirm("s1")
        assert done.status == "booked" and done.booking is not None
        appointment = built.cases["s1"]["appointment"]
        assert appointment["when"] == offered.offers[1].when
        assert appointment["address"] and appointment["ics_url"].endswith(".ics")
        first = SUNDAY_EVENING
        listed = await built.service.backend.bookings("kloosterveen", first, first + timedelta(14))
        assert [b.id for b in listed] == [done.booking.id]

    with_service(work)


def test_a_picked_time_is_not_offered_to_someone_else(with_service: WithService) -> None:
    async def work(built: Built) -> None:
        first = await place_and_offer(built, "a")
        # Offering holds nothing: the next resident sees the same free times.
        second = await place_and_offer(built, "b")
        assert [o.start for o in second.offers] == [o.start for o in first.offers]
        assert (await choose(built, "a", "de eerste")).kind == "chosen"
        third = await place_and_offer(built, "c")
        assert first.offers[0].slot_id not in {o.slot_id for o in third.offers}
        # The resident who picked it still sees it.
        again = await built.service.offers("a")
        assert first.offers[0].slot_id in {o.slot_id for o in again.offers}

    with_service(work)


async def held(built: Built) -> set[str]:
    """The times held in the Kloosterveen team now."""
    return await Holds(built.redis, 1).held_in_team("kloosterveen")


async def first_free(built: Built, team_id: str = "kloosterveen") -> datetime:
    team = built.service.registry.teams[team_id]
    first: datetime = (await built.service.availability.free_slots(team, 1))[0].start
    return first


def test_many_sessions_asking_for_offers_do_not_block_the_agenda(
    with_service: WithService,
) -> None:
    """The attack of issue 19: 20 scripted sessions asking one team for times moved its first
    free time days ahead. Offers hold nothing, so the first free time stays where it was."""

    async def work(built: Built) -> None:
        before = await first_free(built)
        for n in range(20):
            await built.service.note_address(f"script{n}", "203.0.113.9")
            offered = await place_and_offer(built, f"script{n}")
            assert offered.status == "offered"
            assert (await choose(built, f"script{n}", "andere tijd")).kind == "more"
            await built.service.offers(f"script{n}")  # later times: held neither
        assert not await held(built)
        assert await first_free(built) == before
        resident = await place_and_offer(built, "resident")
        assert resident.offers[0].start == before

    with_service(work)


def test_picks_from_one_address_hold_only_a_few_times(with_service: WithService) -> None:
    """Sessions from one address that each pick a time hold at most the address's bound; the
    picks beyond it are not held, and still book when their resident says yes."""

    async def work(built: Built) -> None:
        for n in range(6):
            await built.service.note_address(f"script{n}", "203.0.113.9")
            await place_and_offer(built, f"script{n}")
            assert (await choose(built, f"script{n}", "de eerste")).kind == "chosen"
        assert len(await held(built)) == 2
        assert (await built.service.confirm("script5")).status == "booked"  # not held, but free
        # Another address is not affected by the bound.
        await built.service.note_address("resident", "198.51.100.7")
        await place_and_offer(built, "resident")
        assert (await choose(built, "resident", "de eerste")).kind == "chosen"
        assert len(await held(built)) == 3
        assert (await built.service.confirm("resident")).status == "booked"

    with_service(work, holds_per_address=2)


def test_one_hold_per_conversation(with_service: WithService) -> None:
    async def work(built: Built) -> None:
        offered = await place_and_offer(built, "s")
        assert (await choose(built, "s", "de eerste")).kind == "chosen"
        assert await held(built) == {offered.offers[0].slot_id}
        await built.service.reconsider("s")
        assert not await held(built)
        later = await built.service.offers("s")
        assert (await choose(built, "s", "de eerste")).kind == "chosen"
        assert await held(built) == {later.offers[0].slot_id}
        # A new pick straight away (no reconsider) also gives the old one back.
        assert (await choose(built, "s", later.offers[1].when)).kind == "chosen"
        assert await held(built) == {later.offers[1].slot_id}
        # Erasure gives it back at once.
        await built.service.erase("s")
        assert not await held(built)

    with_service(work)


def test_two_residents_pick_the_same_time(with_service: WithService) -> None:
    """Both were offered the same time and both pick it: one booking, one "net weg" with new
    times that do not include it."""

    async def work(built: Built) -> None:
        first = await place_and_offer(built, "a")
        wanted = first.offers[0]
        # Residents get the professionals free at one time in their own order: find one
        # offered the very same slot.
        same = [f"b{n}" for n in range(8) if await offered_first(built, f"b{n}", wanted)]
        assert same
        loser_id = same[0]
        picks = await asyncio.gather(
            choose(built, "a", wanted.when), choose(built, loser_id, wanted.when)
        )
        assert sorted(p.kind for p in picks) == ["chosen", "taken"]
        winner, loser = ("a", loser_id) if picks[0].kind == "chosen" else (loser_id, "a")
        done = await built.service.confirm(winner)
        assert done.status == "booked" and done.booking is not None
        assert done.booking.slot_id == wanted.slot_id
        new = await built.service.offers(loser)
        assert new.status == "offered" and new.offers
        assert wanted.slot_id not in {o.slot_id for o in new.offers}
        # Had the loser said yes anyway, the booking is refused with new times.
        late = await built.service.confirm(loser, wanted.slot_id)
        assert late.status == "taken" and late.offers is not None and late.offers.offers
        assert wanted.slot_id not in {o.slot_id for o in late.offers.offers}

    with_service(work)


async def offered_first(built: Built, session: str, wanted: OfferedSlot) -> bool:
    offered: OfferResult = await place_and_offer(built, session)
    return offered.offers[0] == wanted


def test_a_picked_time_booked_meanwhile_is_net_weg(with_service: WithService) -> None:
    async def work(built: Built) -> None:
        offered = await place_and_offer(built, "slow")
        wanted = offered.offers[0]
        assert (await built.service.confirm("quick", wanted.slot_id)).status == "booked"
        assert (await choose(built, "slow", "de eerste")).kind == "taken"
        assert not await held(built)
        new = await built.service.offers("slow")
        assert wanted.slot_id not in {o.slot_id for o in new.offers}

    with_service(work)


def test_booking_storm_exactly_one_resident_per_slot(with_service: WithService) -> None:
    """200 residents at once on 20 free slots: 20 bookings, the rest hear it is gone."""

    async def work(built: Built) -> None:
        team = built.service.registry.teams["kloosterveen"]
        contested = [s for s in await built.service.availability.free_slots(team)][:20]
        results: list[ConfirmResult] = await asyncio.gather(
            *(built.service.confirm(f"r{i}", contested[i % 20].id) for i in range(200))
        )
        booked = [r for r in results if r.status == "booked"]
        assert len(booked) == 20
        assert len({r.booking.slot_id for r in booked if r.booking}) == 20
        losers = [r for r in results if r.status != "booked"]
        assert len(losers) == 180 and all(r.status == "taken" for r in losers)
        taken_ids = {s.id for s in contested}
        for loser in losers:
            assert loser.offers is not None and loser.offers.status == "offered"
            assert loser.offers.offers
            assert not {o.slot_id for o in loser.offers.offers} & taken_ids
        stored = await built.service.backend.bookings(
            "kloosterveen", SUNDAY_EVENING, SUNDAY_EVENING + timedelta(days=15)
        )
        assert sorted(b.slot_id for b in stored) == sorted(taken_ids)

    with_service(work, registry=big_team_registry(12))


def test_a_time_taken_while_the_hold_ran_out(with_service: WithService) -> None:
    async def work(built: Built) -> None:
        offered = await place_and_offer(built, "slow")
        wanted = offered.offers[0]
        assert (await choose(built, "slow", "de eerste")).kind == "chosen"
        await asyncio.sleep(0.4)  # the hold runs out while the resident thinks
        assert (await built.service.confirm("quick", wanted.slot_id)).status == "booked"
        late = await built.service.confirm("slow")
        assert late.status == "taken"
        assert late.offers is not None and late.offers.offers
        assert wanted.slot_id not in {o.slot_id for o in late.offers.offers}

    with_service(work, hold_seconds=0.2)


def test_an_expired_hold_on_a_free_time_still_books(with_service: WithService) -> None:
    async def work(built: Built) -> None:
        await place_and_offer(built, "slow")
        await choose(built, "slow", "1")
        await asyncio.sleep(0.4)
        assert (await built.service.confirm("slow")).status == "booked"

    with_service(work, hold_seconds=0.2)


def test_no_to_all_three_offers_gives_later_times(with_service: WithService) -> None:
    async def work(built: Built) -> None:
        first = await place_and_offer(built, "s")
        assert (await choose(built, "s", "nee")).kind == "declined"
        later = await built.service.offers("s")
        assert later.status == "offered"
        assert min(o.start for o in later.offers) > max(o.start for o in first.offers)

    with_service(work)


def test_tomorrow_when_tomorrow_is_full(with_service: WithService) -> None:
    async def work(built: Built) -> None:
        team = built.service.registry.teams["kloosterveen"]
        monday = [
            s for s in await built.service.availability.free_slots(team) if s.start.date() == MONDAY
        ]
        for n, slot in enumerate(monday):
            assert (await built.service.confirm(f"other{n}", slot.id)).status == "booked"
        await place_and_offer(built, "s")
        assert (await choose(built, "s", "morgen")).kind == "wish"
        after = await built.service.offers("s")
        assert after.wish_unmet and after.status == "offered"
        assert all(o.start.date() > MONDAY for o in after.offers)

    with_service(work)


def test_nothing_left_then_the_team_calls(with_service: WithService) -> None:
    async def work(built: Built) -> None:
        team = built.service.registry.teams["kloosterveen"]
        for n, slot in enumerate(await built.service.availability.free_slots(team)):
            await built.service.confirm(f"other{n}", slot.id)
        result = await place_and_offer(built, "s")
        assert result.status == "none_left"
        assert (await choose(built, "s", "ja bel mij")).kind == "callback"
        assert (await choose(built, "s", "nee")).kind == "give_up"

    with_service(work, horizon_days=1)


def test_change_then_cancel(with_service: WithService) -> None:
    async def work(built: Built) -> None:
        offered = await place_and_offer(built, "s")
        await choose(built, "s", "1")
        old = (await built.service.confirm("s")).booking
        assert old is not None
        again = await built.service.offers("s")
        await choose(built, "s", again.offers[-1].when)
        moved = (await built.service.confirm("s")).booking
        assert moved is not None and moved.slot_id != old.slot_id
        assert built.cases["s"]["appointment"]["booking_id"] == moved.id
        # The old time is free again, and its calendar file is gone.
        assert await built.service.booking(old.id) is None
        team = built.service.registry.teams["kloosterveen"]
        assert old.slot_id in {s.id for s in await built.service.availability.free_slots(team)}
        cancelled = await built.service.cancel("s")
        assert cancelled is not None and cancelled.id == moved.id
        assert built.cases["s"]["appointment"] is None
        assert await built.service.cancel("s") is None
        assert offered.offers

    with_service(work)


def test_places_that_do_not_lead_to_a_team(with_service: WithService) -> None:
    async def work(built: Built) -> None:
        assert (await built.service.place("s", "1012AB 5")).status == "outside"
        assert (await built.service.place("s", "9405")).status == "need_postcode"
        assert (await built.service.place("s", "9405 AA")).status == "need_house_number"
        found = await built.service.place("s", "120")  # the house number to the postcode before
        assert found.status == "found" and found.wijk == "Assen-Oost"
        first = await built.service.place("t", "op de maan")
        second = await built.service.place("t", "weet niet")
        assert (first.status, first.tries, second.tries) == ("unknown", 1, 2)
        assert (await built.service.offers("nobody")).status == "no_team"

    with_service(work)


def test_residents_offered_one_time_at_once_mostly_get_other_professionals(
    with_service: WithService,
) -> None:
    """Offers hold nothing, so residents asking at once hear the same first time; each gets
    its own professional's slot of that time where the team has several, and both book."""

    async def work(built: Built) -> None:
        firsts = [(await place_and_offer(built, f"r{n}")).offers[0] for n in range(8)]
        assert len({o.start for o in firsts}) == 1
        assert len({o.slot_id for o in firsts}) == 2  # Kloosterveen has two professionals
        a = next(n for n, o in enumerate(firsts) if o.slot_id == firsts[0].slot_id)
        b = next(n for n, o in enumerate(firsts) if o.slot_id != firsts[0].slot_id)
        for n in (a, b):
            assert (await choose(built, f"r{n}", "de eerste")).kind == "chosen"
            assert (await built.service.confirm(f"r{n}")).status == "booked"

    with_service(work)
