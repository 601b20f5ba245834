"""Columns headed by their role, not a year ("This year | Last year | Baseline"), issue 11
round 4. synthetic-g ug01, ug07, ug16 and synthetic-h uh02 put the current year first; read
by position, every figure was filed under the other period."""

from __future__ import annotations

import pytest
from documents import facts_of

_ROWS_3 = (
    "Scope 1 | 182.2 | 214.4 | 246.3 |\nScope 2 | 33.5 | 41.7 | 58.9 |\n"
    "Scope 3 | 181.0 | 192.0 | 207.9 |\nTotal | 396.7 | 448.1 | 513.1 |\n"
)


@pytest.mark.parametrize(
    "header",
    [
        "Emissions (tCO2e) | This year | Last year | Baseline |",
        "tCO2e | Current year | Previous year | Base year |",
        "Scope | Latest year | Prior year | Baseline year |",
    ],
)
def test_role_words_place_each_column(header: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{header}\n{_ROWS_3}")
    assert (facts.current.scope1, facts.current.total) == (182.2, 396.7)
    assert (facts.baseline.scope1, facts.baseline.total) == (246.3, 513.1)


def test_a_key_under_the_table_gives_each_column_its_period() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nEmissions (tCO2e) This year Last year Baseline\n"
        "Scope 1 subtotal 182.2 214.4 246.3\nScope 2 33.5 41.7 58.9\nScope 3 181.0 192.0 207.9\n"
        "Total 396.7 448.1 513.1\n"
        "This year: 1 April 2025 to 31 March 2026. Last year: 1 April 2024 to 31 March 2025. "
        "Baseline: 1 April 2019 to 31 March 2020.\n"
    )
    assert facts.current.label == "1 April 2025 to 31 March 2026"
    assert facts.baseline.label == "1 April 2019 to 31 March 2020"
    assert facts.current.scope1 == 182.2


def test_a_caption_with_each_role_in_brackets_gives_the_periods() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nScope Current Baseline\nScope 1 176.3 211.6\nScope 2 24.8 37.4\n"
        "Scope 3 - see Table 2 76.3 88.8\nScopes 1-3 277.4 337.8\n"
        "Table 1. Emissions in tonnes CO2e for the 12 months to 30 June 2025 (current) and the "
        "12 months to 30 June 2019 (baseline).\n"
    )
    assert facts.current.label == "12 months to 30 June 2025"
    assert facts.baseline.label == "12 months to 30 June 2019"
    assert (facts.current.scope3, facts.baseline.scope3) == (76.3, 88.8)  # "Table 2" no figure


def test_periods_in_a_sentence_above_do_not_map_the_columns_by_order() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nThe figures below cover the 12 months to 30 June 2025, compared "
        "with our baseline, the 12 months to 30 June 2020.\nScope | Baseline | Current |\n"
        "Scope 1 | 38.6 | 31.2 |\nScope 2 | 14.2 | 9.7 |\nScope 3 | 217.9 | 192.4 |\n"
        "Grand total | 270.7 | 233.3 |\n"
    )
    assert (facts.baseline.scope1, facts.current.scope1) == (38.6, 31.2)


def test_a_wrapped_header_of_role_words_is_read_whole() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nThis plan reports on our latest financial year, the twelve "
        "months from 1 July 2024 to 30 June 2025, and compares it with our first full year of "
        "trading, 1 July 2019 to 30 June 2020, which is our baseline.\nOur footprint\n"
        "Tonnes of carbon dioxide equivalent (tCO2e).\nFirst full\nyear\nLatest\nyear\n"
        "Scope 1 182.6 151.9\nScope 2 96.3 71.5\nScope 3 158.2 137.9\nAll scopes 437.1 361.3\n"
    )
    assert (facts.baseline.scope1, facts.current.scope1) == (182.6, 151.9)
    assert facts.current.label == "1 July 2024 to 30 June 2025"


