"""What both human reports show: the key facts, the findings by section and their counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from crp_checker.corrections import describe
from crp_checker.formatting import NOT_DISCLOSED, uk_date
from crp_checker.report.actions import actions, decisive_lead, score_line
from crp_checker.report.glossary import GLOSSARY
from crp_checker.report.wording import (
    OUTCOME_LABELS,
    VERDICT_LABELS,
    period_label,
    period_notes,
    verdict_sentence,
)
from crp_checker.rules.registry import SECTIONS
from crp_checker.rules.scope3 import assessment_coverage
from crp_checker.schemas import Assessment, Facts, Finding, Outcome, Signatory


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


def _signatory(signatory: Signatory) -> str:
    parts = [p for p in (signatory.name, signatory.role) if p]
    return ", ".join(parts) if parts else NOT_DISCLOSED


def _scope3(assessment: Assessment) -> str:
    facts = assessment.facts
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
    covered = assessment_coverage(assessment).text
    return f"{covered} required categories covered. Named: " + "; ".join(parts)


def _net_zero(facts: Facts) -> tuple[str, str]:
    notes = []
    if facts.net_zero_strength == "aspiration":
        notes.append("worded as an aspiration, not a commitment")
    if facts.carbon_neutral_only:
        year = f" by {facts.carbon_neutral_year}" if facts.carbon_neutral_year else ""
        notes.append(f"carbon neutral only{year}, not net zero")
    value = str(facts.net_zero_year) if facts.net_zero_year else NOT_DISCLOSED
    return value, "; ".join(notes)


# Which corrected facts (keys of Facts.corrections, by prefix) each key fact row shows.
_CORRECTED_IN = {
    "Organisation": ("organisation",),
    "Publication date": ("publication_date",),
    "Net zero year": ("net_zero_year",),
    "Baseline period": ("baseline.label", "baseline.start", "baseline.end"),
    "Current period": ("current.label", "current.start", "current.end"),
    "Scope 3 categories": ("scope3.",),
    "Signatory": ("signatory.",),
    "Sign-off date": ("sign_off_date",),
}


def _marked(row: FactRow, facts: Facts) -> FactRow:
    """The row, noted as corrected by a person when one of its facts was."""
    prefixes = _CORRECTED_IN.get(row.label, ())
    if not any(key.startswith(prefixes) for key in facts.corrections):
        return row
    note = "; ".join(n for n in (row.note, "corrected by a person (see Corrected facts)") if n)
    return FactRow(row.label, row.value, row.pages, note)


def key_facts(assessment: Assessment) -> list[FactRow]:
    """The facts a buyer looks at first, "not disclosed" where the plan is silent."""
    facts = assessment.facts
    rows = _key_facts(assessment)
    return [_marked(row, facts) for row in rows] if facts.corrections else rows


def _key_facts(assessment: Assessment) -> list[FactRow]:
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
        FactRow("Scope 3 categories", _scope3(assessment), _pages(facts, prefix="scope3.")),
        FactRow("Signatory", _signatory(facts.signatory), _pages(facts, "signatory")),
        FactRow(
            "Sign-off date",
            uk_date(facts.sign_off_date, facts.sign_off_date_precision),
            _pages(facts, "sign_off_date"),
        ),
    ]


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


def report_context(assessment: Assessment) -> dict[str, Any]:
    """Everything the text and HTML reports show, worked out once so they cannot disagree."""
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
        "corrections": [describe(path, fix) for path, fix in facts.corrections.items()],
        "todo": actions(assessment),
        "decisive_lead": decisive_lead(assessment),
        "score_line": score_line(assessment),
        "glossary": GLOSSARY,
    }
