"""Reasons the plan gives for a zero, "N/A" or "nil" scope figure, and for a large change.

A zero is explained in the row that states it ("Company vehicles | Scope 1 | 0.0 | No company
vehicles", "0.0 (no leaks recorded)"), in a sentence ("Scope 2 is zero because our depot moved
to a renewable tariff", "We had no Scope 1 emissions: we own no vehicles"), or in a short
paragraph that opens with the scope ("Scope 1. Nil in both years. The studio is heated by the
landlord's system"). A reason given for a scope explains its zero in every period. A note beside
the zero that the checker cannot judge ("Handled by head office") is recorded as an inferred
reading `<period>.explanations.<scope>` for a person to confirm (rule zeros-explained).
"""

from __future__ import annotations

import re

from crp_checker.extract.context import DocumentContext
from crp_checker.extract.reasons import has_reason, judge_note
from crp_checker.readings import mark_inferred
from crp_checker.schemas import Candidate, Evidence, Facts, Period

_SCOPES = ("scope1", "scope2", "scope3")
_ZERO = re.compile(
    r"\b(?:zero|nil|none|nothing|not applicable|n/a|no\s+(?:\w+\s+){0,3}emissions|no\s+scope|"
    r"do(?:es)? not have)\b|(?<![\d.])0(?:\.0+)?(?![\d.])",
    re.I,
)
_LEAD = re.compile(r"^\W*scope\s*([123])\b(?!\s*(?:-|–|:)?\s*categor)", re.I)
_NO_SCOPES = re.compile(
    r"\bno\s+(scopes?\s*[123](?:\s*(?:,|and|&|or)\s*(?:scope\s*)?[123])*)", re.I
)
_SCOPE_LIST = r"scopes?\s*([123](?:\s*(?:,|and|&|\+|or)\s*(?:scope\s*)?[123])*)\b"
# "Scope 1 is zero", "Scopes 1 and 2 are nil", "Why is Scope 1 zero?"
_SCOPE_IS_ZERO = re.compile(
    rf"\b{_SCOPE_LIST}[^.;?]{{0,40}}?\b(?:is|was|are|were|remains?|shown as|reported as)\s+"
    r"(?:zero|nil|0(?:\.0+)?\b|n/a)|"
    rf"\bwhy (?:is|are|was|were) (?:our |the )?{_SCOPE_LIST}[^.;?]{{0,20}}?(?:zero|nil|0\b|n/a)",
    re.I,
)
# "no direct emissions": Scope 1 under its own name.
_NO_DIRECT = re.compile(
    r"\b(?:no|zero|nil)\s+direct\s+(?:ghg\s+|greenhouse gas\s+)?emissions\b", re.I
)
_ONE_SCOPE = re.compile(r"\bscopes?\s*([123])\b", re.I)
_HEAD_WORDS = 8
# The words a sentence gives after saying a scope is zero: "Scope 1 is nil: <note>".
_AFTER_ZERO = re.compile(
    r"\b(?:zero|nil|none|0(?:\.0+)?|n/a)\b\s*(?:[:–—(]|\s-\s|,?\s*(?:as|since)\b)\s*"
    r"(?P<note>[^.]{3,})",
    re.I,
)
# Reasons that belong to one scope even when the sentence does not name it.
_TYPICAL = {
    "scope1": re.compile(
        r"\b(?:(?:own|owns|operate|operates|have|has|run|runs|use|uses)\s+no\s+(?:\w+\s+){0,2}"
        r"(?:vehicles?|vans?|cars?|fleet|boilers?|gas)|no\s+(?:company\s+|owned\s+)?(?:vehicles|"
        r"fleet|gas (?:supply|boilers?|heating))|(?:do(?:es)?|did)\s*(?:not|n't)\s+(?:own|"
        r"operate|lease|run|use)\s+(?:any\s+)?(?:\w+\s+){0,2}(?:vehicles?|vans?|cars?|fleet|"
        r"boilers?|gas)|(?:heated|heating) (?:by|with|is) (?:electric|heat pumps?|the landlord)|"
        r"all[- ]electric)\b",
        re.I,
    ),
    "scope2": re.compile(
        r"\b(?:(?:electricity|energy|utilities) (?:is|are) (?:included in|covered by|paid by|"
        r"supplied by) (?:the |our )?(?:rent|service charge|landlord)|serviced office|"
        r"(?:100%|fully|entirely) renewable (?:electricity|energy|tariff)|"
        r"(?:fully|entirely|wholly) (?:remote|home[- ]based))\b",
        re.I,
    ),
}
_ZERO_MARKERS = {"0", "n/a", "na", "nil", "none", "zero", "-", "–", "—", "not applicable"}
_ANY_SCOPE = re.compile(r"\bscope\s*[123]\b", re.I)
_THIS_SCOPE = re.compile(r"\b(?:this|the)\s+scope\b", re.I)
_ZERO_CELL = re.compile(r"(?<![\w.,])(?:0(?:\.0+)?|n/?a|nil|none|zero|-|–|—)(?![\w.,%])", re.I)
_NUMBER = re.compile(r"(?<![\w.,])[-−]?\d[\d,]*(?:\.\d+)?(?![\w.,])")
_MAX_JOIN = 2
# A footnote sign after a figure: "0 tCO2e*", "0.0†", "N/A¹", "0 (1)", "0 [2]".
_FOOTNOTE_SIGN = re.compile(r"(?<=[\w\s.])(?P<s>\*{1,3}|[†‡¹²³]|\(\d\)|\[\d\])$")
_SHORT_LEAD_WORDS = 12
_CHANGE = re.compile(
    r"\b(?:decrease|increase|reduction|rise|fall|drop|change|lower|higher|reduced|increased|"
    r"grew|grown|growth|fell|risen|cut)\w*\b[^.]{0,160}\b(?:due to|because|as a result|"
    r"attribut\w+|driven by|result of|reflects?|reflecting|following|owing to|caused by|"
    r"thanks to|almost entirely)\b|"
    r"\b(?:resulting in|resulted in|led to|leading to)\b[^.]{0,120}\b(?:reduc|lower|decreas|"
    r"increas|precision|accura|remov|fall|drop|rise)\w*|"
    r"\b(?:recalculated|restated|re-?baselined|overestimat\w+|underestimat\w+|methodolog\w* "
    r"(?:change|refinement|update)|improved (?:data|calculation))",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|scheduled|planned|plan to|intend|aim to|expect(?:ed)? to|going forward)\b", re.I
)
_EMISSIONS = re.compile(r"emission|footprint|carbon|baseline|scope\s*[123]|tco2|\btotal\b", re.I)


