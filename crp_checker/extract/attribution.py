"""Whose net zero is it? Separating the supplier's own pledge from targets it only mentions.

Plans quote other people's targets ("we support the UK Government's target of net zero by
2050", "the NHS's net zero ambition", "PPN 06/21 requires suppliers to commit to net zero"),
define terms ("'carbon neutral' is not the same as net zero") and describe how they will get
there ("our route to net zero relies mainly on offsetting"). These helpers read one sentence
at a time and say which part of it belongs to someone else, so the year of a quoted target
never becomes the supplier's year.
"""

from __future__ import annotations

import re

# Who else may own a net zero target: governments, the country, a sector, clients.
_OUTSIDE = (
    r"(?:the\s+)?(?:uk|u\.k\.|united kingdom|britain|british|england|scotland|scottish|wales|"
    r"welsh|national|nation(?:'s|’s)?|country(?:'s|’s)?|government|gov(?:ernment)?(?:'s|’s)|"
    r"nhs|sector|industry|paris|climate change act|legislation|global|world(?:'s|’s)?|"
    r"council(?:'s|’s)?|clients?|customers?|partners?|communit(?:y|ies)|members?|public sector)"
)
# Verbs by which a supplier backs someone else's goal rather than pledging its own.
_BACKING = (
    r"support(?:s|ed|ing)?|in support of|back(?:s|ed|ing)?|endors(?:e|es|ed|ing)|"
    r"contribut(?:e|es|ed|ing)\s+(?:to|towards)|"
    r"help(?:s|ed|ing)?(?:\s+(?:to|the\s+uk|the\s+government|deliver|achieve|meet|reach))*|"
    r"play(?:s|ed|ing)?\s+(?:our|its|their|a|an)\s+(?:full\s+|active\s+|key\s+|important\s+)?"
    r"(?:part|role)\s+(?:in|towards)|"
    r"(?:do|does|doing)\s+(?:our|its|their)\s+(?:part|bit)(?:\s+(?:in|for|towards))?"
)
# Weaker links that only point outside when an outside body is named.
_LINKING = (
    r"recognis(?:e|es|ed|ing)|recogniz(?:e|es|ed|ing)|acknowledg(?:e|es|ed|ing)|"
    r"align(?:s|ed|ing)?\s+(?:with|to)|in\s+line\s+with|in\s+keeping\s+with|consistent\s+with|"
    r"in\s+response\s+to|as\s+part\s+of|as\s+required\s+by|following|under|towards|toward|"
    r"in\s+accordance\s+with|according\s+to|pursuant\s+to|as\s+set\s+out\s+in|as\s+per|"
    r"to\s+comply\s+with|in\s+compliance\s+with"
)
_FRONTED = re.compile(rf"^\W*(?:{_LINKING})\b[^,;:.]{{0,80}},", re.I)
_BACKING_FRAME = re.compile(rf"\b(?:{_BACKING})\b", re.I)
_LINKING_FRAME = re.compile(rf"\b(?:{_LINKING})\b", re.I)
_OUTSIDE_WORD = re.compile(rf"\b{_OUTSIDE}\b", re.I)
_OWN = re.compile(r"\b(?:our|my)\b(?!\s+(?:part|bit|role|clients?|customers?|partners?))", re.I)
# A clause ends at punctuation, or where "and"/"but" opens a new predicate ("supports the Paris
# Agreement and is committed to net zero by 2045").
_CLAUSE_END = re.compile(
    r"[;:.!?,]|\s+(?:and|but|while|whilst)\s+(?:we|our|it|they|is|are|has|have|will|shall|"
    r"would|can|commit\w*|aim\w*|pledge\w*|plan\w*|intend\w*|set\w*|target\w*)\b",
    re.I,
)
_UK_YEAR = re.compile(r"\b2050\b")
_ANY_YEAR = re.compile(r"\b20\d\d\b")
_POSSESSED = re.compile(r"\b(?:our|its|my)\s*$", re.I)
# "the UK's 2050 net zero target", "the Government's target of net zero by 2050".
_OUTSIDE_TARGET = re.compile(
    rf"\b{_OUTSIDE}\s+(?:[\w’'-]+\s+){{0,5}}?"
    r"(?:target|goal|ambition|commitment|transition|journey|pathway|strategy|legislation|"
    r"obligation|plan|mission|agenda|trajectory|drive|effort|roadmap|deadline|requirement)s?\b"
    r"(?:\s+(?:of|to|for|towards)\s+(?:achiev\w+|reach\w*|becom\w+|be\s+)?"
    r"(?:[\w’'-]+\s+){0,3}?(?:by\s+)?(?:19|20)\d\d)?",
    re.I,
)
# A commitment verb that adopts the outside target as the supplier's own.
_ADOPTS = re.compile(
    r"\b(?:commit(?:s|ted)?|committing|pledge[sd]?|adopt(?:s|ed)?|sign(?:ed)?\s+up)\s+"
    r"(?:ourselves\s+|itself\s+)?(?:to\s+)?(?:achiev\w+|meet\w*|reach\w*|deliver\w*)?\s*$",
    re.I,
)
# A term being defined or set aside, not pledged: "'Carbon neutral' is not the same thing".
_DEFINED_AFTER = re.compile(
    r"^\s*[\"'’”]?\s*(?:\([^)]*\)\s*)?(?:is\s+not|isn[’']t|is\s+a\s+term|is\s+defined|"
    r"is\s+different|differs|does\s+not\s+mean|means|refers\s+to|describes|is\s+where|"
    r"is\s+when|,\s*which\s+means|is\s+the\s+same|=)",
    re.I,
)
_SET_ASIDE_BEFORE = re.compile(
    r"(?:rather\s+than|instead\s+of|unlike|not\s+just|not\s+only|not\s+merely|as\s+opposed\s+to|"
    r"distinct\s+from|different\s+from|confuse\w*\s+with|the\s+term|what\s+is|what\s+does|"
    r"definition\s+of|known\s+as|so-called|called)\s*[\"'‘“]?\s*$",
    re.I,
)

