"""Who is asking: the signed session cookie for pages, a bearer token for the API.

The session cookie (Starlette's, signed with itsdangerous, HttpOnly, SameSite=Lax) holds only
the user id, the account's `session_version` and a random nonce that changes at every sign-in,
so a cookie planted before sign-in is worthless afterwards (no session fixation) and changing
a password or disabling an account ends every session at once.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.orm import Session

from crp_checker.errors import CRPError
from crp_checker.store import Role, User, authenticate, get_user, get_user_by_email, user_for_token
from crp_checker.store.models import utcnow

SESSION_USER, SESSION_VERSION, SESSION_NONCE = "uid", "sv", "nonce"
# An account is locked for a while after this many wrong passwords in a row...
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
# ...and one address may not try more than this many sign-ins per window, whatever the account.
ADDRESS_ATTEMPTS = 20
ADDRESS_WINDOW_SECONDS = 15 * 60

STAFF = frozenset({Role.EVALUATOR, Role.CLIMATE, Role.ADMIN})


class NotSignedInError(Exception):
    """A page needs an account; pages redirect to sign-in, the API answers 401."""


class ForbiddenError(Exception):
    """Signed in, but this role may not use the page (403)."""


class TooManyAttemptsError(CRPError):
    """Too many sign-in attempts from one address."""

    code = "too_many_attempts"
    http_status = 429
    default_hint = (
        "Wait 15 minutes and try again, or ask your administrator to reset your password."
    )


@dataclass
class LoginThrottle:
    """Counts sign-in attempts per client address in a sliding window (in memory, per process).

    The per-account lock in the database is the real defence; this stops one address from
    spraying passwords across many accounts.
    """

    limit: int = ADDRESS_ATTEMPTS
    window: float = ADDRESS_WINDOW_SECONDS

    def __post_init__(self) -> None:
        self._attempts: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, address: str) -> None:
        """Record an attempt from `address`; TooManyAttemptsError once it is over the limit."""
        now = time.monotonic()
        with self._lock:
            attempts = self._attempts.setdefault(address, deque())
            while attempts and attempts[0] <= now - self.window:
                attempts.popleft()
            if len(attempts) >= self.limit:
                raise TooManyAttemptsError("Too many sign-in attempts from your address.")
            attempts.append(now)

    def forget(self, address: str) -> None:
        """A successful sign-in clears the address's count."""
        with self._lock:
            self._attempts.pop(address, None)


def sign_in(
    session: Session, request: Request, email: str, password: str, throttle: LoginThrottle
) -> User | None:
    """Check the password, lock the account after repeated failures, start a fresh session."""
    address = request.client.host if request.client else "unknown"
    throttle.check(address)
    now = utcnow()
    user = authenticate(session, email, password, now=now)
    if user is None:
        known = get_user_by_email(session, email)
        if known is not None and known.failed_login_count >= MAX_FAILED_LOGINS:
            known.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
            known.failed_login_count = 0
            session.flush()
        return None
    throttle.forget(address)
    request.session.clear()
    request.session.update(
        {
            SESSION_USER: user.id,
            SESSION_VERSION: user.session_version,
            SESSION_NONCE: secrets.token_urlsafe(16),
        }
    )
    return user


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
