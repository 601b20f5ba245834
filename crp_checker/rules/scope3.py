"""Scope 3: is it reported, which required categories are covered, and are both years alike.

`scope3_coverage` is the one computation of Scope 3 coverage: the rules here, the tender matrix,
the exports and the reports read it, so a plan's coverage reads the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from crp_checker.formatting import tonnes
from crp_checker.rules.explained import short_quote, zero_question
from crp_checker.rules.figures import is_zero_marker
from crp_checker.rules.helpers import (
    category_name,
    current_period,
    evidence,
    join_words,
    period_name,
)
from crp_checker.rules.registry import Result, RuleContext
from crp_checker.schemas import Assessment, Evidence, Facts, Outcome, Scope3Category

ALL_CATEGORIES = tuple(range(1, 16))
_SCOPE3 = re.compile(r"\bscope\s*(?:3|three)\b", re.I)


@dataclass(frozen=True)
class Scope3Coverage:
    """How each of the `required` Scope 3 categories is addressed; every number is in one list.

    reported: a figure is given (in either year, zero included). ruled_out: left out with a
    reason ("not relevant: we hold no stock", "N/A - no goods leave the laboratory").
    no_reason: left out or "N/A" with no reason. unmeasured: named as not yet measured ("will
    be added when we have reliable data"). in_total: named only among the sources of one Scope
    3 figure ("Scope 3 including: business travel, commuting ... 1183.6"). named: mentioned
    without a figure in any other way (a method sentence). missing: not mentioned.
    """

    required: tuple[int, ...]
    reported: tuple[int, ...] = ()
    ruled_out: tuple[int, ...] = ()
    no_reason: tuple[int, ...] = ()
    unmeasured: tuple[int, ...] = ()
    in_total: tuple[int, ...] = ()
    named: tuple[int, ...] = ()
    missing: tuple[int, ...] = ()

    @property
    def covered(self) -> tuple[int, ...]:
        """Reported or ruled out with a reason: what the rulebook counts."""
        return tuple(sorted(self.reported + self.ruled_out))

    @property
    def text(self) -> str:
        """ "2 of 5 (6, 7)": how every door writes the coverage, from this one computation."""
        listed = ", ".join(str(n) for n in self.covered) or "none"
        return f"{len(self.covered)} of {len(self.required)} ({listed})"

    @property
    def acknowledged(self) -> tuple[int, ...]:
        """Covered, or named inside the one Scope 3 total (the rulebook's partial case)."""
        return tuple(sorted(self.covered + self.in_total))

    @property
    def outcome(self) -> Outcome:
        """The scope3-categories outcome (see its docstring for the settlement)."""
        if len(self.covered) == len(self.required):
            return Outcome.PASS
        # "partial: 3-4 of 5, or named only inside one total", generalised to any required
        # list: at most two short, a category named inside the Scope 3 total counting.
        if len(self.acknowledged) >= len(self.required) - 2:
            return Outcome.PARTIAL
        return Outcome.FAIL


def _status(item: Scope3Category | None) -> str:
    """Which list of `Scope3Coverage` a category belongs in; a figure outranks the rest."""
    if item is None:
        return "missing"
    if item.baseline is not None or item.current is not None or item.figure is not None:
        return "reported"
    if item.excluded or item.marker:
        return "ruled_out" if item.reason else "no_reason"
    if item.unmeasured:
        return "unmeasured"
    if item.in_total:
        return "in_total"
    return "named"


def assessment_coverage(assessment: Assessment) -> Scope3Coverage:
    """The coverage of a stored assessment under the buyer settings it was judged with."""
    return scope3_coverage(assessment.facts, assessment.settings.required_scope3_categories)


def scope3_coverage(facts: Facts, required: Sequence[int]) -> Scope3Coverage:
    """Sort the required categories by how the plan addresses them."""
    detail = {d.number: d for d in facts.scope3_detail}
    lists: dict[str, list[int]] = {}
    for number in sorted(set(required)):
        lists.setdefault(_status(detail.get(number)), []).append(number)
    return Scope3Coverage(
        required=tuple(sorted(set(required))), **{k: tuple(v) for k, v in lists.items()}
    )


def scope3_reported(facts: Facts, ctx: RuleContext) -> Result:
    """PPN 006 requires Scope 3 emissions, usually the largest part of a footprint; a plan that
    leaves them out, or writes zero without a reason, hides most of its impact. The sources are
    the categories the plan names as part of its Scope 3 (with a figure, inside the Scope 3
    total, or in a sentence about it); a definition of Scope 3 does not list sources. Figures
    given only per category report Scope 3 when the plan calls them Scope 3; category-like
    sources ("Business Travel: 60") never called Scope 3 are partial."""
    current = current_period(facts)
    period, which = current, "current period"
    if current.scope3 is None and "scope3" not in current.not_numeric:
        period, which = facts.baseline, "baseline"
    name = period_name(period, which)
    ev = evidence(facts, f"{which.split()[0]}.scope3", "scope3.")
    every = scope3_coverage(facts, ALL_CATEGORIES)
    sources = sorted(set(ALL_CATEGORIES) - set(every.missing))
    reason = period.explanations.get("scope3")
    fix = (
        "Report Scope 3 emissions in tonnes CO2e with the categories they come from (at least "
        "upstream transport, waste, business travel, employee commuting, downstream transport)."
    )
    value = period.scope3
    marker = period.not_numeric.get("scope3")
    by_category = every.reported if value is None and marker is None else ()
    if by_category:
        listed = join_words(str(n) for n in by_category)
        if _called_scope3(facts, by_category):
            return Result(
                Outcome.PASS,
                f"Scope 3 is reported by category, with figures for categories {listed} (no "
                "Scope 3 total was read).",
                None,
                ev,
            )
        return Result(
            Outcome.PARTIAL,
            f"Figures are given for sources that are Scope 3 categories ({listed}), but the "
            "plan does not report them as Scope 3.",
            fix,
            ev,
        )
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
        doubt = facts.readings.get(f"{which.split()[0]}.explanations.scope3")
        if doubt is not None and doubt.candidates:
            candidate = doubt.candidates[0]
            return Result(
                Outcome.NEEDS_REVIEW,
                f"Scope 3 for {name} is {stated}; the plan may give the reason "
                f"'{short_quote(candidate.value)}'.",
                fix,
                [*ev, *candidate.evidence],
                question=zero_question("Scope 3", candidate.value, candidate.evidence[0]),
            )
        return Result(
            Outcome.FAIL,
            f"Scope 3 for {name} is {stated}, with no reason given.",
            fix,
            ev,
            rests_on=(f"{which.split()[0]}.scope3",),
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


def _unread_rows(facts: Facts, coverage: Scope3Coverage) -> list[tuple[int, Evidence]]:
    """Required categories named as table rows with no figure read, when their figures would
    lift the outcome above fail: that fail rests on a reading a person should check."""
    unread = []
    for number in coverage.named:
        reading = facts.readings.get(f"scope3.{number}")
        if reading is not None and reading.how == "inferred" and reading.candidates:
            unread.append((number, reading.candidates[0].evidence[0]))
    hopeful = replace(
        coverage, reported=tuple(sorted(coverage.reported + tuple(n for n, _ in unread)))
    )
    return unread if unread and hopeful.outcome is not Outcome.FAIL else []


def _row_question(number: int, row: Evidence) -> str:
    """'Does the row 'Business travel' (p. 2) give a figure for category 6 (business travel)?'"""
    page = f" (p. {row.page})" if row.page is not None else ""
    quote = short_quote(row.quote, 80)
    return f"Does the row '{quote}'{page} give a figure for category {category_name(number)}?"


def _called_scope3(facts: Facts, numbers: Sequence[int]) -> bool:
    """The plan reports these category figures as Scope 3 (the row, cell or sentence says so)."""
    return any(
        _SCOPE3.search(quote.quote)
        for number in numbers
        for quote in facts.evidence.get(f"scope3.{number}", [])
    )


def _names(numbers: Sequence[int]) -> str:
    return join_words(category_name(n) for n in numbers)


def _reasons(facts: Facts, numbers: Sequence[int]) -> str:
    """'4 and 9 ('... we sell no goods')': categories ruled out by one statement share it."""
    detail = {d.number: d for d in facts.scope3_detail}
    by_reason: dict[str, list[int]] = {}
    for number in numbers:
        by_reason.setdefault(detail[number].reason or "", []).append(number)
    return join_words(
        f"{join_words(str(n) for n in listed)} ('{short_quote(reason)}')"
        for reason, listed in by_reason.items()
    )


def scope3_categories(facts: Facts, ctx: RuleContext) -> Result:
    """The Technical Standard asks for five Scope 3 categories (4 upstream transport, 5 waste,
    6 business travel, 7 commuting, 9 downstream transport), each reported or ruled out with a
    reason; names, numbers ("Cat 6", "C9") and synonyms ("staff commute", "couriers", "waste
    to landfill") count. Settled where the rulebook is unclear: a category named only inside
    a single Scope 3 total counts towards the partial band (at most two short of all) but
    never to a pass; one named as not yet measured ("will be added when we have data") is
    not ruled out and does not count; "not relevant to our business" is a reason, a bare
    "N/A" or "excluded" is not; a category mentioned only in a definition of Scope 3 or among
    the measures is not addressed at all; "Included? Yes" without a figure counts as inside
    the total. A fail where Scope 3 lists sources the checker cannot place in a category goes
    to a person."""
    coverage = scope3_coverage(facts, ctx.buyer.required_scope3_categories)
    required = coverage.required
    ev = evidence(facts, *(f"scope3.{n}" for n in required))
    ruled = f" (ruled out: {_reasons(facts, coverage.ruled_out)})" if coverage.ruled_out else ""
    summary = (
        f"{len(coverage.covered)} of the {len(required)} required Scope 3 categories are "
        f"reported or ruled out with a reason{ruled}"
    )
    outcome = coverage.outcome
    if outcome is Outcome.PASS:
        return Result(Outcome.PASS, f"{summary}.", None, ev)
    unread = _unread_rows(facts, coverage)
    unnamed = facts.readings.get("scope3.sources")
    if outcome is Outcome.FAIL and not unread and unnamed is not None and unnamed.candidates:
        rows = [c.evidence[0] for c in unnamed.candidates]
        listed = " ".join(
            f"'{short_quote(row.quote, 80)}'" + (f" (p. {row.page})" if row.page else "")
            for row in rows
        )
        return Result(
            Outcome.NEEDS_REVIEW,
            f"{summary}; Scope 3 also lists sources the checker could not place in a "
            f"category: {listed}.",
            "Name each Scope 3 source by its GHG Protocol category.",
            [*ev, *rows],
            question=f"Which of the required Scope 3 categories do these sources belong to: "
            f"{listed}?",
        )
    if outcome is Outcome.FAIL and unread:
        rows = [row for _, row in unread]
        return Result(
            Outcome.NEEDS_REVIEW,
            f"{summary}; named in table rows whose figures the checker could not read: "
            f"{_names([n for n, _ in unread])}.",
            "Give each category's figure beside its name, in tCO2e.",
            [*ev, *rows],
            question=" ".join(_row_question(n, row) for n, row in unread),
        )
    gaps = [
        f"{label}: {_names(numbers)}"
        for label, numbers in (
            ("missing", coverage.missing),
            ("named only inside the Scope 3 total", coverage.in_total),
            ("not yet measured", coverage.unmeasured),
            ("named without a figure", coverage.named),
            ("ruled out without a reason", coverage.no_reason),
        )
        if numbers
    ]
    return Result(
        outcome,
        f"{summary}; {'; '.join(gaps)}.",
        "For each missing category give a figure in tCO2e, or say it does not apply and why "
        "(for example 'no deliveries: services are provided on site').",
        ev,
        absent=outcome is Outcome.FAIL and bool(coverage.missing),
    )
