"""Ruled tables on PDF pages, read cell by cell from the lines drawn around the cells.

pdfium gives a table's text in content order: a cell that wraps over three lines comes out
as three lines, before the next cell's lines, so a row's figures for two years can end up
lines apart. Where a page draws a grid of rules (Word and most report tools border their
tables), the rules give the rows and columns, and each cell's text is read inside its box
and written as one "cell | cell |" row, the form Word and HTML tables take. Only pdfium's
objects are used (no second parser), so this costs little on pages without rules.
"""

from __future__ import annotations

import ctypes
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium

from crp_checker.ingest.normalize import row_line

_THIN = 2.5  # points: a path this thin in one direction is a rule
_MIN_RULE = 6.0  # points: shorter strokes are ticks or bullets, not rules
_SNAP = 2.0  # points: rules this close are one rule; a rule this near a cell edge meets it
_MAX_PATHS = 3000  # a page drawn with more paths than this is a chart or a scan in vectors
_MAX_SEGMENTS = 400
_MAX_CELL_CHARS = 600  # a "cell" holding a page of prose is a frame around text
_INSET = 0.8  # points: read a cell a little inside its rules
_SEG_LINE, _SEG_MOVE = pdfium.raw.FPDF_SEGMENT_LINETO, pdfium.raw.FPDF_SEGMENT_MOVETO

# Only tables about emissions are rebuilt, and sign-off tables: other forms read well as lines.
_EMISSIONS = re.compile(r"scope\s*[123]|co2|co₂|emission|categor|tonnes", re.I)
# A sign-off table's header cells: "Signed | Name | Role | Date", "Signature | Name | Title | Date".
_SIGN_OFF_CELL = re.compile(
    r"^(?:(?:full\s+|print(?:ed)?\s+)?name|signature|signed(?:\s+by)?|signatory|role|position|"
    r"(?:job\s+)?title|designation|date(?:\s+signed)?)\s*:?$",
    re.I,
)
_SIGN_OFF_PAGE = re.compile(r"\b(?:signed|signature|signatory)\b", re.I)

Box = tuple[float, float, float, float]  # left, bottom, right, top (PDF points, y up)


@dataclass
class _Rule:
    """A horizontal (at y, from a to b in x) or vertical (at x, from a to b in y) rule."""

    horizontal: bool
    at: float
    a: float
    b: float


@dataclass
class RuledTable:
    """A table found on a page: where it is and its rows of cell text."""

    box: Box
    rows: list[list[str]] = field(default_factory=list)


def _segments(obj: Any) -> Iterable[tuple[float, float, float, float]]:
    """The straight segments of a path object in page space."""
    raw = pdfium.raw
    count = raw.FPDFPath_CountSegments(obj.raw)
    if count <= 0 or count > _MAX_SEGMENTS:
        return
    matrix = obj.get_matrix()
    start = last = None
    for index in range(count):
        segment = raw.FPDFPath_GetPathSegment(obj.raw, index)
        x, y = ctypes.c_float(), ctypes.c_float()
        if not raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = matrix.on_point(x.value, y.value)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == _SEG_MOVE or last is None:
            start = last = point
            continue
        if kind == _SEG_LINE:
            yield (*last, *point)
        last = point
        if raw.FPDFPathSegment_GetClose(segment) and start is not None:
            yield (*last, *start)
            last = start


def _rules(page: Any) -> list[_Rule]:
    """Horizontal and vertical rules drawn on the page (thin paths, rectangle edges)."""
    rules: list[_Rule] = []
    objects = page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_PATH,), max_depth=1)
    for paths, obj in enumerate(objects, 1):
        if paths > _MAX_PATHS:
            return []
        left, bottom, right, top = obj.get_bounds()
        width, height = right - left, top - bottom
        if height <= _THIN and width >= _MIN_RULE:
            rules.append(_Rule(True, (bottom + top) / 2, left, right))
        elif width <= _THIN and height >= _MIN_RULE:
            rules.append(_Rule(False, (left + right) / 2, bottom, top))
        elif width >= _MIN_RULE and height >= _MIN_RULE:
            for x0, y0, x1, y1 in _segments(obj):
                if abs(y1 - y0) <= 0.5 and abs(x1 - x0) >= _MIN_RULE:
                    rules.append(_Rule(True, y0, min(x0, x1), max(x0, x1)))
                elif abs(x1 - x0) <= 0.5 and abs(y1 - y0) >= _MIN_RULE:
                    rules.append(_Rule(False, x0, min(y0, y1), max(y0, y1)))
    return _merged(rules)


