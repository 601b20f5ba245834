"""Sign-off classes found on plans written to vary their sign-offs (round 7), each in wordings
and layouts of our own: a role word with a 'Co-' prefix read as a company, a signing sentence
'signed for the Board by', honours after the name, a footer that runs other sentences on after
the signature, names written surname first, a spaced table whose first cell is the written
signature, an approval table whose steps are columns, and a plan signed only below board level."""

from __future__ import annotations

import datetime as dt

import pytest
from documents import facts_of
from layouts import docx_with_footer, facts_from
from rule_cases import run

from crp_checker.schemas import Outcome

HEAD = "Carbon Reduction Plan\nAcme Widgets Ltd\nWe are committed to net zero by 2040.\n"
DECLARATION = (
    "Declaration and Sign Off\nWe declare that this plan has been completed in accordance with "
    "PPN 06/21 and the associated reporting standard for Carbon Reduction Plans.\n"
)


def _signer(text: str) -> tuple[str | None, str | None]:
    facts = facts_of(HEAD + DECLARATION + text)
    return facts.signatory.name, facts.signatory.role


@pytest.mark.parametrize(
    ("block", "name", "role"),
    [
        (
            "Signed: Priya Example, Managing Director and Co-founder",
            "Priya Example",
            "Managing Director and Co-founder",
        ),
        (
            "/s/ Tomasz Example\nTomasz Example, Co-owner and Director\n4 May 2026",
            "Tomasz Example",
            "Co-owner and Director",
        ),
        (
            "Signature: ______\nOlu Example, Director and Co-Founder",
            "Olu Example",
            "Director and Co-Founder",
        ),
    ],
)
def test_a_co_prefixed_role_is_not_a_company(block: str, name: str, role: str) -> None:
    assert _signer(block) == (name, role)


def test_a_signer_for_another_company_is_still_refused() -> None:
    block = "Verified: Jo Example, Lead Assessor, Pennine Inspection & Co"
    assert _signer(block)[0] is None


@pytest.mark.parametrize(
    ("block", "name", "role"),
    [
        (
            "The plan was approved by the board on 3 March 2026 and is signed for the Board by "
            "Dr Example Person FRCS, Medical Director.",
            "Dr Example Person",
            "Medical Director",
        ),
        (
            "This plan is signed off for the Board of Trustees by Mrs Joanne Example MBE, "
            "Chair of Trustees.",
            "Mrs Joanne Example",
            "Chair of Trustees",
        ),
    ],
)
def test_signed_for_the_board_by_names_the_signer(block: str, name: str, role: str) -> None:
    assert _signer(block) == (name, role)


def test_signed_for_the_board_by_wrapped_in_a_narrow_column() -> None:
    block = (
        "The board reviewed this plan at its meeting\n"
        "on 3 March 2026 and it is signed for the\n"
        "Board by Mr Rhodri Example BDS MBA,\n"
        "Chief Executive.\n"
    )
    facts = facts_of(HEAD + DECLARATION + block)
    assert facts.signatory.name == "Mr Rhodri Example"
    assert facts.signatory.role == "Chief Executive"
    assert facts.signatory.director_level is True


@pytest.mark.parametrize(
    "block",
    [
        "This plan is signed for the Board.",
        "Our carbon reduction projects were designed for the Board by the Facilities Team.",
    ],
)
def test_signed_for_the_board_without_a_person_names_nobody(block: str) -> None:
    assert _signer(block)[0] is None


def test_a_footer_that_runs_on_after_the_signature() -> None:
    data = docx_with_footer(
        [
            "Carbon Reduction Plan",
            "Example Care Services Ltd is committed to net zero by 2045.",
            *[f"Our care home number {n} runs on renewable electricity." for n in range(1, 15)],
            "Declaration",
            "This plan has been completed in accordance with PPN 006. The board signed it off; "
            "the signatory and date are in the footer.",
        ],
        "Signed off for the Board by Ruth Example, Chair, on 2 March 2026. Published 4 March "
        "2026. Example Care Services Ltd, Unit 4, Example Business Park, Exampleton, registered "
        "in England and Wales no. 01234567.",
    )
    facts = facts_from(data, "plan.docx")
    assert (facts.signatory.name, facts.signatory.role) == ("Ruth Example", "Chair")
    assert facts.sign_off_date == dt.date(2026, 3, 2)
    assert facts.publication_date == dt.date(2026, 3, 4)


