"""The terminal report: the verdict and what decides it, what to fix, then the facts read."""

from __future__ import annotations

import io
import re

from rich.console import Console
from rich.table import Table
from rich.text import Text

from crp_checker.report.actions import FixItem, actions, decisive_line, score_line
from crp_checker.report.summary import report_context
from crp_checker.report.wording import (
    SCOPE_FIELDS,
    emissions_cell,
    evidence_line,
    verdict_sentence,
)
from crp_checker.schemas import Assessment, Outcome, Verdict

_TEXT_BADGES = {
    Outcome.FAIL: ("[FAIL]", "bold red"),
    Outcome.NEEDS_REVIEW: ("[NEEDS REVIEW]", "bold magenta"),
    Outcome.PARTIAL: ("[PARTIAL]", "yellow"),
    Outcome.PASS: ("[PASS]", "green"),
    Outcome.NOT_APPLICABLE: ("[N/A]", "dim"),
}
_VERDICT_STYLES = {
    Verdict.COMPLIANT: "bold green",
    Verdict.COMPLIANT_WITH_GAPS: "bold yellow",
    Verdict.NON_COMPLIANT: "bold red",
    Verdict.NEEDS_REVIEW: "bold magenta",
    Verdict.NOT_A_CRP: "bold red",
}
_TEXT_QUOTE_CHARS = 200
_TRAILING_SPACE = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$")  # even before a colour reset


def make_console(color: bool, width: int) -> Console:
    """A rich console that prints into a string, with plan text never read as markup."""
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )


def console_output(console: Console) -> str:
    """What a string-backed console printed, without the padding rich adds to table cells."""
    output = console.file
    assert isinstance(output, io.StringIO)
    return "".join(
        _TRAILING_SPACE.sub(r"\1", line) + "\n" for line in output.getvalue().splitlines()
    )


def _grid(gap: int = 2) -> Table:
    """Two columns, the second wrapping with a hanging indent."""
    grid = Table.grid(padding=(0, gap))
    grid.add_column(no_wrap=True)
    grid.add_column()
    return grid


def _fix_items(console: Console, title: str, items: list[FixItem]) -> None:
    if not items:
        return
    console.print(Text(title, style="bold"))
    grid = _grid(gap=1)
    for item in items:
        finding = item.finding
        badge, style = _TEXT_BADGES[finding.outcome]
        grid.add_row(
            Text(badge, style=style), Text.assemble((finding.title, "bold"), f" ({finding.rule})")
        )
        grid.add_row("", Text(finding.message))
        says = evidence_line(finding.evidence[0], _TEXT_QUOTE_CHARS) if finding.evidence else ""
        grid.add_row("", Text(f"The plan says: {says or item.says[0]}", "dim"))
        if finding.question:
            grid.add_row("", Text(f"To decide: {finding.question}"))
        if finding.fix:
            grid.add_row("", Text(f"What to do: {finding.fix}"))
        if item.example:
            grid.add_row("", Text(f"For example: “{item.example}”", "italic"))
    console.print(grid)


def _text_actions(console: Console, assessment: Assessment) -> None:
    """What to fix, mandatory first, then the checks met collapsed under a count."""
    todo = actions(assessment)
    console.print(
        Text(
            f"What to fix ({len(todo.mandatory)} mandatory, "
            f"{len(todo.good_practice)} good practice)",
            style="bold",
        )
    )
    if not todo.to_fix:
        console.print("Nothing: every scored check is met.")
    _fix_items(console, "Mandatory: these decide the verdict", todo.mandatory)
    _fix_items(console, "Good practice: these raise the score", todo.good_practice)
    console.print()
    console.print(Text(f"Checks met ({todo.met_summary or 'none'})", style="bold"))
    if todo.met:
        console.print(Text("; ".join(f.title for f in todo.met), "dim"))


def render_text(assessment: Assessment, *, color: bool, width: int = 100) -> str:
    """A report for a terminal: verdict and what decides it, what to fix, the rest, the facts."""
    console = make_console(color, width)
    context = report_context(assessment)
    console.print(Text.assemble(("Carbon Reduction Plan check: ", "bold"), assessment.source.name))
    console.print(Text(verdict_sentence(assessment), style=_VERDICT_STYLES[assessment.verdict]))
    decisive = decisive_line(assessment)
    if decisive:
        console.print(Text(decisive, style="bold"))
    console.print(score_line(assessment))
    console.print()
    _text_actions(console, assessment)
    console.print()
    console.print(Text("Key facts", style="bold"))
    grid = _grid()
    for row in context["facts"]:
        value = Text(row.value, style="" if row.disclosed else "italic")
        value.append(f"  ({row.pages})" if row.pages else "", style="dim")
        value.append(f"; {row.note}" if row.note else "")
        grid.add_row(row.label, value)
    for kind, _label, period in context["periods"]:
        cells = [(label, emissions_cell(period, field)) for field, label in SCOPE_FIELDS]
        figures = " · ".join(f"{label} {cell.value}" for label, cell in cells)
        notes = [f"{label}: {note}" for label, cell in cells for note in cell.notes]
        grid.add_row(f"{kind} tCO2e", "\n".join([figures, *notes]))
    console.print(grid)
    for note in context["period_notes"]:
        console.print(Text(note, style="dim"))
    if assessment.support:
        console.print()
        console.print(Text("Where to get help", style="bold"))
        bullets = _grid(gap=1)
        for route in assessment.support:
            extra = [route.url or "", "for " + ", ".join(route.rules) if route.rules else ""]
            bullets.add_row(
                "-",
                Text.assemble((route.name, "bold"), f": {route.description}\n")
                + Text(" · ".join(e for e in extra if e), style="dim"),
            )
        console.print(bullets)
    if context["corrections"]:
        console.print()
        console.print(Text("Corrected facts (judged as corrected)", style="bold"))
        bullets = _grid(gap=1)
        for line in context["corrections"]:
            bullets.add_row("-", Text(line))
        console.print(bullets)
    if assessment.warnings:
        console.print()
        console.print(Text("Warnings", style="bold"))
        bullets = _grid(gap=1)
        for warning in assessment.warnings:
            bullets.add_row("-", Text(warning))
        console.print(bullets)
    console.print()
    console.print(
        Text(
            f"crp-checker {assessment.tool_version}, rulebook {assessment.rulebook_version}; "
            f"checked {assessment.assessed_at:%Y-%m-%d %H:%M} UTC as at "
            f"{assessment.settings.check_date.isoformat()}\n"
            f"{assessment.source.name} sha256 {assessment.source.sha256}",
            style="dim",
        )
    )
    return console_output(console)
