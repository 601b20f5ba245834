"""Figures read by OCR, checked against the total the same table states.

Tesseract drops decimal points ("31.7" read as "317") and merges digits; a figure read that way
is not invented, but it is wrong, and every rule built on it inherits the error. A scope figure
is only trusted as read when Scope 1 + 2 + 3 add up to the stated total. When they do not and
restoring one decimal point in exactly one figure makes them add up, that figure is taken with
its point restored and marked *inferred* (a person sees the scan's reading and the reason).
When nothing explains the gap, the figures keep what the scan reads and are marked inferred,
so a mandatory fail that rests on them goes to a person. Text-layer pages are never touched:
their figures are what the plan says, and a total that does not add up is the plan's own gap.
"""

from __future__ import annotations

from crp_checker.formatting import tonnes
from crp_checker.readings import mark_inferred
from crp_checker.schemas import Document, Facts, Period

_PARTS = ("scope1", "scope2", "scope3")
# Rounding: four figures each rounded to one decimal can disagree by 0.2 t; large totals are
# often rounded to the tonne.
_TOLERANCE = 0.2
_RELATIVE = 0.002


def check_ocr_figures(document: Document, facts: Facts) -> None:
    """Cross-check each period's OCR'd figures against its stated total."""
    scanned = set(document.ocr_pages)
    if not scanned:
        return
    for role in ("baseline", "current"):
        period: Period = getattr(facts, role)
        names = [*_PARTS, "total"]
        if any(getattr(period, name) is None for name in names):
            continue
        if not any(_read_from(facts, f"{role}.{name}", scanned) for name in names):
            continue
        if period.derived or period.converted_from_kg:
            continue  # a computed or converted figure is not the scan's own reading
        _settle(facts, role, period)


def _read_from(facts: Facts, key: str, scanned: set[int]) -> bool:
    return any(item.page in scanned for item in facts.evidence.get(key, []))


def _adds_up(parts: list[float], total: float) -> bool:
    return abs(sum(parts) - total) <= max(_TOLERANCE, _RELATIVE * abs(total))


def _settle(facts: Facts, role: str, period: Period) -> None:
    parts = [float(getattr(period, name)) for name in _PARTS]
    total = float(period.total or 0.0)
    if _adds_up(parts, total):
        return
    fixes = _decimal_fixes(parts, total)
    if len(fixes) == 1:
        name, read, fixed = fixes[0]
        setattr(period, name, fixed)
        mark_inferred(
            facts,
            f"{role}.{name}",
            f"the scan reads {tonnes(read)}, which does not add up with the other figures to "
            f"the stated total; {tonnes(fixed)} does (OCR may have missed a decimal point)",
        )
        return
    for name in (*_PARTS, "total"):
        mark_inferred(
            facts,
            f"{role}.{name}",
            "read by OCR, and Scope 1, 2 and 3 do not add up to the stated total: check the "
            "figures against the scan",
        )


def _decimal_fixes(parts: list[float], total: float) -> list[tuple[str, float, float]]:
    """Each single figure whose decimal point, restored, makes the sum meet the total."""
    fixes: list[tuple[str, float, float]] = []
    candidates = [(name, value) for name, value in zip(_PARTS, parts, strict=True)]
    candidates.append(("total", total))
    for index, (name, value) in enumerate(candidates):
        if value != int(value) or value < 10:
            continue  # a figure with its point, or a single digit, lost none
        for divisor in (10, 100):
            fixed = value / divisor
            trial = [fixed if i == index else v for i, (_, v) in enumerate(candidates)]
            if _adds_up(trial[:3], trial[3]):
                fixes.append((name, value, fixed))
    return fixes
