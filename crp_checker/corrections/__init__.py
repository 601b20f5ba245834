"""Fact corrections: a person settles what the checker read wrong, and the plan is judged again.

A correction names a fact by its path in the JSON contract's facts (`baseline.scope1`,
`current.end`, `net_zero_year`, `is_crp`, `scope3.6`), gives the value with the page and quote
that support it, and a reason. `apply_corrections` sets the values on a copy of the facts,
marks each as `corrected` in `readings` and records it in `facts.corrections` with the
checker's original beside it; `rejudge` runs the rules and the score again on those facts.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from crp_checker.errors import CRPError
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

MIN_YEAR, MAX_YEAR = 1990, 2100


class CorrectionError(CRPError):
    """A correction names no fact the checker knows, or gives a value of the wrong kind."""

    code = "bad_correction"
    http_status = 422
    default_hint = (
        'Give each correction as {"fact": "baseline.scope1", "value": 120.5, "page": 3, '
        '"quote": "...", "reason": "..."}; the README lists the facts that can be corrected.'
    )


class Correction(BaseModel):
    """One fact a person corrects, with the evidence for it and why."""

    model_config = ConfigDict(extra="forbid")

    fact: str = Field(description="The fact's path in the JSON facts, e.g. baseline.scope1.")
    value: Any = Field(description="The right value: a number, year, ISO date, text or boolean.")
    page: int | None = Field(default=None, ge=1, description="The page that supports it.")
    quote: str = Field(default="", max_length=2000, description="The words that support it.")
    reason: str = Field(min_length=1, max_length=2000, description="Why the checker was wrong.")


# --------------------------------------------------------------------------- value kinds


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("a number of tonnes CO2e (or null: not disclosed)")
    if value < 0 or value != value or value in (float("inf"), float("-inf")):
        raise ValueError("a number of tonnes CO2e, not negative")
    return float(value)


def _year(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        raise ValueError(f"a year from {MIN_YEAR} to {MAX_YEAR} (or null: not stated)")
    return value


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("a date written YYYY-MM-DD (or null: not stated)")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 300:
        raise ValueError("text of at most 300 characters (or null: not stated)")
    return " ".join(value.split())


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


Kind = Callable[[Any], Any]
_PERIOD_KINDS: dict[str, Kind] = {
    "label": _text,
    "start": _date,
    "end": _date,
    "end_year": _year,
    **{
        name: _number
        for name in (
            "scope1", "scope2", "scope3", "total", "scope2_market", "scope2_location",
            "total_market", "total_location",
        )
    },
}  # fmt: skip
_TOP_KINDS: dict[str, Kind] = {
    "is_crp": _boolean,
    "organisation": _text,
    "publication_date": _date,
    "net_zero_year": _year,
    "carbon_neutral_year": _year,
    "sign_off_date": _date,
    "signatory.name": _text,
    "signatory.role": _text,
}
_SCOPE3 = re.compile(r"scope3\.(\d{1,2})(?:\.(baseline|current))?")


def fact_kind(path: str) -> Kind | None:
    """The parser of a fact path's values, or None when the path names no correctable fact."""
    if path in _TOP_KINDS:
        return _TOP_KINDS[path]
    head, _, tail = path.partition(".")
    if head in ("baseline", "current") and tail in _PERIOD_KINDS:
        return _PERIOD_KINDS[tail]
    match = _SCOPE3.fullmatch(path)
    if match and 1 <= int(match.group(1)) <= 15:
        return _number
    return None


def correctable_facts() -> list[str]:
    """Every fact path a correction may name (the scope 3 ones as a pattern), for help texts."""
    periods = [f"{p}.{name}" for p in ("baseline", "current") for name in _PERIOD_KINDS]
    return [*_TOP_KINDS, *periods, "scope3.N", "scope3.N.baseline"]


_LABELS = {
    "is_crp": "Is a Carbon Reduction Plan (yes or no)",
    "sign_off_date": "Sign-off date",
    **{
        f"{period}.{name}": f"{period.capitalize()} {words}"
        for period in ("baseline", "current")
        for name, words in (
            ("start", "period start date"),
            ("end", "period end date"),
            ("end_year", "period end year"),
            ("scope2_market", "Scope 2 (market-based)"),
            ("scope2_location", "Scope 2 (location-based)"),
            ("total_market", "total (market-based)"),
            ("total_location", "total (location-based)"),
        )
    },
}


