"""One table column read into a Period: the scopes, the total, both Scope 2 bases, units.

A scope's own stated figure (a Scope row, its subtotal) beats a sum of its sources or
categories; a sum is flagged derived. Figures in kg are converted and flagged; figures in
units that are not CO2e mass (e.g. "CO2 gpm") are not reported as tonnes.
"""

from __future__ import annotations

import re

from crp_checker.extract.assign import Assignment
from crp_checker.extract.assign import value as column_value
from crp_checker.extract.tables import Block, TableRow
from crp_checker.extract.units import NOT_MASS, normalise_unit, unit_as_read
from crp_checker.schemas import Evidence, Period, Scope3Category

FIELDS = ("scope1", "scope2", "scope3", "total")
Guesses = dict[str, list[tuple[float, list[Evidence]]]]


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


def build_period(
    assignment: Assignment,
    prefix: str,
    categories: dict[int, Scope3Category],
    co2e_said: bool = False,
) -> tuple[Period, dict[str, list[Evidence]], Guesses]:
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
            if len(parts) == 1 and _lone_category(parts[0][0]):
                parts = []  # one category row is that category, not the whole of Scope 3
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

    for name in FIELDS:
        value = getattr(period, name)
        if value is not None and value < 0:
            period.negative.append(name)
    if units_bad:
        period.unit = units_bad[0]
        for name in FIELDS:
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

    guesses: Guesses = {}
    for scope in (1, 2, 3):
        for table_row in by_scope[scope]:
            figure = table_row.row.values[0] if table_row.row.values else None
            if table_row.row.unplaced and figure is not None:
                guesses.setdefault(f"scope{scope}", []).append((figure, _evidence([table_row])))
    first = block.rows[0].lines[0]
    last = block.rows[-1].lines[-1]
    evidence["table"] = [first.evidence(), last.evidence()]
    return period, evidence, guesses


def _lone_category(table_row: TableRow) -> bool:
    """A category row that does not say it is Scope 3 ("Business travel | Scope 3 | 80.5" is
    the plan's whole Scope 3, given by its one source)."""
    return table_row.row.kind == "category" and not any(
        re.search(r"\bscope\s*3\b", line.text, re.I) for line in table_row.lines
    )
