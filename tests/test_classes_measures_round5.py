"""Measures, targets and the declaration (round 5): a status column beside the measures ("Measure
| Status" over "LED lighting | Done (2022)", or each cell on a line of its own from a PDF), whose
cell outranks the item's tense and section; a plan dated by its sign-off when no publication date
is read; a target's deadline named as the period it closes ("by the year ending 31 March 2030");
and a declaration whose PPN reference breaks over a line ("... with Procurement Policy" / "Note
06/21 ..."). Each class in several wordings and layouts of our own, with the look-alikes that
must stay unread: a status heading that is no column, a result or a pledge, a PPN named outside a
declaration."""

from __future__ import annotations

import pytest
from documents import facts_of
from rule_cases import run

from crp_checker.schemas import Facts, Outcome

HEAD = """Carbon Reduction Plan
Supplier name: Saltmarsh Joinery Ltd
Published: 12 February 2026
Commitment to achieving Net Zero
Saltmarsh Joinery Ltd is committed to achieving Net Zero emissions by 2045.
Current Emissions Reporting
Reporting year: 2025
Scope 1 22.0 tCO2e
Scope 2 8.0 tCO2e
Scope 3 41.0 tCO2e
Total 71.0 tCO2e
"""
# A long line, so the short lines of a test stay lines (a PDF's wrapped text is not rejoined).
LONG = (
    "Our joinery shop makes windows, doors and staircases for housing associations and builders "
    "across the county, from one workshop and a small office.\n"
)


def outcome(rule: str, facts: Facts) -> Outcome:
    return run(rule, facts).outcome


# ------------------------------------------ a status column beside the measures


@pytest.mark.parametrize(
    "table",
    [
        "Measure | Status |\n"
        "Move the workshop to a renewable electricity tariff | Done (2022) |\n"
        "Replace two diesel vans with electric vans | Completed 2024 |\n"
        "Fit a heat pump in the office | Planned (2027) |\n",
        "Action | Year | Status |\n"
        "Switch to a renewable electricity tariff | 2022 | Complete |\n"
        "Replace the diesel vans with electric vans | 2024 | In place |\n"
        "Heat pump for the office | 2027 | Not started |\n",
        "Measures and their status\n"
        "Move the workshop to a renewable\n"
        "electricity tariff\n"
        "Done (2022)\n"
        "Replace two diesel vans with\n"
        "electric vans\n"
        "Done (2024)\n"
        "Heat pump for the office In progress\n"
        "(2027)\n",
    ],
)
def test_a_status_cell_says_whether_a_measure_is_done(table: str) -> None:
    facts = facts_of(HEAD + LONG + "Carbon Reduction Projects\n" + table)
    assert len(facts.completed_measures) == 2
    assert all("renewable" in m.text or "van" in m.text for m in facts.completed_measures)
    assert [m.text for m in facts.future_measures] == [
        next(m.text for m in facts.future_measures if "heat pump" in m.text.lower())
    ]
    assert outcome("completed-measures", facts) == Outcome.PASS


def test_a_status_cell_counts_where_the_section_is_misread() -> None:
    # Under the emissions heading (no projects heading of its own), a status column still
    # tells a measure from a figure row.
    facts = facts_of(
        HEAD + LONG + "What we changed | Status |\n"
        "Replace the diesel vans with electric vans | Done (2024) |\n"
    )
    assert [m.status for m in facts.completed_measures] == ["completed"]


def test_a_status_word_without_a_status_column_is_a_heading() -> None:
    # "Completed" heads the list below it; it is no cell of the planned item above.
    facts = facts_of(
        HEAD + LONG + "Carbon Reduction Projects\n"
        "Planned\n"
        "• Fit a heat pump in the office in 2028\n"
        "Completed\n"
        "• Moved the workshop to a renewable electricity tariff in 2022\n"
    )
    assert [m.text for m in facts.future_measures] == ["• Fit a heat pump in the office in 2028"]
    assert all("heat pump" not in m.text for m in facts.completed_measures)


def test_a_measure_in_progress_is_not_completed() -> None:
    facts = facts_of(
        HEAD + LONG + "Carbon Reduction Projects\n"
        "Measure | Status |\n"
        "Replaced the office boiler with a heat pump | In progress |\n"
    )
    assert facts.completed_measures == []
    assert [m.status for m in facts.future_measures] == ["future"]


