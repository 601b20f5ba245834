"""Figures, periods and units (round 5): a date broken over two lines whose day ends the first
("... second year ended 31" / "March 2025):") is no figure, and one bar OCR read between two
figures of a row ("Total emissions 503.1 | 442.7") is a column rule, not the cell border after
the label. Each class in several wordings and layouts of our own, with look-alikes."""

from __future__ import annotations

import pytest
from documents import facts_of

from crp_checker.extract.rows import classify

TABLE = """Carbon Reduction Plan
Supplier name: Harrowgate Vans Ltd
Commitment to achieving Net Zero
Harrowgate Vans Ltd is committed to achieving Net Zero emissions by 2045.
Our footprint
tCO2e | Year ended 31 March 2021 | Year ended 31 March 2025 |
Scope 1 | 310.4 | 280.2 |
Scope 2 | 22.0 | 8.1 |
Scope 3 | 140.6 | 122.9 |
Total | 473.0 | 411.2 |
"""


# ------------------------------------------------ a day ending a line is part of its date


@pytest.mark.parametrize(
    "caption",
    [
        "Scope 3 by category, tCO2e (first figure year\nended 31 March 2021, second year ended 31\n"
        "March 2025):",
        "Scope 3 by category (the figures are for the year\nto 31 March 2021 and the year to 31\n"
        "March 2025):",
        "Scope 3 sources, baseline then current (periods ending 31\nMar 2021 and 31\nMar 2025):",
    ],
)
def test_a_day_broken_from_its_month_is_no_figure(caption: str) -> None:
    body = TABLE + caption + "\n• Category 4, inbound deliveries: 62.1 and 55.0\n"
    facts = facts_of(body + "\nEmissions Reduction Targets\nA 40% cut by 2030.\n")
    assert facts.current.scope3 == 122.9
    assert facts.baseline.scope3 == 140.6
    assert facts.current.total == 411.2


def test_a_figure_ending_a_line_before_other_words_is_still_read() -> None:
    facts = facts_of(
        """Carbon Reduction Plan
        Baseline year: 2021. Reporting year: 2025. All figures in tCO2e.
        Emissions 2021 2025
        Scope 1 40.0 35.0
        Scope 2 12.0 10.0
        Scope 3
        30.0 27.0
        Total 82.0 72.0
        """
    )
    assert facts.baseline.scope3 == 30.0
    assert facts.current.scope3 == 27.0


# ------------------------------------------------ one OCR bar between a row's two figures


@pytest.mark.parametrize(
    ("line", "values"),
    [
        ("Total emissions 503.1 | 442.7", [503.1, 442.7]),
        ("Scope 1 402.5 | 356.1", [402.5, 356.1]),
        ("Total 1,503 | 1,442", [1503.0, 1442.0]),
    ],
)
def test_a_rule_between_two_figures_joins_the_row(line: str, values: list[float]) -> None:
    assert classify(line).values == values


@pytest.mark.parametrize(
    ("line", "values"),
    [
        ("Scope 1 | 5.0", [5.0]),  # a label cell, then its figure
        ("Total 2021 | 442.7", [442.7]),  # a year in the label cell is no figure
    ],
)
def test_a_bar_after_a_label_stays_a_cell_border(line: str, values: list[float]) -> None:
    assert classify(line).values == values


def test_a_scanned_total_row_split_by_a_rule_fills_both_years() -> None:
    facts = facts_of(
        """Carbon Reduction Plan
        Baseline year: year to 30 June 2021
        Reporting year: year to 30 June 2025
        Emissions (tCO2e) Year to 30 June 2021 Year to 30 June 2025
        Scope 1 402.5 356.1
        Scope 2 9.7 6.9
        Scope 3 (included sources) 90.9 79.7

        Total emissions 503.1 | 442.7
        """
    )
    assert facts.baseline.total == 503.1
    assert facts.current.total == 442.7


# ------------------------------------------------ a scope named by its number in brackets


@pytest.mark.parametrize(
    ("line", "scope", "values"),
    [
        ("Direct emissions (Scope 1) | 386.4 | 331.9 |", 1, [386.4, 331.9]),
        ("Purchased electricity (Scope 2, location-based) | 12.8 | 8.4 |", 2, [12.8, 8.4]),
        ("Value chain (Scope 3) | 37.3 | 31.1 |", 3, [37.3, 31.1]),
        ("Indirect emissions (Scope 2) 12.0 tCO2e", 2, [12.0]),
        ("Own fleet fuel (scope 1) 54.2 49.0", 1, [54.2, 49.0]),
    ],
)
def test_a_scope_named_in_brackets_is_its_row(line: str, scope: int, values: list[float]) -> None:
    row = classify(line)
    assert (row.kind, row.scope, row.values) == ("scope", scope, values)


@pytest.mark.parametrize(
    "line",
    [
        "Direct emissions from our own vehicles and depot heating (Scope 1) fell from 1,264.8",
        "Emissions (Scope 1 and 2) 40.0 30.0",
        "Total (Scope 1) 5.0",
    ],
)
def test_brackets_in_a_sentence_or_over_two_scopes_name_no_scope_row(line: str) -> None:
    row = classify(line)
    assert row.kind != "scope"


