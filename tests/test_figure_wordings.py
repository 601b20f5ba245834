"""Figures and periods written in words a table reader must not miss (issue 11, round 2).

Each class of wording is tested with several phrasings and layouts written here, none copied
from a labelled plan: zeros written as words, notes in brackets after a figure, rows that list
a scope's parts, sentences standing among a table's rows, years named by their last day, and
one field naming both periods.
"""

from __future__ import annotations

import datetime as dt

import pytest
from documents import facts_of
from layouts import docx_plan, facts_from

from crp_checker.extract.values import find_period
from crp_checker.schemas import Period


def figures(period: Period) -> tuple[float | None, ...]:
    return (period.scope1, period.scope2, period.scope3, period.total)


# ------------------------------------------------------------- zero written as a word

ZERO_WORDS = [
    """
    Carbon Reduction Plan
    Baseline year: 2021
    Current reporting year: 2025
    tCO2e | 2021 | 2025 |
    Scope 1 | Nil | Nil |
    Scope 2 | 6.1 | 4.0 |
    Scope 3 | 30.0 | 26.0 |
    Total | 36.1 | 30.0 |
    We have no vehicles and no gas supply, so Scope 1 is nil.
    """,
    """
    Carbon Reduction Plan
    Baseline Emissions Footprint
    Baseline year: 2021
    Scope 1 - Zero
    Scope 2 - 6.1 tCO2e
    Scope 3 - 30.0 tCO2e
    Total - 36.1 tCO2e
    Current Emissions Reporting
    Reporting year: 2025
    Scope 1 - Zero
    Scope 2 - 4.0 tCO2e
    Scope 3 - 26.0 tCO2e
    Total - 30.0 tCO2e
    """,
    """
    Carbon Reduction Plan
    Baseline year: 2021. Reporting year: 2025.
    Emissions (tCO2e)   2021    2025
    Scope 1             nil     nil
    Scope 2             6.1     4.0
    Scope 3             30.0    26.0
    Total               36.1    30.0
    """,
]


@pytest.mark.parametrize("text", ZERO_WORDS)
def test_a_zero_written_as_a_word_is_the_figure_zero(text: str) -> None:
    facts = facts_of(text)
    assert figures(facts.baseline) == (0.0, 6.1, 30.0, 36.1)
    assert figures(facts.current) == (0.0, 4.0, 26.0, 30.0)


def test_a_zero_word_in_a_word_table_cell_with_its_reason() -> None:
    data = docx_plan(
        ["Carbon Reduction Plan", "Baseline year: 2020", "Reporting year: 2025"],
        [
            ["Scope", "2020 (tCO2e)", "2025 (tCO2e)"],
            ["Scope 1", "Nil (no gas, no vehicles)", "Nil (no gas, no vehicles)"],
            ["Scope 2", "3.3", "2.9"],
            ["Scope 3", "12.0", "10.5"],
            ["Total", "15.3", "13.4"],
        ],
    )
    facts = facts_from(data, "plan.docx")
    assert figures(facts.baseline) == (0.0, 3.3, 12.0, 15.3)
    assert figures(facts.current) == (0.0, 2.9, 10.5, 13.4)


