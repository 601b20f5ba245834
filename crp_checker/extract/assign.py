"""Which table (and which column) reports the baseline, and which the current period.

A table is tied to a period by, in order: its column headers ("2019/20 (baseline) | 2024/25
(current)"), the words just above it ("Baseline year emissions", "Reporting Year: 2024"), its
own caption's year ("Table 2 - 2024 emissions"), or the template section it sits in. A table
labelled with a year is never filed under a period of another year. A table with none of
these is placed by the nearest period statement before it, and that reading is marked
inferred, so no mandatory fail rests on it without a person looking.
"""

from __future__ import annotations

from dataclasses import dataclass

from crp_checker.extract.periods import PeriodStatement, first_statement
from crp_checker.extract.tables import Block, Role, TableRow
from crp_checker.extract.values import PeriodSpec


@dataclass
class Assignment:
    """A table column chosen for a period, and why, when the tie is only inferred."""

    block: Block
    column: int
    spec: PeriodSpec | None = None
    inferred: str | None = None


def value(table_row: TableRow, column: int) -> float | None:
    """The row's figure in `column`: a row with one figure has it in the first column only,
    and a flattened row short of a figure that no total could place has none."""
    values = table_row.row.values
    if table_row.row.unplaced or (len(values) == 1 and column > 0):
        return None
    return values[column] if column < len(values) else None


def completeness(assignment: Assignment) -> int:
    """How much of a period a column reports: scope and total figures count double."""
    stated = 0
    for table_row in assignment.block.rows:
        found = value(table_row, assignment.column) is not None
        if found and table_row.row.kind in ("scope", "total"):
            stated += 2
        elif found:
            stated += 1
    return stated


def _year_role(
    spec: PeriodSpec, baseline: PeriodStatement | None, current: PeriodStatement | None
) -> Role | None:
    """The period a table's own year points to, given what the plan states elsewhere."""
    if baseline is not None and spec.end_year == baseline.spec.end_year:
        return "baseline"
    if current is not None and spec.end_year == current.spec.end_year:
        return "current"
    if baseline is not None and spec.end_year > baseline.spec.end_year:
        return "current" if current is None or spec.end_year > current.spec.end_year else None
    if current is not None and spec.end_year < current.spec.end_year:
        return "baseline" if baseline is None else None
    return None


def _single_role(
    block: Block, baseline: PeriodStatement | None, current: PeriodStatement | None
) -> Role | None:
    """The period of a one-column table from its own words, caption or section."""
    by_year = _year_role(block.own_spec, baseline, current) if block.own_spec else None
    if block.cue and by_year and block.cue != by_year:
        nearer_caption = block.own_line is not None and (
            block.cue_line is None or block.own_line.index > block.cue_line.index
        )
        return by_year if nearer_caption else block.cue
    if block.cue:
        return block.cue
    if by_year:
        return by_year
    if block.own_spec is None and block.section in ("baseline", "current"):
        return "baseline" if block.section == "baseline" else "current"
    return None


def _multi_columns(
    block: Block, baseline: PeriodStatement | None, current: PeriodStatement | None
) -> tuple[int, int, str | None]:
    """The baseline and current columns of a multi-year table, and why, if only by order."""
    last = max(c for c in range(block.columns) if c not in block.extra_columns)
    roles = {c: r for c, r in block.roles.items() if c not in block.extra_columns}
    specs = {c: s for c, s in block.specs.items() if c not in block.extra_columns}
    base_col = next((c for c, r in roles.items() if r == "baseline"), None)
    cur_col = next((c for c, r in roles.items() if r == "current"), None)
    if base_col is None and baseline is not None:
        base_col = next((c for c, s in specs.items() if s.end_year == baseline.spec.end_year), None)
    if cur_col is None and current is not None:
        cur_col = next((c for c, s in specs.items() if s.end_year == current.spec.end_year), None)
    why = None
    if base_col is None or cur_col is None:
        why = "the table's columns are not labelled baseline and current; read by their years"
    years = {c: s.end_year for c, s in specs.items()}
    if len(years) == block.columns - len(
        block.extra_columns
    ):  # "| 2024 | 2023 |": the earliest year is the baseline
        base_col = min(years, key=years.__getitem__) if base_col is None else base_col
        cur_col = max(years, key=years.__getitem__) if cur_col is None else cur_col
    return (0 if base_col is None else base_col), (last if cur_col is None else cur_col), why


