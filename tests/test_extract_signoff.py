"""The signature block, the approving body and the declaration, in the layouts plans use.

Each case is a class of layout or wording, not one plan's sentence: the signature as a labelled
field, after "by", in brackets, on separate lines, in a table, in one form line; approvals by
a board, partners, trustees, an owner, one director or a management team; declarations citing
the PPN, not citing it, or citing it only in the commitment.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from documents import document, facts_of
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from crp_checker.buyer import load_buyer_settings
from crp_checker.extract import extract
from crp_checker.ingest import ingest
from crp_checker.rules import run_rules
from crp_checker.schemas import Facts, Outcome

TEMPLATE = """
Declaration and Sign Off
This Carbon Reduction Plan has been completed in accordance with PPN 006 and associated
guidance and reporting standard for Carbon Reduction Plans.
{approval}
{signature}
"""
APPROVAL = "This Carbon Reduction Plan has been reviewed and signed off by the board of directors."


def signed(signature: str, approval: str = APPROVAL) -> Facts:
    return facts_of(TEMPLATE.format(approval=approval, signature=signature))


@pytest.mark.parametrize(
    ("signature", "name", "role", "director", "date"),
    [
        (
            "Signed on behalf of the Supplier: Graham Example\nPosition: Managing Director\n"
            "Date: 5th August 2025",
            "Graham Example",
            "Managing Director",
            True,
            dt.date(2025, 8, 5),
        ),
        (
            "Signed on behalf of the Supplier: Priya Example, Managing Director\nDate: 05/08/2025",
            "Priya Example",
            "Managing Director",
            True,
            dt.date(2025, 8, 5),
        ),
        (
            "Signed on behalf of the Board by Tomasz Example, Group Finance Director, "
            "on 02.12.2024",
            "Tomasz Example",
            "Group Finance Director",
            True,
            dt.date(2024, 12, 2),
        ),
        (
            "Approved by: Dr Owain Example (Group Chief Executive)\nDate: 12 May 2025",
            "Dr Owain Example",
            "Group Chief Executive",
            True,
            dt.date(2025, 5, 12),
        ),
        (
            "Signed:\nMarta Example\nChair of the Management Committee\nAugust 2025",
            "Marta Example",
            "Chair of the Management Committee",
            True,
            dt.date(2025, 8, 1),
        ),
        (
            "Name: Euan MacExample    Position: Director    Date: 30/06/2025",
            "Euan MacExample",
            "Director",
            True,
            dt.date(2025, 6, 30),
        ),
        (
            "Name | Position | Date\nDeborah Example | Operations Director | 1 July 2025",
            "Deborah Example",
            "Operations Director",
            True,
            dt.date(2025, 7, 1),
        ),
        (
            "For and on behalf of Example & Co LLP: Rebecca O'Example, Partner\n"
            "Dated: 14 April 2025",
            "Rebecca O'Example",
            "Partner",
            True,
            dt.date(2025, 4, 14),
        ),
        (
            "Signature: ____________\nKieran Example – Owner\n3 March 2025",
            "Kieran Example",
            "Owner",
            True,
            dt.date(2025, 3, 3),
        ),
        ("Fatima Example, Trustee, 9 June 2025", "Fatima Example", "Trustee", True, None),
        (
            "Signed: Seán Example-Hughes\nTitle: General Manager\nDate: 1st May 2025",
            "Seán Example-Hughes",
            "General Manager",
            False,
            dt.date(2025, 5, 1),
        ),
        (
            "Name: Margaret Example\nPosition: Company Secretary\nDate: 31st January 2024",
            "Margaret Example",
            "Company Secretary",
            False,
            dt.date(2024, 1, 31),
        ),
        (
            "Name John Example\nPosition Managing Director\nDate 01/03/2024",
            "John Example",
            "Managing Director",
            True,
            dt.date(2024, 3, 1),
        ),
        (
            "Signed by:\nJo Example\nDirector,\nExample Services Limited\nDate: 25/03/2025",
            "Jo Example",
            "Director",
            True,
            dt.date(2025, 3, 25),
        ),
    ],
)
def test_signature_layouts(
    signature: str, name: str, role: str, director: bool, date: dt.date | None
) -> None:
    facts = signed(signature)
    assert (facts.signatory.name, facts.signatory.role) == (name, role)
    assert facts.signatory.director_level is director
    if date is not None:
        assert facts.sign_off_date == date


def test_a_trailing_date_on_the_name_line_is_the_sign_off_date() -> None:
    facts = facts_of(
        """
        Sign-off
        Approved by the trustees of the Example Trust.
        Fatima Example, Trustee, 9 June 2025
        """
    )
    assert facts.signatory.name == "Fatima Example"
    assert facts.sign_off_date == dt.date(2025, 6, 9)


def test_a_name_without_a_role_is_kept_without_one() -> None:
    facts = signed("Signed on behalf of the Supplier: Declan Example\nDate: 14/04/2025")
    assert (facts.signatory.name, facts.signatory.role) == ("Declan Example", None)
    assert facts.sign_off_date == dt.date(2025, 4, 14)


def test_the_approver_is_the_signatory_not_the_author() -> None:
    facts = signed(
        "Prepared by: Alex Example, Sustainability Consultant\n"
        "Approved by: Jane Example, Chief Executive Officer"
    )
    assert facts.signatory.name == "Jane Example"


def test_a_company_or_a_person_in_prose_is_not_a_signatory() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Our data was collected by our office team; Sam Example, our sustainability lead,
        checked it.
        Example Planet Holdings Limited, 1 High Street, Leeds, LS1 1AA
        Operations Director
        """
    )
    assert facts.signatory.name is None


