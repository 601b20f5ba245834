"""Zeros, "N/A" and "nil" explained beside the figure, in a sentence, in a note under the table
or in a short paragraph; a note the checker cannot judge becomes a question for a person."""

from __future__ import annotations

import textwrap

import pytest
from documents import facts_of
from rule_cases import buyer

from crp_checker.rules import RULES, RuleContext
from crp_checker.schemas import Facts, Finding, Outcome

HEAD = """
Carbon Reduction Plan
Supplier name: Example Services Ltd
Baseline Emissions Footprint
Baseline year: 2022
"""


def plan(body: str) -> str:
    return HEAD + textwrap.dedent(body)


def zeros_finding(facts: Facts) -> Finding:
    return RULES["zeros-explained"].run(facts, RuleContext(buyer=buyer(), page_count=1))


# ------------------------------------------------------------------ beside the figure


def test_notes_column_explains_zero_source_rows_of_a_scope() -> None:
    facts = facts_of(
        plan(
            """
            Emissions Source Scope Baseline (tCO2e) Notes
            Company vehicles Scope 1 0.0 No company vehicles
            Natural gas (heating) Scope 1 0.0 No dedicated office premises
            Purchased electricity Scope 2 0.8 Home office energy usage (apportioned)
            Business travel Scope 3 2.1 Flights, rail, taxis for client meetings
            Total Baseline 2.9
            """
        )
    )
    assert facts.baseline.scope1 == 0
    assert "No company vehicles" in facts.baseline.explanations["scope1"]
    assert zeros_finding(facts).outcome is Outcome.PASS


def test_notes_cell_of_a_pipe_table() -> None:
    facts = facts_of(
        plan(
            """
            tCO2e | 2022 (baseline) | 2024 (current) | Notes |
            Scope 1 | 0.0 | 0.0 | We operate from a serviced office with no gas supply |
            Scope 2 | 4.1 | 3.2 | |
            Scope 3 | 20.3 | 18.9 | |
            Total | 24.4 | 22.1 | |
            """
        )
    )
    assert "serviced office" in facts.current.explanations["scope1"]
    assert zeros_finding(facts).outcome is Outcome.PASS


def test_reason_in_the_same_cell_as_the_zero() -> None:
    facts = facts_of(
        plan(
            """
            Emissions | 2022 (baseline) | 2024 (current) |
            Scope 1 | 0.0 (all vans replaced with electric models) | 0.0 |
            Scope 2 | 6.2 | 5.0 |
            Scope 3 | 11.0 | 9.8 |
            Total | 17.2 | 14.8 |
            """
        )
    )
    assert "electric models" in facts.baseline.explanations["scope1"]
    assert zeros_finding(facts).outcome is Outcome.PASS


def test_a_change_column_is_not_a_reason() -> None:
    facts = facts_of(
        plan(
            """
            Emissions Source Scope Current (tCO2e) Change vs Baseline
            Scope 1 (Direct) Scope 1 0.0 No change
            Scope 2 (Electricity) Scope 2 0.6 -25%
            Scope 3 (Business travel) Scope 3 1.2 -43%
            Total Current 1.8
            """
        )
    )
    assert facts.baseline.explanations == {} and facts.current.explanations == {}
    assert zeros_finding(facts).outcome is Outcome.FAIL


