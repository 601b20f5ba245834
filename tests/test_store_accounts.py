"""Tests for crp_checker.store.accounts: hashing, sign-in, roles, disabling, organisations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from argon2 import PasswordHasher
from databases import FAST_HASHER, PASSWORD, add_user
from sqlalchemy.orm import Session

from crp_checker.store import (
    DuplicateEmailError,
    DuplicateOrganisationError,
    InvalidEmailError,
    InvalidOrganisationError,
    OrganisationRequiredError,
    Role,
    UnknownUserError,
    WeakPasswordError,
    accounts,
    authenticate,
    count_users,
    create_organisation,
    create_user,
    disable_user,
    enable_user,
    get_or_create_organisation,
    get_user,
    get_user_by_email,
    list_users,
    set_password,
)


class CountingHasher(PasswordHasher):
    """Counts verifications, to show unknown emails cost a hash check too."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.verified += 1
        return super().verify(hash, password)


def test_passwords_are_stored_as_argon2id_hashes_never_in_clear(session: Session) -> None:
    user = add_user(session, "ann@acme.example")
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_the_real_hasher_uses_argon2id_with_rfc_9106_memory() -> None:
    assert accounts.hasher.type.name == "ID"
    assert accounts.hasher.memory_cost >= 64 * 1024


def test_the_right_password_signs_in_and_records_the_time(session: Session) -> None:
    add_user(session, "ann@acme.example")
    now = dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.UTC)
    user = authenticate(session, "ann@acme.example", PASSWORD, now=now)
    assert user is not None and user.email == "ann@acme.example"
    assert user.last_login_at == now


def test_email_is_unique_and_matched_without_regard_to_case(session: Session) -> None:
    add_user(session, "Ann@Acme.Example", organisation="Acme Ltd")
    assert authenticate(session, "ANN@acme.example ", PASSWORD) is not None
    assert get_user_by_email(session, "ann@ACME.example") is not None
    with pytest.raises(DuplicateEmailError):
        add_user(session, "ann@acme.EXAMPLE", organisation="Acme Ltd")


def test_a_wrong_password_fails_and_is_counted(session: Session) -> None:
    add_user(session, "ann@acme.example")
    assert authenticate(session, "ann@acme.example", "not the password at all") is None
    assert authenticate(session, "ann@acme.example", "still not the password") is None
    user = get_user_by_email(session, "ann@acme.example")
    assert user is not None and user.failed_login_count == 2
    assert authenticate(session, "ann@acme.example", PASSWORD) is not None
    assert user.failed_login_count == 0


def test_an_unknown_email_fails_after_checking_a_dummy_hash(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    counting = CountingHasher()
    monkeypatch.setattr(accounts, "hasher", counting)
    accounts._dummy_hash.cache_clear()
    try:
        assert authenticate(session, "nobody@acme.example", PASSWORD) is None
        assert counting.verified == 1
    finally:
        accounts._dummy_hash.cache_clear()


def test_a_disabled_account_cannot_sign_in_and_its_sessions_end(session: Session) -> None:
    user = add_user(session, "ann@acme.example")
    version = user.session_version
    disable_user(session, "ANN@acme.example")
    assert user.disabled and user.session_version > version
    assert authenticate(session, "ann@acme.example", PASSWORD) is None
    enable_user(session, "ann@acme.example")
    assert authenticate(session, "ann@acme.example", PASSWORD) is not None


def test_a_locked_account_cannot_sign_in_until_the_lock_ends(session: Session) -> None:
    user = add_user(session, "ann@acme.example")
    now = dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.UTC)
    user.locked_until = now + dt.timedelta(minutes=15)
    assert authenticate(session, "ann@acme.example", PASSWORD, now=now) is None
    later = now + dt.timedelta(minutes=16)
    assert authenticate(session, "ann@acme.example", PASSWORD, now=later) is user
    assert user.locked_until is None


def test_a_hash_made_with_old_parameters_is_upgraded_at_sign_in(session: Session) -> None:
    user = add_user(session, "ann@acme.example")
    old = PasswordHasher(time_cost=2, memory_cost=512, parallelism=1).hash(PASSWORD)
    user.password_hash = old
    assert authenticate(session, "ann@acme.example", PASSWORD) is user
    assert user.password_hash != old
    assert not FAST_HASHER.check_needs_rehash(user.password_hash)
    assert authenticate(session, "ann@acme.example", PASSWORD) is user


def test_a_rehash_keeps_sessions(session: Session) -> None:
    user = add_user(session, "ann@acme.example")
    version = user.session_version
    user.password_hash = PasswordHasher(time_cost=2, memory_cost=512, parallelism=1).hash(PASSWORD)
    authenticate(session, "ann@acme.example", PASSWORD)
    assert user.session_version == version


