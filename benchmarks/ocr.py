"""`python -m benchmarks.ocr`: how fast scanned plans are read, and how long a scan finishes.

Three measurements on scans made by benchmarks/scans.py (a plan printed and scanned at 200 dpi,
grey, with paper tone, blur, skew and speckles):

- resolution: each page of a six-page scan OCR'd at 150, 200 and 300 dpi, one at a time: the
  tesseract CPU seconds a page and the share of the source's words read back (word recall);
- seconds per scanned page: the whole check (`assess`) of the six-page scan with the default
  settings (pages in parallel) and with one tesseract at a time;
- the largest scan within the default limits: a 40-page scan checked with the defaults; the
  pages read before the OCR budget ran out are the longest scan checked in full.

The figures go into benchmarks/RESULTS.md between the `ocr:figures` markers (a full `make
bench` run keeps them).
"""

from __future__ import annotations

import argparse
import io
import os
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium

from benchmarks.generate import long_document
from benchmarks.report import machine, table
from benchmarks.scans import scan_pdf

HERE = Path(__file__).resolve().parent
START, END = "<!-- ocr:figures -->", "<!-- /ocr:figures -->"
DPIS = (150, 200, 300)
BUYER = {"check_date": "2025-09-01"}


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"[A-Za-z0-9][A-Za-z0-9.,%()-]*", text))


def word_recall(source: str, read: str) -> float:
    """The share of the source's words (with repeats) that OCR read back."""
    want, got = _words(source), _words(read)
    return sum(min(n, got[w]) for w, n in want.items()) / max(1, sum(want.values()))


def _tesseract(png: bytes, dpi: int) -> tuple[str, float]:
    """Text and tesseract CPU seconds for one page image."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", "eng", "--dpi", str(dpi)],
        input=png,
        capture_output=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result.stdout.decode(), cpu


def resolution_rows(text_pdf: bytes, scan: bytes) -> list[list[object]]:
    """Per OCR resolution: CPU s a page, wall s a page, word recall."""
    source = pdfium.PdfDocument(text_pdf)
    scanned = pdfium.PdfDocument(scan)
    rows: list[list[object]] = []
    try:
        texts = [source[i].get_textpage().get_text_range() for i in range(len(source))]
        for dpi in DPIS:
            cpu = wall = 0.0
            recalls = []
            for index in range(len(scanned)):
                started = time.perf_counter()
                image = scanned[index].render(scale=dpi / 72).to_pil().convert("L")
                buffer = io.BytesIO()
                image.save(buffer, format="PNG", compress_level=1)
                read, seconds = _tesseract(buffer.getvalue(), dpi)
                wall += time.perf_counter() - started
                cpu += seconds
                recalls.append(word_recall(texts[index], read))
            pages = len(scanned)
            rows.append(
                [
                    dpi,
                    f"{cpu / pages:.2f}",
                    f"{wall / pages:.2f}",
                    f"{sum(recalls) / pages:.3f}",
                    f"{min(recalls):.3f}",
                ]
            )
    finally:
        source.close()
        scanned.close()
    return rows


def _check(data: bytes, **env: str) -> tuple[float, object]:
    """Seconds for one whole check of `data` with these CRP_* settings, and the Assessment."""
    from crp_checker.pipeline import assess
    from crp_checker.settings import get_settings

    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    get_settings.cache_clear()
    try:
        started = time.perf_counter()
        assessment = assess(data, name="scan.pdf", **BUYER)
        return time.perf_counter() - started, assessment
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()


def _ocr_pages(assessment: object) -> str:
    warnings = getattr(assessment, "warnings", [])
    read = next((w for w in warnings if "read by OCR" in w), "")
    found = re.match(r"Pages? ([\d, and-]+) (?:had|has)", read)
    return found.group(1) if found else "none"


def run(long_pages: int) -> str:
    """Every measurement, as the Markdown for RESULTS.md."""
    from crp_checker.ingest.ocr import ocr_budget, ocr_workers
    from crp_checker.nlp import get_nlp
    from crp_checker.settings import get_settings

    get_nlp()
    settings = get_settings()
    text_6 = long_document(6)
    scan_6 = scan_pdf(text_6)
    print("[ocr] resolutions", file=sys.stderr, flush=True)
    resolutions = resolution_rows(text_6, scan_6)
    print("[ocr] checks of the six-page scan", file=sys.stderr, flush=True)
    parallel, _ = _check(scan_6)
    serial, _ = _check(scan_6, CRP_OCR_WORKERS="1")
    print(f"[ocr] a {long_pages}-page scan", file=sys.stderr, flush=True)
    scan_long = scan_pdf(long_document(long_pages))
    long_seconds, long_assessment = _check(scan_long)
    read = _ocr_pages(long_assessment)
    last_read = max((int(n) for n in re.findall(r"\d+", read)), default=0)
    workers = ocr_workers(settings)
    lines = [
        START,
        f"- measured: {time.strftime('%Y-%m-%d %H:%M %Z')}; {machine()}",
        f"- settings: OCR at {settings.ocr_dpi} dpi, {workers} tesseract processes at once, "
        f"budget {ocr_budget(settings):g} s a document (worker limit "
        f"{settings.parse_timeout_seconds:g} s)",
        "",
        "Resolution (one page at a time, six-page scan made at 200 dpi):",
        "",
        table(
            ["OCR dpi", "tesseract CPU s/page", "wall s/page", "word recall", "worst page"],
            resolutions,
        ),
        "",
        "Seconds per scanned page, whole check of the six-page scan (target <= 2 s):",
        "",
        table(
            ["tesseract at once", "check s", "s per page"],
            [
                [workers, f"{parallel:.1f}", f"{parallel / 6:.2f}"],
                [1, f"{serial:.1f}", f"{serial / 6:.2f}"],
            ],
        ),
        "",
        f"Largest scan within the default limits: a {long_pages}-page scan was checked in "
        f"{long_seconds:.1f} s (worker limit {settings.parse_timeout_seconds:g} s); OCR read "
        f"pages {read} before its budget ran out, so a scan of up to **{last_read} pages** is "
        "checked in full here; the pages after it are named as unread and the checks that "
        "needed them are `needs_review`.",
        END,
    ]
    return "\n".join(lines)


def write(results: Path, block: str) -> None:
    """Replace the OCR block of RESULTS.md (or add it at the end)."""
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n## Scanned plans (OCR)\n\n" + block + "\n"
    results.write_text(text, encoding="utf-8")


def carried_over(results: Path) -> str:
    """The OCR section of an earlier RESULTS.md, for a full run to keep."""
    if not results.exists():
        return ""
    text = results.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return ""
    return START + text.split(START, 1)[1].split(END, 1)[0] + END


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ocr", description=__doc__)
    parser.add_argument("--pages", type=int, default=40, help="the long scan's pages")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    block = run(args.pages)
    print(block)
    write(args.results, block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
