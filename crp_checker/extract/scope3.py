"""Scope 3 categories the plan addresses: with a figure, named, not yet measured, or ruled out.

Categories are found by number ("Category 6", "Cat 4 and Cat 9", "6. Business Travel", "C9",
"S3.6 Travel") or by name and synonym (models/scope3.jsonl: staff commute, business mileage,
couriers, waste to landfill...). Each mention is read with the words that follow it, up to the
next mention: a figure ("Business travel Scope 3 2.1", "Cat 4: 301.4", "staff commute (5.1
tonnes CO2e)"), a marker ("N/A", "Not yet measured"), or words that rule it out ("not relevant:
we hold no stock"); in a list of Scope 3 sources (after "Scope 3 includes", or on the lines
under a Scope 3 row or a caption such as "What our Scope 3 figure includes", which may close a
paragraph) a bare number closing an item is its figure ("timber deliveries from merchants 4.1;
skip waste 2.0"). A name alone on its line, or with words that only describe it, is read with
the line below (a wrapped table row, a web page's heading, a card: "Cat 4 – inbound vinyl" over
"9.4 → 8.7 tCO2e"); a "Yes"/"No" cell under an "Included?" column says whether it is in the total
(`scope3_layout.py`). Names listed together before one figure ("Scope 3: business travel,
commuting and supply chain 435") or under a Scope 3 row share that total. A name counts only
where the plan reports emissions: not in a definition of Scope 3 ("e.g. employee commuting,
waste disposal") nor in the targets, measures or declaration. Values per period come from the
tables (`emissions.py`); this module records how every category is addressed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crp_checker.extract.context import DocumentContext, Sentence, join_sentences
from crp_checker.extract.lines import Line
from crp_checker.extract.scope3_cells import UNIT
from crp_checker.extract.scope3_layout import (
    footnote_reason,
    read_below,
    read_inclusion,
    read_mark,
    unnamed_sources,
)
from crp_checker.extract.scope3_mentions import (
    Group,
    Reading,
    find_mentions,
    group_mentions,
    raw_text,
    read_after,
    row_starts,
    rowlike,
)
from crp_checker.extract.scope3_words import (
    DEFINITION,
    RULED_OUT,
    SCOPE3_LISTING,
    UNMEASURED,
    has_reason,
    sets_context,
)
from crp_checker.readings import mark_inferred
from crp_checker.schemas import Candidate, Evidence, Facts, Scope3Category

NAMES = {
    1: "Purchased goods and services",
    2: "Capital goods",
    3: "Fuel- and energy-related activities",
    4: "Upstream transportation and distribution",
    5: "Waste generated in operations",
    6: "Business travel",
    7: "Employee commuting",
    8: "Upstream leased assets",
    9: "Downstream transportation and distribution",
    10: "Processing of sold products",
    11: "Use of sold products",
    12: "End-of-life treatment of sold products",
    13: "Downstream leased assets",
    14: "Franchises",
    15: "Investments",
}

# Sections where a category name is a plan or a promise, not a report of emissions.
_NOT_REPORTING = {"targets", "projects", "declaration"}
_ENDS_NUMBERED = re.compile(r"(?:\s|^|,|and|or)\d{1,2}\.$")
_SCOPE3_LEAD = re.compile(
    r"^[\W\d]*scope\s*(?:3|three)\b(?!\s*(?:and|&|,|\+|or)\s*(?:scope\s*)?[12]\b)", re.I
)
_OTHER_SCOPE_ROW = re.compile(
    r"^[\W\d]*scope\s*[12]\b(?!\s*(?:,|and|&|\+|or)\s*(?:scope\s*)?[23]\b)", re.I
)
_REGION_STOP = re.compile(r"^[\W]*(?:total\b|scope\s*[12]\b|scope\s*3\b)", re.I)
_BARE_NUMBER = re.compile(
    r"^(?:[\s|]*[-−]?\d[\d,]*(?:\.\d+)?\s*(?:t\s*c[o0]2e?|tonnes?)?)+[\s|]*$", re.I
)
_SENTENCE_WORDS = re.compile(r"\b(?:we|i|they|will|shall|would|aim|plan|intend)\b", re.I)
_NO_BEFORE = re.compile(r"^[\W\d]*(?:no|nil)\s+$", re.I)
_NO_DATA = re.compile(
    r"\b(?:data|figures?|records?|information|measurements?|estimates?|breakdown)\b", re.I
)
_CLAUSE_BREAK = re.compile(r"[;:]\s|\s[–—-]\s")
_LEGAL = re.compile(
    r"\s*(?:\(.*|,.*|\b(?:Ltd|Limited|LLP|PLC|plc|Group|Holdings|Co|Company|CIC|Inc)\b.*)$", re.I
)
_REGION_LINES = 12
_REGION_WORDS = 12
# A caption that opens a list of Scope 3 sources without starting with "Scope 3" ("What our
# Scope 3 figure includes", "Our Scope 3 figure includes (2025, then 2020):").
_CAPTION_WORDS = 8
_CAPTION = re.compile(
    r"\b(?:breakdown|sources?|split|analysis|categories)\s+of\s+(?:our\s+|the\s+)?scope\s*3\b|"
    r"\bscope\s*3\b.{0,30}\b(?:by|per)\s+(?:source|category|activity)\b",
    re.I,
)
_ROW_LABEL_WORDS = 8
# A caption that closes a paragraph ends in a colon, so it may say more ("The Scope 3 figure
# is made up of the following sources:").
_CLOSING_CAPTION_WORDS = 12


def _rejoin_numbered(sentences: list[Sentence]) -> list[Sentence]:
    """Undo the sentence break in "... related to 5. Waste generated in operations ...":
    a sentence ending in a category number continues in the next one."""
    return join_sentences(
        sentences, lambda previous, _sentence: bool(_ENDS_NUMBERED.search(previous.text))
    )


@dataclass
class _Region:
    """Lines under a Scope 3 row that list its sources, and the figure that closes them."""

    start: int  # the index of the "Scope 3" row or caption line
    numbers: set[int] = field(default_factory=set)
    closing: str | None = None


def _scope3_regions(context: DocumentContext) -> dict[int, _Region]:
    """Map each line under a Scope 3 row ("Scope 3 including:" + bullets + 1183.6) to it."""
    regions: dict[int, _Region] = {}
    lines = context.lines
    for line in lines:
        if line.furniture or DEFINITION.search(line.text):
            continue
        if not (
            _SCOPE3_LEAD.match(line.text)
            or _listing_caption(line.text)
            or _closing_caption(context, line)
        ):
            continue
        region = _Region(line.index)
        members = [line]
        for following in lines[line.index + 1 : line.index + 1 + _REGION_LINES]:
            if following.furniture:
                continue
            text = following.text
            if _REGION_STOP.match(text) or following.index in context.headings:
                break
            if _BARE_NUMBER.match(text):
                region.closing = text.strip(" |").split()[0]
                break
            if _words(text) > _REGION_WORDS:
                break
            members.append(following)
        for member in members:
            region.numbers |= {int(m.id) for m in context.matches_in(member, "SCOPE3_CAT")}
            regions[member.index] = region
    return regions


def _words(text: str) -> int:
    """Words of a line that hold a letter: a row's figures and cell rules do not lengthen it."""
    return sum(1 for word in text.split() if re.search(r"[A-Za-z]", word))


