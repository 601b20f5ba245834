"""Emissions figures and their periods, class by class of misreading (issue 11).

Each class is tested with several wordings and layouts, none copied from a labelled plan: a
figure enters a period only when the plan ties it to that period and to its scope.
"""

from __future__ import annotations

import datetime as dt

import pytest
from documents import facts_of
from layouts import docx_plan, facts_from, pdf_table_plan, pdf_two_columns

from crp_checker.schemas import Facts, Period


def figures(period: Period) -> tuple[float | None, ...]:
    return (period.scope1, period.scope2, period.scope3, period.total)


# --------------------------------------------------------------------- 1. period assignment

CAPTIONED = [
    """
    Carbon Reduction Plan
    Baseline year: 2019
    Our 2019 baseline footprint was 250 tCO2e; it was not broken down by scope.
    Table 2 - 2024 emissions (tCO2e)
    Scope 1 | 50.0 |
    Scope 2 | 30.0 |
    Scope 3 | 100.0 |
    Total | 180.0 |
    """,
    """
    Carbon Reduction Plan
    We use 2019 as our baseline year, when our total emissions were 250 tCO2e.
    Emissions in 2024
    Scope 1 50.0
    Scope 2 30.0
    Scope 3 100.0
    Total 180.0
    """,
    """
    Carbon Reduction Plan
    Baseline Emissions Footprint
    Baseline year: 2019. Only a total was recorded for 2019: 250 tCO2e in total.
    2024 footprint:
    Scope 1 - 50.0
    Scope 2 - 30.0
    Scope 3 - 100.0
    Total - 180.0
    """,
]


@pytest.mark.parametrize("text", CAPTIONED)
def test_a_table_labelled_with_its_own_year_is_not_filed_under_the_baseline(text: str) -> None:
    facts = facts_of(text)
    assert facts.baseline.end_year == 2019
    assert figures(facts.baseline) == (None, None, None, 250.0)
    assert facts.current.end_year == 2024
    assert figures(facts.current) == (50.0, 30.0, 100.0, 180.0)


def test_a_baseline_given_only_as_a_total_keeps_its_reason() -> None:
    facts = facts_of(CAPTIONED[0])
    reason = facts.baseline.explanations["scope1"]
    assert "not broken down by scope" in reason


@pytest.mark.parametrize(
    ("heading", "label"),
    [
        ("Current Emissions (2025)", "Reporting year: 2024"),
        ("Current emissions reporting - 2025", "Reporting Period: 2024"),
        ("3. Current Emissions 2025", "Table: 2024 emissions"),
    ],
)
def test_the_tables_own_label_beats_a_heading_of_another_year(heading: str, label: str) -> None:
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        Baseline Year: 2020
        Baseline year emissions (tCO2e)
        Scope 1 10.0
        Scope 2 5.0
        Scope 3 20.0
        Total 35.0
        {heading}
        {label}
        Scope 1 8.0
        Scope 2 4.0
        Scope 3 18.0
        Total 30.0
        """
    )
    assert facts.current.end_year == 2024
    assert figures(facts.current) == (8.0, 4.0, 18.0, 30.0)
    assert figures(facts.baseline) == (10.0, 5.0, 20.0, 35.0)


@pytest.mark.parametrize(
    ("header", "base", "current"),
    [
        ("| Emissions (tCO2e) | 2021 (baseline) | 2022 | 2023 | 2024 |", 2021, 2024),
        ("| tCO2e | FY 2020-21 | FY 2021-22 | FY 2022-23 (baseline) | FY 2023-24 |", 2023, 2024),
        ("| Scope | 2019 | 2022 | 2023 | 2024 (current year) |", 2019, 2024),
    ],
)
def test_multi_year_tables_map_columns_by_their_labels(
    header: str, base: int, current: int
) -> None:
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        Baseline year: {base}
        {header}
        | Scope 1 | 5.0 | 4.8 | 4.5 | 4.0 |
        | Scope 2 | 3.0 | 2.9 | 2.5 | 2.0 |
        | Scope 3 | 20.0 | 19.0 | 18.0 | 17.0 |
        | Total | 28.0 | 26.7 | 25.0 | 23.0 |
        """
    )
    columns = {2021: 0, 2019: 0, 2023: 2, 2024: 3}
    rows = [(5.0, 4.8, 4.5, 4.0), (3.0, 2.9, 2.5, 2.0), (20.0, 19.0, 18.0, 17.0)]
    totals = (28.0, 26.7, 25.0, 23.0)
    for period, year in ((facts.baseline, base), (facts.current, current)):
        column = columns[year]
        assert period.end_year == year
        assert figures(period) == (*(row[column] for row in rows), totals[column])


# ------------------------------------------- 2. sources listed, then the scope's own total


