"""Carbon reduction measures: those in effect (done or ongoing), planned ones, savings, and
whether the measures will apply while the contract is performed.

Plans list measures under cue lines ("Completed Carbon Reduction Initiatives", "What we have
done", "Already in place:", "Planned", "Next:"), and the cue sets the default status of the items
below it; the item's own wording wins where it disagrees: "Install LED lighting" or "We will
replace 6 vans during 2026" under a "completed" heading is a plan. Outside such lists, a concrete
measure written in the past or present tense ("In 2023 we switched the office to a renewable
tariff", "we buy renewable electricity", "our fleet is electric") is a measure in effect.
Offsetting is not a reduction measure, and the tonnes it "avoided" are not savings.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from crp_checker.extract.context import DocumentContext, Sentence
from crp_checker.extract.measure_status import (
    CellStatus,
    cell_status,
    dated_after,
    denied,
    row_status,
    status_header,
)
from crp_checker.extract.rows import classify
from crp_checker.extract.values import find_years, parse_number
from crp_checker.nlp import Match
from crp_checker.readings import mark_inferred
from crp_checker.schemas import Candidate, Facts, Measure

Mode = Literal["done", "planned"] | None

_SAVINGS = re.compile(
    r"(?:reduction achieved|\bsav(?:e|es|ed|ing|ings)\b|equate to|has reduced|have reduced|"
    r"reduced (?:our )?(?:emissions|carbon|footprint)|cut (?:our |its |their )?"
    r"(?:emissions|carbon|footprint)|"
    # "together these cut Scope 1 and 2 by an estimated 4.2 tCO2e": a cut by an amount
    r"\b(?:cut|cuts|cutting|lowered)\b[^.;:]{0,40}?\bby\s+(?:an?\s+)?"
    r"(?:estimated\s+|about\s+|around\s+|approximately\s+|some\s+)?\d|"
    # "About 6 tCO2e a year", "c. 2 t per year": an effect each year, a measure's saving
    r"\d\s*(?:t\s*co2e?|tco2e|tonnes(?:\s+co2e?)?)\s+(?:a|per|each)\s+(?:year|annum)\b)",
    re.I,
)
# A running header or footer of the plan, not a measure.
_DOCUMENT_LINE = re.compile(
    r"^\W*(?:published|issued|date\s+of\s+(?:issue|publication)|page\s+\d+)\b|"
    r"\bregistered\s+(?:charity|company)\s+(?:no|number)\b",
    re.I,
)
_TONNES = re.compile(
    r"([\d,]+(?:\.\d+)?)\s*(t\s*co2e?|tco2e|tonnes|kg\s*co2e?|kgco2e|kilograms?)", re.I
)
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")
_MEASURE_WORDS = re.compile(
    r"\b(?:measures?|initiatives?|these|they|steps|actions|projects|all of (?:the|this|these)|"
    r"everything|each of (?:them|these)|"
    r"(?:the|listed|set out|described|outlined|shown) above)\b",
    re.I,
)
_FIGURE_SECTIONS = ("baseline", "current", "declaration")
_BULLET = re.compile(r"^(?:[•●▪◦■\-–*]|o\s|\(?[a-z0-9]{1,2}[.)]\s)")
_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s|^\d{1,2}[.)]\s+[A-Z]")
_ITEM_LEAD = re.compile(r"\s*(?:(?:[•●▪◦■\-–*]|o(?=\s)|\(?[a-z0-9]{1,2}[.)])\s*)?")
# "In March 2023, we launched ...", "Since 2022 ...": dated in the past by its opening words.
_DATED_OPENING = re.compile(
    r"^(?:[•●▪◦■\-–*]\s*)?(?:in|since|during|from|by)\s+(?:[A-Z][a-z]+\s+)?(20\d\d)\b"
)
# A measure told with its effect and its date is specific whatever its kind ("Lighter bottles:
# 18% less PET per 500 ml bottle since 2023", "routes re-planned, cutting van mileage by 9%
# (2025)"); an effect on emissions alone ("we cut our emissions by 10% in 2023") is a result.
_AMOUNT = (
    r"\d[\d,]*(?:\.\d+)?\s*(?:%|per\s?cent\b|kwh\b|mwh\b|litres?\b|tonnes?\b|kg\b|miles\b|km\b)"
)
_QUANTIFIED = re.compile(
    rf"{_AMOUNT}\s*(?:less|fewer|lower|smaller|lighter|reduction|saving|saved|down)\b|"
    rf"\b(?:cut(?:ting|s)?|reduc\w*|lower(?:ed|ing|s)?|sav(?:ed|ing|es)|decreas\w*|fell|"
    rf"dropp\w*|down)\b[^.;:]{{0,40}}?\bby\s+{_AMOUNT}|\bsav(?:ed|ing|es)\s+{_AMOUNT}",
    re.I,
)
# The header of a column saying when each plan is due: "Planned measure | Planned for |",
# "Measure | Target date", "Action | Due".
_WHEN_COLUMN = re.compile(
    r"\b(?:planned\s+for|target\s+(?:date|year)|due(?:\s+date)?|timescale|timing|by\s+when|"
    r"completion\s+date|planned\s+(?:date|year))\b",
    re.I,
)
_EMISSIONS = re.compile(r"\b(?:emissions?|carbon|footprint|co2e?|ghg|greenhouse)\b", re.I)
# "re-planned", "pre-planned": done, not a plan ("planned" after a prefix).
_PREFIXED = re.compile(r"\b(?:re|pre)-$", re.I)
_DONE_LABELS = ("DONE", "ONGOING", "MEASURES_DONE")
_DENIAL_WORDS = re.compile(r"^(?:not|never)\b", re.I)
_CUE_MAX_WORDS = 12
_MIN_WORDS = 4
_MAX_MEASURES = 30


Found = dict[str, list[Match]]


def _found(context: DocumentContext, sentence: Sentence) -> Found:
    """The sentence's pattern matches by label, looked up once per sentence."""
    out: Found = {}
    page_text = context.document.pages[sentence.page - 1].text
    for match in context.matches_within(sentence.page, sentence.start, sentence.end):
        if match.label in ("FUTURE", "MEASURES_PLANNED") and _PREFIXED.search(
            page_text[max(0, match.start - 4) : match.start]
        ):
            continue  # "Delivery rounds re-planned with routing software" was done
        if match.label in _DONE_LABELS and denied(page_text, match.start, match.end):
            out.setdefault("DENIED", []).append(match)
            continue  # "We have not yet completed any projects"
        out.setdefault(match.label, []).append(match)
    if "DENIED" in out and any(label in out for label in _DONE_LABELS):
        # "We have not yet fitted solar, but LED lighting is in place": the denial's own "not
        # yet" says nothing of the measure that is in place.
        del out["DENIED"]
        out["FUTURE"] = [m for m in out.get("FUTURE", []) if not _DENIAL_WORDS.match(m.text)]
        if not out["FUTURE"]:
            del out["FUTURE"]
    return out


