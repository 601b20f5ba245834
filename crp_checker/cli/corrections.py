"""`corrections export`: the plans people corrected, as labels the evaluation can measure."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crp_checker.cli.common import store_session

corrections_app = typer.Typer(
    help="Fact corrections people made in the web app.", no_args_is_help=True
)


@corrections_app.command("export")
def export(
    out: Annotated[
        Path,
        typer.Argument(dir_okay=False, metavar="OUT.json", help="The labels file to write."),
    ],
    plans: Annotated[
        bool, typer.Option(help="Copy each corrected plan's file beside the labels file.")
    ] = True,
) -> None:
    """Write every corrected plan as a label (file, organisation, SHA-256 and the corrected
    fields) in the format of the shared labels.json, with the plans beside it, so
    `crp-checker evaluate OUT.json` measures the checker on the plans people corrected."""
    from crp_checker.corrections.labels import export_labels

    if not out.parent.is_dir():
        raise typer.BadParameter(f"the folder {out.parent} does not exist.", param_hint="OUT.json")
    with store_session() as session:
        done = export_labels(session, out, plans=plans)
    copied = f", {done.plans} plan file(s) beside it" if plans else ""
    typer.echo(f"Wrote {done.labels} label(s) to {out}{copied}.", err=True)
    if done.unlabelled:
        typer.echo(
            f"{done.unlabelled} correction(s) (Scope 3 categories, other years) have no field "
            "in the labels format: they are named in each label's notes.",
            err=True,
        )
