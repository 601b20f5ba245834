"""Worked examples for current emissions: period stated, figures, data age, aligned periods."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from rule_cases import Case, buyer, check_case, complete_facts, run, with_period

from crp_checker.schemas import Facts, Outcome, Period

FULL = complete_facts()
FIRST_YEAR = complete_facts(current=Period(same_as_baseline=True))


def ended(day: dt.date) -> Facts:
    """Facts whose current period is the 12 months ending on `day`."""
    start = day - relativedelta(years=1) + dt.timedelta(days=1)
    return with_period(FULL, "current", label="year", start=start, end=day, end_year=day.year)


def year_only(year: int) -> Facts:
    return with_period(FULL, "current", label=str(year), start=None, end=None, end_year=year)


CASES = [
    Case("reporting-period", Outcome.PASS, FULL, "stated"),
    Case("reporting-period", Outcome.PASS, FIRST_YEAR, "baseline year is current year"),
    Case("reporting-period", Outcome.FAIL, complete_facts(current=Period()), "missing"),
    Case("current-emissions", Outcome.PASS, FULL, "all four"),
    Case("current-emissions", Outcome.PASS, FIRST_YEAR, "repeated baseline figures"),
    Case(
        "current-emissions",
        Outcome.FAIL,
        with_period(FULL, "current", scope2=None),
        "scope 2 missing",
    ),
    # check date 1 June 2025, limit 12 months: ok from 1 June 2024, partial from 1 March 2024
    Case("reporting-period-recent", Outcome.PASS, ended(dt.date(2024, 12, 31)), "5 months"),
    Case("reporting-period-recent", Outcome.PASS, ended(dt.date(2024, 6, 1)), "12 months edge"),
    Case("reporting-period-recent", Outcome.PARTIAL, ended(dt.date(2024, 5, 31)), "just over"),
    Case("reporting-period-recent", Outcome.PARTIAL, ended(dt.date(2024, 3, 1)), "3 months over"),
    Case("reporting-period-recent", Outcome.FAIL, ended(dt.date(2024, 2, 29)), "too old"),
    Case(
        "reporting-period-recent",
        Outcome.PASS,
        ended(dt.date(2024, 3, 31)),
        "buyer accepts 18 months",
        settings=buyer(max_data_age_months=18),
    ),
    Case("reporting-period-recent", Outcome.NEEDS_REVIEW, year_only(2024), "month unknown"),
    Case("reporting-period-recent", Outcome.PASS, year_only(2025), "any month of 2025 is fine"),
    Case("reporting-period-recent", Outcome.FAIL, year_only(2022), "any month of 2022 is old"),
    Case("reporting-period-recent", Outcome.NEEDS_REVIEW, year_only(2026), "ends after check"),
    Case("reporting-period-recent", Outcome.FAIL, complete_facts(current=Period()), "unknown"),
    Case("periods-aligned", Outcome.PASS, FULL, "both calendar years"),
    Case("periods-aligned", Outcome.PARTIAL, year_only(2024), "years only"),
    Case(
        "periods-aligned",
        Outcome.FAIL,
        with_period(FULL, "current", start=dt.date(2023, 4, 1), end=dt.date(2024, 3, 31)),
        "April vs January",
    ),
    Case(
        "periods-aligned",
        Outcome.FAIL,
        with_period(FULL, "current", start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 30)),
        "six months",
    ),
    Case("periods-aligned", Outcome.NOT_APPLICABLE, complete_facts(baseline=Period()), "none"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_outcome(case: Case) -> None:
    check_case(case)


def test_first_year_reporter_message_says_the_baseline_figures_are_used() -> None:
    finding = run("current-emissions", FIRST_YEAR)
    assert "baseline figures are judged as the current ones" in finding.message
    assert "Scope 3 700 tCO2e" in finding.message


def test_data_age_message_gives_months_and_limit() -> None:
    finding = run("reporting-period-recent", ended(dt.date(2024, 3, 31)))
    assert "ended 31 March 2024, 14 months before the check date 1 June 2025" in finding.message
    assert "12 months" in finding.message


def test_year_only_period_says_which_end_date_would_do() -> None:
    finding = run("reporting-period-recent", year_only(2024))
    assert "month is not stated" in finding.message
    assert "1 June 2024" in finding.message


def test_a_52_week_year_counts_as_twelve_months() -> None:
    facts = with_period(FULL, "current", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 29))
    assert run("periods-aligned", facts).outcome is Outcome.PASS


def test_misaligned_periods_name_the_start_months() -> None:
    facts = with_period(FULL, "current", start=dt.date(2023, 4, 1), end=dt.date(2024, 3, 31))
    message = run("periods-aligned", facts).message
    assert "January" in message
    assert "April" in message
