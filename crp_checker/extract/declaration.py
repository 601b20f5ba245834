"""The declaration and who approved the plan (the board, one director, or management).

The template's declaration reads "This Carbon Reduction Plan has been completed in accordance
with PPN 06/21 ..." and "... reviewed and signed off by the board of directors". A plan that
cites the PPN only to frame its commitment ("In accordance with PPN 06/21, we are committed to
net zero by 2035") has not declared anything: the declaration is the closing statement, and one
without the PPN ("Director's Statement", "Statement of accuracy", "approved by the directors")
is a declaration without the reference.
"""

from __future__ import annotations

import re

from crp_checker.extract.attribution import is_requirement
from crp_checker.extract.context import DocumentContext, Sentence
from crp_checker.nlp import Match
from crp_checker.schemas import Facts

_PLAIN = re.compile(r"\b(?:approved|declare|confirm|certify|signed off|endorsed|attest)\b", re.I)
# "will be reviewed and approved by the board" promises a sign-off; it does not report one.
_PROMISE = re.compile(
    r"\b(?:will|shall|should|must|to|would|can|may)\s+(?:also\s+)?be\s+(?:\w+\s+(?:and|&)\s+)?$",
    re.I,
)
# "signed by a director" describes a sign-off (a guide, a policy template); it reports none.
_GENERIC = re.compile(r"^\s*(?:a|an|any|one|the relevant|an appropriate)\b", re.I)
_COMMITMENT = ("NET_ZERO", "COMMIT", "CARBON_NEUTRAL")
# An approval is of the plan when it says so ("This plan", "It") or heads a line ("Approved by
# the partners"); "Our environmental policy is approved by the Board" approves something else.
_OF_THE_PLAN = re.compile(r"\b(?:plan|CRP|document|report|statement|it|this)\b", re.I)
# "The board reviewed and approved this plan": the plan named as the object of the approval.
_PLAN_OBJECT = re.compile(
    r"\s+(?:(?:this|the|our)\s+)?(?:[\w-]+\s+){0,3}?(?:plan|CRP|document|report|statement)\b",
    re.I,
)
# "I confirm that the information in this plan is accurate": a declaration in the first person.
_FIRST_PERSON = re.compile(
    r"\b(?:we|I)\s+(?:hereby\s+)?(?:confirm|declare|certify|approve)\b[^.]*\b(?:plan|information|"
    r"figures|data|emissions)\b"
)
# A verb of making just before "in line with" / "in accordance with": the plan was made so.
_MADE = re.compile(
    r"\b(?:completed|prepared|produced|written|compiled|developed|drawn\s+up|created|reported|"
    r"recorded|calculated|measured|set\s+out|presented|structured|laid\s+out|formatted)\s+"
    r"(?:[\w/-]+\s+){0,4}$|\b(?:is|are|was|were)\s+(?:fully\s+|wholly\s+)?$",
    re.I,
)
_RANK = {"board": 3, "director": 2, "management": 1}
# The PPN named across a line break ("... in accordance with Procurement Policy" / "Note 06/21
# and ..."): the patterns read one line at a time, so the reference is read from the text.
_PPN_TEXT = re.compile(
    r"\b(?:ppn|procurement\s+policy\s+note)\s*(?:\(ppn\)\s*)?"
    r"(?:0?6\s*[/-]\s*(?:20)?21|0?06)(?![\d/])",
    re.I,
)
_FOLLOWING = 2


def _sentence(context: DocumentContext, match: Match) -> Sentence | None:
    """The sentence of `match`, unless it is PPN guidance copied into the plan, a duty laid on
    suppliers ("the plan must be signed off by a director"), or a description of a plan
    published elsewhere ("Our full plan ... is signed off by our directors. Download it")."""
    sentence = context.sentence_at(match.page, match.start)
    return sentence if sentence is not None and _own(context, sentence) else None