def _listing_caption(text: str) -> bool:
    """A short line, not a sentence, that says what Scope 3 is made of ("What our Scope 3
    figure includes", "Breakdown of Scope 3 (tCO2e)"): the rows below list its sources."""
    stripped = text.strip()
    return (
        _words(stripped) <= _CAPTION_WORDS
        and not stripped.endswith(".")
        and bool(SCOPE3_LISTING.search(stripped) or _CAPTION.search(stripped))
    )


def _closing_caption(context: DocumentContext, line: Line) -> bool:
    """A paragraph whose last sentence opens the list below it ("Scope 1 is our vans and gas.
    Scope 3 covers (2021 / 2025, tCO2e):"): the caption closes the line, after a colon."""
    text = line.text.rstrip()
    if not text.endswith(":"):
        return False
    sentence = context.sentence_at(line.page, line.start + len(text) - 1)
    start = sentence.start if sentence is not None and sentence.start < line.start else line.start
    upto = context.document.pages[line.page - 1].text[start : line.start + len(text)]
    caption = re.split(r"[.!?]\s+", " ".join(upto.split()))[-1]
    return (
        _words(caption) <= _CLOSING_CAPTION_WORDS
        and not DEFINITION.search(caption)
        and bool(
            _SCOPE3_LEAD.match(caption)
            or SCOPE3_LISTING.search(caption)
            or _CAPTION.search(caption)
        )
    )


