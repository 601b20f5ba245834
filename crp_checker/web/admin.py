"""Accounts, for administrators: list, add, disable and re-enable (the CLI does the same)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from crp_checker.store import (
    MIN_PASSWORD_LENGTH,
    Role,
    StoreError,
    create_user,
    disable_user,
    enable_user,
    get_user,
    list_users,
    session_scope,
)
from crp_checker.web.auth import require_role, session_user
from crp_checker.web.render import render

router = APIRouter(prefix="/admin", include_in_schema=False)
ADMINS = frozenset({Role.ADMIN})


def _page(request: Request, status: int = 200, **extra: object) -> HTMLResponse:
    with session_scope(request.app.state.engine) as db:
        user = require_role(session_user(db, request), ADMINS)
        context = {
            "users": list_users(db),
            "roles": list(Role),
            "min_password": MIN_PASSWORD_LENGTH,
            "form": {"email": "", "role": "supplier", "organisation": "", "name": ""},
        } | extra
        return render(request, "admin_users.html", context, user=user, status=status)


@router.get("/users", response_class=HTMLResponse)
def users(request: Request) -> HTMLResponse:
    """Every account, with a form to add one."""
    return _page(request)


@router.post("/users", response_class=HTMLResponse)
def add_user(
    request: Request,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1024)],
    role: Annotated[Role, Form()],
    organisation: Annotated[str, Form(max_length=200)] = "",
    name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Add an account; a supplier account needs its organisation's name."""
    form = {"email": email, "role": role.value, "organisation": organisation, "name": name}
    try:
        with session_scope(request.app.state.engine) as db:
            require_role(session_user(db, request), ADMINS)
            create_user(
                db, email, password, role, organisation.strip() or None, name=name.strip() or None
            )
    except StoreError as error:
        return _page(request, error.http_status, error=error, form=form)
    return RedirectResponse("/admin/users", status_code=303)


def _set_disabled(request: Request, user_id: int, disabled: bool) -> Response:
    with session_scope(request.app.state.engine) as db:
        admin = require_role(session_user(db, request), ADMINS)
        target = get_user(db, user_id)
        if target is None:
            raise HTTPException(status_code=404, detail="There is no such account.")
        if target.id == admin.id and disabled:
            raise HTTPException(status_code=409, detail="You cannot disable your own account.")
        (disable_user if disabled else enable_user)(db, target.email)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/users/{user_id}/disable")
def disable(request: Request, user_id: int) -> Response:
    """Stop an account signing in; its sessions and API tokens stop working at once."""
    return _set_disabled(request, user_id, True)


@router.post("/users/{user_id}/enable")
def enable(request: Request, user_id: int) -> Response:
    """Let a disabled account sign in again."""
    return _set_disabled(request, user_id, False)
