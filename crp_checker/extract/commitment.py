"""The net zero commitment: its year, wording, strength, scope, and carbon-neutral look-alikes.

Not every "net zero by 2050" in a plan is the supplier's: the PPN's own notes, the Climate
Change Act and "the UK Government's target" are quoted too. A pledge of carbon neutrality (or
neutrality by offsetting) is recorded apart, because PPN 006 asks for net zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crp_checker.extract.attribution import (
    fronted,
    inside,
    is_mention,
    is_requirement,
    offsets_main_route,
    outside_spans,
)
from crp_checker.extract.context import DocumentContext, Sentence
from crp_checker.extract.values import YEAR
from crp_checker.nlp import Match
from crp_checker.schemas import Facts

_EXTERNAL = re.compile(
    r"\b(?:government|climate change act|legislation|law|legal obligation|paris agreement|"
    r"the uk(?:'s|’s)? (?:target|commitment)|national|country|mandat\w+|stipulated|"
    r"ukgbc|industry|sector|ppn|procurement policy note)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|i|my)\b", re.I)
_SECOND_PERSON = re.compile(r"\b(?:you|your)\b", re.I)
_PAREN_NZ = re.compile(r"\(\s*net[\s-]*zero\s*\)", re.I)
# A pledge for part of the organisation or a step on the way: ranked after a whole one.
_PART_OF_ORG = re.compile(
    r"\b(?:interim|milestones?|fleet|vehicles?|buildings?|premises|offices?|sites?|"
    r"electricity|direct emissions|scope\s*[12]\b(?!\s*(?:,|and|&)\s*(?:scope\s*)?[23]))",
    re.I,
)
_YEAR_BEFORE = 15
_FRONTED_YEAR = re.compile(r"^\W*(?:by|before|no later than)\s+((?:19|20)\d\d)\b", re.I)
_YEAR_AFTER = 90


@dataclass
class Statement:
    """One net zero (or carbon neutral) statement found in the plan."""

    sentence: Sentence
    year: int | None
    strength: str | None
    scope12: bool
    scope3_only: bool
    heading: bool
    order: int
    partial: bool = False


def _year_near(
    text: str, rel_start: int, rel_end: int, outside: list[tuple[int, int]]
) -> int | None:
    """The year the statement targets: first after the phrase, else the nearest before it;
    never the year of a target the sentence only quotes ("ahead of the UK's 2050 target")."""
    after = [
        m
        for m in YEAR.finditer(text, rel_end)
        if m.start() - rel_end <= _YEAR_AFTER and not inside(outside, m.start(), m.end())
    ]
    for m in after:
        lead = text[max(0, m.start() - 12) : m.start()].lower()
        tail = text[m.end() : m.end() + 10].lower()
        if "baseline" in tail or "base year" in tail or lead.rstrip().endswith(("from", "since")):
            continue
        if 2020 <= int(m[0]) <= 2100:
            return int(m[0])
    before = [
        m
        for m in YEAR.finditer(text, 0, rel_start)
        if rel_start - m.end() <= _YEAR_BEFORE and not inside(outside, m.start(), m.end())
    ]
    if before and 2020 <= int(before[-1][0]) <= 2100:
        return int(before[-1][0])
    # "By 2040 we are committed to being a net zero business": the sentence's only year,
    # fronted as its deadline.
    fronted_year = _FRONTED_YEAR.match(text)
    if fronted_year and len(YEAR.findall(text)) == 1 and 2020 <= int(fronted_year[1]) <= 2100:
        return int(fronted_year[1])
    return None


def _in_sentence(context: DocumentContext, sentence: Sentence, label: str) -> list[Match]:
    return context.matches_within(sentence.page, sentence.start, sentence.end, label)


def _raw(context: DocumentContext, sentence: Sentence) -> str:
    """The sentence as it sits in the page (line breaks as spaces), so offsets line up."""
    return (
        context.document.pages[sentence.page - 1]
        .text[sentence.start : sentence.end]
        .replace("\n", " ")
    )


def _own(matches: list[Match], sentence: Sentence, outside: list[tuple[int, int]]) -> list[Match]:
    return [
        m for m in matches if not inside(outside, m.start - sentence.start, m.end - sentence.start)
    ]


def _strength(
    context: DocumentContext, sentence: Sentence, outside: list[tuple[int, int]]
) -> str | None:
    commits = _own(_in_sentence(context, sentence, "COMMIT"), sentence, outside)
    aspires = _own(_in_sentence(context, sentence, "ASPIRE"), sentence, outside)
    for commit in commits:
        # "aim to commit", "intending to commit": the aspiration weakens the verb after it;
        # "committed to our goal of net zero" stays a commitment.
        if any(a.start <= commit.start and commit.start <= a.end + 3 for a in aspires):
            return "aspiration"
    if commits:
        return "commitment"
    if aspires:
        return "aspiration"
    return None


def _is_boilerplate(context: DocumentContext, sentence: Sentence) -> bool:
    return bool(_in_sentence(context, sentence, "BOILERPLATE"))


def _external(
    context: DocumentContext, sentence: Sentence, raw: str, outside: list[tuple[int, int]]
) -> bool:
    """Government or legal targets quoted in the plan, not the supplier's own pledge.

    The sentence names a government, a law or a mandate (outside a phrase that only points to
    it, "In line with the Government's target, ..."), and either pledges nothing itself or its
    pledge verb belongs to that outside body ("PPN 06/21 mandates that any business ... must
    commit to a Net Zero target").
    """
    lead = fronted(raw)
    ignored = [*outside, *([lead] if lead else [])]
    found = next(
        (m for m in _EXTERNAL.finditer(raw) if not inside(ignored, m.start(), m.end())), None
    )
    if not found:
        return False
    verbs = [
        m
        for label in ("COMMIT", "ASPIRE")
        for m in _own(_in_sentence(context, sentence, label), sentence, outside)
    ]
    if not verbs:
        return True
    first_verb = min(m.start for m in verbs) - sentence.start
    return found.start() < first_verb and not _FIRST_PERSON.search(raw[:first_verb])


def _is_template_heading(context: DocumentContext, sentence: Sentence, raw: str) -> bool:
    """The sentence is only a template section title ("1. Commitment to achieving net zero.")."""
    if YEAR.search(raw):
        return False
    sections = _in_sentence(context, sentence, "SECTION")
    covered = sum(m.end - m.start for m in sections)
    return bool(sections) and covered >= 0.75 * len(raw.strip(" .:;-–•0123456789)"))


def _is_heading(context: DocumentContext, sentence: Sentence, match: Match) -> bool:
    line = context.line_at(match.page, match.start)
    return (
        line is not None
        and len(line.text.split()) <= 10
        and sentence.start >= line.start
        and len(sentence.text) <= len(line.text)
    )


def _read_statement(
    context: DocumentContext, sentence: Sentence, matches: list[Match], label: str, order: int
) -> Statement | None:
    """One sentence's own statement, or None when it pledges nothing of the supplier's."""
    raw = _raw(context, sentence)
    outside = outside_spans(raw)
    own = [
        m
        for m in _own(matches, sentence, outside)
        if not is_mention(raw, m.start - sentence.start, m.end - sentence.start)
    ]
    if not own or _is_template_heading(context, sentence, raw):
        return None
    match = own[0]
    strength = _strength(context, sentence, outside)
    line = context.line_at(match.page, match.start)
    heading = _is_heading(context, sentence, match)
    if strength is None and line is not None:
        # No verb: a heading "Our Approach to Net Zero by 2040", or a bullet inside the
        # commitment section. The bare template heading (no year) pledges nothing.
        section = context.section_of_line[line.index]
        if (section == "commitment" and not heading) or (heading and YEAR.search(raw)):
            strength = "commitment"
    if heading and not YEAR.search(raw):
        return None  # the template heading "Commitment to achieving Net Zero" pledges nothing
    if _external(context, sentence, raw, outside):
        return None
    if (
        label == "NET_ZERO"
        and _PAREN_NZ.search(raw)
        and _in_sentence(context, sentence, "CARBON_NEUTRAL")
    ):
        return None  # "Carbon Neutral (Net Zero)": a neutrality pledge in net zero words
    years = [
        (y, bool(_PART_OF_ORG.search(raw, m.start - sentence.start, m.end - sentence.start + 40)))
        for m in own
        if (y := _year_near(raw, m.start - sentence.start, m.end - sentence.start, outside))
        is not None
    ]
    # "net zero for our fleet by 2030 and across all scopes by 2045": the whole one's year.
    year = min(years, key=lambda item: item[1])[0] if years else None
    scope12 = bool(_in_sentence(context, sentence, "SCOPE12")) and not _in_sentence(
        context, sentence, "ALL_SCOPES"
    )
    return Statement(
        sentence=sentence,
        year=year,
        strength=strength,
        scope12=scope12,
        scope3_only=bool(re.search(r"\bfor\s+scope\s*3\b", raw, re.I)),
        heading=heading,
        order=order,
        partial=scope12 or bool(_PART_OF_ORG.search(raw)),
    )


def find_goal_statements(
    context: DocumentContext, label: str
) -> tuple[list[Statement], list[Sentence]]:
    """Net zero (label NET_ZERO) or carbon neutral (CARBON_NEUTRAL) statements by the supplier,
    and the sentences that only speak of someone else's target (for the rule's message)."""
    found: list[Statement] = []
    quoted: list[Sentence] = []
    by_sentence: dict[tuple[int, int], list[Match]] = {}
    sentences: dict[tuple[int, int], Sentence] = {}
    for match in context.by_label(label):
        sentence = context.sentence_at(match.page, match.start)
        if sentence is not None:
            key = (sentence.page, sentence.start)
            by_sentence.setdefault(key, []).append(match)
            sentences[key] = sentence
    for order, (key, sentence_matches) in enumerate(by_sentence.items()):
        sentence = sentences[key]
        if _is_boilerplate(context, sentence) or _SECOND_PERSON.search(sentence.text):
            continue
        if _in_sentence(context, sentence, "PLACEHOLDER"):
            continue  # "[Supplier name] is committed to Net Zero by [insert year]": unfilled
        if is_requirement(_raw(context, sentence)):
            continue  # "Suppliers must commit to net zero by 2050": a duty laid on others
        statement = _read_statement(context, sentence, sentence_matches, label, order)
        if statement is not None:
            found.append(statement)
        elif outside_spans(_raw(context, sentence)):
            quoted.append(sentence)
    return found, quoted


def _rank(statement: Statement) -> tuple[int, int, int, int]:
    """Commitments before aspirations, dated before undated, whole organisation before part of
    it (Scope 1 and 2, the fleet, an interim milestone), sentences before headings."""
    return (
        0 if statement.strength == "commitment" else 1 if statement.strength else 2,
        0 if statement.year is not None else 1,
        1 if statement.partial else 0,
        1 if statement.heading else 0,
    )


def extract_commitment(context: DocumentContext, facts: Facts) -> None:
    """Fill the net zero and carbon neutral facts."""
    statements, quoted = find_goal_statements(context, "NET_ZERO")
    net_zero = [s for s in statements if s.strength or s.year]
    neutral = [
        s for s in find_goal_statements(context, "CARBON_NEUTRAL")[0] if s.strength or s.year
    ]
    best: Statement | None = None
    if net_zero:
        best = min(net_zero, key=lambda s: (_rank(s), s.order))
        year = best.year
        scope = "scope12" if best.scope12 else None
        wider = [s for s in net_zero if s.year and s.scope3_only]
        if best.scope12 and wider:
            year = max(s.year for s in wider if s.year)
            scope = "all"
        facts.net_zero_year = year
        facts.net_zero_wording = best.sentence.text
        facts.net_zero_strength = best.strength  # type: ignore[assignment]
        facts.net_zero_scope = scope or _scope_of(context, best)  # type: ignore[assignment]
        facts.evidence["net_zero"] = [best.sentence.evidence()]
        if year is not None and year != best.year:
            facts.evidence["net_zero"].extend(s.sentence.evidence() for s in wider[:1])
    elif quoted:
        # Only someone else's target ("we support the UK's net zero 2050 target"): kept as
        # evidence for the message, never as the supplier's commitment or year.
        facts.evidence["net_zero_outside"] = [quoted[0].evidence()]
    if neutral:
        best_neutral = min(neutral, key=lambda s: (_rank(s), s.order))
        facts.carbon_neutral_year = best_neutral.year
        facts.evidence["carbon_neutral"] = [best_neutral.sentence.evidence()]
        committed = facts.net_zero_strength is not None and facts.net_zero_year is not None
        facts.carbon_neutral_only = not committed and best_neutral.strength is not None
    _offsets(context, facts, best)


def _scope_of(context: DocumentContext, statement: Statement) -> str | None:
    """'all' when the commitment, or the sentences right after it, say it covers every scope."""
    for sentence in context.following_sentences(statement.sentence, 3):
        if _in_sentence(context, sentence, "SCOPE12") and not _in_sentence(
            context, sentence, "ALL_SCOPES"
        ):
            return "scope12"
        if _in_sentence(context, sentence, "ALL_SCOPES"):
            return "all"
    return None


def _offsets(context: DocumentContext, facts: Facts, best: Statement | None) -> None:
    """Offsets as the main route: the commitment, or a sentence near it about reaching net
    zero, leans on offsetting (offsetting only the residual emissions left after real cuts is
    what net zero means, so that is fine)."""
    if best is None:
        return
    near = context.following_sentences(best.sentence, 4)
    for sentence in near + [s for s in context.sentences if s not in near]:
        offsets = _in_sentence(context, sentence, "OFFSET")
        if not offsets:
            continue
        about_goal = sentence in near or bool(
            _in_sentence(context, sentence, "NET_ZERO")
            or _in_sentence(context, sentence, "CARBON_NEUTRAL")
        )
        raw = _raw(context, sentence)
        if about_goal and offsets_main_route(raw, [m.start - sentence.start for m in offsets]):
            facts.offsets_main_route = True
            facts.evidence["offsets"] = [sentence.evidence()]
            return
