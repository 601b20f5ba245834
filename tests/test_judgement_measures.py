"""Measures written the ways plans write them, beyond the shared plans: work not yet done under
a "completed" heading ("is being costed", "are to be ordered", "under review"), status tables
("Initiative | Status | Year"), lists under headings of many names, and statements that the
measures cover the contract in other words."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import facts_of
from layouts import docx_plan, facts_from
from rule_cases import run

from crp_checker.pipeline import assess
from crp_checker.schemas import Outcome

SYNTHETIC = Path(__file__).resolve().parents[1] / "fixtures" / "synthetic-crps"
HEAD = """Carbon Reduction Plan
Supplier name: Example Services Ltd
Published: 1 March 2025
Current Emissions Reporting
Reporting year: 2024
Scope 1 10.0 tCO2e
Carbon Reduction Projects
"""


@pytest.mark.parametrize(
    "item",
    [
        "Solar PV on the workshop roof is being costed.",
        "Two electric vans are to be ordered next spring.",
        "A heat pump for the office is under review.",
        "LED lighting for the warehouse is in the pipeline.",
        "Electric forklifts are subject to approval by the board.",
    ],
)
def test_work_not_yet_done_under_a_completed_heading_is_planned(item: str) -> None:
    facts = facts_of(HEAD + f"Completed Carbon Reduction Initiatives\n{item}")
    assert facts.completed_measures == []
    assert [m.text for m in facts.future_measures] == [item]
    assert run("completed-measures", facts).outcome is Outcome.FAIL


def test_done_and_not_yet_done_side_by_side() -> None:
    facts = facts_of(
        HEAD + "Completed measures\n"
        "• LED lighting fitted throughout the depot in 2023.\n"
        "• A heat pump for the office is being scoped."
    )
    assert [m.text[:20] for m in facts.completed_measures] == ["• LED lighting fitte"]
    assert run("completed-measures", facts).outcome is Outcome.PASS


def test_a_status_table_in_pipe_text() -> None:
    facts = facts_of(
        HEAD + "Initiative | Status | Year\n"
        "LED lighting in all offices | Completed | 2023\n"
        "Heat pump at head office | Planned | 2027\n"
        "Electric pool cars | Completed | 2024"
    )
    assert len(facts.completed_measures) == 2
    assert [m.year for m in facts.future_measures] == [2027]


def test_a_status_table_in_a_word_file() -> None:
    data = docx_plan(
        ["Carbon Reduction Plan", "Published: 1 March 2025", "Carbon Reduction Projects"],
        [
            ["Measure", "Status", "Year"],
            ["Renewable electricity tariff at both sites", "Done", "2022"],
            ["Air source heat pump", "Planned", "2027"],
        ],
    )
    facts = facts_from(data, "plan.docx")
    assert any("Renewable electricity" in m.text for m in facts.completed_measures)
    assert any("heat pump" in m.text for m in facts.future_measures)


@pytest.mark.parametrize(
    "heading",
    ["Actions taken to date", "What we've achieved", "Measures already in place", "Our progress"],
)
def test_lists_under_headings_of_many_names(heading: str) -> None:
    facts = facts_of(
        HEAD + f"{heading}\n• Moved to a 100% renewable electricity contract\n"
        "• Replaced our diesel vans with electric vans"
    )
    assert len(facts.completed_measures) == 2


@pytest.mark.parametrize(
    "statement",
    [
        "These measures are company-wide and cover every contract we deliver.",
        "These measures will remain in force throughout the performance of any contract.",
        "Every measure described here will apply while we deliver any contract for a public body.",
    ],
)
def test_statements_that_the_measures_cover_the_contract(statement: str) -> None:
    facts = facts_of(HEAD + f"We switched to LED lighting in 2023. {statement}")
    assert facts.measures_during_contract == "explicit"


def test_synthetic_plan_whose_completed_heading_lists_only_plans() -> None:
    # uc14: "Completed Carbon Reduction Initiatives" over three plans, one "being costed"
    assessment = assess(SYNTHETIC / "uc14_tanyard-joinery.docx")
    finding = next(f for f in assessment.findings if f.rule == "completed-measures")
    assert finding.outcome.value in ("fail", "partial"), finding.message


def test_rows_of_a_pipe_table_stay_separate_sentences() -> None:
    # A long row ending in "|" is a table row, not a line that wraps into the next one.
    facts = facts_of(
        HEAD + "Measure | Status | Year |\n"
        "Renewable electricity tariff at both of our sites and the depot | Done | 2022 |\n"
        "Air source heat pump | Planned | 2027 |"
    )
    assert [m.year for m in facts.completed_measures] == [2022]
    assert [m.year for m in facts.future_measures] == [2027]


@pytest.mark.parametrize(
    "items",
    [
        "LED lighting throughout the office\nRenewable electricity tariff for the depot",
        "• Cycle to work scheme for all staff\n• Smart heating controls",
    ],
)
def test_measures_listed_without_saying_if_done_go_to_a_person(items: str) -> None:
    facts = facts_of(HEAD + items)
    finding = run("completed-measures", facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question and finding.question.endswith("?")


def test_only_planned_measures_still_fail() -> None:
    facts = facts_of(
        HEAD + "We will install solar panels in 2026.\n"
        "We plan to replace our vans with electric vans by 2027."
    )
    assert run("completed-measures", facts).outcome is Outcome.FAIL
