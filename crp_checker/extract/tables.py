"""Stitch classified lines into emissions tables (blocks) and map their columns to periods.

A block starts at a Scope row and ends at its total (or at a heading, or when prose runs on).
A number alone on a line belongs to the row whose label came before it; under a Scope 3
header followed by several category names it is the Scope 3 figure itself. Each block's
columns are tied to the baseline or current period by the words just above it ("Baseline year
emissions", "Reporting Year: 2024") or, for multi-year tables, by the years in its header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from crp_checker.extract.context import Context
from crp_checker.extract.lines import Line
from crp_checker.extract.listing import Listed, cell_listing, read_listing, starts_listing
from crp_checker.extract.rows import VERB, Row, classify
from crp_checker.extract.units import CO2E_SAID, UNIT, UNIT_STATEMENT, normalise_unit
from crp_checker.extract.values import PeriodSpec, find_period

Role = Literal["baseline", "current"]

_BASELINE_CUE = re.compile(r"\bbaseline\b|\bbase\s+year\b", re.I)
_CURRENT_CUE = re.compile(
    r"\bcurrent\b|\breporting\s+(?:year|period)\b|\bthis\s+year\b|\blatest\b|\bmost recent\b",
    re.I,
)
# A worked example or template in a guide: its figures belong to no one.
_EXAMPLE = re.compile(
    r"\b(?:worked example|illustrative(?:\s+only)?\b|imaginary|hypothetical|fictitious|fictional|"
    r"example (?:company|business|organisation|supplier|table|figures))",
    re.I,
)
_CAPTION_TOPIC = re.compile(
    r"emission|footprint|table|year|period|scope|co2|figure|data|reporting|baseline|current", re.I
)
_CAPTION_WORDS = 12
_NUMBERING = re.compile(r"^(?:[•●·▪■◦*]\s*)?(?:\d{1,2}\s*[.):]\s*|[-–]\s*)?")
_SCOPE3_LEAD = re.compile(r"^scope\s*3\s*(?:[|:\-–]\s*)?(?=[A-Za-z])", re.I)
_PAREN = re.compile(r"^\s*\([^)]*\)")
_MAX_PROSE_LINES = 14
_MAX_LABEL_WORDS = 14
_HEADER_LINES = 12


@dataclass
class TableRow:
    """A classified row and the lines it came from (for evidence)."""

    row: Row
    lines: list[Line]


@dataclass
class Block:
    """One emissions table: its rows, where it sits, and how its columns map to periods."""

    rows: list[TableRow] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0
    header: str = ""
    header_first_line: int = 0
    closing: bool = False
    unit: str | None = None
    unit_written: str | None = None
    columns: int = 1
    roles: dict[int, Role] = field(default_factory=dict)
    specs: dict[int, PeriodSpec] = field(default_factory=dict)
    cue: Role | None = None
    cue_line: Line | None = None
    own_spec: PeriodSpec | None = None
    own_line: Line | None = None
    section: str | None = None
    example: bool = False
    co2e_said: bool = False

    def kinds(self) -> set[str]:
        return {f"{r.row.kind}{r.row.scope or ''}" for r in self.rows}

    def valueless_tail(self) -> list[TableRow]:
        tail: list[TableRow] = []
        for table_row in reversed(self.rows):
            if table_row.row.has_values or table_row.row.texts:
                break
            tail.append(table_row)
        return list(reversed(tail))


def category_at_start(context: Context, line: Line) -> int | None:
    """The Scope 3 category a row is labelled with.

    Its name opens the line ("Business Travel – 43.15"), or, on a row whose label is a cell
    ("Staff business travel | 8.8 |"), appears anywhere in that cell. The longest name wins,
    so "Deliveries to customers" is downstream (9), not just "deliveries" (4).
    """
    body = _SCOPE3_LEAD.sub("", _NUMBERING.sub("", line.text))
    lead = line.start + (len(line.text) - len(body))
    cell_end = line.start + line.text.index("|") if "|" in line.text else lead + 1
    found = [
        m
        for m in context.matches_in(line, "SCOPE3_CAT")
        if m.start <= lead + 1 or m.end <= cell_end
    ]
    if not found:
        return None
    best = min(found, key=lambda m: (m.start > lead + 1, -(m.end - m.start)))
    return int(best.id)


def _starts_new_block(block: Block, row: Row) -> bool:
    """A new table starts after a total, at a second Scope 1, or at a repeated Scope row.

    A Scope row that names another source of the same scope ("Scope 1 | Natural gas", then
    "Scope 1 | Company cars") or that gives the scope's subtotal after its sources does not
    start a new table.
    """
    if block.closing:
        return True
    if row.kind != "scope":
        return False
    seen = block.kinds()
    if row.scope == 1 and seen & {"scope2", "scope3", "category3", "source2", "source3"}:
        return True
    same = [
        r.row
        for r in block.rows
        if r.row.kind == "scope"
        and r.row.scope == row.scope
        and r.row.has_values
        and r.row.basis == row.basis
    ]
    if not same:
        return False
    sources = [r for r in same if r.source and not r.subtotal]
    if len(sources) == len(same) and (row.subtotal or not row.source):
        return False  # the subtotal after the sources
    return not (
        row.source and len(sources) == len(same) and row.source not in {r.source for r in same}
    )


def _settle_sources(block: Block) -> None:
    """Scope rows that name sources of a scope listed more than once are source rows."""
    for scope in (1, 2, 3):
        rows = [
            r.row
            for r in block.rows
            if r.row.kind == "scope" and r.row.scope == scope and r.row.basis is None
        ]
        if len(rows) < 2:
            continue
        for row in rows:
            if row.source and not row.subtotal:
                row.kind = "source"


def _listed_rows(listed: Listed) -> list[TableRow]:
    """A listing read over several lines, as the scope row and its category rows."""
    rows = [
        TableRow(
            Row(
                "scope",
                f"Scope {listed.scope}",
                scope=listed.scope,
                values=listed.values,
                subtotal=not listed.derived,
                derived=listed.derived,
            ),
            list(listed.lines),
        )
    ]
    for number, values in listed.categories.items():
        name = listed.category_names.get(number, "")
        row = Row("category", name, scope=3, category=number, values=values)
        rows.append(TableRow(row, list(listed.lines)))
    return rows


def _is_prose(text: str) -> bool:
    """A sentence that happens to start like a row label ("Scope 3 emissions will ...")."""
    return len(text.split()) > _MAX_LABEL_WORDS


def _in_sentence(context: Context, line: Line, row: Row) -> bool:
    """'Scope 1, our two company vans, was 12.1 tonnes' opening a sentence that runs on over
    the next line (a narrow column) is prose, not a table row."""
    if not VERB.search(row.label):
        return False
    sentence = context.sentence_at(line.page, line.start)
    return sentence is not None and (sentence.end > line.end + 1 or sentence.start < line.start)


def _is_table(block: Block) -> bool:
    """Keep blocks that report a scope or a total, not stray lists of category names."""
    return any(
        r.row.kind in ("scope", "source", "total") and (r.row.has_values or r.row.texts)
        for r in block.rows
    )


def _attach_bare(block: Block, row: Row, line: Line) -> bool:
    """Give a number that stands on its own line to the row it belongs to."""
    tail = block.valueless_tail()
    if not tail:
        return False
    group_header = (
        tail[0].row.kind == "scope"
        and tail[0].row.scope == 3
        and all(t.row.kind == "category" for t in tail[1:])
    )
    target = tail[0] if group_header and not row.label and len(tail) > 1 else tail[-1]
    target.row.values = row.values
    target.row.unit = target.row.unit or row.unit
    target.lines.append(line)
    return True


def find_blocks(context: Context) -> list[Block]:
    """Every emissions table in the document, in reading order (worked examples left out)."""
    blocks: list[Block] = []
    block: Block | None = None
    prose = 0
    header_start = 0
    skip_to = -1

    def close() -> None:
        nonlocal block, header_start
        if block is not None and _is_table(block):
            _settle_sources(block)
            blocks.append(block)
        if block is not None:
            header_start = block.last_line + 1
        block = None

    def add(rows: list[TableRow], row: Row, line: Line) -> None:
        nonlocal block, prose
        if block is None or _starts_new_block(block, row):
            close()
            block = Block(first_line=line.index, header_first_line=header_start)
        block.rows.extend(rows)
        block.last_line = rows[0].lines[-1].index
        prose = 0

    for line in context.lines:
        if line.furniture or line.index <= skip_to:
            continue
        if starts_listing(context, line.index):
            listed = read_listing(context, line.index)
            if listed is not None:
                rows = _listed_rows(listed)
                add(rows, rows[0].row, line)
                skip_to = listed.lines[-1].index
                continue
        row = classify(line.text, category_at_start(context, line))
        if row.kind != "none" and not row.values and not row.texts and _is_prose(line.text):
            row = Row("none", "")
        if row.kind != "none" and not row.cells and _in_sentence(context, line, row):
            row = Row("none", "")
        if line.index in context.headings and row.kind in ("none", "category"):
            close()
            header_start = line.index
            continue
        if row.kind == "category" and block is None:
            continue
        if row.kind in ("scope", "source", "category"):
            rows = [TableRow(row, [line])]
            if row.kind == "scope" and row.cells and row.scope == 3:
                listed = cell_listing(context, line, 3)
                if listed is not None:
                    rows += _listed_rows(listed)[1:]
            add(rows, row, line)
        elif row.kind == "total":
            if block is None:
                continue
            block.rows.append(TableRow(row, [line]))
            block.last_line = line.index
            block.closing = row.has_values
            prose = 0
        elif row.kind == "basis":
            if block is not None:
                block.rows.append(TableRow(row, [line]))
                block.last_line = line.index
        elif block is not None:
            if row.values and _attach_bare(block, row, line):
                block.last_line = line.index
                prose = 0
                if block.rows[-1].row.kind == "total":
                    block.closing = True
                continue
            prose += 1
            if block.closing or prose > _MAX_PROSE_LINES:
                close()
    close()
    for found in blocks:
        _describe(context, found, blocks)
    return [b for b in blocks if not b.example]


def _describe(context: Context, block: Block, blocks: list[Block]) -> None:
    """Work out the block's columns, unit, header text, period cue and own period label."""
    block.columns = _align(block)
    previous_end = max((b.last_line for b in blocks if b.last_line < block.first_line), default=-1)
    start = max(previous_end + 1, block.first_line - _HEADER_LINES, block.header_first_line - 1, 0)
    header_lines = [line for line in context.lines[start : block.first_line] if not line.furniture]
    block.header = " ".join(line.text for line in header_lines)
    block.example = bool(_EXAMPLE.search(block.header))
    block.section = context.section_of_line[block.first_line]
    after = [
        ln for ln in context.lines[block.last_line + 1 : block.last_line + 4] if not ln.furniture
    ]
    _find_unit(block, header_lines, after)
    for line in reversed(header_lines):
        role = _cue(line.text)
        if role:
            block.cue, block.cue_line = role, line
            break
    if block.columns > 1:
        _map_columns(block)
    else:
        _find_caption(block, header_lines)


