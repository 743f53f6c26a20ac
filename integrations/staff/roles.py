"""Staff roles: which account may do what, and where each role starts. Pure, no I/O.

- aanmeldteam: the queue, the cases, taking over, the figures;
- communicatie: the bot's texts only (the phrasing editor);
- beheer: the accounts (who has which role, unlocking a login) and the audit log, the figures.

`STAFF_ACCOUNTS` maps a user name to an argon2 hash, or to `{"hash": ..., "roles": [...]}`.
A plain hash keeps working as it always did: aanmeldteam and communicatie, not beheer.
"""

from collections.abc import Iterable, Mapping
from typing import Literal

from pydantic import BaseModel, Field

Role = Literal["aanmeldteam", "communicatie", "beheer"]
ROLES: tuple[Role, ...] = ("aanmeldteam", "communicatie", "beheer")
PLAIN_HASH_ROLES: frozenset[str] = frozenset({"aanmeldteam", "communicatie"})
ROLE_NAMES: dict[str, str] = {
    "aanmeldteam": "Aanmeldteam",
    "communicatie": "Communicatie",
    "beheer": "Beheer",
}
# Where each role starts after logging in, in this order of preference.
LANDING: tuple[tuple[str, str], ...] = (
    ("aanmeldteam", "/staff/"),
    ("communicatie", "/staff/teksten"),
    ("beheer", "/staff/beheer"),
)


class StaffAccount(BaseModel):
    """One staff login with its roles."""

    hash: str = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)


AccountValue = str | StaffAccount
Accounts = Mapping[str, AccountValue]


def account_hash(value: AccountValue) -> str:
    return value if isinstance(value, str) else value.hash


def account_roles(value: AccountValue) -> frozenset[str]:
    return PLAIN_HASH_ROLES if isinstance(value, str) else frozenset(value.roles)


def roles_of(accounts: Accounts, username: str) -> frozenset[str]:
    """The roles of a user; none for a name that is not (or no longer) an account."""
    value = accounts.get(username)
    return account_roles(value) if value is not None else frozenset()


def landing_page(roles: Iterable[str]) -> str:
    """The first page for someone with these roles (the login page for none)."""
    have = set(roles)
    for role, page in LANDING:
        if role in have:
            return page
    return "/staff/login"


def may(roles: Iterable[str], allowed: Iterable[str]) -> bool:
    return bool(set(roles) & set(allowed))


def safe_next(target: str | None) -> str | None:
    """A `?next=` address after login: only a staff page of this site, never elsewhere."""
    if not target or not target.startswith("/staff/") or target.startswith("/staff/api/"):
        return None
    if "//" in target or "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    return target[:500]
