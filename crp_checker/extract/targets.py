"""Emissions reduction targets, including the template's sentence "We project that carbon
emissions will decrease over the next five years to X tCO2e by Y. This is a reduction of Z%."
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crp_checker.extract.context import DocumentContext, Sentence, join_sentences
from crp_checker.extract.target_tables import (
    HEADER_YEAR,
    PERCENT,
    SCOPES,
    TableHeader,
    row_targets,
)
from crp_checker.extract.values import parse_number
from crp_checker.readings import mark_inferred
from crp_checker.schemas import Candidate, Facts, Target

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
    r"\b(?:reduc\w*|decreas\w*|cut\w*|lower\w*|halv(?:e|ing)|eliminat\w*|achieve\s+a|fall|"
    r"target\w*|intensity|per\s+(?:fte|employee|head|full-time)|(?:bring|brought|get)\s+"
    r"(?:\w+\s+){0,3}down|down\s+to|below|less\s+than|half\s+of)\b",
    re.I,
)
_TONNES = re.compile(
    rf"(?<![\w.])([\d,]+(?:\.\d+)?)\s*(?:t\s*{_CO2E}|(?:metric\s+)?(?:tonnes?|tons?)\s+"
    rf"(?:of\s+)?{_CO2E})(?!\w)",
    re.I,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# "by 2030", "by June 2028", "by the end of 2027", "by FY30", "by 2030/31", "before March 2028";
# a deadline named as the period it closes: "by the year ending 31 March 2030", "in the
# financial year ended March 2031", "by the twelve months to 30 June 2030".
_PERIOD_ENDING = (
    r"(?:the\s+)?(?:(?:financial|calendar|reporting)\s+)?(?:year|12\s+months|twelve\s+months)"
    r"\s+(?:ending|ended|to)\s+"
)
_BY_YEAR = re.compile(
    r"\b(?:by|before|in|until|to|within|for)\s+(?:the\s+end\s+of\s+)?"
    rf"(?:{_PERIOD_ENDING})?"
    r"(?:(?:financial\s+year|calendar\s+year|FYE|FY)\s?)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    rf"(?:{_MONTH}\s+)?(?P<y>(?:20)\d\d)(?:[/-]\d\d)?\b|\bFY\s?(?P<fy>\d\d)\b"
    r"|\b(?:FY\s?)?(?P<ty>20\d\d)(?:/\d\d)?\s+(?:target|milestone|goal|interim)s?\b"
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
_REACHED = re.compile(r"(?:\bto|→|->|\bbelow|\bunder|\bmost|more than|maximum of|\bof)\s*$", re.I)
# "halve our Scope 1 and 2 emissions", "halving absolute Scope 1, 2 and 3 emissions", "half of
# our 2022 baseline".
_HALVE = re.compile(
    r"\bhalv(?:e|ing)\s+(?:[\w,&+/-]+\s+){0,7}?(?:emissions|footprint|carbon|ghg)|"
    r"\bhalf\s+(?:of\s+)?(?:our|its|the|their)\s+(?:\w+\s+){0,2}(?:baseline|emissions|footprint)",
    re.I,
)
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
_INTENT = re.compile(
    r"\btarget|\bgoal|\baim|\bcommit|\bwill\b|\bplan|\bproject|\bmilestone|\bambition|"
    r"\bobjective|\bintend|\bpledge|\bseek|\bstrive|\baspir|^\W*(?:reduce|cut|halve|lower|"
    r"decrease|bring|achieve|reach)\b",
    re.I,
)
# A target written as a goal with no verb in a targets list: "50% by 2030", "2027: 25% below".
_AMOUNT_BY_YEAR = re.compile(
    r"(?:\d\s*(?:%|per\s*cent)|t\s*co2e?\b|tonnes)[^.;]{0,60}?\b(?:by|before|in)\s+"
    r"(?:FY\s?)?20\d\d|^\W*(?:FY\s?)?20\d\d(?:[/-]\d\d)?\s*[:–—-]\s*[^.;]{0,40}?\d\s*%|"
    r"\b(?:by|before)\s+(?:the\s+end\s+of\s+)?(?:FY\s?)?20\d\d\b[^.;]{0,80}?\d\s*(?:%|t\s*co2e?\b|"
    r"tonnes)|\b20\d\d\b[^.;%\d]{0,20}:\s*[-−]?\d{1,3}(?:\.\d+)?\s*%",
    re.I,
)
# "Net zero by 2045", "carbon neutral by 2030": a goal with a year but no quantity.
_NEUTRAL_BY = re.compile(
    r"\b(?:net[- ]zero|carbon[- ]neutral\w*)\b[^.;]{0,40}?\b(?:by|before|in)\s+20\d\d", re.I
)
# "2027: 25% below 2022": a year opening a targets-list line is its deadline.
_YEAR_FIRST = re.compile(r"^\W*(?:FY\s?)?(20\d\d)(?:[/-]\d\d)?\s*[:–—-]\s", re.I)
_MAX_TARGETS = 12
_HEADING_WORDS = 8
_UNREAD_WORDS = 4


def _year_of(m: re.Match[str]) -> int:
    if m["fy"]:
        return 2000 + int(m["fy"])
    return int(m["y"] or m["ty"] or m["yt"])


def _year(sentence: str) -> int | None:
    m = _BY_YEAR.search(sentence)
    return _year_of(m) if m else None


def _other_heading(text: str) -> bool:
    """A short line with no figure, year or target word: the heading of what follows."""
    return (
        len(text.split()) <= _HEADING_WORDS
        and not re.search(r"\d", text)
        and not _REDUCE.search(text)
        and not text.rstrip().endswith((".", ";"))
    )


def _amounts(text: str) -> list[tuple[int, str, float]]:
    """Every reduction amount in reading order: ('pct', 50.0) for "50%" or "halve", ('t', x)."""
    found = [(m.start(), "pct", float(m[1])) for m in PERCENT.finditer(text)]
    found += [(m.start(), "pct", 50.0) for m in _HALVE.finditer(text)]
    found += [(m.start(), "pct", _FRACTIONS[m[1].lower()]) for m in _FRACTION.finditer(text)]
    tonnes = [(m.start(), parse_number(m[1])) for m in _TONNES.finditer(text)]
    # "from 746 tCO2e to 432.68 tCO2e", "746 tCO2e → 432.68": the figure reached is the target.
    reached = [(p, v) for p, v in tonnes if _REACHED.search(text[max(0, p - 14) : p])]
    for position, value in reached or tonnes[-1:]:
        if value is not None:
            found.append((position, "t", value))
    return sorted(found)


def _year_for(text: str, position: int, limit: int, listed: int | None = None) -> int | None:
    """The deadline of the amount at `position`: the first "by YEAR" after it (before the next
    amount), else the last one before it ("By 2030 we will cut emissions by 50%"), else the
    year that opens a targets-list line ("2027: 25% below 2022")."""
    matches = list(_BY_YEAR.finditer(text))
    after = [m for m in matches if position < m.start() < limit]
    strong = [m for m in after if re.match(r"(?:by|before|until|within)\b", m[0], re.I)]
    chosen = (strong or after)[:1] or [m for m in matches if m.start() < position][-1:]
    if not chosen:
        return listed
    return _year_of(chosen[0])


def _from_sentence(sentence: Sentence, listed: bool = False) -> list[Target]:
    """The targets one sentence states: 'halve our footprint by 2027, and a 90% reduction by
    2030' is two (50% by 2027, 90% by 2030); a target without numbers is one, unquantified.
    In a targets list (`listed`) an amount by a year needs no verb ("50% by 2030")."""
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
    goal = listed and bool(_AMOUNT_BY_YEAR.search(text) or _NEUTRAL_BY.search(text))
    if not (_REDUCE.search(text) or goal) or _NOT_TARGET.search(text):
        return []
    scopes = SCOPES.search(text)
    amounts = _amounts(text)
    year_first = _YEAR_FIRST.match(text) if listed else None
    opening = int(year_first[1]) if year_first else None
    by_year: dict[int | None, dict[str, float]] = {}
    for index, (position, kind, value) in enumerate(amounts):
        limit = amounts[index + 1][0] if index + 1 < len(amounts) else len(text)
        year = _year_for(text, position, limit, opening)
        by_year.setdefault(year, {}).setdefault(kind, value)
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


def _pieces(context: DocumentContext, sentence: Sentence) -> list[Sentence]:
    """The sentence, or each of its lines when it runs over several table rows ("Scope |
    Baseline | Target 2030 | Cut |" + "Scope 1 | 120.4 | 60.2 | 50% |")."""
    if "|" not in sentence.text:
        return [sentence]
    lines = [
        line
        for line in context.lines
        if line.page == sentence.page and sentence.start <= line.start < sentence.end
    ]
    if len(lines) < 2:
        return [sentence]
    return [Sentence(line.page, line.start, line.end, line.text) for line in lines]


def _joined(sentences: list[Sentence]) -> list[Sentence]:
    """The template splits its target over two sentences ("... to X tCO2e by Y. This is a
    reduction of Z%."): read them together."""
    return join_sentences(
        sentences, lambda _previous, sentence: bool(_CONTINUED.match(sentence.text))
    )


@dataclass
class _Reader:
    """What the reader knows as it goes down the plan: inside a targets list, the header of a
    targets table, the plan's current year, and the section sentences it could not read."""

    context: DocumentContext
    reference: int | None
    local: bool = False
    header: TableHeader | None = None
    unread: list[Sentence] = field(default_factory=list)

    def read(self, sentence: Sentence) -> list[Target]:
        """The targets one sentence (or table row) states, where they count as targets."""
        line = self.context.line_at(sentence.page, sentence.start)
        section = self.context.section_of_line[line.index] if line else None
        if line is not None and line.index in self.context.headings:
            self.local, self.header = False, None
            if sentence.end <= line.end:
                return []
            # "TARGETS" over "reduce total emissions by 30% ...": the sentence splitter ran the
            # heading into the first target; read what follows the heading.
            page = self.context.document.pages[sentence.page - 1].text
            rest = page[line.end : sentence.end]
            start = line.end + len(rest) - len(rest.lstrip())
            sentence = Sentence(
                sentence.page, start, sentence.end, page[start : sentence.end].replace("\n", " ")
            )
        text = sentence.text
        if _TARGETS_HEADING.match(text):
            self.local, self.header = True, None  # a bare "Targets" heading opens a list
            return []
        if self.local and _other_heading(text):
            self.local = False  # "What we have done": the list of targets has ended
        in_section = self.local or section == "targets"
        header = TableHeader.read(text) if in_section and not PERCENT.search(text) else None
        if header is not None and (header.years or HEADER_YEAR.search(text)):
            self.header = header  # "Scope | 2022 | 2030 target | Cut", "Year | 2025 | 2030"
            return []
        rows = row_targets(text, self.header) if in_section else []
        found = rows or _from_sentence(sentence, in_section)
        if in_section and not found and len(text.split()) >= _UNREAD_WORDS:
            self.unread.append(sentence)
        quantified = any(t.quantified or t.template_form for t in found)
        if not quantified and (not in_section or _HEADER.search(text)):
            return []  # a column header ("Year | Target total (tCO2e) | Reduction on 2021")
        if not _INTENT.search(text) and not (
            in_section and (quantified or _NEUTRAL_BY.search(text))
        ):
            return []
        if not in_section and self.reference is not None:
            # Outside a targets list, a "target" dated before the plan's own year is history.
            found = [t for t in found if t.year is None or t.year >= self.reference]
        return found


def extract_targets(context: DocumentContext, facts: Facts) -> None:
    """Targets from the targets section, target tables, and target sentences elsewhere."""
    targets: list[Target] = []
    seen: set[str] = set()
    reader = _Reader(context, facts.current.end_year or facts.baseline.end_year)
    for joined in _joined(context.sentences):
        for sentence in _pieces(context, joined):
            found = reader.read(sentence)
            if not found or sentence.text in seen:
                continue
            seen.add(sentence.text)
            targets.extend(found)
            facts.evidence.setdefault("targets", []).append(sentence.evidence())
        if len(targets) >= _MAX_TARGETS:
            break
    facts.targets = targets[:_MAX_TARGETS]
    if not targets and reader.unread:
        # The plan has a targets section the checker could not read a target from: a fail
        # for "no target" would rest on that reading.
        mark_inferred(facts, "targets", "the targets section was read, but no target in it")
        facts.readings["targets"].candidates = [
            Candidate(value=s.text, evidence=[s.evidence()]) for s in reader.unread[:2]
        ]
