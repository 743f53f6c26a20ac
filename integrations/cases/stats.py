"""Counts for the team lead, per day: conversations by channel, final route, known wijk and
outcome, and how long residents waited for a staff member. No personal data.

Owner of `stats:{date}` hashes. Counters outlive the cases they count.

Each conversation is counted once, on the day it began (local time): when its route, wijk or
outcome changes, its count moves from the old name to the new one (`moves`, pure), in the same
Redis transaction as the change of the case (cases.store calls `add_moves`). A conversation is
counted from its first route on: a chat window opened and left without a word is not one.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from redis.asyncio import Redis

from integrations.cases.labels import (
    CHANNEL_NAMES,
    OUTCOMES,
    ROUTE_NAMES,
    WAIT_BUCKETS,
    WAIT_LONGEST,
    dutch_date,
    wait_bucket,
    waiting_words,
)
from integrations.cases.record import Case
from integrations.redis_client import as_text

KEEP_DAYS = 400
UNKNOWN_WIJK = "onbekend"
# "feedback": answers to "Hoe ging dit gesprek?" (integrations/feedback/); "feedback_asked":
# how often it was asked, per channel.
KINDS = ("route", "wijk", "outcome", "channel", "wait", "feedback", "feedback_asked")
WAIT_NAMES = (*(name for _, name in WAIT_BUCKETS), WAIT_LONGEST)


@dataclass(frozen=True)
class Move:
    day: date
    field: str
    delta: int


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    return moment.astimezone(tz).date()


def _wijk(case: Case) -> str:
    return case.wijk if case.wijk and case.wijk != UNKNOWN_WIJK else UNKNOWN_WIJK


def moves(before: Case | None, after: Case, tz: ZoneInfo) -> list[Move]:
    """What changes in the counts when `before` becomes `after`. Pure."""
    day = local_day(after.created_at, tz)
    found: list[Move] = []

    def move(kind: str, old: str | None, new: str | None) -> None:
        if old == new:
            return
        if old is not None:
            found.append(Move(day, f"{kind}:{old}", -1))
        if new is not None:
            found.append(Move(day, f"{kind}:{new}", 1))

    counted_before = before is not None and before.route is not None
    if after.route is not None:
        if not counted_before:
            found.append(Move(day, "conversations", 1))
            move("channel", None, after.channel)
            move("route", None, after.route)
            move("wijk", None, _wijk(after))
        else:
            assert before is not None
            move("route", before.route, after.route)
            move("wijk", _wijk(before), _wijk(after))
    old_outcome = before.outcome if before is not None else None
    move("outcome", old_outcome, after.outcome)
    first_taken = after.taken_at is not None and (before is None or before.taken_at is None)
    if first_taken and after.handoff and after.handoff.requested_at:
        assert after.taken_at is not None
        waited = max((after.taken_at - after.handoff.requested_at).total_seconds(), 0)
        found.append(Move(day, f"wait:{wait_bucket(waited)}", 1))
        found.append(Move(day, "wait_seconds", int(waited)))
        found.append(Move(day, "waited", 1))
    return found


def stats_key(day: date) -> str:
    return f"stats:{day.isoformat()}"


def add_moves(pipe: Any, found: Iterable[Move]) -> None:
    """Queue the moves on a Redis pipeline (inside the case's own transaction)."""
    for item in found:
        pipe.hincrby(stats_key(item.day), item.field, item.delta)
        pipe.expire(stats_key(item.day), KEEP_DAYS * 86400)


def day_counts(day: date, raw: dict[str, int]) -> dict[str, Any]:
    """One day's hash as the figures page reads it. Pure."""
    counts: dict[str, dict[str, int]] = {kind: {} for kind in KINDS}
    totals = {"conversations": 0, "wait_seconds": 0, "waited": 0}
    for key, value in raw.items():
        if key in totals:
            totals[key] = value
            continue
        kind, _, name = key.partition(":")
        if kind in counts and value > 0:
            counts[kind][name] = value
    return {"date": day.isoformat(), **counts, **totals}


class Stats:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def count(self, day: date, field: str) -> None:
        """One more of `field` on `day`: for what is not a change of a case (feedback)."""
        async with self._redis.pipeline(transaction=True) as pipe:
            add_moves(pipe, [Move(day, field, 1)])
            await pipe.execute()

    async def days(self, last: date, count: int) -> list[dict[str, Any]]:
        result = []
        for offset in range(count):
            day = last - timedelta(days=offset)
            raw: Any = await self._redis.hgetall(stats_key(day))
            values = {as_text(k): int(v) for k, v in raw.items()}
            result.append(day_counts(day, values))
        return result


# --- the figures page and its CSV: words, not codes ------------------------------------------
KIND_TITLES = {
    "route": "Per route",
    "wijk": "Per wijk",
    "outcome": "Per uitkomst",
    "channel": "Per kanaal",
    "wait": "Wachttijd tot een medewerker",
    "feedback": "Hoe ging het gesprek? (antwoorden van inwoners)",
    "feedback_asked": "Vraag 'Hoe ging het gesprek?' gesteld",
}
FEEDBACK_NAMES = {"goed": "Goed", "gaat_wel": "Gaat wel", "niet_goed": "Niet goed"}
KIND_WORDS = {
    "route": "route",
    "wijk": "wijk",
    "outcome": "uitkomst",
    "channel": "kanaal",
    "wait": "wachttijd",
    "feedback": "oordeel",
    "feedback_asked": "oordeel gevraagd",
}


def name_words(kind: str, name: str) -> str:
    if kind == "route":
        return ROUTE_NAMES.get(name, name)
    if kind == "outcome":
        return OUTCOMES.get(name, name)
    if kind in ("channel", "feedback_asked"):
        return CHANNEL_NAMES.get(name, name)
    if kind == "feedback":
        return FEEDBACK_NAMES.get(name, name)
    if kind == "wijk" and name == UNKNOWN_WIJK:
        return "Wijk niet bekend"
    return name


def _average_wait(seconds: int, waited: int) -> str | None:
    return waiting_words(seconds / waited) if waited else None


def figures(days: list[dict[str, Any]]) -> dict[str, Any]:
    """The counts of these days as the figures page shows them. Pure."""
    tables = []
    for kind, title in KIND_TITLES.items():
        totals: dict[str, int] = {}
        for day in days:
            for name, count in day[kind].items():
                totals[name] = totals.get(name, 0) + count
        if kind == "wait":
            names = [n for n in WAIT_NAMES if n in totals]
        else:
            names = sorted(totals, key=lambda n: (n == UNKNOWN_WIJK, -totals[n], n))
        rows = [{"name": name_words(kind, n), "count": totals[n]} for n in names]
        tables.append({"kind": kind, "title": title, "rows": rows})
    seconds = sum(d["wait_seconds"] for d in days)
    waited = sum(d["waited"] for d in days)
    per_day = [
        {
            "date": d["date"],
            "date_words": dutch_date(date.fromisoformat(d["date"])),
            "conversations": d["conversations"],
            "chat": d["channel"].get("chat", 0),
            "phone": d["channel"].get("phone", 0),
            "average_wait": _average_wait(d["wait_seconds"], d["waited"]),
        }
        for d in days
    ]
    return {
        "from": per_day[-1]["date_words"] if per_day else None,
        "to": per_day[0]["date_words"] if per_day else None,
        "conversations": sum(d["conversations"] for d in days),
        "average_wait": _average_wait(seconds, waited),
        "waited": waited,
        "tables": tables,
        "per_day": per_day,
    }


def csv_text(days: list[dict[str, Any]]) -> str:
    """The counts as CSV (semicolons, for Dutch spreadsheets): datum, soort, naam, aantal."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["datum", "dag", "soort", "naam", "aantal"])
    for day in sorted(days, key=lambda d: d["date"]):
        words = dutch_date(date.fromisoformat(day["date"]))
        writer.writerow([day["date"], words, "gesprekken", "alle gesprekken", day["conversations"]])
        for kind in KIND_TITLES:
            for name, count in sorted(day[kind].items()):
                writer.writerow(
                    [day["date"], words, KIND_WORDS[kind], name_words(kind, name), count]
                )
    return out.getvalue()
