"""Checks many plans in worker processes, so one bad file can neither stop nor hang a batch.

Each worker (see `crp_checker.worker`) is a long-lived process that checks one plan at a time
under the parse memory limit. A plan that raises becomes an error row; a worker that crashes,
runs out of memory or runs past the per-file time limit is killed and replaced, and its plan
becomes an error row too. Results come back in input order.
"""

from __future__ import annotations

import csv
import math
import multiprocessing
import os
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from crp_checker.errors import CRPError
from crp_checker.report import CSV_COLUMNS, csv_error_row, csv_row
from crp_checker.schemas import Assessment
from crp_checker.settings import get_settings
from crp_checker.worker import MAX_FAILED_STARTS, MAX_TASKS_PER_WORKER, Worker, start_failure
from crp_checker.worker import AssessFn as AssessFn
from crp_checker.worker import WorkerStartError as WorkerStartError
from crp_checker.worker import pipeline_assess as pipeline_assess

PLAN_SUFFIXES = frozenset({".pdf", ".docx", ".html", ".htm", ".txt", ".md"})


@dataclass(frozen=True)
class BatchItem:
    """One plan's outcome in a batch: an Assessment or the error that stopped it."""

    source: str
    assessment: Assessment | None
    error: CRPError | None
    seconds: float

    def csv_row(self) -> dict[str, str]:
        """This plan's row in the batch CSV."""
        if self.assessment is not None:
            return csv_row(self.assessment, source=self.source)
        assert self.error is not None
        return csv_error_row(self.source, self.error)


def collect_sources(path: Path) -> list[str]:
    """The plans a batch covers: a directory, searched recursively, or a list file.

    A list file holds one path or URL per line; blank lines and lines starting with # are
    skipped, and relative paths are read relative to the list file's folder.
    """
    if path.is_dir():
        return [
            str(p)
            for p in sorted(path.rglob("*"))
            if p.is_file()
            and p.suffix.lower() in PLAN_SUFFIXES
            and not p.name.startswith((".", "~$"))  # hidden files and Word lock files
        ]
    sources = []
    for raw in path.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "://" in line or Path(line).is_absolute():
            sources.append(line)
        else:
            sources.append(str(path.parent / line))
    return sources


def pool_size(workers: int, tasks: int) -> int:
    """How many worker processes to start: `workers` (0: one per usable CPU), at most `tasks`."""
    if workers <= 0:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 0
        workers = workers or os.cpu_count() or 1
    return max(1, min(workers, tasks))


def run_batch(
    sources: Sequence[str],
    *,
    workers: int | None = None,
    timeout: float | None = None,
    buyer: Mapping[str, Any] | None = None,
    assess_fn: AssessFn | None = None,
    on_result: Callable[[BatchItem], None] | None = None,
) -> list[BatchItem]:
    """Check every source in worker processes and return one item per source, in input order.

    `workers` and `timeout` default to the CRP_WORKERS and CRP_PER_FILE_TIMEOUT_SECONDS
    settings; a timeout of 0 means no limit. `buyer` holds buyer-setting overrides passed to
    each check. `assess_fn` must be importable by name (it is sent to the workers).
    `on_result` is called in this process as each plan finishes, in completion order.
    """
    settings = get_settings()
    limit = settings.per_file_timeout_seconds if timeout is None else timeout
    if not sources:
        return []
    size = pool_size(settings.workers if workers is None else workers, len(sources))
    results: list[BatchItem | None] = [None] * len(sources)
    pool = _Pool(size, assess_fn or pipeline_assess, dict(buyer or {}), limit)
    try:
        for index, item in pool.run(list(enumerate(sources))):
            results[index] = item
            if on_result is not None:
                on_result(item)
    finally:
        pool.close()
    return [item for item in results if item is not None]


def summarise(items: Sequence[BatchItem]) -> Counter[str]:
    """How many plans got each verdict, with failed plans counted under "error"."""
    return Counter(item.assessment.verdict.value if item.assessment else "error" for item in items)


def write_csv(items: Sequence[BatchItem], out: Path) -> None:
    """Write the batch CSV atomically, so a reader never sees half a file.

    UTF-8 with a byte-order mark, because that is what Excel needs to show names correctly.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
            writer.writeheader()
            writer.writerows(item.csv_row() for item in items)
        temporary.replace(out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- scheduling


class _Pool:
    """A fixed number of workers sharing a list of sources; a dead or overdue one is replaced."""

    def __init__(self, size: int, assess_fn: AssessFn, buyer: dict[str, Any], limit: float):
        # spawn, not fork: the parent runs a progress-bar thread, and forking a process with
        # threads can deadlock the child. Not forkserver either: it would import the pipeline
        # once for all workers, but a module that fails to import kills the server and with it
        # every worker, where spawn turns the same failure into one error row per plan.
        self._context = multiprocessing.get_context("spawn")
        self._assess_fn = assess_fn
        self._buyer = buyer
        self._limit = limit if limit > 0 else math.inf
        self._memory_mb = get_settings().parse_memory_mb
        self._failed_starts = 0
        self._workers = [self._start() for _ in range(size)]
        self._sources: dict[Worker, tuple[int, str]] = {}

    def _start(self) -> Worker:
        return Worker(self._context, self._assess_fn, self._memory_mb)

    def run(self, tasks: list[tuple[int, str]]) -> Iterator[tuple[int, BatchItem]]:
        """Hand out tasks to ready workers and yield each result as it arrives."""
        pending = deque(tasks)
        while pending or self._sources:
            for worker in self._workers:
                if worker.ready and not worker.busy and not worker.dead and pending:
                    self._sources[worker] = pending.popleft()
                    worker.submit((self._sources[worker][1],), self._buyer)
            deadline = min((w.started + self._limit for w in self._sources), default=math.inf)
            timeout = None if deadline == math.inf else max(0.0, deadline - time.monotonic())
            wait([handle for w in self._workers for handle in w.handles], timeout)
            for worker in list(self._workers):
                outcome = worker.outcome(self._limit)
                if worker.ready:
                    self._failed_starts = 0
                if outcome is not None:
                    index, source = self._sources.pop(worker)
                    yield (
                        index,
                        BatchItem(source, outcome.assessment, outcome.error, outcome.seconds),
                    )
                    if outcome.retire or worker.tasks >= MAX_TASKS_PER_WORKER:
                        self._retire(worker, replace=bool(pending))
                elif not worker.busy and worker.dead:  # a busy one reports its death next round
                    self._note_death(worker)
                    self._retire(worker, replace=bool(pending))

    def _note_death(self, worker: Worker) -> None:
        """A worker died without a task: count it if it never got ready (a broken install)."""
        if worker.ready:
            return
        self._failed_starts += 1
        if self._failed_starts >= MAX_FAILED_STARTS:
            raise start_failure(worker.process.exitcode, self._memory_mb)

    def _retire(self, worker: Worker, *, replace: bool) -> None:
        """Kill a dead or overdue worker and, while work remains, start another in its place."""
        worker.stop(kill=True)
        self._workers.remove(worker)
        if replace:
            self._workers.append(self._start())

    def close(self) -> None:
        """Stop idle workers politely and kill busy ones (after an interrupt or an error)."""
        for worker in self._workers:
            worker.stop(kill=worker.busy)
        self._workers.clear()