@pytest.mark.parametrize(
    "cell",
    [
        "Gas heating: 10.0; Vans: 20.0; Total Scope 1: 30.0",
        "Gas heating 10.0, vans 20.0. Subtotal: 30.0",
        "Vans: 20.0; Gas heating: 10.0; Scope 1 total - 30.0",
    ],
)
def test_a_cell_listing_sources_gives_the_stated_scope_total(cell: str) -> None:
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        Baseline Year: 2022
        | Emissions (tCO2e) | 2022 |
        | Scope 1 | {cell} |
        | Scope 2 | 5.0 |
        | Scope 3 | 12.0 |
        | Total | 47.0 |
        """
    )
    assert facts.baseline.scope1 == 30.0
    assert "scope1" not in facts.baseline.derived


def test_a_cell_listing_sources_without_a_total_is_summed_and_flagged() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline Year: 2022
        | Emissions (tCO2e) | 2022 |
        | Scope 1 | Gas: 10.0; Vans: 20.5 |
        | Scope 2 | 5.0 |
        | Scope 3 | 12.0 |
        | Total | 47.5 |
        """
    )
    assert facts.baseline.scope1 == 30.5
    assert facts.readings["baseline.scope1"].how == "derived"


def test_word_table_cells_listing_sources_per_year() -> None:
    data = docx_plan(
        ["Carbon Reduction Plan", "Baseline year: FY 2021-22", "Reporting year: FY 2023-24"],
        [
            ["Emissions (tonnes CO2e)", "FY 2021-22 (baseline)", "FY 2023-24 (current)"],
            [
                "Scope 1",
                "Gas: 10.0; Vans: 20.0; Total Scope 1: 30.0",
                "Gas: 9.0; Total Scope 1: 9.0",
            ],
            [
                "Scope 2",
                "Electricity: 5.0\nTotal Scope 2: 5.0",
                "Electricity: 4.0\nTotal Scope 2: 4.0",
            ],
            [
                "Scope 3",
                "Business travel: 3.0; Employee commuting: 7.0; Total Scope 3: 10.0",
                "Business travel: 2.0; Employee commuting: 6.0; Total Scope 3: 8.0",
            ],
            ["Total", "45.0", "21.0"],
        ],
    )
    facts = facts_from(data, "plan.docx")
    assert figures(facts.baseline) == (30.0, 5.0, 10.0, 45.0)
    assert figures(facts.current) == (9.0, 4.0, 8.0, 21.0)
    travel = next(c for c in facts.scope3_detail if c.number == 6)
    assert (travel.baseline, travel.current) == (3.0, 2.0)


def test_pdf_cells_listing_sources_wrap_over_several_lines() -> None:
    data = pdf_table_plan(
        ["Carbon Reduction Plan", "Baseline year: FY22", "Reporting year: FY25"],
        [
            ["Scope", "FY22 (baseline)", "FY25 (current)"],
            [
                "Scope 1",
                "Boilers: 112.6; Pool cars: 88.1; Standby generators: 24.3; Total Scope 1: 225.0",
                "Boilers: 101.7; Pool cars: 42.9; Standby generators: 11.0; Total Scope 1: 155.6",
            ],
            [
                "Scope 2",
                "Offices: 38.2; Warehouse: 21.5; Total Scope 2: 59.7",
                "Offices: 29.4; Warehouse: 18.8; Total Scope 2: 48.2",
            ],
            [
                "Scope 3",
                "Business travel: 22.8; Employee commuting: 143.5; Total Scope 3: 166.3",
                "Business travel: 19.6; Employee commuting: 128.2; Total Scope 3: 147.8",
            ],
            ["Total", "451.0", "351.6"],
        ],
        widths=[60, 200, 200],
    )
    facts = facts_from(data, "plan.pdf")
    assert figures(facts.baseline) == (225.0, 59.7, 166.3, 451.0)
    assert figures(facts.current) == (155.6, 48.2, 147.8, 351.6)


