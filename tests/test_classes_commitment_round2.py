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


_ANSWER_BODY = [
    "Our approach",
    "Hollins Tree Care Ltd is committed to net zero by 2042 and runs an ISO 14001 system.",
    "For this contract we will use battery chainsaws and an electric chipper.",
    "We will report fuel use for the contract every quarter.",
    "Our Carbon Reduction Plan is published on our website.",
]


@pytest.mark.parametrize(
    "heading",
    [
        "Response to Question E3: Carbon Reduction and Environmental Management",
        "Tender response - Question 4.2: Net zero and carbon reduction",
        "Answer to Question C7: Environmental impact of the contract",
    ],
)
def test_tender_answer_with_a_pledge_is_not_a_plan(heading: str) -> None:
    facts = facts_of("\n".join([heading, *_ANSWER_BODY]))
    assert facts.is_crp is False


def test_plan_sent_as_a_tender_response_stays_a_plan() -> None:
    facts = facts_of(
        "\n".join(
            [
                "Tender response - Question 5: Carbon Reduction Plan",
                "Carbon Reduction Plan",
                "Hollins Tree Care Ltd is committed to net zero by 2042.",
                "Baseline emissions (2019): Scope 1 40.2 tCO2e, Scope 2 11.3 tCO2e, "
                "Scope 3 22.9 tCO2e, total 74.4 tCO2e.",
                "Current emissions (2024): Scope 1 35.0 tCO2e, Scope 2 9.1 tCO2e, "
                "Scope 3 20.5 tCO2e, total 64.6 tCO2e.",
                "This Carbon Reduction Plan has been reviewed and signed off by the board.",
                "Signed: Ann Hollins, Managing Director",
            ]
        )
    )
    assert facts.is_crp is True


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        (
            "The partners of Ashdown Optometry Partnership are committed to net zero by 2043.",
            "Ashdown Optometry Partnership",
        ),
        ("The partners have committed the practice to reaching net zero by 2039.", None),
    ],
)
def test_owners_pledge_does_not_name_them_as_the_organisation(
    sentence: str, organisation: str | None
) -> None:
    assert facts_of(_plan(sentence)).organisation == organisation
