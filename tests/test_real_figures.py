"""Figures and periods of shared plans that were misread (issue 11), each named after its plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_data import require_shared

from crp_checker.pipeline import assess
from crp_checker.schemas import Assessment, Facts

CHECK_DATE = "2026-06-01"


def _assess(relative: str) -> Assessment:
    return assess(require_shared() / Path(relative), check_date=CHECK_DATE)


def _outcome(result: Assessment, rule: str) -> str:
    return next(f.outcome for f in result.findings if f.rule == rule)


def test_lean_tree_financial_year_is_not_read_as_a_calendar_year() -> None:
    """'Baseline Year: 2024' in a plan whose baseline is 'the financial year 2024' (FY24)."""
    facts = _assess("real-crps/more/lean-tree_carbon-reduction-plan_2024.pdf").facts
    assert facts.baseline.end_year == 2024
    assert (facts.baseline.start, facts.baseline.end) == (None, None)


def test_lean_tree_march_2026_current_year_is_financial_year_2025() -> None:
    """'recalculated estimated emissions for the financial year 2025': the months are not
    stated, so how recent the data is goes to a person, not a calendar-year guess."""
    result = _assess("real-crps/more/lean-tree_carbon-reduction-plan_2026-03.pdf")
    current = result.facts.current
    assert (current.end_year, current.start, current.end) == (2025, None, None)
    assert _outcome(result, "reporting-period-recent") == "needs_review"


def test_lean_tree_may_2026_current_year_takes_the_tables_dates() -> None:
    """The corrected version labels its table 'Reporting year emissions: 1 Oct 2024 - 30
    Sept 2025'; that label, with its dates, beats the sentence's 'financial year 2025'."""
    result = _assess("real-crps/more/lean-tree_carbon-reduction-plan_2026-05.pdf")
    current = result.facts.current
    assert (current.start.isoformat(), current.end.isoformat()) == ("2024-10-01", "2025-09-30")  # type: ignore[union-attr]
    assert _outcome(result, "reporting-period-recent") == "pass"


def _figures(facts: Facts, role: str) -> tuple[float | None, ...]:
    period = getattr(facts, role)
    return (period.scope1, period.scope2, period.scope3, period.total)


@pytest.mark.parametrize(
    ("name", "baseline", "current"),
    [
        # one row per source with a Scope column and subtotals, split across a page
        ("vc02_kestrel-data-services.pdf", (24.0, 120.4, 62.8, 207.2), (14.4, 80.9, 53.8, 149.1)),
        # figures only in prose, two-column page, zero in words
        ("vc03_tidewell-translation.pdf", (0.0, 3.9, 46.2, 50.1), (0.0, 2.6, 36.9, 39.5)),
        # sources listed in one flattened cell, then 'Total Scope N: x'
        (
            "vc04_corran-civil-engineering.pdf",
            (655.0, 59.7, 563.9, 1278.6),
            (475.6, 48.2, 507.0, 1030.8),
        ),
        # the same in a Word table, 'tC02e'
        ("vc11_linthorpe-catering.docx", (136.4, 55.7, 163.5, 355.6), (117.5, 50.0, 148.4, 315.9)),
        # prose, 'tCO2' with a CO2e statement, 'Scope 1. Nil in both years.'
        ("vc17_rowan-pike-architects.md", (0.0, 6.8, 24.8, 31.6), (0.0, 5.1, 21.2, 26.3)),
        # HTML table of sources with subtotals, 'metric tons CO2e'
        ("vc25_bramley-interiors.html", (123.9, 31.6, 228.9, 384.4), (84.3, 28.7, 203.0, 316.0)),
        # first-year plan: the current year is the baseline, one value per line
        ("vc27_gorseway-transport.html", (286.5, 0.0, 34.8, 321.3), (286.5, 0.0, 34.8, 321.3)),
    ],
)
def test_varied_plan_figures(
    name: str, baseline: tuple[float, ...], current: tuple[float, ...]
) -> None:
    facts = _assess(f"varied-crps/{name}").facts
    assert _figures(facts, "baseline") == pytest.approx(baseline)
    assert _figures(facts, "current") == pytest.approx(current)


def test_worked_example_in_a_guide_gives_no_figures() -> None:
    facts = _assess("varied-crps/vc34_lapwing-carbon-guide.md").facts
    assert _figures(facts, "baseline") == (None, None, None, None)
    assert _figures(facts, "current") == (None, None, None, None)
    assert facts.baseline.end_year is None
