"""A status column beside a list of measures: "Measure | Status" over "LED lighting | Done
(2022)", or from a PDF the status cell on the line below its measure ("Electric pool car
replaced two diesel cars" over "Done (2021)").

The cell is the item's own status, so it outranks the tense of the item's words ("Move to a
BREEAM office" reads as a to-do, but its cell says it is done) and the section it sits in. A
status word counts only under a column header that names the status: a "Completed" line with
no such header is the heading of the list below it, not the cell of the item above.
"""

from __future__ import annotations

import re
from typing import Literal

from crp_checker.extract.values import MONTH

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
_HEADER = re.compile(r"\bstatus\b", re.I)
_HEADER_WORDS = 6
_CELL_WORDS = 4


def status_header(text: str) -> bool:
    """A short line that heads a status column ("Measure Status", "| Action | Status |")."""
    words = re.findall(r"[A-Za-z]+", text)
    return bool(_HEADER.search(text)) and len(words) <= _HEADER_WORDS and "." not in text


def cell_status(cell: str) -> CellStatus | None:
    """'done' or 'planned' for a cell that holds only a status and perhaps its date."""
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
    status = cell_status(cells[-1])
    if status is None:
        return text, None
    return " | ".join(cells[:-1]), status


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
    return text, None