def _wanted(facts: Facts) -> set[str]:
    """Scopes given as 0 or a "nothing here" marker in some period."""
    return {
        name
        for period in (facts.baseline, facts.current)
        for name in _SCOPES
        if _is_zero(period, name)
    }


def _is_zero(period: Period, name: str) -> bool:
    return getattr(period, name) == 0 or name in period.not_numeric


def _subjects(text: str) -> set[str]:
    """The scopes a sentence explains: the one it opens with ("Scope 1 is zero because ..."),
    one it says is zero ("... so our Scope 1 emissions were zero"), or those it says there are
    none of ("LTL has no Scope 1 or Scope 2 emissions"). A scope named in passing ("not
    included in scope 1 or scope 2") is not explained by it."""
    lead = _LEAD.match(text)
    if lead:
        return {f"scope{lead[1]}"}
    found = {
        f"scope{n}"
        for m in _SCOPE_IS_ZERO.finditer(text)
        for n in re.findall(r"[123]", m[1] or m[2])
    }
    none = _NO_SCOPES.search(text)
    if none:
        found |= {f"scope{n}" for n in re.findall(r"[123]", none[1])}
    if _NO_DIRECT.search(text):
        found.add("scope1")
    return found


def _opens_on_a_scope(text: str) -> bool:
    """The sentence introduces one scope's zero, its reason to follow: it opens with the scope
    ("Scope 1. Nil."), says it is zero ("Note: Scope 1 is zero in both years."), asks why ("Why
    is Scope 1 zero?") or is a short heading naming it ("About our Scope 1 figure")."""
    if _LEAD.match(text) or _SCOPE_IS_ZERO.search(text):
        return True
    scopes = {m[1] for m in _ONE_SCOPE.finditer(text)}
    short = len(text.split()) <= _HEAD_WORDS and not re.search(r"\d[\d,]*\.\d", text)
    return short and len(scopes) == 1


