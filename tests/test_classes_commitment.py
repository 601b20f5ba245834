"""Commitment classes found on independently written plans (round 2 of issue 11).

Each class is written here in several wordings of our own, none copied from the plan where it
was seen: a pledge interrupted by an aside, a duty laid on others read as a pledge, an aim
written as a noun, offsets that only balance a deep cut, and a guide's pledges.
"""

from __future__ import annotations

import pytest
from documents import document, facts_of

from crp_checker.pipeline import assess_document
from crp_checker.schemas import BuyerSettings, Outcome


def _plan(*lines: str) -> str:
    return "\n".join(["Carbon Reduction Plan", "Our commitment", *lines])


def _outcomes(*lines: str) -> dict[str, Outcome]:
    assessment = assess_document(document(_plan(*lines)), BuyerSettings())
    return {f.rule: f.outcome for f in assessment.findings}


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        (
            "Pennyroyal Bakes Ltd commits, in line with PPN 06/21, to net zero emissions by 2040.",
            2040,
        ),
        ("The company commits (as PPN 006 asks) to reaching net zero by 2045.", 2045),
        (
            "Holm Oak Surveys is committed, following the Procurement Policy Note, to net zero "
            "by 2038.",
            2038,
        ),
        (
            "We are, in accordance with PPN 06/21, committed to net zero across all scopes by "
            "2044.",
            2044,
        ),
    ],
)
def test_a_pledge_interrupted_by_an_aside_citing_the_ppn_is_the_suppliers(
    sentence: str, year: int
) -> None:
    facts = facts_of(_plan(sentence))
    assert facts.net_zero_year == year
    assert facts.net_zero_strength == "commitment"


@pytest.mark.parametrize(
    "sentence",
    [
        "The plan must be published on the bidder's website and commit the bidder to net zero "
        "by 2050 at the latest.",
        "Suppliers must commit to achieving net zero by 2050.",
        "Every tenderer is required to confirm a commitment to net zero by 2050.",
        "Bidders should state a net zero year no later than 2050.",
        "A commitment to net zero by 2050 at the latest.",
        "Our subcontractors must commit to net zero by 2045 before joining the framework.",
    ],
)
def test_a_duty_laid_on_others_is_not_a_pledge(sentence: str) -> None:
    facts = facts_of("Contract notice\nConditions of participation\n" + sentence)
    assert facts.net_zero_year is None
    assert facts.net_zero_strength is None


@pytest.mark.parametrize(
    "sentence",
    [
        "We must reach net zero by 2040 to keep our place in the market.",
        "We should be net zero by 2042, and we are committed to it.",
    ],
)
def test_a_duty_the_supplier_lays_on_itself_is_still_its_own(sentence: str) -> None:
    facts = facts_of(_plan(sentence))
    assert facts.net_zero_year is not None


def test_a_supplier_pledge_beside_a_requirement_it_quotes_is_kept() -> None:
    facts = facts_of(
        _plan(
            "Suppliers to government must commit to net zero by 2050.",
            "We are committed to achieving net zero by 2040.",
        )
    )
    assert facts.net_zero_year == 2040
    assert facts.net_zero_strength == "commitment"


@pytest.mark.parametrize(
    "sentence",
    [
        "Our aim is to be carbon neutral by 2030 by offsetting what we cannot cut.",
        "Our goal is to become carbon neutral by 2031.",
        "The firm's objective is to be climate neutral by 2029.",
    ],
)
def test_an_aim_written_as_a_noun_is_a_carbon_neutral_pledge_only(sentence: str) -> None:
    facts = facts_of(_plan(sentence))
    assert facts.carbon_neutral_only
    got = _outcomes(sentence)
    assert got["net-zero-not-carbon-neutral"] is Outcome.FAIL


@pytest.mark.parametrize(
    "sentence",
    [
        "Our goal is to reach net zero by 2045.",
        "Our aim is net zero by 2041.",
    ],
)
def test_a_net_zero_aim_written_as_a_noun_is_an_aspiration(sentence: str) -> None:
    facts = facts_of(_plan(sentence))
    assert facts.net_zero_strength == "aspiration"
    assert _outcomes(sentence)["net-zero-commitment"] is Outcome.PARTIAL


def test_committed_to_our_goal_stays_a_commitment() -> None:
    facts = facts_of(_plan("We are committed to our goal of net zero by 2040."))
    assert facts.net_zero_strength == "commitment"


@pytest.mark.parametrize(
    "line",
    [
        "2040: net zero 20.7 or less, neutralised by removals 90%",
        "By 2045 we reach net zero: emissions 85% below the baseline, the remainder offset.",
        "Net zero in 2040 through a 92 % cut and removals for what is left over.",
    ],
)
def test_offsets_that_balance_a_deep_cut_are_not_the_main_route(line: str) -> None:
    facts = facts_of(_plan("We are committed to achieving net zero by 2040.", "Targets", line))
    assert not facts.offsets_main_route