def test_years_in_the_header_still_map_the_columns() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nScope | Baseline 2019 | Current 2025 |\nScope 1 | 40.0 | 30.0 |\n"
    )
    assert (facts.baseline.scope1, facts.current.scope1) == (40.0, 30.0)


def test_last_years_column_is_no_baseline() -> None:
    """Precision: "This year | Last year" has no baseline column; none is guessed."""
    facts = facts_of(
        "Carbon Reduction Plan\nOur baseline year is 2019.\nScope | This year | Last year |\n"
        "Scope 1 | 40.0 | 45.0 |\nScope 2 | 20.0 | 22.0 |\n"
    )
    assert facts.current.scope1 == 40.0
    assert facts.baseline.scope1 is None


_BY_YEAR = (
    "2019-20 (baseline) 96.3 142.8 151.0 390.1\n2023-24 81.7 109.5 138.1 329.3\n"
    "2024-25 77.2 98.6 132.5 308.3\n2025-26 70.4 88.1 126.9 285.4\n"
)


@pytest.mark.parametrize(
    "header",
    [
        "Year (April to March) Scope 1 (tCO2e) Scope 2 (tCO2e) Scope 3 (tCO2e) Overall (tCO2e)",
        "Financial year Scope 1 Scope 2 Scope 3 Total",
        "Year Scope 1 Scope 2 Scope 3 All scopes",
    ],
)
def test_in_a_table_of_years_by_row_the_latest_is_current(header: str) -> None:
    """synthetic-g ug05: four year rows and no current-year statement; the second row had been
    taken as current, and an "Overall" column was not read as the total."""
    facts = facts_of(f"Carbon Reduction Plan\n{header}\n{_BY_YEAR}")
    assert (facts.baseline.scope1, facts.baseline.total) == (96.3, 390.1)
    assert (facts.current.scope1, facts.current.total) == (70.4, 285.4)


@pytest.mark.parametrize(
    ("baseline", "latest", "middle"),
    [
        ("Baseline", "Latest year", "YE Sep 2023"),
        ("Base year", "This year", "Last year"),
        ("Baseline year", "Current year", "Previous year"),
    ],
)
def test_rows_named_by_role_take_their_periods_from_the_key(
    baseline: str, latest: str, middle: str
) -> None:
    """synthetic-g ug11: rows "Baseline", "YE Sep 2023", "YE Sep 2024", "Latest year", and a
    key under the table; nothing had been read."""
    facts = facts_of(
        "Carbon Reduction Plan\nEmissions\nScope 1 Scope 2 Scope 3 Total\n"
        f"{baseline} 58.4 71.2 110.3 239.9\n{middle} 55.1 63.8 104.7 223.6\n"
        f"{latest} 47.9 49.3 96.1 193.3\n"
        f"{latest} = 1 October 2024 to 30 September 2025.\n"
        f"{baseline} = 1 October 2020 to 30 September 2021.\nAll figures tCO2e.\n"
    )
    assert (facts.baseline.scope1, facts.baseline.total) == (58.4, 239.9)
    assert (facts.current.scope1, facts.current.total) == (47.9, 193.3)
    assert facts.current.label == "1 October 2024 to 30 September 2025"
    assert facts.baseline.label == "1 October 2020 to 30 September 2021"
    assert facts.current.unit == "tCO2e"


