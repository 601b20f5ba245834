"""A table's unit taken from the same figure written with its unit elsewhere in the plan.

Plans often give a table of bare numbers and repeat its totals, with their unit, in a summary
box or a sentence ("175.7 tCO2e in the year ended 30 September 2025"). A careful reader takes
the table's unit from that repeat. The tie is the figure itself, so only a figure precise
enough to be unmistakable counts (a decimal or four digits), and only a mass in tonnes: a
kilogram repeat would change every figure, which is a reading for a person, not a guess.
"""

from __future__ import annotations

import re

from crp_checker.extract.context import DocumentContext
from crp_checker.extract.units import UNIT, normalise_unit, says_co2, unit_as_read
from crp_checker.schemas import Facts, Period

_ORDER = ("total", "scope3", "scope1", "scope2")
_MIN_PLAIN = 1000  # an integer below this ("12", "250") recurs too easily to tie a unit


def _written(value: float) -> list[str]:
    """The ways a plan writes the figure: '1,175.7', '1175.7', '1,176', '1176'."""
    if value == int(value):
        whole = int(value)
        return [f"{whole:,}", str(whole)] if whole >= _MIN_PLAIN else []
    out = []
    for decimals in (1, 2):
        if round(value, decimals) == round(value, 6):
            out += [f"{value:,.{decimals}f}", f"{value:.{decimals}f}"]
    return list(dict.fromkeys(out))


def _repeat_unit(
    context: DocumentContext, value: float, co2e_said: bool
) -> tuple[str, int, int, int] | None:
    """The unit written straight after the figure somewhere in the plan, with where."""
    for form in _written(value):
        pattern = re.compile(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)\s*")
        for page in context.document.pages:
            for m in pattern.finditer(page.text):
                unit = UNIT.match(page.text, m.end())
                if unit is None or normalise_unit(unit["unit"]) != "t":
                    continue
                if not (says_co2(unit["unit"]) or co2e_said):
                    continue
                written = unit_as_read(unit["unit"], co2e_said)
                if written:
                    return written, page.number, m.start(), unit.end()
    return None


def _one_table(facts: Facts) -> bool:
    """Both periods' figures come from the same rows (one table with a column per period)."""
    for name in _ORDER:
        first = {(e.page, e.start) for e in facts.evidence.get(f"baseline.{name}", [])}
        second = {(e.page, e.start) for e in facts.evidence.get(f"current.{name}", [])}
        if first & second:
            return True
    return False


def unit_from_repeat(context: DocumentContext, facts: Facts, co2e_said: bool) -> None:
    """Give each period with figures but no unit the unit its figures carry elsewhere; a
    column of the same table shares it."""
    _from_repeats(context, facts, co2e_said)
    baseline, current = facts.baseline, facts.current
    if (baseline.unit is None) != (current.unit is None) and _one_table(facts):
        found, missing = (baseline, current) if current.unit is None else (current, baseline)
        if not missing.converted_from_kg and any(getattr(missing, n) is not None for n in _ORDER):
            missing.unit = found.unit


def _from_repeats(context: DocumentContext, facts: Facts, co2e_said: bool) -> None:
    for role in ("baseline", "current"):
        period: Period = getattr(facts, role)
        if period.unit is not None or period.converted_from_kg:
            continue
        for name in _ORDER:
            value = getattr(period, name)
            if value is None or value <= 0:
                continue
            found = _repeat_unit(context, value, co2e_said)
            if found is None:
                continue
            unit, page, start, end = found
            period.unit = unit
            facts.evidence.setdefault(f"{role}.unit", []).append(context.quote(page, start, end))
            break
