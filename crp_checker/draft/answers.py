"""The answers a draft plan is built from: the facts read from a plan, overlaid with the
supplier's own, validated field by field.

Nothing is filled in that nobody supplied: a field that neither the plan nor the supplier gives
stays missing, and the draft marks it so.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from crp_checker.draft.fields import REQUIRED_CATEGORIES, Field, all_fields, field_for
from crp_checker.errors import CRPError
from crp_checker.schemas import Facts, Measure, Period

Value = str | float | int | list[str]
_SCOPES = ("scope1", "scope2", "scope3")
_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_TEMPLATE_LEAD = re.compile(r"the following environmental management measures", re.I)
_MONTH_RANGE_DAYS = (360, 372)  # a reporting year: 12 months, give or take a week-based year


@dataclass(frozen=True)
class FieldError:
    """What is wrong with one answer, named by its field."""

    name: str
    message: str

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


class AnswersError(CRPError):
    """Some answers cannot be used; each error names its field."""

    code = "invalid_answers"
    default_hint = "Correct the fields named and try again; nothing was written."

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


@dataclass
class Answers:
    """The values a draft uses (typed), where each came from, and the plan's page for it."""

    values: dict[str, Value] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    from_plan: set[str] = field(default_factory=set)

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def categories(self) -> list[int]:
        """The Scope 3 categories the draft lists: the required five and any other answered."""
        named = {int(n.split(".")[1]) for n in self.values if n.startswith("scope3.")}
        return sorted(set(REQUIRED_CATEGORIES) | named)

    def missing(self) -> list[Field]:
        """Required fields nobody supplied (a required category counts once, as its figures)."""
        gaps = [
            f
            for f in all_fields().values()
            if f.required and f.name not in self.values and not f.name.startswith("scope3.")
        ]
        if "target.tco2e" not in self.values and "target.percent" in self.values:
            gaps = [f for f in gaps if f.name != "target.tco2e"]
        for number in REQUIRED_CATEGORIES:
            keys = [f"scope3.{number}.{part}" for part in ("current", "reason")]
            if not any(k in self.values for k in keys):
                gaps.append(all_fields()[f"scope3.{number}.current"])
        return gaps


# --------------------------------------------------------------------------- from a plan


def _first_page(facts: Facts, key: str) -> int | None:
    pages = [e.page for e in facts.evidence.get(key, []) if e.page is not None]
    return min(pages) if pages else None


def _period_values(which: str, period: Period) -> dict[str, Value]:
    values: dict[str, Value] = {}
    if period.label:
        values[f"{which}.label"] = period.label
    if period.start and period.end:
        values[f"{which}.start"] = period.start.isoformat()
        values[f"{which}.end"] = period.end.isoformat()
    for name in (*_SCOPES, "total"):
        figure = getattr(period, name)
        if figure is not None:
            values[f"{which}.{name}"] = figure
    for name, reason in period.explanations.items():
        if name in _SCOPES:
            values[f"{which}.explanations.{name}"] = reason
    if period.scope2_basis in ("market", "location"):
        values[f"{which}.scope2_basis"] = period.scope2_basis
    elif period.scope2_basis == "both":
        values[f"{which}.scope2_basis"] = "market"  # the stated scope2 is the market figure
    return values


def _date(value: dt.date | None, precision: str | None) -> str | None:
    if value is None:
        return None
    return value.isoformat()[:7] if precision in ("month", "year") else value.isoformat()


def _measure_lines(measures: list[Measure]) -> list[str]:
    """The measures as lines of the draft's list: not the template's own lead sentence, which
    the draft writes itself, nor pieces of a table (its cells come as 'a | b |')."""
    lines = []
    for measure in measures:
        text = " ".join(measure.text.split())
        if "|" in text or _TEMPLATE_LEAD.match(text):
            continue
        lines.append(text)
    return lines


