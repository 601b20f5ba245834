"""Is this document a Carbon Reduction Plan, or something that looks like one?

A file called carbon-reduction-plan.pdf may be a plan, or a web page that summarises the plan
and links to it, a consultant's guide to PPN 06/21 (with a worked example), the government's
blank template, an environmental policy, an ESG brochure, a sustainability report chapter
with SECR figures, or a stub that says "see full policy document". Plans are titled in many
ways ("Net Zero Plan", "Carbon Reporting and Reduction Plan", "Carbon Reduction Plan (PPN
06/21)") or carry no title at all on a web page.

The judgement weighs structure (a plan title, the six template sections, the PPN cited) and
content (the organisation's own figures by scope and period, a commitment, targets, a
declaration or sign-off) against the signs of each look-alike. A look-alike keeps the facts it
states (a link page's net zero year is what it says), except a guide's worked example, whose
figures belong to an imaginary company.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crp_checker.extract.context import DocumentContext
from crp_checker.extract.lines import Line
from crp_checker.formatting import uk_date
from crp_checker.schemas import Evidence, Facts, Period

_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you['’]re|you['’]ll)\b", re.I)
_GUIDE_TITLE = re.compile(
    r"\b(?:guide|guidance|how to|template|checklist|explained|preparing|faqs?|"
    r"questions\s+and\s+answers|q\s?&\s?a|frequently\s+asked\s+questions)(?!\w)",
    re.I,
)
_STUB = re.compile(r"\b(?:see (?:the )?full (?:policy|document|plan|report)|coming soon)\b", re.I)
_SELF_REFERENCE = re.compile(
    r"\b(?:this|the following|our)\s+(?:carbon reductions? plan|crp|net zero plan)\b", re.I
)
_TARGET_SENTENCE = re.compile(r"\btargets?\b.*\breduc|\breduc\w*.*\btargets?\b", re.I)
_PPN = re.compile(r"\bppn\s*0?06\b|\bppn\s*06\s*/\s*21\b|\bprocurement policy note\b", re.I)
_SCOPES = ("scope1", "scope2", "scope3", "total")
# A bid's answer to one tender question ("Response to Question E3: Carbon Reduction ...").
_TENDER_ANSWER = re.compile(
    r"\b(?:response\s+to\s+(?:tender\s+)?question|tender\s+response|answer\s+to\s+question|"
    r"question\s+[A-Z]?\d+(?:\.\d+)*\s*(?:\(\s*weighting|:))",
    re.I,
)


@dataclass(frozen=True)
class _Reading:
    """What the document offers as a plan, and what it offers as something else."""

    titled: list[Line]
    sections: int
    content: list[str]
    lookalike: str | None


def _top(context: DocumentContext, count: int) -> list[Line]:
    return [line for line in context.lines if not line.furniture][:count]


def _title_lines(context: DocumentContext) -> list[Line]:
    """The title block: the first lines, up to the first paragraph of running text."""
    block: list[Line] = []
    for line in _top(context, 8):
        if len(line.text.split()) > 16:
            break
        block.append(line)
    return block[:6]


def _heading_block(context: DocumentContext) -> list[Line]:
    """The lines above the first paragraph: a web page's menu, breadcrumb and page title."""
    block: list[Line] = []
    for line in _top(context, 15):
        if len(line.text.split()) >= 12:
            break
        block.append(line)
    return block


def _titled(context: DocumentContext) -> list[Line]:
    top = _top(context, 5)
    top += [line for line in _heading_block(context) if line not in top]
    lines = [
        line
        for line in top
        if any(
            m.start - line.start <= 5 or len(line.text.split()) <= 15
            for m in context.matches_in(line, "CRP_TITLE")
        )
    ]
    lines += [line for line in _top(context, 10) if _SELF_REFERENCE.search(line.text)]
    return lines


def _file_titled(context: DocumentContext) -> bool:
    """The file's own title (PDF or Word properties) names a plan, and the title the reader
    sees does not name something else: a policy or annual report saved from a plan's
    template keeps the template's title in its properties."""
    if not re.search(r"carbon reduction plan", context.document.source.title or "", re.I):
        return False
    return not any(
        m.id in ("policy", "report", "secr")
        for line in _title_lines(context)[:3]
        for m in context.matches_in(line, "LOOKALIKE")
    )


def _figures(period: Period) -> int:
    return sum(getattr(period, name) is not None for name in _SCOPES)


