"""A document approval table written in columns: 'Prepared by | Reviewed by | Approved by' over
a row of people and a row of dates. Only the approver signs the plan (the template's
"signed off by the board"); the author and the reviewer are named, not signatories, so a row of
names is read cell by cell under its header, never as one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crp_checker.extract.lines import Line
from crp_checker.extract.people import labelled_person
from crp_checker.extract.values import FoundDate, find_dates

# A header cell that names a step of the approval: 'Prepared by', 'Approved by', 'Signed off'.
_STEP = re.compile(
    r"^(?:(?:prepared|compiled|written|produced|authored|reviewed|checked|verified|approved|"
    r"authori[sz]ed|signed(?:\s+off)?|endorsed)(?:\s+by)?|author|reviewer|approver|signatory)$",
    re.I,
)
_SIGNING = re.compile(r"^(?:approv|authori|signed|endorsed|signatory)", re.I)
_MIN_COLUMNS = 2
_CELL_WORDS = 12


@dataclass(frozen=True)
class ColumnSigner:
    """The approver read from an approval table's columns."""

    row: Line
    name: str
    rest: str  # what follows the name in its cell: ', Director (for the Board)'
    date: FoundDate | None
    date_row: Line | None


def cells(text: str) -> list[str]:
    """A barred row's cells without the empty ones at its ends ('| a | b |' -> ['a', 'b'])."""
    parts = [cell.strip() for cell in text.strip().split("|")]
    while parts and not parts[0]:
        parts.pop(0)
    while parts and not parts[-1]:
        parts.pop()
    return parts


def step_header(text: str) -> bool:
    """'Prepared by | Reviewed by | Approved by': every cell is a step of the approval."""
    header = cells(text)
    return (
        "|" in text
        and len(header) >= _MIN_COLUMNS
        and all(_STEP.match(cell.rstrip(":")) for cell in header)
    )


def column_signer(lines: list[Line]) -> tuple[int, ColumnSigner] | None:
    """The approver under the signing column of the first approval table in `lines`, with the
    date in the same column of the row below, where one is given."""
    for position, line in enumerate(lines[:-1]):
        if not step_header(line.text):
            continue
        header = cells(line.text)
        row = cells(lines[position + 1].text)
        if len(row) != len(header):
            continue
        signing = [i for i, cell in enumerate(header) if _SIGNING.match(cell)]
        if len(signing) != 1:
            continue  # no approver, or two: the table does not say which one signs
        cell = row[signing[0]]
        found = labelled_person(cell) if len(cell.split()) <= _CELL_WORDS else None
        if found is None:
            continue
        date, date_row = _column_date(lines, position + 2, len(header), signing[0])
        signer = ColumnSigner(lines[position + 1], found[0], found[1], date, date_row)
        return position + 1, signer
    return None


def _column_date(
    lines: list[Line], position: int, columns: int, column: int
) -> tuple[FoundDate | None, Line | None]:
    """The date in `column` of the row at `position`, a row of as many cells as the header."""
    if position >= len(lines):
        return None, None
    row = cells(lines[position].text)
    if len(row) != columns:
        return None, None
    dates = find_dates(row[column])
    return (dates[0], lines[position]) if dates else (None, None)
