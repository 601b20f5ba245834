"""Scope 3 categories written the ways plans write them, beyond the shared plans: items of a
list with their figure at the end, a name alone on its line with its figure or reason below
(a wrapped table row, a web page's heading), two names of one category in one item, dotted
leaders, transport words whose direction the item gives, and "Included? Yes / No" columns."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from documents import facts_of
from layouts import docx_plan, facts_from, pdf_table_plan
from rule_cases import run

from crp_checker.pipeline import assess
from crp_checker.rules.scope3 import Scope3Coverage, scope3_coverage
from crp_checker.schemas import Facts, Outcome

REQUIRED = (4, 5, 6, 7, 9)
SYNTHETIC = Path(__file__).resolve().parents[1] / "fixtures" / "synthetic-crps"
HEAD = """
Carbon Reduction Plan
Supplier name: Example Services Ltd
Baseline Emissions Footprint
Baseline year: 2022
Scope 1 12.0 tCO2e
Scope 2 8.0 tCO2e
Scope 3 40.0 tCO2e
Total 60.0 tCO2e
"""


def coverage_of(body: str) -> Scope3Coverage:
    return scope3_coverage(facts_of(HEAD + textwrap.dedent(body)), REQUIRED)


def coverage(facts: Facts) -> Scope3Coverage:
    return scope3_coverage(facts, REQUIRED)


# ------------------------------------------------ list items with their figure at the end


@pytest.mark.parametrize(
    "body",
    [
        # semicolons, the name not at the start of its item
        "Scope 3 is made up of: timber deliveries from merchants 4.1; skip waste 2.0; business "
        "travel 10.3; staff commuting 20.0; outbound distribution 3.6.",
        # commas and a footnote marker
        "* Scope 3 comprises business travel 10.3, employee commuting 20.0, waste 2.0, "
        "inbound deliveries 4.1 and downstream distribution 3.6.",
        # dashes between each name and its figure
        "Scope 3 sources – business travel – 10.3, commuting – 20.0, waste – 2.0, "
        "purchased transport – 4.1, outbound freight – 3.6.",
        # figures in brackets without a unit
        "Our Scope 3 includes business travel (10.3), commuting (20.0), waste (2.0), "
        "upstream deliveries (4.1) and deliveries to customers (3.6).",
        # a long description before the figure
        "Scope 3 total - 40.0 tCO2e, made up of: site visits by car and rail - 10.3; staff "
        "commuting - 20.0; courier shipments of soil and water samples to laboratories - 4.1; "
        "office and laboratory waste - 2.0; product deliveries - 3.6.",
    ],
)
def test_items_of_a_scope_3_list_take_the_figure_that_closes_them(body: str) -> None:
    found = coverage_of(body)
    assert found.reported == REQUIRED


def test_a_list_item_figure_is_not_taken_from_the_next_item() -> None:
    found = coverage_of(
        "Scope 3 is made up of business travel, which we are still measuring; waste 2.0; "
        "staff commuting 20.0."
    )
    assert 6 not in found.reported
    assert found.reported == (5, 7)


def test_counts_in_a_list_item_are_not_figures() -> None:
    found = coverage_of(
        "Scope 3 includes business travel for our 25 staff; commuting by 40% of the team; "
        "waste from 3 sites."
    )
    assert found.reported == ()


# ------------------------------------------ a name alone on its line, the value below it


def test_a_wrapped_table_row_takes_the_figures_on_the_line_below() -> None:
    found = coverage_of(
        """
        Scope 3 categories
        GHG Protocol category 2022 2025 Notes
        4 Upstream transportation and
        distribution
        2.1 1.8 Deliveries of gloves and uniforms
        5 Waste generated in operations 3.4 2.9 Clinical waste
        6 Business travel 14.2 11.8 Carers' mileage
        7 Employee commuting 21.5 19.7 Office staff
        9 Downstream transportation and
        distribution
        0.0 0.0 We deliver care, not goods: there is no downstream transport
        Scope 3 total 41.2 35.8
        """
    )
    assert found.reported == REQUIRED
    assert (
        facts_of(HEAD + "4 Upstream transportation and\ndistribution\n2.1 1.8")
        .scope3_detail[0]
        .figure
        == "2.1"
    )


def test_headings_over_paragraphs_as_on_a_web_page() -> None:
    found = coverage_of(
        """
        Our Scope 3 emissions
        Business travel
        10.3 tCO2e from rail, flights and hire cars.
        Employee commuting
        20.0 tCO2e, from our annual staff survey.
        Waste
        2.0 tCO2e from general and recycled waste.
        Upstream transport
        4.1 tCO2e from supplier deliveries.
        Downstream transport
        Not relevant: we sell services, not goods.
        """
    )
    assert found.reported == (4, 5, 6, 7)
    assert found.ruled_out == (9,)


def test_a_bare_whole_number_below_a_heading_is_not_a_figure() -> None:
    found = coverage_of(
        """
        Scope 3 emissions cover the following.
        Business travel
        12 trips to Scotland were replaced by video calls.
        Waste
        3 skips a week, half of it recycled.
        """
    )
    assert 5 not in found.reported and 6 not in found.reported


def test_the_figure_closing_a_bullet_list_stays_the_list_total() -> None:
    found = coverage_of(
        """
        Scope 3 including:
        - Business travel
        - Employee commuting
        - Waste
        41.2
        """
    )
    assert found.reported == ()
    assert found.in_total == (5, 6, 7)


def test_a_pdf_table_whose_category_labels_wrap() -> None:
    rows = [
        ["Category", "2022 (tCO2e)", "2025 (tCO2e)", "Notes"],
        ["4 Upstream transportation and distribution", "2.1", "1.8", "Parts deliveries"],
        ["5 Waste generated in operations", "3.4", "2.9", ""],
        ["6 Business travel", "14.2", "11.8", ""],
        ["7 Employee commuting", "21.5", "19.7", ""],
        ["9 Downstream transportation and distribution", "0.0", "0.0", "We sell no goods"],
    ]
    data = pdf_table_plan(
        ["Carbon Reduction Plan", "Baseline year: 2022", "Scope 3 categories"],
        rows,
        widths=[110, 70, 70, 120],
    )
    assert coverage(facts_from(data, "plan.pdf")).covered == REQUIRED


# --------------------------------------------------- two names of one category, one item


def test_a_description_in_brackets_naming_the_category_again() -> None:
    data = docx_plan(
        ["Carbon Reduction Plan", "Baseline year: 2022", "All figures are tCO2e."],
        [
            ["Scope", "Source", "2022", "2025", "Notes"],
            ["3", "Cat 4 Upstream transportation (parts and tyre deliveries)", "1.9", "1.6", ""],
            ["3", "Cat 5 Waste generated in operations", "2.3", "1.8", ""],
            ["3", "Cat 6 Business travel (volunteer drivers' mileage)", "26.4", "19.8", ""],
            ["3", "Cat 7 Employee commuting (staff commute survey)", "14.1", "12.5", ""],
            ["3", "Cat 9 Downstream transportation", "0.0", "0.0", "We carry people, not goods"],
        ],
    )
    assert coverage(facts_from(data, "plan.docx")).covered == REQUIRED


def test_dotted_leaders_between_a_row_and_its_figures() -> None:
    found = coverage_of(
        """
        Scope 3 sources (2022 / 2025, tCO2e):
           Cat 4 - courier and post (upstream transportation) ........ 1.9 / 1.5
           Cat 5 - office waste and confidential shredding ........... 1.4 / 1.1
           Cat 6 - client visits and business travel ................. 11.6 / 8.2
           Cat 7 - staff commuting ................................... 26.9 / 22.7
           Cat 9 - not relevant: we deliver no goods to clients.
        """
    )
    assert found.reported == (4, 5, 6, 7)
    assert found.ruled_out == (9,)


def test_a_category_ruled_out_then_named_again_is_not_merged_into_a_figure() -> None:
    found = coverage_of("Scope 3: waste N/A (no waste leaves site); business travel 10.3.")
    assert 5 not in found.reported


# ------------------------------------------------- direction of transport and delivery words


@pytest.mark.parametrize(
    "body",
    [
        "Scope 3 sources: courier deliveries of equipment to customers (downstream) 16.7.",
        "Scope 3 sources: courier to clients 16.7 tCO2e.",
        "Scope 3 | Deliveries to our retail customers | 16.7 |",
    ],
)
def test_a_delivery_word_going_to_customers_is_downstream(body: str) -> None:
    found = coverage_of(body)
    assert 9 in found.reported
    assert 4 not in found.reported


@pytest.mark.parametrize(
    "body",
    [
        "Category 9 is not relevant as we make no deliveries.",
        "Downstream transport does not apply: we sell nothing, so there are no deliveries.",
    ],
)
def test_a_delivery_word_inside_the_reason_for_category_9(body: str) -> None:
    found = coverage_of(body)
    assert found.ruled_out == (9,)
    assert 4 in found.missing


def test_a_delivery_word_with_both_directions_stays_upstream() -> None:
    found = coverage_of("Scope 3: couriers from suppliers and to customers 4.2 tCO2e.")
    assert 4 in found.reported and 9 not in found.reported


# ------------------------------------------------------------ Included? Yes / No columns


def test_an_included_column_with_a_reason_column_in_pipe_text() -> None:
    found = coverage_of(
        """
        Category | Included? | Reason
        Cat 4 Upstream transportation | Yes |
        Cat 5 Waste | Yes |
        Cat 6 Business travel | Yes |
        Cat 7 Employee commuting | Yes |
        Cat 9 Downstream transportation | No | We sell no goods
        """
    )
    assert found.in_total == (4, 5, 6, 7)
    assert found.ruled_out == (9,)
    assert found.outcome.value == "partial"


def test_an_included_column_beside_figures_in_a_word_table() -> None:
    data = docx_plan(
        ["Carbon Reduction Plan", "Baseline year: 2022"],
        [
            ["Scope 3 category", "Included", "tCO2e", "Reason for exclusion"],
            ["Upstream transportation and distribution", "Yes", "4.1", ""],
            ["Waste generated in operations", "Yes", "2.0", ""],
            ["Business travel", "Yes", "10.3", ""],
            ["Employee commuting", "Yes", "20.0", ""],
            ["Downstream transportation and distribution", "No", "-", "Consultancy only"],
        ],
    )
    found = coverage(facts_from(data, "plan.docx"))
    assert found.reported == (4, 5, 6, 7)
    assert 9 in found.ruled_out + found.no_reason


def test_an_excluded_column_reads_the_other_way_round() -> None:
    found = coverage_of(
        """
        Scope 3 source | Excluded? | Why
        Business travel | No |
        Employee commuting | No |
        Downstream transportation | Yes | We do not sell or ship products
        """
    )
    assert found.in_total == (6, 7)
    assert found.ruled_out == (9,)


def test_a_measured_column_answered_no_is_not_yet_measured() -> None:
    found = coverage_of(
        """
        Category | Measured? | Comment
        Upstream transportation | No | Supplier data requested
        Business travel | Yes | 10.3 tCO2e
        """
    )
    assert found.unmeasured == (4,)
    assert 6 in found.reported


def test_a_yes_without_an_inclusion_question_is_not_read() -> None:
    found = coverage_of(
        """
        Category | Notes
        Downstream transportation | No
        """
    )
    assert 9 not in found.ruled_out


def test_an_html_table_with_an_included_column(tmp_path: Path) -> None:
    rows = [
        ("Upstream transportation and distribution", "Yes", "4.1", ""),
        ("Waste generated in operations", "Yes", "2.0", ""),
        ("Business travel", "Yes", "10.3", ""),
        ("Employee commuting", "Yes", "20.0", ""),
        ("Downstream transportation and distribution", "No", "", "We sell no products"),
    ]
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    html = (
        "<html><body><h1>Carbon Reduction Plan</h1><p>Baseline year: 2022</p>"
        "<table><tr><th>Category</th><th>Included?</th><th>tCO2e</th><th>Reason</th></tr>"
        f"{cells}</table></body></html>"
    )
    path = tmp_path / "plan.html"
    path.write_text(html, encoding="utf-8")
    found = coverage(assess(path).facts)
    assert found.reported == (4, 5, 6, 7)
    assert found.ruled_out == (9,)


# ------------------------------------------------------------- the synthetic plans


@pytest.mark.parametrize(
    "name",
    [
        "uc03_thistledown-home-care.pdf",  # wrapped PDF rows, a zero row with its reason
        "uc06_marlpit-environmental.pdf",  # 'Scope 3 total - N, made up of: ...'
        "uc11_ashcombe-community-transport.docx",  # a description naming the category again
        "uc14_tanyard-joinery.docx",  # 'Timber and board deliveries 18.7; ...'
        "uc16_brindley-wharf-marine.html",  # 'hired haulage ... (cat 4) 18.2 in 2021 ...'
        "uc19_colbeck-haig-accountants.txt",  # dotted leaders
        "uc24_fairhaven-mobility.md",  # 'courier deliveries ... to customers (downstream)'
    ],
)
def test_synthetic_plans_cover_all_five_categories(name: str) -> None:
    assessment = assess(SYNTHETIC / name)
    finding = next(f for f in assessment.findings if f.rule == "scope3-categories")
    assert finding.outcome.value == "pass", finding.message


# ------------------------------------------------- ruled out by the words before a list


@pytest.mark.parametrize(
    "body",
    [
        "The following categories are not relevant to our business, as we neither buy nor "
        "sell physical goods: upstream transportation and distribution; downstream "
        "transportation and distribution.",
        "Not included: upstream transport and downstream transport – we provide IT support "
        "remotely and ship nothing.",
        "Excluded as not relevant (we hold no stock and sell no goods): Cat 4, Cat 9.",
    ],
)
def test_names_listed_after_words_that_rule_them_out(body: str) -> None:
    found = coverage_of(body)
    assert found.ruled_out == (4, 9)


def test_a_list_lead_that_says_nothing_leaves_the_names_as_they_were() -> None:
    found = coverage_of("Our main Scope 3 sources: business travel; employee commuting.")
    assert found.ruled_out == ()
    assert found.in_total == (6, 7)


def test_a_rule_out_after_figures_in_the_same_sentence() -> None:
    found = coverage_of(
        "We report business travel (10.3 tCO2e), staff commuting (20.0 tCO2e), waste (2.0 "
        "tCO2e) and couriers (4.1 tCO2e) as our Scope 3. We have not included downstream "
        "transportation and distribution because we do not sell products."
    )
    assert found.covered == REQUIRED


@pytest.mark.parametrize(
    ("body", "ruled_out"),
    [
        ("Categories 1-3, 8 and 9-15 are excluded as not relevant to a consultancy.", (9,)),
        ("Cats 4 to 5 and 9 are not relevant: we sell no goods and produce no waste.", (4, 5, 9)),
        ("Categories 8–15 do not apply to us because we sell no products.", (9,)),
    ],
)
def test_ranges_of_category_numbers(body: str, ruled_out: tuple[int, ...]) -> None:
    assert coverage_of(body).ruled_out == ruled_out


def test_a_category_and_its_figure_after_a_dash_is_not_a_range() -> None:
    found = coverage_of("Scope 3 included sources:\nCat 6 - 9.9\nCat 7 - 12.8")
    assert found.reported == (6, 7)


# ------------------------------------------------------------------ ticks and crosses


def test_ticked_and_crossed_categories() -> None:
    found = coverage_of(
        """
        Scope 3 categories included in our footprint:
        ✓ Business travel
        ✓ Employee commuting
        ✔ Waste generated in operations
        ✓ Upstream transportation and distribution
        ✗ Downstream transportation and distribution (we do not sell goods)
        """
    )
    assert found.in_total == (4, 5, 6, 7)
    assert found.ruled_out == (9,)


def test_a_cross_without_a_reason_is_left_out_without_one() -> None:
    found = coverage_of("Scope 3 sources:\n✓ Business travel 10.3 tCO2e\n✘ Downstream transport")
    assert found.reported == (6,)
    assert found.no_reason == (9,)


# ------------------------------------------------------------- more names, and doubt


@pytest.mark.parametrize(
    ("body", "reported"),
    [
        ("Scope 3 | Car hire and hotel accommodation | 10.3", (6,)),
        ("Scope 3 | Postage and parcels | 4.1", (4,)),
        ("Scope 3 | Journeys between home and the office | 20.0", (7,)),
        ("Scope 3 | Skips and recycling collections | 2.0", (5,)),
        ("Scope 3 includes employee-owned vehicles used for business 10.3 tCO2e.", (6,)),
    ],
)
def test_more_names_of_the_required_categories(body: str, reported: tuple[int, ...]) -> None:
    assert coverage_of(body).reported == reported


def test_scope_3_sources_the_checker_cannot_place_go_to_a_person() -> None:
    facts = facts_of(
        HEAD + "Scope 3 | Staff journeys to site | 20.0\nScope 3 | Van loans from partners | 3.1"
    )
    finding = run("scope3-categories", facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question and "Staff journeys to site" in finding.question


@pytest.mark.parametrize(
    "body",
    [
        "Scope 3 | Cloud computing | 1.3",  # a source, but of no required category
        "Scope 3 (Included Sources) | 31.2",  # the template's label, not a source
    ],
)
def test_sources_that_cannot_be_required_categories_still_fail(body: str) -> None:
    assert run("scope3-categories", facts_of(HEAD + body)).outcome is Outcome.FAIL


@pytest.mark.parametrize(
    ("item", "number"),
    [
        ("outbound courier deliveries 5.0 tCO2e", 9),
        ("outbound pallet freight 5.0 tCO2e", 9),
        ("Outbound road haulage: 5.0 tCO2e", 9),
        ("inbound supplier deliveries 5.0 tCO2e", 4),
        ("Inbound parcel shipments 5.0 tCO2e", 4),
    ],
)
def test_direction_words_with_a_word_between_name_the_transport_category(
    item: str, number: int
) -> None:
    facts = facts_of(HEAD + f"\nScope 3 sources: {item}.")
    assert number in facts.scope3_categories
