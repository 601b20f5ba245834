"""Scope 3 categories (round 3): sources listed under a caption or a Scope 3 row whose label runs
longer than the category's name, a row label that the name closes ("Office and site waste"),
category numbers written with the scope ("S3.6 Travel"), and commuting and downstream transport
in the plan's own words ("drivers travelling to and from the depot", "delivering orders to
customers"). Each class in several wordings and layouts of our own, with the look-alikes that
must stay unread."""

from __future__ import annotations

import io

import docx
import pytest
from documents import facts_of
from layouts import facts_from

from crp_checker.rules.scope3 import Scope3Coverage, scope3_coverage
from crp_checker.schemas import Facts

REQUIRED = (4, 5, 6, 7, 9)
HEAD = """Carbon Reduction Plan
Supplier name: Copperdale Fabrications Ltd
Commitment to achieving Net Zero
Copperdale Fabrications Ltd is committed to achieving Net Zero emissions by 2045.
Current Emissions Reporting
Reporting year: 2025. All figures are in tCO2e.
Scope 1 41.0 37.5
Scope 2 12.2 9.8
Scope 3 30.4 27.1
Total 83.6 74.4
"""
TAIL = "\nEmissions Reduction Targets\nWe will cut total emissions by 40% by 2030.\n"


def coverage(body: str) -> Scope3Coverage:
    return scope3_coverage(facts_of(HEAD + body + TAIL), REQUIRED)


def figure(facts: Facts, number: int) -> str | None:
    return next((d.figure for d in facts.scope3_detail if d.number == number), None)


def word_plan(paragraphs: list[str], rows: list[list[str]], after: list[str]) -> Facts:
    """A Word plan: paragraphs, one Scope 3 table, paragraphs."""
    document = docx.Document()
    for text in HEAD.splitlines():
        document.add_paragraph(text)
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    for text in [*after, *TAIL.strip().splitlines()]:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return facts_from(out.getvalue(), "plan.docx")


# ----------------------------------------- sources listed under a caption or a Scope 3 row


@pytest.mark.parametrize(
    "body",
    [
        # a caption that says what Scope 3 is made of, rows with long labels and two columns
        "What our Scope 3 total is made up of\n"
        "Source 2022 2025\n"
        "Steel and timber deliveries from merchants to our yard 6.4 5.9\n"
        "Scrap, swarf and general workshop waste 2.3 2.0\n"
        "Business travel by the estimating team 4.1 3.6\n"
        "Staff commuting 15.2 13.4\n"
        "Downstream transportation and distribution does not apply: customers collect "
        "every order from our yard.\n",
        # a Scope 3 row over its sources, 'then' between the years
        "Scope 3 sources, 2022 then 2025\n"
        "Packaging and pallet deliveries from our supplier: 3.3 then 2.8\n"
        "Offcuts, packaging and canteen waste: 1.9 then 1.6\n"
        "Business travel: 4.4 then 4.0\n"
        "Staff commuting: 11.0 then 10.2\n"
        "Carriage of finished frames to customers by our haulier: 9.8 then 8.5\n",
        # bulleted items under a caption ending in a colon, kilograms with separators
        "Our Scope 3 figure covers (kg CO2e, 2022 / 2025):\n"
        "- Category 4, inbound haulage of sheet steel, fixings and paint: 6,400 / 5,900\n"
        "- Category 5, swarf, offcuts and general waste from the workshop: 2,300 / 2,000\n"
        "- Category 6, business travel: 4,100 / 3,600\n"
        "- Category 7, employee commuting: 15,200 / 13,400\n"
        "- Category 9, carriage of finished gates to trade customers and sites: 2,400 / 2,200\n",
    ],
)
def test_sources_listed_under_a_scope3_caption_or_row_are_each_reported(body: str) -> None:
    found = coverage(body)
    assert set(found.reported) | set(found.ruled_out) == set(REQUIRED)


@pytest.mark.parametrize(
    "caption",
    ["Breakdown of Scope 3 (tCO2e)", "Sources of our Scope 3 emissions", "Scope 3 by source"],
)
def test_a_caption_naming_the_scope3_breakdown_opens_a_list(caption: str) -> None:
    facts = facts_of(
        HEAD + f"{caption}\nSource 2022 2025\n"
        "Deliveries of steel and timber from our merchants to the yard 6.4 5.9\n" + TAIL
    )
    assert figure(facts, 4) == "6.4"


def test_a_word_table_of_scope3_sources_with_long_labels() -> None:
    facts = word_plan(
        [],
        [
            ["Scope 3 source", "2022", "2025"],
            ["Deliveries of sheet steel, fixings and paint to the works", "6.4", "5.9"],
            ["Swarf and workshop waste", "2.3", "2.0"],
            ["Business travel", "4.1", "3.6"],
            ["Welders travelling to and from the works", "15.2", "13.4"],
        ],
        ["Downstream transportation and distribution does not apply: we sell no goods."],
    )
    assert (figure(facts, 4), figure(facts, 5), figure(facts, 7)) == ("6.4", "2.3", "15.2")
    assert scope3_coverage(facts, REQUIRED).outcome.value == "pass"


@pytest.mark.parametrize(
    "body",
    [
        # counts under a caption are not emissions
        "What our Scope 3 total includes\nBusiness travel: 38 trips by rail\n"
        "Staff commuting: 21 staff\n",
        # a number followed by another name counts that name ("120 flights")
        "Scope 3 covers business travel and waste. Business travel: 120 flights; waste: 4 skips\n",
        # a sentence that mentions what Scope 3 includes is no caption over rows
        "Our Scope 3 figure includes business travel and commuting, which we expect to fall "
        "as more of the team work from the new office.\n"
        "Business travel by the estimating team to tenders and site meetings 12\n",
    ],
)
def test_counts_and_sentences_near_a_scope3_list_are_not_figures(body: str) -> None:
    assert coverage(body).reported == ()


