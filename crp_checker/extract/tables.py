"""Stitch classified lines into emissions tables (blocks).

A block starts at a Scope row and ends at its total (or at a heading, or when prose runs on).
A number alone on a line belongs to the row whose label came before it; under a Scope 3
header followed by several category names it is the Scope 3 figure itself. Scope rows that
name several sources of one scope are its source rows, and the scope's subtotal is its figure.
What each block's columns mean is worked out in `headers.py`.
"""

from __future__ import annotations

import re
from itertools import pairwise

from crp_checker.extract.context import DocumentContext
from crp_checker.extract.headers import cue_of, describe
from crp_checker.extract.lines import Line
from crp_checker.extract.listing import Listed, cell_listing, read_listing, starts_listing
from crp_checker.extract.rows import VERB, Row, classify, paired_cells, split_bases
from crp_checker.extract.table_model import Block, Role, TableRow
from crp_checker.extract.values import MONTH, find_years

__all__ = ["Block", "Role", "TableRow", "category_at_start", "cue_of", "find_blocks"]

_NUMBERING = re.compile(r"^(?:[•●·▪■◦*]\s*)?(?:\d{1,2}\s*[.):]\s*|[-–]\s*)?")
_SCOPE3_LEAD = re.compile(r"^scope\s*3\s*(?:[|:\-–]\s*)?(?=[A-Za-z])", re.I)
_SUBSCRIPT = re.compile(r"\s*[2₂](?:\s+[2₂])*\s*")
_BEFORE_SUBSCRIPT = re.compile(r"co\s?e?\b[^\d]{0,30}$", re.I)
_MAX_PROSE_LINES = 14
_DIRECTION = re.compile(r"(?<=\()\s*(?:up|down)stream\b", re.I)  # "(downstream ...)"
_MAX_LABEL_WORDS = 14
_SENTENCE_WORDS = 8  # a shorter line with a full stop may still be a label ("Scope 1: nil.")


def category_at_start(context: DocumentContext, line: Line) -> int | None:
    """The Scope 3 category a row is labelled with.

    Its name opens the line ("Business Travel – 43.15"), or, on a row whose label is a cell
    ("Staff business travel | 8.8 |"), appears anywhere in that cell. The longest name wins,
    so "Deliveries to customers" is downstream (9), not just "deliveries" (4); a category
    named by its direction in brackets ("Deliveries of goods (downstream)") qualifies it and wins.
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
    qualified = [m for m in found if _DIRECTION.match(line.text, m.start - line.start)]
    if len({m.id for m in qualified}) == 1:
        return int(qualified[0].id)  # "Deliveries to shops (downstream)": the bracket decides
    best = min(found, key=lambda m: (m.start > lead + 1, -(m.end - m.start)))
    if best.start > lead + 1 and len({m.id for m in found}) > 1:
        return None  # a label cell listing several categories names none of them alone
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


_BREAKDOWN = re.compile(
    r"\b(?:by|per)\s+(?:category|source|activity)\b|\bbreakdown\b|\b(?:sources|categories)\b",
    re.I,
)


def _breakdown_heading(block: Block | None, row: Row, text: str) -> bool:
    """A heading naming a scope's breakdown, with no figure, under a table that gave the
    scope's figure: the breakdown is a table of its own, not more sources to add."""
    return (
        block is not None
        and row.kind == "scope"
        and row.scope is not None
        and not row.has_values
        and not row.texts
        and bool(_BREAKDOWN.search(text))
        and _has_figure(block, row.scope)
    )


