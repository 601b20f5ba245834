"""Rows whose cells list a scope's sources before the scope's own total.

"Scope 1 | Kitchen gas: 88.4; Delivery vans: 41.7; Total Scope 1: 136.4 | ... |" in a Word or
Markdown table, or the same cells flattened from a PDF over several lines:

    Scope 1 Plant diesel: 412.6; Fleet vans & pick-ups: 188.1;
    Site welfare units (gas oil): 54.3; Total Scope 1:
    655.0
    Plant diesel/HVO: 301.7; ... Total
    Scope 1: 475.6

The stated total is the scope's figure for its column (never the first number, never the sum
of the sources); the k-th total belongs to the k-th period column. Sources named as Scope 3
categories ("Cat 4: 301.4", "Staff commuting: 71.2") give the category's figure per column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crp_checker.extract.cells import CELL_ITEM, CELL_TOTAL, LIST_ITEM
from crp_checker.extract.context import DocumentContext
from crp_checker.extract.lines import Line
from crp_checker.extract.values import parse_number

_START = re.compile(
    r"^\W*scope\s*(?P<n>[123])\b(?!\s*(?:and|&|,|or|\+)\s*(?:scope\s*)?[123]\b(?![.,]\d))", re.I
)
_ROW_START = re.compile(r"^\W*(?:scope\s*(?P<n>[123])\b|(?:grand\s+)?total\b(?!\s+scope))", re.I)
_ENDS_OPEN = re.compile(r"(?:\btotal|\bsub-?\s?total|[,;:&])\s*$", re.I)
_NUMBERED_CATEGORY = re.compile(r"^\W*(?:category|cat)\.?\s*(?P<n>\d{1,2})\b", re.I)
_SEMI_ITEM = re.compile(r"[A-Za-z][^:;|]{0,60}?:\s*-?[\d,]+(?:\.\d+)?\s*;")
_MAX_LINES = 12
_MAX_PROSE_WORDS = 16


@dataclass
class Listed:
    """A scope's figure per column, read from listed sources, and its categories' figures."""

    scope: int
    values: list[float | None]
    derived: bool
    lines: list[Line]
    categories: dict[int, list[float | None]] = field(default_factory=dict)
    category_names: dict[int, str] = field(default_factory=dict)


@dataclass
class _Piece:
    """Text stitched from lines, with where each part starts, to map offsets back to pages."""

    text: str = ""
    parts: list[tuple[int, Line, int]] = field(default_factory=list)  # (position, line, offset)

    def add(self, line: Line, text: str | None = None, offset: int = 0) -> int:
        """Append `text` (a part of `line` starting at `offset`); return where it starts."""
        if self.text:
            self.text += " "
        position = len(self.text)
        self.parts.append((position, line, offset))
        self.text += line.text if text is None else text
        return position

    def locate(self, position: int) -> tuple[Line, int]:
        """The line and page offset of a position in the stitched text."""
        for begin, line, offset in reversed(self.parts):
            if position >= begin:
                return line, line.start + offset + position - begin
        _, line, offset = self.parts[0]
        return line, line.start + offset


def starts_listing(context: DocumentContext, index: int) -> bool:
    """A flattened row that opens with a scope and lists sources ('Scope 1 Gas: 8.4; ...'),
    on its own line or, when the scope stands alone, on the line after it."""
    text = context.lines[index].text
    start = _START.match(text)
    if "|" in text or start is None:
        return False
    if LIST_ITEM.search(text):
        return True
    following = _next_line(context, index)
    return (
        not text[start.end() :].strip(" :-–")
        and following is not None
        and "|" not in following.text
        and bool(_SEMI_ITEM.search(following.text))
    )


def _next_line(context: DocumentContext, index: int) -> Line | None:
    for line in context.lines[index + 1 : index + 4]:
        if not line.furniture:
            return line
    return None


def read_listing(context: DocumentContext, first: int) -> Listed | None:
    """Read the listing row that starts at line `first` and the lines its cells wrap onto."""
    opening = context.lines[first]
    start = _START.match(opening.text)
    if start is None:
        return None
    scope = int(start["n"])
    piece = _Piece()
    piece.add(opening, opening.text[start.end() :], start.end())
    used = [opening]
    for line in context.lines[first + 1 : first + _MAX_LINES]:
        if line.furniture:
            continue
        if line.index in context.headings or _ends_listing(line.text, piece.text, scope):
            break
        piece.add(line)
        used.append(line)
    columns = _columns(piece.text)
    if not columns:
        return None
    values = [value for value, _, _ in columns]
    listed = Listed(scope, values, derived=any(d for _, d, _ in columns), lines=used)
    if scope == 3:
        _categories(context, piece, columns, listed)
    return listed


def _ends_listing(text: str, so_far: str, scope: int) -> bool:
    row = _ROW_START.match(text)
    if row and not _ENDS_OPEN.search(so_far):
        return not (row["n"] and int(row["n"]) == scope and not LIST_ITEM.search(text))
    words = len(text.split())
    return words > _MAX_PROSE_WORDS and not LIST_ITEM.search(text)


def _columns(
    text: str, item: re.Pattern[str] = LIST_ITEM
) -> list[tuple[float | None, bool, tuple[int, int]]]:
    """(value, derived, span) per column: split after each stated total."""
    totals = list(CELL_TOTAL.finditer(text))
    if totals:
        found: list[tuple[float | None, bool, tuple[int, int]]] = []
        begin = 0
        for m in totals:
            found.append((parse_number(m["num"]), False, (begin, m.end())))
            begin = m.end()
        return found
    items = list(item.finditer(text))
    names = [" ".join(m["name"].lower().split()) for m in items]
    if len(items) < 2 or len(set(names)) < len(names):
        return []  # repeated names without totals: the columns cannot be told apart
    parts = [parse_number(m["num"]) for m in items]
    return [(round(sum(p for p in parts if p is not None), 6), True, (0, len(text)))]


def _categories(
    context: DocumentContext,
    piece: _Piece,
    columns: list[tuple[float | None, bool, tuple[int, int]]],
    listed: Listed,
    pattern: re.Pattern[str] = LIST_ITEM,
) -> None:
    """Category figures per column from the listed sources of a Scope 3 row."""
    for column, (_, _, (begin, end)) in enumerate(columns):
        for item in pattern.finditer(piece.text, begin, end):
            number = _category_of(context, piece, item)
            value = parse_number(item["num"])
            if number is None or value is None:
                continue
            slots = listed.categories.setdefault(number, [None] * len(columns))
            slots[column] = round((slots[column] or 0.0) + value, 6)
            listed.category_names.setdefault(number, " ".join(item["name"].split()))


def _category_of(context: DocumentContext, piece: _Piece, item: re.Match[str]) -> int | None:
    numbered = _NUMBERED_CATEGORY.match(item["name"])
    if numbered and 1 <= int(numbered["n"]) <= 15:
        return int(numbered["n"])
    line, offset = piece.locate(item.start("name"))
    end_line, end = piece.locate(item.end("name") - 1)
    if end_line.index != line.index:
        end = line.end
    found = context.matches_within(line.page, offset, end + 1, "SCOPE3_CAT")
    return int(found[0].id) if found else None


def cell_listing(context: DocumentContext, line: Line, scope: int) -> Listed | None:
    """Category figures from the cells of a pipe row that list Scope 3 sources."""
    if scope != 3 or "|" not in line.text:
        return None
    columns: list[tuple[float | None, bool, tuple[int, int]]] = []
    piece = _Piece()
    position = 0
    pattern = LIST_ITEM
    cells = line.text.split("|")
    if not any(len(LIST_ITEM.findall(cell)) >= 2 for cell in cells[1:]):
        pattern = CELL_ITEM  # "6. Business travel – 43.15 7. Commuting – 16.9" in a cell
    for index, cell in enumerate(cells):
        if index and pattern.search(cell):
            found = _columns(cell, pattern)
            if found:
                begin = piece.add(line, cell, position)
                columns.append((found[0][0], found[0][1], (begin, begin + len(cell))))
        position += len(cell) + 1
    if not columns:
        return None
    listed = Listed(3, [v for v, _, _ in columns], any(d for _, d, _ in columns), [line])
    _categories(context, piece, columns, listed, pattern)
    return listed