@pytest.mark.parametrize(
    "row",
    [
        "Scope 2 (zero-carbon tariff) 4.1",
        "Scope 2 net zero tariff 4.1",
        "Scope 2 | Zero emissions tariff from 2024 | 4.1 |",
    ],
)
def test_zero_inside_words_is_not_a_figure(row: str) -> None:
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        Reporting year: 2025
        Scope 1 2.0
        {row}
        Scope 3 6.0
        Total 12.1
        """
    )
    assert facts.current.scope2 == 4.1


# ------------------------------------------------------------- a note in brackets after a figure

BRACKET_NOTES = [
    """
    Carbon Reduction Plan
    Reporting year: 2025
    Scope 1 - 118.2 tCO2e (sources: vans 80.1; gas boiler 38.1)
    Scope 2 - 14.6 tCO2e (location-based, grid electricity for the depot and office)
    Scope 3 - 63.5 tCO2e (sources: business mileage in engineers' own cars 21.7; commuting
    19.4; parts deliveries 17.9; waste 4.5)
    Total - 196.3 tCO2e
    """,
    """
    Carbon Reduction Plan
    Reporting year: 2025
    Scope 1: 118.2 tonnes CO2e (diesel for the two lorries and the yard forklift).
    Scope 2: 14.6 tonnes CO2e (electricity bought for the warehouse, location-based).
    Scope 3: 63.5 tonnes CO2e (commuting, business travel, waste and deliveries to us).
    Total: 196.3 tonnes CO2e.
    """,
    """
    Carbon Reduction Plan
    Reporting year: 2025
    Scope 1 total 118.2 tCO2e (made up of fleet diesel 80.1 and heating oil 38.1)
    Scope 2 total 14.6 tCO2e
    Scope 3 total 63.5 tCO2e (of which staff commuting 19.4, the largest single
    source, and business mileage 21.7)
    Total 196.3 tCO2e
    """,
]


@pytest.mark.parametrize("text", BRACKET_NOTES)
def test_a_note_in_brackets_after_a_figure_keeps_the_row(text: str) -> None:
    facts = facts_of(text)
    assert figures(facts.current) == (118.2, 14.6, 63.5, 196.3)


# ------------------------------------------------------------- a row listing a scope's parts

PARTS_ROWS = [
    (
        """
        Carbon Reduction Plan
        Reporting year: 2025
        Scope 1 | 42.7 |
        Scope 2 | 18.3 |
        Scope 3 | 77.6 |
        Total | 138.6 |
        Scope 3 sources: deliveries from manufacturers 24.5; waste 6.2; business travel 8.8;
        staff commuting 21.4; courier deliveries to customers 16.7.
        """,
        77.6,
    ),
    (
        """
        Carbon Reduction Plan
        Reporting year: 2025
        Scope 1 12.0
        Scope 2 3.0
        Scope 3 breakdown - hotel stays 4.1, rail travel 0.9, commuting 7.0
        Total 27.0
        """,
        None,
    ),
    (
        """
        Carbon Reduction Plan
        Reporting year: 2025
        Scope 1 12.0
        Scope 2 3.0
        Scope 3 made up of commuting 7.0; business travel 5.0
        Total 27.0
        """,
        None,
    ),
]


@pytest.mark.parametrize(("text", "scope3"), PARTS_ROWS)
def test_a_row_listing_a_scopes_parts_does_not_give_the_first_part(
    text: str, scope3: float | None
) -> None:
    facts = facts_of(text)
    assert facts.current.scope3 == scope3
    assert facts.current.scope1 == 12.0 or facts.current.scope1 == 42.7


# ------------------------------------------------------------- sentences among a table's rows

AMONG_ROWS = [
    """
    Carbon Reduction Plan
    Reporting year: 2025
    Scope 1: 38.6 tCO2e (diesel for our trucks).
    Scope 2. Nil. We have no premises with their own electricity meter.
    Scope 3 total: 6.9 tCO2e, made up of business travel 1.3 and commuting 5.6.
    Total: 45.5 tCO2e.
    """,
    """
    Carbon Reduction Plan
    Reporting year: 2025
    Scope 1 - 38.6 tCO2e
    Scope 2: we had no Scope 2 emissions, as the landlord supplies power in the rent.
    Scope 3 total - 6.9 tCO2e, mostly staff commuting by car
    Total - 45.5 tCO2e
    """,
]


@pytest.mark.parametrize("text", AMONG_ROWS)
def test_a_sentence_among_a_tables_rows_fills_the_scope_the_rows_left_out(text: str) -> None:
    facts = facts_of(text)
    assert figures(facts.current) == (38.6, 0.0, 6.9, 45.5)


def test_a_sentence_after_the_table_does_not_fill_it() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Reporting year: 2025
        Scope 1 - 38.6 tCO2e
        Scope 3 - 6.9 tCO2e
        Total - 45.5 tCO2e

        In 2019 our Scope 2 emissions were 12.0 tCO2e.
        """
    )
    assert facts.current.scope2 is None


