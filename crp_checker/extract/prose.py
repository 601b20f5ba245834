"""Emissions written in sentences rather than tables.

"In our baseline year (2020) we emitted 4.2 tCO2e of Scope 1 emissions, 9.8 tCO2e of Scope 2
emissions (market-based; 11.3 tCO2e location-based) ... a total of 54.0 tCO2e", "Hebs GHG
baseline emissions were 60.34 tonnes in 2022", "2.6 tonnes CO2e in Scope 2", "nothing from
Scope 1", "Scope 1. Nil in both years.", "Total Scope 1 Emissions: 42.3 tCO2e".

A sentence's figures belong to the period it names (in words or by its year) or, when it names
none, to the period the paragraph it continues was about. Only used for a period that no
table reported, and never for targets, savings, offsets or intensity figures, which look alike
but are not the plan's emissions. A scope's stated total beats a figure read earlier for it
from a looser wording; a share of a scope ("Most of Scope 3 is travel, 38.7 t") is not the
scope's figure.
"""

from __future__ import annotations

import re

from crp_checker.extract.context import Context, Sentence
from crp_checker.extract.prose_figures import (
    Figure,
    category_figures,
    odd_unit_total,
    sentence_figures,
)
from crp_checker.extract.units import NOT_MASS, unit_as_read
from crp_checker.extract.values import find_years
from crp_checker.schemas import Facts, Period, Scope3Category

_NOT_ACTUALS = re.compile(
    r"\b(?:reduc\w*|decreas\w*|target\w*|project\w*|forecast\w*|aim\w*|will|goal|"
    r"sav(?:e|ed|ing|ings)|avoid\w*|offset\w*|intensity|per\s+(?:fte|employee|head|person|£|m)|"
    r"equate\w*|trajectory|by\s+20\d\d|cut\w*|lower\w*|increase\w*|compared|vs\.?|versus|"
    r"ambition|pledge|commit\w*|below|above\s+(?:our|the)|less than|more than|"
    r"for example|e\.g\.|imaginary|hypothetical|illustrative)\b",
    re.I,
)
_CURRENT_WORDS = re.compile(
    r"\b(?:current|this|latest|most recent|reporting)\s+"
    r"(?:(?:full|complete|reporting|financial|calendar)\s+)*(?:year|period)\b",
    re.I,
)
_BASELINE_WORDS = re.compile(r"\bbaseline\b|\bbase\s+year\b", re.I)
_LABEL_ONLY = re.compile(r"^\W*scope\s*[123]\s*[.:]$", re.I)
_CONTEXT_SENTENCES = 4  # how far a paragraph's period carries to the sentences that follow


def _roles(sentence: Sentence, facts: Facts) -> set[str]:
    """The periods a sentence names: in words, or else by a year of a known period."""
    found: set[str] = set()
    text = sentence.text
    if _BASELINE_WORDS.search(text):
        found.add("baseline")
    if _CURRENT_WORDS.search(text):
        found.add("current")
    if found:
        return found  # the words name the period; its years may be its dates
    years = find_years(text)
    base, current = facts.baseline.end_year, facts.current.end_year
    for year in years:
        if year == base:
            found.add("baseline")  # a first-year plan's current period repeats it
        elif year == current:
            found.add("current")
    if not found and base is not None and current is None and any(y > base for y in years):
        found.add("current")
    if not found and current is not None and base is None and not years:
        found.add("current")  # the plan reports only a current period
    return found


def _joined(sentences: list[Sentence]) -> list[Sentence]:
    """'Scope 1.' then 'Nil in both years.': a scope named as a label before its sentence."""
    joined: list[Sentence] = []
    for sentence in sentences:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.page == sentence.page
            and _LABEL_ONLY.match(previous.text)
            and sentence.start - previous.end <= 3
        ):
            joined[-1] = Sentence(
                previous.page, previous.start, sentence.end, f"{previous.text} {sentence.text}"
            )
        else:
            joined.append(sentence)
    return joined


