"""A table's total row written many ways (round 3 of issue 11): a label that lists every scope
("Total Scope 1, 2 & 3", "Scope 1, 2 and 3 total", "Total (Scope 1+2+3)") or says so in words
("All scopes", "Combined total", "Gross emissions") is the plan's total; one that lists only
some scopes ("Total Scope 1 and 2", "Total Scope 1 & 3") is neither a scope nor the total."""

from __future__ import annotations

import pytest
from documents import facts_of

from crp_checker.extract.rows import classify

PLAN = "Carbon Reduction Plan\nAcme Ltd is committed to net zero by 2040.\nBaseline year: 2021\n"
PLAN += "Reporting year: 2025\n"


@pytest.mark.parametrize(
    "label",
    [
        "Total Scope 1, 2 & 3",
        "Total (Scopes 1-3)",
        "Total (Scope 1+2+3)",
        "Total Scopes 1, 2 and 3",
        "Scope 1, 2 and 3 total",
        "All scopes",
        "Sum of all scopes",
        "Combined total",
        "Gross emissions",
    ],
)
@pytest.mark.parametrize("pipes", [False, True])
def test_a_total_row_that_names_every_scope(label: str, pipes: bool) -> None:
    rows = [
        ["Emissions (tCO2e)", "2021", "2025"],
        ["Scope 1", "40.0", "30.0"],
        ["Scope 2", "20.0", "10.0"],
        ["Scope 3", "60.0", "50.0"],
        [label, "120.0", "90.0"],
    ]
    sep = " | " if pipes else "   "
    facts = facts_of(PLAN + "\n".join(sep.join(row) for row in rows))
    assert (facts.baseline.total, facts.current.total) == (120.0, 90.0)
    assert (facts.baseline.scope3, facts.current.scope3) == (60.0, 50.0)


@pytest.mark.parametrize(
    "label", ["Total Scope 1 and 2", "Total Scope 1 & 2 emissions", "Total Scope 1 & 3"]
)
def test_a_total_of_some_scopes_is_neither_a_scope_nor_the_total(label: str) -> None:
    row = classify(f"{label} 30.0")
    assert row.kind == "none"


@pytest.mark.parametrize(
    ("label", "scope"), [("Total Scope 1", 1), ("Subtotal Scope 2", 2), ("Total for Scope 3", 3)]
)
def test_a_total_of_one_scope_is_that_scope(label: str, scope: int) -> None:
    row = classify(f"{label} 12.0")
    assert (row.kind, row.scope, row.subtotal) == ("scope", scope, True)


@pytest.mark.parametrize(
    "sentence",
    [
        "In total we emitted 120.0 tCO2e.",
        "Together these come to 120.0 tCO2e.",
        "Scopes 1, 2 and 3 add up to 120.0 tCO2e.",
        "The total of all three scopes is 120.0 tCO2e.",
        "Overall, our carbon footprint was 120.0 tonnes CO2e.",
    ],
)
def test_a_total_sentence_just_below_a_periods_table_completes_it(sentence: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nAcme Ltd is committed to net zero by 2040.\nBaseline emissions\n"
        "Baseline year: 2021\nScope 1: 40.0 tCO2e\nScope 2: 20.0 tCO2e\nScope 3: 60.0 tCO2e\n"
        f"{sentence}\n\nCurrent emissions\nReporting year: 2025\nScope 1: 30.0 tCO2e\n"
        "Scope 2: 10.0 tCO2e\nScope 3: 50.0 tCO2e\nTotal: 90.0 tCO2e\n"
    )
    assert (facts.baseline.total, facts.current.total) == (120.0, 90.0)


@pytest.mark.parametrize(
    "sentence",
    [
        "We aim to reduce this to 100.0 tCO2e by 2030.",
        "In 2025 we emitted 95.0 tCO2e in total.",
    ],
)
def test_a_sentence_below_the_table_about_a_target_or_another_year_does_not_complete_it(
    sentence: str,
) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline emissions\nBaseline year: 2021\nScope 1: 40.0 tCO2e\n"
        f"Scope 2: 20.0 tCO2e\nScope 3: 60.0 tCO2e\n{sentence}\nReporting year: 2025\n"
    )
    assert facts.baseline.total is None


@pytest.mark.parametrize("label", ["Total", "Total emissions", "Grand total"])
@pytest.mark.parametrize("prefix", ["", "of which ", "including "])
def test_a_total_row_first_under_the_column_header(label: str, prefix: str) -> None:
    rows = [
        ["tCO2e", "2021 (baseline)", "2025"],
        [label, "1,963.8", "1,737.1"],
        [f"{prefix}Scope 1", "284.7", "251.2"],
        [f"{prefix}Scope 2", "166.3", "97.5"],
        [f"{prefix}Scope 3", "1,512.8", "1,388.4"],
    ]
    facts = facts_of(PLAN + "\n".join("   ".join(row) for row in rows))
    assert (facts.baseline.total, facts.current.total) == (1963.8, 1737.1)
    assert (facts.baseline.scope1, facts.current.scope3) == (284.7, 1388.4)


@pytest.mark.parametrize(
    "above",
    [
        "Our group's emissions were reported last year.",  # no column header above the total
        "Emissions 2021 2025 were 4.5 and 3.2 at the parent.",  # figures, not a header
    ],
)
def test_a_total_row_not_under_a_column_header_is_not_taken(above: str) -> None:
    rows = [
        [above],
        ["Total", "500.0", "450.0"],
        ["Scope 1", "40.0", "30.0"],
        ["Scope 2", "20.0", "10.0"],
        ["Scope 3", "60.0", "50.0"],
    ]
    facts = facts_of(PLAN + "\n".join("   ".join(row) for row in rows))
    assert facts.baseline.total is None