def _section(context: DocumentContext, sentence: Sentence) -> tuple[str | None, int | None]:
    """The template section the sentence sits in, and the index of its first line."""
    line = context.line_at(sentence.page, sentence.start)
    if line is None:
        return None, None
    return context.section_of_line[line.index], line.index


def _read_sentence(
    context: DocumentContext,
    sentence: Sentence,
    previous: str,
    regions: dict[int, _Region],
    names: list[str],
) -> list[tuple[Group, Reading]]:
    """Each group of category names in the sentence with how the plan addresses it."""
    section, line_index = _section(context, sentence)
    if section in _NOT_REPORTING:
        return []
    raw = raw_text(context, sentence)
    if _OTHER_SCOPE_ROW.match(raw):
        return []  # "Scope 1 | Logistics fleet (diesel) | 120.5": the organisation's own
    mentions = find_mentions(context, sentence, raw, names)
    if not mentions:
        return []
    has_unit = bool(UNIT.search(raw))
    starts = row_starts(context, sentence)
    groups = group_mentions(mentions, raw, starts)
    # A total or another scope's row ends what the last name's row says ("N/A - we sell no
    # goods" above "Total 70.0"), though the sentence splitter joined them.
    closing = min((r for r in starts if _REGION_STOP.match(raw[r:])), default=len(raw))
    region = regions.get(line_index) if line_index is not None else None
    lead = _SCOPE3_LEAD.match(raw) or SCOPE3_LISTING.search(raw)
    listing = region is not None or bool(lead)
    readings: list[Reading | None] = []
    rows: list[bool] = []
    for i, group in enumerate(groups):
        end = groups[i + 1].start if i + 1 < len(groups) else len(raw)
        if group.end <= closing < end:
            end = closing
        row = rowlike(context, sentence, group.start, group.end)
        rows.append(row)
        items = _listed_item(context, sentence, group, regions) or (
            lead is not None and group.start >= lead.end()
        )
        after = raw[group.end : end]
        reading = (
            read_inclusion(context, sentence, after)
            or read_mark(context, sentence, group, after)
            or read_after(after, has_unit, row, i + 1 < len(groups), items, raw[end:])
        )
        shared = region is not None and region.closing is not None and len(region.numbers) > 1
        if reading is None and not shared:  # not the one figure closing a list of sources
            reading = read_below(context, sentence, group)
        if reading and reading.kind == "figure" and len(group.numbers) > 1:
            reading = Reading("in_total")  # one figure for several categories
        if reading and reading.kind == "figure" and _is_zero(reading.figure) and not reading.reason:
            reading.reason = footnote_reason(context, sentence, group)
        if reading and reading.kind in ("marker", "ruled_out") and reading.reason is None:
            reading.reason = _sentence_reason(raw, previous)
        elif reading and reading.kind == "ruled_out":
            reading.reason = raw.strip()  # quote the whole statement, not its tail
        readings.append(reading)
    figures = any(r is not None and r.kind == "figure" for r in readings)
    if DEFINITION.search(raw) and not figures:
        return []  # "Scope 3: all other indirect emissions ... (e.g. employee commuting)"
    context_ok = listing or section in ("baseline", "current") or sets_context(raw, has_unit)
    out: list[tuple[Group, Reading]] = []
    for group, reading, row in zip(groups, readings, rows, strict=True):
        own_row = region is not None and len(region.numbers) == 1
        if (
            reading is None
            and own_row
            and region
            and region.closing
            and region.numbers == group.numbers
        ):
            # "Scope 3 Waste generated in operations (including / WEEE) / 1.9 1.4": its own row.
            reading = Reading("figure", figure=region.closing)
        if reading is None:
            reading = _read_clause(raw, group.start, previous)
        if reading is None and listing:
            reading = Reading("in_total")
        if reading is None and context_ok:
            table = (
                row
                and section in (None, "baseline", "current")
                and _short_line(context, sentence, group.start)
            )
            reading = Reading("named", row=table)
        if reading is not None:
            out.append((group, reading))
    return out


