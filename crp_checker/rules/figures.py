"""Judgements on emissions figures shared by the data rules: units, invalid cells, zeros, sums."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from crp_checker.extract.units import NOT_MASS, normalise_unit, says_co2, says_co2e
from crp_checker.formatting import percent, tonnes
from crp_checker.rules.helpers import (
    SCOPE_NAMES,
    has_figures,
    period_name,
)
from crp_checker.schemas import Facts, Outcome, Period

UnitKind = Literal["tco2e", "kgco2e", "co2_only", "energy", "unknown"]

# Cell text that stands for "nothing here": judged by zeros-explained, not as invalid text.
ZERO_MARKERS = frozenset(
    {"0", "n/a", "na", "n.a.", "n.a", "nil", "none", "zero", "not applicable", "-", "–", "—"}
    | {"not measured", "not yet measured", "not collected", "not yet collected"}
    | {"not calculated", "not yet calculated", "not reported", "not quantified"}
)
_ENERGY = re.compile(r"(k|m|g)wh|litre|liter|therm|\bgj\b|\bmj\b", re.IGNORECASE)
_PARTIAL_WITHIN_PERCENT = 5.0  # RULES.md totals-add-up: partial when within 5%


def is_zero_marker(text: str) -> bool:
    return text.strip().lower() in ZERO_MARKERS


def unit_kind(unit: str) -> UnitKind:
    """Classify a unit as written; anything not recognised is left for a person to judge.

    Loose spellings count as written: 'tC02e' (a zero for the O) and 'tCO 2 e' (a subscript
    flattened) are tCO2e; 'CO2 KG' is kilograms.
    """
    kind = normalise_unit(unit)
    if not says_co2(unit) or kind not in ("t", "kg"):
        return "energy" if _ENERGY.search(unit) else "unknown"
    if says_co2e(unit):
        return "kgco2e" if kind == "kg" else "tco2e"
    return "co2_only"


_UNIT_OUTCOMES: dict[UnitKind | None, tuple[Outcome, str]] = {
    None: (Outcome.FAIL, "has no unit"),
    "tco2e": (Outcome.PASS, "is in {unit}"),
    "kgco2e": (Outcome.PARTIAL, "is in kgCO2e (divided by 1,000 for this check)"),
    "co2_only": (Outcome.PARTIAL, "is in {unit}, CO2 rather than CO2e"),
    "energy": (Outcome.FAIL, "is in {unit}, an energy unit, not emissions"),
    "unknown": (Outcome.NEEDS_REVIEW, "is in '{unit}', a unit the checker does not recognise"),
}


def judge_unit(period: Period) -> tuple[Outcome, str]:
    """The units-co2e outcome for one period's figures, and what to tell the supplier."""
    kind: UnitKind | None = "kgco2e" if period.converted_from_kg else None
    if kind is None and period.unit is not None:
        kind = unit_kind(period.unit)
    outcome, note = _UNIT_OUTCOMES[kind]
    return outcome, note.format(unit=period.unit)


def in_other_unit(period: Period) -> bool:
    """The period gives figures, but in a unit that is not a mass of CO2e ('CO2 gpm')."""
    return any(text.endswith(NOT_MASS) for text in period.not_numeric.values())


def scored_periods(facts: Facts, current: Period) -> list[tuple[str, Period]]:
    """The periods to check figure by figure; a first-year reporter's repeat is checked once."""
    periods = [("baseline", facts.baseline)]
    if not facts.current.same_as_baseline:
        periods.append(("current period", current))
    return periods


def invalid_values(facts: Facts, current: Period) -> list[str]:
    """Every figure that is not a number of zero or more, named for the supplier."""
    problems = [
        f"{period_name(period, which)}: {problem}"
        for which, period in scored_periods(facts, current)
        for problem in _invalid_cells(period)
    ]
    for detail in facts.scope3_detail:
        for which, value in (("baseline", detail.baseline), ("current", detail.current)):
            if value is not None and value < 0:
                problems.append(f"Scope 3 category {detail.number} ({which}) is negative")
    return problems


def _invalid_cells(period: Period) -> list[str]:
    """Negative figures and cells holding text or nothing where a number belongs."""
    problems = [f"{SCOPE_NAMES.get(name, name)} is negative" for name in period.negative]
    for name, text in period.not_numeric.items():
        if is_zero_marker(text) or text.endswith(NOT_MASS):
            continue  # a marker for zeros-explained; a figure in an odd unit is units-co2e's
        label = SCOPE_NAMES.get(name, name)
        problems.append(f"{label} is blank" if not text.strip() else f"{label} reads '{text}'")
    return problems


@dataclass(frozen=True)
class TotalCheck:
    """How one period's stated total compares with the sum of its scopes."""

    outcome: Outcome
    message: str


def check_total(
    period: Period, which: str, tolerance_percent: float, min_tonnes: float
) -> TotalCheck | None:
    """Compare the stated total with Scope 1 + 2 + 3; None when an input is missing.

    Market-based Scope 2 is used when both bases are given (the Technical Standard's choice);
    if that does not add up but the location-based figures do (and the plan does not label its
    total market-based), the total is accepted with a note.
    """
    scope2 = period.scope2_market if period.scope2_market is not None else period.scope2
    total = period.total_market if period.total_market is not None else period.total
    if total is None or "total" in period.derived:
        return None
    if period.scope1 is None or scope2 is None or period.scope3 is None:
        return None
    basis = " (market-based Scope 2)" if period.scope2_market is not None else ""
    added = period.scope1 + scope2 + period.scope3
    tolerance = max(abs(total) * tolerance_percent / 100, min_tonnes)
    gap = abs(total - added)
    if gap <= tolerance:
        return TotalCheck(
            Outcome.PASS,
            f"{which}: the total {tonnes(total)} equals Scope 1 + 2 + 3{basis} ({tonnes(added)}).",
        )
    # A total the plan labels market-based must add up on that basis; only an unlabelled
    # (or location-based) total may be checked against location-based Scope 2.
    if period.scope2_location is not None and (
        period.total_market is None or period.total_location is not None
    ):
        total_loc = period.total_location if period.total_location is not None else total
        added_loc = period.scope1 + period.scope2_location + period.scope3
        if abs(total_loc - added_loc) <= max(abs(total_loc) * tolerance_percent / 100, min_tonnes):
            return TotalCheck(
                Outcome.PASS,
                f"{which}: the total {tonnes(total_loc)} adds up with location-based Scope 2 "
                f"({tonnes(added_loc)}).",
            )
    off = gap / abs(total) * 100 if total else math.inf
    outcome = Outcome.PARTIAL if off <= _PARTIAL_WITHIN_PERCENT else Outcome.FAIL
    share = f", {percent(off)}" if math.isfinite(off) else ""
    return TotalCheck(
        outcome,
        f"{which}: the stated total is {tonnes(total)} but Scope 1 + 2 + 3{basis} add up to "
        f"{tonnes(added)} ({tonnes(gap)} apart{share}).",
    )


def any_figures(facts: Facts, current: Period) -> bool:
    """The plan gives at least one emissions figure (or a cell where one should be)."""
    return any(
        has_figures(p) or p.not_numeric or p.negative for p in (facts.baseline, current)
    ) or any(d.baseline is not None or d.current is not None for d in facts.scope3_detail)
