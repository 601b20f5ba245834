"""What lies around a Scope 3 category name when the words after it say nothing: the line
below a name standing alone (a table row whose label wrapped, a web page's heading over its
paragraph) and the answer in an "Included?" column.
"""

from __future__ import annotations

import re

from crp_checker.extract.cells import find_values
from crp_checker.extract.context import DocumentContext, Sentence
from crp_checker.extract.scope3_cells import describes, figure_cells
from crp_checker.extract.scope3_mentions import (
    ROW_PREFIX,
    Group,
    Reading,
    read_after,
)
from crp_checker.extract.scope3_words import RULED_OUT, has_reason
from crp_checker.schemas import Evidence

_ITEM_LEAD = re.compile(r"^[\s•●·▪■◦*➢►>\-–—]*")
# A cell answering "Included?" right after the name: "| Yes |", "No -", "✓".
_ANSWER = re.compile(r"^[\s|:=\-–—]*(?P<answer>yes|no|y|n|✓|✔|☑|✗|✘|☒)(?![\w/])", re.I)
_INCLUSION_COLUMN = re.compile(
    r"\b(?:included|include|excluded|exclude|in scope|out of scope|in boundary|reported|"
    r"measured|quantified|calculated)\b",
    re.I,
)
_TICKS = "✓✔☑✅"
_MARK = re.compile(r"\s*([✓✔☑✅✗✘☒❌×])\s*")
# "Scope 3 | Source | figure": a row of Scope 3 that names a source after the scope.
_SCOPE3_ROW = re.compile(r"^\W*scope\s*3\b(?:\s*[-–:|]\s*|\s+)(?=[A-Za-z])", re.I)
# Words of a Scope 3 row's label that name no source ("Scope 3 (Included Sources) 31.2").
_NOT_SOURCES = re.compile(
    r"(?:total|subtotal|sub|emissions|scope|includ\w*|exclud\w*|t?co2e?|tonnes|location|market|"
    r"based|indirect|other|all|and|the|baseline|current|year|sources?|categor\w*|kgco2e)",
    re.I,
)
# Words of the five required categories (transport, waste, travel, commuting) in a label the
# patterns do not know: "Staff journeys to site", "Skips and bins", "Van hire".
_REQUIRED_HINT = re.compile(
    r"\b(?:travel\w*|journey\w*|trips?|mileage|miles|vehicles?|cars?|vans?|taxis?|trains?|"
    r"rail|flights?|hotels?|transport\w*|deliver\w*|post\w*|ship\w*|freight|haul\w*|"
    r"distribut\w*|waste|skips?|bins?|recycl\w*|dispos\w*|commut\w*|home|staff|employees?)\b",
    re.I,
)
_NUMBERED_CAT = re.compile(r"\b(?:cat(?:egory)?\.?\s*\d{1,2}|C\d{1,2})\b", re.I)
_HEADER_REACH = 15
_HEADER_WORDS = 14


def read_below(context: DocumentContext, sentence: Sentence, group: Group) -> Reading | None:
    """A name standing alone on its line (a table row whose label wrapped, a web page's heading
    over its paragraph) is read with the line below: "4 Upstream transportation and
    distribution" over "2.1 1.8 Deliveries of gloves"; "Downstream transport" over "Not
    relevant: we sell services". A bare whole number below is not taken: it needs a unit, a
    decimal or a second column to be a figure."""
    page_text = context.document.pages[sentence.page - 1].text
    first = context.line_at(sentence.page, sentence.start + group.start)
    last = context.line_at(sentence.page, sentence.start + group.end - 1)
    if first is None or last is None:
        return None
    head = page_text[first.start : sentence.start + group.start]
    rest = page_text[sentence.start + group.end : last.end]
    # "Cat 4 – inbound deliveries of vinyl and acrylic" over "9.4 → 8.7 tCO2e": words that
    # only describe the name may follow it, when the line below holds nothing but figures.
    described = re.search(r"[A-Za-z0-9]", rest) is not None
    if ROW_PREFIX.sub("", head).strip() or (described and not describes(rest)):
        return None
    below = next((line for line in context.lines[last.index + 1 :] if not line.furniture), None)
    if below is None or below.page != last.page or below.index in context.headings:
        return None
    if any(m.start <= below.start + 3 for m in context.matches_in(below, "SCOPE3_CAT")):
        return None  # the next row names its own category
    text = _ITEM_LEAD.sub("", below.text)
    if described and not figure_cells(text):
        return None
    reading = read_after(" " + text, has_unit=False, rowlike=True, more=False)
    if reading is None:
        return None
    if reading.kind == "figure" and reading.figure is not None and not figure_cells(text):
        run = find_values(text)
        if run.start > 2 or not (
            run.unit or len(run.values) > 1 or re.search(r"[.,]\d", reading.figure)
        ):
            return None
    if reading.kind == "ruled_out" and not RULED_OUT.search(text[:50]):
        return None  # the paragraph below says "no ..." somewhere, not about this category
    if reading.kind == "ruled_out" and reading.reason:
        reading.reason = below.text
    return reading


