"""Look-alike classes (synthetic-d round): a buyer's questions-and-answers page about plans, a
list of what a plan must contain read as nobody's commitment, the own date of a document that
is not a plan, and an organisation named in a borderless field row."""

from __future__ import annotations

import datetime as dt

import pytest
from documents import document, facts_of
from layouts import facts_from, pdf_borderless_table
from rule_cases import buyer

from crp_checker.extract.attribution import is_requirement
from crp_checker.rules import run_rules

FAQ_BODY = """
Northmoor Borough Council asks suppliers bidding for large contracts to provide a Carbon
Reduction Plan. This page answers the questions your company is likely to ask.

What must the plan contain?
1. A commitment to achieving net zero by 2050 or earlier.
2. Baseline and current emissions for Scope 1, Scope 2 and five Scope 3 categories.
3. Emissions reduction targets.
4. A declaration signed by a director.

Can you use your parent company's plan?
Yes, if the plan says it covers your company.

Where should you publish it?
On your own website. Put the link in your tender response.
"""


@pytest.mark.parametrize(
    "title",
    [
        "Carbon Reduction Plans: questions and answers for suppliers",
        "Carbon Reduction Plan Q&A for bidders",
        "Frequently asked questions about Carbon Reduction Plans",
    ],
)
def test_a_buyer_s_questions_and_answers_page_is_not_a_plan(title: str) -> None:
    issued = "Northmoor Borough Council, Procurement. Issued March 2026."
    facts = facts_of(f"{title}\n{issued}\n{FAQ_BODY}")
    assert facts.is_crp is False
    assert facts.net_zero_year is None
    assert facts.publication_date is None


@pytest.mark.parametrize(
    "item",
    [
        "1. A commitment to achieving net zero by 2050 or earlier.",
        "(b) a commitment to reach net zero by 2050 or sooner",
        "A pledge to reach net zero by 2050 at the latest.",
        "3) Any commitment to net zero no later than 2050.",
    ],
)
def test_a_listed_requirement_with_a_deadline_is_no_commitment(item: str) -> None:
    assert is_requirement(item)


@pytest.mark.parametrize(
    "sentence",
    [
        "We are committed to net zero by 2045 or earlier.",
        "Acme Widgets Ltd commits to reaching net zero by 2040 or sooner.",
    ],
)
def test_an_own_pledge_with_or_earlier_is_still_a_commitment(sentence: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\nAcme Widgets Ltd\n{sentence}\n")
    assert facts.net_zero_strength == "commitment"
    assert not is_requirement(sentence)


@pytest.mark.parametrize(
    "text",
    [
        "Supplier Code of Conduct\nAcme Widgets Ltd · Version 4, January 2026\n"
        "We expect every supplier to pay the living wage and to treat its staff fairly.\n",
        "ISO 14001 certificate\nIssue date: 15 April 2026\nOrganisation: Acme Widgets Ltd\n"
        "Scope: design and manufacture of fixings.\n",
        "Environmental Policy\nAcme Widgets Ltd\nPublished 2 February 2026\n"
        "This policy sets out how we manage our environmental impacts.\n",
    ],
)
def test_a_document_that_is_not_a_plan_has_no_plan_publication_date(text: str) -> None:
    facts = facts_of(text)
    assert facts.is_crp is False
    assert facts.publication_date is None
    assert "not a carbon reduction plan" in facts.notes["publication_date"]
    findings = run_rules(facts, document(text), buyer())
    finding = next(f for f in findings if f.rule == "publication-date")
    assert "No plan publication date: the document is dated" in finding.message


def test_a_titled_plan_keeps_its_date_however_little_it_says() -> None:
    facts = facts_of("Carbon Reduction Plan\nPublication date: 4 March 2026\n")
    assert facts.publication_date == dt.date(2026, 3, 4)


@pytest.mark.parametrize(
    ("rows", "name"),
    [
        ([["Organisation", "Acme Widgets Ltd"], ["Certificate", "QA-1182"]], "Acme Widgets Ltd"),
        ([["Supplier name", "Brightwater Care Homes Limited"]], "Brightwater Care Homes Limited"),
        ([["Company", "Tarn & Fell Surveyors LLP"]], "Tarn & Fell Surveyors LLP"),
    ],
)
def test_an_organisation_field_in_a_borderless_pdf_row(rows: list[list[str]], name: str) -> None:
    before = ["NORTHWOLD CERTIFICATION LTD", "Unit 9, Example Park, Leeds", "Certificate summary"]
    facts = facts_from(pdf_borderless_table(before, rows), "letter.pdf")
    assert facts.organisation == name
