"""Emissions tables in the shapes real plans take, read into baseline and current periods."""

from __future__ import annotations

import pytest
from documents import facts_of

TEMPLATE = """
Carbon Reduction Plan
Supplier name: Example Services Ltd
Baseline Emissions Footprint
Baseline Year: 2021
Baseline year emissions:
EMISSIONS TOTAL (tCO2e)
Scope 1 8.0
Scope 2 5.0
Scope 3
(Included Sources)
2.2
Total Emissions 15.2
Current Emissions Reporting
Reporting Year: 2022
EMISSIONS TOTAL (tCO2e)
Scope 1 7.5
Scope 2 4.0
Scope 3 2.0
Total Emissions 13.5
"""


def test_template_tables_give_both_periods() -> None:
    facts = facts_of(TEMPLATE)
    base, cur = facts.baseline, facts.current
    assert (base.label, base.end_year) == ("2021", 2021)
    assert (base.scope1, base.scope2, base.scope3, base.total) == (8.0, 5.0, 2.2, 15.2)
    assert (cur.label, cur.end_year) == ("2022", 2022)
    assert (cur.scope1, cur.scope2, cur.scope3, cur.total) == (7.5, 4.0, 2.0, 13.5)
    assert base.derived == {} and cur.derived == {}
    assert facts.evidence["baseline.scope3"][-1].quote == "2.2"
    assert facts.evidence["current.total"][0].quote == "Total Emissions 13.5"


def test_evidence_spans_point_into_the_page_text() -> None:
    facts = facts_of(TEMPLATE)
    quote = facts.evidence["baseline.scope1"][0]
    page_text = TEMPLATE.strip("\n")
    assert quote.start is not None and quote.end is not None
    assert page_text[quote.start : quote.end] == "Scope 1 8.0"


def test_pipe_table_with_values_on_the_next_line() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline Year: 2021 | |
        Baseline year emissions: | |
        Scope 1 | 13.6 |
        Scope 2 | 986.1 |
        Scope 3 (Included Sources) |
        246.5 |
        Total Emissions | 1246.2 |
        """
    )
    base = facts.baseline
    assert (base.scope1, base.scope2, base.scope3, base.total) == (13.6, 986.1, 246.5, 1246.2)


def test_cells_run_together() -> None:
    """'Scope 13.40' is Scope 1 = 3.40 (there is no Scope 13)."""
    facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline Year: 2022
        Baseline Emissions
        Emissions ScopeTotal (tCO2e)
        Scope 13.40
        Scope 21.33
        Scope 3 (Included Sources)12.13
        Total15.86 tCO2e
        """
    )
    base = facts.baseline
    assert (base.scope1, base.scope2, base.scope3, base.total) == (3.4, 1.33, 12.13, 15.86)


def test_multi_year_columns_map_to_baseline_and_reporting_year() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        This is our third reporting year, with 2021 as the baseline.
        EMISSIONS (tCO2e) | 2021 | 2022 | 2023 |
        Scope 1 | 0.7 | 2.8 | 1.2 |
        Scope 2 | 6.9 | 4.4 | 3.0 |
        Scope 3 | 25.6 | 49.1 | 34.9 |
        Total | 33.2 | 56.4 | 39.0 |
        """
    )
    base, cur = facts.baseline, facts.current
    assert (base.end_year, base.scope1, base.total) == (2021, 0.7, 33.2)
    assert (cur.end_year, cur.scope1, cur.scope2, cur.scope3, cur.total) == (
        2023,
        1.2,
        3.0,
        34.9,
        39.0,
    )


def test_kg_figures_are_converted_and_flagged() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline Year: 2023
        Baseline year emissions (tCO2e)
        Scope 1 12,500 kgCO2e
        Scope 2 4,000 kgCO2e
        Scope 3 20,000 kgCO2e
        Total Emissions 36,500 kgCO2e
        """
    )
    base = facts.baseline
    assert (base.scope1, base.scope2, base.scope3, base.total) == (12.5, 4.0, 20.0, 36.5)
    assert base.converted_from_kg and base.unit == "kgCO2e"


def test_scope3_summed_from_category_rows_is_flagged_derived() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline Year: 2024
        Baseline year emissions:
        EMISSIONS TOTAL (tCO2e)
        Scope 1 0
        Scope 2 0
        Scope 3
        (Included Sources)
        4. Upstream transportation and distribution - 0
        5. Waste generated in operations - 0
        6. Business Travel – 43.15
        7. Employee Commuting – 16.9
        9. Downstream transportation and distribution – 0
        Total Emissions 60.05 tCO2e
        """
    )
    base = facts.baseline
    assert base.scope3 == pytest.approx(60.05)
    assert base.derived == {"scope3": "sum of 5 category rows"}
    assert facts.scope3_categories == [4, 5, 6, 7, 9]
    business_travel = next(c for c in facts.scope3_detail if c.number == 6)
    assert business_travel.baseline == 43.15


def test_two_rows_of_one_category_are_summed_and_flagged_derived() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline Year: 2024
        Baseline year emissions:
        EMISSIONS TOTAL (tCO2e)
        Scope 1 1.0
        Scope 2 2.0
        Scope 3
        (Included Sources)
        6. Business Travel – 10.5
        6. Business Travel (hotel stays) – 2.25
        7. Employee Commuting – 4.0
        Total Emissions 19.75 tCO2e
        """
    )
    business_travel = next(c for c in facts.scope3_detail if c.number == 6)
    assert business_travel.baseline == pytest.approx(12.75)
    assert facts.baseline.derived["scope3_category_6"] == "sum of 2 category 6 rows"
    assert "scope3_category_7" not in facts.baseline.derived  # stated as one row


