"""Text typed into a tender (titles, names, reasons): refused with a message when it holds
control characters, and made safe for XML-based exports (XLSX, DOCX) when already stored.

Control characters come from copying out of PDFs and terminals; a spreadsheet or Word file
cannot hold most of them, so a tender title with one once made the XLSX export fail.
"""

from __future__ import annotations

import re

from crp_checker.clean_text import ControlCharacterError, require_clean
from crp_checker.tenders.errors import InvalidTenderError, TenderError

# What XML 1.0 (so openpyxl and python-docx) cannot hold at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _check(text: str, field: str, error: type[TenderError] = InvalidTenderError) -> None:
    """The one check of typed text (`clean_text`), raised as the tender's own error; tabs and
    line breaks pass here (one-line fields fold them into spaces)."""
    try:
        require_clean(field, text, multiline=True)
    except ControlCharacterError as refused:
        raise error(
            refused.message,
            hint="Type the text again rather than pasting it, or remove the invisible character.",
        ) from None


def text_field(value: str | None, field: str, limit: int) -> str:
    """A one-line field with its white space tidied; refused when empty, over `limit` or when
    it holds a control character."""
    _check(value or "", field)
    text = " ".join((value or "").split())
    if not text:
        raise InvalidTenderError(f"The tender needs a {field}.", field=field.replace(" ", "_"))
    if len(text) > limit:
        raise InvalidTenderError(
            f"The {field} is longer than {limit} characters.", field=field.replace(" ", "_")
        )
    return text


def long_text(
    value: str | None,
    field: str,
    limit: int,
    *,
    error: type[TenderError] = InvalidTenderError,
) -> str:
    """A free-text field (a reason) trimmed, line breaks kept; refused with `error` when blank,
    over `limit` or when it holds a control character."""
    _check(value or "", field, error)
    text = (value or "").replace("\r\n", "\n").strip()
    if not text:
        raise error(f"The {field} is missing: please say why.")
    if len(text) > limit:
        raise error(f"The {field} is longer than {limit} characters.")
    return text


def printable(value: str) -> str:
    """`value` without the characters XML cannot hold (each becomes U+FFFD), for exports of
    text stored before it was checked, or quoted from a plan."""
    return _NOT_XML.sub("\ufffd", value)
