"""Named errors for accounts and stored files; the doors map them like any CRPError."""

from __future__ import annotations

from crp_checker.errors import CRPError


class StoreError(CRPError):
    """Base class: a storage request was refused."""

    code = "store"
    http_status = 400
    default_hint = "Check the request and try again."


class DuplicateEmailError(StoreError):
    """An account with this email address already exists (case is ignored)."""

    code = "duplicate_email"
    http_status = 409
    default_hint = "Use another address, or reset the existing account's password."


class InvalidEmailError(StoreError):
    """The account name is not an email address."""

    code = "invalid_email"
    http_status = 422
    default_hint = "Give a full address, such as name@example.org."


class WeakPasswordError(StoreError):
    """The password is too short (or absurdly long)."""

    code = "weak_password"
    http_status = 422
    default_hint = "Choose a passphrase of at least 12 characters, e.g. four unrelated words."


class OrganisationRequiredError(StoreError):
    """A supplier account must belong to an organisation."""

    code = "organisation_required"
    http_status = 422
    default_hint = "Give the supplier's organisation (--organisation NAME)."


class DuplicateOrganisationError(StoreError):
    """An organisation with this name or Companies House number already exists."""

    code = "duplicate_organisation"
    http_status = 409
    default_hint = "Add the account to the existing organisation instead."


class InvalidOrganisationError(StoreError):
    """The organisation's name is empty or its Companies House number is malformed."""

    code = "invalid_organisation"
    http_status = 422
    default_hint = "Give the registered name and the 8-character number, e.g. 01234567 or SC123456."


class UnknownUserError(StoreError):
    """No account has this email address."""

    code = "unknown_user"
    http_status = 404
    default_hint = "Check the address; `crp-checker users list` shows every account."


class StoredFileError(StoreError):
    """A stored plan is missing from the file store or no longer matches its SHA-256."""

    code = "stored_file"
    http_status = 500
    default_hint = "Restore the data folder's files/ from a backup; the database row is intact."
