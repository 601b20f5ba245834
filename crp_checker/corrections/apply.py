"""Applying corrections: set the values on a copy of the facts, keep the checker's originals,
judge the facts again, and set outcomes a person decided."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from crp_checker.corrections.model import (
    SCOPE3_PATH,
    Correction,
    as_json,
    fact_kind,
    field_error,
)
from crp_checker.readings import fact_name
from crp_checker.rules.helpers import SCOPE3_NAMES
from crp_checker.schemas import (
    Assessment,
    CorrectedFact,
    Evidence,
    Facts,
    Outcome,
    Period,
    Reading,
    Scope3Category,
)


def _category(facts: Facts, number: int) -> Scope3Category:
    for entry in facts.scope3_detail:
        if entry.number == number:
            return entry
    entry = Scope3Category(
        number=number, name=SCOPE3_NAMES[number], as_written=SCOPE3_NAMES[number]
    )
    facts.scope3_detail = sorted([*facts.scope3_detail, entry], key=lambda e: e.number)
    facts.scope3_categories = sorted({*facts.scope3_categories, number})
    return entry


def _set_period(period: Period, name: str, value: Any) -> Any:
    original = getattr(period, name)
    setattr(period, name, value)
    for notes in (period.derived, period.not_numeric):
        notes.pop(name, None)
    if name in ("scope1", "scope2", "scope3", "total"):
        period.negative = [item for item in period.negative if item != name]
        if value is not None and period.unit is None:
            period.unit = "tCO2e"  # a corrected figure is in tonnes CO2e, as the contract says
    if name == "end" and value is not None:
        period.end_year = value.year
    return original


def _set(facts: Facts, path: str, value: Any) -> Any:
    """Set one fact; returns the value it replaces."""
    match = SCOPE3_PATH.fullmatch(path)
    if match:
        entry = _category(facts, int(match.group(1)))
        which = match.group(2) or "current"
        original = getattr(entry, which)
        setattr(entry, which, value)
        if value is not None:
            entry.excluded = entry.unmeasured = entry.in_total = False
            entry.marker = None
        return original
    head, _, tail = path.partition(".")
    if head in ("baseline", "current"):
        return _set_period(getattr(facts, head), tail, value)
    if head == "signatory":
        original = getattr(facts.signatory, tail)
        setattr(facts.signatory, tail, value)
        return original
    original = getattr(facts, path)
    setattr(facts, path, value)
    if path == "is_crp":
        facts.crp_kind = (
            ("standalone" if facts.crp_kind == "none" else facts.crp_kind) if value else "none"
        )
    return original


def apply_corrections(
    facts: Facts,
    corrections: Iterable[Correction],
    *,
    by: str | None = None,
    at: dt.datetime | None = None,
    supplier_statement: bool = False,
) -> Facts:
    """A copy of `facts` with each correction applied in order and recorded.

    The checker's original stays in `corrections[path].original`, also when the facts were
    corrected before (a later correction of the same fact replaces the earlier one).
    """
    corrected = facts.model_copy(deep=True)
    for item in corrections:
        kind = fact_kind(item.fact)
        if kind is None:  # parse_correction refuses these; a stored one may predate a change
            raise field_error(None, "fact", f"names no fact that can be corrected: {item.fact!r}")
        value = kind(item.value)
        replaced = _set(corrected, item.fact, value)
        earlier = corrected.corrections.get(item.fact)
        corrected.corrections[item.fact] = CorrectedFact(
            value=as_json(value),
            original=earlier.original if earlier else as_json(replaced),
            page=item.page,
            quote=item.quote,
            reason=item.reason,
            by=by,
            at=at,
            supplier_statement=supplier_statement,
        )
        who = "the supplier" if supplier_statement else (by or "a person")
        corrected.readings[item.fact] = Reading(
            how="corrected", reason=f"Corrected by {who}: {item.reason}"
        )
        if item.quote:
            corrected.evidence[item.fact] = [Evidence(page=item.page, quote=item.quote)]
    return corrected


_UNREAD = re.compile(r"^Pages? ([\d,\- and]+?) (?:has|have|could)\b")


def unreadable_pages(warnings: Sequence[str]) -> list[int]:
    """The pages a stored assessment's reading warnings say could not be read."""
    pages: set[int] = set()
    for warning in warnings:
        match = _UNREAD.match(warning)
        if not match or "could not be read" not in warning:
            continue
        for part in re.split(r",| and ", match.group(1)):
            low, _, high = part.strip().partition("-")
            if low.isdigit():
                pages.update(range(int(low), int(high or low) + 1))
    return sorted(pages)


