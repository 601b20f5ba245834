"""Every failure as a page (or JSON under /api/): what went wrong and what to do, no traces.

Refusals of a plan (`CRPError`) keep their own status and hint; unknown errors are logged with
their traceback on the server and shown to the user only as a reference number.
"""

from __future__ import annotations

import logging
import math
import secrets
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from crp_checker.errors import (
    CorruptFileError,
    CRPError,
    EmptyFileError,
    EncryptedFileError,
    ParseTimeoutError,
    ResourceLimitError,
)
from crp_checker.web.auth import ForbiddenError, NotSignedInError, PasswordChangeNeededError
from crp_checker.web.render import render
from crp_checker.web.security import HSTS, NO_STORE, SECURITY_HEADERS
from crp_checker.worker.errors import WorkerError

log = logging.getLogger("crp_checker.web")

TITLES = {
    400: "The request was not understood",
    401: "Sign in needed",
    403: "Not allowed",
    404: "Page not found",
    405: "Not allowed here",
    409: "Not possible",
    413: "File too large",
    415: "File type not supported",
    422: "Some of what was sent is not valid",
    429: "Too many requests",
    500: "Something went wrong",
    502: "The web address could not be fetched",
    503: "Busy: please try again",
}
# A refusal of a plan's file says so; other 422s come from forms about other things.
PLAN_ERRORS = (
    EmptyFileError,
    CorruptFileError,
    EncryptedFileError,
    ParseTimeoutError,
    ResourceLimitError,
    WorkerError,
)
PLAN_TITLE = "The plan could not be read"
HINTS = {
    401: "Sign in, then try again.",
    403: "Your account's role cannot use this page. Ask your administrator if you need it.",
    404: "Check the address, or go to your checks to find the report.",
    405: "Go back to the page and use its form.",
}


def wants_json(request: Request) -> bool:
    """API calls get JSON errors; pages get HTML."""
    return request.url.path.startswith("/api/")


def error_headers(error: CRPError) -> dict[str, str]:
    """Headers an error's answer carries: `Retry-After` when the error says when to retry."""
    retry_after = getattr(error, "retry_after", None)
    return {"Retry-After": str(max(1, math.ceil(retry_after)))} if retry_after else {}


def error_response(
    request: Request,
    status: int,
    message: str,
    hint: str | None,
    code: str,
    *,
    title: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """The error as JSON for the API or as a page for people."""
    headers = dict(headers or {})
    if wants_json(request):
        body: dict[str, Any] = {"error": {"code": code, "message": message, "hint": hint}}
        if status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return JSONResponse(body, status_code=status, headers=headers)
    context = {
        "status": status,
        "title": title or TITLES.get(status, "Something went wrong"),
        "message": message,
        "hint": hint,
    }
    return render(request, "error.html", context, status=status, headers=headers)


async def crp_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CRPError)
    title = PLAN_TITLE if isinstance(exc, PLAN_ERRORS) else getattr(exc, "title", None)
    return error_response(
        request,
        exc.http_status,
        exc.message,
        exc.hint,
        exc.code,
        title=title,
        headers=error_headers(exc),
    )


async def not_signed_in(request: Request, exc: Exception) -> Response:
    if wants_json(request):
        message = "This call needs an API token: send `Authorization: Bearer <token>`."
        return error_response(
            request, 401, message, "Make a token on your account page.", "unauthorised"
        )
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


async def password_change_needed(request: Request, exc: Exception) -> Response:
    if wants_json(request):
        return error_response(
            request,
            403,
            "The account has a temporary password: choose your own first.",
            "Sign in on the web site and choose a new password.",
            "password_change_needed",
        )
    return RedirectResponse("/account/password", status_code=303)


async def forbidden(request: Request, exc: Exception) -> Response:
    return error_response(
        request, 403, "Your account cannot use this page.", HINTS[403], "forbidden"
    )


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
    if exc.status_code == 404 and detail == "Not Found":
        detail = "There is nothing at this address."
    elif exc.status_code == 405 and detail == "Method Not Allowed":
        detail = "This address does not accept that kind of request."
    response = error_response(
        request, exc.status_code, detail, HINTS.get(exc.status_code), f"http_{exc.status_code}"
    )
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def invalid_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    fields: list[str] = []
    reasons: list[str] = []
    for error in exc.errors():
        # The field's name, not a list index ("required_scope3_categories", not "0").
        loc = error.get("loc", [])
        field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "?")
        if error.get("type") == "value_error":  # our own validators say what is wrong
            reason = str(error.get("msg", "")).removeprefix("Value error, ")
            reasons.append(f"The {field.replace('_', ' ')} {reason}")
        elif field not in fields:
            fields.append(field)
    parts = reasons + (
        [f"Some of what was sent is missing or not valid: {', '.join(sorted(fields))}."]
        if fields
        else []
    )
    return error_response(
        request, 422, " ".join(parts), "Check the form and try again.", "invalid_request"
    )


async def server_error(request: Request, exc: Exception) -> Response:
    reference = secrets.token_hex(4)
    log.error(
        "unhandled error %s on %s %s", reference, request.method, request.url.path, exc_info=exc
    )
    message = f"The server hit an unexpected problem (reference {reference})."
    hint = (
        "Try again in a minute (if you were uploading, look in your checks first); "
        "if it keeps happening, tell the council and quote the reference."
    )
    response = error_response(request, 500, message, hint, "internal_error")
    # Starlette answers unhandled errors from its outermost layer, outside SecurityHeaders.
    extra = [HSTS] if request.app.state.settings.secure_cookies else []
    for name, value in [*SECURITY_HEADERS, NO_STORE, *extra]:
        response.headers[name.decode()] = value.decode()
    return response


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""
    app.add_exception_handler(CRPError, crp_error)
    app.add_exception_handler(NotSignedInError, not_signed_in)
    app.add_exception_handler(ForbiddenError, forbidden)
    app.add_exception_handler(PasswordChangeNeededError, password_change_needed)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(Exception, server_error)
