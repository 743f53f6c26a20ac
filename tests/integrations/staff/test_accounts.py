from argon2 import PasswordHasher

from integrations.settings import DEV_STAFF_ACCOUNTS
from integrations.staff.accounts import verify


def test_only_the_right_password_logs_in() -> None:
    accounts = {"anna": PasswordHasher().hash("geheim-en-lang")}
    assert verify(accounts, "anna", "geheim-en-lang")
    assert not verify(accounts, "anna", "fout")
    assert not verify(accounts, "bert", "geheim-en-lang")
    assert not verify({"anna": "not a hash"}, "anna", "x")


def test_the_development_account_works_in_development() -> None:
    assert verify(DEV_STAFF_ACCOUNTS, "redacteur", "dev-wachtwoord")
