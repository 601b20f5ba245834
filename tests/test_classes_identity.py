"""Organisation names found on independently written plans (round 2 of issue 11): the name
block under the title with no legal suffix, a fronted phrase before "we", and a guide's
imaginary firm. Several wordings and layouts of our own per class."""

from __future__ import annotations

import pytest
from documents import facts_of
from layouts import docx_plan, facts_from

COMMITMENT = "We are committed to achieving net zero by 2045."


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Carbon Reduction Plan\nFerrow & Son Hedge Cutting (a partnership of two brothers)\n"
            + COMMITMENT,
            "Ferrow & Son Hedge Cutting",
        ),
        ("Net Zero Plan\nMalham Bell Foundry, Skipton\n" + COMMITMENT, "Malham Bell Foundry"),
        (
            "Carbon Reduction Plan 2026\nThe Old Forge Veterinary Practice | Issued May 2026\n"
            + COMMITMENT,
            "The Old Forge Veterinary Practice",
        ),
        (
            "# Our Carbon Reduction Plan\n*Kittiwake Cycle Couriers · updated June 2026*\n"
            + COMMITMENT,
            "Kittiwake Cycle Couriers",
        ),
    ],
)
def test_the_name_line_under_the_title_names_the_organisation(text: str, name: str) -> None:
    assert facts_of(text).organisation == name


@pytest.mark.parametrize(
    "second_line",
    [
        "Notes for Completion",
        "Executive Summary",
        "Commitment to Achieving Net Zero",
        "Issued 14 March 2026",
        "Version 3",
        "Prepared For Wharfedale Council",
    ],
)
def test_a_heading_or_date_under_the_title_is_not_a_name(second_line: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{second_line}\n{COMMITMENT}")
    assert facts.organisation is None or facts.organisation not in second_line


def test_the_name_line_under_the_title_in_a_word_file() -> None:
    data = docx_plan(
        ["Carbon Reduction Plan", "Kelda Water Gardens (trading since 1987)", COMMITMENT],
        [["Scope", "2025 (tCO2e)"], ["Scope 1", "12.0"], ["Scope 2", "3.0"]],
    )
    assert facts_from(data, "plan.docx").organisation == "Kelda Water Gardens"


@pytest.mark.parametrize(
    "sentence",
    [
        "Beyond carbon neutrality, we are committed to reaching net zero by 2040.",
        "Having measured our footprint, we are committed to net zero by 2041.",
        "As a family business, we have committed to net zero by 2039.",
    ],
)
def test_a_fronted_phrase_before_we_is_not_the_organisation(sentence: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\nTarnside Print Ltd\nOur commitment\n{sentence}")
    assert facts.organisation == "Tarnside Print Ltd"


def test_a_worked_examples_firm_is_not_the_documents_organisation() -> None:
    facts = facts_of(
        """
        Writing a Carbon Reduction Plan: a guide for small suppliers
        Redshank Advisory · Guide 2
        This guide explains what your plan needs. You should keep it short.
        Worked example
        Here is how an imaginary firm, "Sample Roofing Ltd", might write its commitment:
        "Sample Roofing Ltd is committed to achieving net zero by 2045."
        """
    )
    assert facts.organisation != "Sample Roofing Ltd"


@pytest.mark.parametrize(
    ("closing", "name"),
    [
        ("© 2026 Kestrel Fabrication Ltd. All rights reserved.", "Kestrel Fabrication Ltd"),
        ("Copyright © 2025 Wharfe Valley Plumbing | Privacy | Terms", "Wharfe Valley Plumbing"),
        (
            "Marsh Lane Veterinary Group is registered in England and Wales, company number "
            "01234567.",
            "Marsh Lane Veterinary Group",
        ),
        (
            "Tolland Scaffolding is a company registered in Scotland (SC123456).",
            "Tolland Scaffolding",
        ),
    ],
)
def test_a_footer_copyright_or_registration_line_names_the_organisation(
    closing: str, name: str
) -> None:
    body = "\n".join(f"We cut fuel use at site {i} by changing the routes." for i in range(30))
    facts = facts_of(f"Carbon Reduction Plan\n{COMMITMENT}\n{body}\n{closing}")
    assert facts.organisation == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Greyfield Logistics\nCarbon Reduction Plan\n" + COMMITMENT, "Greyfield Logistics"),
        (
            "Carbon Reduction Plan\nAbout Heronsgate Joinery\nA family workshop in Kendal.\n"
            + COMMITMENT,
            "Heronsgate Joinery",
        ),
    ],
)
def test_a_name_above_the_title_or_in_an_about_heading(text: str, name: str) -> None:
    assert facts_of(text).organisation == name


def test_a_fronted_deadline_is_the_commitments_year_and_no_organisation() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBy 2040 we are committed to being a net zero business."
    )
    assert facts.net_zero_year == 2040
    assert facts.organisation is None


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Carbon Reduction Plan | Wensley Dale Cheese Co", "Wensley Dale Cheese Co"),
        ("Holt & Daughters Removals – Carbon Reduction Plan", "Holt & Daughters Removals"),
        ("Sustainability - Carbon Reduction Plan - Pennine Lifts", "Pennine Lifts"),
    ],
)
def test_a_web_pages_title_names_the_organisation(title: str, name: str) -> None:
    page = (
        f"<html><head><title>{title}</title></head><body><h1>Carbon Reduction Plan</h1>"
        f"<p>{COMMITMENT}</p><p>Scope 1: 12.0 tCO2e in 2025.</p></body></html>"
    )
    facts = facts_from(page.encode(), "plan.html")
    assert facts.organisation == name
    assert facts.readings["organisation"].how == "inferred"


