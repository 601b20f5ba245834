"""What a table's layout and the lines around it say: how many year columns it has and which
period each is, its unit, its own caption, and the words naming its period.

A table's columns are tied to the baseline or current period by the words just above it
("Baseline year emissions", "Reporting Year: 2024") or, for multi-year tables, by the years in
its header. Rows short of a figure (a blank cell lost in a flattened PDF) are placed by their
column's total, or left unplaced.
"""

from __future__ import annotations

import re

from crp_checker.extract.cells import positional
from crp_checker.extract.context import DocumentContext
from crp_checker.extract.energy_columns import set_aside_energy_columns
from crp_checker.extract.lines import Line
from crp_checker.extract.relative_columns import (
    VERSUS_ROLE,
    map_numbered_columns,
    map_relative_columns,
)
from crp_checker.extract.table_model import Block, Role, TableRow
from crp_checker.extract.units import (
    CO2E_SAID,
    UNIT,
    UNIT_CAPTION,
    UNIT_NOTE,
    UNIT_STATEMENT,
    normalise_unit,
    says_co2,
)
from crp_checker.extract.values import PeriodSpec, find_period, iter_periods

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
# Columns that compare years rather than report one: "Change", "% reduction", "Variance".
_BASIS_WORD = re.compile(r"\b(location|market)[\s-]*based\b", re.I)
_YEAR_SPAN = re.compile(r"\s*(?:-|–|to)\s*(?P<y>(?:19|20)\d\d)(?!\d)")
_CHANGE_COLUMN = re.compile(
    r"\b(?:change|difference|variance|movement|reduction|increase)\b|%", re.I
)
# Tables of targets and projections: their figures are not the plan's emissions.
_FORWARD = re.compile(
    r"\b(?:targets?|projected|projections?|forecasts?|milestones?|trajector(?:y|ies)|pathway|"
    r"budgets?)\b",
    re.I,
)
# A figure with a decimal point or thousands separator, not in brackets: a line holding one
# above the table is a row of data ("Energy consumption (kWh) | 7,412,380 | 7,866,905"), not
# the header whose unit the emissions share.
_DATA_FIGURE = re.compile(r"(?<![\w.(/,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\w.)%/])")
_ENERGY = re.compile(r"[kmg]wh|kilowatt[- ]hours?|megawatt[- ]hours?|litres?", re.I)
_CAPTION_TOPIC = re.compile(
    r"emission|footprint|table|year|period|scope|co2|figure|data|reporting|baseline|current|"
    r"at\s+a\s+glance|summary|in\s+short|highlights|snapshot|overview",
    re.I,
)
_CAPTION_WORDS = 12
_PAREN = re.compile(r"^\s*\([^)]*\)")
_HEADER_LINES = 12


def describe(context: DocumentContext, block: Block, blocks: list[Block]) -> None:
    """Work out the block's columns, unit, header text, period cue and own period label."""
    block.columns = _align(block)
    previous_end = max((b.last_line for b in blocks if b.last_line < block.first_line), default=-1)
    start = max(previous_end + 1, block.first_line - _HEADER_LINES, block.header_first_line - 1, 0)
    header_lines = [line for line in context.lines[start : block.first_line] if not line.furniture]
    block.header = " ".join(line.text for line in header_lines)
    block.example = bool(_EXAMPLE.search(block.header))
    caption = " ".join(_caption_lines(header_lines))
    block.forward = block.section == "targets" or bool(_FORWARD.search(caption))
    block.section = context.section_of_line[block.first_line]
    after = [
        ln for ln in context.lines[block.last_line + 1 : block.last_line + 4] if not ln.furniture
    ]
    inside = [
        ln for ln in context.lines[block.first_line : block.last_line + 2] if not ln.furniture
    ]
    _find_unit(block, header_lines, after, inside)
    set_aside_energy_columns(block, header_lines)  # "Energy used (MWh) | Emissions (tCO2e)"
    block.energy = bool(block.unit_written and _ENERGY.fullmatch(block.unit_written.strip()))
    for line in reversed(header_lines):
        role = _cue(line.text)
        if role:
            block.cue, block.cue_line = role, line
            break
    # Source rows above the first scope row ("Diesel - vans 241.8") are data, not heading.
    headings = [line for line in header_lines if not _DATA_FIGURE.search(line.text)]
    if block.columns > 1:
        if not (
            map_relative_columns(block, headings, after)
            or map_numbered_columns(block, headings, _key_lines(context, block))
        ):
            # Periods in the prose above ("Our baseline is the calendar year 2021. ...") are
            # no column headers: only the non-sentence lines map the columns.
            _map_columns(block, " ".join(h.text for h in _column_heads(headings)))
    else:
        _find_caption(block, headings)