def _told_with_effect(text: str, years: list[int]) -> bool:
    """A measure told with its effect on what it changes and its date ("18% less PET per
    bottle since 2023"), not only with its effect on emissions."""
    return bool(years) and bool(_QUANTIFIED.search(text)) and not _EMISSIONS.search(text)


def _section(context: DocumentContext, sentence: Sentence) -> str | None:
    line = context.line_at(sentence.page, sentence.start)
    return context.section_of_line[line.index] if line else None


def _cue(context: DocumentContext, sentence: Sentence, found: Found) -> tuple[Mode, bool] | None:
    """(mode, whole): a list cue opening the sentence, and whether it is all the sentence
    (a heading-like line: 'Completed Carbon Reduction Initiatives (This Reporting Year)',
    'In the future we hope to implement further measures such as:') or a label before the
    items ('Already in place: we run 11 hybrid ...')."""
    text = sentence.text.rstrip()
    heading = not _BULLET.match(text) and (
        text.endswith(":") or (len(text.split()) <= _CUE_MAX_WORDS and not text.endswith("."))
    )
    page_text = context.document.pages[sentence.page - 1].text
    for label, mode in (("MEASURES_DONE", "done"), ("MEASURES_PLANNED", "planned")):
        for match in found.get(label, []):
            lead = match.start - sentence.start
            if heading and (lead <= 20 or text.endswith(":")):
                return mode, True  # type: ignore[return-value]
            if lead <= 2 and page_text[match.end : match.end + 2].lstrip().startswith(":"):
                return mode, False  # type: ignore[return-value]
    return None


def _subheading(text: str) -> bool:
    """'4.1 Remote-First Working Model': a numbered title-case line naming the measures below
    (an unnumbered one may be a list item: 'LED Lighting Upgrade')."""
    if not _NUMBERED.match(text) or text.rstrip()[-1:] in ".;!?)":
        return False
    words = [w for w in text.split() if w[:1].isalpha()]
    capitals = sum(w[0].isupper() for w in words)
    return 0 < len(words) <= 6 and capitals >= 0.7 * len(words)


def _plan_date(facts: Facts) -> dt.date | None:
    """The plan's own date, publication first, to tell a dated item still to come."""
    return facts.publication_date or facts.sign_off_date


def _reference_year(facts: Facts) -> int | None:
    """The year the plan was written: its publication year, else the year it was signed off,
    else the year after its reporting year; a measure dated later than that is a plan."""
    if facts.publication_date is not None:
        return facts.publication_date.year
    if facts.sign_off_date is not None:
        return facts.sign_off_date.year
    end = facts.current.end_year or facts.baseline.end_year
    return end + 1 if end else None


