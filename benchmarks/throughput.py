"""Batch throughput: generated six-page plans through `crp-checker batch`'s scheduler, all cores."""

from __future__ import annotations

import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.generate import plan_files
from benchmarks.measure import MB, ChildMemory


@dataclass(frozen=True)
class Throughput:
    """One batch run: how many plans, how long, what came out, how much memory each worker took."""

    plans: int
    pages: int
    workers: int
    seconds: float
    generate_seconds: float
    verdicts: dict[str, int]
    worker_peaks_mb: list[float]

    @property
    def plans_per_second(self) -> float:
        return self.plans / self.seconds

    @property
    def projected_1000(self) -> float:
        """Seconds for 1,000 plans at this rate (for --quick runs)."""
        return 1000 / self.plans_per_second


def run(cache: Path, count: int, workers: int, buyer: dict[str, Any]) -> Throughput:
    """Generate (once) and check `count` six-page plans with `workers` processes (0: all cores)."""
    from crp_checker.batch import run_batch
    from crp_checker.checking import workers_for

    started = time.perf_counter()
    paths = plan_files(cache / "plans-6p", count, workers_for(workers, count))
    generated = time.perf_counter() - started
    with ChildMemory() as memory:
        started = time.perf_counter()
        items = run_batch([str(p) for p in paths], workers=workers, buyer=buyer)
        seconds = time.perf_counter() - started
    verdicts = Counter(
        item.assessment.verdict.value if item.assessment else f"error: {item.error}"
        for item in items
    )
    pages = sum(item.assessment.pages for item in items if item.assessment)
    peaks = sorted(round(v / MB, 1) for v in memory.peaks.values())
    return Throughput(
        plans=len(items),
        pages=pages,
        workers=workers_for(workers, count),
        seconds=seconds,
        generate_seconds=generated,
        verdicts=dict(verdicts.most_common()),
        worker_peaks_mb=peaks,
    )


def median_peak(result: Throughput) -> float:
    """The median worker's peak RSS in MB (0 when none was sampled)."""
    return statistics.median(result.worker_peaks_mb) if result.worker_peaks_mb else 0.0
