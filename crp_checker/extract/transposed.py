"""Tables laid out the other way round: one row per year, one column per scope.

    | Year               | Scope 1 | Scope 2 | Scope 3 | Total |
    | 2019/20 (baseline) | -       | -       | -       | 250.0 |
    | 2023/24            | 50.0    | 30.0    | 100.0   | 180.0 |

Each year row becomes a one-column table of its own, labelled with the row's period (and its
role, when the row says 'baseline' or 'current'), so the usual period assignment applies.
"""

from __future__ import annotations

import re

from crp_checker.extract.cells import NOT_AVAILABLE, cell_value
from crp_checker.extract.context import DocumentContext
from crp_checker.extract.lines import Line
from crp_checker.extract.relative_columns import key_period, role_label
from crp_checker.extract.rows import Row
from crp_checker.extract.tables import Block, TableRow, cue_of
from crp_checker.extract.units import UNIT, UNIT_NOTE, UNIT_STATEMENT, normalise_unit
from crp_checker.extract.values import find_period

_HEAD = re.compile(r"\bscope\s*(?P<n>[123])\b|\btotal\b|\boverall\b|\ball\s+scopes\b", re.I)
_YEAR_HEAD = re.compile(
    r"\W*(?:year|period|financial\s+year|fy|reporting\s+(?:year|period)|date)\W*", re.I
)
_PLAIN_CELL = re.compile(r"[-–—]|n/?a|nil|(?:[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)", re.I)
_FIGURES_ONLY = re.compile(r"[\d.,\-–—]+(?:\s+[\d.,\-–—]+)+")
_MAX_ROWS = 6
# The row's role written before its year: "Baseline 2020", "Current year (2025)", "Reporting
# period: FY24/25".
_ROLE_FIRST = re.compile(
    r"^\W*(?:baseline|base|current|reporting|latest)(?:\s+(?:year|period))?\s*[:(\-–]?\s*",
    re.I,
)
_CUE_LINES = 3
_KEY_LINES = 4


_CELL_KINDS = (
    (re.compile(r"\bscope\s*3\b.*\btotal\b|\btotal\b.*\bscope\s*3\b", re.I), "scope3"),
    (re.compile(r"^\W*scope\s*(?P<n>[123])\b(?!.*\btotal\b)", re.I), "scope"),
    (
        # "All" alone heads the total column after the three scopes ("Year | S1 | S2 | S3 | All")
        re.compile(r"^\W*(?:grand\s+)?total\b|^\W*overall\b|^\W*all(?:\s+scopes)?\W*$", re.I),
        "total",
    ),
    (
        re.compile(r"^\W*(?:scope\s*3\s*[-–:]?\s*)?(?:category|cat\.?)\s*(?P<n>\d{1,2})\b", re.I),
        "cat",
    ),
    (re.compile(r"^\W*(?P<n>1[0-5]|[1-9])\s*[-–.:]?\s+[A-Za-z]", re.I), "cat"),  # "4 Upstream"
)


def _cell_columns(text: str) -> list[str] | None:
    """The columns of a ruled header whose cells name scopes, Scope 3 categories and totals
    ("Period | Scope 1 | Scope 2 | Cat 4 Upstream transport | ... | Scope 3 total | Total"):
    each cell's kind, 'other' for a column that is none of them (home working, extra)."""
    every = [c.strip() for c in text.strip().strip("|").split("|")]
    cells = every[1:]
    kinds: list[str] = []
    for cell in cells:
        kind = "other"
        for pattern, name in _CELL_KINDS:
            m = pattern.search(cell)
            if m is not None:
                kind = f"{name}{m['n']}" if name in ("scope", "cat") else name
                break
        kinds.append(kind)
    named = [k for k in kinds if k.startswith("scope") or k == "total"]
    if len(named) < 3 or len(set(named)) != len(named):
        return None
    if not any(k.startswith("cat") for k in kinds) and (
        "other" in kinds
        or not _YEAR_HEAD.fullmatch(every[0])
        or any(len(_HEAD.findall(cell)) > 1 for cell in cells)
    ):
        # only a clean header of scopes and totals ("Year | S1 | S2 | S3 | All") is read cell
        # by cell; others by their words (OCR may have dropped or merged bars)
        return None
    return kinds