def _own(context: DocumentContext, sentence: Sentence) -> bool:
    """The sentence speaks for this plan: not guidance, a duty or a pointer elsewhere. Guidance
    words cited in brackets or quotes (the PPN's title after its number) do not make the
    sentence guidance."""
    if is_requirement(sentence.text):
        return False
    text = context.document.pages[sentence.page - 1].text
    return not any(
        not (label == "BOILERPLATE" and _cited(text, sentence.start, match.start))
        for label in ("BOILERPLATE", "LINK_OUT")
        for match in context.matches_within(sentence.page, sentence.start, sentence.end, label)
    )


def _cited(text: str, start: int, position: int) -> bool:
    """The phrase at `position` stands inside brackets or quotes opened after `start`."""
    before = text[start:position]
    opened = before.count("(") > before.count(")")
    quoted = before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1
    return opened or quoted


def _in_declaration(context: DocumentContext, sentence: Sentence) -> bool:
    line = context.line_at(sentence.page, sentence.start)
    return line is not None and context.section_of_line[line.index] == "declaration"


def _has(context: DocumentContext, sentence: Sentence, *labels: str) -> bool:
    return any(
        context.matches_within(sentence.page, sentence.start, sentence.end, label)
        for label in labels
    )


def _declares(context: DocumentContext, sentence: Sentence) -> bool:
    """The sentence says how the plan was made: 'completed in accordance with', 'compliant
    with', or 'in line with' after a verb of making ('prepared in line with PPN 06/21').
    'Published in line with PPN 06/21 so that we can bid' gives a reason for the plan, and
    'publish a plan in line with PPN 06/21' asks for one: neither declares anything."""
    page_text = context.document.pages[sentence.page - 1].text
    for match in context.matches_within(sentence.page, sentence.start, sentence.end, "DECLARE"):
        if match.id != "accords" or _MADE.search(page_text[sentence.start : match.start]):
            return True
    return False


def _pledges(context: DocumentContext, sentence: Sentence) -> bool:
    """The sentence makes a commitment ("In line with PPN 06/21 we are committed to net zero"),
    so the PPN it cites frames the pledge; "I confirm that" is a declaration's verb, not one."""
    return any(
        not match.text.lower().startswith("confirm")
        for label in _COMMITMENT
        for match in context.matches_within(sentence.page, sentence.start, sentence.end, label)
    )


def _sign_offs(context: DocumentContext) -> list[tuple[Sentence, Match]]:
    """Sentences that report a sign-off or approval (not a promise of one), with the match."""
    found: list[tuple[Sentence, Match]] = []
    for match in context.by_label("SIGNED"):
        sentence = _sentence(context, match)
        if sentence is None:
            continue
        page_text = context.document.pages[match.page - 1].text
        if _PROMISE.search(page_text[max(sentence.start, match.start - 40) : match.start]):
            continue
        if _GENERIC.match(page_text[match.end : match.end + 30]):
            continue
        opening = match.start - sentence.start <= 2
        of_plan = _OF_THE_PLAN.search(page_text[sentence.start : match.end]) or _PLAN_OBJECT.match(
            page_text, match.end, sentence.end
        )
        if not opening and not of_plan:
            continue
        if all(sentence is not seen for seen, _ in found):
            found.append((sentence, match))
    return found


def _continued(context: DocumentContext, position: int) -> str:
    """The sentence at `position` with the lines that finish it: a sentence cut at a line break
    (no full stop) goes on in the next one or two on its page."""
    sentence = context.sentences[position]
    text = sentence.text
    for following in context.sentences[position + 1 : position + 1 + _FOLLOWING]:
        if following.page != sentence.page or re.search(r"[.!?:]\s*$", text):
            break
        text = f"{text} {following.text}"
    return text


def _cites_ppn(context: DocumentContext, position: int) -> bool:
    """The sentence at `position` cites the PPN across a line break that only the joined text
    shows (a reference on one line is a pattern match, read before)."""
    return _PPN_TEXT.search(" ".join(_continued(context, position).split())) is not None


def _declares_ppn(context: DocumentContext, sentence: Sentence) -> bool:
    """The sentence is the closing declaration, or says how the plan was made, not a pledge."""
    closing = _in_declaration(context, sentence)
    declares = _declares(context, sentence) or bool(_FIRST_PERSON.search(sentence.text))
    return closing or (declares and not _pledges(context, sentence))