def test_market_and_location_based_scope2() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline Year: 2022
        Baseline year emissions: 2022
        EMISSIONS TOTAL (tCO2e)
        Scope 1 0.7
        Scope 2
        Market-based: 1.858
        Location-based: 3.381
        Scope 3 1183.6
        Total Emissions
        Market-based: 1186.16
        Location-based: 1187.68
        """
    )
    base = facts.baseline
    assert (base.scope2, base.scope2_market, base.scope2_location) == (1.858, 1.858, 3.381)
    assert (base.total, base.total_market, base.total_location) == (1186.16, 1186.16, 1187.68)


def test_table_split_by_a_page_break_and_repeated_footer() -> None:
    footer = "Example Ltd - confidential - Page {n} of 3"
    facts = facts_of(
        f"""
        Carbon Reduction Plan
        Baseline Year: 2022
        Baseline year emissions:
        EMISSIONS TOTAL (tCO2e)
        Scope 1 Company vehicles: petrol and diesel
        5.5
        Scope 2 Electricity, steam, heating
        {footer.format(n=1)}
        """,
        f"""
        1,057
        Scope 3 (Included Sources)
        5,699
        Total Emissions 6,761.5
        {footer.format(n=2)}
        """,
        f"""
        Declaration and Sign Off
        {footer.format(n=3)}
        """,
    )
    base = facts.baseline
    assert (base.scope1, base.scope2, base.scope3, base.total) == (5.5, 1057.0, 5699.0, 6761.5)
    assert facts.evidence["baseline.scope2"][-1].page == 2


def test_text_instead_of_figures_is_not_disclosed() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Current Emissions Reporting
        Reporting Year: 2022
        EMISSIONS TOTAL (tCO2e)
        Scope 1 As baseline figures are 2021, current figures are not yet available.
        Scope 2 Not yet available
        """
    )
    cur = facts.current
    assert cur.scope1 is None and cur.scope2 is None
    assert "scope1" in cur.not_numeric and "scope2" in cur.not_numeric


def test_first_year_reporter_repeats_the_baseline_as_current() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline Year: 2022
        The current reporting year (January 2022 – December 2022) is the first year that we
        have measured and reported our carbon footprint.
        Baseline year emissions: 2022
        EMISSIONS TOTAL (tCO2e)
        Scope 1 0.7
        Scope 2 1.9
        Scope 3 1183.6
        Total Emissions 1186.2
        """
    )
    assert facts.current.same_as_baseline
    assert facts.current.total == 1186.2
    assert "all" in facts.current.derived


def test_figures_in_a_unit_that_is_not_co2e_mass_are_not_reported() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Baseline Year: 2023
        Baseline year emissions: 664,699,971 CO2 gpm.
        Total Emissions 664,699,971 CO2 gpm.
        """
    )
    assert facts.baseline.total is None


def test_prose_figures_are_read_for_the_stated_year() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        LSUK has selected 2023 as its baseline year for carbon emissions assessment.
        Total Estimated Emissions for 2023: 95 metric tonnes CO2e
        The most recent reporting year is 2024, with updated emissions data being finalised.
        Total Estimated Emissions for 2024: 77 metric tonnes CO2e
        We aim to reduce emissions by 50% to 47 tCO2e by 2028.
        """
    )
    assert (facts.baseline.end_year, facts.baseline.total) == (2023, 95.0)
    assert (facts.current.end_year, facts.current.total) == (2024, 77.0)


def test_target_figures_are_not_emissions() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        We project that carbon emissions will decrease over the next five years to 73 tCO2e
        by 2026. This is a reduction of 17.9%.
        """
    )
    assert facts.baseline.total is None and facts.current.total is None


def test_prose_sentence_starting_with_scope_is_not_a_table_row() -> None:
    facts = facts_of(
        """
        Sustainability Policy
        Our emissions for the year 2022-2023 were around 1.72 tonnes CO2e.
        Scope 2 emissions, generated from energy purchased for heating and electricity,
        currently sit at 0, as the provider we use supplies renewable energy only to us.
        """
    )
    assert facts.current.scope2 == 0.0
    assert facts.current.total == 1.72
    assert "current.table" not in facts.evidence
