"""From a form or API request to an Assessment: read the upload or fetch the URL, then check.

Parsing never happens in the server process: the bytes go to a `Checker`, which in the app is
the isolated `WorkerPool`. Fetching a URL does happen here (it is network I/O, bounded in size
and time, with the private-address guard), so the bytes can be stored with the assessment.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Protocol

import httpx
from starlette.datastructures import UploadFile

from crp_checker.errors import CRPError, EmptyFileError, TooLargeError
from crp_checker.ingest.fetch import fetch as fetch_url
from crp_checker.schemas import Assessment
from crp_checker.settings import Settings

CHUNK_BYTES = 1024 * 1024
MAX_NAME_LENGTH = 200
_UNSAFE = re.compile(r"[^\w .,()&+'@-]+")


class Checker(Protocol):
    """What the app needs from the worker pool; tests may pass an in-process one."""

    def check(
        self, data: bytes, *, name: str, url: str | None = None, **buyer: Any
    ) -> Assessment: ...

    def close(self) -> None: ...


class InlineChecker:
    """Checks in the calling process: for tests and tools, never for untrusted uploads."""

    def check(self, data: bytes, *, name: str, url: str | None = None, **buyer: Any) -> Assessment:
        from crp_checker.pipeline import assess

        return assess(data, name=name, url=url, **buyer)

    def close(self) -> None:
        """Nothing to stop."""


class MissingInputError(CRPError):
    """The form or request named neither a file nor a web address."""

    code = "no_input"
    http_status = 400
    default_hint = "Choose the plan file to upload, or paste the web address where it is published."


class BothInputsError(CRPError):
    """A file and a web address at once: we would not know which one to judge."""

    code = "two_inputs"
    http_status = 400
    default_hint = "Upload the file or give its web address, not both."


class BadAddressError(CRPError):
    """The web address is not an http(s) address with a host: the sender's mistake (400), not
    a fetch that failed (502)."""

    code = "bad_address"
    http_status = 400
    default_hint = "Give the plan's full web address, starting https:// (or http://)."


def check_address(url: str) -> str:
    """The address, stripped, if it is worth fetching; BadAddressError otherwise."""
    address = url.strip()
    try:
        parsed = httpx.URL(address)
    except httpx.InvalidURL as error:
        raise BadAddressError(f"{address[:200]!r} is not a valid web address.") from error
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise BadAddressError(f"{address[:200]!r} is not an http or https web address.")
    return address


def safe_filename(name: str | None) -> str:
    """The last path component of an uploaded name, printable, without path tricks.

    Browsers send only the base name, but a script can send `../../etc/passwd` or control
    characters; names are shown on pages and in exports, so they are cleaned here once.
    """
    raw = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C")
    cleaned = _UNSAFE.sub("_", unicodedata.normalize("NFC", cleaned)).strip(" .")
    if len(cleaned) > MAX_NAME_LENGTH:
        _, dot, ext = cleaned.rpartition(".")
        keep = MAX_NAME_LENGTH - len(ext) - 1 if dot and len(ext) <= 10 else MAX_NAME_LENGTH
        cleaned = cleaned[:keep] + (dot + ext if dot and len(ext) <= 10 else "")
    return cleaned or "upload"


async def read_upload(upload: UploadFile, max_bytes: int) -> bytes:
    """The uploaded bytes, refusing more than `max_bytes` without reading the rest."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise TooLargeError(
                f"{safe_filename(upload.filename)!r} is over the size limit of "
                f"{max_bytes / 1e6:.0f} MB."
            )
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data:
        raise EmptyFileError(f"{safe_filename(upload.filename)!r} is empty (0 bytes).")
    return data


def fetch_plan(url: str, settings: Settings) -> tuple[bytes, str, str]:
    """Download a published plan: (bytes, a file name for it, the address after redirects)."""
    fetched = fetch_url(
        check_address(url),
        settings=settings,
        allow_private_hosts=settings.fetch_allow_private_hosts,
    )
    if not fetched.content:
        raise EmptyFileError(f"{fetched.url} returned an empty document.")
    return fetched.content, safe_filename(fetched.name), fetched.url
