"""Reasons the plan gives for a zero, "N/A" or missing scope figure.

"Scope 1 is zero in both years because we own no vehicles", "LTL has no Scope 1 or Scope 2
emissions to report ... as there are no direct emissions": a zero with a reason is believable;
a bare zero for a whole scope is not (rule zeros-explained).
"""

from __future__ import annotations

import re

from crp_checker.extract.context import Context
from crp_checker.schemas import Facts, Period

_ZERO = re.compile(
    r"\b(?:zero|nil|none|not applicable|n/a|no\s+(?:\w+\s+){0,3}emissions|no\s+scope|"
    r"do(?:es)? not have)\b|(?<![\d.])0(?:\.0+)?(?![\d.])",
    re.I,
)
_REASON = re.compile(
    r"\b(?:because|as\s+(?:we|there|our|the|it)|due to|since|owing to|we (?:do not|don't|have no)|"
    r"there (?:are|is|were|was) no|no\s+(?:company\s+)?(?:vehicles|fleet|premises|gas|fuel|office|"
    r"direct)|all-inclusive|landlord|renewable|not (?:applicable|relevant))\b",
    re.I,
)


_LEAD = re.compile(r"^\W*scope\s*([123])\b(?!\s*(?:-|–|:)?\s*categor)", re.I)
_NO_SCOPES = re.compile(
    r"\bno\s+(scopes?\s*[123](?:\s*(?:,|and|&|or)\s*(?:scope\s*)?[123])*)", re.I
)
_ANY_SCOPE = re.compile(r"\bscope\s*[123]\b", re.I)
_THIS_SCOPE = re.compile(r"\b(?:this|the)\s+scope\b", re.I)


def _subjects(text: str) -> set[str]:
    """The scopes a sentence explains: the one it opens with ("Scope 1 is zero because ..."),
    or those it says there are none of ("LTL has no Scope 1 or Scope 2 emissions"). A scope
    named in passing ("not included in scope 1 or scope 2") is not explained by it."""
    lead = _LEAD.match(text)
    if lead:
        return {f"scope{lead[1]}"}
    none = _NO_SCOPES.search(text)
    if none:
        return {f"scope{n}" for n in re.findall(r"[123]", none[1])}
    return set()


def _needs(period: Period, name: str) -> bool:
    return getattr(period, name) == 0 or name in period.not_numeric


def extract_explanations(context: Context, facts: Facts) -> None:
    """Attach the plan's reason to each zero or non-numeric scope figure that has one."""
    wanted = {
        name
        for period in (facts.baseline, facts.current)
        for name in ("scope1", "scope2", "scope3")
        if _needs(period, name)
    }
    if not wanted:
        return
    sentences = context.sentences
    for position, sentence in enumerate(sentences):
        text = sentence.text
        lead = _LEAD.match(text)
        following = sentences[position + 1].text if position + 1 < len(sentences) else ""
        label_only = len(text.split()) <= 12 and not _ANY_SCOPE.search(following)
        if lead and (_THIS_SCOPE.search(following) or (label_only and _REASON.search(following))):
            # "Scope 1: Direct emissions ... . We have no emissions in this scope due to ..."
            text = f"{text} {following}"
        if not (_ZERO.search(text) and _REASON.search(text)):
            continue
        scopes = _subjects(text)
        for name in sorted(scopes & wanted):
            for period in (facts.baseline, facts.current):
                if _needs(period, name) and name not in period.explanations:
                    period.explanations[name] = text
                    facts.evidence.setdefault(f"explanations.{name}", []).append(
                        sentence.evidence()
                    )
