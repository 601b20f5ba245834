"""Periods and scanned figures the plan seems to give but the checker could not read.

A baseline or current period that was not read fails a mandatory rule, and that fail rests on
absence. Where a line of the plan puts a period word ("baseline", "reporting year", "this
year") beside a year, the absence is doubtful: the period is probably there in a form the
checker does not read. The period stays not disclosed, and the reading is marked inferred with
the lines quoted, so the fail goes to a person with the question to answer.
"""

from __future__ import annotations

import re

from crp_checker.extract.assign import Assignment
from crp_checker.extract.context import DocumentContext
from crp_checker.extract.lines import Line
from crp_checker.extract.units import UNIT, normalise_unit, says_co2e
from crp_checker.schemas import Candidate, Evidence, Facts, Period, Reading

_WORDS = {
    "baseline": re.compile(r"\bbase(?:line)?\b|\bbase[\s-]year\b", re.I),
    "current": re.compile(
        r"\b(?:current|latest|most\s+recent|this)\s+(?:(?:full|financial|calendar|reporting)\s+)*"
        r"(?:year|period)\b|\breporting\s+(?:year|period)\b|\bperiod\s+covered\b",
        re.I,
    ),
}
_YEAR = re.compile(r"(?<![\d.,£$])(?:19|20)\d\d(?![\d%]|[.,]\d)")
# A year that is a deadline or a plan, not a reporting period ("net zero by 2045").
_FUTURE = re.compile(r"\b(?:by|before|until|target|aim|will|goal|net\s+zero)\b", re.I)
_MAX_QUOTES = 2


def quoted_line(context: DocumentContext, line: Line) -> Candidate:
    """A whole line of the plan as a candidate for a person to look at."""
    evidence = context.quote(line.page, line.start, line.end)
    return Candidate(value=evidence.quote, evidence=[evidence])


def _hints(context: DocumentContext, role: str) -> list[Candidate]:
    """Lines naming the period's word beside a year, as quoted candidates."""
    found: list[Candidate] = []
    for line in context.lines:
        if line.furniture or not _WORDS[role].search(line.text) or not _YEAR.search(line.text):
            continue
        if _FUTURE.search(line.text):
            continue
        found.append(quoted_line(context, line))
        if len(found) >= _MAX_QUOTES:
            break
    return found


def mark_unread_periods(context: DocumentContext, facts: Facts) -> None:
    """Mark a period that was not read, though the plan seems to name it, as doubtful."""
    for role in ("baseline", "current"):
        period: Period = getattr(facts, role)
        key = f"{role}.label"
        if period.label is not None or period.end_year is not None or key in facts.readings:
            continue
        hints = _hints(context, role)
        if hints:
            facts.readings[key] = Reading(
                how="inferred",
                reason=(
                    f"no {role} period could be tied to the figures, but the plan names one "
                    "near a year in words the checker does not read"
                ),
                candidates=hints,
            )


def mark_unread_scan_cells(
    context: DocumentContext, facts: Facts, role: str, assignment: Assignment | None
) -> None:
    """A scanned table's scope row whose figure OCR could not read ("Scope 1 JLA" for "71.4"):
    the figure stays not disclosed, and the reading is marked inferred with the row quoted,
    so a fail for the missing figure goes to a person who can look at the page."""
    if assignment is None:
        return
    period: Period = getattr(facts, role)
    for table_row in assignment.block.rows:
        row, line = table_row.row, table_row.lines[0]
        if row.kind != "scope" or row.values or row.texts or row.scope is None:
            continue
        if context.document.pages[line.page - 1].method != "ocr":
            continue
        key = f"{role}.scope{row.scope}"
        if getattr(period, f"scope{row.scope}") is not None or key in facts.readings:
            continue
        facts.readings[key] = Reading(
            how="inferred",
            reason="the scanned table has this row, but its figure could not be read",
            candidates=[quoted_line(context, line)],
        )


