"""Checks many plans in the worker pool, so one bad file can neither stop nor hang a batch.

A plan that raises becomes an error row; a worker that crashes, runs out of memory or runs
past the per-file time limit is killed and replaced (`worker.WorkerPool`), and its plan
becomes an error row too. The rows come out in input order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from crp_checker.checking import Checked, CheckingService, in_order, workers_for
from crp_checker.report import CSV_COLUMNS, csv_error_row, csv_row
from crp_checker.report.tabular import write_csv_file
from crp_checker.settings import get_settings
from crp_checker.worker import AssessFn

PLAN_SUFFIXES = frozenset({".pdf", ".docx", ".html", ".htm", ".txt", ".md"})


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


def batch_service(
    tasks: int,
    *,
    workers: int | None = None,
    timeout: float | None = None,
    assess_fn: AssessFn | None = None,
) -> CheckingService:
    """The checking service for a batch of `tasks` plans: CRP_WORKERS workers (0: one per
    CPU, never more than plans) and CRP_PER_FILE_TIMEOUT_SECONDS per plan (0: no limit)."""
    settings = get_settings()
    size = workers_for(settings.workers if workers is None else workers, tasks)
    limit = settings.per_file_timeout_seconds if timeout is None else timeout
    return CheckingService.isolated(workers=size, timeout=limit, assess_fn=assess_fn)


def run_batch(
    sources: Sequence[str],
    *,
    workers: int | None = None,
    timeout: float | None = None,
    buyer: Mapping[str, Any] | None = None,
    assess_fn: AssessFn | None = None,
) -> list[Checked]:
    """Check every source in worker processes; one outcome per source, in input order."""
    if not sources:
        return []
    with batch_service(len(sources), workers=workers, timeout=timeout, assess_fn=assess_fn) as s:
        return in_order(s.check_many(sources, **(buyer or {})))


def summarise(items: Sequence[Checked]) -> Counter[str]:
    """How many plans got each verdict, with failed plans counted under "error"."""
    return Counter(item.assessment.verdict.value if item.assessment else "error" for item in items)


def batch_row(item: Checked) -> dict[str, str]:
    """One plan's row in the batch CSV: its results, or its error."""
    if item.assessment is not None:
        return csv_row(item.assessment, source=item.source)
    assert item.error is not None
    return csv_error_row(item.source, item.error)


def write_csv(items: Sequence[Checked], out: Path) -> None:
    """The batch CSV, one row per plan, written atomically."""
    write_csv_file(out, CSV_COLUMNS, map(batch_row, items))
