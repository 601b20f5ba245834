"""Completed measures (round 4): a measure told with its effect and its date is specific
whatever its kind ("Lighter jars: 12% less glass per jar since 2022", "cutting van mileage by 9%
(2025)"); heat recovery and routing software are concrete kinds; "re-planned" is done, not a
plan. The look-alikes stay general: an effect on emissions only, an effect without a date, a
date without an effect, a count, and prose outside the measures that only reports a result."""

from __future__ import annotations

import pytest
from documents import facts_of
from rule_cases import run

from crp_checker.schemas import Facts, Outcome

HEAD = """Carbon Reduction Plan
Supplier name: Fernlea Preserves Ltd
Published: 3 March 2026
Commitment to achieving Net Zero
Fernlea Preserves Ltd is committed to achieving Net Zero emissions by 2045.
Current Emissions Reporting
Reporting year: 2025
Scope 1 10.0 tCO2e
Scope 2 6.0 tCO2e
Scope 3 36.0 tCO2e
Total 52.0 tCO2e
"""


def plan(*items: str, heading: str = "Carbon Reduction Projects") -> Facts:
    return facts_of(HEAD + heading + "\n" + "".join(f"• {item}\n" for item in items))


def outcome(facts: Facts) -> Outcome:
    return run("completed-measures", facts).outcome


@pytest.mark.parametrize(
    "item",
    [
        "Lighter jars: 12% less glass per 250 g jar since 2022.",
        "Oven racks loaded to a new pattern in 2024, cutting gas use by 14%.",
        "Delivery rounds re-planned, cutting van mileage by 9% (2025).",
        "Leaks on the filling line fixed in 2023, saving 31,000 kWh a year.",
        "Labels printed on thinner stock since 2022: 20 per cent less paper per case.",
    ],
)
@pytest.mark.parametrize("heading", ["Carbon Reduction Projects", "What we have done"])
def test_a_measure_told_with_its_effect_and_date_is_specific(item: str, heading: str) -> None:
    facts = plan(item, heading=heading)
    assert [m.specific for m in facts.completed_measures] == [True]
    assert outcome(facts) == Outcome.PASS


@pytest.mark.parametrize(
    "item",
    [
        "Heat recovery from the ovens warms the dispatch bay (2023).",
        "Van rounds set by routing software since 2024.",
    ],
)
def test_heat_recovery_and_routing_software_are_concrete_measures(item: str) -> None:
    facts = plan(item)
    assert [m.specific for m in facts.completed_measures] == [True]


@pytest.mark.parametrize("prefix", ["re-planned", "pre-planned"])
def test_a_prefixed_planned_is_done_not_a_plan(prefix: str) -> None:
    facts = plan(f"Delivery rounds {prefix} with routing software, cutting mileage by 9% (2025).")
    assert [m.status for m in facts.completed_measures] == ["completed"]
    assert facts.future_measures == []


def test_planned_alone_is_still_a_plan() -> None:
    facts = plan("Delivery rounds planned with routing software from 2027.")
    assert facts.completed_measures == []
    assert [m.status for m in facts.future_measures] == ["future"]


@pytest.mark.parametrize(
    "item",
    [
        "We cut our emissions by 10% in 2024.",  # a result on emissions, not a measure
        "Glass use per jar is 12% lower than it used to be.",  # no date
        "In 2023 we took steps to use less energy in the kitchen.",  # no effect
        "In 2024 we trained 18 staff on the new line.",  # a count, not an effect
    ],
)
def test_general_measures_stay_general(item: str) -> None:
    facts = plan(item)
    assert not any(m.specific for m in facts.completed_measures)
    assert outcome(facts) != Outcome.PASS


def test_a_result_told_outside_the_measures_is_no_measure() -> None:
    facts = facts_of(
        HEAD.replace(
            "Current Emissions Reporting",
            "About us\nSince 2021 the kitchen has used 30% less gas per batch.\n"
            "Current Emissions Reporting",
        )
    )
    assert facts.completed_measures == []
