"""Units written unusually, round 2 (synthetic-n): the gas before its mass in brackets ('CO2e
(t)'), the unit in a sentence under the table ('All figures are tonnes of CO2e.'), and an
energy column (MWh) beside the tCO2e column. Each failed units-co2e or left every scope
unread in a compliant plan."""

from __future__ import annotations

import pytest
from documents import facts_of
from rule_cases import run

from crp_checker.schemas import Outcome

_PERIODS = (
    "Carbon Reduction Plan\nBaseline year: 1 April 2020 to 31 March 2021\n"
    "Reporting year: 1 April 2024 to 31 March 2025\n"
)


def _two_tables(head: str, note: str = "") -> str:
    return (
        f"Carbon Reduction Plan\nBaseline Emissions Footprint\n"
        f"Baseline year: 1 April 2020 to 31 March 2021\n{head}\n"
        "Scope 1 | 12.4 |\nScope 2 | 30.1 |\nScope 3 | 88.0 |\nTotal | 130.5 |\n"
        f"{note}\nCurrent Emissions Reporting\nReporting year: 1 April 2024 to 31 March 2025\n"
        f"{head}\nScope 1 | 10.2 |\nScope 2 | 21.7 |\nScope 3 | 70.3 |\nTotal | 102.2 |\n"
    )


@pytest.mark.parametrize(
    "head",
    [
        "| Scope | CO2e (t) |",
        "| Scope | CO2e (tonnes) |",
        "| Emission source | CO₂e (t) |",
        "| Scope | Carbon dioxide equivalent (tonnes) |",
        "| Scope | CO2e ( t ) |",
    ],
)
def test_the_gas_before_its_mass_in_brackets_is_tonnes_co2e(head: str) -> None:
    facts = facts_of(_two_tables(head))
    assert facts.baseline.total == 130.5 and facts.current.total == 102.2
    assert run("units-co2e", facts).outcome == Outcome.PASS


def test_kilograms_in_brackets_are_converted() -> None:
    facts = facts_of(_two_tables("| Scope | CO2e (kg) |"))
    assert facts.current.total == pytest.approx(0.1022)
    assert facts.current.converted_from_kg


def test_co2_in_brackets_without_the_e_is_not_co2e() -> None:
    facts = facts_of(_two_tables("| Scope | CO2 (t) |"))
    assert run("units-co2e", facts).outcome != Outcome.PASS


@pytest.mark.parametrize(
    "note",
    [
        "All figures are tonnes of CO2e.",
        "All figures are tCO2e.",
        "All values are tonnes CO2e, rounded to one decimal place.",
        "The figures above are tonnes of carbon dioxide equivalent.",
        "These figures are tCO2e throughout.",
    ],
)
def test_a_sentence_under_the_first_table_gives_both_tables_their_unit(note: str) -> None:
    facts = facts_of(_two_tables("| Scope | Amount |", note))
    assert facts.baseline.unit is not None and facts.current.unit is not None
    assert run("units-co2e", facts).outcome == Outcome.PASS


@pytest.mark.parametrize(
    "note",
    [
        "All figures are rounded to one decimal place.",
        "Our emissions are falling every year.",
        "The figures are estimates where bills were missing.",
    ],
)
def test_a_sentence_naming_no_unit_gives_none(note: str) -> None:
    facts = facts_of(_two_tables("| Scope | Amount |", note))
    assert facts.baseline.unit is None
    assert run("units-co2e", facts).outcome != Outcome.PASS


def _energy_tables(
    head: str, rows: list[tuple[str, str, str]], later: list[tuple[str, str, str]]
) -> str:
    def table(data: list[tuple[str, str, str]]) -> str:
        return "".join(f"{label} | {a} | {b} |\n" for label, a, b in data)

    return (
        f"{_PERIODS}Baseline Emissions Footprint\nBaseline year emissions\n{head}\n{table(rows)}"
        f"Current Emissions Reporting\nReporting year emissions\n{head}\n{table(later)}"
    )


_BASE = [
    ("Scope 1", "6,804.0", "1,244.6"),
    ("Scope 2", "1,865.3", "386.2"),
    ("Scope 3", "-", "274.4"),
    ("Total", "8,669.3", "1,905.2"),
]
_NOW = [
    ("Scope 1", "5,566.5", "1,018.3"),
    ("Scope 2", "1,257.4", "242.9"),
    ("Scope 3", "n/a", "247.0"),
    ("Total", "6,823.9", "1,508.2"),
]


@pytest.mark.parametrize(
    "head",
    [
        "| Scope | Energy used (MWh) | Emissions (tCO2e) |",
        "| Scope | Consumption (kWh) | tCO2e |",
        "| Source | Energy, MWh | Carbon, tonnes CO2e |",
    ],
)
def test_an_energy_column_beside_the_emissions_is_set_aside(head: str) -> None:
    facts = facts_of(_energy_tables(head, _BASE, _NOW))
    assert (facts.baseline.scope1, facts.baseline.scope3, facts.baseline.total) == (
        1244.6,
        274.4,
        1905.2,
    )
    assert (facts.current.scope1, facts.current.scope2, facts.current.total) == (
        1018.3,
        242.9,
        1508.2,
    )
    assert run("units-co2e", facts).outcome == Outcome.PASS


def test_the_emissions_column_first_and_energy_after() -> None:
    swapped = [(label, b, a) for label, a, b in _BASE]
    later = [(label, b, a) for label, a, b in _NOW]
    facts = facts_of(_energy_tables("| Scope | tCO2e | MWh |", swapped, later))
    assert facts.baseline.total == 1905.2 and facts.current.total == 1508.2


@pytest.mark.parametrize(
    "head",
    [
        "| Scope | Energy used (MWh) | Energy used (kWh) |",  # energy only: no emissions table
        "| Scope | Energy used (MWh) | Cost (£) |",  # one unit for two columns
    ],
)
def test_energy_figures_are_never_read_as_emissions(head: str) -> None:
    facts = facts_of(_energy_tables(head, _BASE, _NOW))
    read = {facts.baseline.scope1, facts.baseline.total, facts.current.scope1, facts.current.total}
    assert not read & {6804.0, 8669.3, 5566.5, 6823.9, 1244.6, 1018.3}


def test_an_energy_column_in_a_pdf_layout_without_cell_borders() -> None:
    head = "Scope Energy used (MWh) Emissions (tCO2e)"
    base = "Scope 1 6,804.0 1,244.6\nScope 2 1,865.3 386.2\nScope 3 - 274.4\nTotal 8,669.3 1,905.2"
    now = "Scope 1 5,566.5 1,018.3\nScope 2 1,257.4 242.9\nScope 3 - 247.0\nTotal 6,823.9 1,508.2"
    facts = facts_of(
        f"{_PERIODS}Baseline Emissions Footprint\nBaseline year emissions\n{head}\n{base}\n"
        f"Current Emissions Reporting\nReporting year emissions\n{head}\n{now}\n"
    )
    assert (facts.baseline.scope1, facts.baseline.total) == (1244.6, 1905.2)
    assert (facts.current.scope3, facts.current.total) == (247.0, 1508.2)