def rejudge(
    assessment: Assessment,
    corrections: Sequence[Correction],
    *,
    by: str | None = None,
    at: dt.datetime | None = None,
    supplier_statement: bool = False,
) -> Assessment:
    """The assessment judged again, under the current rulebook, on its corrected facts."""
    facts = apply_corrections(
        assessment.facts, corrections, by=by, at=at, supplier_statement=supplier_statement
    )
    return judge_again(assessment, facts)


def judge_again(assessment: Assessment, facts: Facts) -> Assessment:
    """Judge `facts` (the assessment's, corrected) as the assessment's plan, with its settings,
    pages and reading warnings, without reading the plan again."""
    from crp_checker.pipeline import judge  # the pipeline imports the whole checker

    return judge(
        facts,
        assessment.settings,
        source=assessment.source,
        page_count=assessment.pages,
        unreadable_pages=unreadable_pages(assessment.warnings),
        warnings=assessment.warnings,
    )


@dataclass(frozen=True)
class OutcomeSet:
    """A finding's outcome set by a person, with why and who (outside tenders, whose bids
    have moderations for this)."""

    rule: str
    outcome: Outcome
    reason: str
    by: str | None = None


def set_outcomes(assessment: Assessment, settings: Sequence[OutcomeSet]) -> Assessment:
    """The assessment with these findings' outcomes set, scored again."""
    from crp_checker.report.wording import OUTCOME_LABELS
    from crp_checker.score import score
    from crp_checker.support import match_support

    findings = list(assessment.findings)
    for setting in settings:
        for index, finding in enumerate(findings):
            if finding.rule == setting.rule:
                note = (
                    f" Set to {OUTCOME_LABELS[setting.outcome].lower()} by "
                    f"{setting.by or 'a person'}: {setting.reason}"
                )
                findings[index] = finding.model_copy(
                    update={
                        "outcome": setting.outcome,
                        "message": finding.message + note,
                        "question": None,
                    }
                )
    result = score(findings, assessment.facts, assessment.settings)
    return assessment.model_copy(
        update={
            "findings": findings,
            "verdict": result.verdict,
            "score": result.score,
            "maturity": result.maturity,
            "maturity_name": result.maturity_name,
            "grounds_failed": result.grounds_failed,
            "support": match_support(findings),
        }
    )


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def describe(path: str, corrected: CorrectedFact) -> str:
    """'The baseline Scope 1 figure is 120.5 (the checker read 12), by ann@x on 2026-12-07:
    reason (p. 3, “quote”)': one line for reports, logs and exports."""
    who = "the supplier's own statement" if corrected.supplier_statement else corrected.by
    when = f" on {corrected.at:%Y-%m-%d}" if corrected.at else ""
    source = (f"p. {corrected.page}, " if corrected.page else "") + (
        f"\u201c{corrected.quote}\u201d" if corrected.quote else ""
    )
    name = fact_name(path)
    return (
        f"{name[0].upper()}{name[1:]} is {_shown(corrected.value)} (the checker read "
        f"{_shown(corrected.original)}), {'as ' if corrected.supplier_statement else 'by '}"
        f"{who or 'a person'}{when}: {corrected.reason}"
        + (f" ({source.rstrip(', ')})" if source else "")
    )
