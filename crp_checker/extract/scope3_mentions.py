"""Scope 3 category names in a sentence, and what the words after each name say.

A mention is a name ("staff commute"), a number ("Cat 4 and Cat 9", "C9") or a coordinated
pair ("upstream and downstream transportation"); mentions joined only by list words form a
group ("business travel, commuting and waste"). The words after a group, up to the next one,
give a figure ("| 18.3 | 15.7 |", "(5.1 tonnes CO2e)", ": 301.4"), a marker ("N/A", "Not yet
measured") or say it is ruled out ("are not relevant to the group: we provide consultancy").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from crp_checker.extract.cells import find_values
from crp_checker.extract.context import DocumentContext, Sentence
from crp_checker.extract.scope3_cells import OTHER_MEASURE, UNIT, labelled_figures, set_apart
from crp_checker.extract.scope3_words import (
    ANY_MARKER,
    CONNECTOR,
    MARKER,
    NOT_EMISSIONS,
    RULED_OUT,
    UNMEASURED,
    UNMEASURED_CELL,
    ZERO_WORD,
    has_reason,
)

Kind = Literal["figure", "marker", "unmeasured", "ruled_out", "in_total", "named"]

# "Categories 1-3, 8 and 10 to 15": a range is written without spaces around its dash, or
# with "to" ("Cat 6 - 9.9" is a category and its figure).
_ONE_OR_RANGE = r"\d{1,2}(?:[-–]\d{1,2}|\s+to\s+\d{1,2})?(?![.,]?\d)"
_NUMBERED = re.compile(
    rf"\b(?:scope\s*3\s*[-–:]?\s*)?(?:categor(?:y|ies)|cats?)\.?\s*({_ONE_OR_RANGE})\b"
    rf"((?:\s*(?:,|&|and|or|/)\s*(?:(?:categor(?:y|ies)|cats?)\.?\s*)?{_ONE_OR_RANGE}\b)*)",
    re.I,
)
# "S3.6 Travel", "S3-C4 Inbound haulage", "S3 Cat 9": Scope 3 and the category in one label;
# a name must follow, so "S3 - 15 tCO2e" stays a figure.
_SCOPE3_NUMBERED = re.compile(
    r"\bS3(?:[.\-–/]|\s*[-–:]?\s*(?:C|cat(?:egory)?\.?)\s*)(\d{1,2})\b(?![.,]?\d)"
    r"(?=\s*[-–:.)]?\s*(?!(?:t|tco2e?|tonnes?|kg\w*)\b)[A-Za-z])",
    re.I,
)
_RANGE = re.compile(r"(\d{1,2})(?:[-–]|\s+to\s+)(\d{1,2})|(\d{1,2})")
_SHORT_NUMBERED = re.compile(r"\bC(\d{1,2})\b(?=\s*[-–:.)]?\s*[A-Za-z])")
# "upstream and downstream transportation", "inbound and outbound logistics": two categories.
_COORDINATED = re.compile(r"\b(up|down|in|out)(?:-?stream|bound)\s*(?:and|or|&|/|,)\s*$", re.I)
_OTHER_OF = {"up": 4, "in": 4, "down": 9, "out": 9}
# A category's own number just before its name: "9 (downstream ...)", "6. Business Travel".
_OWN_NUMBER = re.compile(r"(?:^|[\s,(&/])(\d{1,2})\s*[.(:)\-–]?\s*$")
_SCOPE3 = re.compile(r"\bscope\s*(?:3|three)\b|\bindirect emissions\b", re.I)
ROW_PREFIX = re.compile(
    r"^(?:[\s|•●·▪■◦*➢►>()\-–—:]|\d{1,2}[.)]?\s|scope\s*3\b|(?:categor(?:y|ies)|cats?)\.?\s*\d*)*",
    re.I,
)
# "Food waste and general waste": two names of one category, one item of the list.
_SAME_NAME = re.compile(r"^\s*(?:and|or|&|,|/)?\s*(?:[A-Za-z][a-z'’-]*\s+){0,2}$", re.I)
_COMPANY = re.compile(r"^\s+(?:Ltd|Limited|LLP|PLC|plc|Group|Holdings|Co\b|Company|CIC|UK\b)")
_MAX_PREFIX_WORDS = 8
_MAX_PREFIX_CHARS = 60
# In a list of Scope 3 sources an item's own words may run longer before its figure
# ("courier shipments of soil and water samples to laboratories - 4.9").
_MAX_ITEM_WORDS = 12
_MAX_ITEM_CHARS = 100
_LEADER = re.compile(r"(?:\.\s?){3,}\.?|…+")
# Words between two names of one category that keep them one item: "Cat 4 Upstream
# transportation (parts and tyre deliveries)", "Cat 4 - courier and post (upstream ...)".
_SAME_ITEM_WORDS = 6
_ITEM_BREAK = re.compile(r"[\d|;]|[.!?](?:\s|$)")
# A cell rule, then the first words of a description cell that names the category again.
_DESCRIPTION_CELL = re.compile(r"\s*\|\s*(?:[A-Za-z][\w'’-]*\s+){0,5}")
# A figure with a deadline after it is a target ("2.2 t by 2030"), not a report.
_DEADLINE = re.compile(
    r"^\s*(?:t\s*c[o0]2e?|tc[o0]2e|tonnes?|t)?\s*(?:by|before)\s+(?:the\s+end\s+of\s+)?"
    r"(?:FY\s?)?20\d\d\b",
    re.I,
)
# Words that make a transport or delivery word one direction or the other: a courier taking
# goods "to customers" is downstream (category 9); one bringing them "from suppliers" upstream.
# Between a name and a word inside the bracket that follows it: "... customers (our ".
_OPENS_BRACKET = re.compile(r"^\s*\((?:\s*\w+){0,2}\s*$")
_GENERIC_TRANSPORT = re.compile(
    r"^(?:couriers?|deliveries|delivery|logistics|freight|haulage|shipping|carriers?|postage|"
    r"parcels|parcel deliveries|postal services|royal mail|transport(?:ation)? and distribution|"
    r"third[- ]party logistics|(?:subcontracted |hired |contracted )?haulage(?: contractors)?|"
    r"purchased (?:transport|logistics))$",
    re.I,
)
_DOWNSTREAM = re.compile(
    r"\b(?:downstream|outbound|(?:to|for) (?:[a-z]+ ){0,2}(?:customers?|clients?|buyers?)|"
    r"home deliver(?:y|ies)|(?:orders?|goods|products) out to|"
    r"cat(?:egory)?\.?\s*9|(?:finished|sold) (?:goods|products))\b",
    re.I,
)
_UPSTREAM = re.compile(
    r"\b(?:upstream|inbound|goods[- ]in(?:wards)?|from (?:our |its )?(?:suppliers?|manufacturers?|"
    r"wholesalers?|vendors?)|to us|supplier|purchased|cat(?:egory)?\.?\s*4)\b",
    re.I,
)
_CONTINUES = re.compile(r"(?:,|&|/|\(|\band|\bor|\bof|\bfrom|\bincluding|-|–)\s*$", re.I)
# A row label that a name closes: a few words before it, no sentence, then the cells.
_LABEL_WORDS = 5
_PROSE = re.compile(r"[.!?]\s|\b(?:we|our|us|is|are|was|were|has|have|will|by|to|from)\b", re.I)
_CLOSES_LABEL = re.compile(r"^\s*(?:[|:\t]|(?:[-−]?\d[\d,]*(?:\.\d+)?\s*)+$)")
_CLAUSE_EDGE = re.compile(r"[;|]|[.!?](?:\s|$)")


@dataclass
class Mention:
    """Where a category is named in a sentence (offsets in the sentence's text)."""

    start: int
    end: int
    numbers: set[int]
    text: str


@dataclass
class Reading:
    """How one group of mentions is addressed."""

    kind: Kind
    figure: str | None = None
    marker: str | None = None
    reason: str | None = None
    row: bool = False  # named as a table row whose figure was not read: a person should look


@dataclass
class Group:
    """Mentions listed together ("business travel, commuting and waste"), read as one."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def numbers(self) -> set[int]:
        return {n for m in self.mentions for n in m.numbers}

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return self.mentions[-1].end


def raw_text(context: DocumentContext, sentence: Sentence) -> str:
    """The sentence as it stands on the page (same offsets), line breaks as spaces and dotted
    leaders ("Cat 5 - office waste ........ 1.4 / 1.1") as a cell boundary."""
    text = context.document.pages[sentence.page - 1].text[sentence.start : sentence.end]
    text = _LEADER.sub(lambda m: " " * (len(m[0]) - 1) + "|", text)
    return text.replace("\n", " ")


def find_mentions(
    context: DocumentContext, sentence: Sentence, raw: str, names: list[str]
) -> list[Mention]:
    """Every category named in the sentence, longest name first where names overlap; a word
    of the organisation's name ("Ribble Valley Couriers Ltd") is not a category."""
    found: list[Mention] = []
    for m in context.matches_within(sentence.page, sentence.start, sentence.end, "SCOPE3_CAT"):
        start, end = m.start - sentence.start, m.end - sentence.start
        numbers = {int(m.id)}
        own = _OWN_NUMBER.search(raw[max(0, start - 8) : start])
        if own and int(own[1]) == int(m.id):  # "and 9 (downstream ...)", "6 Business travel"
            start -= len(own[0].lstrip(" ,(&/"))
        pair = _COORDINATED.search(raw[max(0, start - 20) : start])
        if pair and int(m.id) in (4, 9):
            numbers.add(_OTHER_OF[pair[1].lower()])
            start -= len(pair[0])
        found.append(Mention(start, end, numbers, raw[start:end]))
    numbered = _NUMBERED.finditer(raw) if "cat" in raw.lower() else iter(())
    for ref in numbered:
        numbers = _listed_numbers(ref[0][ref.start(1) - ref.start() :])
        if numbers:
            found.append(Mention(ref.start(), ref.end(), numbers, ref[0]))
    for ref in _SCOPE3_NUMBERED.finditer(raw):
        if 1 <= int(ref[1]) <= 15:
            found.append(Mention(ref.start(), ref.end(), {int(ref[1])}, ref[0]))
    if found or _SCOPE3.search(raw):
        for ref in _SHORT_NUMBERED.finditer(raw):
            if 1 <= int(ref[1]) <= 15:
                found.append(Mention(ref.start(), ref.end(), {int(ref[1])}, ref[0]))
    if not found:
        return []
    for mention in found:
        if mention.numbers == {4} and _GENERIC_TRANSPORT.match(mention.text.strip()):
            mention.numbers = _direction(raw, mention)
    taken = [
        (hit.start(), hit.end()) for n in names for hit in re.finditer(re.escape(n), raw, re.I)
    ]
    found = [
        m
        for m in found
        if not _COMPANY.match(raw[m.end :])
        and not any(start <= m.start < end for start, end in taken)
    ]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if (
            kept
            and kept[-1].numbers <= {4, 9}
            and _OPENS_BRACKET.match(raw[kept[-1].end : mention.start])
            and _GENERIC_TRANSPORT.match(mention.text.strip())
        ):
            continue  # "Delivering to customers (our couriers, ...)": it describes the name
        if kept and mention.start < kept[-1].end:
            last = kept[-1]
            if mention.end > last.end:  # "(Upstream & Downstream)": both names, one mention
                last.numbers |= mention.numbers
                last.end = mention.end
                last.text = raw[last.start : last.end]
            continue
        kept.append(mention)
    return kept


def _listed_numbers(listed: str) -> set[int]:
    """The category numbers of "4 and 9", "1-3, 8 and 10 to 15" (a range runs upwards)."""
    numbers: set[int] = set()
    for m in _RANGE.finditer(listed):
        low, high = (int(m[1]), int(m[2])) if m[1] else (int(m[3]), int(m[3]))
        if low <= high:
            numbers |= set(range(max(low, 1), min(high, 15) + 1))
    return numbers


def _direction(raw: str, mention: Mention) -> set[int]:
    """A word such as "couriers" or "deliveries" names upstream transport (category 4) unless
    its clause says the goods go downstream ("courier deliveries to customers (downstream)",
    "Category 9 is not relevant as we make no deliveries")."""
    edges = [0, *(m.end() for m in _CLAUSE_EDGE.finditer(raw)), len(raw)]
    start = max(e for e in edges if e <= mention.start)
    end = min((e for e in edges if e >= mention.end), default=len(raw))
    clause = raw[start:end]
    if _DOWNSTREAM.search(clause) and not _UPSTREAM.search(clause):
        return {9}
    return mention.numbers


def _same_item(gap: str) -> bool:
    """Two names of one category with only a few describing words between them, no figure,
    cell or clause boundary and no word that says how the category is addressed."""
    if _SAME_NAME.match(gap):
        return True
    if _DESCRIPTION_CELL.fullmatch(gap) and not (
        ANY_MARKER.search(gap) or RULED_OUT.search(gap) or UNMEASURED.search(gap)
    ):
        return True  # "5 - Waste generated in operations | General and recycled waste ..."
    if _ITEM_BREAK.search(gap) or len(gap.split()) > _SAME_ITEM_WORDS:
        return False
    return not (ANY_MARKER.search(gap) or RULED_OUT.search(gap) or UNMEASURED.search(gap))


def group_mentions(mentions: list[Mention], raw: str, rows: Sequence[int] = ()) -> list[Group]:
    """Join mentions separated only by list words ("A, B and C", "Cat 9 Downstream ..."), and
    two names of one category in one item ("Cat 4 Upstream transport (parts deliveries)"); a
    name that opens a new row (`rows`: where lines start that do not continue the one above)
    starts a new group."""
    groups: list[Group] = []
    for mention in mentions:
        gap = raw[groups[-1].end : mention.start] if groups else ""
        same = bool(groups) and groups[-1].numbers == mention.numbers and _same_item(gap)
        opens_row = (
            any(
                groups[-1].end <= row <= mention.start and not raw[row : mention.start].strip()
                for row in rows
            )
            if groups
            else False
        )
        if groups and not opens_row and (CONNECTOR.match(gap) or same):
            groups[-1].mentions.append(mention)
        else:
            groups.append(Group([mention]))
    return groups


def row_starts(context: DocumentContext, sentence: Sentence) -> list[int]:
    """Offsets in the sentence where a line starts that does not continue the line above (the
    line above does not end in a list word or comma): the next row of a table."""
    text = context.document.pages[sentence.page - 1].text[sentence.start : sentence.end]
    return [
        m.end() for m in re.finditer(r"\n\s*", text) if not _CONTINUES.search(text[: m.start()])
    ]


def rowlike(context: DocumentContext, sentence: Sentence, start: int, end: int = -1) -> bool:
    """The name opens its row or cell ("6 Business travel 251.0", "| Cat 4: 301.4"), or closes
    a short row label ("Office and site waste | 2.1", "Depot and yard waste   1.4   1.1"); rows
    are lines of the page, which the sentence splitter may have joined."""
    at = sentence.start + start
    line = context.line_at(sentence.page, at)
    line_start = line.start if line is not None else sentence.start
    text = context.document.pages[sentence.page - 1].text[line_start:at]
    boundary = max(text.rfind("|"), text.rfind(";")) + 1
    before = ROW_PREFIX.sub("", text[boundary:])
    if len(before.split()) <= 2:
        return True
    if line is None or end < 0 or len(before.split()) > _LABEL_WORDS or _PROSE.search(before):
        return False
    rest = context.document.pages[sentence.page - 1].text[sentence.start + end : line.end]
    return bool(_CLOSES_LABEL.match(rest)) or labelled_figures(rest)


def _figure(
    after: str, has_unit: bool, rowlike: bool, more: bool, listing: bool, following: str = ""
) -> str | None:
    """The figure that follows a category name closely, as written; None when there is none.

    `more` says another category name follows the words `after`: a small whole number just
    before it is that item's list number ("..., and 9. Downstream transportation"). In a list
    of Scope 3 sources (`listing`) a bare number closing the item is its figure, as in a row.
    `following` is the text after `after` (the next name): "Business travel: 120 flights"
    counts flights, though "flights" is a name of its own.
    """
    if more and re.search(r"(?<![\d.,])(?:1[0-5]|[1-9])\.\s*$", after):
        after = re.sub(r"(?:1[0-5]|[1-9])\.\s*$", "", after)
    run = find_values(re.sub(r"\.\s*$", "", after))
    values, unit, start = run.values, run.unit, run.start
    if not values or values[0] is None or start < 0:
        return None
    prefix = after[:start]
    words, chars = (
        (_MAX_ITEM_WORDS, _MAX_ITEM_CHARS) if listing else (_MAX_PREFIX_WORDS, _MAX_PREFIX_CHARS)
    )
    apart = set_apart(prefix, rowlike or listing)
    if not apart and (len(prefix) > chars or len(re.findall(r"[A-Za-z]\S*", prefix)) > words):
        return None
    if re.search(r"[.!?](?:\s|$)", prefix) or prefix.rstrip().endswith("/"):
        return None
    if listing and ";" in prefix:
        return None  # the number closes the next item of the list
    number = re.match(r"[-−]?[\d,]*\d(?:\.\d+)?", after[start:])
    if number is None:
        return None
    rest = after[start + len(number[0]) :]
    if _DEADLINE.match(rest):
        return None
    counted = not rest.strip() and bool(re.fullmatch(r"[\d,]+", number[0]))
    if NOT_EMISSIONS.match(rest + following if counted else rest):
        return None
    own_unit = unit or UNIT.match(rest.lstrip())
    if OTHER_MEASURE.search(prefix) and not own_unit:
        return None  # "Business travel (miles): 8,400 / 7,900" counts miles
    bare_ok = rowlike or listing
    if not (own_unit or has_unit or bare_ok):
        return None
    return number[0]


def read_after(
    after: str,
    has_unit: bool,
    rowlike: bool,
    more: bool,
    listing: bool = False,
    following: str = "",
) -> Reading | None:
    """What the words after a group of names say about it, if anything (`following`: the
    words after those, from the next name on)."""
    cell = after.lstrip(" \t|:=")
    marker = MARKER.match(cell)
    if marker:
        note = MARKER.sub("", cell.lstrip(" |"), count=1)
        note = re.sub(r"^(?:[\s|]*(?:n/?a|-|–|—)(?=[\s|]|$))*", "", note, flags=re.I)
        return Reading("marker", marker=marker[0].strip(), reason=_reason_text(note))
    if UNMEASURED_CELL.match(cell.lstrip(" -–—")):
        return Reading("unmeasured")
    if ZERO_WORD.match(cell.lstrip(" -–—")):
        note = ZERO_WORD.sub("", cell.lstrip(" -–—"), count=1)
        return Reading("figure", figure="0", reason=_reason_text(note))
    said = _SAID_ZERO.match(cell)
    if said is not None and has_reason(said["why"]):
        # "Downstream transportation is zero because we sell no goods": a sentence, so the
        # zero stands only with its reason (the figure itself comes from the table).
        return Reading("figure", figure="0", reason=said["why"].strip(" .;"))
    figure = _figure(after, has_unit, rowlike, more, listing, following)
    if figure is not None:
        note = after[after.find(figure) + len(figure) :]
        zero = re.fullmatch(r"[-−]?0+(?:\.0+)?", figure) is not None
        return Reading("figure", figure=figure, reason=_reason_text(note) if zero else None)
    if UNMEASURED.search(after):
        return Reading("unmeasured")
    if RULED_OUT.search(after):
        return Reading("ruled_out", reason=after.strip() if has_reason(after) else None)
    return None


_SAID_ZERO = re.compile(
    r"^(?:is|was|are|were|remains?|(?:is\s+)?(?:reported|shown|recorded)\s+as)\s+"
    r"(?:zero|nil|0(?:\.0+)?(?![\d.])|none)\s*(?:[:–—,]\s*|\s)(?P<why>(?:because|as|since|:)?.{3,200})",
    re.I,
)


def _reason_text(note: str) -> str | None:
    """A note beside a zero or N/A that gives a reason ("no goods leave the laboratory")."""
    note = note.strip(" |()[];,.-–—")
    return note if note and has_reason(note) else None
