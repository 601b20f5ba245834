"""Baseline and current periods with their Scope 1, 2, 3 and total emissions (tonnes CO2e).

Tables come from `tables.py`; each table's columns are assigned to the baseline or current
period; the most complete table wins for each period. Figures in kg are converted and flagged;
figures in units that are not CO2e mass (e.g. "CO2 gpm") are not reported as tonnes.
"""

from __future__ import annotations

import re

from crp_checker.extract.assign import Assignment, assign, completeness
from crp_checker.extract.assign import value as column_value
from crp_checker.extract.context import Context
from crp_checker.extract.periods import (
    PeriodStatement,
    financial_years,
    find_statements,
    first_statement,
    undated,
)
from crp_checker.extract.prose import prose_figures
from crp_checker.extract.tables import Block, Role, TableRow, find_blocks
from crp_checker.extract.transposed import find_transposed
from crp_checker.extract.units import CO2E_SAID, NOT_MASS, normalise_unit, unit_as_read
from crp_checker.extract.values import PeriodSpec, find_period
from crp_checker.readings import mark_conflicting, mark_inferred
from crp_checker.schemas import Evidence, Facts, Period, Scope3Category

_FIELDS = ("scope1", "scope2", "scope3", "total")
_Guesses = dict[str, list[tuple[float, list[Evidence]]]]
# Why a period has a total but no figure per scope.
_NO_SPLIT = re.compile(
    r"\b(?:not|never|no longer)\s+(?:\w+\s+){0,2}(?:split|broken down|separated|itemi[sz]ed|"
    r"recorded|available|measured|calculated)\b[^.]{0,40}\bscope|"
    r"\bno\s+(?:scope\s+)?(?:split|breakdown)\b|\bonly\s+(?:as\s+)?(?:a\s+)?(?:single\s+)?total\b|"
    r"\bscope\s+(?:split|breakdown)\b[^.]{0,60}\b(?:not|unavailable|no)\b|"
    r"\b(?:split|breakdown)\s+by\s+scope\b[^.]{0,60}\b(?:not|unavailable|no)\b",
    re.I,
)


def _factor(block: Block, table_row: TableRow) -> float | None:
    """Tonnes per unit of the row's figures; None when the unit is not a CO2e mass."""
    unit = table_row.row.unit
    normalised = normalise_unit(unit) if unit else block.unit
    if normalised is None or normalised == "t":
        return 1.0
    if normalised == "kg":
        return 0.001
    return None


def _evidence(rows: list[TableRow]) -> list[Evidence]:
    return [line.evidence() for table_row in rows for line in table_row.lines]


