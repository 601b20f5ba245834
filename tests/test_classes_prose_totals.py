"""A period's total stated outside its table (synthetic-g ug17): a summary box or a sentence
comparing the years gives it; the scopes, where known, must add up to it."""

from __future__ import annotations

import pytest
from documents import facts_of

_TABLE = (
    "Source | This year | Baseline year |\nScope 1 subtotal | 183.9 | 229.3 |\n"
    "Scope 2 - electricity | 14.6 | 19.8 |\nScope 3 subtotal | 136.7 | 152.9 |\n"
)
_PERIODS = (
    "This year (1 July 2025 to 30 June 2026) our emissions, compared with our baseline year "
    "(1 July 2021 to 30 June 2022), were:\n"
)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Summary\nThis year: 335.2 tCO2e\nBaseline year: 402.0 tCO2e\n", ""),
        (
            "",
            "This year we emitted 335.2 tCO2e in total, against 402.0 tCO2e in our baseline"
            " year.\n",
        ),
        ("", "Current year - 335.2 tCO2e\nBase year - 402.0 tonnes CO2e\n"),
        (
            "",
            "This year we emitted 335.2 tCO2e in total, down from 402.0 tCO2e in the baseline "
            "year.\n",
        ),
    ],
)
def test_a_total_stated_outside_the_table_is_the_periods(before: str, after: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{before}{_PERIODS}{_TABLE}{after}")
    assert (facts.current.total, facts.baseline.total) == (335.2, 402.0)
    assert facts.current.label == "1 July 2025 to 30 June 2026"
    assert facts.evidence["current.total"]


@pytest.mark.parametrize(
    "after",
    [
        "This year: 250.0 tCO2e\n",  # not the sum of this year's scopes: no total
        "Baseline year: 2021/22\n",  # a period, not a figure
        "This year we emitted 335.2 kgCO2e in total, against 402.0 kgCO2e in our baseline year.\n",
    ],
)
def test_no_total_is_taken_that_does_not_fit(after: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{_PERIODS}{_TABLE}{after}")
    assert facts.current.total is None


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2025 we emitted 412.6 tCO2e in total, 16.8% less than in our baseline year.",
        "In 2025 our emissions came to 412.6 tonnes CO2e in total.",
    ],
)
def test_a_total_dated_by_its_year_in_a_sentence(sentence: str) -> None:
    """synthetic-g ug08: each period's table gives the scopes, a sentence under it the total."""
    facts = facts_of(
        "Carbon Reduction Plan\nReporting period: 1 Jan – 31 Dec 2025\nScope tCO2e\n"
        "Scope 1 - fuel 158.3\nScope 2 - electricity 61.2\nScope 3 - five categories 193.1\n"
        f"{sentence}\nBaseline period: 1 Jan – 31 Dec 2020\nScope tCO2e\nScope 1 - fuel 191.7\n"
        "Scope 2 - electricity 88.4\nScope 3 - five categories (see below) 215.8\n"
        "Scope 3 by category (tCO2e, 2025 then 2020)\n"
        "• Cat 4 upstream transport: 48.6 (2025); 57.2 (2020)\n"
        "• Cat 6 business travel: 9.3 (2025); 12.6 (2020)\n"
    )
    assert facts.current.total == 412.6
    assert facts.baseline.scope3 == 215.8  # the breakdown under it is not added to it
    assert facts.baseline.total is None


def test_a_total_broken_down_by_scope_in_brackets_is_the_total() -> None:
    """Precision: "our total emissions were 412.6 tCO2e (Scope 1: 158.3 tCO2e; ...)" had
    filed the total as Scope 1."""
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019/20\nIn the year to 31 March 2025 our total "
        "emissions were 412.6 tCO2e (Scope 1: 158.3 tCO2e; Scope 2: 61.2 tCO2e; Scope 3: 193.1 "
        "tCO2e).\n"
    )
    assert (facts.current.scope1, facts.current.total) == (158.3, 412.6)


@pytest.mark.parametrize(
    "field",
    ["Total emissions for FY2024/25: 412.6 tCO2e", "Total footprint in 2024/25 - 412.6 tCO2e"],
)
def test_a_total_field_naming_its_period_above_the_scopes(field: str) -> None:
    facts = facts_of(
        f"Carbon Reduction Plan\nBaseline year: 2019/20\nReporting year: FY2024/25\n{field}\n"
        "Scope 1: 158.3 tCO2e\nScope 2: 61.2 tCO2e\nScope 3: 193.1 tCO2e\n"
    )
    assert facts.current.total == 412.6


def test_a_total_field_that_its_scopes_do_not_confirm_is_not_taken() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2019/20\nReporting year: FY2024/25\n"
        "Total emissions for FY2024/25: 999.9 tCO2e\n"
        "Scope 1: 158.3 tCO2e\nScope 2: 61.2 tCO2e\nScope 3: 193.1 tCO2e\n"
    )
    assert facts.current.total is None
