"""Baseline and current reporting periods, as the plan states them in words.

The template asks for "Baseline Year: ..." and "Reporting Year: ..."; real plans also write
"We have adopted 2019 as the baseline", "with 2021 as the baseline", "Current Emissions
Reporting (2024/25)" or "the most recent reporting year is 2024". An explicit template field
beats a sentence; within each kind the first statement wins.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Literal

from crp_checker.extract.context import DocumentContext
from crp_checker.extract.lines import Line
from crp_checker.extract.values import MONTHS, PeriodSpec, end_of, find_period
from crp_checker.schemas import Evidence

Kind = Literal["baseline", "current"]

_SEP = r"\s*(?:is|was|:|-|–|=|of|to be|\(|,)?\s*"
_FIELD = {
    "baseline": re.compile(
        r"^(?:\d+[.)]\s*)?(?:baseline|base)\s+(?:year|reporting period|period)" + _SEP, re.I
    ),
    "current": re.compile(
        r"^(?:\d+[.)]\s*)?(?:(?:reporting\s+)?(?:period|year)\s+covered|"
        r"(?:current\s+)?(?:emissions\s+)?reporting\s+(?:year|period))" + _SEP,
        re.I,
    ),
}
# "Baseline year and reporting year: 1 September 2024 to 31 August 2025", "Baseline / current
# reporting period - FY2025": one field naming both periods, as a first-year plan writes it.
_BOTH_FIELD = re.compile(
    r"^(?:\d+[.)]\s*)?(?:(?:baseline|base)(?:\s+(?:year|period))?\s*(?:and|&|/)\s*"
    r"(?:current\s+)?(?:reporting|current)|(?:current\s+)?reporting(?:\s+(?:year|period))?\s*"
    r"(?:and|&|/)\s*(?:baseline|base))\s+(?:year|period)" + _SEP,
    re.I,
)
_SENTENCE = {
    "baseline": [
        re.compile(r"baseline\s+(?:reporting\s+)?(?:year|period)" + _SEP, re.I),
        re.compile(r"\bbase\s+year" + _SEP, re.I),
        re.compile(r"\bbase(?:line)?\s+(?=(?:year|period)\s+(?:ending|ended)\b)", re.I),
        re.compile(
            r"(?:selected|chosen|chose|adopted|use[ds]?|using|with|taken|set)\s+(?=\S+.{0,30}?\s+as\s+(?:the|our|its)\s+baseline)",
            re.I,
        ),
        re.compile(r"(?:against|from|versus|vs\.?)\s+(?:a|our|the|its)\s+(?=\S+\s+baseline)", re.I),
        re.compile(
            r"(?<![\w/])(?=(?:FY\s?)?(?:19|20)\d\d(?:\s?/\s?\d{2,4})?\s+baseline\b|"
            # "2018 – our reference year", "2019: our base year"
            r"(?:FY\s?)?(?:19|20)\d\d(?:\s?/\s?\d{2,4})?\s*[–:\-]\s*(?:our|the)\s+"
            r"(?:baseline|base\s+year|reference\s+year)\b)",
            re.I,
        ),
        re.compile(
            r"\b(?:our|the)\s+reference\s+year\s+(?:is|was)\s+(?=(?:FY\s?)?(?:19|20)\d\d)", re.I
        ),
        # "compared with our baseline, the 12 months to 30 June 2020": the period in apposition
        re.compile(
            r"\b(?:our|the|its)\s+baseline\s*,\s+(?:which\s+(?:is|was)\s+)?(?:the\s+)?", re.I
        ),
        # "Our baseline is the 2021/22 financial year (1 April 2021 to 31 March 2022)"
        re.compile(
            r"\b(?:our|the|its)\s+baseline\s+(?:year\s+|period\s+)?(?:is|was|will\s+be)\s+"
            r"(?:the\s+)?(?:(?:calendar|financial)\s+year\s+)?"
            r"(?=(?:FY\s?)?(?:19|20)\d\d|(?:\d{1,2}\s+)?[A-Z][a-z]+\s+(?:19|20)\d\d|"
            r"(?:12|twelve|5[23]|fifty-t(?:wo|hree))\s+(?:months|weeks)\s+(?:ending|ended|to)\b)",
            re.I,
        ),
    ],
    "current": [
        re.compile(r"current\s+emissions(?:\s+reporting)?(?:\s+period)?\s*[:(\-–]\s*", re.I),
        re.compile(
            r"(?:current|latest|most recent)\s+(?:(?:full|complete|whole)\s+)?"
            r"(?:reporting\s+|financial\s+|calendar\s+|trading\s+)?(?:year|period)" + _SEP,
            re.I,
        ),
        re.compile(r"\breporting\s+(?:year|period)" + _SEP, re.I),
        # "The figures in this plan are for our 2025/26 financial year", "This plan covers
        # the 12 months to 30 June 2025": what the plan's figures report, not its baseline.
        re.compile(
            r"\b(?:figures|emissions|this\s+plan)\b[^.;]{0,25}?\b(?:are\s+for|cover|covers|"
            r"reports?(?:\s+on)?|relates?\s+to)\s+(?:our\s+|the\s+)?(?:latest\s+|most\s+recent\s+)?"
            r"(?=(?:FY\s?)?(?:19|20)\d\d(?![^.;]{0,30}?(?<!as\s)(?<!as\sthe\s)(?<!as\sour\s)\bbaseline)"
            r"|(?:12|twelve|5[23])\s+"
            r"(?:months|weeks))",
            re.I,
        ),
        # "This year (1 July 2025 to 30 June 2026) our emissions ...": the period in brackets
        re.compile(r"\bthis\s+(?:reporting\s+|financial\s+)?(?:year|period)\s*(?=\()", re.I),
        re.compile(
            r"\bemissions\s+(?:for|in|during)\s+(?:the\s+)?(?:(?:financial|calendar)\s+)?"
            r"(?:year|period)?\s*(?=\S+\s*(?:\)\s*)?(?:were|was|:|totall?ed|amounted))",
            re.I,
        ),
        re.compile(
            r"\bemissions\s+(?:for|in|during)\s+the\s+(?:financial|calendar)\s+year\s+", re.I
        ),
        re.compile(
            r"\bemissions\s+for\s+the\s+(?=(?:year|period|twelve months|12 months)\s+"
            r"(?:ended|ending|to)\b)",
            re.I,
        ),
    ],
}
_NOT_AFTER = {"current": re.compile(r"baseline|base year", re.I)}
# "Baseline emissions were calculated for Lean Tree Limited (LTL) for the financial year 2024":
# the period follows one of several "for"s after the trigger, so each is tried.
_TRIGGER = {"baseline": re.compile(r"baseline\s+(?:emissions|footprint|year emissions)", re.I)}
# "the calendar year 2022, and that year is our baseline": the period comes first.
_NAMED_BEFORE = re.compile(
    r"\b(?:(?:that|this|which)\s+(?:year|period)\s+(?:is|was|will be|forms?|becomes?)|"
    r"which\s+(?:became|becomes|is|was|has\s+been|we\s+use\s+as)|"
    r"(?:is|was|are|were)\s+(?:both\s+|also\s+|therefore\s+|so\s+)?)\s*(?:our|the|its)\s+baseline\b",
    re.I,
)
# "FY 2024-25 (1 October 2024 to 30 September 2025) is the current reporting year": the
# current period named first.
_CURRENT_NAMED_BEFORE = re.compile(
    r"\b(?:is|was|will be|forms?)\s+(?:our|the|its)\s+(?:current|latest|most recent)\s+"
    r"(?:(?:full|complete)\s+)?(?:reporting\s+|financial\s+)?(?:year|period)\b",
    re.I,
)
# "... is both our baseline and our current reporting year": a first-year reporter.
_SAME_YEAR = re.compile(
    r"\b(?:is|are|was|were|serves?\s+as|as)\s+(?:both\s+)?(?:our\s+|the\s+|its\s+)?"
    r"baseline(?:\s+year)?\s+and\s+(?:also\s+)?(?:our\s+|the\s+|its\s+)?current(?:\s+reporting)?"
    r"\s+(?:year|period)|current(?:\s+reporting)?\s+(?:year|period)\s+(?:is|are)\s+(?:also\s+)?"
    r"(?:our|the|its)\s+baseline|baseline[^.]{0,60}?\bcurrent[^.]{0,30}?\bare\s+the\s+same\b",
    re.I,
)
_REVISED = re.compile(
    r"\b(?:now\s+)?(?:revised|rebased|re-based|recalculated|restated|reset)\s+(?:to|as)\s+", re.I
)
_EXAMPLE = re.compile(
    r"\b(?:for example|e\.g\.|imaginary|hypothetical|illustrative|fictitious|worked example)\b",
    re.I,
)
_DIGIT = re.compile(r"\d")
# Words every sentence pattern needs one of: lines without them are not read further.
_SENTENCE_WORDS = (
    "base",
    "reference year",
    "current",
    "latest",
    "recent",
    "reporting",
    "emissions",
    "revised",
    "figures",
    "cover",
    "this year",
    "this period",
    "this plan",
)
_BASELINE_WORD = re.compile(r"\bbase(?:line)?\s+(?:year|period)|\bbaseline\b", re.I)
_FINANCIAL_BEFORE = re.compile(r"(?:financial|fiscal|accounting)\s+year|\bFY(?=\s?'?\d|\b)", re.I)
_MONTHS_ONLY = re.compile(
    r"\(\s*(?:[^()]{0,40}?)\b(?P<m1>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s*(?:-|–|to)\s*(?P<m2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b[^()]{0,20}\)",
    re.I,
)
_FOLLOWER = re.compile(
    r"\b(?:for|in|during|from|were|was)\s+(?:the\s+)?(?:(?:financial|calendar|fiscal|academic)\s+)?"
    r"(?:year\s+)?",
    re.I,
)


_FIELD_ITEMS: list[tuple[Kind, re.Pattern[str]]] = [
    ("baseline", _FIELD["baseline"]),
    ("current", _FIELD["current"]),
]
_SENTENCE_ITEMS: list[tuple[Kind, list[re.Pattern[str]]]] = [
    ("baseline", _SENTENCE["baseline"]),
    ("current", _SENTENCE["current"]),
]
_TRIGGER_ITEMS: list[tuple[Kind, re.Pattern[str]]] = [("baseline", _TRIGGER["baseline"])]


@dataclass(frozen=True)
class PeriodStatement:
    """A period the plan names as its baseline or current period, with where it said so."""

    kind: Kind
    spec: PeriodSpec
    evidence: Evidence
    explicit: bool
    priority: int = 0


def _window(context: DocumentContext, line: Line) -> tuple[str, Line | None]:
    """The line plus the next one, for a field whose value wraps ("Reporting Year" / "2024") or
    a sentence that runs on over the line break."""
    following = context.lines[line.index + 1] if line.index + 1 < len(context.lines) else None
    if following is None or following.page != line.page:
        return line.text, None
    runs_on = not line.text.rstrip().endswith((".", ":", ";", "!", "?")) and bool(
        re.match(r"[a-z\d]", following.text)
    )
    if len(line.text) < 40 or runs_on:  # "...year, April 2023 to March" / "2024, we emitted"
        return f"{line.text} {following.text}", following
    return line.text, None


def _evidence(line: Line, following: Line | None, position: int) -> Evidence:
    """Quote the line the statement is on (the window may span two)."""
    if following is not None and position > len(line.text):
        return following.evidence()
    return line.evidence()


_ARTICLE = re.compile(r"(?:the\s+)?", re.I)
_DEADLINE = re.compile(r"(?:by|before|until)\s", re.I)
_FILLER = re.compile(r"[\s.…_:\-–(]*")
_SENTENCE_BREAK = re.compile(r"(?<!\.)[.;]\s+|\)\.?\s+(?=[A-Z])")
# One full stop and a space: the sentence ended (a dotted leader has several).
_SENTENCE_END = re.compile(r"\s*\.\s+")
_KIND_OF_YEAR = re.compile(
    r"(?:(?:the\s+)?(?:financial|fiscal|calendar|accounting)\s+year\s+(?:of\s+)?(?=\d)"
    r"|(?:the\s+)?(?:twelve|12)\s+months\s+(?:from\s+)?(?=\d)|(?:the\s+)?period\s+(?:from\s+)?(?=\d))?",
    re.I,
)


def _spec_after(text: str, position: int, limit: int = 60) -> PeriodSpec | None:
    """The period that starts right after `position` (dotted template leaders skipped)."""
    start = position
    position = _FILLER.match(text, position).end()  # type: ignore[union-attr]
    if _SENTENCE_END.fullmatch(text, start, position):
        return None  # "We have not set a baseline year. 2025 is our first year": a new sentence
    # "We use the 2021 calendar year as our baseline": an article before the period
    position = _ARTICLE.match(text, position).end()  # type: ignore[union-attr]
    # "Baseline year: financial year 2019/2020": the kind of year, then the year.
    position = _KIND_OF_YEAR.match(text, position).end()  # type: ignore[union-attr]
    spec = find_period(text[position : position + limit])
    if spec is None or spec.offset > 3:
        return None
    if _DEADLINE.match(text, position):
        return None  # "We will set a baseline year by 2027": a deadline, not the period
    return _in_context(text, position + spec.offset, spec)


def _in_context(text: str, at: int, spec: PeriodSpec) -> PeriodSpec:
    """Read a period with the words around it: a financial year has no calendar dates; dates
    in brackets after a split year ("2019/20 (1 April 2019 to 31 March 2020)") are its dates."""
    if spec.precision == "year" and _FINANCIAL_BEFORE.search(text[max(0, at - 25) : at]):
        spec = undated(spec)
    if spec.start is not None:
        return spec
    after = text[at + len(spec.label) : at + len(spec.label) + 70]
    if after.lstrip().startswith("("):
        dated = find_period(after)
        if dated and dated.start and dated.end_year == spec.end_year and dated.offset < 8:
            return replace(dated, label=spec.label, offset=spec.offset)
        months = _MONTHS_ONLY.match(after.lstrip())
        if months:
            return _with_months(spec, months["m1"], months["m2"]) or spec
    return spec


def _with_months(spec: PeriodSpec, first: str, last: str) -> PeriodSpec | None:
    """'2021/22 (April to March)': the dates a split year's months pin down."""
    m1, m2 = MONTHS[first.lower()[:3]], MONTHS[last.lower()[:3]]
    start_year = spec.end_year - 1 if m1 > m2 else spec.end_year
    start = dt.date(start_year, m1, 1)
    end = end_of(dt.date(spec.end_year, m2, 1), "month")
    if (end - start).days < 300:
        return None
    return replace(spec, start=start, end=end, precision="month")


