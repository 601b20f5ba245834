"""The benchmark's figures as Markdown tables: printed as they come, and saved to RESULTS.md."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import statistics
import subprocess
from collections.abc import Sequence
from pathlib import Path

import psutil

from benchmarks.corpus import PlanTiming
from benchmarks.scaling import Scaling
from benchmarks.throughput import Throughput, median_peak

REPO = Path(__file__).resolve().parent.parent
# The targets of issue 4, on the project's 2-core machine.
RATIO_TARGET, RATIO_STRETCH = 0.5, 0.2
BATCH_TARGET_SECONDS = 300.0
WORKER_RSS_TARGET_MB = 300.0
LONG_TARGET_SECONDS = 20.0
FLAT_MEMORY_MB = 50.0  # peak RSS growth from the shortest to the longest document allowed


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table, padded so it also reads well in a terminal."""
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    right = [i > 0 and all(_numeric(row[i]) for row in cells[1:]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        aligned = zip(row, widths, right, strict=True)
        parts = [c.rjust(w) if r else c.ljust(w) for c, w, r in aligned]
        return "| " + " | ".join(parts) + " |"

    rule = ["-" * (w - 1) + (":" if r else "-") for w, r in zip(widths, right, strict=True)]
    return "\n".join([line(cells[0]), line(rule), *(line(row) for row in cells[1:])])


def _numeric(text: str) -> bool:
    return text.replace(".", "", 1).replace(",", "").replace("-", "", 1).strip("x%").isdigit()


def machine() -> str:
    """One line about the machine, the software and the code measured."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = psutil.virtual_memory().total / 2**30
    load = ", ".join(f"{x:.2f}" for x in psutil.getloadavg())
    names = ("pdfplumber", "pypdfium2", "spacy")
    versions = ", ".join(f"{name} {importlib.metadata.version(name)}" for name in names)
    return (
        f"{cpu}, {cores} cores, {memory:.0f} GB RAM, load average {load} at the end; "
        f"{platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {versions}; code {_commit()}"
    )


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}{' + uncommitted changes' if dirty else ''}" if head else "unknown"


def plans_table(timings: Sequence[PlanTiming]) -> str:
    """One row per file."""
    rows = [
        (
            t.group,
            t.name + (" (OCR)" if t.ocr else ""),
            t.pages,
            f"{1000 * t.check:.0f}",
            f"{1000 * t.pdfplumber:.0f}",
            f"{1000 * t.pdfium:.1f}",
            f"{t.vs_pdfplumber:.2f}",
            f"{t.vs_pdfium:.1f}",
        )
        for t in timings
    ]
    header = (
        "set",
        "file",
        "pages",
        "check ms",
        "pdfplumber ms",
        "pdfium ms",
        "/pdfplumber",
        "/pdfium",
    )
    return table(header, rows)


def plans_summary(timings: Sequence[PlanTiming]) -> tuple[str, float]:
    """Medians per set and over all; returns the table and the median ratio over all files."""
    rows = []
    overall = 0.0
    sets = (("real", ["real"]), ("fixtures", ["fixture"]), ("all", ["real", "fixture"]))
    for label, group in sets:
        chosen = [t for t in timings if t.group in group]
        if not chosen:
            continue
        ratio = statistics.median(t.vs_pdfplumber for t in chosen)
        overall = ratio if label == "all" else overall
        rows.append(
            (
                label,
                len(chosen),
                f"{1000 * statistics.median(t.check for t in chosen):.0f}",
                f"{1000 * statistics.median(t.pdfplumber for t in chosen):.0f}",
                f"{1000 * statistics.median(t.pdfium for t in chosen):.1f}",
                f"{ratio:.2f}",
                f"{statistics.median(t.vs_pdfium for t in chosen):.1f}",
                f"{sum(t.check for t in chosen):.2f}",
                f"{sum(t.pdfplumber for t in chosen):.2f}",
            )
        )
    header = (
        "set",
        "files",
        "median check ms",
        "median pdfplumber ms",
        "median pdfium ms",
        "median check/pdfplumber",
        "median check/pdfium",
        "sum check s",
        "sum pdfplumber s",
    )
    return table(header, rows), overall


def throughput_table(result: Throughput) -> str:
    peaks = result.worker_peaks_mb
    rows = [
        ("plans (six pages each)", f"{result.plans:,} ({result.pages:,} pages)"),
        ("worker processes", result.workers),
        ("wall time", f"{result.seconds:.1f} s"),
        ("plans per second", f"{result.plans_per_second:.1f}"),
        ("projected time for 1,000 plans", f"{result.projected_1000:.0f} s"),
        ("verdicts", ", ".join(f"{k} {v}" for k, v in result.verdicts.items())),
        (
            "peak RSS per worker",
            f"max {max(peaks):.0f} MB, median {median_peak(result):.0f} MB over the {len(peaks)} "
            "worker processes started (workers are recycled)"
            if peaks
            else "not sampled",
        ),
        ("generating the plans (once, cached)", f"{result.generate_seconds:.1f} s"),
    ]
    return table(("batch", "value"), rows)


def scaling_table(results: Sequence[Scaling]) -> str:
    rows = [
        (
            s.pages,
            f"{s.seconds:.2f}",
            f"{s.ms_per_page:.1f}",
            f"{s.warm_rss_mb:.0f}",
            f"{s.peak_rss_mb:.0f}",
            f"{s.growth_mb:.1f}",
            f"{s.kb_per_page:.0f}",
        )
        for s in results
    ]
    header = (
        "pages",
        "check s",
        "ms/page",
        "warm RSS MB",
        "peak RSS MB",
        "growth MB",
        "growth kB/page",
    )
    return table(header, rows)


def targets(ratio: float | None, batch: Throughput | None, scaling: Sequence[Scaling]) -> str:
    """Each target of issue 4 with the figure reached and whether it is met."""
    rows: list[tuple[str, str, str]] = []

    def add(name: str, reached: str, met: bool, stretch: bool = False) -> None:
        status = ("met (stretch too)" if stretch else "met") if met else "MISSED"
        rows.append((name, reached, status))

    if ratio is not None:
        add(
            f"median check / pdfplumber extract_text <= {RATIO_TARGET} (stretch {RATIO_STRETCH})",
            f"{ratio:.2f}",
            ratio <= RATIO_TARGET,
            ratio <= RATIO_STRETCH,
        )
    if batch is not None:
        add(
            f"1,000 six-page plans <= {BATCH_TARGET_SECONDS:.0f} s on all cores",
            f"{batch.projected_1000:.0f} s"
            + ("" if batch.plans >= 1000 else f" (projected from {batch.plans})"),
            batch.projected_1000 <= BATCH_TARGET_SECONDS,
        )
        if batch.worker_peaks_mb:
            peak = max(batch.worker_peaks_mb)
            add(
                f"peak RSS per worker <= {WORKER_RSS_TARGET_MB:.0f} MB",
                f"{peak:.0f} MB",
                peak <= WORKER_RSS_TARGET_MB,
            )
    longest = max(scaling, key=lambda s: s.pages, default=None)
    shortest = min(scaling, key=lambda s: s.pages, default=None)
    if longest is not None and shortest is not None:
        add(
            f"{longest.pages}-page document <= {LONG_TARGET_SECONDS:.0f} s",
            f"{longest.seconds:.1f} s",
            longest.seconds <= LONG_TARGET_SECONDS,
        )
        growth = longest.peak_rss_mb - shortest.peak_rss_mb
        add(
            f"memory flat in page count (peak RSS {shortest.pages} -> {longest.pages} pages "
            f"grows < {FLAT_MEMORY_MB:.0f} MB)",
            f"{shortest.peak_rss_mb:.0f} -> {longest.peak_rss_mb:.0f} MB (+{growth:.0f} MB)",
            growth < FLAT_MEMORY_MB,
        )
    return table(("target", "reached", "status"), rows)


def document(command: str, sections: Sequence[tuple[str, str]]) -> str:
    """RESULTS.md: when, where, how, then every section."""
    now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    head = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python -m benchmarks`); the latest full run replaces this file.",
        "",
        f"- date: {now}",
        f"- machine: {machine()}",
        f"- command: `{command}`",
        "",
    ]
    body = [f"## {title}\n\n{text}\n" for title, text in sections]
    return "\n".join(head) + "\n" + "\n".join(body)