def _content(context: DocumentContext, facts: Facts, titled: bool) -> list[str]:
    """The plan content the document states of its own organisation."""
    found: list[str] = []
    if facts.net_zero_strength is not None and facts.net_zero_year is not None:
        found.append("net zero commitment")
    elif facts.carbon_neutral_only and facts.carbon_neutral_year is not None:
        found.append("carbon neutral pledge")
    if _figures(facts.baseline) + _figures(facts.current):
        found.append("emissions figures")
    if facts.baseline.end_year is not None or facts.current.end_year is not None:
        found.append("reporting periods")
    if facts.declaration is not None or facts.signatory.name:
        found.append("declaration or sign-off")
    if any(t.quantified for t in facts.targets) or (
        titled
        and any(
            _TARGET_SENTENCE.search(s.text)
            and not context.matches_within(s.page, s.start, s.end, "PLACEHOLDER")
            and not context.matches_within(s.page, s.start, s.end, "BOILERPLATE")
            for s in context.sentences
        )
    ):
        found.append("reduction targets")
    return found


def _full(facts: Facts, sections: int) -> bool:
    """Enough of a plan that a link, a policy word or a report heading does not undo it."""
    scope_figures = max(_figures(facts.baseline), _figures(facts.current))
    signed = facts.declaration is not None or facts.signatory.name is not None
    return sections >= 4 or (scope_figures >= 2 and (signed or sections >= 2))


def _count(context: DocumentContext, label: str, match_id: str | None = None) -> int:
    return sum(1 for m in context.by_label(label) if match_id is None or m.id == match_id)


def _guide(context: DocumentContext, facts: Facts, title: list[Line]) -> bool:
    """A guide addresses the reader ("your organisation", "you should") and explains plans,
    often with a worked example for an imaginary company."""
    second_person = len(_SECOND_PERSON.findall(context.document.text))
    if _count(context, "GUIDE") >= 3 and second_person >= 6:
        return True
    figures = _figures(facts.baseline) + _figures(facts.current)
    own_content = facts.net_zero_strength is not None or facts.signatory.name is not None
    guide_title = any(_GUIDE_TITLE.search(line.text) for line in title[:2])
    example = _count(context, "GUIDE", "example")
    if guide_title and example and not own_content and facts.declaration is None:
        return True  # "a guide for suppliers" with an imaginary firm's table, signed by no one
    return guide_title and second_person >= 3 and bool(example or not (figures or own_content))


def _template(context: DocumentContext, facts: Facts) -> bool:
    """The blank template: its notes and markers, no figures, and no organisation (or none of
    the organisation's own content)."""
    if _figures(facts.baseline) + _figures(facts.current):
        return False
    own_name = facts.organisation is not None and facts.organisation not in facts.placeholders
    own_content = facts.net_zero_strength is not None or facts.signatory.name is not None
    signs = _count(context, "TEMPLATE_NOTE") + len(facts.placeholders)
    return signs >= 2 and (not own_name or (not own_content and signs >= 4))


def _summary_page(context: DocumentContext, facts: Facts, sections: int) -> bool:
    """A page that points to the full plan and gives only its headline numbers."""
    scope_figures = sum(
        getattr(period, name) is not None
        for period in (facts.baseline, facts.current)
        for name in ("scope1", "scope2", "scope3")
    )
    signed = facts.declaration is not None or facts.signatory.name is not None
    return bool(_count(context, "LINK_OUT")) and scope_figures <= 1 and not signed and sections <= 2


def _tender_answer(context: DocumentContext, facts: Facts, sections: int) -> bool:
    """A bid's answer to a tender question about carbon: headed as the answer, with a pledge
    and measures but none of the plan's figures, declaration or sign-off."""
    if _figures(facts.baseline) + _figures(facts.current) or sections >= 3:
        return False
    if facts.declaration is not None or facts.signatory.name is not None:
        return False
    return any(_TENDER_ANSWER.search(line.text) for line in _heading_block(context)[:8])


def _policy_or_report(
    context: DocumentContext, facts: Facts, sections: int, titled: bool, title: list[Line]
) -> str | None:
    """A policy, report or brochure: so titled (or an energy and carbon report chapter) and
    without the plan's structure."""
    if titled:
        return None
    full = _full(facts, sections)
    in_title = [m for line in title[:3] for m in context.matches_in(line, "LOOKALIKE")]
    this_policy = sum(1 for m in context.by_label("LOOKALIKE") if m.text.lower() == "this policy")
    if (any(m.id == "policy" for m in in_title) or this_policy >= 2) and not full:
        return "policy"
    if any(m.id in ("report", "secr") for m in in_title) and not full:
        return "report"
    # A report chapter with its own energy and carbon heading (SECR): figures, but no plan.
    secr_heading = any(
        line is not None and len(line.text.split()) <= 10 and not line.furniture
        for m in context.by_label("LOOKALIKE")
        if m.id == "secr"
        for line in [context.line_at(m.page, m.start)]
    )
    if secr_heading and sections < 3 and facts.declaration != "ppn":
        return "report"
    return None


