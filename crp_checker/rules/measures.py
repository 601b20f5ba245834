"""Rules for the measures (PPN 006 ground d): those already taken, whether they apply during
the contract, those planned, their savings and recognised schemes. Registered in `targets.py`,
so the section keeps the rulebook's order."""

from __future__ import annotations

from crp_checker.formatting import percent, tonnes
from crp_checker.readings import quoted_at
from crp_checker.rules.helpers import evidence, join_words
from crp_checker.rules.registry import Result, RuleContext
from crp_checker.schemas import Facts, Outcome


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"'{text if len(text) <= limit else text[: limit - 3] + '...'}'"


def completed_measures(facts: Facts, ctx: RuleContext) -> Result:
    """PPN 006 asks for the environmental management measures already in place; concrete ones (a
    renewable tariff, electric vehicles, ISO 14001) show real action, and so does any measure told
    with its effect and date ("18% less PET per bottle since 2023"). Ongoing measures ("we buy
    renewable electricity", "remote-first working") are in place; a measure told in the past
    tense counts wherever it is written; plans listed under a "completed" heading do not count,
    and neither does offsetting. Measures listed with no tense and no heading that says whether
    they are done ("LED lighting throughout the office") go to a person rather than fail."""
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
    unsure = facts.readings.get("completed_measures")
    if unsure is not None and unsure.candidates:
        first = unsure.candidates[0]
        return Result(
            Outcome.NEEDS_REVIEW,
            "Measures are listed, but the plan does not say whether they are done or planned.",
            fix,
            [*ev, *first.evidence],
            question=f"Is the measure{quoted_at(first.evidence)} already in place?",
        )
    return Result(
        Outcome.FAIL,
        f"No completed carbon reduction measure was found in {ctx.where}.",
        fix,
        ev,
        absent=True,
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
