"""Staff pages: login, the pages behind it (each for its roles), Dutch error pages, and the
phrasing editor at /staff/teksten (communicatie)."""

import asyncio
import html
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import structlog
from anyio import CapacityLimiter
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from integrations.b1.checker import B1Checker
from integrations.nlg.constants import phrasing_constants
from integrations.nlg.overrides import Wording
from integrations.nlg.phrasing import fill_placeholders, placeholders_in
from integrations.nlg.service import Phrasing, phrasing_of, resolved
from integrations.staff.accounts import verify_off_loop
from integrations.staff.auth import (
    FOREIGN_ORIGIN,
    TOKEN_ROLES,
    require_communicatie,
    require_staff,
    same_origin,
    staff_member,
)
from integrations.staff.catalog import Catalog, TextUse, edit_fields, load_catalog, sample_values
from integrations.staff.editor import (
    EVERYWHERE,
    Review,
    phone_buttons,
    phone_menu,
    preview,
    review,
    review_json,
)
from integrations.staff.login_limit import (
    LoginLimiter,
    account_ref,
    login_client_address,
    retry_after_minutes,
)
from integrations.staff.roles import ROLE_NAMES, landing_page, may, roles_of, safe_next
from integrations.staff.sessions import COOKIE, StaffSessions

PAGES = Path(__file__).resolve().parent / "pages"
WRONG_LOGIN = "Gebruikersnaam of wachtwoord klopt niet."

log = structlog.get_logger(__name__)

router = APIRouter(tags=["staff"])
# The phrasing editor's API: communicatie only.
api = APIRouter(prefix="/staff/api", dependencies=[Depends(require_communicatie)])


class Login(BaseModel):
    username: str = Field(max_length=100)
    password: str = Field(max_length=200)
    # The staff page asked for before logging in (a deep link), if any.
    next: str | None = Field(default=None, max_length=500)


class Draft(BaseModel):
    text: str = Field(max_length=2000)
    voice: str | None = Field(default=None, max_length=2000)
    # None: as it is now (the content file's, or the last change)
    closed: str | None = Field(default=None, max_length=2000)
    buttons: list[str] | None = Field(default=None, max_length=20)

    def wording(self, base: Wording) -> Wording:
        """The proposed wording, whole: what the draft leaves out comes from `base`."""
        proposed = Wording(
            text=self.text.strip(),
            voice=(self.voice or "").strip() or None,
            closed=(self.closed or "").strip() or None,
            buttons=tuple(b.strip() for b in self.buttons) if self.buttons is not None else None,
        )
        return resolved(proposed, base)


class Revert(BaseModel):
    index: int = Field(ge=0)


@router.get("/staff/login", include_in_schema=False)
async def login_page() -> FileResponse:
    return FileResponse(PAGES / "login.html", headers=NO_STORE)


def login_limiter(request: Request) -> LoginLimiter:
    """The app's login limiter, made on first use (the app may also set it at start)."""
    state = request.app.state
    limiter: LoginLimiter | None = getattr(state, "login_limiter", None)
    if limiter is None:
        settings = state.settings
        limiter = state.login_limiter = LoginLimiter(
            state.redis,
            per_account=settings.staff_login_failures_per_account,
            per_address=settings.staff_login_failures_per_address,
            window_seconds=settings.staff_login_window_seconds,
        )
    return limiter


def hash_slots(request: Request) -> CapacityLimiter:
    """How many password hashes may run at once, for this app (made on first use)."""
    state = request.app.state
    slots: CapacityLimiter | None = getattr(state, "login_hash_slots", None)
    if slots is None:
        slots = state.login_hash_slots = CapacityLimiter(state.settings.staff_login_hashes_at_once)
    return slots


async def failure_pause(seconds: float) -> None:
    """The wait before every failed or refused login's answer: it slows down guessing."""
    await asyncio.sleep(seconds)


def wait_words(seconds: int) -> str:
    minutes = retry_after_minutes(seconds)
    return "1 minuut" if minutes == 1 else f"{minutes} minuten"


@router.post("/staff/api/login")
async def login(body: Login, request: Request) -> Response:
    settings = request.app.state.settings
    if request.headers.get("origin") is not None and not same_origin(request):
        return JSONResponse(status_code=403, content={"detail": FOREIGN_ORIGIN})
    address = login_client_address(request)
    limiter = login_limiter(request)
    delay = settings.staff_login_failure_delay_seconds
    attempt = await limiter.attempt(body.username, address)
    if not attempt.allowed:
        # Refused without looking at the password: a right one waits for the lock too.
        log.warning("staff.login_limited", account=account_ref(body.username))
        await failure_pause(delay)
        text = await request.app.state.phrasing.render(
            "utter_staff_login_limited", slots={"wait": wait_words(attempt.retry_after_seconds)}
        )
        return JSONResponse(
            status_code=429,
            content={"detail": text["text"]},
            headers={"Retry-After": str(attempt.retry_after_seconds)},
        )
    if not await verify_off_loop(
        settings.staff_accounts, body.username, body.password, hash_slots(request)
    ):
        log.warning("staff.login_failed", account=account_ref(body.username))
        await failure_pause(delay)
        return JSONResponse(status_code=401, content={"detail": WRONG_LOGIN})
    await limiter.succeeded(body.username, address)
    sessions: StaffSessions = request.app.state.staff_sessions
    session_id = await sessions.open(body.username)
    roles = roles_of(settings.staff_accounts, body.username)
    response = JSONResponse(
        content={
            "user": body.username,
            "roles": sorted(roles),
            "start": safe_next(body.next) or landing_page(roles),
        }
    )
    response.set_cookie(
        COOKIE,
        session_id,
        max_age=settings.staff_session_ttl_seconds,
        httponly=True,
        samesite="strict",
        secure=settings.toegang_env == "production",
        path="/",
    )
    return response


