"""Emissions written in sentences rather than tables.

"In our baseline year (2020) we emitted 4.2 tCO2e of Scope 1 emissions, 9.8 tCO2e of Scope 2
emissions (market-based; 11.3 tCO2e location-based) ... a total of 54.0 tCO2e", "Hebs GHG
baseline emissions were 60.34 tonnes in 2022", "my Scope 1 emissions – 0.244 tonnes". Only
used for a period that no table reported, and never for targets, savings, offsets or intensity
figures, which look alike but are not the plan's emissions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crp_checker.extract.context import Context, Sentence
from crp_checker.extract.units import normalise_unit
from crp_checker.extract.values import find_years, parse_number
from crp_checker.schemas import Facts, Period, Scope3Category

_NOT_ACTUALS = re.compile(
    r"\b(?:reduc\w*|decreas\w*|target\w*|project\w*|forecast\w*|aim\w*|will|goal|"
    r"sav(?:e|ed|ing|ings)|avoid\w*|offset\w*|intensity|per\s+(?:fte|employee|head|person|£|m)|"
    r"equate\w*|trajectory|by\s+20\d\d|cut\w*|lower\w*|increase\w*|compared|vs\.?|versus|"
    r"ambition|pledge|commit\w*)\b",
    re.I,
)
_NUM = r"(?P<{name}>-?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?)"
_UNIT = (
    r"(?P<{name}>(?:metric\s+)?(?:t|tonnes?|tons?|kg|kgs|kilograms?)\s*(?:of\s+)?co2\s*e?"
    r"(?:q|quivalent)?|tco2e?|kgco2e?|(?:metric\s+)?tonnes?|kg)\b"
)
_MASS = _NUM.format(name="num") + r"\s*" + _UNIT.format(name="unit")
_FIGURE_FIRST = re.compile(_MASS + r"\s+(?:of\s+)?(?:our\s+|the\s+)?scope\s*(?P<n>[123])\b", re.I)
_LABEL_FIRST = re.compile(
    r"\bscope\s*(?P<n>[123])\b(?!\s*(?:and|&|,|or|\+)\s*(?:scope\s*)?[123]\b)"
    r"(?:(?!total)[^.;%\d]){0,100}?" + _MASS,
    re.I,
)
_TOTAL_FIGURE = re.compile(
    r"\btotal(?:\s+[a-z]+){0,3}?\s*(?:of|was|were|:|=|–|-)?\s*"
    r"(?:around|about|approximately|c\.)?\s*" + _MASS,
    re.I,
)
_OTHER_BASIS = re.compile(
    r"\(\s*(?P<first>market|location)[\s-]based\s*[;,]\s*"
    + _NUM.format(name="num")
    + r"\s*"
    + _UNIT.format(name="unit")
    + r"\s*(?P<second>market|location)[\s-]based\s*\)",
    re.I,
)
_EMISSIONS_PHRASE = re.compile(
    r"\bemissions?\s+(?:for|in|during|were|was|of|totall?ed)\b|\bfootprint\b", re.I
)
_ZERO_LINK = re.compile(
    r"\bscope\s*(?P<n>[123])\b[^.;\d%]{0,110}?\b(?:were|was|at|of|is|are|:|–|-|=)\s*"
    r"(?:around|about|approximately)?\s*0(?!\d|[.,]\d)",
    re.I,
)
_CATEGORY_FIGURE = re.compile(r"\s*\(\s*" + _MASS + r"\s*\)", re.I)


@dataclass
class Figure:
    """One figure read from a sentence: which field, its value in tonnes, where it starts."""

    field: str
    value: float
    kg: bool
    start: int


def _tonnes(number: str, unit: str) -> tuple[float, bool] | None:
    value = parse_number(number)
    kind = normalise_unit(unit)
    if value is None or kind not in ("t", "kg"):
        return None
    return (value / 1000, True) if kind == "kg" else (value, False)


def _figures(text: str) -> list[Figure]:
    """Scope and total figures of a sentence, in either order of label and number."""
    found: list[Figure] = []
    used: list[tuple[int, int]] = []

    def add(field: str, m: re.Match[str]) -> None:
        span = (m.start("num"), m.end("num"))
        if any(s < span[1] and span[0] < e for s, e in used):
            return
        converted = _tonnes(m["num"], m["unit"])
        if converted is None:
            return
        used.append(span)
        found.append(Figure(field, converted[0], converted[1], span[0]))

    for m in _FIGURE_FIRST.finditer(text):
        add(f"scope{m['n']}", m)
    for m in _TOTAL_FIGURE.finditer(text):
        add("total", m)
    for m in _LABEL_FIRST.finditer(text):
        add(f"scope{m['n']}", m)
    for m in _OTHER_BASIS.finditer(text):
        add(f"scope2_{m['second'].lower()}", m)
    if not found:
        for m in _ZERO_LINK.finditer(text):
            found.append(Figure(f"scope{m['n']}", 0.0, False, m.end() - 1))
    if not found and _EMISSIONS_PHRASE.search(text):
        first = re.search(_MASS, text, re.I)
        if first:
            add("total", first)
    return found


def _role(sentence: Sentence, facts: Facts) -> str | None:
    """Which period a sentence's figures belong to: said in words, or by its year."""
    lowered = sentence.text.lower()
    if "baseline" in lowered or "base year" in lowered:
        return "baseline"
    if re.search(
        r"\b(?:current|this|latest|most recent|reporting)\s+(?:reporting\s+)?(?:year|period)",
        lowered,
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


def prose_figures(
    context: Context,
    facts: Facts,
    table_lines: set[int],
    categories: dict[int, Scope3Category],
) -> None:
    """Fill figures that no table gave from sentences that state them."""
    previous_role: str | None = None
    for sentence in context.sentences:
        text = sentence.text
        line = context.line_at(sentence.page, sentence.start)
        if _NOT_ACTUALS.search(text) or (line is not None and line.index in table_lines):
            continue
        role = _role(sentence, facts) or (previous_role if _continues(text) else None)
        if role is None or f"{role}.table" in facts.evidence:
            continue
        period: Period = getattr(facts, role)
        figures = _figures(text)
        for figure in figures:
            if getattr(period, figure.field) is None:
                _record(facts, period, role, figure, sentence)
        if period.scope2_market is not None or period.scope2_location is not None:
            _settle_basis(period)
        _category_figures(context, sentence, role, categories, facts)
        previous_role = role if figures or _continues(text) else previous_role


def _continues(text: str) -> bool:
    """'Our Scope 3 emissions came from ...' follows the sentence that set the year."""
    return bool(
        re.match(r"(?:our|these|the)\s+scope\s*3\b|this\s+(?:comprised|included)", text, re.I)
    )


def _settle_basis(period: Period) -> None:
    if period.scope2 is not None and period.scope2_location is not None:
        period.scope2_market = period.scope2_market or period.scope2
        period.scope2_basis = "both"


def _category_figures(
    context: Context,
    sentence: Sentence,
    role: str,
    categories: dict[int, Scope3Category],
    facts: Facts,
) -> None:
    """'business travel (21.4 tCO2e)': a Scope 3 category with its figure."""
    for match in context.matches_within(sentence.page, sentence.start, sentence.end, "SCOPE3_CAT"):
        tail = context.document.pages[sentence.page - 1].text[match.end : match.end + 40]
        m = _CATEGORY_FIGURE.match(tail)
        if not m:
            continue
        converted = _tonnes(m["num"], m["unit"])
        if converted is None:
            continue
        number = int(match.id)
        entry = categories.setdefault(
            number, Scope3Category(number=number, name="", as_written=match.text)
        )
        if getattr(entry, role) is None:
            setattr(entry, role, round(converted[0], 6))
            facts.evidence.setdefault(f"scope3.{number}", []).append(sentence.evidence())


def _record(facts: Facts, period: Period, role: str, figure: Figure, sentence: Sentence) -> None:
    setattr(period, figure.field, round(figure.value, 6))
    if figure.kg:
        period.converted_from_kg = True
    if period.unit is None or figure.kg:
        period.unit = "kgCO2e" if period.converted_from_kg else "tCO2e"
    key = "scope2" if figure.field.startswith("scope2") else figure.field
    facts.evidence.setdefault(f"{role}.{key}", []).append(sentence.evidence())
    if period.end_year is None:
        years = [y for y in find_years(sentence.text) if 1990 <= y <= 2100]
        if len(set(years)) == 1:
            period.label, period.end_year = str(years[0]), years[0]
            facts.evidence[f"{role}.label"] = [sentence.evidence()]