def _is_zero(figure: str | None) -> bool:
    return figure is not None and re.fullmatch(r"[-−]?0+(?:\.0+)?", figure) is not None


def _listed_item(
    context: DocumentContext, sentence: Sentence, group: Group, regions: dict[int, _Region]
) -> bool:
    """The name is on a line below a Scope 3 row or caption: an item of its list of sources,
    whose closing number is its figure ("Paper deliveries from our merchant: 13.9 then 12.4")."""
    at = sentence.start + group.start
    line = context.line_at(sentence.page, at)
    region = regions.get(line.index) if line is not None else None
    if line is None or region is None or region.start == line.index:
        return False
    before = context.document.pages[sentence.page - 1].text[line.start : at]
    return not _SENTENCE_WORDS.search(before)  # "We will halve site waste: 2.1" is a target


def _short_line(context: DocumentContext, sentence: Sentence, at: int) -> bool:
    """The name stands on a short line of its own, as a row label does (not in prose)."""
    line = context.line_at(sentence.page, sentence.start + at)
    return line is not None and len(line.text.split()) <= _ROW_LABEL_WORDS


def _read_clause(raw: str, at: int, previous: str) -> Reading | None:
    """The clause around a name says it is unmeasured or ruled out ("There are no emissions
    to report related to 5. Waste ..., as there was no transportation"); the reason may be in
    another clause of the sentence ("not relevant: we provide consultancy services"). Names
    listed after a colon take the words before it ("Not included: downstream transport", "The
    following categories are not relevant to us: ..."). A clause that opens "No" before the
    name rules it out ("No downstream transport: customers collect their orders")."""
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(raw)), len(raw)]
    start = max(b for b in bounds if b <= at)
    end = min(b for b in bounds if b > at)
    # "No downstream transport: ...", not "No business travel data is held yet".
    negated = _NO_BEFORE.search(raw[start:at]) is not None and not _NO_DATA.search(raw[at:end])
    for clause in (raw[start:end], _list_lead(raw, at)):
        if UNMEASURED.search(clause):
            return Reading("unmeasured")
        if RULED_OUT.search(clause) or negated:
            return Reading("ruled_out", reason=_sentence_reason(raw, previous))
    return None


def _list_lead(raw: str, at: int) -> str:
    """The words before the colon that opens the list holding the name at `at`, if any."""
    colon = raw.rfind(":", 0, at)
    if colon < 0 or re.search(r"[.!?]\s", raw[colon:at]):
        return ""
    opening = max((m.end() for m in re.finditer(r"[.!?]\s", raw[:colon])), default=0)
    return raw[opening:colon]


def _sentence_reason(raw: str, previous: str) -> str | None:
    """The reason a sentence (or, for the nature of the business, the one before) gives."""
    if has_reason(raw):
        return raw.strip()
    if previous and has_reason(previous, business_only=True):
        return f"{previous.strip()} {raw.strip()}"
    return None


def _organisation_names(organisation: str | None) -> list[str]:
    """The organisation's name without its legal suffix, when it is distinctive enough."""
    if not organisation:
        return []
    core = _LEGAL.sub("", organisation).strip()
    return [core] if len(core.split()) >= 2 else []


