"""Sign-in throttling (issue 17 item 2): per address, per account and per (address, account),
never reset by a successful sign-in, with the client address taken from a trusted proxy only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from web_support import PASSWORD, WebEnv, login, web_env

from crp_checker.store import Role
from crp_checker.web import auth
from crp_checker.web.auth import (
    ACCOUNT_FAILURES,
    ADDRESS_FAILURES,
    PAIR_FAILURES,
    WINDOW_SECONDS,
    LoginThrottle,
)

WRONG = "not the password at all"


class Clock:
    """A hand-moved monotonic clock, so fifteen minutes pass in no time."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(env: WebEnv) -> Iterator[Clock]:
    """A fresh throttle on a fake clock, for this test only."""
    made = Clock()
    env.app.state.throttle = LoginThrottle(clock=made)
    yield made
    env.app.state.throttle = LoginThrottle()


_count = iter(range(1, 100_000))


def new_account(env: WebEnv) -> str:
    email = f"throttle{next(_count)}@org-a.example"
    env.add_user(email, Role.SUPPLIER, "Org A Ltd")
    return email


def from_address(env: WebEnv, address: str) -> TestClient:
    return env.client(client=(address, 50000))


def test_five_wrong_passwords_stop_that_address_not_the_accounts_owner(
    env: WebEnv, clock: Clock
) -> None:
    email = new_account(env)
    attacker = from_address(env, "198.51.100.7")
    for _ in range(PAIR_FAILURES):
        login(attacker, email, WRONG, expect=401)
    refused = login(attacker, email, expect=429)  # even the right password
    assert "Too many wrong passwords for this account from your address" in refused.text
    assert 0 < int(refused.headers["retry-after"]) <= WINDOW_SECONDS
    login(from_address(env, "203.0.113.20"), email)  # the owner, elsewhere, signs in
    clock.now += WINDOW_SECONDS + 1
    login(attacker, email)


def test_a_successful_sign_in_resets_nothing(env: WebEnv, clock: Clock) -> None:
    """The attack the issue found: wrong passwords on many accounts, interleaved with the
    attacker's own successful sign-ins, never refused."""
    mine = new_account(env)
    attacker = from_address(env, "198.51.100.8")
    for attempt in range(ADDRESS_FAILURES):
        login(attacker, f"victim{attempt}@org-b.example", WRONG, expect=401)
        if attempt % 4 == 3 and attempt < ADDRESS_FAILURES - 1:
            login(attacker, mine)  # the attacker's own account: no fresh budget
        clock.now += 1
    refused = login(attacker, mine, expect=429)
    assert "from your network address" in refused.text
    assert "retry-after" in refused.headers
    login(from_address(env, "198.51.100.9"), mine)  # another address is not affected

    email = new_account(env)
    owner = from_address(env, "203.0.113.30")
    for _ in range(PAIR_FAILURES - 1):
        login(owner, email, WRONG, expect=401)
    login(owner, email)
    login(owner, email, WRONG, expect=401)  # the fifth wrong one: success did not reset it
    login(owner, email, expect=429)


def test_an_account_is_closed_to_everyone_only_by_a_spread_out_attack(
    env: WebEnv, clock: Clock
) -> None:
    email = new_account(env)
    addresses = [f"192.0.2.{n}" for n in range(1, ACCOUNT_FAILURES // PAIR_FAILURES + 1)]
    assert len(addresses) * PAIR_FAILURES >= ACCOUNT_FAILURES > ADDRESS_FAILURES
    for address in addresses:
        attacker = from_address(env, address)
        for _ in range(PAIR_FAILURES):
            login(attacker, email, WRONG, expect=401)
    refused = login(from_address(env, "203.0.113.40"), email, expect=429)
    assert "Too many wrong passwords for this account." in refused.text
    clock.now += WINDOW_SECONDS + 1
    login(from_address(env, "203.0.113.40"), email)


def test_the_throttle_forgets_old_keys_so_a_spray_cannot_fill_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(auth, "MAX_TRACKED", 100)
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for n in range(1000):
        throttle.failed(f"10.{n // 250}.{n % 250}.1", f"user{n}@example.org")
    assert all(len(w._times) <= 100 for w in (throttle._pairs, throttle._addresses))
    assert len(throttle._accounts._times) <= 100


# --------------------------------------------------------------------------- behind a proxy

PROXY = "10.0.0.2"


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebEnv]:
    """The app behind a reverse proxy at 10.0.0.2 that it trusts."""
    folder = tmp_path_factory.mktemp("proxied")
    with web_env(
        "sqlite", folder, reports=False, forwarded_allow_ips=f"{PROXY}, 10.1.0.0/16"
    ) as made:
        yield made


def _via_proxy(env: WebEnv, forwarded_for: str, proxy: str = PROXY) -> TestClient:
    client = env.client(client=(proxy, 40000))
    client.headers["X-Forwarded-For"] = forwarded_for
    return client


def test_behind_a_trusted_proxy_each_client_is_throttled_apart(proxied: WebEnv) -> None:
    email = new_account(proxied)
    attacker = _via_proxy(proxied, "198.51.100.50")
    for attempt in range(ADDRESS_FAILURES):
        login(attacker, f"nobody{attempt}@org-b.example", WRONG, expect=401)
    login(attacker, email, expect=429)
    login(_via_proxy(proxied, "203.0.113.60"), email)  # everyone else behind the proxy
    login(_via_proxy(proxied, "203.0.113.61", proxy="10.1.4.4"), email)  # a trusted network


def test_an_untrusted_client_cannot_choose_its_address(proxied: WebEnv) -> None:
    proxied.app.state.throttle = LoginThrottle()
    email = new_account(proxied)
    for attempt in range(ADDRESS_FAILURES):
        spoofer = _via_proxy(proxied, f"198.51.100.{attempt + 1}", proxy="203.0.113.99")
        login(spoofer, f"nobody{attempt}@org-b.example", WRONG, expect=401)
    spoofer = _via_proxy(proxied, "198.51.100.200", proxy="203.0.113.99")
    login(spoofer, email, expect=429)


def test_without_the_setting_forwarded_headers_are_ignored(env: WebEnv, clock: Clock) -> None:
    email = new_account(env)
    for attempt in range(ADDRESS_FAILURES):
        client = from_address(env, "198.51.100.70")
        client.headers["X-Forwarded-For"] = f"192.0.2.{attempt + 1}"
        login(client, f"nobody{attempt}@org-b.example", WRONG, expect=401)
    client = from_address(env, "198.51.100.70")
    client.headers["X-Forwarded-For"] = "192.0.2.200"
    login(client, email, PASSWORD, expect=429)
