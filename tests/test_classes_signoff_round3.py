"""Sign-off classes (round 3 of the synthetic-d misreadings), each in several wordings of our
own: a signing label run into the name (a borderless two-column table in a PDF), a label cell
ending in a colon before the name's cell, a signing sentence after a heading or another clause,
a letter's addressee and another organisation's signer, and the date of a signature block that
a paragraph of prose ends."""

from __future__ import annotations

import datetime as dt

import pytest
from documents import facts_of
from layouts import docx_plan, facts_from, pdf_borderless_table

HEAD = "Carbon Reduction Plan\nAcme Widgets Ltd\nWe are committed to net zero by 2040.\n"
SIGN = "Declaration and Sign Off\nThis plan has been reviewed and signed off by the board.\n"


@pytest.mark.parametrize(
    ("rows", "name", "role", "date"),
    [
        ([["Signed for the Board of Trustees", "Revd Alan Example"], ["", "Chair of Trustees"],
          ["", "3 June 2025"]], "Revd Alan Example", "Chair of Trustees", dt.date(2025, 6, 3)),
        ([["Signed on behalf of Acme Widgets Ltd", "Grace Example"], ["", "Managing Director"],
          ["", "12 March 2026"]], "Grace Example", "Managing Director", dt.date(2026, 3, 12)),
        ([["Approved for the Directors", "Dr Tomos Example"], ["", "14/02/2026"]],
         "Dr Tomos Example", None, dt.date(2026, 2, 14)),
    ],
)  # fmt: skip
def test_a_label_run_into_the_name_in_a_borderless_pdf_table(
    rows: list[list[str]], name: str, role: str | None, date: dt.date
) -> None:
    data = pdf_borderless_table(HEAD.splitlines() + SIGN.splitlines(), rows)
    facts = facts_from(data, "plan.pdf")
    assert (facts.signatory.name, facts.signatory.role) == (name, role)
    assert facts.sign_off_date == date


@pytest.mark.parametrize(
    "block",
    [
        "Signed for Brightwater Care Homes\nManaging Director",  # an organisation, not a person
        "Signed for the Supplier Jane Example",  # neither a role nor a title vouches for it
        "Signed on behalf of the Board Halden Grove Housing Trust\nChair",
    ],
)
def test_a_run_on_label_without_a_person_it_vouches_for_gives_none(block: str) -> None:
    assert facts_of(HEAD + SIGN + block).signatory.name is None


@pytest.mark.parametrize(
    ("rows", "name", "role"),
    [
        ([["Signed by:", "Priya Example ACA"], ["Role:", "Finance Director"],
          ["Date:", "21/10/2026"]], "Priya Example", "Finance Director"),
        ([["Signature:", "Owen Example FCCA"], ["Position:", "Chief Financial Officer"]],
         "Owen Example", "Chief Financial Officer"),
        ([["Signed:", "Dr Lena Example"], ["Job title:", "Managing Director"]],
         "Dr Lena Example", "Managing Director"),
    ],
)  # fmt: skip
def test_a_label_cell_ending_in_a_colon_before_the_name_cell(
    rows: list[list[str]], name: str, role: str
) -> None:
    facts = facts_from(docx_plan(HEAD.splitlines() + SIGN.splitlines(), rows), "plan.docx")
    assert (facts.signatory.name, facts.signatory.role) == (name, role)


@pytest.mark.parametrize(
    ("opening", "name", "role"),
    [
        ("Approval. Signed on behalf of the Board by Nadia Example, Chief Executive, on "
         "19 January 2026.", "Nadia Example", "Chief Executive"),
        ("Sign-off: this plan was signed for and on behalf of Acme Widgets Ltd by Colm Example, "
         "Managing Director, on 19 January 2026.", "Colm Example", "Managing Director"),
        ("Approved by the board. Signed by Jane Example, Operations Director, 19 January 2026.",
         "Jane Example", "Operations Director"),
    ],
)  # fmt: skip
def test_a_signing_sentence_after_a_heading_or_clause_at_the_top(
    opening: str, name: str, role: str
) -> None:
    body = "Our baseline year is 2019.\nScope 1 emissions were 120 tCO2e.\n" * 3
    facts = facts_of(HEAD + opening + "\n" + body + "Declaration\nThe board confirms this plan.")
    assert (facts.signatory.name, facts.signatory.role) == (name, role)
    assert facts.sign_off_date == dt.date(2026, 1, 19)


