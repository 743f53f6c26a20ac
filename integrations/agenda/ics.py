"""Calendar files (iCalendar): the resident's download, and the event in a team's agenda. Pure.

Times are written in UTC, which every calendar program reads the same way."""

from datetime import UTC, datetime

from icalendar import Calendar, Event

from integrations.agenda.booking import Booking
from integrations.agenda.registry import Team

PRODID = "-//Gemeente Assen//Toegang Assistent//NL"
UID_PREFIX = "toegang-"
BOOKING_PROPERTY = "X-TOEGANG-BOOKING"
RESIDENT_SUMMARY = {
    "office": "Afspraak met {team}",
    "home": "{team} komt bij u thuis",
    "phone": "{team} belt u op",
}
# In the professional's agenda: what kind, never where the resident lives (that is in the case).
AGENDA_SUMMARY = {
    "office": "Kennismaking (via Toegang Assistent)",
    "home": "Huisbezoek (via Toegang Assistent)",
    "phone": "Telefonisch gesprek (via Toegang Assistent)",
}


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    return calendar


def event_uid(slot_id: str) -> str:
    """One UID per slot: the agenda server refuses a second event with it (no double booking)."""
    return UID_PREFIX + slot_id.replace(".", "-")


def resident_ics(booking: Booking, team: Team, remark: str) -> bytes:
    """The file a resident puts in their own agenda: time, place, the team's phone number."""
    event = Event()
    event.add("uid", f"{booking.id}@toegang-assen")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", booking.start.astimezone(UTC))
    event.add("dtend", booking.end.astimezone(UTC))
    event.add("summary", RESIDENT_SUMMARY[booking.kind].format(team=team.name))
    if booking.kind == "office":
        event.add("location", team.address)
    event.add("description", remark)
    calendar = _calendar()
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def agenda_event(booking: Booking, team: Team) -> str:
    """The event in the professional's agenda. No personal data: only the booking id,
    which leads staff to the case."""
    event = Event()
    event.add("uid", event_uid(booking.slot_id))
    event.add("dtstamp", booking.created_at.astimezone(UTC))
    event.add("dtstart", booking.start.astimezone(UTC))
    event.add("dtend", booking.end.astimezone(UTC))
    event.add("summary", AGENDA_SUMMARY[booking.kind])
    if booking.kind == "office":
        event.add("location", team.address)
    event.add(BOOKING_PROPERTY, booking.id)
    calendar = _calendar()
    calendar.add_component(event)
    return bytes(calendar.to_ical()).decode()
