"""Multi-year table headers (round 3 of issue 11), each in several wordings of our own: a span
of years in the caption or in a "Change" column's name ("Emissions 2020-2025", "Change %
2020 to 2025") is no column of its own; and periods that each span a location-based and a
market-based column are read from their market-based column."""

from __future__ import annotations

import pytest
from documents import facts_of

from crp_checker.extract.cells import find_values

HEAD = "Carbon Reduction Plan\nAcme Ltd is committed to net zero by 2045.\n"


@pytest.mark.parametrize(
    ("caption", "header"),
    [
        ("Emissions 2020-2025 (tonnes CO2e)",
         "Scope 2020 (baseline) 2023 2024 2025 (reporting year) Change % 2020 to 2025"),
        ("Our footprint, 2020 to 2025",
         "tCO2e 2020 2023 2024 2025 Change 2020-2025"),
        ("Emissions (tCO2e)",
         "Scope | 2020 (baseline) | 2023 | 2024 | 2025 | Reduction 2020–2025 (%)"),
    ],
)  # fmt: skip
def test_a_span_of_years_in_a_caption_or_change_column_is_no_column(
    caption: str, header: str
) -> None:
    sep = " | " if "|" in header else " "
    rows = [
        ["Scope 1", "612.4", "580.9", "566.3", "541.7", "-11.5%"],
        ["Scope 2", "38.2", "31.7", "27.5", "22.4", "-41.4%"],
        ["Scope 3", "143.5", "137.2", "131.0", "126.8", "-11.6%"],
        ["Total", "794.1", "749.8", "724.8", "690.9", "-13.0%"],
    ]
    facts = facts_of(
        HEAD + "Baseline year: 2020. Reporting year: 2025.\n" + caption + "\n" + header + "\n"
        + "\n".join(sep.join(row) for row in rows)
    )  # fmt: skip
    assert (facts.baseline.scope1, facts.baseline.total) == (612.4, 794.1)
    assert (facts.current.scope1, facts.current.total) == (541.7, 690.9)


@pytest.mark.parametrize(
    ("periods", "bases"),
    [
        ("Year ended 31 March 2023 (baseline) Year ended 31 March 2026",
         "Location-based Market-based Location-based Market-based"),
        ("2023 (baseline) 2026 (current)",
         "Location based Market based Location based Market based"),
        ("FY2022/23 FY2025/26", "Market-based Location-based Market-based Location-based"),
    ],
)  # fmt: skip
def test_periods_spanning_location_and_market_columns(periods: str, bases: str) -> None:
    market_first = bases.startswith("Market")
    rows = {
        "Scope 1": ("38.4", "38.4", "21.5", "21.5"),
        "Scope 2": ("96.2", "88.7", "81.3", "4.6"),
        "Scope 3": ("214.6", "214.6", "187.9", "187.9"),
        "Total": ("349.2", "341.7", "290.7", "214.0"),
    }
    lines = []
    for label, (loc1, mkt1, loc2, mkt2) in rows.items():
        cells = (mkt1, loc1, mkt2, loc2) if market_first else (loc1, mkt1, loc2, mkt2)
        lines.append(f"{label} " + " ".join(cells))
    facts = facts_of(
        HEAD + "Baseline year: 2023\nReporting year: 2026\nEmissions (tCO2e)\n"
        + f"{periods}\n{bases}\n" + "\n".join(lines)
    )  # fmt: skip
    assert (facts.baseline.scope2, facts.baseline.total) == (88.7, 341.7)
    assert (facts.current.scope1, facts.current.scope2, facts.current.total) == (21.5, 4.6, 214.0)


@pytest.mark.parametrize("arrow", ["→", "->"])
def test_figures_for_two_years_joined_by_an_arrow_go_to_their_own_years(arrow: str) -> None:
    rows = "\n".join(
        f"{label}   {first} {arrow} {second} tCO2e"
        for label, first, second in (
            ("Scope 1", "23.9", "19.6"),
            ("Scope 2", "17.2", "10.3"),
            ("Scope 3", "64.8", "58.1"),
            ("Total", "105.9", "88.0"),
        )
    )
    facts = facts_of(HEAD + f"Emissions (2020 {arrow} 2025)\n" + rows)
    assert (facts.baseline.end_year, facts.current.end_year) == (2020, 2025)
    assert (facts.baseline.scope1, facts.baseline.total) == (23.9, 105.9)
    assert (facts.current.scope1, facts.current.total) == (19.6, 88.0)


def test_an_arrow_between_figures_joins_them_as_columns() -> None:
    assert find_values("6.1 → 5.2 tCO2e").values == [6.1, 5.2]
    assert find_values("6.1 -> 5.2").values == [6.1, 5.2]