@pytest.mark.parametrize(
    "rows",
    [
        """
        Scope 1 | Natural gas | 12.0 | 10.0 |
        Scope 1 | Fleet | 8.0 | 6.0 |
        Scope 1 subtotal | | 20.0 | 16.0 |
        Scope 2 | Electricity | 7.0 | 5.0 |
        Scope 2 subtotal | | 7.0 | 5.0 |
        Scope 3 | Business travel | 3.0 | 2.0 |
        Scope 3 | Homeworking | N/A | 1.0 |
        Scope 3 subtotal | | 3.0 | 3.0 |
        """,
        """
        Scope 1 Natural gas 12.0 10.0
        Scope 1 Fleet 8.0 6.0
        Scope 1 subtotal 20.0 16.0
        Scope 2 Electricity 7.0 5.0
        Scope 2 subtotal 7.0 5.0
        Scope 3 Business travel 3.0 2.0
        Scope 3 Homeworking not measured 1.0
        Scope 3 subtotal 3.0 3.0
        """,
        """
        Scope 1 Natural gas 12.0 10.0
        Scope 1 Fleet 8.0 6.0
        Total Scope 1 20.0 16.0
        Scope 2 Electricity 7.0 5.0
        Total Scope 2 7.0 5.0
        Scope 3 Business travel 3.0 2.0
        Scope 3 Homeworking N/A 1.0
        Total Scope 3 3.0 3.0
        """,
    ],
)
def test_one_row_per_source_with_scope_subtotals(rows: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2022\nReporting year: 2024\n"
        "Emissions by source (tCO2e)\nScope Source 2022 (baseline) 2024 (current)\n"
        + "\n".join(line.strip() for line in rows.strip().splitlines())
        + "\nTotal 30.0 24.0\n"
    )
    assert figures(facts.baseline) == (20.0, 7.0, 3.0, 30.0)
    assert figures(facts.current) == (16.0, 5.0, 3.0, 24.0)
    assert facts.baseline.derived == {}


@pytest.mark.parametrize(
    "text",
    [
        "In 2023 our Scope 1 emissions came from gas heating (10.0 tCO2e) and company vans "
        "(20.0 tCO2e). Total Scope 1 Emissions: 30.0 tCO2e.",
        "Scope 1: gas heating 10.0 tCO2e, company vans 20.0 tCO2e. Total Scope 1 emissions: "
        "30.0 tCO2e in 2023.",
        "Our direct emissions in 2023 (Scope 1 total - 30.0 tCO2e) came from gas heating "
        "(10.0 tCO2e) and company vans (20.0 tCO2e).",
    ],
)
def test_a_paragraph_listing_sources_then_the_scope_total(text: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\nBaseline year: 2023\n{text}")
    assert facts.baseline.scope1 == 30.0


def test_scope3_total_with_its_sources_listed_below() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline Year: 2022
        Baseline year emissions (tCO2e):
        Scope 1 - 3.0
        Scope 2 - 2.0
        Scope 3 total - 48.2
          Business travel - 12.0
          Employee commuting - 30.2
          Waste - 6.0
        Total - 53.2
        """
    )
    assert figures(facts.baseline) == (3.0, 2.0, 48.2, 53.2)
    assert "scope3" not in facts.baseline.derived


# ---------------------------------------------------------------- 3. units written loosely


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("Emissions (tC02e)", "tC02e"),
        ("Emissions (tCO 2 e)", "tCO 2 e"),
        ("Emissions in tonnes CO2e", "tonnes CO2e"),
        ("All figures are in metric tons CO2e.", "metric tons CO2e"),
        ("EMISSIONS - TOTAL (t CO₂e)", "t CO₂e"),
    ],
)
def test_loosely_written_units_are_kept_as_written(header: str, unit: str) -> None:
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        Baseline year: 2021
        {header}
        Scope 1 - 10.5
        Scope 2 - 3.2
        Scope 3 - 15.0
        Total - 28.7
        """
    )
    assert figures(facts.baseline) == (10.5, 3.2, 15.0, 28.7)
    assert facts.baseline.unit == unit


def test_a_subscript_pushed_to_the_next_line_is_not_a_figure() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline year: 2021
        Emissions (tCO e)
        2
        Scope 1 10.5
        Scope 2 3.2
        Scope 3 15.0
        Total 28.7
        """
    )
    assert figures(facts.baseline) == (10.5, 3.2, 15.0, 28.7)
    assert facts.baseline.unit == "tCO e"


@pytest.mark.parametrize("unit", ["CO2 KG", "kgCO2e", "kg CO2e"])
def test_kilogram_figures_are_converted(unit: str) -> None:
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        Baseline Year: 2022
        Baseline emissions ({unit})
        Scope 1 12,500
        Scope 2 4,000
        Scope 3 20,000
        Total 36,500
        """
    )
    assert figures(facts.baseline) == (12.5, 4.0, 20.0, 36.5)
    assert facts.baseline.converted_from_kg


