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
    names_self,
    offsets_main_route,
    outside_spans,
    scene_end,
    third_party_subject,
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
# A heading that names the commitment rather than making it ("Our Commitment to Net Zero").
_NOUN_HEADING = re.compile(r"^\W*(?:\d+[.)]?\s*)?(?:our\s+)?(?:net\s+zero\s+)?commitments?\b", re.I)
_PREDICATED_OUTSIDE = re.compile(
    r"\b(?:is|are|was|remains)\s+(?:the\s+|a\s+)?(?:uk|u\.k\.|government|national|country|"
    r"nation|legal(?:ly)?|statutory|global|world|paris)\b[^.]{0,40}?\b(?:target|goal|"
    r"commitment|requirement|law|ambition|deadline)",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|i|my)\b", re.I)
# The owners of a partnership or the board of a company speaking for it ("The partners of
# Kingsmead Dental Partnership are committed ..."), not business partners: the definite
# article and nothing after but the firm's capitalised name.
_OWNERS_SUBJECT = re.compile(
    r"^\W*(?i:the)\s+(?i:partners|directors|board(?:\s+of\s+directors)?|trustees|owners)"
    r"(?:\s+(?:of|at)\s+(?:[A-Z][\w&'’.-]*\s*)+)?\s*$"
)
_SECOND_PERSON = re.compile(r"\b(?:you|your)\b", re.I)
_PAREN_NZ = re.compile(r"\(\s*net[\s-]*zero\s*\)", re.I)
# A pledge for part of the organisation or a step on the way: ranked after a whole one.
_PART_OF_ORG = re.compile(
    r"\b(?:interim|milestones?|fleet|vehicles?|buildings?|premises|offices?|sites?|"
    r"electricity|direct emissions|scope\s*[12]\b(?!\s*(?:,|and|&)\s*(?:scope\s*)?[23]))",
    re.I,
)
_YEAR_BEFORE = 15
# A year after another action than reaching net zero ("publish our net zero roadmap in 2026",
# "a target year to be agreed in 2026"), or after an event named net zero ("Net Zero Week").
_OTHER_ACTION = re.compile(
    r"\b(?:publish\w*|review\w*|revis\w*|updat\w*|set|agree[ds]?|agreeing|launch\w*|"
    r"develop\w*|produc\w*|report\w*|verif\w*|confirm\w*|decid\w*|discuss\w*|consider\w*|"
    r"assess\w*|measur\w*|join\w*|sign\w*|began|begin\w*|start\w*|appoint\w*|"
    r"introduc\w*|submit\w*|approv\w*)\b",
    re.I,
)
_IN_YEAR = re.compile(r"\b(?:in|during)\s*$", re.I)
_CLAUSE_START = re.compile(r"[,;:]\s+|\s+(?:and|but|while|whilst)\s+")
_GAP_CLAUSE = re.compile(r"[,;:()\u2013\u2014]|\s+(?:and|but|while|whilst)\s+")
_EVENT = re.compile(
    r"^\s*(?:week|day|conference|event|summit|festival|awards?|roadmap|strategy|report|"
    r"working\s+group|champions?|committee)\b",
    re.I,
)
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
    gap_start = rel_end
    clause = _CLAUSE_START.split(text[:rel_start])[-1]
    for m in after:
        lead = text[max(0, m.start() - 12) : m.start()].lower()
        tail = text[m.end() : m.end() + 10].lower()
        first, gap, gap_start = gap_start == rel_end, text[gap_start : m.start()], m.end()
        if "baseline" in tail or "base year" in tail or lead.rstrip().endswith(("from", "since")):
            continue
        if first and _EVENT.match(gap) and len(gap.split()) <= 2:
            continue  # "Net Zero Week 2025", "our net zero roadmap in 2026"
        # Only the clause that holds the year, and only a year "in": "(as measured ...) by
        # 2045" and "verified by a third party, by 2040" still date net zero.
        if _IN_YEAR.search(gap) and _OTHER_ACTION.search(_GAP_CLAUSE.split(gap)[-1]):
            continue  # "a net zero target, set in 2021, is ...", "to be agreed ... in 2026"
        if _IN_YEAR.search(gap) and _OTHER_ACTION.search(clause):
            continue  # "We will review progress towards net zero in 2027"
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
    ignored = [*outside, *([lead] if lead else []), (0, scene_end(raw))]
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
    subject = raw[:first_verb]
    return (
        found.start() < first_verb
        and not _FIRST_PERSON.search(subject)
        and not names_self(subject)  # "Acme Government Services Ltd commits to ..."
    )


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


