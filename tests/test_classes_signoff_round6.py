"""Sign-off classes found on independently written plans (round 6), each in wordings and
layouts of our own: a signature only in a Word page footer, a signer's name split over the
end of a narrow column's line, the organisation's own name read as a person, a signature in
initials beside the name written out, a role word that is also inside 'Board of Directors',
and a signing sentence that dates itself beside another date."""

from __future__ import annotations

import datetime as dt

import pytest
from documents import facts_of
from layouts import docx_with_footer, facts_from

HEAD = "Carbon Reduction Plan\nAcme Widgets Ltd\nWe are committed to net zero by 2040.\n"
DECLARATION = (
    "Declaration and Sign Off\nWe declare that this plan has been completed in accordance with "
    "PPN 06/21 and the associated reporting standard for Carbon Reduction Plans.\n"
)


@pytest.mark.parametrize(
    ("footer", "name", "role", "date"),
    [
        (
            "Signed for the Board of Directors by Morwenna Example, Managing Director, "
            "2nd March 2026",
            "Morwenna Example",
            "Managing Director",
            dt.date(2026, 3, 2),
        ),
        (
            "Approved and signed on behalf of the trustees by Idris Example, Chair of Trustees, "
            "on 14 April 2026",
            "Idris Example",
            "Chair of Trustees",
            dt.date(2026, 4, 14),
        ),
    ],
)
def test_a_signature_only_in_a_word_footer(
    footer: str, name: str, role: str, date: dt.date
) -> None:
    data = docx_with_footer(
        [
            "Carbon Reduction Plan",
            "Example Care Services Ltd is committed to net zero by 2045.",
            "Declaration",
            "This plan has been completed in accordance with PPN 006. It has been reviewed and "
            "signed off by the Board of Directors; the signature is in the footer.",
        ],
        footer,
    )
    facts = facts_from(data, "plan.docx")
    assert (facts.signatory.name, facts.signatory.role) == (name, role)
    assert facts.signatory.director_level is True
    assert facts.sign_off_date == date


@pytest.mark.parametrize(
    ("block", "name", "role", "date"),
    [
        (
            "Approved by the directors of Example Ovens\nLtd and signed on its behalf by Nia\n"
            "Example, Founder and Managing Director, on 20\nJanuary 2026.",
            "Nia Example",
            "Founder and Managing Director",
            dt.date(2026, 1, 20),
        ),
        (
            "The partners reviewed this plan and it was signed on their behalf by Lowri\n"
            "Example, Senior Partner, on 9 March 2026.",
            "Lowri Example",
            "Senior Partner",
            dt.date(2026, 3, 9),
        ),
        (
            "The plan has been reviewed by the board and signed on our behalf by Tomasz\n"
            "Example-Nowak, Chief Executive, on\n3 June 2026.",
            "Tomasz Example-Nowak",
            "Chief Executive",
            dt.date(2026, 6, 3),
        ),
    ],
)
def test_a_signer_name_split_over_a_line_end(
    block: str, name: str, role: str, date: dt.date
) -> None:
    facts = facts_of(HEAD + DECLARATION + block)
    assert (facts.signatory.name, facts.signatory.role) == (name, role)
    assert facts.sign_off_date == date


@pytest.mark.parametrize(
    "block",
    [
        "It has been reviewed and signed on its behalf by Example\nHoldings Ltd, our parent "
        "company, in March 2026.",
        "The plan will be reviewed and signed each year by Example\nStreet staff at the depot.",
    ],
)
def test_a_split_name_that_runs_into_a_firm_or_place_is_no_signer(block: str) -> None:
    facts = facts_of(HEAD + DECLARATION + block)
    assert facts.signatory.name is None


@pytest.mark.parametrize(
    "text",
    [
        "Carbon Reduction Plan\nHallam Print & Mail Ltd\nApproved by Board of Directors\n"
        "1. Commitment\nHallam Print & Mail Ltd commits to net zero by 2045.\n",
        "Carbon Reduction Plan\nSigned off by the board\nOwain Joinery Services Ltd is committed "
        "to net zero emissions by 2050.\n",
    ],
)
def test_the_organisations_own_name_is_no_signatory(text: str) -> None:
    facts = facts_of(text)
    assert facts.signatory.name is None