def test_a_note_the_checker_cannot_judge_is_a_question() -> None:
    facts = facts_of(
        plan(
            """
            Emissions | 2022 (baseline) | Notes |
            Scope 1 | 0.0 | Handled by the parent company |
            Scope 2 | 4.1 | |
            Scope 3 | 20.3 | |
            Total | 24.4 | |
            """
        )
    )
    finding = zeros_finding(facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question == (
        "Is the 0.0 for Scope 1 explained by 'Handled by the parent company' (p. 1)?"
    )
    assert facts.readings["baseline.explanations.scope1"].how == "inferred"


# ------------------------------------------------------------------ in the text


@pytest.mark.parametrize(
    "sentence",
    [
        "Scope 2 is zero because our electricity is included in the rent of a serviced office.",
        "Scope 2 is shown as zero as our landlord supplies and reports the electricity.",
        "We have no Scope 2 emissions: the office runs on a 100% renewable tariff.",
        "Note: Scope 2 was nil in 2022, since the building was heated and lit by the landlord.",
    ],
)
def test_a_sentence_under_the_table_explains_the_zero(sentence: str) -> None:
    facts = facts_of(
        plan(
            f"""
            Scope 1 12.0
            Scope 2 0.0
            Scope 3 30.5
            Total Emissions 42.5

            {sentence}
            """
        )
    )
    assert "scope2" in facts.baseline.explanations
    assert zeros_finding(facts).outcome is Outcome.PASS


def test_a_scope_paragraph_with_nil_and_the_reason_after_it() -> None:
    facts = facts_of(
        plan(
            """
            Scope 1 | Nil |
            Scope 2 | 6.8 |
            Scope 3 | 24.8 |
            Total | 31.6 |

            Scope 1. Nil in both years. The studio is heated by the landlord's communal
            system, which we report in Scope 2, and the practice owns no vehicles.
            """
        )
    )
    assert "owns no vehicles" in facts.baseline.explanations["scope1"]


def test_a_zero_said_in_prose_with_its_reason() -> None:
    facts = facts_of(
        plan(
            """
            Scope 1 0
            Scope 2 3.9
            Scope 3 46.2
            Total 50.1
            We had no Scope 1 emissions: the co-operative has no gas supply and owns no
            vehicles, so our Scope 1 emissions were zero.
            """
        )
    )
    assert "no gas supply" in facts.baseline.explanations["scope1"]


def test_a_reason_for_another_scope_does_not_explain_this_one() -> None:
    facts = facts_of(
        plan(
            """
            Scope 1 0.0
            Scope 2 0.0
            Scope 3 12.0
            Total 12.0
            Scope 2 is zero because we buy 100% renewable electricity.
            """
        )
    )
    assert set(facts.baseline.explanations) == {"scope2"}
    finding = zeros_finding(facts)
    assert finding.outcome is Outcome.FAIL
    assert "Scope 1" in finding.message


def test_a_bare_zero_with_no_reason_anywhere_fails() -> None:
    facts = facts_of(
        plan(
            """
            Emissions Total (tCO2e)
            Scope 1 96.4
            Scope 2 0.0
            Scope 3 (Included Sources) 31.2
            Total Emissions 127.6
            Day to day, our technicians plan their rounds to keep mileage down.
            """
        )
    )
    assert zeros_finding(facts).outcome is Outcome.FAIL


# ----------------------------------------------------------------- categories


def test_category_na_with_a_reason_in_its_notes_cell() -> None:
    facts = facts_of(
        plan(
            """
            tCO2e | 2021 (baseline) | 2024 (current) | Notes |
            Scope 1 | 64.1 | 51.2 | Natural gas |
            Scope 2 | 22.6 | 0.0 | 100% renewable (REGO-backed) supply from 2024 |
            Scope 3 – Cat 4 Upstream transportation & distribution | 38.9 | 43.0 | Couriers |
            Scope 3 – Cat 5 Waste generated in operations | 27.5 | 23.8 | |
            Scope 3 – Cat 6 Business travel | 5.2 | 6.6 | |
            Scope 3 – Cat 7 Employee commuting | 48.6 | 49.1 | |
            Scope 3 – Cat 9 Downstream transportation & distribution | N/A | N/A | Results are sent electronically; no goods leave the laboratory |
            Scope 3 total | 120.2 | 122.5 | |
            Total | 206.9 | 173.7 | |
            """  # noqa: E501
        )
    )
    nine = next(d for d in facts.scope3_detail if d.number == 9)
    assert nine.marker == "N/A" and nine.reason and "no goods" in nine.reason
    assert zeros_finding(facts).outcome is Outcome.PASS


def test_category_zero_explained_by_a_sentence_that_rules_it_out() -> None:
    facts = facts_of(
        plan(
            """
            Scope 1 0
            Scope 2 0
            Scope 3 (Included Sources)
            4. Upstream transportation and distribution - 0
            6. Business Travel – 43.15
            7. Employee Commuting – 16.9
            Total 60.05 tCO2e
            We have no Scope 1 or Scope 2 emissions to report, as there are no direct
            emissions from sources we own or control. There are no emissions to report for
            4. Upstream transportation and distribution, as we ship no products.
            """
        )
    )
    four = next(d for d in facts.scope3_detail if d.number == 4)
    assert four.reason and "ship no products" in four.reason
    finding = zeros_finding(facts)
    assert finding.outcome is Outcome.PASS, finding.message


@pytest.mark.parametrize("cell", ["N/A", "-", "Nil"])
def test_a_marker_cell_for_a_whole_scope_explained_below(cell: str) -> None:
    facts = facts_of(
        plan(
            f"""
            Emissions | 2022 (baseline) | 2024 (current) |
            Scope 1 | {cell} | {cell} |
            Scope 2 | 4.1 | 3.2 |
            Scope 3 | 20.3 | 18.9 |
            Total | 24.4 | 22.1 |
            Scope 1 is not applicable as we operate from a serviced office and own no vehicles.
            """
        )
    )
    assert "serviced office" in facts.baseline.explanations["scope1"]
    assert zeros_finding(facts).outcome is Outcome.PASS


@pytest.mark.parametrize("cell", ["N/A", "-", "0"])
def test_a_marker_cell_for_a_whole_scope_with_no_reason_fails(cell: str) -> None:
    facts = facts_of(
        plan(
            f"""
            Emissions | 2022 (baseline) | 2024 (current) |
            Scope 1 | {cell} | {cell} |
            Scope 2 | 4.1 | 3.2 |
            Scope 3 | 20.3 | 18.9 |
            Total | 24.4 | 22.1 |
            """
        )
    )
    assert zeros_finding(facts).outcome is Outcome.FAIL


@pytest.mark.parametrize(
    ("scope", "sentence"),
    [
        ("Scope 1", "We do not own or lease any vehicles and the office has no gas supply."),
        ("Scope 1", "The studio is heated by heat pumps and the practice owns no vehicles."),
        ("Scope 2", "Our electricity is included in the rent of our shared workspace."),
        ("Scope 2", "The team is fully remote, with no office of its own."),
    ],
)
def test_a_reason_that_does_not_name_the_scope_is_a_question(scope: str, sentence: str) -> None:
    cells = {"Scope 1": "0 | 4.0", "Scope 2": "6.0 | 0"}[scope].split(" | ")
    facts = facts_of(
        plan(
            f"""
            Scope 1 {cells[0]}
            Scope 2 {cells[1]}
            Scope 3 12.0
            Total Emissions 16.0 tCO2e

            About us
            {sentence}
            """
        )
    )
    finding = zeros_finding(facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question is not None
    assert finding.question.startswith(f"Is the zero for {scope} explained by '{sentence[:20]}")
