"""Staff accounts from configuration; passwords only as argon2 hashes.

python -m integrations.staff.accounts   asks a password and prints its hash
"""

import getpass
from functools import lru_cache

import anyio.to_thread
from anyio import CapacityLimiter
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from integrations.staff.roles import Accounts, account_hash

_HASHER = PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked when the user name is unknown, so a wrong name takes as long as a wrong
    password. Made on first use, not at import."""
    return _HASHER.hash("not a password")


def verify(accounts: Accounts, username: str, password: str) -> bool:
    stored = account_hash(accounts[username]) if username in accounts else _dummy_hash()
    try:
        return _HASHER.verify(stored, password) and username in accounts
    except (VerificationError, InvalidHashError):
        return False


async def verify_off_loop(
    accounts: Accounts, username: str, password: str, slots: CapacityLimiter
) -> bool:
    """`verify` in a worker thread: argon2 takes a core for a moment, and the event loop must
    go on answering residents meanwhile. `slots` bounds how many hashes run at once."""
    return await anyio.to_thread.run_sync(verify, accounts, username, password, limiter=slots)


def main() -> None:
    password = getpass.getpass("Wachtwoord: ")
    print(_HASHER.hash(password))


if __name__ == "__main__":
    main()
