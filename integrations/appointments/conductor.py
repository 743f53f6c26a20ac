"""The appointment dialogue run against the agenda, the codes and the case (owner of
`appointments:dialogue:{session}`, which expires with the conversation).

Three entries, each one call of a thin action:
- `start`: the resident said something about an appointment (book, ask, move, cancel), in
  any words, as the first message, after another flow, or after "ja" to "Wilt u een afspraak
  met het buurtteam?". Everything the words already say (the wijk, a wish for a time, a home
  visit) is taken, and not asked again.
- `answer`: the answer to the open question, read in its context (reading.py): a question in
  between is answered and the open question stays; a correction of the wijk, a wish or another
  kind of appointment is taken at any question; only a clear yes cancels.
- `question`: the open question (with the times offered, where that is the question).
"""

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import structlog
from redis.asyncio import Redis

from integrations.agenda.booking import KIND_WORDS, Booking, ics_path, professional_name
from integrations.agenda.choice import Choice
from integrations.agenda.clock import seconds_until
from integrations.agenda.places import read_address, read_street
from integrations.agenda.registry import Team
from integrations.agenda.service import BookingService
from integrations.agenda.sms import SmsSender, e164
from integrations.agenda.wishes import DayWish
from integrations.appointments import questions as q
from integrations.appointments.codes import Codes
from integrations.appointments.reading import (
    Kind,
    Question,
    asks_to_book,
    calls_off,
    clear_yes,
    digits_in,
    dont_know,
    dutch_phone_number,
    elsewhere,
    for_someone_else,
    gives_up,
    house_number_in,
    kind_in,
    mentions_living,
    mobile_number,
    names_booking,
    no_code,
    not_in_assen,
    purpose_of,
    question_in,
    wants_appointment,
    words_of,
    yes_or_no,
)
from integrations.appointments.state import (
    MAX_CODE_TRIES,
    MAX_UNCLEAR,
    Channel,
    Dialogue,
    Outcome,
    Say,
)
from integrations.appointments.times import read_time_answer
from integrations.appointments.wishes import any_time, describe, merge, read_wish
from integrations.cases.facts import PhoneNumber

log = structlog.get_logger(__name__)

KEY_PREFIX = "appointments:dialogue:"
MAX_ADDRESS_CHARS = 100
DEFAULT_MINUTES = 45
# Questions anyone may ask before having an appointment.
GENERAL_QUESTIONS = ("what", "bring", "companion", "cost", "why", "buurtteam", "open")
# Steps where a number is the answer: a correction of the wijk is not looked for there.
# An appointment code said in a sentence: six digits on their own.
_CODE = re.compile(r"(?<![\d-])\d{6}(?![\d-])")
NUMBER_STEPS = ("call_number", "callback", "detail", "sms_number", "code", "code_detail")
# Steps where the resident can still change where, when and how.
CHOOSING_STEPS = ("kind", "time", "time_wish", "confirm", "no_times")
# Steps before a booking, where "laat maar" means no appointment.
BEFORE_BOOKING = ("place", "outside", "kind", "home_address", "call_number", *CHOOSING_STEPS)

CaseUpdate = Callable[[str, dict[str, Any]], Awaitable[None]]
RenderSms = Callable[[str, dict[str, str]], Awaitable[str]]
Count = Callable[[str], None]


def sms_note(number: str, sent: bool) -> dict[str, Any]:
    """What the case keeps of the confirmation by SMS: where it went, and whether it went.
    The number is the resident's mobile number (a call link for staff)."""
    shown = PhoneNumber(number).shown
    said = f"verstuurd naar {shown}" if sent else f"niet gelukt (naar {shown})"
    return {"intake": {"sms": said}, "contact": {"phone": number, "phone_source": "vraag"}}


@dataclass
class Turn:
    """What the resident hears now, and whether the dialogue goes on."""

    says: list[Say] = field(default_factory=list)
    outcome: Outcome | None = None

    @property
    def open(self) -> bool:
        return self.outcome is None

    def as_json(self) -> dict[str, Any]:
        return {
            "say": [s.as_json() for s in self.says],
            "open": self.open,
            "outcome": self.outcome,
        }


