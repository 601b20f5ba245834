"""The parent side of one worker process: give it a task, then ask how the task ended."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from dataclasses import dataclass
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any

from crp_checker.errors import CRPError, ParseTimeoutError, ResourceLimitError
from crp_checker.schemas import Assessment
from crp_checker.worker.errors import WorkerError, exit_text, rebuild_error
from crp_checker.worker.process import DONE, FAILED, READY, AssessFn, worker_main

_MAX_REPLY_BYTES = 64 * 2**20  # an Assessment is ~50 kB; more is a worker gone wrong


@dataclass(frozen=True)
class TaskResult:
    """How one task ended: an Assessment or the user's error; `retire`: replace the worker."""

    assessment: Assessment | None
    error: CRPError | None
    seconds: float
    retire: bool = False


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
        self.busy = False  # a task was sent and has no result yet
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
        except OSError:  # it died meanwhile: poll() reports the crash
            self._broken = True
        self.busy, self.started = True, time.monotonic()
        self.tasks += 1

    def poll(self, limit: float) -> TaskResult | None:
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
            return TaskResult(None, self._crash_error(), seconds, retire=True)
        if seconds >= limit:
            self.busy = False
            overrun = ParseTimeoutError(
                f"Reading the file took longer than {limit:g} seconds, so it was stopped."
            )
            return TaskResult(None, overrun, seconds, retire=True)
        return None

    def _read(self) -> bytes | None:
        """The task's reply, if it has come; READY only marks the worker ready."""
        try:
            while not self._stopped and not self._broken and self.conn.poll():
                message = self.conn.recv_bytes(_MAX_REPLY_BYTES)
                if message == READY and not self.ready:
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

    def _decode(self, message: bytes, seconds: float) -> TaskResult:
        try:
            if message[:1] == DONE:
                return TaskResult(Assessment.model_validate_json(message[1:]), None, seconds)
            if message[:1] == FAILED:
                info = json.loads(message[1:])
                return TaskResult(
                    None, rebuild_error(info), seconds, retire=info.get("retire") is True
                )
        except (ValueError, TypeError, KeyError, AttributeError):
            pass
        self.kill_now()
        failure = WorkerError("The worker checking this file sent back an unreadable reply.")
        return TaskResult(None, failure, seconds, retire=True)

    def _crash_error(self) -> CRPError:
        exitcode = self.process.exitcode
        if exitcode == -signal.SIGKILL and not self._killed:
            return ResourceLimitError(
                "The file needed more memory than the server could give, so it was stopped."
            )
        return WorkerError(
            f"The worker checking this file stopped unexpectedly ({exit_text(exitcode)}).",
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
