"""`register import` and `register export`: the climate team's supplier register, as held by
the web app, from and to a CSV or XLSX file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crp_checker.cli.common import EXIT_OK, EXIT_UNREADABLE, store_errors, store_session

register_app = typer.Typer(
    help="The supplier register: import it from, or export it to, a CSV or XLSX file.",
    no_args_is_help=True,
)


def import_file(register_file: Path) -> int:
    """Import the file, say what changed; how many rows were refused."""
    from crp_checker.suppliers import import_register, link_unlinked

    with store_errors(), store_session() as session:
        result = import_register(session, register_file.read_bytes(), register_file.name)
        linked = link_unlinked(session)
    suppliers, contracts = result.suppliers, result.contracts
    typer.echo(
        f"Register {register_file.name}: suppliers {suppliers.created} new, "
        f"{suppliers.updated} updated, {suppliers.unchanged} unchanged; contracts "
        f"{contracts.created} new, {contracts.updated} updated, {contracts.unchanged} "
        f"unchanged; {len(result.errors)} rows refused; {linked} stored checks linked."
    )
    for line, message in result.errors:
        typer.echo(f"  line {line}: {message}", err=True)
    for line, message in result.notes:
        typer.echo(f"  line {line} (imported): {message}", err=True)
    return len(result.errors)


@register_app.command("import")
def register_import(
    register_file: Annotated[
        Path,
        typer.Argument(
            metavar="REGISTER.csv|.xlsx",
            exists=True,
            dir_okay=False,
            show_default=False,
            help="One row per contract (or per supplier), with a header row.",
        ),
    ],
) -> None:
    """Add or update suppliers and contracts; exits 3 when some rows were refused."""
    refused = import_file(register_file)
    raise typer.Exit(EXIT_UNREADABLE if refused else EXIT_OK)


@register_app.command("export")
def register_export(
    out: Annotated[
        Path,
        typer.Argument(
            metavar="OUT.csv|OUT.xlsx",
            dir_okay=False,
            show_default=False,
            help="The file to write; its ending chooses CSV or XLSX.",
        ),
    ],
) -> None:
    """Write the register as held: one row per contract with its supplier's details, spend
    and latest check (verdict, score, net zero year, check date)."""
    from crp_checker.suppliers import write_register

    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise typer.BadParameter(f"{out.name} must end in .csv or .xlsx.", param_hint="OUT")
    with store_errors(), store_session() as session:
        rows = write_register(session, out)
    typer.echo(f"Wrote {rows} rows (one per contract) to {out}.")
