"""Ingest: a file, bytes or URL becomes a `Document` of normalised, page-numbered text.

The format is decided from the bytes, not the name. Every reader hands back raw pages; the
text is normalised here, once, so evidence offsets found later point into exactly this text.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from crp_checker.errors import (
    EmptyFileError,
    FetchError,
    SourceNotFoundError,
    TooLargeError,
)
from crp_checker.formatting import megabytes
from crp_checker.ingest.base import Kind, Parsed
from crp_checker.ingest.detect import (
    looks_like_html,
    looks_like_markdown,
    mismatch_warning,
    sniff_binary,
)
from crp_checker.ingest.docx import parse_docx
from crp_checker.ingest.fetch import Plan, check_address, fetch_plan, is_url
from crp_checker.ingest.fetch import fetch as fetch_url
from crp_checker.ingest.html import parse_html
from crp_checker.ingest.names import display_name
from crp_checker.ingest.normalize import (
    expand_short_scopes,
    normalize_cell,
    normalize_table,
    normalize_text,
    short_scope_names,
)
from crp_checker.ingest.pdf import parse_pdf
from crp_checker.ingest.text import decode_text, parse_markdown, parse_text
from crp_checker.schemas import Document, Page, SourceInfo
from crp_checker.settings import Settings, get_settings

__all__ = [
    "Plan",
    "check_address",
    "fetch_plan",
    "ingest",
    "ingest_bytes",
    "ingest_url",
    "is_url",
]

_OTHER_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MARKDOWN_TYPES = ("text/markdown", "text/x-markdown")
_MARKDOWN_NAMES = (".md", ".markdown")
_TAG = re.compile(rb"<[a-zA-Z][a-zA-Z0-9]*[\s>/]")


def ingest(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    settings: Settings | None = None,
) -> Document:
    """Read a plan from a file path, an http(s) URL or raw bytes into a `Document`.

    Raises a `CRPError` subclass (empty, unsupported, corrupt, encrypted, too large, fetch
    failed) with a hint for the user when the plan cannot be read.
    """
    settings = settings or get_settings()
    if isinstance(source, bytes):
        return ingest_bytes(source, name=name or "upload", settings=settings)
    if isinstance(source, str) and is_url(source):
        return ingest_url(source, name=name, settings=settings)
    if isinstance(source, str) and _OTHER_SCHEME.match(source):
        raise FetchError(f"Only http and https addresses can be fetched, not {source!r}.")
    path = Path(source)
    data = _read_file(path, settings)
    return ingest_bytes(data, name=name or path.name, settings=settings)


def ingest_url(
    url: str,
    *,
    name: str | None = None,
    settings: Settings | None = None,
    allow_private_hosts: bool = False,
) -> Document:
    """Fetch a plan from the web and read it; SourceInfo.url is the address after redirects."""
    settings = settings or get_settings()
    allow = allow_private_hosts or settings.fetch_allow_private_hosts
    fetched = fetch_url(url, settings=settings, allow_private_hosts=allow)
    return ingest_bytes(
        fetched.content,
        name=name or fetched.name,
        settings=settings,
        url=fetched.url,
        content_type=fetched.content_type,
        charset=fetched.charset,
    )


def _read_file(path: Path, settings: Settings) -> bytes:
    limit = settings.max_file_bytes
    try:
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_size > limit:
                raise _too_big(path.name, limit)
            data = handle.read(limit + 1)
    except FileNotFoundError as exc:
        raise SourceNotFoundError(f"There is no file at {str(path)!r}.") from exc
    except IsADirectoryError as exc:
        raise SourceNotFoundError(
            f"{str(path)!r} is a folder, not a file.", "Name a file."
        ) from exc
    except OSError as exc:
        raise SourceNotFoundError(f"{str(path)!r} could not be read ({exc.strerror}).") from exc
    if len(data) > limit:
        raise _too_big(path.name, limit)
    return data


def _too_big(name: str, limit: int) -> TooLargeError:
    return TooLargeError(f"{name!r} is over the size limit of {megabytes(limit)}.")


Decoded = tuple[str, list[str]]


def _detect(data: bytes, name: str, content_type: str | None) -> tuple[Kind, Decoded | None]:
    """The document kind, and the decoded text for text kinds (None for binary and HTML)."""
    binary = sniff_binary(data)
    if binary is not None:
        return binary, None
    if looks_like_html(data) or (content_type in _HTML_TYPES and _TAG.search(data[:4096])):
        return "html", None
    decoded = decode_text(data)
    text = decoded[0]
    markdown = (
        name.lower().endswith(_MARKDOWN_NAMES)
        or content_type in _MARKDOWN_TYPES
        or looks_like_markdown(text)
    )
    return ("markdown" if markdown else "text"), decoded


def _parse(
    data: bytes,
    kind: Kind,
    decoded: Decoded | None,
    charset: str | None,
    settings: Settings,
) -> Parsed:
    if kind == "pdf":
        return parse_pdf(data, settings)
    if kind == "docx":
        return parse_docx(data)
    if kind == "html" or decoded is None:
        return parse_html(data, http_charset=charset)
    text, warnings = decoded
    parsed = parse_markdown(text) if kind == "markdown" else parse_text(text)
    parsed.warnings[:0] = warnings
    return parsed


def ingest_bytes(
    data: bytes,
    *,
    name: str,
    settings: Settings | None = None,
    url: str | None = None,
    content_type: str | None = None,
    charset: str | None = None,
) -> Document:
    """Read a plan from bytes; `content_type` and `charset` are what a web server said.

    `name` is shown, never used as a path: only its last part, without control characters,
    is kept.
    """
    settings = settings or get_settings()
    name = display_name(name)
    if not data:
        raise EmptyFileError(f"{name!r} is empty (0 bytes).")
    if len(data) > settings.max_file_bytes:
        raise _too_big(name, settings.max_file_bytes)
    kind, decoded = _detect(data, name, content_type)
    parsed = _parse(data, kind, decoded, charset, settings)
    warnings = [w for w in (mismatch_warning(name, kind),) if w] + parsed.warnings
    pages = [
        Page(
            number=number,
            text=normalize_text(raw.text),
            tables=[table for table in map(normalize_table, raw.tables) if table],
            method=raw.method,
        )
        for number, raw in enumerate(parsed.pages, start=1)
    ]
    if short_scope_names([page.text for page in pages]):
        for page in pages:
            page.text = expand_short_scopes(page.text)
            page.tables = [
                [[expand_short_scopes(c) for c in row] for row in t] for t in page.tables
            ]
    _check_pages(pages, name, kind, settings)
    return Document(
        source=SourceInfo(
            name=name,
            kind=kind,
            sha256=hashlib.sha256(data).hexdigest(),
            size_bytes=len(data),
            url=url,
            title=normalize_cell(parsed.title) or None,
        ),
        pages=pages,
        warnings=warnings,
    )


def _check_pages(pages: list[Page], name: str, kind: Kind, settings: Settings) -> None:
    if not pages:
        raise EmptyFileError(f"{name!r} has no pages.")
    if len(pages) > settings.max_pages:
        raise TooLargeError(
            f"{name!r} has {len(pages)} pages, over the limit of {settings.max_pages}."
        )
    if all(page.method == "text" and not page.text.strip() for page in pages):
        if kind == "pdf":  # a damaged page tree or page reads as blank pages too
            raise EmptyFileError(
                f"No text could be read from {name!r}: its pages are blank, or damaged.",
                "Open the PDF to check it shows the plan; if it does, print it to a new PDF "
                "(Print > Save as PDF) and upload that copy.",
            )
        raise EmptyFileError(f"{name!r} holds no text: every page is blank.")
    chars = sum(len(page.text) for page in pages)
    if chars > settings.max_text_chars:
        raise TooLargeError(
            f"{name!r} holds {chars:,} characters of text, over the limit of "
            f"{settings.max_text_chars:,}."
        )
