"""Baseline and current reporting periods, as the plan states them in words.

The template asks for "Baseline Year: ..." and "Reporting Year: ..."; real plans also write
"We have adopted 2019 as the baseline", "with 2021 as the baseline", "Current Emissions
Reporting (2024/25)" or "the most recent reporting year is 2024". An explicit template field
beats a sentence; within each kind the first statement wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from crp_checker.extract.context import Context
from crp_checker.extract.lines import Line
from crp_checker.extract.values import PeriodSpec, find_period
from crp_checker.schemas import Evidence

Kind = Literal["baseline", "current"]

_SEP = r"\s*(?:is|was|:|-|–|=|of|to be|\(|,)?\s*"
_FIELD = {
    "baseline": re.compile(
        r"^(?:\d+[.)]\s*)?(?:baseline|base)\s+(?:year|reporting period|period)" + _SEP, re.I
    ),
    "current": re.compile(
        r"^(?:\d+[.)]\s*)?(?:current\s+)?(?:emissions\s+)?reporting\s+(?:year|period)" + _SEP,
        re.I,
    ),
}
_SENTENCE = {
    "baseline": [
        re.compile(r"baseline\s+(?:reporting\s+)?(?:year|period)" + _SEP, re.I),
        re.compile(r"\bbase\s+year" + _SEP, re.I),
        re.compile(
            r"(?:selected|chosen|chose|adopted|use[ds]?|using|with|taken|set)\s+(?=\S+.{0,30}?\s+as\s+(?:the|our|its)\s+baseline)",
            re.I,
        ),
        re.compile(r"(?:against|from|versus|vs\.?)\s+(?:a|our|the|its)\s+(?=\S+\s+baseline)", re.I),
        re.compile(r"(?<![\w/])(?=(?:FY\s?)?(?:19|20)\d\d(?:\s?/\s?\d{2,4})?\s+baseline\b)", re.I),
    ],
    "current": [
        re.compile(r"current\s+emissions(?:\s+reporting)?(?:\s+period)?\s*[:(\-–]\s*", re.I),
        re.compile(
            r"(?:current|latest|most recent)\s+(?:reporting\s+)?(?:year|period)" + _SEP, re.I
        ),
        re.compile(r"\breporting\s+(?:year|period)" + _SEP, re.I),
        re.compile(
            r"\bemissions\s+(?:for|in|during)\s+(?:the\s+)?(?:(?:financial|calendar)\s+)?"
            r"(?:year|period)?\s*(?=\S+\s*(?:\)\s*)?(?:were|was|:|totall?ed|amounted))",
            re.I,
        ),
        re.compile(
            r"\bemissions\s+(?:for|in|during)\s+the\s+(?:financial|calendar)\s+year\s+", re.I
        ),
    ],
}
_NOT_AFTER = {"current": re.compile(r"baseline|base year", re.I)}
# "Baseline emissions were calculated for Lean Tree Limited (LTL) for the financial year 2024":
# the period follows one of several "for"s after the trigger, so each is tried.
_TRIGGER = {"baseline": re.compile(r"baseline\s+(?:emissions|footprint|year emissions)", re.I)}
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


def _window(context: Context, line: Line) -> tuple[str, Line | None]:
    """The line plus the next one, for a field whose value wraps ("Reporting Year" / "2024")."""
    following = context.lines[line.index + 1] if line.index + 1 < len(context.lines) else None
    if following is not None and following.page == line.page and len(line.text) < 40:
        return f"{line.text} {following.text}", following
    return line.text, None


def _evidence(line: Line, following: Line | None, position: int) -> Evidence:
    """Quote the line the statement is on (the window may span two)."""
    if following is not None and position > len(line.text):
        return following.evidence()
    return line.evidence()


_FILLER = re.compile(r"[\s.…_:\-–(]*")


def _spec_after(text: str, position: int, limit: int = 60) -> PeriodSpec | None:
    """The period that starts right after `position` (dotted template leaders skipped)."""
    position = _FILLER.match(text, position).end()  # type: ignore[union-attr]
    spec = find_period(text[position : position + limit])
    if spec is None or spec.offset > 3:
        return None
    return spec


def find_statements(context: Context) -> list[PeriodStatement]:
    """Every baseline/current period statement, explicit template fields first."""
    found: list[PeriodStatement] = []
    for line in context.lines:
        if line.furniture:
            continue
        window, following = _window(context, line)
        for kind, pattern in _FIELD_ITEMS:
            m = pattern.match(window)
            if m:
                spec = _spec_after(window, m.end())
                if spec:
                    evidence = _evidence(line, following, m.end())
                    found.append(PeriodStatement(kind, spec, evidence, explicit=True))
        for kind, patterns in _SENTENCE_ITEMS:
            for rank, pattern in enumerate(patterns):
                for m in pattern.finditer(window):
                    veto = _NOT_AFTER.get(kind)
                    if veto and veto.search(window[max(0, m.start() - 40) : m.start()]):
                        continue
                    spec = _spec_after(window, m.end())
                    if spec:
                        priority = 3 if kind == "current" and rank >= 3 else 1
                        evidence = _evidence(line, following, m.start())
                        found.append(PeriodStatement(kind, spec, evidence, False, priority))
        for kind, trigger in _TRIGGER_ITEMS:
            for m in trigger.finditer(window):
                for follower in _FOLLOWER.finditer(window, m.end(), m.end() + 90):
                    spec = _spec_after(window, follower.end())
                    if spec:
                        evidence = _evidence(line, following, m.start())
                        found.append(PeriodStatement(kind, spec, evidence, False, 2))
                        break
    found.sort(key=lambda s: s.priority)
    return found


def first_statement(statements: list[PeriodStatement], kind: Kind) -> PeriodStatement | None:
    """The period the plan states for `kind` (explicit field first, then document order)."""
    for statement in statements:
        if statement.kind == kind:
            return statement
    return None
