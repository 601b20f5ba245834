"""Checks untrusted files in worker processes, so a hostile file can neither hang nor crash us.

A worker is a spawned process that applies its limits (memory, no core dumps, dies with its
parent), loads the checker once, then checks one file at a time (`process`). `Worker` is the
parent's handle on one process (`handle`); `WorkerPool` gives every door, through the checking
service (`crp_checker.checking`), a thread-safe, blocking `check()` (`pool`).
Replies come back as JSON, never as pickles (`errors`), so a worker subverted by a hostile
file cannot run code in the server.
"""

from crp_checker.worker.errors import BusyError, WorkerError, WorkerStartError, start_failure
from crp_checker.worker.handle import TaskResult, Worker
from crp_checker.worker.pool import MAX_FAILED_STARTS, MAX_TASKS_PER_WORKER, WorkerPool
from crp_checker.worker.process import AssessFn, pipeline_assess, worker_main

__all__ = [
    "MAX_FAILED_STARTS",
    "MAX_TASKS_PER_WORKER",
    "AssessFn",
    "BusyError",
    "TaskResult",
    "Worker",
    "WorkerError",
    "WorkerPool",
    "WorkerStartError",
    "pipeline_assess",
    "start_failure",
    "worker_main",
]