def _statement_year(
    raw: str, own: list[Match], sentence: Sentence, outside: list[tuple[int, int]]
) -> int | None:
    """The year the statement pledges; "net zero for our fleet by 2030 and across all scopes
    by 2045" gives the whole organisation's year."""
    years = [
        (y, bool(_PART_OF_ORG.search(raw, m.start - sentence.start, m.end - sentence.start + 40)))
        for m in own
        if (y := _year_near(raw, m.start - sentence.start, m.end - sentence.start, outside))
        is not None
    ]
    return min(years, key=lambda item: item[1])[0] if years else None


def _someone_elses(
    context: DocumentContext,
    sentence: Sentence,
    raw: str,
    match: Match,
    outside: list[tuple[int, int]],
) -> bool:
    """The pledge belongs to a government, a law, a client, a landlord ... not the supplier."""
    if _external(context, sentence, raw, outside):
        return True
    verbs = [
        m.start - sentence.start
        for label in ("COMMIT", "ASPIRE")
        for m in _own(_in_sentence(context, sentence, label), sentence, outside)
    ]
    lead = fronted(raw)
    subject = raw[lead[1] if lead else 0 : min([*verbs, match.start - sentence.start])]
    if third_party_subject(subject) and not _OWNERS_SUBJECT.match(subject):
        return True  # "Our landlord has committed to ... by 2035"
    # "Net zero by 2050 is the UK's legally binding target."
    return bool(_PREDICATED_OUTSIDE.search(raw)) and not _FIRST_PERSON.search(raw)


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
    heading = _is_heading(context, sentence, match)
    year = _statement_year(raw, own, sentence, outside)
    strength = _strength(context, sentence, outside)
    if heading and year is None and (strength is None or _NOUN_HEADING.match(raw)):
        return None  # the template heading "Commitment to achieving Net Zero" pledges nothing
    if _someone_elses(context, sentence, raw, match, outside):
        return None
    if (
        label == "NET_ZERO"
        and _PAREN_NZ.search(raw)
        and _in_sentence(context, sentence, "CARBON_NEUTRAL")
    ):
        return None  # "Carbon Neutral (Net Zero)": a neutrality pledge in net zero words
    line = context.line_at(match.page, match.start)
    if strength is None and line is not None:
        # No verb: a dated heading "Our Approach to Net Zero by 2040", or a line of the
        # commitment section that dates net zero or opens with it ("• Net zero across all
        # scopes"; not "We took part in Net Zero Week").
        in_commitment = context.section_of_line[line.index] == "commitment"
        leading = len(raw[: match.start - sentence.start].split()) <= 2
        if heading or (in_commitment and (leading or year is not None)):
            strength = "commitment"
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


# Carbon neutrality held, not pledged: "is certified carbon neutral", "has been carbon neutral
# since 2021", "achieved carbon neutrality". Offered in place of net zero, it is still only
# neutrality (a certificate of carbon neutrality is no net zero commitment).
_NEUTRAL_HELD = re.compile(
    r"\b(?:certified|verified|accredited)\s+(?:as\s+)?(?:being\s+)?(?:carbon|climate)[- ]neutral|"
    r"\b(?:is|are|has\s+been|have\s+been|became|remains?)\s+(?:now\s+|already\s+|fully\s+)?"
    r"(?:carbon|climate)[- ]neutral\b|\b(?:achieved|attained)\s+(?:carbon|climate)[- ]neutral",
    re.I,
)


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
        s
        for s in find_goal_statements(context, "CARBON_NEUTRAL")[0]
        if s.strength or s.year or _NEUTRAL_HELD.search(s.sentence.text)
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
        held = bool(_NEUTRAL_HELD.search(best_neutral.sentence.text))
        facts.carbon_neutral_only = not committed and (best_neutral.strength is not None or held)
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