@pytest.mark.parametrize(
    ("block", "name", "role"),
    [
        ("Approved by: EXAMPLE, Grace (Chief Executive)", "EXAMPLE, Grace", "Chief Executive"),
        (
            "Approved for the Board by HARGREAVES-EXAMPLE, Lena - Finance Director",
            "HARGREAVES-EXAMPLE, Lena",
            "Finance Director",
        ),
        (
            "Name: Example, Tomos\nPosition: Director\nDate: 3 March 2026",
            "Example, Tomos",
            "Director",
        ),
    ],
)
def test_a_name_written_surname_first(block: str, name: str, role: str) -> None:
    assert _signer(block) == (name, role)


def test_the_author_written_surname_first_is_not_the_signer() -> None:
    block = (
        "Author: EXAMPLE, Tom - Sustainability Lead\n"
        "Approved for the Board by PERSON, Ada - Managing Director\n"
        "Date approved 2 March 2026"
    )
    assert _signer(block) == ("PERSON, Ada", "Managing Director")


@pytest.mark.parametrize(
    "block",
    [
        "Signed on behalf of the Board\nStockport, Cheshire\n12 March 2026",
        "Approved by: Jane, Managing Director",
        "Signed: Leeds, Bradford and York",
    ],
)
def test_places_and_lists_are_not_names_written_surname_first(block: str) -> None:
    assert _signer(block)[0] is None


@pytest.mark.parametrize(
    ("row", "name", "role"),
    [
        ("T. Example EXAMPLE, Tomos Director 3 March 2026", "EXAMPLE, Tomos", "Director"),
        (
            "J.R. Example Jane Example Finance Director 1 May 2026",
            "Jane Example",
            "Finance Director",
        ),
    ],
)
def test_a_written_signature_in_the_first_cell_of_a_spaced_table(
    row: str, name: str, role: str
) -> None:
    facts = facts_of(HEAD + DECLARATION + "Signature Name Role Date\n" + row)
    assert (facts.signatory.name, facts.signatory.role) == (name, role)
    assert facts.signatory.director_level is True


def test_initials_without_a_signature_column_stay_the_name() -> None:
    facts = facts_of(HEAD + DECLARATION + "Name Title Date\nT. Example Director 3 March 2026")
    assert facts.signatory.name == "T. Example"


@pytest.mark.parametrize(
    ("table", "name", "role", "date"),
    [
        (
            "| Prepared by | Reviewed by | Approved by |\n"
            "| Ann Example, Sustainability Lead | Bob Example, Finance Manager | "
            "Cara Example, Managing Director |\n"
            "| 1 April 2026 | 3 April 2026 | 7 April 2026 |",
            "Cara Example",
            "Managing Director",
            dt.date(2026, 4, 7),
        ),
        (
            "Author | Approved by |\n"
            "Dee Example (Office Manager) | Eli Example (Chief Executive) |\n"
            "2 June 2026 | 9 June 2026 |",
            "Eli Example",
            "Chief Executive",
            dt.date(2026, 6, 9),
        ),
    ],
)
def test_an_approval_table_in_columns_names_the_approver(
    table: str, name: str, role: str, date: dt.date
) -> None:
    facts = facts_of(HEAD + table + "\n" + DECLARATION)
    assert (facts.signatory.name, facts.signatory.role) == (name, role)
    assert facts.sign_off_date == date


def test_an_approval_table_without_an_approver_names_no_signer() -> None:
    table = (
        "| Prepared by | Reviewed by |\n"
        "| Ann Example, Sustainability Lead | Bob Example, Finance Manager |\n"
        "| 1 April 2026 | 3 April 2026 |"
    )
    assert facts_of(HEAD + table + "\n" + DECLARATION).signatory.name is None