def _align(block: Block) -> int:
    """The number of year columns, with every row's figures lined up under them.

    Blank cells hold their place; a blank cell where other rows name a source is dropped; a
    column blank in every row is a spacer. A flattened row with fewer figures than columns
    is placed where its figures make the column's total add up, or left unplaced.
    """
    if _grid(block):
        return _align_grid(block)
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


def _grid(block: Block) -> bool:
    """Every row is a row of cells, and all have the same number of cells: a real grid."""
    rows = [r.row for r in block.rows if r.row.has_values or r.row.texts]
    widths = {len(row.grid) for row in rows}
    return bool(rows) and all(row.cells and row.grid for row in rows) and len(widths) == 1


def _align_grid(block: Block) -> int:
    """In a grid every cell keeps its column: a column with no figure in any row names
    sources or holds notes; text in a figure column stays there as the cell's text."""
    read = [(r.row, positional(r.row.grid)) for r in block.rows if r.row.grid]
    width = max(len(cells) for _, (cells, _, _) in read)
    for _, (cells, _, _) in read:
        cells.extend([None] * (width - len(cells)))  # a row of label only, or cut short
    figure_columns = [
        c
        for c in range(width)
        if any(c in marked or cells[c] is not None for _, (cells, marked, _) in read)
    ]
    for row, (cells, marked, notes) in read:
        row.values = [cells[c] for c in figure_columns]
        row.texts = [notes[c] for c in figure_columns if c in notes] + [
            row.grid[c] for c in figure_columns if c in marked and c < len(row.grid)
        ]
        row.blank = set()
    return max(1, len(figure_columns))


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


def _caption_lines(header_lines: list[Line]) -> list[str]:
    """The short lines right above a table (its caption and header row), up to the prose."""
    found: list[str] = []
    for line in reversed(header_lines[-2:]):
        if _is_sentence(line.text) and "|" not in line.text:
            break
        if line.text[:1].islower():  # the end of a sentence wrapped from the line above
            break
        found.insert(0, line.text)
    return found


# "Published: 2 April 2026", "Issue date - March 2026": a field of the document, no column head.
_DOCUMENT_FIELD = re.compile(
    r"^\W*(?:published|publication\s+date|date\s+of\s+(?:publication|issue)|issue\s+date|"
    r"issued|date|version|updated|last\s+updated|review\s+date)\b[^|]{0,20}?[:\-–]\s*\S",
    re.I,
)


def _column_heads(headings: list[Line]) -> list[Line]:
    """The lines above a table that may head its columns: not running text, not the tail of a
    sentence wrapped from the line before ("... for the 52 weeks ended 28" / "December
    2025."), not a field of the document such as its publication date."""
    heads: list[Line] = []
    for index, line in enumerate(headings):
        text = line.text
        if _is_prose(text) or _DOCUMENT_FIELD.match(text):
            continue
        before = headings[index - 1].text if index > 0 else ""
        after = headings[index + 1].text if index + 1 < len(headings) else ""
        if "|" not in text and (
            (_is_tail(text) and _is_prose(f"{before} {text}"))
            or (_is_tail(after) and _is_prose(f"{text} {after}"))
        ):
            continue  # a sentence wrapped over two lines
        heads.append(line)
    return heads


def _is_tail(text: str) -> bool:
    """The short end of a wrapped sentence ("December 2025.")."""
    return "|" not in text and len(text.split()) <= 6 and text.rstrip().endswith(".")


def _is_prose(text: str) -> bool:
    """A line of running text, not a row of header cells."""
    return "|" not in text and _is_sentence(text)


def _is_sentence(text: str) -> bool:
    """A line of prose, not a caption or a column header."""
    words = len(text.split())
    return words > _CAPTION_WORDS or (words > 6 and text.rstrip().endswith("."))


