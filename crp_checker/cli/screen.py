"""`batch --register`: re-check every supplier in the register that publishes its CRP at a URL.

The same screening as the Suppliers page (crp_checker.suppliers.screening): each plan is
fetched and checked by the checking service (guarded fetcher, isolated worker pool), stored
and linked to its supplier, so the dashboard and each supplier's history pick it up. A register
file, when given, is imported first (re-importing updates rather than duplicates).
"""

from __future__ import annotations

import time
from pathlib import Path

import typer

from crp_checker.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    report_failure,
    store_session,
    with_progress,
)
from crp_checker.cli.register import import_file
from crp_checker.errors import CRPError
from crp_checker.report.tabular import write_csv_file

RESULT_COLUMNS = ("supplier", "url", "verdict", "score", "unchanged", "report", "error")


def screen_register(register_file: Path | None, out: Path | None, workers: int | None) -> None:
    """Import the register (if given), then check every supplier with a CRP URL."""
    from crp_checker.checking import CheckingService
    from crp_checker.settings import get_settings
    from crp_checker.store import get_engine
    from crp_checker.suppliers.screening import Screened, screen, suppliers_to_screen

    if register_file is not None:
        import_file(register_file)
    with store_session() as session:
        suppliers = suppliers_to_screen(session)
    if not suppliers:
        if out is not None:
            write_csv_file(out, RESULT_COLUMNS, [])
        typer.echo(
            "No supplier in the register has a CRP URL: nothing to check."
            + (f" Results (none): {out}" if out else "")
        )
        raise typer.Exit(EXIT_OK)
    started = time.monotonic()
    results: list[Screened] = []
    try:
        with CheckingService.isolated(
            workers=max(1, workers or get_settings().parse_workers)
        ) as service:
            screened = screen(service, get_engine(), suppliers, None)
            results = list(with_progress(screened, "Screening", len(suppliers)))
    except CRPError as error:  # the workers could not start
        raise typer.Exit(report_failure("register", error)) from None
    failed = [r for r in results if r.error]
    if out is not None:
        write_csv_file(
            out,
            RESULT_COLUMNS,
            (
                {
                    "supplier": r.name,
                    "url": r.url,
                    "verdict": r.verdict,
                    "score": r.score,
                    "unchanged": "yes" if r.unchanged else "",
                    "report": f"/reports/{r.public_id}" if r.public_id else "",
                    "error": r.error,
                }
                for r in results
            ),
        )
    for r in failed:
        typer.echo(f"crp-checker: {r.name} ({r.url!r}): {r.error}", err=True)
    typer.echo(
        f"Screened {len(results)} suppliers in {time.monotonic() - started:.1f} s: "
        f"{len(results) - len(failed)} checked and stored, {len(failed)} could not be checked."
        + (f" Results: {out}" if out else "")
    )
    raise typer.Exit(EXIT_UNREADABLE if failed else EXIT_OK)
