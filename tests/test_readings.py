"""How each fact was read: the extractors' marks survive, everything else is stated or derived."""

from __future__ import annotations

from documents import facts_of

from crp_checker.readings import fact_name, settle_readings
from crp_checker.schemas import Facts, Period, Reading

PLAN = """
Carbon Reduction Plan
Supplier name: Example Services Ltd
We are committed to achieving Net Zero emissions by 2045.
Baseline Year: 2021
Scope 1 8.0
Scope 2 5.0
Scope 3 2.2
Total Emissions 15.2
"""


def test_stated_figures_are_marked_stated_and_missing_ones_are_not_marked() -> None:
    facts = facts_of(PLAN)
    assert facts.readings["baseline.scope1"].how == "stated"
    assert facts.readings["baseline.total"].how == "stated"
    assert facts.readings["net_zero_year"].how == "stated"
    assert facts.current.scope1 is None
    assert "current.scope1" not in facts.readings


def test_computed_figures_are_marked_derived_with_how() -> None:
    facts = Facts(baseline=Period(scope3=7.0, derived={"scope3": "sum of 3 category rows"}))
    settle_readings(facts)
    assert facts.readings["baseline.scope3"] == Reading(
        how="derived", reason="sum of 3 category rows"
    )


def test_an_extractors_mark_is_kept() -> None:
    facts = Facts(baseline=Period(label="2021", end_year=2021))
    facts.readings["baseline.label"] = Reading(how="inferred", reason="from the heading")
    settle_readings(facts)
    assert facts.readings["baseline.label"].how == "inferred"


def test_fact_names_read_as_a_person_says_them() -> None:
    assert fact_name("baseline.scope1") == "the baseline Scope 1 figure"
    assert fact_name("current.label") == "the current reporting period"
    assert fact_name("scope3.6") == "the figure for Scope 3 category 6"
    assert fact_name("net_zero_year") == "the net zero year"
