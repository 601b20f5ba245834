"""Ingest of the real published plans in ../shared/real-crps: text on every page, in order."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from shared_data import require_shared, shared_dir

from crp_checker.ingest import ingest
from crp_checker.schemas import Document
from crp_checker.settings import Settings

REAL = (shared_dir() or Path("/nonexistent")) / "real-crps"
PDFS = sorted(REAL.glob("*.pdf")) + sorted(REAL.glob("more/*.pdf"))
SSG = REAL / "ssg-support-services-group_carbon-reduction-plan_2025.pdf"
LSUK = REAL / "more" / "language-services-uk-lsuk_carbon-reduction-plan_2025.pdf"
SECONDS_PER_FILE = 10.0  # measured at about 1.3 s for the slowest (10 pages)


def test_the_plans_read_below_are_there() -> None:
    require_shared()  # without it the tests below have no files: say so rather than pass
    assert {SSG, LSUK} <= set(PDFS)


def _ingest(path: Path) -> Document:
    return ingest(path, settings=Settings(ocr="off"))


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_real_plan_has_text_on_every_page(path: Path) -> None:
    started = time.perf_counter()
    document = _ingest(path)
    assert time.perf_counter() - started < SECONDS_PER_FILE
    assert document.source.kind == "pdf"
    assert all(page.method == "text" and page.text.strip() for page in document.pages)
    text = document.text
    for unwanted in ("\r", "\x00", "\ufffe", "\u00ad", "₂"):
        assert unwanted not in text


def test_ssg_figures_stay_on_their_lines() -> None:
    document = _ingest(SSG)
    assert len(document.pages) == 6
    assert "Baseline Year: 2022/23" in document.pages[1].text.split("\n")
    assert "Scope 3 294.8" in document.pages[2].text.split("\n")
    assert "landlord-controlled" in document.pages[1].text  # pdfium's U+FFFE became "-"
    assert "(746 tCO2e → 432.68" in document.pages[3].text  # tCO₂e normalised


def test_lsuk_line_end_hyphens_and_bullets() -> None:
    first = _ingest(LSUK).pages[0].text
    # pdfium joins a word hyphenated at a line end and marks the hyphen with U+FFFE.
    assert "mobile applica-tions, and web-based portals." in first
    assert "• Office Energy Consumption" in first  # U+F0B7 Symbol-font bullet
