"""Baseline and current periods with their Scope 1, 2, 3 and total emissions (tonnes CO2e).

Tables come from `tables.py` and `transposed.py`; `assign.py` ties each table column to the
baseline or current period, `columns.py` reads a column into a Period, and the tables of one
period are merged here (a table tied by its own labels, then the most complete, wins; equal
tables that disagree leave the figure to a person). Sentences fill what no table gave
(`prose.py`). The period's label is the one nearest the figures.
"""

from __future__ import annotations

import re

from crp_checker.extract.assign import Assignment, assign, completeness
from crp_checker.extract.chart_labels import chart_labels
from crp_checker.extract.columns import FIELDS, Guesses, build_period
from crp_checker.extract.context import DocumentContext
from crp_checker.extract.periods import (
    PeriodStatement,
    financial_years,
    find_period_statements,
    first_statement,
    undated,
)
from crp_checker.extract.prose import prose_figures
from crp_checker.extract.prose_totals import prose_totals
from crp_checker.extract.tables import Block, Role, find_blocks
from crp_checker.extract.transposed import find_transposed
from crp_checker.extract.unit_repeat import unit_from_repeat
from crp_checker.extract.units import CO2E_SAID
from crp_checker.extract.unread_periods import (
    mark_unit_written_elsewhere,
    mark_unplaced_scope_figures,
    mark_unread_periods,
    mark_unread_scan_cells,
)
from crp_checker.extract.values import PeriodSpec, find_period
from crp_checker.readings import mark_conflicting, mark_inferred
from crp_checker.schemas import Evidence, Facts, Period, Scope3Category

# Any word for a baseline: without one (or a CRP title), no baseline for a table to report.
_TITLE_LINES = 6
_TITLE_WORDS = 12
_BASELINE_SAID = re.compile(r"\bbase[\s-]?(?:line|year)s?\b|\bbaselin", re.I)
_BASIS_SAID = re.compile(
    r"\bscope\s*2\b[^.;]{0,80}?\b(?P<b>market|location)[\s-]*(?:based|basis)\b", re.I
)
_BASIS_SAID_AFTER = re.compile(
    r"\b(?P<c>market|location)[\s-]*(?:based|basis)\b[^.;]{0,40}?\bscope\s*2\b", re.I
)
# Why a period has a total but no figure per scope.
_NO_SPLIT = re.compile(
    r"\b(?:not|never|no longer)\s+(?:\w+\s+){0,2}(?:split|broken down|separated|itemi[sz]ed|"
    r"recorded|available|measured|calculated)\b[^.]{0,40}\bscope|"
    r"\bonly\s+(?:a|the|one)\s+(?:single\s+)?total\b|"
    r"\bno\s+(?:scope\s+)?(?:split|breakdown)\b|\bonly\s+(?:as\s+)?(?:a\s+)?(?:single\s+)?total\b|"
    r"\bscope\s+(?:split|breakdown)\b[^.]{0,60}\b(?:not|unavailable|no)\b|"
    r"\b(?:split|breakdown)\s+by\s+scope\b[^.]{0,60}\b(?:not|unavailable|no)\b",
    re.I,
)


def _merge(
    built: list[tuple[Period, dict[str, list[Evidence]], Guesses]],
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
        for name in FIELDS:
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


def _apart(blocks: list[Block], transposed: list[Block]) -> list[Block]:
    """The row-per-scope tables that do not overlap a year-per-row table: its header and rows
    read the other way round are not a table of their own ('Year Scope 1 | Scope 2 ...' over
    rows of figures)."""
    taken = {row.lines[0].index for block in transposed for row in block.rows}
    taken |= {index - 1 for index in taken}  # the header above the first year row
    return [
        block
        for block in blocks
        if not any(line.index in taken for row in block.rows for line in row.lines)
    ]


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
    context: DocumentContext, facts: Facts, categories: dict[int, Scope3Category]
) -> None:
    """Fill facts.baseline and facts.current (and Scope 3 category values) from the tables."""
    statements = find_period_statements(context)
    transposed = find_transposed(context)
    blocks = sorted(
        _apart(find_blocks(context), transposed) + transposed, key=lambda b: b.first_line
    )
    line_of: dict[int, int] = {}
    for statement in statements:
        line = context.line_at(statement.evidence.page or 1, statement.evidence.start or 0)
        if line is not None:
            line_of[id(statement)] = line.index
    text = context.document.text
    # A plan titled a CRP has a baseline to report; elsewhere (an SECR extract, an ESG page)
    # the earlier column of an unlabelled table is only last year's comparison.
    baseline_said = bool(_BASELINE_SAID.search(text)) or _titled_crp(context)
    options = assign(blocks, statements, line_of, baseline_said)
    co2e_said = bool(CO2E_SAID.search(text))
    financial = financial_years(text)
    roles: tuple[Role, Role] = ("baseline", "current")
    for role in roles:
        found = options[role]
        built = [build_period(option, role, categories, co2e_said) for option in found]
        rank = [(option.inferred is None, completeness(option)) for option in found]
        period = _merge(built, role, facts, rank) if built else Period()
        spec = _label(context, facts, role, found[0] if found else None, statements)
        if spec is not None and spec.precision == "year" and spec.end_year in financial:
            spec = undated(spec)  # "Baseline Year: 2024" in a plan whose FY24 is its baseline
        if spec is not None:
            _apply_spec(period, spec)
        setattr(facts, role, period)
        if found and found[0].inferred and has_any(period):
            for name in FIELDS:
                if getattr(period, name) is not None:
                    mark_inferred(facts, f"{role}.{name}", found[0].inferred)
        mark_unread_scan_cells(context, facts, role, found[0] if found else None)
    used = {
        line.index
        for block in blocks
        for row in block.rows
        if row.row.has_values or row.row.texts
        for line in row.lines
    }
    spans: dict[str, tuple[int, int]] = {
        role: (found[0].block.first_line, found[0].block.last_line)
        for role, found in options.items()
        if found and found[0].block.columns == 1
    }
    prose_figures(context, facts, used, categories, spans)
    prose_totals(context, facts)
    chart_labels(context, facts)
    for role in roles:
        _total_only_reason(context, facts, role)
    _scope2_basis_said(text, facts)
    _first_year(facts)
    unit_from_repeat(context, facts, co2e_said)
    mark_unread_periods(context, facts)
    mark_unplaced_scope_figures(context, facts)
    mark_unit_written_elsewhere(context, facts)


