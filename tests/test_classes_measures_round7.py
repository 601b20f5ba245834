"""Measures (round 7): a status column that stands before a saving column ("Measure | Status |
Saving", a PDF line "LED lighting 2023 Complete 3.1 tCO2e a year", a tick), a year in a
"Planned for" or "Target date" column that is the plan's own year, and a measure told in the
past tense with the cut it made ("together these cut Scope 1 and 2 by 4.2 tCO2e"). Each class
in wordings of our own, with the look-alikes that must stay as they are read."""

from __future__ import annotations

import pytest
from documents import facts_of
from rule_cases import run

from crp_checker.schemas import Facts, Outcome

HEAD = """Carbon Reduction Plan
Supplier name: Penrose Joinery Ltd
Published: 12 March 2026
Commitment to achieving Net Zero
Penrose Joinery Ltd is committed to achieving Net Zero emissions by 2045.
Current Emissions Reporting
Reporting year: 2025
Scope 1 41.0 tCO2e
Scope 2 12.0 tCO2e
Scope 3 60.0 tCO2e
Total 113.0 tCO2e
"""
INTRO = (
    "We make bespoke windows, doors and staircases in one workshop and fit them for housing "
    "associations, schools and private clients across the region.\n"
)


def outcome(rule: str, facts: Facts) -> Outcome:
    return run(rule, facts).outcome


def _projects(body: str) -> Facts:
    return facts_of(HEAD + INTRO + "Carbon Reduction Projects\n" + body)


# ------------------------------------------ a status column before a saving column


@pytest.mark.parametrize(
    "table",
    [
        "Measure | Status | Saving |\n"
        "Dust extraction fans on variable speed drives | Complete | 3.4 tCO2e a year |\n"
        "Company vans replaced with electric vans | Complete | 8.1 tCO2e a year |\n",
        "Measure Year Status Saving\n"
        "Company vans replaced with electric vans 2024 Done 8.1 tCO2e a year\n"
        "Solar panels on the workshop roof 2023 Done 2.2 tCO2e\n",
        "Initiative Site Status Saving\n"
        "Company vans replaced with electric vans Workshop ✓ 8.1 tCO2e\n"
        "Solar panels on the workshop roof Workshop ✓ 9% of electricity\n",
        "Action | Status | Annual saving |\n"
        "Solar panels on the workshop roof | Delivered | 2.2 t |\n",
    ],
)
def test_a_status_before_a_saving_marks_the_measure_done(table: str) -> None:
    facts = _projects(table)
    assert facts.completed_measures
    assert "tCO2e" not in facts.completed_measures[0].text
    assert outcome("completed-measures", facts) is Outcome.PASS


@pytest.mark.parametrize(
    "table",
    [
        "Measure | Status | Saving |\n"
        "Company vans replaced with electric vans | Planned | 8.1 tCO2e a year |\n"
        "Solar panels on the workshop roof | In progress | 2.2 tCO2e |\n",
        "Measure Status Expected saving\n"
        "Company vans replaced with electric vans Planned 8.1 tCO2e a year\n",
    ],
)
def test_a_planned_status_before_a_saving_is_no_completed_measure(table: str) -> None:
    facts = _projects(table)
    assert facts.completed_measures == []
    assert facts.future_measures


def test_a_status_word_followed_by_words_is_not_a_status_cell() -> None:
    facts = _projects(
        "Measure Status Notes\n"
        "Solar panels on the workshop roof Done when the roof is repaired next spring\n"
    )
    assert all("Done when" not in m.text for m in facts.completed_measures)


# ------------------------------------------ a year in a "Planned for" column