def undated(spec: PeriodSpec) -> PeriodSpec:
    """The period without calendar dates (a financial year whose months are not stated)."""
    return replace(spec, start=None, end=None, precision="year")


def financial_years(text: str) -> set[int]:
    """End years the plan calls financial years ("financial year 2024", "FY24", "FY 2023/24")."""
    found: set[int] = set()
    for m in _FINANCIAL_BEFORE.finditer(text):
        spec = find_period(text[m.start() : m.end() + 20])
        if spec is not None and spec.offset <= m.end() - m.start() + 3:
            found.add(spec.end_year)
    return found


def find_period_statements(context: DocumentContext) -> list[PeriodStatement]:
    """Every baseline/current period statement, explicit template fields first.

    A worked example in a guide ("an imaginary company ... in its 2022 baseline year") states
    no one's period.
    """
    found: list[PeriodStatement] = []
    same_year: Evidence | None = None
    for line in context.lines:
        if line.furniture or _EXAMPLE.search(line.text):
            continue
        window, following = _window(context, line)
        if _EXAMPLE.search(window):
            continue
        if _DIGIT.search(window):  # every period is written with digits
            found += _field_statements(window, line, following)
            lowered = window.lower()
            if any(word in lowered for word in _SENTENCE_WORDS):
                found += _sentence_statements(window, line, following)
        if same_year is None and "current" in window.lower():
            for m in _SAME_YEAR.finditer(window):
                same_year = same_year or _evidence(line, following, m.start())
    if first_statement(found, "current") is None:
        found += _running_title_period(context)
    found.sort(key=lambda s: s.priority)
    if same_year is not None and first_statement(found, "current") is None:
        base = first_statement(found, "baseline")
        if base is not None:
            found.append(PeriodStatement("current", base.spec, same_year, False, 4))
    return found


