"""The gateway's client of Rasa (integrations/chat/rasa_client.py): leaving a form after a
disclosure, against a Rasa at its HTTP boundary (a recording server)."""

import asyncio
import json
from pathlib import Path

import httpx
import yaml

from integrations.chat.rasa_client import FORM_SLOTS, RasaClient
from tests.recorder import recording_server

DOMAIN = Path(__file__).parents[3] / "bot" / "domain"


def domain_slots() -> tuple[set[str], set[str]]:
    """All slots of the domain, and the ones the forms ask."""
    slots: set[str] = set()
    asked: set[str] = set()
    for path in DOMAIN.glob("*.yml"):
        part = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        slots |= set(part.get("slots") or {})
        for form in (part.get("forms") or {}).values():
            asked |= set(form.get("required_slots") or [])
    return slots, asked


def test_the_answers_forgotten_with_a_form_are_the_domains_form_answers() -> None:
    slots, asked = domain_slots()
    assert set(FORM_SLOTS) <= slots
    assert asked <= set(FORM_SLOTS)


def test_leaving_a_form_forgets_its_answers() -> None:
    """Held as a resident on 7 December: after 113 in the middle of a booking, "ik ben zo moe"
    started the buurtteam form again with its old answers, and the times came back."""
    with recording_server() as rasa:

        async def leave() -> None:
            async with httpx.AsyncClient() as http:
                await RasaClient(http, [rasa.url], timeout_seconds=5, token="t").leave_form("s1")

        asyncio.run(leave())
    (request,) = rasa.requests
    assert request.path.startswith("/conversations/s1/tracker/events")
    events = json.loads(request.body)
    assert events[0] == {"event": "active_loop", "name": None}
    cleared = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert cleared["appointment_step"] is None and cleared["next_step"] is None
    assert cleared["requested_slot"] is None and cleared["answer_tries"] == 0
