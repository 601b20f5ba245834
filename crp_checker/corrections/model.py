"""The Correction model and its checks: which fact paths can be corrected, what kind of value
each takes, and reading corrections from JSON or a form, refused naming the field."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from crp_checker.errors import CRPError
from crp_checker.readings import fact_name
from crp_checker.schemas import Facts

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
SCOPE3_PATH = re.compile(r"scope3\.(\d{1,2})(?:\.(baseline|current))?")


def fact_kind(path: str) -> Kind | None:
    """The parser of a fact path's values, or None when the path names no correctable fact."""
    if path in _TOP_KINDS:
        return _TOP_KINDS[path]
    head, _, tail = path.partition(".")
    if head in ("baseline", "current") and tail in _PERIOD_KINDS:
        return _PERIOD_KINDS[tail]
    match = SCOPE3_PATH.fullmatch(path)
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


def field_error(index: int | None, field: str, message: str) -> CorrectionError:
    """The refusal of a correction, naming it (when in a list) and its field."""
    where = f"correction {index + 1}: " if index is not None else ""
    return CorrectionError(f"{where}'{field}' {message}.")


def parse_correction(item: Any, index: int | None = None) -> Correction:
    """One correction checked: its shape, a fact path the checker knows, a value of its kind."""
    try:
        correction = Correction.model_validate(item)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "correction"
        raise field_error(index, field, f"is wrong: {first['msg']}") from None
    kind = fact_kind(correction.fact)
    if kind is None:
        raise field_error(
            index,
            "fact",
            f"names no fact that can be corrected: {correction.fact!r} (for example "
            "baseline.scope1, current.end, net_zero_year, is_crp or scope3.6)",
        )
    try:
        kind(correction.value)
    except ValueError as error:
        raise field_error(index, "value", f"for {correction.fact} must be {error}") from None
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
        raise field_error(None, "value", f"for {fact} is not {_kind_words(kind)}") from None
    return text


def _kind_words(kind: Kind) -> str:
    try:
        kind(object())
    except ValueError as error:
        return str(error)
    return "valid"  # pragma: no cover (every kind refuses an object)


def fact_value(facts: Facts, path: str) -> Any:
    """A fact's current value by its path (JSON form: dates as ISO text)."""
    match = SCOPE3_PATH.fullmatch(path)
    if match:
        entry = next((e for e in facts.scope3_detail if e.number == int(match.group(1))), None)
        return None if entry is None else getattr(entry, match.group(2) or "current")
    head, _, tail = path.partition(".")
    if head in ("baseline", "current", "signatory"):
        return as_json(getattr(getattr(facts, head), tail))
    return as_json(getattr(facts, path))


def as_json(value: Any) -> Any:
    """A fact's value as JSON keeps it: dates as ISO text."""
    return value.isoformat() if isinstance(value, dt.date) else value