def _has_nonzero_figure(entry: Scope3Category) -> bool:
    """A figure other than zero is given for the category, in a period or as written."""
    if any(value not in (None, 0) for value in (entry.baseline, entry.current)):
        return True
    return entry.figure is not None and float(entry.figure.replace(",", "")) != 0


def _record(entry: Scope3Category, reading: Reading) -> None:
    """Merge one reading into what is known of the category; a figure outranks the rest."""
    if reading.kind == "figure":
        entry.figure = entry.figure or reading.figure
        if reading.reason and reading.figure and float(reading.figure.replace(",", "")) == 0:
            entry.reason = entry.reason or " ".join(reading.reason.split())
    elif reading.kind == "marker":
        entry.marker = entry.marker or reading.marker
        entry.excluded = True
    elif reading.kind == "ruled_out":
        entry.excluded = True
    elif reading.kind == "unmeasured":
        entry.unmeasured = True
    elif reading.kind == "in_total":
        entry.in_total = True
    if reading.kind in ("marker", "ruled_out") and reading.reason:
        entry.reason = entry.reason or " ".join(reading.reason.split())


def extract_scope3(
    context: DocumentContext, facts: Facts, categories: dict[int, Scope3Category]
) -> None:
    """Merge table rows (already in `categories`) with how the plan names each category."""
    regions = _scope3_regions(context)
    names = _organisation_names(facts.organisation)
    sentences = _rejoin_numbered(context.sentences)
    rows: dict[int, Evidence] = {}
    for position, sentence in enumerate(sentences):
        previous = sentences[position - 1] if position else None
        before = previous.text if previous and previous.page == sentence.page else ""
        for group, reading in _read_sentence(context, sentence, before, regions, names):
            for number in sorted(group.numbers):
                entry = categories.get(number)
                if entry is None:
                    entry = Scope3Category(number=number, name="", as_written="")
                    categories[number] = entry
                if not entry.as_written:
                    named = next(m for m in group.mentions if number in m.numbers)
                    entry.as_written = " ".join(named.text.split())[:120]
                _record(entry, reading)
                if reading.row:
                    line = context.line_at(sentence.page, sentence.start + group.start)
                    rows.setdefault(number, line.evidence() if line else sentence.evidence())
                quotes = facts.evidence.setdefault(f"scope3.{number}", [])
                if all(q.start != sentence.start or q.page != sentence.page for q in quotes):
                    quotes.append(sentence.evidence())
    for number, entry in categories.items():
        entry.name = NAMES[number]
        if _has_nonzero_figure(entry):
            entry.excluded = False  # a reported figure outranks words that seem to rule it out
        if entry.figure is not None or entry.baseline is not None or entry.current is not None:
            entry.in_total = entry.unmeasured = False  # these describe a category with no figure
        if not entry.as_written:
            entry.as_written = NAMES[number]
    facts.scope3_detail = [categories[n] for n in sorted(categories)]
    facts.scope3_categories = sorted(categories)
    _doubt_unread_rows(facts, categories, rows)
    unnamed = unnamed_sources(context, {i for i, r in regions.items() if len(r.numbers) != 1})
    if unnamed:
        mark_inferred(facts, "scope3.sources", "Scope 3 rows name sources the checker cannot place")
        facts.readings["scope3.sources"].candidates = [
            Candidate(value=row.quote, evidence=[row]) for row in unnamed[:4]
        ]


def _doubt_unread_rows(
    facts: Facts, categories: dict[int, Scope3Category], rows: dict[int, Evidence]
) -> None:
    """A category that opens a table row with no figure the checker could read (a layout it
    misreads, figures in another column block) is an inferred reading a person should check."""
    for number, row in rows.items():
        entry = categories[number]
        flagged = entry.excluded or entry.marker or entry.unmeasured or entry.in_total
        if entry.figure or entry.baseline is not None or entry.current is not None or flagged:
            continue
        key = f"scope3.{number}"
        mark_inferred(facts, key, "named as a table row, but no figure was read beside it")
        facts.readings[key].candidates = [Candidate(value=entry.as_written, evidence=[row])]
