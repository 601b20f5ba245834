"""A line that lists several scopes each with its figure is a sentence, read with its period;
a period label on the next line (run into the same sentence for want of a full stop) names the
next figures, never the ones before it."""

from __future__ import annotations

import pytest
from documents import facts_of

_ONE_PERIOD = [
    "Reporting year: 2025\nEmissions in 2025: Scope 1 5.0 tCO2e, Scope 2 2.0 tCO2e, Scope 3 14.0 "
    "tCO2e.",
    "Reporting year: 2025\nScope 1: 5.0 tCO2e; Scope 2: 2.0 tCO2e; Scope 3: 14.0 tCO2e",
    "Reporting year: 2025\nOur footprint was Scope 1 5.0 t CO2e, Scope 2 2.0 t CO2e and Scope 3 "
    "14.0 t CO2e.",
    "Reporting year: 2025\nIn 2025 we emitted 5.0 tCO2e in Scope 1, 2.0 tCO2e in Scope 2 and "
    "14.0 tCO2e in Scope 3.",
]


@pytest.mark.parametrize("body", _ONE_PERIOD)
def test_every_scope_of_a_listing_line_is_read(body: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\nGranby Events Ltd\n{body}\n")
    assert (facts.current.scope1, facts.current.scope2, facts.current.scope3) == (5.0, 2.0, 14.0)
    assert facts.current.end_year == 2025


_TWO_PERIODS = [
    "Baseline year: 2019\nScope 1: 9.0 tCO2e; Scope 2: 4.0 tCO2e; Scope 3: 20.0 tCO2e\n"
    "Reporting year: 2025\nScope 1: 5.0 tCO2e; Scope 2: 2.0 tCO2e; Scope 3: 14.0 tCO2e",
    "Baseline year: 2019\n\nScope 1 9.0 tCO2e, Scope 2 4.0 tCO2e, Scope 3 20.0 tCO2e\n\n"
    "Reporting year: 2025\n\nScope 1 5.0 tCO2e, Scope 2 2.0 tCO2e, Scope 3 14.0 tCO2e",
    "Our baseline year is 2019\nScope 1 9.0 tCO2e, Scope 2 4.0 tCO2e and Scope 3 20.0 tCO2e\n"
    "Our current reporting year is 2025\nScope 1 5.0 tCO2e, Scope 2 2.0 tCO2e and Scope 3 14.0 "
    "tCO2e",
    "Baseline year: 2019\nBaseline emissions: Scope 1 9.0 tCO2e, Scope 2 4.0 tCO2e, Scope 3 20.0 "
    "tCO2e.\nReporting year: 2025\nCurrent emissions: Scope 1 5.0 tCO2e, Scope 2 2.0 tCO2e, "
    "Scope 3 14.0 tCO2e.",
]


@pytest.mark.parametrize("body", _TWO_PERIODS)
def test_a_period_label_on_a_later_line_names_only_the_figures_after_it(body: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\nGranby Events Ltd\n{body}\n")
    assert (facts.baseline.end_year, facts.current.end_year) == (2019, 2025)
    assert (facts.baseline.scope1, facts.baseline.scope3) == (9.0, 20.0)
    assert (facts.current.scope1, facts.current.scope3) == (5.0, 14.0)


def test_a_table_row_with_one_scope_is_still_a_row() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nGranby Events Ltd\nReporting year: 2025\n"
        "Scope 1 5.0\nScope 2 2.0\nScope 3 14.0\nTotal 21.0\n"
    )
    assert (facts.current.scope1, facts.current.total) == (5.0, 21.0)
    assert "current.table" in facts.evidence


def test_a_row_for_two_scopes_together_is_not_a_list_of_scopes() -> None:
    from crp_checker.extract.tables import _lists_scopes

    assert not _lists_scopes("Scope 1 and Scope 2 emissions: 15.0 tCO2e")
    assert not _lists_scopes("Scope 1 & 2: 15.0")
    assert _lists_scopes("Scope 1 5.0 tCO2e, Scope 2 2.0 tCO2e")