def _two_row_header(first: str, second: str) -> str | None:
    """A ruled header over two rows, its spanning cell over sub-columns ("Period | Scope 1 |
    Scope 2 | Scope 3 | Total |" over " | | | 4 Upstream ... | Scope 3 total | |"), as one row
    of cells: blank cells below take the cell above in turn; a run of cells below sits under
    the next cell above, which spans them."""
    if "|" not in first or "|" not in second or re.search(r"\d[\d,]*\.\d", second):
        return None
    above = [c.strip() for c in first.strip().strip("|").split("|")]
    under = [c.strip() for c in second.rstrip().rstrip("|").split("|")]
    if len(under) <= len(above) or under[0]:
        return None
    merged: list[str] = []
    pointer = 0
    for index, cell in enumerate(under):
        if cell:
            merged.append(cell)
            last_of_run = index + 1 == len(under) or not under[index + 1]
            pointer += 1 if last_of_run else 0  # the spanning cell is used up with its run
        elif pointer < len(above):
            merged.append(above[pointer])
            pointer += 1
        else:
            return None
    return " | ".join(merged) if pointer == len(above) else None


def _columns(text: str) -> list[str] | None:
    """The scope columns a header names, in order ('scope1', ..., 'total'); None if not one."""
    if "|" in text and (by_cell := _cell_columns(text)) is not None:
        return by_cell
    found = [f"scope{m['n']}" if m["n"] else "total" for m in _HEAD.finditer(text)]
    if len(found) < 3 or len(set(found)) != len(found) or found[0] == "total":
        return None
    return found


def _cells(text: str) -> list[str]:
    """The cells of a row: between bars, else between spaces; a part between bars that holds
    only figures is split at its spaces (OCR reads some grid lines as bars and not others:
    "2020 | 12.0 6.0 40.2 58.2")."""
    if "|" in text:
        parts = [c.strip() for c in text.strip().strip("|").split("|")]
        return [
            cell
            for part in parts
            for cell in (part.split() if _FIGURES_ONLY.fullmatch(part) else [part])
        ]
    return text.split()


def _figures(cells: list[str]) -> tuple[list[float | None], list[str]] | None:
    """Each cell's figure, None for a 'not available' cell (its text kept); None for the row
    when a cell holds anything else, as then the line is not a row of figures."""
    values: list[float | None] = []
    texts: list[str] = []
    for cell in cells:
        found = cell_value(cell)
        if found is not None:
            values.append(found[0])
        elif NOT_AVAILABLE.search(cell) or not cell:
            values.append(None)
            texts.append(cell)
        else:
            return None
    return values, texts


def _year_row(line: Line, columns: list[str]) -> tuple[list[float | None], list[str]] | None:
    """The figures of a year row, one per scope column, or None if the line is not one."""
    spec = find_period(line.text)
    role = _ROLE_FIRST.match(line.text)
    if spec is None or spec.offset > (role.end() if role else 0) + 2:
        return None
    rest = line.text[spec.offset + len(spec.label) :]
    rest = re.sub(r"^\s*\)?\s*\([^)]*\)|^\s*\)", "", rest)  # "2019/20 (baseline)"
    if "|" in rest and not rest.lstrip().startswith("|"):
        # "FY2022 baseline, recalculated (1 Oct 2021 - 30 Sep 2022) | 9.7 | ...": the rest
        # of the label cell is words about the year, not a figure
        rest = rest[rest.index("|") :]
    cells = [c for c in _cells(rest) if c]
    if "|" not in rest:
        cells = [c for c in cells if _PLAIN_CELL.fullmatch(c)]
    if len(cells) != len(columns):
        return None
    return _figures(cells)


def _role_row(
    line: Line, columns: list[str]
) -> tuple[str, tuple[list[float | None], list[str]] | None] | None:
    """A row labelled only by its role ("Baseline 58.4 71.2 110.3 239.9", "Latest year ...",
    "Last year ..."): the role word and the row's figures (None for a comparison row's)."""
    label = role_label(line.text)
    if label is None:
        return None
    word, role = label
    rest = line.text.strip()[len(word) :]
    cells = [c for c in _cells(rest) if c]
    if len(cells) != len(columns) or not all(_PLAIN_CELL.fullmatch(c) for c in cells):
        return None
    return word, (_figures(cells) if role is not None else None)


def _values_row(line: Line, columns: list[str]) -> tuple[list[float | None], list[str]] | None:
    """A row of figures only, one per scope column (after a label cell such as 'tCO2e')."""
    cells = [c for c in _cells(line.text) if c]
    if len(cells) == len(columns) + 1 and cell_value(cells[0]) is None:
        if find_period(cells[0]) is not None or _HEAD.search(cells[0]):
            return None
        cells = cells[1:]
    plain = "|" in line.text or all(_PLAIN_CELL.fullmatch(c) for c in cells)
    if len(cells) != len(columns) or not plain:
        return None
    read = _figures(cells)
    return read if read is not None and any(v is not None for v in read[0]) else None


