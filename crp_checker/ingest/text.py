"""Plain-text and Markdown plans: safe decoding, pages at form feeds, Markdown marks removed."""

from __future__ import annotations

import codecs
import re

from markdown_it import MarkdownIt

from crp_checker.errors import UnsupportedFormatError
from crp_checker.ingest.base import Parsed, RawPage
from crp_checker.ingest.html import html_fragment

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.05
_BINARY_HINT = "Send the plan as a PDF, a Word .docx file, an HTML page or plain (UTF-8) text."
_MD_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode text bytes (UTF-8, UTF-16/32 with BOM, else cp1252) and refuse binary content."""
    warnings: list[str] = []
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            break
    else:
        if b"\x00" in data:
            raise UnsupportedFormatError(
                "The file holds binary data (NUL bytes), not text.", _BINARY_HINT
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Windows editors still save "ANSI"; cp1252 keeps £, ’ and – readable.
            text = data.decode("cp1252", errors="replace")
            warnings.append("The text is not UTF-8; it was read as Windows-1252 (cp1252).")
    if "\ufffd" in text and not warnings:
        warnings.append("Some characters could not be decoded and were replaced with '\ufffd'.")
    controls = len(_BINARY_CONTROL.findall(text))
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise UnsupportedFormatError(
            "The file holds binary data (many control characters), not text.", _BINARY_HINT
        )
    return text, warnings


def _pages(text: str) -> list[str]:
    pages = text.split("\f")
    while len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # a final form feed ends the last page, it does not start a new one
    return pages


def parse_text(text: str) -> Parsed:
    """A plain-text plan: one page per form feed, lines kept as they are."""
    return Parsed(pages=[RawPage(text=page) for page in _pages(text)])


def _markdown() -> MarkdownIt:
    # "breaks": a single newline stays a line break, as the extractors read line by line.
    return MarkdownIt("commonmark", {"breaks": True}).enable(["table", "strikethrough"])


def parse_markdown(text: str) -> Parsed:
    """A Markdown plan: rendered to HTML and read like a web page, so syntax marks disappear."""
    renderer = _markdown()
    pages = [html_fragment(renderer.render(page)) for page in _pages(text)]
    heading = _MD_H1.search(text)
    title = heading.group(1).strip() if heading else None
    return Parsed(pages=pages, title=title)
