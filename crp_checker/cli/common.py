"""What the commands share: exit codes, the buyer options, error reporting and the store session."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import traceback
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from crp_checker.errors import CRPError
from crp_checker.report import error_parts
from crp_checker.schemas import Verdict

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")
EXIT_OK = 0
EXIT_NON_COMPLIANT = 1
EXIT_NEEDS_REVIEW = 2
EXIT_UNREADABLE = 3
EXIT_USAGE = 4
EXIT_INTERNAL = 5
VERDICT_EXIT = {
    Verdict.COMPLIANT: EXIT_OK,
    Verdict.COMPLIANT_WITH_GAPS: EXIT_OK,
    Verdict.NON_COMPLIANT: EXIT_NON_COMPLIANT,
    Verdict.NEEDS_REVIEW: EXIT_NEEDS_REVIEW,
    Verdict.NOT_A_CRP: EXIT_NON_COMPLIANT,  # no plan fails the gate as a non-compliant one does
}
EXIT_CODES_HELP = """Exit codes (with several plans, the highest wins):

- 0: compliant, or compliant with gaps
- 1: not compliant (a mandatory requirement fails), or not a carbon reduction plan
- 2: needs review (an evaluator must decide)
- 3: a plan could not be read (the message says why and what to do)
- 4: usage error (a bad option, date or path)
- 5: internal error (a bug: please report it)
"""

# Buyer settings shared by `check` and `batch`; None leaves the rulebook default.
CheckDate = Annotated[
    dt.datetime | None,
    typer.Option(
        formats=["%Y-%m-%d"],
        metavar="YYYY-MM-DD",
        help="Judge the plan as at this date (default: today).",
    ),
]
NetZeroDeadline = Annotated[
    int | None,
    typer.Option(min=2000, max=2100, help="Latest acceptable net zero year (default 2050)."),
]
MaxDataAge = Annotated[
    int | None,
    typer.Option(min=1, max=120, help="How old the current reporting period may be (default 12)."),
]
MaxSignoffAge = Annotated[
    int | None,
    typer.Option(min=1, max=120, help="How old the sign-off may be (default 12)."),
]


def buyer_settings(
    check_date: dt.datetime | None,
    net_zero_deadline: int | None,
    max_data_age_months: int | None,
    max_signoff_age_months: int | None,
) -> dict[str, Any]:
    """The buyer options as `assess()` keywords; None means the rulebook default."""
    return {
        "check_date": check_date.date() if check_date else None,
        "net_zero_deadline": net_zero_deadline,
        "max_data_age_months": max_data_age_months,
        "max_signoff_age_months": max_signoff_age_months,
    }


def stderr_console() -> Console:
    """Progress and spinners go to stderr, so stdout stays the report alone."""
    return Console(stderr=True, highlight=False)


def with_progress(items: Iterable[T], label: str, total: int | None) -> Iterator[T]:
    """The items as they come, with a progress bar on stderr when it is a terminal."""
    console = stderr_console()
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
        task = progress.add_task(label, total=total)
        for item in items:
            yield item
            progress.advance(task)


def report_failure(source: str, error: BaseException) -> int:
    """Tell the user why a plan could not be checked; the exit code that goes with it."""
    _code, message, hint = error_parts(error)
    # A name with control characters (terminal escapes, right-to-left marks) is quoted.
    shown = source if source.isprintable() else repr(source)
    typer.echo(f"crp-checker: {shown}: {message}\n  {hint}", err=True)
    if isinstance(error, CRPError | OSError):
        return EXIT_UNREADABLE
    traceback.print_exception(error, file=sys.stderr)
    return EXIT_INTERNAL


def require_patterns() -> None:
    """Refuse to start without the checker's patterns (a broken install): exit 4, with a hint."""
    from crp_checker.patterns import required_patterns

    try:
        required_patterns()
    except CRPError as error:
        typer.echo(f"crp-checker: {error.message}\n  {error.hint}", err=True)
        raise typer.Exit(EXIT_USAGE) from None


# The store (SQLAlchemy, argon2) is imported inside each function: `check` stays quick.


@contextlib.contextmanager
def store_errors() -> Iterator[None]:
    """Refusals from the store (and an unusable database) exit with code 4 and a hint."""
    from sqlalchemy.exc import OperationalError

    try:
        yield
    except CRPError as error:
        typer.echo(f"crp-checker: {error.message}\n  {error.hint}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except OperationalError as error:
        typer.echo(
            f"crp-checker: cannot use the database: {error.orig}\n"
            "  Check CRP_DATABASE_URL (or CRP_DATA_DIR for the built-in SQLite file).",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE) from None


@contextlib.contextmanager
def store_session() -> Iterator[Session]:
    """A session on the configured database, its schema brought up to date first."""
    from crp_checker import store

    with store_errors():
        store.init_db()
        with store.session_scope() as session:
            yield session