def test_the_signer_below_the_organisations_name_is_found() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nHallam Print & Mail Ltd\nApproved by Board of Directors\n"
        "1. Commitment\nHallam Print & Mail Ltd commits to net zero by 2045.\n"
        + DECLARATION
        + "Rhian Example, Chief Executive - 30 April 2026"
    )
    assert (facts.signatory.name, facts.signatory.role) == ("Rhian Example", "Chief Executive")
    assert facts.sign_off_date == dt.date(2026, 4, 30)


def test_a_sole_trader_signing_under_their_own_name_is_found() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nOrganisation: Gareth Example Plumbing\n"
        "I am committed to net zero by 2040.\n" + DECLARATION + "Signed: Gareth Example, Owner\n"
        "Date: 3 March 2026"
    )
    assert (facts.signatory.name, facts.signatory.role) == ("Gareth Example", "Owner")


@pytest.mark.parametrize(
    ("block", "name"),
    [
        (
            "Signed | Name | Role | Date |\nH. Example | Helen Example | Senior Partner | "
            "12 January 2026 |",
            "Helen Example",
        ),
        (
            "Signature | Printed name | Position\nT. R. Quill | Tamsin Rose Quill | Director",
            "Tamsin Rose Quill",
        ),
        ("Signed: Dr M. Example (Mariam Example), Chair, 2 May 2026", "Mariam Example"),
    ],
)
def test_a_signature_in_initials_beside_the_name_written_out(block: str, name: str) -> None:
    facts = facts_of(HEAD + DECLARATION + block)
    assert facts.signatory.name == name


@pytest.mark.parametrize(
    ("block", "name"),
    [
        (
            "Signed | Name | Role | Date |\nH. Example | Peter Example | Senior Partner | "
            "12 January 2026 |",
            "H. Example",
        ),
        (
            "Signed: H. Example, Director, 3 March 2026\nFounders: Helen Example and Hugh Example",
            "H. Example",
        ),
    ],
)
def test_initials_stay_where_no_one_written_out_name_matches(block: str, name: str) -> None:
    facts = facts_of(HEAD + DECLARATION + block)
    assert facts.signatory.name == name


@pytest.mark.parametrize(
    ("line", "role"),
    [
        (
            "Signed for the Board of Directors by Kwame Example, Director, September 3, 2026.",
            "Director",
        ),
        ("On behalf of the Partners: Ruth Example, Partner, 4 May 2026", "Partner"),
        (
            "Approved by the Trustees and signed by Abel Example, Trustee, on 1 June 2026.",
            "Trustee",
        ),
    ],
)
def test_a_role_word_also_inside_the_body_signed_for(line: str, role: str) -> None:
    facts = facts_of(HEAD + DECLARATION + line)
    assert facts.signatory.role == role
    assert facts.signatory.director_level is True


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Acme Widgets Ltd Carbon Reduction Plan\nApproved by the Board of Directors on "
            "21/05/2026 and signed by Priya Example, Company Secretary and Director.\n"
            "Carbon Reduction Plan\nAcme Widgets Ltd - Issued 26 May 2026\n"
            "Acme Widgets Ltd is committed to net zero by 2040.",
            dt.date(2026, 5, 21),
        ),
        (
            HEAD + DECLARATION + "This plan was signed on 4 February 2026 by Colm Example, "
            "Managing Director, for the board.\nVersion 2 - 10 February 2026",
            dt.date(2026, 2, 4),
        ),
    ],
)
def test_a_signing_sentence_dates_itself(text: str, date: dt.date) -> None:
    facts = facts_of(text)
    assert facts.sign_off_date == date


def test_a_review_date_in_the_signing_sentence_is_no_sign_off_date() -> None:
    facts = facts_of(
        HEAD + DECLARATION + "Signed by Colm Example, Managing Director, on behalf of the board, "
        "and next reviewed on 1 March 2027."
    )
    assert facts.signatory.name == "Colm Example"
    assert facts.sign_off_date is None
