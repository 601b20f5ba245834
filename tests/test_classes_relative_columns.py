"""Columns headed by their role, not a year ("This year | Last year | Baseline"), issue 11
round 4. synthetic-g ug01, ug07, ug16 and synthetic-h uh02 put the current year first; read
by position, every figure was filed under the other period."""

from __future__ import annotations

import pytest
from documents import facts_of

_ROWS_3 = (
    "Scope 1 | 182.2 | 214.4 | 246.3 |\nScope 2 | 33.5 | 41.7 | 58.9 |\n"
    "Scope 3 | 181.0 | 192.0 | 207.9 |\nTotal | 396.7 | 448.1 | 513.1 |\n"
)


@pytest.mark.parametrize(
    "header",
    [
        "Emissions (tCO2e) | This year | Last year | Baseline |",
        "tCO2e | Current year | Previous year | Base year |",
        "Scope | Latest year | Prior year | Baseline year |",
    ],
)
def test_role_words_place_each_column(header: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{header}\n{_ROWS_3}")
    assert (facts.current.scope1, facts.current.total) == (182.2, 396.7)
    assert (facts.baseline.scope1, facts.baseline.total) == (246.3, 513.1)


def test_a_key_under_the_table_gives_each_column_its_period() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nEmissions (tCO2e) This year Last year Baseline\n"
        "Scope 1 subtotal 182.2 214.4 246.3\nScope 2 33.5 41.7 58.9\nScope 3 181.0 192.0 207.9\n"
        "Total 396.7 448.1 513.1\n"
        "This year: 1 April 2025 to 31 March 2026. Last year: 1 April 2024 to 31 March 2025. "
        "Baseline: 1 April 2019 to 31 March 2020.\n"
    )
    assert facts.current.label == "1 April 2025 to 31 March 2026"
    assert facts.baseline.label == "1 April 2019 to 31 March 2020"
    assert facts.current.scope1 == 182.2


def test_a_caption_with_each_role_in_brackets_gives_the_periods() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nScope Current Baseline\nScope 1 176.3 211.6\nScope 2 24.8 37.4\n"
        "Scope 3 - see Table 2 76.3 88.8\nScopes 1-3 277.4 337.8\n"
        "Table 1. Emissions in tonnes CO2e for the 12 months to 30 June 2025 (current) and the "
        "12 months to 30 June 2019 (baseline).\n"
    )
    assert facts.current.label == "12 months to 30 June 2025"
    assert facts.baseline.label == "12 months to 30 June 2019"
    assert (facts.current.scope3, facts.baseline.scope3) == (76.3, 88.8)  # "Table 2" no figure


def test_periods_in_a_sentence_above_do_not_map_the_columns_by_order() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nThe figures below cover the 12 months to 30 June 2025, compared "
        "with our baseline, the 12 months to 30 June 2020.\nScope | Baseline | Current |\n"
        "Scope 1 | 38.6 | 31.2 |\nScope 2 | 14.2 | 9.7 |\nScope 3 | 217.9 | 192.4 |\n"
        "Grand total | 270.7 | 233.3 |\n"
    )
    assert (facts.baseline.scope1, facts.current.scope1) == (38.6, 31.2)


def test_a_wrapped_header_of_role_words_is_read_whole() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nThis plan reports on our latest financial year, the twelve "
        "months from 1 July 2024 to 30 June 2025, and compares it with our first full year of "
        "trading, 1 July 2019 to 30 June 2020, which is our baseline.\nOur footprint\n"
        "Tonnes of carbon dioxide equivalent (tCO2e).\nFirst full\nyear\nLatest\nyear\n"
        "Scope 1 182.6 151.9\nScope 2 96.3 71.5\nScope 3 158.2 137.9\nAll scopes 437.1 361.3\n"
    )
    assert (facts.baseline.scope1, facts.current.scope1) == (182.6, 151.9)
    assert facts.current.label == "1 July 2024 to 30 June 2025"


def test_years_in_the_header_still_map_the_columns() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nScope | Baseline 2019 | Current 2025 |\nScope 1 | 40.0 | 30.0 |\n"
    )
    assert (facts.baseline.scope1, facts.current.scope1) == (40.0, 30.0)


def test_last_years_column_is_no_baseline() -> None:
    """Precision: "This year | Last year" has no baseline column; none is guessed."""
    facts = facts_of(
        "Carbon Reduction Plan\nOur baseline year is 2019.\nScope | This year | Last year |\n"
        "Scope 1 | 40.0 | 45.0 |\nScope 2 | 20.0 | 22.0 |\n"
    )
    assert facts.current.scope1 == 40.0
    assert facts.baseline.scope1 is None