def _explain(facts: Facts, name: str, text: str, evidence: Evidence) -> None:
    """Record `text` as the reason for every zero of scope `name`."""
    for period in (facts.baseline, facts.current):
        if _is_zero(period, name) and name not in period.explanations:
            period.explanations[name] = text
    facts.evidence.setdefault(f"explanations.{name}", []).append(evidence)


def _from_sentences(context: DocumentContext, facts: Facts, wanted: set[str]) -> None:
    """Sentences (or a scope label and the sentences after it) that give a zero's reason."""
    sentences = context.sentences
    for position, sentence in enumerate(sentences):
        text = sentence.text
        if _opens_on_a_scope(text) and not has_reason(text, clauses=False):
            subjects = _subjects(text) or {f"scope{m[1]}" for m in _ONE_SCOPE.finditer(text)}
            following = sentences[position + 1 : position + 1 + _MAX_JOIN]
            for extra in following:
                short = len(text.split()) <= _SHORT_LEAD_WORDS
                other = _LEAD.match(extra.text) or _subjects(extra.text) - subjects
                if extra.page != sentence.page or other:
                    break  # the next sentence is about another scope
                if not (short or _THIS_SCOPE.search(extra.text) or _SCOPE_IS_ZERO.search(text)):
                    break
                # "Scope 1. Nil in both years. The studio is heated by the landlord's system."
                text = f"{text} {extra.text}"
                if has_reason(extra.text, clauses=False):
                    break
        if not _ZERO.search(text):
            continue
        named = sorted(_subjects(text) & wanted)
        if has_reason(text, clauses=False):
            for name in named:
                _explain(facts, name, text, sentence.evidence())
            continue
        note = _AFTER_ZERO.search(text)
        verdict = judge_note(note["note"]) if note and named else "none"
        for name in named:  # "Scope 1 is zero: office-based business"
            if verdict == "reason":
                _explain(facts, name, text, sentence.evidence())
            elif verdict == "doubt":
                why = "the words after the zero may not be a reason"
                _doubt(facts, name, note["note"] if note else text, sentence.evidence(), why)


def _row_note(quote: str) -> tuple[str, str] | None:
    """(zero as written, note) when a table row states a zero and a note follows it."""
    cells = [c.strip() for c in quote.split("|")] if "|" in quote else None
    text = " | ".join(cells[1:]) if cells else quote
    tokens = list(_NUMBER.finditer(text)) + list(_ZERO_CELL.finditer(text))
    tokens = [t for t in tokens if not re.search(r"scope\s*$", text[: t.start()], re.I)]
    if not tokens:
        return None
    last = max(tokens, key=lambda t: t.end())
    zeros = [t for t in tokens if _ZERO_CELL.fullmatch(t[0]) or _is_zero_number(t[0])]
    if not zeros:
        return None
    note = text[last.end() :].strip(" |")
    written = zeros[-1][0]
    inner = re.match(r"\s*\(([^)]*)\)?", text[zeros[-1].end() :])
    if inner and inner[1].strip():  # "0.0 (no leaks recorded)"
        note = inner[1]
    return (written, note) if note else None


def _is_zero_number(text: str) -> bool:
    return re.fullmatch(r"[-−]?0+(?:\.0+)?", text) is not None


