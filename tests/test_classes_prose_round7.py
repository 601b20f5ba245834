"""Figures in running prose and charts (issue 11 round 4, synthetic-j): a scope named in
brackets, a second period's figure in the same sentence, a chart's axis labels and the
values printed under a chart."""

from __future__ import annotations

import pytest
from documents import facts_of

_PERIODS = "Carbon Reduction Plan\nOur baseline year is 2019/20 and this plan reports 2024/25.\n"


@pytest.mark.parametrize(
    ("sentence", "field", "current", "baseline"),
    [
        (
            "Our direct emissions from gas and vehicles (Scope 1) came to 48.6 tonnes CO2e in "
            "2024/25, against 63.8 tonnes in our 2019/20 baseline.",
            "scope1",
            48.6,
            63.8,
        ),
        (
            "Emissions in our value chain (Scope 3) were 78.4 tonnes in 2024/25 and 92.6 tonnes "
            "in 2019/20.",
            "scope3",
            78.4,
            92.6,
        ),
        (
            "Taken together, our total footprint was 158.9 tCO2e in 2024/25, down from 203.5 tCO2e "
            "in 2019/20.",
            "total",
            158.9,
            203.5,
        ),
    ],
)
def test_two_periods_figures_in_one_sentence(
    sentence: str, field: str, current: float, baseline: float
) -> None:
    """synthetic-j uj01: every figure in prose; the scope in brackets had hidden it, and the
    baseline's figure after "against" / "and" / "down from" was not read."""
    facts = facts_of(f"{_PERIODS}{sentence}\n")
    assert getattr(facts.current, field) == current
    assert getattr(facts.baseline, field) == baseline


def test_a_second_figure_with_no_period_of_its_own_is_not_filed() -> None:
    facts = facts_of(
        f"{_PERIODS}Emissions in our value chain (Scope 3) were 78.4 tonnes in 2024/25 and 12.0 "
        "tonnes of it came from commuting.\n"
    )
    assert facts.current.scope3 == 78.4
    assert facts.baseline.scope3 is None


_AXIS = "Scope 1 Scope 2 Scope 3 Total\n0\n20\n40\n60\n2019 (baseline)\n2025\n"


@pytest.mark.parametrize(
    "caption",
    [
        "Figure 2: Scope 1 2019 22.7, 2025 16.4; Scope 2 2019 18.3, 2025 12.1; Scope 3 2019 "
        "30.9, 2025 26.3; total 2019 71.9, 2025 54.8 (all tCO2e).",
        "Chart values (tCO2e): Scope 1 2019 22.7 and 2025 16.4, Scope 2 2019 18.3 and 2025 12.1, "
        "Scope 3 2019 30.9 and 2025 26.3, Total 2019 71.9 and 2025 54.8.",
    ],
)
def test_a_charts_values_written_under_it(caption: str) -> None:
    """synthetic-j uj02: the axis labels had been read as zero figures and the values under
    the chart not at all."""
    facts = facts_of(
        f"Carbon Reduction Plan\nBaseline year: 2019\nReporting year: 2025\n{_AXIS}{caption}\n"
    )
    assert (facts.baseline.scope1, facts.baseline.total) == (22.7, 71.9)
    assert (facts.current.scope1, facts.current.scope3, facts.current.total) == (16.4, 26.3, 54.8)


def test_axis_labels_alone_are_no_figures() -> None:
    facts = facts_of(f"Carbon Reduction Plan\nBaseline year: 2019\nReporting year: 2025\n{_AXIS}")
    assert facts.baseline.scope1 is None and facts.current.scope1 is None
    assert facts.baseline.scope3 is None


def test_chart_values_in_kilograms_are_left_to_the_tables() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019\nReporting year: 2025\nFigure 2: Scope 1 "
        "2019 22700, 2025 16400; Scope 2 2019 18300, 2025 12100 (kgCO2e).\n"
    )
    assert facts.current.scope1 is None


_SOURCES_TABLE = (
    "Carbon Reduction Plan\nThe baseline is 2018-19; the current reporting year is 2024-25.\n"
    "Emissions by scope\ntCO2e 2018-19 2024-25\nScope 1 (gas, forklifts) 38.9 31.2\n"
    "Scope 2 (electricity) 112.4 84.6\nScope 3 (see below) 165.8 145.7\n"
    "Scope 3 sources\ntCO2e 2018-19 2024-25\nPaper and board delivered to us (cat 4) 66.7 59.4\n"
    "Trim waste, film and pallets (cat 5) 28.1 23.7\nBusiness travel (cat 6) 3.9 2.8\n"
)


def test_a_scope3_sources_table_under_the_scopes_is_its_breakdown() -> None:
    """synthetic-j uj06: "Scope 3 sources" under the scope table had joined it, and a waste
    row was taken for the Scope 3 figure."""
    facts = facts_of(_SOURCES_TABLE)
    assert (facts.baseline.scope3, facts.current.scope3) == (165.8, 145.7)


@pytest.mark.parametrize(
    ("row", "number"),
    [
        ("Trim waste, film and pallets (cat 5) 28.1 23.7", 5),
        ("Couriers to our stores (Category 4) | 2.1 | 1.8 |", 4),
        ("Staff journeys to work (Scope 3, category 7) 19.8 18.2", 7),
    ],
)
def test_a_category_number_after_its_description(row: str, number: int) -> None:
    from crp_checker.extract.rows import classify

    assert (classify(row).kind, classify(row).category) == ("category", number)


@pytest.mark.parametrize(
    "box",
    [
        "Highlights\nTotal emissions 2024-25:\n261.5 tCO2e\nBaseline 2018-19: 317.1\ntCO2e\n",
        "Highlights\nTotal emissions 2024-25: 261.5 tCO2e\nBaseline 2018-19: 317.1 tCO2e\n",
    ],
)
def test_totals_in_a_highlight_box_broken_over_lines(box: str) -> None:
    facts = facts_of(_SOURCES_TABLE.replace("Scope 3 sources\n", f"{box}Scope 3 sources\n"))
    assert (facts.current.total, facts.baseline.total) == (261.5, 317.1)


@pytest.mark.parametrize(
    "caption",
    [
        "Figure 1 data labels (tCO2e), 2019 then 2025: Scope 1 8.6 and 6.3; Scope 2 11.2 and 7.4;"
        " Scope 3 13.9 and 11.8; all scopes 33.7 and 25.5.",
        "Chart values, baseline / current (tCO2e): Scope 1 8.6 / 6.3, Scope 2 11.2 / 7.4, "
        "Scope 3 13.9 / 11.8, total 33.7 / 25.5.",
    ],
)
def test_chart_values_given_in_a_stated_order(caption: str) -> None:
    """synthetic-j uj16: the order of the years stated once, then each scope's pair."""
    facts = facts_of(
        "Carbon Reduction Plan\nWe compare our current reporting year, calendar year 2025, with "
        f"our baseline year, calendar year 2019.\n{caption}\n"
    )
    assert (facts.baseline.scope1, facts.baseline.total) == (8.6, 33.7)
    assert (facts.current.scope2, facts.current.total) == (7.4, 25.5)


def test_a_share_after_a_pair_is_no_chart_value() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019. Reporting year: 2025.\n"
        "Changes, 2019 then 2025 (tCO2e): Scope 1 8.6 and 6 per cent; Scope 2 11.2 and 7 %.\n"
    )
    assert facts.current.scope1 is None