# ------------------------------------------------------------- years named by their last day


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("year to 31/03/2020", dt.date(2019, 4, 1), dt.date(2020, 3, 31)),
        ("FYE 31 March 2026", dt.date(2025, 4, 1), dt.date(2026, 3, 31)),
        ("FYE June 2025", dt.date(2024, 7, 1), dt.date(2025, 6, 30)),
        ("12 months ended 31.08.25", dt.date(2024, 9, 1), dt.date(2025, 8, 31)),
        ("the year ending September 2024", dt.date(2023, 10, 1), dt.date(2024, 9, 30)),
        ("financial year-end 30 June 2023", dt.date(2022, 7, 1), dt.date(2023, 6, 30)),
    ],
)
def test_a_year_named_by_its_last_day(text: str, start: dt.date, end: dt.date) -> None:
    spec = find_period(text)
    assert spec is not None
    assert (spec.start, spec.end, spec.end_year) == (start, end, end.year)


YEAR_END_PLANS = [
    """
    Carbon Reduction Plan
    Baseline year: year to 31/03/2020
    Current reporting year: year to 31/03/2026
    Net zero by 2040 across all scopes.
    Scope | Year to 31/03/2020 | Year to 31/03/2026 |
    Scope 1 | 10.0 | 8.0 |
    Scope 2 | 5.0 | 4.0 |
    Scope 3 | 20.0 | 16.0 |
    Total | 35.0 | 28.0 |
    """,
    """
    Carbon Reduction Plan
    We are committed to net zero by 2045.
    Emissions (tCO2e)  FYE 30/06/2020  FYE 30/06/2026
    Scope 1  10.0  8.0
    Scope 2  5.0  4.0
    Scope 3  20.0  16.0
    Total  35.0  28.0
    The baseline is the year ended 30 June 2020.
    """,
]


@pytest.mark.parametrize("text", YEAR_END_PLANS)
def test_tables_whose_columns_name_years_by_their_end(text: str) -> None:
    facts = facts_of(text)
    assert facts.baseline.end_year == 2020
    assert facts.current.end_year == 2026
    assert figures(facts.baseline) == (10.0, 5.0, 20.0, 35.0)
    assert figures(facts.current) == (8.0, 4.0, 16.0, 28.0)


# ------------------------------------------------------------- one field for both periods


@pytest.mark.parametrize(
    "field",
    [
        "Baseline year and reporting year: 1 September 2024 to 31 August 2025",
        "Baseline and reporting period - 1 September 2024 to 31 August 2025",
        "Reporting / baseline year: 1 September 2024 to 31 August 2025",
    ],
)
def test_one_field_naming_both_periods(field: str) -> None:
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        {field}. This is our first plan.
        Scope 1 - 10.0 tCO2e
        Scope 2 - 2.0 tCO2e
        Scope 3 - 5.0 tCO2e
        Total - 17.0 tCO2e
        """
    )
    for period in (facts.baseline, facts.current):
        assert (period.start, period.end) == (dt.date(2024, 9, 1), dt.date(2025, 8, 31))
    assert figures(facts.current) == (10.0, 2.0, 5.0, 17.0)


@pytest.mark.parametrize(
    "sentence",
    [
        "As this is our first plan, 2024-25 is also our baseline year.",
        "This first year, 2024-25, is therefore our baseline.",
        "2024-25 was also the baseline year, as we had not measured before.",
    ],
)
def test_a_first_year_plan_saying_its_year_is_also_the_baseline(sentence: str) -> None:
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        Reporting year: 2024-25 (1 April 2024 to 31 March 2025). {sentence}
        | Scope | tCO2e |
        | Scope 1 | 10.0 |
        | Scope 2 | 2.0 |
        | Scope 3 | 5.0 |
        | Total | 17.0 |
        """
    )
    assert facts.baseline.end_year == facts.current.end_year == 2025
    assert figures(facts.baseline) == figures(facts.current) == (10.0, 2.0, 5.0, 17.0)
    assert facts.baseline.start == dt.date(2024, 4, 1)
