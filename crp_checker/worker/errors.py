"""The errors of worker processes, and how a check's error crosses the process boundary as JSON."""

from __future__ import annotations

import contextlib
import signal
from typing import Any

from crp_checker.errors import CRPError

EXIT_NO_MEMORY = 86  # a worker's exit code: the checker itself did not fit in the memory limit


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


def start_failure(exitcode: int | None, memory_mb: int) -> WorkerStartError:
    """The error for workers that keep dying before they are ready, by how they died."""
    if exitcode == EXIT_NO_MEMORY:
        return WorkerStartError(
            f"Worker processes run out of memory while loading the checker ({memory_mb} MB).",
            "Raise CRP_PARSE_MEMORY_MB: the checker itself needs about 300 MB.",
        )
    return WorkerStartError(
        f"Worker processes stop before they can check a plan ({exit_text(exitcode)})."
    )


def exit_text(exitcode: int | None) -> str:
    """A process's exit code for people: with the signal's name when a signal ended it."""
    if exitcode is not None and exitcode < 0:
        with contextlib.suppress(ValueError):
            return f"exit code {exitcode}, {signal.Signals(-exitcode).name}"
    return f"exit code {exitcode}"


def describe_error(exc: Exception) -> dict[str, Any]:
    """The error as JSON fields: class name (for CRPErrors), code, message, hint, HTTP status."""
    if isinstance(exc, CRPError):
        cls: str | None = _class_name(type(exc))
        code, message, hint, status = exc.code, exc.message, exc.hint, exc.http_status
    else:
        from crp_checker.report import error_parts

        cls, (code, message, hint) = None, error_parts(exc)
        status = 500 if code == "internal_error" else 422
    return {"cls": cls, "code": code, "message": message, "hint": hint, "status": status}


def rebuild_error(info: dict[str, Any]) -> CRPError:
    """The error a worker described, as the same CRPError class with the same message and hint.

    Only classes already imported here are used, and only CRPError's own constructor runs:
    replies are JSON, never pickles, so a worker subverted by a hostile file cannot run code
    in the parent.
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


def _class_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"
