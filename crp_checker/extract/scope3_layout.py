"""What lies around a Scope 3 category name when the words after it say nothing: the line
below a name standing alone (a table row whose label wrapped, a web page's heading over its
paragraph) and the answer in an "Included?" column.
"""

from __future__ import annotations

import re

from crp_checker.extract.cells import find_values
from crp_checker.extract.context import DocumentContext, Sentence
from crp_checker.extract.lines import Line
from crp_checker.extract.scope3_cells import describes, figure_cells, set_apart
from crp_checker.extract.scope3_mentions import (
    ROW_PREFIX,
    Group,
    Reading,
    read_after,
)
from crp_checker.extract.scope3_words import (
    ANY_MARKER,
    RULED_OUT,
    UNMEASURED,
    has_reason,
)
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
_HEAD_WORDS = 3
# A footnote's mark closing a row's label, just before its figures: "third parties* 0.0".
_FOOTNOTE_MARK = re.compile(r"[A-Za-z)](?P<mark>\*{1,3}|[†‡§¹²³])[\s|]*[-−]?\d")
_FOOTNOTE_REACH = 12
# A PDF row's figures, one per column, spaced apart: "22.7 17.6", "1,204.6 1,088.2 968.4".
_FIGURE_ROW = re.compile(r"\s*(?:[-−]?\d[\d,]*\.\d+\s+)+[-−]?\d[\d,]*\.\d+\s*")
_WRAP_LINES = 2
_WRAP_WORDS = 8
# A label's line that does not end its label ends on a joining word ("Staff travel to markets
# and" / "trade fairs"); otherwise the next line goes on in lower case ("Food waste and bin" /
# "collections").
_WRAPPING = re.compile(
    r"(?:\b(?:and|or|of|to|for|from|in|on|by|the|a|our|their|with|between)|[,&/(-])\s*$"
)
_PROMISE = re.compile(r"\b(?:will|shall|would|aim|plan|intend|target|goal)\b", re.I)
_HEADER_WORDS = 14


def read_below(context: DocumentContext, sentence: Sentence, group: Group) -> Reading | None:
    """A name standing alone on its line (a table row whose label wrapped, a web page's heading
    over its paragraph) is read with the line below: "4 Upstream transportation and
    distribution" over "2.1 1.8 Deliveries of gloves"; "Downstream transport" over "Not
    relevant: we sell services". A bare whole number below is not taken: it needs a unit, a
    decimal or a second column to be a figure. A label may wrap over a line or two before its
    figures ("Food waste and bin" / "collections" / "22.7 17.6"), and a description set apart
    by a bracket or a closing colon may run on ("Downstream transport (our" / "delivery rounds
    to shops):" / "33.6 in the baseline, ...")."""
    page_text = context.document.pages[sentence.page - 1].text
    first = context.line_at(sentence.page, sentence.start + group.start)
    last = context.line_at(sentence.page, sentence.start + group.end - 1)
    if first is None or last is None:
        return None
    head = ROW_PREFIX.sub("", page_text[first.start : sentence.start + group.start]).strip()
    if head and not _label_words(head, _HEAD_WORDS):
        return None  # prose before the name, not a row label that opens with a word or two
    rest = page_text[sentence.start + group.end : last.end]
    name_line = last
    last, rest = _wrapped_label(context, last, rest)
    # "Cat 4 – inbound deliveries of vinyl and acrylic" over "9.4 → 8.7 tCO2e": words that
    # only describe the name may follow it, when the line below holds nothing but figures.
    described = re.search(r"[A-Za-z0-9]", rest) is not None
    apart = described and set_apart(rest, True)
    if described and not (describes(rest) or apart):
        return None
    below = next((line for line in context.lines[last.index + 1 :] if not line.furniture), None)
    if below is None or below.page != last.page or below.index in context.headings:
        return None
    if any(m.start <= below.start + 3 for m in context.matches_in(below, "SCOPE3_CAT")):
        return None  # the next row names its own category
    text = _ITEM_LEAD.sub("", below.text)
    # A label with words around the name, or one that wrapped, is a row only over a line of
    # figures; a description set apart by a bracket or colon says so itself.
    strict = not apart and (described or bool(head) or last is not name_line)
    if strict and not (figure_cells(text) or _FIGURE_ROW.fullmatch(text)):
        return None
    reading = read_after(" " + text, has_unit=False, rowlike=True, more=False)
    if reading is None or (apart and reading.kind != "figure"):
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


def _label_words(text: str, limit: int) -> bool:
    """A few words of a row label: no figure, no sentence, no promise and nothing that says
    how the category is addressed ("Food", "Our couriers taking orders")."""
    return (
        len(re.findall(r"[A-Za-z]\S*", text)) <= limit
        and not re.search(r"\d|[.!?;:](?:\s|$)", text)
        and not _PROMISE.search(text)
        and not (ANY_MARKER.search(text) or RULED_OUT.search(text) or UNMEASURED.search(text))
    )


def _wrapped_label(context: DocumentContext, last: Line, rest: str) -> tuple[Line, str]:
    """The last line of a row label that wraps (up to two lines of words only below the name's
    line, or until a bracket it opened closes), and the label's words after the name."""
    for _ in range(_WRAP_LINES):
        following = next(
            (line for line in context.lines[last.index + 1 :] if not line.furniture), None
        )
        if following is None or following.page != last.page:
            break
        if following.index in context.headings or context.matches_in(following, "SCOPE3_CAT"):
            break
        unclosed = rest.count("(") > rest.count(")")
        if not (unclosed or _WRAPPING.search(rest) or following.text[:1].islower()):
            break
        if not _label_words(following.text.rstrip(":)"), _WRAP_WORDS) and not unclosed:
            break
        if re.search(r"\d", following.text):
            break
        last, rest = following, f"{rest} {following.text}"
    return last, rest


def footnote_reason(context: DocumentContext, sentence: Sentence, group: Group) -> str | None:
    """The reason a footnote gives for a zero row whose label carries its mark ("Home
    deliveries by third parties* 0.0 0.0" over "* Every delivery is made in our own vans, so
    this source is zero."): the note opens with the same mark, below the row on its page, and
    may run on to the next line."""
    page_text = context.document.pages[sentence.page - 1].text
    line = context.line_at(sentence.page, sentence.start + group.end - 1)
    if line is None:
        return None
    label = page_text[sentence.start + group.end : line.end]
    mark = _FOOTNOTE_MARK.search(label)
    if mark is None:
        return None
    opening = re.compile(rf"^\s*{re.escape(mark['mark'])}\s*(?=[A-Za-z])")
    below = [ln for ln in context.lines[line.index + 1 :] if ln.page == line.page]
    for position, note in enumerate(below[:_FOOTNOTE_REACH]):
        if opening.match(note.text) is None:
            continue
        text = note.text
        if not re.search(r"[.!?]\s*$", text) and position + 1 < len(below):
            text = f"{text} {below[position + 1].text}"
        reason = " ".join(opening.sub("", text).split())
        return reason if has_reason(reason) else None
    return None


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
