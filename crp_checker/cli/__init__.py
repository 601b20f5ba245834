"""The `crp-checker` command: thin doors into `pipeline.assess()`, the store and the web app.

One module per group of commands; this one builds the Typer app from them and is the
console script's entry point (`crp_checker.cli:main`).
"""

from __future__ import annotations

import traceback
from typing import Annotated

import typer

from crp_checker import __version__
from crp_checker.cli import (
    batch,
    check,
    corrections,
    db,
    draft,
    evaluate,
    register,
    serve,
    users,
)
from crp_checker.cli.common import (
    EXIT_CODES_HELP,
    EXIT_INTERNAL,
    EXIT_NEEDS_REVIEW,
    EXIT_NON_COMPLIANT,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    VERDICT_EXIT,
)
from crp_checker.cli.users import AccountRole

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_NEEDS_REVIEW",
    "EXIT_NON_COMPLIANT",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "EXIT_USAGE",
    "VERDICT_EXIT",
    "AccountRole",
    "app",
    "main",
]

app = typer.Typer(
    name="crp-checker",
    help="Check supplier Carbon Reduction Plans (PPN 06/21, PPN 006) against the rulebook.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
app.command(epilog=EXIT_CODES_HELP)(check.check)
app.command(epilog=EXIT_CODES_HELP)(batch.batch)
app.command()(check.rules)
app.command()(evaluate.evaluate)
app.command()(draft.draft)
app.add_typer(users.users_app, name="users")
app.add_typer(db.db_app, name="db")
app.add_typer(register.register_app, name="register")
app.add_typer(corrections.corrections_app, name="corrections")
app.command()(db.reassess)
app.command()(serve.serve)


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