# Offsetting as the route itself, not for the residue.
_MAINLY = re.compile(
    r"\b(?:main(?:ly)?|mostly|primar(?:y|ily)|largely|chiefly|principal(?:ly)?|predominantly|"
    r"rel(?:y|ies|ying|iant|iance)\s+(?:\w+\s+){0,2}on|depend\w*\s+(?:\w+\s+){0,2}on)\b",
    re.I,
)
_NOT_MAINLY = re.compile(
    r"\b(?:residual|remaining|unavoidable|last\s+resort|not\s+(?:\w+\s+){0,2}rel\w*|"
    r"without\s+rel\w*|no\s+longer\s+rel\w*|minimi[sz]e\s+(?:our\s+)?reliance|rather\s+than|"
    r"instead\s+of|never|the\s+rest|the\s+remainder|the\s+balance|residue|only\s+(?:\w+\s+){0,3}(?:left|remain)\w*|what\s+(?:is\s+)?left|"
    # "by cutting emissions, not by buying offsets"; "only emissions we cannot remove"
    r"not\s+(?:by|through|via)\s+(?:buying\s+|purchasing\s+)?offset\w*|"
    r"only\s+(?:the\s+)?(?:emissions|those)\s+(?:\w+\s+){0,2}(?:cannot|can't|can\s+not)\b)\b",
    re.I,
)
_MEANS = re.compile(
    r"(?P<lead>\S*\s*)\b(?:through|by|via|using)\s+(?:the\s+)?(?:purchase\s+of\s+|buying\s+|"
    r"use\s+of\s+)?(?:verified\s+|certified\s+|accredited\s+|high[- ]quality\s+)?$",
    re.I,
)


