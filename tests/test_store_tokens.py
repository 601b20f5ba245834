"""Tests for crp_checker.store.tokens: shown once, stored hashed, revocable, tied to the user."""

from __future__ import annotations

import datetime as dt
import hashlib

from databases import add_user
from sqlalchemy import text
from sqlalchemy.orm import Session

from crp_checker.store import (
    Role,
    create_api_token,
    disable_user,
    list_api_tokens,
    revoke_api_token,
    user_for_token,
)


def test_a_token_identifies_its_user(session: Session) -> None:
    user = add_user(session, "ann@acme.example")
    plaintext, token = create_api_token(session, user, "procurement portal")
    assert plaintext.startswith("crp_") and len(plaintext) > 40
    assert token.name == "procurement portal" and token.user is user
    assert user_for_token(session, plaintext) is user


def test_the_plaintext_is_never_stored(session: Session) -> None:
    user = add_user(session, "ann@acme.example")
    plaintext, token = create_api_token(session, user, "script")
    session.flush()
    assert token.token_sha256 == hashlib.sha256(plaintext.encode()).hexdigest()
    rows = session.execute(text("SELECT * FROM api_tokens")).all()
    assert rows and all(plaintext not in str(value) for row in rows for value in row)


def test_an_unknown_or_altered_token_gives_no_user(session: Session) -> None:
    user = add_user(session, "ann@acme.example")
    plaintext, _ = create_api_token(session, user, "script")
    assert user_for_token(session, plaintext[:-1] + ("A" if plaintext[-1] != "A" else "B")) is None
    assert user_for_token(session, "") is None


def test_a_revoked_token_stops_working_and_only_its_owner_can_revoke_it(
    session: Session,
) -> None:
    ann = add_user(session, "ann@acme.example")
    bob = add_user(session, "bob@beta.example")
    plaintext, token = create_api_token(session, ann, "script")
    assert revoke_api_token(session, bob, token.id) is False
    assert user_for_token(session, plaintext) is ann
    assert revoke_api_token(session, ann, token.id) is True
    assert token.revoked_at is not None
    assert user_for_token(session, plaintext) is None
    assert revoke_api_token(session, ann, 10_000) is False


def test_a_disabled_users_tokens_stop_working(session: Session) -> None:
    user = add_user(session, "ann@acme.example")
    plaintext, _ = create_api_token(session, user, "script")
    disable_user(session, user.email)
    assert user_for_token(session, plaintext) is None


def test_use_is_recorded_at_most_once_a_minute(session: Session) -> None:
    user = add_user(session, "admin@council.example", Role.ADMIN)
    plaintext, token = create_api_token(session, user, "script")
    first = dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.UTC)
    user_for_token(session, plaintext, now=first)
    assert token.last_used_at == first
    user_for_token(session, plaintext, now=first + dt.timedelta(seconds=30))
    assert token.last_used_at == first
    user_for_token(session, plaintext, now=first + dt.timedelta(minutes=2))
    assert token.last_used_at == first + dt.timedelta(minutes=2)


def test_a_users_tokens_are_listed_newest_first_with_revoked_ones(session: Session) -> None:
    ann = add_user(session, "ann@acme.example")
    bob = add_user(session, "bob@beta.example")
    _, old = create_api_token(session, ann, "old")
    _, new = create_api_token(session, ann, "new")
    create_api_token(session, bob, "bob's")
    revoke_api_token(session, ann, old.id)
    assert [token.name for token in list_api_tokens(session, ann)] == ["new", "old"]
    assert new.revoked_at is None
