"""The `crp-checker` command: a thin door into `pipeline.assess()` and the report renderers."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sys
import time
import traceback
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from crp_checker import __version__, assess, report
from crp_checker.errors import CRPError
from crp_checker.report import error_parts
from crp_checker.schemas import Assessment, Verdict

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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
}
EXIT_CODES_HELP = """Exit codes (with several plans, the highest wins):

- 0: compliant, or compliant with gaps
- 1: not compliant (a mandatory requirement fails)
- 2: needs review (an evaluator must decide)
- 3: a plan could not be read (the message says why and what to do)
- 4: usage error (a bad option, date or path)
- 5: internal error (a bug: please report it)
"""

app = typer.Typer(
    name="crp-checker",
    help="Check supplier Carbon Reduction Plans (PPN 06/21, PPN 006) against the rulebook.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    HTML = "html"


class RulesFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


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


def _buyer(
    check_date: dt.datetime | None,
    net_zero_deadline: int | None,
    max_data_age_months: int | None,
    max_signoff_age_months: int | None,
) -> dict[str, Any]:
    return {
        "check_date": check_date.date() if check_date else None,
        "net_zero_deadline": net_zero_deadline,
        "max_data_age_months": max_data_age_months,
        "max_signoff_age_months": max_signoff_age_months,
    }


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _report_failure(source: str, error: BaseException) -> int:
    """Tell the user why a plan could not be checked; the exit code that goes with it."""
    _code, message, hint = error_parts(error)
    typer.echo(f"crp-checker: {source}: {message}\n  {hint}", err=True)
    if isinstance(error, CRPError | OSError):
        return EXIT_UNREADABLE
    traceback.print_exception(error, file=sys.stderr)
    return EXIT_INTERNAL


@contextlib.contextmanager
def _spinner(message: str) -> Iterator[None]:
    console = _stderr()
    if console.is_terminal:
        with console.status(message):
            yield
    else:
        yield


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"crp-checker {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_show_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Check supplier Carbon Reduction Plans (PPN 06/21, PPN 006) against the rulebook."""


@app.command(epilog=EXIT_CODES_HELP)
def check(
    sources: Annotated[list[str], typer.Argument(metavar="PATH_OR_URL...", show_default=False)],
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.TEXT,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write here instead of stdout; with --format html and several plans, a folder.",
        ),
    ] = None,
    check_date: CheckDate = None,
    net_zero_deadline: NetZeroDeadline = None,
    max_data_age_months: MaxDataAge = None,
    max_signoff_age_months: MaxSignoffAge = None,
    url: Annotated[
        str | None, typer.Option(help="Where the plan is published, if known (one plan only).")
    ] = None,
) -> None:
    """Check plans and print a report: text for people, JSON for programs, HTML to keep.

    Several plans give text reports one after another, a JSON list, or one HTML file per plan
    in the --out folder.
    """
    if url is not None and len(sources) > 1:
        raise typer.BadParameter(
            "it describes one plan: check plans with a URL one at a time.", param_hint="--url"
        )
    to_folder = output_format is Format.HTML and (len(sources) > 1 or bool(out and out.is_dir()))
    if to_folder and (out is None or out.is_file()):
        raise typer.BadParameter(
            "--format html with several plans needs a folder to write to.", param_hint="--out"
        )
    if not to_folder and out is not None and out.is_dir():
        raise typer.BadParameter(f"{out} is a folder: give a file name.", param_hint="--out")
    buyer = _buyer(check_date, net_zero_deadline, max_data_age_months, max_signoff_age_months)
    results: list[Assessment] = []
    code = EXIT_OK
    for source in sources:
        try:
            with _spinner(f"Checking {source}"):
                assessment = assess(source, url=url, **buyer)
        except Exception as exc:  # the door: one plan's failure is reported, others go on
            code = max(code, _report_failure(source, exc))
            continue
        results.append(assessment)
        code = max(code, VERDICT_EXIT[assessment.verdict])
    _write_reports(results, output_format, out, several=len(sources) > 1, to_folder=to_folder)
    raise typer.Exit(code)


