"""Input hygiene every route gets: ids inside the database's integers, form text without
control characters, JSON bodies within depth and number limits.

The first two are app-wide dependencies (`APP_DEPENDENCIES`), so a new router is covered
without asking; `Line` and `Paragraph` are the types for a route's own text fields.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.dependencies.models import Dependant
from pydantic import AfterValidator
from starlette.datastructures import UploadFile

from crp_checker.clean_text import ControlCharacterError, require_clean
from crp_checker.errors import CRPError

# Ids are INTEGER columns: 32-bit on PostgreSQL (SQLite's are 64-bit), so nothing past this
# can exist, and asking the database would overflow into a server error.
ID_RANGE = range(-(2**31), 2**31)
MAX_JSON_DEPTH = 32
MAX_JSON_DIGITS = 100  # a number longer than this is no id, count or year
MAX_JSON_BYTES = 64 * 1024  # the API's JSON bodies hold one web address
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


class JsonLimitError(CRPError):
    """A JSON body nested too deeply, with an absurdly long number, or too large."""

    code = "json_limits"
    http_status = 422
    default_hint = 'Send a small JSON object, such as {"url": "https://..."}.'


class InvalidJsonError(CRPError):
    """A body that is not JSON at all."""

    code = "no_input"
    http_status = 400
    default_hint = 'Send a JSON object, such as {"url": "https://..."}.'


def _line(value: str) -> str:
    found = _first_problem(value, multiline=False)
    if found:
        raise ValueError(found)
    return value


def _paragraph(value: str) -> str:
    found = _first_problem(value, multiline=True)
    if found:
        raise ValueError(found)
    return value


def _first_problem(value: str, *, multiline: bool) -> str | None:
    try:
        require_clean("text", value, multiline=multiline)
    except ControlCharacterError as error:
        return error.message.removeprefix("The text ")
    return None


# Form field types: one line (names, emails, titles) or paragraphs (reasons, notes).
Line = Annotated[str, AfterValidator(_line)]
Paragraph = Annotated[str, AfterValidator(_paragraph)]


def _int_path_params(dependant: Dependant) -> set[str]:
    """The names of the path parameters a route (or its dependencies) reads as integers."""
    names: set[str] = set()
    pending = [dependant]
    while pending:
        current = pending.pop()
        names.update(f.name for f in current.path_params if f.field_info.annotation is int)
        pending.extend(current.dependencies)
    return names


def ids_in_range(request: Request) -> None:
    """An integer id past the database's integers names nothing: 404, as any unknown id."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return
    for name in _int_path_params(dependant):
        raw = str(request.path_params.get(name, "")).strip()
        digits = raw.lstrip("+-")
        if digits.isdigit() and (len(digits) > 19 or int(raw) not in ID_RANGE):
            raise HTTPException(status_code=404, detail="There is nothing at this address.")


async def form_text_clean(request: Request) -> None:
    """Refuse a page form whose text fields hold control characters (tabs and line breaks
    pass here: a route's `Line` fields refuse them where a field holds one line)."""
    if request.method in {"GET", "HEAD", "OPTIONS"} or request.url.path.startswith("/api/"):
        return  # the API reads its own bodies, within their own limits
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in _FORMS:
        return
    form = await request.form()  # parsed once: the route's own form fields reuse it
    for name, value in form.multi_items():
        if not isinstance(value, UploadFile):
            require_clean(f"{name.replace('_', ' ')} field", value, multiline=True)


APP_DEPENDENCIES = [Depends(ids_in_range), Depends(form_text_clean)]


async def json_body(request: Request) -> Any:
    """The request's JSON body, read no further than MAX_JSON_BYTES (see `load_json`)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_JSON_BYTES:
            break
    return load_json(bytes(body))


def load_json(body: bytes) -> Any:
    """A JSON body, refusing bodies too large, too deep or with numbers too long to be real
    (Python would recurse or convert for seconds on them) before parsing."""
    if len(body) > MAX_JSON_BYTES:
        raise JsonLimitError(f"The JSON body is over {MAX_JSON_BYTES // 1024} kB.")
    depth = _max_depth(body)
    if depth > MAX_JSON_DEPTH:
        raise JsonLimitError(
            f"The JSON body is nested {depth} levels deep: at most {MAX_JSON_DEPTH} are read."
        )
    try:
        return json.loads(body or b"null", parse_int=_number, parse_float=_number)
    except JsonLimitError:
        raise
    except (ValueError, RecursionError) as error:  # JSONDecodeError and bad UTF-8 included
        raise InvalidJsonError("The request body is not valid JSON.") from error


def _number(text: str) -> float | int:
    if len(text) > MAX_JSON_DIGITS:
        raise JsonLimitError(
            f"The JSON body holds a number of {len(text):,} characters: at most "
            f"{MAX_JSON_DIGITS} are read."
        )
    return float(text) if any(c in text for c in ".eE") else int(text)


def _max_depth(body: bytes) -> int:
    """How deeply arrays and objects nest, counting brackets outside strings."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest
