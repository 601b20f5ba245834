"""Who the plan is for, when it was published, and whether it is a carbon reduction plan at all.

A file called carbon-reduction-plan.pdf may be an environmental policy, a news post, a guide to
writing CRPs, the government's blank template or a stub that says "see full policy document".
A plan must call itself a CRP (or hold at least four of the six template sections) *and* say
something of substance: a net zero year, figures, a period, a PPN declaration or targets.
"""

from __future__ import annotations

import re

from crp_checker.extract.context import Context
from crp_checker.extract.lines import Line
from crp_checker.schemas import Facts

_FILLER = " .…_:-–\t|"
_ORG_FIELD = re.compile(
    r"^(?:supplier|company|client|organisation|organization|business|bidder|contractor|"
    r"bidding (?:entity|supplier))(?:'s|’s)?\s*(?:name)?\s*[:\-–]\s*(?P<v>.*)$",
    re.I,
)
_SUBJECT = re.compile(
    r"^(?:at\s+)?(?P<org>[A-Z][^.;:]{1,100}?)\s*,?\s+(?:is|are|has|have|remains?)\s+"
    r"(?:\w+\s+){0,2}(?:committed|commit|pledged|intending)",
)
_ALIAS = re.compile(r"\s*\((?:[^)]*(?:“|\"|henceforth|trading as|t/a|referred)[^)]*)\)")
_LEGAL = re.compile(
    r"\b(?P<org>(?:[A-Z][\w&'’.-]*|&)(?:[ \t]+(?:[A-Z(][\w&'’().-]*|and|&|of|t/a|for))*"
    r"[ \t]+(?:Ltd\.?|LTD|Limited|LIMITED|LLP|PLC|plc|CIC|Inc\.?))(?![\w])"
)
_NAME_WORDS = r"[A-Z][\w&]+(?:\s+(?:[A-Z][\w&]+|&|of|and))*"
# "At Fairtrade Vending we take ...", "Prostart Training’s overarching approach",
# "HTM has taken steps": a proper name acting as the organisation.
_INFORMAL = [
    re.compile(rf"^[“\"']?At\s+(?P<org>{_NAME_WORDS}),?\s+we\b"),
    re.compile(
        rf"(?:^|\s)(?P<org>{_NAME_WORDS})(?:’s|'s|’)\s+(?:overarching|approach|emissions|"
        r"carbon|commitment|plan|policy|footprint|operations|journey)\b"
    ),
    re.compile(
        rf"^(?P<org>{_NAME_WORDS})\s+(?:has|have)\s+(?:taken|set|made|achieved|become|joined)\b"
    ),
]
_TITLE_ORG = [
    re.compile(r"^(?P<org>.+?)\s*[-–—|:]\s*carbon reductions? plan\b", re.I),
    re.compile(r"^carbon reductions? plan\s*(?:for|of|[-–—|:])\s*(?P<org>[^-–—|:]+)", re.I),
]
_NOT_ORG = re.compile(
    r"^(?:we|it|they|the company|our company|our organisation|this plan|the organisation|"
    r"the business|our business|this|the group)$",
    re.I,
)


def _clean(value: str) -> str:
    value = _ALIAS.sub("", value)
    value = re.sub(r"[“”\"‘’']", "", value)
    return " ".join(value.strip(_FILLER).split()).strip(_FILLER + ",")


def _top_lines(context: Context, count: int = 12) -> list[Line]:
    return [line for line in context.lines if not line.furniture][:count]


def extract_organisation(context: Context, facts: Facts) -> None:
    """The supplier's name: a name field, else the subject of the commitment, else a legal name."""
    for line in context.lines:
        m = _ORG_FIELD.match(line.text)
        if not m:
            continue
        value = _clean(m["v"])
        if not value and line.index + 1 < len(context.lines):
            following = context.lines[line.index + 1]
            if not _ORG_FIELD.match(following.text) and ":" not in following.text:
                value, line = _clean(following.text), following
        if value and not context.matches_in(line, "PLACEHOLDER") and len(value) <= 120:
            facts.organisation = value
            facts.evidence["organisation"] = [line.evidence()]
            return
    wording = facts.net_zero_wording or ""
    m = _SUBJECT.match(wording)
    if m and not _NOT_ORG.match(_clean(m["org"])):
        facts.organisation = _clean(m["org"])
        facts.evidence["organisation"] = list(facts.evidence.get("net_zero", []))
        return
    for line in _top_lines(context, 25):
        legal = _LEGAL.search(line.text)
        if legal:
            facts.organisation = _clean(legal["org"])
            facts.evidence["organisation"] = [line.evidence()]
            return
    for line in _top_lines(context, 30):
        for pattern in _INFORMAL:
            informal = pattern.search(line.text)
            if informal and not _NOT_ORG.match(informal["org"]) and len(informal["org"]) > 2:
                facts.organisation = _clean(informal["org"])
                facts.evidence["organisation"] = [line.evidence()]
                return
    for line in _top_lines(context, 6):
        for pattern in _TITLE_ORG:
            title = pattern.match(line.text)
            if title and 2 <= len(_clean(title["org"])) <= 80:
                facts.organisation = _clean(title["org"])
                facts.evidence["organisation"] = [line.evidence()]
                return
