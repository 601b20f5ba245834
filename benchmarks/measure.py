"""Timing and memory helpers: medians over repeats, and peak RSS of this process or its workers."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import psutil

MB = 1024 * 1024


def median_seconds(work: Callable[[], object], repeats: int) -> float:
    """Median wall time of `work` over `repeats` runs."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def peak_rss(pid: int) -> int | None:
    """The kernel's high-water mark of a process's RSS (Linux VmHWM), in bytes; None elsewhere."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def reset_peak_rss() -> bool:
    """Reset this process's VmHWM so a later `peak_rss` covers only what follows (Linux)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class ChildMemory:
    """Samples the RSS of this process's worker children while a batch runs (psutil + VmHWM).

    Sampling alone can miss a short spike; on Linux the kernel's high-water mark is read at
    every sample too, so the last reading before a worker exits is its true peak.
    """

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._me = psutil.Process()

    def _sample(self) -> None:
        for child in self._me.children(recursive=True):
            try:
                if "resource_tracker" in " ".join(child.cmdline()):
                    continue
                rss = max(child.memory_info().rss, peak_rss(child.pid) or 0)
            except (psutil.Error, OSError):
                continue
            self.peaks[child.pid] = max(self.peaks.get(child.pid, 0), rss)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> ChildMemory:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
