"""Totals that a summary line or a comparison sentence gives for a period whose table has none.

Plans often leave the total row out of the table and state it elsewhere: a summary box
("This year: 335.2 tCO2e" / "Baseline year: 402.0 tCO2e") or one sentence comparing the
years ("This year we emitted 335.2 tCO2e in total, against 402.0 tCO2e in our baseline
year"). The role words tie each figure to its period; where the period's three scopes are
known, the figure must also be their sum, so a target or a part is never taken for a total.
"""

from __future__ import annotations

import re
from itertools import pairwise

from crp_checker.extract.context import DocumentContext, Sentence
from crp_checker.extract.prose import PAIR_CUE_CHARS, nearest_period, period_cues
from crp_checker.extract.prose_figures import (
    MASS,
    Figure,
    paired_figures,
    sentence_figures,
    tonnes,
)
from crp_checker.schemas import Facts, Period

_CURRENT = r"this\s+year|current\s+(?:reporting\s+)?(?:year|period)|latest\s+year|reporting\s+year"
_BASELINE = r"baseline(?:\s+year)?|base\s+year"
# "This year: 335.2 tCO2e", "Baseline year (2021/22) - 402.0 tCO2e": a whole line.
_SUMMARY = re.compile(
    rf"^\W*(?:(?P<c>{_CURRENT})|(?P<b>{_BASELINE}))\s*(?:\([^)]*\))?"
    r"(?:\s+(?:FY\s?)?(?:19|20)\d\d(?:\s?[/-]\s?\d{2,4})?)?\s*[:=\-–]\s*"
    + MASS
    + r"(?:\s+(?:in\s+)?total)?\s*\.?$",
    re.I,
)
# "This year we emitted 335.2 tCO2e in total, against 402.0 tCO2e in our baseline year".
_COMPARED = re.compile(
    rf"^\W*(?P<c>{_CURRENT})\b[^.;\d]{{0,40}}?"
    + MASS.replace("num>", "cnum>").replace("unit>", "cunit>")
    + r"\s+in\s+total\s*,?\s*(?:against|compared\s+(?:with|to)|down\s+from|up\s+from)\s+"
    + MASS
    + rf"\s+(?:in|for)\s+(?:our\s+|the\s+)?(?:{_BASELINE})\b",
    re.I,
)
# "In 2025 we emitted 412.6 tCO2e in total, 16.8% less than ...": the year names the period.
_IN_YEAR = re.compile(
    r"^\W*in\s+(?:FY\s?)?(?P<y>(?:19|20)\d\d)(?:\s?[/-]\s?\d{2,4})?\b[^.;\d]{0,40}?"
    r"\b(?:we\s+emitted|(?:our\s+)?emissions\s+(?:were|totall?ed|came\s+to))\s+"
    + MASS
    + r"\s+in\s+total\b",
    re.I,
)
_TOLERANCE = 0.01


def _fits(period: Period, value: float) -> bool:
    """The figure is the period's total: no total yet, and the scopes, where all are known,
    add up to it."""
    if period.total is not None:
        return False
    scope2 = period.scope2_market if period.scope2_market is not None else period.scope2
    parts = (period.scope1, scope2, period.scope3)
    if any(part is None for part in parts):
        return True
    added = sum(part for part in parts if part is not None)
    return abs(added - value) <= max(0.1, _TOLERANCE * value)


def _set(facts: Facts, role: str, number: str, unit: str, sentence: Sentence) -> None:
    converted = tonnes(number, unit)
    if converted is None or converted[1]:
        return  # a kilogram total would convert the period: left to the tables
    _fill(facts, role, converted[0], sentence)


def _fill(facts: Facts, role: str, value: float, sentence: Sentence) -> None:
    """Record the period's total, where it fits the period."""
    period: Period = getattr(facts, role)
    if _fits(period, value):
        period.total = round(value, 6)
        facts.evidence[f"{role}.total"] = [sentence.evidence()]


