"""Worked examples for the net zero commitment rules (PPN 006 ground a)."""

from __future__ import annotations

import pytest
from rule_cases import Case, buyer, check_case, complete_facts, run

from crp_checker.schemas import Facts, Outcome

NO_NET_ZERO = {"net_zero_year": None, "net_zero_strength": None, "net_zero_wording": None}
CARBON_NEUTRAL = complete_facts(**NO_NET_ZERO, carbon_neutral_only=True, carbon_neutral_year=2030)

CASES = [
    Case("net-zero-commitment", Outcome.PASS, complete_facts(), "committed"),
    Case(
        "net-zero-commitment",
        Outcome.PARTIAL,
        complete_facts(net_zero_strength="aspiration"),
        "aspiration",
    ),
    Case("net-zero-commitment", Outcome.FAIL, CARBON_NEUTRAL, "carbon neutral only"),
    Case("net-zero-commitment", Outcome.FAIL, complete_facts(**NO_NET_ZERO), "none"),
    Case("net-zero-year", Outcome.PASS, complete_facts(net_zero_year=2050), "at deadline"),
    Case("net-zero-year", Outcome.FAIL, complete_facts(net_zero_year=2051), "after deadline"),
    Case("net-zero-year", Outcome.FAIL, complete_facts(net_zero_year=None), "no year"),
    Case(
        "net-zero-year",
        Outcome.FAIL,
        complete_facts(net_zero_year=2048),
        "buyer deadline 2045",
        settings=buyer(net_zero_deadline=2045),
    ),
    Case("net-zero-not-carbon-neutral", Outcome.PASS, complete_facts(), "net zero"),
    Case(
        "net-zero-not-carbon-neutral",
        Outcome.PARTIAL,
        complete_facts(offsets_main_route=True),
        "offsets main route",
    ),
    Case("net-zero-not-carbon-neutral", Outcome.FAIL, CARBON_NEUTRAL, "carbon neutral only"),
    Case(
        "net-zero-not-carbon-neutral",
        Outcome.NOT_APPLICABLE,
        complete_facts(**NO_NET_ZERO),
        "neither",
    ),
    Case("net-zero-covers-all-scopes", Outcome.PASS, complete_facts(), "all scopes"),
    Case(
        "net-zero-covers-all-scopes",
        Outcome.PARTIAL,
        complete_facts(net_zero_scope="scope12"),
        "scope 1 and 2",
    ),
    Case(
        "net-zero-covers-all-scopes",
        Outcome.PARTIAL,
        complete_facts(net_zero_scope=None),
        "not said",
    ),
    Case(
        "net-zero-covers-all-scopes",
        Outcome.NOT_APPLICABLE,
        complete_facts(**NO_NET_ZERO),
        "no net zero",
    ),
    Case("uk-operations-covered", Outcome.PASS, complete_facts(), "uk"),
    Case(
        "uk-operations-covered",
        Outcome.FAIL,
        complete_facts(boundary="single_site"),
        "one site",
    ),
    Case("uk-operations-covered", Outcome.PARTIAL, complete_facts(boundary=None), "not said"),
    Case("local-ambition", Outcome.PASS, complete_facts(net_zero_year=2038), "2038"),
    Case("local-ambition", Outcome.PARTIAL, complete_facts(net_zero_year=2045), "2045"),
    Case("local-ambition", Outcome.NOT_APPLICABLE, complete_facts(net_zero_year=None), "no year"),
    Case(
        "local-ambition",
        Outcome.PASS,
        complete_facts(net_zero_year=2040),
        "buyer ambition 2040",
        settings=buyer(local_ambition_year=2040),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_outcome(case: Case) -> None:
    check_case(case)


def test_late_year_message_says_by_how_much() -> None:
    finding = run("net-zero-year", complete_facts(net_zero_year=2060))
    assert "2060" in finding.message
    assert "10 years after the 2050 deadline" in finding.message
    assert "2050 or earlier" in (finding.fix or "")


def test_deadline_in_messages_follows_the_buyer_setting() -> None:
    finding = run("net-zero-commitment", Facts(), buyer(net_zero_deadline=2045))
    assert "2045 at the latest" in (finding.fix or "")
    assert "2050" not in (finding.fix or "")


def test_carbon_neutral_year_is_not_taken_as_a_net_zero_year() -> None:
    finding = run("net-zero-year", CARBON_NEUTRAL)
    assert finding.outcome is Outcome.FAIL
    assert "2030 is for carbon neutrality" in finding.message


def test_carbon_neutral_year_without_the_flag_still_counts_as_carbon_neutral_only() -> None:
    facts = complete_facts(**NO_NET_ZERO, carbon_neutral_year=2030)
    assert run("net-zero-not-carbon-neutral", facts).outcome is Outcome.FAIL
