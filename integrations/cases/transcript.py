"""The transcript as a person reads it. Pure, no I/O.

A click on a button reaches the gateway as its payload ("/deny"); staff see the words of the
button ("Nee"), never the payload. A payload the web chat sends by itself (the first "/greet")
was never said by the resident and is not shown as theirs.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# Payloads the web chat sends without a bot button: what the resident saw, or None when the
# resident did nothing (the chat opening).
FIXED_PAYLOADS: dict[str, str | None] = {
    "/greet": None,
    "/ask_person": "Praat met een medewerker",
}
LOOK_BACK = 10  # how many recent entries may hold the button that was clicked


def chosen_title(payload: str, recent: Sequence[Mapping[str, Any]]) -> str | None:
    """The words of the button with this payload, from the latest bot message offering it
    (`recent`: the transcript's last entries, oldest first)."""
    for entry in reversed(recent):
        if entry.get("sender") != "bot":
            continue
        titles = entry.get("buttons") or []
        payloads = entry.get("payloads") or []
        for title, offered in zip(titles, payloads, strict=False):
            if offered == payload:
                return str(title)
    if payload in FIXED_PAYLOADS:
        return FIXED_PAYLOADS[payload]
    return None


def _plain(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


# Courtesy around a button's words typed: "please call me" is the button "Call me".
_COURTESY = frozenset(
    {"please", "pls", "graag", "maar", "alstublieft", "alsjeblieft", "aub", "hoor", "dan", "ok",
     "oke", "okay", "yes", "ja", "wel", "just", "gewoon"}
)  # fmt: skip


def _core(said: str) -> str:
    words = said.split()
    while words and words[0] in _COURTESY:
        words.pop(0)
    while words and words[-1] in _COURTESY:
        words.pop()
    return " ".join(words)


def typed_choice(text: str, recent: Sequence[Mapping[str, Any]]) -> str | None:
    """The payload of a button the resident typed instead of clicking ("Ja, maak de afspraak"):
    a title of the assistant's last answer (`recent`, oldest first), said the same way, also
    with courtesy around it ("please call me", "bel mij maar")."""
    said = _plain(text)
    if not said:
        return None
    core = _core(said)
    for entry in reversed(recent):
        if entry.get("sender") == "resident" and entry.get("text") != text:
            return None  # only the buttons of the answer the resident is replying to
        if entry.get("sender") != "bot":
            continue
        titles = entry.get("buttons") or []
        payloads = entry.get("payloads") or []
        for title, payload in zip(titles, payloads, strict=False):
            title_said = _plain(str(title))
            if payload and (title_said == said or (core and _core(title_said) == core)):
                return str(payload)
    return None


def with_choice(entry: Mapping[str, Any], recent: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A resident's button click, with the words of the button the resident chose."""
    kept = dict(entry)
    payload = entry.get("payload")
    if entry.get("sender") == "resident" and isinstance(payload, str) and "chosen" not in kept:
        title = chosen_title(payload, recent)
        if title is not None:
            kept["chosen"] = title
        elif payload in FIXED_PAYLOADS:
            kept["automatic"] = True
    return kept


def shown_text(entry: Mapping[str, Any]) -> str | None:
    """What a staff member reads for one entry; None for what nobody said (the chat opening)."""
    if entry.get("text"):
        return str(entry["text"])
    if entry.get("sender") != "resident":
        return None
    if entry.get("chosen"):
        return f"[koos: {entry['chosen']}]"
    payload = entry.get("payload")
    if entry.get("automatic") or (payload in FIXED_PAYLOADS and FIXED_PAYLOADS[payload] is None):
        return None
    return "[koos een knop]" if payload else None


def typed_by_resident(transcript: Iterable[Mapping[str, Any]]) -> list[str]:
    """What the resident typed or said, in order (no button clicks)."""
    return [
        str(e["text"])
        for e in transcript
        if e.get("sender") == "resident" and e.get("text") and not str(e["text"]).startswith("/")
    ]


def readable(transcript: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The transcript for staff: every entry with `shown` (its words), the ones nobody said
    left out."""
    lines = []
    for entry in transcript:
        shown = shown_text(entry)
        if shown is not None:
            lines.append({**entry, "shown": shown})
    return lines