@pytest.mark.parametrize("marker", ["N/A", "not measured", "Not yet measured", "n/a"])
def test_marker_cells_hold_their_column(marker: str) -> None:
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        Baseline Year: 2021
        Reporting Year: 2024
        | Emissions (tonnes CO2e) | 2021 (baseline) | 2024 (current) |
        | Scope 1 | {marker} | {marker} |
        | Scope 2 | 12.0 | 9.0 |
        | Scope 3 | {marker} | 14.0 |
        | Total | 12.0 | 23.0 |
        """
    )
    assert figures(facts.baseline) == (None, 12.0, None, 12.0)
    assert figures(facts.current) == (None, 9.0, 14.0, 23.0)
    assert facts.baseline.not_numeric["scope3"] == marker


# -------------------------------------------------------------------------- 4. periods


@pytest.mark.parametrize(
    ("text", "end_year"),
    [
        ("Reporting year emissions for the financial year 2024/2025:", 2025),
        ("Emissions for the financial year 2025 were as follows:", 2025),
        ("Reporting year: FY25", 2025),
        ("Reporting year: FY 2023-24", 2024),
        ("Current reporting period: 2023/24", 2024),
    ],
)
def test_financial_years_are_never_calendar_years(text: str, end_year: int) -> None:
    facts = facts_of(f"Carbon Reduction Plan\nBaseline Year: 2021\n{text}\nScope 1 1.0\n")
    assert facts.current.end_year == end_year
    assert (facts.current.start, facts.current.end) == (None, None)


@pytest.mark.parametrize(
    "mention",
    [
        "Baseline emissions were calculated for the financial year 2024.",
        "FY24 will form the baseline year for future reporting.",
        "Our financial year 2024 is the first we have measured.",
    ],
)
def test_a_bare_year_the_plan_calls_a_financial_year_gets_no_dates(mention: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{mention}\nBaseline Year: 2024\n")
    assert facts.baseline.end_year == 2024
    assert (facts.baseline.start, facts.baseline.end) == (None, None)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Reporting period: 1 March 2025 to 28 February 2026", (2025, 3, 1), (2026, 2, 28)),
        ("Reporting year: April 2023 to March 2024", (2023, 4, 1), (2024, 3, 31)),
        ("Reporting year: 2023/24 (1 April 2023 to 31 March 2024)", (2023, 4, 1), (2024, 3, 31)),
        (
            "Reporting year: 2021/22 (our financial year, April to March)",
            (2021, 4, 1),
            (2022, 3, 31),
        ),
    ],
)
def test_dated_periods(text: str, start: tuple[int, int, int], end: tuple[int, int, int]) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{text}\n")
    assert (facts.current.start, facts.current.end) == (dt.date(*start), dt.date(*end))


@pytest.mark.parametrize(
    "sentence",
    [
        "Our first measured year, 1 March 2024 - 28 February 2025, is both our baseline and our "
        "current reporting year.",
        "This is the first year we have measured our footprint, so our baseline year and our "
        "current reporting year are the same. Baseline year: 1 March 2024 - 28 February 2025",
        "We first measured our footprint for 1 March 2024 - 28 February 2025, and that year is "
        "our baseline and our current reporting year.",
    ],
)
def test_first_year_plans_repeat_the_baseline_as_current(sentence: str) -> None:
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        {sentence}
        tCO2e
        Scope 1
        286.5
        Scope 2
        0
        Scope 3 (included sources)
        34.8
        Total
        321.3
        """
    )
    assert facts.current.same_as_baseline
    assert facts.current.end_year == 2025
    assert figures(facts.current) == (286.5, 0.0, 34.8, 321.3)
    assert facts.readings["current.total"].how == "derived"


