"""Scaling: one long document checked in a fresh process, for time and memory per page.

A fresh process per document keeps the peak RSS of one size from hiding another's. The process
builds the pipeline and checks a six-page plan first, so only the long document's own cost is
counted: its time, and its peak RSS above that warm baseline.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from benchmarks.generate import long_file, plan_files
from benchmarks.measure import MB, peak_rss, reset_peak_rss


@dataclass(frozen=True)
class Scaling:
    """Time and memory of one long document."""

    pages: int
    seconds: float
    warm_rss_mb: float
    peak_rss_mb: float

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / self.pages

    @property
    def growth_mb(self) -> float:
        """Peak RSS above the warm process, in MB."""
        return self.peak_rss_mb - self.warm_rss_mb

    @property
    def kb_per_page(self) -> float:
        return 1024 * self.growth_mb / self.pages


def _measure(path: str, warm: str, repeats: int, buyer: dict[str, Any]) -> tuple[float, int, int]:
    """In the fresh process: (median seconds, warm RSS, peak RSS) for checking `path`."""
    from crp_checker.pipeline import assess

    assess(warm, **buyer)
    assess(warm, **buyer)
    warm_rss = psutil.Process().memory_info().rss
    if not reset_peak_rss():
        warm_rss = peak_rss(os.getpid()) or warm_rss
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        assess(path, **buyer)
        times.append(time.perf_counter() - started)
    peak = peak_rss(os.getpid()) or psutil.Process().memory_info().rss
    return statistics.median(times), warm_rss, peak


def run(cache: Path, pages: int, repeats: int, buyer: dict[str, Any]) -> Scaling:
    """Check the `pages`-page document in a fresh process."""
    path = long_file(cache / "long", pages)
    warm = plan_files(cache / "plans-6p", 1, 1)[0]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        seconds, warm_rss, peak = pool.submit(
            _measure, str(path), str(warm), repeats, buyer
        ).result()
    return Scaling(pages=pages, seconds=seconds, warm_rss_mb=warm_rss / MB, peak_rss_mb=peak / MB)
