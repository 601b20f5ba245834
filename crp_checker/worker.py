"""Checks untrusted files in worker processes, so a hostile file can neither hang nor crash us.

A worker is a spawned process that applies its limits (memory, no core dumps, dies with its
parent), loads the checker once, then checks one file at a time. `Worker` is the parent's
handle on one process; `WorkerPool` gives the web app a thread-safe, blocking `check()`, and
`crp-checker batch` schedules its files over `Worker`s. Replies come back as JSON, never as
pickles, so a worker subverted by a hostile file cannot run code in the server.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import math
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any

from crp_checker.errors import CRPError, ParseTimeoutError, ResourceLimitError, TooLargeError
from crp_checker.schemas import Assessment
from crp_checker.settings import get_settings

AssessFn = Callable[..., Assessment]
MAX_TASKS_PER_WORKER = 200  # then a fresh process, so slow leaks in parsers cannot pile up
_READY, _DONE, _FAILED = b"R", b"A", b"E"
_MAX_REPLY_BYTES = 64 * 2**20  # an Assessment is ~50 kB; more is a worker gone wrong
_EXIT_NO_MEMORY = 86  # the checker itself did not fit in the memory limit
MAX_FAILED_STARTS = 3
_PR_SET_PDEATHSIG = 1


class BusyError(CRPError):
    """Every worker stayed busy for longer than a caller may wait, or the pool is stopping."""

    code = "busy"
    http_status = 503
    default_hint = "Many files are being checked right now: try again in a minute."


class WorkerError(CRPError):
    """A check that failed in its worker in a way no more specific error class describes."""

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        code: str = "internal_error",
        status: int = 500,
    ) -> None:
        super().__init__(message, hint)
        self.code = code
        self.http_status = status


class WorkerStartError(CRPError):
    """Worker processes die before they can check anything (a broken installation)."""

    code = "worker_failed"
    http_status = 500
    default_hint = "Run `crp-checker check` on one plan to see the error, then reinstall."


@dataclass(frozen=True)
class Outcome:
    """How one task ended: an Assessment or the user's error; `retire`: replace the worker."""

    assessment: Assessment | None
    error: CRPError | None
    seconds: float
    retire: bool = False


def pipeline_assess(source: str | bytes, **options: Any) -> Assessment:
    """The default work: the full pipeline (imported in the worker, not in the parent)."""
    from crp_checker.pipeline import assess

    return assess(source, **options)


def start_failure(exitcode: int | None, memory_mb: int) -> WorkerStartError:
    """The error for workers that keep dying before they are ready, by how they died."""
    if exitcode == _EXIT_NO_MEMORY:
        return WorkerStartError(
            f"Worker processes run out of memory while loading the checker ({memory_mb} MB).",
            "Raise CRP_PARSE_MEMORY_MB: the checker itself needs about 300 MB.",
        )
    return WorkerStartError(
        f"Worker processes stop before they can check a plan ({_exit_text(exitcode)})."
    )


def _exit_text(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        with contextlib.suppress(ValueError):
            return f"exit code {exitcode}, {signal.Signals(-exitcode).name}"
    return f"exit code {exitcode}"


def _stopping() -> BusyError:
    return BusyError("The checker is stopping, so the file was not checked.")


def _wait(handles: list[Any], deadline: float) -> None:
    wait(handles, None if deadline == math.inf else max(0.0, deadline - time.monotonic()))


# --------------------------------------------------------------------------- the worker side


def worker_main(conn: Connection, assess_fn: AssessFn, memory_mb: int, parent: int) -> None:
    """A worker process: apply the limits, load the checker, then check files until told to stop."""
    _isolate(parent, memory_mb)
    if assess_fn is pipeline_assess:
        try:  # before the first file's clock starts
            from crp_checker import pipeline, report  # noqa: F401
            from crp_checker.nlp import get_nlp

            get_nlp()
        except Exception as exc:  # the first file reports the same error as its own
            if _out_of_memory(exc):
                os._exit(_EXIT_NO_MEMORY)
    conn.send_bytes(_READY)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        conn.send_bytes(_run(assess_fn, *task, memory_mb=memory_mb))


def _isolate(parent: int, memory_mb: int) -> None:
    """Limits for a process that reads hostile files; the first thing every worker does."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what stops, and kills us
    os.setpgid(0, 0)  # our own group, so a kill also reaches helpers we start (tesseract)
    if sys.platform.startswith("linux"):  # die with the server, even when it is SIGKILLed
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL))
    if os.getppid() != parent:  # the server died before prctl: nobody will send work
        os._exit(0)
    # One thread per worker: the pool is the parallelism, and BLAS threads reserve memory.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash must not write a bid to disk
    if memory_mb > 0:
        limit = memory_mb * 2**20
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _run(assess_fn: AssessFn, args: Any, kwargs: Any, *, memory_mb: int) -> bytes:
    """Check one file and encode the reply: an Assessment or a described error."""
    try:
        return _DONE + assess_fn(*args, **kwargs).model_dump_json().encode()
    except MemoryError:  # nothing to allocate here: memory may still be exhausted
        failure: dict[str, Any] = {}
    except Exception as exc:
        # Parsers turn whatever they raise into CorruptFileError, MemoryError included.
        failure = {} if _out_of_memory(exc) else _describe(exc)
    if not failure:  # out here the traceback, and what the check had allocated, is gone
        limit = f"the checker allows ({memory_mb} MB)" if memory_mb > 0 else "the server has"
        tight = ResourceLimitError(f"The file needed more memory than {limit}, so it was stopped.")
        failure = _describe(tight) | {"retire": True}
    return _FAILED + json.dumps(failure).encode()


def _out_of_memory(exc: BaseException) -> bool:
    """Whether the memory limit caused this error, however the code in between reworded it."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return any(
        isinstance(link, MemoryError)
        or (isinstance(link, OSError) and link.errno == errno.ENOMEM)
        or (isinstance(link, ImportError) and "failed to map segment" in str(link))  # dlopen
        for link in chain
    )