# "Carbon Reduction Plan · Year ended 31 January 2026", "CRP – reporting year 2025": a title
# that names the period the plan reports. A bare year after the title ("Carbon Reduction Plan
# 2026") is its edition, often the year it was published, so it names no period.
_TITLE_PERIOD = re.compile(
    r"\b(?:carbon\s+reduction\s+plan|CRP)\b[\s\-–:·|,]*(?:for\s+(?:the\s+)?)?"
    r"(?=(?:reporting\s+(?:year|period)|(?:financial\s+)?year\s+(?:ended|ending|to)|FY\s?\d|"
    r"(?:12|twelve)\s+months\s+(?:ended|ending|to)))",
    re.I,
)


def _running_title_period(context: DocumentContext) -> list[PeriodStatement]:
    """The current period named only in the plan's title or running header."""
    for line in context.lines:
        m = _TITLE_PERIOD.search(line.text)
        if m is None:
            continue
        spec = _spec_after(line.text, m.end())
        if spec is None:
            continue
        if spec.precision != "year" or re.match(r"\s*reporting", line.text[m.end() :], re.I):
            return [PeriodStatement("current", spec, line.evidence(), False, 5)]
    return []


def _field_statements(window: str, line: Line, following: Line | None) -> list[PeriodStatement]:
    found: list[PeriodStatement] = []
    both = _BOTH_FIELD.match(window)
    if both:
        spec = _spec_after(window, both.end())
        if spec:
            evidence = _evidence(line, following, both.end())
            kinds: tuple[Kind, Kind] = ("baseline", "current")
            return [PeriodStatement(kind, spec, evidence, explicit=True) for kind in kinds]
    for kind, pattern in _FIELD_ITEMS:
        m = pattern.match(window)
        if m:
            spec = _spec_after(window, m.end())
            if spec:
                evidence = _evidence(line, following, m.end())
                found.append(PeriodStatement(kind, spec, evidence, explicit=True))
    return found


