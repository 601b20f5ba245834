"""Rules for current emissions reporting: the latest period, its figures and how recent it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from dateutil.relativedelta import relativedelta

from crp_checker.formatting import uk_date
from crp_checker.readings import quoted_at
from crp_checker.rules.helpers import (
    cap,
    current_key,
    current_period,
    evidence,
    has_period,
    judge_bounds,
    judge_figures,
    period_end_bounds,
    period_name,
    plural,
)
from crp_checker.rules.registry import Result, RuleContext, rule
from crp_checker.schemas import Facts, Outcome, Period, Severity

FIRST_YEAR_NOTE = (
    " The plan says this is its baseline year, so the baseline figures are judged as the "
    "current ones."
)
GRACE_MONTHS = 3  # RULES.md: partial when "within 3 months over" the data age limit
LENGTH_SLACK_DAYS = 7  # a 52-week financial year is 364 days


def _months_between(earlier: dt.date, later: dt.date) -> int:
    gap = relativedelta(later, earlier)
    return gap.years * 12 + gap.months


def _is_twelve_months(period: Period) -> bool:
    if period.start is None or period.end is None:
        return False
    expected = period.start + relativedelta(years=1) - dt.timedelta(days=1)
    return abs((period.end - expected).days) <= LENGTH_SLACK_DAYS


@rule(
    "reporting-period",
    title="Current reporting period stated",
    section="current",
    severity=Severity.MANDATORY,
    serves="b",
)
def reporting_period(facts: Facts, ctx: RuleContext) -> Result:
    """The current emissions must be tied to a stated 12-month period, so the buyer knows how
    recent they are. A period stated in a sentence ("recalculated for the financial year
    2025") counts as well as one in a table heading."""
    period = current_period(facts)
    ev = evidence(facts, current_key(facts, "label"))
    if has_period(period):
        note = FIRST_YEAR_NOTE if facts.current.same_as_baseline else ""
        label = period.label or period.end_year
        return Result(Outcome.PASS, f"The current reporting period is {label}.{note}", None, ev)
    return Result(
        Outcome.FAIL,
        f"No current reporting year or period was found in {ctx.where}.",
        "State the reporting period of the current emissions (for example 'Reporting year: "
        "April 2023 - March 2024').",
        ev,
        absent=True,
        rests_on=(current_key(facts, "label"),),
    )


@rule(
    "current-emissions",
    title="Current emissions by scope",
    section="current",
    severity=Severity.MANDATORY,
    serves="b",
)
def current_emissions(facts: Facts, ctx: RuleContext) -> Result:
    """The latest year's Scope 1, Scope 2, Scope 3 and total emissions must be given in tonnes
    CO2e. When the plan says the current year is its baseline year (a first-time reporter),
    the repeated baseline figures are judged as the current ones. Judged as baseline-emissions
    otherwise (partial for a total with a stated reason for no scope split)."""
    ev = evidence(facts, "current.")
    if facts.current.same_as_baseline and not ev:
        ev = evidence(facts, "baseline.")  # the figures judged are the baseline's
    prefix = "baseline" if facts.current.same_as_baseline else "current"
    result = judge_figures(current_period(facts), "current period", ev, ctx.where, prefix)
    if not facts.current.same_as_baseline:
        return result
    return replace(result, message=result.message + FIRST_YEAR_NOTE)


@rule(
    "reporting-period-recent",
    title="Current data is recent",
    section="current",
    severity=Severity.MANDATORY,
    serves="e",
    confidence="secondary",
)
def reporting_period_recent(facts: Facts, ctx: RuleContext) -> Result:
    """Buyers expect the latest 12 months of data; figures older than the buyer's limit (12 months
    by default) no longer show where the organisation stands. When only the year is given,
    both the earliest and latest possible end are checked; a financial year whose months are
    not stated ('FY25') is never read as a calendar year, and a person decides when the two
    ends disagree."""
    period = current_period(facts)
    check = ctx.buyer.check_date
    limit = ctx.buyer.max_data_age_months
    ev = evidence(facts, current_key(facts, "label"))
    fix = (
        f"Report emissions for a period that ended within {limit} months of the tender "
        "(update the plan with the latest 12 months)."
    )
    bounds = period_end_bounds(period)
    if bounds is None:
        found = (
            f"the period '{period.label}' has no year"
            if period.label
            else f"no current reporting period was found in {ctx.where}"
        )
        return Result(
            Outcome.FAIL,
            f"How recent the data is cannot be told: {found}.",
            fix,
            ev,
            absent=not period.label,
            rests_on=(current_key(facts, "label"),),
        )
    early, late = bounds
    name = period_name(period, "current period")
    if early > check:
        return Result(
            Outcome.NEEDS_REVIEW,
            f"{cap(name)} ends after the check date {uk_date(check)}, so its figures "
            "cannot be actual ones.",
            "Report a completed 12-month period, or correct the period's dates.",
            ev,
            question=f"Are the current figures{quoted_at(ev)} actual figures for a completed "
            "period, or estimates?",
        )
    # A reported period has ended by the time the plan is read, so the check date caps it.
    late = min(late, check)
    ok_from = check - relativedelta(months=limit)
    grace_from = check - relativedelta(months=limit + GRACE_MONTHS)

    def judge(end: dt.date) -> Outcome:
        if end >= ok_from:
            return Outcome.PASS
        return Outcome.PARTIAL if end >= grace_from else Outcome.FAIL

    outcome, certain = judge_bounds((early, late), judge)
    if not certain:
        return Result(
            Outcome.NEEDS_REVIEW,
            f"{cap(name)} ends in {period.end_year}, but the month is not stated: it is "
            f"recent enough only if it ended on or after {uk_date(ok_from)} (limit {limit} "
            f"months before {uk_date(check)}).",
            "State the exact dates of the reporting period (for example 'April 2023 - March "
            "2024').",
            ev,
            question=f"In which month did the reporting period {period.label or period.end_year}"
            f"{quoted_at(ev)} end: on or after {uk_date(ok_from)}?",
        )
    if early == late:
        ended = f"ended {uk_date(early)}, {plural(_months_between(early, check), 'month')} before"
    else:
        ended = f"ended in {period.end_year} (month not stated; judged at both ends), before"
    message = f"{cap(name)} {ended} the check date {uk_date(check)}; the limit is {limit} months."
    if outcome is Outcome.PASS:
        return Result(outcome, message, None, ev)
    if outcome is Outcome.PARTIAL:
        message += f" It is less than {GRACE_MONTHS} months over the limit."
    return Result(outcome, message, fix, ev, rests_on=(current_key(facts, "label"),))


@rule(
    "periods-aligned",
    title="Baseline and current periods aligned",
    section="current",
    severity=Severity.GOOD_PRACTICE,
    serves="e",
    confidence="secondary",
)
def periods_aligned(facts: Facts, ctx: RuleContext) -> Result:
    """Baseline and current figures are comparable only when both cover 12 months starting in the
    same month (for example both April - March, or both calendar years)."""
    base, current = facts.baseline, current_period(facts)
    ev = evidence(facts, "baseline.label", "current.label")
    if not has_period(base) or not has_period(current):
        return Result(
            Outcome.NOT_APPLICABLE,
            "The baseline or the current period is not stated; see baseline-year and "
            "reporting-period.",
        )
    dated = all(p.start is not None and p.end is not None for p in (base, current))
    if not dated:
        return Result(
            Outcome.PARTIAL,
            "The periods are given as years only, so it cannot be told whether they cover the "
            "same 12 months.",
            "Give the start and end month of the baseline and current periods.",
            ev,
        )
    problems = [
        f"{period_name(p, which)} is not 12 months"
        for p, which in ((base, "baseline"), (current, "current period"))
        if not _is_twelve_months(p)
    ]
    assert base.start is not None and current.start is not None  # checked by `dated`
    if base.start.month != current.start.month:
        problems.append(
            f"the baseline starts in {base.start:%B} and the current period in {current.start:%B}"
        )
    if problems:
        return Result(
            Outcome.FAIL,
            f"The periods are not aligned: {'; '.join(problems)}.",
            "Report both years over the same 12 months (for example both April - March).",
            ev,
        )
    return Result(
        Outcome.PASS,
        f"Both periods cover 12 months starting in {base.start:%B}.",
        None,
        ev,
    )
