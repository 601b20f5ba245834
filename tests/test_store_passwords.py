"""Tests for crp_checker.store.passwords: changing a password, temporary passwords and
one-time reset links, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from databases import PASSWORD, add_user
from sqlalchemy.orm import Session

from crp_checker.store import (
    InvalidResetLinkError,
    WeakPasswordError,
    WrongPasswordError,
    authenticate,
    change_password,
    create_api_token,
    create_reset_link,
    disable_user,
    enable_user,
    reset_link_user,
    set_password,
    use_reset_link,
    user_for_token,
)
from crp_checker.store.models import utcnow

NEW = "a brand new passphrase"


def test_a_new_password_ends_sessions_tokens_and_links(session: Session) -> None:
    user = add_user(session, "ann@acme.example")
    token, _ = create_api_token(session, user, "script")
    link = create_reset_link(session, user)
    version = user.session_version
    set_password(session, user, NEW, temporary=True)
    assert user.session_version == version + 1 and user.must_change_password
    assert user_for_token(session, token) is None
    with pytest.raises(InvalidResetLinkError):
        reset_link_user(session, link)
    assert authenticate(session, "ann@acme.example", NEW) is user


def test_changing_needs_the_current_password_and_a_different_one(session: Session) -> None:
    user = add_user(session, "ann@acme.example")
    with pytest.raises(WrongPasswordError):
        change_password(session, user, "not it at all", NEW)
    with pytest.raises(WeakPasswordError, match="same as the current"):
        change_password(session, user, PASSWORD, PASSWORD)
    set_password(session, user, "a temporary passphrase", temporary=True)
    change_password(session, user, "a temporary passphrase", NEW)
    assert not user.must_change_password
    assert authenticate(session, "ann@acme.example", NEW) is user


def test_a_reset_link_works_once_and_only_until_it_expires(session: Session) -> None:
    user = add_user(session, "ann@acme.example")
    now = utcnow()
    link = create_reset_link(session, user, hours=1, now=now)
    assert link.startswith("reset_") and link not in str(user.__dict__)
    assert reset_link_user(session, link, now=now + dt.timedelta(minutes=59)) is user
    with pytest.raises(InvalidResetLinkError):
        reset_link_user(session, link, now=now + dt.timedelta(minutes=61))
    assert use_reset_link(session, link, NEW, now=now) is user
    with pytest.raises(InvalidResetLinkError):
        use_reset_link(session, link, "another new passphrase", now=now)
    with pytest.raises(InvalidResetLinkError):
        reset_link_user(session, "reset_made-up")


def test_a_new_link_replaces_the_old_one(session: Session) -> None:
    user = add_user(session, "ann@acme.example")
    first = create_reset_link(session, user)
    second = create_reset_link(session, user)
    with pytest.raises(InvalidResetLinkError):
        reset_link_user(session, first)
    assert reset_link_user(session, second) is user


def test_disabling_revokes_tokens_and_links_and_enabling_brings_none_back(
    session: Session,
) -> None:
    user = add_user(session, "ann@acme.example")
    token, _ = create_api_token(session, user, "script")
    link = create_reset_link(session, user)
    disable_user(session, user.email)
    enable_user(session, user.email)
    assert user_for_token(session, token) is None
    with pytest.raises(InvalidResetLinkError):
        reset_link_user(session, link)
    assert authenticate(session, user.email, PASSWORD) is user
