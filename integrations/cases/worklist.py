"""The aanmeldteam's work list: one row per case, the views (the queue, my cases, taken by
others, closed, all), filters by route, urgency, channel and wijk, and search. Pure, no I/O.

A row says what a staff member needs to choose the next case: how long the resident waits
(not a clock time), the channel, the route in words, the wijk, one line of what is needed,
whether there is a number to call, and who holds the case.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from integrations.cases.facts import PhoneNumber, is_small_talk, plain
from integrations.cases.labels import (
    CHANNEL_NAMES,
    HANDOFF_KINDS,
    OUTCOMES,
    ROUTE_REASONS,
    SIGNALS,
    TOPICS,
    URGENCY_SHORT,
    handoff_reason,
    route_name,
    waiting_words,
)
from integrations.cases.record import NOT_GIVEN, URGENCY_RANK, Case, holder, is_safety_case
from integrations.cases.summary import (
    SAFETY_KINDS,
    disclosure_words,
    expects_call,
    own_words,
    quoted,
    worry_words,
)

NEED_LINE_CHARS = 110


def shorten(text: str, limit: int = NEED_LINE_CHARS) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def need_line(case: Case) -> str:
    """One line of what is needed, for the queue: the disclosure first, else the question."""
    disclosed = disclosure_words(case)
    kinds = [s.kind for s in case.safety_signals if s.kind in SAFETY_KINDS]
    if kinds:
        said = f": {quoted(disclosed[0])}" if disclosed else ""
        line = SIGNALS[kinds[0]].capitalize() + said
        if case.children_named:
            line += " (kind genoemd)"
        return shorten(line)
    topic = (TOPICS.get(case.topic or "") if case.topic != "person" else None) or next(
        (
            case.intake[s]
            for s in ("help_needed", "aid_needed")
            if case.intake.get(s, NOT_GIVEN) != NOT_GIVEN
        ),
        None,
    )
    words = next((w for w in case.resident_words if not is_small_talk(w)), None)
    worries = worry_words(case)
    if worries and not words:
        words = worries[0]
    if topic and words:
        return shorten(f"{topic.capitalize()}: {quoted(words)}")
    if words:
        return shorten(quoted(words))
    if topic:
        return shorten(topic.capitalize())
    if case.route:
        return ROUTE_REASONS[case.route].capitalize()
    return "Nog niet bekend wat de inwoner nodig heeft."


View = Literal["wachtrij", "mijn", "overgenomen", "afgerond", "alle"]
VIEWS: dict[str, str] = {
    "wachtrij": "Wachtrij",
    "mijn": "Mijn gesprekken",
    "overgenomen": "Overgenomen",
    "afgerond": "Afgerond",
    "alle": "Alle gesprekken",
}
STATUS_WORDS = {
    "wachtrij": "Wacht op een medewerker",
    "overgenomen": "Overgenomen door {who}",
    "afgerond": "Afgerond",
    "assistent": "Bij de assistent",
}


@dataclass(frozen=True)
class Filters:
    route: str | None = None
    urgency: str | None = None
    channel: str | None = None
    wijk: str | None = None
    q: str | None = None

    @classmethod
    def of(cls, params: Mapping[str, str | None]) -> "Filters":
        def value(name: str) -> str | None:
            given = (params.get(name) or "").strip()
            return given[:100] or None

        return cls(value("route"), value("urgency"), value("channel"), value("wijk"), value("q"))


def _seconds(since: str | datetime | None, now: datetime) -> int | None:
    if since is None or since == "":
        return None
    moment = datetime.fromisoformat(since) if isinstance(since, str) else since
    return max(int((now - moment).total_seconds()), 0)


def status_of(case: Case, queued: bool) -> str:
    if case.closed_at is not None:
        return "afgerond"
    if holder(case) is not None:
        return "overgenomen"
    return "wachtrij" if queued else "assistent"


def row(case: Case, entry: Mapping[str, Any] | None, now: datetime) -> dict[str, Any]:
    """One case as a row of the work list; `entry` is its open handoff in the queue, if any."""
    status = status_of(case, entry is not None)
    phones = case.contact.phones
    first = PhoneNumber(phones[0].number) if phones else None
    requested = entry.get("requested_at") if entry else None
    waiting = _seconds(requested, now) if entry else None
    updated = _seconds(case.updated_at, now) or 0
    urgency = str(entry["urgency"]) if entry else case.urgency
    kind = str(entry.get("kind") or "overdracht") if entry else None
    reason = (
        str(entry.get("reason") or "") if entry else (case.handoff.reason if case.handoff else "")
    )
    need = need_line(case)
    return {
        "session_id": case.session_id,
        "entry_id": entry.get("entry_id") if entry else None,
        "delivered_to": entry.get("delivered_to") if entry else None,
        "requested_at": requested,
        "urgency": urgency,
        "urgency_words": URGENCY_SHORT[urgency],
        "kind": kind,
        "kind_words": HANDOFF_KINDS.get(kind or "", ""),
        "reason": reason,
        "reason_words": handoff_reason(reason) if reason else "",
        "channel": case.channel,
        "channel_words": CHANNEL_NAMES[case.channel],
        "route": case.route,
        "route_words": route_name(case.route),
        "wijk": case.wijk if case.wijk and case.wijk != "onbekend" else None,
        "buurtteam": case.buurtteam,
        "need": need,
        "summary": need,
        "safety": is_safety_case(case),
        "phone": first.shown if first else None,
        "phone_href": first.href if first else None,
        "no_number": first is None and expects_call(case),
        "waiting_seconds": waiting,
        "waiting": waiting_words(waiting) if waiting is not None else None,
        "updated": waiting_words(updated),
        "updated_seconds": updated,
        "status": status,
        "status_words": STATUS_WORDS[status].format(who=case.taken_by or ""),
        "taken_by": holder(case),
        "closed_by": case.closed_by if case.closed_at else None,
        "outcome": case.outcome if case.closed_at else None,
        "outcome_words": OUTCOMES.get(case.outcome or "") if case.closed_at else None,
        "closed_at": case.closed_at.isoformat() if case.closed_at else None,
        "search_text": search_text(case, need),
    }


def search_text(case: Case, need: str) -> str:
    """What a search looks through: the words of the case, the wijk, numbers, the id."""
    parts = [
        need,
        *own_words(case, []),
        *case.intake.values(),
        *(s.words or "" for s in case.safety_signals if s.words and not s.words.startswith("/")),
        case.wijk or "",
        case.buurtteam or "",
        route_name(case.route),
        case.taken_by or "",
        case.closed_by or "",
        case.session_id,
        *(p.number for p in case.contact.phones),
    ]
    return plain(" ".join(parts))


def matches(item: Mapping[str, Any], filters: Filters) -> bool:
    if filters.route and item["route"] != filters.route:
        return False
    if filters.urgency and item["urgency"] != filters.urgency:
        return False
    if filters.channel and item["channel"] != filters.channel:
        return False
    if filters.wijk and plain(item["wijk"] or "onbekend") != plain(filters.wijk):
        return False
    if filters.q:
        haystack = item["search_text"]
        words = plain(filters.q).split()
        digits = "".join(ch for ch in filters.q if ch.isdigit())
        found = bool(words) and all(word in haystack for word in words)
        if not found and not (len(digits) >= 4 and digits in haystack):
            return False
    return True


def in_view(item: Mapping[str, Any], view: str, user: str) -> bool:
    status: str = item["status"]
    if view == "wachtrij":
        return status == "wachtrij"
    if view == "mijn":
        return status == "overgenomen" and bool(item["taken_by"] == user)
    if view == "overgenomen":
        return status == "overgenomen"
    if view == "afgerond":
        return status == "afgerond"
    return True


def ordered(rows: list[dict[str, Any]], view: str) -> list[dict[str, Any]]:
    """The queue: most urgent first, then who waits longest. Closed: the latest first.
    Else: most urgent first, then the latest change."""
    if view == "wachtrij":
        return rows  # the queue's own order: by urgency, then oldest first
    if view == "afgerond":
        return sorted(rows, key=lambda r: r["closed_at"] or "", reverse=True)
    return sorted(rows, key=lambda r: (-URGENCY_RANK[r["urgency"]], r["updated_seconds"]))


def counted(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """How many rows, and how many of each urgency."""
    counts = {"totaal": 0, "acuut": 0, "hoog": 0, "normaal": 0}
    for item in rows:
        counts["totaal"] += 1
        counts[item["urgency"]] += 1
    return counts


def choices(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[dict[str, str]]]:
    """The values the filters offer: the wijken present in the rows."""
    wijken = sorted({item["wijk"] for item in rows if item["wijk"]})
    return {"wijk": [{"value": w, "title": w} for w in wijken]}