def _footnote(context: DocumentContext, quote: Evidence) -> tuple[str, str] | None:
    """(sign, note) when the row ends on a footnote sign ("0 tCO2e*") and a line elsewhere
    opens with the same sign: the sign ties that note to the figure."""
    sign = _FOOTNOTE_SIGN.search(quote.quote.rstrip(" |"))
    row = context.line_at(quote.page or 1, quote.start or 0)
    if sign is None or row is None:
        return None
    lines = context.lines
    marked = [line.text.strip().startswith(sign["s"]) for line in lines]
    for index in range(row.index + 1, len(lines)):
        # A run of lines opening with the sign is a bulleted list ("* LED lighting"), not a note.
        listed = (index > 0 and marked[index - 1]) or (index + 1 < len(lines) and marked[index + 1])
        if marked[index] and not listed:
            note = lines[index].text.strip()[len(sign["s"]) :].strip()
            if note:
                return sign["s"], note
    return None


def _from_rows(context: DocumentContext, facts: Facts, wanted: set[str]) -> None:
    """Notes beside a zero in its own table row, or in the footnote its sign points to: a
    reason, or text a person should judge."""
    for name in sorted(wanted):
        doubts: list[tuple[str, str, Evidence]] = []
        for role in ("baseline", "current"):
            if name in getattr(facts, role).explanations:
                continue
            for quote in facts.evidence.get(f"{role}.{name}", []):
                footnote = _footnote(context, quote)
                found = (
                    ("0", footnote[1])
                    if footnote and _is_zero(getattr(facts, role), name)
                    else _row_note(quote.quote)
                )
                if found is None:
                    continue
                written, note = found
                verdict = judge_note(note)
                if verdict == "reason":
                    _explain(facts, name, note, quote)
                elif verdict == "doubt":
                    doubts.append((written, note, quote))
        if doubts:
            written, note, quote = doubts[0]
            _doubt(facts, name, note, quote, f"the note beside the {written} may not be a reason")


def _doubt(facts: Facts, name: str, text: str, quote: Evidence, why: str) -> None:
    """Record a possible reason for the zeros of scope `name` as an inferred reading."""
    for role in ("baseline", "current"):
        period: Period = getattr(facts, role)
        key = f"{role}.explanations.{name}"
        zero = getattr(period, name) == 0 or (
            period.not_numeric.get(name, "x").strip().lower() in _ZERO_MARKERS
        )
        if zero and name not in period.explanations and key not in facts.readings:
            mark_inferred(facts, key, why)
            facts.readings[key].candidates = [Candidate(value=text, evidence=[quote])]


def _from_typical(context: DocumentContext, facts: Facts, wanted: set[str]) -> None:
    """A sentence that gives a reason typical of a scope without naming it ("We own no
    vehicles and the office has no gas supply" for Scope 1): a reason a person should confirm."""
    for name in sorted(wanted):
        typical = _TYPICAL.get(name)
        if typical is None:
            continue
        for sentence in context.sentences:
            if typical.search(sentence.text) and not _ANY_SCOPE.search(sentence.text):
                why = "the reason does not name the scope"
                _doubt(facts, name, sentence.text, sentence.evidence(), why)
                break


def extract_explanations(context: DocumentContext, facts: Facts) -> None:
    """Attach the plan's reason to each zero or non-numeric scope figure that has one."""
    _change_explanation(context, facts)
    wanted = _wanted(facts)
    if not wanted:
        return
    _from_sentences(context, facts, wanted)
    _from_rows(context, facts, wanted)
    _from_typical(context, facts, wanted)


def _change_explanation(context: DocumentContext, facts: Facts) -> None:
    """A sentence that says why emissions changed: growth, a method change, a measure's effect
    (not a plan for the future: "a recalculation is scheduled for 2026" explains nothing yet)."""
    for sentence in context.sentences:
        text = sentence.text
        if _CHANGE.search(text) and _EMISSIONS.search(text) and not _FUTURE.search(text):
            facts.change_explained = True
            facts.evidence["change_explained"] = [sentence.evidence()]
            return
