"""Rules for the emissions data: units, valid numbers, sums, Scope 3 coverage, zeros, changes.

The Scope 3 rules are written in `scope3.py`, those about figures that need a reason (zeros,
categories that change, large changes) in `explained.py`; all are registered here, so the
section keeps the rulebook's order.
"""

from __future__ import annotations

from crp_checker.readings import quoted_at
from crp_checker.rules.explained import change_explained, scope3_consistent, zeros_explained
from crp_checker.rules.figures import (
    any_figures,
    check_total,
    in_other_unit,
    invalid_values,
    judge_unit,
    scored_periods,
    unit_kind,
)
from crp_checker.rules.helpers import (
    SCOPES,
    cap,
    current_period,
    evidence,
    has_figures,
    join_words,
    period_name,
    worst,
)
from crp_checker.rules.registry import Result, RuleContext, rule
from crp_checker.rules.scope3 import scope3_categories, scope3_reported
from crp_checker.schemas import Facts, Outcome, Period, Severity

_UNIT_FIX = (
    "Give every figure in tonnes CO2e (tCO2e): convert kilograms (divide by 1,000) and "
    "energy use (with the UK Government conversion factors), and say the figures are CO2e."
)


@rule(
    "units-co2e",
    title="Figures in tonnes CO2e",
    section="data",
    severity=Severity.MANDATORY,
    serves="b",
)
def units_co2e(facts: Facts, ctx: RuleContext) -> Result:
    """Emissions must be in tonnes of CO2 equivalent, which counts all greenhouse gases;
    kilograms, CO2 alone or energy use (kWh) cannot be compared with other plans. Units are
    read as written: 'tC02e' (a zero for the O) and a flattened subscript ('tCO 2 e') are
    tCO2e; 'tCO2' is partial; a unit that is not a mass (for example 'CO2 gpm') is left to a
    person."""
    ev = evidence(facts, "baseline.table", "current.table", "baseline.unit", "current.unit")
    periods = [
        (w, p)
        for w, p in scored_periods(facts, current_period(facts))
        if (has_figures(p) and not _zeros_only(p)) or in_other_unit(p)
    ]
    figure_keys = tuple(
        f"{role}.{name}" for role in ("baseline", "current") for name in (*SCOPES, "total")
    )
    if not periods:
        return Result(
            Outcome.FAIL,
            f"No emissions figures, and so no unit, were found in {ctx.where}.",
            "Give the emissions in tonnes CO2e (tCO2e).",
            ev,
            absent=True,
            rests_on=figure_keys,  # figures the plan seems to give but could not be placed
        )
    judged = [(judge_unit(period), period_name(period, which)) for which, period in periods]
    outcome = worst(verdict for (verdict, _), _ in judged)
    message = cap("; ".join(f"{name} {note}" for (_, note), name in judged)) + "."
    if outcome is Outcome.PASS:
        return Result(outcome, message, None, ev)
    if outcome is Outcome.NEEDS_REVIEW:
        odd = sorted({p.unit for _, p in periods if p.unit and unit_kind(p.unit) == "unknown"})
        question = f"Are the figures in '{', '.join(odd)}'{quoted_at(ev)} tonnes of CO2e?"
        return Result(outcome, message, _UNIT_FIX, ev, question=question)
    return Result(
        outcome,
        message,
        _UNIT_FIX,
        ev,
        absent=outcome is Outcome.FAIL and all(p.unit is None for _, p in periods),
        rests_on=("baseline.unit", "current.unit"),  # a unit the plan writes elsewhere
    )


def _zeros_only(period: Period) -> bool:
    """A period whose only figures are zeros ("Scope 1 is zero in both years"): nought is
    nought in any unit, so it says nothing about the unit of the plan's figures."""
    figures = [getattr(period, name) for name in (*SCOPES, "total")]
    known = [f for f in figures if f is not None]
    return bool(known) and all(f == 0 for f in known)


