"""An emissions table as read: its rows, where it sits, and how its columns map to periods."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from crp_checker.extract.lines import Line
from crp_checker.extract.rows import Row
from crp_checker.extract.values import PeriodSpec

Role = Literal["baseline", "current"]


@dataclass
class TableRow:
    """A classified row and the lines it came from (for evidence)."""

    row: Row
    lines: list[Line]


@dataclass
class Block:
    """One emissions table: its rows, where it sits, and how its columns map to periods."""

    rows: list[TableRow] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0
    header: str = ""
    header_first_line: int = 0
    closing: bool = False
    unit: str | None = None
    unit_written: str | None = None
    columns: int = 1
    roles: dict[int, Role] = field(default_factory=dict)
    specs: dict[int, PeriodSpec] = field(default_factory=dict)
    cue: Role | None = None
    cue_line: Line | None = None
    own_spec: PeriodSpec | None = None
    own_line: Line | None = None
    section: str | None = None
    example: bool = False
    forward: bool = False  # a table of targets or projections
    energy: bool = False  # a table of energy use (kWh, litres), not emissions
    extra_columns: set[int] = field(default_factory=set)  # "Change" columns, no period
    co2e_said: bool = False

    def kinds(self) -> set[str]:
        return {f"{r.row.kind}{r.row.scope or ''}" for r in self.rows}

    def valueless_tail(self) -> list[TableRow]:
        tail: list[TableRow] = []
        for table_row in reversed(self.rows):
            if table_row.row.has_values or table_row.row.texts:
                break
            tail.append(table_row)
        return list(reversed(tail))
