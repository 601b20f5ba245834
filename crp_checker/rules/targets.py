"""Rules for targets and measures (PPN 006 grounds a and d): where the plan is going, and how.

The measures rules are written in `measures.py` and registered at the end of this module, so
the section keeps the rulebook's order.
"""

from __future__ import annotations

from crp_checker.formatting import percent, tonnes
from crp_checker.readings import quoted_at
from crp_checker.rules.helpers import (
    current_period,
    evidence,
    join_words,
    total_or_sum,
)
from crp_checker.rules.measures import (
    certifications,
    completed_measures,
    future_measures,
    measures_during_contract,
    quantified_savings,
)
from crp_checker.rules.registry import Result, RuleContext, rule
from crp_checker.schemas import Facts, Outcome, Severity, Target

ARITHMETIC_POINTS = 1.0  # RULES.md target-arithmetic: "within 1 point"
BEHIND_PARTIAL_PERCENT = 10.0  # RULES.md on-track: partial when above the line by <= 10%


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"'{text if len(text) <= limit else text[: limit - 3] + '...'}'"


@rule(
    "reduction-targets",
    title="Emissions reduction target",
    section="targets",
    severity=Severity.MANDATORY,
    serves="a",
)
def reduction_targets(facts: Facts, ctx: RuleContext) -> Result:
    """A net zero year needs targets on the way: a reduction in tCO2e or a percentage by a given
    year makes the commitment measurable. Absolute, percentage-only, intensity (per FTE) and
    milestone-table targets all count. A quantified target passes even when its numbers do not
    agree with the plan's figures; target-arithmetic reports that (RULE_LABELS.md point 11). A
    carbon-neutral-by-year goal has no quantity: with no other target it is qualitative. A
    targets section whose text the checker could not read as a target needs a person: the
    fail would rest on that reading."""
    ev = evidence(facts, "targets")
    quantified = [t for t in facts.targets if t.quantified]
    if quantified:
        return Result(
            Outcome.PASS,
            f"{len(quantified)} quantified target(s), for example {_quote(quantified[0].text)}.",
            None,
            ev,
        )
    fix = (
        "Add a target with a number and a year, for example 'reduce Scope 1 and 2 emissions by "
        "50% by 2030 against our baseline'."
    )
    if facts.targets:
        return Result(
            Outcome.PARTIAL,
            f"Targets are qualitative only, for example {_quote(facts.targets[0].text)}.",
            fix,
            ev,
        )
    unread = facts.readings.get("targets")
    if unread is not None and unread.candidates:
        first = unread.candidates[0]
        where = quoted_at(first.evidence)
        return Result(
            Outcome.NEEDS_REVIEW,
            "The plan has a targets section, but no target with a number could be read in it.",
            fix,
            [*ev, *first.evidence],
            question=f"Does the targets section{where} state a reduction target with a "
            "number (tCO2e or %) and a year?",
        )
    return Result(
        Outcome.FAIL, f"No reduction target was found in {ctx.where}.", fix, ev, absent=True
    )


def _implied_cuts(target: Target, references: dict[str, float]) -> dict[str, float]:
    assert target.target_tco2e is not None
    return {
        name: (1 - target.target_tco2e / total) * 100
        for name, total in references.items()
        if total > 0
    }


@rule(
    "target-arithmetic",
    title="Target figures agree",
    section="targets",
    severity=Severity.GOOD_PRACTICE,
    serves="a",
)
def target_arithmetic(facts: Facts, ctx: RuleContext) -> Result:
    """In "decrease to X tCO2e by Y, a reduction of Z%", the percentage should match X against the
    baseline (or current) total within one point; if not, one of the numbers is wrong."""
    checkable = [t for t in facts.targets if t.percent is not None and t.target_tco2e is not None]
    if not checkable:
        return Result(
            Outcome.NOT_APPLICABLE, "No target gives both a tCO2e figure and a percentage."
        )
    base, _ = total_or_sum(facts.baseline)
    now, _ = total_or_sum(current_period(facts))
    references = {
        name: value for name, value in (("baseline", base), ("current", now)) if value is not None
    }
    if not references:
        return Result(
            Outcome.NOT_APPLICABLE, "No baseline or current total to check the targets against."
        )
    wrong: list[str] = []
    right: list[str] = []
    for target in checkable:
        assert target.percent is not None and target.target_tco2e is not None
        cuts = _implied_cuts(target, references)
        ok = [n for n, cut in cuts.items() if abs(cut - target.percent) <= ARITHMETIC_POINTS]
        against = join_words(
            f"{percent(cut)} below the {n} total {tonnes(references[n])}" for n, cut in cuts.items()
        )
        said = f"{_quote(target.text)}: {tonnes(target.target_tco2e)} is {against}"
        (right if ok else wrong).append(f"{said}; the plan says {percent(target.percent)}")
    ev = evidence(facts, "targets", "baseline.total", "current.total")
    if wrong:
        return Result(
            Outcome.PARTIAL,
            f"Target figures disagree: {' '.join(wrong)}.",
            "Recalculate the target: reduction % = (1 - target tCO2e / baseline tCO2e) x 100.",
            ev,
        )
    return Result(Outcome.PASS, f"Target figures agree: {' '.join(right)}.", None, ev)


