"""One line of an emissions table -> a Row: what it labels (Scope 1, a Scope 3 category, the
total...) and the numbers in its value cells.

Real plans flatten tables in every way: "Scope 1 14.4", "Scope 1 | 200.81 |", "Scope 13.40"
(cells run together), "6. Business Travel – 43.15", a label on one line and its number two
lines down, three year columns "0.7 2.8 1.2". This module reads one line; `tables.py` stitches
lines into tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from crp_checker.extract.values import NUMBER, find_dates, parse_number

RowKind = Literal["scope", "total", "category", "source", "basis", "none"]

_BULLET = re.compile(r"^(?:[•●·▪■◦*➢►>]+|o(?=\s)|-(?=\s)|–(?=\s))\s*")
_SCOPE = re.compile(
    r"^scope\s*(?P<n>[123])\b(?!\s*(?:and|&|\+|,|/|or|-|–|to)\s*(?:scope\s*)?[123]\b)"
    r"(?!\s*(?:-|–|:)?\s*(?:category|cat\b))",
    re.I,
)
_SCOPE_GLUED = re.compile(r"^(scope\s?[123])(?=\d[\d,]*\.\d)", re.I)
_CATEGORY = re.compile(
    r"^(?:scope\s*3\s*[-–:]?\s*)?(?:category|cat\.?)\s*(?P<n>\d{1,2})\b\s*[:.\-–]?\s*", re.I
)
_NUMBERED = re.compile(r"^(?P<n>\d{1,2})\s*[.):]\s+")
_TOTAL = re.compile(r"^(?:grand\s+|overall\s+)?total\b", re.I)
_TOTAL_GLUED = re.compile(r"^((?:grand\s+)?total(?:\s+emissions)?|.*sources\))(?=\d)", re.I)
_BASIS = re.compile(r"^(?P<b>market|location)[\s-]*based\b\s*[:\-–]?", re.I)
_SOURCE_SCOPE = re.compile(r"^(?P<src>.{2,80}?)\s+scope\s*(?P<n>[123])\s+(?=[-−]?\d)", re.I)
_LABEL_NUMBER = re.compile(
    r"(?:scope|scopes|categor(?:y|ies)|cat|iso|fy|page|no|version|v|phase|step|tier|pas|ppn|"
    r"section)\.?\s*(?:\d{1,2}\s*(?:,|and|&|-|–|or)\s*)*\(?$",
    re.I,
)
_SEPARATORS = re.compile(r"^[\s|:;,\-–—=*]*$")
UNIT = re.compile(
    r"(?P<unit>(?:metric\s+)?(?:kg|kgs|kilograms?|t|tonnes?|tons?|mt)\s*(?:of\s+)?"
    r"(?:co2|co₂|carbon dioxide)\s*(?:e|eq|equivalent|-e)?|tco2e?|kgco2e?|"
    r"(?:metric\s+)?tonnes?|(?:metric\s+)?tons?|kg|co2\s*gpm|gco2e?)\b",
    re.I,
)
_NOT_AVAILABLE = re.compile(
    r"^(?:n/?a|nil|none|-|–|—|tbc|tba|tbd|unknown|not\s+\w+|no data|to be \w+|zero)\b|"
    r"^[-–—]\s*$|"  # a dash alone in its cell: the \b above needs a word after it
    r"not (?:yet )?(?:available|measured|calculated|reported|applicable|known|quantified)|"
    r"not yet\b|"
    r"to be (?:confirmed|calculated|measured)|no data",
    re.I,
)
_MAX_LABEL_WORDS = 14
_MAX_TAIL_WORDS = 6  # "Scope 2 ... sit at 0, as Octopus Energy, the provider I am using": prose


@dataclass
class Row:
    """A table row: its kind, the scope/category it labels, and one value per column."""

    kind: RowKind
    label: str
    scope: int | None = None
    category: int | None = None
    basis: str | None = None
    values: list[float | None] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    unit: str | None = None
    cells: bool = False

    @property
    def has_values(self) -> bool:
        return any(v is not None for v in self.values)


def normalise_unit(text: str | None) -> str | None:
    """Map a unit as written to 'kg', 't' or an unsupported marker (kept as written)."""
    if not text:
        return None
    lowered = re.sub(r"\s+", "", text.lower())
    if lowered.startswith(("kg", "kilogram")):
        return "kg"
    if "gpm" in lowered or lowered.startswith(("gco2", "gram")):
        return text.strip()
    if lowered.startswith(("t", "metric", "mt")):
        return "t"
    return text.strip()


def _is_bare_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1980 <= int(number) <= 2100


def find_values(text: str) -> tuple[list[float | None], str | None, int, int]:
    """The first run of value numbers in `text`: (values, unit, start, end) of the run.

    Percentages, dates, years written as words of a sentence, and numbers that belong to a
    label ("Scope 1", "Category 6", "ISO 14001") are not values. A run followed by prose keeps
    only its first number (a footnote marker or a notes column follows).
    """
    date_spans = [(d.start, d.end) for d in find_dates(text)]
    candidates: list[re.Match[str]] = []
    for m in NUMBER.finditer(text):
        after = text[m.end() : m.end() + 2]
        if after.lstrip().startswith("%") or (
            after.startswith(("/", "-", ".")) and not after[1:2].isspace()
        ):
            continue
        if any(s <= m.start() < e for s, e in date_spans):
            continue
        if m.start() == 0 and re.match(r"[.)]\s+[A-Za-z]", text[m.end() : m.end() + 3]):
            continue  # list numbering: "2) Organisational boundary"
        if _LABEL_NUMBER.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        unit_after = UNIT.match(text, m.end()) or UNIT.match(text[m.end() :].lstrip())
        if _is_bare_year(m[0]) and not unit_after:
            continue
        candidates.append(m)
    if not candidates:
        return [], None, -1, -1
    run = [candidates[0]]
    unit: str | None = None
    for m in candidates[1:]:
        gap = text[run[-1].end() : m.start()]
        unit_in_gap = UNIT.search(gap)
        if unit_in_gap:
            unit = unit or unit_in_gap["unit"]
            gap = gap.replace(unit_in_gap[0], "")
        if not _SEPARATORS.match(gap):
            break
        run.append(m)
    end = run[-1].end()
    trailing = UNIT.match(text[end:].lstrip())
    if trailing:
        unit = unit or trailing["unit"]
        end = end + (len(text[end:]) - len(text[end:].lstrip())) + trailing.end()
    tail = text[end:].strip()
    values: list[float | None] = [parse_number(m[0]) for m in run]
    if len(values) > 1 and tail and tail[0].isalpha():
        values = values[:1]
        end = run[0].end()
    return values, unit, run[0].start(), end


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


def _cell_values(cells: list[str]) -> tuple[list[float | None], list[str], str | None]:
    values: list[float | None] = []
    texts: list[str] = []
    unit: str | None = None
    for cell in cells:
        if not cell:
            continue
        found, cell_unit, start, _ = find_values(cell)
        if found and start <= 2:
            values.append(found[0])
            unit = unit or cell_unit
        elif _NOT_AVAILABLE.search(cell):
            values.append(None)
            texts.append(cell)
    return values, texts, unit


def classify(text: str, category_at_start: int | None = None) -> Row:
    """Read one line (or pipe-separated row) of a possible emissions table.

    `category_at_start` is the Scope 3 category whose name the line starts with, found by the
    spaCy patterns (models/scope3.jsonl); the caller passes it in.
    """
    text = _BULLET.sub("", text.strip())
    text = _SCOPE_GLUED.sub(r"\1 ", text)
    text = _TOTAL_GLUED.sub(r"\1 ", text)
    cells = _split_cells(text)
    head = cells[0] if cells else text
    row = _label(head, category_at_start)
    if cells:
        row.cells = True
        rest_cells = cells[1:]
        if row.kind == "none":
            found, unit, start, _ = find_values(head)
            if found and start == 0 and len(cells) == 1:
                row.values, row.unit = found, unit
            return row
        own, own_unit, start, _ = find_values(row.label)
        values, texts, unit = _cell_values(rest_cells)
        if not values and own:
            values, unit = own, own_unit
        row.values, row.texts, row.unit = values, texts, unit
        return row
    if row.kind == "none":
        values, unit, start, end = find_values(text)
        words = len(text[:start].split())
        ends_line = not text[end:].strip(" .") or text[end:].strip().startswith("(")
        short_tail = _words(text[end:]) <= _MAX_TAIL_WORDS
        if values and short_tail and (words <= 4 or (words <= 8 and ends_line)):
            row.values, row.unit = values, unit
            row.label = text[:start].strip()
        return row
    rest = text[len(row.label) :] if text.startswith(row.label) else text
    values, unit, start, end = find_values(rest)
    prose_tail = row.kind != "source" and _words(rest[end:]) > _MAX_TAIL_WORDS
    if values and len(rest[:start].split()) <= _MAX_LABEL_WORDS and not prose_tail:
        row.values, row.unit = values, unit
        row.label = (row.label + rest[:start]).strip()
    elif _NOT_AVAILABLE.search(rest):
        row.texts = [rest.strip(" :-–|")]
    return row


def _label(head: str, category_at_start: int | None) -> Row:
    m = _CATEGORY.match(head)
    if m and 1 <= int(m["n"]) <= 15:
        return Row("category", head[: m.end()].strip(), scope=3, category=int(m["n"]))
    m = _NUMBERED.match(head)
    if m and category_at_start is not None and int(m["n"]) == category_at_start:
        return Row("category", head[: m.end()].strip(), scope=3, category=category_at_start)
    m = _BASIS.match(head)
    if m:
        return Row("basis", head[: m.end()].strip(), basis=m["b"].lower())
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
    if category_at_start is not None:
        return Row("category", "", scope=3, category=category_at_start)
    return Row("none", "")