def _build_period(
    assignment: Assignment,
    prefix: str,
    categories: dict[int, Scope3Category],
    co2e_said: bool = False,
) -> tuple[Period, dict[str, list[Evidence]], _Guesses]:
    """Sum up one table column into a Period, with evidence per field and derivations.

    Also returns the figures of rows short of a figure that no total could place: their
    year cannot be told, so they are candidates for a person, not figures.
    """
    block, column = assignment.block, assignment.column
    period = Period()
    evidence: dict[str, list[Evidence]] = {}
    by_scope: dict[int, list[TableRow]] = {1: [], 2: [], 3: []}
    sources: dict[int, list[TableRow]] = {1: [], 2: [], 3: []}
    category_rows: list[TableRow] = []
    totals: list[TableRow] = []
    last_major: TableRow | None = None
    basis_rows: dict[str, dict[str, TableRow]] = {"scope2": {}, "total": {}}
    for table_row in block.rows:
        row = table_row.row
        if row.kind == "scope" and row.scope == 2 and row.basis and row.has_values:
            basis_rows["scope2"][row.basis] = table_row  # "Scope 2 (market-based) 180.0"
            last_major = table_row
        elif row.kind == "scope" and row.scope:
            by_scope[row.scope].append(table_row)
            last_major = table_row
        elif row.kind == "source" and row.scope:
            sources[row.scope].append(table_row)
        elif row.kind == "category":
            category_rows.append(table_row)
        elif row.kind == "total" and row.basis and row.has_values:
            basis_rows["total"][row.basis] = table_row  # "Total Emissions (market-based)"
            last_major = table_row
        elif row.kind == "total":
            totals.append(table_row)
            last_major = table_row
        elif row.kind == "basis" and row.basis and last_major is not None:
            key = "total" if last_major.row.kind == "total" else f"scope{last_major.row.scope}"
            if key in basis_rows:
                basis_rows[key][row.basis] = table_row

    units_bad: list[str] = []

    def tonnes(table_row: TableRow) -> float | None:
        figure = column_value(table_row, column)
        if figure is None:
            return None
        factor = _factor(block, table_row)
        if factor is None:
            units_bad.append(table_row.row.unit or block.unit or "")
            return None
        if factor != 1.0:
            period.converted_from_kg = True
        return round(figure * factor, 6)

    for scope in (1, 2, 3):
        field = f"scope{scope}"
        stated = [(r, tonnes(r)) for r in by_scope[scope]]
        with_values = [(r, v) for r, v in stated if v is not None]
        subtotals = [(r, v) for r, v in with_values if r.row.subtotal]
        if subtotals:
            with_values = subtotals[:1]  # the scope's own stated total beats its sources
        if len(with_values) == 1:
            setattr(period, field, with_values[0][1])
            evidence[field] = _evidence([with_values[0][0]])
            if with_values[0][0].row.derived:
                period.derived[field] = "sum of the sources listed in its cell"
        elif len(with_values) > 1:
            setattr(period, field, round(sum(v for _, v in with_values), 6))
            period.derived[field] = f"sum of {len(with_values)} Scope {scope} rows"
            evidence[field] = _evidence([r for r, _ in with_values])
        else:
            candidates = [(r, tonnes(r)) for r in sources[scope]]
            if scope == 3:
                candidates += [(r, tonnes(r)) for r in category_rows]
            parts = [(r, v) for r, v in candidates if v is not None]
            if parts:
                setattr(period, field, round(sum(v for _, v in parts), 6))
                evidence[field] = _evidence([r for r, _ in parts])
                if len(parts) > 1:
                    kind = "category" if scope == 3 and category_rows else "source"
                    period.derived[field] = f"sum of {len(parts)} {kind} rows"
            else:
                texts = [t for r in by_scope[scope] for t in r.row.texts]
                if texts:
                    period.not_numeric[field] = texts[0]
                    evidence[field] = _evidence(by_scope[scope][:1])

    total_rows = [(r, tonnes(r)) for r in totals]
    total_rows = [(r, v) for r, v in total_rows if v is not None]
    if total_rows:
        period.total = total_rows[0][1]
        evidence["total"] = _evidence([total_rows[0][0]])
    for name in ("scope2", "total"):
        # Market- and location-based figures side by side: keep both, use market-based.
        for basis, table_row in basis_rows[name].items():
            setattr(period, f"{name}_{basis}", tonnes(table_row))
            evidence.setdefault(name, []).extend(_evidence([table_row]))
        market = getattr(period, f"{name}_market")
        location = getattr(period, f"{name}_location")
        if market is not None or location is not None:
            setattr(period, name, market if market is not None else location)
    if period.scope2_market is not None and period.scope2_location is not None:
        period.scope2_basis = "both"
    elif period.scope2_market is not None or period.scope2_location is not None:
        period.scope2_basis = "market" if period.scope2_market is not None else "location"

    for name in _FIELDS:
        value = getattr(period, name)
        if value is not None and value < 0:
            period.negative.append(name)
    if units_bad:
        period.unit = units_bad[0]
        for name in _FIELDS:
            if getattr(period, name) is None and name not in period.not_numeric:
                period.not_numeric[name] = f"figure given in {units_bad[0]}, {NOT_MASS}"
    else:
        written = next((r.row.unit for r in block.rows if r.row.unit), block.unit_written)
        period.unit = unit_as_read(written, co2e_said or block.co2e_said)

    sums: dict[int, float] = {}
    rows_summed: dict[int, int] = {}
    for table_row in category_rows:
        number = table_row.row.category
        if number is None:
            continue
        categories.setdefault(
            number,
            Scope3Category(number=number, name="", as_written=table_row.row.label or ""),
        )
        value = tonnes(table_row)
        if value is not None:
            # "Category 6: Business travel" and "Category 6: Hotel Stay" are one category.
            sums[number] = round(sums.get(number, 0.0) + value, 6)
            rows_summed[number] = rows_summed.get(number, 0) + 1
        evidence.setdefault(f"scope3.{number}", []).extend(_evidence([table_row]))
    for number, total in sums.items():
        if getattr(categories[number], prefix) is None:  # the most complete table wins
            setattr(categories[number], prefix, total)
            if rows_summed[number] > 1:  # a figure the plan never states: say it was summed
                period.derived[f"scope3_category_{number}"] = (
                    f"sum of {rows_summed[number]} category {number} rows"
                )

    guesses: _Guesses = {}
    for scope in (1, 2, 3):
        for table_row in by_scope[scope]:
            figure = table_row.row.values[0] if table_row.row.values else None
            if table_row.row.unplaced and figure is not None:
                guesses.setdefault(f"scope{scope}", []).append((figure, _evidence([table_row])))
    first = block.rows[0].lines[0]
    last = block.rows[-1].lines[-1]
    evidence["table"] = [first.evidence(), last.evidence()]
    return period, evidence, guesses


