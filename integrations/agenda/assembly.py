"""Builds the agenda of the running gateway from its settings."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

import httpx
from redis.asyncio import Redis

from integrations.agenda.address_lookup import AddressLookup, NoAddressLookup, PdokLocatieserver
from integrations.agenda.backends import AgendaBackend
from integrations.agenda.backends.caldav_agenda import CaldavAgenda
from integrations.agenda.backends.redis_agenda import RedisAgenda
from integrations.agenda.dialog_state import DialogStore
from integrations.agenda.holds import Holds
from integrations.agenda.registry import load_registry
from integrations.agenda.service import AgendaRules, BookingService
from integrations.agenda.sms import SmsSender
from integrations.cases.record import Case, with_appointment
from integrations.cases.store import CaseStore
from integrations.settings import Settings


@dataclass(frozen=True)
class Agenda:
    service: BookingService
    holds: Holds
    sms: SmsSender | None


def build_agenda(
    settings: Settings, redis: Redis, http: httpx.AsyncClient, cases: CaseStore
) -> Agenda:
    registry = load_registry(settings.agenda_registry_file)
    tz = ZoneInfo(settings.timezone)
    rules = AgendaRules(
        tz=tz, horizon_days=settings.agenda_horizon_days, lead_minutes=settings.agenda_lead_minutes
    )
    holds = Holds(redis, settings.agenda_hold_seconds, settings.agenda_holds_per_address)
    backend: AgendaBackend
    if settings.agenda_backend == "caldav":
        if not settings.caldav_url:
            raise ValueError("AGENDA_BACKEND=caldav needs CALDAV_URL")
        password = settings.caldav_password.get_secret_value() if settings.caldav_password else None
        backend = CaldavAgenda(
            registry,
            holds,
            tz,
            settings.caldav_url,
            settings.caldav_username,
            password,
            settings.caldav_calendar_path,
        )
    else:
        backend = RedisAgenda(redis, rules.keep_after_seconds)
    lookup: AddressLookup = NoAddressLookup()
    if settings.address_lookup == "pdok":
        lookup = PdokLocatieserver(
            http, settings.pdok_url, settings.municipality_name, settings.probe_timeout_seconds
        )

    async def change_case(session_id: str, changes: dict[str, object]) -> None:
        def apply(case: Case) -> Case:
            return with_appointment(case, changes)  # a cancelled appointment stays known

        await cases.change(session_id, apply)

    service = BookingService(
        redis, registry, backend, holds, DialogStore(redis, settings.conversation_ttl_seconds),
        lookup, rules, change_case,
    )  # fmt: skip
    sms = None
    if settings.twilio_account_sid:
        sms = SmsSender(
            settings.twilio_account_sid,
            settings.twilio_auth_token.get_secret_value(),
            settings.twilio_sms_from,
            settings.twilio_api_base_url,
        )
    return Agenda(service, holds, sms)
