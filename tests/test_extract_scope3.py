"""How a plan addresses each Scope 3 category: read by name, number or synonym, in table rows,
cells, prose and lists; with a figure, inside one total, not yet measured, or ruled out."""

from __future__ import annotations

import textwrap

from documents import facts_of
from rule_cases import buyer

from crp_checker.rules import RULES, RuleContext
from crp_checker.rules.scope3 import Scope3Coverage, scope3_coverage
from crp_checker.schemas import Facts, Outcome

REQUIRED = (4, 5, 6, 7, 9)
HEAD = """
Carbon Reduction Plan
Supplier name: Example Services Ltd
Baseline Emissions Footprint
Baseline year: 2022
"""


def plan(body: str) -> str:
    """A plan's first page: the heading lines, then `body` (dedented)."""
    return HEAD + textwrap.dedent(body)


def coverage(*pages: str) -> Scope3Coverage:
    return scope3_coverage(facts_of(*pages), REQUIRED)


def detail(facts: Facts, number: int) -> dict[str, object]:
    item = next(d for d in facts.scope3_detail if d.number == number)
    return item.model_dump()


# --------------------------------------------------------------- figures in rows, cells, prose


def test_rows_with_the_scope_in_a_column_after_the_source() -> None:
    found = coverage(
        plan(
            """
        Emissions Source Scope Baseline (tCO2e) Notes
        Company vehicles Scope 1 0.0 No company vehicles
        Purchased electricity Scope 2 0.8 Home office energy usage
        Business travel Scope 3 2.1 Flights, rail, taxis for client meetings
        Employee commuting Scope 3 0.3 Minimal due to remote-first model
        Total Baseline 3.2
        """
        )
    )
    assert found.reported == (6, 7)
    assert found.missing == (4, 5, 9)


def test_rows_with_the_scope_first_and_two_year_columns() -> None:
    found = coverage(
        plan(
            """
        Scope Source 2022 (baseline) 2024 (current)
        Scope 1 Natural gas 14.2 10.1
        Scope 2 Purchased electricity 31.5 19.7
        Scope 3 Business travel 18.3 15.7
        Scope 3 Employee commuting 42.6 30.2
        Scope 3 Waste generated in operations (including
        WEEE)
        1.9 1.4
        Scope 3 Upstream transportation and distribution Not yet measured Not yet measured
        Scope 3 Downstream transportation and distribution Not yet measured Not yet measured
        Total 110.0 80.0
        """
        )
    )
    assert found.reported == (5, 6, 7)
    assert found.unmeasured == (4, 9)
    assert found.outcome.value == "partial"


def test_pipe_table_rows_named_by_number_with_na_and_a_reason_below() -> None:
    found = coverage(
        plan(
            """
        tCO2e | 2021 (baseline) | 2024 (current) |
        Scope 1 | 18.6 | 12.9 |
        Scope 2 | 44.8 | 35.6 |
        Scope 3 – Cat 4 | N/A | N/A |
        Scope 3 – Cat 5 | 2.2 | 1.6 |
        Scope 3 – Cat 6 | 61.8 | 95.3 |
        Scope 3 – Cat 7 | 204.7 | 240.2 |
        Scope 3 – Cat 9 | N/A | N/A |
        Total | 332.1 | 385.6 |
        Cat 4 and Cat 9: N/A – we supply people, not goods; there is no freight.
        """
        )
    )
    assert found.reported == (5, 6, 7)
    assert found.ruled_out == (4, 9)
    assert found.outcome.value == "pass"


def test_several_categories_in_one_cell_each_with_its_figure() -> None:
    cell = (
        "Scope 3 | Food deliveries to our kitchens: 64.0; Food waste and general waste: 22.5; "
        "Business mileage: 5.8; Staff commuting: 71.2; Total Scope 3: 163.5 |"
    )
    found = coverage(
        plan(
            f"""
            Emissions (tCO2e) | 2022 (baseline) |
            Scope 1 | Kitchen gas: 88.4; Total Scope 1: 88.4 |
            Scope 2 | Office electricity: 3.1; Total Scope 2: 3.1 |
            {cell}
            Total | 255.0 |
            """
        )
    )
    assert found.reported == (4, 5, 6, 7)
    assert found.missing == (9,)


