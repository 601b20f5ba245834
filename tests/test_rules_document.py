"""Worked examples for the document rules: is it a CRP, whose, when, finished, group plans."""

from __future__ import annotations

import datetime as dt

import pytest
from rule_cases import Case, check_case, complete_facts, run

from crp_checker.schemas import Facts, Outcome

CASES = [
    Case("crp-identified", Outcome.PASS, complete_facts(), "standalone"),
    Case("crp-identified", Outcome.PARTIAL, complete_facts(crp_kind="embedded"), "embedded"),
    Case(
        "crp-identified",
        Outcome.FAIL,
        Facts(sections_found=["commitment"]),
        "environmental policy",
    ),
    Case("supplier-named", Outcome.PASS, complete_facts(), "named"),
    Case("supplier-named", Outcome.PASS, complete_facts(organisation="Maxx Haulage Ltd"), "xx"),
    Case("supplier-named", Outcome.NEEDS_REVIEW, complete_facts(organisation=None), "unread"),
    Case(
        "supplier-named",
        Outcome.FAIL,
        complete_facts(organisation=None, is_crp=False),
        "not a plan, no name",
    ),
    Case("supplier-named", Outcome.FAIL, complete_facts(organisation="[Supplier name]"), "box"),
    Case("supplier-named", Outcome.FAIL, complete_facts(organisation="XXX"), "xxx"),
    Case("supplier-named", Outcome.FAIL, complete_facts(organisation="TBC"), "tbc"),
    Case("publication-date", Outcome.PASS, complete_facts(), "full date"),
    Case(
        "publication-date",
        Outcome.PARTIAL,
        complete_facts(publication_date=dt.date(2025, 3, 1), publication_date_precision="month"),
        "month only",
    ),
    Case(
        "publication-date",
        Outcome.PARTIAL,
        complete_facts(publication_date=dt.date(2025, 1, 1), publication_date_precision="year"),
        "year only",
    ),
    Case("publication-date", Outcome.FAIL, complete_facts(publication_date=None), "none"),
    Case("no-placeholders", Outcome.PASS, complete_facts(), "none"),
    Case(
        "no-placeholders",
        Outcome.FAIL,
        complete_facts(placeholders=["[insert year]", "TBC"]),
        "two left",
    ),
    Case("parent-plan-reliance", Outcome.PASS, complete_facts(), "own plan"),
    Case(
        "parent-plan-reliance",
        Outcome.PASS,
        complete_facts(group_plan=True, covers_bidder=True),
        "group plan covers bidder",
    ),
    Case(
        "parent-plan-reliance",
        Outcome.PARTIAL,
        complete_facts(group_plan=True),
        "group plan, bidder not named",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_outcome(case: Case) -> None:
    check_case(case)


def test_crp_identified_counts_the_template_sections_it_found() -> None:
    finding = run("crp-identified", Facts(sections_found=["commitment"]))
    assert "1 of the 6 template sections" in finding.message
    assert "Commitment to achieving Net Zero" in finding.message


def test_placeholders_are_named_one_by_one() -> None:
    finding = run("no-placeholders", complete_facts(placeholders=["[insert year]", "XX"]))
    assert "'[insert year]'" in finding.message
    assert "'XX'" in finding.message


def test_partial_dates_are_quoted_at_their_precision() -> None:
    facts = complete_facts(publication_date=dt.date(2025, 3, 1), publication_date_precision="month")
    assert "March 2025" in run("publication-date", facts).message
    assert "1 March 2025" not in run("publication-date", facts).message


def test_group_plan_that_excludes_the_bidder_says_so() -> None:
    finding = run("parent-plan-reliance", complete_facts(group_plan=True, covers_bidder=False))
    assert finding.outcome is Outcome.PARTIAL
    assert "says it does not cover" in finding.message
