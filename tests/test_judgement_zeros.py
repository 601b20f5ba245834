"""A zero scope explained the ways plans explain it, beyond the shared plans: a note that says
the scope is zero and gives the reason in the next sentence, a question and its answer, a
short heading over the paragraph, several scopes in one sentence, "no direct emissions"; and
a reason for another scope never explains the zero."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import facts_of
from layouts import docx_plan, facts_from
from rule_cases import run

from crp_checker.pipeline import assess
from crp_checker.schemas import Facts, Outcome

SYNTHETIC = Path(__file__).resolve().parents[1] / "fixtures" / "synthetic-crps"
HEAD = """Carbon Reduction Plan
Supplier name: Example Services Ltd
Baseline Emissions Footprint
Baseline year: 2022
"""
TABLE = "Scope 1 0.0\nScope 2 9.6\nScope 3 61.2\nTotal 70.8\n"


def outcome(facts: Facts) -> Outcome:
    return run("zeros-explained", facts).outcome


@pytest.mark.parametrize(
    "note",
    [
        # the zero stated, the reason in the next sentence
        "Note: Scope 1 is zero in both years. Our office is heated by the landlord's heat pump "
        "and the company has no vehicles of its own.",
        # a question and its answer
        "Why is Scope 1 zero? We own no vehicles and our building has no gas supply.",
        # a short heading naming the scope over the paragraph
        "About our Scope 1 figure\nIt is zero: we do not burn fuel on site and have no cars.",
        # Scope 1 under its own name
        "The company has no direct emissions: it owns no vehicles or boilers.",
        # a footnote
        "* Scope 1 emissions are nil because we have no gas supply and no vehicles.",
    ],
)
def test_a_zero_explained_under_the_table(note: str) -> None:
    facts = facts_of(HEAD + TABLE + note)
    assert "scope1" in facts.baseline.explanations
    assert outcome(facts) is Outcome.PASS


def test_several_scopes_in_one_sentence() -> None:
    facts = facts_of(
        HEAD + "Scope 1 0.0\nScope 2 0.0\nScope 3 61.2\nTotal 61.2\n"
        "Scopes 1 and 2 are zero because we work from a serviced office with all energy "
        "included and own no vehicles."
    )
    assert {"scope1", "scope2"} <= set(facts.baseline.explanations)
    assert outcome(facts) is Outcome.PASS


def test_the_reason_may_name_the_scope_it_is_counted_in() -> None:
    facts = facts_of(
        HEAD + "Scope 1 | Nil |\nScope 2 | 6.8 |\nScope 3 | 24.8 |\nTotal | 31.6 |\n"
        "Scope 1. Nil in both years. The studio is heated by the landlord's system, which we "
        "report in Scope 2, and the practice owns no vehicles."
    )
    assert "owns no vehicles" in facts.baseline.explanations["scope1"]


@pytest.mark.parametrize(
    "note",
    [
        "Scope 2 fell because we moved to a renewable tariff.",
        "Scope 1 is zero in both years. Scope 2 is market-based: we buy renewable electricity.",
    ],
)
def test_a_reason_about_another_scope_does_not_explain_the_zero(note: str) -> None:
    facts = facts_of(HEAD + TABLE + note)
    assert "scope1" not in facts.baseline.explanations
    assert outcome(facts) is Outcome.FAIL


def test_a_note_under_a_word_table() -> None:
    data = docx_plan(
        ["Carbon Reduction Plan", "Baseline Emissions Footprint", "Baseline year: 2022"],
        [
            ["Scope", "2022 (tCO2e)"],
            ["Scope 1", "0.0"],
            ["Scope 2", "9.6"],
            ["Scope 3", "61.2"],
            ["Total", "70.8"],
        ],
        after=(
            "Note: Scope 1 is nil.",
            "We lease a serviced office where heating is provided by the landlord.",
        ),
    )
    facts = facts_from(data, "plan.docx")
    assert facts.baseline.scope1 == 0
    assert outcome(facts) is Outcome.PASS


def test_synthetic_plan_with_the_reason_in_the_sentence_after_the_zero() -> None:
    # uc06: "Note: Scope 1 is zero in both years. Our office is heated by the landlord's ..."
    assessment = assess(SYNTHETIC / "uc06_marlpit-environmental.pdf")
    finding = next(f for f in assessment.findings if f.rule == "zeros-explained")
    assert finding.outcome.value == "pass", finding.message


@pytest.mark.parametrize(
    "note",
    [
        "office-based business",
        "the business is run from the director's home",
        "all staff work remotely",
    ],
)
@pytest.mark.parametrize("form", ["row", "sentence"])
def test_the_nature_of_the_business_explains_a_zero(note: str, form: str) -> None:
    if form == "row":
        body = f"Scope | 2022 | Notes\nScope 1 | 0.0 | {note}\nScope 2 | 9.6 |\nScope 3 | 61.2 |"
    else:
        body = f"{TABLE}Scope 1 is zero: {note}."
    assert outcome(facts_of(HEAD + body)) is Outcome.PASS


def test_words_after_a_zero_that_may_not_be_a_reason_go_to_a_person() -> None:
    facts = facts_of(HEAD + TABLE + "Scope 1 is zero: handled by our parent company's team.")
    finding = run("zeros-explained", facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question and "parent company" in finding.question
