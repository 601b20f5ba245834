"""`batch --register`: re-check every supplier in the register that publishes its CRP at a URL.

The same screening as the Suppliers page (crp_checker.suppliers.screening): each plan is
fetched with the guarded fetcher, checked in the isolated worker pool, stored and linked to its
supplier, so the dashboard and each supplier's history pick it up. A register file, when given,
is imported first (re-importing updates rather than duplicates).
"""

from __future__ import annotations

import csv
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from crp_checker.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    report_failure,
    stderr_console,
    store_session,
)
from crp_checker.errors import CRPError

RESULT_COLUMNS = ("supplier", "url", "verdict", "score", "report", "error")


def _import(register_file: Path) -> None:
    from crp_checker.suppliers import import_register

    with store_session() as session:
        result = import_register(session, register_file.read_bytes(), register_file.name)
    typer.echo(
        f"Register {register_file.name}: {result.created} new, {result.updated} updated, "
        f"{result.unchanged} unchanged, {len(result.errors)} rows refused."
    )
    for line, message in result.errors:
        typer.echo(f"  line {line}: {message}", err=True)


def _write_results(rows: list[dict[str, str]], out: Path) -> None:
    """Atomically, like batch's CSV: a reader never sees half a file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=RESULT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    Path(temp).replace(out)


def screen_register(register_file: Path | None, out: Path | None, workers: int | None) -> None:
    """Import the register (if given), then check every supplier with a CRP URL."""
    from crp_checker.settings import get_settings
    from crp_checker.store import get_engine
    from crp_checker.suppliers.screening import Screened, Target, screen_one, screening_targets
    from crp_checker.web.checking import fetch_plan
    from crp_checker.worker import WorkerPool

    if register_file is not None:
        _import(register_file)
    with store_session() as session:
        targets = screening_targets(session)
    if not targets:
        typer.echo("No supplier in the register has a CRP URL: nothing to check.")
        raise typer.Exit(EXIT_OK)
    settings = get_settings()
    size = max(1, workers or settings.parse_workers)
    started = time.monotonic()
    console = stderr_console()
    columns = (TextColumn("Screening"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    results: list[Screened] = []
    try:
        with (
            WorkerPool(workers=size) as pool,
            Progress(*columns, console=console, disable=not console.is_terminal) as progress,
        ):
            task = progress.add_task("suppliers", total=len(targets))

            def one(target: Target) -> Screened:
                screened = screen_one(
                    get_engine(),
                    target,
                    lambda url: fetch_plan(url, settings),
                    lambda data, name, url: pool.check(data, name=name, url=url),
                    None,
                )
                progress.advance(task)
                return screened

            with ThreadPoolExecutor(max_workers=size) as threads:
                results = list(threads.map(one, targets))
    except CRPError as error:  # the workers could not start
        raise typer.Exit(report_failure("register", error)) from None
    failed = [r for r in results if r.error]
    if out is not None:
        _write_results(
            [
                {
                    "supplier": r.name,
                    "url": r.url,
                    "verdict": r.verdict or "",
                    "score": "" if r.score is None else str(r.score),
                    "report": f"/reports/{r.public_id}" if r.public_id else "",
                    "error": r.error or "",
                }
                for r in results
            ],
            out,
        )
    for r in failed:
        typer.echo(f"crp-checker: {r.name} ({r.url!r}): {r.error}", err=True)
    typer.echo(
        f"Screened {len(results)} suppliers in {time.monotonic() - started:.1f} s: "
        f"{len(results) - len(failed)} checked and stored, {len(failed)} could not be checked."
        + (f" Results: {out}" if out else "")
    )
    raise typer.Exit(EXIT_UNREADABLE if failed else EXIT_OK)