@pytest.mark.parametrize(
    "text",
    [
        "Net zero by 2030 from a base year ending 31st March 2020 (now revised to FY23).",
        "Our baseline was 2019/20; it has been rebased to FY23 following an acquisition.",
    ],
)
def test_a_revised_baseline_is_the_one_that_counts(text: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{text}\n")
    assert facts.baseline.end_year == 2023


# ---------------------------------------------------------------------- 5. prose layouts


@pytest.mark.parametrize(
    "text",
    [
        """
        We first measured our footprint for the calendar year 2022, and that year is our
        baseline. In 2022 we emitted 31.6 tCO2e in total: nothing from Scope 1, 6.8 tCO2e from
        the electricity we buy (Scope 2) and 24.8 tCO2e from Scope 3. Within Scope 3, staff
        travel accounted for 14.2 tCO2e.

        Our most recent full year is 2024. Our footprint came to 26.3 tCO2e, made up of 5.1 tCO2e
        of Scope 2 and 21.2 tCO2e of Scope 3.

        Scope 1. Nil in both years. We own no vehicles and have no gas supply.
        """,
        """
        Our baseline year is 2022 (January to December). In 2022 our total footprint was 31.6
        tonnes CO2e. We had no Scope 1 emissions. Scope 2, the electricity for our office, was
        6.8 tonnes CO2e. Scope 3 was 24.8 tonnes CO2e. Most of Scope 3 is travel to clients,
        which made up 14.2 tonnes CO2e in 2022.

        In our current reporting year, 2024 (January to December), our footprint was 26.3
        tonnes CO2e: again nothing in Scope 1, 5.1 tonnes CO2e in Scope 2 and 21.2 tonnes CO2e
        in Scope 3.
        """,
    ],
)
def test_figures_only_in_prose(text: str) -> None:
    facts = facts_of("Carbon Reduction Plan\n" + text)
    assert (facts.baseline.end_year, facts.current.end_year) == (2022, 2024)
    assert figures(facts.baseline) == (0.0, 6.8, 24.8, 31.6)
    assert figures(facts.current) == (0.0, 5.1, 21.2, 26.3)


def test_prose_in_two_narrow_pdf_columns() -> None:
    data = pdf_two_columns(
        [
            "Carbon Reduction Plan",
            "Our baseline year is 2021 (January to December), the first year in which we "
            "measured every source. In 2021 our total footprint was 82.4 tonnes CO2e. Scope 1, "
            "our two company vans, was 12.1 tonnes CO2e. Scope 2, the electricity for our "
            "office, was 6.3 tonnes CO2e. Scope 3 was 64.0 tonnes CO2e, most of it staff "
            "commute (40.2 tonnes CO2e).",
            "In our current reporting year, 2024 (January to December), our footprint was 70.9 "
            "tonnes CO2e: 10.0 tonnes CO2e in Scope 1, 4.9 tonnes CO2e in Scope 2 and 56.0 "
            "tonnes CO2e in Scope 3.",
        ]
    )
    facts = facts_from(data, "plan.pdf")
    assert figures(facts.baseline) == (12.1, 6.3, 64.0, 82.4)
    assert figures(facts.current) == (10.0, 4.9, 56.0, 70.9)


def test_word_table_with_a_source_column_and_subtotals() -> None:
    data = docx_plan(
        ["Carbon Reduction Plan", "Baseline year: 2022", "Reporting year: 2024"],
        [
            ["Scope", "Source", "2022 (tonnes CO2e)", "2024 (tonnes CO2e)"],
            ["Scope 1", "Natural gas", "12.0", "10.0"],
            ["Scope 1", "Fleet", "8.0", "6.0"],
            ["Scope 1 subtotal", "", "20.0", "16.0"],
            ["Scope 2", "Electricity (location-based)", "7.0", "5.0"],
            ["Scope 2 subtotal", "", "7.0", "5.0"],
            ["Scope 3", "Business travel", "3.0", "2.0"],
            ["Scope 3 subtotal", "", "3.0", "2.0"],
            ["Total", "", "30.0", "23.0"],
        ],
    )
    facts = facts_from(data, "plan.docx")
    assert figures(facts.baseline) == (20.0, 7.0, 3.0, 30.0)
    assert figures(facts.current) == (16.0, 5.0, 2.0, 23.0)


def test_html_table_with_a_subscript_unit() -> None:
    html = b"""<html><body><h1>Carbon Reduction Plan</h1>
    <p>Baseline year: April 2023 to March 2024</p>
    <table><tr><th>Emissions</th><th>tCO<sub>2</sub>e</th></tr>
    <tr><td>Scope 1</td><td>14.2</td></tr><tr><td>Scope 2</td><td>0</td></tr>
    <tr><td>Scope 3 (included sources)</td><td>22.5</td></tr>
    <tr><td>Total</td><td>36.7</td></tr></table></body></html>"""
    facts = facts_from(html, "plan.html")
    assert figures(facts.baseline) == (14.2, 0.0, 22.5, 36.7)
    assert facts.baseline.unit == "tCO2e"


# ----------------------------------------------------------- 6. market- and location-based


@pytest.mark.parametrize(
    "rows",
    [
        "| Scope 2 (location-based) | 20.0 |\n| Scope 2 (market-based) | 5.0 |",
        "| Scope 2 | |\n| Market-based | 5.0 |\n| Location-based | 20.0 |",
    ],
)
def test_market_based_scope2_is_the_figure_and_both_are_kept(rows: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2022\n| Emissions (tCO2e) | 2022 |\n"
        f"| Scope 1 | 10.0 |\n{rows}\n| Scope 3 | 30.0 |\n| Total | 45.0 |\n"
    )
    base = facts.baseline
    assert (base.scope2, base.scope2_market, base.scope2_location) == (5.0, 5.0, 20.0)
    assert base.scope2_basis == "both"


# -------------------------------------------------------------------------- 7. never invent


@pytest.mark.parametrize(
    "text",
    [
        """
        ## A worked example
        Here is how the table might look for an imaginary business. The figures are
        illustrative only.
        | Emissions | Baseline (2022) tCO2e | Current (2024) tCO2e |
        | Scope 1 | 12.0 | 9.5 |
        | Scope 2 | 8.0 | 6.1 |
        | Scope 3 | 40.0 | 35.2 |
        | Total | 60.0 | 50.8 |
        """,
        "For example, an imaginary company with 12 tCO2e of Scope 1 emissions, 8 tCO2e of Scope 2 "
        "and 40 tCO2e of Scope 3 in its 2022 baseline year would report a total of 60 tCO2e.",
        "We project that emissions will decrease to 432 tCO2e by 2030, a reduction of 25%.",
        "Our emissions intensity was 2.1 tCO2e per FTE in 2024.",
        "Our measures saved 12.0 tCO2e last year and we offset 50 tCO2e through woodland.",
        "• Scope 1 emissions 40% lower than the 2024-25 baseline by March 2028.",
    ],
)
def test_examples_targets_intensity_savings_and_offsets_are_not_emissions(text: str) -> None:
    facts = facts_of("Carbon Reduction Plan\n" + text)
    assert figures(facts.baseline) == (None, None, None, None)
    assert figures(facts.current) == (None, None, None, None)


def test_two_tables_disagreeing_on_a_figure_leave_it_to_a_person() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline year emissions (2020)
        Scope 1 10.0
        Scope 2 5.0
        Scope 3 20.0
        Total 35.0
        Summary of the baseline year (2020)
        Scope 1 12.0
        Scope 2 5.0
        Scope 3 20.0
        Total 37.0
        """
    )
    assert facts.baseline.scope1 is None
    reading = facts.readings["baseline.scope1"]
    assert reading.how == "conflicting"
    assert {c.value for c in reading.candidates} == {"10 tCO2e", "12 tCO2e"}
    assert facts.baseline.scope2 == 5.0


def test_a_row_short_of_a_figure_is_placed_where_the_column_adds_up() -> None:
    facts: Facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline year: 2019
        Reporting year: 2024
        Emissions (tCO2e) 2019 (baseline) 2024 (current)
        Scope 1 50.0
        Scope 2 30.0
        Scope 3 100.0
        Total 250.0 180.0
        """
    )
    assert figures(facts.baseline) == (None, None, None, 250.0)
    assert figures(facts.current) == (50.0, 30.0, 100.0, 180.0)


