"""Checks many plans in worker processes, so one bad file can neither stop nor hang a batch.

Each worker is a long-lived process that checks one plan at a time. A plan that raises becomes
an error row; a worker that crashes or runs past the per-file time limit is killed and replaced,
and its plan becomes an error row too. Results come back in input order.
"""

from __future__ import annotations

import contextlib
import csv
import math
import multiprocessing
import os
import signal
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from crp_checker.errors import CRPError, ParseTimeoutError
from crp_checker.report import CSV_COLUMNS, csv_error_row, csv_row, error_parts
from crp_checker.schemas import Assessment
from crp_checker.settings import get_settings

PLAN_SUFFIXES = frozenset({".pdf", ".docx", ".html", ".htm", ".txt", ".md"})
AssessFn = Callable[..., Assessment]
_READY = "ready"
_MAX_FAILED_STARTS = 3


class BatchFileError(CRPError):
    """A plan in a batch that could not be checked, rebuilt from what its worker reported."""

    def __init__(self, message: str, hint: str | None = None, *, code: str = "unreadable") -> None:
        super().__init__(message, hint)
        self.code = code


class WorkerStartError(CRPError):
    """Worker processes die before they can check anything (a broken installation)."""

    code = "worker_failed"
    default_hint = "Run `crp-checker check` on one plan to see the error, then reinstall."


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


def pipeline_assess(source: str, **buyer: Any) -> Assessment:
    """The default work of a batch: the full pipeline (imported in the worker, not the CLI)."""
    from crp_checker.pipeline import assess

    return assess(source, **buyer)


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


# --------------------------------------------------------------------------- workers


def _worker_main(conn: Connection, assess_fn: AssessFn, buyer: dict[str, Any]) -> None:
    """A worker process: check the plans the parent sends until it sends None or goes away."""
    # Ctrl-C reaches the whole process group; the parent decides what stops, and kills us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if assess_fn is pipeline_assess:
        # Load the pipeline once, before the first plan's clock starts; if that fails, the
        # first plan reports the same error as its own.
        with contextlib.suppress(Exception):
            import crp_checker.pipeline  # noqa: F401
    conn.send(_READY)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        index, source = task
        try:
            reply: tuple[int, Assessment | None, tuple[str, str, str] | None] = (
                index,
                assess_fn(source, **buyer),
                None,
            )
        except Exception as exc:  # any failure is this plan's error row, never the batch's
            reply = (index, None, error_parts(exc))
        conn.send(reply)


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    task: tuple[int, str] | None = None
    started: float = 0.0


class _Pool:
    """A fixed number of worker processes; a dead or overdue worker is replaced."""

    def __init__(self, size: int, assess_fn: AssessFn, buyer: dict[str, Any], limit: float):
        # spawn, not fork: the parent runs a progress-bar thread, and forking a process with
        # threads can deadlock the child. Not forkserver either: it would import the pipeline
        # once for all workers, but a module that fails to import kills the server and with it
        # every worker, where spawn turns the same failure into one error row per plan.
        self._context = multiprocessing.get_context("spawn")
        self._assess_fn = assess_fn
        self._buyer = buyer
        self._limit = limit if limit > 0 else math.inf
        self._failed_starts = 0
        self._workers = [self._start() for _ in range(size)]

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, args=(child, self._assess_fn, self._buyer), daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def run(self, tasks: list[tuple[int, str]]) -> Iterator[tuple[int, BatchItem]]:
        """Hand out tasks to ready workers and yield each result as it arrives."""
        pending = deque(tasks)
        while pending or any(w.task for w in self._workers):
            for worker in self._workers:
                if worker.ready and worker.task is None and pending:
                    worker.task = pending.popleft()
                    worker.started = time.monotonic()
                    worker.conn.send(worker.task)
            deadlines = [w.started + self._limit for w in self._workers if w.task]
            timeout = min(deadlines, default=math.inf) - time.monotonic()
            handles = [w.conn for w in self._workers] + [w.process.sentinel for w in self._workers]
            wait(handles, None if timeout == math.inf else max(0.0, timeout))
            for worker in list(self._workers):
                done, item = self._collect(worker)
                if item is not None:
                    yield item
                if done:
                    self._retire(worker, replace=bool(pending))

    def _collect(self, worker: _Worker) -> tuple[bool, tuple[int, BatchItem] | None]:
        """Take a worker's reply, or notice that it died or overran: (retire it?, result)."""
        now = time.monotonic()
        try:
            reply = worker.conn.recv() if worker.conn.poll() else None
        except (EOFError, OSError):
            reply = None  # the worker died; its sentinel says so below
        if reply == _READY:
            worker.ready = True
            self._failed_starts = 0
            return False, None
        task = worker.task
        if reply is not None and task is not None:
            index, assessment, error = reply
            worker.task = None
            failure = BatchFileError(error[1], error[2], code=error[0]) if error else None
            return False, (index, BatchItem(task[1], assessment, failure, now - worker.started))
        if not worker.process.is_alive():
            if task is None and not worker.ready:
                self._failed_starts += 1
                if self._failed_starts >= _MAX_FAILED_STARTS:
                    raise WorkerStartError("Worker processes stop before they can check a plan.")
            if task is None:
                return True, None
            failure = BatchFileError(
                "The worker checking this file stopped unexpectedly "
                f"(exit code {worker.process.exitcode}).",
                "The file may be malformed or too large: open it to check, or export it "
                "again as PDF.",
                code="worker_crashed",
            )
            return True, (task[0], BatchItem(task[1], None, failure, now - worker.started))
        if task is not None and now - worker.started >= self._limit:
            overrun = ParseTimeoutError(
                f"Checking took longer than {self._limit:g} seconds, so it was stopped."
            )
            return True, (task[0], BatchItem(task[1], None, overrun, now - worker.started))
        return False, None

    def _retire(self, worker: _Worker, *, replace: bool) -> None:
        """Kill a dead or overdue worker and, while work remains, start another in its place."""
        _stop(worker.process, worker.conn, kill=True)
        self._workers.remove(worker)
        if replace:
            self._workers.append(self._start())

    def close(self) -> None:
        """Stop idle workers politely and kill busy ones (after an interrupt or an error)."""
        for worker in self._workers:
            _stop(worker.process, worker.conn, kill=worker.task is not None)
        self._workers.clear()


def _stop(process: BaseProcess, conn: Connection, *, kill: bool) -> None:
    if not kill and process.is_alive():
        try:
            conn.send(None)
            process.join(timeout=5)
        except (OSError, ValueError):
            pass
    if process.is_alive():
        process.kill()
        process.join(timeout=5)
    conn.close()