@pytest.mark.parametrize(
    "header",
    [
        "Period | Scope 1 | Scope 2 | Cat 4 Upstream transport | Cat 5 Waste | Cat 6 Business "
        "travel | Cat 7 Commuting | Cat 9 Downstream transport | Home working (extra) | "
        "Scope 3 total | Total |",
        "Year | Scope 1 | Scope 2 | Category 4 | Category 5 | Category 6 | Category 7 | "
        "Category 9 | Other | Total Scope 3 | Grand total |",
    ],
)
def test_a_wide_table_of_years_by_row_with_category_columns(header: str) -> None:
    """synthetic-h uh03: one row per period, a column per scope and per Scope 3 category;
    nothing had been read, and every required category was judged missing."""
    facts = facts_of(
        f"Carbon Reduction Plan\nAppendix A - emissions by scope and category (tCO2e)\n{header}\n"
        "FY2022 baseline, recalculated (1 Oct 2021 - 30 Sep 2022) | 9.7 | 142.8 | 6.3 | 4.1 | "
        "37.5 | 44.2 | 0.9 | 12.6 | 105.6 | 258.1 |\n"
        "FY2025 current (1 Oct 2024 - 30 Sep 2025) | 4.2 | 96.4 | 5.8 | 3.6 | 29.1 | 31.7 | 0.7 "
        "| 14.3 | 85.2 | 185.8 |\n"
    )
    assert (facts.baseline.scope3, facts.baseline.total) == (105.6, 258.1)
    assert (facts.current.scope1, facts.current.scope3, facts.current.total) == (4.2, 85.2, 185.8)
    assert facts.scope3_categories == [4, 5, 6, 7, 9]
    seven = next(c for c in facts.scope3_detail if c.number == 7)
    assert (seven.baseline, seven.current) == (44.2, 31.7)


@pytest.mark.parametrize(
    ("roles", "periods"),
    [
        ("| Baseline | Current |", "Period | calendar year 2021 | calendar year 2025 |"),
        ("| Base year | This year |", "Year | 2021 | 2025 |"),
        ("Emissions | Baseline | Reporting year |", "Period | FY2020/21 | FY2024/25 |"),
    ],
)
def test_a_row_of_roles_over_a_row_of_periods(roles: str, periods: str) -> None:
    """synthetic-h uh19: the roles on one header line, the periods on the next; the current
    column had been lost and the plan failed current-emissions."""
    facts = facts_of(
        f"Carbon Reduction Plan\n{roles}\n{periods}\nScope 1 (tCO2e) | 4.8 | 2.6 |\n"
        "Scope 2 (tCO2e) | 9.6 | 7.3 |\nScope 3 (tCO2e) | 16.3 | 13.9 |\n"
        "Total (tCO2e) | 30.7 | 23.8 |\n"
    )
    assert (facts.baseline.total, facts.current.total) == (30.7, 23.8)
    assert (facts.baseline.end_year, facts.current.end_year) == (2021, 2025)
    assert facts.current.unit == "tCO2e"


@pytest.mark.parametrize(
    "header",
    [
        "tCO2e | 2021 (baseline) | 2022 | 2023 | 2024 | Latest year | Change % (vs 2021) |",
        "tCO2e | 2021 (baseline) | 2022 | 2023 | 2024 | This year |",
        "Scope | Baseline 2021 | 2022 | 2023 | 2024 | Current year | % change against 2021 |",
    ],
)
def test_a_last_column_named_by_its_role_among_year_columns(header: str) -> None:
    """synthetic-g ug02: five columns, four by year and the last "Latest year"; prose above
    the table naming 2025 and 2021 had shifted every column's year."""
    facts = facts_of(
        "Carbon Reduction Plan\nOur latest year is the calendar year 2025 (1 January to 31 "
        "December 2025). Our baseline is the calendar year 2021. The middle columns show the "
        f"years between.\n{header}\nScope 1 | 4.8 | 4.5 | 4.1 | 3.6 | 3.2 | -33.3% |\n"
        "Scope 2 | 19.6 | 17.2 | 14.8 | 11.3 | 8.9 | -54.6% |\n"
        "Scope 3 | 52.9 | 44.5 | 46.1 | 42.2 | 37.2 | -29.7% |\n"
        "Total emissions | 77.3 | 66.2 | 65.0 | 57.1 | 49.3 | -36.2% |\n"
    )
    assert (facts.baseline.scope1, facts.baseline.total) == (4.8, 77.3)
    assert (facts.current.scope1, facts.current.total) == (3.2, 49.3)
    assert (facts.baseline.end_year, facts.current.end_year) == (2021, 2025)


