"""Renders an Assessment for people and machines: terminal text, HTML, JSON and CSV rows.

Every door (CLI, web, batch) renders through here, so a verdict reads the same everywhere.
Nothing here judges a plan: it only words what the rules and the score already decided.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any, Protocol

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from pydantic import TypeAdapter
from rich.console import Console
from rich.table import Table
from rich.text import Text

from crp_checker.errors import CRPError
from crp_checker.rules.registry import SECTIONS
from crp_checker.schemas import (
    Assessment,
    Evidence,
    Facts,
    Finding,
    Outcome,
    Period,
    Severity,
    Signatory,
    Verdict,
)

NOT_DISCLOSED = "not disclosed"
# Gaps first, in the order a supplier should work through them.
OUTCOME_LABELS = {
    Outcome.FAIL: "Fail",
    Outcome.NEEDS_REVIEW: "Needs review",
    Outcome.PARTIAL: "Partial",
    Outcome.PASS: "Pass",
    Outcome.NOT_APPLICABLE: "Not applicable",
}
SEVERITY_LABELS = {
    Severity.MANDATORY: "Mandatory",
    Severity.GOOD_PRACTICE: "Good practice",
    Severity.INFO: "Info",
}
VERDICT_LABELS = {
    Verdict.COMPLIANT: "Compliant",
    Verdict.COMPLIANT_WITH_GAPS: "Compliant with gaps",
    Verdict.NON_COMPLIANT: "Not compliant",
    Verdict.NEEDS_REVIEW: "Needs review",
}
SCOPE_FIELDS = (
    ("scope1", "Scope 1"),
    ("scope2", "Scope 2"),
    ("scope3", "Scope 3"),
    ("total", "Total"),
)
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
}
_TEXT_QUOTE_CHARS = 200
_TRAILING_SPACE = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$")  # even before a colour reset


# --------------------------------------------------------------------------- wording


@dataclass(frozen=True)
class FactRow:
    """One line of the key facts: what the plan states and on which pages."""

    label: str
    value: str
    pages: str = ""
    note: str = ""

    @property
    def disclosed(self) -> bool:
        return self.value != NOT_DISCLOSED


@dataclass(frozen=True)
class Cell:
    """One emissions figure as shown, with flags for anything the checker changed."""

    value: str
    notes: tuple[str, ...] = ()


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def grounds_label(grounds: Sequence[str]) -> str:
    """The PPN 006 grounds as words: "PPN 006 grounds a, b"; "" when there are none."""
    real = [g for g in grounds if g not in ("", "-")]
    if not real:
        return ""
    if real == ["all"]:
        return "all PPN 006 grounds"
    return f"PPN 006 {'ground' if len(real) == 1 else 'grounds'} {', '.join(real)}"


def verdict_sentence(assessment: Assessment) -> str:
    """The verdict in one plain sentence, for the top of every report."""
    label = VERDICT_LABELS[assessment.verdict]
    mandatory = Counter(f.outcome for f in assessment.findings if f.severity == Severity.MANDATORY)
    if assessment.verdict == Verdict.NON_COMPLIANT:
        fails = mandatory[Outcome.FAIL]
        verb = "fails" if fails == 1 else "fail"
        grounds = grounds_label(assessment.grounds_failed)
        return f"{label}: {_plural(fails, 'mandatory requirement')} {verb}" + (
            f" ({grounds})" if grounds else ""
        )
    if assessment.verdict == Verdict.NEEDS_REVIEW:
        count = mandatory[Outcome.NEEDS_REVIEW]
        return (
            f"{label}: {_plural(count, 'mandatory requirement')} could not be checked "
            "automatically, so an evaluator must decide"
        )
    if assessment.verdict == Verdict.COMPLIANT_WITH_GAPS:
        partial = sum(f.outcome == Outcome.PARTIAL for f in assessment.findings)
        verb = "is" if partial == 1 else "are"
        return (
            f"{label}: no mandatory requirement fails, but {_plural(partial, 'check')} "
            f"{verb} only partly met"
        )
    return f"{label}: every mandatory requirement is met"


def uk_date(value: dt.date | None, precision: str | None = "day") -> str:
    """A date as a UK reader writes it ("1 March 2024"), to the precision the plan gave."""
    if value is None:
        return NOT_DISCLOSED
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


def tonnes(value: float) -> str:
    """A figure in tCO2e with thousands separators and at most three decimals."""
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def evidence_line(evidence: Evidence, limit: int | None = None) -> str:
    """A quote with its page: 'p. 3: “...”' (the page is missing only for derived values)."""
    quote = " ".join(evidence.quote.split())
    if limit is not None and len(quote) > limit:
        quote = quote[: limit - 1].rstrip() + "…"
    where = f"p. {evidence.page}" if evidence.page is not None else "derived"
    return f"{where}: “{quote}”"


def _pages(facts: Facts, *keys: str, prefix: str | None = None) -> str:
    found = {
        ev.page
        for key, items in facts.evidence.items()
        if key in keys or (prefix is not None and key.startswith(prefix))
        for ev in items
        if ev.page is not None
    }
    if not found:
        return ""
    return ("p. " if len(found) == 1 else "pp. ") + ", ".join(str(p) for p in sorted(found))


def period_label(period: Period) -> str:
    """The period as written, with exact dates where the plan pins them down."""
    label = period.label or (str(period.end_year) if period.end_year else None)
    if label is None:
        return NOT_DISCLOSED
    if period.start and period.end:
        return f"{label} ({uk_date(period.start)} to {uk_date(period.end)})"
    return label


def _signatory(signatory: Signatory) -> str:
    parts = [p for p in (signatory.name, signatory.role) if p]
    return ", ".join(parts) if parts else NOT_DISCLOSED


def _scope3(facts: Facts) -> str:
    details = {c.number: c for c in facts.scope3_detail}
    numbers = sorted(set(facts.scope3_categories) | set(details))
    if not numbers:
        return NOT_DISCLOSED
    parts = []
    for number in numbers:
        detail = details.get(number)
        text = f"{number} {detail.name}" if detail else str(number)
        if detail is not None and detail.excluded:
            text += f" (ruled out: {detail.reason or 'no reason given'})"
        parts.append(text)
    return "; ".join(parts)


def _net_zero(facts: Facts) -> tuple[str, str]:
    notes = []
    if facts.net_zero_strength == "aspiration":
        notes.append("worded as an aspiration, not a commitment")
    if facts.carbon_neutral_only:
        year = f" by {facts.carbon_neutral_year}" if facts.carbon_neutral_year else ""
        notes.append(f"carbon neutral only{year}, not net zero")
    value = str(facts.net_zero_year) if facts.net_zero_year else NOT_DISCLOSED
    return value, "; ".join(notes)


def key_facts(assessment: Assessment) -> list[FactRow]:
    """The facts a buyer looks at first, "not disclosed" where the plan is silent."""
    facts = assessment.facts
    net_zero, net_zero_note = _net_zero(facts)
    wording = f"“{facts.net_zero_wording}”" if facts.net_zero_wording else NOT_DISCLOSED
    return [
        FactRow("Organisation", facts.organisation or NOT_DISCLOSED, _pages(facts, "organisation")),
        FactRow(
            "Publication date",
            uk_date(facts.publication_date, facts.publication_date_precision),
            _pages(facts, "publication_date"),
        ),
        FactRow("Net zero year", net_zero, _pages(facts, "net_zero"), net_zero_note),
        FactRow("Net zero wording", wording, _pages(facts, "net_zero")),
        FactRow("Baseline period", period_label(facts.baseline), _pages(facts, "baseline.label")),
        FactRow("Current period", period_label(facts.current), _pages(facts, "current.label")),
        FactRow("Scope 3 categories", _scope3(facts), _pages(facts, prefix="scope3.")),
        FactRow("Signatory", _signatory(facts.signatory), _pages(facts, "signatory")),
        FactRow(
            "Sign-off date",
            uk_date(facts.sign_off_date, facts.sign_off_date_precision),
            _pages(facts, "sign_off_date"),
        ),
    ]


def emissions_cell(period: Period, field: str) -> Cell:
    """One figure as stated, flagged when derived, converted, explained or not a number."""
    value: float | None = getattr(period, field)
    notes = []
    if field in period.derived:
        notes.append(f"derived: {period.derived[field]}")
    if field == "scope2" and period.scope2_basis:
        # With both bases the stated figure is the market-based one (docs/facts.md).
        basis = "market" if period.scope2_basis == "both" else period.scope2_basis
        notes.append(f"{basis}-based")
    location = {"scope2": period.scope2_location, "total": period.total_location}.get(field)
    if period.scope2_basis == "both" and location is not None:
        notes.append(f"location-based: {tonnes(location)}")
    if field in period.explanations:
        notes.append(f"reason given: {period.explanations[field]}")
    if field in period.negative:
        notes.append("stated as a negative number")
    if value is not None:
        return Cell(tonnes(value), tuple(notes))
    if field in period.not_numeric:
        return Cell(f"“{period.not_numeric[field]}” (not a number)", tuple(notes))
    return Cell(NOT_DISCLOSED, tuple(notes))


def period_notes(name: str, period: Period) -> list[str]:
    """Flags that apply to a whole period's figures (units, conversions, first-year)."""
    notes = []
    if period.converted_from_kg:
        notes.append(f"{name}: figures were given in kgCO2e and converted to tonnes")
    if period.unit and not period.converted_from_kg:
        notes.append(f"{name}: unit as written: {period.unit}")
    if period.same_as_baseline:
        notes.append(f"{name}: the plan says this is its baseline year")
    return notes


