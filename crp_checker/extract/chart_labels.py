"""A chart's values written out as text: "Figure 2: Scope 1 2019 22.7, 2025 16.4; Scope 2 2019
18.3, 2025 12.1; ... (all tCO2e)".

Plans that show their footprint as a bar chart often print the values behind the bars in the
caption, each scope followed by its years and figures. Each figure is tied to its scope by
the label before it and to its period by the year beside it; a year that is neither the
baseline's nor the current period's is left alone. Only fields no table or sentence filled
are taken, and only in tonnes.
"""

from __future__ import annotations

import re

from crp_checker.extract.context import DocumentContext, Sentence
from crp_checker.extract.units import UNIT, normalise_unit
from crp_checker.extract.values import find_period, parse_number
from crp_checker.schemas import Facts

_NUM = r"\d[\d,]*(?:\.\d+)?"
_YEAR = r"(?:FY\s?)?(?:19|20)\d\d(?:\s?[/-]\s?\d{2,4})?"
_SEGMENT = re.compile(
    rf"\b(?:scope\s*(?P<n>[123])|(?P<t>total))\s+(?P<pairs>{_YEAR}\s+{_NUM}"
    rf"(?:\s*(?:,|and)\s*{_YEAR}\s+{_NUM})+)",
    re.I,
)
_PAIR = re.compile(rf"(?P<y>{_YEAR})\s+(?P<v>{_NUM})", re.I)


# "..., 2019 then 2025: Scope 1 8.6 and 6.3; Scope 2 11.2 and 7.4; ...": the order of the
# periods stated once, then each scope's two figures.
_ORDER = re.compile(
    rf"(?P<a>{_YEAR}|baseline|current(?:\s+year)?|this\s+year)\s*,?\s*(?:then|followed\s+by|/)"
    rf"\s*(?P<b>{_YEAR}|baseline|current(?:\s+year)?|this\s+year)\b",
    re.I,
)
_PAIRED = re.compile(
    rf"\b(?:scope\s*(?P<n>[123])|(?P<t>total|all\s+scopes))\s*[:\-–]?\s*(?P<v1>{_NUM})"
    rf"\s*(?:and|/|,)\s*(?P<v2>{_NUM})(?!\s*(?:%|per\s*cent))",
    re.I,
)


def _role_of(written: str, ends: dict[int | None, str]) -> str | None:
    """The period a written year or role word names."""
    lowered = written.lower()
    if lowered.startswith("baseline"):
        return "baseline"
    if lowered.startswith(("current", "this")):
        return "current"
    return ends.get(_end_year(written))


def _end_year(written: str) -> int | None:
    """The year a written period ends in: '2019' -> 2019, '2024/25' -> 2025."""
    spec = find_period(written)
    return spec.end_year if spec else None


def chart_labels(context: DocumentContext, facts: Facts) -> None:
    """Fill empty scope and total fields from a chart's written-out values."""
    ends = {facts.baseline.end_year: "baseline", facts.current.end_year: "current"}
    ends.pop(None, None)
    if len(ends) != 2:
        return  # both periods must be known to tell the figures apart
    for sentence in context.sentences:
        _ordered(facts, sentence, ends)
        segments = list(_SEGMENT.finditer(sentence.text))
        if len(segments) < 2:
            continue  # one scope with years is a sentence, not a chart's labels
        unit = UNIT.search(sentence.text[segments[-1].end() :]) or UNIT.search(sentence.text)
        if unit is None or normalise_unit(unit["unit"]) != "t":
            continue
        for segment in segments:
            field = f"scope{segment['n']}" if segment["n"] else "total"
            for pair in _PAIR.finditer(segment["pairs"]):
                role = ends.get(_end_year(pair["y"]))
                value = parse_number(pair["v"])
                period = getattr(facts, role) if role else None
                if period is None or value is None or getattr(period, field) is not None:
                    continue
                setattr(period, field, value)
                period.unit = period.unit or unit["unit"]
                facts.evidence[f"{role}.{field}"] = [sentence.evidence()]


def _ordered(facts: Facts, sentence: Sentence, ends: dict[int | None, str]) -> None:
    """Labels given as pairs after the order of the periods ("2019 then 2025: Scope 1 8.6 and
    6.3; Scope 2 11.2 and 7.4 ...")."""
    order = _ORDER.search(sentence.text)
    if order is None:
        return
    first, second = _role_of(order["a"], ends), _role_of(order["b"], ends)
    if first is None or second is None or first == second:
        return
    pairs = list(_PAIRED.finditer(sentence.text, order.end()))
    unit = UNIT.search(sentence.text)
    if len(pairs) < 2 or unit is None or normalise_unit(unit["unit"]) != "t":
        return
    for pair in pairs:
        field = f"scope{pair['n']}" if pair["n"] else "total"
        for role, written in ((first, pair["v1"]), (second, pair["v2"])):
            period = getattr(facts, role)
            value = parse_number(written)
            if value is None or getattr(period, field) is not None:
                continue
            setattr(period, field, value)
            period.unit = period.unit or unit["unit"]
            facts.evidence[f"{role}.{field}"] = [sentence.evidence()]