# A duty laid on someone ("suppliers must commit to net zero by 2050", "the plan must commit the
# bidder to ...", "bidders are required to confirm ..."): a requirement, not a pledge.
_OBLIGATION = re.compile(
    r"\b(?:must|should|(?:is|are)\s+(?:required|expected|asked|obliged)\s+to|required\s+to|"
    r"needs?\s+to|ha(?:s|ve)\s+to)\b",
    re.I,
)
_THIRD_PARTY = re.compile(
    r"\b(?:suppliers?|bidders?|tenderers?|contractors?|sub-?contractors?|organisations|"
    r"organizations|companies|businesses|firms|applicants|plans?|crps?)\s+(?:\w+\s+){0,2}$",
    re.I,
)
_FIRST_PERSON_WORD = re.compile(r"\b(?:(?i:we|our|us|my)|I)\b")
# "by 2050 at the latest", "no later than 2050": a deadline set for others.
# "by 2050 or earlier", "by 2050 or sooner": the same cap, written after the year.
_CAP = re.compile(
    r"\bat\s+the\s+latest\b|\bno\s+later\s+than\b|\b(?:19|20)\d\d\s+or\s+(?:earlier|sooner)\b",
    re.I,
)
# "A commitment to ...", "1. A commitment to ...", "(a) a commitment to ...": a list item.
_GENERIC_OPENING = re.compile(r"^\W*(?:(?:\d{1,2}|[a-z])[.)]\s+)?(?:a|an|any|each|every)\b", re.I)


# Who else may hold a net zero pledge even when the plan calls them "ours": clients,
# landlords, energy suppliers, councils, the NHS, the world ("Our landlord has committed to
# making the building net zero by 2035"). "The Supplier" (capitalised, the template's word for
# the bidder) is the plan's own organisation.
_THIRD_PARTY_SUBJECT = re.compile(
    # Lower case on purpose: "RSS Global Limited" or "World Travel Ltd" is the supplier; a word
    # joined by a hyphen is a modifier ("customer-facing operations", "world-class team").
    r"\b(?:clients?|customers?|landlords?|tenants?|partners?|councils?|local\s+authorit(?:y|ies)|"
    r"contracting\s+authorit(?:y|ies)|buyers?|(?:[Tt]he|HM|UK)\s+(?:NHS|Government)|NHS\s+England|"
    r"government|sector|industry|science|scientists|world|country|nation|IPCC|suppliers|"
    r"(?:electricity|energy|gas|fuel|key|main|major|largest|logistics|waste)\s+suppliers?|"
    r"other\s+(?:organisations|companies|businesses|firms)|"
    r"[Mm]any\s+(?:organisations|companies|businesses|firms))\b(?![-\u2010\u2011])"
)
# A phrase that sets the scene before the subject ("To support our clients, Acme Ltd ...").
_SCENE = re.compile(
    r"^\W*(?:to|like|unlike|as|with|for|in|alongside|along|working|together|following|"
    r"supporting|helping)\b[^,]*,",
    re.I,
)
_SUBJECT_SELF = re.compile(r"\b(?:we|I)\b|\b(?:Ltd|Limited|plc|PLC|LLP|LLC|Inc|CIC)\b\.?", re.I)


def scene_end(text: str) -> int:
    """Where a phrase fronted before a comma that only sets the scene ends ("As a business in
    the construction industry, ..."), or 0."""
    scene = _SCENE.match(text)
    return scene.end() if scene else 0


def names_self(subject: str) -> bool:
    """The subject is the writer: "we", "I" or a company named with its legal form ("Acme
    Government Services Ltd"), whatever other words its name holds."""
    return bool(_SUBJECT_SELF.search(_SCENE.sub("", subject)))


def third_party_subject(subject: str) -> bool:
    """The words before the pledge verb name someone else as its subject ("Our client, the
    NHS, aims to ...", "Many of our customers have set ..."), and not "we", "I" or a company;
    a phrase fronted before a comma only sets the scene ("To support our clients, Acme ...")."""
    subject = _SCENE.sub("", subject)
    return bool(_THIRD_PARTY_SUBJECT.search(subject)) and not _SUBJECT_SELF.search(subject)