def extract_declaration(context: DocumentContext, facts: Facts) -> None:
    """The declaration (citing the PPN or not) and who signed the plan off."""
    for match in context.by_label("PPN"):
        sentence = _sentence(context, match)
        if sentence is None:
            continue
        if _declares_ppn(context, sentence):
            facts.declaration = "ppn"
            facts.evidence["declaration"] = [sentence.evidence()]
            break
    if facts.declaration is None:
        for position, sentence in enumerate(context.sentences):
            if (
                (_has(context, sentence, "DECLARE") or _PLAIN.search(sentence.text))
                and _own(context, sentence)
                and _declares_ppn(context, sentence)
                and _cites_ppn(context, position)
            ):
                facts.declaration = "ppn"
                facts.evidence["declaration"] = [sentence.evidence()]
                break
    sign_offs = _sign_offs(context)
    if facts.declaration is None:
        for sentence in context.sentences:
            if (
                _in_declaration(context, sentence)
                and (_has(context, sentence, "DECLARE") or _PLAIN.search(sentence.text))
                and _own(context, sentence)
            ):
                facts.declaration = "plain"
                facts.evidence["declaration"] = [sentence.evidence()]
                break
    # "Our targets were approved by the SBTi" is no declaration: an approval counts when it
    # names the organisation's own approver (a board, a team, a role).
    approvals = [
        sentence
        for sentence, match in sign_offs
        if match.id == "approval" and _has(context, sentence, "SIGNOFF_BODY", "ROLE")
    ]
    if facts.declaration is None:
        stated = next(
            (s for s in context.sentences if _FIRST_PERSON.search(s.text) and _own(context, s)),
            None,
        )
        if stated is not None:
            facts.declaration = "plain"
            facts.evidence["declaration"] = [stated.evidence()]
    if facts.declaration is None and approvals:
        # "This plan was approved by the Board of Directors": a bare approval, no PPN.
        facts.declaration = "plain"
        facts.evidence["declaration"] = [approvals[0].evidence()]
    _board(context, facts, sign_offs)


def _board(context: DocumentContext, facts: Facts, sign_offs: list[tuple[Sentence, Match]]) -> None:
    """The board (or partners, trustees, owner), one director, or a management team; the
    widest body any sign-off sentence names wins. With no sign-off sentence, a director's
    signature is a sign-off by that director, though not stated as the board's."""
    best: tuple[str, Sentence] | None = None
    for sentence, match in sign_offs:
        bodies = context.matches_within(sentence.page, sentence.start, sentence.end, "SIGNOFF_BODY")
        roles = context.matches_within(sentence.page, sentence.start, sentence.end, "ROLE")
        if match.id == "signature":
            roles = []  # "Signed: Jane Example, Managing Director" is a signature, not approval
        if any(b.id == "board" for b in bodies):
            kind = "board"
        elif any(r.id == "director" for r in roles):
            kind = "director"
        elif bodies or roles:
            kind = "management"
        else:
            continue
        if best is None or _RANK[kind] > _RANK[best[0]]:
            best = (kind, sentence)
    if best is not None:
        facts.board_sign_off = best[0]  # type: ignore[assignment]
        facts.evidence["board_sign_off"] = [best[1].evidence()]
        return
    level = facts.signatory.director_level
    # A signature alone below board level ("Prepared and signed by: ..., Office Administrator")
    # is no sign-off by any body: the rule reads the signatory and fails it.
    if facts.signatory.name and level is not None:
        signed = facts.evidence.get("signatory", [])
        # A sole trader's owner is the whole of the "equivalent management body".
        owner = any(
            role.id == "owner"
            for e in signed
            if e.page is not None and e.start is not None and e.end is not None
            for role in context.matches_within(e.page, e.start, e.end, "ROLE")
        )
        if owner or level:
            facts.board_sign_off = "board" if owner else "signature"
            facts.evidence["board_sign_off"] = list(signed)
