"""Signing in and out, changing one's own password, and API tokens."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from crp_checker.errors import CRPError
from crp_checker.store import (
    MIN_PASSWORD_LENGTH,
    StoreError,
    WeakPasswordError,
    change_password,
    create_api_token,
    list_api_tokens,
    revoke_api_token,
)
from crp_checker.web.auth import sign_in, sign_out, start_session
from crp_checker.web.deps import CurrentUser, OptionalUser, SessionDep
from crp_checker.web.errors import error_headers
from crp_checker.web.hygiene import Line
from crp_checker.web.render import render

router = APIRouter(include_in_schema=False)
LOGIN_FAILED = "The email address or password is wrong, or the account is locked or disabled."


def safe_next(target: str | None) -> str:
    """Only local paths may be redirected to after sign-in (no open redirect)."""
    if not target:
        return "/reports"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/reports"
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return "/reports"
    return target


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, user: OptionalUser, next: str | None = None) -> HTMLResponse:
    """The sign-in form."""
    return render(request, "login.html", {"next": safe_next(next), "email": ""}, user=user)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    db: SessionDep,
    email: Annotated[Line, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    """Sign in: a new session on success; the same vague message for every failure."""
    target = safe_next(next)
    try:
        user = sign_in(db, request, email, password, request.app.state.throttle)
    except CRPError as error:
        context = {"next": target, "email": email, "error": error.message, "hint": error.hint}
        return render(
            request, "login.html", context, status=error.http_status, headers=error_headers(error)
        )
    if user is None:
        failed = {"next": target, "email": email, "error": LOGIN_FAILED}
        return render(request, "login.html", failed, status=401)
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
def logout(request: Request, user: OptionalUser) -> Response:
    """Sign out (POST with CSRF, so no other site can sign a user out).

    Session cookies are signed, not stored, so a copy of the old cookie would stay valid:
    signing out therefore ends every session of the account (its session_version goes up).
    """
    if user is not None:
        user.session_version += 1
    sign_out(request)
    return RedirectResponse("/", status_code=303)


@router.get("/account/tokens", response_class=HTMLResponse)
def tokens(request: Request, db: SessionDep, user: CurrentUser) -> HTMLResponse:
    """The user's API tokens."""
    context = {"tokens": list_api_tokens(db, user), "new_token": None}
    return render(request, "tokens.html", context, user=user)


@router.post("/account/tokens", response_class=HTMLResponse)
def new_token(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    name: Annotated[Line, Form(min_length=1, max_length=100)],
) -> HTMLResponse:
    """Make a token and show it once: only its SHA-256 is kept."""
    plaintext, _ = create_api_token(db, user, name)
    db.flush()
    context = {"tokens": list_api_tokens(db, user), "new_token": plaintext}
    return render(request, "tokens.html", context, user=user, status=201)


@router.post("/account/tokens/{token_id}/revoke")
def revoke(db: SessionDep, user: CurrentUser, token_id: int) -> Response:
    """Revoke one of the user's own tokens (someone else's id is a 404)."""
    if not revoke_api_token(db, user, token_id):
        raise HTTPException(status_code=404, detail="There is no such token.")
    return RedirectResponse("/account/tokens", status_code=303)


@router.get("/account/password", response_class=HTMLResponse)
def password_form(request: Request, user: CurrentUser, changed: bool = False) -> HTMLResponse:
    """The form to change one's password (the first page after a temporary one)."""
    context = {"changed": changed, "min_password": MIN_PASSWORD_LENGTH}
    return render(request, "account_password.html", context, user=user)


@router.post("/account/password", response_class=HTMLResponse)
def change(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    current_password: Annotated[str, Form(max_length=1024)],
    new_password: Annotated[str, Form(max_length=1024)],
    confirm_password: Annotated[str, Form(max_length=1024)],
) -> Response:
    """Change the password: every other session and every API token of the account ends;
    this browser stays signed in with a fresh session."""
    try:
        if new_password != confirm_password:
            raise WeakPasswordError(
                "The new password and its confirmation differ.", hint="Type the new one twice."
            )
        change_password(db, user, current_password, new_password)
    except StoreError as error:
        db.rollback()
        context = {"error": error, "changed": False, "min_password": MIN_PASSWORD_LENGTH}
        return render(
            request, "account_password.html", context, user=user, status=error.http_status
        )
    start_session(request, user)
    return RedirectResponse("/account/password?changed=true", status_code=303)