def facts_to_answers(facts: Facts) -> Answers:
    """Every fact the checker read that a template plan holds, with the page it is on."""
    values: dict[str, Value] = {}
    pages: dict[str, int] = {}

    def put(name: str, value: Value | None, key: str | None = None) -> None:
        if value is None or value == "" or value == []:
            return
        values[name] = value
        page = _first_page(facts, key or name)
        if page is not None:
            pages[name] = page

    put("organisation", facts.organisation)
    put("publication_date", _date(facts.publication_date, facts.publication_date_precision))
    put("net_zero_year", facts.net_zero_year, "net_zero")
    for which, period in (("baseline", facts.baseline), ("current", facts.current)):
        for name, value in _period_values(which, period).items():
            key = f"{which}.label" if name.endswith((".start", ".end", "_basis")) else name
            key = key.replace(".explanations.", ".")  # a reason is quoted with its figure
            put(name, value, key)
    put("baseline_method", facts.baseline_method)
    for item in facts.scope3_detail:
        key = f"scope3.{item.number}"
        put(f"{key}.baseline", item.baseline, key)
        put(f"{key}.current", item.current, key)
        if item.excluded and item.reason:
            put(f"{key}.reason", item.reason, key)
    target = next((t for t in facts.targets if t.year and (t.target_tco2e or t.percent)), None)
    if target is not None:
        put("target.year", target.year, "targets")
        put("target.tco2e", target.target_tco2e, "targets")
        put("target.percent", target.percent, "targets")
    put("completed_measures", _measure_lines(facts.completed_measures), "completed_measures")
    put("future_measures", _measure_lines(facts.future_measures), "future_measures")
    put("savings_tco2e", facts.savings_tco2e, "savings")
    put("savings_percent", facts.savings_percent, "savings")
    put("signatory.name", facts.signatory.name, "signatory")
    put("signatory.role", facts.signatory.role, "signatory")
    put("sign_off_date", _date(facts.sign_off_date, facts.sign_off_date_precision))
    return Answers(values=values, pages=pages, from_plan=set(values))


# --------------------------------------------------------------------------- parsing


def _number(raw: Any) -> float:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip().replace(",", "")
        text = re.sub(r"\s*(?:t\s*co2e?|tonnes?)$", "", text, flags=re.I)
        value = float(text)
    if not math.isfinite(value):
        raise ValueError
    return value


def parse_date(text: str) -> tuple[dt.date, str]:
    """'2025-03-14' (a day) or '2025-03' (a month only) -> the date and its precision."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        raise ValueError
    year, month, day = match.groups()
    return dt.date(int(year), int(month), int(day or 1)), "day" if day else "month"


def _parse(spec: Field, raw: Any) -> Value:
    """One answer as its field's type; ValueError with the reason when it is not one."""
    if spec.kind == "number":
        try:
            value = _number(raw)
        except (TypeError, ValueError):
            raise ValueError(
                f"{raw!r} is not a number: give tonnes CO2e as a number, e.g. 12.5"
            ) from None
        if value < 0:
            raise ValueError(f"{value:g} is negative: emissions and savings are 0 or more")
        if spec.name.endswith("percent") and value > 100:
            raise ValueError(f"{value:g}% is more than 100%")
        return value
    if spec.kind == "year":
        try:
            year = int(str(raw).strip())
        except ValueError:
            raise ValueError(f"{raw!r} is not a year: give four digits, e.g. 2045") from None
        if not 2000 <= year <= 2100:
            raise ValueError(f"{year} is not a plausible year (2000 to 2100)")
        return year
    if spec.kind == "date":
        try:
            parse_date(str(raw))
        except ValueError:
            raise ValueError(
                f"{raw!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-03-14"
            ) from None
        return str(raw).strip()
    if spec.kind == "lines":
        items = raw if isinstance(raw, list) else str(raw).splitlines()
        lines = [" ".join(str(item).split()) for item in items]
        return [line.lstrip("-•* ") for line in lines if line.strip("-•* ")]
    if spec.kind == "basis":
        basis = str(raw).strip().lower().removesuffix("-based").removesuffix(" based")
        if basis not in ("market", "location"):
            raise ValueError(f"{raw!r} is not a basis: say market or location")
        return basis
    if isinstance(raw, dict | list):
        raise ValueError("give text, not a list or an object")
    return " ".join(str(raw).split()) if spec.kind == "text" else str(raw).strip()


def _is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str | list) and not raw)


