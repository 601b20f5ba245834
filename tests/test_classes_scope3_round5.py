"""Scope 3 categories (round 5): a description the layout sets apart between a category and its
figure (a bracket, a "What it covers" cell, a clause a colon closes in a list item); a row label
that wraps over a line or two before its figures, as PDFs print narrow tables; "ruled out" as a
way of ruling a category out; staff mileage as business travel; home deliveries and orders taken
"out to" shops as downstream transport; and a zero row whose reason is its footnote. Each class
in several wordings and layouts of our own, with the look-alikes that must stay unread: a promise
or a marker in the description, prose before a name, a line of years, "not ruled out", commuting
or van mileage, deliveries to us, and a footnote that gives no reason."""

from __future__ import annotations

import pytest
from documents import facts_of

from crp_checker.rules.scope3 import Scope3Coverage, scope3_coverage
from crp_checker.schemas import Facts, Scope3Category

REQUIRED = (4, 5, 6, 7, 9)
HEAD = """Carbon Reduction Plan
Supplier name: Harrowgate Cleaning Ltd
Commitment to achieving Net Zero
Harrowgate Cleaning Ltd is committed to achieving Net Zero emissions by 2045.
Current Emissions Reporting
Reporting year: 2025. All figures are in tCO2e.
Scope 1 41.0 37.5
Scope 2 12.2 9.8
Scope 3 30.4 27.1
Total 83.6 74.4
"""
# A long line, so the short lines of a test stay lines (a PDF's narrow cells are not rejoined).
LONG = (
    "We clean offices, schools and health centres across the county from two depots, with a "
    "team of one hundred and forty cleaners and supervisors.\n"
)
TAIL = "\nEmissions Reduction Targets\nWe will cut total emissions by 40% by 2030.\n"


def coverage(body: str) -> Scope3Coverage:
    return scope3_coverage(facts_of(HEAD + LONG + body + TAIL), REQUIRED)


def entry(facts: Facts, number: int) -> Scope3Category | None:
    return next((d for d in facts.scope3_detail if d.number == number), None)


def figure(facts: Facts, number: int) -> str | None:
    found = entry(facts, number)
    return found.figure if found else None


# ------------------------------------------ a description set apart before the figure


@pytest.mark.parametrize(
    "table",
    [
        # a bracket after the name, then the cells
        "Category | 2019 | 2025 |\n"
        "Category 4 - upstream transport (cleaning chemicals, paper goods and machines "
        "delivered to our two depots) | 9.4 | 8.1 |\n"
        "Category 5 - waste generated in operations (general, recycled and clinical waste "
        "from our depots) | 18.7 | 15.3 |\n"
        "Category 6 - business travel (supervisors driving between the sites they look "
        "after) | 2.9 | 2.2 |\n"
        "Category 7 - employee commuting (cleaners travelling to early and late shifts) "
        "| 61.5 | 55.1 |\n"
        "Category 9 - downstream transportation (used machines we send back to our "
        "suppliers for refurbishment) | 1.2 | 1.0 |\n",
        # a "What it covers" cell of its own
        "GHG Protocol category | What it covers for us | 2019 | 2025 |\n"
        "4 - Upstream transportation and distribution | Chemicals, paper goods and machines "
        "brought to our depots by the suppliers' own vans | 9.4 | 8.1 |\n"
        "5 - Waste generated in operations | General and recycled waste from our depots and "
        "the used chemical containers | 18.7 | 15.3 |\n"
        "6 - Business travel | Supervisors' journeys between the sites they look after in "
        "their own cars | 2.9 | 2.2 |\n"
        "7 - Employee commuting | Cleaners travelling to and from the customers' sites for "
        "early and late shifts | 61.5 | 55.1 |\n"
        "9 - Downstream transportation and distribution | Used machines we send back to the "
        "suppliers for refurbishment | 1.2 | 1.0 |\n",
        # list items whose description a colon closes
        "Scope 3 categories, 2019 and 2025\n"
        "• Upstream transport (category 4): chemicals and paper goods delivered to our two "
        "depots: 9.4 t in 2019; 8.1 t in 2025\n"
        "• Waste (category 5): general and recycled waste from our depots and offices: 18.7 t "
        "in 2019; 15.3 t in 2025\n"
        "• Business travel (category 6): supervisors driving between the sites they look "
        "after: 2.9 t in 2019; 2.2 t in 2025\n"
        "• Employee commuting (category 7): cleaners travelling to early and late shifts: "
        "61.5 t in 2019; 55.1 t in 2025\n"
        "• Downstream transport (category 9): used machines sent back to our suppliers for "
        "refurbishment: 1.2 t in 2019; 1.0 t in 2025\n",
    ],
)
def test_a_description_set_apart_leaves_the_figure_to_its_category(table: str) -> None:
    assert coverage(table).reported == REQUIRED


