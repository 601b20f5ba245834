"""Periods stated in sentences and summary captions (issue 11 round 4, synthetic-h uh05):
"Our baseline is the 2021/22 financial year", "The figures in this plan are for our 2025/26
financial year", and an "At a glance: 2025/26" card above the detailed table."""

from __future__ import annotations

import pytest
from documents import facts_of


@pytest.mark.parametrize(
    ("baseline", "year"),
    [
        ("Our baseline is the 2021/22 financial year (1 April 2021 to 31 March 2022).", 2022),
        ("The baseline year was 2019, our first full year of trading.", 2019),
        ("Our baseline period is April 2020 to March 2021.", 2021),
    ],
)
def test_the_baseline_named_in_a_sentence(baseline: str, year: int) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{baseline}\n")
    assert facts.baseline.end_year == year


@pytest.mark.parametrize(
    ("current", "year"),
    [
        ("The figures in this plan are for our 2025/26 financial year.", 2026),
        ("This plan covers the 12 months to 30 June 2025.", 2025),
        ("Our emissions figures relate to 2025, our latest full year.", 2025),
    ],
)
def test_the_current_period_named_by_what_the_figures_cover(current: str, year: int) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{current}\n")
    assert facts.current.end_year == year


def test_figures_covering_the_baseline_are_not_the_current_period() -> None:
    facts = facts_of("Carbon Reduction Plan\nThese figures cover 2019, our baseline year.\n")
    assert facts.current.end_year is None


def test_a_summary_card_dated_in_its_caption_is_that_periods() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nThe figures in this plan are for our 2025/26 financial year, which"
        " ran from 1 April 2025 to 31 March 2026. Our baseline is the 2021/22 financial year.\n"
        "At a glance: 2025/26\nScope 1: 24.3 tCO2e\nScope 2: 9.1 tCO2e\nScope 3: 42.4 tCO2e\n"
        "Total: 75.8 tCO2e\n\nOur emissions in detail (tCO2e)\n2021/22 (baseline) 2025/26\n"
        "Scope 1 28.9 24.3\nScope 2 12.4 9.1\nScope 3 49.3 42.4\nTotal 90.6 75.8\n"
    )
    assert (facts.baseline.scope1, facts.baseline.total) == (28.9, 90.6)
    assert (facts.current.scope1, facts.current.total) == (24.3, 75.8)


@pytest.mark.parametrize(
    "field", ["Period covered: 01.01.2025 - 31.12.2025", "Reporting period covered: 2025"]
)
def test_a_period_covered_field_is_the_current_period(field: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{field}\nOur baseline is calendar year 2019.\n")
    assert facts.current.end_year == 2025
    assert facts.baseline.end_year == 2019


def test_a_baseline_covering_the_same_business_as_the_current_year_is_no_first_year() -> None:
    """uh14: "so that the baseline and the current year cover the same business" had made the
    plan a first-year reporter, its baseline figures filed as current."""
    facts = facts_of(
        "Carbon Reduction Plan\nOur baseline is calendar year 2019. We recalculated it so that "
        "the baseline and the current year cover the same business.\n"
        "tCO2e | 2019 (recalculated baseline) | 2025 |\nScope 1 | 88.4 | 69.7 |\n"
        "Scope 2 | 12.6 | 10.2 |\nScope 3 | 99.0 | 89.9 |\nTotal | 200.0 | 169.8 |\n"
    )
    assert (facts.baseline.total, facts.current.total) == (200.0, 169.8)
    assert not facts.current.same_as_baseline


def test_a_year_that_is_both_baseline_and_current_is_still_a_first_year() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2025\n2025 is both our baseline and our current "
        "reporting year.\nScope 1 | 10.0 |\nScope 2 | 5.0 |\nScope 3 | 20.0 |\n"
    )
    assert facts.current.end_year == 2025


