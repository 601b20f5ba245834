"""Warm worker processes behind a thread-safe, blocking `check()`: the one pool every door uses."""

from __future__ import annotations

import math
import multiprocessing
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import wait
from typing import Any

from crp_checker.errors import TooLargeError
from crp_checker.formatting import megabytes
from crp_checker.schemas import Assessment
from crp_checker.settings import get_settings
from crp_checker.worker.errors import BusyError, start_failure
from crp_checker.worker.handle import TaskResult, Worker
from crp_checker.worker.process import AssessFn, pipeline_assess

MAX_TASKS_PER_WORKER = 200  # then a fresh process, so slow leaks in parsers cannot pile up
MAX_FAILED_STARTS = 3


def _stopping() -> BusyError:
    return BusyError("The checker is stopping, so the file was not checked.")


def _wait(handles: list[Any], deadline: float) -> None:
    wait(handles, None if deadline == math.inf else max(0.0, deadline - time.monotonic()))


class WorkerPool:
    """Warm workers; `check()` blocks the calling thread, never the server.

    Up to `workers` files are checked at once; other callers wait up to `queue_timeout`
    seconds for a free worker, then get BusyError. A worker that overruns, runs out of memory
    or crashes is replaced, and so is every worker after `max_tasks` files.
    """

    def __init__(
        self,
        *,
        workers: int | None = None,
        timeout: float | None = None,
        memory_mb: int | None = None,
        queue_timeout: float = 30.0,
        start_timeout: float = 120.0,
        max_tasks: int = MAX_TASKS_PER_WORKER,
        assess_fn: AssessFn | None = None,
    ) -> None:
        """Start the workers (they warm up in the background); limits default to settings.

        `assess_fn` must be importable by name, as it is sent to the workers.
        """
        settings = get_settings()
        self.size = max(1, settings.parse_workers if workers is None else workers)
        limit = settings.parse_timeout_seconds if timeout is None else timeout
        self.timeout = limit if limit > 0 else math.inf
        self.memory_mb = settings.parse_memory_mb if memory_mb is None else memory_mb
        self.max_file_bytes = settings.max_file_bytes
        self.queue_timeout, self.start_timeout = queue_timeout, start_timeout
        self.max_tasks = max_tasks
        self._assess_fn = assess_fn or pipeline_assess
        self._context = multiprocessing.get_context("spawn")
        # Linux's "die with your parent" follows the thread that started a worker, and web
        # threadpools retire idle threads: so one long-lived thread starts them all.
        self._starter = ThreadPoolExecutor(1, thread_name_prefix="crp-worker-start")
        self._cond = threading.Condition()
        self._closed = False
        self._failed_starts = 0
        self._busy: set[Worker] = set()
        with self._cond:
            self._idle = [self._spawn() for _ in range(self.size)]

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def check(
        self, source: str | bytes, *, name: str | None = None, url: str | None = None, **buyer: Any
    ) -> Assessment:
        """Check one file (its bytes, or a path the worker reads) in a worker; raises the
        CRPError it deserves, as in-process."""
        if isinstance(source, bytes) and len(source) > self.max_file_bytes:
            limit = megabytes(self.max_file_bytes)
            raise TooLargeError(f"{name!r} is over the size limit of {limit}.")
        result = self.run((source,), {"name": name, "url": url, **buyer})
        if result.error is not None:
            raise result.error
        assert result.assessment is not None
        return result.assessment

    def run(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> TaskResult:
        """Run `assess_fn(*args, **kwargs)` in a free worker and say how it ended."""
        worker = self._acquire()
        result: TaskResult | None = None
        try:
            while not self._warm(worker):
                worker = self._swap(worker)
            worker.submit(args, kwargs)
            while (result := worker.poll(self.timeout)) is None:
                _wait(worker.handles, worker.started + self.timeout)
            if self._closed and result.error is not None:
                raise _stopping()
            return result
        finally:
            retire = result is None or result.retire or worker.tasks >= self.max_tasks
            self._release(worker, retire=retire)

    def wait_ready(self, timeout: float) -> bool:
        """Wait until every idle worker has loaded the checker (for start-up and tests)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self._closed:
                for worker in self._idle:
                    worker.poll(self.timeout)
                if all(worker.ready for worker in self._idle):
                    return True
                if time.monotonic() >= deadline:
                    break
                self._cond.wait(min(0.05, max(0.0, deadline - time.monotonic())))
        return False

    def close(self) -> None:
        """Stop idle workers politely and kill busy ones (their callers get BusyError)."""
        with self._cond:
            if self._closed:
                return
            self._closed = True
            idle, self._idle = self._idle, []
            for worker in self._busy:
                worker.kill_now()  # its caller's thread owns the pipe and cleans up
            self._cond.notify_all()
        for worker in idle:
            worker.stop(kill=False)
        self._starter.shutdown(wait=True)

    def _spawn(self) -> Worker:
        """A new worker; call with the lock held, so close() cannot stop the starter meanwhile."""
        if self._closed:
            raise _stopping()
        return self._starter.submit(Worker, self._context, self._assess_fn, self.memory_mb).result()

    def _acquire(self) -> Worker:
        """A free worker, warm ones first; BusyError when none frees up in time."""
        deadline = time.monotonic() + self.queue_timeout
        with self._cond:
            while not self._idle and not self._closed:
                if time.monotonic() >= deadline:
                    raise BusyError(
                        f"The checker is busy: no worker was free within {self.queue_timeout:g} "
                        "seconds, so the file was not checked."
                    )
                self._cond.wait(deadline - time.monotonic())
            if self._closed:
                raise _stopping()
            for worker in self._idle:
                worker.poll(self.timeout)  # notices READY, and deaths while idle
            warm = [w for w in self._idle if w.ready and not w.dead]
            worker = (warm or self._idle)[0]
            self._idle.remove(worker)
            self._busy.add(worker)
            return worker

    def _warm(self, worker: Worker) -> bool:
        """Wait for the worker to load the checker: False if it died or hung doing so."""
        deadline = worker.born + self.start_timeout
        while not worker.ready and not worker.dead and time.monotonic() < deadline:
            _wait(worker.handles, deadline)
            worker.poll(self.timeout)
        if self._closed:
            raise _stopping()
        warm = worker.ready and not worker.dead
        if warm or not worker.ready:  # a warm worker that died while idle is not a failed start
            with self._cond:
                self._failed_starts = 0 if warm else self._failed_starts + 1
                if self._failed_starts >= MAX_FAILED_STARTS:
                    self._failed_starts = 0
                    worker.stop(kill=True)
                    raise start_failure(worker.process.exitcode, self.memory_mb)
        return warm

    def _swap(self, worker: Worker) -> Worker:
        worker.stop(kill=True)
        with self._cond:
            fresh = self._spawn()
            self._busy.discard(worker)
            self._busy.add(fresh)
        return fresh

    def _release(self, worker: Worker, *, retire: bool) -> None:
        """Take the worker back, or start a fresh one in its place, and wake a waiting caller."""
        if retire or self._closed:
            worker.stop(kill=True)
        with self._cond:
            self._busy.discard(worker)
            if not self._closed:
                self._idle.append(self._spawn() if retire else worker)
                self._cond.notify()