_NUMBERED_ROWS = (
    "Scope 1 18.3 17.1 14.6 12.7\nScope 2 24.6 21.9 18.2 15.8\nScope 3 77.0 72.5 68.9 65.1\n"
    "All scopes 119.9 111.5 101.7 93.6\n"
)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        (
            "tCO2e Year 1 Year 2 Year 3 Year 4",
            "Key to the years:\n• Year 1: 1 February 2022 to 31 January 2023 (our baseline)\n"
            "• Year 2: 1 February 2023 to 31 January 2024\n"
            "• Year 3: 1 February 2024 to 31 January 2025\n"
            "• Year 4: 1 February 2025 to 31 January 2026 (current reporting year)\n",
        ),
        (
            "tCO2e | Period 1 | Period 2 | Period 3 | Period 4 |",
            "Period 1 - FY2022/23 (baseline). Period 2 - FY2023/24. Period 3 - FY2024/25. "
            "Period 4 - FY2025/26 (current year).\n",
        ),
    ],
)
def test_numbered_year_columns_read_through_their_key(header: str, key: str) -> None:
    """synthetic-f uf04: "Year 1 ... Year 4" columns with a key that dates each and names the
    baseline and the current year."""
    facts = facts_of(f"Carbon Reduction Plan\n{header}\n{_NUMBERED_ROWS}{key}")
    assert (facts.baseline.scope1, facts.baseline.total) == (18.3, 119.9)
    assert (facts.current.scope1, facts.current.total) == (12.7, 93.6)
    assert (facts.baseline.end_year, facts.current.end_year) == (2023, 2026)


def test_numbered_columns_without_roles_in_the_key_are_not_guessed() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\ntCO2e Year 1 Year 2 Year 3 Year 4\n"
        f"{_NUMBERED_ROWS}Year 1: 2022. Year 2: 2023. Year 3: 2024. Year 4: 2025.\n"
    )
    assert (facts.baseline.label, facts.current.label) == (None, None)  # no year guessed


def test_basis_words_in_prose_above_do_not_make_the_columns_bases() -> None:
    """synthetic-j uj19: prose above the table spoke of the location- and market-based totals;
    its two period columns were taken for one period's two bases, so the baseline's figures
    were filed as current."""
    facts = facts_of(
        "Carbon Reduction Plan\nThe baseline year is FY2019/20; the current reporting year is "
        "FY2025/26.\nWe report against the market-based total. The location-based total is given "
        "for comparison.\ntCO2e | FY2019/20 (baseline) | FY2025/26 (current) |\n"
        "Scope 1 | 84.2 | 61.7 |\nScope 2, location-based | 2,461.5 | 1,873.4 |\n"
        "Scope 2, market-based | 2,518.9 | 142.6 |\nScope 3 total | 118.3 | 104.3 |\n"
        "Total (location-based Scope 2) | 2,664.0 | 2,039.4 |\n"
        "Total (market-based Scope 2) | 2,721.4 | 308.6 |\n"
    )
    assert (facts.baseline.scope1, facts.baseline.total) == (84.2, 2721.4)
    assert (facts.current.scope1, facts.current.scope2, facts.current.total) == (61.7, 142.6, 308.6)


def test_a_two_row_header_with_scope3_spanning_its_categories() -> None:
    """synthetic-j uj15: "Scope 3" merged over its category columns in the first header row,
    the categories and "Scope 3 total" in the second; nothing had been read."""
    facts = facts_of(
        "Carbon Reduction Plan\nEmissions by period (tCO2e)\n"
        "Period | Scope 1 | Scope 2 (location-based) | Scope 3 | Total |\n"
        " |  |  | 4 Upstream transport | 5 Waste generated in operations | 6 Business travel | "
        "7 Employee commuting | Scope 3 total |  |\n"
        "January to December 2019 (baseline) | 36.1 | 7.4 | 4.8 | 6.9 | 2.3 | 58.7 | 72.7 | "
        "116.2 |\nJanuary to December 2025 | 29.8 | 5.1 | 4.2 | 5.8 | 1.9 | 52.6 | 64.5 | 99.4 |\n"
    )
    assert (facts.baseline.scope3, facts.baseline.total) == (72.7, 116.2)
    assert (facts.current.scope1, facts.current.scope3, facts.current.total) == (29.8, 64.5, 99.4)
    assert facts.current.label == "January to December 2025"


