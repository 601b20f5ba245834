"""Commitment classes from plans written as small suppliers write them (round 2).

Each class in several wordings of our own: a pledge with a misspelt verb ("comitted"), and a
pledge made by the partners or directors of the firm, who are the firm and not its business
partners. Negatives keep other people's pledges out.
"""

from __future__ import annotations

import pytest
from documents import facts_of


def _plan(*lines: str) -> str:
    return "\n".join(["Carbon Reduction Plan", "About us", *lines])


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        (
            "Fellside Drainage Ltd is fully comitted to reaching net zero by 2044 for all scopes.",
            2044,
        ),
        ("We are commited to becoming a net zero business by 2041.", 2041),
        (
            "We have comitted to Net-Zero emmisions by 2046 for scope one, SCOPE 2 and Scope-3.",
            2046,
        ),
        ("The partners have committed the practice to reaching net zero by 2039.", 2039),
        (
            "The partners of Ashdown Optometry Partnership are committed to reaching net zero by "
            "2043 for the whole practice.",
            2043,
        ),
        ("The directors are committed to net zero emissions by 2042 for every scope.", 2042),
    ],
)
def test_pledge_in_loose_wording_is_read(sentence: str, year: int) -> None:
    facts = facts_of(_plan(sentence))
    assert facts.net_zero_year == year
    assert facts.net_zero_strength == "commitment"


@pytest.mark.parametrize(
    "sentence",
    [
        "Our partners have committed to reaching net zero by 2035.",
        "Many of our customers are committed to net zero by 2040.",
        "Our landlord is comitted to making the building net zero by 2036.",
    ],
)
def test_someone_elses_pledge_is_not_ours(sentence: str) -> None:
    facts = facts_of(_plan(sentence))
    assert facts.net_zero_strength is None
    assert facts.net_zero_year is None
