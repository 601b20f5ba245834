"""Periods written the short way and year rows that name their role first.

"FY20/21" is the financial year ending in 2021 (read as "FY20" alone it would be filed a year
early); a table with one row per year may start each row with its role ("Baseline 2020",
"Current year (2025)") and must still be read, in text, Markdown and Word tables alike.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from documents import facts_of

from crp_checker.extract import extract
from crp_checker.extract.values import find_period
from crp_checker.ingest import ingest


@pytest.mark.parametrize(
    ("text", "end_year"),
    [
        ("FY20/21", 2021),
        ("Baseline year: FY 20/21", 2021),
        ("FY23-24", 2024),
        ("F/Y 24/25", 2025),
        ("FY'22/23", 2023),
        ("FY2024/25", 2025),
        ("FY24", 2024),
    ],
)
def test_a_short_financial_year_ends_in_its_second_year(text: str, end_year: int) -> None:
    spec = find_period(text)
    assert spec is not None and spec.end_year == end_year


def test_two_short_years_that_do_not_follow_each_other_are_not_one_year() -> None:
    spec = find_period("FY20/22")
    assert spec is not None and spec.label == "FY20"


def test_figures_under_short_financial_years_go_to_their_own_years() -> None:
    facts = facts_of(
        """Carbon Reduction Plan
        Ashby Signs Ltd
        Baseline year: FY20/21
        Current reporting year: FY24/25
        | Scope | FY20/21 | FY24/25 |
        | Scope 1 | 12.0 | 9.5 |
        | Scope 2 | 6.0 | 3.1 |
        | Scope 3 | 40.2 | 33.0 |
        """
    )
    assert (facts.baseline.end_year, facts.baseline.scope1) == (2021, 12.0)
    assert (facts.current.end_year, facts.current.scope1) == (2025, 9.5)


_ROWS = [
    ("Baseline 2020", "Current 2025"),
    ("Baseline year (2020)", "Current year (2025)"),
    ("Base year: 2020", "Reporting year: 2025"),
]


@pytest.mark.parametrize(("base", "current"), _ROWS)
def test_year_rows_that_name_their_role_first_are_read_in_text(base: str, current: str) -> None:
    facts = facts_of(
        f"""Carbon Reduction Plan
        Ashby Signs Ltd
        | Year | Scope 1 | Scope 2 | Scope 3 | Total |
        | {base} | 12.0 | 6.0 | 40.2 | 58.2 |
        | {current} | 9.5 | 3.1 | 33.0 | 45.6 |
        """
    )
    assert (facts.baseline.end_year, facts.baseline.scope3, facts.baseline.total) == (
        2020,
        40.2,
        58.2,
    )
    assert (facts.current.end_year, facts.current.scope1, facts.current.total) == (2025, 9.5, 45.6)


@pytest.mark.parametrize(("base", "current"), _ROWS[:2])
def test_year_rows_that_name_their_role_first_are_read_in_word(
    tmp_path: Path, base: str, current: str
) -> None:
    document = docx.Document()
    document.add_heading("Carbon Reduction Plan", 0)
    document.add_paragraph("Ashby Signs Ltd is committed to achieving Net Zero by 2045.")
    rows = [
        ["Year", "Scope 1", "Scope 2", "Scope 3", "Total"],
        [base, "12.0", "6.0", "40.2", "58.2"],
        [current, "9.5", "3.1", "33.0", "45.6"],
    ]
    table = document.add_table(rows=3, cols=5)
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    path = tmp_path / "plan.docx"
    document.save(str(path))
    facts = extract(ingest(path))
    assert (facts.baseline.end_year, facts.baseline.scope1) == (2020, 12.0)
    assert (facts.current.end_year, facts.current.scope2) == (2025, 3.1)


@pytest.mark.parametrize(
    ("header", "first", "second"),
    [
        # OCR reads some grid lines as bars and not others
        (
            "Year Scope 1 | Scope 2 | Scope 3 | Total",
            "2020 (baseline) | 12.0 6.0 40.2 58.2",
            "2025 9.5 3.1 33.0 45.6",
        ),
        (
            "| Year | Scope 1 Scope 2 | Scope 3 | Total",
            "| 2020 (baseline) | 12.0 | 6.0 40.2 | 58.2",
            "| 2025 | 9.5 3.1 | 33.0 | 45.6",
        ),
        (
            "Year Scope 1 Scope 2 Scope 3 Total",
            "2020 baseline 12.0 6.0 40.2 58.2",
            "2025 9.5 3.1 33.0 45.6",
        ),
    ],
)
def test_a_year_per_row_table_with_stray_bars_is_read_once(
    header: str, first: str, second: str
) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nAshby Signs Ltd\nAll figures in tCO2e.\n"
        f"{header}\n{first}\n{second}\n"
    )
    baseline, current = facts.baseline, facts.current
    assert (baseline.end_year, baseline.scope1, baseline.scope2, baseline.total) == (
        2020,
        12.0,
        6.0,
        58.2,
    )
    assert (current.end_year, current.scope1, current.scope2, current.total) == (
        2025,
        9.5,
        3.1,
        45.6,
    )


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("FYE Mar-25", "2024-04-01", "2025-03-31"),
        ("Apr-24 to Mar-25", "2024-04-01", "2025-03-31"),
        ("Apr '24 \u2013 Mar '25", "2024-04-01", "2025-03-31"),
        ("YE 31.03.25", "2024-04-01", "2025-03-31"),
        ("FY ending March 2025", "2024-04-01", "2025-03-31"),
        ("Jan 24 to Dec 24", "2024-01-01", "2024-12-31"),
    ],
)
def test_months_with_two_digit_years_and_year_ends(text: str, start: str, end: str) -> None:
    spec = find_period(text)
    assert spec is not None
    assert (str(spec.start), str(spec.end)) == (start, end)


def test_days_after_month_names_are_not_two_digit_years() -> None:
    assert find_period("May 12 - June 30") is None


@pytest.mark.parametrize(
    ("baseline", "current", "years"),
    [
        ("Baseline year: financial year 2019/2020", "Reporting year: financial year 2024/2025",
         (2020, 2025)),
        ("Baseline Year: the calendar year 2021", "Reporting Year: calendar year 2024",
         (2021, 2024)),
        ("Base year - fiscal year 2019-20", "Reporting period: the financial year of 2024-25",
         (2020, 2025)),
    ],
)  # fmt: skip
def test_a_field_that_names_the_kind_of_year_first(
    baseline: str, current: str, years: tuple[int, int]
) -> None:
    facts = facts_of(
        f"Carbon Reduction Plan\n{baseline}\nScope 1: 12.0 tCO2e\nScope 2: 3.0 tCO2e\n"
        f"Our baseline was set in 2021 and we report against the 2021 baseline.\n"
        f"{current}\nScope 1: 10.0 tCO2e\nScope 2: 2.0 tCO2e"
    )
    assert (facts.baseline.end_year, facts.current.end_year) == years


@pytest.mark.parametrize(
    "sentence",
    [
        "We have not yet set a baseline year. 2025 is the first year we have measured.",
        "There is no baseline period. 2024 figures are shown below for information.",
        "We will choose our base year. 2025 was a year of growth for the business.",
    ],
)
def test_a_year_opening_the_next_sentence_is_not_the_baseline(sentence: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nAcme Ltd is committed to net zero by 2045.\n"
        f"{sentence}\nReporting year: 2025\nScope 1: 8.4 tCO2e\nScope 2: 11.7 tCO2e"
    )
    assert facts.baseline.end_year is None
    assert facts.baseline.scope1 is None


def test_a_dotted_leader_still_leads_to_the_baseline_year() -> None:
    facts = facts_of("Carbon Reduction Plan\nBaseline year ........ 2021\nScope 1: 8.4 tCO2e")
    assert facts.baseline.end_year == 2021


@pytest.mark.parametrize(
    "fields",
    [
        "Baseline year: 2021 (calendar year). Reporting year: 2025 (calendar year).",
        "Our baseline year is 2021; our reporting year is 2025.",
        "Base year 2021. Current reporting period: 2025.",
    ],
)
def test_a_reporting_year_after_the_baseline_on_the_same_line(fields: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nAcme LLP is committed to net zero by 2035.\n"
        f"{fields}\nYear Scope 1 Scope 2 Scope 3 Total\n2025 0.0 6.2 79.5 85.7\n"
        "2024 0.0 9.7 88.4 98.1\n2021 (baseline) 0.0 14.8 96.2 111.0\nFigures in tCO2e."
    )
    assert facts.current.end_year == 2025
    assert (facts.current.scope2, facts.current.total) == (6.2, 85.7)
    assert (facts.baseline.scope2, facts.baseline.total) == (14.8, 111.0)


def test_a_baseline_reporting_year_is_still_the_baseline() -> None:
    facts = facts_of("Carbon Reduction Plan\nBaseline reporting year: 2021\nScope 1: 4.0 tCO2e")
    assert facts.baseline.end_year == 2021 and facts.current.end_year is None


@pytest.mark.parametrize("mark", ["| ", "|", "[ "])
def test_a_scanned_tables_stray_left_rule_keeps_the_row(mark: str) -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline Year: 2021\nReporting Year: 2025\n"
        "Emissions (tCO2e) 2021 2025\n"
        f"{mark}Scope 1 96.4 71.9\nScope 2 12.2 8.5\n{mark}Scope 3 304.7 286.1\n"
        "Total 413.3 366.5"
    )
    assert (facts.baseline.scope1, facts.baseline.scope3) == (96.4, 304.7)
    assert (facts.current.scope1, facts.current.scope3) == (71.9, 286.1)


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("This is our first plan, so the 12 months to 31 January 2026 are both our baseline and "
         "our current reporting period.", 2026),
        ("The calendar year 2025 is both our baseline and our current reporting year.", 2025),
        ("FY2025/26 was both our baseline and our current reporting year.", 2026),
    ],
)  # fmt: skip
def test_a_first_year_plan_whose_period_comes_before_are_both_our_baseline(
    sentence: str, year: int
) -> None:
    facts = facts_of(
        f"Carbon Reduction Plan\n{sentence}\nScope 1 | 0 |\nScope 2 | 3.8 |\nScope 3 | 41.6 |\n"
        "Total | 45.4 |"
    )
    assert facts.baseline.end_year == facts.current.end_year == year
    assert (facts.current.scope2, facts.current.total) == (3.8, 45.4)
