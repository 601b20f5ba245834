"""Tables a web page draws without <table>: CSS grids of <div>s, rows of <div> cells, and
definition lists with a term and one value per column.

Read as plain blocks these give one cell per line ("Scope 1", "214.8", "196.4"), so a row's
second year would be lost. Each is turned into rows of cells, the form a <table> gives.
The column count of a CSS grid is read from its `grid-template-columns`; without one it is
the only count under which every row starts with a label and the other cells hold figures.
"""

from __future__ import annotations

import re
from typing import Any

_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font"}
    | {"i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup"}
    | {"time", "u", "var", "wbr"}
)
_CELL_CHARS = 160  # a cell is a short piece of text, not a paragraph
_MIN_ROWS = 2
_MAX_COLUMNS = 8
_SPACES = re.compile(r"\s+")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_TRACKS = re.compile(r"grid-template-columns\s*:\s*([^;]+)", re.I)
_REPEAT = re.compile(r"repeat\(\s*(\d+)\s*,([^()]*(?:\([^()]*\)[^()]*)*)\)", re.I)
_TRACK = re.compile(r"minmax\([^()]*\)|fit-content\([^()]*\)|[\w.%-]+")
_SIMPLE_SELECTOR = re.compile(r"^(?:[a-z]+)?(?P<kind>[.#])(?P<name>[\w-]+)$", re.I)
# What a figure cell holds: a number (maybe with a unit or note), a marker or a dash.
_FIGURE = re.compile(
    r"^\(?[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?(?:\s*\S+){0,3}$|"
    r"^(?:n/?a|nil|zero|none|tbc|not \w+(?: \w+)?|[-–—])\.?$",
    re.I,
)
_YEARISH = re.compile(r"(?:19|20)\d\d")


def grid_columns(style_text: str) -> dict[tuple[str, str], int]:
    """Column counts set by `grid-template-columns` in a style sheet, per simple selector
    ('.grid', 'div.emissions', '#figures'): {('.', 'grid'): 3}."""
    found: dict[tuple[str, str], int] = {}
    for selectors, body in _RULE.findall(style_text):
        tracks = _TRACKS.search(body)
        count = track_count(tracks.group(1)) if tracks else 0
        if not count:
            continue
        for selector in selectors.split(","):
            simple = _SIMPLE_SELECTOR.match(selector.strip())
            if simple:
                found[simple["kind"], simple["name"]] = count
    return found


def track_count(value: str) -> int:
    """The number of columns a `grid-template-columns` value makes ('2fr 1fr 1fr' -> 3)."""
    value = value.split("!")[0]
    count = 0
    for m in _REPEAT.finditer(value):
        if m.group(1).isdigit():
            count += int(m.group(1)) * len(_TRACK.findall(m.group(2)))
    rest = _REPEAT.sub(" ", value)
    count += len([t for t in _TRACK.findall(rest) if not t.startswith("[")])
    return count if 1 < count <= _MAX_COLUMNS else 0


def _tag(el: Any) -> str | None:
    return el.tag.lower() if isinstance(el.tag, str) else None


def _children(el: Any) -> list[Any]:
    return [child for child in el if _tag(child) is not None]


def _text(el: Any) -> str:
    return _SPACES.sub(" ", "".join(el.itertext())).strip()


def _leaf(el: Any) -> bool:
    """An element holding only inline content: one cell."""
    return all(_tag(d) in _INLINE for d in el.iterdescendants() if _tag(d) is not None)


def _own_text(el: Any) -> bool:
    """Text written straight inside a container, outside its children."""
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def _figure(cell: str) -> bool:
    return bool(_FIGURE.match(cell)) and not _YEARISH.fullmatch(cell)


def _is_table(rows: list[list[str]], *, strict: bool = False) -> bool:
    """Rows that read as a table of figures: every row after the first (a header) opens with
    a label and has a figure, and most other cells hold figures (`strict`: all of them)."""
    body = rows[1:] if len(rows) > _MIN_ROWS else rows
    if len(rows) < _MIN_ROWS or any(not row[0] or _figure(row[0]) for row in body):
        return False
    cells = [cell for row in body for cell in row[1:]]
    figures = sum(1 for cell in cells if _figure(cell) or (strict and not cell))
    share = 1.0 if strict else 0.6
    return (
        bool(cells)
        and figures >= share * len(cells)
        and all(any(_figure(cell) for cell in row[1:]) for row in body)
    )


def _columns_by_content(cells: list[str]) -> int:
    """The smallest column count under which the cells form a table of figures (a label,
    then figures, in every row after the header), else 0."""
    for width in range(2, _MAX_COLUMNS + 1):
        rows = [cells[i : i + width] for i in range(0, len(cells), width)]
        if len(cells) % width == 0 and _is_table(rows, strict=True):
            return width
    return 0


def _css_columns(el: Any, sheet: dict[tuple[str, str], int]) -> int:
    """The grid's column count from its inline style or a rule for its class or id."""
    inline = _TRACKS.search(el.get("style", "") or "")
    if inline:
        return track_count(inline.group(1))
    names = [(".", name) for name in (el.get("class", "") or "").split()]
    names.append(("#", el.get("id", "") or ""))
    return next((sheet[name] for name in names if name in sheet), 0)


def _flat_grid(el: Any, sheet: dict[tuple[str, str], int]) -> list[list[str]] | None:
    """A container of cells laid out by CSS into rows."""
    children = _children(el)
    if len(children) < 4 or _own_text(el) or not all(_leaf(c) for c in children):
        return None
    cells = [_text(c) for c in children]
    if any(len(cell) > _CELL_CHARS for cell in cells):
        return None
    css = _css_columns(el, sheet)
    if not css and all(_tag(c) in _INLINE for c in children):
        return None  # inline cells already share a line
    width = css or _columns_by_content(cells)
    if width < 2 or len(cells) % width:
        return None
    rows = [cells[i : i + width] for i in range(0, len(cells), width)]
    return rows if _is_table(rows) else None


def _row_grid(el: Any) -> list[list[str]] | None:
    """A container of rows, each a container of the same number of cells."""
    rows_el = _children(el)
    if len(rows_el) < _MIN_ROWS or _own_text(el):
        return None
    rows: list[list[str]] = []
    for row in rows_el:
        cells = _children(row)
        if len(cells) < 2 or _own_text(row) or not all(_leaf(c) for c in cells):
            return None
        rows.append([_text(c) for c in cells])
    if len({len(row) for row in rows}) != 1 or any(len(c) > _CELL_CHARS for r in rows for c in r):
        return None
    return rows if _is_table(rows) else None


def _definition_list(el: Any) -> list[list[str]] | None:
    """<dl>: a term and its values, one row per term, when every term has as many values."""
    rows: list[list[str]] = []
    for child in _children(el):
        if _tag(child) == "dt":
            rows.append([_text(child)])
        elif _tag(child) == "dd" and rows and _leaf(child):
            rows[-1].append(_text(child))
        else:
            return None
    widths = {len(row) for row in rows}
    if len(widths) != 1 or widths.pop() < 3:  # one value per term reads well as lines already
        return None
    return rows if _is_table(rows) else None


def grid_rows(el: Any, sheet: dict[tuple[str, str], int]) -> list[list[str]] | None:
    """The rows of cells a non-table element lays out as a table, or None."""
    tag = _tag(el)
    if tag == "dl":
        return _definition_list(el)
    if tag not in ("div", "section", "article", "ul", "ol", "figure", "main"):
        return None
    return _flat_grid(el, sheet) or _row_grid(el)