def test_a_row_short_of_a_figure_that_no_total_places_is_left_to_a_person() -> None:
    facts: Facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline year: 2019
        Reporting year: 2024
        Emissions (tCO2e) 2019 (baseline) 2024 (current)
        Scope 1 50.0
        Scope 2 30.0 28.0
        Scope 3 100.0 90.0
        Total 250.0 175.0
        """
    )
    assert facts.baseline.scope1 is None and facts.current.scope1 is None
    for role in ("baseline", "current"):
        reading = facts.readings[f"{role}.scope1"]
        assert reading.how == "conflicting"
        assert [c.value for c in reading.candidates] == ["50 tCO2e"]
    assert (facts.baseline.scope2, facts.current.scope2) == (30.0, 28.0)


def test_a_dash_cell_holds_its_column_and_a_unit_note_below_the_table_counts() -> None:
    html = b"""<html><body><p>Baseline year: 2019/20. Reporting year: 2023/24</p>
    <table><tr><th>Scope</th><th>2019/20 (baseline)</th><th>2023/24</th></tr>
    <tr><td>Scope 1</td><td></td><td>20,100</td></tr>
    <tr><td>Scope 2</td><td>&nbsp;</td><td>3,400</td></tr>
    <tr><td>Scope 3</td><td>-</td><td>12,900</td></tr>
    <tr><td>Total</td><td>48,200</td><td>36,400</td></tr></table>
    <p>All figures in kg CO2e.</p></body></html>"""
    facts = facts_from(html, "plan.html")
    assert figures(facts.baseline) == (None, None, None, 48.2)
    assert figures(facts.current) == (20.1, 3.4, 12.9, 36.4)
    assert facts.current.converted_from_kg


@pytest.mark.parametrize(
    "row",
    ["Scope 1 [e.g. 12.5]", "Scope 1 [Insert figure, for example 12.5]", "Scope 1 e.g. 12.5"],
)
def test_template_guidance_figures_are_not_the_plans(row: str) -> None:
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        Baseline Year: [Insert baseline year]
        EMISSIONS TOTAL (tCO2e)
        {row}
        Scope 2 XX
        Total Emissions XX
        """
    )
    assert figures(facts.baseline) == (None, None, None, None)