def _write_reports(
    results: list[Assessment], fmt: Format, out: Path | None, *, several: bool, to_folder: bool
) -> None:
    """Render the reports and write them to stdout, a file or (HTML) one file each."""
    if to_folder:
        assert out is not None
        out.mkdir(parents=True, exist_ok=True)
        for path, assessment in zip(_html_paths(results, out), results, strict=True):
            path.write_text(report.render_html(assessment), encoding="utf-8")
            typer.echo(f"Wrote {path}", err=True)
        return
    if fmt is Format.JSON:
        text = (
            report.render_json_list(results)
            if several
            else "".join(map(report.render_json, results))
        )
    elif fmt is Format.HTML:
        text = "".join(report.render_html(a) for a in results)
    else:
        console = Console()
        color = out is None and console.is_terminal and not console.no_color
        width = console.width if out is None and console.is_terminal else 100
        text = "\n".join(report.render_text(a, color=color, width=width) for a in results)
    if not text:
        return
    if out is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def _html_paths(results: list[Assessment], folder: Path) -> list[Path]:
    """One file name per report, from the plan's name, numbered when two plans share it."""
    paths: list[Path] = []
    for assessment in results:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(assessment.source.name).stem).strip("-.")
        candidate = folder / f"{stem or 'plan'}.html"
        number = 2
        while candidate in paths:
            candidate = folder / f"{stem or 'plan'}-{number}.html"
            number += 1
        paths.append(candidate)
    return paths


