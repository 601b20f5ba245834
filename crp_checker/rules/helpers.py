"""Small shared pieces for rule functions: evidence lookup, wording of values, date bounds."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

from crp_checker.formatting import tonnes
from crp_checker.rules.registry import Result
from crp_checker.schemas import Evidence, Facts, Outcome, Period

T = TypeVar("T")
Precision = Literal["day", "month", "year"]

SCOPES = ("scope1", "scope2", "scope3")
SCOPE_NAMES = {"scope1": "Scope 1", "scope2": "Scope 2", "scope3": "Scope 3", "total": "total"}

# GHG Protocol Corporate Value Chain (Scope 3) Standard category names.
SCOPE3_NAMES = {
    1: "purchased goods and services",
    2: "capital goods",
    3: "fuel- and energy-related activities",
    4: "upstream transportation and distribution",
    5: "waste generated in operations",
    6: "business travel",
    7: "employee commuting",
    8: "upstream leased assets",
    9: "downstream transportation and distribution",
    10: "processing of sold products",
    11: "use of sold products",
    12: "end-of-life treatment of sold products",
    13: "downstream leased assets",
    14: "franchises",
    15: "investments",
}


def evidence(facts: Facts, *keys: str) -> list[Evidence]:
    """Copies of the evidence stored under the given keys; a key ending in '.' is a prefix."""
    found: list[Evidence] = []
    for key in keys:
        if key.endswith("."):
            for name, items in facts.evidence.items():
                if name.startswith(key):
                    found.extend(item.model_copy() for item in items)
        else:
            found.extend(item.model_copy() for item in facts.evidence.get(key, []))
    return found


def plural(count: int, word: str) -> str:
    """'1 year', '3 years'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def cap(text: str) -> str:
    """Capitalise the first letter only (str.capitalize would lower-case 'FY24' and 'tCO2e')."""
    return text[:1].upper() + text[1:]


