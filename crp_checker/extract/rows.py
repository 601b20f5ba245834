"""One line of an emissions table -> a Row: what it labels (Scope 1, a Scope 3 category, the
total...) and the numbers in its value cells.

Real plans flatten tables in every way: "Scope 1 14.4", "Scope 1 | 200.81 |", "Scope 13.40"
(cells run together), "6. Business Travel – 43.15", a label on one line and its number two
lines down, three year columns "0.7 2.8 1.2", one row per source under its scope ("Scope 1 |
Natural gas | 14.2 | 10.1 |") with a subtotal ("Scope 1 subtotal", "Total Scope 1: 24.0").
This module reads one line; `tables.py` stitches lines into tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from crp_checker.extract.cells import (
    CELL_TOTAL,
    NOT_AVAILABLE,
    basis_figures,
    cell_value,
    cell_values,
    find_values,
    markers_only,
)
from crp_checker.extract.values import parse_number

RowKind = Literal["scope", "total", "category", "source", "basis", "none"]

# One bar between two figures, the label and the first figure before it: a column rule OCR
# read inside a row of figures, not a cell border after the label.
_RULE_BETWEEN_FIGURES = re.compile(
    r"^(?:scope\s*[123]\b[^|\d]*|[^|\d]*[A-Za-z][^|\d]*)\s(?!(?:19|20)\d\d\s*\|)\d[\d,]*(?:\.\d+)?\s*\|\s*\d[\d,]*(?:\.\d+)?\s*$",
    re.I,
)
_STRAY_BAR = re.compile(r"^[|\[\]]\s*(?=[A-Za-z])")
# "Scope 1 | 88.9 71.3": one bar after the label and every figure after it, unsplit: OCR read
# the rule after the label and missed the ones between the figures (a decimal rules out years).
_FIGURE = r"\d[\d,]*(?:\.\d+)?"
_RULE_AFTER_LABEL = re.compile(
    r"^(?:scope\s*[123]\b[^|\d]*|[^|\d]*[A-Za-z][^|\d]*)\|\s*(?=[^|]*\.\d)"
    rf"(?:{_FIGURE}\s+)+{_FIGURE}\s*$",
    re.I,
)
_BULLET = re.compile(r"^(?:[•●·▪■◦*➢►>]+|o(?=\s)|-(?=\s)|–(?=\s))\s*")
_SCOPE = re.compile(
    r"^scope\s*(?P<n>[123])\b(?!\s*(?:and|&|\+|,|/|or|-|–|to)\s*(?:scope\s*)?[123]\b(?![.,]\d))"
    r"(?!\s*(?:-|–|:)?\s*(?:category|cat\b))",
    re.I,
)
# "Total Scope 1", "Subtotal Scope 2 emissions", "Total for Scope 3": a scope's own figure.
_SCOPE_TOTAL = re.compile(
    r"^(?:sub-?\s?total|total)\s+(?:for\s+|of\s+)?scope\s*(?P<n>[123])\b"
    r"(?!\s*(?:,|&|and|\+|/|-|–)\s*(?:scope\s*)?[123]\b)(?:\s+emissions)?",
    re.I,
)
_SCOPES_TOTAL = re.compile(
    r"^(?:sub-?\s?total|total)\s+(?:for\s+|of\s+)?scopes?\s*[123]\s*(?:and|&|\+|,|/|-|–)\s*"
    r"(?:scope\s*)?[123]\b",
    re.I,
)
_SUBTOTAL_WORD = re.compile(r"^[\s(:\-–]*(?:sub-?\s?total|total)\b", re.I)
# Words that describe a scope rather than name one of its sources.
_GENERIC = re.compile(
    r"\b(?:emissions?|direct|indirect|sub-?\s?totals?|totals?|included|sources?|tco2e?|"
    r"tonnes?|co2e?|(?:market|location)[\s-]*based|gross|net|combined|all)\b|[^A-Za-z]+",
    re.I,
)
_SCOPE_GLUED = re.compile(r"^(scope\s?[123])(?=\d[\d,]*\.\d)", re.I)
_CATEGORY = re.compile(
    r"^(?:scope\s*3\s*[-–:]?\s*)?(?:category|cat\.?)\s*(?P<n>\d{1,2})\b\s*[:.\-–]?\s*", re.I
)
_NUMBERED = re.compile(r"^(?P<n>\d{1,2})\s*[.):]\s+")
_CATEGORY_AFTER = re.compile(
    r"\((?:scope\s*3\s*[,:-]?\s*)?(?:cat\.?|category)\s*(?P<n>\d{1,2})\)(?=\s*(?:[\d|]|$))", re.I
)
# "Scope 1, 2 & 3", "(Scopes 1-3)", "Scope 1+2+3": every scope, so the plan's total.
_ALL_THREE = (
    r"\(?\s*(?:for\s+|of\s+)?(?:all\s+)?scopes?\s*1\s*(?:(?:-|–|to)\s*(?:scope\s*)?|"
    r"(?:[,+&/]|and)\s*(?:scope\s*)?2\s*(?:[,+&/]|,?\s*and)\s*(?:scope\s*)?)3\b\s*\)?"
)
_ALL_TOTAL = re.compile(rf"^total\s*{_ALL_THREE}", re.I)
_TOTAL = re.compile(
    rf"^(?:(?:grand|overall|combined|gross|all)\s+)?total\b(?:\s*{_ALL_THREE})?"
    rf"|^{_ALL_THREE}(?:\s+emissions)?\s+total\b"
    r"|^(?:(?:sum\s+of\s+)?all\s+scopes|gross\s+emissions)\b"
    # The whole label, nothing after it but a unit: "Overall footprint", "Scope 1 + 2 + 3",
    # "Organisation total", "All emissions (tCO2e)" (a word that could open a sentence is no
    # total unless the cell ends there).
    rf"|^(?:{_ALL_THREE}|(?:overall|organisation(?:al)?|our|carbon|company)\s+(?:total|footprint)"
    r"|overall|all\s+emissions|combined)(?:\s+emissions)?\s*(?:\(?\s*t\s*co2e\s*\)?)?\s*"
    r"(?=$|\||\d)",
    re.I,
)
_TOTAL_GLUED = re.compile(r"^((?:grand\s+)?total(?:\s+emissions)?|.*sources\))(?=\d)", re.I)
_INCLUDES = re.compile(
    r"^\W*(?:including|includes|included|comprising|covering|consisting of|made up of)\b", re.I
)
# "Direct emissions (Scope 1)", "Purchased electricity (Scope 2, location-based)": a short
# name of the scope with its number in brackets, then the figures (or the next cell).
_SCOPE_IN_BRACKETS = re.compile(
    # "Indirect – purchased electricity (Scope 2)": words, perhaps set apart by a dash or comma
    r"^(?!(?:sub-?\s?)?total\b)(?:[A-Za-z][A-Za-z'’&-]*(?:\s+|\s*[–—,]\s*|\s+-\s+)){0,5}?"
    r"[A-Za-z][A-Za-z'’&-]*\s*"
    r"\(\s*scope\s*(?P<n>[123])\b(?!\s*(?:and|&|\+|,|/|or|-|–|to)\s*(?:scope\s*)?[123]\b)"
    r"(?:\s*[,;:–-]\s*[^()]{0,30})?\)(?=\s*(?:$|\||[-−]?\d|t\s?co))",
    re.I,
)
_SCOPE_CELL = re.compile(r"^scope\s*(?P<n>[123])\b\s*(?:\([^()]{0,30}\))?\s*$", re.I)
_BASIS = re.compile(r"^(?P<b>market|location)[\s-]*based\b\s*[:\-–]?", re.I)
# "of which Scope 1 284.7" under a total row: the scope's own figure, a part of the total.
_OF_WHICH = re.compile(
    r"^(?:of\s+which|incl(?:uding|\.)?|comprising)[:\s]+(?=scope\s*[123]\b)", re.I
)
_SOURCE_SCOPE = re.compile(r"^(?P<src>.{2,80}?)\s+scope\s*(?P<n>[123])\s+(?=[-−]?\d)", re.I)
_SENTENCE_ABOUT_SCOPES = re.compile(r"^\s*(?:and|or|&|,)\s", re.I)
_SCOPE_NAMED = re.compile(r"\bscope\s*[123]\b", re.I)
_AND_ANOTHER_SCOPE = re.compile(
    r"^\W*(?:and|or|while|whereas|with)\b.{0,40}\bscope\s*[123]\b", re.I
)
VERB = re.compile(
    r"\b(?:was|were|is|are|amounted|totall?ed|came to|stood at|emitted|rose|fell)\b", re.I
)
# A note in brackets right after a row's figure ("118.2 tCO2e (sources: vans 80.1; ...)"),
# closed or running on over the line break: it describes the figure, it is not prose.
_BRACKET_NOTE = re.compile(r"^\s*\((?:[^()]*\)|[^()]*$)")
# After a row's first figure, another named part with its figure: the row lists parts.
_LIST_TAIL = re.compile(r"^\s*[;,]\s*(?:and\s+)?[A-Za-z][^;:|\d]{1,60}?\s[-−]?\d")
_MAX_LABEL_WORDS = 14
# "Scope 2 emissions were 31.9 tCO2e in 2024/25.": a sentence that dates its own figure is
# prose (the prose reader files it under the year it names), not a row of an undated table.
_DATED_SENTENCE_VERB = re.compile(
    r"\b(?:were|was|are|is|came\s+to|totall?ed|amounted\s+to|stood\s+at|fell\s+to|rose\s+to)"
    r"\s*(?:around|about|approximately)?\s*$",
    re.I,
)
_DATED_TAIL = re.compile(
    r"^[^|]*\b(?:in|for|during|over)\s+(?:the\s+)?(?:FY\s?)?(?:19|20)\d\d\b", re.I
)
# "... (Scope 2, location-based) 12.9 tCO2e against 18.7": a figure compared with another
# period's is a sentence about two periods, not a row of one column.
_SECOND_PERIOD_TAIL = re.compile(
    r"^\W*(?:t\s?co2e?|tonnes?(?:\s+co2e?)?)?\s*(?:(?:against|compared\s+(?:with|to)|versus|vs\.?|"
    r"down\s+from|up\s+from)\s+(?:around\s+|about\s+)?|[(;,]\s*(?:at\s+)?(?:the\s+)?"
    r"(?:baseline|base\s+year)(?:\s+year)?\s*(?:[:=\-–]|was|of)?\s*)\d",
    re.I,
)
_WRAPPED_CLAUSE = re.compile(r"\d(?:\s*(?:t\s?co2e?|tonnes?(?:\s+co2e?)?))?\s*,$", re.I)
_CLAUSE_WORDS = 6  # a longer line ending in a comma runs on: a sentence, not a row
_MAX_TAIL_WORDS = 6  # "Scope 2 ... sit at 0, as Octopus Energy, the provider I am using": prose


@dataclass
class Row:
    """A table row: its kind, the scope/category it labels, and one value per column.

    `source` holds the words naming what a Scope row counts ("Natural gas (office heating)")
    when it names more than the scope; `subtotal` marks the scope's own figure ("Scope 1
    subtotal", "Total Scope 1"); `derived` marks values summed from a cell listing sources.
    """

    kind: RowKind
    label: str
    scope: int | None = None
    category: int | None = None
    basis: str | None = None
    values: list[float | None] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    unit: str | None = None
    cells: bool = False
    source: str = ""
    subtotal: bool = False
    derived: bool = False
    blank: set[int] = field(default_factory=set)  # value cells left empty
    unplaced: bool = False  # fewer figures than year columns, and no telling which year
    grid: list[str] = field(default_factory=list)  # a pipe row's cells after its label
    bases: dict[str, list[str]] = field(default_factory=dict)  # cells per Scope 2 basis

    @property
    def has_values(self) -> bool:
        return any(v is not None for v in self.values)


def _words(text: str) -> int:
    """Words of prose in `text` (URLs, numbers and footnote marks do not count)."""
    return sum(1 for word in text.split() if re.fullmatch(r"[A-Za-z][a-z'’-]+[,.;:]?", word))


def _split_cells(text: str) -> list[str] | None:
    if "|" not in text:
        return None
    cells = [cell.strip() for cell in text.split("|")]
    while cells and not cells[-1]:
        cells.pop()
    while cells and not cells[0]:
        cells.pop(0)
    return cells or None


def _describe_scope(row: Row, words: str) -> None:
    """Set `source` and `subtotal` of a Scope row from the words after 'Scope N'."""
    if _SUBTOTAL_WORD.match(words):
        row.subtotal = True
        return
    if _INCLUDES.match(words):
        return  # "Scope 3 including: business travel, commuting ...": the scope's own figure
    source = " ".join(words.split()).strip(" :-–|")
    if _GENERIC.sub("", source):
        row.source = source


# A scope's whole value written as a marker after its label, with at most a unit, a note in
# brackets or a footnote sign after it.
_MARKER_VALUE = re.compile(
    r"^\s*(?:emissions?\b)?\s*(?:[:|=]|\s[-–—]\s)?\s*(?P<m>n/?a|nil|none|not applicable|[-–—])\s*"
    r"(?:t\s?co2\s?e?|tonnes?(?:\s+co2e?)?)?\s*(?:\([^)]*\))?\s*[*†‡¹²³]?\s*$",
    re.I,
)


def classify(text: str, category_at_start: int | None = None) -> Row:
    """Read one line (or pipe-separated row) of a possible emissions table.

    `category_at_start` is the Scope 3 category whose name the line starts with (or names
    right after 'Scope 3'), found by the spaCy patterns (models/scope3.jsonl); the caller
    passes it in.
    """
    text = _OF_WHICH.sub("", _BULLET.sub("", text.strip()))
    if text.count("|") == 1 or (text[:1] in "[]" and "]" not in text[1:]):
        text = _STRAY_BAR.sub("", text)  # OCR reads a table's left rule as "| Scope 1 96.4"
    if text.count("|") == 1 and (
        _RULE_BETWEEN_FIGURES.search(text) or _RULE_AFTER_LABEL.search(text)
    ):
        text = text.replace("|", " ")  # "Total emissions 503.1 | 442.7": a rule read between
    text = _SCOPE_GLUED.sub(r"\1 ", text)
    text = _TOTAL_GLUED.sub(r"\1 ", text)
    if "|" not in text and (
        _WRAPPED_CLAUSE.search(text)
        or (
            text.endswith(",")
            and len(text.split()) >= _CLAUSE_WORDS
            and any(c.isdigit() for c in _SCOPE_NAMED.sub("", text))
        )
    ):
        return Row("none", "")  # "Scope 1 (...): 128.9 tCO2e," then "compared with ...": prose
    cells = _split_cells(text)
    head = cells[0] if cells else text
    row = _label(head, category_at_start)
    if cells:
        return _category_source(_cell_row(row, head, cells, category_at_start))
    bracketed = row.kind == "scope" and not _SCOPE.match(head) and _SCOPE_IN_BRACKETS.match(head)
    if bracketed and not find_values(text).values:
        return Row("none", "")  # "... Value Chain (Scope 3)": a wrapped sentence, no row
    if row.kind == "none":
        run = find_values(text)
        words = len(text[: run.start].split())
        ends_line = not text[run.end :].strip(" .") or text[run.end :].strip().startswith("(")
        short_tail = _words(text[run.end :]) <= _MAX_TAIL_WORDS
        if run.values and short_tail and (words <= 4 or (words <= 8 and ends_line)):
            row.values, row.texts, row.unit = run.values, run.texts, run.unit
            row.label = text[: run.start].strip()
        return row
    rest = text[len(row.label) :] if text.startswith(row.label) else text
    if _SENTENCE_ABOUT_SCOPES.match(rest) and _SCOPE_NAMED.search(rest):
        return Row("none", "")  # "Scope 2 and 36.9 tonnes in Scope 3.": a sentence
    stated = _stated_total(rest, row) if row.kind == "scope" else None
    if stated is not None:
        row.values, row.subtotal = [stated], True  # "Scope 1: gas 10.0, vans 20.0. Total: 30.0"
        return row
    run = find_values(rest)
    tail = _BRACKET_NOTE.sub("", rest[run.end :], count=1)
    if (
        row.kind == "scope"
        and run.values
        and _DATED_SENTENCE_VERB.search(rest[: run.start])
        and _DATED_TAIL.match(tail)
    ) or (run.values and _SECOND_PERIOD_TAIL.match(rest[run.end :])):
        return Row("none", "")
    prose_tail = row.kind != "source" and (
        _words(tail) > _MAX_TAIL_WORDS or bool(_AND_ANOTHER_SCOPE.match(tail))
    )
    named = row.kind == "scope" and bool(_GENERIC.sub("", rest[: run.start]))
    if run.values and named and _LIST_TAIL.match(tail):
        return Row("none", "")  # "Scope 3 sources: vans 24.5; waste 6.2; ...": parts, not the scope
    if run.values and len(rest[: run.start].split()) <= _MAX_LABEL_WORDS and not prose_tail:
        row.values, row.texts, row.unit = run.values, run.texts, run.unit
        if row.kind == "scope" and not row.subtotal:
            _describe_scope(row, rest[: run.start])
        row.label = (row.label + rest[: run.start]).strip()
    elif (marker := _MARKER_VALUE.match(rest)) is not None:
        row.values, row.texts = [None], [marker["m"]]  # "Scope 1: N/A", "Scope 1 – nil"
    elif (marked := markers_only(rest))[1]:
        row.values, row.texts = [None] * len(marked[1]), marked[1]
        if row.kind == "scope":
            _describe_scope(row, rest[: marked[0]])
    elif row.kind == "scope" and "%" in rest:
        return Row("none", "")  # "Scope 1 emissions 40% lower than ...": a target
    elif NOT_AVAILABLE.search(rest):
        row.texts = [rest.strip(" :-–|")]
    elif row.kind == "scope" and not row.subtotal and len(rest.split()) <= _MAX_LABEL_WORDS:
        _describe_scope(row, rest)
    return _as_category(row, category_at_start)


def _category_source(row: Row) -> Row:
    """ "Scope 3 | Cat 4 – deliveries to us | 6.2 |": the scope's first source row, named by
    its category, is that category's figure, not the whole of Scope 3 (the category rows under
    it add up to the scope)."""
    if row.kind != "scope" or row.scope != 3 or not row.source or row.subtotal:
        return row
    m = _CATEGORY.match(row.source.strip())
    if m is None or not 1 <= int(m["n"]) <= 15:
        return row
    row.kind, row.category = "category", int(m["n"])
    return row


def paired_cells(text: str) -> list[Row] | None:
    """A row of cells that each hold a label and its figure ("Scope 1: 12.5 | Scope 2: 3.2 |"):
    one row per cell, or, where every cell names the same scope ("Scope 1: 12.5 | Scope 1:
    10.0 |", one column per period), one row with a figure per column. None otherwise."""
    cells = [cell for cell in _split_cells(text) or [] if cell]
    if len(cells) < 2 or "|" not in text:
        return None
    rows = [classify(cell) for cell in cells]
    labelled = ("scope", "total", "category")
    if any(row.kind not in labelled or len(row.values) != 1 or row.texts for row in rows):
        return None
    if len({(row.kind, row.scope, row.category, row.basis) for row in rows}) > 1:
        return rows
    merged = rows[0]
    merged.values = [row.values[0] for row in rows]
    return [merged]


def _stated_total(rest: str, row: Row) -> float | None:
    """The scope's own total at the end of a line that first lists its sources."""
    totals = [
        m
        for m in CELL_TOTAL.finditer(rest)
        if not (named := _SCOPE_NAMED.search(m[0])) or named[0][-1] == str(row.scope)
    ]
    if not totals or len(find_values(rest[: totals[-1].start()]).values) == 0:
        return None
    return parse_number(totals[-1]["num"])


def _cell_row(row: Row, head: str, cells: list[str], category: int | None) -> Row:
    """A pipe-separated row: the label cell, any cells naming a source, then value cells."""
    row.cells = True
    if row.kind == "none":
        scope = _scope_cell(cells[1:])
        if scope is None:
            run = find_values(head)
            if run.values and run.start == 0 and len(cells) == 1:
                row.values, row.unit = run.values, run.unit
            return row
        # "Company vans | Scope 1 | 12.0 |": a source named first, its scope in a cell
        row = Row("source", head, scope=scope)
        if scope == 3 and category is not None:
            row = Row("category", head, scope=3, category=category)
    rest_cells = cells[1:]
    named: list[str] = []
    while rest_cells and _is_name_cell(rest_cells[0]):
        named.append(rest_cells.pop(0))
    own = find_values(row.label)
    values, texts, unit, derived, blank = cell_values(rest_cells)
    if not any(v is not None for v in values) and not texts and own.values:
        values, unit, blank = own.values, own.unit, set()
    row.values, row.texts, row.unit, row.derived = values, texts, unit, derived
    row.blank = blank
    row.grid = cells[1:]
    _bases(row)
    if row.kind == "scope" and not row.subtotal:
        own_scope = [n for n in named if _scope_cell([n]) != row.scope]
        _describe_scope(row, " ".join([head[len(row.label) :], *own_scope]))
    row = _as_category(row, category)
    if row.kind == "category":
        row.label = " ".join(head.split())  # "Category 4: Upstream transport", as written
    return row


def _scope_cell(cells: list[str]) -> int | None:
    """The scope a cell before the figures names on its own ("Scope 1", "Scope 2 (indirect)")."""
    for cell in cells:
        m = _SCOPE_CELL.match(cell)
        if m:
            return int(m["n"])
        if not _is_name_cell(cell):
            return None
    return None


def _bases(row: Row) -> None:
    """Cells giving both Scope 2 bases ("Market-based: 1.9 Location-based: 3.4") keep each
    basis's figures per column, so the row can be read as one row per basis."""
    found = [basis_figures(cell) for cell in row.grid]
    if not any(len(b) == 2 for b in found):
        return
    for basis in ("market", "location"):
        cells = [
            _figure_text(b[basis]) if len(b) == 2 else c
            for b, c in zip(found, row.grid, strict=True)
        ]
        row.bases[basis] = cells


def _figure_text(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def split_bases(row: Row) -> list[Row]:
    """A row whose cells give both Scope 2 bases, as one row per basis (market first)."""
    if not row.bases or row.kind not in ("scope", "total"):
        return [row]
    out: list[Row] = []
    for basis, cells in row.bases.items():
        values, texts, unit, derived, blank = cell_values(cells)
        out.append(
            replace(
                row,
                basis=basis,
                values=values,
                texts=texts,
                unit=unit or row.unit,
                derived=derived,
                blank=blank,
                grid=cells,
                bases={},
            )
        )
    return out


def _is_name_cell(cell: str) -> bool:
    """A cell that names a source ("Delivery fleet (diesel)"), not a value or a marker."""
    return bool(cell) and not NOT_AVAILABLE.search(cell) and cell_value(cell) is None


def _as_category(row: Row, category: int | None) -> Row:
    """'Scope 3 | Business travel | 18.3 |' is a category row, not the Scope 3 figure."""
    if row.kind == "scope" and row.scope == 3 and row.source and category is not None:
        row.kind, row.category = "category", category
    return row


def _label(head: str, category_at_start: int | None) -> Row:
    m = _CATEGORY.match(head)
    if m and 1 <= int(m["n"]) <= 15:
        return Row("category", head[: m.end()].strip(), scope=3, category=int(m["n"]))
    m = _CATEGORY_AFTER.search(head)
    if m and 1 <= int(m["n"]) <= 15 and not _SCOPE.match(head):
        # "Trim waste, film and pallets (cat 5) 28.1 23.7": the number after the description
        return Row("category", head[: m.end()].strip(), scope=3, category=int(m["n"]))
    m = _NUMBERED.match(head)
    if m and category_at_start is not None and int(m["n"]) == category_at_start:
        return Row("category", head[: m.end()].strip(), scope=3, category=category_at_start)
    m = _BASIS.match(head)
    if m:
        return Row("basis", head[: m.end()].strip(), basis=m["b"].lower())
    if _SCOPES_TOTAL.match(head) and not _ALL_TOTAL.match(head):
        return Row("none", "")  # "Total Scope 1 and 2": neither a scope nor the total
    m = _SCOPE_TOTAL.match(head)
    if m:
        return Row("scope", head[: m.end()].strip(), scope=int(m["n"]), subtotal=True)
    m = _SOURCE_SCOPE.match(head)
    if m:
        return Row("source", head[: m.end()].strip(), scope=int(m["n"]))
    m = _SCOPE.match(head)
    if m:
        basis = re.search(r"(market|location)[\s-]*based", head, re.I)
        return Row(
            "scope",
            head[: m.end()].strip(),
            scope=int(m["n"]),
            basis=basis[1].lower() if basis else None,
        )
    m = _TOTAL.match(head)
    if m:
        basis = re.search(r"(market|location)[\s-]*based", head, re.I)
        return Row("total", head[: m.end()].strip(), basis=basis[1].lower() if basis else None)
    m = _SCOPE_IN_BRACKETS.match(head)
    if m and category_at_start is None:
        basis = re.search(r"(market|location)[\s-]*based", head[: m.end()], re.I)
        return Row(
            "scope",
            head[: m.end()].strip(),
            scope=int(m["n"]),
            basis=basis[1].lower() if basis else None,
        )
    if category_at_start is not None:
        return Row("category", "", scope=3, category=category_at_start)
    return Row("none", "")
