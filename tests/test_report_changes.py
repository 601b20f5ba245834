"""Tests for crp_checker.report.changes: fixed, newly failing and still open rules."""

from __future__ import annotations

from factories import make_assessment, make_finding

from crp_checker.report.changes import Changes, compare
from crp_checker.schemas import Outcome

PASS, FAIL, PARTIAL, REVIEW, NA = (
    Outcome.PASS,
    Outcome.FAIL,
    Outcome.PARTIAL,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)


def test_gaps_are_sorted_into_fixed_new_and_still_open() -> None:
    before = make_assessment(
        findings=[
            make_finding("net-zero-year", "commitment", FAIL),
            make_finding("scope3-reported", "data", PARTIAL),
            make_finding("signatory", "method", REVIEW),
            make_finding("declaration", "method", PASS),
            make_finding("published-online", "publication", NA),
        ]
    )
    after = make_assessment(
        findings=[
            make_finding("net-zero-year", "commitment", PASS),
            make_finding("scope3-reported", "data", FAIL),
            make_finding("signatory", "method", NA),
            make_finding("declaration", "method", PARTIAL),
            make_finding("published-online", "publication", REVIEW),
        ]
    )
    assert compare(before, after) == Changes(
        fixed=["net-zero-year", "signatory"],
        newly_failing=["declaration", "published-online"],
        still_open=["scope3-reported"],
    )


def test_the_same_plan_twice_has_only_open_gaps() -> None:
    plan = make_assessment()
    changes = compare(plan, plan)
    gaps = [f.rule for f in plan.findings if f.outcome in {FAIL, PARTIAL, REVIEW}]
    assert changes == Changes(fixed=[], newly_failing=[], still_open=gaps)
    assert gaps  # the sample plan has gaps, so this compares something


def test_a_rule_new_to_the_rulebook_counts_as_new_when_it_is_a_gap() -> None:
    before = make_assessment(findings=[make_finding("declaration", "method", PASS)])
    after = make_assessment(
        findings=[
            make_finding("declaration", "method", PASS),
            make_finding("local-ambition", "commitment", FAIL),
            make_finding("certifications", "targets", PASS),
        ]
    )
    assert compare(before, after).newly_failing == ["local-ambition"]


def test_a_rule_dropped_from_the_rulebook_is_left_out() -> None:
    before = make_assessment(findings=[make_finding("old-rule", "data", FAIL)])
    after = make_assessment(findings=[make_finding("declaration", "method", PASS)])
    assert compare(before, after) == Changes(fixed=[], newly_failing=[], still_open=[])
