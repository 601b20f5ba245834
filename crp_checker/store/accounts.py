"""Organisations and user accounts: argon2 password hashes, roles, sign-in and disabling.

Changing a password and reset links are in `store.passwords`."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crp_checker.clean_text import require_clean
from crp_checker.store.errors import (
    DuplicateEmailError,
    DuplicateOrganisationError,
    InvalidEmailError,
    InvalidOrganisationError,
    OrganisationRequiredError,
    UnknownUserError,
    WeakPasswordError,
)
from crp_checker.store.models import Organisation, Role, User, utcnow

_COMPANY_NUMBER = re.compile(r"^[0-9A-Z]{2}[0-9]{6}$")
MIN_PASSWORD_LENGTH = 12
# Hashing megabytes of "password" would let anyone keep the server busy.
MAX_PASSWORD_LENGTH = 1024

# argon2-cffi's defaults follow RFC 9106; a hash made with other parameters is upgraded at
# the next successful sign-in.
hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    return hasher.hash("a password nobody has: timing is the same for unknown emails")


def normalise_email(email: str) -> str:
    """The stored form of an address: trimmed and lower-cased, so case never duplicates."""
    return email.strip().lower()


def check_password(password: str) -> None:
    """Refuse a password the policy does not allow (WeakPasswordError says why)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPasswordError(
            f"The password has {len(password)} characters: at least {MIN_PASSWORD_LENGTH} "
            "are needed."
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPasswordError(
            f"The password is longer than {MAX_PASSWORD_LENGTH} characters.",
            hint="Choose a shorter passphrase.",
        )


# --------------------------------------------------------------------------- organisations


def create_organisation(
    session: Session, name: str, companies_house_number: str | None = None
) -> Organisation:
    """Add an organisation; names and Companies House numbers are unique."""
    name = " ".join(require_clean("organisation name", name).split())
    number = companies_house_number.strip().upper() if companies_house_number else None
    if not name or len(name) > 200:
        raise InvalidOrganisationError(f"{name!r} is not an organisation name.")
    if number is not None and not _COMPANY_NUMBER.match(number):
        raise InvalidOrganisationError(f"{number!r} is not a Companies House number.")
    same = Organisation.name == name
    if number is not None:
        same |= Organisation.companies_house_number == number
    if session.scalars(select(Organisation).where(same)).first() is not None:
        raise DuplicateOrganisationError(
            f"The organisation {name} ({number or 'no number'}) exists."
        )
    organisation = Organisation(name=name, companies_house_number=number)
    session.add(organisation)
    session.flush()
    return organisation


def get_organisation(session: Session, organisation_id: int) -> Organisation | None:
    """The organisation with this id, or None."""
    return session.get(Organisation, organisation_id)


def get_organisation_by_name(session: Session, name: str) -> Organisation | None:
    """The organisation with exactly this name, or None."""
    statement = select(Organisation).where(Organisation.name == " ".join(name.split()))
    return session.scalars(statement).one_or_none()


def get_or_create_organisation(session: Session, name: str) -> Organisation:
    """The organisation with this name, created if new (the CLI's --organisation NAME)."""
    return get_organisation_by_name(session, name) or create_organisation(session, name)


def list_organisations(session: Session) -> list[Organisation]:
    """Every organisation, by name."""
    return list(session.scalars(select(Organisation).order_by(Organisation.name)))


# --------------------------------------------------------------------------- users


def create_user(
    session: Session,
    email: str,
    password: str,
    role: Role,
    organisation: Organisation | str | None = None,
    *,
    name: str | None = None,
) -> User:
    """Add an account; `organisation` may be a name (created if new). Suppliers need one.

    Raises InvalidEmailError, WeakPasswordError, OrganisationRequiredError,
    DuplicateEmailError or InvalidOrganisationError.
    """
    email = normalise_email(require_clean("email address", email))
    if name is not None:
        require_clean("name", name)
    if "@" not in email.strip("@") or len(email) > 320:
        raise InvalidEmailError(f"{email!r} is not an email address.")
    check_password(password)
    if role is Role.SUPPLIER and organisation is None:
        raise OrganisationRequiredError(f"The supplier account {email} needs an organisation.")
    if get_user_by_email(session, email) is not None:
        raise DuplicateEmailError(f"An account for {email} already exists.")
    if isinstance(organisation, str):
        organisation = get_or_create_organisation(session, organisation)
    user = User(
        email=email,
        name=name,
        password_hash=hasher.hash(password),
        role=role,
        organisation=organisation,
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError as error:  # created by someone else since we looked
        raise DuplicateEmailError(f"An account for {email} already exists.") from error
    return user


def get_user(session: Session, user_id: int) -> User | None:
    """The account with this id, or None (the web app loads the signed-in user with it)."""
    return session.get(User, user_id)


def get_user_by_email(session: Session, email: str) -> User | None:
    """The account with this address (any case), or None."""
    statement = select(User).where(User.email == normalise_email(email))
    return session.scalars(statement).one_or_none()


def list_users(session: Session, *, role: Role | None = None) -> list[User]:
    """Every account (or those with one role), by email."""
    statement = select(User).order_by(User.email)
    if role is not None:
        statement = statement.where(User.role == role)
    return list(session.scalars(statement))


def count_users(session: Session) -> int:
    """How many accounts exist (the web app can say "create the first admin")."""
    return session.scalar(select(func.count()).select_from(User)) or 0


def authenticate(
    session: Session, email: str, password: str, *, now: dt.datetime | None = None
) -> User | None:
    """The account if the password is right and it may sign in, else None.

    Takes about as long for unknown addresses as for known ones, counts failures (the web app
    may set `locked_until` from `failed_login_count`), refuses disabled or locked accounts,
    and rehashes the password when argon2's parameters have changed.
    """
    now = now or utcnow()
    user = get_user_by_email(session, email) if len(password) <= MAX_PASSWORD_LENGTH else None
    if user is None:
        verify(_dummy_hash(), password)
        return None
    if not verify(user.password_hash, password):
        user.failed_login_count += 1
        session.flush()
        return None
    if user.disabled or (user.locked_until is not None and user.locked_until > now):
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    user.failed_login_count = 0
    user.locked_until = None
    user.last_login_at = now
    session.flush()
    return user


def verify(password_hash: str, password: str) -> bool:
    """Whether `password` matches the argon2 hash (False for a malformed hash)."""
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def disable_user(session: Session, email: str) -> User:
    """Stop an account signing in; its sessions end, and its API tokens and reset links are
    revoked for good (re-enabling the account does not bring them back)."""
    from crp_checker.store.passwords import revoke_reset_links
    from crp_checker.store.tokens import revoke_all_api_tokens

    user = get_user_by_email(session, email)
    if user is None:
        raise UnknownUserError(f"There is no account for {normalise_email(email)}.")
    if not user.disabled:
        user.disabled = True
        user.session_version += 1
    revoke_all_api_tokens(session, user)
    revoke_reset_links(session, user)
    session.flush()
    return user


def enable_user(session: Session, email: str) -> User:
    """Let a disabled account sign in again, with its password; nothing revoked comes back."""
    user = get_user_by_email(session, email)
    if user is None:
        raise UnknownUserError(f"There is no account for {normalise_email(email)}.")
    user.disabled = False
    session.flush()
    return user
