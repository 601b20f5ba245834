"""Emissions reduction targets, including the template's sentence "We project that carbon
emissions will decrease over the next five years to X tCO2e by Y. This is a reduction of Z%."
"""

from __future__ import annotations

import re

from crp_checker.extract.context import Context, Sentence
from crp_checker.extract.values import parse_number
from crp_checker.schemas import Facts, Target

_TEMPLATE = re.compile(
    r"decrease\s+(?:over\s+the\s+next\s+\w+\s+years?\s+)?to\s+(?P<x>[\d,]+(?:\.\d+)?)\s*"
    r"(?P<unit>t\s*co\s*2?\s*e?|tco2e|tonnes?(?:\s+co2e?)?|kg\s*co2e?|kgco2e)\s+"
    r"by\s+(?P<y>(?:19|20)\d\d)\b"
    r"[^%]{0,80}?reduction\s+of\s+(?P<z>[\d.]+)\s*%",
    re.I | re.S,
)
_REDUCE = re.compile(
    r"\b(?:reduc\w*|decreas\w*|cut\w*|lower\w*|halve|eliminat\w*|achieve\s+a|target\w*)\b", re.I
)
_PERCENT = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*(?:%|per\s*cent|percent)", re.I)
_TONNES = re.compile(
    r"(?<![\w.])([\d,]+(?:\.\d+)?)\s*(?:t\s*co2e?|tco2e|tonnes?\s+(?:of\s+)?co2e?)\b", re.I
)
_BY_YEAR = re.compile(
    r"\b(?:by|before|in|until|to|within|for)\s+(?:the\s+end\s+of\s+)?(?:FY\s?)?"
    r"(?P<y>(?:20)\d\d)(?:/\d\d)?\b|\bFY\s?(?P<fy>\d\d)\b",
    re.I,
)
_TABLE_ROW = re.compile(
    r"^(?P<y>20\d\d)(?:/\d\d(?:\d\d)?)?\s+(?P<t>[\d,]+(?:\.\d+)?)\s+(?:\(net zero\)\s+)?"
    r"(?P<p>-?\d{1,3}(?:\.\d+)?)\s*%",
    re.I,
)
_SCOPES = re.compile(r"scopes?\s*[123](?:\s*(?:,|and|&|\+)\s*(?:scope\s*)?[123])*", re.I)
_NOT_TARGET = re.compile(
    r"\b(?:achieved|saved|savings|have reduced|has reduced|we reduced|were reduced|"
    r"decreased by \d+% from \d{4} to|equate to|compared to last year)\b",
    re.I,
)
_CONTINUED = re.compile(r"this\s+is\s+(?:a\s+)?(?:projected\s+)?reduction\s+of", re.I)
_INTENT = re.compile(r"\btarget|\bgoal|\baim|\bcommit|\bwill\b|\bplan|\bproject", re.I)
_MAX_TARGETS = 12


def _year(sentence: str) -> int | None:
    m = _BY_YEAR.search(sentence)
    if m:
        return int(m["y"]) if m["y"] else 2000 + int(m["fy"])
    return None


def _from_sentence(sentence: Sentence) -> Target | None:
    text = sentence.text
    template = _TEMPLATE.search(text)
    if template:
        tonnes = parse_number(template["x"])
        if tonnes is not None and template["unit"].lower().startswith("kg"):
            tonnes /= 1000
        return Target(
            text=text,
            year=int(template["y"]),
            percent=float(template["z"]),
            target_tco2e=tonnes,
            quantified=True,
            template_form=True,
        )
    if not _REDUCE.search(text) or _NOT_TARGET.search(text):
        return None
    year = _year(text)
    percent = _PERCENT.search(text)
    figures = _TONNES.findall(text)
    scopes = _SCOPES.search(text)
    quantified = year is not None and (percent is not None or bool(figures))
    return Target(
        text=text,
        year=year,
        percent=float(percent[1]) if percent else None,
        target_tco2e=parse_number(figures[-1]) if figures else None,
        scopes=scopes[0] if scopes else None,
        quantified=quantified,
    )


def extract_targets(context: Context, facts: Facts) -> None:
    """Targets from the targets section, target tables, and target sentences elsewhere."""
    targets: list[Target] = []
    seen: set[str] = set()
    sentences = context.sentences
    consumed = -1
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
            continue
        row = _TABLE_ROW.match(sentence.text)
        target: Target | None
        if row and section == "targets":
            target = Target(
                text=sentence.text,
                year=int(row["y"]),
                target_tco2e=parse_number(row["t"]),
                percent=abs(float(row["p"])),
                quantified=True,
            )
        else:
            target = _from_sentence(sentence)
        if target is None or sentence.text in seen:
            continue
        in_section = section == "targets"
        if not in_section and not target.quantified and not target.template_form:
            continue
        if not in_section and not _INTENT.search(sentence.text):
            continue
        seen.add(sentence.text)
        targets.append(target)
        facts.evidence.setdefault("targets", []).append(sentence.evidence())
        if len(targets) >= _MAX_TARGETS:
            break
    facts.targets = targets
