"""`evaluate`: how often the checker agrees with careful readers on the labelled plans."""

from __future__ import annotations

import json
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from crp_checker.cli.common import EXIT_USAGE, stderr_console


class Misses(StrEnum):
    NONE = "none"
    TUNING = "tuning"
    HELD_OUT = "held-out"
    ALL = "all"


def _shared_folder(given: Path | None) -> Path | None:
    """The folder holding real-crps/ and varied-crps/: given, CRP_SHARED_DIR, or ../shared."""
    env = os.environ.get("CRP_SHARED_DIR")
    for candidate in (given, Path(env) if env else None, Path("..") / "shared"):
        if candidate is not None and (candidate / "real-crps").is_dir():
            return candidate
    return None


def evaluate(
    labels: Annotated[
        Path | None,
        typer.Argument(
            exists=True,
            dir_okay=False,
            metavar="[LABELS.json]",
            help="One labels file: per-field accuracy on it alone.",
        ),
    ] = None,
    shared: Annotated[
        Path | None,
        typer.Option(help="The shared folder (real-crps/, varied-crps/); default ../shared."),
    ] = None,
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help=(
                "Only this set: real, excerpts, varied, synthetic or synthetic-d to "
                "synthetic-o (repeatable)."
            ),
        ),
    ] = None,
    extra: Annotated[
        list[Path] | None,
        typer.Option(
            "--labelled",
            exists=True,
            file_okay=False,
            help="Another labelled folder (labels.json, rule_labels.json), measured as held out.",
        ),
    ] = None,
    misses: Annotated[
        Misses,
        typer.Option(help="List each disagreement of this half (held-out: only to report)."),
    ] = Misses.NONE,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the table as JSON here.")
    ] = None,
) -> None:
    """Measure the checker against hand-labelled plans: per set and per half (tuning, held
    out), fields right, invented values, is-a-CRP, mandatory-rule agreement, wrong and missed
    mandatory fails."""
    # Loaded only when asked: the evaluation imports the whole pipeline.
    from crp_checker.evaluation import evaluate_shared, render, render_misses, run

    if labels is not None:
        typer.echo(run(labels).render_text())
        return
    folder = _shared_folder(shared)
    if folder is None:
        typer.echo(
            "Error: the shared labelled plans were not found. Give --shared DIR (the folder "
            "holding real-crps/ and varied-crps/) or set CRP_SHARED_DIR.",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE)
    console = stderr_console()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, disable=not console.is_terminal) as bar:
        task = bar.add_task("plans", total=None)
        table = evaluate_shared(
            folder,
            sets=tuple(sets) if sets else None,
            extra=tuple(extra or ()),
            progress=lambda case: bar.update(task, advance=1, description=case.file[:40]),
        )
    typer.echo(render(table))
    if misses is not Misses.NONE:
        halves = ("tuning", "held-out") if misses is Misses.ALL else (misses.value,)
        typer.echo("\n" + render_misses(table, halves))  # type: ignore[arg-type]
    if json_out is not None:
        json_out.write_text(json.dumps([row.to_dict() for row in table], indent=1) + "\n")