def _find_unit(
    block: Block, header_lines: list[Line], after: list[Line], inside: list[Line]
) -> None:
    """The unit as written in the rows, in the header nearest the table, or in a note just
    below it ("All figures in kg CO2e.")."""
    written = [r.row.unit for r in block.rows if r.row.unit]
    if not written:
        for index in range(len(header_lines) - 1, -1, -1):
            line = header_lines[index]
            if _DATA_FIGURE.search(line.text):
                continue
            # "Emissions (tCO2" over "e)": a subscript or superscript set the 'e' apart
            nxt = header_lines[index + 1].text if index + 1 < len(header_lines) else ""
            text = f"{line.text} {nxt[:3]}" if re.match(r"e\b", nxt) else line.text
            found = UNIT_STATEMENT.search(text) or UNIT.search(text)
            if found:
                written = [found["unit"]]
                break
    if not written:
        # "Total, tCO2e 176.9 123.2": the unit written in a row's label
        labels = (
            UNIT.search(f"{r.row.label} {r.row.source} {_label_cell(r)}")
            for r in block.rows
            if r.row.kind in ("scope", "total")
        )
        written = [found["unit"] for found in labels if found and says_co2(found["unit"])][:1]
    if not written:
        notes = (
            UNIT_STATEMENT.search(line.text)
            or UNIT_NOTE.search(line.text)
            or UNIT_CAPTION.search(line.text)
            for line in after
        )
        written = [found["unit"] for found in notes if found][:1]
    if not written:
        # Cards ("Scope 1" / "1.8" / "tCO2e"): a line that is only the unit, under a figure.
        alone = (UNIT.fullmatch(line.text.strip()) for line in inside)
        written = [found["unit"] for found in alone if found][:1]
    if written:
        block.unit_written = written[0]
        block.unit = normalise_unit(written[0])
    block.co2e_said = bool(CO2E_SAID.search(block.header)) or any(
        CO2E_SAID.search(w) for w in written
    )


_KEY_LINES = 8


def _key_lines(context: DocumentContext, block: Block) -> list[Line]:
    """The lines under a table where a key to its columns may sit ("Key to the years: ...")."""
    below = context.lines[block.last_line + 1 : block.last_line + 1 + _KEY_LINES]
    return [line for line in below if not line.furniture]


def _label_cell(table_row: TableRow) -> str:
    """The first cell of a ruled row as written ("Scope 1 (tCO2e)"), where the unit may sit."""
    text = table_row.lines[0].text if table_row.lines else ""
    return text.strip().strip("|").split("|")[0] if "|" in text else ""


def _find_caption(block: Block, header_lines: list[Line]) -> None:
    """The period the table's own caption names ("Table 2 - 2024 emissions"), nearest first.

    Only a short line about emissions (or one that is just a period) counts, and only one
    naming a single period: a sentence of prose or a line of column years is not a caption.
    """
    for line in reversed(header_lines[-4:]):
        if _is_sentence(line.text):
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


def _map_basis_columns(block: Block, header: str | None = None) -> bool:
    """Periods that each span a location-based and a market-based column ("2023 (baseline) |
    2026" over "Location-based | Market-based | Location-based | Market-based"): each period
    gets its two columns, and only the market-based one is read (the basis a plan's totals and
    targets use); the location-based columns are set aside like a "Change" column."""
    text = block.header if header is None else header
    bases = list(_BASIS_WORD.finditer(text))
    if block.columns < 2 or len(bases) < block.columns:
        return False
    tail = bases[-block.columns :]
    if text[tail[0].start() : tail[-1].end()].count("based") != block.columns:
        return False
    if find_period(text[tail[-1].end() :]) is not None:
        return False  # the periods come after the basis words: those were not column heads
    kinds = [m[1].lower() for m in tail]
    if set(kinds) != {"location", "market"} or block.columns % 2:
        return False
    periods: list[tuple[PeriodSpec, str]] = []
    text = text[: tail[0].start()]
    for _, end, spec in iter_periods(text):
        periods.append((spec, text[end : end + 40]))
    wanted = block.columns // 2
    if len(periods) < wanted:
        return False
    for index, (spec, after) in enumerate(periods[-wanted:]):
        paren = _PAREN.match(after)
        role = _cue(paren[0]) if paren else None
        for column in (2 * index, 2 * index + 1):
            block.specs[column] = spec
            if role:
                block.roles[column] = role
            if kinds[column] == "location":
                block.extra_columns.add(column)
    return True