def _align(block: Block) -> int:
    """The number of year columns, with every row's figures lined up under them.

    Blank cells hold their place; a blank cell where other rows name a source is dropped; a
    column blank in every row is a spacer. A flattened row with fewer figures than columns
    is placed where its figures make the column's total add up, or left unplaced.
    """
    counts = [len(r.row.values) for r in block.rows if r.row.has_values]
    if not counts:
        return 1
    columns = max(set(counts), key=counts.count)
    totals = [len(r.row.values) for r in block.rows if r.row.kind == "total" and r.row.has_values]
    if totals and not any(r.row.cells for r in block.rows):
        columns = max(columns, totals[0])  # a total for every year: the scopes lost a blank cell
    rows = [r.row for r in block.rows]
    for row in rows:
        while len(row.values) > columns and 0 in row.blank:
            row.values.pop(0)
            row.blank = {i - 1 for i in row.blank if i > 0}
    full = [row for row in rows if row.has_values and len(row.values) == columns]
    spacers = [c for c in range(columns) if full and all(c in row.blank for row in full)]
    for row in full:
        row.values = [v for c, v in enumerate(row.values) if c not in spacers]
    columns -= len(spacers)
    if columns > 1:
        _place_short_rows(block, columns)
    return columns


def _place_short_rows(block: Block, columns: int) -> None:
    """Flattened rows that lost a blank cell: put their figures in the column whose scopes
    then add up to its stated total; otherwise they are unplaced (their year is unknown)."""
    short = [
        r.row
        for r in block.rows
        if not r.row.cells and r.row.has_values and len(r.row.values) < columns
    ]
    if not short:
        return
    totals = [r.row for r in block.rows if r.row.kind == "total" and len(r.row.values) == columns]
    scopes = [r.row for r in block.rows if r.row.kind == "scope" and r.row.basis is None]
    fits: list[int] = []
    if totals and all(len(row.values) == 1 for row in short if row in scopes):
        for column in range(columns):
            figures = [
                row.values[0] if row in short else row.values[column]
                for row in scopes
                if len(row.values) in (1, columns)
            ]
            total = totals[0].values[column]
            known = [f for f in figures if f is not None]
            complete = bool(figures) and len(known) == len(figures)
            if total is not None and complete and abs(sum(known) - total) <= max(0.1, total / 100):
                fits.append(column)
    for row in short:
        if len(fits) == 1 and len(row.values) == 1:
            placed: list[float | None] = [None] * columns
            placed[fits[0]] = row.values[0]
            row.values = placed
        else:
            row.unplaced = True  # its year cannot be told: a person must say


