"""Per-plan timings: the full check against pdfplumber's and pypdfium2's text extraction.

All three run on the same file in the same warm process, interleaved repeat by repeat, so a
busy moment on the machine slows all three alike and the ratios stay fair.
"""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium

from benchmarks.measure import median_seconds

REPO = Path(__file__).resolve().parent.parent
FIXTURE_PDFS = REPO / "fixtures" / "pdf"


def shared_dir() -> Path | None:
    """The shared material beside the repository (CRP_SHARED_DIR overrides), if present."""
    for candidate in (os.environ.get("CRP_SHARED_DIR"), REPO.parent / "shared", "/work/shared"):
        if candidate and (Path(candidate) / "real-crps").is_dir():
            return Path(candidate)
    return None


def corpus() -> list[tuple[str, Path]]:
    """(group, path) for every fixture PDF and every real plan PDF."""
    files = [("fixture", p) for p in sorted(FIXTURE_PDFS.glob("*.pdf"))]
    shared = shared_dir()
    if shared is not None:
        real = shared / "real-crps"
        files += [("real", p) for p in sorted(real.glob("*.pdf")) + sorted(real.glob("more/*.pdf"))]
    return files


def pdfplumber_text(path: Path) -> None:
    """What a naive checker pays: pdfplumber's extract_text() on every page."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def pdfium_text(path: Path) -> None:
    """The floor: pypdfium2's bare text of every page, nothing else."""
    pdf = pdfium.PdfDocument(path)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        pdf.close()


@dataclass(frozen=True)
class PlanTiming:
    """Medians for one file: full check, pdfplumber text, pypdfium2 text (seconds)."""

    group: str
    name: str
    pages: int
    check: float
    pdfplumber: float
    pdfium: float
    ocr: bool  # some page had no text layer and went through tesseract

    @property
    def vs_pdfplumber(self) -> float:
        return self.check / self.pdfplumber

    @property
    def vs_pdfium(self) -> float:
        return self.check / self.pdfium


def time_plan(group: str, path: Path, repeats: int, buyer: dict[str, Any]) -> PlanTiming:
    """Warm up once, then the median of `repeats` interleaved runs of each measurement."""
    from crp_checker.pipeline import assess

    assessment = assess(path, **buyer)  # warm: caches, first-use imports, the OS file cache
    pdfplumber_text(path)
    pdfium_text(path)
    check: list[float] = []
    plumber: list[float] = []
    bare: list[float] = []
    for _ in range(repeats):
        check.append(median_seconds(lambda: assess(path, **buyer), 1))
        plumber.append(median_seconds(lambda: pdfplumber_text(path), 1))
        bare.append(median_seconds(lambda: pdfium_text(path), 1))
    return PlanTiming(
        group=group,
        name=path.name,
        pages=assessment.pages,
        check=statistics.median(check),
        pdfplumber=statistics.median(plumber),
        pdfium=statistics.median(bare),
        ocr=any("read by OCR" in w for w in assessment.warnings),
    )
