"""Periods and column heads of issue 11, round 5 (synthetic-l): each class in several
wordings of our own, with the look-alikes that must not change."""

from __future__ import annotations

import datetime as dt

import pytest
from documents import facts_of

from crp_checker.extract import extract
from crp_checker.extract.values import find_period
from crp_checker.ingest import ingest_bytes


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


_YEARS = (
    "Scope 1 118.4 109.0 102.2 97.6 -17.6%\nScope 2 44.2 35.5 27.4 20.8 -52.9%\n"
    "Scope 3 296.5 280.0 264.9 251.3 -15.2%\nOverall 459.1 424.5 394.5 369.7 -19.5%\n"
)


@pytest.mark.parametrize(
    ("statement", "header"),
    [
        # synthetic-l l12
        (
            "This plan reports 2024-25 and uses 2019-20 as the baseline.",
            "2019-20 2022-23 2023-24 2024-25 vs baseline",
        ),
        (
            "Our baseline year is 2019-20 and the reporting year is 2024-25.",
            "2019-20 2022-23 2023-24 2024-25 change against the baseline",
        ),
        (
            "The figures in this plan cover 2024-25; we use 2019-20 as our baseline.",
            "2019-20 2022-23 2023-24 2024-25 versus baseline",
        ),
    ],
)
def test_a_change_column_against_the_baseline_is_not_the_baseline(
    statement: str, header: str
) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{statement}\n\n{header}\n{_YEARS}")
    assert (facts.baseline.scope1, facts.current.scope1) == (118.4, 97.6)
    assert (facts.baseline.total, facts.current.total) == (459.1, 369.7)
    assert facts.current.end_year == 2025


def test_a_plan_that_names_its_baseline_year_is_not_covering_it() -> None:
    facts = facts_of("Carbon Reduction Plan\nThis plan covers 2019, our baseline year.\n")
    assert facts.current.end_year is None


@pytest.mark.parametrize(
    "caption",
    [
        "Table 1: Emissions by scope (tCO2e), financial years 1 April – 31 March.",
        "Figure 2 - Our footprint (tonnes CO2e)",
        "Table 3. Emissions by year (t CO2e)",
    ],
)
def test_a_caption_under_the_table_gives_its_unit(caption: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019-20. Reporting year: 2024-25.\n\n"
        "2019-20 2024-25\nScope 1 118.4 97.6\nScope 2 44.2 20.8\nScope 3 296.5 251.3\n"
        f"Overall 459.1 369.7\n{caption}\n"
    )
    assert facts.current.unit is not None and "co2" in facts.current.unit.lower()


_BY_ROW = (
    "2018 | 48.2 | 5.4 | 61.7 | 115.3 |\n2024 | 44.8 | 3.6 | 59.4 | 107.8 |\n"
    "2025 | 43.6 | 3.0 | 58.9 | 105.5 |\n"
)


@pytest.mark.parametrize(
    "header",
    [
        # synthetic-l l18 (where "S1 | S2 | S3" is read as the scopes at ingest)
        "Year | Scope 1 | Scope 2 | Scope 3 | All |",
        "Year | Scope 1 | Scope 2 | Scope 3 | Total |",
    ],
)
@pytest.mark.parametrize(
    "baseline",
    [
        "2018 – our reference year",
        "Our reference year is 2018.",
        "Baseline year: 2018.",
    ],
)
def test_years_by_row_with_the_latest_current(header: str, baseline: str) -> None:
    facts = facts_of(
        f"Carbon Reduction Plan\n{baseline}\nEmissions by year (tCO2e)\n{header}\n{_BY_ROW}"
    )
    assert facts.baseline.end_year == 2018
    assert (facts.baseline.scope1, facts.baseline.total) == (48.2, 115.3)
    assert facts.current.end_year == 2025  # the latest row, not a mix of 2024 and 2025
    assert (facts.current.scope1, facts.current.scope2, facts.current.total) == (43.6, 3.0, 105.5)


def test_a_header_of_s1_s2_s3_names_the_scopes() -> None:
    text = f"Carbon Reduction Plan\nBaseline year: 2018.\nYear | S1 | S2 | S3 | All |\n{_BY_ROW}"
    document = ingest_bytes(text.encode(), name="plan.md")
    facts = extract(document)
    assert (facts.current.scope1, facts.current.scope2, facts.current.total) == (43.6, 3.0, 105.5)


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("We use the 2021 calendar year as our baseline.", 2021),
        ("We have chosen the financial year 2019/20 as our baseline.", 2020),
        ("We adopted the 12 months to 31 March 2020 as the baseline.", 2020),
    ],
)
def test_an_article_before_the_baseline_period(sentence: str, year: int) -> None:
    facts = facts_of(
        f"Carbon Reduction Plan\n{sentence} This plan reports the 2025 calendar year.\n"
    )
    assert facts.baseline.end_year == year
    assert facts.current.end_year == 2025
