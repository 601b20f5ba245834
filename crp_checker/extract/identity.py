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
from crp_checker.schemas import Evidence, Facts

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
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.I)
_GUIDE_TITLE = re.compile(r"\b(?:guide|how to|template|guidance|preparing|checklist)\b", re.I)
_STUB = re.compile(r"\bsee (?:the )?full (?:policy|document|plan|report)\b", re.I)
_SELF_REFERENCE = re.compile(r"\b(?:this|the following)\s+carbon reductions? plan\b", re.I)
_TARGET_SENTENCE = re.compile(r"\btargets?\b.*\breduc|\breduc\w*.*\btargets?\b", re.I)


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


def judge_crp(context: Context, facts: Facts) -> None:
    """Decide whether the document is a CRP, and whether it stands alone."""
    top = _top_lines(context, 10)
    titled_lines = [
        line
        for line in top[:5]
        if any(
            m.start - line.start <= 5 or len(line.text.split()) <= 15
            for m in context.matches_in(line, "CRP_TITLE")
        )
    ]
    self_reference = [line for line in top if _SELF_REFERENCE.search(line.text)]
    title = context.document.source.title or ""
    titled = bool(
        titled_lines or self_reference or re.search(r"carbon reduction plan", title, re.I)
    )
    headings = set(context.headings.values())
    facts.sections_found = [
        key
        for key in ("commitment", "baseline", "current", "targets", "projects", "declaration")
        if key in headings
    ]
    for index, key in context.headings.items():
        facts.evidence.setdefault(f"sections.{key}", [context.lines[index].evidence()])

    text = context.document.text
    guide = (
        bool(top and _GUIDE_TITLE.search(top[0].text)) and len(_SECOND_PERSON.findall(text)) >= 5
    )
    stub = len(_STUB.findall(text)) >= 3
    figures = any(
        getattr(period, name) is not None
        for period in (facts.baseline, facts.current)
        for name in ("scope1", "scope2", "scope3", "total")
    )
    substance = [
        facts.net_zero_year is not None and facts.net_zero_strength is not None,
        figures,
        facts.baseline.end_year is not None or facts.current.end_year is not None,
        facts.declaration == "ppn",
        any(t.quantified for t in facts.targets),
        titled and any(_TARGET_SENTENCE.search(s.text) for s in context.sentences),
    ]
    structured = titled or len(facts.sections_found) >= 4
    facts.is_crp = structured and any(substance) and not guide and not stub
    if facts.is_crp:
        facts.crp_kind = "standalone"
    evidence: list[Evidence] = [line.evidence() for line in (titled_lines or self_reference)[:1]]
    if not evidence and facts.sections_found:
        evidence = facts.evidence.get(f"sections.{facts.sections_found[0]}", [])[:1]
    facts.evidence["crp"] = evidence
    if guide:
        facts.notes["crp"] = "reads as a guide to writing a plan, not a plan"
    elif stub:
        facts.notes["crp"] = "sections only refer to another document"
    elif structured and not any(substance):
        facts.notes["crp"] = "titled a plan but states no commitment year, figures or declaration"