def _breaks(context: Context, previous: Sentence | None, sentence: Sentence) -> bool:
    """A new paragraph or heading lies between two sentences, so context does not carry."""
    if previous is None or previous.page != sentence.page:
        return True
    gap = context.document.pages[sentence.page - 1].text[previous.end : sentence.start]
    if re.search(r"\n\s*\n", gap):
        return True
    short = len(previous.text.split()) <= 6 and not previous.text.rstrip().endswith((".", ":"))
    return short and not re.search(r"\d", previous.text)


def prose_figures(
    context: Context,
    facts: Facts,
    table_lines: set[int],
    categories: dict[int, Scope3Category],
) -> None:
    """Fill figures that no table gave from sentences that state them."""
    strength: dict[tuple[str, str], int] = {}
    carried: str | None = None
    carried_for = 0
    previous: Sentence | None = None
    co2e_said = bool(re.search(r"co2\s?e|carbon dioxide equivalent", context.document.text, re.I))
    for sentence in _joined(context.sentences):
        text = sentence.text
        if _breaks(context, previous, sentence):
            carried = None
        previous = sentence
        line = context.line_at(sentence.page, sentence.start)
        if line is not None and line.index in table_lines:
            continue
        named = _roles(sentence, facts)
        if len(named) == 1:
            carried, carried_for = next(iter(named)), 0
        carried_for += 1
        if _NOT_ACTUALS.search(text) or len(named) > 1:
            continue
        roles = named or ({carried} if carried and carried_for <= _CONTEXT_SENTENCES else set())
        odd = odd_unit_total(text)
        if odd is not None:
            for role in roles:
                _odd_unit(facts, role, odd, sentence)
        for figure in sentence_figures(text):
            for role in ("baseline", "current") if figure.both else tuple(roles):
                _apply(facts, role, figure, sentence, strength, co2e_said)
        for role in roles:
            if f"{role}.table" not in facts.evidence:
                category_figures(context, sentence, role, categories, facts)


def _apply(
    facts: Facts,
    role: str,
    figure: Figure,
    sentence: Sentence,
    strength: dict[tuple[str, str], int],
    co2e_said: bool,
) -> None:
    """Record a figure for a period no table reported, unless a stronger reading has it."""
    if f"{role}.table" in facts.evidence:
        return
    period: Period = getattr(facts, role)
    key = (role, figure.field)
    held = getattr(period, figure.field)
    if held is not None and strength.get(key, 9) >= figure.strength:
        return
    strength[key] = figure.strength
    setattr(period, figure.field, round(figure.value, 6))
    if figure.kg:
        period.converted_from_kg = True
    unit = unit_as_read(figure.unit, co2e_said) if figure.unit else None
    if unit and (period.unit is None or figure.kg):
        period.unit = unit
    name = "scope2" if figure.field.startswith("scope2") else figure.field
    facts.evidence[f"{role}.{name}"] = [sentence.evidence()]
    if period.scope2_market is not None or period.scope2_location is not None:
        _settle_basis(period)
    if period.end_year is None:
        years = [y for y in find_years(sentence.text) if 1990 <= y <= 2100]
        if len(set(years)) == 1:
            period.label, period.end_year = str(years[0]), years[0]
            facts.evidence[f"{role}.label"] = [sentence.evidence()]


def _odd_unit(facts: Facts, role: str, odd: tuple[str, str], sentence: Sentence) -> None:
    """A total in a unit that is not a mass of CO2e is noted, never reported as tonnes."""
    period: Period = getattr(facts, role)
    if f"{role}.table" in facts.evidence or period.total is not None:
        return
    period.not_numeric.setdefault("total", f"{odd[0]} {odd[1]}, {NOT_MASS}")
    period.unit = period.unit or odd[1]
    facts.evidence.setdefault(f"{role}.total", []).append(sentence.evidence())


def _settle_basis(period: Period) -> None:
    if period.scope2 is not None and period.scope2_location is not None:
        period.scope2_market = period.scope2_market or period.scope2
        period.scope2_basis = "both"
