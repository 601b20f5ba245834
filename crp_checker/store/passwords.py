"""Password lifecycle: changing a password, temporary passwords and one-time reset links.

Any new password ends every session of the account (its `session_version` goes up) and
revokes its API tokens and outstanding reset links, since a password is most often changed
because it may have leaked. Reset links are shown once (or emailed) and kept as a SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from crp_checker.store import accounts
from crp_checker.store.errors import StoreError, WeakPasswordError
from crp_checker.store.models import PasswordReset, User, utcnow
from crp_checker.store.tokens import revoke_all_api_tokens

RESET_PREFIX = "reset_"
RESET_LINK_HOURS = 24


class WrongPasswordError(StoreError):
    """The current password given to change it is not the account's."""

    code = "wrong_password"
    http_status = 400
    default_hint = "Type your current password again; if you have lost it, ask your administrator."


class InvalidResetLinkError(StoreError):
    """A reset link that is unknown, used already, expired, or for a disabled account."""

    code = "invalid_reset_link"
    http_status = 404
    title = "This reset link does not work"
    default_hint = "Ask your administrator for a new reset link: each works once, for 24 hours."


def _digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def set_password(session: Session, user: User, password: str, *, temporary: bool = False) -> None:
    """Give the account a new password (`temporary`: to be changed at the next sign-in)."""
    accounts.check_password(password)
    user.password_hash = accounts.hasher.hash(password)
    user.must_change_password = temporary
    revoke_all_api_tokens(session, user)
    revoke_reset_links(session, user)
    user.session_version += 1
    user.failed_login_count = 0
    user.locked_until = None
    session.flush()


def change_password(session: Session, user: User, current: str, new: str) -> None:
    """The user's own change: the current password first, and a new one that differs."""
    if not accounts.verify(user.password_hash, current):
        raise WrongPasswordError("The current password is not right.")
    if new == current:
        raise WeakPasswordError(
            "The new password is the same as the current one.",
            hint="Choose a password you have not used here before.",
        )
    set_password(session, user, new)


def create_reset_link(
    session: Session, user: User, *, hours: float = RESET_LINK_HOURS, now: dt.datetime | None = None
) -> str:
    """A new one-time reset token for `user` (earlier ones stop working); show it once."""
    now = now or utcnow()
    revoke_reset_links(session, user, now=now)
    plaintext = RESET_PREFIX + secrets.token_urlsafe(32)
    session.add(
        PasswordReset(
            user=user,
            token_sha256=_digest(plaintext),
            created_at=now,
            expires_at=now + dt.timedelta(hours=hours),
        )
    )
    session.flush()
    return plaintext


def reset_link_user(session: Session, plaintext: str, *, now: dt.datetime | None = None) -> User:
    """The account a reset token may set a password for; InvalidResetLinkError otherwise."""
    now = now or utcnow()
    statement = select(PasswordReset).where(PasswordReset.token_sha256 == _digest(plaintext))
    reset = session.scalars(statement).one_or_none()
    if reset is None or reset.used_at is not None or reset.expires_at <= now or reset.user.disabled:
        raise InvalidResetLinkError("This password reset link is not valid any more.")
    return reset.user


def use_reset_link(
    session: Session, plaintext: str, password: str, *, now: dt.datetime | None = None
) -> User:
    """Set the password a reset token was made for; the token is then spent."""
    user = reset_link_user(session, plaintext, now=now)
    set_password(session, user, password)  # also spends every reset link of the account
    return user


def revoke_reset_links(session: Session, user: User, *, now: dt.datetime | None = None) -> int:
    """Spend every unused reset link of `user`; returns how many."""
    now = now or utcnow()
    statement = select(PasswordReset).where(
        PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None)
    )
    live = list(session.scalars(statement))
    for reset in live:
        reset.used_at = now
    return len(live)
