"""The plan builder's form: the fields pre-filled from a report, each with its page, the gaps
explained by the checker's findings, and the submitted form back as answers.

No web framework here: the router passes the submitted fields in and renders what comes out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from crp_checker.draft.answers import FieldError, facts_to_answers
from crp_checker.draft.fields import SECTION_TITLES, Field, all_fields
from crp_checker.formatting import tonnes
from crp_checker.schemas import Assessment, Finding, Outcome, Severity

# Which part of the form fixes each rule's gap (rules not named go by their rulebook section).
_RULE_SECTIONS = {
    "scope3-categories": "scope3",
    "scope3-consistent": "scope3",
    "completed-measures": "projects",
    "measures-during-contract": "projects",
    "future-measures": "projects",
    "quantified-savings": "projects",
}
_BY_RULEBOOK = {
    "document": "document",
    "commitment": "commitment",
    "baseline": "baseline",
    "current": "current",
    "data": "current",
    "method": "declaration",
    "targets": "targets",
}
_GAPS = (Outcome.FAIL, Outcome.NEEDS_REVIEW, Outcome.PARTIAL)
MAX_CONTEXT_CHARS = 200_000


@dataclass(frozen=True)
class FormField:
    """One input as the page shows it."""

    spec: Field
    value: str
    page: int | None
    error: str | None

    @property
    def id(self) -> str:
        return "f-" + self.spec.name.replace(".", "-").replace("_", "-")


@dataclass
class FormSection:
    """A fieldset of the form: the template section, what the checker found, its fields."""

    key: str
    title: str
    notes: list[str] = field(default_factory=list)
    fields: list[FormField] = field(default_factory=list)


@dataclass
class BuilderState:
    """What the form carries between requests besides its fields: pages and gap notes."""

    pages: dict[str, int] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)

    def dump(self) -> str:
        return json.dumps({"pages": self.pages, "notes": self.notes}, ensure_ascii=False)

    @classmethod
    def load(cls, text: str | None) -> BuilderState:
        """The state sent back by the form; anything malformed is dropped, never trusted."""
        if not text or len(text) > MAX_CONTEXT_CHARS:
            return cls()
        try:
            raw = json.loads(text)
        except json.JSONDecodeError:
            return cls()
        if not isinstance(raw, dict):
            return cls()
        pages: dict[Any, Any] = raw["pages"] if isinstance(raw.get("pages"), dict) else {}
        notes: dict[Any, Any] = raw["notes"] if isinstance(raw.get("notes"), dict) else {}
        return cls(
            pages={str(k): v for k, v in pages.items() if isinstance(v, int)},
            notes={
                str(k): [str(n) for n in v if isinstance(n, str)]
                for k, v in notes.items()
                if isinstance(v, list) and k in SECTION_TITLES
            },
        )


def _section_for(finding: Finding) -> str | None:
    return _RULE_SECTIONS.get(finding.rule) or _BY_RULEBOOK.get(finding.section)


def gap_notes(assessment: Assessment) -> dict[str, list[str]]:
    """The checker's gaps, each under the part of the form that closes it."""
    notes: dict[str, list[str]] = {}
    for finding in assessment.findings:
        if finding.severity is Severity.INFO or finding.outcome not in _GAPS:
            continue
        section = _section_for(finding)
        if section is not None:
            notes.setdefault(section, []).append(f"{finding.title}: {finding.message}")
    return notes


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(value)
    if isinstance(value, float):
        return tonnes(value, unit=False).replace(",", "")
    return str(value)


def prefill(assessment: Assessment | None) -> tuple[dict[str, str], BuilderState]:
    """The form's values and state from a report (empty without one)."""
    if assessment is None:
        return {}, BuilderState()
    answers = facts_to_answers(assessment.facts)
    values = {name: _shown(value) for name, value in answers.values.items()}
    return values, BuilderState(pages=answers.pages, notes=gap_notes(assessment))


def _categories(values: Mapping[str, str]) -> tuple[int, ...]:
    numbers = set()
    for name in values:
        parts = name.split(".")
        if len(parts) == 3 and parts[0] == "scope3" and parts[1].isdigit():
            numbers.add(int(parts[1]))
    return tuple(n for n in sorted(numbers) if 1 <= n <= 15)


def sections(
    values: Mapping[str, str], state: BuilderState, errors: list[FieldError] | None = None
) -> list[FormSection]:
    """The form, section by section, in the template's order."""
    problems = {e.name: e.message for e in errors or []}
    found = {
        key: FormSection(key, title, list(state.notes.get(key, [])))
        for key, title in SECTION_TITLES.items()
    }
    for spec in all_fields(_categories(values)).values():
        found[spec.section].fields.append(
            FormField(
                spec, values.get(spec.name, ""), state.pages.get(spec.name), problems.get(spec.name)
            )
        )
    return list(found.values())


def submitted(form: Mapping[str, Any]) -> dict[str, Any]:
    """The answers in a submitted form: every field of the plan by name, blanks left out.

    Fields the form does not know are ignored (the buttons, the CSRF token, the state)."""
    known = all_fields(_categories({k: "" for k in form}))
    answers: dict[str, Any] = {}
    for name, spec in known.items():
        value = form.get(name)
        if not isinstance(value, str) or not value.strip():
            continue
        answers[name] = value if spec.kind in ("lines", "longtext") else value.strip()
    return answers


def values_of(raw: Mapping[str, Any]) -> dict[str, str]:
    """Submitted answers as the form shows them again after an error."""
    return {name: str(value) for name, value in raw.items()}


def fix_plan_fields(assessment: Assessment) -> dict[str, str]:
    """The hidden fields of "Fix my plan" on a report that was not stored."""
    values, state = prefill(assessment)
    return {"prefilled": json.dumps(values, ensure_ascii=False), "state": state.dump()}
