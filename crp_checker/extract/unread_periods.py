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
from crp_checker.schemas import Candidate, Facts, Period, Reading

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


def _hints(context: DocumentContext, role: str) -> list[Candidate]:
    """Lines naming the period's word beside a year, as quoted candidates."""
    found: list[Candidate] = []
    for line in context.lines:
        if line.furniture or not _WORDS[role].search(line.text) or not _YEAR.search(line.text):
            continue
        if _FUTURE.search(line.text):
            continue
        evidence = context.quote(line.page, line.start, line.end)
        found.append(Candidate(value=evidence.quote, evidence=[evidence]))
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
        evidence = context.quote(line.page, line.start, line.end)
        facts.readings[key] = Reading(
            how="inferred",
            reason="the scanned table has this row, but its figure could not be read",
            candidates=[Candidate(value=evidence.quote, evidence=[evidence])],
        )
