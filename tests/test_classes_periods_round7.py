"""Periods and column heads of issue 11, round 5 (synthetic-l): each class in several
wordings of our own, with the look-alikes that must not change."""

from __future__ import annotations

import datetime as dt

import pytest
from documents import facts_of

from crp_checker.extract.values import find_period


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("52 weeks ended 28 December 2025", dt.date(2025, 12, 28)),
        ("the 52 weeks to 28.12.2025", dt.date(2025, 12, 28)),
        ("53 weeks ending 3 January 2021", dt.date(2021, 1, 3)),
    ],
)
def test_a_trading_year_of_whole_weeks_is_a_period_named_by_its_last_day(
    text: str, end: dt.date
) -> None:
    spec = find_period(text)
    assert spec is not None and spec.end == end


@pytest.mark.parametrize(
    "sentence",
    [
        "Our baseline is the 52 weeks ended 29 December 2019.",
        "Our baseline is the twelve months ended 31 December 2019.",
    ],
)
def test_our_baseline_is_a_period_of_weeks_or_months(sentence: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{sentence}\n")
    assert facts.baseline.end_year == 2019


_ROWS = (
    "Scope 1 – gas for drying ovens 64.8 58.3\nScope 2 – electricity 112.6 47.9\n"
    "Scope 3 – see below 389.5 352.2\nGross emissions 566.9 458.4\n"
)


@pytest.mark.parametrize(
    "above",
    [
        # synthetic-l l05: a publication field and a wrapped sentence's tail above the table
        "Published: 2 April 2026\nOur trading year\nWe trade in 52-week years. Current emissions "
        "are for the 52 weeks ended 28\nDecember 2025.\n",
        "Issue date: 14 March 2026\nCurrent emissions are for the 52 weeks ended 28 December\n"
        "2025.\n",
        "Version: March 2026\n",
    ],
)
def test_a_document_field_or_a_sentence_tail_above_a_table_heads_no_column(above: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nOur baseline is the 52 weeks ended 29 December 2019.\n"
        + above
        + "tCO2e Baseline (restated) 52 weeks to 28.12.2025\n"
        + _ROWS
    )
    assert (facts.baseline.scope1, facts.current.scope1) == (64.8, 58.3)
    assert (facts.baseline.total, facts.current.total) == (566.9, 458.4)


@pytest.mark.parametrize(
    "heading",
    ["Baseline and current emissions", "Current and baseline emissions", "Emissions this year"],
)
def test_a_heading_above_a_ruled_header_does_not_name_the_first_columns_role(
    heading: str,
) -> None:
    # synthetic-crps uc02: each cell names its own role
    facts = facts_of(
        f"Carbon Reduction Plan\n{heading}\n"
        "Scope | Baseline: 1 March 2021 to 28 February 2022 (tCO2e) | Current: 1 March 2025 to "
        "28 February 2026 (tCO2e) |\nScope 1 | 213.3 | 179.9 |\nScope 2 | 31.6 | 24.8 |\n"
        "Scope 3 | 94.6 | 83.9 |\nTotal | 339.5 | 288.6 |\n"
    )
    assert (facts.baseline.scope1, facts.current.scope1) == (213.3, 179.9)