def _merged(rules: list[_Rule]) -> list[_Rule]:
    """Join rules on one line whose pieces touch (a border drawn cell by cell)."""
    lines: list[list[_Rule]] = []
    for rule in sorted(rules, key=lambda r: (r.horizontal, r.at)):
        last = lines[-1][-1] if lines else None
        if last is not None and last.horizontal == rule.horizontal and rule.at - last.at <= _SNAP:
            lines[-1].append(rule)
        else:
            lines.append([rule])
    out: list[_Rule] = []
    for line in lines:
        at = sum(r.at for r in line) / len(line)
        merged: list[_Rule] = []
        for rule in sorted(line, key=lambda r: r.a):
            if merged and rule.a <= merged[-1].b + _SNAP:
                merged[-1].b = max(merged[-1].b, rule.b)
            else:
                merged.append(_Rule(rule.horizontal, at, rule.a, rule.b))
        out += merged
    return out


def _meet(h: _Rule, v: _Rule) -> bool:
    return h.a - _SNAP <= v.at <= h.b + _SNAP and v.a - _SNAP <= h.at <= v.b + _SNAP


def _groups(rules: list[_Rule]) -> list[list[_Rule]]:
    """Rules that meet, directly or through others: one grid each."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    horizontal = [i for i, r in enumerate(rules) if r.horizontal]
    vertical = [i for i, r in enumerate(rules) if not r.horizontal]
    for i in horizontal:
        for j in vertical:
            if _meet(rules[i], rules[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[_Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    return list(groups.values())


def _positions(values: list[float]) -> list[float]:
    """Distinct positions, rules within _SNAP of each other counted once."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _SNAP:
            out.append(value)
    return out


def _covers(rules: list[_Rule], at: float, across: float) -> bool:
    """A rule at `at` runs past the point `across` (a cell border is drawn there)."""
    return any(abs(r.at - at) <= _SNAP and r.a - _SNAP <= across <= r.b + _SNAP for r in rules)


def _framed(xs: list[float], ys: list[float], horizontals: list[_Rule]) -> bool:
    """Every row of the grid is closed by rules across its full width, and no rule runs on
    past the outer columns: a table read cell by cell without guessing where a cell ends."""
    low, high = min(r.a for r in horizontals), max(r.b for r in horizontals)
    if low < xs[0] - _SNAP or high > xs[-1] + _SNAP:
        return False  # no outer border: the first or last column is not boxed
    return all(
        _covers(horizontals, y, (left + right) / 2)
        for y in ys
        for left, right in itertools.pairwise(xs)
    )


def _cell_lines(textpage: Any, box: Box) -> list[str]:
    left, bottom, right, top = box
    text = textpage.get_text_bounded(left + _INSET, bottom + _INSET, right - _INSET, top - _INSET)
    return [line for line in str(text).splitlines() if line.strip()]