@pytest.mark.parametrize(
    "item",
    [
        # a promise in the description: a target's figure, not the category's
        "• Business travel (category 6): we will replace client visits with video calls "
        "wherever possible: 2.2 t by 2030\n",
        # a marker in the description cell
        "Category | Note | 2025 |\n"
        "Category 6 - business travel | not yet measured for the cleaning teams on site | "
        "2025 |\n",
    ],
)
def test_a_description_that_promises_or_marks_gives_no_figure(item: str) -> None:
    facts = facts_of(HEAD + LONG + item + TAIL)
    assert figure(facts, 6) is None


# ------------------------------------------ a row label that wraps before its figures


@pytest.mark.parametrize(
    ("rows", "number", "expected"),
    [
        ("Source 2019 2025\nFood waste and bin\ncollections\n22.7 17.6\n", 5, "22.7"),
        ("Source 2019 2025\nStaff travel to markets and\ntrade fairs\n3.1 2.4\n", 6, "3.1"),
        (
            "Source 2019 2025\nOur couriers taking orders\nout to cafes and shops\n48.2 41.7\n",
            9,
            "48.2",
        ),
        (
            "Scope 3 by category, tCO2e\n• Downstream transport (our\ncontracted delivery rounds "
            "to schools):\n33.6 in the baseline, 28.4 in the latest year\n",
            9,
            "33.6",
        ),
    ],
)
def test_a_wrapped_row_label_takes_the_figures_below_it(
    rows: str, number: int, expected: str
) -> None:
    facts = facts_of(HEAD + LONG + rows + TAIL)
    assert figure(facts, number) == expected


@pytest.mark.parametrize(
    "rows",
    [
        # prose before the name, not a row label
        "We also measured the\nwaste from our depots\n22.7 17.6\n",
        # the line below holds the years of the columns, not figures
        "Food waste and bin\ncollections\n2019 2025\n",
    ],
)
def test_prose_or_a_line_of_years_below_a_wrapped_name_gives_no_figure(rows: str) -> None:
    facts = facts_of(HEAD + LONG + rows + TAIL)
    assert figure(facts, 5) is None


# ------------------------------------------ "ruled out" rules a category out


@pytest.mark.parametrize(
    "sentence",
    [
        "Category 9 (downstream transportation and distribution) is ruled out because we "
        "clean on the customer's premises and sell no goods.",
        "Downstream transport has been left out, as nothing we do is delivered to customers.",
        "We have ruled out downstream transportation and distribution because we sell no goods.",
    ],
)
def test_ruled_out_with_a_reason_rules_a_category_out(sentence: str) -> None:
    found = coverage("Scope 3 sources\n" + sentence + "\n")
    assert found.ruled_out == (9,)


@pytest.mark.parametrize(
    "sentence",
    [
        "We have not ruled out reporting downstream transport emissions in future.",
        "Downstream transport emissions have not been ruled out for next year's report.",
    ],
)
def test_not_ruled_out_is_no_ruling_out(sentence: str) -> None:
    found = coverage("Scope 3 sources\n" + sentence + "\n")
    assert 9 not in found.ruled_out and 9 not in found.no_reason