@pytest.mark.parametrize("password", ["", "short", "eleven char"])
def test_a_password_under_12_characters_is_refused(session: Session, password: str) -> None:
    with pytest.raises(WeakPasswordError, match="at least 12"):
        create_user(session, "ann@acme.example", password, Role.ADMIN)
    assert count_users(session) == 0


def test_an_absurdly_long_password_is_refused(session: Session) -> None:
    with pytest.raises(WeakPasswordError):
        create_user(session, "ann@acme.example", "x" * 5000, Role.ADMIN)


def test_a_supplier_needs_an_organisation_and_staff_do_not(session: Session) -> None:
    with pytest.raises(OrganisationRequiredError):
        create_user(session, "ann@acme.example", PASSWORD, Role.SUPPLIER)
    for role in (Role.EVALUATOR, Role.CLIMATE, Role.ADMIN):
        user = create_user(session, f"{role.value}@council.example", PASSWORD, role)
        assert user.organisation is None and user.sees_all


def test_an_address_without_at_sign_is_refused(session: Session) -> None:
    with pytest.raises(InvalidEmailError):
        create_user(session, "admin", PASSWORD, Role.ADMIN)


def test_an_organisation_given_by_name_is_reused(session: Session) -> None:
    first = create_user(session, "ann@acme.example", PASSWORD, Role.SUPPLIER, "Acme Ltd")
    second = create_user(session, "bob@acme.example", PASSWORD, Role.SUPPLIER, "Acme Ltd")
    assert first.organisation is not None and first.organisation is second.organisation
    assert get_or_create_organisation(session, "Acme Ltd") is first.organisation


def test_organisations_are_unique_by_name_and_companies_house_number(session: Session) -> None:
    acme = create_organisation(session, "  Acme   Widgets Ltd ", "sc123456")
    assert (acme.name, acme.companies_house_number) == ("Acme Widgets Ltd", "SC123456")
    assert create_organisation(session, "Beta Ltd").companies_house_number is None
    assert create_organisation(session, "Gamma Ltd").companies_house_number is None
    with pytest.raises(DuplicateOrganisationError):
        create_organisation(session, "Acme Widgets Ltd")
    with pytest.raises(DuplicateOrganisationError):
        create_organisation(session, "Acme Widgets (Scotland) Ltd", "SC123456")


@pytest.mark.parametrize(("name", "number"), [("", None), ("   ", None), ("Acme", "12345")])
def test_a_blank_name_or_malformed_company_number_is_refused(
    session: Session, name: str, number: str | None
) -> None:
    with pytest.raises(InvalidOrganisationError):
        create_organisation(session, name, number)


def test_changing_the_password_ends_sessions_and_the_old_one_stops_working(
    session: Session,
) -> None:
    user = add_user(session, "ann@acme.example")
    version = user.session_version
    set_password(session, user, "a brand new passphrase")
    assert user.session_version == version + 1
    assert authenticate(session, "ann@acme.example", PASSWORD) is None
    assert authenticate(session, "ann@acme.example", "a brand new passphrase") is user
    with pytest.raises(WeakPasswordError):
        set_password(session, user, "too short")


def test_disabling_an_unknown_account_is_a_named_error(session: Session) -> None:
    with pytest.raises(UnknownUserError, match=r"nobody@acme\.example"):
        disable_user(session, "nobody@acme.example")


def test_users_are_listed_by_email_and_found_by_id(session: Session) -> None:
    organisation = create_organisation(session, "Acme Ltd")
    for email in ("cat@acme.example", "ann@acme.example", "bob@acme.example"):
        create_user(session, email, PASSWORD, Role.SUPPLIER, organisation)
    admin = create_user(session, "admin@council.example", PASSWORD, Role.ADMIN)
    emails = [user.email for user in list_users(session)]
    assert emails == sorted(emails) and len(emails) == 4
    assert [user.email for user in list_users(session, role=Role.ADMIN)] == [admin.email]
    assert get_user(session, admin.id) is admin
    assert count_users(session) == 4


def test_the_database_refuses_a_supplier_without_organisation(session: Session) -> None:
    # The check constraint backs up create_user for rows written any other way.
    from sqlalchemy.exc import IntegrityError

    from crp_checker.store import User

    values: dict[str, Any] = {"email": "x@acme.example", "password_hash": "h"}
    session.add(User(role=Role.SUPPLIER, **values))
    with pytest.raises(IntegrityError):
        session.flush()
