"""Declaration, board sign-off, signatory and sign-off date."""

from __future__ import annotations

import datetime as dt

import pytest
from documents import facts_of

DECLARATION = """
Declaration and Sign Off
This Carbon Reduction Plan has been completed in accordance with PPN 06/21 and associated
guidance and reporting standard for Carbon Reduction Plans.
Emissions have been reported and recorded in accordance with the published reporting standard
for Carbon Reduction Plans and the GHG Reporting Protocol corporate standard and uses the
appropriate Government emission conversion factors for greenhouse gas company reporting.
Scope 1 and Scope 2 emissions have been reported in accordance with SECR requirements, and the
required subset of Scope 3 emissions have been reported in accordance with the published
reporting standard for Carbon Reduction Plans and the Corporate Value Chain (Scope 3) Standard.
This Carbon Reduction Plan has been reviewed and signed off by the board of directors (or
equivalent management body).
Signed on behalf of the Supplier:
{signature}
"""


@pytest.mark.parametrize(
    ("signature", "name", "role", "director", "date"),
    [
        (
            "Jane Example\nDirector of Operations\n27.03.26",
            "Jane Example",
            "Director of Operations",
            True,
            dt.date(2026, 3, 27),
        ),
        (
            "Name: Vikas Example\nPosition: Director\nDate: 02/01/2025",
            "Vikas Example",
            "Director",
            True,
            dt.date(2025, 1, 2),
        ),
        (
            "Ahmad Example (C.E.O.)\nIssue Date: 5th August 2025\nReview Date: 5th August 2026",
            "Ahmad Example",
            "C.E.O.",
            True,
            dt.date(2025, 8, 5),
        ),
        (
            "Date: 31.03.2025\nBeverley Example, Example Health, CEO",
            "Beverley Example",
            "CEO",
            True,
            dt.date(2025, 3, 31),
        ),
        ("Dion Example\nDate: 27 February 2022", "Dion Example", None, None, dt.date(2022, 2, 27)),
        (
            "Sam Example\nOperations Lead\nDate: March 2025",
            "Sam Example",
            "Operations Lead",
            False,
            dt.date(2025, 3, 1),
        ),
    ],
)
def test_signatory_layouts(
    signature: str, name: str, role: str | None, director: bool | None, date: dt.date
) -> None:
    facts = facts_of(DECLARATION.format(signature=signature))
    assert (facts.signatory.name, facts.signatory.role) == (name, role)
    assert facts.signatory.director_level is director
    assert facts.sign_off_date == date


def test_declaration_board_and_methodology() -> None:
    facts = facts_of(DECLARATION.format(signature="Jane Example\nDirector\nDate: 1 May 2025"))
    assert facts.declaration == "ppn"
    assert facts.board_sign_off == "board"
    assert facts.methodology == ["ghg_protocol", "secr", "scope3_standard", "uk_conversion_factors"]


def test_declaration_without_ppn_reference() -> None:
    facts = facts_of(
        """
        8. Approval & Director's Statement
        This Carbon Reduction Plan has been approved by the Director of Example Services
        Limited and will be reviewed annually.
        Signed by:
        Mian Example
        Director,
        Date: 25/03/2025
        """
    )
    assert facts.declaration == "plain"
    assert (facts.signatory.name, facts.signatory.role) == ("Mian Example", "Director")


def test_management_team_sign_off() -> None:
    facts = facts_of(
        """
        Declaration and Sign Off
        This plan has been reviewed and signed off by the senior management team.
        """
    )
    assert facts.board_sign_off == "management"


def test_unsigned_template_has_no_signatory() -> None:
    facts = facts_of(DECLARATION.format(signature="Name:\nPosition:\nDate:"))
    assert facts.signatory.name is None and facts.sign_off_date is None