def _current_only(block: Block) -> bool:
    """The header names a current column and sets every other column aside."""
    roles = list(block.roles.values())
    others = set(range(block.columns)) - set(block.roles)
    return roles == ["current"] and others <= block.extra_columns


def _by_position(
    block: Block, statements: list[PeriodStatement], line_of: dict[int, int]
) -> Role | None:
    """The period named by the nearest statement before the table (document order)."""
    before = [
        (line_of.get(id(s), -1), s.kind)
        for s in statements
        if -1 < line_of.get(id(s), -1) < block.first_line
    ]
    return max(before)[1] if before else None


def assign(
    blocks: list[Block],
    statements: list[PeriodStatement],
    line_of: dict[int, int],
    baseline_said: bool = True,
) -> dict[Role, list[Assignment]]:
    """The table columns that report each period, most complete first.

    `line_of` maps each statement (by id) to the index of the line it is on. When the
    document never speaks of a baseline (`baseline_said` false), the earlier column of an
    unlabelled table is last year's comparison (an SECR table's "| 2025 | 2024 |"), not a
    baseline: only the current column is taken.
    """
    baseline = first_statement(statements, "baseline")
    current = first_statement(statements, "current")
    options: dict[Role, list[Assignment]] = {"baseline": [], "current": []}
    unplaced: list[Block] = []
    for block in blocks:
        if block.columns > 1:
            base_col, cur_col, why = _multi_columns(block, baseline, current)
            labelled = "baseline" in block.roles.values() or baseline is not None
            if block.columns - len(block.extra_columns) == 1:
                # "| Location-based | Market-based |": one period, its bases side by side
                column = next(c for c in range(block.columns) if c not in block.extra_columns)
                spec = block.specs.get(column)
                role = _year_role(spec, baseline, current) if spec else block.roles.get(column)
                if role is not None:
                    options[role].append(Assignment(block, column, spec))
                continue
            if _current_only(block):
                # "This year | Last year": a current column, the other one last year's
                options["current"].append(Assignment(block, cur_col, block.specs.get(cur_col)))
                continue
            if baseline_said or labelled:
                options["baseline"].append(
                    Assignment(block, base_col, block.specs.get(base_col), why)
                )
            if cur_col != base_col:
                options["current"].append(Assignment(block, cur_col, block.specs.get(cur_col), why))
            continue
        role = _single_role(block, baseline, current)
        if role is not None:
            options[role].append(Assignment(block, 0, block.own_spec))
        else:
            unplaced.append(block)
    dated = [b.own_spec.end_year for b in unplaced if b.own_spec is not None]
    latest = max(dated) if len(dated) > 1 else None
    for block in unplaced:
        role = _by_position(block, statements, line_of)
        why = "the table names no period; it follows the plan's statement of that period"
        if role is None:
            if baseline is None and current is None and block.cue is None:
                role = "current"  # figures with no period named anywhere: the year reported
            elif not options["baseline"] and (baseline is not None or current is None):
                role = "baseline"
            elif not options["current"]:
                role = "current"
            earlier = block.own_spec is not None and block.own_spec.end_year < (latest or 0)
            if role == "current" and earlier:
                continue  # "2023-24", "2024-25", "2025-26" by row: the latest is current
            why = "the table names no period and no period statement comes before it"
        if role is not None and block.own_spec is not None:
            other = baseline if role == "baseline" else current
            if other is not None and other.spec.end_year != block.own_spec.end_year:
                continue  # a table labelled with its own year never files under another year
        if role is not None and not options[role]:
            options[role].append(Assignment(block, 0, block.own_spec, why))
    if current is None:
        options["current"] = _latest_only(options["current"])
    for found in options.values():
        # A kgCO2e detail table beside the tonnes table repeats it: the tonnes table leads.
        found.sort(key=lambda a: (a.inferred is not None, a.block.unit == "kg", -completeness(a)))
    return options


def _latest_only(found: list[Assignment]) -> list[Assignment]:
    """Rows of several years ("2018", "2024", "2025" by row) in a plan that states no current
    period: the latest year is the current one, not a mix of the later years."""
    years = {a.block.own_spec.end_year for a in found if a.block.own_spec is not None}
    if len(years) < 2:
        return found
    latest = max(years)
    return [a for a in found if a.block.own_spec is None or a.block.own_spec.end_year == latest]