def _lookalike(context: DocumentContext, facts: Facts, sections: int, titled: bool) -> str | None:
    """The kind of look-alike the document reads as, if any."""
    title = _title_lines(context)
    if _guide(context, facts, title):
        return "guide"
    if _template(context, facts):
        return "template"
    if len(_STUB.findall(context.document.text)) >= 2 and not (
        _figures(facts.baseline) + _figures(facts.current)
    ):
        return "stub"
    if _summary_page(context, facts, sections):
        return "link"
    if _tender_answer(context, facts, sections):
        return "tender"
    return _policy_or_report(context, facts, sections, titled, title)


_NOTES = {
    "guide": "reads as a guide to writing a plan, not a plan",
    "template": "reads as the blank template, with its guidance notes, not a completed plan",
    "stub": "only refers to another document for the content of its sections",
    "link": "reads as a page that summarises the plan and links to it, not the plan itself",
    "tender": "reads as an answer to a tender question, without the plan's figures or sign-off",
    "policy": "reads as a policy statement, not a carbon reduction plan",
    "report": "reads as a report or brochure, without the structure of a carbon reduction plan",
}


def judge_crp(context: DocumentContext, facts: Facts) -> None:
    """Decide whether the document is a CRP, and whether it stands alone."""
    headings = set(context.headings.values())
    facts.sections_found = [
        key
        for key in ("commitment", "baseline", "current", "targets", "projects", "declaration")
        if key in headings
    ]
    for index, key in context.headings.items():
        facts.evidence.setdefault(f"sections.{key}", [context.lines[index].evidence()])
    titled_lines = _titled(context)
    titled = bool(titled_lines) or _file_titled(context)
    sections = len(facts.sections_found)
    content = _content(context, facts, titled)
    kind = _lookalike(context, facts, sections, titled)
    cited = bool(_PPN.search(context.document.text))
    structured = (
        (titled and len(content) >= 1)
        or (sections >= 4 and len(content) >= 1)
        or ((sections >= 2 or cited) and len(content) >= 3)
    )
    facts.is_crp = structured and kind is None
    if facts.is_crp:
        facts.crp_kind = "standalone"
    evidence: list[Evidence] = [line.evidence() for line in titled_lines[:1]]
    if not evidence and facts.sections_found:
        evidence = facts.evidence.get(f"sections.{facts.sections_found[0]}", [])[:1]
    facts.evidence["crp"] = evidence
    if kind is not None:
        facts.notes["crp"] = _NOTES[kind]
    elif (titled or sections >= 4) and not content:
        facts.notes["crp"] = (
            "is titled a plan but states no commitment year, figures, targets or declaration"
        )
    if kind == "guide":
        _drop_worked_example(facts)
    elif not facts.is_crp and (kind is not None or not titled):
        _drop_publication_date(facts)


def _drop_publication_date(facts: Facts) -> None:
    """A document that neither is nor calls itself a plan has no plan publication date: a
    certificate's issue date or a code of conduct's version date dates something else."""
    if facts.publication_date is not None:
        written = uk_date(facts.publication_date, facts.publication_date_precision)
        facts.notes["publication_date"] = (
            f"the document is dated {written}, but it is not a carbon reduction plan"
        )
    facts.publication_date = None
    facts.publication_date_precision = None
    facts.evidence.pop("publication_date", None)
    facts.readings.pop("publication_date", None)


def _drop_worked_example(facts: Facts) -> None:
    """A guide's example figures, dates and pledges are an imaginary company's (or what plans
    must say), not the document's: a guide commits nobody to net zero."""
    if _figures(facts.baseline) + _figures(facts.current) or facts.baseline.end_year:
        facts.notes["figures"] = "figures in a guide's worked example are not the document's own"
    facts.baseline = Period()
    facts.current = Period()
    facts.publication_date = None
    facts.publication_date_precision = None
    facts.net_zero_year = None
    facts.net_zero_strength = None
    facts.net_zero_wording = None
    facts.net_zero_scope = None
    facts.carbon_neutral_year = None
    facts.carbon_neutral_only = False
    facts.offsets_main_route = False
    dropped = ("baseline", "current", "publication_date", "net_zero", "carbon_neutral", "offsets")
    for key in list(facts.evidence):
        if key.startswith(dropped):
            del facts.evidence[key]