@router.post("/staff/api/logout")
async def logout(request: Request) -> Response:
    sessions: StaffSessions = request.app.state.staff_sessions
    await sessions.close(request.cookies.get(COOKIE))
    response = JSONResponse(content={"user": None})
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/staff/api/me")
async def who_am_i(request: Request, user: str = Depends(require_staff)) -> dict[str, Any]:
    """The logged-in staff member and the pages their roles open (for the menu)."""
    roles = roles_of(request.app.state.settings.staff_accounts, user) or TOKEN_ROLES
    pages = [
        {"path": path, "title": page.title}
        for path, page in STAFF_PAGES.items()
        if page.in_menu and may(roles, page.roles)
    ]
    return {
        "user": user,
        "roles": sorted(roles),
        "role_names": [ROLE_NAMES[r] for r in sorted(roles)],
        "pages": pages,
    }


NO_STORE = {"Cache-Control": "no-store"}


@dataclass(frozen=True)
class StaffPage:
    file: str
    title: str
    roles: frozenset[str]
    in_menu: bool = True


# The pages behind the staff login: address -> file in pages/, and the roles that may see it.
STAFF_PAGES = {
    "/staff/": StaffPage("queue.html", "Gesprekken", frozenset({"aanmeldteam"})),
    "/staff/gesprek": StaffPage("case.html", "Gesprek", frozenset({"aanmeldteam"}), False),
    "/staff/monitor": StaffPage("monitor.html", "Cijfers", frozenset({"aanmeldteam", "beheer"})),
    "/staff/teksten": StaffPage("teksten.html", "Teksten", frozenset({"communicatie"})),
    "/staff/beheer": StaffPage("beheer.html", "Beheer", frozenset({"beheer"})),
    "/staff/review": StaffPage(
        "review.html", "Nakijken", frozenset({"aanmeldteam", "communicatie"})
    ),
}


async def staff_page(request: Request, page: StaffPage) -> Response:
    """A staff page; the login page (coming back here after it) for someone not logged in;
    a Dutch "no access" page for someone whose roles do not open it."""
    member = await staff_member(request)
    if member is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/staff/login?next={quote(target, safe='/')}", status_code=303)
    if not may(member.roles, page.roles):
        if request.url.path == "/staff/":
            return RedirectResponse(landing_page(member.roles), status_code=303)
        return error_page(403)
    return FileResponse(PAGES / page.file, headers=NO_STORE)


def _page_route(page: StaffPage) -> Callable[[Request], Awaitable[Response]]:
    async def serve(request: Request) -> Response:
        return await staff_page(request, page)

    return serve


for _path, _page in STAFF_PAGES.items():
    router.add_api_route(_path, _page_route(_page), methods=["GET"], include_in_schema=False)

# Dutch error pages for the staff pages: status -> title and what to do.
ERRORS = {
    403: ("Geen toegang", "U heeft geen toegang tot deze pagina. Vraag het aan beheer."),
    404: ("Pagina niet gevonden", "Deze pagina bestaat niet. Controleer het adres."),
    405: ("Dit kan niet", "Deze pagina kan dit niet doen."),
    500: (
        "Er ging iets mis",
        "Er ging bij ons iets mis. Probeer het over een paar minuten opnieuw.",
    ),
}


def error_page(status_code: int) -> HTMLResponse:
    """A staff error page in Dutch, with the way back (used for /staff/ addresses)."""
    title, text = ERRORS.get(status_code, ("Er ging iets mis", "Probeer het later opnieuw."))
    template = (PAGES / "error.html").read_text(encoding="utf-8")
    page = template.replace("{title}", html.escape(title)).replace("{text}", html.escape(text))
    return HTMLResponse(page, status_code=status_code, headers=NO_STORE)


def catalog_of(request: Request) -> Catalog:
    """Where each text is used (text_catalog.yml), read once per app on first use."""
    state = request.app.state
    catalog: Catalog | None = getattr(state, "text_catalog", None)
    if catalog is None:
        catalog = state.text_catalog = load_catalog()
    return catalog


