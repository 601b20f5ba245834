"""Measures (round 6): a statement that nothing is done yet ("We have not yet completed any
carbon reduction projects") above a list of plans; an item dated to a month after the plan's own
date, with no tense in its words ("Food waste to anaerobic digestion | September 2026"); and a
contract sentence that names the measures as "everything listed under ...". Each class in
wordings and layouts of our own, with the look-alikes that must stay read: a denial beside a
measure in place, a dated item before the plan's date, a pledge that names no measures."""

from __future__ import annotations

import pytest
from documents import facts_of
from rule_cases import run

from crp_checker.schemas import Facts, Outcome

HEAD = """Carbon Reduction Plan
Supplier name: Holloway Bakery Ltd
Published: 14 April 2026
Commitment to achieving Net Zero
Holloway Bakery Ltd is committed to achieving Net Zero emissions by 2045.
Current Emissions Reporting
Reporting year: 2025
Scope 1 32.0 tCO2e
Scope 2 9.0 tCO2e
Scope 3 44.0 tCO2e
Total 85.0 tCO2e
"""
LONG = (
    "Our bakery supplies bread and cakes to schools, cafes and care homes across the county "
    "from one production unit and two shops in the town centre.\n"
)


def outcome(rule: str, facts: Facts) -> Outcome:
    return run(rule, facts).outcome


# ------------------------------------------ nothing done yet, only plans


@pytest.mark.parametrize(
    "opening",
    [
        "We have not yet completed any carbon reduction projects: this is our first plan, and "
        "the projects below are the ones we will carry out next.",
        "No carbon reduction projects have been completed so far; the list below is our plan.",
        "Nothing is in place yet. We are a new business and these are our first steps.",
        "We are yet to install any energy saving equipment; the projects below come next.",
    ],
)
def test_nothing_done_yet_above_a_plan_is_no_completed_measure(opening: str) -> None:
    plan = (
        HEAD
        + LONG
        + "Carbon Reduction Projects\n"
        + opening
        + "\n- We will switch the bakery to a renewable electricity tariff in 2027.\n"
        + "- We plan to replace the delivery van with an electric van in 2028.\n"
    )
    facts = facts_of(plan)
    assert facts.completed_measures == []
    assert outcome("completed-measures", facts) is Outcome.FAIL
    assert facts.future_measures


@pytest.mark.parametrize(
    "sentence",
    [
        "We have not yet fitted solar panels, but LED lighting is in place across the bakery.",
        "Solar panels are not installed yet; we switched to a renewable electricity tariff in "
        "2023.",
        "We no longer use diesel vans: both were replaced with electric vans in 2024.",
    ],
)
def test_a_denial_beside_a_measure_in_place_keeps_the_measure(sentence: str) -> None:
    facts = facts_of(HEAD + LONG + "Carbon Reduction Projects\n" + sentence + "\n")
    assert facts.completed_measures
    assert outcome("completed-measures", facts) is Outcome.PASS


# ------------------------------------------ an item dated after the plan


@pytest.mark.parametrize(
    "table",
    [
        "Planned measure | Start | Expected impact |\n"
        "Food waste collected for anaerobic digestion | September 2026 | About 6 tCO2e |\n"
        "Delivery van changed for an electric van | March 2027 | About 9 tCO2e |\n",
        "Our next steps | When |\n"
        "Ovens converted to electric | November 2026 |\n"
        "Rooftop solar array for the production unit | June 2027 |\n",
    ],
)
def test_an_item_dated_after_the_plan_is_still_to_come(table: str) -> None:
    facts = facts_of(HEAD + LONG + "Carbon Reduction Projects\n" + table)
    assert facts.completed_measures == []
    assert len(facts.future_measures) == 2


def test_an_item_dated_before_the_plan_is_done() -> None:
    table = (
        "Measure | When |\n"
        "Renewable electricity tariff for the bakery | March 2024 |\n"
        "Electric ovens for the production unit | November 2026 |\n"
    )
    facts = facts_of(HEAD + LONG + "Carbon Reduction Projects\n" + table)
    assert [m.year for m in facts.completed_measures] == [2024]
    assert [m.year for m in facts.future_measures] == [2026]


# ------------------------------------------ "everything listed" stays in effect


@pytest.mark.parametrize(
    "sentence",
    [
        "Everything listed under 2023 and 2024 is still in place and will remain in effect for "
        "the whole of any contract we deliver for you.",
        "Each of these will continue to apply while we perform the contract.",
        "Everything above stays in place throughout the contract.",
    ],
)
def test_everything_listed_stays_in_effect_during_the_contract(sentence: str) -> None:
    plan = (
        HEAD
        + LONG
        + "Carbon Reduction Projects\n"
        + "In 2023 we switched the bakery to a renewable electricity tariff.\n"
        + "In 2024 we replaced the delivery van with an electric van.\n"
        + sentence
        + "\n"
    )
    facts = facts_of(plan)
    assert facts.measures_during_contract == "explicit"
    assert outcome("measures-during-contract", facts) is Outcome.PASS


def test_a_pledge_about_the_contract_that_names_no_measures_is_not_explicit() -> None:
    plan = (
        HEAD
        + LONG
        + "Carbon Reduction Projects\n"
        + "In 2023 we switched the bakery to a renewable electricity tariff.\n"
        + "We look forward to working on the contract with you.\n"
    )
    assert facts_of(plan).measures_during_contract == "implied"