@app.command(epilog=EXIT_CODES_HELP)
def batch(
    inputs: Annotated[
        Path,
        typer.Argument(
            metavar="DIR_OR_LIST",
            exists=True,
            help="A folder (searched for .pdf .docx .html .htm .txt .md) or a file listing "
            "paths or URLs, one per line.",
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The CSV file to write.")],
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

    if inputs.is_file() and inputs.suffix.lower() in {".pdf", ".docx", ".html", ".htm"}:
        raise typer.BadParameter(
            f"{inputs} is a plan: use `crp-checker check` for one plan.", param_hint="DIR_OR_LIST"
        )
    sources = batching.collect_sources(inputs)
    if not sources:
        raise typer.BadParameter(f"no plans found in {inputs}.", param_hint="DIR_OR_LIST")
    buyer = _buyer(check_date, net_zero_deadline, max_data_age_months, max_signoff_age_months)
    started = time.monotonic()
    console = _stderr()
    columns = (TextColumn("Checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
            task = progress.add_task("plans", total=len(sources))
            items = batching.run_batch(
                sources,
                workers=workers,
                timeout=timeout,
                buyer={k: v for k, v in buyer.items() if v is not None},
                on_result=lambda _item: progress.advance(task),
            )
    except CRPError as error:  # the workers could not start: no plan was checked
        raise typer.Exit(_report_failure(str(inputs), error)) from None
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


@app.command()
def rules(
    output_format: Annotated[RulesFormat, typer.Option("--format", "-f")] = RulesFormat.TEXT,
) -> None:
    """List the rulebook: id, section, severity, PPN 006 grounds served and title."""
    from crp_checker.rules import RULES

    if output_format is RulesFormat.MARKDOWN:
        text = report.render_rules_markdown(RULES.values())
    elif output_format is RulesFormat.JSON:
        text = report.render_rules_json(RULES.values())
    else:
        console = Console()
        text = report.render_rules_text(
            RULES.values(), color=console.is_terminal, width=max(console.width, 100)
        )
    typer.echo(text, nl=False)


@app.command()
def evaluate(
    labels: Annotated[Path, typer.Argument(exists=True, dir_okay=False, metavar="LABELS.json")],
) -> None:
    """Measure the checker against hand-labelled plans and print how often it is right."""
    from crp_checker.evaluate import run  # loads the whole pipeline: only when asked

    typer.echo(run(labels).render_text())


# --------------------------------------------------------------------------- storage
# The store (SQLAlchemy, argon2) is imported inside each command: `check` stays quick.


class AccountRole(StrEnum):
    """The roles of crp_checker.store.Role, listed here so --help can show them."""

    SUPPLIER = "supplier"
    EVALUATOR = "evaluator"
    CLIMATE = "climate"
    ADMIN = "admin"


users_app = typer.Typer(
    help="Manage accounts for the web app: suppliers, evaluators, the climate team, admins.",
    no_args_is_help=True,
)
db_app = typer.Typer(help="The web app's database.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(db_app, name="db")


@contextlib.contextmanager
def _store_errors() -> Iterator[None]:
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
def _store_session() -> Iterator[Session]:
    """A session on the configured database, its schema brought up to date first."""
    from crp_checker import store

    with _store_errors():
        store.init_db()
        with store.session_scope() as session:
            yield session


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt(
        "Password (at least 12 characters)", hide_input=True, confirmation_prompt=True
    )
    return password


@users_app.command("add")
def users_add(
    email: Annotated[str, typer.Argument(show_default=False)],
    role: Annotated[AccountRole, typer.Option(help="What the account may do.")],
    organisation: Annotated[
        str | None,
        typer.Option(help="The supplier's organisation (created if new); suppliers need one."),
    ] = None,
    name: Annotated[str | None, typer.Option(help="The person's name.")] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin's first line.")
    ] = False,
) -> None:
    """Create an account; the password is asked for twice unless --password-stdin."""
    from crp_checker import store

    password = _read_password(password_stdin)
    with _store_session() as session:
        user = store.create_user(
            session, email, password, store.Role(role.value), organisation, name=name
        )
        where = f" at {user.organisation.name}" if user.organisation else ""
        typer.echo(f"Created {user.role.value} account {user.email}{where}.")


@users_app.command("list")
def users_list() -> None:
    """List every account: email, role, organisation, status and last sign-in."""
    from crp_checker import store

    with _store_session() as session:
        rows = [
            (
                user.email,
                user.role.value,
                user.organisation.name if user.organisation else "-",
                "disabled" if user.disabled else "active",
                f"{user.last_login_at:%Y-%m-%d %H:%M}" if user.last_login_at else "never",
            )
            for user in store.list_users(session)
        ]
    if not rows:
        typer.echo("No accounts yet: crp-checker users add EMAIL --role admin")
        return
    header = ("EMAIL", "ROLE", "ORGANISATION", "STATUS", "LAST SIGN-IN (UTC)")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        typer.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


@users_app.command("disable")
def users_disable(email: Annotated[str, typer.Argument(show_default=False)]) -> None:
    """Stop an account signing in or using its API tokens; its open sessions end."""
    from crp_checker import store

    with _store_session() as session:
        user = store.disable_user(session, email)
        typer.echo(f"Disabled {user.email}.")


@app.command()
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
    from crp_checker import store

    console = _stderr()
    columns = (TextColumn("Re-assessing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with (
        _store_session() as session,
        Progress(*columns, console=console, disable=not console.is_terminal) as progress,
    ):
        task = progress.add_task("plans", total=None)
        result = store.reassess(
            session,
            since=since.date() if since else None,
            force=force,
            on_progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
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

    with _store_errors():
        revision = store.init_db()
    url = store.get_engine().url.render_as_string(hide_password=True)
    typer.echo(f"Database {url} is at revision {revision}.")


def main(argv: list[str] | None = None) -> int:
    """The console script: run the app, mapping usage errors to exit code 4."""
    try:
        result = app(args=argv, prog_name="crp-checker", standalone_mode=False)
    except typer.TyperException as error:  # Click's errors, as vendored by Typer
        if type(error).__name__ == "NoArgsIsHelpError":  # the help is already shown
            return EXIT_USAGE
        context = getattr(error, "ctx", None)
        if context is not None:
            typer.echo(context.get_usage(), err=True)
            typer.echo(f"Try '{context.command_path} --help' for help.", err=True)
        typer.echo(f"Error: {error.format_message()}", err=True)
        # Click gives usage errors exit code 2, which here means "needs review".
        return EXIT_USAGE if error.exit_code == 2 else error.exit_code
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        return 130
    except Exception:  # a bug: show it, and keep exit code 1 for "not compliant"
        traceback.print_exc()
        return EXIT_INTERNAL
    return result if isinstance(result, int) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