LETTER = """\
NORTHWOLD ASSURANCE SERVICES LTD
Unit 9, Example Park, Leeds
{addressee}
Acme Widgets Ltd
1 Example Road
Halifax HX1 1AA
12 May 2026
Dear {salutation},
Certificate number NAS-118
Organisation Acme Widgets Ltd
Scope Design and installation of shopfittings
Sites Example Road Works, Halifax
Issue date 10 May 2026
We are pleased to confirm that your certification to ISO 14001:2015 has been renewed.
Yours sincerely,
{signer}
"""


@pytest.mark.parametrize(
    ("addressee", "salutation", "signer"),
    [
        ("Mr J. Example\nManaging Director", "Mr Example",
         "Ruth Example\nCertification Manager, Northwold Assurance Services Ltd"),
        ("Ms Amira Example\nOperations Director", "Ms Example",
         "Colin Example\nManaging Director, Northwold Assurance Services Ltd"),
        ("Dr Ben Example\nChief Executive", "Dr Example",
         "Lucy Example, Director, Northwold Assurance Services Ltd"),
    ],
)  # fmt: skip
def test_a_letter_to_the_organisation_has_no_signatory_of_its_own(
    addressee: str, salutation: str, signer: str
) -> None:
    text = LETTER.format(addressee=addressee, salutation=salutation, signer=signer)
    facts = facts_of(text)
    assert facts.organisation == "Acme Widgets Ltd"
    assert facts.signatory.name is None
    assert facts.sign_off_date is None


def test_the_plan_s_own_signer_with_the_organisation_named_is_kept() -> None:
    facts = facts_of(HEAD + SIGN + "Jane Example\nManaging Director, Acme Widgets Ltd\n2 May 2026")
    assert (facts.signatory.name, facts.signatory.role) == ("Jane Example", "Managing Director")


@pytest.mark.parametrize(
    "above",
    [
        "Acme Widgets Ltd · Version 3.0, February 2026",
        "Issued 1 February 2026",
        "Document reference ACM-7, 3 February 2026",
    ],
)
def test_a_date_above_a_paragraph_is_not_the_date_of_the_signature_below(above: str) -> None:
    prose = (
        "We supply fixings and fasteners to builders across the north of England, and we expect "
        "every supplier to share our standards on safety, fair pay and the environment."
    )
    text = f"Supplier Handbook\n{above}\nA word from our Managing Director\n{prose}\n"
    facts = facts_of(text + "Jane Example, Managing Director\n1. Scope\nAll suppliers.")
    assert facts.signatory.name == "Jane Example"
    assert facts.sign_off_date is None


PLAN = (
    "Carbon Reduction Plan\nAcme Widgets Ltd\n\nIntroduction\n{intro}\n\nOur commitment\n"
    "Acme Widgets Ltd is committed to net zero by 2045.\n\nEmissions\n"
    "Scope 1 emissions were 120 tCO2e in 2025.\n"
)


@pytest.mark.parametrize(
    "intro",
    [
        "This plan is published in line with PPN 06/21 so that we can bid for public contracts.",
        "We publish this Carbon Reduction Plan in accordance with Procurement Policy Note 06/21, "
        "as our public sector customers ask us to.",
        "Public buyers ask for a plan in line with PPN 006, and this document is our response.",
    ],
)
def test_a_ppn_cited_as_the_reason_for_the_plan_is_no_declaration(intro: str) -> None:
    assert facts_of(PLAN.format(intro=intro)).declaration is None


@pytest.mark.parametrize(
    "intro",
    [
        "This plan has been prepared in line with PPN 06/21 and its reporting standard.",
        "We have written this Carbon Reduction Plan in accordance with PPN 006.",
        "This Carbon Reduction Plan is in line with Procurement Policy Note 06/21.",
    ],
)
def test_a_plan_made_to_the_ppn_declares_it(intro: str) -> None:
    assert facts_of(PLAN.format(intro=intro)).declaration == "ppn"


def test_a_request_that_suppliers_publish_a_plan_is_no_declaration() -> None:
    text = (
        "Supplier Code of Conduct\nAcme Widgets Ltd\nWe ask every supplier to:\n"
        "measure its Scope 1 and 2 emissions;\n"
        "publish a Carbon Reduction Plan in line with PPN 06/21 and send us the link;\n"
        "reduce packaging.\n"
    )
    assert facts_of(text).declaration is None
