"""Declarations written in a plan's own words, and board approvals that say the board reviewed
the plan: each read as a careful reader would."""

from __future__ import annotations

import pytest
from documents import facts_of

_PLAN = "Carbon Reduction Plan\nMarlow Fencing Ltd is committed to net zero by 2050.\n\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "We declare that this plan meets the requirements of PPN 006 (Taking account of Carbon "
        "Reduction Plans in the procurement of major government contracts).",
        "I confirm that this plan was prepared under PPN 06/21 (\u201cTaking account of Carbon "
        "Reduction Plans in the procurement of major Government contracts\u201d).",
        "We certify that this Carbon Reduction Plan follows Procurement Policy Note 06/21 "
        '("Taking account of Carbon Reduction Plans").',
    ],
)
def test_a_declaration_citing_the_ppn_by_its_title_is_a_ppn_declaration(sentence: str) -> None:
    assert facts_of(_PLAN + sentence).declaration == "ppn"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Board of Marlow Fencing Ltd has reviewed this plan and confirms it is accurate.",
        "Our directors have reviewed the plan and agreed its targets.",
        "The board of trustees has reviewed our Carbon Reduction Plan.",
    ],
)
def test_a_board_that_has_reviewed_the_plan_signed_it_off(sentence: str) -> None:
    assert facts_of(_PLAN + sentence).board_sign_off == "board"


def test_a_review_of_something_else_is_no_sign_off() -> None:
    facts = facts_of(_PLAN + "Our travel team has reviewed the mileage claims for 2025.")
    assert facts.board_sign_off is None
