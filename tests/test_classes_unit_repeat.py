"""A table of bare figures takes its unit from the same figure written with a unit elsewhere
(synthetic-f uf13: the table had no unit, the "In short" box above it said "175.7 tCO2e in the
year ended 30 September 2025", and units-co2e failed a compliant plan)."""

from __future__ import annotations

import pytest
from documents import facts_of

_TABLE = (
    "Our footprint\n| 2021 (baseline) | 2025 |\nScope 1 | 96.8 | 68.4 |\nScope 2 | 74.5 | 22.3 |\n"
    "Scope 3 | 96.6 | 85.0 |\nTotal | 267.9 | 175.7 |\n"
)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("In short\n• 175.7 tCO2e in 2025, down from 267.9 tCO2e in 2021\n", ""),
        ("", "Our footprint fell to 175.7 tonnes CO2e in 2025.\n"),
        ("At a glance | 2025 total: 175.7 tCO2e |\n", ""),
        ("", "• Business travel: 12.1 tCO2e\nOur baseline of 267.9 tCO₂e was measured in 2021.\n"),
    ],
)
def test_the_unit_of_a_repeated_figure_is_the_tables(before: str, after: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{before}{_TABLE}{after}")
    assert facts.current.total == 175.7
    assert facts.current.unit is not None and "CO" in facts.current.unit
    assert facts.baseline.unit is not None


def test_the_repeat_is_quoted_as_the_units_evidence() -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{_TABLE}Our footprint fell to 175.7 tonnes CO2e.\n")
    assert facts.current.unit == "tonnes CO2e"
    assert facts.evidence["current.unit"][0].quote == "175.7 tonnes CO2e"


@pytest.mark.parametrize(
    "after",
    [
        "",  # no repeat at all: there is no unit
        "Our total was 175.7 kWh of heat.\n",  # not a mass
        "The total is 175.7 kgCO2e per employee.\n",  # kilograms would change every figure
        "We ran 2021 events and 96 tCO2e of travel.\n",  # a bare integer is no tie
    ],
)
def test_no_unit_is_taken_without_a_tonnes_repeat(after: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{_TABLE}{after}")
    assert facts.current.total == 175.7
    assert facts.current.unit is None
