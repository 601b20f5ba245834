"""The child side: a worker process applies its limits, loads the checker, then checks files.

The parent sends `(args, kwargs)` tasks (or None: stop); the worker answers each with bytes,
READY once, then DONE + the Assessment's JSON or FAILED + the error's JSON.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import resource
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from crp_checker.errors import ResourceLimitError
from crp_checker.schemas import Assessment
from crp_checker.worker.errors import EXIT_NO_MEMORY, describe_error

AssessFn = Callable[..., Assessment]
READY, DONE, FAILED = b"R", b"A", b"E"
_PR_SET_PDEATHSIG = 1


def pipeline_assess(source: str | bytes, **options: Any) -> Assessment:
    """The default work: the full pipeline (imported in the worker, not in the parent)."""
    from crp_checker.pipeline import assess

    return assess(source, **options)


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
                os._exit(EXIT_NO_MEMORY)
    conn.send_bytes(READY)
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
        return DONE + assess_fn(*args, **kwargs).model_dump_json().encode()
    except MemoryError:  # nothing to allocate here: memory may still be exhausted
        failure: dict[str, Any] = {}
    except Exception as exc:
        # Parsers turn whatever they raise into CorruptFileError, MemoryError included.
        failure = {} if _out_of_memory(exc) else describe_error(exc)
    if not failure:  # out here the traceback, and what the check had allocated, is gone
        limit = f"the checker allows ({memory_mb} MB)" if memory_mb > 0 else "the server has"
        tight = ResourceLimitError(f"The file needed more memory than {limit}, so it was stopped.")
        failure = describe_error(tight) | {"retire": True}
    return FAILED + json.dumps(failure).encode()


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
