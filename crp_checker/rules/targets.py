"""Rules for targets and measures (PPN 006 grounds a and d): where the plan is going, and how."""

from __future__ import annotations

from crp_checker.formatting import percent, tonnes
from crp_checker.readings import quoted_at
from crp_checker.rules.helpers import (
    current_period,
    evidence,
    join_words,
    total_or_sum,
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


@rule(
    "completed-measures",
    title="Measures already taken",
    section="targets",
    severity=Severity.MANDATORY,
    serves="d",
)
def completed_measures(facts: Facts, ctx: RuleContext) -> Result:
    """PPN 006 asks for the environmental management measures already in place; concrete ones (a
    renewable tariff, electric vehicles, ISO 14001) show real action. Ongoing measures ("we buy
    renewable electricity", "remote-first working") are in place; a measure told in the past
    tense counts wherever it is written; plans listed under a "completed" heading do not count,
    and neither does offsetting."""
    ev = evidence(facts, "completed_measures")
    specific = [m for m in facts.completed_measures if m.specific]
    if specific:
        return Result(
            Outcome.PASS,
            f"{len(specific)} specific measure(s) completed, for example "
            f"{_quote(specific[0].text)}.",
            None,
            ev,
        )
    fix = (
        "List the concrete measures already completed (for example 'switched all sites to a "
        "100% renewable electricity tariff in 2023') and their effect."
    )
    if facts.completed_measures:
        return Result(
            Outcome.PARTIAL,
            f"Completed measures are described only in general terms, for example "
            f"{_quote(facts.completed_measures[0].text)}.",
            fix,
            ev,
        )
    return Result(
        Outcome.FAIL,
        f"No completed carbon reduction measure was found in {ctx.where}.",
        fix,
        ev,
        absent=True,
    )


@rule(
    "measures-during-contract",
    title="Measures in effect during the contract",
    section="targets",
    severity=Severity.MANDATORY,
    serves="d",
)
def measures_during_contract(facts: Facts, ctx: RuleContext) -> Result:
    """PPN 006 requires the environmental management measures to be in effect while the contract
    is performed, not only in the past. A statement that they will apply to the contract passes,
    and so does one that they "will remain ongoing" or "remain in place" without naming the
    contract (RULE_LABELS.md point 7). Measures in effect now (done or ongoing) with no such
    statement are partial: company-wide, so implied. Only past or planned measures fail."""
    ev = evidence(facts, "measures_during_contract")
    fix = (
        "Add the template sentence: 'Environmental management measures ... will be in effect "
        "and utilised in the performance of the relevant contract.'"
    )
    if facts.measures_during_contract == "explicit":
        return Result(
            Outcome.PASS,
            "The plan says the measures will be in effect during the contract.",
            None,
            ev,
        )
    if facts.measures_during_contract == "ongoing":
        return Result(
            Outcome.PASS,
            "The plan says its measures will remain in effect (it does not name the contract).",
            None,
            ev,
        )
    if facts.measures_during_contract == "implied":
        return Result(
            Outcome.PARTIAL,
            "The measures are ongoing company-wide, but the plan does not say they will apply "
            "to the contract.",
            fix,
            ev,
        )
    found = " Only planned measures are described." if facts.future_measures else ""
    return Result(
        Outcome.FAIL,
        f"Nothing in {ctx.where} says the measures will apply during the contract.{found}",
        fix,
        ev,
        absent=True,
    )


@rule(
    "future-measures",
    title="Planned measures",
    section="targets",
    severity=Severity.GOOD_PRACTICE,
    serves="a",
)
def future_measures(facts: Facts, ctx: RuleContext) -> Result:
    """Planned measures with dates show how the targets will be met."""
    ev = evidence(facts, "future_measures")
    timed = [m for m in facts.future_measures if m.year is not None]
    if timed:
        return Result(
            Outcome.PASS,
            f"{len(facts.future_measures)} planned measure(s), {len(timed)} with a year, for "
            f"example {_quote(timed[0].text)}.",
            None,
            ev,
        )
    fix = "List the measures you plan, each with the year it will be done."
    if facts.future_measures:
        return Result(
            Outcome.PARTIAL,
            f"{len(facts.future_measures)} planned measure(s), none with a date.",
            fix,
            ev,
        )
    return Result(
        Outcome.FAIL, f"No planned measures were found in {ctx.where}.", fix, ev, absent=True
    )


@rule(
    "quantified-savings",
    title="Savings quantified",
    section="targets",
    severity=Severity.GOOD_PRACTICE,
    serves="d",
)
def quantified_savings(facts: Facts, ctx: RuleContext) -> Result:
    """Savings in tCO2e and as a percentage let the buyer see what the completed measures achieved.
    With no completed measures there is nothing to quantify (see completed-measures)."""
    if not facts.completed_measures:
        return Result(Outcome.NOT_APPLICABLE, "No completed measures; see completed-measures.")
    ev = evidence(facts, "savings")
    given = []
    if facts.savings_tco2e is not None:
        given.append(tonnes(facts.savings_tco2e))
    if facts.savings_percent is not None:
        given.append(percent(facts.savings_percent))
    if len(given) == 2:
        return Result(Outcome.PASS, f"Savings are given: {join_words(given)}.", None, ev)
    fix = "Give the savings of the completed measures both in tCO2e and as a percentage."
    if given:
        return Result(Outcome.PARTIAL, f"Savings are given only as {given[0]}.", fix, ev)
    return Result(
        Outcome.FAIL,
        "The savings of the completed measures are not quantified.",
        fix,
        ev,
        absent=True,
    )


@rule(
    "certifications",
    title="Recognised schemes",
    section="targets",
    severity=Severity.INFO,
    serves="d",
)
def certifications(facts: Facts, ctx: RuleContext) -> Result:
    """Recognised schemes (ISO 14001, ISO 50001, SBTi, PAS 2060, Planet Mark, Carbon Literacy)
    support the plan's claims. Shown for information, not scored."""
    if facts.certifications:
        return Result(
            Outcome.PASS,
            f"Schemes named: {join_words(facts.certifications)}.",
            None,
            evidence(facts, "certifications"),
        )
    return Result(Outcome.NOT_APPLICABLE, f"No recognised scheme is named in {ctx.where}.")
