"""Prose figures of issue 11, round 5: classes found in the tuning corpora (synthetic-j uj01),
each with several wordings of our own and the look-alikes that must stay unread."""

from __future__ import annotations

import pytest
from documents import facts_of

_HEAD = (
    "Carbon Reduction Plan\nBaseline year: 2019/20 (April to March). "
    "Reporting year: 2024/25 (April to March).\n\n"
)


@pytest.mark.parametrize(
    "text",
    [
        # synthetic-j uj01: the baseline figure refers back to the scope of the sentence before
        "The electricity we buy (Scope 2, location-based) accounted for 31.9 tonnes in 2024/25. "
        "In the baseline year it was 47.1 tonnes: the grid is cleaner now.",
        "Scope 2 emissions were 31.9 tCO2e in 2024/25. The figure for 2019/20 was 47.1 tCO2e.",
        "Our Scope 2 emissions came to 31.9 tCO2e in 2024/25. That compares with 47.1 tCO2e in "
        "our 2019/20 baseline.",
        "Purchased electricity (Scope 2) gave 31.9 tCO2e this year. In our baseline year this "
        "stood at 47.1 tCO2e.",
    ],
)
def test_a_figure_that_refers_back_to_the_scope_before_takes_its_own_period(text: str) -> None:
    facts = facts_of(_HEAD + text)
    assert (facts.baseline.scope2, facts.current.scope2) == (47.1, 31.9)


@pytest.mark.parametrize(
    "text",
    [
        # no period of its own: the reference cannot be filed
        "Scope 2 emissions were 31.9 tCO2e in 2024/25. It was 47.1 tCO2e.",
        # two scopes before it: which one it means is not known
        "Scope 1 was 12.0 tCO2e and Scope 2 was 31.9 tCO2e in 2024/25. In the baseline year it "
        "was 47.1 tonnes.",
        # a new paragraph breaks the reference
        "Scope 2 emissions were 31.9 tCO2e in 2024/25.\n\nIn the baseline year it was 47.1 tonnes.",
    ],
)
def test_a_reference_without_its_own_period_or_one_scope_before_it_is_not_read(text: str) -> None:
    facts = facts_of(_HEAD + text)
    assert facts.baseline.scope2 is None
    assert facts.current.scope2 == 31.9


@pytest.mark.parametrize(
    "sentence",
    [
        "Scope 2 emissions were 31.9 tCO2e in 2024/25.",
        "Scope 2 came to 31.9 tonnes CO2e for 2024/25.",
        "Scope 2 totalled 31.9 tCO2e during FY2024/25.",
    ],
)
def test_a_sentence_that_dates_its_figure_is_filed_under_that_year_not_read_as_a_row(
    sentence: str,
) -> None:
    facts = facts_of(_HEAD + sentence)
    assert facts.current.scope2 == 31.9
    assert facts.baseline.scope2 is None


def test_a_word_that_starts_with_cut_is_no_reduction() -> None:
    # "cutter" is a machine, not a cut in emissions: the sentence still states actuals
    facts = facts_of(
        _HEAD + "Scope 2 was 31.9 tCO2e in 2024/25. In the baseline year it was 47.1 tonnes, "
        "before the new plasma cutter."
    )
    assert facts.baseline.scope2 == 47.1