def test_a_list_under_a_caption_in_the_targets_is_not_a_report() -> None:
    found = coverage(
        "Emissions Reduction Targets\nOur Scope 3 reduction includes:\n"
        "Business travel 2.0\nStaff commuting 3.5\n"
    )
    assert found.reported == ()


# ----------------------------------------------------- a clause that opens with "No" + name


@pytest.mark.parametrize(
    "line",
    [
        "No downstream transport: customers collect every order from the yard.",
        "Nil downstream transportation and distribution - we sell no goods.",
        "No outbound deliveries, as all orders are collected by the buyer.",
    ],
)
def test_no_before_the_name_rules_it_out(line: str) -> None:
    assert 9 in coverage("Scope 3 sources\nBusiness travel 4.1\n" + line + "\n").ruled_out


@pytest.mark.parametrize(
    "line",
    [
        "No downstream transport data is held yet, because the haulier changed systems.",
        "No downstream transport figures are available as the courier has not sent them.",
    ],
)
def test_no_data_for_a_category_does_not_rule_it_out(line: str) -> None:
    found = coverage("Scope 3 sources\nBusiness travel 4.1\n" + line + "\n")
    assert 9 not in found.covered


# ------------------------------------------------------ a row label that the name closes


@pytest.mark.parametrize(
    "rows",
    [
        "Office and site waste        2.1      1.9\n",
        "Yard and office waste | 2.1 | 1.9 |\n",
        "Canteen, office and yard waste: 2.1\n",
    ],
)
def test_a_row_label_that_the_name_closes_carries_its_figure(rows: str) -> None:
    body = f"Breakdown of our Scope 3 emissions\n{rows}"
    facts = facts_of(HEAD + body + TAIL)
    assert figure(facts, 5) == "2.1"


def test_a_word_table_row_that_the_name_closes() -> None:
    facts = word_plan(
        ["Breakdown of our Scope 3 emissions"],
        [["Source", "2022", "2025"], ["Depot and workshop waste", "7.3", "6.1"]],
        [],
    )
    assert figure(facts, 5) == "7.3"


@pytest.mark.parametrize(
    "line",
    [
        "We will halve site waste: 2.1\n",
        "Reducing our office waste 2 times over\n",
    ],
)
def test_prose_before_a_name_is_no_row_label(line: str) -> None:
    facts = facts_of(HEAD + "Breakdown of our Scope 3 emissions\n" + line + TAIL)
    assert figure(facts, 5) is None


# ------------------------------------------------ category numbers written with the scope


@pytest.mark.parametrize(
    ("label", "number"),
    [
        ("S3.6 Travel", 6),
        ("S3-C4 Inbound freight", 4),
        ("S3 Cat 9 Outbound deliveries", 9),
        ("S3.5 Disposal", 5),
    ],
)
def test_a_category_number_written_with_the_scope(label: str, number: int) -> None:
    facts = facts_of(HEAD + f"Scope 3 categories\n{label}     5.5\n" + TAIL)
    assert figure(facts, number) == "5.5"


@pytest.mark.parametrize("line", ["S3 - 15.2 tCO2e", "S3.2 tCO2e in 2025", "S3 12 tonnes"])
def test_a_scope3_figure_is_no_category_number(line: str) -> None:
    facts = facts_of(HEAD + line + "\n" + TAIL)
    assert {d.number for d in facts.scope3_detail} <= {4, 5, 6, 7, 9}
    assert all(d.number not in (2, 12, 15) for d in facts.scope3_detail)


# ------------------------------------- commuting and downstream transport in own words


@pytest.mark.parametrize(
    ("source", "number"),
    [
        ("Drivers and fitters travelling to and from the depot", 7),
        ("Staff journeys to and from our offices", 7),
        ("Getting to work", 7),
        ("Crew travel to and from events and our warehouse", 7),
        ("Delivering finished kitchens to customers", 9),
        ("Despatching orders to our retailers", 9),
        ("Transporting pallets of stock to wholesalers", 9),
    ],
)
def test_commuting_and_downstream_transport_in_own_words(source: str, number: int) -> None:
    facts = facts_of(HEAD + f"Our Scope 3 includes:\n{source}: 8.8 tCO2e\n" + TAIL)
    assert figure(facts, number) == "8.8"


@pytest.mark.parametrize(
    ("source", "not_number"),
    [
        ("Business travel to and from client offices", 7),
        ("Engineers' travel to and from client sites", 7),
        ("Delivering services to clients", 9),
        ("Delivering the contract to the client", 9),
    ],
)
def test_travel_for_clients_and_services_delivered_are_not_these(
    source: str, not_number: int
) -> None:
    facts = facts_of(HEAD + f"Our Scope 3 includes:\n{source}: 8.8 tCO2e\n" + TAIL)
    assert not_number not in {d.number for d in facts.scope3_detail}


@pytest.mark.parametrize("below", ["Total              70.0", "Scope 1 and 2      50.3"])
def test_a_reason_in_the_last_row_stops_at_the_total_below(below: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nCurrent Emissions Reporting\nScope 3 categories:\n"
        "Business travel     5.5\n"
        f"Downstream transport    N/A - we sell no goods\n{below}\n"
    )
    item = next(d for d in facts.scope3_detail if d.number == 9)
    assert item.reason == "we sell no goods"