def _merge(
    built: list[tuple[Period, dict[str, list[Evidence]], _Guesses]],
    prefix: str,
    facts: Facts,
    rank: list[tuple[bool, int]],
) -> Period:
    """Combine the tables that report one period: a stated figure beats a derived one.

    Where two tables state different figures for the same scope, the table tied to the
    period by its own labels beats one tied only by inference, and the more complete table
    beats a partial one; two tables equal on both leave the figure undecided, with both
    quoted for a person to choose (a conflicting reading). `rank` is (sure, completeness)
    per table, best first.
    """
    period, evidence, guesses = built[0]
    conflicts: dict[str, list[tuple[float, list[Evidence]]]] = {}
    for (other, other_evidence, _), other_rank in zip(built[1:], rank[1:], strict=True):
        for name in _FIELDS:
            mine, theirs = getattr(period, name), getattr(other, name)
            both_stated = name not in period.derived and name not in other.derived
            if mine is not None and theirs is not None and both_stated and _differ(mine, theirs):
                if other_rank == rank[0]:
                    found = conflicts.setdefault(name, [(mine, list(evidence.get(name, [])))])
                    found.append((theirs, list(other_evidence.get(name, []))))
                continue
            better = theirs is not None and (
                mine is None or (name in period.derived and name not in other.derived)
            )
            if better:
                setattr(period, name, theirs)
                period.derived.pop(name, None)
                if name in other.derived:
                    period.derived[name] = other.derived[name]
                period.not_numeric.pop(name, None)
                evidence[name] = other_evidence.get(name, [])
    for name, candidates in conflicts.items():
        setattr(period, name, None)
        mark_conflicting(
            facts,
            f"{prefix}.{name}",
            [(tonnes_text(value), quotes) for value, quotes in candidates],
            "two tables give different figures for the same scope and period",
        )
    for name, found in guesses.items():
        if getattr(period, name) is None and f"{prefix}.{name}" not in facts.readings:
            mark_conflicting(
                facts,
                f"{prefix}.{name}",
                [(tonnes_text(value), quotes) for value, quotes in found],
                "the table row has fewer figures than year columns, so its year cannot be told",
            )
    for key, quotes in evidence.items():
        target = key if key.startswith("scope3.") else f"{prefix}.{key}"
        facts.evidence.setdefault(target, []).extend(quotes)
    for key, quotes in (e for _, ev, _ in built[1:] for e in ev.items()):
        if key.startswith("scope3."):
            facts.evidence.setdefault(key, []).extend(quotes)
    return period


def _differ(first: float, second: float) -> bool:
    """Figures that are not the same number as written (rounding aside)."""
    return abs(first - second) > max(0.05, 0.01 * max(abs(first), abs(second)))


