"""Accounts, for administrators: list, add, disable and re-enable (the CLI does the same)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from crp_checker.store import (
    MIN_PASSWORD_LENGTH,
    Role,
    StoreError,
    User,
    create_user,
    disable_user,
    enable_user,
    get_user,
    list_users,
)
from crp_checker.web.deps import AdminUser, SessionDep
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