def _find_unit(block: Block, header_lines: list[Line], after: list[Line]) -> None:
    """The unit as written in the rows, in the header nearest the table, or in a note just
    below it ("All figures in kg CO2e.")."""
    written = [r.row.unit for r in block.rows if r.row.unit]
    if not written:
        for line in reversed(header_lines):
            found = UNIT_STATEMENT.search(line.text) or UNIT.search(line.text)
            if found:
                written = [found["unit"]]
                break
    if not written:
        notes = (UNIT_STATEMENT.search(line.text) for line in after)
        written = [found["unit"] for found in notes if found][:1]
    if written:
        block.unit_written = written[0]
        block.unit = normalise_unit(written[0])
    block.co2e_said = bool(CO2E_SAID.search(block.header)) or any(
        CO2E_SAID.search(w) for w in written
    )


def _find_caption(block: Block, header_lines: list[Line]) -> None:
    """The period the table's own caption names ("Table 2 - 2024 emissions"), nearest first.

    Only a short line about emissions (or one that is just a period) counts, and only one
    naming a single period: a sentence of prose or a line of column years is not a caption.
    """
    for line in reversed(header_lines[-4:]):
        words = len(line.text.split())
        if words > _CAPTION_WORDS or (words > 6 and line.text.rstrip().endswith(".")):
            continue
        spec = find_period(line.text)
        if spec is not None:
            rest = line.text[spec.offset + len(spec.label) :]
            if find_period(rest) is not None:
                return
            whole = len(spec.label) >= 0.6 * len(line.text.strip(" :()|"))
            if whole or _CAPTION_TOPIC.search(line.text):
                block.own_spec, block.own_line = spec, line
                return
        if line is block.cue_line:
            return  # a caption sits between the words naming the period and the table


