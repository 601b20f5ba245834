"""Worked examples for the emissions data rules: units, values, sums, Scope 3, zeros, changes."""

from __future__ import annotations

import pytest
from rule_cases import Case, buyer, check_case, complete_facts, run, with_period

from crp_checker.rules.figures import unit_kind
from crp_checker.schemas import Facts, Outcome, Period, Scope3Category

FULL = complete_facts()
NO_FIGURES = complete_facts(
    baseline=Period(label="2019"), current=Period(label="2024"), scope3_detail=[]
)


def categories(**kinds: str) -> list[Scope3Category]:
    """Scope 3 detail from a compact spec: c4="value", c5="named", c6="excluded", ..."""
    made = []
    for key, kind in kinds.items():
        number = int(key[1:])
        common = {"number": number, "name": f"cat {number}", "as_written": f"cat {number}"}
        if kind == "value":
            made.append(Scope3Category(**common, baseline=10, current=8))
        elif kind == "current-only":
            made.append(Scope3Category(**common, current=8))
        elif kind == "zero":
            made.append(Scope3Category(**common, baseline=0, current=0))
        elif kind == "excluded":
            made.append(Scope3Category(**common, excluded=True, reason="no deliveries"))
        elif kind == "excluded-no-reason":
            made.append(Scope3Category(**common, excluded=True))
        else:
            made.append(Scope3Category(**common))
    return made


def with_categories(**kinds: str) -> Facts:
    return complete_facts(scope3_detail=categories(**kinds))


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
    Case("scope3-reported", Outcome.PASS, FULL, "value with sources"),
    Case(
        "scope3-reported",
        Outcome.PARTIAL,
        complete_facts(scope3_detail=[], scope3_categories=[]),
        "no sources",
    ),
    Case(
        "scope3-reported",
        Outcome.PARTIAL,
        with_period(FULL, "current", scope3=0, explanations={"scope3": "sole trader"}),
        "zero with reason",
    ),
    Case("scope3-reported", Outcome.FAIL, with_period(FULL, "current", scope3=0), "bare zero"),
    Case(
        "scope3-reported",
        Outcome.FAIL,
        with_period(FULL, "current", scope3=None, not_numeric={"scope3": "N/A"}),
        "bare N/A",
    ),
    Case(
        "scope3-reported",
        Outcome.FAIL,
        with_period(with_period(FULL, "current", scope3=None), "baseline", scope3=None),
        "absent",
    ),
    Case("scope3-categories", Outcome.PASS, FULL, "all five with values"),
    Case(
        "scope3-categories",
        Outcome.PASS,
        with_categories(c4="value", c5="value", c6="value", c7="value", c9="excluded"),
        "one ruled out with a reason",
    ),
    Case(
        "scope3-categories",
        Outcome.PARTIAL,
        with_categories(c4="value", c5="value", c6="value", c7="value"),
        "four",
    ),
    Case(
        "scope3-categories",
        Outcome.PARTIAL,
        with_categories(c4="value", c6="value", c7="value"),
        "three",
    ),
    Case(
        "scope3-categories",
        Outcome.FAIL,
        with_categories(c6="value", c7="value"),
        "two",
    ),
    Case(
        "scope3-categories",
        Outcome.FAIL,
        with_categories(c4="excluded-no-reason", c5="excluded-no-reason", c6="value", c7="value"),
        "ruled out without reasons",
    ),
    Case(
        "scope3-categories",
        Outcome.PARTIAL,
        with_categories(c4="named", c5="named", c6="named", c7="named", c9="named"),
        "all named inside one total",
    ),
    Case(
        "scope3-categories",
        Outcome.PASS,
        with_categories(c6="value", c7="value"),
        "buyer requires only 6 and 7",
        settings=buyer(required_scope3_categories=[6, 7]),
    ),
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
        Outcome.PARTIAL,
        with_categories(c4="value", c5="zero", c6="value", c7="value", c9="value"),
        "category zero without reason",
    ),
    Case("zeros-explained", Outcome.NOT_APPLICABLE, NO_FIGURES, "no figures"),
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
    Case("change-explained", Outcome.PASS, FULL, "30% fall"),
    Case(
        "change-explained",
        Outcome.PASS,
        with_period(FULL, "current", total=500),
        "exactly 50%",
    ),
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


def test_missing_categories_are_named_with_number_and_name() -> None:
    finding = run("scope3-categories", with_categories(c6="value", c7="value"))
    assert "2 of the 5" in finding.message
    assert "4 (upstream transportation and distribution)" in finding.message
    assert "5 (waste generated in operations)" in finding.message
    assert "9 (downstream transportation and distribution)" in finding.message
    assert "6 (business travel)" not in finding.message


def test_units_message_keeps_the_unit_as_written() -> None:
    assert "tCO2e" in run("units-co2e", FULL).message


def test_values_valid_quotes_the_text_found() -> None:
    facts = with_period(FULL, "current", scope2=None, not_numeric={"scope2": "not yet available"})
    assert "Scope 2 reads 'not yet available'" in run("values-valid", facts).message


def test_change_message_gives_both_totals_and_the_change() -> None:
    message = run("change-explained", with_period(FULL, "current", total=400)).message
    assert "1,000 tCO2e to 400 tCO2e (60%)" in message


def test_scope3_falls_back_to_the_baseline_when_no_current_figure() -> None:
    finding = run("scope3-reported", with_period(FULL, "current", scope3=None))
    assert finding.outcome is Outcome.PASS
    assert "baseline (2019) is 700 tCO2e" in finding.message
