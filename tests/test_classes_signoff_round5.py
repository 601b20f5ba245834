"""Sign-off classes found on independently written plans (round 5), each in wordings and
layouts of our own: a signer named after 'signed on its behalf by' or 'on the board's behalf
by', a possessive of the firm or the board that is no person's name ('the LLP's Management
Board'), a signing sentence wrapped over the lines of a narrow column, and a borderless
one-line sign-off that runs the body signed for into the name, role and date."""

from __future__ import annotations

import datetime as dt

import pytest
from documents import facts_of
from layouts import facts_from, pdf_borderless_table, pdf_two_columns

HEAD = "Carbon Reduction Plan\nAcme Widgets Ltd\nWe are committed to net zero by 2040.\n"
DECLARATION = (
    "Declaration and Sign Off\nWe declare that this plan has been completed in accordance with "
    "PPN 06/21 and the associated reporting standard for Carbon Reduction Plans.\n"
)


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        (
            "The plan was approved by the Board on 4 March 2026 and signed on its behalf by "
            "Morag Tennant, Chair of the Board.",
            "Morag Tennant",
            "Chair of the Board",
        ),
        (
            "It is signed on the board's behalf by Idris Fane, Managing Director.",
            "Idris Fane",
            "Managing Director",
        ),
        (
            "The trustees approved this plan, and it was signed on their behalf by Dr Lena "
            "Marsh, Chair of Trustees, on 9 May 2026.",
            "Dr Lena Marsh",
            "Chair of Trustees",
        ),
        (
            "This plan is signed on the partners’ behalf by Colm Rees, Senior Partner.",
            "Colm Rees",
            "Senior Partner",
        ),
    ],
)
def test_a_signer_named_after_on_its_behalf_by(sentence: str, name: str, role: str) -> None:
    facts = facts_of(HEAD + DECLARATION + sentence)
    assert facts.signatory.name == name
    assert facts.signatory.role == role


@pytest.mark.parametrize(
    "sentence",
    [
        "It has been reviewed and signed off by the LLP's Management Board of partners.",
        "The plan was approved by the Company's Board of Directors in March 2026.",
        "This plan has been signed off by the Board’s Executive Committee.",
    ],
)
def test_a_possessive_of_the_firm_or_board_is_no_signatory(sentence: str) -> None:
    facts = facts_of(HEAD + DECLARATION + sentence)
    assert facts.signatory.name is None


def test_the_signer_below_a_possessive_body_is_found() -> None:
    facts = facts_of(
        HEAD
        + DECLARATION
        + "It has been reviewed and signed off by the LLP's Management Board of partners.\n"
        + "Signed for and on behalf of Example & Co LLP\nNoor Blake | Managing Partner\n"
        + "Date | 2 February 2026"
    )
    assert facts.signatory.name == "Noor Blake"
    assert facts.signatory.role == "Managing Partner"


@pytest.mark.parametrize(
    ("line", "name", "role"),
    [
        ("Signed for the members Tamsin Rudd Partner 14.04.2026", "Tamsin Rudd", "Partner"),
        ("Signed for the trustees Owen Pike Chair 2 June 2026", "Owen Pike", "Chair"),
        (
            "Signed for the directors Beth Amory Managing Director 30/01/2026",
            "Beth Amory",
            "Managing Director",
        ),
    ],
)
def test_a_one_line_sign_off_runs_the_body_into_name_and_role(
    line: str, name: str, role: str
) -> None:
    facts = facts_of(HEAD + DECLARATION + line)
    assert facts.signatory.name == name
    assert facts.signatory.role == role


@pytest.mark.parametrize(
    "line",
    [
        "Signed for the members Brightwater Care Homes Ltd 14.04.2026",
        "Signed for the members Tamsin Rudd The plan is reviewed each year",
        "Signed for the partners Hallam Street Studio",
    ],
)
def test_a_run_on_without_a_role_names_no_signatory(line: str) -> None:
    facts = facts_of(HEAD + DECLARATION + line)
    assert facts.signatory.name is None


def test_a_borderless_pdf_sign_off_row() -> None:
    data = pdf_borderless_table(
        [
            "Carbon Reduction Plan",
            "Example Design LLP",
            "Declaration and sign-off",
            "The members of Example Design LLP declare that this plan follows PPN 006 and the "
            "associated reporting standard for Carbon Reduction Plans.",
        ],
        [["Signed for the members", "Harriet Example", "Partner"], ["Date", "28.05.2026", ""]],
    )
    facts = facts_from(data, "plan.pdf")
    assert facts.signatory.name == "Harriet Example"
    assert facts.signatory.role == "Partner"
    assert facts.sign_off_date == dt.date(2026, 5, 28)


@pytest.mark.parametrize(
    ("block", "name", "role"),
    [
        (
            "The board reviewed and approved this plan on\n4 March 2026. It is signed on the\n"
            "board's behalf by Priya Example, Chief\nExecutive, on 4 March 2026.",
            "Priya Example",
            "Chief Executive",
        ),
        (
            "This plan has been reviewed by the directors and was\nsigned by Gareth Example, "
            "Managing\nDirector, on 11 June 2026.",
            "Gareth Example",
            "Managing Director",
        ),
    ],
)
def test_a_signing_sentence_wrapped_over_lines(block: str, name: str, role: str) -> None:
    facts = facts_of(HEAD + DECLARATION + block)
    assert facts.signatory.name == name
    assert facts.signatory.role == role
    assert facts.signatory.director_level is True


def test_a_wrapped_sentence_ended_by_a_full_stop_names_no_signatory() -> None:
    facts = facts_of(
        HEAD
        + DECLARATION
        + "The plan will be reviewed each year and signed.\nBy Gareth Example, our adviser, "
        "the figures were checked."
    )
    assert facts.signatory.name is None


def test_a_signing_sentence_in_a_narrow_pdf_column() -> None:
    data = pdf_two_columns(
        [
            "Carbon Reduction Plan. Example Fleet Hire Ltd is committed to net zero by 2040.",
            "Declaration and sign-off",
            "We declare that this plan has been prepared in line with PPN 06/21 and the "
            "associated reporting standard for Carbon Reduction Plans. The board of directors "
            "reviewed and approved this plan on 3 March 2026. It is signed on the board's "
            "behalf by Priya Example, Chief Executive, on 3 March 2026.",
        ]
    )
    facts = facts_from(data, "plan.pdf")
    assert facts.signatory.name == "Priya Example"
    assert facts.signatory.role == "Chief Executive"
    assert facts.sign_off_date == dt.date(2026, 3, 3)


@pytest.mark.parametrize(
    "sentence",
    [
        "This plan complies with PPN 006 and the Carbon Reduction Plan reporting standard.",
        "Our Carbon Reduction Plan conforms to PPN 06/21 and its reporting standard.",
        "The plan conforms with Procurement Policy Note 06/21.",
    ],
)
def test_a_plan_that_complies_with_the_ppn_declares_it(sentence: str) -> None:
    facts = facts_of(
        HEAD + "Sign-off\n" + sentence + " It has been approved by the board of directors."
    )
    assert facts.declaration == "ppn"


@pytest.mark.parametrize(
    "sentence",
    [
        "The directors confirm that the board of directors has reviewed and signed it off.",
        "Our trustees have signed this plan off.",
        "The board reviewed and signed the plan at its May meeting.",
    ],
)
def test_a_board_that_signed_it_off_in_other_words(sentence: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nAcme Ltd is committed to net zero by 2040.\n"
        f"Declaration and sign-off\n{sentence}\nSigned by\nJane Example\nPosition\nDirector"
    )
    assert facts.board_sign_off == "board"