def _table(textpage: Any, group: list[_Rule]) -> RuledTable | None:
    """Read one grid of rules into rows of cells; None when it is not a table of figures
    that the page's text would scramble.

    A cell spanning columns gives its text to its first column and leaves the others blank,
    so each figure keeps its column (as HTML colspan is read). Only grids whose rows are
    closed by rules are read, and only when a row of two or more figures has a cell wrapped
    over several lines: one-line rows already read well as text. A sign-off table ('Signed |
    Name | Role | Date') whose cells wrap is read too: pdfium would give its name, role and
    date a word a line.
    """
    horizontals = [r for r in group if r.horizontal]
    verticals = [r for r in group if not r.horizontal]
    xs = _positions([r.at for r in verticals])
    ys = _positions([r.at for r in horizontals])[::-1]  # top first
    if len(xs) < 3 or len(ys) < 3 or not _framed(xs, ys, horizontals):
        return None  # one column or one row (a box around text), or an open grid
    table = RuledTable((xs[0], ys[-1], xs[-1], ys[0]))
    wrapped = folded = False
    for top, bottom in itertools.pairwise(ys):
        middle = (top + bottom) / 2
        cells: list[list[str]] = []
        start = xs[0]
        spans = 1
        for x in xs[1:]:
            if x != xs[-1] and not _covers(verticals, x, middle):
                spans += 1  # no border here: the cell spans into the next column
                continue
            cells += [_cell_lines(textpage, (start, bottom, x, top))] + [[]] * (spans - 1)
            start, spans = x, 1
        texts = [" ".join(" ".join(lines).split()) for lines in cells]
        if any(len(text) > _MAX_CELL_CHARS for text in texts):
            return None
        figures = [lines for lines in cells[1:] if any(c.isdigit() for c in "".join(lines))]
        row_wrapped = any(len(lines) > 1 for lines in cells)
        wrapped = wrapped or (len(figures) >= 2 and row_wrapped)
        folded = folded or row_wrapped
        if any(texts):
            table.rows.append(texts)
    if len(table.rows) < 2:
        return None
    about = any(_EMISSIONS.search(cell) for row in table.rows for cell in row)
    return table if (wrapped and about) or (folded and _sign_off(table.rows[0])) else None


def _sign_off(header: list[str]) -> bool:
    """A sign-off table's header: a name column and at least one other signing field."""
    cells = [cell for cell in header if cell]
    return (
        len(cells) >= 2
        and all(_SIGN_OFF_CELL.match(cell) for cell in cells)
        and any("name" in cell.lower() for cell in cells)
    )


def ruled_tables(page: Any, textpage: Any) -> list[RuledTable]:
    """The tables on a page whose cells are bordered by rules, top first; a page whose text
    holds no emissions or signing words has none worth rebuilding, and its drawings are not
    walked."""
    text = textpage.get_text_range()
    if not _EMISSIONS.search(text) and not _SIGN_OFF_PAGE.search(text):
        return []
    rules = _rules(page)
    if len(rules) < 6:
        return []
    found = [_table(textpage, group) for group in _groups(rules)]
    return sorted((t for t in found if t is not None), key=lambda t: -t.box[3])


def _holds(box: Box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def text_with_tables(textpage: Any, tables: list[RuledTable]) -> str:
    """The page's text in pdfium's order, each table's characters replaced by its rows of
    cells where its first character stood; everything else is left exactly as it was."""
    raw = pdfium.raw
    count = raw.FPDFText_CountChars(textpage.raw)
    edges = [ctypes.c_double() for _ in range(4)]
    refs = [ctypes.byref(edge) for edge in edges]
    owner: list[int] = []
    previous = -1
    for index in range(count):
        raw.FPDFText_GetCharBox(textpage.raw, index, *refs)
        left, right, bottom, top = (edge.value for edge in edges)
        if left == right and bottom == top:
            owner.append(previous)  # a space or line break pdfium added: goes with its text
            continue
        x, y = (left + right) / 2, (bottom + top) / 2
        previous = next((n for n, t in enumerate(tables) if _holds(t.box, x, y)), -1)
        owner.append(previous)
    parts: list[str] = []
    written: set[int] = set()
    start = 0
    while start < count:
        end = start
        while end < count and owner[end] == owner[start]:
            end += 1
        table = owner[start]
        if table < 0:
            parts.append(str(textpage.get_text_range(start, end - start)))
        elif table not in written:
            written.add(table)
            rows = "\n".join(row_line(cells) for cells in tables[table].rows)
            parts.append(f"\n{rows}\n")
        start = end
    return "".join(parts)