def findings_by_section(assessment: Assessment) -> list[tuple[str, list[Finding]]]:
    """Findings grouped under the rulebook's section titles, in rulebook order."""
    groups: dict[str, list[Finding]] = {key: [] for key in SECTIONS}
    for finding in assessment.findings:
        groups.setdefault(finding.section, []).append(finding)
    return [
        (SECTIONS.get(key, key.replace("-", " ").capitalize()), items)
        for key, items in groups.items()
        if items
    ]


def outcome_counts(assessment: Assessment) -> list[tuple[Outcome, int]]:
    """How many findings have each outcome, gaps first, leaving out outcomes with none."""
    counts = Counter(f.outcome for f in assessment.findings)
    return [(outcome, counts[outcome]) for outcome in OUTCOME_LABELS if counts[outcome]]


def _context(assessment: Assessment) -> dict[str, Any]:
    facts = assessment.facts
    titles = {f.rule: f.title for f in assessment.findings}
    return {
        "a": assessment,
        "verdict_label": VERDICT_LABELS[assessment.verdict],
        "sentence": verdict_sentence(assessment),
        "facts": key_facts(assessment),
        "periods": [
            ("Baseline", period_label(facts.baseline), facts.baseline),
            ("Current", period_label(facts.current), facts.current),
        ],
        "period_notes": period_notes("Baseline", facts.baseline)
        + period_notes("Current", facts.current),
        "counts": outcome_counts(assessment),
        "sections": findings_by_section(assessment),
        "rule_titles": titles,
    }


