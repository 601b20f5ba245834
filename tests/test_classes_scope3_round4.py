"""Scope 3 categories (round 4): a list of sources opened by the last sentence of a paragraph
("Scope 1 is our vans. Scope 3 covers (2021 / 2025, tCO2e):"), a category named in the middle
of an item whose figures close it ("Farm calls and business mileage in staff cars: 8.4 / 7.9"),
and cards whose figures sit on the line below a described name ("Cat 4 – inbound pallets of
board" over "9.4 → 8.7 tCO2e"), with the figures of two years written "X / Y", "X → Y", "X -> Y",
"X then Y" or "X to Y". Each class in several wordings and layouts of our own, with the
look-alikes that must stay unread (the years over a card, counts of miles, a promise)."""

from __future__ import annotations

import pytest
from documents import facts_of
from layouts import facts_from

from crp_checker.rules.scope3 import Scope3Coverage, scope3_coverage
from crp_checker.schemas import Facts

REQUIRED = (4, 5, 6, 7, 9)
HEAD = """Carbon Reduction Plan
Supplier name: Brackenfold Print Ltd
Commitment to achieving Net Zero
Brackenfold Print Ltd is committed to achieving Net Zero emissions by 2045.
Current Emissions Reporting
Reporting year: 2025. All figures are in tCO2e.
Scope 1 41.0 37.5
Scope 2 12.2 9.8
Scope 3 30.4 27.1
Total 83.6 74.4
"""
TAIL = "\nEmissions Reduction Targets\nWe will cut total emissions by 40% by 2030.\n"


def coverage_of(facts: Facts) -> Scope3Coverage:
    return scope3_coverage(facts, REQUIRED)


def coverage(body: str) -> Scope3Coverage:
    return coverage_of(facts_of(HEAD + body + TAIL))


def figure(facts: Facts, number: int) -> str | None:
    return next((d.figure for d in facts.scope3_detail if d.number == number), None)


# ------------------------------------------ a caption that closes a paragraph opens a list


@pytest.mark.parametrize(
    "paragraph",
    [
        "Scope 1 is our two vans and the gas boiler. Scope 3 covers (2021 / 2025, tCO2e):",
        "Scope 2 is location-based electricity. Our Scope 3 total includes (2021 then 2025):",
        "Figures are rounded. The Scope 3 figure is made up of the following sources:",
    ],
)
def test_a_caption_closing_a_paragraph_opens_a_list_of_sources(paragraph: str) -> None:
    found = coverage(
        paragraph + "\n"
        "• Paper and ink deliveries from our merchants: 6.2 / 5.8\n"
        "• Press waste and offcuts: 2.9 / 2.4\n"
        "• Client visits and business mileage in staff cars: 4.1 / 3.7\n"
        "• Commuting: 9.6 / 8.8\n"
        "• Downstream transportation and distribution: not applicable, because customers "
        "collect their print\n"
    )
    assert found.reported == (4, 5, 6, 7)
    assert found.ruled_out == (9,)


def test_a_sentence_closing_a_paragraph_without_a_colon_opens_no_list() -> None:
    facts = facts_of(
        HEAD + "Scope 1 is our vans. Scope 3 covers the sources below.\n"
        "Farm calls and business mileage in staff cars were cut by 3 in 2025\n" + TAIL
    )
    assert figure(facts, 6) is None


# ------------------------------------------ a name in the middle of an item, figures after


@pytest.mark.parametrize(
    "item",
    [
        "Farm calls and business mileage in staff cars: 8.4 / 7.9",
        "Farm calls and business mileage in staff cars: 8.4 → 7.9 tCO2e",
        "Farm calls and business mileage in staff cars | 8.4 | 7.9",
        "Farm calls and business mileage in staff cars: 8.4 -> 7.9",
        "Farm calls and business mileage in staff cars: 8.4 then 7.9",
    ],
)
def test_a_category_named_inside_a_row_label_takes_the_figures_that_close_it(item: str) -> None:
    facts = facts_of(HEAD + "Our Scope 3 sources\n" + item + "\n" + TAIL)
    assert figure(facts, 6) == "8.4"


@pytest.mark.parametrize(
    "item",
    [
        "Farm calls and business mileage in staff cars (miles): 8,400 / 7,900",
        "Farm calls and business mileage in staff cars, number of trips: 84 / 79",
        "Farm calls and business mileage we will halve: 8.4 / 4.2",
        "Farm calls and business mileage in staff cars: 2021 / 2025",
    ],
)
def test_a_label_of_counts_promises_or_years_gives_no_figure(item: str) -> None:
    facts = facts_of(HEAD + item + "\n" + TAIL)
    assert figure(facts, 6) is None


# --------------------------------------------------- cards: a described name over its figures


@pytest.mark.parametrize("arrow", ["→", "->", "/", "then", "to"])
def test_cards_with_a_described_name_over_the_figures_of_two_years(arrow: str) -> None:
    found = coverage(
        "Scope 3 by category (2020 and 2025)\n"
        "Cat 4 – inbound pallets of board, ink and plates\n"
        f"9.4 {arrow} 8.7 tCO2e\n"
        "Cat 5 – press room and office waste\n"
        f"6.1 {arrow} 5.2 tCO2e\n"
        "Cat 6 – business travel by rail and hire car\n"
        f"2.3 {arrow} 1.8 tCO2e\n"
        "Cat 7 – employee commuting\n"
        f"31 {arrow} 28 tCO2e\n"
        "Cat 9 – couriers taking finished jobs to customers\n"
        f"15.5 {arrow} 13.5 tCO2e\n"
    )
    assert found.reported == REQUIRED