def is_requirement(text: str) -> bool:
    """The sentence lays a duty on others (a tender notice, a guide, a supply chain policy)
    rather than pledging: an obligation whose subject is not the writer ("Suppliers must
    commit to net zero by 2050"; "Our subcontractors must ..."), or a generic item with a
    deadline ("A commitment to net zero by 2050 at the latest")."""
    for duty in _OBLIGATION.finditer(text):
        before = text[: duty.start()]
        if _THIRD_PARTY.search(before) or not _FIRST_PERSON_WORD.search(before):
            return True
    return bool(
        _CAP.search(text) and _GENERIC_OPENING.match(text) and not _FIRST_PERSON_WORD.search(text)
    )


def outside_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that speak of someone else's net zero: a backing frame ("we support the
    UK's transition to net zero by 2050") or an outside target ("the Government's 2050 target")
    that the sentence does not adopt with a commitment verb."""
    spans: list[tuple[int, int]] = []
    for verb in (*_BACKING_FRAME.finditer(text), *_LINKING_FRAME.finditer(text)):
        if verb[0][0].isupper() and text[: verb.start()].strip(" \"'‘“•-–*"):
            continue  # "SSG Support Services": a name, not the verb
        end_match = _CLAUSE_END.search(text, verb.end())
        end = end_match.start() if end_match else len(text)
        frame = text[verb.end() : end]
        strong = bool(_BACKING_FRAME.fullmatch(verb[0]))
        head = re.split(r"\bnet[\s-]*zero\b", frame, maxsplit=1, flags=re.I)[0]
        if _OWN.search(head):
            continue  # "supports our commitment to net zero by 2040" is the supplier's own
        if _OUTSIDE_WORD.search(head):
            spans.append((verb.start(), end))
        elif strong and (_UK_YEAR.search(frame) or not _ANY_YEAR.search(frame)):
            # "we play our part in reaching net zero by 2050": the national goal. With a year
            # of its own ("... by 2040") the supplier is describing its own target.
            spans.append((verb.start(), end))
    for target in _OUTSIDE_TARGET.finditer(text):
        if _ADOPTS.search(text[: target.start()]) or _POSSESSED.search(text[: target.start()]):
            continue  # "committed to meeting the UK's 2050 target" adopts it
        spans.append((target.start(), target.end()))
    return spans


def fronted(text: str) -> tuple[int, int] | None:
    """An opening phrase that only points elsewhere ("In accordance with PPN 06/21, ...")."""
    lead = _FRONTED.match(text)
    return (0, lead.end()) if lead else None


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies within one of `spans`."""
    return any(s <= start and end <= e for s, e in spans)


def is_mention(text: str, start: int, end: int) -> bool:
    """The phrase at [start, end) is named, defined or set aside, not pledged."""
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    return bool(_SET_ASIDE_BEFORE.search(before) or _DEFINED_AFTER.match(after))


# A deep cut stated beside the offsets ("90% lower, the rest removed"): they balance a residue.
_DEEP_CUT = re.compile(r"(?<![\d.])(?:[5-9]\d|100)(?:\.\d+)?\s*%")


def offsets_main_route(text: str, offset_starts: list[int]) -> bool:
    """The sentence makes offsetting the main way to the goal, not a way to balance the rest."""
    if not offset_starts or _NOT_MAINLY.search(text) or _DEEP_CUT.search(text):
        return False
    if _MAINLY.search(text):
        return True
    for start in offset_starts:
        means = _MEANS.search(text[:start])
        if means is None or re.search(r"(?:,|\band)\s*$", means["lead"]):
            continue
        rest = re.split(r"[.;]", text[start:], maxsplit=1)[0]
        if not re.search(r",|\band\b|\bas well as\b|\balongside\b", rest):
            return True  # "net zero by 2040 through offsetting": offsetting is the only means
    return False