@pytest.mark.parametrize("title", ["Carbon Reduction Plan", "Home | Sustainability | About us"])
def test_a_web_title_without_a_name_names_nobody(title: str) -> None:
    page = f"<html><head><title>{title}</title></head><body><p>{COMMITMENT}</p></body></html>"
    assert facts_from(page.encode(), "plan.html").organisation is None


def _long_plan(closing: str) -> str:
    body = "\n".join(f"We cut fuel use at depot {i} by changing the routes." for i in range(30))
    return f"Carbon Reduction Plan\n{COMMITMENT}\n{body}\n{closing}"


@pytest.mark.parametrize(
    ("closing", "name"),
    [
        (
            "Signed for and on behalf of Wharfe Valley Plumbing\nJo Bell, Director",
            "Wharfe Valley Plumbing",
        ),
        (
            "On behalf of Calder & Ryburn Haulage:\nSam Oduya, Managing Director",
            "Calder & Ryburn Haulage",
        ),
    ],
)
def test_the_name_a_plan_is_signed_for(closing: str, name: str) -> None:
    assert facts_of(_long_plan(closing)).organisation == name


@pytest.mark.parametrize(
    "closing", ["Signed on behalf of the Board\nJo Bell, Director", "On behalf of The Directors"]
)
def test_signing_for_the_board_names_no_organisation(closing: str) -> None:
    assert facts_of(_long_plan(closing)).organisation is None


def test_a_legal_name_far_down_the_plan_is_read_as_inferred() -> None:
    facts = facts_of(
        _long_plan("This plan was approved by the directors of Tolland Scaffolding Ltd.")
    )
    assert facts.organisation == "Tolland Scaffolding Ltd"
    assert facts.readings["organisation"].how == "inferred"


@pytest.mark.parametrize(
    ("first_line", "name"),
    [
        ("Calder Mill Vets Carbon Reduction Plan 2026", "Calder Mill Vets"),
        ("Hollins & Co Net Zero Plan", "Hollins & Co"),
        ("Trading name: Bell & Co Joinery", "Bell & Co Joinery"),
        ("Practice name - Moor Lane Dental", "Moor Lane Dental"),
    ],
)
def test_a_name_run_into_the_title_or_in_another_name_field(first_line: str, name: str) -> None:
    assert facts_of(f"{first_line}\n{COMMITMENT}").organisation == name


@pytest.mark.parametrize(
    "title",
    ["Interim Net Zero Carbon Reduction Plan", "Annual Carbon Reduction Plan", "Our Net Zero Plan"],
)
def test_title_words_run_into_the_title_name_nobody(title: str) -> None:
    assert facts_of(f"{title}\n{COMMITMENT}").organisation is None


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("This is the Carbon Reduction Plan of Northway Engineering plc.",
         "Northway Engineering plc"),
        ("The Carbon Reduction Plan for Harrow Vale Logistics Ltd.", "Harrow Vale Logistics Ltd"),
        ("Net Zero Plan for Tarn & Fell Surveyors LLP", "Tarn & Fell Surveyors LLP"),
    ],
)  # fmt: skip
def test_the_plans_own_title_words_are_not_part_of_the_name(sentence: str, name: str) -> None:
    facts = facts_of("Carbon Reduction Plan\n" + sentence + "\n" + COMMITMENT)
    assert facts.organisation == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Carbon Reduction Plan\nHafod Joinery\nI am committed to net zero by 2040.\n"
            "My baseline is my first full year of\ntrading: 6 April 2021 to 5 April 2022.",
            "Hafod Joinery",
        ),
        (
            "Carbon Reduction Plan\nTreforest Tiling\nWe are committed to net zero by 2045.\n"
            "Our figures cover the period the business has been\ntrading: 1 May 2023 to "
            "30 April 2024.",
            "Treforest Tiling",
        ),
        (
            "Carbon Reduction Plan\nRegistered: 14 March 2011\nCompany: Example Kilns Ltd\n"
            + COMMITMENT,
            "Example Kilns Ltd",
        ),
    ],
)
def test_a_field_label_before_a_date_names_no_organisation(text: str, name: str) -> None:
    """A wrapped sentence whose line opens 'trading:' or a field holding a date is no name."""
    assert facts_of(text).organisation == name


@pytest.mark.parametrize(
    "title",
    [
        # synthetic-l l04: the title names the period the plan covers, not who wrote it
        "Carbon Reduction Plan for academic year 2024/25",
        "Carbon Reduction Plan for the financial year 2025/26",
        "Carbon Reduction Plan for FY2025",
    ],
)
def test_a_period_after_plan_for_is_no_organisation(title: str) -> None:
    facts = facts_of(f"{title}\nWe are committed to net zero by 2040.\n")
    assert facts.organisation is None  # "not disclosed", never the period