# --------------------------------------------------------------------------- HTML


@lru_cache(maxsize=1)
def get_environment() -> Environment:
    """The one Jinja environment for reports and, later, the web pages that extend base.html."""
    env = Environment(
        loader=PackageLoader("crp_checker", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        standalone=False,
        static_url="/static/",
        not_disclosed=NOT_DISCLOSED,
        fields=SCOPE_FIELDS,
        outcome_labels=OUTCOME_LABELS,
        severity_labels=SEVERITY_LABELS,
        emissions_cell=emissions_cell,
        evidence_line=evidence_line,
        grounds_label=grounds_label,
        uk_date=uk_date,
    )
    return env


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The report stylesheet, inlined into standalone HTML and served as /static/style.css."""
    return files("crp_checker").joinpath("static/style.css").read_text(encoding="utf-8")


def render_html(assessment: Assessment, *, standalone: bool = True) -> str:
    """The HTML report; standalone inlines the CSS (one file, no external resources)."""
    context = _context(assessment) | {"standalone": standalone}
    if standalone:
        context["stylesheet"] = Markup(stylesheet())  # trusted package file, not user input
    return get_environment().get_template("report.html").render(context)


# --------------------------------------------------------------------------- JSON


def render_json(assessment: Assessment) -> str:
    """The Assessment as JSON: the machine-readable twin of the HTML report."""
    return assessment.model_dump_json(indent=2)


def render_json_list(assessments: Sequence[Assessment]) -> str:
    """Several Assessments as one JSON list."""
    adapter = TypeAdapter(list[Assessment])
    return adapter.dump_json(list(assessments), indent=2).decode("utf-8")


# --------------------------------------------------------------------------- text


def _console(color: bool, width: int) -> Console:
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


def _grid(gap: int = 2) -> Table:
    """Two columns, the second wrapping with a hanging indent."""
    grid = Table.grid(padding=(0, gap))
    grid.add_column(no_wrap=True)
    grid.add_column()
    return grid


def _text_findings(console: Console, assessment: Assessment) -> None:
    counts = ", ".join(f"{n} {OUTCOME_LABELS[o].lower()}" for o, n in outcome_counts(assessment))
    console.print(Text(f"Findings ({counts or 'none'})", style="bold"))
    grid = _grid(gap=1)
    order = list(OUTCOME_LABELS)
    for finding in sorted(assessment.findings, key=lambda f: order.index(f.outcome)):
        badge, style = _TEXT_BADGES[finding.outcome]
        line = Text.assemble((finding.rule, "bold"), "  ", finding.message)
        grid.add_row(Text(badge, style=style), line)
        if finding.fix:
            grid.add_row("", Text(f"Fix: {finding.fix}"))
        if finding.evidence:
            grid.add_row("", Text(evidence_line(finding.evidence[0], _TEXT_QUOTE_CHARS), "dim"))
    console.print(grid)


def render_text(assessment: Assessment, *, color: bool, width: int = 100) -> str:
    """A compact report for a terminal: verdict, key facts, then gaps before passes."""
    console = _console(color, width)
    context = _context(assessment)
    console.print(Text.assemble(("Carbon Reduction Plan check: ", "bold"), assessment.source.name))
    console.print(Text(verdict_sentence(assessment), style=_VERDICT_STYLES[assessment.verdict]))
    console.print(
        f"Score {assessment.score}/100 · Maturity level {assessment.maturity} of 5: "
        f"{assessment.maturity_name}"
    )
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
    console.print()
    _text_findings(console, assessment)
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
    return _output(console)


def _output(console: Console) -> str:
    """What a string-backed console printed, without the padding rich adds to table cells."""
    output = console.file
    assert isinstance(output, io.StringIO)
    return "".join(
        _TRAILING_SPACE.sub(r"\1", line) + "\n" for line in output.getvalue().splitlines()
    )


# --------------------------------------------------------------------------- CSV

CSV_COLUMNS: tuple[str, ...] = (
    "source",
    "status",
    "error_code",
    "error",
    "error_hint",
    "verdict",
    "score",
    "maturity",
    "maturity_name",
    "organisation",
    "publication_date",
    "net_zero_year",
    "net_zero_strength",
    "baseline_label",
    "baseline_scope1",
    "baseline_scope2",
    "baseline_scope3",
    "baseline_total",
    "current_label",
    "current_scope1",
    "current_scope2",
    "current_scope3",
    "current_total",
    "derived_or_converted",
    "scope3_categories",
    "failed_mandatory_rules",
    "grounds_failed",
    "needs_review_rules",
    "partial_rules",
    "signatory",
    "signatory_role",
    "sign_off_date",
    "pages",
    "warnings",
    "check_date",
    "assessed_at",
    "rulebook_version",
    "tool_version",
    "sha256",
)
# A cell starting with one of these runs as a formula in Excel (CSV injection), and the text
# comes from untrusted documents, so such cells are prefixed with an apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


def _rules(findings: Iterable[Finding], outcome: Outcome, mandatory: bool = False) -> str:
    return "; ".join(
        f.rule
        for f in findings
        if f.outcome == outcome and (not mandatory or f.severity == Severity.MANDATORY)
    )


def _derived(facts: Facts) -> str:
    flags = []
    for name in ("baseline", "current"):
        period: Period = getattr(facts, name)
        flags += [f"{name}.{key}: {how}" for key, how in period.derived.items()]
        if period.converted_from_kg:
            flags.append(f"{name}: converted from kgCO2e")
    return "; ".join(flags)


def csv_row(assessment: Assessment, *, source: str | None = None) -> dict[str, str]:
    """One batch CSV row for a checked plan; `source` is the input as given, if known."""
    facts = assessment.facts
    findings = assessment.findings
    row = dict.fromkeys(CSV_COLUMNS, "")
    row |= {
        "source": _cell(source or assessment.source.url or assessment.source.name),
        "status": "ok",
        "verdict": assessment.verdict.value,
        "score": str(assessment.score),
        "maturity": str(assessment.maturity),
        "maturity_name": _cell(assessment.maturity_name),
        "organisation": _cell(facts.organisation),
        "publication_date": facts.publication_date.isoformat() if facts.publication_date else "",
        "net_zero_year": str(facts.net_zero_year or ""),
        "net_zero_strength": facts.net_zero_strength or "",
        "derived_or_converted": _cell(_derived(facts)),
        "scope3_categories": "; ".join(str(n) for n in sorted(facts.scope3_categories)),
        "failed_mandatory_rules": _rules(findings, Outcome.FAIL, mandatory=True),
        "grounds_failed": "; ".join(assessment.grounds_failed),
        "needs_review_rules": _rules(findings, Outcome.NEEDS_REVIEW),
        "partial_rules": _rules(findings, Outcome.PARTIAL),
        "signatory": _cell(facts.signatory.name),
        "signatory_role": _cell(facts.signatory.role),
        "sign_off_date": facts.sign_off_date.isoformat() if facts.sign_off_date else "",
        "pages": str(assessment.pages),
        "warnings": _cell("; ".join(assessment.warnings)),
        "check_date": assessment.settings.check_date.isoformat(),
        "assessed_at": assessment.assessed_at.isoformat(),
        "rulebook_version": _cell(assessment.rulebook_version),
        "tool_version": _cell(assessment.tool_version),
        "sha256": assessment.source.sha256,
    }
    for name in ("baseline", "current"):
        period: Period = getattr(facts, name)
        row[f"{name}_label"] = _cell(period.label)
        for field, _label in SCOPE_FIELDS:
            row[f"{name}_{field}"] = _number(getattr(period, field))
    return row


def error_parts(error: BaseException) -> tuple[str, str, str]:
    """(code, message, hint) for any failure, worded for the person who sent the file."""
    if isinstance(error, CRPError):
        return error.code, error.message, error.hint
    if isinstance(error, FileNotFoundError):
        return "not_found", f"No file at {error.filename}.", "Check the path and try again."
    if isinstance(error, OSError):
        return "unreadable", f"The file could not be opened: {error}", CRPError.default_hint
    hint = "This looks like a bug in crp-checker: please report it with the file."
    return "internal_error", f"{type(error).__name__}: {error}", hint


def csv_error_row(source: str, error: BaseException) -> dict[str, str]:
    """The batch CSV row for a plan that could not be checked; the batch carries on."""
    code, message, hint = error_parts(error)
    row = dict.fromkeys(CSV_COLUMNS, "")
    row |= {
        "source": _cell(source),
        "status": "error",
        "error_code": code,
        "error": _cell(message),
        "error_hint": _cell(hint),
    }
    return row


# --------------------------------------------------------------------------- rulebook


class RuleInfo(Protocol):
    """What the rulebook listing needs from a registered rule."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def section(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def serves(self) -> Sequence[str]: ...


RULE_COLUMNS = ("id", "section", "severity", "serves", "title")


def rule_rows(rules: Iterable[RuleInfo]) -> list[dict[str, str]]:
    """The rulebook as plain rows, one per rule id, in registration order."""
    return [
        {
            "id": rule.id,
            "section": rule.section,
            "severity": str(rule.severity),
            "serves": rule.serves if isinstance(rule.serves, str) else ", ".join(rule.serves),
            "title": rule.title,
        }
        for rule in rules
    ]


def render_rules_text(rules: Iterable[RuleInfo], *, color: bool, width: int = 100) -> str:
    """The rulebook as a terminal table."""
    console = _console(color, width)
    table = Table(title="The CRP rulebook", title_justify="left")
    for column in RULE_COLUMNS:
        table.add_column(column, no_wrap=column == "id")
    for row in rule_rows(rules):
        table.add_row(*(row[c] for c in RULE_COLUMNS))
    console.print(table)
    return _output(console)


def render_rules_markdown(rules: Iterable[RuleInfo]) -> str:
    """The rulebook as a Markdown table, for the README."""
    lines = ["| " + " | ".join(RULE_COLUMNS) + " |", "|" + "---|" * len(RULE_COLUMNS)]
    for row in rule_rows(rules):
        cells = [f"`{row['id']}`", *(row[c].replace("|", "\\|") for c in RULE_COLUMNS[1:])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render_rules_json(rules: Iterable[RuleInfo]) -> str:
    """The rulebook as a JSON list of rows."""
    return json.dumps(rule_rows(rules), indent=2) + "\n"