def _titled_crp(context: DocumentContext) -> bool:
    """The document opens with a CRP title (not a mention: "we are working on a Carbon
    Reduction Plan")."""
    opening = [
        line
        for line in context.lines[:_TITLE_LINES]
        if not line.furniture and len(line.text.split()) <= _TITLE_WORDS
    ]
    return any(context.matches_in(line, "CRP_TITLE") for line in opening)


def _scope2_basis_said(text: str, facts: Facts) -> None:
    """'We report Scope 2 on a location basis': the basis of Scope 2 figures given without one."""
    said = {m["b"].lower() for m in _BASIS_SAID.finditer(text)}
    said |= {m["c"].lower() for m in _BASIS_SAID_AFTER.finditer(text)}
    if len(said) != 1:
        return
    basis = next(iter(said))
    for period in (facts.baseline, facts.current):
        if period.scope2 is not None and period.scope2_basis is None:
            period.scope2_basis = "market" if basis == "market" else "location"


def _total_only_reason(context: DocumentContext, facts: Facts, role: str) -> None:
    """A period given only as a total, with the plan's reason for giving no scope split
    ("our 2019 footprint was not broken down by scope"): the reason explains each scope."""
    period: Period = getattr(facts, role)
    scopes = ("scope1", "scope2", "scope3")
    if period.total is None or any(getattr(period, s) is not None for s in scopes):
        return
    for text in period.not_numeric.values():  # "Only a total was recorded" in the cells
        if _NO_SPLIT.search(text):
            for name in scopes:
                period.explanations.setdefault(name, text)
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
    return any(getattr(period, name) is not None for name in FIELDS)


def _label(
    context: DocumentContext,
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
    for one, other in ((base, cur), (cur, base)):
        if one.label == other.label and one.start is None and other.start is not None:
            one.start, one.end = other.start, other.end  # the same period, dated once
    if base.label and cur.label and find_period(base.label) != find_period(cur.label):
        same_dates = base.start == cur.start and base.end == cur.end
        if not same_dates and base.start and cur.start:
            return
    cur.same_as_baseline = True
    if all(getattr(cur, name) is None for name in FIELDS):
        _repeat(facts, "baseline", "current", "the plan's current year is its baseline year")
    elif all(getattr(base, name) is None for name in FIELDS):
        _repeat(facts, "current", "baseline", "the plan's baseline is its current reporting year")


def _repeat(facts: Facts, source: str, target: str, why: str) -> None:
    """Give one period the figures of the other, the same period reported once."""
    src: Period = getattr(facts, source)
    dst: Period = getattr(facts, target)
    for name in (*FIELDS, "scope2_market", "scope2_location", "total_market", "total_location"):
        setattr(dst, name, getattr(src, name))
    dst.scope2_basis = src.scope2_basis
    dst.unit = src.unit
    dst.converted_from_kg = src.converted_from_kg
    dst.derived = {**src.derived, "all": why}
    dst.explanations = {**src.explanations, **dst.explanations}
    for name in FIELDS:
        if f"{source}.{name}" in facts.evidence:
            facts.evidence[f"{target}.{name}"] = list(facts.evidence[f"{source}.{name}"])
