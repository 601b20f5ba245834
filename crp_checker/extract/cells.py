"""The value part of a table row: numbers, 'N/A'-style markers and notes, one per column.

Rows write their values as "14.2 10.1", "0.0 (no leaks recorded) 0.0 (no leaks recorded)",
"not measured 6.5", "| 96.7 | 84.3 |", or a whole cell listing sources with the scope's own
total at the end ("Kitchen gas: 88.4; Delivery vans: 41.7; Total Scope 1: 136.4"). Years,
percentages, dates and label numbers ("Scope 1", "Category 6", "2024-25") are not values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crp_checker.extract.units import UNIT
from crp_checker.extract.values import NUMBER, find_dates, parse_number

_LABEL_NUMBER = re.compile(
    r"(?:scope|scopes|categor(?:y|ies)|cat|iso|fy|page|no|version|v|phase|step|tier|pas|ppn|"
    r"section|table|figure|fig|appendix|annex|note|chart)\.?\s*(?:\d{1,2}\s*(?:,|and|&|-|–|or)\s*)*\(?$",
    re.I,
)
# The second half of a split year ("2024-25", "2023/24") is not a value.
_SPLIT_YEAR_HEAD = re.compile(r"(?:19|20)\d\d\s?[-/–]\s?$")
# "[Insert figure]", "[e.g. 12.5]", "e.g. 10": a template's guidance, not the plan's figure.
_PLACEHOLDER = re.compile(r"\[[^\]]*\]|\b(?:e\.g\.|eg\.?|for example|such as)[:,]?\s*[\d.,]+", re.I)
_SEPARATORS = re.compile(r"^[\s|:;,\-–—=*→>]*$")  # "6.1 → 5.2": two years side by side
_NOTE = re.compile(r"^\s*\([^()]{0,120}\)[\s|;,]*$")  # "(no leaks recorded)" after a value
# A marker standing in a value's place in a row of several columns.
_MARKER = re.compile(
    r"\b(?:n/a|not\s+(?:yet\s+)?(?:measured|available|calculated|reported|applicable|known|"
    r"quantified|collected|recorded|split)(?:\s+by\s+scope)?|tbc|no\s+data)\b",
    re.I,
)
NOT_AVAILABLE = re.compile(
    r"^[-–—]+\s*$|^(?:n/?a|nil|none|tbc|tba|tbd|unknown|not\s+\w+|no data|to be \w+)\b|"
    r"^zero\b(?![\s-]+[a-z])|"
    r"not (?:yet )?(?:available|measured|calculated|reported|applicable|known|quantified)|"
    r"not yet\b|"
    r"to be (?:confirmed|calculated|measured)|no data",
    re.I,
)
# A zero written as a word where a figure stands ("Scope 2 - Nil", "| Nil | Nil |", "Zero (no
# gas supply)"): the figure 0, as a reader takes it. "Net zero", "zero-emission vans" and
# "zero emissions from ..." are words of a sentence, not a figure.
_ZERO_WORD = re.compile(
    r"(?<![\w/-])(?<!net )(?:nil|zero)(?![\w/-])"
    r"(?=\s*(?:$|[.;,:|()]|[-–]\s|(?:nil|zero|[-−]?\d)(?![\w/-])))",
    re.I,
)
_NOTE_WORDS = 3  # "14.0 10.5 Location-based": a short note after the columns keeps them
# A figure written as a table column writes it: with decimals or thousands separators.
_COLUMN_LIKE = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)")
_NUM = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# "Total Scope 1: 136.4", "Subtotal 24.0", "Scope 3 total - 48.2" inside a cell of sources.
CELL_TOTAL = re.compile(
    rf"\b(?:(?:sub-?\s?)?total(?:\s+(?:for\s+)?scope\s*[123])?(?:\s+emissions)?|"
    rf"scope\s*[123]\s+(?:sub-?\s?)?total)\s*[:=\-–]?\s*(?P<num>{_NUM})(?![\d%])",
    re.I,
)
# "Kitchen gas: 88.4" / "Cat 4: 301.4" items of a list of sources.
LIST_ITEM = re.compile(rf"(?P<name>[A-Za-z][^:;|]{{0,60}}?):\s*(?P<num>{_NUM})(?![\d%])\s*(?:;|$)")
# Inside one table cell items may also be written "6. Business Travel – 43.15 7. Employee
# Commuting – 16.9": a name, a dash or colon, the figure, then the next item or the end.
CELL_ITEM = re.compile(
    rf"(?P<name>[A-Za-z][^:;|]{{0,60}}?)\s*(?::|\s[-–—=])\s*(?P<num>{_NUM})(?![\d%]|\.\d)"
    r"(?=\s*(?:[;,.]|$|\d{1,2}[.)]\s|[A-Z]))"
)
# "Market-based: 1.858 Location-based: 3.381" in one cell: one figure per Scope 2 basis.
_BASIS_FIGURE = re.compile(
    rf"\b(?P<basis>market|location)[\s-]*based\)?\s*[:=\-–]?\s*(?P<num>{_NUM})(?![\d%])|"
    rf"(?P<num2>{_NUM})\s*(?:tco2e?\s*)?\(\s*(?P<basis2>market|location)[\s-]*based\s*\)",
    re.I,
)


@dataclass
class Run:
    """The values found in a row's text, one per column, and where they are."""

    values: list[float | None] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    unit: str | None = None
    start: int = -1
    end: int = -1


