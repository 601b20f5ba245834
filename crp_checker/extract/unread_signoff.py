"""A sign-off the plan seems to give but whose signer the checker could not read.

A plan with no named signatory fails a mandatory rule, and that fail rests on absence. Where
the plan's sign-off holds a signature line ("Signed:", "Signature", "Name:") or a board-level
role on a line of its own, the absence is doubtful: the name is probably there in a layout the
checker does not read. The signatory stays not named, and the reading is marked inferred with
the lines quoted, so the fail goes to a person with the question to answer.
"""

from __future__ import annotations

import re

from crp_checker.extract.context import DocumentContext
from crp_checker.extract.unread_periods import quoted_line
from crp_checker.schemas import Candidate, Facts, Reading

_SIGNING = re.compile(
    r"^\W*(?:signed|signature|signatory|name\s*:|approved\s+by|authori[sz]ed\s+by)\b", re.I
)
_ROLE = re.compile(
    r"\b(?:director|chief\s+executive|ceo|managing|partner|owner|proprietor|trustee|chair)\b",
    re.I,
)
# A field left as the template's: "Signed: [insert]", "Name: XX".
_UNFILLED = re.compile(r"\[|\binsert\b|\bXX+\b|_{3,}|\.{4,}", re.I)
# Capitalised words that are no one's name: titles, bodies, months, the plan's own words.
_NOT_NAME = re.compile(
    r"\b(?:Signed|Signature|Signatory|Name|Date|Position|Title|Role|Approved|Authori[sz]ed|Board|"
    r"Boards|Directors?|Managing|Chief|Executive|Officer|Chair\w*|Partners?|Trustees?|Owner|"
    r"Proprietor|Company|Limited|Ltd|LLP|Plc|Group|Carbon|Reduction|Plan|Behalf|On|Of|For|The|"
    r"And|January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?\.?\s+(?:[A-Z]\.?\s+)?[A-Z][a-z]+")
_NAME_LINE_WORDS = 6  # a name under "Signed:" stands on a short line of its own
_TAIL_LINES = 15  # a sign-off closes the plan
_MAX_WORDS = 12
_MAX_QUOTES = 2


def mark_unread_signatory(context: DocumentContext, facts: Facts) -> None:
    """Mark a missing signatory as doubtful where the plan's sign-off seems to name one."""
    if facts.signatory.name or "signatory.name" in facts.readings:
        return
    last = len(context.lines) - _TAIL_LINES
    found: list[Candidate] = []
    for line in context.lines:
        if line.furniture or len(line.text.split()) > _MAX_WORDS or _UNFILLED.search(line.text):
            continue
        closing = line.index >= last or context.section_of_line[line.index] == "declaration"
        if not closing:
            continue
        text = line.text.strip()
        following = (
            context.lines[line.index + 1].text if line.index + 1 < len(context.lines) else ""
        )
        if not (
            _names_someone(text, facts.organisation)
            or (
                _SIGNING.search(text)
                and len(following.split()) <= _NAME_LINE_WORDS
                and not re.search(r"\d", following)
                and _names_someone(following, facts.organisation)
            )
        ):
            continue  # "Signed on behalf of the board – 12 February 2026" names no one
        if _SIGNING.search(text) or (_ROLE.search(text) and not text.endswith(".")):
            found.append(quoted_line(context, line))
            if len(found) >= _MAX_QUOTES:
                break
    if found:
        facts.readings["signatory.name"] = Reading(
            how="inferred",
            reason="no signer's name was read, but the plan's sign-off seems to give one",
            candidates=found,
        )


def _names_someone(text: str, organisation: str | None) -> bool:
    """Whether a line holds what looks like a person's name ("Jo Bloggs", "A. N. Other"), not
    the organisation's own."""
    if organisation:
        text = text.replace(organisation, "~")
        text = text.replace(re.sub(r"\s+(?:Ltd|Limited|LLP|plc)\.?$", "", organisation), "~")
    return bool(_NAME.search(_NOT_NAME.sub("~", text)))
