"""Emissions stated in sentences that date themselves with a split year ("In the 2022/23 tax
year my Scope 1 emissions were ...", "Our Scope 1 emissions in 2025/26 were ..."), and dates
with an apostrophe year ("14 May '26"). Round 3 of issue 11, several wordings of our own."""

from __future__ import annotations

import datetime as dt

import pytest
from documents import facts_of

from crp_checker.extract.prose_figures import sentence_figures
from crp_checker.extract.values import find_dates, year_mentions

HEAD = "Carbon Reduction Plan\nAcme Ltd is committed to net zero by 2040.\n"


@pytest.mark.parametrize(
    ("periods", "baseline", "current"),
    [
        (
            "Baseline: 2022/23 tax year\nCurrent reporting year: 2025/26 tax year",
            "In the 2022/23 tax year my Scope 1 emissions (van diesel) were 11.8 tCO2e. Scope 2 "
            "was 0.9 tCO2e and Scope 3 was 4.6 tCO2e, a total of 17.3 tCO2e.",
            "Our Scope 1 emissions in 2025/26 were 9.6 tCO2e, Scope 2 emissions were 0.4 tCO2e "
            "and Scope 3 emissions were 3.9 tCO2e, making 13.9 tCO2e in total.",
        ),
        (
            "Baseline year: FY2022-23\nReporting year: FY2025-26",
            "During 2022-23 we emitted 11.8 tCO2e in Scope 1, 0.9 tCO2e in Scope 2 and 4.6 "
            "tCO2e in Scope 3, 17.3 tCO2e in total.",
            "For 2025-26, Scope 1 came to 9.6 tCO2e, Scope 2 to 0.4 tCO2e and Scope 3 to 3.9 "
            "tCO2e, a total of 13.9 tCO2e.",
        ),
        (
            "Baseline year: 2022/2023\nReporting year: 2025/2026",
            "Scope 1 emissions for 2022/2023 were 11.8 tCO2e; Scope 2 emissions were 0.9 tCO2e; "
            "Scope 3 emissions were 4.6 tCO2e; total 17.3 tCO2e.",
            "Scope 1 emissions for 2025/2026 were 9.6 tCO2e; Scope 2 emissions were 0.4 tCO2e; "
            "Scope 3 emissions were 3.9 tCO2e; total 13.9 tCO2e.",
        ),
    ],
)
def test_sentences_dated_by_a_split_year_fill_their_period(
    periods: str, baseline: str, current: str
) -> None:
    facts = facts_of(HEAD + periods + "\n\nBaseline emissions\n" + baseline + "\n\nCurrent "
                     "emissions\n" + current)  # fmt: skip
    base, cur = facts.baseline, facts.current
    assert (base.scope1, base.scope2, base.scope3, base.total) == (11.8, 0.9, 4.6, 17.3)
    assert (cur.scope1, cur.scope2, cur.scope3, cur.total) == (9.6, 0.4, 3.9, 13.9)


def test_a_split_year_is_one_mention_ending_in_its_second_year() -> None:
    assert [end for _, _, end in year_mentions("in 2022/23 and 2024-2025, then 2026")] == [
        2023,
        2025,
        2026,
    ]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Our Scope 1 emissions in 2025 were 9.6 tCO2e.", 9.6),
        ("Scope 1 emissions during FY2024/25 totalled 1,204.5 tCO2e.", 1204.5),
        ("Scope 1 emissions were 2031 tCO2e in 2025.", 2031.0),
    ],
)
def test_a_year_between_the_scope_and_its_figure_is_not_the_figure(
    sentence: str, value: float
) -> None:
    figures = {f.field: f.value for f in sentence_figures(sentence)}
    assert figures["scope1"] == value


@pytest.mark.parametrize(
    ("text", "day"),
    [("14 May '26", dt.date(2026, 5, 14)), ("3rd June ’25", dt.date(2025, 6, 3))],
)
def test_a_date_with_an_apostrophe_year(text: str, day: dt.date) -> None:
    assert find_dates(text)[0].value == day


@pytest.mark.parametrize(
    ("sentence", "fields"),
    [
        ("Scope 1 emissions totalled 9.6 tCO2e.", {"scope1": 9.6}),
        ("Our Scope 2 emissions totaled 3.1 tCO2e in 2025.", {"scope2": 3.1}),
        (
            "Scope 2 emissions totalled 3.1 tCO2e and Scope 1 emissions totalled 9.6 tCO2e.",
            {"scope1": 9.6, "scope2": 3.1},
        ),
        ("Scope 1 and 2 emissions were 12.0 tCO2e.", {}),
        ("Our emissions for 2024 were 54 tCO2e across Scopes 1, 2 and 3.", {"total": 54.0}),
    ],
)
def test_a_scope_that_totalled_a_figure_is_not_the_plans_total(
    sentence: str, fields: dict[str, float]
) -> None:
    assert {f.field: f.value for f in sentence_figures(sentence)} == fields


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Our Scope 1 emissions – gas in offices, and diesel in the 40 repairs vans – were "
         "212.4 tCO2e.", 212.4),
        ("Our Scope 1 emissions (from our 6 vans and 2 boilers) were 9.6 tCO2e.", 9.6),
        ("Scope 1 emissions (12.0 tCO2e) fell this year.", 12.0),
    ],
)  # fmt: skip
def test_a_count_in_an_aside_is_not_between_the_scope_and_its_figure(
    sentence: str, value: float
) -> None:
    assert {f.field: f.value for f in sentence_figures(sentence)}["scope1"] == value