def test_streamlined_report_comparatives_are_not_a_baseline() -> None:
    facts = facts_of(
        """
        Streamlined Energy and Carbon Reporting
        Greenhouse gas emissions for the year ended 31 March 2024 (2023 comparatives in brackets):
        Scope 1: 120.4 tCO2e (2023: 130.2 tCO2e)
        Scope 2 (location-based): 45.1 tCO2e (2023: 50.3 tCO2e)
        Total Scope 1 and 2: 165.5 tCO2e (2023: 180.5 tCO2e)
        """
    )
    assert figures(facts.baseline) == (None, None, None, None)
    assert (facts.current.end_year, facts.current.scope1, facts.current.scope2) == (
        2024,
        120.4,
        45.1,
    )
    assert facts.current.total is None  # a Scope 1 and 2 total is not the plan's total


def test_year_columns_in_descending_order_are_read_by_their_years() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        | tCO2e | 2024 | 2023 | 2019 |
        | Scope 1 | 120.4 | 130.2 | 150.0 |
        | Scope 2 | 45.1 | 50.3 | 60.0 |
        | Scope 3 | 300.0 | 310.0 | 400.0 |
        | Total | 465.5 | 490.5 | 610.0 |
        """
    )
    assert (facts.baseline.end_year, facts.baseline.total) == (2019, 610.0)
    assert (facts.current.end_year, facts.current.total) == (2024, 465.5)


@pytest.mark.parametrize(
    "sentence",
    [
        "Our total emissions in 2024 were 1,234 tCO2e, down from our 2019 baseline.",
        "Against our 2019 baseline year, our footprint in 2024 was 1,234 tCO2e in total.",
    ],
)
def test_a_figure_belongs_to_the_period_named_nearest_it(sentence: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{sentence}\n")
    assert facts.baseline.total is None
    assert (facts.current.end_year, facts.current.total) == (2024, 1234.0)


@pytest.mark.parametrize(
    "table",
    [
        """
        | Year | Scope 1 | Scope 2 | Scope 3 | Total |
        |---|---|---|---|---|
        | 2019/20 (baseline) | - | - | - | 250.0 |
        | 2023/24 | 50.0 | 30.0 | 100.0 | 180.0 |
        All figures in tCO2e.
        """,
        """
        Emissions (tCO2e)   Scope 1   Scope 2   Scope 3   Total
        2019/20 (baseline)   n/a   n/a   n/a   250.0
        2022/23   55.0   31.0   104.0   190.0
        2023/24 (current year)   50.0   30.0   100.0   180.0
        """,
    ],
)
def test_a_table_with_one_row_per_year(table: str) -> None:
    facts = facts_of("Carbon Reduction Plan\n" + table)
    assert (facts.baseline.end_year, facts.current.end_year) == (2020, 2024)
    assert figures(facts.baseline) == (None, None, None, 250.0)
    assert figures(facts.current) == (50.0, 30.0, 100.0, 180.0)
    assert facts.current.unit == "tCO2e"


@pytest.mark.parametrize(
    "sentence",
    [
        "We report Scope 2 on a location basis.",
        "Our office runs on a renewable tariff (Scope 2 above is reported location-based).",
        "Location-based figures are used for Scope 2 throughout.",
    ],
)
def test_a_scope2_basis_stated_in_words(sentence: str) -> None:
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        Baseline year: 2022
        Scope 1 1.0
        Scope 2 2.0
        Scope 3 3.0
        Total 6.0
        {sentence}
        """
    )
    assert facts.baseline.scope2_basis == "location"


@pytest.mark.parametrize(
    "table",
    [
        """
        Emissions reduction targets
        | Scope | 2030 target (tCO2e) |
        | Scope 1 | 5.0 |
        | Scope 2 | 0.0 |
        | Scope 3 | 15.0 |
        | Total | 20.0 |
        """,
        """
        Projected emissions in 2028 (tCO2e)
        Scope 1 5.0
        Scope 2 0.0
        Scope 3 15.0
        Total 20.0
        """,
        """
        Our milestones
        Scope 1 - 5.0
        Scope 2 - 0.0
        Scope 3 - 15.0
        Total - 20.0
        """,
    ],
)
def test_tables_of_targets_and_projections_are_not_emissions(table: str) -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline year: 2019
        Baseline year emissions
        Scope 1 10.0
        Scope 2 5.0
        Scope 3 20.0
        Total 35.0
        """
        + table
    )
    assert figures(facts.baseline) == (10.0, 5.0, 20.0, 35.0)
    assert figures(facts.current) == (None, None, None, None)


@pytest.mark.parametrize("unit", ["kWh", "MWh", "litres"])
def test_a_table_of_energy_use_is_not_emissions(unit: str) -> None:
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        Reporting year: 2024
        Energy use ({unit})
        Scope 1 (gas) 100,000
        Scope 2 (electricity) 50,000
        Emissions (tCO2e)
        Scope 1 18.3
        Scope 2 10.4
        Scope 3 40.0
        Total 68.7
        """
    )
    assert figures(facts.current) == (18.3, 10.4, 40.0, 68.7)