class Conductor:
    def __init__(
        self,
        redis: Redis,
        service: BookingService,
        codes: Codes,
        sms: SmsSender | None,
        render_sms: RenderSms,
        update_case: CaseUpdate,
        ttl_seconds: int,
        count: Count = lambda _result: None,
    ) -> None:
        self._redis = redis
        self._service = service
        self._codes = codes
        self._sms = sms
        self._render_sms = render_sms
        self._update_case = update_case
        self._ttl = ttl_seconds
        self._count = count

    # State ------------------------------------------------------------------------------------

    async def _load(self, session_id: str) -> Dialogue:
        raw = await self._redis.get(KEY_PREFIX + session_id)
        return Dialogue.model_validate_json(raw) if raw else Dialogue()

    async def _save(self, session_id: str, dialogue: Dialogue) -> None:
        await self._redis.set(KEY_PREFIX + session_id, dialogue.model_dump_json(), ex=self._ttl)

    async def erase(self, session_id: str) -> None:
        await self._redis.delete(KEY_PREFIX + session_id)

    # The three entries ------------------------------------------------------------------------

    async def start(self, session_id: str, intent: str | None, text: str, channel: Channel) -> Turn:
        before = await self._load(session_id)
        d = Dialogue(channel=channel, house_number=before.house_number)
        says: list[Say] = []
        purpose = purpose_of(text, intent)
        if elsewhere(text) and purpose == "book":
            return await self._finish(
                session_id, d, [Say("utter_appointment_elsewhere")], "afgehandeld"
            )
        booking = await self._service.booking_of(session_id)
        asked = question_in(text)
        if purpose == "ask" and booking is None and asked in GENERAL_QUESTIONS:
            # "wat gebeurt er bij zo'n afspraak?": an answer for anyone, no appointment needed;
            # "ik wil een afspraak, wat kost dat?": the answer, and on to the booking.
            says += await self._answer(session_id, d, asked, None)
            if not asks_to_book(text):
                return await self._finish(session_id, d, says, "afgehandeld")
            purpose = "book"
        if purpose in ("ask", "move") and booking is None and self._unfinished(before):
            # "maak gewoon die afspraak" after an interruption (a disclosure, a question): the
            # booking this conversation began goes on where it stopped.
            d = before.model_copy(update={"channel": channel})
            return await self._next(session_id, d, says)
        if purpose in ("ask", "move", "cancel") and booking is None:
            # Made in another conversation: found again with its code and house number.
            d = d.model_copy(update={"purpose": purpose, "question": asked})
            if purpose == "move":
                await self._want(session_id, read_wish(text, self._today()), None)
            code = _CODE.search(text)
            if code is not None:
                # "verzetten, de code is 427646 en ik woon op nummer 14": not asked again (it
                # was "Heeft u de code van uw afspraak?", then "Ik hoorde geen code").
                d = d.model_copy(update={"code": code.group()}).at("code_detail")
                rest = text[: code.start()] + " " + text[code.end() :]
                if house_number_in(rest) is not None:
                    return await self._at_code_detail(session_id, d, rest, says)
                await self._save(session_id, d)
                return Turn(says)
            await self._save(session_id, d.at("code"))
            return Turn(says)
        if purpose == "ask" and booking is not None:
            says += await self._answer(session_id, d, asked or "repeat", booking)
            return await self._finish(session_id, d, says, "afgehandeld")
        if purpose == "cancel" and booking is not None:
            await self._save(session_id, d.model_copy(update={"purpose": "cancel"}).at("cancel"))
            return Turn(says)
        if booking is not None:
            # "verzetten", or a new appointment while one is booked: a new time for it.
            if purpose == "book":
                says.append(Say("utter_already_booked", await self._values(booking, d)))
            return await self._move(session_id, d, text, says)
        await self._update_case(session_id, {"route": "buurtteam"})
        return await self._book(session_id, d, text, says)

    @staticmethod
    def _unfinished(before: Dialogue) -> bool:
        return before.open and before.purpose == "book" and before.step in BEFORE_BOOKING

    async def answer(self, session_id: str, text: str, channel: Channel) -> Turn:
        d = (await self._load(session_id)).model_copy(update={"channel": channel})
        if not d.open:
            return await self.start(session_id, None, text, channel)
        says: list[Say] = []
        handled = await self._in_between(session_id, d, text, says)
        if handled is not None:
            return handled
        step = getattr(self, f"_at_{d.step}")
        turn: Turn = await step(session_id, d, text, says)
        return turn

    async def question(self, session_id: str, channel: Channel) -> Turn:
        """The open question. For the times: offered now (offering holds nothing)."""
        d = (await self._load(session_id)).model_copy(update={"channel": channel})
        agenda = await self._service.dialog(session_id)
        team = self._service.registry.team(agenda.team_id or "")
        if d.step == "place":
            return Turn(q.place_question(d))
        if d.step == "outside":
            return Turn([Say("utter_ask_wijk_outside")])
        if d.step == "kind" and team is not None:
            return Turn(q.kind_question(team.kinds))
        if d.step == "time":
            return await self._offer(session_id, d)
        if d.step == "confirm" and team is not None:
            chosen = next((o for o in agenda.offered if o.slot_id == agenda.chosen), None)
            if chosen is not None:
                kind = d.kind or "office"
                return Turn(q.confirm_question(chosen.when, kind, team.name, d.moving))
            await self._save(session_id, d.at("time"))
            return await self._offer(session_id, d.at("time"))
        if d.step == "cancel":
            booking = await self._service.booking_of(session_id)
            if booking is not None:
                return Turn([Say("utter_ask_cancel", await self._values(booking, d))])
        simple = {
            "home_address": "utter_ask_home_address",
            "call_number": "utter_ask_call_number",
            "time_wish": "utter_ask_time_wish",
            "no_times": "utter_no_slots",
            "callback": "utter_ask_callback_number",
            "repeat": "utter_ask_repeat_appointment",
            "detail": "utter_ask_detail",
            "sms": "utter_ask_sms_wanted",
            "sms_number": "utter_ask_sms_number",
            "code": "utter_ask_code",
            "code_detail": "utter_ask_code_detail",
        }
        if d.step in simple:
            return Turn([Say(simple[d.step])])
        return Turn([], d.outcome or "afgehandeld")

    # Booking ----------------------------------------------------------------------------------

    async def _book(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        """A new appointment: take what the words already say, then ask what is missing."""
        agenda = await self._service.dialog(session_id)
        kind = kind_in(text)
        d = d.model_copy(update={"purpose": "book", "kind": kind})
        if agenda.team_id is None or self._names_place(text):
            found = await self._service.place(session_id, text)
            if found.status == "found":
                says.append(Say("utter_wijk_found", _found_values(found)))
                d = self._remember_address(d, found.street, found.house_number, kind)
            elif found.status in ("need_postcode", "need_house_number"):
                asked = "postcode" if found.status == "need_postcode" else "house_number"
                d = d.model_copy(update={"place_question": asked})
            elif found.status == "outside":
                says.append(Say("utter_outside_assen"))
                await self._want(session_id, read_wish(text, self._today()), kind or "office")
                await self._save(session_id, d.at("outside"))
                return Turn(says)
        else:
            team = self._service.registry.team(agenda.team_id)
            if team is not None:
                values = {"wijk": agenda.wijk or team.wijken[0], "team_name": team.name}
                says.append(Say("utter_wijk_found", values))
        # A new appointment starts at the buurtteam unless the words say otherwise.
        await self._want(session_id, read_wish(text, self._today()), kind or "office")
        return await self._next(session_id, d.at("place"), says)

    async def _next(self, session_id: str, d: Dialogue, says: list[Say]) -> Turn:
        """On to the first thing still missing: the wijk, what a home visit or a call needs,
        then the times."""
        agenda = await self._service.dialog(session_id)
        team = self._service.registry.team(agenda.team_id or "")
        if team is None:
            await self._save(session_id, d.at("place"))
            return Turn(says)
        if d.kind is not None and not team.offers(d.kind):
            says.append(q.not_offered(d.kind, team.name))
            d = d.model_copy(update={"kind": None})
            await self._want(session_id, self._wish(agenda), "office", agenda.wish_words)
            if len(team.kinds) > 1:
                await self._save(session_id, d.at("kind"))
                return Turn(says)
        if d.kind == "home" and not d.home_address:
            await self._save(session_id, d.at("home_address"))
            return Turn(says)
        if d.kind == "phone" and not d.call_number:
            await self._save(session_id, d.at("call_number"))
            return Turn(says)
        await self._save(session_id, d.at("time"))
        return Turn(says)

    async def _offer(self, session_id: str, d: Dialogue) -> Turn:
        offered = await self._service.offers(session_id)
        agenda = await self._service.dialog(session_id)
        team = self._service.registry.team(agenda.team_id or "")
        if offered.status == "no_team" or team is None:
            await self._save(session_id, d.at("place"))
            return Turn(q.place_question(d.model_copy(update={"place_question": "wijk"})))
        says: list[Say] = []
        if offered.wish_unmet:
            says.append(Say("utter_wish_unmet"))
        if offered.status == "none_left":
            await self._save(session_id, d.at("no_times"))
            return Turn([*says, Say("utter_no_slots")])
        whens = [o.when for o in offered.offers]
        says += q.offer_says(agenda.kind, team.name, whens, offered.spoken, team.kinds)
        return Turn(says)

    async def _move(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        """Another time for a booked appointment: the old one stays until the new one is
        confirmed with a yes."""
        agenda = await self._service.dialog(session_id)
        d = d.model_copy(update={"purpose": "move", "moving": True, "kind": agenda.kind})
        wish = read_wish(text, self._today())
        await self._want(session_id, wish, kind_in(text))
        says.append(Say("utter_change_appointment"))
        if not wish.empty:
            says.append(Say("utter_wish_heard", {"wish_text": describe(wish)}))
        return await self._next(session_id, d, says)

    # Anything the resident may say at any question ------------------------------------------

    async def _in_between(
        self, session_id: str, d: Dialogue, text: str, says: list[Say]
    ) -> Turn | None:
        """A question about the appointment, a change of mind, a correction of the wijk, a
        wish or another kind: taken at any question where it can be meant so."""
        booking = await self._service.booking_of(session_id)
        asked = question_in(text)
        if asked == "why" and d.step in q.WHY:
            # "waarom wilt u dat weten?": why this is asked, then the question again.
            says.append(Say(q.WHY[d.step]))
            await self._save(session_id, d)
            return Turn(says)
        kind = kind_in(text) if d.step in CHOOSING_STEPS else None
        answerable = booking is not None or asked not in ("when", "repeat") or d.step == "place"
        # At a question for a number, words without a digit that ask something are a
        # question ("hoe laat was mijn afspraak ook alweer?"), answered before the number.
        number_given = d.step in NUMBER_STEPS and (
            digits_in(text) != "" or d.step not in ("detail", "code_detail")
        )
        # "hebben jullie ook iets op woensdagmiddag? dan is hij bij zijn vader": a wish for a
        # time, not a question about who may come along.
        wished = (
            asked is not None
            and d.step in CHOOSING_STEPS
            and not read_wish(text, self._today()).empty
        )
        if asked is not None and kind is None and answerable and not number_given and not wished:
            says += await self._answer(session_id, d, asked, booking)
            await self._save(session_id, d)
            return Turn(says)
        if booking is not None and d.step not in ("cancel", "confirm", "code", "code_detail"):
            purpose = purpose_of(text, None)
            folded = words_of(text)
            if purpose == "cancel":
                await self._save(
                    session_id, d.model_copy(update={"purpose": "cancel"}).at("cancel")
                )
                return Turn(says)
            if purpose == "move" and (
                "afspraak" in folded or d.step in ("sms", "detail", "repeat")
            ):
                return await self._move(session_id, d, text, says)
        if d.step in BEFORE_BOOKING and (gives_up(text) or (booking is None and calls_off(text))):
            if d.moving and booking is not None:
                await self._service.reconsider(session_id)
                says.append(Say("utter_appointment_kept", await self._values(booking, d)))
                return await self._finish(session_id, d, says, "afgehandeld")
            return await self._finish(session_id, d, says, "geen afspraak")
        if d.step in CHOOSING_STEPS and self._names_place(text):
            return await self._new_place(session_id, d, text, says)
        if d.step in CHOOSING_STEPS and for_someone_else(text):
            # "nee wacht het is niet voor mij maar voor me zus": noted for the buurtteam, and
            # that person's wijk may be another; the open question comes again.
            await self._update_case(session_id, {"intake": {"help_for": " ".join(text.split())}})
            says.append(Say("utter_booking_for_other"))
            await self._save(session_id, d)
            return Turn(says)
        if kind is not None:
            return await self._new_kind(session_id, d, kind, text, says)
        return None

    async def _answer(
        self, session_id: str, d: Dialogue, asked: Question, booking: Booking | None
    ) -> list[Say]:
        """A question about the appointment is answered; nothing is changed by it."""
        facts = await self._facts(booking, d) if booking is not None else None
        agenda = await self._service.dialog(session_id)
        team = self._service.registry.team(agenda.team_id or "")
        if team is None:
            return q.answer(asked, facts, None, None, DEFAULT_MINUTES)
        return q.answer(asked, facts, team.name, team.address, team.appointment_minutes)

    def _names_place(self, text: str) -> bool:
        """Whether the words name where the resident lives ("nee ik woon in Assen-Oost",
        "9406", "Veenweg 12"), not just a word that looks like a place."""
        registry = self._service.registry
        postcode = read_address(text).postcode
        if postcode and (not registry.outside(postcode) or mentions_living(text)):
            return True
        named = registry.place_in(text).status == "found" or registry.street_in(text) is not None
        return named and (mentions_living(text) or len(words_of(text).split()) <= 3)

    async def _new_place(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        found = await self._service.place(session_id, text)
        if found.status == "found":
            says.append(Say("utter_wijk_found", _found_values(found)))
            d = self._remember_address(d, found.street, found.house_number, d.kind)
            await self._want_words(session_id, text)
            return await self._next(session_id, d.at("time"), says)
        if found.status == "outside":
            says.append(Say("utter_outside_assen"))
            await self._save(session_id, d.at("outside"))
            return Turn(says)
        place_question = "postcode" if found.status == "need_postcode" else "house_number"
        if found.status == "unknown":
            says.append(Say("utter_wijk_unknown"))
            place_question = "postcode"
        await self._save(
            session_id, d.model_copy(update={"place_question": place_question}).at("place")
        )
        return Turn(says)

    async def _new_kind(
        self, session_id: str, d: Dialogue, kind: Kind, text: str, says: list[Say]
    ) -> Turn:
        agenda = await self._service.dialog(session_id)
        team = self._service.registry.team(agenda.team_id or "")
        if team is not None and team.offers(kind):
            says.append(Say(f"utter_kind_chosen{q.BY_KIND[kind]}", {"team_name": team.name}))
            await self._want(session_id, self._merged(agenda, text), kind)
            if d.step == "confirm":
                await self._service.reconsider(session_id)
        return await self._next(session_id, d.model_copy(update={"kind": kind}), says)

    # Each question ----------------------------------------------------------------------------

    async def _at_place(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        if not_in_assen(text):
            return await self._finish(session_id, d, [Say("utter_not_in_assen")], "buiten Assen")
        found = await self._service.place(session_id, text)
        if found.status == "unknown" and dont_know(text):
            # "weet ik niet" (and no place in the words, "in kloosterven, de postcode weet ik
            # nie" has one): the postcode, the village or the street then.
            if d.place_question == "wijk":
                await self._save(session_id, d.model_copy(update={"place_question": "postcode"}))
                return Turn(says)
            # Neither the wijk nor the postcode or street: asking again does not help (held
            # on 7 December, the postcode question came four times). The buurtteam calls.
            return await self._place_unclear(
                session_id, d.model_copy(update={"tries": MAX_UNCLEAR}), says
            )
        willing = wants_appointment(text) or yes_or_no(text) is True
        if found.status == "unknown" and willing and not d.tries:
            # "oke doe dan maar een afspraak", "yes please": yes to booking, not a wijk; asked
            # again.
            await self._want_words(session_id, text, kind_in(text))
            await self._save(session_id, d.model_copy(update={"kind": kind_in(text) or d.kind}))
            return Turn(says)
        if found.status == "found":
            says.append(Say("utter_wijk_found", _found_values(found)))
            kind = kind_in(text) or d.kind
            d = self._remember_address(d, found.street, found.house_number, kind)
            await self._want_words(session_id, text, kind)
            return await self._next(session_id, d.model_copy(update={"kind": kind}), says)
        if found.status == "outside":
            says.append(Say("utter_outside_assen"))
            await self._save(session_id, d.at("outside"))
            return Turn(says)
        if found.status == "need_postcode":
            await self._save(session_id, d.model_copy(update={"place_question": "postcode"}))
            return Turn(says)
        if found.status == "need_house_number":
            await self._save(session_id, d.model_copy(update={"place_question": "house_number"}))
            return Turn(says)
        return await self._place_unclear(session_id, d, says)

    async def _place_unclear(self, session_id: str, d: Dialogue, says: list[Say]) -> Turn:
        if d.tries + 1 > MAX_UNCLEAR:
            says.append(Say("utter_booking_by_phone"))
            await self._save(session_id, d.at("callback"))
            return Turn(says)
        says.append(Say("utter_wijk_unknown"))
        await self._save(
            session_id, d.model_copy(update={"tries": d.tries + 1, "place_question": "postcode"})
        )
        return Turn(says)

    async def _at_outside(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        if not_in_assen(text) or yes_or_no(text) is False:
            return await self._finish(session_id, d, [Say("utter_not_in_assen")], "buiten Assen")
        return await self._at_place(session_id, d.at("place"), text, says)

    async def _at_kind(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        kind = kind_in(text)
        if kind is None and (dont_know(text) or d.tries + 1 > MAX_UNCLEAR):
            kind = "office"
        if kind is None:
            says.append(Say("utter_kind_unclear"))
            await self._save(session_id, d.model_copy(update={"tries": d.tries + 1}))
            return Turn(says)
        return await self._new_kind(session_id, d, kind, text, says)

    async def _at_home_address(
        self, session_id: str, d: Dialogue, text: str, says: list[Say]
    ) -> Turn:
        if yes_or_no(text) is False or dont_know(text):
            says.append(Say("utter_home_needs_address"))
            return await self._other_kind(session_id, d, says)
        number = house_number_in(text)
        named = self._service.registry.street_in(text) is not None or read_street(text) is not None
        if number is None or not (named or len(words_of(text).split()) >= 2):
            # "de tweede", "12": not an address yet; asked once more, then another kind.
            if d.tries < 1:
                says.append(Say("utter_home_address_unclear"))
                await self._save(session_id, d.model_copy(update={"tries": d.tries + 1}))
                return Turn(says)
            says.append(Say("utter_home_needs_address"))
            return await self._other_kind(session_id, d, says)
        found = await self._service.place(session_id, text)
        if found.status == "found" and found.changed:
            says.append(Say("utter_wijk_found", _found_values(found)))
        address = " ".join(text.split())[:MAX_ADDRESS_CHARS]
        d = d.model_copy(update={"home_address": address, "house_number": number or d.house_number})
        await self._update_case(session_id, {"intake": {"home_address": address}})
        return await self._next(session_id, d, says)

    async def _at_call_number(
        self, session_id: str, d: Dialogue, text: str, says: list[Say]
    ) -> Turn:
        number = dutch_phone_number(text)
        if number is not None:
            await self._update_case(session_id, {"intake": {"call_number": number}})
            return await self._next(session_id, d.model_copy(update={"call_number": number}), says)
        if any(ch.isdigit() for ch in text) and d.tries < 1:
            says.append(Say("utter_phone_invalid"))
            await self._save(session_id, d.model_copy(update={"tries": d.tries + 1}))
            return Turn(says)
        says.append(Say("utter_call_needs_number"))
        return await self._other_kind(session_id, d, says)

    async def _other_kind(self, session_id: str, d: Dialogue, says: list[Say]) -> Turn:
        """No address or number for the kind asked: the kinds the team offers."""
        agenda = await self._service.dialog(session_id)
        await self._want(session_id, self._wish(agenda), "office", agenda.wish_words)
        await self._save(session_id, d.model_copy(update={"kind": None}).at("kind"))
        return Turn(says)

    async def _at_time(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        agenda = await self._service.dialog(session_id)
        if words_of(text) == q.OTHER_KIND:
            await self._save(session_id, d.at("kind"))
            return Turn(says)
        choice = read_time_answer(text, agenda.offers(), agenda.none_left, self._today())
        if choice.kind == "chosen":
            picked = await self._service.choose(session_id, choice)
            if picked.kind == "chosen":
                await self._save(session_id, d.at("confirm"))
                return Turn(says)
            says.append(Say("utter_slot_taken"))
            await self._save(session_id, d)
            return Turn(says)
        if choice.kind == "wish" and choice.wish is not None:
            wish = merge(self._wish(agenda), choice.wish)
            await self._want(session_id, wish, None)
            says.append(Say("utter_wish_heard", {"wish_text": describe(wish)}))
            await self._save(session_id, d.at("time"))
            return Turn(says)
        if choice.kind == "declined":
            says.append(Say("utter_offer_declined"))
            await self._save(session_id, d.at("time_wish"))
            return Turn(says)
        if choice.kind == "more":
            await self._save(session_id, d.at("time_wish"))
            return Turn(says)
        if choice.kind == "give_up":
            return await self._finish(session_id, d, says, "geen afspraak")
        if choice.kind == "callback":
            says.append(Say("utter_booking_by_phone"))
            await self._save(session_id, d.at("callback"))
            return Turn(says)
        if d.tries + 1 > MAX_UNCLEAR:
            await self._save(session_id, d.at("time_wish"))
            return Turn(says)
        says.append(Say("utter_offer_unclear"))
        await self._save(session_id, d.model_copy(update={"tries": d.tries + 1}))
        return Turn(says)

    async def _at_time_wish(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        agenda = await self._service.dialog(session_id)
        if any_time(text):
            # "maakt niet uit": no wish, the times after the ones offered.
            await self._want(session_id, DayWish(), None, "")
            await self._service.choose(session_id, Choice("more"))
            return await self._next(session_id, d, says)
        wish = read_wish(text, self._today())
        if not wish.empty:
            merged = merge(self._wish(agenda), wish)
            await self._want(session_id, merged, None)
            says.append(Say("utter_wish_heard", {"wish_text": describe(merged)}))
            return await self._next(session_id, d, says)
        folded = words_of(text)
        later = dont_know(text) or any(w in folded.split() for w in ("later", "andere", "anders"))
        if later or d.tries + 1 > MAX_UNCLEAR:
            await self._service.choose(session_id, Choice("more"))
            return await self._next(session_id, d, says)
        says.append(Say("utter_time_wish_unclear"))
        await self._save(session_id, d.model_copy(update={"tries": d.tries + 1}))
        return Turn(says)

    async def _at_no_times(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        wish = read_wish(text, self._today())
        if not wish.empty:
            await self._want(session_id, wish, None)
            return await self._next(session_id, d, says)
        if yes_or_no(text) is True or "bel" in words_of(text).split():
            await self._save(session_id, d.at("callback"))
            return Turn(says)
        return await self._finish(session_id, d, says, "geen afspraak")

    async def _at_callback(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        number = dutch_phone_number(text)
        if number is None and any(ch.isdigit() for ch in text) and d.tries < 1:
            says.append(Say("utter_phone_invalid"))
            await self._save(session_id, d.model_copy(update={"tries": d.tries + 1}))
            return Turn(says)
        if number is None and self._names_place(text):
            # The wijk after all ("ik woon aan de Kerkstraat"): choosing a time together again.
            return await self._at_place(session_id, d.at("place"), text, says)
        if number is None:
            says.append(Say("utter_callback_without_number"))
            return await self._finish(session_id, d, says, "geen afspraak")
        await self._update_case(
            session_id, {"intake": {"contact_preference": "bellen", "phone_number": number}}
        )
        return await self._finish(session_id, d, says, "terugbellen")

    async def _at_confirm(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        answer = yes_or_no(text)
        wish = read_wish(text, self._today())
        agenda = await self._service.dialog(session_id)
        if answer is not True and (not wish.empty or "ander" in words_of(text)):
            await self._service.reconsider(session_id)
            if not wish.empty:
                merged = merge(self._wish(agenda), wish)
                await self._want(session_id, merged, None)
                says.append(Say("utter_wish_heard", {"wish_text": describe(merged)}))
                await self._save(session_id, d.at("time"))
            else:
                await self._save(session_id, d.at("time_wish"))
            return Turn(says)
        if answer is None:
            if d.tries + 1 > MAX_UNCLEAR:
                await self._service.reconsider(session_id)
                await self._save(session_id, d.at("time_wish"))
                return Turn(says)
            says.append(Say("utter_confirm_unclear"))
            await self._save(session_id, d.model_copy(update={"tries": d.tries + 1}))
            return Turn(says)
        if answer is False:
            await self._service.reconsider(session_id)
            await self._save(session_id, d.at("time_wish"))
            return Turn(says)
        previous = await self._service.booking_of(session_id)
        done = await self._service.confirm(session_id)
        if done.status in ("booked", "taken"):
            self._count(done.status)
        if done.status == "nothing_chosen" or done.booking is None:
            if done.status == "taken":
                says.append(Say("utter_slot_taken"))
            await self._save(session_id, d.at("time"))
            return Turn(says)
        return await self._booked(session_id, d, done.booking, previous, says)

    async def _booked(
        self,
        session_id: str,
        d: Dialogue,
        booking: Booking,
        previous: Booking | None,
        says: list[Say],
    ) -> Turn:
        facts = await self._facts(booking, d)
        moved = previous is not None
        says += q.booked_says(facts, moved)
        keep = self._keep_seconds(booking)
        code = await self._codes.move(previous.id, booking.id, keep) if previous else None
        intake = {"appointment": f"{facts.values()['appointment_when']} ({_kind_word(booking)})"}
        await self._update_case(session_id, {"intake": intake})
        d = d.model_copy(update={"moving": False, "purpose": "book"})
        if d.channel == "phone":
            await self._save(session_id, d.at("repeat"))
            return Turn(says)
        if moved and code is not None:
            says.append(Say("utter_code_stays", {"code": code}))
            return await self._sms_or_end(session_id, d, says)
        return await self._code_or_detail(session_id, d, booking, says)

    async def _code_or_detail(
        self, session_id: str, d: Dialogue, booking: Booking, says: list[Say]
    ) -> Turn:
        if await self._codes.code_of(booking.id) is not None:
            return await self._sms_or_end(session_id, d, says)
        if d.house_number is None:
            await self._save(session_id, d.at("detail"))
            return Turn(says)
        code = await self._codes.issue(booking.id, d.house_number, self._keep_seconds(booking))
        says += q.code_says(code, await self._facts(booking, d))
        return await self._sms_or_end(session_id, d, says)

    async def _sms_or_end(self, session_id: str, d: Dialogue, says: list[Say]) -> Turn:
        """An SMS is offered only when one can be sent."""
        if self._sms is not None:
            await self._save(session_id, d.at("sms"))
            return Turn(says)
        return await self._finish(session_id, d, says, "geboekt")

    async def _at_repeat(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        booking = await self._service.booking_of(session_id)
        if booking is None:
            return await self._finish(session_id, d, says, "afgehandeld")
        if yes_or_no(text) is True or "nog een keer" in words_of(text):
            says += q.repeat_says(await self._facts(booking, d))
        if await self._codes.code_of(booking.id) is not None:
            return await self._sms_or_end(session_id, d, says)
        return await self._code_or_detail(session_id, d, booking, says)

    async def _at_detail(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        booking = await self._service.booking_of(session_id)
        if booking is None:
            return await self._finish(session_id, d, says, "afgehandeld")
        number = house_number_in(text)
        if number is None and d.tries < 1 and yes_or_no(text) is None and not dont_know(text):
            says.append(Say("utter_detail_unclear"))
            await self._save(session_id, d.model_copy(update={"tries": d.tries + 1}))
            return Turn(says)
        if number is None:
            says.append(Say("utter_appointment_no_code", await self._values(booking, d)))
            return await self._sms_or_end(session_id, d, says)
        d = d.model_copy(update={"house_number": number})
        return await self._code_or_detail(session_id, d, booking, says)

    async def _at_sms(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        if yes_or_no(text) is True or mobile_number(text):
            if mobile_number(text):
                return await self._at_sms_number(session_id, d, text, says)
            await self._save(session_id, d.at("sms_number"))
            return Turn(says)
        return await self._finish(session_id, d, says, "geboekt")

    async def _at_sms_number(
        self, session_id: str, d: Dialogue, text: str, says: list[Say]
    ) -> Turn:
        number = mobile_number(text)
        if number is None:
            if any(ch.isdigit() for ch in text) and d.tries < 1:
                says.append(Say("utter_phone_invalid"))
                await self._save(session_id, d.model_copy(update={"tries": d.tries + 1}))
                return Turn(says)
            return await self._finish(session_id, d, says, "geboekt")
        booking = await self._service.booking_of(session_id)
        if booking is None:
            return await self._finish(session_id, d, says, "afgehandeld")
        facts = await self._facts(booking, d)
        sent = await self._send_sms(number, facts)
        await self._update_case(session_id, sms_note(number, sent))
        if sent:
            says.append(Say("utter_sms_sent"))
        else:
            # The resident hears it failed, and hears the appointment once more.
            says.append(Say("utter_sms_failed"))
            says += q.summary_says(facts)
        return await self._finish(session_id, d, says, "geboekt")

    async def _send_sms(self, number: str, facts: q.Facts) -> bool:
        if self._sms is None:
            return False
        text = await self._render_sms(
            f"utter_sms_appointment{q.BY_KIND[facts.kind]}", facts.values()
        )
        return await self._sms.send(e164(number), text)

    async def _at_cancel(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        booking = await self._service.booking_of(session_id)
        if booking is None:
            return await self._finish(session_id, d, says, "afgehandeld")
        values = await self._values(booking, d)
        if clear_yes(text):
            cancelled = await self._service.cancel(session_id)
            if cancelled is not None:
                await self._codes.drop(cancelled.id)
                says.append(Say("utter_appointment_cancelled", values))
                intake = {"appointment": f"afgezegd (was {values['appointment_when']})"}
                await self._update_case(session_id, {"intake": intake})
                if cancelled.session_id not in ("", session_id):
                    await self._update_case(cancelled.session_id, {"intake": intake})
            return await self._finish(session_id, d, says, "afgehandeld")
        if purpose_of(text, None) == "move" and yes_or_no(text) is not True:
            return await self._move(session_id, d, text, says)
        if yes_or_no(text) is not False and d.tries < 1:
            # "ja maar ...", "hmm": not a clear yes, so asked once more.
            says.append(Say("utter_cancel_unclear"))
            await self._save(session_id, d.model_copy(update={"tries": d.tries + 1}))
            return Turn(says)
        # Anything but a clear yes: nothing changes.
        says.append(Say("utter_appointment_kept", values))
        return await self._finish(session_id, d, says, "afgehandeld")

    async def _at_code(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        digits = digits_in(text)
        if len(digits) == 6:
            await self._save(session_id, d.model_copy(update={"code": digits}).at("code_detail"))
            return Turn(says)
        if names_booking(text) and purpose_of(text, None) == "book" and not digits:
            # "ik wil een nieuwe afspraak"; "geen code" or "kwijt" is no wish to book.
            return await self._book(session_id, d, text, says)
        if no_code(text) or yes_or_no(text) is False or d.tries + 1 > MAX_UNCLEAR:
            says.append(Say("utter_no_code"))
            return await self._finish(session_id, d, says, "afgehandeld")
        says.append(Say("utter_code_wrong_length" if digits else "utter_code_unclear"))
        await self._save(session_id, d.model_copy(update={"tries": d.tries + 1}))
        return Turn(says)

    async def _at_code_detail(
        self, session_id: str, d: Dialogue, text: str, says: list[Say]
    ) -> Turn:
        number = house_number_in(text)
        if number is None:
            if no_code(text) or yes_or_no(text) is False or d.tries + 1 > MAX_UNCLEAR:
                says.append(Say("utter_no_code"))
                return await self._finish(session_id, d, says, "afgehandeld")
            says.append(Say("utter_detail_unclear"))
            await self._save(session_id, d.model_copy(update={"tries": d.tries + 1}))
            return Turn(says)
        address = await self._service.address_of(session_id)
        booking_id = await self._codes.find(d.code or "", number, address)
        booking = await self._service.booking(booking_id) if booking_id else None
        if booking is None:
            tries = d.code_tries + 1
            log.info("appointments.code_not_found", tries=tries)
            if tries >= MAX_CODE_TRIES:
                says.append(Say("utter_code_given_up"))
                return await self._finish(session_id, d, says, "afgehandeld")
            says.append(Say("utter_code_not_found"))
            await self._save(session_id, d.model_copy(update={"code_tries": tries}).at("code"))
            return Turn(says)
        await self._service.attach(session_id, booking)
        d = d.model_copy(update={"house_number": number, "code": None})
        values = await self._values(booking, d)
        says.append(Say("utter_appointment_found", values))
        if d.purpose == "cancel":
            await self._save(session_id, d.at("cancel"))
            return Turn(says)
        if d.purpose == "move":
            return await self._move(session_id, d, "", says)
        says += await self._answer(session_id, d, d.question or "repeat", booking)
        return await self._finish(session_id, d, says, "afgehandeld")

    async def _at_done(self, session_id: str, d: Dialogue, text: str, says: list[Say]) -> Turn:
        return await self.start(session_id, None, text, d.channel)

    # Helpers ----------------------------------------------------------------------------------

    async def _finish(
        self, session_id: str, d: Dialogue, says: list[Say], outcome: Outcome
    ) -> Turn:
        await self._save(session_id, d.end(outcome))
        return Turn(says, outcome)

    def _today(self) -> Any:
        return self._service.now().date()

    def _wish(self, agenda: Any) -> DayWish:
        return agenda.wish.as_wish() if agenda.wish is not None else DayWish()

    def _merged(self, agenda: Any, text: str) -> DayWish:
        return merge(self._wish(agenda), read_wish(text, self._today()))

    async def _want(
        self, session_id: str, wish: DayWish, kind: Kind | None, words: str | None = None
    ) -> None:
        await self._service.want(session_id, wish, describe(wish) if words is None else words, kind)

    async def _want_words(self, session_id: str, text: str, kind: Kind | None = None) -> None:
        """A wish said along with the place ("Marsdijk, liefst 's middags") is kept."""
        wish = read_wish(text, self._today())
        if not wish.empty or kind is not None:
            agenda = await self._service.dialog(session_id)
            await self._want(session_id, merge(self._wish(agenda), wish), kind)

    def _remember_address(
        self, d: Dialogue, street: str | None, house_number: int | None, kind: Kind | None
    ) -> Dialogue:
        update: dict[str, Any] = {}
        if house_number is not None:
            update["house_number"] = house_number
        if kind == "home" and street and house_number is not None and not d.home_address:
            update["home_address"] = f"{street} {house_number}"
        return d.model_copy(update=update)

    async def _facts(self, booking: Booking, d: Dialogue) -> q.Facts:
        team = self._team(booking)
        return q.Facts(
            start=booking.start,
            kind=booking.kind,
            team_name=team.name,
            team_address=team.address,
            team_phone=team.phone,
            professional=professional_name(booking, team),
            minutes=team.appointment_minutes,
            ics_url=ics_path(booking.id),
            call_number=d.call_number,
        )

    async def _values(self, booking: Booking, d: Dialogue) -> dict[str, str]:
        return (await self._facts(booking, d)).values()

    def _team(self, booking: Booking) -> Team:
        team = self._service.registry.team(booking.team_id)
        assert team is not None
        return team

    def _keep_seconds(self, booking: Booking) -> int:
        now: datetime = self._service.now()
        return seconds_until(booking.end, now) + self._service.rules.keep_after_seconds


def _found_values(found: Any) -> dict[str, str]:
    return {"wijk": found.wijk or "", "team_name": found.team_name or ""}


def _kind_word(booking: Booking) -> str:
    return KIND_WORDS[booking.kind]
