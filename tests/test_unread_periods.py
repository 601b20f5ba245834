"""A period the plan seems to name but the checker could not read goes to a person instead of
failing (issue 11: a mandatory fail needs certainty)."""

from __future__ import annotations

import pytest
from documents import document, facts_of
from rule_cases import run

from crp_checker.extract import extract
from crp_checker.schemas import Facts, Outcome


@pytest.mark.parametrize(
    ("text", "rule", "key"),
    [
        (
            "Our figures use the latest full financial year (ending in 2025 on 31 March).",
            "reporting-period",
            "current.label",
        ),
        (
            "Our current reporting period closed at the end of March 2026 as usual.",
            "reporting-period",
            "current.label",
        ),
        (
            "We measured our first base year in the twelve months from mid-2019.",
            "baseline-year",
            "baseline.label",
        ),
        ("Reporting year (see note 3): mid-2024 to mid-2025", "reporting-period", "current.label"),
    ],
)
def test_a_period_named_beside_a_year_but_unread_is_a_question(
    text: str, rule: str, key: str
) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{text}\n")
    assert getattr(facts, key.split(".")[0]).label is None  # never filled by a guess
    finding = run(rule, facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question
    assert facts.readings[key].candidates[0].value == text


@pytest.mark.parametrize(
    "text",
    [
        "We have no figures yet.",
        "We will set a baseline year by 2027.",  # a plan, not a period: still a fail
        "Our net zero target is 2045 for the whole business.",
    ],
)
def test_without_a_period_word_beside_a_year_the_fail_stands(text: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{text}\n")
    assert run("baseline-year", facts).outcome is Outcome.FAIL
    assert run("reporting-period", facts).outcome is Outcome.FAIL


def _scan(text: str, method: str = "ocr") -> Facts:
    doc = document(text)
    doc.pages = [page.model_copy(update={"method": method}) for page in doc.pages]
    return extract(doc)


_SCANNED = (
    "Carbon Reduction Plan\nReporting year: FY2025/26\nReporting year emissions tCO2e\n"
    "Scope 1 {cell}\nScope 2 10.1\nScope 3 (included sources) 46.1\nTotal emissions 127.6\n"
)


@pytest.mark.parametrize("cell", ["JLA", "7l.A", "—"])
def test_an_unreadable_scanned_figure_is_a_question_not_a_fail(cell: str) -> None:
    """synthetic-g ug20: OCR read "71.4" as "JLA"; the figure is not invented, and the fail
    for a missing Scope 1 goes to a person who can read the page."""
    facts = _scan(_SCANNED.format(cell=cell))
    assert facts.current.scope1 is None
    finding = run("current-emissions", facts)
    if "current.scope1" in facts.readings:
        assert finding.outcome is Outcome.NEEDS_REVIEW
        assert "Scope 1" in str(facts.readings["current.scope1"].candidates[0].value)
    else:  # the cell was read as a marker ("—"): judged by zeros-explained instead
        assert facts.current.not_numeric.get("scope1") == cell


def test_the_same_row_in_a_text_pdf_is_no_question() -> None:
    facts = _scan(_SCANNED.format(cell="JLA"), method="text")
    assert "current.scope1" not in facts.readings
    assert run("current-emissions", facts).outcome is Outcome.FAIL
