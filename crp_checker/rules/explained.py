"""Figures that need a reason: a zero or "N/A", a Scope 3 category that comes or goes between
the years, a large change of the total."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crp_checker.formatting import percent, tonnes
from crp_checker.rules.figures import any_figures, is_zero_marker, scored_periods
from crp_checker.rules.helpers import (
    SCOPE_NAMES,
    SCOPES,
    category_name,
    current_period,
    evidence,
    join_words,
    period_name,
    total_or_sum,
)
from crp_checker.rules.registry import Result, RuleContext
from crp_checker.schemas import Evidence, Facts, Outcome, Period, Scope3Category

CHANGE_LIMIT_PERCENT = 50.0  # RULES.md change-explained: "a change of more than 50%"
_ZERO_AS_WRITTEN = re.compile(
    r"(?<![\w.,])(?:0(?:\.0+)?|n/?a|nil|none|zero|-|–|—)(?![\w.,%])", re.I
)


@dataclass
class Zeros:
    """The zeros and "N/A"s of a plan, sorted by whether the plan explains them."""

    explained: list[str] = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)  # whole scopes with no reason
    categories: list[str] = field(default_factory=list)  # required categories with no reason
    doubtful: list[tuple[str, str, Evidence]] = field(default_factory=list)  # (scope, note, row)
    rests_on: list[str] = field(default_factory=list)  # fact keys of the unexplained scopes


def _is_zero(period: Period, name: str) -> bool:
    """The scope is given as 0 or as a "nothing here" marker (N/A, nil, -)."""
    marker = name in period.not_numeric and is_zero_marker(period.not_numeric[name])
    return getattr(period, name) == 0 or marker


def _category_zero(item: Scope3Category) -> bool:
    """The category is given as 0 (in a period or as written) or marked N/A."""
    figure = item.figure is not None and re.fullmatch(r"[-−]?0+(?:\.0+)?", item.figure)
    return 0 in (item.baseline, item.current) or bool(figure) or item.marker is not None


def find_zeros(facts: Facts, required: list[int]) -> Zeros:
    """Every 0 or N/A for a scope or a required category, and whether the plan says why."""
    zeros = Zeros()
    for which, period in scored_periods(facts, current_period(facts)):
        name = period_name(period, which)
        role = "baseline" if which == "baseline" else "current"
        for scope in SCOPES:
            if not _is_zero(period, scope):
                continue
            label = f"{SCOPE_NAMES[scope]} in {name}"
            reason = period.explanations.get(scope)
            doubt = facts.readings.get(f"{role}.explanations.{scope}")
            if reason:
                zeros.explained.append(f"{label} ('{reason}')")
            elif doubt is not None and doubt.candidates:
                candidate = doubt.candidates[0]
                zeros.doubtful.append((SCOPE_NAMES[scope], candidate.value, candidate.evidence[0]))
            else:
                zeros.scopes.append(label)
                zeros.rests_on.append(f"{role}.{scope}")
    for item in facts.scope3_detail:
        if item.number in required and _category_zero(item):
            label = f"category {category_name(item.number)}"
            (zeros.explained if item.reason else zeros.categories).append(label)
    return zeros


def zero_question(scope: str, note: str, row: Evidence) -> str:
    """'Is the 0.0 for Scope 1 explained by 'No company vehicles' (p. 1)?'"""
    before = row.quote.split(note)[0] if note in row.quote else row.quote
    written = [m[0] for m in _ZERO_AS_WRITTEN.finditer(before)]
    zero = written[-1] if written else "zero"
    page = f" (p. {row.page})" if row.page is not None else ""
    return f"Is the {zero} for {scope} explained by '{short_quote(note, 120)}'{page}?"


def zeros_explained(facts: Facts, ctx: RuleContext) -> Result:
    """A zero or "N/A" for a whole scope or a required category is only believable with a reason
    (for example "no company vehicles"), given anywhere: beside the figure (a notes column, the
    same cell), in a note under the table or in a sentence; a reason given for a scope covers
    its zero in both years. Settled where the rulebook is unclear: with no zero anywhere this
    passes; with no emissions figures at all it does not apply. An unexplained zero for a whole
    scope fails; a note beside it that the checker cannot judge goes to a person."""
    current = current_period(facts)
    by_category = any(d.figure is not None for d in facts.scope3_detail)
    if not any_figures(facts, current) and not by_category:
        return Result(
            Outcome.NOT_APPLICABLE, "No emissions figures were found; see current-emissions."
        )
    zeros = find_zeros(facts, ctx.buyer.required_scope3_categories)
    ev = evidence(facts, "baseline.table", "current.table", "explanations.", "scope3.")
    fix = (
        "Next to every 0 or N/A, say why (for example 'no company vehicles', 'fully remote team')."
    )
    if zeros.scopes:
        return Result(
            Outcome.FAIL,
            f"Zero or N/A with no reason: {join_words(zeros.scopes + zeros.categories)}.",
            fix,
            ev,
            rests_on=tuple(zeros.rests_on),
        )
    if zeros.doubtful:
        questions = " ".join(zero_question(*item) for item in zeros.doubtful)
        notes = join_words(f"{scope} ('{note}')" for scope, note, _ in zeros.doubtful)
        return Result(
            Outcome.NEEDS_REVIEW,
            f"A zero has a note the checker cannot judge as a reason: {notes}.",
            fix,
            [*ev, *(row for _, _, row in zeros.doubtful)],
            question=questions,
        )
    if zeros.categories:
        return Result(
            Outcome.PARTIAL,
            f"Zero or N/A with no reason for {join_words(zeros.categories)}.",
            fix,
            ev,
        )
    if zeros.explained:
        return Result(
            Outcome.PASS,
            f"Every zero or N/A is explained: {join_words(zeros.explained)}.",
            None,
            ev,
        )
    return Result(Outcome.PASS, "No scope or required category is given as zero or N/A.", None, ev)


def scope3_consistent(facts: Facts, ctx: RuleContext) -> Result:
    """Comparing years is only fair when both cover the same Scope 3 categories; a category added
    or dropped should be explained so a change is not mistaken for a reduction."""
    if facts.current.same_as_baseline:
        return Result(
            Outcome.NOT_APPLICABLE, "The current year is the baseline year: nothing to compare."
        )
    kept = [d for d in facts.scope3_detail if not d.excluded]
    current = {d.number for d in kept if d.current is not None}
    base = {d.number for d in kept if d.baseline is not None}
    if not current or not base:
        return Result(
            Outcome.NOT_APPLICABLE,
            "Scope 3 category figures were not found for both years, so there is nothing to "
            "compare.",
        )
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


def change_explained(facts: Facts, ctx: RuleContext) -> Result:
    """A total that rises or falls by more than half between the baseline and the current year
    usually reflects a change of method, boundary or business, which the reader needs to know;
    a sentence that gives the cause (growth, a recalculation, a measure's effect) explains it."""
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
        quote = facts.evidence.get("change_explained", [])
        why = f": '{short_quote(quote[0].quote)}'" if quote else ""
        return Result(Outcome.PASS, f"{said}, and the plan explains why{why}.", None, ev)
    return Result(
        Outcome.PARTIAL,
        f"{said}, with no explanation.",
        "Explain the change (new sites, acquisitions, a new method or data source, real "
        "reductions), and recalculate the baseline if the method changed.",
        ev,
    )


def short_quote(text: str, limit: int = 160) -> str:
    """A quote cut to fit a message, on one line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."