@pytest.mark.parametrize(
    "header",
    [
        "Emissions (tCO2e) FY2021/22 baseline FY2024/25 current",
        "tCO2e 2021 (baseline) 2025 (current)",
        "tCO2e 2021 base year 2025 this year",
        "tCO2e 2021 restated baseline 2025",  # synthetic-k uk09
    ],
)
def test_role_words_after_each_year_in_a_borderless_header(header: str) -> None:
    """synthetic-k uk02: "FY2021/22 baseline FY2024/25 current" had given the baseline role
    to the second column, so the current year's figures were lost."""
    facts = facts_of(
        f"Carbon Reduction Plan\n{header}\nScope 1 212.4 176.9\nScope 2 86.3 61.5\n"
        "Scope 3 254.3 224.0\nTotal emissions 553.0 462.4\n"
    )
    assert (facts.baseline.scope1, facts.baseline.total) == (212.4, 553.0)
    assert (facts.current.scope1, facts.current.total) == (176.9, 462.4)


def test_a_role_word_before_each_year_still_names_that_year() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\ntCO2e Baseline 2021 Current 2025\nScope 1 212.4 176.9\n"
        "Total emissions 553.0 462.4\n"
    )
    assert (facts.baseline.scope1, facts.current.scope1) == (212.4, 176.9)


@pytest.mark.parametrize(
    ("header", "baseline", "current"),
    [
        # synthetic-k uk20 (a scan): the roles in a row under the years
        ("2019/20 2025/26\nbaseline current", (1432.7, 21.8), (1218.4, 16.3)),
        ("FY2020/21 FY2024/25\nBaseline Current year", (1432.7, 21.8), (1218.4, 16.3)),
        ("2025 2019\ncurrent baseline", (1218.4, 16.3), (1432.7, 21.8)),
    ],
)
def test_a_row_of_roles_under_a_borderless_row_of_years_names_each_column(
    header: str, baseline: tuple[float, float], current: tuple[float, float]
) -> None:
    facts = facts_of(
        f"Carbon Reduction Plan\nEmissions (tCO2e)\n\n{header}\n"
        "Scope 1 (truck diesel, depot heating) 1,432.7 1,218.4\n"
        "Scope 2 (depot electricity) 21.8 16.3\nScope 3 367.5 325.0\nTotal 1,822.0 1,559.7\n"
    )
    assert (facts.baseline.scope1, facts.baseline.scope2) == baseline
    assert (facts.current.scope1, facts.current.scope2) == current


@pytest.mark.parametrize(
    "header",
    [
        # synthetic-l l17: a change column against the baseline after the role columns
        "Scope | Base year (tCO2e) | Reporting year (tCO2e) | vs baseline |",
        "Scope | Baseline | This year | Change vs baseline |",
        "Scope | Baseline year | Current year | compared with the baseline |",
    ],
)
def test_a_change_column_named_against_the_baseline_leaves_the_role_columns(header: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nReporting year: March 2025 – February 2026\n"
        "Base year: March 2021 – February 2022\n\n" + header + "\n"
        "Scope 1 | 302.8 | 268.5 | -11.3% |\nScope 2 | 6.1 | 3.9 | -36.1% |\n"
        "Scope 3 | 215.4 | 199.7 | -7.3% |\nTotal | 524.3 | 472.1 | -10.0% |\n"
    )
    assert (facts.baseline.scope1, facts.current.scope1) == (302.8, 268.5)
    assert (facts.baseline.total, facts.current.total) == (524.3, 472.1)