# ------------------------------------------ staff mileage is business travel


@pytest.mark.parametrize(
    "row",
    [
        "Carers' mileage in their own cars between clients' homes | 4.1 | 3.5 |",
        "Staff and volunteer mileage on charity business | 1.7 | 1.3 |",
        "Supervisors' mileage | 2.2 | 1.9 |",
        "Mileage in personal vehicles for site visits | 3.3 | 2.6 |",
    ],
)
def test_staff_mileage_is_business_travel(row: str) -> None:
    facts = facts_of(HEAD + LONG + "Scope 3 source | 2019 | 2025 |\n" + row + "\n" + TAIL)
    assert figure(facts, 6) is not None


@pytest.mark.parametrize(
    "row",
    [
        "Staff commuting mileage | 12.0 | 11.0 |",  # commuting, not business travel
        "Scope 1 - company van mileage | 45.2 | 40.1 |",  # the organisation's own vans
    ],
)
def test_commuting_or_company_van_mileage_is_not_business_travel(row: str) -> None:
    facts = facts_of(HEAD + LONG + row + "\n" + TAIL)
    assert figure(facts, 6) is None


# ------------------------------------------ deliveries that go out to customers are downstream


@pytest.mark.parametrize(
    "row",
    [
        "Home deliveries of parcels by third parties | 2.4 | 2.0 |",
        "Couriers taking orders out to cafes and shops | 4.8 | 4.1 |",
        "Carriers taking goods out to our trade customers | 6.3 | 5.9 |",
    ],
)
def test_deliveries_that_go_out_are_downstream(row: str) -> None:
    facts = facts_of(HEAD + LONG + "Scope 3 source | 2019 | 2025 |\n" + row + "\n" + TAIL)
    assert figure(facts, 9) is not None
    assert figure(facts, 4) is None


def test_couriers_bringing_goods_to_us_stay_upstream() -> None:
    facts = facts_of(
        HEAD + LONG + "Scope 3 source | 2019 | 2025 |\n"
        "Couriers bringing parts and stock to us | 1.2 | 1.1 |\n" + TAIL
    )
    assert figure(facts, 4) == "1.2"
    assert figure(facts, 9) is None


# ------------------------------------------ a zero row's footnote gives its reason


@pytest.mark.parametrize(
    "note",
    [
        "* Every delivery is made in our own vans, whose fuel is counted in Scope 1, so this "
        "source is zero.",
        "† We sell no goods: customers collect everything from the depot.",
    ],
)
def test_a_footnote_gives_the_reason_for_a_zero_row(note: str) -> None:
    mark = note[0]
    facts = facts_of(
        HEAD + LONG + "Scope 3 source 2019 2025\n"
        "Staff commuting 6.2 5.8\n"
        f"Home deliveries of parcels by third parties{mark} 0.0 0.0\n" + note + "\n" + TAIL
    )
    found = entry(facts, 9)
    assert found is not None and found.figure == "0.0"
    assert found.reason is not None and note[2:12] in found.reason


@pytest.mark.parametrize(
    ("label", "note"),
    [
        ("Home deliveries of parcels by third parties* 0.0 0.0", "* Estimated from invoices."),
        (
            "Home deliveries of parcels by third parties 0.0 0.0",
            "* Every delivery is made in our own vans, so this source is zero.",
        ),
    ],
)
def test_a_footnote_without_a_reason_or_a_mark_gives_none(label: str, note: str) -> None:
    facts = facts_of(
        HEAD
        + LONG
        + "Scope 3 source 2019 2025\nStaff commuting 6.2 5.8\n"
        + label
        + "\n"
        + note
        + "\n"
        + TAIL
    )
    found = entry(facts, 9)
    assert found is not None and found.reason is None
