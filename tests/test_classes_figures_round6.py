"""Figure layouts of issue 11, round 4: classes found in the tuning corpora, each with several
wordings of our own."""

from __future__ import annotations

import pytest
from documents import facts_of

from crp_checker.extract.rows import classify


@pytest.mark.parametrize(
    ("line", "values"),
    [
        ("Scope 1 | 88.9 71.3", [88.9, 71.3]),  # synthetic-e ue10, a scan
        ("Total | 402.9 357.6", [402.9, 357.6]),
        ("Business travel | 12.5 10.1 8.0", [12.5, 10.1, 8.0]),
        ("Scope 2 (location-based) | 1,204.5 998.0", [1204.5, 998.0]),
    ],
)
def test_one_ocr_bar_after_the_label_leaves_every_figure_in_its_column(
    line: str, values: list[float]
) -> None:
    assert classify(line).values == values


@pytest.mark.parametrize(
    ("line", "values"),
    [
        ("Scope 1 | 88.9", [88.9]),  # a two-column row
        ("Scope 1 | 2022 2025", []),  # years, a header
        ("Scope 1 | 88.9 | 71.3", [88.9, 71.3]),
    ],
)
def test_rows_with_their_own_cells_are_unchanged(line: str, values: list[float]) -> None:
    assert classify(line).values == values


def test_an_ocr_table_with_one_bar_reads_the_current_scope1() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2022. Current reporting year: 2025.\n"
        "Emissions (tCO2e) Baseline 2022 Current 2025\nScope 1 | 88.9 71.3\n\n"
        "Scope 2 12.6 9.8\n\nScope 3 301.4 276.5\n\nTotal 402.9 357.6\n"
    )
    assert (facts.baseline.scope1, facts.current.scope1) == (88.9, 71.3)
    assert (facts.baseline.total, facts.current.total) == (402.9, 357.6)


_SECR_ROWS = (
    "Scope 1 emissions (tCO2e): gas and company vehicles | 1,284.6 | 1,352.9 |\n"
    "Scope 2 emissions (tCO2e), location-based | 642.1 | 701.5 |\n"
)


@pytest.mark.parametrize(
    "energy",
    [
        "Energy consumption (kWh) | 7,412,380 | 7,866,905 |\n",
        "Total energy use, kWh | 2,310,004 | 2,402,118 |\n",
        "Gas and electricity (MWh) | 741.2 | 786.6 |\n",
    ],
)
def test_an_energy_row_above_the_scopes_leaves_the_table_in_tco2e(energy: str) -> None:
    """synthetic-e ue19, synthetic-d ud19: an SECR table whose first row is energy in kWh was
    dropped as a table of energy, so none of its figures was read."""
    facts = facts_of(
        "Directors' report for the year ended 31 December 2025\n"
        f" | Year ended 31 December 2025 | Year ended 31 December 2024 |\n{energy}{_SECR_ROWS}"
    )
    assert (facts.current.scope1, facts.current.scope2) == (1284.6, 642.1)
    assert facts.current.unit == "tCO2e"


@pytest.mark.parametrize(
    "header",
    [
        " | 2025 | 2024 |\n",
        " | Year ended 31 December 2025 | Year ended 31 December 2024 |\n",
        "Emissions | FY2024/25 | FY2023/24 |\n",
    ],
)
def test_last_years_column_is_no_baseline_where_the_plan_names_none(header: str) -> None:
    """Precision: a comparison with the previous year is not a baseline; filing it as one
    invented a baseline for a document that never states one."""
    facts = facts_of(f"Energy and carbon (SECR)\n{header}{_SECR_ROWS}")
    assert facts.current.scope1 == 1284.6
    assert facts.baseline.scope1 is None and facts.baseline.label is None


def test_the_earlier_column_is_the_baseline_where_the_plan_speaks_of_one() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nOur baseline is the first year we measured.\n"
        f" | 2025 | 2021 |\n{_SECR_ROWS}"
    )
    assert (facts.baseline.scope1, facts.current.scope1) == (1352.9, 1284.6)


@pytest.mark.parametrize(
    "label",
    [
        "Overall footprint",
        "Organisation total",
        "Carbon footprint",
        "All emissions (tCO2e)",
        "Scope 1 + 2 + 3",
        "Scopes 1, 2 & 3",
        "Combined",
        "All Total",  # synthetic-j uj05: a Scope column holding "All" before the label
    ],
)
def test_a_whole_label_naming_every_scope_is_the_total(label: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019\nCurrent reporting year: 2025\n"
        "Emissions (tCO2e) | 2019 | 2025 |\nScope 1 | 10.0 | 8.0 |\nScope 2 | 20.0 | 15.0 |\n"
        f"Scope 3 | 70.0 | 60.0 |\n{label} | 100.0 | 83.0 |\n"
    )
    assert (facts.baseline.total, facts.current.total) == (100.0, 83.0)