def _unknown(name: str) -> FieldError:
    close = difflib.get_close_matches(name, list(all_fields()), n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return FieldError(name, f"not a field of the plan{hint}")


# --------------------------------------------------------------------------- checks across fields


def _supplied(answers: Answers, *names: str) -> bool:
    """Some of these fields come from the supplier: the plan's own figures are the checker's
    business (its report already says when they disagree), the supplier's are checked here."""
    return any(name in answers.values and name not in answers.from_plan for name in names)


def _period_errors(answers: Answers, which: str, today: dt.date) -> list[FieldError]:
    errors = []
    start, end = answers.get(f"{which}.start"), answers.get(f"{which}.end")
    if not _supplied(answers, f"{which}.start", f"{which}.end"):
        pass
    elif start and end:
        first, _ = parse_date(start)
        last, _ = parse_date(end)
        days = (last - first).days + 1
        if days <= 0:
            errors.append(FieldError(f"{which}.end", "the period ends before it starts"))
        elif not _MONTH_RANGE_DAYS[0] <= days <= _MONTH_RANGE_DAYS[1]:
            errors.append(
                FieldError(
                    f"{which}.end", f"the period runs {days} days; a reporting year is 12 months"
                )
            )
        elif last > today:
            errors.append(FieldError(f"{which}.end", "the period has not ended yet"))
    elif bool(start) != bool(end):
        missing = f"{which}.end" if start else f"{which}.start"
        errors.append(FieldError(missing, "give both the first and the last day, or neither"))
    scopes = [answers.get(f"{which}.{s}") for s in _SCOPES]
    total = answers.get(f"{which}.total")
    names = [f"{which}.{s}" for s in (*_SCOPES, "total")]
    if total is not None and all(s is not None for s in scopes) and _supplied(answers, *names):
        added = sum(scopes)
        if abs(added - total) > max(0.1, abs(total) * 0.01):
            errors.append(
                FieldError(
                    f"{which}.total",
                    f"{total:g} is not Scope 1 + Scope 2 + Scope 3 = {added:g} tCO2e",
                )
            )
    return errors


def _target_errors(answers: Answers) -> list[FieldError]:
    """A stated reduction must match its tonnes against the baseline or the current total
    (the rule target-arithmetic accepts either)."""
    target, stated = answers.get("target.tco2e"), answers.get("target.percent")
    totals = [t for t in (answers.get("baseline.total"), answers.get("current.total")) if t]
    names = ("target.tco2e", "target.percent", "baseline.total", "current.total")
    if target is None or stated is None or not totals or not _supplied(answers, *names):
        return []
    worked = [(1 - target / total) * 100 for total in totals]
    if any(abs(w - stated) <= 1 for w in worked):
        return []
    against = " or ".join(
        f"{w:.1f}% against {t:g} tCO2e" for w, t in zip(worked, totals, strict=True)
    )
    message = f"{stated:g}% does not match {target:g} tCO2e ({against})"
    return [FieldError("target.percent", message)]


def _cross_errors(answers: Answers, today: dt.date) -> list[FieldError]:
    errors = _period_errors(answers, "baseline", today) + _period_errors(answers, "current", today)
    base_end, current_end = answers.get("baseline.end"), answers.get("current.end")
    later = base_end and current_end and parse_date(base_end)[0] > parse_date(current_end)[0]
    if later and _supplied(answers, "baseline.end", "current.end"):
        errors.append(
            FieldError("baseline.end", "the baseline ends after the current reporting year")
        )
    signed = answers.get("sign_off_date")
    if signed and parse_date(signed)[0] > today and _supplied(answers, "sign_off_date"):
        errors.append(FieldError("sign_off_date", "the date is in the future"))
    errors += _target_errors(answers)
    year, net_zero = answers.get("target.year"), answers.get("net_zero_year")
    if year and net_zero and year > net_zero and _supplied(answers, "target.year", "net_zero_year"):
        errors.append(FieldError("target.year", f"{year} is after the net zero year {net_zero}"))
    return errors


def overlay(base: Answers, raw: Mapping[str, Any], *, today: dt.date | None = None) -> Answers:
    """The plan's answers with the supplier's on top; AnswersError names every bad field.

    An empty answer ("" or null) clears what the plan said, so a wrongly read fact can be
    removed; a field nobody supplies stays missing.
    """
    answers = Answers(dict(base.values), dict(base.pages), set(base.from_plan))
    errors: list[FieldError] = []
    for name, value in raw.items():
        spec = field_for(name)
        if spec is None:
            errors.append(_unknown(name))
            continue
        if _is_blank(value):
            answers.values.pop(name, None)
        else:
            try:
                answers.values[name] = _parse(spec, value)
            except ValueError as error:
                errors.append(FieldError(name, str(error)))
                continue
        answers.pages.pop(name, None)
        answers.from_plan.discard(name)
    if not errors:
        errors = _cross_errors(answers, today or dt.date.today())
    if errors:
        raise AnswersError(errors)
    return answers
