"""A signature label that names whose signature it is gives the signatory's role."""

from __future__ import annotations

import pytest
from documents import facts_of

_HEAD = (
    "Carbon Reduction Plan\nMarlow Fencing Ltd is committed to net zero by 2050.\n\n"
    "Declaration and Sign Off\nThis plan has been reviewed and signed off by the board of "
    "directors.\n"
)


@pytest.mark.parametrize(
    ("block", "role"),
    [
        ("Director's signature: Peter Marlow    Date: 10/03/2026", "Director"),
        ("Managing Director’s signature – Peter Marlow", "Managing Director"),
        ("Name of director: Peter Marlow\nDate: 10 March 2026", "director"),
        ("Signature of the Chief Executive: Peter Marlow", "Chief Executive"),
        ("Full name of partner: Peter Marlow", "partner"),
    ],
)
def test_the_role_a_signature_label_names_is_the_signatorys(block: str, role: str) -> None:
    facts = facts_of(_HEAD + block)
    assert facts.signatory is not None
    assert (facts.signatory.name, facts.signatory.role) == ("Peter Marlow", role)
    assert facts.signatory.director_level is True


@pytest.mark.parametrize(
    ("block", "role"),
    [
        ("Signatory name: Peter Marlow\nSignatory position: Director", "Director"),
        ("Signer's name: Peter Marlow\nSigner's job title: Managing Director", "Managing Director"),
        (
            "Signed on behalf of the Supplier: Peter Marlow, Director. Date: 10 March 2026.",
            "Director",
        ),
        ("Signed: Peter Marlow, Managing Director. Approved 10 March 2026.", "Managing Director"),
    ],
)
def test_a_role_ends_at_its_field_or_sentence(block: str, role: str) -> None:
    facts = facts_of(_HEAD + block)
    assert facts.signatory is not None
    assert (facts.signatory.name, facts.signatory.role) == ("Peter Marlow", role)
