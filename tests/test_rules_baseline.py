"""Worked examples for the baseline rules: year stated, plausible, figures, method."""

from __future__ import annotations

import pytest
from rule_cases import Case, check_case, complete_facts, run, with_period

from crp_checker.schemas import Outcome, Period

FULL = complete_facts()
NO_BASELINE = complete_facts(baseline=Period())

CASES = [
    Case("baseline-year", Outcome.PASS, FULL, "stated"),
    Case("baseline-year", Outcome.FAIL, NO_BASELINE, "missing"),
    Case("baseline-year-plausible", Outcome.PASS, FULL, "2019 before 2024"),
    Case(
        "baseline-year-plausible",
        Outcome.PARTIAL,
        with_period(FULL, "current", same_as_baseline=True),
        "first-time reporter",
    ),
    Case(
        "baseline-year-plausible",
        Outcome.PARTIAL,
        with_period(FULL, "baseline", label="FY2024", start=None, end=None, end_year=2024),
        "same year, months unknown",
    ),
    Case(
        "baseline-year-plausible",
        Outcome.FAIL,
        with_period(FULL, "current", label="2018", start=None, end=None, end_year=2018),
        "baseline after current",
    ),
    Case(
        "baseline-year-plausible",
        Outcome.FAIL,
        with_period(FULL, "baseline", label="2026/27", start=None, end=None, end_year=2027),
        "baseline in the future",
    ),
    Case("baseline-year-plausible", Outcome.NOT_APPLICABLE, NO_BASELINE, "no baseline"),
    Case(
        "baseline-year-plausible",
        Outcome.NEEDS_REVIEW,
        complete_facts(baseline=Period(label="our first year")),
        "label without a year",
    ),
    Case("baseline-emissions", Outcome.PASS, FULL, "all four"),
    Case(
        "baseline-emissions",
        Outcome.PARTIAL,
        with_period(FULL, "baseline", total=None),
        "total derivable",
    ),
    Case(
        "baseline-emissions",
        Outcome.PARTIAL,
        with_period(FULL, "baseline", scope1=None, explanations={"scope1": "no company vehicles"}),
        "scope missing with reason",
    ),
    Case(
        "baseline-emissions",
        Outcome.FAIL,
        with_period(FULL, "baseline", scope3=None),
        "scope 3 missing",
    ),
    Case("baseline-emissions", Outcome.FAIL, NO_BASELINE, "no figures"),
    Case("baseline-method", Outcome.PASS, FULL, "substantive"),
    Case(
        "baseline-method",
        Outcome.PARTIAL,
        complete_facts(baseline_method="Calculated in line with the GHG Protocol."),
        "generic",
    ),
    Case("baseline-method", Outcome.FAIL, complete_facts(baseline_method=None), "none"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_outcome(case: Case) -> None:
    check_case(case)


def test_missing_total_message_gives_the_sum_of_the_scopes() -> None:
    finding = run("baseline-emissions", with_period(FULL, "baseline", total=None))
    assert "no total" in finding.message
    assert "1,000 tCO2e" in finding.message  # 100 + 200 + 700


def test_text_in_a_scope_cell_is_quoted_and_is_not_an_absence() -> None:
    facts = with_period(FULL, "baseline", scope3=None, not_numeric={"scope3": "not yet available"})
    finding = run("baseline-emissions", facts, unreadable=(3,))
    assert finding.outcome is Outcome.FAIL  # the cell was read: unreadable pages do not matter
    assert "'not yet available'" in finding.message


def test_missing_scopes_are_named() -> None:
    finding = run("baseline-emissions", with_period(FULL, "baseline", scope1=None, scope2=None))
    assert "Scope 1 and Scope 2 as numbers" in finding.message


def test_generic_method_names_the_one_kind_it_covers() -> None:
    facts = complete_facts(baseline_method="Calculated in line with the GHG Protocol.")
    assert "tools and factors" in run("baseline-method", facts).message


def test_labels_keep_their_case_in_messages() -> None:
    facts = with_period(FULL, "current", label="FY2018", start=None, end=None, end_year=2018)
    assert "(FY2018)" in run("baseline-year-plausible", facts).message
