"""API tokens for the JSON API: shown once, kept only as a SHA-256, revocable."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from crp_checker.store.models import ApiToken, User, utcnow

TOKEN_PREFIX = "crp_"
# Writing last_used_at on every request would make each API call a database write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def _digest(plaintext: str) -> str:
    # A plain SHA-256 suffices: tokens carry 256 random bits, nothing to brute-force.
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def create_api_token(session: Session, user: User, name: str) -> tuple[str, ApiToken]:
    """A new token for `user`: the plaintext (show it once, it is not kept) and its record."""
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip()[:100], token_sha256=_digest(plaintext))
    session.add(token)
    session.flush()
    return plaintext, token


def user_for_token(
    session: Session, plaintext: str, *, now: dt.datetime | None = None
) -> User | None:
    """The user a bearer token belongs to, or None if unknown, revoked or the user is disabled."""
    now = now or utcnow()
    statement = select(ApiToken).where(ApiToken.token_sha256 == _digest(plaintext))
    token = session.scalars(statement).one_or_none()
    if token is None or token.revoked_at is not None or token.user.disabled:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        token.last_used_at = now
        session.flush()
    return token.user


def list_api_tokens(session: Session, user: User) -> list[ApiToken]:
    """A user's tokens, newest first, revoked ones included (their page shows both)."""
    statement = (
        select(ApiToken)
        .where(ApiToken.user_id == user.id)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(session.scalars(statement))


def revoke_api_token(session: Session, user: User, token_id: int) -> bool:
    """Revoke one of `user`'s tokens; False if it is not theirs or does not exist."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        return False
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.flush()
    return True


def revoke_all_api_tokens(session: Session, user: User, *, now: dt.datetime | None = None) -> int:
    """Revoke every live token of `user` (a password change does); returns how many."""
    now = now or utcnow()
    live = [t for t in list_api_tokens(session, user) if t.revoked_at is None]
    for token in live:
        token.revoked_at = now
    session.flush()
    return len(live)
