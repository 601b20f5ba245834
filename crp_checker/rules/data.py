"""Rules for the emissions data: units, valid numbers, sums, Scope 3 coverage, zeros, changes."""

from __future__ import annotations

from crp_checker.readings import quoted_at
from crp_checker.rules.figures import (
    any_figures,
    category_status,
    check_total,
    find_zeros,
    in_other_unit,
    invalid_values,
    is_zero_marker,
    judge_unit,
    scored_periods,
    unit_kind,
)
from crp_checker.rules.helpers import (
    cap,
    category_name,
    current_period,
    evidence,
    has_figures,
    join_words,
    percent,
    period_name,
    tonnes,
    total_or_sum,
    worst,
)
from crp_checker.rules.registry import Context, Result, rule
from crp_checker.schemas import Facts, Outcome, Severity

CHANGE_LIMIT_PERCENT = 50.0
_UNIT_FIX = (
    "Give every figure in tonnes CO2e (tCO2e): convert kilograms (divide by 1,000) and "
    "energy use (with the UK Government conversion factors), and say the figures are CO2e."
)  # RULES.md change-explained: "a change of more than 50%"


@rule(
    "units-co2e",
    title="Figures in tonnes CO2e",
    section="data",
    severity=Severity.MANDATORY,
    serves="b",
)
def units_co2e(facts: Facts, ctx: Context) -> Result:
    """Emissions must be in tonnes of CO2 equivalent, which counts all greenhouse gases;
    kilograms, CO2 alone or energy use (kWh) cannot be compared with other plans. Units are
    read as written: 'tC02e' (a zero for the O) and a flattened subscript ('tCO 2 e') are
    tCO2e; 'tCO2' is partial; a unit that is not a mass (for example 'CO2 gpm') is left to a
    person."""
    ev = evidence(facts, "baseline.table", "current.table", "baseline.unit", "current.unit")
    periods = [
        (w, p)
        for w, p in scored_periods(facts, current_period(facts))
        if has_figures(p) or in_other_unit(p)
    ]
    if not periods:
        return Result(
            Outcome.FAIL,
            f"No emissions figures, and so no unit, were found in {ctx.where}.",
            "Give the emissions in tonnes CO2e (tCO2e).",
            ev,
            absent=True,
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
    )


@rule(
    "values-valid",
    title="Figures are valid numbers",
    section="data",
    severity=Severity.MANDATORY,
    serves="b",
)
def values_valid(facts: Facts, ctx: Context) -> Result:
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
def totals_add_up(facts: Facts, ctx: Context) -> Result:
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


@rule(
    "scope3-reported",
    title="Scope 3 reported",
    section="data",
    severity=Severity.MANDATORY,
    serves="b",
)
def scope3_reported(facts: Facts, ctx: Context) -> Result:
    """PPN 006 requires Scope 3 emissions, usually the largest part of a footprint; a plan that
    leaves them out, or writes zero without a reason, hides most of its impact."""
    current = current_period(facts)
    period, which = current, "current period"
    if current.scope3 is None and "scope3" not in current.not_numeric:
        period, which = facts.baseline, "baseline"
    name = period_name(period, which)
    ev = evidence(facts, f"{which.split()[0]}.scope3", "scope3.")
    sources = sorted({d.number for d in facts.scope3_detail} | set(facts.scope3_categories))
    reason = period.explanations.get("scope3")
    fix = (
        "Report Scope 3 emissions in tonnes CO2e with the categories they come from (at least "
        "upstream transport, waste, business travel, employee commuting, downstream transport)."
    )
    value = period.scope3
    marker = period.not_numeric.get("scope3")
    if value is None and (marker is None or not is_zero_marker(marker)):
        return Result(
            Outcome.FAIL,
            f"No Scope 3 figure was found in {ctx.where}.",
            fix,
            ev,
            absent=marker is None,
        )
    if value is None or value == 0:
        stated = tonnes(0) if value == 0 else f"'{marker}'"
        if reason:
            return Result(
                Outcome.PARTIAL,
                f"Scope 3 for {name} is {stated}, with the reason '{reason}'.",
                fix,
                ev,
            )
        return Result(
            Outcome.FAIL, f"Scope 3 for {name} is {stated}, with no reason given.", fix, ev
        )
    if not sources:
        return Result(
            Outcome.PARTIAL,
            f"Scope 3 for {name} is {tonnes(value)}, but the plan does not list its sources.",
            "List the Scope 3 categories included (for example business travel, commuting, "
            "waste, deliveries).",
            ev,
        )
    return Result(
        Outcome.PASS,
        f"Scope 3 for {name} is {tonnes(value)}, from categories "
        f"{join_words(str(n) for n in sources)}.",
        None,
        ev,
    )


@rule(
    "scope3-categories",
    title="Required Scope 3 categories",
    section="data",
    severity=Severity.MANDATORY,
    serves="e",
)
def scope3_categories(facts: Facts, ctx: Context) -> Result:
    """The Technical Standard asks for five Scope 3 categories (4 upstream transport, 5 waste,
    6 business travel, 7 commuting, 9 downstream transport), each reported or ruled out with a
    reason. A category named inside a single Scope 3 total counts only partly."""
    required = ctx.buyer.required_scope3_categories
    status = category_status(facts, required)
    ev = evidence(facts, *(f"scope3.{n}" for n in required))
    gaps = [
        f"{label}: {join_words(category_name(n) for n in numbers)}"
        for label, numbers in (
            ("missing", status.missing),
            ("named without a figure", status.named_only),
            ("ruled out without a reason", status.no_reason),
        )
        if numbers
    ]
    counted = status.counted
    summary = f"{len(counted)} of the {len(required)} required Scope 3 categories are reported"
    if not gaps:
        return Result(Outcome.PASS, f"{summary} or ruled out with a reason.", None, ev)
    # Generalises "partial: 3-4 of 5" to any required list: at most two categories short.
    addressed = len(counted) + len(status.named_only) == len(required)
    near = len(counted) >= len(required) - 2 or addressed
    outcome = Outcome.PARTIAL if near else Outcome.FAIL
    return Result(
        outcome,
        f"{summary}; {'; '.join(gaps)}.",
        "For each missing category give a figure in tCO2e, or say it does not apply and why "
        "(for example 'no deliveries: services are provided on site').",
        ev,
        absent=outcome is Outcome.FAIL and bool(status.missing),
    )


