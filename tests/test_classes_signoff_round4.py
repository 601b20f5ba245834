"""Sign-off layouts (round 4): a ruled sign-off table in a PDF whose cells wrap a word a line,
the same table scanned and read by OCR (cells only spaced apart), and a signing line that
carries its date but no name. Each class in several wordings of our own."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from documents import facts_of
from layouts import facts_from, pdf_table_plan
from shared_data import require_program

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))  # benchmarks/ (appended: nothing of ours is shadowed)

from benchmarks.scans import scan_pdf  # noqa: E402

HEAD = "Carbon Reduction Plan\nAcme Widgets Ltd\nWe are committed to net zero by 2040.\n"
SIGN = "Declaration and Sign Off\nThis plan has been reviewed and signed off by the board.\n"
_BEFORE = [
    "Carbon Reduction Plan",
    "Acme Widgets Ltd",
    "Scope 1 emissions were 12.5 tCO2e in 2025.",
    "Declaration and Sign Off",
    "This Carbon Reduction Plan has been reviewed and signed off by the board of directors.",
]
_NARROW = [84.0, 84.0, 70.0, 70.0]

# A header, a row, and who and when the row says signed.
_RULED = [
    (
        ["Signed", "Name", "Role", "Date"],
        ["________", "Tomasz Example", "Managing Director", "4 February 2026"],
        ("Tomasz Example", "Managing Director", dt.date(2026, 2, 4)),
    ),
    (
        ["Name", "Position", "Date signed", "Signature"],
        ["Dr Priya Example-Shaw", "Chief Executive Officer", "19 January 2026", ""],
        ("Dr Priya Example-Shaw", "Chief Executive Officer", dt.date(2026, 1, 19)),
    ),
    (
        ["Signature", "Print name", "Job title", "Date"],
        ["", "Rhiannon Example", "Operations Director", "2 March 2026"],
        ("Rhiannon Example", "Operations Director", dt.date(2026, 3, 2)),
    ),
]


@pytest.mark.parametrize(("header", "row", "expected"), _RULED)
def test_a_ruled_sign_off_table_whose_cells_wrap(
    header: list[str], row: list[str], expected: tuple[str, str, dt.date]
) -> None:
    facts = facts_from(pdf_table_plan(_BEFORE, [header, row], _NARROW), "plan.pdf")
    found = (facts.signatory.name, facts.signatory.role, facts.sign_off_date)
    assert found == expected


def test_a_ruled_sign_off_table_left_blank_names_nobody() -> None:
    rows = [["Signed", "Name", "Role", "Date"], ["", "[Insert name]", "[Insert role]", ""]]
    facts = facts_from(pdf_table_plan(_BEFORE, rows, _NARROW), "plan.pdf")
    assert facts.signatory.name is None
    assert facts.sign_off_date is None


def test_a_ruled_contact_table_is_no_sign_off_table() -> None:
    rows = [
        ["Name", "Email", "Telephone"],
        ["Morwenna Example", "carbon@acme.example", "01632 960123"],
    ]
    before = [*_BEFORE[:3], "For questions about this plan please contact:"]
    facts = facts_from(pdf_table_plan(before, rows, [70.0, 70.0, 70.0]), "plan.pdf")
    assert facts.signatory.name is None


# A scanned sign-off table as OCR reads it: the cells only spaced apart, stray bars for rules.
_SPACED = [
    (
        "Signature Name Title Date |\n| Helen Example-Byrne Managing Director 19 January 2026 |",
        ("Helen Example-Byrne", "Managing Director", dt.date(2026, 1, 19)),
    ),
    (
        "Name Position Date\n| Owen Example Chief Executive 03/02/2026 |",
        ("Owen Example", "Chief Executive", dt.date(2026, 2, 3)),
    ),
    (
        "Signed Print name Job title Date\n[ Ruth Example Finance Director 2 March 2026 ]",
        ("Ruth Example", "Finance Director", dt.date(2026, 3, 2)),
    ),
    (
        "| Name Role Date signed\n] Nia Example Head of Sustainability 5 May 2026 |",
        ("Nia Example", "Head of Sustainability", dt.date(2026, 5, 5)),
    ),
    (
        "Name Date |\n| Mr Idris Example 14 April 2026 |",
        ("Mr Idris Example", None, dt.date(2026, 4, 14)),
    ),
]


@pytest.mark.parametrize(("block", "expected"), _SPACED)
def test_a_sign_off_table_read_by_ocr(
    block: str, expected: tuple[str, str | None, dt.date]
) -> None:
    facts = facts_of(HEAD + SIGN + block)
    found = (facts.signatory.name, facts.signatory.role, facts.sign_off_date)
    assert found == expected


@pytest.mark.parametrize(
    "block",
    [
        "Signature Name Title Date\n[Name] [Title] [Date]",
        "Name Role Date\nCarbon Reduction Plan 2026",
        "Name Position\nTo be confirmed",
        "Name Title Date\n| Jo Example Gardener 3 May 2026 |",  # a name run into its role
    ],
)
def test_a_spaced_sign_off_table_left_blank_names_nobody(block: str) -> None:
    assert facts_of(HEAD + SIGN + block).signatory.name is None


def test_a_scanned_ruled_sign_off_table(tmp_path: Path) -> None:
    require_program("tesseract")
    rows = [
        ["Signature", "Name", "Title", "Date"],
        ["", "Helen Example-Byrne", "Managing Director", "19 January 2026"],
    ]
    scanned = scan_pdf(pdf_table_plan(_BEFORE, rows, [90.0, 140.0, 140.0, 110.0]))
    facts = facts_from(scanned, "scan.pdf")
    assert (facts.signatory.name, facts.signatory.role) == (
        "Helen Example-Byrne",
        "Managing Director",
    )
    assert facts.sign_off_date == dt.date(2026, 1, 19)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Signed on behalf of the board – 12 February 2026", dt.date(2026, 2, 12)),
        ("Approved by the directors, 3 March 2026", dt.date(2026, 3, 3)),
        ("Signed for and on behalf of Acme Widgets Ltd 27/01/2026", dt.date(2026, 1, 27)),
        ("Endorsed by the Board: June 2026", dt.date(2026, 6, 1)),
    ],
)
def test_a_signing_line_with_a_date_and_no_name(line: str, date: dt.date) -> None:
    facts = facts_of(HEAD + SIGN + line + "\nAcme Widgets Ltd · Company no. 01234567")
    assert facts.signatory.name is None
    assert facts.sign_off_date == date


@pytest.mark.parametrize(
    "line",
    [
        "Signed on behalf of the board. Next review: February 2027",
        "Signed on behalf of the board",
        "Approved targets and milestones were first set out in our plan of 3 March 2022, which"
        " covered the years to 2030 and the measures we would take",
    ],
)
def test_a_signing_line_gives_no_date_it_does_not_vouch_for(line: str) -> None:
    assert facts_of(HEAD + SIGN + line).sign_off_date is None
