"""Declaration, sign-off, signatory, methodology and publication-date classes found on
independently written plans (round 2 of issue 11), each in several wordings and layouts of our
own: 'label - value' signatures, approvals in the active voice, an approval dated by month,
sentences about a plan published elsewhere or about what a plan must say, standards' names
broken over a narrow column's line, and labelled dates that are not the plan's."""

from __future__ import annotations

import datetime as dt

import pytest
from documents import document, facts_of
from layouts import docx_plan, facts_from, pdf_two_columns

from crp_checker.pipeline import assess_document
from crp_checker.schemas import BuyerSettings, Outcome

HEAD = "Carbon Reduction Plan\nAcme Widgets Ltd\nWe are committed to net zero by 2040.\n"


def _outcomes(text: str) -> dict[str, Outcome]:
    assessment = assess_document(document(text), BuyerSettings())
    return {f.rule: f.outcome for f in assessment.findings}


@pytest.mark.parametrize(
    ("block", "name", "role"),
    [
        (
            "Signed on behalf of the Supplier - Joan Pickering, Director\nDate - 2026-04-17",
            "Joan Pickering",
            "Director",
        ),
        ("Signed – Ravi Anand, Managing Director", "Ravi Anand", "Managing Director"),
        ("Signature - Nell Oduya (Chair)", "Nell Oduya", "Chair"),
        ("Approved by - Tom Birkett, Finance Director", "Tom Birkett", "Finance Director"),
    ],
)
def test_a_signature_written_label_dash_value(block: str, name: str, role: str) -> None:
    facts = facts_of(HEAD + "Declaration and Sign Off\nThis plan was approved.\n" + block)
    assert facts.signatory.name == name
    assert facts.signatory.role == role


@pytest.mark.parametrize(
    "text",
    [
        "CONTRACT NOTICE - TENDER OPPORTUNITY\nTitle: Grounds Maintenance Framework 2026-2030",
        "ANNUAL REVIEW\nTitle: Lot 3 Cleaning Services 2025/26",
    ],
)
def test_a_heading_over_a_document_title_is_not_a_signatory(text: str) -> None:
    facts = facts_of(text + "\nThe Council is looking for a supplier.\nContact the team.")
    assert facts.signatory.name is None


@pytest.mark.parametrize(
    ("sentence", "when"),
    [
        (
            "This plan was approved by the Brindle management team in September 2026.",
            dt.date(2026, 9, 1),
        ),
        ("The partners approved and signed off this plan in March 2025.", dt.date(2025, 3, 1)),
        ("Approved by the Board of Trustees in Oct 2025.", dt.date(2025, 10, 1)),
    ],
)
def test_an_approval_dated_by_month_dates_the_sign_off(sentence: str, when: dt.date) -> None:
    facts = facts_of(HEAD + "Sign-off\n" + sentence + "\nOwen Parr, General Manager")
    assert facts.sign_off_date == when


@pytest.mark.parametrize(
    "sentence",
    [
        "The board of directors reviewed and approved this plan on 2 February 2026.",
        "The Board of Trustees reviewed and approved this plan at its meeting on 14 May 2026.",
        "Our directors approved the Carbon Reduction Plan on 3 March 2026.",
        "The board formally adopted this plan in January 2026.",
    ],
)
def test_an_approval_in_the_active_voice_is_the_boards_sign_off(sentence: str) -> None:
    text = (
        HEAD
        + "Declaration and Sign Off\nThis plan has been completed in accordance with PPN 06/21.\n"
        + sentence
        + "\nSigned:\nHelen Mayhew\nManaging Director, for the board"
    )
    assert facts_of(text).board_sign_off == "board"
    assert _outcomes(text)["board-sign-off"] is Outcome.PASS