@pytest.mark.parametrize(
    "date_line", ["Date: [Insert date]", "Date: TBC", "Date: dd/mm/yyyy", "Date:"]
)
def test_an_unfilled_date_is_no_date(date_line: str) -> None:
    facts = signed(
        f"Signed on behalf of the Supplier: Angela Example, Managing Director\n{date_line}"
    )
    assert facts.signatory.name == "Angela Example"
    assert facts.sign_off_date is None


def test_a_publication_or_review_date_is_not_the_sign_off_date() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Publication date: 5 May 2025
        Next review: May 2026
        Example Ltd is committed to achieving Net Zero by 2045.
        """
    )
    assert facts.sign_off_date is None


def test_a_dated_sign_off_sentence_gives_the_date() -> None:
    facts = facts_of(
        """
        Sign-off
        This plan was signed off by the board of directors on 17 March 2025.
        """
    )
    assert facts.sign_off_date == dt.date(2025, 3, 17)
    assert facts.board_sign_off == "board"


@pytest.mark.parametrize(
    ("approval", "kind"),
    [
        ("This plan was approved by the Board of Directors.", "board"),
        ("This plan has been reviewed and signed off by the partners of the firm.", "board"),
        ("The plan was approved by the trustees at their meeting.", "board"),
        ("Reviewed and approved by the Group Board.", "board"),
        ("This plan has been signed off by the owner, a sole trader.", "board"),
        ("Signed off by the co-operative's committee, its governing body.", "board"),
        ("This Carbon Reduction Plan has been signed off by our Managing Director.", "director"),
        ("This plan was approved by the Director of Example Services Limited.", "director"),
        (
            "This plan has been reviewed and approved by the Example UK Executive Team.",
            "management",
        ),
        ("This plan was reviewed by the senior management team.", "management"),
        ("Approved by our Sustainability Manager.", "management"),
    ],
)
def test_who_approved_the_plan(approval: str, kind: str) -> None:
    facts = signed("", approval=approval)
    assert facts.board_sign_off == kind


def test_a_director_signature_without_an_approval_sentence_is_noted() -> None:
    facts = signed("Signed: Jane Example, Managing Director\nDate: 1 May 2025", approval="")
    assert facts.board_sign_off == "signature"


@pytest.mark.parametrize(
    "wording",
    [
        "This plan will be reviewed and approved by the board each year.",
        "The plan should be approved by a director (or equivalent).",
        "A statement that the plan follows the PPN, signed by a director.",
    ],
)
def test_a_promised_or_described_sign_off_is_not_one(wording: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\nGovernance\n{wording}")
    assert facts.board_sign_off is None
    assert facts.declaration is None


def _outcome(rule: str, *pages: str) -> Outcome:
    doc = document(*pages)
    findings = run_rules(extract(doc), doc, load_buyer_settings())
    return next(f.outcome for f in findings if f.rule == rule)


def test_a_signature_with_no_role_and_no_approval_wording_goes_to_a_person() -> None:
    plan = "Sign-off\nSigned: Declan Example\nDate: 14/04/2025"
    assert _outcome("board-sign-off", plan) is Outcome.NEEDS_REVIEW


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (TEMPLATE.format(approval=APPROVAL, signature=""), "ppn"),
        (
            "Sign-off\nWe confirm this plan meets the requirements of Procurement Policy Note "
            "06/21.\nApproved by the directors.",
            "ppn",
        ),
        ("Approval\nThis plan was approved by the board in line with PPN 06/21.", "ppn"),
        (
            "Approval & Director's Statement\nThis Carbon Reduction Plan has been approved by the "
            "Director of Example Ltd and will be reviewed annually.",
            "plain",
        ),
        (
            "Our commitment\nIn accordance with PPN 06/21, Example Ltd is committed to achieving "
            "Net Zero emissions by 2040.\nStatement of accuracy\nThe figures were prepared using "
            "the GHG Protocol. This plan was approved by the Board of Directors.",
            "plain",
        ),
        (
            "Commitment\nFollowing PPN 06/21, we commit to net zero by 2045 across all scopes.\n"
            "Sign-off\nThis plan is approved by the directors of Example Ltd.",
            "plain",
        ),
        ("Commitment\nIn line with PPN 06/21 we are committed to net zero by 2045.", None),
    ],
)
def test_declaration_kinds(text: str, kind: str | None) -> None:
    assert facts_of(text).declaration == kind


def test_a_signed_policy_is_not_a_declaration() -> None:
    facts = facts_of(
        """
        Environmental Policy
        Review
        This policy is reviewed at least once a year.
        Signed: Andrew Example, Managing Director
        Date: 6 January 2025
        """
    )
    assert facts.signatory.name == "Andrew Example"
    assert facts.declaration is None


def test_a_contact_in_the_closing_lines_is_not_a_signatory() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Example Ltd is committed to achieving Net Zero by 2045.
        Contact us
        Jane Example, Sustainability Manager
        jane.example@example.co.uk
        """
    )
    assert facts.signatory.name is None


