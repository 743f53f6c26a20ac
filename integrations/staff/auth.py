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


async def staff_user(request: Request) -> str | None:
    """The staff member behind this request, or None."""
    if _bearer_matches(request, request.app.state.settings.staff_api_token):
        return "api"
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