def test_an_active_approval_of_something_else_is_no_sign_off() -> None:
    facts = facts_of(HEAD + "Policies\nThe board approved the travel budget on 3 March 2026.")
    assert facts.board_sign_off is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Our full Carbon Reduction Plan, written to PPN 006, sets out our baseline and targets "
        "and is signed off by our directors.",
        "Our full plan is approved by the board and can be downloaded below.",
        "Download our Carbon Reduction Plan, approved by the partners in May 2026.",
    ],
)
def test_a_sentence_about_a_plan_published_elsewhere_is_no_declaration(sentence: str) -> None:
    facts = facts_of(
        "Sustainability at Harlow Groundworks\nNet zero by 2040 across our business.\n"
        + sentence
        + "\nCommunity\nWe sponsor two football clubs."
    )
    assert facts.declaration is None
    assert facts.is_crp is False


@pytest.mark.parametrize(
    "sentence",
    [
        "Guidance: the plan must be signed off by a director and must state that it follows "
        "PPN 006.",
        "Suppliers should confirm that the plan has been completed in accordance with PPN 06/21.",
        "The declaration must be approved by the board.",
    ],
)
def test_what_a_plan_must_say_is_no_declaration(sentence: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan template\nDeclaration and Sign Off\n" + sentence + "\nName:\nDate:"
    )
    assert facts.declaration is None


_NARROW = [
    "Declaration and sign off",
    "This Carbon Reduction Plan has been completed in accordance with PPN 06/21 and associated "
    "guidance and reporting standard for Carbon Reduction Plans.",
    "Emissions have been reported and recorded in accordance with the published reporting "
    "standard for Carbon Reduction Plans and the GHG Reporting Protocol corporate standard and "
    "uses the appropriate Government emission conversion factors for greenhouse gas company "
    "reporting.",
    "Scope 1 and Scope 2 emissions have been reported in accordance with SECR requirements, and "
    "the required subset of Scope 3 emissions have been reported in accordance with the "
    "published reporting standard for Carbon Reduction Plans and the Corporate Value Chain "
    "(Scope 3) Standard.",
]


def test_standards_named_over_a_narrow_columns_line_breaks() -> None:
    facts = facts_from(pdf_two_columns(["Carbon Reduction Plan", *_NARROW]), "plan.pdf")
    assert set(facts.methodology) >= {
        "ghg_protocol",
        "secr",
        "scope3_standard",
        "uk_conversion_factors",
    }


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("We follow the GHG\nProtocol Corporate Standard.", "ghg_protocol"),
        ("Figures use the UK Government\nconversion factors for 2025.", "uk_conversion_factors"),
        ("Scope 3 follows the Corporate Value\nChain (Scope 3) Standard.", "scope3_standard"),
    ],
)
def test_a_standards_name_broken_over_a_line_is_named(text: str, key: str) -> None:
    assert key in facts_of(HEAD + text).methodology


def test_standards_in_a_word_declaration_are_named() -> None:
    data = docx_plan(
        ["Carbon Reduction Plan", "Acme Widgets Ltd"],
        [["Scope", "2025 (tCO2e)"], ["Scope 1", "12.0"]],
        tuple(_NARROW),
    )
    assert "ghg_protocol" in facts_from(data, "plan.docx").methodology


@pytest.mark.parametrize(
    "line",
    [
        "Deadline for tenders: 12:00 noon, 9 October 2026",
        "Closing date: 30 June 2026",
        "Next meeting: 4 May 2026",
        "Contract start: 1 April 2027",
    ],
)
def test_a_labelled_date_of_something_else_is_not_the_publication_date(line: str) -> None:
    facts = facts_of(f"Contract notice\nWharfe Council\n{line}\nThe Council seeks a supplier.")
    assert facts.publication_date is None


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("Issue date: 12 March 2026", dt.date(2026, 3, 12)),
        ("Version 2: March 2026", dt.date(2026, 3, 1)),
        ("Date: 5 June 2026", dt.date(2026, 6, 5)),
    ],
)
def test_a_labelled_date_of_the_plan_is_still_its_publication_date(
    line: str, when: dt.date
) -> None:
    facts = facts_of(f"Carbon Reduction Plan\nAcme Widgets Ltd\n{line}\n{HEAD}")
    assert facts.publication_date == when