def _describe(exc: Exception) -> dict[str, Any]:
    """The error as JSON fields: class name (for CRPErrors), code, message, hint, HTTP status."""
    if isinstance(exc, CRPError):
        cls: str | None = _class_name(type(exc))
        code, message, hint, status = exc.code, exc.message, exc.hint, exc.http_status
    else:
        from crp_checker.report import error_parts

        cls, (code, message, hint) = None, error_parts(exc)
        status = 500 if code == "internal_error" else 422
    return {"cls": cls, "code": code, "message": message, "hint": hint, "status": status}


def _class_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _rebuild(info: dict[str, Any]) -> CRPError:
    """The error a worker described, as the same CRPError class with the same message and hint.

    Only classes already imported here are used, and only CRPError's own constructor runs.
    """
    code, message, hint, status = info["code"], info["message"], info["hint"], info["status"]
    if not all(isinstance(v, str) for v in (code, message, hint)) or type(status) is not int:
        raise ValueError("malformed error reply")
    known: dict[str, type[CRPError]] = {}
    pending: list[type[CRPError]] = [CRPError]
    while pending:
        cls = pending.pop()
        known[_class_name(cls)] = cls
        pending.extend(cls.__subclasses__())
    error_class = known.get(info["cls"]) if isinstance(info["cls"], str) else None
    if error_class is None:
        return WorkerError(message, hint, code=code, status=status)
    error = error_class.__new__(error_class)
    CRPError.__init__(error, message, hint)
    if error.code != code:
        error.code = code
    if error.http_status != status:
        error.http_status = status
    return error


# --------------------------------------------------------------------------- the parent side