def join_words(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def category_name(number: int) -> str:
    return f"{number} ({SCOPE3_NAMES.get(number, 'unknown category')})"


# --------------------------------------------------------------------------- dates


def date_bounds(day: dt.date, precision: Precision | None) -> tuple[dt.date, dt.date]:
    """The earliest and latest date a date of the given precision can stand for."""
    if precision == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    return day, day


def period_end_bounds(period: Period) -> tuple[dt.date, dt.date] | None:
    """The earliest and latest possible end of a period; None when no year is known."""
    if period.end is not None:
        return period.end, period.end
    if period.end_year is not None:
        return dt.date(period.end_year, 1, 1), dt.date(period.end_year, 12, 31)
    return None


def judge_bounds(bounds: tuple[dt.date, dt.date], judge: Callable[[dt.date], T]) -> tuple[T, bool]:
    """Judge both ends of an imprecise date: (the earliest end's answer, both ends agree)."""
    early, late = judge(bounds[0]), judge(bounds[1])
    return early, early == late


# --------------------------------------------------------------------------- periods


def has_period(period: Period) -> bool:
    """The plan names the period (a label, a year or dates)."""
    return any(v is not None for v in (period.label, period.end_year, period.end, period.start))


def has_figures(period: Period) -> bool:
    return any(getattr(period, name) is not None for name in (*SCOPES, "total"))


def current_period(facts: Facts) -> Period:
    """The current period as judged: a first-year reporter's baseline stands in for it.

    When the plan says its current year is its baseline year, fields the extractor left empty
    are taken from the baseline, so the repeated figures are judged as the current ones.
    """
    current = facts.current
    if not current.same_as_baseline:
        return current
    filled = {
        name: getattr(facts.baseline, name)
        for name in Period.model_fields
        if name != "same_as_baseline" and _is_empty(getattr(current, name))
    }
    return current.model_copy(update=filled)


def current_key(facts: Facts, field: str) -> str:
    """The evidence key of a current figure, pointing at the baseline for first-year reporters."""
    key = f"current.{field}"
    if facts.current.same_as_baseline and key not in facts.evidence:
        return f"baseline.{field}"
    return key


def _is_empty(value: object) -> bool:
    return value is None or value == {} or value == [] or value is False


def period_name(period: Period, which: str) -> str:
    """'the current period (2023/24)' or 'the baseline' when the period is unnamed."""
    label = period.label or (str(period.end_year) if period.end_year else None)
    return f"the {which} ({label})" if label else f"the {which}"


def total_or_sum(period: Period) -> tuple[float | None, bool]:
    """The stated total, or the sum of the three scopes when all are given: (value, derived)."""
    if period.total is not None:
        return period.total, "total" in period.derived
    values = [getattr(period, name) for name in SCOPES]
    if all(v is not None for v in values):
        return sum(v for v in values if v is not None), True
    return None, False


def worst(outcomes: Iterable[Outcome]) -> Outcome:
    """The least favourable of several outcomes (fail < partial < pass)."""
    order = [Outcome.FAIL, Outcome.NEEDS_REVIEW, Outcome.PARTIAL, Outcome.PASS]
    ranked = [o for o in outcomes if o in order]
    return min(ranked, key=order.index) if ranked else Outcome.NOT_APPLICABLE


# --------------------------------------------------------------------------- figures


def judge_figures(
    period: Period, which: str, evidence_found: list[Evidence], where: str, prefix: str = ""
) -> Result:
    """Shared by baseline-emissions and current-emissions: are the scopes and total numbers?

    A fail rests on the period's figures and label (`prefix` is 'baseline' or 'current'): a
    figure read from context, or offered twice differently, sends it to a person.
    """
    rests_on = tuple(f"{prefix}.{key}" for key in ("label", *SCOPES, "total")) if prefix else ()
    name = period_name(period, which)
    missing = [s for s in SCOPES if getattr(period, s) is None]
    unexplained = [s for s in missing if s not in period.explanations]
    fix = (
        f"Give Scope 1, Scope 2, Scope 3 and the total for {name} as numbers in tonnes CO2e; "
        "where a scope is zero, write 0 and say why."
    )
    if not has_figures(period) and not period.not_numeric and not period.explanations:
        return Result(
            Outcome.FAIL,
            f"No emissions figures for {name} were found in {where}.",
            fix,
            evidence_found,
            absent=True,
            rests_on=rests_on,
        )
    if unexplained:
        texts = [
            f"{SCOPE_NAMES[s]} reads '{period.not_numeric[s]}'"
            for s in unexplained
            if s in period.not_numeric
        ]
        detail = f" ({'; '.join(texts)})" if texts else ""
        return Result(
            Outcome.FAIL,
            f"{cap(name)} does not give "
            f"{join_words(SCOPE_NAMES[s] for s in unexplained)} as "
            f"{'a number' if len(unexplained) == 1 else 'numbers'}{detail}.",
            fix,
            evidence_found,
            absent=not texts,
            rests_on=rests_on,
        )
    if missing:
        reasons = "; ".join(f"{SCOPE_NAMES[s]}: '{period.explanations[s]}'" for s in missing)
        return Result(
            Outcome.PARTIAL,
            f"{cap(name)} gives no number for "
            f"{join_words(SCOPE_NAMES[s] for s in missing)}, with a reason ({reasons}).",
            "Write the figure as 0 tCO2e next to the reason, so the table is complete.",
            evidence_found,
        )
    figures = ", ".join(f"{SCOPE_NAMES[s]} {tonnes(getattr(period, s))}" for s in SCOPES)
    notes = [f"{SCOPE_NAMES[k]} is the {how}" for k, how in period.derived.items() if k in SCOPES]
    derived = f" ({'; '.join(notes)})" if notes else ""
    if period.total is None or "total" in period.derived:
        added = sum(getattr(period, s) for s in SCOPES)
        return Result(
            Outcome.PARTIAL,
            f"{cap(name)} gives {figures}{derived}, but no total (the scopes add up to "
            f"{tonnes(added)}).",
            f"Add the total for {name} to the table.",
            evidence_found,
        )
    return Result(
        Outcome.PASS,
        f"{cap(name)} gives {figures} and a total of {tonnes(period.total)}{derived}.",
        None,
        evidence_found,
    )