def fact_choices() -> list[tuple[str, str]]:
    """Every correctable fact with how people say it, for a form's list."""
    paths = [p for p in correctable_facts() if not p.startswith("scope3.")]
    paths += [f"scope3.{n}" for n in range(1, 16)] + [f"scope3.{n}.baseline" for n in range(1, 16)]
    choices = []
    for path in paths:
        if path in _LABELS:
            choices.append((path, _LABELS[path]))
            continue
        name = fact_name(path.removesuffix(".baseline"))
        name = f"{name} (baseline)" if path.endswith(".baseline") else name
        choices.append((path, name.removeprefix("the ")[0].upper() + name.removeprefix("the ")[1:]))
    return choices


# --------------------------------------------------------------------------- parsing


def _field_error(index: int | None, field: str, message: str) -> CorrectionError:
    where = f"correction {index + 1}: " if index is not None else ""
    return CorrectionError(f"{where}'{field}' {message}.")


def parse_correction(item: Any, index: int | None = None) -> Correction:
    """One correction checked: its shape, a fact path the checker knows, a value of its kind."""
    try:
        correction = Correction.model_validate(item)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "correction"
        raise _field_error(index, field, f"is wrong: {first['msg']}") from None
    kind = fact_kind(correction.fact)
    if kind is None:
        raise _field_error(
            index,
            "fact",
            f"names no fact that can be corrected: {correction.fact!r} (for example "
            "baseline.scope1, current.end, net_zero_year, is_crp or scope3.6)",
        )
    try:
        kind(correction.value)
    except ValueError as error:
        raise _field_error(index, "value", f"for {correction.fact} must be {error}") from None
    return correction


def parse_corrections(data: Any) -> list[Correction]:
    """A corrections file's content (a JSON list of corrections), each checked."""
    if not isinstance(data, list):
        raise CorrectionError("The corrections must be a JSON list of objects.")
    return [parse_correction(item, index) for index, item in enumerate(data)]


def load_corrections(text: str) -> list[Correction]:
    """A corrections file's text, parsed and checked."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CorrectionError(f"The corrections file is not valid JSON: {error}.") from None
    return parse_corrections(data)


def form_value(fact: str, text: str) -> Any:
    """A value typed in a form, as its fact's kind wants it: '1,234.5' is a number, '2045' a
    year, 'yes'/'no' a boolean; an empty box means not disclosed. Refused naming the field."""
    kind = fact_kind(fact)
    text = text.strip()
    if kind is None or not text:
        return None
    try:
        if kind is _number:
            return float(text.replace(",", ""))
        if kind is _year:
            return int(text)
        if kind is _boolean:
            return {"yes": True, "true": True, "no": False, "false": False}[text.lower()]
    except (ValueError, KeyError):
        raise _field_error(None, "value", f"for {fact} is not {_kind_words(kind)}") from None
    return text


def _kind_words(kind: Kind) -> str:
    try:
        kind(object())
    except ValueError as error:
        return str(error)
    return "valid"  # pragma: no cover (every kind refuses an object)


def fact_value(facts: Facts, path: str) -> Any:
    """A fact's current value by its path (JSON form: dates as ISO text)."""
    match = _SCOPE3.fullmatch(path)
    if match:
        entry = next((e for e in facts.scope3_detail if e.number == int(match.group(1))), None)
        return None if entry is None else getattr(entry, match.group(2) or "current")
    head, _, tail = path.partition(".")
    if head in ("baseline", "current", "signatory"):
        return _as_json(getattr(getattr(facts, head), tail))
    return _as_json(getattr(facts, path))


# --------------------------------------------------------------------------- applying


def _as_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


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
    if name == "end" and value is not None:
        period.end_year = value.year
    return original


def _set(facts: Facts, path: str, value: Any) -> Any:
    """Set one fact; returns the value it replaces."""
    match = _SCOPE3.fullmatch(path)
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
            raise _field_error(None, "fact", f"names no fact that can be corrected: {item.fact!r}")
        value = kind(item.value)
        replaced = _set(corrected, item.fact, value)
        earlier = corrected.corrections.get(item.fact)
        corrected.corrections[item.fact] = CorrectedFact(
            value=_as_json(value),
            original=earlier.original if earlier else _as_json(replaced),
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


__all__ = [
    "Correction",
    "CorrectionError",
    "OutcomeSet",
    "apply_corrections",
    "correctable_facts",
    "describe",
    "fact_choices",
    "fact_kind",
    "fact_value",
    "form_value",
    "judge_again",
    "load_corrections",
    "parse_correction",
    "parse_corrections",
    "rejudge",
    "set_outcomes",
    "unreadable_pages",
]
