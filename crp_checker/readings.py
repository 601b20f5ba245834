"""How each fact was read (stated, derived, inferred, conflicting) and the question it raises.

Extractors mark the doubtful readings as they make them (`mark_inferred`, `mark_conflicting`);
`settle_readings` then records every other disclosed fact as stated or derived, so the JSON
says for each figure whether the plan states it. Rules read the marks: a mandatory fail that
rests on a doubtful reading becomes `needs_review` with the question from `reading_question`.
"""

from __future__ import annotations

from collections.abc import Sequence

from crp_checker.schemas import Candidate, Evidence, Facts, Period, Reading

_PERIOD_FIELDS = ("label", "scope1", "scope2", "scope3", "total")
_FIELD_NAMES = {
    "label": "period",
    "scope1": "Scope 1 figure",
    "scope2": "Scope 2 figure",
    "scope3": "Scope 3 figure",
    "total": "total",
}
_TOP_FIELDS = (
    "organisation",
    "publication_date",
    "net_zero_year",
    "sign_off_date",
)


def fact_name(key: str) -> str:
    """A fact key as a person says it: 'baseline.scope1' -> 'the baseline Scope 1 figure'."""
    head, _, tail = key.partition(".")
    if head in ("baseline", "current") and tail in _FIELD_NAMES:
        role = "baseline" if head == "baseline" else "current reporting"
        return f"the {role} {_FIELD_NAMES[tail]}"
    if head == "scope3" and tail.isdigit():
        return f"the figure for Scope 3 category {tail}"
    return "the " + key.replace("_", " ").replace(".", " ")


def _where(evidence: Sequence[Evidence]) -> str:
    for item in evidence:
        quote = " ".join(item.quote.split())
        if len(quote) > 80:
            quote = quote[:77] + "..."
        page = f"p. {item.page}, " if item.page is not None else ""
        return f" ({page}\u201c{quote}\u201d)"
    return ""


def quoted_at(evidence: Sequence[Evidence]) -> str:
    """' (p. 2, “Reporting year: 2025”)': where the first quote is, for a question's wording."""
    return _where(evidence)


def reading_question(key: str, reading: Reading) -> str:
    """The question a person answers to settle a doubtful reading."""
    name = fact_name(key)
    if reading.how == "conflicting" and reading.candidates:
        options = [f"{c.value}{_where(c.evidence)}" for c in reading.candidates]
        listed = ", ".join(options[:-1]) + f" or {options[-1]}" if len(options) > 1 else options[0]
        return f"Which is {name}: {listed}?"
    reason = (reading.reason or "").strip()
    if reason:
        reason = reason[0].upper() + reason[1:] + ("" if reason.endswith(".") else ".") + " "
    return f"{reason}Is {name} read right?"


def mark_inferred(facts: Facts, key: str, reason: str) -> None:
    """Record that a fact was read from context, not stated beside its value."""
    facts.readings[key] = Reading(how="inferred", reason=reason)


def mark_conflicting(
    facts: Facts, key: str, candidates: Sequence[tuple[str, Sequence[Evidence]]], reason: str
) -> None:
    """Record that the document offers several values for a fact and none clearly wins."""
    facts.readings[key] = Reading(
        how="conflicting",
        reason=reason,
        candidates=[Candidate(value=value, evidence=list(quotes)) for value, quotes in candidates],
    )


def _settle_period(facts: Facts, role: str, period: Period) -> None:
    for name in _PERIOD_FIELDS:
        key = f"{role}.{name}"
        if key in facts.readings or getattr(period, name) is None:
            continue
        why = period.derived.get(name) or (period.derived.get("all") if name != "label" else None)
        if why:
            facts.readings[key] = Reading(how="derived", reason=why)
        else:
            facts.readings[key] = Reading(how="stated")


def settle_readings(facts: Facts) -> None:
    """Every disclosed fact not yet marked is recorded as stated (or derived, when computed)."""
    _settle_period(facts, "baseline", facts.baseline)
    _settle_period(facts, "current", facts.current)
    for key in _TOP_FIELDS:
        if key not in facts.readings and getattr(facts, key) is not None:
            facts.readings[key] = Reading(how="stated")
    for category in facts.scope3_detail:
        key = f"scope3.{category.number}"
        if key in facts.readings:
            continue
        if category.baseline is not None or category.current is not None:
            derived = facts.baseline.derived.get(
                f"scope3_category_{category.number}"
            ) or facts.current.derived.get(f"scope3_category_{category.number}")
            facts.readings[key] = Reading(how="derived" if derived else "stated", reason=derived)