def cue_of(text: str) -> Role | None:
    """The period a line's words name ('Baseline year emissions', 'Reporting Year'), if any."""
    return _cue(text)


def _cue(text: str) -> Role | None:
    baseline = _BASELINE_CUE.search(text)
    current = _CURRENT_CUE.search(text)
    if baseline and current:
        return "baseline" if baseline.start() < current.start() else "current"
    if baseline:
        return "baseline"
    if current:
        return "current"
    return None


def _map_columns(block: Block) -> None:
    """Read the periods named in a multi-year header, in order, one per column.

    A column's role is named before its period ("Baseline Year Jan - Dec 2022") or in
    brackets after it ("2019 (baseline)").
    """
    specs: list[PeriodSpec] = []
    segments: list[str] = []
    text = block.header
    position = 0
    while position < len(text):
        spec = find_period(text[position:])
        if spec is None:
            break
        segments.append(text[position : position + spec.offset])
        specs.append(spec)
        position += spec.offset + len(spec.label)
    segments.append(text[position:])
    if len(specs) < block.columns:
        return
    first = len(specs) - block.columns
    for column in range(block.columns):
        index = first + column
        block.specs[column] = specs[index]
        after = _PAREN.match(segments[index + 1])
        before = segments[index]
        if index > first or index > 0:
            before = _PAREN.sub("", before, count=1)
        role = _cue(after[0]) if after else None
        role = role or _cue(before[-40:])
        if role:
            block.roles[column] = role