@pytest.mark.parametrize(
    "label", ["Net total", "Footprint per employee", "Overall, emissions fell by 12.5"]
)
def test_other_labels_are_no_total(label: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019\nCurrent reporting year: 2025\n"
        "Emissions (tCO2e) | 2019 | 2025 |\nScope 1 | 10.0 | 8.0 |\nScope 2 | 20.0 | 15.0 |\n"
        f"Scope 3 | 70.0 | 60.0 |\n{label} | 90.0 | 80.0 |\n"
    )
    assert facts.current.total != 80.0


def test_a_plan_titled_a_crp_keeps_its_earlier_column_as_the_baseline() -> None:
    facts = facts_of(f"Carbon Reduction Plan\nAcme Ltd\n | 2025 | 2021 |\n{_SECR_ROWS}")
    assert (facts.baseline.scope1, facts.current.scope1) == (1352.9, 1284.6)


def test_a_crp_mentioned_in_a_sentence_is_no_title() -> None:
    facts = facts_of(
        "Sustainability at Acme\nWe are working on a Carbon Reduction Plan that we expect to "
        f"publish in 2027.\nEnergy and carbon (SECR)\n | 2025 | 2024 |\n{_SECR_ROWS}"
    )
    assert facts.current.scope1 == 1284.6
    assert facts.baseline.scope1 is None


@pytest.mark.parametrize(
    ("line", "values"),
    [
        ("Scope 3 | 4 Upstream transportation and distribution: uniforms | 0.9 |", [0.9]),
        ("Scope 3 | 7 Employee commuting (survey) | 21.3 |", [21.3]),
        ("Scope 3 | 9 - Downstream transportation and distribution | 1.1 |", [1.1]),
    ],
)
def test_a_category_number_opening_a_source_cell_is_no_figure(
    line: str, values: list[float]
) -> None:
    """synthetic-j uj14: "Scope 3 | 4 Upstream transportation ... | 0.9 |" had two figures, so
    a one-period table grew a second column and a baseline of 4.0 was invented."""
    assert classify(line).values == values


@pytest.mark.parametrize(
    ("line", "values"),
    [
        ("Scope 1 | 38.4 | Gas at two offices |", [38.4]),  # a notes column
        ("Scope 1 | 12 | 10 |", [12.0, 10.0]),
        ("Scope 2 | 4 Tonnes CO2e | 3 |", [4.0, 3.0]),
    ],
)
def test_figures_before_notes_or_units_are_still_figures(line: str, values: list[float]) -> None:
    assert classify(line).values == values


@pytest.mark.parametrize(
    "first",
    [
        # synthetic-l l14: the scope's first source row is named by its category
        "Scope 3 | Cat 4 – kit, detergents and PPE delivered to us | 6.2 | 5.5 |",
        "Scope 3 | Category 4: upstream deliveries | 6.2 | 5.5 |",
    ],
)
def test_a_scope_3_row_named_by_its_first_category_is_that_category(first: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019. Reporting year: 2025.\n"
        "Scope | Source | 2019 | 2025 |\nScope 1 | Van and plant fuel | 27.3 | 24.1 |\n"
        "Scope 2 | Electricity at the unit | 9.6 | 3.1 |\n"
        f"{first}\n | Cat 5 – waste | 3.4 | 2.8 |\n | Cat 6 – business travel | 9.9 | 10.4 |\n"
        " | Cat 7 – commuting | 28.5 | 25.9 |\nTotal |  | 84.9 | 71.8 |\n"
    )
    assert (facts.baseline.scope3, facts.current.scope3) == (48.0, 44.6)
    found = {c.number: (c.baseline, c.current) for c in facts.scope3_detail}
    assert found[4] == (6.2, 5.5)


def test_a_scope_3_row_with_its_own_figure_beside_a_category_word_stays_the_scope() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019. Reporting year: 2025.\n"
        "Scope | Source | 2019 | 2025 |\nScope 1 | Fuel | 27.3 | 24.1 |\n"
        "Scope 2 | Electricity | 9.6 | 3.1 |\n"
        "Scope 3 | Value chain (all categories) | 48.0 | 44.6 |\n"
    )
    assert (facts.baseline.scope3, facts.current.scope3) == (48.0, 44.6)


@pytest.mark.parametrize(
    ("line", "scope"),
    [
        # synthetic-l l04: words set apart by a dash or a comma before the bracketed scope
        ("Indirect – purchased electricity (Scope 2) 58.4 40.3", 2),
        ("Electricity, offices and depot (Scope 2) 58.4 40.3", 2),
        ("Fuel - vans and boilers (Scope 1) 58.4 40.3", 1),
    ],
)
def test_a_label_with_a_dash_before_its_bracketed_scope_is_that_scopes_row(
    line: str, scope: int
) -> None:
    row = classify(line)
    assert (row.kind, row.scope, row.values) == ("scope", scope, [58.4, 40.3])
