"""Every failure as a page (or JSON under /api/): what went wrong and what to do, no traces.

Refusals of a plan (`CRPError`) keep their own status and hint; unknown errors are logged with
their traceback on the server and shown to the user only as a reference number.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from crp_checker.errors import CRPError
from crp_checker.web.auth import ForbiddenError, NotSignedInError
from crp_checker.web.render import render
from crp_checker.web.security import HSTS, NO_STORE, SECURITY_HEADERS

log = logging.getLogger("crp_checker.web")

TITLES = {
    400: "The request was not understood",
    401: "Sign in needed",
    403: "Not allowed",
    404: "Page not found",
    405: "Not allowed here",
    413: "File too large",
    415: "File type not supported",
    422: "The plan could not be read",
    429: "Too many attempts",
    500: "Something went wrong",
    502: "The web address could not be fetched",
    503: "Busy: please try again",
}
HINTS = {
    401: "Sign in, then try again.",
    403: "Your account's role cannot use this page. Ask your administrator if you need it.",
    404: "Check the address, or go to your checks to find the report.",
    405: "Go back to the page and use its form.",
}


def wants_json(request: Request) -> bool:
    """API calls get JSON errors; pages get HTML."""
    return request.url.path.startswith("/api/")


def error_response(
    request: Request, status: int, message: str, hint: str | None, code: str
) -> Response:
    """The error as JSON for the API or as a page for people."""
    if wants_json(request):
        body: dict[str, Any] = {"error": {"code": code, "message": message, "hint": hint}}
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(body, status_code=status, headers=headers)
    context = {
        "status": status,
        "title": TITLES.get(status, "Something went wrong"),
        "message": message,
        "hint": hint,
    }
    return render(request, "error.html", context, status=status)


async def crp_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CRPError)
    return error_response(request, exc.http_status, exc.message, exc.hint, exc.code)


async def not_signed_in(request: Request, exc: Exception) -> Response:
    if wants_json(request):
        message = "This call needs an API token: send `Authorization: Bearer <token>`."
        return error_response(
            request, 401, message, "Make a token on your account page.", "unauthorised"
        )
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


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
    # The field's name, not a list index ("required_scope3_categories", not "0").
    fields = sorted(
        {next((str(p) for p in reversed(e.get("loc", [])) if isinstance(p, str)), "?")}.pop()
        for e in exc.errors()
    )
    message = f"Some of what was sent is missing or not valid: {', '.join(fields)}."
    return error_response(request, 422, message, "Check the form and try again.", "invalid_request")


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
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(Exception, server_error)
