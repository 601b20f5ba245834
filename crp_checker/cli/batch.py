"""`batch`: many plans checked in the worker pool (the checking service), one CSV row each."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from crp_checker import report
from crp_checker.checking import in_order
from crp_checker.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    CheckDate,
    MaxDataAge,
    MaxSignoffAge,
    NetZeroDeadline,
    buyer_settings,
    report_failure,
    require_patterns,
    with_progress,
)
from crp_checker.errors import CRPError
from crp_checker.schemas import Verdict


def batch(
    inputs: Annotated[
        Path | None,
        typer.Argument(
            metavar="DIR_OR_LIST",
            exists=True,
            show_default=False,
            help="A folder (searched for .pdf .docx .html .htm .txt .md) or a file listing "
            "paths or URLs, one per line. With --register: a register (CSV/XLSX) to import "
            "first, or nothing.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="The CSV file to write.", show_default=False),
    ] = None,
    register: Annotated[
        bool,
        typer.Option(
            "--register",
            help="Re-check every supplier in the register with a CRP URL, storing and linking "
            "each result (as the Suppliers page's screening does).",
        ),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(min=0, help="Worker processes (0: one per CPU; default CRP_WORKERS)."),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="Seconds allowed per plan (0: no limit; default CRP_PER_FILE_TIMEOUT_SECONDS).",
        ),
    ] = None,
    check_date: CheckDate = None,
    net_zero_deadline: NetZeroDeadline = None,
    max_data_age_months: MaxDataAge = None,
    max_signoff_age_months: MaxSignoffAge = None,
) -> None:
    """Check many plans in parallel and write one CSV row per plan, in input order.

    A plan that cannot be read, crashes its worker or runs past the time limit becomes a row
    with its error; the batch always finishes. Exits 3 when any plan could not be checked.
    """
    from crp_checker import batch as batching

    require_patterns()
    if register:
        from crp_checker.cli.screen import screen_register

        screen_register(inputs, out, workers)
        return
    if inputs is None:
        raise typer.BadParameter("give a folder or a list of plans.", param_hint="DIR_OR_LIST")
    if out is None:
        raise typer.BadParameter("give the CSV file to write.", param_hint="--out")
    if inputs.is_file() and inputs.suffix.lower() in {".pdf", ".docx", ".html", ".htm"}:
        raise typer.BadParameter(
            f"{inputs} is a plan: use `crp-checker check` for one plan.", param_hint="DIR_OR_LIST"
        )
    sources = batching.collect_sources(inputs)
    if not sources:
        raise typer.BadParameter(f"no plans found in {inputs}.", param_hint="DIR_OR_LIST")
    buyer = buyer_settings(
        check_date, net_zero_deadline, max_data_age_months, max_signoff_age_months
    )
    started = time.monotonic()
    try:
        with batching.batch_service(len(sources), workers=workers, timeout=timeout) as service:
            checks = service.check_many(
                sources, **{k: v for k, v in buyer.items() if v is not None}
            )
            items = in_order(with_progress(checks, "Checking", len(sources)))
    except CRPError as error:  # the workers could not start: no plan was checked
        raise typer.Exit(report_failure(str(inputs), error)) from None
    batching.write_csv(items, out)
    counts = batching.summarise(items)
    parts = [
        f"{counts[v.value]} {report.VERDICT_LABELS[v].lower()}" for v in Verdict if counts[v.value]
    ]
    parts += [f"{counts['error']} could not be checked"] if counts["error"] else []
    typer.echo(
        f"Checked {len(items)} plans in {time.monotonic() - started:.1f} s: "
        f"{', '.join(parts)}. Results: {out}"
    )
    raise typer.Exit(EXIT_UNREADABLE if counts["error"] else EXIT_OK)
