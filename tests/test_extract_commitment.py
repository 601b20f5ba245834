"""The net zero commitment: the supplier's own pledge, its year, strength and scope."""

from __future__ import annotations

import pytest
from documents import facts_of


def test_commitment_with_year() -> None:
    facts = facts_of(
        """
        Commitment to achieving Net Zero
        Example Ltd is committed to achieving Net Zero emissions by 2040 or sooner.
        """
    )
    assert (facts.net_zero_year, facts.net_zero_strength) == (2040, "commitment")
    assert facts.net_zero_wording is not None and "2040" in facts.net_zero_wording
    assert facts.evidence["net_zero"][0].page == 1


def test_government_target_quoted_in_the_plan_is_not_the_pledge() -> None:
    facts = facts_of(
        """
        In 2019 the UK Government amended the Climate Change Act 2008 by introducing a target
        of net zero by 2050.
        Example Architects is committed to achieving Net Zero emissions by 2045.
        """
    )
    assert facts.net_zero_year == 2045


def test_only_the_government_target() -> None:
    facts = facts_of(
        """
        The UK government has stipulated that all UK businesses must be Net Zero by 2050.
        We plant trees with our partners.
        """
    )
    assert facts.net_zero_year is None and facts.net_zero_strength is None


def test_intending_to_commit_is_an_aspiration() -> None:
    facts = facts_of(
        """
        Example Association Limited is intending to commit to the Government's 2050 Net Zero
        emissions, for emissions scopes 1, 2 and 3.
        """
    )
    assert (facts.net_zero_year, facts.net_zero_strength) == (2050, "aspiration")


def test_carbon_neutral_only() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Example Training recognises a legal obligation to become Carbon Neutral (Net Zero) by
        the year 2050, as defined in the Climate Change Act 2008.
        Example Training is committing to become Carbon Neutral by 2038 for scope 1 and 2.
        """
    )
    assert facts.net_zero_year is None
    assert facts.carbon_neutral_only
    assert facts.carbon_neutral_year == 2038


def test_carbon_neutral_goal_beside_net_zero_is_not_carbon_neutral_only() -> None:
    facts = facts_of(
        """
        Example Ltd is committed to achieving Net Zero emissions by 2050.
        As a further commitment, we have also set a goal targeting 2027 to achieve a
        carbon neutral status.
        """
    )
    assert facts.net_zero_year == 2050
    assert not facts.carbon_neutral_only


def test_scope_limited_commitment_takes_the_whole_organisation_year() -> None:
    facts = facts_of(
        """
        1. Commitment to achieving Net Zero
        Example Consultants Ltd is committed to achieving Net Zero emissions by 2030 for scope 1
        and 2 emissions. We intend to achieve net zero for scope 3 emissions by no later than
        2050.
        """
    )
    assert facts.net_zero_year == 2050
    assert facts.net_zero_scope == "all"


@pytest.mark.parametrize(
    "heading", ["Commitment to achieving Net Zero", "- Commitment to achieving Net Zero"]
)
def test_bare_template_heading_pledges_nothing(heading: str) -> None:
    facts = facts_of(
        f"""
        {heading}
        Baseline Emissions Footprint
        """
    )
    assert facts.net_zero_strength is None