def test_an_external_approval_is_not_a_declaration() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nTargets\nOur near-term targets were approved by the SBTi in 2024."
    )
    assert facts.declaration is None


@pytest.mark.parametrize(
    ("text", "name", "role", "date"),
    [
        (
            "Sign-off\nSigned by the owner, Dave Example\nDate: 4 May 2025",
            "Dave Example",
            "owner",
            dt.date(2025, 5, 4),
        ),
        (
            "Declaration and Sign Off\nSigned on behalf of the Supplier: Managing Director, "
            "Graham Example\nDate: 5th August 2025",
            "Graham Example",
            "Managing Director",
            dt.date(2025, 8, 5),
        ),
        (
            "Sign off\nThe plan was approved by our Senior Leadership Team and signed by Tom "
            "Example, Head of Operations, on 2 June 2025.",
            "Tom Example",
            "Head of Operations",
            dt.date(2025, 6, 2),
        ),
        (
            "Declaration and Sign Off\nSigned: _______________ Name: Priya Example Position: "
            "Director Date: 05/08/2025",
            "Priya Example",
            "Director",
            dt.date(2025, 8, 5),
        ),
        (
            "Declaration and Sign Off\nName Job Title Signature Date\n"
            "Graham Example Managing Director G. Example 05/08/2025",
            "Graham Example",
            "Managing Director",
            dt.date(2025, 8, 5),
        ),
        (
            "Approval\nApproved on behalf of the Trustees by Mary Example (Chair of Trustees) on "
            "12 March 2025.",
            "Mary Example",
            "Chair of Trustees",
            dt.date(2025, 3, 12),
        ),
    ],
)
def test_role_first_inline_and_form_layouts(text: str, name: str, role: str, date: dt.date) -> None:
    facts = facts_of(text)
    assert (facts.signatory.name, facts.signatory.role) == (name, role)
    assert facts.sign_off_date == date