def use_of(request: Request, name: str | None) -> TextUse:
    return catalog_of(request).texts.get(name or "", EVERYWHERE)


def text_row(
    name: str, use: TextUse, base: Wording, current: Wording, changed: bool
) -> dict[str, Any]:
    """One text as the editor lists it: what it says, when and where it is used."""
    return {
        "name": name,
        "moment": use.moment or name,
        "where": list(use.where),
        "fields": [asdict(field) for field in edit_fields(use, base)],
        "text": current.text,
        "voice": current.voice,
        "closed": current.closed,
        "buttons": [
            {"title": title, "original": original, "locked": bool(placeholders_in(original))}
            for title, original in zip(current.buttons or (), base.buttons or (), strict=True)
        ],
        "placeholders": sorted(placeholders_in(base.text)),
        "needs": {
            "text": sorted(placeholders_in(base.text)),
            "voice": sorted(placeholders_in(base.voice or base.text)),
            "closed": sorted(placeholders_in(base.closed or "")),
        },
        "changed": changed,
    }


@api.get("/teksten")
async def list_texts(request: Request) -> list[dict[str, Any]]:
    phrasing = phrasing_of(request)
    changed = await phrasing.overrides.all()
    rows = []
    for name in sorted(phrasing.book.names):
        base = phrasing.base(name)
        current = resolved(changed[name], base) if name in changed else base
        rows.append(text_row(name, use_of(request, name), base, current, current != base))
    return rows


def review_draft(
    request: Request, base: Wording, draft: Wording, use: TextUse, name: str | None = None
) -> Review:
    checker: B1Checker = request.app.state.b1
    constants = phrasing_constants(request.app.state.settings)
    phrase = phrasing_of(request).book.get(name) if name else None
    choices = len(phone_buttons(phrase, draft)) if phrase else None
    return review(checker, base, draft, constants, use, choices)


async def preview_of(
    request: Request, phrasing: Phrasing, wording: Wording, use: TextUse, name: str | None
) -> Any:
    values = sample_values(catalog_of(request), phrasing_constants(request.app.state.settings))
    choice = (await phrasing.current("utter_phone_choice")).text
    repeat = (await phrasing.current("utter_phone_repeat_choice")).text
    buttons = phone_buttons(phrasing.book.get(name) if name else None, wording)
    for button in buttons:
        button.title = fill_placeholders(button.title, values)
    menu = phone_menu(buttons, choice, fill_placeholders(repeat, {"number": "9"}))
    return preview(wording, use, values, menu)


@api.post("/b1")
async def check_draft(body: Draft, request: Request, name: str | None = None) -> dict[str, Any]:
    """Live feedback while typing: the B1 check, why it cannot be saved yet, the preview."""
    phrasing = phrasing_of(request)
    known = name is not None and name in phrasing.book.names
    base = phrasing.base(name) if known and name else Wording(text=body.text)
    use = use_of(request, name)
    proposed = body.wording(base)
    current = await phrasing.current(name) if known and name else base
    return {
        **review_json(review_draft(request, base, proposed, use, name if known else None)),
        "unchanged": proposed == current,
        "is_original": proposed == base,
        "preview": await preview_of(request, phrasing, proposed, use, name if known else None),
    }


@api.put("/teksten/{name}")
async def save_text(
    name: str, body: Draft, request: Request, user: str = Depends(require_staff)
) -> Response:
    phrasing = phrasing_of(request)
    if name not in phrasing.book.names:
        raise HTTPException(status_code=404, detail="Deze tekst bestaat niet.")
    base = phrasing.base(name)
    proposed = body.wording(base)
    result = review_draft(request, base, proposed, use_of(request, name), name)
    if not result.can_save:
        return JSONResponse(
            status_code=422,
            content={"detail": "De tekst is nog niet goed genoeg.", **review_json(result)},
        )
    before = await phrasing.current(name)
    await phrasing.overrides.save(name, before, proposed, who=user, base=base)
    return JSONResponse(content={"saved": True, **review_json(result)})


@api.get("/teksten/{name}/history")
async def text_history(name: str, request: Request) -> list[dict[str, Any]]:
    changes = await phrasing_of(request).overrides.history(name)
    return [change.model_dump(mode="json") for change in changes]


@api.post("/teksten/{name}/revert")
async def revert_text(
    name: str, body: Revert, request: Request, user: str = Depends(require_staff)
) -> dict[str, Any]:
    phrasing = phrasing_of(request)
    if name not in phrasing.book.names:
        raise HTTPException(status_code=404, detail="Deze tekst bestaat niet.")
    changes = await phrasing.overrides.history(name)
    if body.index >= len(changes):
        raise HTTPException(status_code=404, detail="Deze wijziging bestaat niet.")
    base = phrasing.base(name)
    before = await phrasing.current(name)
    restored = resolved(changes[body.index].before, base)
    await phrasing.overrides.save(name, before, restored, who=user, base=base)
    return {
        **restored.model_dump(mode="json"),
        "changed": restored != base,
    }


router.include_router(api)
