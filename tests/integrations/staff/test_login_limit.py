"""Staff logins on the real app and a real Redis: limits per account and per address, a kind
429 with Retry-After, a pause after every failure, no password in the logs, and password
hashing that never stops the gateway from answering others."""

import threading
from collections.abc import Iterator

import pytest
import redis
from fastapi.testclient import TestClient

from integrations.app import create_app
from integrations.staff import accounts
from integrations.staff import router as staff_router
from integrations.staff.login_limit import PREFIX

RIGHT = {"username": "redacteur", "password": "dev-wachtwoord"}
PER_ACCOUNT, PER_ADDRESS, WINDOW = 3, 6, 900


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The pauses the login takes, recorded instead of waited (tests never wait on time)."""
    taken: list[float] = []

    async def record(seconds: float) -> None:
        taken.append(seconds)

    monkeypatch.setattr(staff_router, "failure_pause", record)
    return taken


@pytest.fixture
def login_client(settings: object, pauses: list[float]) -> Iterator[TestClient]:
    limited = settings.model_copy(  # type: ignore[attr-defined]
        update={
            "staff_login_failures_per_account": PER_ACCOUNT,
            "staff_login_failures_per_address": PER_ADDRESS,
            "staff_login_window_seconds": WINDOW,
            "staff_login_failure_delay_seconds": 0.6,
        }
    )
    r = redis.Redis.from_url(limited.effective_redis_url)
    for key in r.scan_iter(f"{PREFIX}*"):  # every test starts with no failures counted
        r.delete(key)
    with TestClient(create_app(limited)) as client:
        yield client


def attempt(client: TestClient, username: str, password: str) -> int:
    response = client.post("/staff/api/login", json={"username": username, "password": password})
    status: int = response.status_code
    return status


def test_too_many_wrong_passwords_lock_the_account_even_for_the_right_one(
    login_client: TestClient, pauses: list[float]
) -> None:
    assert [attempt(login_client, "redacteur", "fout") for _ in range(PER_ACCOUNT)] == [401] * 3
    refused = login_client.post("/staff/api/login", json=RIGHT)
    assert refused.status_code == 429
    assert "toegang_staff" not in refused.cookies
    assert 0 < int(refused.headers["Retry-After"]) <= WINDOW
    assert refused.json()["detail"] == (
        "U heeft te vaak een verkeerd wachtwoord ingevuld. "
        "Daarom kunt u nu even niet inloggen. Probeer het over 15 minuten opnieuw."
    )
    # The same name written otherwise is the same account.
    assert attempt(login_client, " Redacteur", "dev-wachtwoord") == 429
    # Every failure and every refusal paused; nothing else did.
    assert pauses == [0.6] * 5


def test_the_lock_ends_with_its_window(login_client: TestClient, settings: object) -> None:
    for _ in range(PER_ACCOUNT):
        attempt(login_client, "redacteur", "fout")
    assert login_client.post("/staff/api/login", json=RIGHT).status_code == 429
    r = redis.Redis.from_url(settings.effective_redis_url)  # type: ignore[attr-defined]
    counters = list(r.scan_iter(f"{PREFIX}*"))
    assert counters and all(0 < r.ttl(key) <= WINDOW for key in counters)
    r.delete(*counters)  # as when the window has passed
    assert login_client.post("/staff/api/login", json=RIGHT).status_code == 200


def test_a_right_password_clears_the_accounts_failures(login_client: TestClient) -> None:
    for _ in range(PER_ACCOUNT - 1):
        assert attempt(login_client, "redacteur", "fout") == 401
    assert login_client.post("/staff/api/login", json=RIGHT).status_code == 200
    for _ in range(PER_ACCOUNT - 1):
        assert attempt(login_client, "redacteur", "fout") == 401
    assert login_client.post("/staff/api/login", json=RIGHT).status_code == 200


def test_one_address_trying_many_names_is_stopped(login_client: TestClient) -> None:
    tried = [attempt(login_client, f"gast{i}", "fout") for i in range(PER_ADDRESS)]
    assert tried == [401] * PER_ADDRESS
    assert attempt(login_client, "iemand-anders", "fout") == 429
    assert login_client.post("/staff/api/login", json=RIGHT).status_code == 429


def test_neither_password_nor_account_name_reaches_the_log(
    login_client: TestClient, capfd: pytest.CaptureFixture[str]
) -> None:
    secret = "Zomer2024-geheim"
    for _ in range(PER_ACCOUNT + 1):
        attempt(login_client, "anna.de.vries", secret)
    out = capfd.readouterr().out
    assert "staff.login_failed" in out and "staff.login_limited" in out
    assert secret not in out
    assert "anna" not in out.lower()


def test_hashing_passwords_does_not_stop_the_gateway(
    login_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Password checks held in the middle (as a slow hash would be): the gateway still
    answers a cheap request before any of them is done, and no more run at once than set."""
    gate = threading.Event()
    lock = threading.Lock()
    running = {"now": 0, "most": 0}
    some_started = threading.Semaphore(0)
    order: list[str] = []
    real_verify = accounts.verify

    def held_verify(known: dict[str, str], username: str, password: str) -> bool:
        with lock:
            running["now"] += 1
            running["most"] = max(running["most"], running["now"])
        some_started.release()
        gate.wait(30)  # if this ran on the event loop, nothing else could answer meanwhile
        with lock:
            running["now"] -= 1
        return real_verify(known, username, password)

    monkeypatch.setattr(accounts, "verify", held_verify)

    def login(i: int) -> None:
        status = attempt(login_client, f"collega{i}", "fout")
        order.append(f"login {status}")

    logins = [threading.Thread(target=login, args=(i,)) for i in range(4)]
    for thread in logins:
        thread.start()
    assert some_started.acquire(timeout=30)  # a password check is under way
    health = login_client.get("/healthz")
    order.append(f"healthz {health.status_code}")
    gate.set()
    for thread in logins:
        thread.join(30)
    assert order[0] == "healthz 200"
    assert sorted(order[1:]) == ["login 401"] * 4
    assert 1 <= running["most"] <= 2  # staff_login_hashes_at_once