@pytest.mark.parametrize(
    "line",
    [
        "We will reach net zero chiefly by continuing to buy certified offsets.",
        "Our route to net zero relies mainly on offsetting.",
    ],
)
def test_offsets_as_the_main_route_are_still_seen(line: str) -> None:
    facts = facts_of(_plan("We are committed to achieving net zero by 2040.", line))
    assert facts.offsets_main_route


def test_a_guide_commits_nobody_to_net_zero() -> None:
    facts = facts_of(
        """
        How to write your Carbon Reduction Plan: a guide for small firms
        This guide explains what your plan must contain. You should read it with the template.
        Your plan needs a baseline, your emissions and your targets; you must sign it off.
        Worked example
        An imaginary firm, "Sample Plumbing Ltd", might write: "Sample Plumbing Ltd is
        committed to achieving net zero by 2042." The figures are illustrative only.
        Need help with your plan? You can call us.
        """
    )
    assert facts.is_crp is False
    assert facts.net_zero_year is None
    assert facts.net_zero_strength is None
    assert "net_zero" not in facts.evidence


@pytest.mark.parametrize(
    "sentence",
    [
        "Our client, the NHS, aims to be net zero by 2040.",
        "Our electricity supplier will be net zero by 2030.",
        "Our landlord has committed to making the building net zero by 2035.",
        "Many of our customers, including councils, have set net zero targets for 2030.",
        "The NHS has committed to reaching net zero by 2040 and we support this.",
        "The science requires global net zero by 2050.",
        "Net zero by 2050 is the UK's legally binding target.",
        "As a sector, the construction industry has committed to net zero by 2050.",
        "The Government has committed the country to net zero by 2050.",
    ],
)
def test_someone_elses_net_zero_year_is_never_the_suppliers(sentence: str) -> None:
    facts = facts_of(_plan(sentence))
    assert facts.net_zero_year is None


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("RSS Global Limited is committed to achieving net zero emissions by 2050.", 2050),
        ("World Freight Ltd will be net zero by 2045.", 2045),
        ("We and our key suppliers are committed to net zero by 2040.", 2040),
        ("The Supplier is committed to achieving Net Zero emissions by 2048.", 2048),
        ("NHS Professionals is committed to reaching net zero by 2040.", 2040),
        ("Our global operations will be net zero by 2041.", 2041),
        ("Our customer-facing operations will be net zero by 2035.", 2035),
        ("Our world-class team is committed to net zero by 2039.", 2039),
        ("To support our clients, Acme Ltd will be net zero by 2044.", 2044),
        ("Like many of our customers, Acme commits to net zero by 2043.", 2043),
        (
            "As a business in the construction industry, Acme Ltd commits to net zero by 2045.",
            2045,
        ),
        ("Acme Government Services Ltd is committed to net zero by 2045.", 2045),
        ("Working across the public sector, Birchwood Care will be net zero by 2042.", 2042),
        ("National Lift Engineers Limited pledges to reach net zero by 2046.", 2046),
        ("Industry Supplies plc commits to net zero emissions by 2040.", 2040),
    ],
)
def test_a_supplier_whose_name_sounds_like_someone_else_keeps_its_year(
    sentence: str, year: int
) -> None:
    assert facts_of(_plan(sentence)).net_zero_year == year


@pytest.mark.parametrize(
    "sentence",
    [
        "We will review progress towards net zero in 2027.",
        "We will publish our net zero roadmap in 2026.",
        "We took part in Net Zero Week 2025.",
        "Our net zero target will be set in 2026 once our baseline is verified.",
        "We are committed to net zero, with a target year to be agreed by the Board in 2026.",
    ],
)
def test_a_year_of_another_action_or_event_is_not_the_net_zero_year(sentence: str) -> None:
    assert facts_of(_plan(sentence)).net_zero_year is None


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("Our net zero target, set in 2021, is 2040.", 2040),
        ("We will reach net zero in 2045.", 2045),
        ("Net zero across all scopes by 2042.", 2042),
        (
            "We are committed to net zero emissions (as measured under the GHG Protocol) by 2045.",
            2045,
        ),
        ("We commit to net zero emissions, verified by a third party, by 2040.", 2040),
        ("We are committed to net zero across all scopes as reported here by 2046.", 2046),
        ("We will achieve net zero, as set out in our strategy, by 2041.", 2041),
        ("We are committed to net zero by 2040 and will review this plan in 2026.", 2040),
    ],
)
def test_the_net_zero_year_after_another_years_action_is_kept(sentence: str, year: int) -> None:
    assert facts_of(_plan(sentence)).net_zero_year == year


def test_a_dateless_pledge_on_its_own_line_is_still_a_commitment() -> None:
    facts = facts_of("Carbon Reduction Plan\nAcme Ltd is committed to net zero.")
    assert facts.net_zero_strength == "commitment"
    assert facts.net_zero_year is None


@pytest.mark.parametrize(
    "heading",
    ["2. Our Commitment to Net Zero Emissions", "Commitment to reducing emissions and net zero"],
)
def test_a_heading_naming_the_commitment_pledges_nothing(heading: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{heading}\nWe will cut our emissions.")
    assert facts.net_zero_strength is None
