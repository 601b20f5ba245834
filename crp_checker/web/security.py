"""ASGI middleware that every response passes through: security headers and a body-size cap.

Pure ASGI rather than Starlette's BaseHTTPMiddleware, so an upload is never buffered twice
and a too-large body is refused while it streams in, before it fills memory or disk.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from crp_checker.formatting import megabytes

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# No inline script or style anywhere: the pages load /static/style.css and /static/app.js only.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
# Reports are commercially sensitive: browsers and proxies must not keep copies.
NO_STORE = (b"cache-control", b"no-store")


async def send_plain_error(
    scope: Scope,
    send: Send,
    status: int,
    *,
    title: str,
    message: str,
    hint: str,
    code: str,
    extra_headers: tuple[tuple[bytes, bytes], ...] = (),
) -> None:
    """An error answered below the routes (no templates there): JSON under /api/, else a
    minimal page with the app's stylesheet. The texts are ours, never user input."""
    if str(scope.get("path", "")).startswith("/api/"):
        error = {"code": code, "message": message, "hint": hint}
        body = json.dumps({"error": error}).encode()
        content_type = b"application/json"
    else:
        body = (
            '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
            f'<title>{title}</title><link rel="stylesheet" href="/static/style.css"></head>'
            f'<body><main id="main"><h1>{title}</h1><p>{message}</p><p>{hint}</p>'
            '<p><a href="/">Go to the start page</a></p></main></body></html>'
        ).encode()
        content_type = b"text/html; charset=utf-8"
    headers = [(b"content-type", content_type), *extra_headers]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds the security headers (and `Cache-Control: no-store` unless set) to every reply."""

    def __init__(self, app: ASGIApp, *, hsts: bool = False) -> None:
        self.app = app
        self.headers = SECURITY_HEADERS + ([HSTS] if hsts else [])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {name.lower() for name, _ in headers}
                headers += [h for h in self.headers if h[0] not in present]
                if b"cache-control" not in present:
                    headers.append(NO_STORE)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLargeError(Exception):
    """Raised inside `receive` when a request body passes the cap."""


class StartTracker:
    """`send`, remembering whether the response has started (after that no error page fits)
    and whether it has been sent in full."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False
        self.finished = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        elif message["type"] == "http.response.body" and not message.get("more_body", False):
            self.finished = True
        await self.send(message)


class KeepConnection:
    """The outermost layer: an error raised after its answer was sent in full stops here.

    Starlette answers an unhandled error with the 500 page, then raises it again for the
    server to log; uvicorn then closes the connection, and the client's next request on it
    (keep-alive) is reset. The error was logged with its reference when the page was made.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tracked = StartTracker(send)
        try:
            await self.app(scope, receive, tracked)
        except Exception:
            if not tracked.finished:
                raise


class BodyLimit:
    """Refuses request bodies over `max_bytes` with 413, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, file_limit: int | None = None) -> None:
        """`max_bytes` is the cap on the body; `file_limit`, the file size users are told."""
        self.app = app
        self.max_bytes = max_bytes
        self.file_limit = max_bytes if file_limit is None else file_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLargeError
            return message

        tracked = StartTracker(send)
        try:
            await self.app(scope, counting_receive, tracked)
        except BodyTooLargeError:
            if not tracked.started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        limit = megabytes(self.file_limit)
        await send_plain_error(
            scope,
            send,
            413,
            title="File too large",
            message=f"The upload is larger than the limit of {limit}.",
            hint="Send a smaller file: compress images in the PDF or leave out appendices.",
            code="too_large",
            extra_headers=((b"connection", b"close"),),
        )
