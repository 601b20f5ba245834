"""Reduction targets written the ways plans write them, beyond the shared plans: under a bare
"Targets" heading wherever it stands, "halve" with the scopes between, "bring down to", goals
with no verb in a targets list ("2027: 25% below 2022"), per-scope tables under a header that
names the target year; and a targets section the checker cannot read goes to a person."""

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
Commitment to achieving Net Zero
Example Services Ltd is committed to achieving Net Zero emissions by 2045.
Current Emissions Reporting
Reporting year: 2024
Scope 1 10.0 tCO2e
Scope 2 6.0 tCO2e
Scope 3 36.0 tCO2e
Total 52.0 tCO2e
"""
TAIL = "\nCarbon Reduction Projects\nWe switched to a renewable tariff in 2023.\n"


def targets_of(body: str) -> list[tuple[int | None, float | None, float | None, bool]]:
    facts = facts_of(HEAD + body + TAIL)
    return [(t.year, t.percent, t.target_tco2e, t.quantified) for t in facts.targets]


def outcome(facts: Facts) -> Outcome:
    return run("reduction-targets", facts).outcome


# ------------------------------------------- a bare heading after the emissions section


@pytest.mark.parametrize("heading", ["Targets", "Our targets", "Milestones", "4. Targets"])
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Reduce total emissions by 60% against 2022 by April 2030.", (2030, 60.0, None)),
        ("We aim to halve our Scope 1 and 2 emissions against 2021 by 2032.", (2032, 50.0, None)),
        ("Reduce total emissions by 35% by June 2030, against FYE June 2022.", (2030, 35.0, None)),
    ],
)
def test_a_bare_targets_heading_after_the_emissions_figures(
    heading: str, sentence: str, expected: tuple[int, float, None]
) -> None:
    assert targets_of(f"{heading}\n{sentence}") == [(*expected, True)]


def test_a_list_under_a_bare_heading_ends_at_the_next_heading() -> None:
    found = targets_of(
        "Targets\nCut total emissions by 50% by 2030.\nWhat we have done\n"
        "Cut fuel use by 20% in 2023 by fitting telematics."
    )
    assert found == [(2030, 50.0, None, True)]


# -------------------------------------------------------------- wordings of a reduction


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "We intend to halve absolute Scope 1, 2 and 3 emissions by 2030 from our 2022 "
            "baseline.",
            (2030, 50.0, None),
        ),
        ("Halving our total carbon footprint by 2029 is our interim goal.", (2029, 50.0, None)),
        (
            "By 2030 we aim to bring total emissions down to 30 tCO2e, half of our 2022 baseline.",
            (2030, 50.0, 30.0),
        ),
        (
            "A 30% reduction in Scope 1 and 2 emissions by the end of 2028 is our first milestone.",
            (2028, 30.0, None),
        ),
        ("Our ambition: emissions 40% below 2022 levels by 2031.", (2031, 40.0, None)),
    ],
)
def test_reduction_wordings_anywhere_in_the_plan(
    sentence: str, expected: tuple[int, float, float | None]
) -> None:
    assert targets_of(sentence) == [(*expected, True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "We reduced emissions by 20% between 2022 and 2024.",
        "Business travel is less than 5% of our footprint.",
        "Scope 1 and 2: 50% by 2030.",  # no reduction word and not in a targets list
    ],
)
def test_facts_and_bare_goals_outside_a_targets_list_are_not_targets(sentence: str) -> None:
    assert targets_of(sentence) == []


# ------------------------------------------------------- goals without a verb in a list


@pytest.mark.parametrize(
    "body",
    [
        "Our milestones\n• 2027: 25% below 2022\n• 2030: 50% below 2022\n• 2045: net zero",
        "Emissions Reduction Targets\n25% by 2027\n50% by 2030\nNet zero by 2045",
        "Targets\n2027 – 25% reduction on 2022\n2030 – 50% reduction on 2022",
    ],
)
def test_goals_listed_without_a_verb(body: str) -> None:
    assert [(y, p) for y, p, _, q in targets_of(body) if q] == [(2027, 25.0), (2030, 50.0)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Targets\nNet Zero by 2040; 2030 interim: -50% against 2022.", (2030, 50.0, None)),
        (
            "Emissions reduction targets\nBy the end of 2030 our total emissions will be no "
            "more than 30 tCO2e.",
            (2030, None, 30.0),
        ),
    ],
)
def test_goals_with_the_year_before_the_amount(
    body: str, expected: tuple[int, float | None, float | None]
) -> None:
    assert [t[:3] for t in targets_of(body) if t[3]] == [expected]


@pytest.mark.parametrize("goal", ["We will be carbon neutral by 2030.", "Net zero by 2045"])
def test_a_neutral_by_year_goal_alone_is_a_qualitative_target(goal: str) -> None:
    facts = facts_of(HEAD + f"Targets\n{goal}" + TAIL)
    assert [t.quantified for t in facts.targets] == [False]
    assert outcome(facts) is Outcome.PARTIAL


# ------------------------------------------- per-scope tables under a target-year header


def test_a_pipe_table_with_the_target_year_in_its_header() -> None:
    found = targets_of(
        "Emissions reduction targets\n"
        "Scope | 2022 baseline | 2030 target | Reduction\n"
        "Scope 1 | 12.0 | 6.0 | 50%\n"
        "Scope 2 | 8.0 | 0.0 | 100%\n"
        "Scope 3 | 40.0 | 30.0 | 25%"
    )
    assert found == [
        (2030, 50.0, 6.0, True),
        (2030, 100.0, 0.0, True),
        (2030, 25.0, 30.0, True),
    ]


def test_a_word_table_with_the_target_year_in_its_header() -> None:
    data = docx_plan(
        ["Carbon Reduction Plan", "Emissions reduction targets"],
        [
            ["Scope", "Baseline 2021 (tCO2e)", "Target 2030 (tCO2e)", "Cut"],
            ["Scope 1", "120.4", "60.2", "50%"],
            ["Scope 2", "40.0", "10.0", "75%"],
        ],
    )
    found = [(t.year, t.percent, t.target_tco2e) for t in facts_from(data, "plan.docx").targets]
    assert found == [(2030, 50.0, 60.2), (2030, 75.0, 10.0)]


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            "Year | 2025 | 2030 | 2040\nTarget (tCO2e) | 45.0 | 30.0 | 0.0",
            [(2025, None, 45.0), (2030, None, 30.0), (2040, None, 0.0)],
        ),
        (
            "Milestone | 2026 | 2030\nReduction on 2022 | 20% | 50%",
            [(2026, 20.0, None), (2030, 50.0, None)],
        ),
    ],
)
def test_a_table_with_the_years_across_its_header(
    table: str, expected: list[tuple[int, float | None, float | None]]
) -> None:
    found = targets_of(f"Emissions reduction targets\n{table}")
    assert [t[:3] for t in found] == expected


def test_a_header_of_years_is_never_a_target_figure() -> None:
    found = targets_of("Emissions reduction targets\nYear | 2025 | 2030 | 2040")
    assert all(t[2] not in (2025.0, 2030.0, 2040.0) for t in found)


def test_a_space_separated_row_under_a_target_year_header_gives_only_its_percentage() -> None:
    found = targets_of(
        "Emissions reduction targets\nScope 2022 baseline 2030 target Reduction\n"
        "Scope 1 12.0 6.0 50%"
    )
    assert found == [(2030, 50.0, None, True)]


# ------------------------------------------------------- a section nobody could read


def test_an_unreadable_targets_section_goes_to_a_person() -> None:
    facts = facts_of(
        HEAD + "Emissions reduction targets\n"
        "We will reach net zero through electrification of our whole fleet." + TAIL
    )
    assert facts.targets == []
    finding = run("reduction-targets", facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question and finding.question.endswith("?")
    assert "electrification" in finding.question


def test_no_targets_section_and_no_target_still_fails() -> None:
    facts = facts_of(HEAD + TAIL)
    assert outcome(facts) is Outcome.FAIL


# ------------------------------------------------------------------ the synthetic plans


@pytest.mark.parametrize(
    "name",
    [
        "uc05_lowther-finch.pdf",  # 'Targets' after the current emissions table
        "uc16_brindley-wharf-marine.html",  # 'halve our Scope 1 and 2 emissions ... by 2032'
        "uc17_pennywell-bakery.html",  # 'Reduce total emissions by 35% by June 2030'
    ],
)
def test_synthetic_plans_have_a_quantified_target(name: str) -> None:
    assessment = assess(SYNTHETIC / name)
    finding = next(f for f in assessment.findings if f.rule == "reduction-targets")
    assert finding.outcome.value == "pass", finding.message
