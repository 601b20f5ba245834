"""Energy columns beside emissions columns ("Scope | Energy used (MWh) | Emissions (tCO2e)"):
the energy figures are set aside, so the table reads as the emissions table it also is.

A table whose only unit is energy is no emissions table at all and is left out whole
(`Block.energy`). When its column heads give one unit per column, some energy and the others
a mass of CO2e, only the CO2e columns hold emissions; the energy columns are dropped from
every row, like a "Change" column, and never read as emissions. Only a table left with one
emissions column is read this way: several periods each with their own energy column would
need the periods re-tied to the remaining columns, which is a reading for a person.
"""

from __future__ import annotations

import re

from crp_checker.extract.lines import Line
from crp_checker.extract.table_model import Block
from crp_checker.extract.units import UNIT, normalise_unit, says_co2

ENERGY = re.compile(r"[kmg]wh|kilowatt[- ]hours?|megawatt[- ]hours?|litres?", re.I)
# A figure with a decimal point or thousands separator: a line holding one is a row of data.
_DATA_FIGURE = re.compile(r"(?<![\w.(/,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\w.)%/])")


def _column_units(block: Block, header_lines: list[Line]) -> list[str] | None:
    """One unit per column, in order, from the nearest heading line naming units."""
    for line in reversed(header_lines[-3:]):
        if _DATA_FIGURE.search(line.text):
            continue
        units = [m["unit"] for m in UNIT.finditer(line.text)]
        if units:
            return units if len(units) == block.columns else None
    return None


def _is_mass(unit: str) -> bool:
    return says_co2(unit) and normalise_unit(unit) in ("t", "kg")


def set_aside_energy_columns(block: Block, header_lines: list[Line]) -> bool:
    """Drop the energy columns of a table that also has one CO2e column; True when done."""
    if block.columns < 2:
        return False
    units = _column_units(block, header_lines)
    if units is None:
        return False
    energy = [i for i, unit in enumerate(units) if ENERGY.fullmatch(unit.strip())]
    mass = [i for i, unit in enumerate(units) if _is_mass(unit)]
    if not energy or len(mass) != 1 or len(energy) + len(mass) != block.columns:
        return False
    for table_row in block.rows:
        row = table_row.row
        if row.values and len(row.values) != block.columns:
            return False  # a row short of a figure: no telling which column it lost
    keep = mass[0]
    for table_row in block.rows:
        row = table_row.row
        if not row.values:
            continue
        if row.grid and len(row.grid) == block.columns:
            dropped = [row.grid[i].strip() for i in energy]
            row.texts = [t for t in row.texts if t.strip() not in dropped]
            row.grid = [row.grid[keep]]
        elif row.values[keep] is not None:
            row.texts = []  # the markers stood in the energy columns
        row.values = [row.values[keep]]
        row.blank = {0} if keep in row.blank else set()
    block.columns = 1
    block.unit_written = units[keep]
    block.unit = normalise_unit(units[keep])
    return True
