"""Who may use the staff API and pages: a bearer token, or a logged-in staff session."""

import secrets

from fastapi import HTTPException, Request, status
from pydantic import SecretStr

from integrations.staff.sessions import COOKIE, StaffSessions

NOT_LOGGED_IN = "Niet ingelogd of geen toegang."


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


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def same_origin(request: Request) -> bool:
    """CSRF protection for the session cookie: a change must come from the staff pages
    themselves, not from another site (on top of the SameSite=Strict cookie)."""
    if request.method in SAFE_METHODS:
        return True
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    return origin is None or origin == f"{request.url.scheme}://{request.url.netloc}"


async def staff_user(request: Request) -> str | None:
    """The staff member behind this request, or None."""
    if _bearer_matches(request, request.app.state.settings.staff_api_token):
        return "api"
    if not same_origin(request):
        return None
    sessions: StaffSessions = request.app.state.staff_sessions
    return await sessions.user(request.cookies.get(COOKIE))


async def require_staff(request: Request) -> str:
    user = await staff_user(request)
    if user is None:
        raise _refuse()
    return user


async def require_internal(request: Request) -> None:
    if not _bearer_matches(request, request.app.state.settings.internal_api_token):
        raise _refuse()


async def require_staff_or_internal(request: Request) -> None:
    """Staff (token or session), or the stack itself (internal token): e.g. for /metrics."""
    if _bearer_matches(request, request.app.state.settings.internal_api_token):
        return
    if await staff_user(request) is None:
        raise _refuse()
