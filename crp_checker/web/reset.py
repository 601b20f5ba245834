"""One-time password reset links: open the link, choose a new password, be signed in.

The link's token is moved into the (signed) session at once and the browser is sent on to
/reset, so the token is not left in the address bar, the history or a Referer header.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from crp_checker.store import (
    MIN_PASSWORD_LENGTH,
    InvalidResetLinkError,
    StoreError,
    WeakPasswordError,
    reset_link_user,
    use_reset_link,
)
from crp_checker.web.auth import start_session
from crp_checker.web.deps import SessionDep
from crp_checker.web.render import render

router = APIRouter(include_in_schema=False)
SESSION_RESET = "reset"
MAX_TOKEN_CHARS = 100


def _token(request: Request) -> str:
    token = request.session.get(SESSION_RESET)
    if not isinstance(token, str):
        raise InvalidResetLinkError("Open the reset link you were given first.")
    return token


@router.get("/reset/{token}")
def open_link(request: Request, db: SessionDep, token: str) -> Response:
    """Check the link, keep its token in the session and continue at /reset."""
    if len(token) > MAX_TOKEN_CHARS:
        raise InvalidResetLinkError("This password reset link is not valid.")
    reset_link_user(db, token)  # InvalidResetLinkError (404) for a bad or spent link
    request.session[SESSION_RESET] = token
    return RedirectResponse("/reset", status_code=303)


@router.get("/reset", response_class=HTMLResponse)
def reset_form(request: Request, db: SessionDep) -> HTMLResponse:
    """The form to choose a new password for the link's account."""
    account = reset_link_user(db, _token(request))
    context = {"account": account, "min_password": MIN_PASSWORD_LENGTH}
    return render(request, "reset.html", context)


@router.post("/reset", response_class=HTMLResponse)
def reset(
    request: Request,
    db: SessionDep,
    new_password: Annotated[str, Form(max_length=1024)],
    confirm_password: Annotated[str, Form(max_length=1024)],
) -> Response:
    """Set the new password, spend the link and sign in (other sessions and tokens end)."""
    token = _token(request)
    account = reset_link_user(db, token)
    try:
        if new_password != confirm_password:
            raise WeakPasswordError(
                "The new password and its confirmation differ.", hint="Type the new one twice."
            )
        user = use_reset_link(db, token, new_password)
    except InvalidResetLinkError:
        raise
    except StoreError as error:
        db.rollback()
        context = {"account": account, "min_password": MIN_PASSWORD_LENGTH, "error": error}
        return render(request, "reset.html", context, status=error.http_status)
    start_session(request, user)  # also forgets the spent token
    return RedirectResponse("/account/password?changed=true", status_code=303)