_VERSUS = re.compile(r"\b(?:vs\.?|versus|against|compared\s+(?:with|to))\s*\(?\s*$", re.I)
# The end of a sentence before a column's year: its words name no column.
_SENTENCE_ENDS = re.compile(r"(?<![\d.])[.;]\s+(?=\S)")


def _map_columns(block: Block, header: str | None = None) -> None:
    """Read the periods named in a multi-year header, in order, one per column.

    A column's role is named before its period ("Baseline Year Jan - Dec 2022"), in
    brackets after it ("2019 (baseline)") or after it in its own cell ("2019 baseline |"),
    never in the cell of the year before.
    """
    if _map_basis_columns(block, header):
        return
    specs: list[PeriodSpec] = []
    segments: list[str] = []
    text = block.header if header is None else header
    position = 0
    prefix = ""
    while position < len(text):
        spec = find_period(text[position:])
        if spec is None:
            break
        end = position + spec.offset + len(spec.label)
        if _VERSUS.search(text[max(0, position + spec.offset - 16) : position + spec.offset]):
            prefix += text[position:end]  # "Change % (vs 2021)": the year compared against
            position = end
            continue
        span = _YEAR_SPAN.match(text, end)
        if span is not None and int(span["y"]) - spec.end_year > 1:
            # "Emissions 2020-2025", "Change 2020 to 2025": a span of years, not a column.
            prefix += text[position : span.end()]
            position = span.end()
            continue
        segments.append(prefix + text[position : position + spec.offset])
        prefix = ""
        specs.append(spec)
        position = end
    segments.append(prefix + text[position:])
    mapped = block.columns
    if len(specs) == mapped - 1 and _cue(segments[-1]) == "current":
        # "2021 (baseline) | 2022 | 2023 | 2024 | Latest year": the last column by its role
        mapped -= 1
        block.roles[mapped] = "current"
    elif len(specs) == block.columns - 1 and _CHANGE_COLUMN.search(segments[-1]):
        mapped = len(specs)  # "| 2019 | 2024 | Change |": the last column is no year
        block.extra_columns = {block.columns - 1}
    if len(specs) < mapped:
        return
    first = len(specs) - mapped
    for column in range(mapped):
        index = first + column
        block.specs[column] = specs[index]
        following = segments[index + 1]
        after = _PAREN.match(following)
        before = segments[index]
        if index > first or index > 0:
            before = _PAREN.sub("", before, count=1)
        if "|" in before:
            # "2019 baseline | 2024": not the next year's role; "Baseline and current emissions
            # Scope | Baseline: 2021": only the year's own cell names its role
            before = before.split("|", 1)[1] if index > first else before.rsplit("|", 1)[1]
        role = _cue(after[0]) if after else None
        if role is None and "|" in following:
            role = _cue(following.split("|", 1)[0])  # the role in the year's own cell
        before = _SENTENCE_ENDS.split(before)[-1]  # "... is the current year. tCO2e | 2021"
        role = role or _cue(before[-40:])
        if role:
            block.roles[column] = role
    following_roles = [
        _cue(VERSUS_ROLE.sub("", segments[first + column + 1])) for column in range(mapped)
    ]
    if "|" not in text and not _cue(segments[first][-20:]) and any(following_roles):
        # "FY2021/22 baseline FY2024/25 current", "2021 restated baseline 2025": with no cell
        # borders and no role before the first year, each role word follows its own year.
        under = _role_row(segments[-1], mapped)
        if under is not None and not any(following_roles[:-1]):
            # "2019/20 2025/26" over "baseline current": a row of roles under the years,
            # one a column, not every role after the last year.
            following_roles = under
        for column, role in enumerate(following_roles):
            block.roles.pop(column, None)
            if role:
                block.roles[column] = role


def _role_row(text: str, columns: int) -> list[Role | None] | None:
    """The roles of a row of role words that opens `text`, one a column ("baseline current"),
    or None where `text` does not open with exactly that many role words."""
    cues = sorted(
        [(m.start(), m.end(), "baseline") for m in _BASELINE_CUE.finditer(text)]
        + [(m.start(), m.end(), "current") for m in _CURRENT_CUE.finditer(text)]
    )
    position = 0
    roles: list[Role | None] = []
    for start, end, role in cues:
        if text[position:start].strip(" |") or len(roles) == columns:
            break
        roles.append("baseline" if role == "baseline" else "current")
        position = end
    if len(roles) != columns or len(set(roles)) != columns:
        return None
    return roles
