"""`check` and `rules`: the commands that check the user's own plans in this process."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from crp_checker import report
from crp_checker.checking import CheckingService
from crp_checker.cli.common import (
    EXIT_OK,
    VERDICT_EXIT,
    CheckDate,
    MaxDataAge,
    MaxSignoffAge,
    NetZeroDeadline,
    buyer_settings,
    report_failure,
    require_patterns,
    stderr_console,
)
from crp_checker.corrections import Correction, CorrectionError, load_corrections, rejudge
from crp_checker.ingest.names import file_stem
from crp_checker.schemas import Assessment


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    HTML = "html"


class RulesFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


@contextlib.contextmanager
def _spinner(message: str) -> Iterator[None]:
    console = stderr_console()
    if console.is_terminal:
        with console.status(message):
            yield
    else:
        yield


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
    corrections: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            metavar="FILE.json",
            help="Correct facts the checker misread, then judge again (one plan only): a JSON "
            'list of {"fact", "value", "page", "quote", "reason"}.',
        ),
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
    if corrections is not None and len(sources) > 1:
        raise typer.BadParameter(
            "it corrects one plan: check plans with corrections one at a time.",
            param_hint="--corrections",
        )
    fixes = _corrections(corrections) if corrections is not None else []
    to_folder = output_format is Format.HTML and (len(sources) > 1 or bool(out and out.is_dir()))
    if to_folder and (out is None or out.is_file()):
        raise typer.BadParameter(
            "--format html with several plans needs a folder to write to.", param_hint="--out"
        )
    if not to_folder and out is not None and out.is_dir():
        raise typer.BadParameter(f"{out} is a folder: give a file name.", param_hint="--out")
    require_patterns()
    buyer = buyer_settings(
        check_date, net_zero_deadline, max_data_age_months, max_signoff_age_months
    )
    results: list[Assessment] = []
    code = EXIT_OK
    service = CheckingService()  # in this process: the user's own files, one at a time
    for source in sources:
        try:
            with _spinner(f"Checking {source}"):
                assessment = service.check_one(source, url=url, **buyer)
                if fixes:
                    assessment = rejudge(assessment, fixes, at=_now())
        except Exception as exc:  # the door: one plan's failure is reported, others go on
            code = max(code, report_failure(source, exc))
            continue
        results.append(assessment)
        code = max(code, VERDICT_EXIT[assessment.verdict])
    _write_reports(results, output_format, out, several=len(sources) > 1, to_folder=to_folder)
    raise typer.Exit(code)


def _corrections(path: Path) -> list[Correction]:
    """The corrections file, checked before any plan is read; a bad one is a usage error."""
    try:
        return load_corrections(path.read_text(encoding="utf-8"))
    except (CorrectionError, UnicodeDecodeError) as error:
        message = error.message if isinstance(error, CorrectionError) else "it is not UTF-8 text"
        raise typer.BadParameter(f"{path}: {message}", param_hint="--corrections") from None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


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
        stem = file_stem(Path(assessment.source.name).stem)
        candidate = folder / f"{stem or 'plan'}.html"
        number = 2
        while candidate in paths:
            candidate = folder / f"{stem or 'plan'}-{number}.html"
            number += 1
        paths.append(candidate)
    return paths


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
