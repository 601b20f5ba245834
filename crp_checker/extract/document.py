"""Document-level facts: unfilled template text, group plans, and the reporting boundary."""

from __future__ import annotations

import re

from crp_checker.extract.context import DocumentContext
from crp_checker.schemas import Facts

# Template fields left empty ("Company Registration Number:" with nothing after it). A blank
# "Signed:" or "Date:" under the declaration is not counted: a signature may be an image.
_EMPTY_FIELD = re.compile(
    r"^(?P<field>(?:supplier|company|organisation|organization)\s+name|publication\s+date|"
    r"published\s+date|company\s+(?:registration\s+)?(?:number|no\.?)|registration\s+number|"
    r"registered\s+(?:company\s+)?number|baseline\s+year|reporting\s+year)\s*:\s*"
    r"(?P<v>[\s.…_]*)$",
    re.I,
)
_ENTITY = re.compile(r"\b(?:subsidiar\w*|bidding|bidder|entit\w*|ltd|limited)\b", re.I)
_DESCRIBES_SCOPE = re.compile(
    r"\b(?:cover|covers|boundary|appl(?:y|ies)|includ\w+|commit\w*)\b", re.I
)
_COVERS = re.compile(
    r"\b(?:cover|covers|include|includes|including|appl(?:y|ies)|adopted|"
    r"on behalf of|and its|all entities)\b",
    re.I,
)


def extract_placeholders(context: DocumentContext, facts: Facts) -> None:
    """Template text left unfilled: '[Insert ...]', 'XX', 'TBC', an empty 'Supplier name:' or
    'Company Registration Number:', and the template's guidance notes left in."""
    found: list[str] = []
    for match in context.by_label("PLACEHOLDER"):
        sentence = context.sentence_at(match.page, match.start)
        if sentence and context.matches_within(
            sentence.page, sentence.start, sentence.end, "BOILERPLATE"
        ):
            continue
        line = context.line_at(match.page, match.start)
        quote = line.text if line else match.text
        if quote not in found:
            found.append(quote)
            facts.evidence.setdefault("placeholders", []).append(
                line.evidence() if line else context.quote(match.page, match.start, match.end)
            )
    for line in context.lines:
        m = _EMPTY_FIELD.match(line.text)
        if not m:
            continue
        following = context.lines[line.index + 1] if line.index + 1 < len(context.lines) else None
        empty = (
            following is None
            or following.page != line.page
            or ":" in following.text
            or following.index in context.headings
        )
        if empty and line.text not in found:
            found.append(line.text)
            facts.evidence.setdefault("placeholders", []).append(line.evidence())
    for match in context.by_label("TEMPLATE_NOTE"):
        # The template's guidance left in ("Notes for Completion", "Please complete and
        # publish ...", "Guidance note: ..."): the plan is unfinished.
        line = context.line_at(match.page, match.start)
        if match.id != "leftover" or line is None or line.text in found:
            continue
        found.append(line.text)
        facts.evidence.setdefault("placeholders", []).append(line.evidence())
    facts.placeholders = found[:20]


def extract_scope_and_boundary(context: DocumentContext, facts: Facts) -> None:
    """Group/parent plans and the organisational boundary the plan covers."""
    first_pages = {page.number for page in context.document.pages[:2]}
    for match in context.by_label("GROUP"):
        if match.page not in first_pages:
            continue
        sentence = context.sentence_at(match.page, match.start)
        if sentence is None or context.matches_within(
            sentence.page, sentence.start, sentence.end, "BOILERPLATE"
        ):
            continue
        facts.group_plan = True
        quotes = facts.evidence.setdefault("group_plan", [])
        if sentence.evidence() not in quotes:
            quotes.append(sentence.evidence())
        if _COVERS.search(sentence.text) and _ENTITY.search(sentence.text):
            facts.covers_bidder = True
            break
    for match in context.by_label("BOUNDARY"):
        sentence = context.sentence_at(match.page, match.start)
        if sentence is None or context.matches_within(
            sentence.page, sentence.start, sentence.end, "BOILERPLATE"
        ):
            continue
        if match.id == "single_site":
            facts.boundary = "single_site"
        elif facts.boundary is None:
            facts.boundary = "uk_or_wider"
        facts.evidence.setdefault("boundary", []).append(sentence.evidence())
        if facts.boundary == "single_site":
            break
    if facts.boundary is None:
        # "All our operations" counts only where the plan describes what it covers, not in a
        # measure ("reduce single-use plastics across all operations").
        for match in context.by_label("ALL_SCOPES"):
            if not re.search(r"operations|organisation|business", match.text, re.I):
                continue
            sentence = context.sentence_at(match.page, match.start)
            line = context.line_at(match.page, match.start)
            section = context.section_of_line[line.index] if line else None
            if sentence and (
                section in ("commitment", "baseline") or _DESCRIBES_SCOPE.search(sentence.text)
            ):
                facts.boundary = "uk_or_wider"
                facts.evidence["boundary"] = [sentence.evidence()]
                break
