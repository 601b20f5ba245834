"""Reasons for zero figures, and Scope 3 categories split over several rows."""

from __future__ import annotations

import pytest
from documents import facts_of

TABLE = """
Carbon Reduction Plan
Baseline Year: 2022
Baseline year emissions:
EMISSIONS TOTAL (tCO2e)
Scope 1 0
Scope 2 0
Scope 3 (Included Sources) 12.0
Category 6: Business travel 4.0
Category 6: Hotel Stay 1.0
Category 7: Employee commuting 7.0
Total Emissions 12.0
"""


def test_reason_in_the_sentence_after_a_scope_label() -> None:
    facts = facts_of(
        TABLE
        + """
        Scope 1: Direct emissions from owned or controlled operations.
        We have no emissions in this scope because we own no vehicles or boilers.
        """
    )
    assert "own no vehicles" in facts.baseline.explanations["scope1"]
    assert "scope2" not in facts.baseline.explanations


def test_scope_named_in_passing_is_not_explained() -> None:
    facts = facts_of(
        TABLE
        + """
        Category 3 - Fuel- and energy-related activities (not included in scope 1 or scope 2)
        - No emissions in this category due to our business processes.
        """
    )
    assert facts.baseline.explanations == {}


def test_no_scope_1_or_2_emissions_explains_both() -> None:
    facts = facts_of(
        TABLE
        + """
        We have no Scope 1 or Scope 2 emissions to report, as there are no direct emissions from
        sources we own or control.
        """
    )
    assert set(facts.baseline.explanations) == {"scope1", "scope2"}


def test_rows_of_one_category_are_added_up() -> None:
    facts = facts_of(TABLE)
    travel = next(c for c in facts.scope3_detail if c.number == 6)
    assert travel.baseline == 5.0


@pytest.mark.parametrize(
    "sentence",
    [
        "Emissions have risen since 2021 because the group has grown from six to nine branches.",
        "The fall in the market-based total since 2021 is almost entirely the switch to "
        "renewable electricity.",
        "During 2024 we moved to activity-based data, resulting in removal of overestimated "
        "factors from the Scope 3 figures.",
        "We restated the baseline emissions after acquiring Northfield Ltd in 2023.",
        "Our footprint fell by 60% as a result of closing the Leeds depot.",
    ],
)
def test_a_sentence_that_gives_the_cause_explains_a_change(sentence: str) -> None:
    facts = facts_of(TABLE + "\n" + sentence)
    assert facts.change_explained
    assert facts.evidence["change_explained"][0].quote.startswith(sentence[:30])


@pytest.mark.parametrize(
    "sentence",
    [
        "A full recalculation of emissions incorporating improved data accuracy is scheduled "
        "for completion by September 2026.",
        "This plan sets out how we will reduce our carbon emissions.",
        "We will recalculate base year emissions if the company structure changes.",
    ],
)
def test_plans_and_intentions_do_not_explain_a_change(sentence: str) -> None:
    assert not facts_of(TABLE + "\n" + sentence).change_explained