def _imperative(context: DocumentContext, sentence: Sentence, found: Found) -> list[Match]:
    """A verb in the base form opening the item ('Install LED lighting', '• Replace vans'):
    a to-do, not something done."""
    page_text = context.document.pages[sentence.page - 1].text
    lead = _ITEM_LEAD.match(page_text, sentence.start, sentence.end)
    first = lead.end() if lead else sentence.start
    return [m for m in found.get("IMPERATIVE", []) if m.start == first]


def _tense(
    context: DocumentContext,
    sentence: Sentence,
    found: Found,
    reference: int | None,
    plan_date: dt.date | None = None,
) -> str | None:
    """'past', 'ongoing' or 'future' from the sentence's own wording and years, or None."""
    done = found.get("DONE", [])
    ongoing = found.get("ONGOING", [])
    spans = [(m.start, m.end) for m in ongoing]
    future = [
        m
        for m in found.get("FUTURE", [])
        if not any(start <= m.start < end for start, end in spans)
    ]
    future += _imperative(context, sentence, found)
    years = [y for y in find_years(sentence.text) if 2010 <= y <= 2060]
    opening = _DATED_OPENING.match(sentence.text)
    if opening and reference is not None:
        return "past" if int(opening[1]) <= reference else "future"
    if future and done:
        return "past" if min(m.start for m in done) < min(m.start for m in future) else "future"
    if future:
        return "future"
    if done:
        return "past"
    if ongoing:
        return "ongoing"
    if dated_after(sentence.text, plan_date):
        return "future"  # "| September 2026 |" under a plan of April 2026
    if years and reference is not None:
        return "future" if min(years) > reference else "past"
    return None


def _dated_this_year_or_later(found: Found, years: list[int], reference: int | None) -> bool:
    """Only a year, no past or ongoing words, and not before the plan's own year: under a
    list of plans the year is when it will be done, not when it was."""
    if reference is None or not years or "DONE" in found or "ONGOING" in found:
        return False
    return min(years) >= reference


# A dated change made to a named thing ("compressed air system replaced with a variable-speed
# unit (2023)", "battery chainsaws ... (bought 2024)"): a measure taken, however new its kind.
_ACTED = re.compile(
    r"\b(?:replaced|installed|fitted|bought|purchased|switched|converted|upgraded|retrofitted|"
    r"commissioned|introduced|moved\s+(?:to|onto)|changed\s+to)\b",
    re.I,
)


def _status(mode: Mode, tense: str | None, specific: bool, in_projects: bool) -> str | None:
    """'completed' (in effect), 'future', or None when the sentence is not a measure."""
    if mode == "done":
        return "future" if tense == "future" else "completed"
    if mode == "planned":
        return "completed" if tense in ("past", "ongoing") else "future"
    if not specific and not in_projects:
        return None
    if tense in ("past", "ongoing"):
        return "completed"
    if tense == "future":
        return "future"
    return None


