"""Accounts, for administrators: list, add, disable and re-enable, set a temporary password or
make a one-time reset link (the CLI does the same, but for reset links)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from crp_checker.mail import MailError, send_reset_link
from crp_checker.store import (
    MIN_PASSWORD_LENGTH,
    Role,
    StoreError,
    User,
    create_reset_link,
    create_user,
    disable_user,
    enable_user,
    get_user,
    list_users,
    set_password,
)
from crp_checker.web.auth import start_session
from crp_checker.web.deps import AdminUser, SessionDep, SettingsDep
from crp_checker.web.hygiene import Line
from crp_checker.web.render import render

router = APIRouter(prefix="/admin", include_in_schema=False)


def _page(
    request: Request, db: Session, user: User, status: int = 200, **extra: object
) -> HTMLResponse:
    context = {
        "users": list_users(db),
        "roles": list(Role),
        "min_password": MIN_PASSWORD_LENGTH,
        "form": {"email": "", "role": "supplier", "organisation": "", "name": ""},
    } | extra
    return render(request, "admin_users.html", context, user=user, status=status)


@router.get("/users", response_class=HTMLResponse)
def users(request: Request, db: SessionDep, admin: AdminUser) -> HTMLResponse:
    """Every account, with a form to add one."""
    return _page(request, db, admin)


@router.post("/users", response_class=HTMLResponse)
def add_user(
    request: Request,
    db: SessionDep,
    admin: AdminUser,
    email: Annotated[Line, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1024)],
    role: Annotated[Role, Form()],
    organisation: Annotated[Line, Form(max_length=200)] = "",
    name: Annotated[Line, Form(max_length=200)] = "",
) -> Response:
    """Add an account; a supplier account needs its organisation's name."""
    form = {"email": email, "role": role.value, "organisation": organisation, "name": name}
    try:
        create_user(
            db, email, password, role, organisation.strip() or None, name=name.strip() or None
        )
    except StoreError as error:
        db.rollback()  # nothing of the refused account is kept
        return _page(request, db, admin, error.http_status, error=error, form=form)
    return RedirectResponse("/admin/users", status_code=303)


def _set_disabled(db: Session, admin: User, user_id: int, disabled: bool) -> Response:
    target = get_user(db, user_id)
    if target is None:
        raise HTTPException(status_code=404, detail="There is no such account.")
    if target.id == admin.id and disabled:
        raise HTTPException(status_code=409, detail="You cannot disable your own account.")
    (disable_user if disabled else enable_user)(db, target.email)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/users/{user_id}/disable")
def disable(db: SessionDep, admin: AdminUser, user_id: int) -> Response:
    """Stop an account signing in; its sessions and API tokens stop working at once."""
    return _set_disabled(db, admin, user_id, True)


@router.post("/users/{user_id}/enable")
def enable(db: SessionDep, admin: AdminUser, user_id: int) -> Response:
    """Let a disabled account sign in again."""
    return _set_disabled(db, admin, user_id, False)


def _target(db: Session, user_id: int) -> User:
    target = get_user(db, user_id)
    if target is None:
        raise HTTPException(status_code=404, detail="There is no such account.")
    return target


def _password_page(
    request: Request, admin: User, target: User, status: int = 200, **extra: object
) -> HTMLResponse:
    settings = request.app.state.settings
    context = {
        "target": target,
        "min_password": MIN_PASSWORD_LENGTH,
        "smtp": bool(settings.smtp_host),
        "reset_hours": f"{settings.reset_link_hours:g}",
    } | extra
    return render(request, "admin_password.html", context, user=admin, status=status)


@router.get("/users/{user_id}/password", response_class=HTMLResponse)
def password_page(request: Request, db: SessionDep, admin: AdminUser, user_id: int) -> Response:
    """Set a temporary password for an account, or make it a one-time reset link."""
    return _password_page(request, admin, _target(db, user_id))


@router.post("/users/{user_id}/password", response_class=HTMLResponse)
def temporary_password(
    request: Request,
    db: SessionDep,
    admin: AdminUser,
    user_id: int,
    password: Annotated[str, Form(max_length=1024)],
) -> Response:
    """A temporary password: the account's sessions, tokens and links end, and its owner must
    choose a new password at the next sign-in."""
    target = _target(db, user_id)
    try:
        set_password(db, target, password, temporary=True)
    except StoreError as error:
        db.rollback()
        return _password_page(request, admin, target, error.http_status, error=error)
    if target.id == admin.id:
        start_session(request, target)  # an admin may reset their own; they stay signed in
    return _password_page(request, admin, target, temporary_set=True)


@router.post("/users/{user_id}/reset-link", response_class=HTMLResponse)
def reset_link(
    request: Request, db: SessionDep, settings: SettingsDep, admin: AdminUser, user_id: int
) -> Response:
    """A one-time link to choose a new password, shown here (and emailed when SMTP is set up).
    Earlier links of the account stop working; its password works until the link is used."""
    target = _target(db, user_id)
    if target.disabled:
        raise HTTPException(status_code=409, detail="Enable the account before resetting it.")
    token = create_reset_link(db, target, hours=settings.reset_link_hours)
    base = (settings.public_url or str(request.base_url)).rstrip("/")
    link = f"{base}/reset/{token}"
    mailed, mail_error = False, None
    if settings.smtp_host:
        db.commit()  # the link works before the email arrives
        try:
            send_reset_link(settings, target.email, link)
            mailed = True
        except MailError as error:
            mail_error = error
    return _password_page(request, admin, target, link=link, mailed=mailed, mail_error=mail_error)
