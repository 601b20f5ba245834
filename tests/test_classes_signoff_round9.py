"""Sign-off classes (round 9), each in wordings of our own: the organisation's own name (or a
run of its words) read as the signatory where signing words stand just above it (a
document-control table's 'Approved by' over 'Tamar Reach owns ...', a running header ending
'Approved by the Board of Trustees' over the organisation's address line). A signer's name is
never the organisation's name or part of it; the real signer in the sign-off table is read."""

from __future__ import annotations

import pytest
from documents import facts_of

DECLARATION = (
    "Declaration and Sign Off\nThis Carbon Reduction Plan has been completed in accordance with "
    "PPN 06/21 and associated guidance and reporting standard for Carbon Reduction Plans.\n"
)
COMMITMENT = "Commitment to achieving Net Zero\n{org} is committed to net zero by 2045.\n"


@pytest.mark.parametrize(
    ("head", "org"),
    [
        (
            "Carbon Reduction Plan 2026\nTamar Reach Housing Association\nDocument control\n"
            "Version Date of issue Owner Approved by\n1.0 11 July 2024 Head of Sustainability "
            "Board\nTamar Reach owns and manages about 9,600 homes in Plymouth and runs\n"
            "an in-house repairs service.\n",
            "Tamar Reach Housing Association",
        ),
        (
            "Fenland Learning Partnership - Carbon Reduction Plan Approved by the Board of "
            "Trustees\nFenland Learning Partnership is a charitable company, March, "
            "Cambridgeshire.\nCarbon Reduction Plan\nFenland Learning Partnership\n",
            "Fenland Learning Partnership",
        ),
        (
            "Carbon Reduction Plan\nHolt Valley Care Group\nApproved by the Board, May 2026\n"
            "Holt Valley runs eleven care homes across Norfolk.\n",
            "Holt Valley Care Group",
        ),
    ],
)
@pytest.mark.parametrize(
    ("block", "name", "role"),
    [
        (
            "Signed Role Date\nMarcus Example-Quinn Chief Executive 24 June 2026",
            "Marcus Example-Quinn",
            "Chief Executive",
        ),
        (
            "Name | Role | Signed | Date |\nAlan Example | Chair of the Board of Trustees | "
            "A. Example | 22 January 2026 |",
            "Alan Example",
            "Chair of the Board of Trustees",
        ),
    ],
)
def test_the_organisations_name_is_never_the_signer(
    head: str, org: str, block: str, name: str, role: str
) -> None:
    facts = facts_of(head + COMMITMENT.format(org=org) + DECLARATION + block)
    assert (facts.signatory.name, facts.signatory.role) == (name, role)


def test_the_organisations_name_under_an_approved_by_line_alone_is_no_signer() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nHolt Valley Care Group\nApproved by the Board, May 2026\n"
        "Holt Valley runs eleven care homes across Norfolk.\n"
        + COMMITMENT.format(org="Holt Valley Care Group")
        + DECLARATION
    )
    assert facts.signatory.name is None


@pytest.mark.parametrize(
    ("org", "block", "name"),
    [
        # A sole trader trading under their own name signs as themself, with a role.
        ("Gareth Example Plumbing", "Signed: Gareth Example, Owner", "Gareth Example"),
        # A family name shared with the company is still a person's.
        ("Pinfold Joinery Ltd", "Signed: Stuart Pinfold, Managing Director", "Stuart Pinfold"),
        ("Example & Sons Ltd", "Approved by: Rhian Example\nDirector", "Rhian Example"),
    ],
)
def test_a_signer_sharing_words_with_the_organisation_is_still_read(
    org: str, block: str, name: str
) -> None:
    facts = facts_of(
        f"Carbon Reduction Plan\n{org}\n" + COMMITMENT.format(org=org) + DECLARATION + block
    )
    assert facts.signatory.name == name


@pytest.mark.parametrize(
    "row",
    [
        "Alan Example | Chair of the Board of Trustees | A. Example | 22 January 2026 |",
        "Dr Ama Example | Chief Executive Officer | A. Example | 22 January 2026 |",
    ],
)
def test_a_barred_sign_off_row_dates_the_sign_off(row: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nAcme Trust\n"
        + COMMITMENT.format(org="Acme Trust")
        + DECLARATION
        + f"Name | Role | Signed | Date |\n{row}"
    )
    assert facts.sign_off_date is not None and facts.sign_off_date.isoformat() == "2026-01-22"