# ------------------------------------------ the plan dated by its sign-off


def test_a_plan_without_a_publication_date_is_dated_by_its_sign_off() -> None:
    # The year after the reporting year (2023) would make the timeline's 2024 look like a plan;
    # the sign-off says the plan was written in 2026.
    facts = facts_of(
        HEAD.replace("Published: 12 February 2026\n", "").replace("2025", "2022")
        + LONG
        + "Timeline of what we have done\n"
        "2023 - first four electric vans for the fitting teams\n"
        "2024 - LED lighting and a heat pump in the workshop\n"
        "Declaration and sign off\n"
        "Signed: Rhian Tovey, Managing Director, 20 January 2026\n"
    )
    assert len(facts.completed_measures) == 2
    assert facts.future_measures == []


def test_a_year_after_the_sign_off_is_still_a_plan() -> None:
    facts = facts_of(
        HEAD.replace("Published: 12 February 2026\n", "").replace("Reporting year: 2025\n", "")
        + LONG
        + "Timeline of what we have done\n"
        "2024 - LED lighting and a heat pump in the workshop\n"
        "2028 - solar panels on the workshop roof\n"
        "Declaration and sign off\n"
        "Signed: Rhian Tovey, Managing Director, 20 January 2026\n"
    )
    assert [m.year for m in facts.future_measures] == [2028]


# ------------------------------------------ a deadline named as the period it closes

TARGETS = HEAD + "Emissions Reduction Targets\n"


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        (
            "We will cut total emissions to 42.6 tCO2e by the year ending 31 March 2030, 40% "
            "below the baseline.",
            2030,
        ),
        (
            "We will reduce emissions to 50.0 tCO2e in the year ending 30 June 2031, a 30% cut.",
            2031,
        ),
        ("We will halve our emissions by the financial year ending March 2032.", 2032),
        ("Emissions will fall 35% by the twelve months to 30 September 2030.", 2030),
        ("We aim to cut emissions by 25% by the year ended 31 December 2029.", 2029),
    ],
)
def test_a_deadline_named_as_a_period_end_is_the_target_year(sentence: str, year: int) -> None:
    facts = facts_of(TARGETS + sentence + "\n")
    assert [t.year for t in facts.targets if t.quantified] == [year]
    assert outcome("reduction-targets", facts) == Outcome.PASS


@pytest.mark.parametrize(
    "sentence",
    [
        "Emissions fell by 12% in the year ending 31 March 2025.",  # a result
        "Our emissions have been falling every year since the baseline.",  # a trend
    ],
)
def test_a_result_for_a_period_is_no_target(sentence: str) -> None:
    facts = facts_of(TARGETS + sentence + "\n")
    assert not any(t.quantified for t in facts.targets)


# ------------------------------------------ the PPN cited across a line break


@pytest.mark.parametrize(
    "declaration",
    [
        "Declaration\nThe directors declare that this plan has been\nprepared in accordance "
        "with Procurement Policy\nNote 06/21 and the reporting standard.\n",
        "Declaration and sign off\nWe confirm that this plan was completed in accordance with "
        "PPN\n006 and the associated reporting standard.\n",
        "Declaration\nThis plan has been prepared in line with Procurement Policy Note\n"
        "006 and the Technical Standard for Carbon Reduction Plans.\n",
    ],
)
def test_a_ppn_reference_broken_over_a_line_is_cited(declaration: str) -> None:
    facts = facts_of(HEAD + LONG + declaration)
    assert facts.declaration == "ppn"
    assert outcome("declaration", facts) == Outcome.PASS


@pytest.mark.parametrize(
    "text",
    [
        # the PPN in a sentence of its own after the declaration: not what was declared
        "Declaration\nThe partners confirm that this plan follows the\nreporting standard. "
        "Procurement Policy\nNote 06/21 is explained on our website.\n",
        # a pledge that cites the PPN, outside any declaration
        "Our approach\nIn accordance with Procurement Policy\nNote 06/21 we are committed to "
        "net zero by 2040.\n",
    ],
)
def test_a_ppn_named_outside_a_declaration_is_not_cited(text: str) -> None:
    facts = facts_of(HEAD + LONG + text)
    assert facts.declaration != "ppn"
