"""`db upgrade` and `reassess`: the web app's database and the plans stored in it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from crp_checker.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    require_patterns,
    store_errors,
    store_session,
    with_progress,
)

db_app = typer.Typer(help="The web app's database.", no_args_is_help=True)


def reassess(
    since: Annotated[
        dt.datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            metavar="YYYY-MM-DD",
            help="Only plans submitted on or after this date.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Also re-run plans already judged by the current rulebook.")
    ] = False,
) -> None:
    """Re-run stored plans under the current rulebook, saving new assessments beside the old.

    Each plan keeps its original check date and buyer settings. Exits 3 when a plan could not
    be re-run.
    """
    from crp_checker.checking import CheckingService
    from crp_checker.reassess import plan_reassessment, run_reassessment

    require_patterns()
    with store_session() as session:
        result = plan_reassessment(session, since=since.date() if since else None, force=force)
        if result.to_check:
            with CheckingService.isolated() as service:
                steps = run_reassessment(service, session, result)
                for _ in with_progress(steps, "Re-assessing", len(result.to_check)):
                    pass
    for public_id, message in result.failures:
        typer.echo(f"crp-checker: assessment {public_id}: {message}", err=True)
    typer.echo(
        f"Re-assessed {result.considered} plans under rulebook {result.rulebook_version}: "
        f"{len(result.created)} new assessments, {result.up_to_date} already current, "
        f"{len(result.failures)} could not be re-run."
    )
    raise typer.Exit(EXIT_UNREADABLE if result.failures else EXIT_OK)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create the database, or bring its schema up to date (the web app also does at start)."""
    from crp_checker import store

    with store_errors():
        revision = store.init_db()
    url = store.get_engine().url.render_as_string(hide_password=True)
    typer.echo(f"Database {url} is at revision {revision}.")
