"""Worked examples for figures that need a reason (rules/explained.py): zeros-explained,
scope3-consistent and change-explained."""

from __future__ import annotations

import pytest
from rule_cases import Case, check_case, complete_facts, ev, run, with_period
from test_rules_scope3 import categories, with_categories

from crp_checker.readings import mark_inferred
from crp_checker.schemas import Candidate, Facts, Outcome, Period

FULL = complete_facts()
NO_FIGURES = complete_facts(
    baseline=Period(label="2019"), current=Period(label="2024"), scope3_detail=[]
)


def with_doubtful_note(facts: Facts, role: str, scope: str, row: str, note: str) -> Facts:
    """A zero whose row carries a note the checker could not judge as a reason."""
    facts = facts.model_copy(deep=True)
    key = f"{role}.explanations.{scope}"
    mark_inferred(facts, key, "the note beside the zero may not be a reason")
    facts.readings[key].candidates = [Candidate(value=note, evidence=ev(row))]
    return facts


CASES = [
    Case("zeros-explained", Outcome.PASS, FULL, "no zeros"),
    Case(
        "zeros-explained",
        Outcome.PASS,
        with_period(FULL, "current", scope1=0, explanations={"scope1": "no company vehicles"}),
        "explained zero",
    ),
    Case("zeros-explained", Outcome.FAIL, with_period(FULL, "current", scope1=0), "bare zero"),
    Case(
        "zeros-explained",
        Outcome.FAIL,
        with_period(FULL, "baseline", scope3=None, not_numeric={"scope3": "n/a"}),
        "bare N/A",
    ),
    Case(
        "zeros-explained",
        Outcome.NEEDS_REVIEW,
        with_doubtful_note(
            with_period(FULL, "current", scope2=0),
            "current",
            "scope2",
            "Purchased electricity | Scope 2 | 0.0 | Handled by head office",
            "Handled by head office",
        ),
        "a note the checker cannot judge",
    ),
    Case(
        "zeros-explained",
        Outcome.FAIL,
        with_doubtful_note(
            with_period(with_period(FULL, "current", scope2=0), "baseline", scope1=0),
            "current",
            "scope2",
            "Scope 2 | 0.0 | Handled by head office",
            "Handled by head office",
        ),
        "an unexplained zero besides a doubtful one",
    ),
    Case(
        "zeros-explained",
        Outcome.PARTIAL,
        with_categories(c4="value", c5="zero", c6="value", c7="value", c9="value"),
        "category zero without reason",
    ),
    Case(
        "zeros-explained",
        Outcome.PARTIAL,
        with_categories(c4="na", c5="value", c6="value", c7="value", c9="value"),
        "category N/A without reason",
    ),
    Case(
        "zeros-explained",
        Outcome.PASS,
        with_categories(c4="na-with-reason", c5="value", c6="value", c7="value", c9="value"),
        "category N/A with a reason",
    ),
    Case(
        "zeros-explained",
        Outcome.PASS,
        with_categories(c1="zero", c4="value", c5="value", c6="value", c7="value", c9="value"),
        "zero for a category that is not required",
    ),
    Case("zeros-explained", Outcome.NOT_APPLICABLE, NO_FIGURES, "no figures"),
    Case("scope3-consistent", Outcome.PASS, FULL, "same categories"),
    Case(
        "scope3-consistent",
        Outcome.PARTIAL,
        with_categories(c4="value", c5="value", c6="value", c7="value", c9="current-only"),
        "category added",
    ),
    Case(
        "scope3-consistent",
        Outcome.PASS,
        complete_facts(
            scope3_detail=categories(c6="value", c9="current-only"), change_explained=True
        ),
        "category added and explained",
    ),
    Case(
        "scope3-consistent",
        Outcome.NOT_APPLICABLE,
        complete_facts(current=Period(same_as_baseline=True)),
        "first year",
    ),
    Case(
        "scope3-consistent",
        Outcome.NOT_APPLICABLE,
        with_categories(c4="named", c6="excluded"),
        "no category figures",
    ),
    Case(
        "scope3-consistent",
        Outcome.NOT_APPLICABLE,
        with_categories(c4="current-only", c6="current-only"),
        "category figures read for one year only",
    ),
    Case("change-explained", Outcome.PASS, FULL, "30% fall"),
    Case("change-explained", Outcome.PASS, with_period(FULL, "current", total=500), "exactly 50%"),
    Case(
        "change-explained",
        Outcome.PARTIAL,
        with_period(FULL, "current", total=400),
        "60% fall unexplained",
    ),
    Case(
        "change-explained",
        Outcome.PASS,
        with_period(complete_facts(change_explained=True), "current", total=400),
        "60% fall explained",
    ),
    Case(
        "change-explained",
        Outcome.NOT_APPLICABLE,
        with_period(FULL, "current", total=None, scope3=None),
        "no current total",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_outcome(case: Case) -> None:
    check_case(case)


def test_a_doubtful_note_asks_whether_it_explains_the_zero() -> None:
    facts = with_doubtful_note(
        with_period(FULL, "baseline", scope1=0),
        "baseline",
        "scope1",
        "Company vehicles Scope 1 0.0 Leased through the parent company",
        "Leased through the parent company",
    )
    finding = run("zeros-explained", facts)
    assert finding.question == (
        "Is the 0.0 for Scope 1 explained by 'Leased through the parent company' (p. 1)?"
    )
    assert any("Leased through" in e.quote for e in finding.evidence)


def test_an_unexplained_zero_resting_on_a_doubtful_reading_goes_to_a_person() -> None:
    facts = with_period(FULL, "current", scope1=0)
    mark_inferred(facts, "current.scope1", "the figure was taken from a heading's year")
    finding = run("zeros-explained", facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question is not None
    assert finding.question.endswith("Is the current reporting Scope 1 figure read right?")


def test_change_message_gives_both_totals_and_the_change() -> None:
    message = run("change-explained", with_period(FULL, "current", total=400)).message
    assert "1,000 tCO2e to 400 tCO2e (60%)" in message


def test_change_explained_quotes_the_explanation() -> None:
    facts = with_period(complete_facts(change_explained=True), "current", total=400)
    facts.evidence["change_explained"] = ev("Emissions fell because we moved to a smaller office.")
    assert "because we moved to a smaller office" in run("change-explained", facts).message


def test_category_figures_alone_are_figures_to_check_for_zeros() -> None:
    facts = NO_FIGURES.model_copy(update={"scope3_detail": categories(c6="figure", c7="figure")})
    assert run("zeros-explained", facts).outcome is Outcome.PASS
