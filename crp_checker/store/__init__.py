"""Storage for the web app: accounts, uploaded plans and saved assessments (SQLAlchemy 2).

The doors call these functions with a Session from `session_scope()`; none of them commits
except re-assessment (`store.reassess`), so one request is one transaction.
"""

from __future__ import annotations

from crp_checker.store.accounts import (
    MIN_PASSWORD_LENGTH,
    authenticate,
    check_password,
    count_users,
    create_organisation,
    create_user,
    disable_user,
    enable_user,
    get_or_create_organisation,
    get_organisation,
    get_organisation_by_name,
    get_user,
    get_user_by_email,
    list_organisations,
    list_users,
    normalise_email,
)
from crp_checker.store.assessments import (
    count_assessments_for,
    get_assessment,
    get_assessment_for,
    list_assessments_for,
    previous_assessment,
    save_assessment,
    save_check,
)
from crp_checker.store.db import (
    create_engine_for,
    dispose_engines,
    get_engine,
    init_db,
    session_scope,
)
from crp_checker.store.errors import (
    DuplicateEmailError,
    DuplicateOrganisationError,
    InvalidEmailError,
    InvalidOrganisationError,
    OrganisationRequiredError,
    StoredFileError,
    StoreError,
    UnknownUserError,
    WeakPasswordError,
)
from crp_checker.store.files import read_file, store_file
from crp_checker.store.models import (
    ApiToken,
    AssessmentRecord,
    Organisation,
    PasswordReset,
    Role,
    StoredFile,
    User,
)
from crp_checker.store.passwords import (
    InvalidResetLinkError,
    WrongPasswordError,
    change_password,
    create_reset_link,
    reset_link_user,
    set_password,
    use_reset_link,
)
from crp_checker.store.tokens import (
    create_api_token,
    list_api_tokens,
    revoke_api_token,
    user_for_token,
)

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "ApiToken",
    "AssessmentRecord",
    "DuplicateEmailError",
    "DuplicateOrganisationError",
    "InvalidEmailError",
    "InvalidOrganisationError",
    "InvalidResetLinkError",
    "Organisation",
    "OrganisationRequiredError",
    "PasswordReset",
    "Role",
    "StoreError",
    "StoredFile",
    "StoredFileError",
    "UnknownUserError",
    "User",
    "WeakPasswordError",
    "WrongPasswordError",
    "authenticate",
    "change_password",
    "check_password",
    "count_assessments_for",
    "count_users",
    "create_api_token",
    "create_engine_for",
    "create_organisation",
    "create_reset_link",
    "create_user",
    "disable_user",
    "dispose_engines",
    "enable_user",
    "get_assessment",
    "get_assessment_for",
    "get_engine",
    "get_or_create_organisation",
    "get_organisation",
    "get_organisation_by_name",
    "get_user",
    "get_user_by_email",
    "init_db",
    "list_api_tokens",
    "list_assessments_for",
    "list_organisations",
    "list_users",
    "normalise_email",
    "previous_assessment",
    "read_file",
    "reset_link_user",
    "revoke_api_token",
    "save_assessment",
    "save_check",
    "session_scope",
    "set_password",
    "store_file",
    "use_reset_link",
    "user_for_token",
]

# Importing these registers their tables on Base.metadata (the migrations compare against it).
from crp_checker.store import correction_models as correction_models
from crp_checker.store import supplier_models as supplier_models
from crp_checker.store import tender_models as tender_models
