"""`draft`: a plan in the official template's structure from a plan's facts and answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from crp_checker.checking import CheckingService
from crp_checker.cli.common import (
    EXIT_USAGE,
    CheckDate,
    report_failure,
    require_patterns,
)
from crp_checker.errors import CRPError


def _read_answers(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CRPError(
            f"{path} cannot be read as JSON: {error}",
            'Write the answers as one JSON object, e.g. {"current.scope1": 12.5}.',
        ) from error
    if not isinstance(raw, dict):
        raise CRPError(
            f"{path} holds a JSON {type(raw).__name__}, not an object.",
            'Write the answers as one JSON object, e.g. {"current.scope1": 12.5}.',
        )
    return raw


def draft(
    plan: Annotated[
        str | None,
        typer.Argument(metavar="[PLAN]", help="Start from the facts read from this plan."),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers", "-a", help='JSON object of facts by name: {"current.scope1": 12.5}.'
        ),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="plan.docx or plan.html (a printable page).")
    ] = Path("plan.docx"),
    check_date: CheckDate = None,
) -> None:
    """Draft a Carbon Reduction Plan in the official PPN 006 template's sections and tables.

    The facts read from PLAN (if given) are overlaid with ANSWERS; anything neither supplies is
    marked as missing in the document, never filled in. Bad answers are refused, each named by
    its field, and nothing is written.
    """
    from crp_checker.draft import AnswersError, draft, write_draft

    today = check_date.date() if check_date else None
    try:
        raw = _read_answers(answers)
        assessment = None
        if plan is not None:
            require_patterns()
            assessment = CheckingService().check_one(plan, check_date=today)
        document = draft(assessment, raw, today=today)
        write_draft(document, out)
    except AnswersError as error:
        for item in error.errors:
            typer.echo(f"crp-checker: {item}", err=True)
        typer.echo(f"  {error.hint}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except (CRPError, OSError) as error:
        raise typer.Exit(report_failure(plan or str(answers or out), error)) from None
    missing = document.missing
    if missing:
        count = f"{len(missing)} value{'s' if len(missing) != 1 else ''}"
        typer.echo(f"Wrote {out}; {count} still to supply: {', '.join(missing)}", err=True)
    else:
        typer.echo(f"Wrote {out}: every value supplied", err=True)
