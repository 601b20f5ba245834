"""Rules for the baseline emissions footprint (PPN 006 ground b): the reference year and figures."""

from __future__ import annotations

from crp_checker.formatting import uk_date
from crp_checker.readings import quoted_at
from crp_checker.rules.helpers import (
    cap,
    evidence,
    has_period,
    join_words,
    judge_figures,
    period_name,
)
from crp_checker.rules.registry import Result, RuleContext, rule
from crp_checker.schemas import Facts, Outcome, Period, Severity

# What substantive "additional details" talk about; two or more kinds make them substantive.
METHOD_CUES: dict[str, tuple[str, ...]] = {
    "data sources": (
        "meter", "invoice", "bill", "utility", "mileage", "expense", "fuel card", "spend",
        "purchase", "supplier data", "records", "kwh", "litre", "survey", "questionnaire",
    ),
    "tools and factors": (
        "conversion factor", "emission factor", "emissions factor", "defra", "desnz", "beis",
        "ghg protocol", "calculator", "tool", "software", "consultan", "secr",
    ),
    "estimates": ("estimat", "extrapolat", "assum", "average", "proxy", "benchmark"),
    "boundary": (
        "boundary", "operational control", "financial control", "equity share", "site",
        "office", "exclud", "includ", "subsidiar", "covers", "operations", "depot",
    ),
}  # fmt: skip


def _end_text(period: Period) -> str:
    if period.end is not None:
        return uk_date(period.end)
    return str(period.end_year)


def _compare_ends(base: Period, current: Period) -> int | None:
    """-1, 0 or 1 as the baseline ends before, with or after the current period; None unknown.

    Exact dates are compared when both are known; otherwise only the years, because a period
    written "FY22" does not disclose its months.
    """
    if base.end is not None and current.end is not None:
        return (base.end > current.end) - (base.end < current.end)
    if base.end_year is None or current.end_year is None:
        return None
    return (base.end_year > current.end_year) - (base.end_year < current.end_year)


@rule(
    "baseline-year",
    title="Baseline year stated",
    section="baseline",
    severity=Severity.MANDATORY,
    serves="b",
)
def baseline_year(facts: Facts, ctx: RuleContext) -> Result:
    """The baseline is the reference year every reduction is measured against; without it the
    buyer cannot see progress."""
    ev = evidence(facts, "baseline.label")
    base = facts.baseline
    if has_period(base):
        return Result(
            Outcome.PASS, f"The baseline year is {base.label or base.end_year}.", None, ev
        )
    return Result(
        Outcome.FAIL,
        f"No baseline year or period was found in {ctx.where}.",
        "State the baseline year (a 12-month period, for example 'Baseline year: 2019/20') "
        "in the Baseline Emissions Footprint section.",
        ev,
        absent=True,
        rests_on=("baseline.label",),
    )


