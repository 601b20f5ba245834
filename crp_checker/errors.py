"""One exception root for everything the checker refuses, so each door maps it once.

Every error carries a message that says what is wrong and a hint that says what the user can
do next. The CLI turns them into exit code 3 and the web app into a 4xx status; nothing below
the doors prints or exits.
"""

from __future__ import annotations


class CRPError(Exception):
    """Base class: the document could not be checked, and why."""

    code = "unreadable"
    http_status = 422
    default_hint = "Check the file and try again, or send the plan as a PDF with a text layer."

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint or self.default_hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class EmptyFileError(CRPError):
    """The file has no bytes, or no pages, or no text at all."""

    code = "empty"
    default_hint = "Upload the finished plan: the file you sent is empty."


class SourceNotFoundError(CRPError):
    """The path names no readable file (missing, a folder, or no permission)."""

    code = "not_found"
    http_status = 404
    default_hint = "Check the path and that the file exists."


class UnsupportedFormatError(CRPError):
    """The bytes are not a PDF, Word (.docx), HTML, Markdown or plain-text document."""

    code = "unsupported_format"
    http_status = 415
    default_hint = "Send the plan as a PDF, a Word .docx file, an HTML page or plain text."


class CorruptFileError(CRPError):
    """The file claims a format but cannot be parsed (truncated, broken structure)."""

    code = "corrupt"
    default_hint = (
        "Open the file on your computer to check it; if it opens, save or export it again "
        "as PDF and upload the new copy."
    )


class EncryptedFileError(CRPError):
    """The PDF or document is password-protected."""

    code = "encrypted"
    default_hint = "Remove the password (save an unprotected copy) and upload that copy."


class TooLargeError(CRPError):
    """The file is over the size or page limit."""

    code = "too_large"
    http_status = 413
    default_hint = (
        "A carbon reduction plan is usually under 20 pages: upload the plan itself, "
        "not the whole annual report."
    )


class FetchError(CRPError):
    """A URL could not be fetched (unreachable, error status, too big, too slow)."""

    code = "fetch_failed"
    http_status = 502
    default_hint = "Check the address opens in a browser, or download the plan and upload the file."


class BadAddressError(FetchError):
    """The web address is not an http(s) address with a host: the sender's mistake (400), not
    a fetch that failed (502)."""

    code = "bad_address"
    http_status = 400
    default_hint = "Give the plan's full web address, starting https:// (or http://)."


class BlockedAddressError(FetchError):
    """A URL on a private or local network: refused, so the checker cannot probe the server's
    own network (SSRF). The sender's mistake, so a 4xx rather than FetchError's 502."""

    code = "blocked_address"
    http_status = 400
    default_hint = "Use the plan's public web address, or download it and upload the file."


class ParseTimeoutError(CRPError):
    """Reading the file took longer than the time limit."""

    code = "timeout"
    http_status = 422
    default_hint = "Export the plan again as a simple PDF (print to PDF) and upload that copy."


class ResourceLimitError(CRPError):
    """Reading the file needed more memory than a worker may use (a bomb, or huge images)."""

    code = "too_much_memory"
    http_status = 422
    default_hint = (
        "The file may hold very large images or compressed data: export the plan again as a "
        "simple PDF (print to PDF) and upload that copy."
    )


class PatternsMissingError(CRPError):
    """The checker's spaCy patterns (models/*.jsonl) are missing or empty: a broken install,
    not a bad plan, so nothing is checked rather than every plan judged without them."""

    code = "patterns_missing"
    http_status = 500
    default_hint = (
        "Reinstall crp-checker from a wheel or a checkout that has models/*.jsonl, or point "
        "CRP_PATTERNS_DIR at a folder holding them."
    )