@pytest.mark.parametrize(
    "header",
    [
        "Planned measure | Planned for |",
        "Planned action | Target date |",
        "Planned project | Due |",
    ],
)
def test_the_plans_own_year_in_a_when_column_is_still_to_come(header: str) -> None:
    facts = _projects(
        "We have not completed any carbon reduction measures yet.\n"
        f"{header}\n"
        "Heat recovery unit for the spray booth | 2026 |\n"
        "Renewable electricity tariff for the workshop | 2027 |\n"
    )
    assert facts.completed_measures == []
    assert len(facts.future_measures) == 2
    assert outcome("completed-measures", facts) is Outcome.FAIL


def test_a_row_that_says_it_is_done_stays_done_under_a_when_column() -> None:
    facts = _projects(
        "Measure | Target date |\n"
        "Solar panels were installed on the workshop roof | 2026 |\n"
        "Renewable electricity tariff for the workshop | 2027 |\n"
    )
    assert [m.text for m in facts.completed_measures] == [
        "Solar panels were installed on the workshop roof | 2026 |"
    ]


# ------------------------------------------ a past measure told with the cut it made


@pytest.mark.parametrize(
    "sentence",
    [
        "Last year we replaced the gas boiler with an air source heat pump; this cut Scope 1 by "
        "an estimated 6.5 tCO2e (about 16%) a year.",
        "In 2024 we installed solar panels on the workshop roof, which cut our Scope 2 by about "
        "2.1 tCO2e.",
        "Both diesel vans were replaced with electric vans in 2025, cutting fleet emissions by "
        "some 7 tCO2e a year.",
    ],
)
def test_a_past_measure_with_its_cut_in_tonnes_is_completed(sentence: str) -> None:
    facts = _projects(sentence + "\n")
    assert facts.completed_measures
    assert outcome("completed-measures", facts) is Outcome.PASS
    assert facts.savings_tco2e is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Our Scope 1 emissions fell to 30.2 tCO2e in 2025.",
        "Scope 2 was 12.0 tCO2e in the reporting year, down from 14.5 tCO2e.",
    ],
)
def test_a_figure_in_tonnes_is_no_measure(sentence: str) -> None:
    facts = _projects(sentence + "\n")
    assert facts.completed_measures == []


@pytest.mark.parametrize(
    "item",
    [
        # synthetic-o o14, o22: a dated change made to a named thing, outside our vocabulary
        "Completed: compressed air system replaced with a variable-speed unit (2023).",
        "- Battery chainsaws and hedge trimmers bought for all work under 12 inches (2024)",
        "- In 2022 we switched the kiln from LPG to a mains electric model.",
    ],
)
def test_a_dated_change_to_a_named_thing_is_a_specific_completed_measure(item: str) -> None:
    facts = facts_of(
        f"Carbon Reduction Plan\nCarbon reduction projects\nWhat we have done\n{item}\n"
    )
    assert any(m.specific for m in facts.completed_measures)


def test_an_undated_intention_is_no_specific_completed_measure() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nCarbon reduction projects\nWe try to reduce waste where we can.\n"
    )
    assert not any(m.specific for m in facts.completed_measures)


@pytest.mark.parametrize(
    "row",
    [
        # synthetic-o o03: a status table whose effect column gives the yearly saving
        "Two electric pick-ups replaced diesel Land Rovers Completed March 2024 About 6 tCO2e "
        "a year",
        "LED lighting in the workshop | Done 2023 | 2.1 tonnes per year |",
    ],
)
def test_a_completed_row_with_its_yearly_saving_is_a_measure_not_a_figure(row: str) -> None:
    facts = facts_of(
        f"Carbon Reduction Plan\nCarbon Reduction Projects\nMeasure Status Effect\n{row}\n"
    )
    assert any(m.specific for m in facts.completed_measures)


def test_a_running_footer_is_no_measure() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nCarbon Reduction Projects\nMeasure Status Effect\n"
        "LED lighting in the workshop | Done 2023 | 2.1 tonnes per year |\n"
        "Published 4 February 2026 | Wyre Valley Trust, registered charity no. 1172093\n"
    )
    assert not any("Published" in m.text for m in facts.completed_measures)
