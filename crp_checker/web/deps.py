"""What routes ask for instead of fetching it by hand: the session, the user, the checker.

As in the FastAPI full-stack template, each is an `Annotated` alias over a dependency:
`SessionDep` is one transaction per request (committed when the route returns, before the
response is sent; rolled back if it raises), `CurrentUser` is the signed-in user or a
redirect to sign in, and the role aliases answer 403 to anyone else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from crp_checker.checking import CheckingService
from crp_checker.settings import Settings
from crp_checker.store import Role, User, session_scope
from crp_checker.tenders.service import TENDER_ROLES
from crp_checker.web.auth import (
    ForbiddenError,
    PasswordChangeNeededError,
    bearer_user,
    require_user,
    session_user,
)

ADMIN_ROLES = frozenset({Role.ADMIN})
CLIMATE_ROLES = frozenset({Role.CLIMATE, Role.ADMIN})
REVIEW_ROLES = frozenset({Role.EVALUATOR, Role.CLIMATE, Role.ADMIN})


def get_session(request: Request) -> Iterator[Session]:
    """The request's unit of work on the app's database."""
    with session_scope(request.app.state.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_settings(request: Request) -> Settings:
    """The app's settings (tests and embedders pass their own to create_app)."""
    settings: Settings = request.app.state.settings
    return settings


def get_checking(request: Request) -> CheckingService:
    """The one checking service (and worker pool) of the app."""
    service: CheckingService = request.app.state.checking
    return service


SettingsDep = Annotated[Settings, Depends(get_settings)]
CheckingDep = Annotated[CheckingService, Depends(get_checking)]


# What a user with a temporary password may open before choosing their own.
WHILE_CHANGING_PASSWORD = frozenset({"/account/password", "/logout"})


def get_optional_user(request: Request, session: SessionDep) -> User | None:
    """The signed-in user, or None.

    The read ends its transaction at once: a route may then wait a minute for a check
    without holding a database connection.
    """
    user = session_user(session, request)
    session.commit()
    if (
        user is not None
        and user.must_change_password
        and request.url.path not in WHILE_CHANGING_PASSWORD
    ):
        raise PasswordChangeNeededError
    return user


OptionalUser = Annotated[User | None, Depends(get_optional_user)]


def get_current_user(user: OptionalUser) -> User:
    """The signed-in user; pages redirect anyone else to sign in."""
    return require_user(user)


CurrentUser = Annotated[User, Depends(get_current_user)]


def get_api_user(request: Request, session: SessionDep) -> User:
    """The API token's user (`Authorization: Bearer ...`), else the session's; 401 otherwise
    (an `Authorization` header that is not a valid token is 401 even with a session)."""
    user = require_user(bearer_user(session, request))
    session.commit()  # as for pages: no connection held while a check runs
    if user.must_change_password:
        raise PasswordChangeNeededError
    return user


ApiUser = Annotated[User, Depends(get_api_user)]


def get_optional_api_user(request: Request, session: SessionDep) -> User | None:
    """For calls open to anyone: None without credentials, else as `ApiUser` (an
    `Authorization` header that is not a valid token is 401, never anonymous)."""
    if "authorization" in request.headers:
        return get_api_user(request, session)
    user = session_user(session, request)
    session.commit()
    if user is not None and user.must_change_password:
        raise PasswordChangeNeededError
    return user


OptionalApiUser = Annotated[User | None, Depends(get_optional_api_user)]


def require_role(roles: frozenset[Role]) -> Callable[[User], User]:
    """A dependency: the signed-in user if their role is one of `roles`, else 403."""

    def role_user(user: CurrentUser) -> User:
        if user.role not in roles:
            raise ForbiddenError
        return user

    return role_user


AdminUser = Annotated[User, Depends(require_role(ADMIN_ROLES))]
ClimateUser = Annotated[User, Depends(require_role(CLIMATE_ROLES))]
TenderUser = Annotated[User, Depends(require_role(TENDER_ROLES))]
ReviewUser = Annotated[User, Depends(require_role(REVIEW_ROLES))]
