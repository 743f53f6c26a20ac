"""Bearer tokens: the staff API (`STAFF_API_TOKEN`) and the internal API for the actions."""

import secrets

from fastapi import HTTPException, Request, status
from pydantic import SecretStr


def _check_bearer(request: Request, expected: SecretStr) -> None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(
        token.encode(), expected.get_secret_value().encode()
    ):
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Niet ingelogd of geen toegang.",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def require_staff(request: Request) -> None:
    _check_bearer(request, request.app.state.settings.staff_api_token)


async def require_internal(request: Request) -> None:
    _check_bearer(request, request.app.state.settings.internal_api_token)