@pytest.mark.parametrize("change", ["-2.0", "-20%", "(2.0)"])
def test_a_change_column_is_not_a_year(change: str) -> None:
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        | tCO2e | 2019 (baseline) | 2024 | Change |
        | Scope 1 | 10.0 | 8.0 | {change} |
        | Scope 2 | 5.0 | 4.0 | {change} |
        | Scope 3 | 20.0 | 18.0 | {change} |
        | Total | 35.0 | 30.0 | {change} |
        """
    )
    assert figures(facts.baseline) == (10.0, 5.0, 20.0, 35.0)
    assert (facts.current.end_year, *figures(facts.current)) == (2024, 8.0, 4.0, 18.0, 30.0)


def test_a_merged_cell_saying_why_the_baseline_has_only_a_total() -> None:
    html = b"""<html><body><p>Baseline year: 2019/20. Reporting year: 2023/24</p>
    <table><tr><th>Scope</th><th>2019/20 (baseline)</th><th>2023/24</th></tr>
    <tr><td>Scope 1</td><td rowspan=3>Only a total was recorded for 2019/20</td><td>20.1</td></tr>
    <tr><td>Scope 2</td><td>3.4</td></tr><tr><td>Scope 3</td><td>12.9</td></tr>
    <tr><td>Total</td><td>48.2</td><td>36.4</td></tr></table>
    <p>All figures in tCO2e.</p></body></html>"""
    facts = facts_from(html, "plan.html")
    assert figures(facts.baseline) == (None, None, None, 48.2)
    assert figures(facts.current) == (20.1, 3.4, 12.9, 36.4)
    assert "Only a total" in facts.baseline.explanations["scope2"]


def test_a_notes_column_and_a_source_column_are_not_years() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        | Scope | Source | 2021 (baseline) | 2024 (current) | Notes |
        | Scope 1 | Gas boiler | 4.0 | 3.0 | Replaced in 2023 |
        | Scope 2 | Electricity | 2.0 | 0.0 | Renewable tariff from 2022 |
        | Scope 3 | Travel | 6.0 | 5.0 | |
        | Total | | 12.0 | 8.0 | |
        """
    )
    assert figures(facts.baseline) == (4.0, 2.0, 6.0, 12.0)
    assert figures(facts.current) == (3.0, 0.0, 5.0, 8.0)


def test_a_subscript_under_a_row_label_is_not_its_figure() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline year: 2021
        Scope 1 emissions (tCO e)
        2
        20.1
        Scope 2 emissions (tCO e)
        2
        3.4
        Scope 3 (included sources) 12.9
        Total 36.4
        """
    )
    assert figures(facts.baseline) == (20.1, 3.4, 12.9, 36.4)


@pytest.mark.parametrize("baseline_cell", ["", "not recorded by scope"])
def test_pdf_table_whose_baseline_gives_only_a_total(baseline_cell: str) -> None:
    data = pdf_table_plan(
        [
            "Carbon Reduction Plan",
            "Baseline year: April 2019 to March 2020",
            "Reporting year: April 2023 to March 2024",
        ],
        [
            [
                "Emissions (tCO<sub>2</sub>e)",
                "April 2019 to March 2020 (baseline)",
                "April 2023 to March 2024",
            ],
            ["Scope 1", baseline_cell, "20.1"],
            ["Scope 2", baseline_cell, "3.4"],
            ["Scope 3", baseline_cell, "12.9"],
            ["Total", "48.2", "36.4"],
        ],
    )
    facts = facts_from(data, "plan.pdf")
    assert figures(facts.baseline) == (None, None, None, 48.2)
    assert figures(facts.current) == (20.1, 3.4, 12.9, 36.4)
    assert facts.current.unit in ("tCO2 e", "tCO2e")  # a ruled table's header cell is read whole
    assert bool(facts.baseline.explanations) is bool(baseline_cell)


def test_subscripted_units_in_narrow_columns() -> None:
    data = pdf_two_columns(
        [
            "Carbon Reduction Plan",
            "Our baseline year is April 2019 to March 2020, when we emitted 48.2 tCO<sub>2</sub>e "
            "in total; we did not measure each scope separately that year.",
            "In our current reporting year, April 2023 to March 2024, we emitted 36.4 "
            "tCO<sub>2</sub>e: Scope 1 was 20.1 tCO<sub>2</sub>e, Scope 2 was 3.4 "
            "tCO<sub>2</sub>e and Scope 3 was 12.9 tCO<sub>2</sub>e.",
        ]
    )
    facts = facts_from(data, "plan.pdf")
    assert figures(facts.baseline) == (None, None, None, 48.2)
    assert (facts.current.end_year, *figures(facts.current)) == (2024, 20.1, 3.4, 12.9, 36.4)
