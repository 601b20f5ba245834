"""Targets written as tables: milestone rows ("2030/31 | 82.9 | 60%"), cells in any order,
and per-scope rows under a header that names the target year ("Scope | 2022 baseline | 2030
target | Reduction").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crp_checker.extract.values import parse_number
from crp_checker.schemas import Target

PERCENT = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*(?:%|per\s*cent|percent)", re.I)
SCOPES = re.compile(r"scopes?\s*[123](?:\s*(?:,|and|&|\+)\s*(?:scope\s*)?[123])*", re.I)
# A milestone table row: year, target tonnes, reduction per cent, as cells or with bars between.
_TABLE_ROW = re.compile(
    r"^(?:FY\s?)?(?P<y>20\d\d)(?:/\d\d(?:\d\d)?)?:?\s+(?P<t>[\d,]+(?:\.\d+)?)\s*(?:t\s*co2e?\s*)?"
    r"(?:\(net zero\)\s+)?\(?(?P<p>-?\d{1,3}(?:\.\d+)?)\s*%",
    re.I,
)
_YEAR_CELL = re.compile(r"(?:FY\s?)?(20\d\d)(?:[/-]\d{2,4})?|FY\s?(\d\d)(?:[/-]\d\d)?", re.I)
_PERCENT_CELL = re.compile(r"-?(\d{1,3}(?:\.\d+)?)\s*%(?:\s+[a-z].*)?", re.I)
_TONNES_CELL = re.compile(r"([\d,]+(?:\.\d+)?)(?:\s*t\s*co2e?)?", re.I)
_CELL_BARS = re.compile(r"\s*\|\s*")
# A table header giving the target year of its rows: "Scope | 2022 baseline | 2030 target |".
HEADER_YEAR = re.compile(
    r"\b(?:(?:FY\s?)?(20\d\d)(?:[/-]\d\d)?\s+(?:target|goal|milestone)|"
    r"(?:target|goal|milestone)\s*\(?(?:for\s+)?(?:FY\s?)?(20\d\d))\b",
    re.I,
)
# The label of a row of target figures under a header of years.
_TARGET_LABEL = re.compile(r"target|reduction|cut|goal|milestone|t\s*co2e|tonnes|emissions|%", re.I)
# The label opening a row of a per-scope or per-source target table.
_ROW_LABEL = re.compile(r"^\W*(?:scope\s*[123]|total|[A-Za-z][A-Za-z &/-]{2,40}\s+\d)", re.I)


@dataclass
class TableHeader:
    """The header of a targets table: the target year it names and the column of the target
    figures ("Scope | 2022 baseline | 2030 target | Cut"), or one year per column ("Year | 2025
    | 2030 | 2040"), so rows without a year of their own can be read."""

    year: int | None = None
    column: int | None = None
    years: dict[int, int] = field(default_factory=dict)

    @classmethod
    def read(cls, text: str) -> TableHeader | None:
        cells = _cells(text) if "|" in text else [text]
        years = {i: _cell_year(c) for i, c in enumerate(cells) if i and _cell_year(c)}
        if len(years) >= 2:
            return cls(years={i: y for i, y in years.items() if y is not None})
        for index, cell in enumerate(cells):
            found = HEADER_YEAR.search(cell)
            if found:
                return cls(int(found[1] or found[2]), index if len(cells) > 1 else None)
        return None


def _cells(text: str) -> list[str]:
    return [c.strip() for c in text.strip(" |").split("|")]


def _cell_year(cell: str) -> int | None:
    found = _YEAR_CELL.fullmatch(cell)
    if found is None:
        return None
    return int(found[1]) if found[1] else 2000 + int(found[2])


def row_targets(text: str, header: TableHeader | None = None) -> list[Target]:
    """The targets of a table row: one per year column under a header of years ("Target
    (tCO2e) | 45.0 | 30.0 | 0.0" under "Year | 2025 | 2030 | 2040"), else the row's own."""
    if header is None or not header.years or "|" not in text:
        row = row_target(text, header)
        return [row] if row is not None else []
    cells = _cells(text)
    label = cells[0]
    if not _TARGET_LABEL.search(label):
        return []
    found = []
    for index, year in header.years.items():
        cell = cells[index] if index < len(cells) else ""
        percent = _PERCENT_CELL.fullmatch(cell)
        tonnes = None if percent else _TONNES_CELL.fullmatch(cell)
        if percent is None and tonnes is None:
            continue
        found.append(
            Target(
                text=text,
                year=year,
                percent=abs(float(percent[1])) if percent else None,
                target_tco2e=parse_number(tonnes[1]) if tonnes else None,
                quantified=True,
            )
        )
    return found


def row_target(text: str, header: TableHeader | None = None) -> Target | None:
    """A milestone table row: '2030/31 82.9 60%', or cells in any order with bars between
    ('Interim | 2028 | 30%', 'FY2030/31 | 200.0 | 47%'); a row with no year of its own under a
    header naming the target year ('Scope 1 | 12.0 | 6.0 | 50%' under '... | 2030 target |')."""
    row = _TABLE_ROW.match(_CELL_BARS.sub(" ", text.strip(" |")))
    if row:
        return Target(
            text=text,
            year=int(row["y"]),
            target_tco2e=parse_number(row["t"]),
            percent=abs(float(row["p"])),
            quantified=True,
        )
    if "|" not in text:
        return _under_header(text, header)
    cells = _cells(text)
    if sum(_cell_year(c) is not None for c in cells) >= 2:
        return None  # a header of years, not a target
    year: int | None = None
    percent: float | None = None
    tonnes: float | None = None
    for cell in cells:
        if year is None and (cell_year := _cell_year(cell)) is not None:
            year = cell_year
        elif percent is None and (found := _PERCENT_CELL.fullmatch(cell)):
            percent = abs(float(found[1]))
        elif tonnes is None and (found := _TONNES_CELL.fullmatch(cell)):
            tonnes = parse_number(found[1])
    if year is None and header is not None and header.year is not None:
        year = header.year  # the figure is the one under the target year, not the baseline
        at = header.column
        found = _TONNES_CELL.fullmatch(cells[at]) if at is not None and at < len(cells) else None
        tonnes = parse_number(found[1]) if found else None
    if year is None or (percent is None and tonnes is None):
        return None
    scopes = SCOPES.match(cells[0]) if cells else None
    return Target(
        text=text,
        year=year,
        percent=percent,
        target_tco2e=tonnes,
        scopes=scopes[0] if scopes else None,
        quantified=True,
    )


def _under_header(text: str, header: TableHeader | None) -> Target | None:
    """A row of a space-separated table under a target-year header: only its percentage is
    sure ('Scope 1 12.0 6.0 50%'); which number is the target figure is not."""
    if header is None or header.year is None or not _ROW_LABEL.match(text):
        return None
    found = PERCENT.findall(text)
    if len(found) != 1:
        return None
    scopes = SCOPES.match(text)
    return Target(
        text=text,
        year=header.year,
        percent=float(found[0]),
        scopes=scopes[0] if scopes else None,
        quantified=True,
    )