@pytest.mark.parametrize(
    "sentence",
    [
        "The figures below cover the 12 months to 30 June 2025, compared with our baseline, the "
        "12 months to 30 June 2020.",
        "We compare this year with our baseline, which was the 12 months to 30 June 2020.",
    ],
)
def test_a_baseline_in_apposition(sentence: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{sentence}\n")
    assert facts.baseline.label == "12 months to 30 June 2020"


@pytest.mark.parametrize("caption", ["FY2025/26", "Year ending 31 March 2026", "2025 emissions"])
def test_a_caption_above_source_rows_dates_the_table(caption: str) -> None:
    """synthetic-g ug04: each year's table under its own caption, its Scope 1 sources listed
    before "Total Scope 1"; the source rows hid the caption, so the current period was lost."""
    facts = facts_of(
        "Carbon Reduction Plan\nFY2019/20 - baseline year\nSource tCO2e\nNatural gas 64.2\n"
        "Diesel - vans 318.5\nTotal Scope 1 382.7\nScope 2 - electricity 47.3\n"
        f"Total Scope 3 171.2\nGrand total 601.2\n{caption}\nSource tCO2e\nNatural gas 49.6\n"
        "Diesel - vans 241.8\nTotal Scope 1 291.4\nScope 2 - electricity 31.9\n"
        "Total Scope 3 148.4\nGrand total 471.7\n"
    )
    assert facts.current.end_year in (2025, 2026)
    assert (facts.current.scope1, facts.current.total) == (291.4, 471.7)
    assert facts.baseline.scope1 == 382.7


def test_a_kg_detail_table_does_not_displace_the_tonnes_table() -> None:
    """synthetic-g ug06: the kgCO2e detail of the current year had led, so the current period
    lost its label and took the kilogram unit."""
    facts = facts_of(
        "Carbon Reduction Plan\nCurrent emissions\nYear ending 31 March 2026\nScope tCO2e\n"
        "Scope 1 5.9\nScope 2 12.8\nScope 3 45.2\nTotal (tCO2e) 63.9\n"
        "Baseline: year ending 31 March 2020\nScope tCO2e\nScope 1 8.4\nScope 2 22.6\n"
        "Scope 3 58.0\nTotal (tCO2e) 89.0\nDetail for the current year (kgCO2e)\n"
        "Source kgCO2e\nScope 1 - gas heating 5,900\nScope 2 - electricity 12,800\n"
        "Scope 3 - cat 4 couriers 500\nScope 3 - cat 5 waste 1,400\nTotal (kgCO2e) 63,900\n"
    )
    assert facts.current.label == "Year ending 31 March 2026"
    assert facts.current.unit == "tCO2e" and not facts.current.converted_from_kg
    assert facts.current.total == 63.9


@pytest.mark.parametrize(
    ("written", "end"), [("y/e 31/03/25", "2025-03-31"), ("Y/E 31 March 2025", "2025-03-31")]
)
def test_a_year_end_abbreviated_with_a_slash(written: str, end: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\nReporting period: {written}\n")
    assert str(facts.current.end) == end


def test_side_by_side_scope2_bases_are_one_period_not_two() -> None:
    """Precision: "| Location-based | Market-based |" columns had made the location-based
    column a baseline of the reporting year: an invented baseline."""
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019/20\nReporting year: 2024/25\n"
        "| Location-based | Market-based |\nScope 1 | 158.3 | 158.3 |\nScope 2 | 61.2 | 0.0 |\n"
        "Scope 3 | 193.1 | 193.1 |\nTotal | 412.6 | 351.4 |\n"
    )
    assert (facts.current.scope2, facts.current.total) == (0.0, 351.4)
    assert facts.baseline.scope1 is None and facts.baseline.total is None


@pytest.mark.parametrize(
    ("written", "end_year"), [("24/25", 2025), ("19/20", 2020), ("12/13", 2013)]
)
def test_a_split_year_of_two_digits_without_fy(written: str, end_year: int) -> None:
    """synthetic-j uj10: "Current reporting year 24/25", columns "19/20 (baseline) | 21/22 |
    ... | 24/25"; neither period had been read."""
    facts = facts_of(f"Carbon Reduction Plan\nCurrent reporting year {written}\n")
    assert facts.current.end_year == end_year


@pytest.mark.parametrize("text", ["01/24/25", "1/2 of our fleet", "score 3/10", "24/26"])
def test_dates_fractions_and_gaps_are_no_split_year(text: str) -> None:
    from crp_checker.extract.values import find_period

    spec = find_period(text)
    assert spec is None or "/" not in spec.label