@rule(
    "baseline-year-plausible",
    title="Baseline year comes before the current year",
    section="baseline",
    severity=Severity.MANDATORY,
    serves="b",
)
def baseline_year_plausible(facts: Facts, ctx: RuleContext) -> Result:
    """A baseline must come before (or, for a first-time reporter, be) the current reporting year,
    and cannot lie in the future; otherwise the figures are mislabelled. A baseline the plan
    says it recalculated to another year ("now revised to FY23") is judged by the revised
    year; periods that overlap but end in order pass; the same year as the current period is
    partial (a first-time reporter)."""
    base, current = facts.baseline, facts.current
    check = ctx.buyer.check_date
    ev = evidence(facts, "baseline.label", "current.label")
    if not has_period(base):
        return Result(Outcome.NOT_APPLICABLE, "No baseline year is stated; see baseline-year.")
    if base.end is None and base.end_year is None:
        return Result(
            Outcome.NEEDS_REVIEW,
            f"The baseline '{base.label}' has no year the checker could read.",
            "Write the baseline as a year or dates (for example '2019/20' or 'Jan - Dec 2019').",
            ev,
            question=f"Which 12 months is the baseline '{base.label}'{quoted_at(ev)}?",
        )
    after_check = (base.end is not None and base.end > check) or (
        base.end is None and base.end_year is not None and base.end_year > check.year
    )
    name = period_name(base, "baseline")
    rests_on = ("baseline.label", "current.label")
    if after_check:
        return Result(
            Outcome.FAIL,
            f"{cap(name)} ends {_end_text(base)}, after the check date {uk_date(check)}.",
            "Correct the baseline year: it must be a past 12-month period with actual figures.",
            ev,
            rests_on=rests_on,
        )
    if current.same_as_baseline:
        return Result(
            Outcome.PARTIAL,
            f"The baseline ({base.label or base.end_year}) is also the current reporting year: "
            "fine for a first-time reporter, noted for the buyer.",
            "Nothing to change now; next year report the new year against this baseline.",
            ev,
        )
    order = _compare_ends(base, current)
    now = period_name(current, "current period")
    if order is None:
        return Result(
            Outcome.PASS,
            f"{cap(name)} ends before the check date; there is no current period year to "
            "compare it with.",
            None,
            ev,
        )
    if order < 0:
        return Result(Outcome.PASS, f"{cap(name)} comes before {now}.", None, ev)
    if order == 0:
        return Result(
            Outcome.PARTIAL,
            f"{cap(name)} ends in the same year as {now}: fine for a first-time "
            "reporter, noted for the buyer.",
            "If this is not your first year of reporting, keep the original baseline year and "
            "report the latest year as the current one.",
            ev,
        )
    return Result(
        Outcome.FAIL,
        f"{cap(name)} ends after {now}.",
        "Check the two years: the baseline is the earlier reference year, the current period "
        "the latest 12 months reported.",
        ev,
        rests_on=rests_on,
    )


@rule(
    "baseline-emissions",
    title="Baseline emissions by scope",
    section="baseline",
    severity=Severity.MANDATORY,
    serves="b",
)
def baseline_emissions(facts: Facts, ctx: RuleContext) -> Result:
    """The baseline footprint must give Scope 1, Scope 2, Scope 3 and the total in tonnes CO2e,
    so later years can be compared scope by scope. A Scope 3 figure summed from its category
    rows passes (the sum is shown); a baseline given only as a total is partial when the plan
    says why it has no scope split, and fails otherwise, as do figures given only by source
    or cells that say the figures are not yet available. A figure read from context, or
    offered twice differently, is left to a person rather than failed."""
    return judge_figures(
        facts.baseline, "baseline", evidence(facts, "baseline."), ctx.where, "baseline"
    )


@rule(
    "baseline-method",
    title="How the baseline was calculated",
    section="baseline",
    severity=Severity.GOOD_PRACTICE,
    serves="b",
)
def baseline_method(facts: Facts, ctx: RuleContext) -> Result:
    """The template's "additional details" let a buyer judge the baseline: which data (bills,
    mileage, spend), which tools and factors, what was estimated and what the boundary is."""
    ev = evidence(facts, "baseline_method")
    text = facts.baseline_method
    if not text:
        return Result(
            Outcome.FAIL,
            f"No explanation of how the baseline was calculated was found in {ctx.where}.",
            "Add a short paragraph: where the data came from (bills, meter readings, mileage, "
            "spend), which conversion factors and tools were used, what was estimated and "
            "which sites are included.",
            ev,
            absent=True,
        )
    lowered = text.lower()
    kinds = [kind for kind, cues in METHOD_CUES.items() if any(c in lowered for c in cues)]
    if len(kinds) >= 2:
        return Result(
            Outcome.PASS,
            f"The baseline method is explained ({join_words(kinds)}).",
            None,
            ev,
        )
    covered = f" (it mentions only {kinds[0]})" if kinds else ""
    return Result(
        Outcome.PARTIAL,
        f"The explanation of the baseline is generic{covered}.",
        "Say where the data came from, which conversion factors and tools were used, what was "
        "estimated and which sites or activities are included.",
        ev,
    )
