"""Worked examples for the emissions figure rules: units, values, sums, the Scope 2 basis."""

from __future__ import annotations

import pytest
from rule_cases import Case, buyer, check_case, complete_facts, run, with_period

from crp_checker.rules.figures import unit_kind
from crp_checker.schemas import Outcome, Period, Scope3Category

FULL = complete_facts()
NO_FIGURES = complete_facts(
    baseline=Period(label="2019"), current=Period(label="2024"), scope3_detail=[]
)


CASES = [
    Case("units-co2e", Outcome.PASS, FULL, "tCO2e"),
    Case(
        "units-co2e",
        Outcome.PASS,
        with_period(with_period(FULL, "baseline", unit="tonnes CO2e"), "current", unit="tCO₂e"),
        "spelt out",
    ),
    Case(
        "units-co2e",
        Outcome.PARTIAL,
        with_period(FULL, "current", unit="kgCO2e", converted_from_kg=True),
        "kg converted",
    ),
    Case("units-co2e", Outcome.PARTIAL, with_period(FULL, "current", unit="tCO2"), "CO2 only"),
    Case("units-co2e", Outcome.FAIL, with_period(FULL, "current", unit="kWh"), "energy"),
    Case("units-co2e", Outcome.FAIL, with_period(FULL, "current", unit=None), "no unit"),
    Case("units-co2e", Outcome.NEEDS_REVIEW, with_period(FULL, "current", unit="MtCO2e"), "odd"),
    Case("units-co2e", Outcome.FAIL, NO_FIGURES, "no figures"),
    Case("values-valid", Outcome.PASS, FULL, "all numbers"),
    Case(
        "values-valid",
        Outcome.FAIL,
        with_period(FULL, "current", scope1=-5, negative=["scope1"]),
        "negative",
    ),
    Case(
        "values-valid",
        Outcome.FAIL,
        with_period(FULL, "current", scope2=None, not_numeric={"scope2": "not yet available"}),
        "text",
    ),
    Case(
        "values-valid",
        Outcome.FAIL,
        with_period(FULL, "current", scope3=None, not_numeric={"scope3": ""}),
        "blank",
    ),
    Case(
        "values-valid",
        Outcome.PASS,
        with_period(FULL, "current", scope1=None, not_numeric={"scope1": "N/A"}),
        "N/A is left to zeros-explained",
    ),
    Case(
        "values-valid",
        Outcome.FAIL,
        complete_facts(
            scope3_detail=[Scope3Category(number=6, name="t", as_written="t", current=-1)]
        ),
        "negative category",
    ),
    Case("values-valid", Outcome.NOT_APPLICABLE, NO_FIGURES, "no figures"),
    Case("totals-add-up", Outcome.PASS, FULL, "exact"),
    Case(
        "totals-add-up",
        Outcome.PASS,
        with_period(FULL, "baseline", total=1009),
        "9 t off, within 1% (10.09 t)",
    ),
    Case(
        "totals-add-up",
        Outcome.PARTIAL,
        with_period(FULL, "baseline", total=1040),
        "3.8% off",
    ),
    Case("totals-add-up", Outcome.FAIL, with_period(FULL, "baseline", total=1200), "16.7% off"),
    Case(
        "totals-add-up",
        Outcome.PASS,
        with_period(FULL, "baseline", scope1=0.3, scope2=0.3, scope3=0.35, total=1.0),
        "0.05 t off, within the 0.1 t minimum",
    ),
    Case(
        "totals-add-up",
        Outcome.PARTIAL,
        with_period(FULL, "baseline", total=1000.5),
        "no tolerance set",
        settings=buyer(totals_tolerance_percent=0, totals_tolerance_min_tonnes=0),
    ),
    Case(
        "totals-add-up",
        Outcome.PASS,
        with_period(FULL, "baseline", scope2_market=200, scope2_location=250, scope2_basis="both"),
        "market-based used",
    ),
    Case(
        "totals-add-up",
        Outcome.PASS,
        with_period(
            FULL,
            "baseline",
            scope2_market=200,
            scope2_location=250,
            scope2_basis="both",
            total=1050,
        ),
        "total built on location-based",
    ),
    Case(
        "totals-add-up",
        Outcome.NOT_APPLICABLE,
        with_period(with_period(FULL, "baseline", total=None), "current", total=None),
        "no totals",
    ),
    Case("scope2-basis", Outcome.PASS, FULL, "market"),
    Case(
        "scope2-basis",
        Outcome.PASS,
        with_period(
            with_period(FULL, "baseline", scope2_basis="both"), "current", scope2_basis="both"
        ),
        "both",
    ),
    Case(
        "scope2-basis", Outcome.PARTIAL, with_period(FULL, "current", scope2_basis=None), "unsaid"
    ),
    Case("scope2-basis", Outcome.NOT_APPLICABLE, NO_FIGURES, "no scope 2"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_outcome(case: Case) -> None:
    check_case(case)


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("tCO2e", "tco2e"),
        ("tCO₂e", "tco2e"),
        ("t CO2-e", "tco2e"),
        ("tonnes CO2e", "tco2e"),
        ("Tonnes of CO2 equivalent", "tco2e"),
        ("kgCO2e", "kgco2e"),
        ("kg CO2e", "kgco2e"),
        ("tCO2", "co2_only"),
        ("kWh", "energy"),
        ("MWh", "energy"),
        ("litres", "energy"),
        ("MtCO2e", "unknown"),
        ("tonnes", "unknown"),
    ],
)
def test_unit_kind(unit: str, kind: str) -> None:
    assert unit_kind(unit) == kind


def test_totals_message_names_the_period_and_the_gap() -> None:
    message = run("totals-add-up", with_period(FULL, "baseline", total=1200)).message
    assert "The baseline (2019)" in message
    assert "1,200 tCO2e" in message
    assert "200 tCO2e apart" in message
    assert "16.7%" in message  # 200 / 1200


def test_totals_message_says_location_based_was_used() -> None:
    facts = with_period(
        FULL, "baseline", scope2_market=200, scope2_location=250, scope2_basis="both", total=1050
    )
    assert "location-based" in run("totals-add-up", facts).message


def test_units_message_keeps_the_unit_as_written() -> None:
    assert "tCO2e" in run("units-co2e", FULL).message


def test_values_valid_quotes_the_text_found() -> None:
    facts = with_period(FULL, "current", scope2=None, not_numeric={"scope2": "not yet available"})
    assert "Scope 2 reads 'not yet available'" in run("values-valid", facts).message