@rule(
    "interim-milestone",
    title="Interim milestone",
    section="targets",
    severity=Severity.GOOD_PRACTICE,
    serves="a",
)
def interim_milestone(facts: Facts, ctx: RuleContext) -> Result:
    """A milestone between now and the net zero year (for example 2030) shows the plan starts
    cutting emissions soon, not only in the final years."""
    now = ctx.buyer.check_date.year
    end = facts.net_zero_year or ctx.buyer.net_zero_deadline
    ev = evidence(facts, "targets")
    interim = [t for t in facts.targets if t.year is not None and now <= t.year < end]
    if interim:
        years = join_words(str(y) for y in sorted({t.year for t in interim if t.year}))
        return Result(Outcome.PASS, f"Interim target(s) for {years}, before {end}.", None, ev)
    seen = sorted({t.year for t in facts.targets if t.year is not None})
    found = f" (target years found: {join_words(str(y) for y in seen)})" if seen else ""
    return Result(
        Outcome.PARTIAL,
        f"No target between {now} and {end}{found}.",
        "Add an interim milestone, for example a percentage reduction by 2030.",
        ev,
        absent=True,
    )


@rule(
    "on-track",
    title="On track to net zero",
    section="targets",
    severity=Severity.GOOD_PRACTICE,
    serves="a",
)
def on_track(facts: Facts, ctx: RuleContext) -> Result:
    """Compares current emissions with a straight line from the baseline total to zero in the net
    zero year: at or below the line the plan is on track, above it the supplier is behind."""
    base, current = facts.baseline, current_period(facts)
    base_total, _ = total_or_sum(base)
    now_total, _ = total_or_sum(current)
    base_year, now_year, target = base.end_year, current.end_year, facts.net_zero_year
    inputs = {
        "baseline total": base_total,
        "baseline year": base_year,
        "current total": now_total,
        "current year": now_year,
        "net zero year": target,
    }
    missing = [name for name, value in inputs.items() if value is None]
    if missing:
        return Result(Outcome.NOT_APPLICABLE, f"Cannot draw the line: no {join_words(missing)}.")
    assert base_total is not None and now_total is not None
    assert base_year is not None and now_year is not None and target is not None
    if facts.current.same_as_baseline or now_year <= base_year or target <= base_year:
        return Result(
            Outcome.NOT_APPLICABLE,
            "The current year is not after the baseline year (or the net zero year is not), so "
            "there is no progress to measure yet.",
        )
    allowed = base_total * max(target - now_year, 0) / (target - base_year)
    gap = now_total - allowed
    line = (
        f"A straight line from {tonnes(base_total)} in {base_year} to zero in {target} allows "
        f"{tonnes(allowed)} in {now_year}; the current total is {tonnes(now_total)}"
    )
    ev = evidence(facts, "baseline.total", "current.total", "net_zero")
    if gap <= 0:
        share = f", {percent(-gap / allowed * 100)}" if allowed > 0 and gap < 0 else ""
        where = f"ahead by {tonnes(-gap)}{share}" if gap < 0 else "exactly on the line"
        return Result(Outcome.PASS, f"{line}: {where}.", None, ev)
    over = gap / allowed * 100 if allowed > 0 else float("inf")
    share = f", {percent(over)}" if allowed > 0 else ""
    outcome = Outcome.PARTIAL if over <= BEHIND_PARTIAL_PERCENT else Outcome.FAIL
    return Result(
        outcome,
        f"{line}: behind by {tonnes(gap)}{share}.",
        "Show how the gap will be closed: bring forward measures, or set out the trajectory "
        "your targets follow if it is not a straight line.",
        ev,
    )


rule(
    "completed-measures",
    title="Measures already taken",
    section="targets",
    severity=Severity.MANDATORY,
    serves="d",
)(completed_measures)
rule(
    "measures-during-contract",
    title="Measures in effect during the contract",
    section="targets",
    severity=Severity.MANDATORY,
    serves="d",
)(measures_during_contract)
rule(
    "future-measures",
    title="Planned measures",
    section="targets",
    severity=Severity.GOOD_PRACTICE,
    serves="a",
)(future_measures)
rule(
    "quantified-savings",
    title="Savings quantified",
    section="targets",
    severity=Severity.GOOD_PRACTICE,
    serves="d",
)(quantified_savings)
rule(
    "certifications",
    title="Recognised schemes",
    section="targets",
    severity=Severity.INFO,
    serves="d",
)(certifications)
