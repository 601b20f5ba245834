"""Sign-off classes (round 8), each in wordings of our own: 'Prepared and signed by:' naming the
signer, a name field that repeats the name just signed above the role, a role named inside a
heading ('A word from our Managing Director') that is no signature's role line, a 'Dated:' line
in the sign-off that dates the sign-off and not the plan, and a commitment in the present tense
('X commits to net zero') that names the supplier when the title block wraps its address."""

from __future__ import annotations

import datetime as dt

import pytest
from documents import facts_of

HEAD = "Carbon Reduction Plan\nAcme Widgets Ltd\nWe are committed to net zero by 2040.\n"
DECLARATION = (
    "Declaration and Sign Off\nWe declare that this plan has been completed in accordance with "
    "PPN 06/21 and the associated reporting standard for Carbon Reduction Plans.\n"
)


def _signer(text: str) -> tuple[str | None, str | None]:
    facts = facts_of(HEAD + DECLARATION + text)
    return facts.signatory.name, facts.signatory.role


# ------------------------------------------ "Prepared and signed by:"


@pytest.mark.parametrize(
    ("block", "name", "role"),
    [
        (
            "Prepared and signed by: Marta Example\nOffice Manager\n3 March 2026",
            "Marta Example",
            "Office Manager",
        ),
        (
            "Prepared and approved by: Ifan Example\nManaging Director",
            "Ifan Example",
            "Managing Director",
        ),
        ("Prepared and signed by: Dr Kemi Example, Director", "Dr Kemi Example", "Director"),
    ],
)
def test_prepared_and_signed_by_names_the_signer(block: str, name: str, role: str) -> None:
    assert _signer(block) == (name, role)


def test_prepared_by_alone_is_not_the_signer() -> None:
    assert _signer("Prepared by: Marta Example\nOffice Manager")[0] is None


# ------------------------------------------ a name field repeating the signed name


@pytest.mark.parametrize(
    ("block", "role"),
    [
        (
            "Signed: Anwen Example-Price\nName: Anwen Example-Price\n"
            "Position: Chief Executive Officer & Founder\nDate: 2026-02-17",
            "Chief Executive Officer & Founder",
        ),
        (
            "Signature: Rafe Example\nPrint name: Rafe Example\nJob title: Finance Director",
            "Finance Director",
        ),
    ],
)
def test_a_repeated_name_field_keeps_the_role_below(block: str, role: str) -> None:
    assert _signer(block)[1] == role


def test_a_different_name_below_keeps_its_role_from_the_signer() -> None:
    block = "Signed: Rafe Example\nName: Bea Other\nPosition: Finance Director"
    name, role = _signer(block)
    assert not (name == "Rafe Example" and role == "Finance Director")


# ------------------------------------------ a role inside a heading


@pytest.mark.parametrize(
    "heading",
    [
        "A word from our Managing Director",
        "A message from the Chief Executive",
        "Notes from our Chair",
    ],
)
def test_a_role_inside_a_heading_is_no_role_line(heading: str) -> None:
    text = (
        "Orchard Bulletin\nSpring news for customers\n"
        f"{heading}\n"
        "This season we planted hedges along the boundary and finished the rainwater tanks.\n"
        "Ruth Example\nManaging Director, Orchard Growers Ltd\n"
    )
    facts = facts_of(text)
    assert facts.signatory.name != "Orchard Bulletin"
    assert facts.signatory.name in (None, "Ruth Example")


def test_a_role_line_under_a_name_is_still_read() -> None:
    text = "Signed on behalf of the Board:\nRuth Example\nManaging Director\n"
    assert _signer(text) == ("Ruth Example", "Managing Director")


# ------------------------------------------ "Dated:" beside the signature


@pytest.mark.parametrize("dated", ["Dated: 03.02.26", "Dated 3 February 2026"])
def test_the_sign_off_date_is_not_the_publication_date(dated: str) -> None:
    text = (
        "Carbon Reduction Plan\nAcme Widgets Ltd - Carbon Reduction Plan - 4 February 2026\n"
        "We are committed to net zero by 2040.\n" + DECLARATION + "Director: Jo Example\n"
        "Signed: J Example\n" + dated + "\n"
    )
    facts = facts_of(text)
    assert facts.publication_date == dt.date(2026, 2, 4)
    assert facts.sign_off_date == dt.date(2026, 2, 3)


def test_dated_at_the_top_is_still_the_publication_date() -> None:
    facts = facts_of("Carbon Reduction Plan\nAcme Widgets Ltd\nDated: 9 January 2026\n")
    assert facts.publication_date == dt.date(2026, 1, 9)


# ------------------------------------------ "X commits to net zero"


@pytest.mark.parametrize(
    ("title", "commitment", "organisation"),
    [
        (
            "Teme Valley Dental Surgery, Mill\nLane, Tenbury - Carbon Reduction Plan,",
            "Teme Valley Dental Surgery commits to net zero emissions by 2040.",
            "Teme Valley Dental Surgery",
        ),
        (
            "Hollins Farm Shop, Old\nRoad, Bakewell - Carbon Reduction Plan",
            "Hollins Farm Shop pledges to reach net zero by 2045.",
            "Hollins Farm Shop",
        ),
    ],
)
def test_a_present_tense_commitment_names_the_supplier(
    title: str, commitment: str, organisation: str
) -> None:
    text = f"Carbon Reduction Plan\n{title}\nCommitment to achieving Net Zero\n{commitment}\n"
    assert facts_of(text).organisation == organisation


@pytest.mark.parametrize(
    "commitment",
    ["We commit to net zero emissions by 2040.", "The business commits to net zero by 2040."],
)
def test_a_pronoun_committing_is_no_organisation(commitment: str) -> None:
    text = f"Carbon Reduction Plan\nCommitment to achieving Net Zero\n{commitment}\n"
    assert facts_of(text).organisation not in ("We", "The business")
