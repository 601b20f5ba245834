"""CSRF protection: asgi-csrf (signed double-submit cookie), made to work with today's multipart.

asgi-csrf 0.11 finds the token in a multipart upload by calling python-multipart's
`FormParser(..., FileClass=...)`; python-multipart 0.0.2x (which FastAPI requires) dropped
`FileClass`, so every upload form would crash. `TokenScanner` is a drop-in for exactly the
part asgi-csrf uses: it reports each plain field to `on_field` and lets a file part's first
bytes reach `FileClass.write` (which asgi-csrf makes raise "file before token"). The token
checks, signing and cookie handling stay asgi-csrf's own.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import asgi_csrf
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import cookie_parser

from crp_checker.web.security import StartTracker, send_plain_error

MAX_FIELD_BYTES = 64 * 1024  # a CSRF token is under 100 bytes; stop collecting long fields


@dataclass
class _Field:
    field_name: bytes
    value: bytes


class TokenScanner:
    """The subset of the old `FormParser` API that asgi-csrf calls: the constructor and write()."""

    def __init__(
        self,
        content_type: str,
        on_field: Callable[[_Field], None],
        on_end: Callable[[], None] | None = None,
        *,
        boundary: bytes | str,
        FileClass: Any,  # noqa: N803  (asgi-csrf's keyword)
        **_ignored: Any,
    ) -> None:
        if content_type != "multipart/form-data":
            raise ValueError(f"TokenScanner reads multipart/form-data, not {content_type}")
        self._on_field = on_field
        self._file_class = FileClass
        self._header_name = bytearray()
        self._header_value = bytearray()
        self._headers: dict[bytes, bytes] = {}
        self._value = bytearray()
        self._file: Any = None
        self._name: bytes | None = None
        self._parser = MultipartParser(
            boundary,
            callbacks={
                "on_part_begin": self._part_begin,
                "on_header_field": self._header_field,
                "on_header_value": self._header_value_data,
                "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished,
                "on_part_data": self._part_data,
                "on_part_end": self._part_end,
            },
        )

    def write(self, data: bytes) -> int:
        return self._parser.write(data)

    def _part_begin(self) -> None:
        self._headers.clear()
        self._value.clear()
        self._file = None
        self._name = None

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def _header_value_data(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _header_end(self) -> None:
        self._headers[bytes(self._header_name).lower()] = bytes(self._header_value)
        self._header_name.clear()
        self._header_value.clear()

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition"))
        self._name = options.get(b"name")
        if b"filename" in options:
            self._file = self._file_class(options[b"filename"], self._name, {})

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._file is not None:
            self._file.write(data[start:end])
        elif len(self._value) < MAX_FIELD_BYTES:
            self._value += data[start:end]

    def _part_end(self) -> None:
        if self._file is None and self._name is not None:
            self._on_field(_Field(self._name, bytes(self._value)))


def install() -> None:
    """Point asgi-csrf at TokenScanner (idempotent; the app calls it when it is created)."""
    asgi_csrf.FormParser = TokenScanner


class PagesIgnoreBearer:
    """Drops `Authorization` outside /api/ before asgi-csrf sees the request.

    asgi-csrf lets any request with `Authorization: Bearer ...` skip its check, since scripts
    send no token; only the API reads bearer tokens, while the pages trust the session cookie,
    so there a bogus bearer header would otherwise turn every form into a CSRF hole.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and not str(scope.get("path", "")).startswith("/api/"):
            headers = scope.get("headers") or []
            scope = {**scope, "headers": [h for h in headers if h[0].lower() != b"authorization"]}
        await self.app(scope, receive, send)


def api_call_without_session(scope: Any, session_cookie: str) -> bool:
    """True for an API call that carries no session cookie: it acts as a token's user or as
    nobody, so it has no ambient authority to forge, whatever other cookies it carries."""
    if not str(scope.get("path", "")).startswith("/api/"):
        return False
    # Starlette's lenient parser, as SessionMiddleware reads the cookie with it: a header that
    # the stricter SimpleCookie gives up on must not hide a session from this test.
    header = dict(scope.get("headers") or []).get(b"cookie", b"")
    return session_cookie not in cookie_parser(header.decode("latin-1"))


# Set by CsrfGuard for each request; MarkReached flips it once asgi-csrf has let the request in.
_reached: ContextVar[list[bool]] = ContextVar("crp_csrf_reached")


class MarkReached:
    """Sits just inside asgi-csrf: records that the request got past the CSRF check."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        flag = _reached.get(None)
        if flag is not None:
            flag[0] = True
        await self.app(scope, receive, send)


class CsrfGuard:
    """Sits just outside asgi-csrf: a form it cannot parse is the sender's error (400), not ours.

    asgi-csrf raises on request bodies it cannot read (a multipart header without the space it
    expects before `boundary=`, no boundary at all, a token that is not UTF-8). Valid multipart
    headers are first rewritten to the spelling it expects; anything that still makes it raise
    before the request reached the app is answered 400 with a plain message.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in {"GET", "HEAD", "OPTIONS", "TRACE"}:
            await self.app(scope, receive, send)
            return
        scope = _normalise_content_type(scope)
        flag = [False]
        token = _reached.set(flag)
        tracked = StartTracker(send)
        try:
            await self.app(scope, receive, tracked)
        except (ValueError, IndexError, AssertionError, UnicodeDecodeError):
            if flag[0] or tracked.started:
                raise
            await _unreadable_form(scope, send)
        finally:
            _reached.reset(token)


def _normalise_content_type(scope: Any) -> Any:
    """`multipart/form-data;boundary=x` (valid) becomes `multipart/form-data; boundary=x`."""
    headers = scope.get("headers") or []
    rewritten = []
    for name, value in headers:
        if name.lower() == b"content-type" and value.lower().startswith(b"multipart/form-data"):
            media, options = parse_options_header(value)
            boundary = options.get(b"boundary")
            if boundary:
                value = media + b"; boundary=" + boundary
        rewritten.append((name, value))
    return {**scope, "headers": rewritten}


async def _unreadable_form(scope: Any, send: Any) -> None:
    await send_plain_error(
        scope,
        send,
        400,
        title="Form not readable",
        message="The form could not be read: its encoding or structure is not valid.",
        hint="Send the form from the page again, or as multipart/form-data or UTF-8 form data.",
        code="bad_form",
    )