@rule(
    "zeros-explained",
    title="Zero or N/A figures explained",
    section="data",
    severity=Severity.MANDATORY,
    serves="b",
    confidence="secondary",
)
def zeros_explained(facts: Facts, ctx: Context) -> Result:
    """A zero or "N/A" for a whole scope or a required category is only believable with a reason
    (for example "no company vehicles"); without one it looks like a gap in the data."""
    current = current_period(facts)
    if not any_figures(facts, current):
        return Result(
            Outcome.NOT_APPLICABLE, "No emissions figures were found; see current-emissions."
        )
    explained, scopes, categories = find_zeros(facts, current, ctx.buyer.required_scope3_categories)
    ev = evidence(facts, "baseline.table", "current.table", "scope3.")
    fix = (
        "Next to every 0 or N/A, say why (for example 'no company vehicles', 'fully remote team')."
    )
    if scopes:
        return Result(
            Outcome.FAIL,
            f"Zero or N/A with no reason: {join_words(scopes + categories)}.",
            fix,
            ev,
        )
    if categories:
        return Result(
            Outcome.PARTIAL,
            f"Zero with no reason for {join_words(categories)}.",
            fix,
            ev,
        )
    if explained:
        return Result(
            Outcome.PASS, f"Every zero or N/A is explained: {join_words(explained)}.", None, ev
        )
    return Result(Outcome.PASS, "No scope or required category is given as zero or N/A.", None, ev)


@rule(
    "scope2-basis",
    title="Scope 2 basis stated",
    section="data",
    severity=Severity.GOOD_PRACTICE,
    serves="b",
)
def scope2_basis(facts: Facts, ctx: Context) -> Result:
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


@rule(
    "scope3-consistent",
    title="Same Scope 3 categories in both years",
    section="data",
    severity=Severity.GOOD_PRACTICE,
    serves="b",
)
def scope3_consistent(facts: Facts, ctx: Context) -> Result:
    """Comparing years is only fair when both cover the same Scope 3 categories; a category added
    or dropped should be explained so a change is not mistaken for a reduction."""
    if facts.current.same_as_baseline:
        return Result(
            Outcome.NOT_APPLICABLE, "The current year is the baseline year: nothing to compare."
        )
    kept = [d for d in facts.scope3_detail if not d.excluded]
    current = {d.number for d in kept if d.current is not None}
    base = {d.number for d in kept if d.baseline is not None}
    if not current and not base:
        return Result(Outcome.NOT_APPLICABLE, "No Scope 3 category figures were found to compare.")
    ev = evidence(facts, "scope3.", "change_explained")
    changes = []
    if new := sorted(current - base):
        changes.append(f"only in the current year: {join_words(category_name(n) for n in new)}")
    if dropped := sorted(base - current):
        changes.append(f"only in the baseline: {join_words(category_name(n) for n in dropped)}")
    if not changes:
        return Result(
            Outcome.PASS, "The same Scope 3 categories are reported in both years.", None, ev
        )
    if facts.change_explained:
        return Result(
            Outcome.PASS,
            f"The Scope 3 categories differ ({'; '.join(changes)}), and the plan explains "
            "the change.",
            None,
            ev,
        )
    return Result(
        Outcome.PARTIAL,
        f"The Scope 3 categories differ between the years ({'; '.join(changes)}), without an "
        "explanation.",
        "Report the same categories for the baseline and the current year, or recalculate the "
        "baseline and explain the change.",
        ev,
    )


@rule(
    "change-explained",
    title="Large changes explained",
    section="data",
    severity=Severity.GOOD_PRACTICE,
    serves="b",
)
def change_explained(facts: Facts, ctx: Context) -> Result:
    """A total that rises or falls by more than half between the baseline and the current year
    usually reflects a change of method, boundary or business, which the reader needs to know."""
    if facts.current.same_as_baseline:
        return Result(
            Outcome.NOT_APPLICABLE, "The current year is the baseline year: nothing to compare."
        )
    base, _ = total_or_sum(facts.baseline)
    now, _ = total_or_sum(facts.current)
    if base is None or now is None:
        return Result(
            Outcome.NOT_APPLICABLE, "A baseline or current total is missing, so no change to judge."
        )
    ev = evidence(facts, "baseline.total", "current.total", "change_explained")
    change = (now - base) / base * 100 if base else (0.0 if now == 0 else float("inf"))
    direction = "rose" if now > base else "fell" if now < base else "stayed"
    size = percent(abs(change)) if change != float("inf") else "from zero"
    said = f"The total {direction} from {tonnes(base)} to {tonnes(now)} ({size})"
    if abs(change) <= CHANGE_LIMIT_PERCENT:
        return Result(
            Outcome.PASS, f"{said}, not more than {percent(CHANGE_LIMIT_PERCENT)}.", None, ev
        )
    if facts.change_explained:
        return Result(Outcome.PASS, f"{said}, and the plan explains why.", None, ev)
    return Result(
        Outcome.PARTIAL,
        f"{said}, with no explanation.",
        "Explain the change (new sites, acquisitions, a new method or data source, real "
        "reductions), and recalculate the baseline if the method changed.",
        ev,
    )
