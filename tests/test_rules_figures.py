"""The period and figure rules on doubtful readings, and the rulebook points they settle.

Each settlement named here (RULE_LABELS.md "Points where the rulebook is unclear", and the
varied-crps README conventions) is stated in the rule's docstring.
"""

from __future__ import annotations

import datetime as dt

import pytest
from documents import document
from rule_cases import buyer, complete_facts, ev, run, with_period

from crp_checker.extract import extract
from crp_checker.readings import mark_conflicting, mark_inferred
from crp_checker.rules import RULES, RuleContext
from crp_checker.schemas import Finding, Outcome


def _judge(rule: str, text: str, check_date: dt.date = dt.date(2025, 6, 1)) -> Finding:
    """A rule applied to a plan written as text, end to end."""
    facts = extract(document(text))
    ctx = RuleContext(buyer=buyer().model_copy(update={"check_date": check_date}), page_count=1)
    return RULES[rule].run(facts, ctx)


# ------------------------------------------------------------ a fail needs a sure reading


def test_missing_scope_beside_a_figure_read_from_context_goes_to_a_person() -> None:
    facts = with_period(complete_facts(), "baseline", scope2=None)
    mark_inferred(facts, "baseline.scope1", "the table names no period")
    finding = run("baseline-emissions", facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question and finding.question.endswith("?")


def test_a_figure_offered_twice_differently_goes_to_a_person_with_both_quoted() -> None:
    facts = with_period(complete_facts(), "current", scope1=None)
    mark_conflicting(
        facts,
        "current.scope1",
        [("80 tCO2e", ev("Scope 1 80.0", 2)), ("85 tCO2e", ev("Scope 1 85.0", 3))],
        "two tables give different figures for the same scope and period",
    )
    finding = run("current-emissions", facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question is not None
    assert "80 tCO2e" in finding.question and "85 tCO2e" in finding.question


def test_a_sure_missing_scope_still_fails() -> None:
    finding = run("baseline-emissions", with_period(complete_facts(), "baseline", scope2=None))
    assert finding.outcome is Outcome.FAIL


def test_a_baseline_year_read_from_context_does_not_fail_plausibility_outright() -> None:
    facts = with_period(complete_facts(), "baseline", label="2025", end_year=2025, end=None)
    mark_inferred(facts, "baseline.label", "the year is taken from the heading")
    assert run("baseline-year-plausible", facts).outcome is Outcome.NEEDS_REVIEW


def test_an_undated_financial_year_asks_when_it_ended() -> None:
    facts = with_period(
        complete_facts(), "current", label="FY25", end_year=2025, start=None, end=None
    )
    settings = buyer().model_copy(update={"check_date": dt.date(2026, 3, 1)})
    finding = run("reporting-period-recent", facts, settings)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question and "FY25" in finding.question


# ------------------------------------------------------- point 3: baseline-/current-emissions

TOTAL_ONLY = """
Carbon Reduction Plan
Baseline year: 2019
{sentence}
Reporting year: 2024
Scope 1 50.0
Scope 2 30.0
Scope 3 100.0
Total 180.0
"""


@pytest.mark.parametrize(
    "sentence",
    [
        "Our 2019 footprint was 250 tCO2e in total; it was not broken down by scope.",
        "Baseline emissions were 250 tCO2e in total. No scope breakdown is available for 2019.",
    ],
)
def test_a_baseline_only_as_a_total_with_a_reason_is_partial(sentence: str) -> None:
    finding = _judge("baseline-emissions", TOTAL_ONLY.format(sentence=sentence))
    assert finding.outcome is Outcome.PARTIAL


def test_a_baseline_only_as_a_total_without_a_reason_fails() -> None:
    sentence = "Our 2019 baseline footprint was 250 tCO2e in total."
    finding = _judge("baseline-emissions", TOTAL_ONLY.format(sentence=sentence))
    assert finding.outcome is Outcome.FAIL


def test_scope3_only_derivable_from_category_rows_passes_and_says_so() -> None:
    facts = with_period(complete_facts(), "baseline", derived={"scope3": "sum of 5 category rows"})
    finding = run("baseline-emissions", facts)
    assert finding.outcome is Outcome.PASS
    assert "sum of 5 category rows" in finding.message


def test_emissions_given_by_source_not_by_scope_fail() -> None:
    finding = _judge(
        "baseline-emissions",
        """
        Carbon Reduction Plan
        Baseline year: 2023
        Total estimated emissions for 2023: 95 metric tonnes CO2e, mostly from travel.
        """,
    )
    assert finding.outcome is Outcome.FAIL


def test_all_figures_missing_with_an_explanation_fail() -> None:
    finding = _judge(
        "current-emissions",
        """
        Carbon Reduction Plan
        Reporting Year: 2024
        EMISSIONS TOTAL (tCO2e)
        Scope 1 Not yet available
        Scope 2 Not yet available
        Scope 3 Not yet available
        """,
    )
    assert finding.outcome is Outcome.FAIL


# -------------------------------------------------------------- point 9: values-valid


@pytest.mark.parametrize("marker", ["N/A", "not measured", "Not yet measured", "nil"])
def test_a_marker_in_a_figure_cell_is_not_an_invalid_value(marker: str) -> None:
    facts = with_period(complete_facts(), "baseline", scope1=None, not_numeric={"scope1": marker})
    assert run("values-valid", facts).outcome is Outcome.PASS


def test_text_filling_a_figure_cell_is_invalid() -> None:
    facts = with_period(
        complete_facts(),
        "current",
        scope1=None,
        not_numeric={
            "scope1": "As baseline figures are 2021, current figures are not yet available"
        },
    )
    assert run("values-valid", facts).outcome is Outcome.FAIL


def test_a_malformed_savings_figure_in_running_text_is_not_an_emissions_value() -> None:
    finding = _judge(
        "values-valid",
        """
        Carbon Reduction Plan
        Baseline Year: 2023
        Baseline year emissions (tCO2e)
        Scope 1 10.0
        Scope 2 5.0
        Scope 3 20.0
        Total 35.0
        The measures saved 498,5249,84.3 tCO2e, a 25%ge reduction against the baseline.
        """,
    )
    assert finding.outcome is Outcome.PASS


# ----------------------------------------------------------------- point 10: units-co2e


@pytest.mark.parametrize(
    ("unit", "outcome"),
    [
        ("tCO2e", Outcome.PASS),
        ("tC02e", Outcome.PASS),
        ("tCO 2 e", Outcome.PASS),
        ("metric tons CO2e", Outcome.PASS),
        ("tCO2", Outcome.PARTIAL),
        ("CO2 gpm", Outcome.NEEDS_REVIEW),
        ("kWh", Outcome.FAIL),
    ],
)
def test_units_as_written(unit: str, outcome: Outcome) -> None:
    facts = with_period(complete_facts(), "baseline", unit=unit)
    facts = with_period(facts, "current", unit=unit)
    finding = run("units-co2e", facts)
    assert finding.outcome is outcome
    if outcome is Outcome.NEEDS_REVIEW:
        assert finding.question and unit in finding.question


def test_a_total_in_a_non_mass_unit_is_not_tonnes_and_asks_a_person() -> None:
    text = """
    Carbon Reduction Plan
    Baseline Year: 2023
    Baseline year emissions: 664,699,971 CO2 gpm.
    Total Emissions 664,699,971 CO2 gpm.
    """
    assert _judge("units-co2e", text).outcome is Outcome.NEEDS_REVIEW
    assert _judge("values-valid", text).outcome is Outcome.PASS
    assert _judge("baseline-emissions", text).outcome is Outcome.FAIL


# ------------------------------------------------------ point 12: baseline-year-plausible


def test_a_recalculated_baseline_is_judged_by_its_revised_year() -> None:
    finding = _judge(
        "baseline-year-plausible",
        """
        Carbon Reduction Plan
        Baseline year: 2022, now revised to 2024 after our merger.
        Reporting year: 2024
        """,
    )
    assert finding.outcome is Outcome.PARTIAL  # same year as the current period


def test_a_first_time_reporter_is_partial() -> None:
    finding = _judge(
        "baseline-year-plausible",
        """
        Carbon Reduction Plan
        This is our first plan, so our baseline year and our current reporting year are the
        same. Baseline year: 2024
        """,
    )
    assert finding.outcome is Outcome.PARTIAL


def test_overlapping_periods_that_end_in_order_pass() -> None:
    facts = with_period(
        complete_facts(),
        "current",
        label="February 2023 to January 2024",
        start=dt.date(2023, 2, 1),
        end=dt.date(2024, 1, 31),
        end_year=2024,
    )
    facts = with_period(
        facts,
        "baseline",
        label="2023",
        start=dt.date(2023, 1, 1),
        end=dt.date(2023, 12, 31),
        end_year=2023,
    )
    assert run("baseline-year-plausible", facts).outcome is Outcome.PASS


# ---------------------------------------------------------------- point 16: periods in prose


@pytest.mark.parametrize(
    "sentence",
    [
        "We have recalculated our emissions for the financial year 2025.",
        "Our most recent full year is 2024.",
        "In our current reporting year, 2024 (January to December), our footprint fell.",
    ],
)
def test_a_period_stated_only_in_prose_passes_reporting_period(sentence: str) -> None:
    finding = _judge("reporting-period", f"Carbon Reduction Plan\n{sentence}\n")
    assert finding.outcome is Outcome.PASS
