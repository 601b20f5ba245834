"""Carbon reduction measures: completed ones, planned ones, savings, and contract coverage.

The template splits "Completed Carbon Reduction Initiatives" from "In the future we hope to
implement further measures such as"; plans that do not use it still say "we have installed"
or "we plan to". A measure is specific when it names a concrete action (renewable tariff, EVs,
LED lighting, ISO 14001...) rather than a general intention.
"""

from __future__ import annotations

import re

from crp_checker.extract.context import Context, Sentence
from crp_checker.extract.values import find_years, parse_number
from crp_checker.schemas import Facts, Measure

_PLANNED_HEADING = re.compile(r"\b(?:strateg\w*|future|planned|next steps|roadmap)\b", re.I)
_SAVINGS = re.compile(
    r"(?:reduction achieved|saved|savings?|equate to|has reduced|have reduced|reduced (?:our )?"
    r"(?:emissions|carbon))",
    re.I,
)
_TONNES = re.compile(
    r"([\d,]+(?:\.\d+)?)\s*(t\s*co2e?|tco2e|tonnes|kg\s*co2e?|kgco2e|kilograms?)", re.I
)
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")
_MIN_WORDS = 4
_MAX_MEASURES = 30


def _has(context: Context, sentence: Sentence, label: str) -> bool:
    return bool(context.matches_within(sentence.page, sentence.start, sentence.end, label))


def _is_future(context: Context, sentence: Sentence) -> bool:
    return _has(context, sentence, "FUTURE") and not _has(context, sentence, "DONE")


def extract_measures(context: Context, facts: Facts) -> None:
    """Completed and future measures, savings, and whether they apply during the contract."""
    completed: list[Measure] = []
    future: list[Measure] = []
    mode: str | None = None
    for sentence in context.sentences:
        line = context.line_at(sentence.page, sentence.start)
        section = context.section_of_line[line.index] if line else None
        if line is not None and line.index in context.headings:
            # "Carbon Reduction Strategies" / "Future initiatives" head plans, not past work.
            planned = _PLANNED_HEADING.search(line.text)
            mode = ("future" if planned else "completed") if section == "projects" else None
        if re.search(
            r"completed|current initiatives|done so far|implemented", sentence.text, re.I
        ) and (section == "projects" or len(sentence.text.split()) <= 8):
            mode = "completed"
        words = len(sentence.text.split())
        if _is_future(context, sentence) and words <= 14 and section == "projects":
            mode = "future"  # "In the future we hope to implement further measures such as:"
        if words < _MIN_WORDS:
            continue
        specific = bool(
            context.matches_within(sentence.page, sentence.start, sentence.end, "MEASURE")
        )
        in_projects = section == "projects"
        if in_projects and mode in ("completed", "future"):
            status = "future" if mode == "future" or _is_future(context, sentence) else "completed"
        elif specific and _has(context, sentence, "DONE") and section != "targets":
            status = "completed"
        elif (
            specific and _is_future(context, sentence) and section in ("projects", "targets", None)
        ):
            status = "future"
        else:
            continue
        years = [y for y in find_years(sentence.text) if 2015 <= y <= 2060]
        measure = Measure(
            text=sentence.text, status=status, specific=specific, year=years[0] if years else None
        )
        bucket = completed if status == "completed" else future
        if len(bucket) < _MAX_MEASURES:
            bucket.append(measure)
            key = "completed_measures" if status == "completed" else "future_measures"
            facts.evidence.setdefault(key, []).append(sentence.evidence())
    facts.completed_measures = completed
    facts.future_measures = future
    _contract(context, facts)
    _savings(context, facts)


def _contract(context: Context, facts: Facts) -> None:
    explicit = context.by_label("CONTRACT")
    for match in explicit:
        if match.id == "explicit":
            sentence = context.sentence_at(match.page, match.start)
            facts.measures_during_contract = "explicit"
            if sentence:
                facts.evidence["measures_during_contract"] = [sentence.evidence()]
            return
    if facts.completed_measures:
        for match in explicit:
            sentence = context.sentence_at(match.page, match.start)
            line = context.line_at(match.page, match.start)
            in_projects = line is not None and context.section_of_line[line.index] == "projects"
            listed = sentence is not None and any(
                m.text == sentence.text for m in facts.completed_measures
            )
            if sentence is not None and (in_projects or listed):
                facts.measures_during_contract = "implied"
                facts.evidence["measures_during_contract"] = [sentence.evidence()]
                return


def _savings(context: Context, facts: Facts) -> None:
    for sentence in context.sentences:
        if not _SAVINGS.search(sentence.text):
            continue
        line = context.line_at(sentence.page, sentence.start)
        section = context.section_of_line[line.index] if line else None
        if section not in ("projects", None) and "achieved" not in sentence.text.lower():
            continue
        tonnes = _TONNES.search(sentence.text)
        percent = _PERCENT.search(sentence.text)
        if not tonnes and not percent:
            continue
        if tonnes:
            value = parse_number(tonnes[1])
            kg = tonnes[2].lower().startswith("k")
            facts.savings_tco2e = value / 1000 if value is not None and kg else value
        facts.savings_percent = float(percent[1]) if percent else None
        facts.evidence["savings"] = [sentence.evidence()]
        return