def read_inclusion(context: DocumentContext, sentence: Sentence, after: str) -> Reading | None:
    """A "Yes" / "No" cell after the name, under a column that asks whether the category is
    included ("Included? | Reason", "Excluded", "Measured?"): included without a figure is
    part of the Scope 3 total; left out, with the row's reason if it gives one."""
    cell = _ANSWER.match(after)
    if cell is None:
        return None
    question = _inclusion_header(context, sentence)
    if question is None:
        return None
    yes = cell["answer"].lower() in ("yes", "y", "✓", "✔", "☑")
    rest = after[cell.end() :]
    if question == "excluded":
        yes = not yes
    if yes:
        return read_after(rest, False, True, False) or Reading("in_total")
    if question == "measured":
        return Reading("unmeasured")
    note = rest.strip(" |:;,-–—")
    return Reading("ruled_out", reason=note if note and has_reason(note) else None)


def _inclusion_header(context: DocumentContext, sentence: Sentence) -> str | None:
    """'included', 'excluded' or 'measured': what the answer column above the row asks."""
    line = context.line_at(sentence.page, sentence.start)
    if line is None:
        return None
    for above in reversed(context.lines[max(0, line.index - _HEADER_REACH) : line.index]):
        if above.page != line.page:
            break
        found = _INCLUSION_COLUMN.search(above.text)
        if found and len(above.text.split()) <= _HEADER_WORDS:
            word = found[0].lower()
            if "exclu" in word or "out of" in word:
                return "excluded"
            return "measured" if re.search(r"measur|quantif|calculat", word) else "included"
    return None


def read_mark(
    context: DocumentContext, sentence: Sentence, group: Group, after: str
) -> Reading | None:
    """A tick or a cross opening the name's line ("✓ Business travel", "✗ Downstream transport
    (we sell no goods)"): included in the total, or left out with the line's reason."""
    page_text = context.document.pages[sentence.page - 1].text
    line = context.line_at(sentence.page, sentence.start + group.start)
    if line is None:
        return None
    mark = _MARK.fullmatch(page_text[line.start : sentence.start + group.start])
    if mark is None:
        return None
    if mark[1] in _TICKS:
        return read_after(after, False, True, False) or Reading("in_total")
    note = after.strip(" |()[]:;,.-–—")
    return Reading("ruled_out", reason=note if note and has_reason(note) else None)


def unnamed_sources(context: DocumentContext, members: set[int]) -> list[Evidence]:
    """Rows of Scope 3 with a figure whose label names no category the checker knows ("Scope 3
    | Staff journeys between home and office | 20.0"): a person can tell what they are.
    `members` are the indexes of lines that list a Scope 3 figure's sources."""
    found: list[Evidence] = []
    for line in context.lines:
        if line.furniture or line.index in context.headings:
            continue
        lead = _SCOPE3_ROW.match(line.text)
        if lead is None and line.index not in members:
            continue
        if context.matches_in(line, "SCOPE3_CAT"):
            continue
        label_end = find_values(line.text).start
        if label_end <= 0:
            continue
        label = line.text[lead.end() if lead else 0 : label_end]
        words = [w for w in re.findall(r"[A-Za-z]{3,}", label) if not _NOT_SOURCES.fullmatch(w)]
        if words and _REQUIRED_HINT.search(label) and not _NUMBERED_CAT.search(line.text):
            found.append(line.evidence())
    return found