def _cue_above(block: Block, lines: list[Line]) -> None:
    """The period the lines just above a one-period table name ('Reporting year: 2024')."""
    block.own_spec, block.own_line = None, None
    block.cue, block.cue_line = None, None
    for line in reversed(lines[:-1]):
        role = cue_of(line.text)
        if role:
            block.cue, block.cue_line = role, line
            return


def find_transposed(context: DocumentContext) -> list[Block]:
    """Every year-per-row emissions table, as one block per year."""
    blocks: list[Block] = []
    lines = [line for line in context.lines if not line.furniture]
    for position, header in enumerate(lines):
        columns = _columns(header.text)
        below = lines[position + 1] if position + 1 < len(lines) else None
        two_rows = _two_row_header(header.text, below.text) if below is not None else None
        if two_rows is not None:
            columns = _cell_columns(two_rows)
        if columns is None or find_period(header.text) is not None:
            continue
        found_blocks: list[Block] = []
        keyed: list[tuple[Block, str]] = []
        end = position
        for offset, line in enumerate(lines[position + 1 : position + 1 + _MAX_ROWS]):
            if re.fullmatch(r"[|\s:\-–]*", line.text):
                continue  # a Markdown rule under the header
            if offset == 0 and two_rows is not None:
                continue  # the header's second row
            found = _year_row(line, columns)
            by_role = _role_row(line, columns) if found is None else None
            if by_role is not None:
                word, figures = by_role
                end = position + 1 + offset
                if figures is not None:  # a comparison row ("Last year") is no period's
                    found_blocks.append(_block(line, columns, figures))
                    keyed.append((found_blocks[-1], word))
                continue
            if found is None and not found_blocks and (found := _values_row(line, columns)):
                block = _block(line, columns, found)
                _cue_above(block, lines[max(0, position - _CUE_LINES) : position + 1])
                found_blocks.append(block)
                end = position + 1 + offset
                break  # one row of figures under the scope names: a table of one period
            if found is None:
                break
            found_blocks.append(_block(line, columns, found))
            end = position + 1 + offset
        for block, word in keyed:  # "Latest year = 1 October 2024 to 30 September 2025."
            block.own_spec = key_period(word, lines[end + 1 : end + 1 + _KEY_LINES])
        if {"baseline", "current"} <= {b.cue for b in found_blocks}:
            # The baseline and current rows are named: the rows between are other years.
            found_blocks = [b for b in found_blocks if b.cue is not None]
        unit = _unit([*lines[max(0, position - 2) : position + 1], *lines[end + 1 : end + 3]])
        unit = unit or _unit_note(lines[end + 3 : end + 6])
        for block in found_blocks:
            block.unit_written, block.unit = unit, normalise_unit(unit)
            for table_row in block.rows:
                table_row.row.unit = unit
        blocks += found_blocks
    return blocks


def _unit(lines: list[Line]) -> str | None:
    """The unit written in the header or the lines just around the table."""
    for line in lines:
        found = UNIT_STATEMENT.search(line.text) or UNIT.search(line.text)
        if found:
            return str(found["unit"])
    return None


def _unit_note(lines: list[Line]) -> str | None:
    """A note on the unit a few lines under the table, past its key ("All figures tCO2e")."""
    for line in lines:
        found = UNIT_STATEMENT.search(line.text) or UNIT_NOTE.search(line.text)
        if found:
            return str(found["unit"])
    return None


def _block(line: Line, columns: list[str], found: tuple[list[float | None], list[str]]) -> Block:
    values, texts = found
    rows: list[TableRow] = []
    for column, value in zip(columns, values, strict=True):
        if column == "other":
            continue  # a voluntary extra ("Home working (extra)"): in no scope's own figure
        if column == "total":
            row = Row("total", "Total", values=[value])
        elif column.startswith("cat"):
            number = int(column[3:])
            row = Row("category", f"Category {number}", scope=3, category=number, values=[value])
        else:
            row = Row("scope", f"Scope {column[-1]}", scope=int(column[-1]), values=[value])
        if value is None and texts:
            row.texts = [texts.pop(0)]
        rows.append(TableRow(row, [line]))
    spec = find_period(line.text)
    block = Block(rows=rows, first_line=line.index, last_line=line.index, header=line.text)
    block.own_spec, block.own_line = spec, line
    block.cue = cue_of(line.text)
    block.cue_line = line if block.cue else None
    return block
