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
from collections.abc import Mapping

from crp_checker.extract.context import DocumentContext, Sentence, join_sentences
from crp_checker.extract.prose_figures import (
    Figure,
    back_reference,
    category_figures,
    odd_unit_total,
    paired_figures,
    sentence_figures,
)
from crp_checker.extract.units import NOT_MASS, unit_as_read
from crp_checker.extract.values import YEAR, find_period, find_years, year_mentions
from crp_checker.schemas import Facts, Period, Scope3Category

_NOT_ACTUALS = re.compile(
    r"\b(?:reduc\w*|decreas\w*|target\w*|project\w*|forecast\w*|aim\w*|will|goal|"
    r"sav(?:e|ed|ing|ings)|avoid\w*|offset\w*|intensity|per\s+(?:fte|employee|head|person|£|m)|"
    r"equate\w*|trajectory|by\s+20\d\d|cut(?:s|ting)?|lower\w*|increase\w*|"
    r"ambition|pledge|commit\w*|below|above\s+(?:our|the)|less than|more than|"
    r"for example|e\.g\.|imaginary|hypothetical|illustrative)\b",
    re.I,
)
_CURRENT_WORDS = re.compile(
    r"\b(?:current|this|latest|most recent|reporting)\s+"
    r"(?:(?:full|complete|reporting|financial|calendar)\s+)*(?:year|period)\b"
    r"|\b(?:current|latest|most recent)\s+(?:(?:ghg|carbon)\s+)?(?:emissions|footprint)\b"
    # "Scope 1 emissions fell to 14.6 tCO2e": a figure reached, the latest one
    r"|\b(?:fell|dropped|rose|(?:has|have)\s+(?:fallen|dropped|risen))\s+to\b",
    re.I,
)
_BASELINE_WORDS = re.compile(r"\bbaseline\b|\bbase\s+year\b", re.I)
_LABEL_ONLY = re.compile(r"^\W*scope\s*[123]\s*[.:]$", re.I)
_BELOW_TABLE = 2  # lines under a table whose sentences still complete it
_CONTEXT_SENTENCES = 4  # how far a paragraph's period carries to the sentences that follow
_HEADING_WORDS = 6
_SCOPE_NAMED = re.compile(r"\bscope\s*[123]\b", re.I)
PAIR_CUE_CHARS = 40  # how near after a paired figure the words naming its period sit


def period_cues(sentence: Sentence, facts: Facts) -> list[tuple[int, str]]:
    """Where a sentence names a period, and which: words ('baseline', 'current reporting
    year') and the years of known periods. A year beside such words is their date, not a
    cue of its own ('our 2019 baseline', 'Reporting Year: February 2023 to January 2024')."""
    text = sentence.text
    words = [(m.start(), m.end(), "baseline") for m in _BASELINE_WORDS.finditer(text)]
    words += [(m.start(), m.end(), "current") for m in _CURRENT_WORDS.finditer(text)]
    cues = [(start, role) for start, _, role in words]
    dates = [_dated(text, start, end) for start, end, _ in words]
    base, current = facts.baseline.end_year, facts.current.end_year
    for start, _, year in year_mentions(text):
        if any(begin <= start < finish for begin, finish in dates):
            continue
        if year == base:
            cues.append((start, "baseline"))  # a first-year plan's current period repeats it
        elif year == current or (base is not None and current is None and year > base):
            cues.append((start, "current"))
    if not cues and current is not None and base is None and not YEAR.search(text):
        cues.append((0, "current"))  # the plan reports only a current period
    return sorted(cues)