def prose_totals(context: DocumentContext, facts: Facts) -> None:
    """Fill a period's missing total from a summary line or a comparison sentence."""
    for sentence in context.sentences:
        for line in sentence.text.split("\n"):
            m = _SUMMARY.match(line.strip())
            if m is not None:
                _set(facts, "current" if m["c"] else "baseline", m["num"], m["unit"], sentence)
        dated = _IN_YEAR.match(sentence.text)
        if dated is not None:
            for role in ("current", "baseline"):
                if getattr(facts, role).end_year == int(dated["y"]):
                    _set(facts, role, dated["num"], dated["unit"], sentence)
                    break
        m = _COMPARED.match(sentence.text)
        if m is not None:
            _set(facts, "current", m["cnum"], m["cunit"], sentence)
            _set(facts, "baseline", m["num"], m["unit"], sentence)
        totals = _totals(sentence)
        _named_total(facts, sentence, totals)
        _paired_total(facts, sentence, totals)
    for joined in _label_value_lines(context):
        m = _SUMMARY.match(joined.text.strip())
        if m is not None:
            _set(facts, "current" if m["c"] else "baseline", m["num"], m["unit"], joined)
        _named_total(facts, joined, _totals(joined))


# A value broken from its label ("Total emissions 2024-25:" / "261.5 tCO2e", or
# "Baseline 2018-19: 317.1" / "tCO2e"), as a highlight box's narrow column sets it.
_LABEL_END = re.compile(r"(?::|\b(?:19|20)\d\d(?:[/-]\d{2})?:\s*[\d.,]+)\s*$")
_VALUE_LINE = re.compile(r"^\s*(?:[\d.,]+\s*)?(?:t\s*co2e|tonnes?(?:\s+co2e)?)\s*\.?\s*$", re.I)


def _label_value_lines(context: DocumentContext) -> list[Sentence]:
    """A label line and the value or unit line under it, read as one field."""
    joined: list[Sentence] = []
    lines = context.lines
    for line, following in pairwise(lines):
        if line.page != following.page or not _LABEL_END.search(line.text):
            continue
        if _VALUE_LINE.match(following.text):
            text = f"{line.text} {following.text}"
            joined.append(Sentence(line.page, line.start, following.end, text))
    return joined


def _totals(sentence: Sentence) -> list[Figure]:
    """The totals a sentence states, read once for every reader of totals below."""
    return [f for f in sentence_figures(sentence.text) if f.field == "total"]


def _named_total(facts: Facts, sentence: Sentence, totals: list[Figure]) -> None:
    """A total stated in a sentence or field that names one period only ("Total emissions for
    FY2024/25: 412.6 tCO2e"), for a period whose table gave the scopes but no total."""
    roles = {role for _, role in period_cues(sentence, facts)}
    if len(totals) != 1 or len(roles) != 1 or totals[0].kg:
        return
    role = next(iter(roles))
    period: Period = getattr(facts, role)
    if period.scope1 is None or period.scope2 is None or period.scope3 is None:
        return  # only a total its three scopes confirm
    _fill(facts, role, totals[0].value, sentence)


def _paired_total(facts: Facts, sentence: Sentence, totals: list[Figure]) -> None:
    """Two periods' totals in one sentence, each beside the words naming its period ("In total
    we emitted 156.2 tCO2e in 2025, compared with 184.3 tCO2e in the baseline year"); each is
    taken only where that period's three scopes are known and add up to it."""
    if len(totals) != 1 or totals[0].kg:
        return
    pairs = paired_figures(sentence.text, totals)
    if len(pairs) != 1 or pairs[0].kg:
        return
    pair = pairs[0]
    cues = period_cues(sentence, facts)
    before = [c for c in cues if c[0] < pair.start]
    after = [c for c in cues if pair.start < c[0] <= pair.start + PAIR_CUE_CHARS]
    if not after or (not before and after[0][1] != "baseline"):
        return
    # "... came to 60.6 t, against 70.6 t in the baseline year": with no words of its own, the
    # first is the other period, the current one
    roles = (nearest_period(before, totals[0].start) if before else "current", after[0][1])
    if roles[0] == roles[1]:
        return
    periods: list[Period] = [getattr(facts, role) for role in roles]
    if any(p.scope1 is None or p.scope2 is None or p.scope3 is None for p in periods):
        return  # only totals their scopes confirm
    for role, figure in zip(roles, (totals[0], pair), strict=True):
        _fill(facts, role, figure.value, sentence)
