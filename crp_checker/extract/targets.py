"""Emissions reduction targets, including the template's sentence "We project that carbon
emissions will decrease over the next five years to X tCO2e by Y. This is a reduction of Z%."
"""

from __future__ import annotations

import re

from crp_checker.extract.context import DocumentContext, Sentence
from crp_checker.extract.values import parse_number
from crp_checker.schemas import Facts, Target

_CO2E = r"co\s*[2₂]?\s*e?"
_UNIT = (
    rf"(?:kg\s*{_CO2E}|kilograms?(?:\s+(?:of\s+)?{_CO2E})?|t\s*{_CO2E}|"
    rf"(?:metric\s+)?(?:tonnes?|tons?)(?:\s+(?:of\s+)?{_CO2E})?)"
)
_TEMPLATE = re.compile(
    r"decrease\s+(?:over\s+the\s+next\s+\w+\s+years?\s+)?to\s+(?P<x>[\d,]+(?:\.\d+)?)\s*"
    rf"(?P<unit>{_UNIT})\s+"
    r"by\s+(?:the\s+end\s+of\s+)?(?:FY\s?)?(?P<y>(?:19|20)\d\d)(?:/\d\d)?\b"
    r"[^%]{0,80}?reduction\s+of\s+(?P<z>[\d.]+)\s*%",
    re.I | re.S,
)
_REDUCE = re.compile(
    r"\b(?:reduc\w*|decreas\w*|cut\w*|lower\w*|halve|eliminat\w*|achieve\s+a|target\w*|"
    r"intensity|per\s+(?:fte|employee|head|full-time))\b",
    re.I,
)
_PERCENT = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*(?:%|per\s*cent|percent)", re.I)
_TONNES = re.compile(
    rf"(?<![\w.])([\d,]+(?:\.\d+)?)\s*(?:t\s*{_CO2E}|(?:metric\s+)?(?:tonnes?|tons?)\s+"
    rf"(?:of\s+)?{_CO2E})(?!\w)",
    re.I,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# "by 2030", "by June 2028", "by the end of 2027", "by FY30", "by 2030/31", "before March 2028"
_BY_YEAR = re.compile(
    r"\b(?:by|before|in|until|to|within|for)\s+(?:the\s+end\s+of\s+)?"
    r"(?:(?:financial\s+year|calendar\s+year|FY)\s?)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    rf"(?:{_MONTH}\s+)?(?P<y>(?:20)\d\d)(?:[/-]\d\d)?\b|\bFY\s?(?P<fy>\d\d)\b"
    r"|\b(?:FY\s?)?(?P<ty>20\d\d)(?:/\d\d)?\s+(?:target|milestone|goal)s?\b"
    r"|\b(?:target|milestone|goal)s?\s+(?:for\s+|year\s+)?(?:FY\s?)?(?P<yt>20\d\d)\b",
    re.I,
)
# "by a quarter", "by two thirds": a reduction written as a fraction.
_FRACTIONS = {
    "a quarter": 25.0,
    "one quarter": 25.0,
    "a third": 33.3,
    "one third": 33.3,
    "two thirds": 66.7,
    "two-thirds": 66.7,
    "three quarters": 75.0,
    "three-quarters": 75.0,
    "half": 50.0,
}
_FRACTION = re.compile(r"\bby\s+(" + "|".join(_FRACTIONS) + r")\b", re.I)
# A milestone table row: year, target tonnes, reduction per cent, as cells or with bars between.
_TABLE_ROW = re.compile(
    r"^(?:FY\s?)?(?P<y>20\d\d)(?:/\d\d(?:\d\d)?)?:?\s+(?P<t>[\d,]+(?:\.\d+)?)\s*(?:t\s*co2e?\s*)?"
    r"(?:\(net zero\)\s+)?\(?(?P<p>-?\d{1,3}(?:\.\d+)?)\s*%",
    re.I,
)
_REACHED = re.compile(r"(?:\bto|→|->|\bbelow|\bunder|\bmost|more than|maximum of|\bof)\s*$", re.I)
_YEAR_CELL = re.compile(r"(?:FY\s?)?(20\d\d)(?:[/-]\d{2,4})?|FY\s?(\d\d)(?:[/-]\d\d)?", re.I)
_PERCENT_CELL = re.compile(r"-?(\d{1,3}(?:\.\d+)?)\s*%(?:\s+[a-z].*)?", re.I)
_TONNES_CELL = re.compile(r"([\d,]+(?:\.\d+)?)(?:\s*t\s*co2e?)?", re.I)
_CELL_BARS = re.compile(r"\s*\|\s*")
_HALVE = re.compile(
    r"\bhalv(?:e|ing)\s+(?:our|its|the|their|total|of)?\s*\w*\s*(?:emissions|footprint|carbon)",
    re.I,
)
_SCOPES = re.compile(r"scopes?\s*[123](?:\s*(?:,|and|&|\+)\s*(?:scope\s*)?[123])*", re.I)
_NOT_TARGET = re.compile(
    r"\b(?:achieved|saved|savings|have reduced|has reduced|we reduced|were reduced|"
    r"decreased by \d+% from \d{4} to|equate to|compared to last year)\b",
    re.I,
)
_CONTINUED = re.compile(r"this\s+is\s+(?:a\s+)?(?:projected\s+)?reduction\s+of", re.I)
_HEADER = re.compile(
    r"\||^(?:milestones?|years?)\b[^.]*$|\(t\s*co2e\)(?![^.]*\b(?:by|reduce|cut|lower)\b)", re.I
)
_TARGETS_HEADING = re.compile(
    r"^#*\s*(?:\d{1,2}[.)]?\s+)?(?:our\s+|key\s+|interim\s+)?(?:targets?|milestones|goals)"
    r"(?:\s+and\s+milestones)?\s*:?$",
    re.I,
)
_INTENT = re.compile(r"\btarget|\bgoal|\baim|\bcommit|\bwill\b|\bplan|\bproject", re.I)
_MAX_TARGETS = 12


def _year_of(m: re.Match[str]) -> int:
    if m["fy"]:
        return 2000 + int(m["fy"])
    return int(m["y"] or m["ty"] or m["yt"])


def _year(sentence: str) -> int | None:
    m = _BY_YEAR.search(sentence)
    return _year_of(m) if m else None


def _row_target(text: str) -> Target | None:
    """A milestone table row: '2030/31 82.9 60%', or cells in any order with bars between
    ('Interim | 2028 | 30%', 'FY2030/31 | 200.0 | 47%')."""
    row = _TABLE_ROW.match(_CELL_BARS.sub(" ", text.strip(" |")))
    if row:
        return Target(
            text=text,
            year=int(row["y"]),
            target_tco2e=parse_number(row["t"]),
            percent=abs(float(row["p"])),
            quantified=True,
        )
    if "|" not in text:
        return None
    year: int | None = None
    percent: float | None = None
    tonnes: float | None = None
    for cell in (c.strip() for c in text.strip(" |").split("|")):
        if year is None and (found := _YEAR_CELL.fullmatch(cell)):
            year = int(found[1]) if found[1] else 2000 + int(found[2])
        elif percent is None and (found := _PERCENT_CELL.fullmatch(cell)):
            percent = abs(float(found[1]))
        elif tonnes is None and (found := _TONNES_CELL.fullmatch(cell)):
            tonnes = parse_number(found[1])
    if year is None or (percent is None and tonnes is None):
        return None
    return Target(text=text, year=year, percent=percent, target_tco2e=tonnes, quantified=True)


def _amounts(text: str) -> list[tuple[int, str, float]]:
    """Every reduction amount in reading order: ('pct', 50.0) for "50%" or "halve", ('t', x)."""
    found = [(m.start(), "pct", float(m[1])) for m in _PERCENT.finditer(text)]
    found += [(m.start(), "pct", 50.0) for m in _HALVE.finditer(text)]
    found += [(m.start(), "pct", _FRACTIONS[m[1].lower()]) for m in _FRACTION.finditer(text)]
    tonnes = [(m.start(), parse_number(m[1])) for m in _TONNES.finditer(text)]
    # "from 746 tCO2e to 432.68 tCO2e", "746 tCO2e → 432.68": the figure reached is the target.
    reached = [(p, v) for p, v in tonnes if _REACHED.search(text[max(0, p - 14) : p])]
    for position, value in reached or tonnes[-1:]:
        if value is not None:
            found.append((position, "t", value))
    return sorted(found)


def _year_for(text: str, position: int, limit: int) -> int | None:
    """The deadline of the amount at `position`: the first "by YEAR" after it (before the next
    amount), else the last one before it ("By 2030 we will cut emissions by 50%")."""
    matches = list(_BY_YEAR.finditer(text))
    after = [m for m in matches if position < m.start() < limit]
    strong = [m for m in after if re.match(r"(?:by|before|until|within)\b", m[0], re.I)]
    chosen = (strong or after)[:1] or [m for m in matches if m.start() < position][-1:]
    if not chosen:
        return None
    return _year_of(chosen[0])


def _from_sentence(sentence: Sentence) -> list[Target]:
    """The targets one sentence states: 'halve our footprint by 2027, and a 90% reduction by
    2030' is two (50% by 2027, 90% by 2030); a target without numbers is one, unquantified."""
    text = sentence.text
    template = _TEMPLATE.search(text)
    if template:
        tonnes = parse_number(template["x"])
        if tonnes is not None and template["unit"].lower().startswith("k"):
            tonnes /= 1000
        return [
            Target(
                text=text,
                year=int(template["y"]),
                percent=float(template["z"]),
                target_tco2e=tonnes,
                quantified=True,
                template_form=True,
            )
        ]
    if not _REDUCE.search(text) or _NOT_TARGET.search(text):
        return []
    scopes = _SCOPES.search(text)
    amounts = _amounts(text)
    by_year: dict[int | None, dict[str, float]] = {}
    for index, (position, kind, value) in enumerate(amounts):
        limit = amounts[index + 1][0] if index + 1 < len(amounts) else len(text)
        by_year.setdefault(_year_for(text, position, limit), {}).setdefault(kind, value)
    targets = [
        Target(
            text=text,
            year=year,
            percent=values.get("pct"),
            target_tco2e=values.get("t"),
            scopes=scopes[0] if scopes else None,
            quantified=year is not None,
        )
        for year, values in by_year.items()
        if year is not None
    ]
    if targets:
        return targets
    first = amounts[0] if amounts else None
    return [
        Target(
            text=text,
            year=_year(text),
            percent=first[2] if first and first[1] == "pct" else None,
            target_tco2e=first[2] if first and first[1] == "t" else None,
            scopes=scopes[0] if scopes else None,
            quantified=False,
        )
    ]


def extract_targets(context: DocumentContext, facts: Facts) -> None:
    """Targets from the targets section, target tables, and target sentences elsewhere."""
    targets: list[Target] = []
    seen: set[str] = set()
    sentences = context.sentences
    consumed = -1
    local = False
    for position, sentence in enumerate(sentences):
        if position == consumed:
            continue
        following = sentences[position + 1] if position + 1 < len(sentences) else None
        if following is not None and _CONTINUED.match(following.text):
            consumed = position + 1
            # The template splits its target over two sentences: "... to X tCO2e by Y. This is
            # a reduction of Z%." Read them together.
            sentence = Sentence(
                sentence.page,
                sentence.start,
                following.end if following.page == sentence.page else sentence.end,
                f"{sentence.text} {following.text}",
            )
        line = context.line_at(sentence.page, sentence.start)
        section = context.section_of_line[line.index] if line else None
        if line is not None and line.index in context.headings:
            local = False
            continue
        if _TARGETS_HEADING.match(sentence.text):
            local = True  # a bare "Targets" or "Milestones" heading opens a targets list
            continue
        if local and section in (None, "targets", "commitment", "projects"):
            section = "targets"
        row = _row_target(sentence.text) if section == "targets" else None
        found = [row] if row is not None else _from_sentence(sentence)
        if not found or sentence.text in seen:
            continue
        in_section = section == "targets"
        quantified = any(t.quantified or t.template_form for t in found)
        if not quantified and (not in_section or _HEADER.search(sentence.text)):
            continue  # a column header ("Year | Target total (tCO2e) | Reduction on 2021")
        if not _INTENT.search(sentence.text) and not (in_section and quantified):
            continue
        seen.add(sentence.text)
        targets.extend(found)
        facts.evidence.setdefault("targets", []).append(sentence.evidence())
        if len(targets) >= _MAX_TARGETS:
            break
    facts.targets = targets