def test_cards_on_a_web_page() -> None:
    page = (
        "<html><body><h1>Carbon Reduction Plan</h1>"
        + "".join(f"<p>{line}</p>" for line in HEAD.splitlines()[1:])
        + "<h3>Scope 3 by category (2020 &rarr; 2025)</h3>"
        '<div class="card"><p>Cat 4 &ndash; inbound deliveries of board and ink</p>'
        "<p>9.4 &rarr; 8.7 tCO<sub>2</sub>e</p></div>"
        '<div class="card"><p>Cat 6 &ndash; business travel by rail and hire car</p>'
        "<p>2.3 &rarr; 1.8 tCO<sub>2</sub>e</p></div>"
        "<h2>Emissions Reduction Targets</h2><p>We will cut total emissions by 40% by 2030.</p>"
        "</body></html>"
    )
    facts = facts_from(page.encode(), "plan.html")
    assert figure(facts, 4) == "9.4"
    assert figure(facts, 6) == "2.3"


@pytest.mark.parametrize(
    "below",
    [
        "2020 → 2025",  # the periods of the cards, not a figure
        "12",  # a bare whole number may count anything
        "Our biggest source after commuting, at 9.4 tCO2e",  # prose, not a card's figures
    ],
)
def test_a_described_name_over_a_line_that_is_not_its_figures(below: str) -> None:
    facts = facts_of(
        HEAD
        + "Scope 3 by category\nCat 4 – inbound pallets of board and ink\n"
        + below
        + "\n"
        + TAIL
    )
    assert figure(facts, 4) is None


def test_a_described_name_that_rules_itself_out_is_not_given_the_figures_below() -> None:
    facts = facts_of(
        HEAD
        + "Scope 3 by category\nCat 9 – not relevant, customers collect\n0.0 → 0.0 tCO2e\n"
        + TAIL
    )
    detail = next(d for d in facts.scope3_detail if d.number == 9)
    assert detail.figure is None


@pytest.mark.parametrize(
    "item",
    [
        "Business travel (miles): 8,400 / 7,900",
        "Site visits, number of trips: 84 / 79",
        "Staff commuting in kWh of charging: 1,200",
    ],
)
def test_a_label_that_names_another_measure_gives_no_figure(item: str) -> None:
    facts = facts_of(HEAD + "Our Scope 3 sources\n" + item + "\n" + TAIL)
    assert all(d.figure is None for d in facts.scope3_detail)


def test_a_label_with_another_measure_keeps_a_figure_given_in_tonnes() -> None:
    facts = facts_of(HEAD + "Business travel (car miles and flights): 8.4 tCO2e\n" + TAIL)
    assert figure(facts, 6) == "8.4"


_S3_TABLE = (
    "Carbon Reduction Plan\nBaseline year: 2023\nReporting year: 2025\n"
    "Scope 3 category | 2023 | 2025\n"
    "Upstream transportation and distribution | 8.3 | 6.1\n"
    "Waste generated in operations | 4.9 | 3.8\nBusiness travel | 52.7 | 41.6\n"
    "Employee commuting | 79.4 | 58.3\nDownstream transportation and distribution | 0.0 | 0.0\n"
    "Scope 3 total | 145.3 | 109.8\n"
)


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        (
            "Downstream transportation and distribution is zero because we sell no goods.",
            "because we sell no goods",
        ),
        (
            "Category 9 is nil as we deliver services only and ship nothing.",
            "as we deliver services only and ship nothing",
        ),
        (
            "Downstream transport is 0 because our services are delivered remotely.",
            "because our services are delivered remotely",
        ),
    ],
)
def test_a_sentence_saying_why_a_categorys_zero_explains_it(sentence: str, reason: str) -> None:
    facts = facts_of(_S3_TABLE + sentence)
    nine = next(c for c in facts.scope3_detail if c.number == 9)
    assert nine.reason == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Downstream transportation and distribution was zero in 2023.",
        "Downstream transportation and distribution is zero this year.",
    ],
)
def test_a_sentence_saying_a_category_is_zero_without_a_reason_explains_nothing(
    sentence: str,
) -> None:
    facts = facts_of(_S3_TABLE + sentence)
    nine = next(c for c in facts.scope3_detail if c.number == 9)
    assert nine.reason is None


@pytest.mark.parametrize(
    "heading", ["Appendix A - Scope 3 by category (tCO2e)", "Annex 2: Scope 3"]
)
def test_an_appendix_after_the_measures_is_read_for_scope3(heading: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019\nReporting year: 2025\n"
        "Scope 1 | 100.0 | 90.0 |\nScope 2 | 20.0 | 10.0 |\nScope 3 | 779.2 | 690.1 |\n"
        "Carbon Reduction Projects\nWe fitted LED lighting in 2023.\n"
        f"{heading}\nCategory | 2019 | 2025 |\n"
        "4 Upstream transportation and distribution | 241.6 | 214.8 |\n"
        "5 Waste generated in operations | 73.4 | 61.9 |\n6 Business travel | 58.2 | 44.7 |\n"
        "7 Employee commuting | 219.7 | 201.3 |\n"
        "9 Downstream transportation and distribution | 186.3 | 167.4 |\n"
    )
    reported = {c.number for c in facts.scope3_detail if c.figure is not None}
    assert reported == {4, 5, 6, 7, 9}