def test_numbered_categories_listed_in_one_line() -> None:
    found = coverage(
        plan(
            """
        Scope 1 Plant diesel: 412.6; Total Scope 1: 412.6
        Scope 3 Cat 4: 301.4; Cat 5: 96.2; Cat 6: 22.8; Cat 7: 143.5;
        Total Scope 3: 563.9
        Cat 9 is not reported: we deliver no products to customers.
        """
        )
    )
    assert found.reported == (4, 5, 6, 7)
    assert found.ruled_out == (9,)


def test_short_numbers_and_dashes() -> None:
    found = coverage(
        plan(
            """
        Scope 3 included sources:
        Cat 6 - 9.9
        C7 Employee commuting - 12.8
        Category 5: Waste generated in operations – 0.4
        """
        )
    )
    assert found.reported == (5, 6, 7)


def test_synonyms_with_figures_in_prose() -> None:
    found = coverage(
        plan(
            """
        In 2022 our Scope 3 emissions were 12.0 tonnes CO2e. The largest part was staff travel
        to client sites (6.1 tonnes CO2e); staff commute was 4.4, homeworking 0.9 and waste to
        landfill 0.6 tonnes CO2e.
        """
        )
    )
    assert found.reported == (5, 6, 7)


def test_synonyms_with_a_typed_unit() -> None:
    found = coverage(
        plan(
            """
        Scope 3 is made up of couriers bringing parts to us (3.2 tC02e), employee travel to
        meetings (1.1 tC02e) and deliveries to customers (7.4 tC02e).
        """
        )
    )
    assert found.reported == (4, 6, 9)


def test_numbers_that_count_something_else_are_not_figures() -> None:
    found = coverage(
        plan(
            """
        Scope 3 covers business travel and commuting. Business travel: 120 flights and 35
        hotel nights; commuting: 14 staff, 40% by bike.
        """
        )
    )
    assert found.reported == ()
    assert set(found.in_total) | set(found.named) == {6, 7}


# ------------------------------------------------------------ named without a figure


def test_bullets_under_one_scope_3_figure_are_inside_the_total() -> None:
    found = coverage(
        plan(
            """
        EMISSIONS TOTAL (tCO2e)
        Scope 1 0.7
        Scope 2 1.9
        Scope 3 including:
        ● Business Travel
        ● Transportation & Distribution (Upstream & Downstream)
        ● Employee Commuting & Homeworking
        ● Operational Waste & Water
        1183.6
        Total Emissions 1186.2
        """
        )
    )
    assert found.in_total == REQUIRED
    assert found.outcome.value == "partial"


def test_sources_listed_in_the_scope_3_row_share_its_figure() -> None:
    found = coverage(
        plan(
            """
        Emission Source Emissions (tCO2e)
        Scope 1: Fuel combustion (natural gas) 200
        Scope 2: Purchased electricity 111
        Scope 3: Estimated based on guidance, including business travel, employee
        commuting, and supply chain emissions
        435
        Total Emissions 746
        """
        )
    )
    assert found.in_total == (6, 7)
    assert found.reported == ()


def test_included_sources_line_with_no_figures() -> None:
    found = coverage(
        plan(
            """
        Scope 3 (Included Sources) 31.2
        Scope 3 (Included Sources): business mileage and employee commuting.
        """
        )
    )
    assert found.in_total == (6, 7)
    assert found.outcome.value == "fail"


def test_two_categories_before_one_figure_share_it() -> None:
    found = coverage(plan("Scope 3 - staff commuting and business travel: 12.4 tCO2e\n"))
    assert found.in_total == (6, 7)
    assert found.reported == ()


def test_not_yet_measured_is_named_not_ruled_out() -> None:
    found = coverage(
        plan(
            """
        Scope 3 includes subcontracted courier legs (upstream transportation and
        distribution): 40.1 tCO2e; employee commuting: 18.6; business travel: 3.2.
        Waste generated in operations and downstream transportation and distribution will be
        added when we have reliable data.
        """
        )
    )
    assert found.reported == (4, 6, 7)
    assert found.unmeasured == (5, 9)
    assert found.outcome.value == "partial"


# --------------------------------------------------------------------------- ruled out


def test_ruled_out_with_a_reason_after_a_colon() -> None:
    facts = facts_of(
        plan(
            """
        Categories 4 and 9 (upstream and downstream transportation and distribution) are not
        relevant to the group: we provide consultancy services and sell no goods.
        """
        )
    )
    found = scope3_coverage(facts, REQUIRED)
    assert found.ruled_out == (4, 9)
    assert "consultancy" in str(detail(facts, 9)["reason"])


