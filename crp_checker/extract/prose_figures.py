"""The figures one sentence states for each scope and the total, however it words them.

Each reading has a strength, so that a scope's stated total ("Total Scope 1 Emissions: 42.3
tCO2e") beats the first number near the scope's name, and a figure tied to its scope by
grammar ("2.6 tonnes CO2e in Scope 2") beats one merely written after the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crp_checker.extract.context import DocumentContext, Sentence
from crp_checker.extract.units import normalise_unit
from crp_checker.extract.values import parse_number
from crp_checker.schemas import Facts, Scope3Category

_NUM = r"(?P<num>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
_UNIT = (
    r"(?P<unit>(?:metric\s+)?(?:t|tonnes?|tons?|kg|kgs|kilograms?)\s*(?:of\s+)?"
    r"(?:c[o0]\s?[2₂]|carbon\s+dioxide)(?:\s?(?:e|eq|equivalents?)\b)?|tc[o0]2e?|kgc[o0]2e?|"
    r"(?:metric\s+)?tonnes?|(?:metric\s+)?tons?|kg)\b"
)
MASS = _NUM + r"\s*" + _UNIT
_SCOPE = r"scope\s*(?P<n>[123])\b"
_NOT_SHARE = r"(?<!most of )(?<!part of )(?<!within )(?<!of which )(?<!share of )(?<!half of )"
# "Total Scope 1 Emissions: 42.3 tCO2e", "Scope 3 total - 48.2 tCO2e": the scope's own total.
_SCOPE_TOTAL = re.compile(
    r"\b(?:total\s+(?=scope)|(?=scope\s*[123]\s+(?:emissions\s+)?total))"
    rf"{_SCOPE}(?:\s+emissions)?(?:\s+total)?"
    rf"\s*(?:was|were|is|of|:|=|–|-)?\s*" + MASS,
    re.I,
)
# "12.3 tCO2e in Scope 1", "12.3 tCO2e (Scope 1)"; not "412.6 tCO2e (Scope 1: 158.3 ...)",
# where the bracket breaks the total down by scope.
_FIGURE_FIRST = re.compile(
    MASS
    + r"\s+(?:(?:of|in|from|for)\s+)?(?:our\s+|the\s+)?(?:\(\s*)?"
    + _SCOPE
    + r"(?!\s*(?:emissions?\s*)?[:=\-–]\s*\d)",
    re.I,
)
_FIGURE_THEN_BRACKET = re.compile(MASS + r"[^.;\d()]{1,80}\(\s*" + _SCOPE + r"\s*\)", re.I)
# "1.9 tonnes CO2e this year and 2.7 tonnes CO2e in the baseline year (Scope 2, ...)": the
# bracket names the scope of both figures of the pair (the second is read as its pair).
_PAIR_THEN_BRACKET = re.compile(
    MASS
    + r"[^.;\d()]{1,40}?\b(?:and|against|compared\s+(?:with|to)|while|whereas)\s+"
    + re.sub(r"\(\?P<\w+>", "(?:", MASS)
    + r"[^.;\d()]{1,50}\(\s*"
    + _SCOPE
    + r"\s*[,)]",
    re.I,
)
_LABEL_FIRST = re.compile(
    r"\b" + _NOT_SHARE + _SCOPE + r"(?!\s*(?:and|&|,|or|\+)\s*(?:scope\s*)?[123]\b(?![.,]\d))"
    # "... diesel in our vans (Scope 1) and 74.9 t from ...": the bracket closed the figure
    # before it; the next figure, after a conjunction, is another scope's
    r"(?![^()]{0,40}\)\s*,?\s*(?:and|while|whereas|with|plus)\b)"
    r"(?P<gap>(?:(?!total(?!l?(?:ed|ing)\b))[^.;%\d]){0,100}?)" + MASS,
    re.I,
)
_YEAR_IN_GAP = re.compile(
    r"(?<![\d.,])(?:19|20)\d\d(?:\s?[/-]\s?(?:19|20)?\d\d)?(?![\d.,]|\s*(?:t\b|tonnes?|tons?|kg|tc))",
    re.I,
)
_ASIDE = re.compile(r"\s[–—]\s[^–—.;]{1,120}?\s[–—]\s|\([^()]{1,120}\)")
_TOTAL_FIGURE = re.compile(
    r"\b(?:total(?:\s+[a-z]+){0,4}?(?:\s+(?:(?:for|in|during)\s+(?:the\s+)?)?(?:FY\s?)?"
    r"(?:19|20)\d\d(?:\s?[/-]\s?\d{2,4})?)?|footprint|we\s+emitted|"
    r"(?:these|they|which|together)\s+(?:come|comes|came|add(?:s|ed)?\s+up|amount(?:s|ed)?)\s+to|"
    r"scopes\s+1\s*,?\s*2\s*,?\s*(?:and|&)\s*3\s+(?:add(?:s|ed)?\s+up\s+to|come\s+to)|"
    r"(?:the\s+)?(?:three|all)\s+scopes\s+(?:together\s+)?(?:came\s+to|come\s+to|totall?ed|"
    r"add(?:s|ed)?\s+up\s+to|amounted\s+to))\s*"
    r"(?:of|was|were|is|fell\s+to|rose\s+to|came\s+to|amounted\s+to|totall?ed|:|=|–|-)?\s*"
    r"(?:around|about|approximately|c\.)?\s*" + MASS,
    re.I,
)
_DIRECT = re.compile(
    r"\bdirect\s+(?:greenhouse\s+gas\s+|ghg\s+|carbon\s+)?emissions\b[^.;%\d]{0,80}?"
    r"\b(?:were|was|came\s+to|totall?ed|amounted\s+to|stood\s+at|of|:)\s*"
    r"(?:around\s+|about\s+|approximately\s+)?" + MASS,
    re.I,
)
_LEADING_LABEL = re.compile(r"^\W*scope\s*(?P<n>[123])\s*[.:]\s+(?=[A-Z])", re.I)
_QUALIFIER = re.compile(r"\b(approx|est|appx|ca|c)\.(?=\s*\d)", re.I)
_IN_TOTAL = re.compile(MASS + r"\s+in\s+total\b", re.I)
_OTHER_BASIS = re.compile(
    r"\(\s*(?P<first>market|location)[\s-]based\s*[;,]\s*"
    + MASS
    + r"\s*(?P<second>market|location)[\s-]based\s*\)",
    re.I,
)
_EMISSIONS_PHRASE = re.compile(
    r"\bemissions?\s+(?:for|in|during|were|was|of|totall?ed)\b|\bfootprint\b", re.I
)
_ZERO_WORDS = r"(?:zero|nil|none|nothing)"
_ZERO = [
    re.compile(
        r"\bscope\s*(?P<n>[123])\b[^.;\d%]{0,110}?\b(?:were|was|at|of|is|are|:|–|-|=)\s*"
        r"(?:around|about|approximately)?\s*(?:0(?!\d|[.,]\d)|" + _ZERO_WORDS + r"\b)",
        re.I,
    ),
    re.compile(r"\b(?:nothing|none|zero|nil)\s+(?:in|from|for|under)\s+" + _SCOPE, re.I),
    re.compile(r"\b(?:had|have|has|with|there\s+(?:are|were))\s+no\s+" + _SCOPE, re.I),
    re.compile(r"^\W*" + _SCOPE + r"\s*[.:\-–]\s*" + _ZERO_WORDS + r"\b", re.I),
]
_PARTS = re.compile(
    r"\b(?:made up of|consists? of|comprise[sd]?|includ\w+|such as|of which|mainly|mostly)\b",
    re.I,
)
# A total in a CO2 unit that is not a mass ("664,699,971 CO2 gpm", "120 gCO2e/km").
_ODD_TOTAL = re.compile(
    r"\b(?:total\s+emissions|emissions\s+total|(?:baseline|reporting)\s+year\s+emissions)\s*:?\s*"
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*"
    r"(?P<unit>co2e?\s*gpm|g\s?co2e?\s*(?:/|per\s+)\w+|co2e?\s*g(?:/|\s+per\s+)\w+)\b",
    re.I,
)
_ANY_FIGURE = re.compile(r"\d|\b(?:zero|nil|none|nothing|no\s+scope)\b", re.I)
_BOTH = re.compile(r"\b(?:both|each|all)\s+(?:years|periods)\b|\bevery\s+year\b", re.I)
_CATEGORY_FIGURE = re.compile(r"\s*\(\s*" + MASS + r"\s*\)", re.I)


@dataclass
class Figure:
    """One figure read from a sentence: which field, its value in tonnes, how surely."""

    field: str
    value: float
    kg: bool
    start: int
    strength: int
    unit: str | None = None
    both: bool = False  # "Scope 1. Nil in both years."


def tonnes(number: str, unit: str) -> tuple[float, bool] | None:
    """The figure in tonnes, and whether it was converted from kilograms."""
    value = parse_number(number)
    kind = normalise_unit(unit)
    if value is None or kind not in ("t", "kg"):
        return None
    return (value / 1000, True) if kind == "kg" else (value, False)


def sentence_figures(text: str) -> list[Figure]:
    """Scope and total figures of a sentence, the strongest reading of each field."""
    if not _ANY_FIGURE.search(text):
        return []
    text = _QUALIFIER.sub(r"\1 ", text)  # "approx. 310 t": the stop ends no clause (same length)
    found: list[Figure] = []
    used: list[tuple[int, int]] = []

    def add(field: str, m: re.Match[str], strength: int) -> None:
        span = (m.start("num"), m.end("num"))
        if any(s < span[1] and span[0] < e for s, e in used):
            return
        converted = tonnes(m["num"], m["unit"])
        if converted is None:
            return
        used.append(span)
        found.append(Figure(field, converted[0], converted[1], span[0], strength, m["unit"]))

    for m in _SCOPE_TOTAL.finditer(text):
        add(f"scope{m['n']}", m, 4)
    for m in _OTHER_BASIS.finditer(text):
        add(f"scope2_{m['second'].lower()}", m, 3)
    for pattern in (_FIGURE_FIRST, _PAIR_THEN_BRACKET, _FIGURE_THEN_BRACKET):
        for m in pattern.finditer(text):
            add(f"scope{m['n']}", m, 3)
    for pattern in (_IN_TOTAL, _TOTAL_FIGURE):
        for m in pattern.finditer(text):
            add("total", m, 3)
    # "Scope 1 emissions in 2025/26 were 9.6 tCO2e": a year between the name and the figure
    # dates it (the sentence's period cues read the year) and is not a figure itself.
    for m in _LABEL_FIRST.finditer(
        _quiet_asides(_YEAR_IN_GAP.sub(lambda y: "y" * len(y[0]), text))
    ):
        if not _names_a_part(m["gap"]):
            add(f"scope{m['n']}", m, 2)
    if not re.search(_SCOPE, text, re.I):
        # "Direct emissions from our vans came to 31.2 tCO2e": Scope 1 by its definition
        for m in _DIRECT.finditer(text):
            add("scope1", m, 2)
    label = _LEADING_LABEL.match(text)
    if label and not found and len(set(re.findall(_SCOPE, text, re.I))) == 1:
        # "Scope 3. Our value chain accounted for 19.7 tCO2e": the label names the sentence's
        # first figure
        first = re.compile(MASS, re.I).search(text, label.end())
        if first is not None:
            add(f"scope{label['n']}", first, 2)
    fields = {f.field for f in found}
    both = bool(_BOTH.search(text))
    for pattern in _ZERO:
        for m in pattern.finditer(text):
            field = f"scope{m['n']}"
            if field not in fields:
                fields.add(field)
                found.append(Figure(field, 0.0, False, m.start(), 3, None, both))
    if not found and _EMISSIONS_PHRASE.search(text):
        first = re.search(MASS, text, re.I)
        # "Our emissions for 2024 were 54 t" is a total; "Scope 1 emissions ... 9.6 t" is not.
        if first and not re.search(_SCOPE, text[: first.start()], re.I):
            add("total", first, 1)
    return _strongest(found)


# "In the baseline year it was 47.1 tonnes", "The figure for 2019/20 was 63.8 tonnes": a figure
# that refers back to the one scope the sentence before gave a figure for.
_BACK_REFERENCE = re.compile(
    r"^(?:(?!\b(?:scope|total|overall|together|combined|footprint|all)\b)[^.\d]|"
    r"(?:19|20)\d\d(?:\s?[/-]\s?\d{2,4})?)*?"
    r"\b(?:it|this|that|the\s+(?:same\s+|equivalent\s+|comparable\s+)?figure"
    r"(?:\s+(?:for|in)\s+(?:(?!scope)[^.;\d]|(?:19|20)\d\d(?:\s?[/-]\s?\d{2,4})?){0,40}?)?)\s+"
    r"(?:was|were|stood\s+at|came\s+to|had\s+been|amounted\s+to|totall?ed|"
    r"compares\s+with|compared\s+with)\s+(?:around\s+|about\s+|approximately\s+)?" + MASS,
    re.I,
)


def back_reference(text: str, field: str) -> Figure | None:
    """The figure of a sentence that names no scope but refers back to `field`, the one scope
    the sentence before gave a figure for ("... (Scope 2) accounted for 31.9 tonnes in 2024/25.
    In the baseline year it was 47.1 tonnes")."""
    m = _BACK_REFERENCE.search(text)
    if m is None or re.search(_SCOPE, text, re.I):
        return None
    converted = tonnes(m["num"], m["unit"])
    if converted is None:
        return None
    return Figure(field, converted[0], converted[1], m.start("num"), 2, m["unit"])


def _quiet_asides(text: str) -> str:
    """'Scope 1 emissions – gas, and diesel in the 40 vans – were 212.4 t': the digits of an
    aside (between dashes or in brackets) that states no emissions figure are not figures, so
    they do not stand between the scope and its figure. Lengths are kept."""

    def quiet(m: re.Match[str]) -> str:
        aside = m[0]
        if re.search(MASS, aside, re.I) or re.search(_SCOPE, aside, re.I):
            return aside  # a figure, or the scope's own name ("gas and vehicles (Scope 1)")
        return re.sub(r"\d", "n", aside)

    return _ASIDE.sub(quiet, text)


def odd_unit_total(text: str) -> tuple[str, str] | None:
    """A total given in a CO2 unit that is not a mass: (the figure as written, the unit)."""
    m = _ODD_TOTAL.search(text)
    return (m["num"], " ".join(m["unit"].split())) if m else None


def _names_a_part(gap: str) -> bool:
    """'Scope 3 is made up of staff commute (29.1 t)': the figure is a part, not the scope."""
    return bool(_PARTS.search(gap))


def _strongest(found: list[Figure]) -> list[Figure]:
    """One figure per field: the strongest reading, the first of equals."""
    best: dict[str, Figure] = {}
    for figure in found:
        held = best.get(figure.field)
        if held is None or figure.strength > held.strength:
            best[figure.field] = figure
    return sorted(best.values(), key=lambda f: f.start)


def category_figures(
    context: DocumentContext,
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
        converted = tonnes(m["num"], m["unit"])
        if converted is None:
            continue
        number = int(match.id)
        entry = categories.setdefault(
            number, Scope3Category(number=number, name="", as_written=match.text)
        )
        if getattr(entry, role) is None:
            setattr(entry, role, round(converted[0], 6))
            facts.evidence.setdefault(f"scope3.{number}", []).append(sentence.evidence())


# Between a figure and its pair for another period: a few words, a connector, no other scope
# and no other figure ("... in 2024/25, against 63.8 tonnes in our 2019/20 baseline").
_PAIR_GAP = re.compile(
    r"^(?:(?:(?!scope)[^.;\d]|(?:19|20)\d\d(?:\s?[/-]\s?\d{2,4})?){0,40}?"
    r"\b(?:against|and|down\s+from|up\s+from|from|while|whereas|compared\s+(?:with|to)|versus|vs\.?)\s+"
    r"(?:around\s+|about\s+)?"
    # "21.6 tCO2e; baseline 39.8 tCO2e", "21.6 t (baseline: 39.8 t)"
    r"|[^.;\d]{0,12}[;,(]\s*(?:at\s+|in\s+(?:the\s+|our\s+)?)?(?:baseline|base\s+year)"
    r"(?:\s+year)?\s*(?:[:=\-–]|of|was|were)?\s*"
    # "19.7 tCO2e; in 2021 the comparable number was 22.8 tCO2e"
    r"|(?:[^.;\d]|(?:19|20)\d\d(?:\s?[/-]\s?\d{2,4})?){0,20}[;,]\s*(?:in\s+(?:(?:FY\s?)?(?:19|20)\d\d(?:\s?[/-]\s?\d{2,4})?|(?:the\s+|our\s+)?"
    r"base(?:line)?(?:\s+year)?)\s*,?\s*)?(?:the\s+)?(?:comparable|equivalent|same)\s+"
    r"(?:figure|number|value)\s+(?:was|were|is|stood\s+at)\s+)$",
    re.I,
)
_MASS_AT = re.compile(MASS, re.I)


def paired_figures(text: str, figures: list[Figure]) -> list[Figure]:
    """The second figure a sentence gives for the same scope or total, for another period:
    "Scope 3 ... were 78.4 tonnes in 2024/25 and 92.6 tonnes in 2019/20". The caller files it
    only where the words around it name a different period from the first."""
    pairs: list[Figure] = []
    taken = {f.start for f in figures}
    for figure in figures:
        first = _MASS_AT.match(text, figure.start)
        if first is None:
            continue
        for second in _MASS_AT.finditer(text, first.end()):
            if second.start() in taken:
                break
            gap = text[first.end() : second.start()]
            if _PAIR_GAP.search(gap):
                converted = tonnes(second["num"], second["unit"])
                if converted is not None:
                    pairs.append(
                        Figure(
                            figure.field,
                            converted[0],
                            converted[1],
                            second.start(),
                            figure.strength - 1,
                            second["unit"],
                        )
                    )
            break
    return pairs
