"""Who is asking: the signed session cookie for pages, a bearer token for the API.

The session cookie (Starlette's, signed with itsdangerous, HttpOnly, SameSite=Lax) holds only
the user id, the account's `session_version` and a random nonce that changes at every sign-in,
so a cookie planted before sign-in is worthless afterwards (no session fixation) and changing
a password or disabling an account ends every session at once.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from crp_checker.errors import CRPError
from crp_checker.store import Role, User, authenticate, get_user, normalise_email, user_for_token
from crp_checker.store.models import utcnow

SESSION_USER, SESSION_VERSION, SESSION_NONCE = "uid", "sv", "nonce"
# Wrong passwords counted in a sliding window; a successful sign-in resets none of them, so an
# attacker's own account cannot buy more guesses. One address may get 5 wrong for one account
# (the account stays open to its owner elsewhere) and 20 wrong in all; 50 wrong for one account
# from anywhere stop it for everyone (only a spread-out attack gets there: 50 > 20).
WINDOW_SECONDS = 15 * 60
PAIR_FAILURES = 5
ADDRESS_FAILURES = 20
ACCOUNT_FAILURES = 50
MAX_TRACKED = 100_000  # keys per counter: a spray of made-up addresses cannot fill memory

STAFF = frozenset({Role.EVALUATOR, Role.CLIMATE, Role.ADMIN})


class NotSignedInError(Exception):
    """A page needs an account; pages redirect to sign-in, the API answers 401."""


class ForbiddenError(Exception):
    """Signed in, but this role may not use the page (403)."""


class PasswordChangeNeededError(Exception):
    """Signed in with a temporary password: pages send the user to choose their own first."""


class TooManyAttemptsError(CRPError):
    """Too many wrong passwords from one address, or for one account."""

    code = "too_many_attempts"
    http_status = 429
    title = "Too many sign-in attempts"
    default_hint = "Wait 15 minutes and try again, or ask your administrator for a reset link."

    def __init__(self, message: str, retry_after: float) -> None:
        minutes = max(1, round(retry_after / 60))
        super().__init__(
            message,
            f"Wait {minutes} minute{'s' if minutes != 1 else ''} and try again, or ask your "
            "administrator for a password reset link.",
        )
        self.retry_after = retry_after


class _Window:
    """Failure times per key in a sliding window, with a bounded number of keys."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self._times: dict[Any, deque[float]] = {}

    def retry_after(self, key: Any, now: float) -> float | None:
        """Seconds until `key` may try again, or None when it is under the limit."""
        times = self._times.get(key)
        if times is None:
            return None
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._times[key]
            return None
        return times[0] + self.window - now if len(times) >= self.limit else None

    def add(self, key: Any, now: float) -> None:
        if key not in self._times and len(self._times) >= MAX_TRACKED:
            self._sweep(now)
        self._times.setdefault(key, deque(maxlen=self.limit)).append(now)

    def _sweep(self, now: float) -> None:
        """Forget expired keys; if that is not enough, the oldest half (a spray in progress)."""
        for key in [k for k, t in self._times.items() if not t or t[-1] <= now - self.window]:
            del self._times[key]
        if len(self._times) >= MAX_TRACKED:
            for key in list(self._times)[: MAX_TRACKED // 2]:
                del self._times[key]


@dataclass
class LoginThrottle:
    """Counts wrong passwords per address, per account and per (address, account), in memory.

    Nothing is counted for a sign-in that succeeds and nothing is reset by one. The client
    address is the connection's, or the one a trusted proxy forwarded (`CRP_FORWARDED_ALLOW_IPS`).
    """

    pair_limit: int = PAIR_FAILURES
    address_limit: int = ADDRESS_FAILURES
    account_limit: int = ACCOUNT_FAILURES
    window: float = WINDOW_SECONDS
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self._pairs = _Window(self.pair_limit, self.window)
        self._addresses = _Window(self.address_limit, self.window)
        self._accounts = _Window(self.account_limit, self.window)
        self._lock = threading.Lock()

    def check(self, address: str, email: str) -> None:
        """TooManyAttemptsError when `address` may not try `email` (or anything) just now."""
        now = self.clock()
        with self._lock:
            refusals = [
                (self._addresses.retry_after(address, now), "from your network address"),
                (
                    self._pairs.retry_after((address, email), now),
                    "for this account from your address",
                ),
                (self._accounts.retry_after(email, now), "for this account"),
            ]
        for wait, where in refusals:
            if wait is not None:
                raise TooManyAttemptsError(f"Too many wrong passwords {where}.", wait)

    def failed(self, address: str, email: str) -> None:
        """Record a wrong password (or a refused account) from `address` for `email`."""
        now = self.clock()
        with self._lock:
            self._addresses.add(address, now)
            self._pairs.add((address, email), now)
            self._accounts.add(email, now)


def client_address(request: Request) -> str:
    """The client's address: the connection's, or a trusted proxy's X-Forwarded-For."""
    return request.client.host if request.client else "unknown"


def sign_in(
    session: Session, request: Request, email: str, password: str, throttle: LoginThrottle
) -> User | None:
    """Check the password within the throttle's limits and start a fresh session."""
    address, account = client_address(request), normalise_email(email)
    throttle.check(address, account)
    user = authenticate(session, email, password, now=utcnow())
    if user is None:
        throttle.failed(address, account)
        return None
    start_session(request, user)
    return user


def start_session(request: Request, user: User) -> None:
    """A fresh session for `user` in this browser: anything it held before is dropped."""
    request.session.clear()
    request.session.update(
        {
            SESSION_USER: user.id,
            SESSION_VERSION: user.session_version,
            SESSION_NONCE: secrets.token_urlsafe(16),
        }
    )


def sign_out(request: Request) -> None:
    """Forget the session (the cookie is replaced by an empty one)."""
    request.session.clear()


def session_user(session: Session, request: Request) -> User | None:
    """The signed-in user, or None (no cookie, disabled account, or an outdated session)."""
    user_id = request.session.get(SESSION_USER)
    if not isinstance(user_id, int):
        return None
    user = get_user(session, user_id)
    if (
        user is None
        or user.disabled
        or user.session_version != request.session.get(SESSION_VERSION)
    ):
        request.session.clear()
        return None
    return user


def bearer_user(session: Session, request: Request) -> User | None:
    """The API token's user when `Authorization` is sent, else the session's user.

    The header is authoritative: when present it must be a valid bearer token, and nothing
    else is tried (asgi-csrf lets any `Bearer ...` header skip its check, so a session used
    as a fallback would be a CSRF hole).
    """
    header = request.headers.get("authorization")
    if header is None:
        return session_user(session, request)
    scheme, _, token = header.partition(" ")
    token = token.strip(" ")
    if scheme.lower() != "bearer" or not token or not token.isascii() or not token.isprintable():
        return None
    return user_for_token(session, token)


def require_user(user: User | None) -> User:
    """The user, or NotSignedInError."""
    if user is None:
        raise NotSignedInError
    return user