def test_ruled_out_with_the_reason_before_it() -> None:
    found = coverage(
        plan(
            """
        We do not buy, sell or ship physical goods. Our work is delivered by email, so
        upstream and downstream transportation and distribution do not arise for us.
        """
        )
    )
    assert found.ruled_out == (4, 9)


def test_ruled_out_by_materiality_and_by_what_the_business_does() -> None:
    found = coverage(
        plan(
            """
        Deliveries to us are negligible. We carry people, not goods, so there is no
        downstream transportation to report.
        """
        )
    )
    assert found.ruled_out == (4, 9)


def test_there_are_no_emissions_related_to_numbered_categories() -> None:
    found = coverage(
        plan(
            """
        There are no emissions to report related to 5. Waste generated in operations, or
        4. Upstream transportation and distribution, and 9. Downstream transportation and
        distribution, as there was no transportation or distribution of products.
        """
        )
    )
    assert found.ruled_out == (4, 5, 9)


def test_excluded_without_a_reason() -> None:
    found = coverage(plan("Category 9 (downstream transportation) is excluded.\n"))
    assert found.no_reason == (9,)


# ----------------------------------------------------------------- mentions that do not count


def test_a_definition_of_scope_3_is_not_a_report() -> None:
    found = coverage(
        plan(
            """
        • Scope 3: All other indirect emissions that occur in the value chain (e.g., employee
        commuting, waste disposal).
        """
        )
    )
    assert found.missing == REQUIRED


def test_measures_and_targets_do_not_report_categories() -> None:
    found = coverage(
        plan(
            """
        Carbon Reduction Projects
        • Video calls replaced most business travel, cutting it by 40%.
        • Waste reduction and recycling reduced waste-related Scope 3 impacts.
        Emissions Reduction Targets
        • Reduce employee commuting emissions to 2.0 tCO2e by 2030.
        """
        )
    )
    assert found.missing == REQUIRED


def test_a_word_of_the_organisation_name_is_not_a_category() -> None:
    found = coverage(
        """
        Carbon Reduction Plan
        Supplier name: Harbour Couriers Ltd
        Baseline Emissions Footprint
        Harbour Couriers Ltd has no Scope 3 emissions to report for this year.
        Harbour Couriers are committed to reducing emissions.
        """
    )
    assert found.missing == REQUIRED


def test_evidence_quotes_where_each_category_was_read() -> None:
    facts = facts_of(plan("Scope 3 | Business travel | 4.2 | 3.6 |\n"))
    quotes = [e.quote for e in facts.evidence["scope3.6"]]
    assert any("Business travel | 4.2" in quote for quote in quotes)
    assert detail(facts, 6)["figure"] == "4.2"


def test_logistics_and_hauliers_are_upstream_transport() -> None:
    found = coverage(
        plan(
            """
            Scope 3 | Third-party logistics | 14.0 |
            Scope 3 | Waste to landfill | 2.2 |
            """
        )
    )
    assert found.reported == (4, 5)


def test_rows_whose_figures_sit_in_another_block_go_to_a_person() -> None:
    facts = facts_of(
        plan(
            """
            Source
            Business travel
            Employee commuting
            Waste generated in operations
            tCO2e
            12.3
            4.5
            0.8
            """
        )
    )
    assert facts.readings["scope3.6"].how == "inferred"
    finding = RULES["scope3-categories"].run(facts, RuleContext(buyer=buyer(), page_count=1))
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question is not None
    assert "Does the row 'Business travel' (p. 1) give a figure for category 6" in finding.question


def test_a_category_named_in_a_sentence_is_not_a_doubtful_row() -> None:
    facts = facts_of(
        plan("Commuting and business travel are estimated from a staff survey each year.\n")
    )
    assert "scope3.6" not in facts.readings


def test_a_scope_1_row_naming_logistics_is_the_organisations_own_fleet() -> None:
    found = coverage(
        plan(
            """
            Scope 1 | Logistics fleet (diesel) and couriers' vans we lease | 120.5 |
            Scope 2 | Depot electricity | 10.0 |
            Scope 3 | Business travel | 4.0 |
            """
        )
    )
    assert found.reported == (6,)
    assert found.missing == (4, 5, 7, 9)


def test_a_bulleted_list_of_categories_with_figures() -> None:
    found = coverage(
        plan(
            """
            Our Scope 3 emissions in 2024 were:
            • Business travel – 2.1 tCO2e
            - Employee commuting (including homeworking): 0.9 tCO2e
            • Deliveries from suppliers: 1.4 tCO2e
            • Upstream transportation: not yet measured
            """
        )
    )
    assert found.reported == (4, 6, 7)