def _is_bare_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1980 <= int(number) <= 2100


_CELL_START = re.compile(r"(?:^|\|)\s*$")
# A GHG Protocol category's name after its number ("4 Upstream transportation ...").
_NUMBERED_NAME = re.compile(
    r"\s*[-–.:)]?\s+(?:Purchased|Capital|Fuel|Upstream|Waste|Business|Employee|Downstream|"
    r"Processing|Use|End|Leased|Franchises|Investments)\b"
)
_GLUED_LETTER = re.compile(r"[A-Za-z]")
_GLUED_T = re.compile(r"t\b")


def _candidates(text: str) -> list[re.Match[str]]:
    numbers = list(NUMBER.finditer(text))
    if not numbers:
        return []
    date_spans = [(d.start, d.end) for d in find_dates(text)]
    date_spans += [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
    found: list[re.Match[str]] = []
    for m in numbers:
        after = text[m.end() : m.end() + 2]
        if after.lstrip().startswith("%") or (
            after.startswith(("/", "-", ".")) and not after[1:2].isspace()
        ):
            continue
        if any(s <= m.start() < e for s, e in date_spans):
            continue
        if _GLUED_LETTER.match(text, m.end()) and not (
            UNIT.match(text, m.end()) or _GLUED_T.match(text, m.end())
        ):
            continue  # "7l.A": OCR garbage around a digit, not a figure
        numbered = _CELL_START.search(text[: m.start()]) and _NUMBERED_NAME.match(text, m.end())
        if numbered and m[0].isdigit() and 1 <= int(m[0]) <= 15:
            continue  # "| 4 Upstream transportation ... | 0.9 |": a category's number, no figure
        if m.start() == 0 and re.match(r"[.)]\s+[A-Za-z]", text[m.end() : m.end() + 3]):
            continue  # list numbering: "2) Organisational boundary"
        before = text[max(0, m.start() - 30) : m.start()]
        label_like = len(m[0]) <= 2  # "Scope 1", "Category 6", not "scope 20.1"
        if (label_like and _LABEL_NUMBER.search(before)) or _SPLIT_YEAR_HEAD.search(before):
            continue
        unit_after = UNIT.match(text, m.end()) or UNIT.match(text[m.end() :].lstrip())
        if _is_bare_year(m[0]) and not unit_after:
            continue
        found.append(m)
    return found


def _joinable(gap: str) -> tuple[bool, str | None]:
    """Whether two values are neighbouring columns, given the text between them."""
    unit_in_gap = UNIT.search(gap)
    unit = unit_in_gap["unit"] if unit_in_gap else None
    if unit_in_gap:
        gap = gap.replace(unit_in_gap[0], "")
    return bool(_SEPARATORS.match(gap) or _NOTE.match(gap)), unit


def find_values(text: str) -> Run:
    """The first run of value numbers in `text`, one per column.

    A run followed by prose keeps only its first number (a footnote marker or a notes column
    follows); a short note ("Location-based") does not cut it. A note in brackets after a
    value ("0.0 (no leaks recorded)") does not end the run, and a marker such as "not
    measured" holds a column's place when the row also has a number ("not measured 6.5":
    nothing for the first column, 6.5 for the second).
    """
    numbers = sorted([*_candidates(text), *_ZERO_WORD.finditer(text)], key=lambda m: m.start())
    if not numbers:
        return Run()
    markers = [m for m in _MARKER.finditer(text) if not any(_overlap(m, n) for n in numbers)]
    tokens = sorted([*numbers, *markers], key=lambda m: m.start())
    first = tokens.index(numbers[0])
    while first > 0 and _joinable(text[tokens[first - 1].end() : tokens[first].start()])[0]:
        first -= 1  # only markers lie before the first number
    run = [tokens[first]]
    unit: str | None = None
    for m in tokens[first + 1 :]:
        ok, gap_unit = _joinable(text[run[-1].end() : m.start()])
        if not ok:
            break
        unit = unit or gap_unit
        run.append(m)
    end = run[-1].end()
    trailing = UNIT.match(text[end:].lstrip())
    if trailing:
        unit = unit or trailing["unit"]
        end = end + (len(text[end:]) - len(text[end:].lstrip())) + trailing.end()
    tail = text[end:].strip()
    # Prose follows: columns written alike ("0.0 0.0 We own no vans") are a row with its notes
    # cell; a bare small number after the first ("12.5 2 sites ...") is not a column.
    prose = len(run) > 1 and tail and tail[0].isalpha() and len(tail.split()) > _NOTE_WORDS
    if prose and not all(m in markers or _COLUMN_LIKE.fullmatch(m[0]) or _zero(m) for m in run):
        run = run[:1]
        end = run[0].end()
    values = [None if m in markers else 0.0 if _zero(m) else parse_number(m[0]) for m in run]
    texts = [m[0] for m in run if m in markers]
    return Run(values, texts, unit, run[0].start(), end)


def _zero(m: re.Match[str]) -> bool:
    return m.re is _ZERO_WORD


def _overlap(a: re.Match[str], b: re.Match[str]) -> bool:
    return a.start() < b.end() and b.start() < a.end()


def markers_only(text: str) -> tuple[int, list[str]]:
    """Two or more markers filling a row's columns ("Homeworking Not yet measured Not yet
    measured"): where the first starts, and the markers; (-1, []) when the row is otherwise."""
    found = list(_MARKER.finditer(text))
    if len(found) < 2 or re.search(r"[A-Za-z]{3}", _MARKER.sub("", text[found[0].start() :])):
        return -1, []
    return found[0].start(), [m[0] for m in found]


def cell_value(cell: str) -> tuple[float | None, str | None, bool] | None:
    """One cell's value: (value, unit, derived), or None when the cell holds no value.

    A cell that lists sources and then the scope's total gives the total (the plan's own
    figure); a list with no total gives the sum of its items, flagged derived.
    """
    run = find_values(cell)
    bases = basis_figures(cell)
    if len(bases) == 2:  # both bases: the market-based figure, as the template asks
        return bases["market"], run.unit, False
    if run.values and run.start <= 2 and run.values[0] is not None:
        return run.values[0], run.unit, False
    totals = list(CELL_TOTAL.finditer(cell))
    if totals:
        return parse_number(totals[-1]["num"]), run.unit, False
    items = list(LIST_ITEM.finditer(cell))
    if len(items) < 2:
        items = list(CELL_ITEM.finditer(cell))
    if len(items) >= 2:
        parts = [parse_number(m["num"]) for m in items]
        return round(sum(p for p in parts if p is not None), 6), run.unit, True
    return None


def basis_figures(cell: str) -> dict[str, float]:
    """The figure given for each Scope 2 basis in one cell ("Market-based: 1.9 Location-based:
    3.4", "1.9 (market-based)"), when each basis has one."""
    found: dict[str, list[float]] = {}
    for m in _BASIS_FIGURE.finditer(cell):
        basis = (m["basis"] or m["basis2"]).lower()
        value = parse_number(m["num"] or m["num2"])
        if value is not None:
            found.setdefault(basis, []).append(value)
    return {basis: values[0] for basis, values in found.items() if len(values) == 1}


def cell_values(
    cells: list[str],
) -> tuple[list[float | None], list[str], str | None, bool, set[int]]:
    """The values of a row's value cells, with markers ('N/A') and blank cells holding their
    column's place: (values, marker texts, unit, derived, positions of blank cells)."""
    values: list[float | None] = []
    texts: list[str] = []
    blank: set[int] = set()
    unit: str | None = None
    derived = False
    for cell in cells:
        if not cell:
            blank.add(len(values))
            values.append(None)
            continue
        found = cell_value(cell)
        if found is not None:
            values.append(found[0])
            unit = unit or found[1]
            derived = derived or found[2]
        elif NOT_AVAILABLE.search(cell):
            values.append(None)
            texts.append(cell)
    while values and len(values) - 1 in blank:  # a blank notes column after the figures
        blank.discard(len(values) - 1)
        values.pop()
    return values, texts, unit, derived, blank


def positional(cells: list[str]) -> tuple[list[float | None], set[int], dict[int, str]]:
    """A grid row's cells in place: (figure per cell, cells holding a marker, cells of text)."""
    values: list[float | None] = []
    marked: set[int] = set()
    notes: dict[int, str] = {}
    for index, cell in enumerate(cells):
        found = cell_value(cell) if cell else None
        values.append(found[0] if found is not None else None)
        if found is None and cell and NOT_AVAILABLE.search(cell):
            marked.add(index)
        elif found is None and cell:
            notes[index] = cell
    return values, marked, notes