def _dated(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the words naming a period and its dates: a year just before them ('our
    2019 baseline') and the period right after them ('Reporting Year: Feb 2023 to Jan 2024')."""
    before = re.search(
        r"(?:19|20)\d\d(?:\s?[/-]\s?\d{2,4})?\s*(?:'s\s*)?$", text[max(0, start - 14) : start]
    )
    begin = start - (len(text[max(0, start - 14) : start]) - before.start()) if before else start
    gap = re.match(r"[\s:=(\-–]*(?:is|was|of|,)?\s*", text[end:])
    position = end + (gap.end() if gap else 0)
    spec = find_period(text[position : position + 60])
    finish = position + spec.offset + len(spec.label) if spec and spec.offset <= 2 else end
    return begin, finish


def nearest_period(cues: list[tuple[int, str]], position: int) -> str:
    """The period named nearest a figure (a cue before it wins a tie)."""
    return min(cues, key=lambda cue: (abs(cue[0] - position), cue[0] > position))[1]


def _usable(
    context: DocumentContext, sentence: Sentence, cues: list[tuple[int, str]], position: int
) -> list[tuple[int, str]]:
    """The cues that may name a figure's period: not a label on a later line than the figure
    ('Scope 3: 20.0 tCO2e' then the next table's 'Reporting year: 2025', run into one sentence
    because the line has no full stop)."""
    line = context.line_at(sentence.page, sentence.start + position)
    if line is None:
        return cues
    return [
        cue
        for cue in cues
        if cue[0] <= position
        or (later := context.line_at(sentence.page, sentence.start + cue[0])) is None
        or later.index <= line.index
    ]


def _joined(sentences: list[Sentence]) -> list[Sentence]:
    """'Scope 1.' then 'Nil in both years.': a scope named as a label before its sentence."""
    return join_sentences(
        sentences,
        lambda previous, sentence: (
            bool(_LABEL_ONLY.match(previous.text)) and sentence.start - previous.end <= 3
        ),
    )


def _breaks(context: DocumentContext, previous: Sentence | None, sentence: Sentence) -> bool:
    """A new paragraph or heading lies between two sentences, so context does not carry."""
    if previous is None or previous.page != sentence.page:
        return True
    gap = context.document.pages[sentence.page - 1].text[previous.end : sentence.start]
    if re.search(r"\n\s*\n", gap):
        return True
    short = len(previous.text.split()) <= 6 and not previous.text.rstrip().endswith((".", ":"))
    return short and not re.search(r"\d", previous.text)


def _heading_role(previous: Sentence | None, sentence: Sentence, facts: Facts) -> str | None:
    """The one period a heading names ("This year's emissions", "Our baseline"), carried to
    the paragraph under it; a heading naming both periods, or none, carries nothing."""
    if previous is None or previous.page != sentence.page:
        return None
    text = previous.text.strip()
    if len(text.split()) > _HEADING_WORDS or text.endswith((".", ":")) or re.search(r"\d", text):
        return None
    roles = {role for _, role in period_cues(previous, facts)}
    return next(iter(roles)) if len(roles) == 1 else None


def prose_figures(
    context: DocumentContext,
    facts: Facts,
    table_lines: set[int],
    categories: dict[int, Scope3Category],
    spans: Mapping[str, tuple[int, int]] | None = None,
) -> None:
    """Fill figures that no table gave from sentences that state them.

    `spans` gives, per period, the first and last line of the one-column table that reported
    it: a sentence standing among its rows ("Scope 2. Nil. We have no premises ...") states
    that table's period, and fills a scope the rows left out.
    """
    strength: dict[tuple[str, str], int] = {}
    bounds = spans or {}
    carried: str | None = None
    carried_for = 0
    previous: Sentence | None = None
    referred: str | None = None  # the one scope the sentence before gave a figure for
    co2e_said = bool(re.search(r"co2\s?e|carbon dioxide equivalent", context.document.text, re.I))
    for sentence in _joined(context.sentences):
        text = sentence.text
        new_paragraph = _breaks(context, previous, sentence)
        if new_paragraph:
            carried, carried_for = _heading_role(previous, sentence, facts), 0
        prior, referred = (None if new_paragraph else referred), None
        previous = sentence
        line = context.line_at(sentence.page, sentence.start)
        if line is not None and line.index in table_lines:
            continue
        host = _host(line.index if line is not None else -1, bounds)
        if host is not None and line is not None and line.index > bounds[host][1]:
            host = None if new_paragraph else _below(sentence, facts, host)
        if host is not None and not _NOT_ACTUALS.search(text):
            for figure in sentence_figures(text):
                _apply(facts, host, figure, sentence, strength, co2e_said, gap=True)
        cues = period_cues(sentence, facts)
        named = {role for _, role in cues}
        before = carried if carried and carried_for < _CONTEXT_SENTENCES else None
        if len(named) == 1:
            carried, carried_for = next(iter(named)), 0
        carried_for += 1
        if _NOT_ACTUALS.search(text):
            continue
        own_cue = bool(cues)
        if not cues and before:
            cues = [(0, before)]
        roles = {role for _, role in cues}
        odd = odd_unit_total(text)
        if odd is not None and len(roles) == 1:
            _odd_unit(facts, next(iter(roles)), odd, sentence)
        figures = sentence_figures(text)
        if not figures and prior is not None and named:  # its own period, never a carried one
            figures = [f for f in (back_reference(text, prior),) if f is not None]
        scopes = {f.field for f in figures if f.field in ("scope1", "scope2", "scope3")}
        referred = next(iter(scopes)) if len(scopes) == 1 and len(figures) == 1 else None
        if not figures and not _SCOPE_NAMED.search(text):
            referred = prior  # "Of this, 11.9 t came from diesel ...": the scope is still it
        pairs = paired_figures(text, figures)
        parallel = _parallel(text, figures, pairs, cues)
        for figure in figures:
            targets: tuple[str, ...] = ("baseline", "current") if figure.both else ()
            usable = _usable(context, sentence, cues, figure.start)
            if figure.start in parallel:
                targets = (parallel[figure.start],)
            elif not targets and usable:
                targets = (nearest_period(usable, figure.start),)
            elif not targets and cues and before:
                targets = (before,)  # only a label after it, on a later line, names a period
            for role in targets:
                _apply(facts, role, figure, sentence, strength, co2e_said, own_cue=own_cue)
        _pairs(facts, sentence, figures, pairs, cues, parallel, strength, co2e_said)
        for role in roles if len(roles) == 1 else ():
            if f"{role}.table" not in facts.evidence:
                category_figures(context, sentence, role, categories, facts)


def _parallel(
    text: str, figures: list[Figure], pairs: list[Figure], cues: list[tuple[int, str]]
) -> dict[int, str]:
    """The periods of paired figures ("X ... against Y ...") that the nearest-word rule would
    misfile. Returns the period of each such figure (by start):

    - a pair naming no period after a pair that did ("Scope 1 81.2 t in 2025 against 96.4 t
      in 2019, and Scope 2 12.9 t against 18.7 t"): the same order; the nearest year ('in
      2019') belongs to the figure before, not to them;
    - words just before the second figure ("21.6 tCO2e; baseline 39.8 tCO2e", "... in 2025; in
      the base year the equivalent figure was ..."): they name the second figure's period;
    - "X, compared with Y at baseline", with no words for X: X is the current figure."""
    order: tuple[str, str] | None = None
    roles: dict[int, str] = {}
    after = 0  # where the words of the previous pair end
    for pair in sorted(pairs, key=lambda f: f.start):
        first = next((f for f in figures if f.field == pair.field), None)
        if first is None:
            continue
        own = [c for c in cues if after <= c[0] <= pair.start + PAIR_CUE_CHARS]
        # "21.6 tCO2e; baseline 39.8 tCO2e": words just before the pair name its period
        lead = [
            c
            for c in own
            if first.start < c[0] < pair.start
            and pair.start - c[0] <= PAIR_CUE_CHARS
            and re.search(r"[;,(]\s*(?:at\s+|in\s+(?:the\s+|our\s+)?)?$", text[first.start : c[0]])
        ]
        before = [c for c in own if c[0] < pair.start and c not in lead]
        later = lead + [c for c in own if pair.start < c[0]]
        if before and later and nearest_period(before, first.start) != later[0][1]:
            order = (nearest_period(before, first.start), later[0][1])
            if lead:  # "... in 2025; in the base year the equivalent figure was ..."
                roles[first.start], roles[pair.start] = order
        elif later and not before and later[0][1] == "baseline":
            # "Scope 3 totalled 27.5 t, compared with 29.4 t at baseline": the baseline words
            # name the second figure; the first is the other period, the current one
            roles[first.start], roles[pair.start] = "current", "baseline"
        elif not own and order is not None:
            roles[first.start], roles[pair.start] = order
        after = pair.start + PAIR_CUE_CHARS
    return roles


def _pairs(
    facts: Facts,
    sentence: Sentence,
    figures: list[Figure],
    pairs: list[Figure],
    cues: list[tuple[int, str]],
    parallel: dict[int, str],
    strength: dict[tuple[str, str], int],
    co2e_said: bool,
) -> None:
    """The second period's figure in "X in 2024/25, against Y in our 2019/20 baseline": filed
    only when the words nearest each figure name different periods (or, for a pair naming
    none, in the order an earlier pair of the sentence gave)."""
    by_start = {f.start: f for f in figures}
    for pair in pairs:
        if pair.start in parallel:
            _apply(facts, parallel[pair.start], pair, sentence, strength, co2e_said)
            continue
        first = next((f for f in figures if f.field == pair.field), None)
        if first is None or first.start not in by_start:
            continue
        # The pair's period is named just after it ("63.8 tonnes in our 2019/20 baseline").
        own = [c for c in cues if pair.start < c[0] <= pair.start + PAIR_CUE_CHARS]
        earlier = [c for c in cues if c[0] < pair.start]
        if not own or not earlier:
            continue
        role_first = nearest_period(earlier, first.start)
        role_pair = own[0][1]
        if role_pair != role_first:
            _apply(facts, role_pair, pair, sentence, strength, co2e_said)


def _apply(
    facts: Facts,
    role: str,
    figure: Figure,
    sentence: Sentence,
    strength: dict[tuple[str, str], int],
    co2e_said: bool,
    *,
    gap: bool = False,
    own_cue: bool = True,
) -> None:
    """Record a figure for a period no table reported, unless a stronger reading has it;
    with `gap`, only a field the period's table left empty."""
    period: Period = getattr(facts, role)
    held = getattr(period, figure.field)
    if gap:
        if held is not None or figure.field in period.not_numeric:
            return
    elif f"{role}.table" in facts.evidence and (
        held is not None
        or figure.field in period.not_numeric
        or figure.field == "total"
        or not own_cue
    ):
        # a table's figure stands; prose fills only a scope the table has no row for, and only
        # from a sentence that names the period itself
        return
    key = (role, figure.field)
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
        other = getattr(facts, "current" if role == "baseline" else "baseline").end_year
        if len(set(years) - {other}) == 1:
            year = next(iter(set(years) - {other}))
            period.label, period.end_year = str(year), year
            facts.evidence[f"{role}.label"] = [sentence.evidence()]


def _below(sentence: Sentence, facts: Facts, host: str) -> str | None:
    """A sentence just below a table (in its paragraph) completes it only when it names no
    other year ("In 2019 our Scope 2 emissions were ..." is about 2019)."""
    own = getattr(facts, host).end_year
    if any(year != own for _, _, year in year_mentions(sentence.text)):
        return None
    return host


def _host(line: int, spans: Mapping[str, tuple[int, int]]) -> str | None:
    """The period whose table has `line` among its rows or just below them ("Scope 3: 60.0"
    then "In total we emitted 120.0 tCO2e.")."""
    for role, (first, last) in spans.items():
        if first < line <= last + _BELOW_TABLE:
            return role
    return None


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
