"""Who may use the staff API and pages: a bearer token, or a logged-in staff session, each
with its roles (integrations.staff.roles). Every page and API names the roles it allows.

CSRF: a change (POST, PUT, PATCH, DELETE) through the session cookie must carry the Origin of
the staff pages themselves; without it, or from another site, it is refused with 403.
"""

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import HTTPException, Request, status
from pydantic import SecretStr

from integrations.staff.roles import PLAIN_HASH_ROLES, roles_of
from integrations.staff.sessions import COOKIE, StaffSessions

NOT_LOGGED_IN = "Niet ingelogd of geen toegang."
NO_ROLE = "U heeft geen toegang tot dit deel. Vraag het aan beheer."
FOREIGN_ORIGIN = "Dit verzoek komt niet van de pagina's voor medewerkers."
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The staff API token is for the municipality's own systems: the queue, the cases and texts.
TOKEN_USER = "api"
TOKEN_ROLES = PLAIN_HASH_ROLES


@dataclass(frozen=True)
class StaffMember:
    name: str
    roles: frozenset[str]


def _bearer_matches(request: Request, expected: SecretStr) -> bool:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and secrets.compare_digest(
        token.encode(), expected.get_secret_value().encode()
    )


def _refuse() -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=NOT_LOGGED_IN,
        headers={"WWW-Authenticate": "Bearer"},
    )


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def same_origin(request: Request) -> bool:
    """CSRF protection for the session cookie: a change must come from the staff pages
    themselves, with their Origin (on top of the SameSite=Strict cookie)."""
    if request.method in SAFE_METHODS:
        return True
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    own = {
        f"{request.url.scheme}://{request.url.netloc}",
        _origin_of(request.app.state.settings.public_base_url),
    }
    return origin is not None and origin in own


async def staff_member(request: Request) -> StaffMember | None:
    """The staff member behind this request, or None. A cookie change from elsewhere: 403."""
    if _bearer_matches(request, request.app.state.settings.staff_api_token):
        return StaffMember(TOKEN_USER, TOKEN_ROLES)
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return None
    sessions: StaffSessions = request.app.state.staff_sessions
    name = await sessions.user(cookie)
    if name is None:
        return None
    if not same_origin(request):
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail=FOREIGN_ORIGIN)
    # Roles are read from the accounts at every request: a change applies at once, and a
    # removed account loses its session.
    roles = roles_of(request.app.state.settings.staff_accounts, name)
    return StaffMember(name, roles) if roles else None


async def staff_user(request: Request) -> str | None:
    member = await staff_member(request)
    return member.name if member else None


async def require_staff(request: Request) -> str:
    """Any logged-in staff member, whatever the role."""
    member = await staff_member(request)
    if member is None:
        raise _refuse()
    return member.name


def require_member(*allowed: str) -> Callable[[Request], Awaitable[StaffMember]]:
    """A dependency: the staff member with their roles, when one of them is `allowed`."""

    async def dependency(request: Request) -> StaffMember:
        member = await staff_member(request)
        if member is None:
            raise _refuse()
        if not member.roles & set(allowed):
            raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail=NO_ROLE)
        return member

    return dependency


def require_role(*allowed: str) -> Callable[[Request], Awaitable[str]]:
    """A dependency: the staff member's name, when one of their roles is `allowed`."""
    member_of = require_member(*allowed)

    async def dependency(request: Request) -> str:
        return (await member_of(request)).name

    return dependency


require_aanmeldteam = require_role("aanmeldteam")
require_communicatie = require_role("communicatie")
require_beheer = require_role("beheer")
require_figures = require_role("aanmeldteam", "beheer")


async def require_internal(request: Request) -> None:
    if not _bearer_matches(request, request.app.state.settings.internal_api_token):
        raise _refuse()


async def require_staff_or_internal(request: Request) -> None:
    """Staff of the aanmeldteam or beheer (token or session), or the stack itself (internal
    token): e.g. for /metrics."""
    if _bearer_matches(request, request.app.state.settings.internal_api_token):
        return
    await require_figures(request)
