"""Figures, units and signers the plan seems to give but the checker could not place go to a
person instead of failing (issue 11, round 5: a mandatory fail needs certainty)."""

from __future__ import annotations

import pytest
from documents import facts_of
from rule_cases import run

from crp_checker.schemas import Outcome

_PERIODS = (
    "Carbon Reduction Plan\nBaseline year: 2019. Reporting year: 2025.\n"
    "Emissions (tCO2e) | 2019 | 2025 |\nScope 1 | 40.0 | 30.0 |\nScope 3 | 90.0 | 80.0 |\n"
    "Total | 150.0 | 125.0 |\n\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "Scope 2 (our office electricity, bought on a green tariff) came to about 15 tonnes.",
        "Electricity — Scope 2: 15.0 t in the latest year",
        "Scope 2 electricity, both years, 20.0 and 15.0 tCO2e respectively as invoiced",
    ],
)
def test_a_scope_given_a_figure_the_checker_could_not_place_is_a_question(line: str) -> None:
    facts = facts_of(_PERIODS + line + "\n")
    assert facts.current.scope2 is None  # never filled by a guess
    finding = run("current-emissions", facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question


@pytest.mark.parametrize(
    "line",
    [
        "We will cut Scope 2 to 5 tonnes by 2030.",  # a target
        "Scope 2 is not yet measured.",  # no figure
        "",
    ],
)
def test_without_an_unplaced_figure_a_missing_scope_still_fails(line: str) -> None:
    facts = facts_of(_PERIODS + line + "\n")
    assert run("current-emissions", facts).outcome is Outcome.FAIL


def test_a_scope_read_for_one_period_is_no_hint_for_the_other() -> None:
    # Scope 3 given only for the current year: the baseline's gap is a real gap
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019. Reporting year: 2025.\n"
        "Emissions (tCO2e) | 2019 | 2025 |\nScope 1 | 40.0 | 30.0 |\nScope 2 | 20.0 | 15.0 |\n"
        "Scope 3 | – | 80.0 |\n"
    )
    assert run("baseline-emissions", facts).outcome is Outcome.FAIL


@pytest.mark.parametrize(
    "note",
    [
        "Our targets are set in tonnes of carbon dioxide equivalent (tCO2e).",
        "Emissions for the year were 125.0 tonnes CO2e in all.",
    ],
)
def test_figures_with_no_unit_in_a_plan_that_writes_tco2e_elsewhere_are_a_question(
    note: str,
) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019. Reporting year: 2025.\n"
        "Emissions | 2019 | 2025 |\nScope 1 | 40.0 | 30.0 |\nScope 2 | 20.0 | 15.0 |\n"
        f"Scope 3 | 90.0 | 80.0 |\n\n{note}\n"
    )
    assert facts.current.unit is None  # not tied to the table
    assert run("units-co2e", facts).outcome is Outcome.NEEDS_REVIEW


def test_figures_with_no_unit_anywhere_fail() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019. Reporting year: 2025.\n"
        "Emissions | 2019 | 2025 |\nScope 1 | 40.0 | 30.0 |\nScope 2 | 20.0 | 15.0 |\n"
        "Scope 3 | 90.0 | 80.0 |\n"
    )
    assert facts.current.unit is None
    assert run("units-co2e", facts).outcome is Outcome.FAIL


_DECLARATION = (
    "Carbon Reduction Plan\nGreywater Joinery Ltd\nDeclaration and sign off\n"
    "This plan has been reviewed and signed off by the board of directors.\n"
)


@pytest.mark.parametrize(
    "block",
    [
        "Signature: (signed)   Kwame   Mensah-Boateng\n",
        "Signature: ~~ Kwame Mensah ~~ (signed electronically)\n",
    ],
)
def test_a_sign_off_whose_name_could_not_be_read_is_a_question(block: str) -> None:
    facts = facts_of(_DECLARATION + block)
    assert facts.signatory.name is None  # never filled by a guess
    finding = run("signatory", facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question


@pytest.mark.parametrize(
    "block",
    [
        "Signed on behalf of the board – 12 February 2026\n"
        "Greywater Joinery Ltd · Company no. 04471180 · Unit 6, Teesside Industrial Estate\n",
        "Signed: [insert name]\n",
        "",
    ],
)
def test_a_sign_off_that_names_no_one_still_fails(block: str) -> None:
    facts = facts_of(_DECLARATION + block)
    assert facts.signatory.name is None
    assert run("signatory", facts).outcome is Outcome.FAIL


def test_a_period_of_zeros_says_nothing_about_the_unit() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019. Reporting year: 2025.\n"
        "Emissions (tCO2e) | 2025 |\nScope 1 | 0.0 |\nScope 2 | 15.0 |\nScope 3 | 80.0 |\n\n"
        "Our baseline: Scope 1 is zero in both years because we own no vehicles.\n"
    )
    assert facts.baseline.scope1 == 0.0 and facts.baseline.unit is None
    assert run("units-co2e", facts).outcome is Outcome.PASS


def test_a_corrected_figure_is_in_tonnes_co2e() -> None:
    from crp_checker.corrections import Correction, apply_corrections

    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019. Reporting year: 2025.\n"
        "Emissions (tCO2e) | 2025 |\nScope 1 | 10.0 |\nScope 2 | 15.0 |\nScope 3 | 80.0 |\n"
    )
    corrected = apply_corrections(
        facts,
        [Correction(fact="baseline.scope1", value=12.0, reason="in the chart on p. 2")],
    )
    assert corrected.baseline.unit == "tCO2e"