def _has_figure(block: Block, scope: int) -> bool:
    """The table already gives a figure for the scope (its row or its own total)."""
    return any(
        r.row.kind in ("scope", "source") and r.row.scope == scope and r.row.has_values
        for r in block.rows
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
    """A sentence that happens to start like a row label ("Scope 3 emissions will ...",
    "Scope 1 is zero in both years because we own no vehicles.")."""
    words = len(text.split())
    return words > _MAX_LABEL_WORDS or (words > _SENTENCE_WORDS and text.rstrip().endswith("."))


# "Scope 1 5.0 tCO2e, Scope 2 2.0 tCO2e": a scope named with its figure, then another scope.
_SCOPE_FIGURE = re.compile(
    r"\bscope\s*([123])\b(?!\s*(?:and|&|\+|,)\s*(?:scope\s*)?[123]\b)\W{0,3}"
    r"(?:(?!scope\b)[a-z]+\W+){0,3}?[\d.,]*\d",
    re.I,
)


def _lists_scopes(text: str) -> bool:
    """A line that gives several scopes each with its figure, one after another ("Emissions in
    2025: Scope 1 5.0 tCO2e, Scope 2 2.0 tCO2e, Scope 3 14.0 tCO2e") is a sentence listing
    figures, read as prose with its period, not one table row holding the first figure."""
    if "|" in text:
        return False
    return len({m[1] for m in _SCOPE_FIGURE.finditer(text)}) >= 2


def _in_sentence(context: DocumentContext, line: Line, row: Row) -> bool:
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


# A bare figure's line that goes on in words, or holds a year or a share outside brackets
# ("468.7 (-6.1% of Baseline)" is a figure with its note): running text.
_PROSE_AROUND = re.compile(r"%|\b(?:19|20)\d\d\b.*\d|\d.*\b[a-z]{3,}\b.*\b[a-z]{3,}\b(?<!co2e)")


_BARE_INTEGER = re.compile(r"^\s*(\d{1,6})\s*$")
_AXIS_TICKS = 3


def _axis_tick(context: DocumentContext, line: Line) -> bool:
    """A chart's axis labels read as text ("0" / "20" / "40" / "60"): a run of at least three
    lines that are each a bare whole number, evenly spaced. They are no figures."""
    if not _BARE_INTEGER.match(line.text):
        return False
    start = end = line.index
    lines = context.lines
    while start > 0 and _BARE_INTEGER.match(lines[start - 1].text):
        start -= 1
    while end + 1 < len(lines) and _BARE_INTEGER.match(lines[end + 1].text):
        end += 1
    values = [int(lines[i].text) for i in range(start, end + 1)]
    steps = {b - a for a, b in pairwise(values)}
    return len(values) >= _AXIS_TICKS and len(steps) == 1 and next(iter(steps)) != 0


def _attach_bare(block: Block, row: Row, line: Line) -> bool:
    """Give a number that stands on its own line to the row it belongs to."""
    tail = block.valueless_tail()
    if not tail or _PROSE_AROUND.search(re.sub(r"\([^()]*\)", " ", line.text)):
        return False  # "March 2030, to 1,165.8 tCO2e, and a 75% cut by 2035": a sentence
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


def _under_header(context: DocumentContext, line: Line) -> bool:
    """The line just above is a column header: two or more periods and no figures else."""
    above = context.lines[line.index - 1] if line.index > 0 else None
    if above is None or above.page != line.page:
        return False
    years = find_years(above.text)
    return len(years) >= 2 and not re.search(r"\d+\.\d", above.text)


def _heads(pending: tuple[list[TableRow], Line], row: Row, line: Line) -> bool:
    """A held total row starts the table whose first scope row comes right under it, with as
    many figures."""
    total = pending[0][0].row
    return (
        pending[1].index == line.index - 1
        and row.kind == "scope"
        and len(row.values) == len(total.values)
    )


_DAY_AT_END = re.compile(r"(?<![\d.,])(?:[12]?\d|3[01])(?:st|nd|rd|th)?\s*$")
_MONTH_AT_START = re.compile(rf"^\s*{MONTH}\b\.?,?\s+\d{{2,4}}\b", re.I)


def _day_of_date(context: DocumentContext, line: Line) -> bool:
    """A number ending a line whose next line opens with a month and year ("... second year
    ended 31" / "March 2025):") is the day of a date broken over the lines, not a figure."""
    if not _DAY_AT_END.search(line.text):
        return False
    following = context.lines[line.index + 1] if line.index + 1 < len(context.lines) else None
    return following is not None and bool(_MONTH_AT_START.match(following.text))


def find_blocks(context: DocumentContext) -> list[Block]:
    """Every emissions table in the document, in reading order (worked examples, tables of
    targets or projections, and tables of energy use left out)."""
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

    # A total row written first, under the column header and above the scope rows ("tCO2e
    # 2021 2025" / "Total 1,963.8 1,737.1" / "Scope 1 ..."): held until the next line shows
    # a table with as many figures per row starting under it.
    pending: tuple[list[TableRow], Line] | None = None

    def add(rows: list[TableRow], row: Row, line: Line) -> None:
        nonlocal block, prose, pending
        if block is None or _starts_new_block(block, row):
            close()
            block = Block(first_line=line.index, header_first_line=header_start)
            if pending is not None and _heads(pending, row, line):
                block.rows.extend(pending[0])
                block.first_line = pending[1].index
        pending = None
        block.rows.extend(rows)
        block.last_line = rows[0].lines[-1].index
        prose = 0

    previous = ""
    for line in context.lines:
        if line.furniture or line.index <= skip_to:
            continue
        subscript = _SUBSCRIPT.fullmatch(line.text) and _BEFORE_SUBSCRIPT.search(previous)
        previous = line.text
        if subscript:
            continue  # "tCO e" then "2": the subscript of CO2, pushed to a line of its own
        if starts_listing(context, line.index):
            listed = read_listing(context, line.index)
            if listed is not None:
                if block is not None and _has_figure(block, listed.scope):
                    close()  # "Scope 3 by category" under a table that gave Scope 3: a breakdown
                rows = _listed_rows(listed)
                add(rows, rows[0].row, line)
                skip_to = listed.lines[-1].index
                continue
        for row in paired_cells(line.text) or [
            classify(line.text, category_at_start(context, line))
        ]:
            if row.kind != "none" and not row.values and not row.texts and _is_prose(line.text):
                row = Row("none", "")
            if row.kind != "none" and not row.cells and _in_sentence(context, line, row):
                row = Row("none", "")
            if row.kind in ("scope", "source") and not row.cells and _lists_scopes(line.text):
                row = Row("none", "")
            if len(row.values) == 1 and not row.cells and _day_of_date(context, line):
                row.values, row.texts = [], []  # "Scope 3 (years ending 31" / "March 2025)"
            if line.index in context.headings and row.kind in ("none", "category"):
                close()
                header_start = line.index
                continue
            if row.kind == "category" and block is None:
                continue
            if row.kind in ("scope", "source", "category"):
                if _breakdown_heading(block, row, line.text):
                    close()  # "Scope 3 by category (tCO2e, 2025 then 2020)" under the table
                rows = [TableRow(one, [line]) for one in split_bases(row)]
                if row.kind == "scope" and row.cells and row.scope == 3:
                    listed = cell_listing(context, line, 3)
                    if listed is not None:
                        rows += _listed_rows(listed)[1:]
                add(rows, row, line)
            elif row.kind == "total":
                if block is None:
                    if len(row.values) >= 2 and _under_header(context, line):
                        pending = ([TableRow(one, [line]) for one in split_bases(row)], line)
                    continue
                block.rows.extend(TableRow(one, [line]) for one in split_bases(row))
                block.last_line = line.index
                block.closing = row.has_values
                prose = 0
            elif row.kind == "basis":
                if block is not None:
                    block.rows.append(TableRow(row, [line]))
                    block.last_line = line.index
            elif block is not None:
                if (
                    row.values
                    and not _day_of_date(context, line)
                    and not _axis_tick(context, line)
                    and _attach_bare(block, row, line)
                ):
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
        describe(context, found, blocks)
    return [b for b in blocks if not (b.example or b.forward or b.energy)]
