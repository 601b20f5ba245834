"""A status column beside a list of measures: "Measure | Status" over "LED lighting | Done
(2022)", or from a PDF the status cell on the line below its measure ("Electric pool car
replaced two diesel cars" over "Done (2021)").

The cell is the item's own status, so it outranks the tense of the item's words ("Move to a
BREEAM office" reads as a to-do, but its cell says it is done) and the section it sits in. A
status word counts only under a column header that names the status: a "Completed" line with
no such header is the heading of the list below it, not the cell of the item above.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from crp_checker.extract.values import MONTH, find_dates

CellStatus = Literal["done", "planned"]

_DONE = {
    "done",
    "complete",
    "completed",
    "achieved",
    "implemented",
    "installed",
    "in place",
    "delivered",
    "finished",
    "ongoing",
    "in use",
}
_PLANNED = {
    "in progress",
    "planned",
    "underway",
    "under way",
    "not started",
    "not yet started",
    "scheduled",
    "proposed",
    "to do",
    "pending",
    "next",
    "future",
}
# "(2021)", "in 2022", "since March 2023", "2026/27": the date a status cell may carry.
_DATE = re.compile(rf"\(?\b(?:in|since|from|by|due)?\s*(?:{MONTH}\s+)?20\d\d(?:[/-]\d\d)?\)?", re.I)
# A tick in a status column: "| Heat pumps | ✓ |".
_TICKS = {"✓", "✔", "☑", "✅"}
# What a table may put after the status cell: a saving or a figure ("Complete 11.8 tCO2e a
# year", "✓ 12% of mileage"), never words that carry on a clause.
_AFTER_STATUS = re.compile(
    r"^(?:[~c≈]\s*)?[-+−]?\d[\d,.]*\s*(?:%|t\b|tco2e?\b|tonnes?\b|kg\b|kwh\b)", re.I
)
_HEADER = re.compile(r"\bstatus\b", re.I)
_HEADER_WORDS = 6
_CELL_WORDS = 4


def status_header(text: str) -> bool:
    """A short line that heads a status column ("Measure Status", "| Action | Status |")."""
    words = re.findall(r"[A-Za-z]+", text)
    return bool(_HEADER.search(text)) and len(words) <= _HEADER_WORDS and "." not in text


def cell_status(cell: str) -> CellStatus | None:
    """'done' or 'planned' for a cell that holds only a status and perhaps its date."""
    if cell.strip() in _TICKS:
        return "done"
    words = re.findall(r"[A-Za-z]+", _DATE.sub(" ", cell))
    if not words or len(words) > _CELL_WORDS:
        return None
    said = " ".join(words).lower()
    if said in _DONE:
        return "done"
    if said in _PLANNED:
        return "planned"
    return None


def row_status(text: str) -> tuple[str, CellStatus | None]:
    """The measure of a table row and the status in its last cell ("Heat pump | In progress |"
    is ("Heat pump", 'planned')); a row without one is returned whole, with None."""
    cells = [cell.strip() for cell in text.split("|") if cell.strip()]
    if len(cells) < 2:
        return _closing_status(text)
    # The status column may stand before a saving column ("| Refill bottles | Complete | 2.7
    # tCO2e a year |"): a status cell with only figures after it is the row's status.
    for index in range(len(cells) - 1, 0, -1):
        status = cell_status(cells[index])
        if status is not None and all(_AFTER_STATUS.match(c) for c in cells[index + 1 :]):
            return " | ".join(cells[:index]), status
    return text, None


def _closing_status(text: str) -> tuple[str, CellStatus | None]:
    """A PDF line that runs the status cell on after the measure ("Heat pump at the depot In
    progress"): the cell opens with a capital letter, as a cell does and a clause does not."""
    words = text.split()
    for size in range(_CELL_WORDS - 1, 0, -1):
        if len(words) <= size:
            continue
        tail = words[-size:]
        if tail[0][:1].isupper() and (status := cell_status(" ".join(tail))) is not None:
            return " ".join(words[:-size]), status
    return _status_before_saving(words) or (text, None)


def _status_before_saving(words: list[str]) -> tuple[str, CellStatus] | None:
    """A PDF line with the status cell before a saving cell ("LED lighting 2023 Complete 3.1
    tCO2e a year", "Heat pumps Minster Court ✓ 21.0 tCO2e"): the status opens with a capital
    letter or is a tick, and only a figure follows it."""
    for start in range(1, len(words) - 1):
        for size in range(min(_CELL_WORDS - 1, len(words) - start - 1), 0, -1):
            cell = " ".join(words[start : start + size])
            after = " ".join(words[start + size :])
            if not (cell[:1].isupper() or cell in _TICKS) or not _AFTER_STATUS.match(after):
                continue
            status = cell_status(cell)
            if status is not None:
                return " ".join(words[:start]), status
    return None


_BE = r"(?:\s+(?:has|have|had|is|are|was|were))?(?:\s+(?:yet|been|ever|already))*"
# Words that deny the completion after them: "We have not yet completed", "No projects have
# been completed", "Nothing is in place yet", "we are yet to install".
_DENIED_BEFORE = re.compile(
    r"(?:\b(?:not|never)(?:\s+(?:yet|ever|already|been))*|\byet\s+to|"
    rf"\bno(?:\s+(?!longer\b)[a-z]+){{1,3}}{_BE}|\b(?:nothing|none)(?:\s+of\s+\w+)?{_BE})\s*$",
    re.I,
)
# ... or after it: "We have not completed", "has yet to be".
_DENIED_AFTER = re.compile(r"^\s*(?:not|never|yet\s+to)\b", re.I)
_WINDOW = 40


def denied(page_text: str, start: int, end: int) -> bool:
    """The completion words at `start:end` are denied ('We have not yet completed any
    projects'): a statement that nothing is done, not a measure in effect."""
    before = page_text[max(0, start - _WINDOW) : start]
    return bool(_DENIED_BEFORE.search(before) or _DENIED_AFTER.match(page_text[end : end + 12]))


def dated_after(text: str, plan_date: dt.date | None) -> bool:
    """The item carries a month later than the plan's own date ('Food waste to anaerobic
    digestion | September 2026' in a plan published in April 2026): it is still to come,
    whatever its words' tense."""
    if plan_date is None:
        return False
    return any(
        (found.value.year, found.value.month) > (plan_date.year, plan_date.month)
        for found in find_dates(text)
        if found.precision in ("day", "month")
    )