class Worker:
    """One worker process seen from the parent: give it a task, then ask what happened."""

    def __init__(self, context: SpawnContext, assess_fn: AssessFn, memory_mb: int) -> None:
        ours, theirs = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=worker_main, args=(theirs, assess_fn, memory_mb, os.getpid()), daemon=True
        )
        self.process.start()
        theirs.close()
        self.conn = ours
        self.born = time.monotonic()
        self.ready = False  # it has loaded the checker and waits for work
        self.busy = False  # a task was sent and has no outcome yet
        self.started = 0.0
        self.tasks = 0
        self._killed = False  # by us: a SIGKILL we did not send is the out-of-memory killer
        self._broken = False  # its pipe closed or it broke the protocol
        self._stopped = False

    @property
    def handles(self) -> list[Any]:
        """What to `multiprocessing.connection.wait` on: a reply or the process ending."""
        return [self.conn, self.process.sentinel]

    @property
    def dead(self) -> bool:
        """The process has ended (crashed, killed or stopped)."""
        return self._stopped or not self.process.is_alive()

    def submit(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """Send one task to a ready, idle worker; its time limit counts from now."""
        try:
            self.conn.send((args, kwargs))
        except OSError:  # it died meanwhile: outcome() reports the crash
            self._broken = True
        self.busy, self.started = True, time.monotonic()
        self.tasks += 1

    def outcome(self, limit: float) -> Outcome | None:
        """How the current task ended (reply, crash or overrun); None while it runs in time.

        Also notices, with or without a task, that the worker became ready or died.
        """
        died = self.dead  # first: by now, a dead worker has sent all it ever will
        message = self._read()
        seconds = time.monotonic() - self.started
        if not self.busy:
            return None
        if message is not None:
            self.busy = False
            return self._decode(message, seconds)
        if died or self._broken:
            self.busy = False
            return Outcome(None, self._crash_error(), seconds, retire=True)
        if seconds >= limit:
            self.busy = False
            overrun = ParseTimeoutError(
                f"Reading the file took longer than {limit:g} seconds, so it was stopped."
            )
            return Outcome(None, overrun, seconds, retire=True)
        return None

    def _read(self) -> bytes | None:
        """The task's reply, if it has come; READY only marks the worker ready."""
        try:
            while not self._stopped and not self._broken and self.conn.poll():
                message = self.conn.recv_bytes(_MAX_REPLY_BYTES)
                if message == _READY and not self.ready:
                    self.ready = True
                elif self.busy:
                    return message
                else:
                    raise OSError("a reply nobody asked for")
        except (EOFError, OSError):  # it is dying (let it, to learn how) or broke the protocol
            self._broken = True
            self.process.join(timeout=1)
            if self.process.is_alive():
                self.kill_now()
                self.process.join(timeout=5)
        return None

    def _decode(self, message: bytes, seconds: float) -> Outcome:
        try:
            if message[:1] == _DONE:
                return Outcome(Assessment.model_validate_json(message[1:]), None, seconds)
            if message[:1] == _FAILED:
                info = json.loads(message[1:])
                return Outcome(None, _rebuild(info), seconds, retire=info.get("retire") is True)
        except (ValueError, TypeError, KeyError, AttributeError):
            pass
        self.kill_now()
        failure = WorkerError("The worker checking this file sent back an unreadable reply.")
        return Outcome(None, failure, seconds, retire=True)

    def _crash_error(self) -> CRPError:
        exitcode = self.process.exitcode
        if exitcode == -signal.SIGKILL and not self._killed:
            return ResourceLimitError(
                "The file needed more memory than the server could give, so it was stopped."
            )
        return WorkerError(
            f"The worker checking this file stopped unexpectedly ({_exit_text(exitcode)}).",
            "The file may be malformed or too large: open it to check, or export it again as PDF.",
            code="worker_crashed",
            status=422,
        )

    def kill_now(self) -> None:
        """Kill the process and anything it started; safe from any thread, touches no pipe."""
        if self.process.exitcode is not None or not self.process.pid:
            return  # reaped already: its pid may belong to someone else by now
        self._killed = True
        # Its process group exists once it ran _isolate, and cannot be ours.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(ValueError):
            self.process.kill()

    def stop(self, *, kill: bool) -> None:
        """End the process (politely if idle, at once if `kill`) and close its pipe."""
        if self._stopped:
            return
        if not kill and self.process.is_alive():
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
                self.process.join(timeout=5)
        if self.process.is_alive():
            self.kill_now()
            self.process.join(timeout=5)
        self._stopped = True
        self.conn.close()


class WorkerPool:
    """Warm workers for the web app; `check()` blocks the calling thread, never the server.

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

    def check(self, data: bytes, *, name: str, url: str | None = None, **buyer: Any) -> Assessment:
        """Check one uploaded file in a worker; raises the CRPError it deserves, as in-process."""
        if len(data) > self.max_file_bytes:
            limit = f"{self.max_file_bytes / 1e6:.0f} MB"
            raise TooLargeError(f"{name!r} is over the size limit of {limit}.")
        outcome = self.run((data,), {"name": name, "url": url, **buyer})
        if outcome.error is not None:
            raise outcome.error
        assert outcome.assessment is not None
        return outcome.assessment

    def run(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Outcome:
        """Run `assess_fn(*args, **kwargs)` in a free worker and say how it ended."""
        worker = self._acquire()
        outcome: Outcome | None = None
        try:
            while not self._warm(worker):
                worker = self._swap(worker)
            worker.submit(args, kwargs)
            while (outcome := worker.outcome(self.timeout)) is None:
                _wait(worker.handles, worker.started + self.timeout)
            if self._closed and outcome.error is not None:
                raise _stopping()
            return outcome
        finally:
            retire = outcome is None or outcome.retire or worker.tasks >= self.max_tasks
            self._release(worker, retire=retire)

    def wait_ready(self, timeout: float) -> bool:
        """Wait until every idle worker has loaded the checker (for start-up and tests)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self._closed:
                for worker in self._idle:
                    worker.outcome(self.timeout)
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
                worker.outcome(self.timeout)  # notices READY, and deaths while idle
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
            worker.outcome(self.timeout)
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
