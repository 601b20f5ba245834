"""Does a note or sentence give a reason for a zero, an "N/A" or a category left out?

Plans explain in many ways: a cause ("because we own no vehicles", "as there was no
transportation"), the nature of the business ("we supply people, not goods", "results are sent
electronically"), an arrangement ("heated by the landlord's communal system", "electricity
included in the rent"), a change ("forklifts replaced with electric models", "100% renewable
tariff"), materiality ("negligible", "immaterial") or a note after a dash or colon ("N/A -
Northgate supplies people"), or the plan's own relevance test ("not relevant to our
business"). A note that only describes a change ("No change", "-25%") is not a
reason. Anything else is text a person should read (`judge_note` says "doubt").
"""

from __future__ import annotations

import re
from typing import Literal

Verdict = Literal["reason", "none", "doubt"]

_CAUSE = re.compile(
    r"\b(?:because|since|due to|owing to|given that|on account of|"
    r"as\s+(?:we|our|the|there|it|they|this|these|those|all|no|none|nothing|only)\b|"
    r"which (?:is|are|was|were) (?:counted|included|reported|booked|covered)|"
    r"(?:counted|included|reported|booked|covered) (?:in|under|within|as)\b)",
    re.I,
)
_OLD_STYLE = re.compile(
    r"\b(?:there (?:are|is|were|was) no|we (?:do not|don't|did not|didn't|have no|had no)|"
    r"all-inclusive|not (?:relevant|applicable) (?:to|for) (?:us|our|the|this|a|an)\b|"
    r"(?:does|do|did) not (?:apply|arise|occur) (?:to|for|in) (?:us|our|the|this)\b)",
    re.I,
)
_SO = re.compile(r"(?:,|;|\band)\s*so\b|\bso (?:there|we|it|this|they|no)\b", re.I)
_NATURE = re.compile(
    r"\b(?:we|it|they|the (?:company|business|firm|practice|group))\s+"
    r"(?:do(?:es)?|did)\s*(?:not|n't)\s+(?:own|operate|use|have|hold|buy|sell|ship|deliver|make|"
    r"manufacture|stock|store|run|lease|burn|consume|occupy|employ|transport|move)|"
    r"\b(?:own|owns|operate|operates|use|uses|hold|holds|have|has|sell|sells|ship|ships|run|runs|"
    r"make|makes|deliver|delivers)\s+no\b|"
    r"\bno\s+(?:\w+\s+){0,3}?(?:vehicles?|fleet|cars?|vans?|premises|offices?|buildings?|sites?|"
    r"depots?|warehouses?|gas|fuel|boilers?|heating|refrigerants?|leaks?|generators?|combustion|"
    r"direct emissions|supply|goods|products|stock|freight|deliveries|shipments?|"
    r"transportation|transport|distribution|staff|employees)\b|"
    r"\b(?:ship|ships|sell|sells|deliver|delivers|make|makes|move|moves)\s+nothing\b|"
    r"\bnot goods\b|\bpeople,? not\b|\bnothing (?:is |was )?(?:shipped|sold|delivered|owned|"
    r"burned|bought|made|moved)|\bservices? only\b|\bonly (?:provides?|supplies|offers) services\b|"
    r"\belectronically\b|\bdigitally\b|\bentirely (?:online|digital|remote)\b|"
    r"\b(?:fully|entirely|wholly) remote\b|\bremote[- ]first\b|\bhome[- ]based\b|"
    r"\b(?:office|desk)[- ]based\b|\b(?:run|operates?|operating|based) (?:from|at|in) "
    r"(?:[\w'’]+\s+){0,3}homes?\b|\bwork(?:s|ing)? remotely\b|\bremote (?:team|workforce|"
    r"business|company|organisation)\b|"
    r"\bwork(?:s|ing)? from home\b|\bvirtual office\b|\bserviced office\b|\bco-?working\b",
    re.I,
)
_ARRANGEMENT = re.compile(
    r"\blandlord|\bincluded in (?:the |our )?(?:rent|service charge|lease)|\bshared (?:office|"
    r"building|workspace)|\bheated by\b|\bheat pumps?\b|\brenewable\b|\brego\b|\bgreen "
    r"(?:tariff|electricity|energy)|\bzero[- ]carbon (?:tariff|electricity)|\ball[- ]electric\b|"
    r"\belectric (?:vehicles?|vans?|cars?|models?|heating|fleet)\b|\breplaced\b|\bswitched\b|"
    r"\bcapped\b|\bdisconnected\b|\bdecommissioned\b|\bsold (?:the|our)\b|\bclosed\b|"
    r"\bnot (?:used|required|in use|owned|operated)\b|\bno leaks\b",
    re.I,
)
_MATERIALITY = re.compile(
    r"\b(?:negligible|immaterial|not material|de minimis|below (?:the |our )?materiality|"
    r"less than \d+(?:\.\d+)?\s*%|insignificant)\b",
    re.I,
)
_CLAUSE = re.compile(r"(?:[:–—]|\s-\s)\s*(?:[\w'’()]+[\s,]+){2,}[\w'’()]+", re.I)
_CHANGE_ONLY = re.compile(
    r"^(?:no change|unchanged|same(?: as \w+)?|n/?a|none|nil|not applicable|-|–|—|"
    r"[-+−]?\s*\d+(?:\.\d+)?\s*%.*|(?:increase|decrease|reduction|rise|fall|down|up)\b.*|"
    r"see (?:note|below|above|table)\b.*|(?:baseline|current|estimated?|actual|measured|"
    r"calculated|market[- ]based|location[- ]based)\.?|(?:(?:in|for|across) )?(?:both|all|each|"
    r"every|the) (?:years?|periods?)\.?|(?:this|last|each|every) (?:year|period)\.?)$",
    re.I,
)


def has_reason(text: str, *, business_only: bool = False, clauses: bool = True) -> bool:
    """The text gives a reason (a cause, the business's nature, an arrangement, materiality).

    `business_only` accepts only the nature of the business or materiality (for a sentence
    near the one that rules a category out); `clauses=False` does not take a clause after a
    colon or dash as a reason (in running prose "Scope 1: direct emissions from ..." is not one).
    """
    if _NATURE.search(text) or _MATERIALITY.search(text):
        return True
    if business_only:
        return False
    if _CAUSE.search(text) or _SO.search(text) or _ARRANGEMENT.search(text):
        return True
    if _OLD_STYLE.search(text):
        return True
    return clauses and bool(_CLAUSE.search(text))


def judge_note(note: str) -> Verdict:
    """A note beside a zero: a reason, no reason at all, or text a person should judge."""
    cleaned = note.strip(" |()[];,.*")
    if not cleaned or _CHANGE_ONLY.match(cleaned) or not re.search(r"[A-Za-z]{3}", cleaned):
        return "none"
    if has_reason(cleaned) or _starts_with_negation(cleaned):
        return "reason"
    return "doubt" if len(cleaned.split()) >= 2 else "none"


def _starts_with_negation(text: str) -> bool:
    """'No dedicated office premises', 'None owned', 'Nothing burned on site'."""
    return bool(re.match(r"(?:no|none|nothing|not)\b\s+\w+", text, re.I)) and not re.match(
        r"no (?:change|data|figure|value|reason)\b", text, re.I
    )
