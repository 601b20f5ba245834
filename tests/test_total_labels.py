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
