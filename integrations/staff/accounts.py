"""Staff accounts from configuration; passwords only as argon2 hashes.

python -m integrations.staff.accounts   asks a password and prints its hash
"""

import getpass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
# Checked when the user name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password")


def verify(accounts: dict[str, str], username: str, password: str) -> bool:
    stored = accounts.get(username, _DUMMY_HASH)
    try:
        return _HASHER.verify(stored, password) and username in accounts
    except (VerificationError, InvalidHashError):
        return False


def main() -> None:
    password = getpass.getpass("Wachtwoord: ")
    print(_HASHER.hash(password))


if __name__ == "__main__":
    main()