@rule(
    "values-valid",
    title="Figures are valid numbers",
    section="data",
    severity=Severity.MANDATORY,
    serves="b",
)
def values_valid(facts: Facts, ctx: RuleContext) -> Result:
    """Every emissions figure must be a number of zero or more: a negative figure, text or an
    empty cell in the table cannot be checked or compared. 'N/A', 'nil' or 'not measured' in
    a figure cell marks a zero or a gap (judged by zeros-explained), not an invalid value; a
    number in an odd unit is judged by units-co2e; a sentence of text in a figure cell fails
    here too; figures in running text that are not emissions (savings) are not checked."""
    current = current_period(facts)
    if not any_figures(facts, current):
        return Result(
            Outcome.NOT_APPLICABLE,
            "No emissions figures were found to check; see baseline-emissions and "
            "current-emissions.",
        )
    problems = invalid_values(facts, current)
    ev = evidence(facts, "baseline.table", "current.table")
    if problems:
        return Result(
            Outcome.FAIL,
            f"Some figures are not valid numbers: {'; '.join(problems)}.",
            "Give every figure as a number of tonnes CO2e, zero or more; for a figure you do "
            "not have, write 0 with the reason, or say when it will be measured.",
            ev,
            rests_on=tuple(
                f"{role}.{name}"
                for role in ("baseline", "current")
                for name in ("scope1", "scope2", "scope3", "total")
            ),
        )
    return Result(
        Outcome.PASS, "Every emissions figure found is a number of zero or more.", None, ev
    )


@rule(
    "totals-add-up",
    title="Totals add up",
    section="data",
    severity=Severity.GOOD_PRACTICE,
    serves="b",
)
def totals_add_up(facts: Facts, ctx: RuleContext) -> Result:
    """A total that is not the sum of its scopes points to a typing or calculation error. The
    check uses market-based Scope 2 when both bases are given and allows the buyer's tolerance
    (1% of the total, at least 0.1 t, by default)."""
    buyer = ctx.buyer
    checks = [
        check
        for which, period in scored_periods(facts, current_period(facts))
        if (
            check := check_total(
                period,
                cap(period_name(period, which)),
                buyer.totals_tolerance_percent,
                buyer.totals_tolerance_min_tonnes,
            )
        )
        is not None
    ]
    if not checks:
        return Result(
            Outcome.NOT_APPLICABLE,
            "No period gives both a total and all three scopes, so there is no sum to check.",
        )
    outcome = worst(c.outcome for c in checks)
    message = " ".join(c.message for c in checks)
    ev = evidence(facts, "baseline.total", "current.total", "baseline.table", "current.table")
    if outcome is Outcome.PASS:
        return Result(outcome, message, None, ev)
    return Result(
        outcome,
        message,
        "Check the table: the total should be Scope 1 + Scope 2 + Scope 3 (say which Scope 2 "
        "basis the total uses).",
        ev,
    )


# Written in scope3.py and explained.py, registered here in the rulebook's order.
rule(
    "scope3-reported",
    title="Scope 3 reported",
    section="data",
    severity=Severity.MANDATORY,
    serves="b",
)(scope3_reported)
rule(
    "scope3-categories",
    title="Required Scope 3 categories",
    section="data",
    severity=Severity.MANDATORY,
    serves="e",
)(scope3_categories)
rule(
    "zeros-explained",
    title="Zero or N/A figures explained",
    section="data",
    severity=Severity.MANDATORY,
    serves="b",
    confidence="secondary",
)(zeros_explained)


@rule(
    "scope2-basis",
    title="Scope 2 basis stated",
    section="data",
    severity=Severity.GOOD_PRACTICE,
    serves="b",
)
def scope2_basis(facts: Facts, ctx: RuleContext) -> Result:
    """Scope 2 (bought electricity and heat) can be counted location-based (the grid average) or
    market-based (the supplier's tariff); the plan should say which, ideally give both, and use
    market-based in the total."""
    periods = [
        (which, p)
        for which, p in scored_periods(facts, current_period(facts))
        if p.scope2 is not None or p.scope2_market is not None or p.scope2_location is not None
    ]
    if not periods:
        return Result(Outcome.NOT_APPLICABLE, "No Scope 2 figure was found; see current-emissions.")
    ev = evidence(facts, "baseline.scope2", "current.scope2")
    unsaid = [period_name(p, which) for which, p in periods if p.scope2_basis is None]
    if unsaid:
        return Result(
            Outcome.PARTIAL,
            "Scope 2 does not say whether it is location- or market-based for "
            f"{join_words(unsaid)}.",
            "Say which basis Scope 2 uses; best give both and use market-based in the total.",
            ev,
            absent=True,
        )
    bases = {p.scope2_basis for _, p in periods}
    if bases == {"both"}:
        said = "both location- and market-based figures are given (market-based used in the total)"
    else:
        said = f"the basis is stated ({join_words(sorted(b or '' for b in bases))}-based)"
    return Result(Outcome.PASS, f"Scope 2: {said}.", None, ev)


rule(
    "scope3-consistent",
    title="Same Scope 3 categories in both years",
    section="data",
    severity=Severity.GOOD_PRACTICE,
    serves="b",
)(scope3_consistent)
rule(
    "change-explained",
    title="Large changes explained",
    section="data",
    severity=Severity.GOOD_PRACTICE,
    serves="b",
)(change_explained)
