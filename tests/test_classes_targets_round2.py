"""Target classes from plans written as small suppliers write them (round 2).

In wordings of our own: a deadline named by its financial year end ("by FYE 2030"), and a
target that runs on from a bare heading ("TARGETS" over "reduce total emissions by 30% ...").
Negatives: a heading over history, and an amount with no deadline, stay unquantified.
"""

from __future__ import annotations

import pytest
from documents import facts_of


@pytest.mark.parametrize(
    ("sentence", "year", "percent"),
    [
        (
            "We will reduce total emissions to 180.2 tCO2e by FYE 2030, a 40% cut on FYE 2021.",
            2030,
            40.0,
        ),
        ("Our target is a 25% reduction against FYE 2022 by FYE 2029.", 2029, 25.0),
        ("We aim to halve Scope 1 and 2 emissions by FYE2031.", 2031, 50.0),
    ],
)
def test_financial_year_end_deadline_is_read(sentence: str, year: int, percent: float) -> None:
    facts = facts_of("\n".join(["Carbon Reduction Plan", "Targets", sentence]))
    quantified = [t for t in facts.targets if t.quantified]
    assert quantified
    assert quantified[0].year == year
    assert quantified[0].percent == percent


@pytest.mark.parametrize(
    "lines",
    [
        [
            "TARGETS",
            "reduce total emissions by 30% from 2019 by the end of 2030 (to 95.1 tonnes CO2e).",
        ],
        ["Our targets", "cut our Scope 1 and 2 emissions by 45% against 2020 by 2032."],
    ],
)
def test_target_run_on_from_its_heading_is_read(lines: list[str]) -> None:
    facts = facts_of("\n".join(["Carbon Reduction Plan", *lines]))
    assert any(t.quantified for t in facts.targets)


@pytest.mark.parametrize(
    "lines",
    [
        [
            "WHAT WE HAVE DONE",
            "reduced our emissions by 12% since 2019 by switching to LED lighting.",
        ],
        ["TARGETS", "reduce total emissions by 30% as soon as we can."],
    ],
)
def test_history_or_undated_amount_is_not_a_quantified_target(lines: list[str]) -> None:
    facts = facts_of("\n".join(["Carbon Reduction Plan", *lines]))
    assert not any(t.quantified for t in facts.targets)