def _sentence_statements(window: str, line: Line, following: Line | None) -> list[PeriodStatement]:
    found: list[PeriodStatement] = []
    lowered = window.lower()
    has_base = "base" in lowered or "reference year" in lowered
    for kind, patterns in _SENTENCE_ITEMS:
        if kind == "baseline" and not has_base:
            continue
        for rank, pattern in enumerate(patterns):
            for m in pattern.finditer(window):
                veto = _NOT_AFTER.get(kind)
                # "baseline reporting year" vetoes; a baseline in the sentence before does not.
                before = _SENTENCE_BREAK.split(window[max(0, m.start() - 40) : m.start()])[-1]
                if veto and veto.search(before):
                    continue
                spec = _spec_after(window, m.end())
                if spec:
                    priority = 3 if kind == "current" and rank >= 3 else 1
                    evidence = _evidence(line, following, m.start())
                    found.append(PeriodStatement(kind, spec, evidence, False, priority))
    for kind, trigger in _TRIGGER_ITEMS if has_base else ():
        for m in trigger.finditer(window):
            for follower in _FOLLOWER.finditer(window, m.end(), m.end() + 90):
                spec = _spec_after(window, follower.end())
                if spec:
                    evidence = _evidence(line, following, m.start())
                    found.append(PeriodStatement(kind, spec, evidence, False, 2))
                    break
    for m in _NAMED_BEFORE.finditer(window) if has_base else ():
        spec = _last_period(window, max(0, m.start() - 90), m.start())
        if spec is not None:
            evidence = _evidence(line, following, m.start())
            found.append(PeriodStatement("baseline", spec, evidence, False, 1))
    for m in (
        _CURRENT_NAMED_BEFORE.finditer(window)
        if "current" in lowered or "recent" in lowered or "latest" in lowered
        else ()
    ):
        opening = max(0, m.start() - 90)
        breaks = list(_SENTENCE_BREAK.finditer(window, opening, m.start()))
        opening = breaks[-1].end() if breaks else opening
        spec = _last_period(window, opening, m.start())
        if spec is not None:
            evidence = _evidence(line, following, m.start())
            found.append(PeriodStatement("current", spec, evidence, False, 1))
    if has_base and _BASELINE_WORD.search(window):
        for m in _REVISED.finditer(window):
            spec = _spec_after(window, m.end())
            if spec:
                evidence = _evidence(line, following, m.start())
                found.append(PeriodStatement("baseline", spec, evidence, True, -1))
    return found


def _last_period(text: str, start: int, end: int) -> PeriodSpec | None:
    """The last period written in text[start:end], read in its context."""
    last: PeriodSpec | None = None
    position = start
    while position < end:
        spec = find_period(text[position:end])
        if spec is None:
            break
        last = replace(spec, offset=position + spec.offset)
        position = last.offset + max(1, len(spec.label))
    return _in_context(text, last.offset, last) if last else None


def first_statement(statements: list[PeriodStatement], kind: Kind) -> PeriodStatement | None:
    """The period the plan states for `kind` (explicit field first, then document order)."""
    for statement in statements:
        if statement.kind == kind:
            return statement
    return None