@pytest.mark.parametrize(
    "sentence",
    [
        "We used the DESNZ 2024 factors.",
        "Emission factors: DESNZ (2025).",
        "Calculated using the Government's greenhouse gas reporting conversion factors 2025.",
        "We used the UK government's 2024 GHG conversion factors.",
        "Emissions factors were taken from the Department for Energy Security and Net Zero "
        "(DESNZ) 2024 dataset.",
        "Methodology: GHG Protocol; UK Govt conversion factors 2024.",
    ],
)
def test_the_uk_government_factors_named_by_their_publisher(sentence: str) -> None:
    assert "uk_conversion_factors" in facts_of(HEAD + sentence).methodology


@pytest.mark.parametrize(
    "sentence",
    [
        "In line with the Government's net zero target we will cut our emissions.",
        "Our suppliers report their own emission factors to us.",
    ],
)
def test_factors_without_the_uk_publisher_are_not_the_uk_factors(sentence: str) -> None:
    assert "uk_conversion_factors" not in facts_of(HEAD + sentence).methodology


def test_a_board_meeting_dates_the_sign_off() -> None:
    facts = facts_of(
        HEAD
        + "Sign off\nThe Board of Directors signed off this plan at its meeting of 3 March 2026."
    )
    assert facts.sign_off_date == dt.date(2026, 3, 3)
    assert facts.board_sign_off == "board"


@pytest.mark.parametrize(
    "line",
    ["Signed: Jo Bell, Managing Director, 4 June 2025", "Approved by Jo Bell (Owner) 04/06/2025"],
)
def test_a_short_plans_signature_date_is_not_its_publication_date(line: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\nWe are committed to net zero by 2040.\n{line}")
    assert facts.publication_date is None
    assert facts.sign_off_date == dt.date(2025, 6, 4)


@pytest.mark.parametrize(
    "line",
    [
        "Acme Widgets Ltd · Issue 2 · 12 June 2025",
        "Acme Widgets Limited of Leeds | Carbon Reduction Plan | 12 June 2025",
    ],
)
def test_a_title_block_date_between_separators_is_the_publication_date(line: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{line}\n{HEAD}")
    assert facts.publication_date == dt.date(2025, 6, 12)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Signed: Jane Smith MBE, Chair", "Jane Smith"),
        ("Signed: Ravi Shah BSc (Hons), Managing Director", "Ravi Shah"),
        ("Signed: Mary-Jane van der Berg, Director", "Mary-Jane van der Berg"),
    ],
)
def test_a_signatory_with_letters_after_the_name_or_particles(line: str, name: str) -> None:
    facts = facts_of(HEAD + "Declaration\nThis plan was approved by the board.\n" + line)
    assert facts.signatory.name == name
    assert facts.signatory.director_level is True


def test_an_unread_name_is_a_question_not_a_fail() -> None:
    text = "Carbon Reduction Plan\nWe are committed to net zero by 2040.\n" + "\n".join(
        f"Scope {i}: {i}.0 tCO2e in 2025" for i in (1, 2, 3)
    )
    got = _outcomes(text)
    assert got["supplier-named"] is Outcome.NEEDS_REVIEW


@pytest.mark.parametrize(
    ("block", "name", "role"),
    [
        ("Director: Jane Smith\nDate: 1 Feb 2026", "Jane Smith", "Director"),
        ("Managing Director – Ravi Shah – 1 February 2026", "Ravi Shah", "Managing Director"),
        ("Chair of Trustees: Revd Ann Lee", "Revd Ann Lee", "Chair of Trustees"),
        ("Signed: pp Jane Smith, Managing Director", "Jane Smith", "Managing Director"),
        ("Signed: J.Bloggs, Director", "J. Bloggs", "Director"),
    ],
)
def test_a_signature_written_role_first_or_signed_for(block: str, name: str, role: str) -> None:
    facts = facts_of(
        HEAD + "Declaration and Sign Off\nThis plan was approved by the board.\n" + block
    )
    assert facts.signatory.name == name
    assert facts.signatory.role == role


@pytest.mark.parametrize(
    "line", ["Venue: Town Hall Leeds", "Sustainability Week: Green Office Days 2026"]
)
def test_a_field_that_is_not_a_role_names_no_signatory(line: str) -> None:
    facts = facts_of(
        HEAD + "Declaration and Sign Off\nThis plan was approved by the board.\n" + line
    )
    assert facts.signatory.name is None
