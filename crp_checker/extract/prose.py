"""Emissions written in sentences rather than tables.

"Hebs GHG baseline emissions were 60.34 tonnes in 2022", "Total Estimated Emissions for 2023:
95 metric tonnes CO2e", "my Scope 1 emissions – 0.244 tonnes". Only used for a period (or a
figure) that no table reported, and never for targets, savings, offsets or intensity figures,
which look alike but are not the plan's emissions.
"""

from __future__ import annotations

import re

from crp_checker.extract.context import Context, Sentence
from crp_checker.extract.rows import UNIT, normalise_unit
from crp_checker.extract.values import NUMBER, find_years, parse_number
from crp_checker.schemas import Evidence, Facts, Period

_NOT_ACTUALS = re.compile(
    r"\b(?:reduc\w*|decreas\w*|target\w*|project\w*|forecast\w*|aim\w*|will|goal|sav(?:e|ed|ing|ings)|"
    r"avoid\w*|offset\w*|intensity|per\s+(?:fte|employee|head|person|£|m)|equate\w*|trajectory|"
    r"by\s+20\d\d|cut\w*|lower\w*|increase\w*|compared|vs\.?|versus|ambition|pledge|commit\w*)\b",
    re.I,
)
_SCOPE = re.compile(
    r"\bscope\s*(?P<n>[123])\b(?!\s*(?:and|&|,|\+|-|–|or)\s*(?:scope\s*)?[123]\b)", re.I
)
_TOTAL = re.compile(
    r"\b(?:total|overall|footprint|emissions?\s+(?:for|in|during|were|was|of|totall?ed))\b", re.I
)
_LINK = re.compile(
    r"^[\s\w,()'’-]{0,100}?(?:were|was|at|of|totall?ed|:|–|-|=|is|are)\s*(?:around|about|approximately|c\.|circa)?\s*$",
    re.I,
)
_MAX_GAP = 90


def _figure(sentence: str, start: int) -> tuple[float, str, int] | None:
    """The first emissions figure after `start`: a number with a mass unit (or a linked 0)."""
    window = sentence[start : start + _MAX_GAP]
    for m in NUMBER.finditer(window):
        after = window[m.end() :]
        if after.lstrip().startswith("%"):
            continue
        unit = UNIT.match(after.lstrip())
        value = parse_number(m[0])
        if value is None:
            continue
        if unit and normalise_unit(unit["unit"]) in ("t", "kg"):
            factor = 0.001 if normalise_unit(unit["unit"]) == "kg" else 1.0
            return value * factor, unit["unit"], start + m.start()
        if value == 0 and _LINK.match(window[: m.start()]):
            return 0.0, "", start + m.start()
    return None


def _role(sentence: Sentence, facts: Facts) -> str | None:
    """Which period a sentence's figure belongs to: said in words, or by its year."""
    lowered = sentence.text.lower()
    if "baseline" in lowered or "base year" in lowered:
        return "baseline"
    if re.search(
        r"\b(?:current|this|latest|most recent)\s+(?:reporting\s+)?(?:year|period)", lowered
    ):
        return "current"
    years = find_years(sentence.text)
    for year in years:
        if year == facts.current.end_year:
            return "current"
        if year == facts.baseline.end_year:
            return "baseline"
    base, current = facts.baseline.end_year, facts.current.end_year
    if base is not None and current is None and any(year > base for year in years):
        return "current"
    if current is not None and base is None and not years:
        return "current"
    return None


def prose_figures(context: Context, facts: Facts, table_lines: set[int]) -> None:
    """Fill figures that no table gave from sentences that state them."""
    for sentence in context.sentences:
        text = sentence.text
        line = context.line_at(sentence.page, sentence.start)
        if _NOT_ACTUALS.search(text) or (line is not None and line.index in table_lines):
            continue
        role = _role(sentence, facts)
        if role is None or f"{role}.table" in facts.evidence:
            continue
        period: Period = getattr(facts, role)
        scopes = list(_SCOPE.finditer(text))
        if len(scopes) == 1:
            found = _figure(text, scopes[0].end())
            name = f"scope{scopes[0]['n']}"
            if found:
                if getattr(period, name) is None:
                    _record(facts, period, role, name, found, sentence)
                continue
        total = _TOTAL.search(text)
        if total and period.total is None and len(scopes) <= 1:
            found = _figure(text, total.start())
            if found and (not scopes or found[2] < scopes[0].start()):
                _record(facts, period, role, "total", found, sentence)


def _record(
    facts: Facts,
    period: Period,
    role: str,
    name: str,
    found: tuple[float, str, int],
    sentence: Sentence,
) -> None:
    value, unit, _ = found
    setattr(period, name, round(value, 6))
    if unit and normalise_unit(unit) == "kg":
        period.converted_from_kg = True
    if unit and period.unit is None:
        period.unit = "kgCO2e" if period.converted_from_kg else "tCO2e"
    facts.evidence[f"{role}.{name}"] = [
        Evidence(page=sentence.page, quote=sentence.text, start=sentence.start, end=sentence.end)
    ]
    if period.end_year is None:
        years = [y for y in find_years(sentence.text) if 1990 <= y <= 2100]
        if len(set(years)) == 1:
            period.label, period.end_year = str(years[0]), years[0]
            facts.evidence[f"{role}.label"] = list(facts.evidence[f"{role}.{name}"])
