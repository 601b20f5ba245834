"""Publication date as a class: every way a plan dates itself, and the dates that are not it.

The publication date is the one the plan gives itself (a labelled field, an issue or update
line, a version line or table, a dated title, header or footer). A reporting period, a
baseline, a target year, a next-review date or the sign-off date never stands in for it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from documents import document, facts_of

from crp_checker.pipeline import assess_document
from crp_checker.schemas import BuyerSettings, Outcome

BODY = """
Commitment to achieving Net Zero
Acme Ltd is committed to achieving Net Zero emissions by 2045.
Baseline Emissions Footprint
Baseline year: 2021
"""


def _date(*top: str) -> tuple[dt.date | None, str | None]:
    facts = facts_of("\n".join(["Carbon Reduction Plan", *top, BODY]))
    return facts.publication_date, facts.publication_date_precision


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("Publication date: 14 March 2025",), (dt.date(2025, 3, 14), "day")),
        (("Publication date 14 March 2025",), (dt.date(2025, 3, 14), "day")),
        (("Published: June 2025",), (dt.date(2025, 6, 1), "month")),
        (("Date of issue: 05/08/2025",), (dt.date(2025, 8, 5), "day")),
        (("Issued 2nd May 2025",), (dt.date(2025, 5, 2), "day")),
        (("Issue date | 10 July 2025 |",), (dt.date(2025, 7, 10), "day")),
        (("Publication date: ……………05/08/2025…………",), (dt.date(2025, 8, 5), "day")),
        (("Publication Date: Tuesday 5 March 2024",), (dt.date(2024, 3, 5), "day")),
        (("Last updated 19 August 2025",), (dt.date(2025, 8, 19), "day")),
        (
            ("Acme Ltd · Company no. 08315562 · Last reviewed: 30 April 2025",),
            (dt.date(2025, 4, 30), "day"),
        ),
        (("Version 1 - December 2024",), (dt.date(2024, 12, 1), "month")),
        (("Version 1.2 | February 2025",), (dt.date(2025, 2, 1), "month")),
        (("Acme Ltd – Carbon Reduction Plan – 7 March 2022",), (dt.date(2022, 3, 7), "day")),
        (("Date: 01.05.2024",), (dt.date(2024, 5, 1), "day")),
        (("PPN 06/21 Compliant | 2024",), (dt.date(2024, 1, 1), "year")),
    ],
)
def test_the_plan_dates_itself(lines: tuple[str, ...], expected: tuple[dt.date, str]) -> None:
    assert _date(*lines) == expected


def test_version_table_gives_the_latest_issue() -> None:
    got = _date(
        "Document control",
        "Version | Date | Change",
        "1.0 | 01/02/2023 | First issue",
        "2.0 | 15/03/2024 | Annual update",
    )
    assert got == (dt.date(2024, 3, 15), "day")


def test_label_beats_a_date_in_the_title() -> None:
    got = _date("Carbon Reduction Plan 2024 – March 2024", "Publication date: 2 April 2024")
    assert got == (dt.date(2024, 4, 2), "day")


@pytest.mark.parametrize(
    "lines",
    [
        ("2024 – 2025",),
        ("Reporting period: 1 April 2023 – 31 March 2024",),
        ("Baseline year: January 2022 – December 2022",),
        ("Next review date: June 2026",),
        ("Net zero by 2045",),
        ("Procurement Policy Note 06/21, published in June 2021, asks buyers for a plan.",),
        ("We use the conversion factors updated in June 2024.",),
    ],
)
def test_periods_targets_reviews_and_other_documents_are_not_the_date(
    lines: tuple[str, ...],
) -> None:
    assert _date(*lines) == (None, None)


def _sign_off_only() -> str:
    return "\n".join(
        [
            "Carbon Reduction Plan",
            BODY,
            "Current Emissions Reporting",
            "Reporting year: 2024",
            "Emissions reduction targets",
            "We will cut emissions by 50% by 2030.",
            "Carbon Reduction Projects",
            "We installed LED lighting in 2023.",
            "Declaration and Sign Off",
            "This Carbon Reduction Plan has been reviewed and signed off by the board.",
            "Signed on behalf of the Supplier: Jo Bloggs, Managing Director",
            "Date: 25/03/2025",
        ]
    )


def test_sign_off_date_does_not_stand_in_for_the_publication_date() -> None:
    """RULE_LABELS.md point 5: a plan dated only at its sign-off fails publication-date (the
    labels lean fail, pass allowed); the message quotes the sign-off date."""
    facts = facts_of(_sign_off_only())
    assert facts.publication_date is None
    assert facts.sign_off_date == dt.date(2025, 3, 25)
    finding = next(
        f
        for f in assess_document(document(_sign_off_only()), BuyerSettings()).findings
        if f.rule == "publication-date"
    )
    assert finding.outcome is Outcome.FAIL
    assert "signed off" in finding.message and "25 March 2025" in finding.message


def test_policy_signature_date_at_the_end_is_not_a_publication_date() -> None:
    lines = [f"• We will keep improving item {n}." for n in range(30)]
    facts = facts_of(
        "\n".join(
            [
                "Environmental Policy",
                *lines,
                "Signed: Andrew Keeling, Managing Director",
                "Date: 6 January 2025",
            ]
        )
    )
    assert facts.publication_date is None


def test_month_only_date_is_partial() -> None:
    text = "\n".join(["Carbon Reduction Plan", "Published: June 2025", BODY])
    finding = next(
        f
        for f in assess_document(document(text), BuyerSettings()).findings
        if f.rule == "publication-date"
    )
    assert finding.outcome is Outcome.PARTIAL
