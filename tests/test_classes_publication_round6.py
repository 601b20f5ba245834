"""Publication-date classes found on independently written plans (round 6), each in wordings
and layouts of our own: a labelled date broken over the line end, 'republished' and
'approved for publication', a date after the plan's own name block at the foot of the plan,
and a date only in a Word page footer."""

from __future__ import annotations

import datetime as dt

import pytest
from documents import facts_of
from layouts import docx_with_footer, facts_from

BODY = (
    "Commitment\nAcme Widgets Ltd is committed to net zero by 2045.\n"
    "Emissions\nOur current reporting year is the year to 31 March 2025. Scope 1 emissions were "
    "12.4 tCO2e, Scope 2 were 8.1 tCO2e and Scope 3 were 40.2 tCO2e in that year.\n"
    "Declaration\nThis plan has been completed in accordance with PPN 006 and the associated "
    "reporting standard for Carbon Reduction Plans.\n"
)
# Enough lines that a line at the foot is far from the title block.
MEASURES = "Measures\n" + "".join(
    f"Measure {n}: LED lighting at site {n} in 2024.\n" for n in range(1, 13)
)


@pytest.mark.parametrize(
    ("top", "date"),
    [
        ("Acme Widgets Ltd - Published: 24\nFebruary 2026", dt.date(2026, 2, 24)),
        ("Acme Widgets Ltd, Leeds - Date of issue:\n3 March 2026", dt.date(2026, 3, 3)),
        ("Carbon Reduction Plan - issued 7th\nJuly 2026", dt.date(2026, 7, 7)),
    ],
)
def test_a_labelled_date_broken_over_the_line_end(top: str, date: dt.date) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{top}\n{BODY}")
    assert facts.publication_date == date
    assert facts.publication_date_precision == "day"


@pytest.mark.parametrize(
    "top",
    [
        "Acme Widgets Ltd - Published: 24\nstaff work from our depot in Leeds.",
        "Acme Widgets Ltd - Published: 24\n2026 targets are set out below.",
    ],
)
def test_a_label_over_a_line_end_without_a_date_reads_none(top: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{top}\n{BODY}")
    assert facts.publication_date is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        (
            "Registered charity no. 1234567 - Last reviewed and republished on 9 July 2026",
            dt.date(2026, 7, 9),
        ),
        ("Acme Widgets Ltd - re-issued on 4 May 2026", dt.date(2026, 5, 4)),
        ("Version 2.1 - approved for publication on 14 August 2026", dt.date(2026, 8, 14)),
        ("Published on our website: 26 March 2026", dt.date(2026, 3, 26)),
    ],
)
def test_republished_and_approved_for_publication_at_the_top(line: str, date: dt.date) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{line}\n{BODY}")
    assert facts.publication_date == date


@pytest.mark.parametrize(
    ("foot", "date"),
    [
        ("Acme Widgets Ltd - Stockport - Published 15 January 2026", dt.date(2026, 1, 15)),
        ("Version 3.0 - approved for publication on 14 August 2026", dt.date(2026, 8, 14)),
        ("Acme Widgets Ltd | Issued 2 March 2026", dt.date(2026, 3, 2)),
    ],
)
def test_a_date_after_the_plans_own_name_block_at_its_foot(foot: str, date: dt.date) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{BODY}{MEASURES}{foot}")
    assert facts.publication_date == date


@pytest.mark.parametrize(
    "foot",
    [
        "Acme Widgets Ltd's travel policy, published 3 March 2024, asks staff to take the train.",
        "Our supplier Bolt Fasteners Ltd - Leeds - published 4 March 2025",
        "The conversion factors were republished on 10 June 2025 with corrections.",
        "GHG Protocol Scope 3 Standard - published 10 September 2011",
    ],
)
def test_someone_elses_date_at_the_foot_is_no_publication_date(foot: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{BODY}{MEASURES}{foot}")
    assert facts.publication_date is None


@pytest.mark.parametrize(
    ("footer", "date"),
    [
        ("Published 3 February 2026 - Acme Widgets Ltd, Truro", dt.date(2026, 2, 3)),
        ("Published on our website: 26 March 2026", dt.date(2026, 3, 26)),
        ("Version 3.0 - approved for publication on 14 August 2026", dt.date(2026, 8, 14)),
    ],
)
def test_a_date_only_in_a_word_footer(footer: str, date: dt.date) -> None:
    data = docx_with_footer(["Carbon Reduction Plan", *BODY.strip().split("\n")], footer)
    facts = facts_from(data, "plan.docx")
    assert facts.publication_date == date


@pytest.mark.parametrize(
    ("top", "date"),
    [
        # synthetic-l l13: another field's words in the segment before do not date it
        (
            "Reporting period: financial year ending 31 March 2026 · Published 15 May 2026",
            dt.date(2026, 5, 15),
        ),
        ("Baseline year: FY2019/20 | Issued: 3 April 2026", dt.date(2026, 4, 3)),
    ],
)
def test_a_publication_label_after_another_field_on_the_line(top: str, date: dt.date) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{top}\n{BODY}")
    assert facts.publication_date == date


@pytest.mark.parametrize(
    "closing",
    [
        "This page was published on 12 March 2026.",
        "This web page was last updated on 12 March 2026.",
    ],
)
def test_a_web_page_dating_itself_at_its_foot(closing: str) -> None:
    # synthetic-j uj16
    facts = facts_of(f"Carbon Reduction Plan\n{BODY}{MEASURES}{closing}\n")
    assert facts.publication_date == dt.date(2026, 3, 12)


def test_a_reporting_period_ending_on_a_date_is_no_publication_date() -> None:
    facts = facts_of(f"Carbon Reduction Plan\nReporting period: year ending 31 March 2026\n{BODY}")
    assert facts.publication_date is None