# A scope named with an emissions figure beside it: "Scope 2 ... 21.6 tCO2e".
_SCOPE_FIGURE = re.compile(
    r"\bscope\s*(?P<n>[123])\b(?![\s,]*(?:and|&|\+|or|-|–|to)\s*(?:scope\s*)?[123]\b)"
    r"[^|\n]{0,80}?(?<![\d.,])\d[\d,]*(?:\.\d+)?\s*(?:t\b|tonnes?|tons?|tco2e?|kg\s?co2e?)",
    re.I,
)
# Words of a figure that is no period's actual emissions: a target, a saving, a share.
_NOT_ACTUAL = re.compile(
    r"\b(?:target|reduc\w*|by\s+20\d\d|sav(?:e|ed|ing|ings)|avoid\w*|offset\w*|per\s+cent|%|"
    r"intensity|per\s+(?:fte|employee|£)|forecast|project\w*|will)\b|%",
    re.I,
)


def mark_unplaced_scope_figures(context: DocumentContext, facts: Facts) -> None:
    """A scope left not disclosed for a period, although a line of the plan gives that scope a
    figure the checker used nowhere: the figure is probably the period's, written in a way the
    checker could not tie to a period. It stays not disclosed, and the reading is marked
    inferred with the line quoted, so the fail goes to a person. A line whose figure was read
    for the other period is no such hint (a plan that gives Scope 3 only for its current year
    still fails for the baseline)."""
    used = [e for key, found in facts.evidence.items() if ".scope" in key for e in found]
    for role in ("baseline", "current"):
        period: Period = getattr(facts, role)
        for scope in (1, 2, 3):
            key = f"{role}.scope{scope}"
            if getattr(period, f"scope{scope}") is not None or key in facts.readings:
                continue
            if f"scope{scope}" in period.not_numeric or f"scope{scope}" in period.explanations:
                continue
            hints = _scope_hints(context, scope, used)
            if hints:
                facts.readings[key] = Reading(
                    how="inferred",
                    reason=(
                        f"no {role} Scope {scope} figure could be tied to the period, but the "
                        "plan gives Scope {scope} a figure the checker could not place"
                    ).replace("{scope}", str(scope)),
                    candidates=hints,
                )


def _scope_hints(context: DocumentContext, scope: int, used: list[Evidence]) -> list[Candidate]:
    found: list[Candidate] = []
    for line in context.lines:
        if line.furniture:
            continue
        for m in _SCOPE_FIGURE.finditer(line.text):
            if int(m["n"]) != scope or _NOT_ACTUAL.search(line.text):
                continue
            if any(
                e.page == line.page
                and e.start is not None
                and e.end is not None
                and e.start < line.end
                and line.start < e.end
                for e in used
            ):
                continue
            found.append(quoted_line(context, line))
            break
        if len(found) >= _MAX_QUOTES:
            break
    return found


def mark_unit_written_elsewhere(context: DocumentContext, facts: Facts) -> None:
    """Figures read with no unit beside them, in a plan that writes tonnes CO2e elsewhere: the
    unit is probably the one written, in a place the checker does not tie to the table. The
    unit stays not read, and the reading is marked inferred with the line quoted, so a units
    fail goes to a person."""
    for role in ("baseline", "current"):
        period: Period = getattr(facts, role)
        key = f"{role}.unit"
        figures = (period.scope1, period.scope2, period.scope3, period.total)
        if period.unit is not None or key in facts.readings or all(f is None for f in figures):
            continue
        for line in context.lines:
            if line.furniture or not _writes_co2e_mass(line.text):
                continue
            facts.readings[key] = Reading(
                how="inferred",
                reason="the figures have no unit beside them, but the plan writes one elsewhere",
                candidates=[quoted_line(context, line)],
            )
            break


def _writes_co2e_mass(text: str) -> bool:
    """The line writes a mass of CO2e as a unit ("tCO2e", "tonnes CO2e", "kg CO2e"), read
    with the units reader every table uses."""
    return any(
        says_co2e(m["unit"]) and normalise_unit(m["unit"]) in ("t", "kg")
        for m in UNIT.finditer(text)
    )