def extract_measures(context: DocumentContext, facts: Facts) -> None:
    """Measures in effect and planned, savings, and whether they apply during the contract."""
    completed: list[Measure] = []
    future: list[Measure] = []
    reference = _reference_year(facts)
    mode: Mode = None
    statements: dict[str, Sentence] = {}
    unsure: list[Sentence] = []
    status_column = False
    when_column = False
    for position, sentence in enumerate(context.sentences):
        found = _found(context, sentence)
        if "BOILERPLATE" in found:
            continue
        kind = _contract_kind(sentence, found)
        if kind is not None:
            statements.setdefault(kind, sentence)
            continue
        if "DENIED" in found:
            continue  # "We have not yet completed any projects": nothing done, no measure
        line = context.line_at(sentence.page, sentence.start)
        section = context.section_of_line[line.index] if line else None
        if line is not None and line.index in context.headings:
            mode, status_column = None, False  # a template section heading ends any list
            when_column = False
        if status_header(sentence.text):
            status_column = True
            continue
        cue = _cue(context, sentence, found)
        if cue is not None:
            mode, whole = cue
            when_column = mode == "planned" and bool(_WHEN_COLUMN.search(sentence.text))
            if whole:
                continue
        text, own = _item_status(context, position) if status_column else (sentence.text, None)
        if (
            len(text.split()) < _MIN_WORDS
            or text.rstrip().endswith(":")
            or "OFFSET" in found
            or "PPN" in found  # "This plan has been prepared in accordance with PPN 06/21"
            or _subheading(text)
        ):
            continue
        if (
            own is None
            and mode is None
            and (
                section in _FIGURE_SECTIONS
                or (_TONNES.search(text) and not _SAVINGS.search(text))
                or classify(text).has_values
            )
        ):
            continue  # a figure ("Employee commuting 0.3 remote-first model", "fell to 30.2 t")
        if _DOCUMENT_LINE.search(text):
            continue  # "Published 4 February 2026 | Acme Trust, registered charity no.": a header
        years = [y for y in find_years(text) if 2010 <= y <= 2060]
        concrete = "MEASURE" in found
        tense = _tense(context, sentence, found, reference, _plan_date(facts))
        if mode == "planned" and dated_after(text, _plan_date(facts)):
            tense = "future"  # "Ovens converted to electric | November 2026" under "Next steps"
        if (
            when_column
            and mode == "planned"
            and tense == "past"
            and _dated_this_year_or_later(found, years, reference)
        ):
            tense = "future"  # "Driver training | 2026 |" under "Measure | Planned for |"
        status = _status(mode, tense, concrete, section == "projects")
        if own is not None:
            status = "completed" if own == "done" else "future"
        if status is None:
            if section == "projects" and mode is None and (concrete or _BULLET.match(text)):
                unsure.append(sentence)  # "LED lighting throughout the office": done or not?
            continue
        # An effect and a date make a measure specific; they do not make prose a measure.
        specific = concrete or _told_with_effect(text, years) or bool(years and _ACTED.search(text))
        measure = Measure(
            text=text, status=status, specific=specific, year=years[0] if years else None
        )
        bucket = completed if status == "completed" else future
        if len(bucket) < _MAX_MEASURES:
            bucket.append(measure)
            key = "completed_measures" if status == "completed" else "future_measures"
            facts.evidence.setdefault(key, []).append(sentence.evidence())
    facts.completed_measures = completed
    facts.future_measures = future
    if not completed and unsure:
        # Measures listed with no tense and no heading to say whether they are done: a fail
        # for "nothing completed" would rest on that reading.
        mark_inferred(facts, "completed_measures", "measures are listed without saying if done")
        facts.readings["completed_measures"].candidates = [
            Candidate(value=item.text, evidence=[item.evidence()]) for item in unsure[:2]
        ]
    _contract(facts, statements)
    _savings(context, facts)


def _item_status(context: DocumentContext, position: int) -> tuple[str, CellStatus | None]:
    """Under a status column: the item's words and the status in its last cell, or in the
    cell on the line below it (a PDF puts each cell on a line of its own)."""
    sentence = context.sentences[position]
    text, own = row_status(sentence.text)
    if own is None and position + 1 < len(context.sentences):
        below = context.sentences[position + 1]
        if below.page == sentence.page:
            own = cell_status(below.text)
    return text, own


def _contract_kind(sentence: Sentence, found: Found) -> str | None:
    """'explicit' when the sentence says the measures apply to the contract, 'ongoing' when it
    says they will remain or continue in effect without naming the contract."""
    if any(m.id == "explicit" for m in found.get("CONTRACT", [])):
        return "explicit"
    contract = "CONTRACT_NOUN" in found and "IN_EFFECT" in found
    if not (contract or "CONTINUING" in found) or not _MEASURE_WORDS.search(sentence.text):
        return None
    return "explicit" if contract else "ongoing"


def _contract(facts: Facts, statements: dict[str, Sentence]) -> None:
    """Explicit contract statement, else a statement that the measures continue, else measures
    in effect now (implied: they are company-wide and will be in place for the contract)."""
    for kind in ("explicit", "ongoing"):
        if kind in statements:
            facts.measures_during_contract = kind
            facts.evidence["measures_during_contract"] = [statements[kind].evidence()]
            return
    if facts.completed_measures:
        facts.measures_during_contract = "implied"
        facts.evidence["measures_during_contract"] = list(
            facts.evidence.get("completed_measures", [])[:2]
        )


def _savings(context: DocumentContext, facts: Facts) -> None:
    """Savings the measures achieved, in tonnes and/or per cent; never offsets or avoidance."""
    best: tuple[int, Sentence, re.Match[str] | None, re.Match[str] | None] | None = None
    for sentence in context.sentences:
        if not _SAVINGS.search(sentence.text):
            continue
        if context.matches_within(sentence.page, sentence.start, sentence.end, "OFFSET"):
            continue
        if _section(context, sentence) in _FIGURE_SECTIONS:
            continue
        tonnes = _TONNES.search(sentence.text)
        percent = _PERCENT.search(sentence.text)
        score = bool(tonnes) + bool(percent)
        if score and (best is None or score > best[0]):
            best = (score, sentence, tonnes, percent)
    if best is None:
        return
    _, sentence, tonnes, percent = best
    if tonnes:
        value = parse_number(tonnes[1])
        kg = tonnes[2].lower().startswith("k")
        facts.savings_tco2e = value / 1000 if value is not None and kg else value
    facts.savings_percent = float(percent[1]) if percent else None
    facts.evidence["savings"] = [sentence.evidence()]
