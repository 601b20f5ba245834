"""Text normalisation at the ingest edge: one form of every character the extractors match."""

from __future__ import annotations

import pytest

from crp_checker.ingest.base import page_list
from crp_checker.ingest.normalize import normalize_cell, normalize_table, normalize_text, row_line


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("746 tCO₂e", "746 tCO2e"),  # subscript two
        ("ﬁnancial ﬂeet", "financial fleet"),  # ligatures
        ("net\u00a0zero", "net zero"),  # no-break space
        ("１２３", "123"),  # full-width digits
        ("landlord\ufffecontrolled", "landlord-controlled"),  # pdfium's joined line-end hyphen
        ("applica\u00ad\ntions", "applica-\ntions"),  # soft hyphen printed at a line end
        ("de\u00adcarbonise", "decarbonise"),  # soft hyphen inside a line is invisible
        ("a\r\nb\rc", "a\nb\nc"),
        ("Scope\x001\x07 total", "Scope1 total"),  # NUL and bell removed
        ("col1\tcol2", "col1\tcol2"),  # tabs kept
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("\uf0b7 LED lighting", "• LED lighting"),  # Symbol-font bullet from Word
        ("line one   \nline two\t\n", "line one\nline two"),
        ("\n\nbody\n\n", "body"),
        ("(scope one, SCOPE TWO and Scope-3)", "(scope 1, SCOPE 2 and Scope 3)"),  # scopes in words
        ("Scope three breakdown", "Scope 3 breakdown"),
        ("Scope – Two: 9.6", "Scope 2: 9.6"),
        ("the scope one would expect", "the scope one would expect"),  # not a scope's name
        ("Scopes 1-3", "Scopes 1-3"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_normalize_text_keeps_line_breaks_and_inner_blank_lines() -> None:
    assert normalize_text("Scope 1\n\nScope 2") == "Scope 1\n\nScope 2"


def test_normalize_table_cleans_cells_and_drops_empty_rows() -> None:
    rows: list[list[str | None]] = [
        ["Scope 1", "200\n.5"],
        [None, ""],
        ["Total", None],
        ["  ", None],
    ]
    assert normalize_table(rows) == [["Scope 1", "200 .5"], ["Total", ""]]


def test_normalize_cell_joins_lines() -> None:
    assert normalize_cell("Scope 3:\nbusiness  travel") == "Scope 3: business travel"
    assert normalize_cell(None) == ""


def test_row_line_matches_the_excerpt_format() -> None:
    assert row_line(["Scope 1", "200.81"]) == "Scope 1 | 200.81 |"
    assert row_line(["Baseline year emissions:", "", ""]) == "Baseline year emissions: |  |  |"


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ([3], "page 3"),
        ([1, 2], "pages 1-2"),
        ([5, 1, 2, 3], "pages 1-3 and 5"),
        ([2, 4, 6], "pages 2, 4 and 6"),
    ],
)
def test_page_list(numbers: list[int], expected: str) -> None:
    assert page_list(numbers) == expected
