"""Numbers, dates and periods as UK plans write them."""

from __future__ import annotations

import datetime as dt

import pytest

from crp_checker.extract.values import end_of, find_dates, find_period, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,057", 1057.0), ("6,761.64", 6761.64), ("5.064", 5.064), ("-3.5", -3.5), ("N/A", None)],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("Issue Data: 5th August 2025", dt.date(2025, 8, 5), "day"),
        ("Publication date: 05/08/2025", dt.date(2025, 8, 5), "day"),
        ("Published: 24.07.2025", dt.date(2025, 7, 24), "day"),
        ("Date: 27.03.26", dt.date(2026, 3, 27), "day"),
        ("30th January, 2023", dt.date(2023, 1, 30), "day"),
        ("signed off on the 20th of August 2024", dt.date(2024, 8, 20), "day"),
        ("Monday 15th November 2021", dt.date(2021, 11, 15), "day"),
        ("2024-03-01", dt.date(2024, 3, 1), "day"),
        ("Mar 2024", dt.date(2024, 3, 1), "month"),
        ("Publication date: ………………05/08/2025…………", dt.date(2025, 8, 5), "day"),
    ],
)
def test_find_dates(text: str, date: dt.date, precision: str) -> None:
    found = find_dates(text)
    assert (found[0].value, found[0].precision) == (date, precision)


def test_version_number_is_not_a_day() -> None:
    """'Version 1.2 | February 2025' is February 2025, not the 2nd of February."""
    found = find_dates("The Tesseract Academy Version 1.2 February 2025")
    assert (found[0].value, found[0].precision) == (dt.date(2025, 2, 1), "month")


def test_no_date_in_plain_numbers() -> None:
    assert find_dates("Scope 1 14.4 and Scope 2 59.3") == []


@pytest.mark.parametrize(
    ("text", "end_year", "start", "end"),
    [
        ("Baseline Year: 2022/23", 2023, None, None),
        ("FY23 (revised from base year ending 31 March 2020)", 2023, None, None),
        ("FY2324", 2024, None, None),
        ("financial year 2025", 2025, None, None),
        ("Baseline Year: 2021", 2021, dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        ("Jan - Dec 2022", 2022, dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        ("1st April 2023 – 31st March 2024", 2024, dt.date(2023, 4, 1), dt.date(2024, 3, 31)),
        ("1 Oct 2023 - 30 Sept 2024", 2024, dt.date(2023, 10, 1), dt.date(2024, 9, 30)),
        ("01.01.22 to 31.12.22", 2022, dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        ("October 2022 - September 2023", 2023, dt.date(2022, 10, 1), dt.date(2023, 9, 30)),
        ("year ending 31 March 2020", 2020, dt.date(2019, 4, 1), dt.date(2020, 3, 31)),
    ],
)
def test_find_period(text: str, end_year: int, start: dt.date | None, end: dt.date | None) -> None:
    spec = find_period(text)
    assert spec is not None
    assert (spec.end_year, spec.start, spec.end) == (end_year, start, end)


def test_split_year_gives_no_dates() -> None:
    """The months of '2022/23' are not stated, so no start or end date is invented."""
    spec = find_period("2022/23")
    assert spec is not None and spec.start is None and spec.end is None


def test_end_of_month_and_year() -> None:
    assert end_of(dt.date(2024, 2, 1), "month") == dt.date(2024, 2, 29)
    assert end_of(dt.date(2024, 2, 1), "year") == dt.date(2024, 12, 31)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Date: 10-Mar-26", "2026-03-10"),
        ("Signed 10 Mar 26", "2026-03-10"),
        ("3 June 25.", "2025-06-03"),
    ],
)
def test_a_day_and_month_name_with_a_two_digit_year(text: str, day: str) -> None:
    found = find_dates(text)
    assert [str(d.value) for d in found] == [day]


@pytest.mark.parametrize(
    "text", ["on 10 March 26 staff attended", "In May 24 people joined", "10 Mar 26.5"]
)
def test_a_number_after_a_month_that_is_not_a_year(text: str) -> None:
    assert find_dates(text) == []
