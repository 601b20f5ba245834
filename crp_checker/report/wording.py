"""The labels and phrases every rendering shares, so a verdict reads the same at every door."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from crp_checker.formatting import NOT_DISCLOSED as NOT_DISCLOSED
from crp_checker.formatting import tonnes, uk_date
from crp_checker.schemas import Assessment, Evidence, Outcome, Period, Severity, Verdict

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
    Verdict.NOT_A_CRP: "Not a carbon reduction plan",
}
SCOPE_FIELDS = (
    ("scope1", "Scope 1"),
    ("scope2", "Scope 2"),
    ("scope3", "Scope 3"),
    ("total", "Total"),
)


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
    if assessment.verdict == Verdict.NOT_A_CRP:
        why = next(
            (f.message for f in assessment.findings if f.rule == "crp-identified" and f.message),
            "",
        )
        reason = f" ({why.rstrip('.')})" if why else ""
        return (
            f"{label}: there is no plan to judge{reason}; the other checks below show what a "
            "plan would need"
        )
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


def evidence_line(evidence: Evidence, limit: int | None = None) -> str:
    """A quote with its page: 'p. 3: “...”' (the page is missing only for derived values)."""
    quote = " ".join(evidence.quote.split())
    if limit is not None and len(quote) > limit:
        quote = quote[: limit - 1].rstrip() + "…"
    where = f"p. {evidence.page}" if evidence.page is not None else "derived"
    return f"{where}: “{quote}”"


def period_label(period: Period) -> str:
    """The period as written, with exact dates where the plan pins them down."""
    label = period.label or (str(period.end_year) if period.end_year else None)
    if label is None:
        return NOT_DISCLOSED
    if period.start and period.end:
        return f"{label} ({uk_date(period.start)} to {uk_date(period.end)})"
    return label


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
        notes.append(f"location-based: {tonnes(location, unit=False)}")
    if field in period.explanations:
        notes.append(f"reason given: {period.explanations[field]}")
    if field in period.negative:
        notes.append("stated as a negative number")
    if value is not None:
        return Cell(tonnes(value, unit=False), tuple(notes))
    if field in period.not_numeric:
        return Cell(f"“{period.not_numeric[field]}” (not a number)", tuple(notes))
    return Cell(NOT_DISCLOSED, tuple(notes))


def is_flag(note: str) -> bool:
    """A note that asks for attention (derived, converted, not a number), not a plain label
    such as the Scope 2 basis."""
    return not note.startswith(("market-based", "location-based"))


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