def tonnes_text(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") + " tCO2e"


def _apply_spec(period: Period, spec: PeriodSpec) -> None:
    period.label = spec.label
    period.end_year = spec.end_year
    period.start, period.end = spec.start, spec.end


def extract_emissions(
    context: Context, facts: Facts, categories: dict[int, Scope3Category]
) -> None:
    """Fill facts.baseline and facts.current (and Scope 3 category values) from the tables."""
    statements = find_statements(context)
    blocks = sorted(find_blocks(context) + find_transposed(context), key=lambda b: b.first_line)
    line_of: dict[int, int] = {}
    for statement in statements:
        line = context.line_at(statement.evidence.page or 1, statement.evidence.start or 0)
        if line is not None:
            line_of[id(statement)] = line.index
    options = assign(blocks, statements, line_of)
    text = context.document.text
    co2e_said = bool(CO2E_SAID.search(text))
    financial = financial_years(text)
    roles: tuple[Role, Role] = ("baseline", "current")
    for role in roles:
        found = options[role]
        built = [_build_period(option, role, categories, co2e_said) for option in found]
        rank = [(option.inferred is None, completeness(option)) for option in found]
        period = _merge(built, role, facts, rank) if built else Period()
        spec = _label(context, facts, role, found[0] if found else None, statements)
        if spec is not None and spec.precision == "year" and spec.end_year in financial:
            spec = undated(spec)  # "Baseline Year: 2024" in a plan whose FY24 is its baseline
        if spec is not None:
            _apply_spec(period, spec)
        setattr(facts, role, period)
        if found and found[0].inferred and has_any(period):
            for name in _FIELDS:
                if getattr(period, name) is not None:
                    mark_inferred(facts, f"{role}.{name}", found[0].inferred)
    used = {line.index for block in blocks for row in block.rows for line in row.lines}
    prose_figures(context, facts, used, categories)
    for role in roles:
        _total_only_reason(context, facts, role)
    _first_year(facts)


def _total_only_reason(context: Context, facts: Facts, role: str) -> None:
    """A period given only as a total, with the plan's reason for giving no scope split
    ("our 2019 footprint was not broken down by scope"): the reason explains each scope."""
    period: Period = getattr(facts, role)
    scopes = ("scope1", "scope2", "scope3")
    if period.total is None or any(getattr(period, s) is not None for s in scopes):
        return
    for quote in facts.evidence.get(f"{role}.total", [])[:1]:
        if quote.page is None or quote.start is None:
            continue
        sentence = context.sentence_at(quote.page, quote.start)
        if sentence is None:
            continue
        for nearby in context.following_sentences(sentence, 3):
            if _NO_SPLIT.search(nearby.text):
                for name in scopes:
                    if name not in period.not_numeric:
                        period.explanations.setdefault(name, nearby.text)
                return


def has_any(period: Period) -> bool:
    return any(getattr(period, name) is not None for name in _FIELDS)


def _label(
    context: Context,
    facts: Facts,
    role: Role,
    assignment: Assignment | None,
    statements: list[PeriodStatement],
) -> PeriodSpec | None:
    """The period as the plan labels it, nearest the figures first.

    The table's own label (a column header or caption year) wins over a statement elsewhere
    that names another year; of two readings of the same year, the one with dates is used
    ("2019/20 (1 April 2019 to 31 March 2020)" over a column's "2019/20").
    """
    statement = first_statement(statements, role)
    own = assignment.spec if assignment is not None else None
    fuller = own is not None and own.start is not None
    if statement is not None and statement.spec.start is not None:
        fuller = False
    if own is not None and (statement is None or statement.spec.end_year != own.end_year or fuller):
        line = assignment.block.own_line if assignment is not None else None
        if line is not None:
            facts.evidence[f"{role}.label"] = [line.evidence()]
        elif assignment is not None:
            first = assignment.block.rows[0].lines[0]
            header = [ln for ln in context.lines[: first.index] if own.label in ln.text][-1:]
            facts.evidence[f"{role}.label"] = [ln.evidence() for ln in header]
        return own
    if statement is not None:
        facts.evidence[f"{role}.label"] = [statement.evidence]
        return statement.spec
    if assignment is not None and assignment.block.cue_line is not None:
        spec = find_period(assignment.block.cue_line.text)
        if spec:
            facts.evidence[f"{role}.label"] = [assignment.block.cue_line.evidence()]
        return spec
    return None


def _first_year(facts: Facts) -> None:
    """A first-year reporter's current period is its baseline: repeat the figures, say so."""
    base, cur = facts.baseline, facts.current
    if base.end_year is None or cur.end_year != base.end_year:
        return
    if base.label and cur.label and find_period(base.label) != find_period(cur.label):
        same_dates = base.start == cur.start and base.end == cur.end
        if not same_dates and base.start and cur.start:
            return
    cur.same_as_baseline = True
    if all(getattr(cur, name) is None for name in _FIELDS):
        for name in (
            *_FIELDS,
            "scope2_market",
            "scope2_location",
            "total_market",
            "total_location",
        ):
            setattr(cur, name, getattr(base, name))
        cur.scope2_basis = base.scope2_basis
        cur.unit = base.unit
        cur.converted_from_kg = base.converted_from_kg
        cur.derived = {**base.derived, "all": "the plan's current year is its baseline year"}
        for name in _FIELDS:
            if f"baseline.{name}" in facts.evidence:
                facts.evidence[f"current.{name}"] = list(facts.evidence[f"baseline.{name}"])
