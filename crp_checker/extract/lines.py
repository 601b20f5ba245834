"""The document as one stream of lines, each knowing its page and character span.

Tables in real plans reach us as lines (cells on one line, or one cell per line, or "a | b |"),
so the emissions parser reads lines, not paragraphs. Headers and footers repeated on most pages
("Page 2 of 6", the company letterhead) are marked as furniture so they cannot break a table
that runs across a page break.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from crp_checker.schemas import Document, Evidence

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_EDGE = 6  # furniture lives in the first/last few lines of a page
_LONG_LINE = 300
# Web pages flattened to one line per paragraph (or one line for a whole PDF page) hide their
# tables inside the line: break such lines at sentence ends and before table row labels.
_BREAK = re.compile(
    r"(?<=[.!?])\s+(?=[A-Z])|\s+(?=(?:Scope\s?[123](?=\s*[|:(]|\s+\d)|Total\s+[Ee]missions\b|"
    r"Baseline\s+[Yy]ear\b|Reporting\s+Year\b))"
)

_ROW = re.compile(r"\S \| .*\|\s*$")  # "cell | cell |": a table row as the readers write it


@dataclass(frozen=True)
class Line:
    """One non-empty line of a page, with its span in `Page.text`."""

    index: int
    page: int
    start: int
    end: int
    text: str
    furniture: bool = False

    def evidence(self) -> Evidence:
        return Evidence(page=self.page, quote=self.text, start=self.start, end=self.end)


def _furniture_key(text: str) -> str:
    return _SPACES.sub(" ", _DIGITS.sub("#", text.lower())).strip()


def build_lines(document: Document) -> list[Line]:
    """Split every page into stripped, non-empty lines; flag repeated headers and footers."""
    raw: list[tuple[int, int, int, str]] = []
    for page in document.pages:
        offset = 0
        for piece in page.text.split("\n"):
            for part_start, part in _split_long(piece):
                stripped = part.strip()
                if stripped:
                    start = offset + part_start + len(part) - len(part.lstrip())
                    raw.append((page.number, start, start + len(stripped), stripped))
            offset += len(piece) + 1

    furniture = _furniture_keys(raw, len(document.pages))
    lines: list[Line] = []
    for page_number, start, end, text in raw:
        lines.append(
            Line(
                index=len(lines),
                page=page_number,
                start=start,
                end=end,
                text=text,
                furniture=_furniture_key(text) in furniture.get(page_number, set()),
            )
        )
    return lines


def _split_long(text: str) -> list[tuple[int, str]]:
    """(offset, piece) parts of a line; only lines over _LONG_LINE characters are split."""
    if len(text) <= _LONG_LINE or _ROW.search(text):
        return [(0, text)]  # a table row keeps its cells together, however long
    parts: list[tuple[int, str]] = []
    start = 0
    for m in _BREAK.finditer(text):
        if m.start() > start:
            parts.append((start, text[start : m.start()]))
        start = m.end()
    parts.append((start, text[start:]))
    return parts


def _furniture_keys(raw: list[tuple[int, int, int, str]], page_count: int) -> dict[int, set[str]]:
    """Keys of lines repeated near the top or bottom of at least half the pages (min 3 pages)."""
    if page_count < 3:
        return {}
    by_page: dict[int, list[str]] = {}
    for page_number, _, _, text in raw:
        by_page.setdefault(page_number, []).append(_furniture_key(text))
    counts: Counter[str] = Counter()
    edges: dict[int, set[str]] = {}
    for page_number, keys in by_page.items():
        edge = set(keys[:_EDGE]) | set(keys[-_EDGE:])
        edges[page_number] = edge
        counts.update(edge)
    repeated = {key for key, count in counts.items() if count >= max(3, page_count // 2)}
    return {page: edge & repeated for page, edge in edges.items()}
