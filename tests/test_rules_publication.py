"""Worked examples for published-online: own site, third-party host, unreachable, unknown."""

from __future__ import annotations

import pytest
from rule_cases import Case, check_case, complete_facts

from crp_checker.schemas import Outcome

CASES = [
    Case("published-online", Outcome.PASS, complete_facts(), "own domain"),
    Case(
        "published-online",
        Outcome.PARTIAL,
        complete_facts(url="https://issuu.com/acme/crp", url_own_domain=False),
        "third-party host",
    ),
    Case("published-online", Outcome.FAIL, complete_facts(url_reachable=False), "unreachable"),
    Case("published-online", Outcome.NOT_APPLICABLE, complete_facts(url=None), "no url"),
    Case(
        "published-online",
        Outcome.NEEDS_REVIEW,
        complete_facts(url_reachable=None),
        "not fetched",
    ),
    Case(
        "published-online",
        Outcome.NEEDS_REVIEW,
        complete_facts(url_own_domain=None),
        "owner unknown",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_outcome(case: Case) -> None:
    check_case(case)
