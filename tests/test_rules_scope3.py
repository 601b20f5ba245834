"""Worked examples for Scope 3 coverage and the rules scope3-reported and scope3-categories."""

from __future__ import annotations

from typing import Any

import pytest
from rule_cases import Case, buyer, check_case, complete_facts, ev, run, with_period

from crp_checker.readings import mark_inferred
from crp_checker.rules.scope3 import scope3_coverage
from crp_checker.schemas import Candidate, Facts, Outcome, Scope3Category

FULL = complete_facts()
REQUIRED = [4, 5, 6, 7, 9]

_KINDS: dict[str, dict[str, Any]] = {
    "value": {"baseline": 10, "current": 8},
    "current-only": {"current": 8},
    "zero": {"baseline": 0, "current": 0},
    "figure": {"figure": "12.5"},  # a figure the plan gives, in no period the checker read
    "excluded": {"excluded": True, "reason": "no deliveries: services are delivered on site"},
    "excluded-no-reason": {"excluded": True},
    "na-with-reason": {"marker": "N/A", "excluded": True, "reason": "we sell no goods"},
    "na": {"marker": "N/A", "excluded": True},
    "unmeasured": {"unmeasured": True},
    "in-total": {"in_total": True},
    "named": {},
}


def categories(**kinds: str) -> list[Scope3Category]:
    """Scope 3 detail from a compact spec: c4="value", c5="in-total", c9="excluded", ..."""
    return [
        Scope3Category(
            number=int(key[1:]), name=f"cat {key[1:]}", as_written=f"cat {key[1:]}", **_KINDS[kind]
        )
        for key, kind in kinds.items()
    ]


def with_categories(**kinds: str) -> Facts:
    return complete_facts(scope3_detail=categories(**kinds))


