"""Reasons the plan gives for a zero, "N/A" or missing scope figure.

"Scope 1 is zero in both years because we own no vehicles", "LTL has no Scope 1 or Scope 2
emissions to report ... as there are no direct emissions": a zero with a reason is believable;
a bare zero for a whole scope is not (rule zeros-explained).
"""

from __future__ import annotations

import re

from crp_checker.extract.context import Context
from crp_checker.schemas import Facts, Period

_SCOPES = re.compile(r"\bscopes?\s*([123])((?:\s*(?:,|and|&|or|\+)\s*(?:scope\s*)?[123])*)", re.I)
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
    for sentence in context.sentences:
        if not (_ZERO.search(sentence.text) and _REASON.search(sentence.text)):
            continue
        scopes: set[str] = set()
        for m in _SCOPES.finditer(sentence.text):
            scopes.add(f"scope{m[1]}")
            scopes.update(f"scope{n}" for n in re.findall(r"[123]", m[2] or ""))
        for name in sorted(scopes & wanted):
            for period in (facts.baseline, facts.current):
                if _needs(period, name) and name not in period.explanations:
                    period.explanations[name] = sentence.text
                    facts.evidence.setdefault(f"explanations.{name}", []).append(
                        sentence.evidence()
                    )