def test_a_table_of_scopes_named_in_brackets_fills_both_periods() -> None:
    facts = facts_of(
        """Carbon Reduction Plan
        Baseline year: 2019
        Reporting year: 2025 (January to December)
         | 2019 baseline, tCO2e | 2025, tCO2e |
        Direct emissions (Scope 1) | 386.4 | 331.9 |
        Purchased electricity (Scope 2, location-based) | 12.8 | 8.4 |
        Value chain (Scope 3) | 37.3 | 31.1 |
        Gross total | 436.5 | 371.4 |
        """
    )
    assert (facts.baseline.scope1, facts.baseline.scope3, facts.baseline.total) == (
        386.4,
        37.3,
        436.5,
    )
    assert (facts.current.scope1, facts.current.scope2, facts.current.total) == (331.9, 8.4, 371.4)


# ------------------------------------------------ the current period named before its words


@pytest.mark.parametrize(
    "sentence",
    [
        "FY 2020-21 (1 October 2020 to 30 September 2021) is our baseline; FY 2024-25 "
        "(1 October 2024 to 30 September 2025) is the current reporting year.",
        "FY 2020-21 is our baseline. FY 2024-25 (1 October 2024 to 30 September 2025) is our "
        "most recent reporting period.",
    ],
)
def test_a_period_named_before_current_is_the_current_period(sentence: str) -> None:
    facts = facts_of(
        f"""Carbon Reduction Plan
        Our financial year runs from 1 October to 30 September. {sentence}
        tonnes CO2e | FY 2020-21 | FY 2024-25 |
        Scope 1 | 11.8 | 7.2 |
        Scope 2 | 36.9 | 12.6 |
        Scope 3 | 104.6 | 83.2 |
        Total | 153.3 | 103.0 |
        """
    )
    assert facts.current.end_year == 2025
    assert (facts.current.scope1, facts.current.total) == (7.2, 103.0)
    assert (facts.baseline.scope1, facts.baseline.total) == (11.8, 153.3)


def test_the_words_of_a_sentence_above_a_header_name_no_column() -> None:
    facts = facts_of(
        """Carbon Reduction Plan
        Baseline year: 2021. Our 2025 figures are the current reporting year.
        tCO2e | 2021 | 2025 |
        Scope 1 | 40.0 | 30.0 |
        Scope 2 | 10.0 | 8.0 |
        Scope 3 | 20.0 | 18.0 |
        """
    )
    assert (facts.baseline.scope1, facts.current.scope1) == (40.0, 30.0)


def test_a_role_in_brackets_away_from_its_period_names_none() -> None:
    facts = facts_of(
        """Carbon Reduction Plan
        We moved offices in 2023 and hired ten staff (our baseline is explained below).
        """
    )
    assert facts.baseline.end_year is None


# ------------------------------------------------ a unit in a row's label or a note below


@pytest.mark.parametrize("label", ["Total, tCO2e", "Total (tCO2e)", "Total tonnes CO2e"])
def test_a_unit_in_a_row_label_is_the_tables_unit(label: str) -> None:
    facts = facts_of(
        f"""Carbon Reduction Plan
        Baseline year: 2020. Reporting year: 2025.
        Calendar year 2020 Calendar year 2025
        Scope 1 (office gas) 6.4 2.1
        Scope 2 (electricity) 10.0 8.0
        Scope 3 (see below) 20.0 15.0
        {label} 36.4 25.1
        """
    )
    assert facts.baseline.unit is not None and "co2e" in facts.baseline.unit.lower()
    assert facts.current.unit == facts.baseline.unit


@pytest.mark.parametrize(
    "note", ["(all figures tCO2e; Scope 2 location-based)", "All emissions: tonnes CO2e."]
)
def test_a_note_of_the_unit_below_the_table(note: str) -> None:
    facts = facts_of(
        f"""Carbon Reduction Plan
        Baseline year: calendar year 2021
        Current reporting year: calendar year 2025
                                  2021      2025
          Scope 1 (two vans)      14.6       9.2
          Scope 2 (workshop)       1.9       2.4
          Scope 3 (see below)      5.6       5.0
          Total                   22.1      16.6

          {note}
        """
    )
    assert facts.baseline.unit is not None and "co2e" in facts.baseline.unit.lower()


def test_all_figures_in_tonnes_without_the_gas_is_no_note() -> None:
    facts = facts_of(
        """Carbon Reduction Plan
        Baseline year: calendar year 2021
        Current reporting year: calendar year 2025
                                  2021      2025
          Scope 1 (two vans)      14.6       9.2
          Scope 2 (workshop)       1.9       2.4
          Scope 3 (see below)      5.6       5.0

          (all figures rounded)
        """
    )
    assert facts.baseline.unit is None


def test_a_wrapped_sentence_ending_in_a_bracketed_scope_is_no_row() -> None:
    facts = facts_of(
        """Carbon Reduction Plan
        Reporting year: 2025
        Scope 3 follows the GHG
        Protocol Corporate Value Chain (Scope 3)
        Standard. Fuel comes from fuel-card records.
        How we'll get there
        Our target is a 45% cut in total emissions by
        March 2030, to 1,165.8 tCO2e, and a 75% cut by 2035.
        """
    )
    assert facts.current.scope3 is None


@pytest.mark.parametrize(
    "line",
    ["March 2030, to 1,165.8 tCO2e, and a 75% cut by 2035.", "a 40% cut to 88.0 tCO2e by 2030"],
)
def test_a_figure_in_running_text_is_not_a_bare_cell_of_the_row_above(line: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\nReporting year: 2025\nScope 3\n{line}\n")
    assert facts.current.scope3 is None


def test_a_bare_figure_with_a_bracketed_note_is_still_the_rows() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nReporting year: 2025\nScope 1\n40.0\nScope 2\n10.0\n"
        "Total Emissions\n468.7 (-6.1% of Baseline)\n"
    )
    assert facts.current.total == 468.7