CASES = [
    Case("scope3-reported", Outcome.PASS, FULL, "value with sources"),
    Case(
        "scope3-reported",
        Outcome.PARTIAL,
        complete_facts(scope3_detail=[], scope3_categories=[]),
        "no sources",
    ),
    Case(
        "scope3-reported",
        Outcome.PASS,
        with_period(with_categories(c6="in-total", c7="in-total"), "current", scope3=40),
        "sources named inside the Scope 3 row",
    ),
    Case(
        "scope3-reported",
        Outcome.PARTIAL,
        with_period(FULL, "current", scope3=0, explanations={"scope3": "sole trader"}),
        "zero with reason",
    ),
    Case("scope3-reported", Outcome.FAIL, with_period(FULL, "current", scope3=0), "bare zero"),
    Case(
        "scope3-reported",
        Outcome.FAIL,
        with_period(FULL, "current", scope3=None, not_numeric={"scope3": "N/A"}),
        "bare N/A",
    ),
    Case(
        "scope3-reported",
        Outcome.FAIL,
        with_period(
            with_period(complete_facts(scope3_detail=[]), "current", scope3=None),
            "baseline",
            scope3=None,
        ),
        "absent",
    ),
    Case("scope3-categories", Outcome.PASS, FULL, "all five with values"),
    Case(
        "scope3-categories",
        Outcome.PASS,
        with_categories(c4="value", c5="value", c6="value", c7="value", c9="excluded"),
        "one ruled out with a reason",
    ),
    Case(
        "scope3-categories",
        Outcome.PASS,
        with_categories(
            c4="na-with-reason", c5="figure", c6="figure", c7="zero", c9="na-with-reason"
        ),
        "figures in no period, zeros and N/A with reasons",
    ),
    Case(
        "scope3-categories",
        Outcome.PARTIAL,
        with_categories(c4="value", c5="value", c6="value", c7="value"),
        "four",
    ),
    Case(
        "scope3-categories",
        Outcome.PARTIAL,
        with_categories(c4="value", c6="value", c7="value"),
        "three",
    ),
    Case(
        "scope3-categories",
        Outcome.PARTIAL,
        with_categories(c5="value", c6="value", c7="value", c4="unmeasured", c9="unmeasured"),
        "three, two not yet measured",
    ),
    Case(
        "scope3-categories",
        Outcome.FAIL,
        with_categories(c6="value", c7="value"),
        "two",
    ),
    Case(
        "scope3-categories",
        Outcome.FAIL,
        with_categories(c6="value", c7="value", c4="unmeasured", c5="unmeasured", c9="unmeasured"),
        "two, three not yet measured: not ruled out",
    ),
    Case(
        "scope3-categories",
        Outcome.FAIL,
        with_categories(c6="value", c7="value", c4="named", c5="named"),
        "two, others only named",
    ),
    Case(
        "scope3-categories",
        Outcome.FAIL,
        with_categories(c4="excluded-no-reason", c5="excluded-no-reason", c6="value", c7="value"),
        "ruled out without reasons",
    ),
    Case(
        "scope3-categories",
        Outcome.FAIL,
        with_categories(c4="na", c5="na", c6="value", c7="value", c9="na"),
        "bare N/A",
    ),
    Case(
        "scope3-categories",
        Outcome.PARTIAL,
        with_categories(c4="in-total", c5="in-total", c6="in-total", c7="in-total", c9="in-total"),
        "all named inside one total",
    ),
    Case(
        "scope3-categories",
        Outcome.PARTIAL,
        with_categories(c6="value", c7="in-total", c5="in-total"),
        "one figure, two inside the total",
    ),
    Case(
        "scope3-categories",
        Outcome.FAIL,
        with_categories(c6="in-total", c7="in-total"),
        "two named inside one total",
    ),
    Case(
        "scope3-categories",
        Outcome.PASS,
        with_categories(c6="value", c7="value"),
        "buyer requires only 6 and 7",
        settings=buyer(required_scope3_categories=[6, 7]),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_outcome(case: Case) -> None:
    check_case(case)


def test_coverage_puts_every_required_category_in_one_list() -> None:
    facts = with_categories(
        c4="unmeasured", c5="excluded-no-reason", c6="figure", c7="in-total", c8="value"
    )
    coverage = scope3_coverage(facts, REQUIRED)
    assert coverage.reported == (6,)
    assert coverage.no_reason == (5,)
    assert coverage.unmeasured == (4,)
    assert coverage.in_total == (7,)
    assert coverage.missing == (9,)
    assert coverage.covered == (6,)
    listed = (
        coverage.reported
        + coverage.ruled_out
        + coverage.no_reason
        + coverage.unmeasured
        + coverage.in_total
        + coverage.named
        + coverage.missing
    )
    assert sorted(listed) == REQUIRED


def test_a_figure_outranks_words_that_rule_a_category_out() -> None:
    facts = complete_facts(
        scope3_detail=[
            Scope3Category(
                number=9, name="d", as_written="d", current=3.0, excluded=True, unmeasured=True
            )
        ]
    )
    assert scope3_coverage(facts, [9]).reported == (9,)


def test_the_rule_and_the_coverage_agree() -> None:
    for kinds in (
        {"c6": "value", "c7": "value"},
        {"c4": "in-total", "c5": "in-total", "c6": "in-total", "c7": "in-total", "c9": "in-total"},
        {"c4": "value", "c5": "value", "c6": "value", "c7": "value", "c9": "excluded"},
    ):
        facts = with_categories(**kinds)
        assert run("scope3-categories", facts).outcome is scope3_coverage(facts, REQUIRED).outcome


def test_message_counts_and_names_the_gaps() -> None:
    facts = with_categories(c6="value", c7="value", c4="unmeasured", c5="in-total")
    message = run("scope3-categories", facts).message
    assert message.startswith("2 of the 5 required Scope 3 categories")
    assert "missing: 9 (downstream transportation and distribution)" in message
    assert "not yet measured: 4 (upstream transportation and distribution)" in message
    assert "named only inside the Scope 3 total: 5 (waste generated in operations)" in message
    assert "6 (business travel)" not in message


def test_pass_message_quotes_the_reason_for_a_category_ruled_out() -> None:
    facts = with_categories(c4="value", c5="value", c6="value", c7="value", c9="excluded")
    message = run("scope3-categories", facts).message
    assert "5 of the 5" in message
    assert "9 ('no deliveries: services are delivered on site')" in message


def test_scope3_falls_back_to_the_baseline_when_no_current_figure() -> None:
    finding = run("scope3-reported", with_period(FULL, "current", scope3=None))
    assert finding.outcome is Outcome.PASS
    assert "baseline (2019) is 700 tCO2e" in finding.message


def _by_category_only(quote: str) -> Facts:
    facts = with_categories(c5="figure", c6="figure", c7="figure")
    facts = with_period(with_period(facts, "current", scope3=None), "baseline", scope3=None)
    facts.evidence["scope3.6"] = ev(quote)
    return facts


def test_scope3_given_only_by_category_is_reported() -> None:
    finding = run("scope3-reported", _by_category_only("Scope 3 | Business travel: 5.8; ..."))
    assert finding.outcome is Outcome.PASS
    assert "by category" in finding.message


def test_category_sources_never_called_scope_3_are_partial() -> None:
    finding = run("scope3-reported", _by_category_only("Business Travel: 60"))
    assert finding.outcome is Outcome.PARTIAL


def _unread(facts: Facts, *numbers: int) -> Facts:
    for number in numbers:
        key = f"scope3.{number}"
        mark_inferred(facts, key, "named as a table row, but no figure was read beside it")
        facts.readings[key].candidates = [
            Candidate(value=f"cat {number}", evidence=ev(f"Category {number} row"))
        ]
    return facts


def test_a_fail_resting_on_rows_whose_figures_were_not_read_goes_to_a_person() -> None:
    facts = _unread(with_categories(c6="value", c7="value", c5="named"), 5)
    finding = run("scope3-categories", facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question == (
        "Does the row 'Category 5 row' (p. 1) give a figure for category "
        "5 (waste generated in operations)?"
    )


def test_unread_rows_that_could_not_lift_the_outcome_leave_the_fail() -> None:
    facts = _unread(with_categories(c6="value", c5="named"), 5)
    assert run("scope3-categories", facts).outcome is Outcome.FAIL


def test_a_zero_scope_3_with_a_possible_reason_goes_to_a_person() -> None:
    facts = with_period(FULL, "current", scope3=0)
    mark_inferred(facts, "current.explanations.scope3", "the reason does not name the scope")
    facts.readings["current.explanations.scope3"].candidates = [
        Candidate(value="We are a sole trader.", evidence=ev("We are a sole trader.", 2))
    ]
    finding = run("scope3-reported", facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question == (
        "Is the zero for Scope 3 explained by 'We are a sole trader.' (p. 2)?"
    )
