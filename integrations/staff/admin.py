"""Beheer: the staff accounts and their roles, and unlocking a locked login (the audit log is
at GET /api/audit, for beheer and the aanmeldteam).

Accounts and roles come from configuration (`STAFF_ACCOUNTS`); this page shows them and
lets beheer unlock an account after too many wrong passwords. Every unlock is in the audit log.
"""

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request

from integrations.staff.audit import AuditLog
from integrations.staff.auth import require_beheer
from integrations.staff.roles import ROLE_NAMES, ROLES, account_roles
from integrations.staff.router import login_limiter

router = APIRouter(prefix="/staff/api/beheer", tags=["staff"])
UNKNOWN_ACCOUNT = "Dit account bestaat niet."


@router.get("/accounts")
async def accounts(request: Request, user: str = Depends(require_beheer)) -> list[dict[str, Any]]:
    limiter = login_limiter(request)
    rows = []
    for name, value in sorted(request.app.state.settings.staff_accounts.items()):
        roles = account_roles(value)
        rows.append(
            {
                "user": name,
                "roles": [r for r in ROLES if r in roles],
                "role_names": [ROLE_NAMES[r] for r in ROLES if r in roles],
                "locked_seconds": await limiter.locked_seconds(name),
            }
        )
    return rows


@router.post("/accounts/{name}/unlock")
async def unlock(
    name: str, request: Request, user: str = Depends(require_beheer)
) -> dict[str, Any]:
    if name not in request.app.state.settings.staff_accounts:
        raise HTTPException(status_code=404, detail=UNKNOWN_ACCOUNT)
    await login_limiter(request).unlock(name)
    audit: AuditLog = request.app.state.audit
    await audit.record(user, f"account ontgrendeld: {name}", "")
    return {"user": name, "locked_seconds": 0}
