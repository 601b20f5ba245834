"""One road into the pipeline: every door checks plans through a `CheckingService`.

The web pages and API, `check`, `batch`, `batch --register`, the supplier screening and
`reassess` hand it paths, web addresses or plans' bytes. It fetches addresses with ingest's
guarded fetcher (so the bytes can be stored), runs each check in its `Checker` and says how
each ended. The Checker is the one isolated worker pool (`worker.WorkerPool`) wherever a file
is untrusted; the CLI's own files and the tests may check in-process (`InlineChecker`).
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Protocol

from crp_checker.ingest.fetch import Plan, fetch_plan, is_url
from crp_checker.schemas import Assessment
from crp_checker.settings import Settings, get_settings
from crp_checker.worker import AssessFn, WorkerPool, WorkerStartError

Source = str | Plan  # a path, a web address, or a plan's bytes


class Checker(Protocol):
    """Runs one check: the worker pool, or in-process for trusted files and tests."""

    def check(
        self, source: str | bytes, *, name: str | None = None, url: str | None = None, **buyer: Any
    ) -> Assessment: ...

    def close(self) -> None: ...


class InlineChecker:
    """Checks in the calling process: for the CLI's own files and tests, never for uploads."""

    def check(
        self, source: str | bytes, *, name: str | None = None, url: str | None = None, **buyer: Any
    ) -> Assessment:
        """The pipeline, here."""
        from crp_checker import pipeline  # looked up at call time, so tests can stand in

        return pipeline.assess(source, name=name, url=url, **buyer)

    def close(self) -> None:
        """Nothing to stop."""


@dataclass(frozen=True)
class Task:
    """A plan to check with buyer settings of its own (re-assessment keeps each plan's)."""

    source: Source
    buyer: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Checked:
    """How one plan's check ended: its Assessment, or the error that stopped it.

    `index` is its place in the list given to `check_many`; `plan` holds the bytes checked
    when they were given or fetched, so the caller can store them.
    """

    index: int
    source: str
    assessment: Assessment | None
    error: Exception | None
    seconds: float
    plan: Plan | None = None


def workers_for(workers: int, tasks: int) -> int:
    """How many worker processes to start: `workers` (0: one per usable CPU), at most `tasks`."""
    if workers <= 0:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 0
        workers = workers or os.cpu_count() or 1
    return max(1, min(workers, tasks))


class CheckingService:
    """Fetches and checks plans, one at a time or many at once with results as they finish."""

    def __init__(
        self, checker: Checker | None = None, *, settings: Settings | None = None, threads: int = 1
    ) -> None:
        """`checker` defaults to in-process checking; `threads` is how many checks run at once
        in `check_many` (the pool's size: more would only queue for a worker)."""
        self.checker: Checker = checker or InlineChecker()
        self.settings = settings or get_settings()
        self.threads = max(1, threads)

    @classmethod
    def isolated(
        cls,
        settings: Settings | None = None,
        *,
        workers: int | None = None,
        timeout: float | None = None,
        assess_fn: AssessFn | None = None,
    ) -> CheckingService:
        """A service over a new worker pool; limits default to the parse settings.

        `assess_fn` (for tests) must be importable by name, as it is sent to the workers.
        """
        settings = settings or get_settings()
        pool = WorkerPool(
            workers=settings.parse_workers if workers is None else workers,
            timeout=settings.parse_timeout_seconds if timeout is None else timeout,
            memory_mb=settings.parse_memory_mb,
            assess_fn=assess_fn,
        )
        return cls(pool, settings=settings, threads=pool.size)

    def __enter__(self) -> CheckingService:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the checker's workers (their callers get BusyError)."""
        self.checker.close()

    def fetch(self, url: str) -> Plan:
        """A published plan's bytes, name and final address (guarded, bounded in size and time)."""
        return fetch_plan(url, self.settings)

    def check_one(self, source: Source, *, url: str | None = None, **buyer: Any) -> Assessment:
        """Check one plan; raises the CRPError it deserves. A web address is fetched first.

        `url` is where the plan is published, when known and not the source itself.
        """
        if isinstance(source, str) and is_url(source):
            source = self.fetch(source)
        if isinstance(source, Plan):
            return self.checker.check(source.data, name=source.name, url=source.url or url, **buyer)
        return self.checker.check(source, url=url, **buyer)

    def check_many(self, sources: Iterable[Source | Task], **buyer: Any) -> Iterator[Checked]:
        """Check every source and yield each outcome as it finishes (see `Checked.index`).

        Sources are taken as checks free up, so a generator may read stored plans lazily. A
        plan that cannot be read, crashes its worker or overruns becomes a `Checked` with its
        error, and the others go on; workers that cannot start at all raise WorkerStartError,
        as no plan could be checked. Stopping early (an interrupt, or closing the iterator)
        abandons the plans not started.
        """
        tasks = enumerate(item if isinstance(item, Task) else Task(item) for item in sources)
        if self.threads == 1:
            for index, task in tasks:
                yield self._checked(index, task, buyer)
            return
        executor = ThreadPoolExecutor(self.threads, thread_name_prefix="crp-check")
        pending: set[Future[Checked]] = set()
        try:
            while True:
                # Twice the workers in flight: each freed worker finds its next plan waiting.
                for index, task in itertools.islice(tasks, 2 * self.threads - len(pending)):
                    pending.add(executor.submit(self._checked, index, task, buyer))
                if not pending:
                    return
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        finally:
            executor.shutdown(wait=False, cancel_futures=True)

    def _checked(self, index: int, task: Task, buyer: Mapping[str, Any]) -> Checked:
        """One check, its error caught (except a pool that cannot start) and timed."""
        started = time.monotonic()
        source = task.source
        label = source.name if isinstance(source, Plan) else source
        plan = source if isinstance(source, Plan) else None
        try:
            if isinstance(source, str) and is_url(source):
                plan = self.fetch(source)
            assessment = self.check_one(plan or source, **{**buyer, **task.buyer})
        except WorkerStartError:
            raise
        except Exception as error:  # one plan's failure, bugs included, never stops the rest
            return Checked(index, label, None, error, time.monotonic() - started, plan)
        return Checked(index, label, assessment, None, time.monotonic() - started, plan)


def in_order(results: Iterable[Checked]) -> list[Checked]:
    """The outcomes of `check_many` in the order the sources were given."""
    return sorted(results, key=lambda checked: checked.index)


__all__ = [
    "Checked",
    "Checker",
    "CheckingService",
    "InlineChecker",
    "Plan",
    "Source",
    "Task",
    "in_order",
    "workers_for",
]
