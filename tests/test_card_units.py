"""Figures laid out as cards (a web page's "Scope 1" / "1.8" / "tCO2e" blocks), round 3 of
issue 11: a line that is only the unit, under a figure, gives the table its unit; a unit
nowhere near the figures still leaves them without one."""

from __future__ import annotations

import pytest
from documents import facts_of

HEAD = "Carbon Reduction Plan\nAcme Ltd is committed to net zero by 2030.\n"


@pytest.mark.parametrize("unit", ["tCO2e", "tonnes CO2e", "t CO2e", "kg CO2e"])
def test_a_unit_alone_under_each_card_figure(unit: str) -> None:
    cards = "\n".join(
        f"{label}\n{value}\n{unit}"
        for label, value in (("Scope 1", "1.8"), ("Scope 2", "12.4"), ("Scope 3", "57.3"))
    )
    facts = facts_of(HEAD + "Baseline Emissions Footprint\nBaseline year: 2023\n" + cards)
    assert facts.baseline.scope2 is not None
    assert facts.baseline.unit is not None


def test_cards_with_no_unit_have_none() -> None:
    cards = "Scope 1\n1.8\nScope 2\n12.4\nScope 3\n57.3"
    facts = facts_of(HEAD + "Baseline Emissions Footprint\nBaseline year: 2023\n" + cards)
    assert facts.baseline.unit is None