def test_an_approval_table_in_rows_names_the_approver() -> None:
    table = (
        "Prepared by | Ann Example | Sustainability Lead |\n"
        "Reviewed by | Bob Example | Finance Manager |\n"
        "Approved by | Cara Example | Director |\n"
    )
    facts = facts_of(HEAD + DECLARATION + table)
    assert facts.signatory.name == "Cara Example"


@pytest.mark.parametrize(
    ("block", "outcome"),
    [
        ("Prepared and signed by:\nName Kim Example\nPosition Office Administrator", Outcome.FAIL),
        ("Signed: Kim Example, Sustainability Manager\nDate: 3 March 2026", Outcome.FAIL),
        (
            "This plan was approved by the management team.\nSigned: Kim Example, Office Manager",
            Outcome.PARTIAL,
        ),
        ("Signed: Kim Example, Managing Director\nDate: 3 March 2026", Outcome.PARTIAL),
    ],
)
def test_a_plan_signed_only_below_board_level_has_no_board_sign_off(
    block: str, outcome: Outcome
) -> None:
    plan = (
        "Carbon Reduction Plan\nAcme Widgets Ltd\nWe are committed to net zero by 2040.\n"
        "Declaration\nThis plan has been completed in accordance with PPN 06/21.\n" + block
    )
    assert run("board-sign-off", facts_of(plan)).outcome is outcome


_LONG_BODY = "".join(f"Our depot number {n} runs on renewable electricity.\n" for n in range(1, 16))


@pytest.mark.parametrize(
    ("closing", "date"),
    [
        (
            "Acme Widgets Ltd, 4 Mill Lane, Leeds LS1 4AB. Publication date: 3 June 2026.",
            dt.date(2026, 6, 3),
        ),
        ("Reviewed every year by the board. Date of issue: 12 May 2026", dt.date(2026, 5, 12)),
        ("Signed by the directors on 2 May 2026. Published 6 May 2026.", dt.date(2026, 5, 6)),
    ],
)
def test_a_publication_label_opening_a_sentence_in_the_closing_lines(
    closing: str, date: dt.date
) -> None:
    assert facts_of(HEAD + _LONG_BODY + DECLARATION + closing).publication_date == date


@pytest.mark.parametrize(
    "closing",
    [
        "We use the Government conversion factors. Published 8 June 2025 by DESNZ, they are "
        "updated every year.",
        "We follow the GHG Protocol. Published by WRI in March 2004, it is the standard.",
        "Our previous plan is on our website. Next review date: 3 June 2027.",
    ],
)
def test_another_documents_publication_in_the_closing_lines_is_not_the_plans(
    closing: str,
) -> None:
    assert facts_of(HEAD + _LONG_BODY + DECLARATION + closing).publication_date is None


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        # synthetic-k uk04: the date after a comma, wrapped over two lines
        (
            "Reviewed and signed off by the Board of Directors, 10th April\n2026.",
            dt.date(2026, 4, 10),
        ),
        (
            "This plan was reviewed and signed off by our Board of Directors, 21st May\n2026.",
            dt.date(2026, 5, 21),
        ),
        ("Signed off by the Board, 03/03/2026, and to be reviewed in 2027.", dt.date(2026, 3, 3)),
    ],
)
def test_a_date_set_off_by_a_comma_after_the_signing_clause_is_the_sign_off_date(
    sentence: str, date: dt.date
) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nDeclaration and sign off\nThis plan has been completed in "
        f"accordance with PPN 06/21. {sentence}\nSigned: Gary Holroyd, Director"
    )
    assert facts.sign_off_date == date


def test_a_review_date_after_a_comma_is_no_sign_off_date() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nDeclaration and sign off\nSigned off by the Board of Directors, "
        "the next review being 1 April\n2027.\nSigned: Gary Holroyd, Director"
    )
    assert facts.sign_off_date is None