@pytest.mark.parametrize("role", ["Owner", "Sole Trader", "Proprietor"])
def test_a_sole_traders_signature_is_the_equivalent_body(role: str) -> None:
    facts = facts_of(
        "Declaration\nI confirm this plan was prepared in line with PPN 006.\n"
        f"Signed\nDave Example\n{role}\nDate 4/5/2025"
    )
    assert facts.board_sign_off == "board"
    assert facts.signatory.director_level is True


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Introduction\nThis plan has been prepared to meet the requirements of Procurement "
            "Policy Note (PPN) 006.",
            "ppn",
        ),
        (
            "Director's Statement\nI confirm that the information in this plan is accurate.\n"
            "Jane Example, Director",
            "plain",
        ),
        ("Our commitment\nAs required by PPN 06/21, we commit to net zero by 2045.", None),
        ("Governance\nOur environmental policy is approved annually by the Board.", None),
    ],
)
def test_more_declaration_wordings(text: str, kind: str | None) -> None:
    assert facts_of("Carbon Reduction Plan\n" + text).declaration == kind


def test_an_approval_of_something_else_is_no_sign_off() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nGovernance\nOur travel policy is approved by the Board."
    )
    assert facts.board_sign_off is None


def test_a_sole_trader_approving_in_the_first_person() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nSign-off\nI, Sam Example, sole trader and owner of Example "
        "Gardens, approve this plan.\nSigned: Sam Example\nDate: [to be added]"
    )
    assert facts.signatory.name == "Sam Example"
    assert facts.signatory.director_level is True
    assert (facts.board_sign_off, facts.declaration) == ("board", "plain")
    assert facts.sign_off_date is None


SIGNATURE_TABLES = {
    "label and value rows": [
        ["Signed on behalf of the Supplier", ""],
        ["Name", "Graham Example"],
        ["Position", "Managing Director"],
        ["Date", "5 August 2025"],
    ],
    "header row": [
        ["Name", "Position", "Signature", "Date"],
        ["Graham Example", "Managing Director", "", "05/08/2025"],
    ],
}
TABLE_TEXT = (
    "This Carbon Reduction Plan has been completed in accordance with PPN 006 and associated "
    "guidance and reporting standard for Carbon Reduction Plans.",
    "This Carbon Reduction Plan has been reviewed and signed off by the board of directors.",
)


@pytest.mark.parametrize("layout", sorted(SIGNATURE_TABLES))
def test_signature_table_in_a_word_file(layout: str, tmp_path: Path) -> None:
    word = docx.Document()
    word.add_heading("Carbon Reduction Plan", 1)
    word.add_heading("Declaration and Sign Off", 2)
    for paragraph in TABLE_TEXT:
        word.add_paragraph(paragraph)
    rows = SIGNATURE_TABLES[layout]
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    path = tmp_path / "plan.docx"
    word.save(str(path))
    facts = extract(ingest(path))
    assert (facts.signatory.name, facts.signatory.role) == ("Graham Example", "Managing Director")
    assert facts.sign_off_date == dt.date(2025, 8, 5)


@pytest.mark.parametrize("layout", sorted(SIGNATURE_TABLES))
def test_signature_table_in_a_pdf(layout: str, tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    styles = getSampleStyleSheet()
    story = [Paragraph("Declaration and Sign Off", styles["Heading2"])]
    story += [Paragraph(text, styles["Normal"]) for text in TABLE_TEXT]
    story.append(Table(SIGNATURE_TABLES[layout], style=[("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    facts = extract(ingest(path))
    assert (facts.signatory.name, facts.signatory.role) == ("Graham Example", "Managing Director")
    assert facts.sign_off_date == dt.date(2025, 8, 5)


@pytest.mark.parametrize(
    ("role", "board_level"),
    [
        ("Managing Director", True),
        ("Director of Operations", True),
        ("Operations Director", True),
        ("Group Finance Director", True),
        ("Chief Financial Officer", True),
        ("Chief Technology Officer", True),
        ("Group Chief Executive", True),
        ("Chair of the Management Committee", True),
        ("Partner", True),
        ("Trustee", True),
        ("Owner", True),
        ("Company Secretary", False),
        ("General Manager", False),
        ("Head of Sustainability", False),
        ("Office Manager", False),
    ],
)
def test_board_level_roles(role: str, board_level: bool) -> None:
    """RULE_LABELS.md point 6, as settled in the signatory rule's docstring."""
    facts = signed(f"Signed on behalf of the Supplier: Alex Example, {role}\nDate: 1 May 2025")
    assert facts.signatory.role == role
    assert facts.signatory.director_level is board_level
