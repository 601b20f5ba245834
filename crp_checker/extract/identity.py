"""Who the plan is for: the organisation's name as the plan gives it.

Plans name themselves in a field ("Supplier name:", "Company:", a table row), as the subject
of the commitment ("Acme Ltd is committed ..."), in the title or a running header, or only as
a legal name somewhere near the top. The name keeps a trading name ("Starcross Trading
Limited t/a BEARS", "Tom Hartley, trading as Hartley Land Surveys") but not what follows the
legal name in the same field: a company number, an address, "part of ... Group".
"""

from __future__ import annotations

import re

from crp_checker.extract.context import DocumentContext
from crp_checker.extract.lines import Line
from crp_checker.extract.values import find_dates
from crp_checker.readings import mark_inferred
from crp_checker.schemas import Evidence, Facts

_FILLER = " .…_:-–\t|"
_ORG_FIELD = re.compile(
    r"^(?:(?:supplier|company|client|organisation|organization|business|bidder|contractor|"
    r"bidding (?:entity|supplier)|legal entity|registered|entity|trading|firm|charity|"
    r"practice|provider)(?:'s|’s)?\s*(?:legal\s+)?"
    r"(?:name)?|name of (?:the )?(?:supplier|company|organisation|organization|business|"
    r"bidder))\s*[:\-–|]\s*(?P<v>.*?)\s*\|?$",
    re.I,
)
# "Organisation Holtby Fabrications Ltd": a borderless two-column table in a PDF reads as one
# line, the field and its value with nothing between; the value must be a whole legal name.
_ORG_FIELD_RUN_ON = re.compile(
    r"^(?:Supplier|Company|Client|Organisation|Organization|Bidder|Contractor|Certified "
    r"organisation|Legal entity)(?:\s+(?i:name))?\s+(?P<v>[A-Z].*)$"
)
_SUBJECT = re.compile(
    r"^(?:at\s+)?(?P<org>[A-Z][^.;:]{1,100}?)\s*,?\s+(?:is|are|has|have|remains?)\s+"
    r"(?:\w+\s+){0,2}(?:committed|commit|pledged|intending)",
)
# "Corvedale Veterinary Practice commits to net zero ...": the commitment's subject, present tense.
_COMMITS = re.compile(r"^(?P<org>[A-Z][^.;:,]{1,100}?)\s+(?:commits|pledges)\s+to\b")
_ALIAS = re.compile(r"\s*\((?:[^)]*(?:“|\"|henceforth|trading as|t/a|referred)[^)]*)\)")
_SUFFIX = (
    r"(?:Ltd\.?|LTD|Limited|LIMITED|LLP|PLC|plc|CIC|Inc\.?|Co-operative|Cooperative|"
    r"Co-op|Community Interest Company|CIO|Charitable Trust|Housing Association|"
    r"& Co\.?|and Co\.?)"
)
_LEGAL = re.compile(
    r"\b(?P<org>(?:[A-Z][\w&'’.-]*|&)(?:[ \t]+(?:[A-Z(][\w&'’().-]*|and|&|of|t/a|for))*"
    rf"[ \t]+{_SUFFIX})(?![\w-])"  # "Director and Co-founder" names no company
)
_NUMBER_TAIL = re.compile(
    r"[\s,(|·–—-]*\(?\b(?:company|registered|reg\.?|registration|charity|co\.)\s*"
    r"(?:no\.?|number|reg(?:istration)?)\b.*$",
    re.I,
)
_LEAD = re.compile(
    r"^(?:prepared\s+by|produced\s+by|published\s+by|by|from|"
    r"(?:the\s+)?(?:carbon\s+reductions?|net\s+zero)\s+plan\s+(?:of|for))\s+",
    re.I,
)
_NAME_WORDS = r"[A-Z][\w&]+(?:\s+(?:[A-Z][\w&]+|&|of|and))*"
# "At Fairtrade Vending we take ...", "Prostart Training’s overarching approach",
# "HTM has taken steps": a proper name acting as the organisation.
_INFORMAL = [
    re.compile(rf"^[“\"']?At\s+(?P<org>{_NAME_WORDS}),?\s+we\b"),
    # An "About Heronsgate Joinery" heading on a web page.
    re.compile(rf"^About\s+(?P<org>{_NAME_WORDS})\s*$"),
    re.compile(
        rf"(?:^|\s)(?P<org>{_NAME_WORDS})(?:’s|'s|’)\s+(?:overarching|approach|emissions|"
        r"carbon|commitment|plan|policy|footprint|operations|journey)\b"
    ),
    re.compile(
        rf"^(?P<org>{_NAME_WORDS})\s+(?:has|have)\s+(?:taken|set|made|achieved|become|joined)\b"
    ),
]
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?"
    r"\s*,?\s*)?(?P<org>[A-Z][^.|·•,©]{1,80}?)\s*(?:(?:19|20)\d\d\s*)?"
    r"(?:[.|·•,]|\ball rights\b|$)",
    re.I,
)
_REGISTERED = re.compile(
    r"^\W*(?P<org>[A-Z][\w&'’ .()-]{1,80}?)\s+(?:is\s+)?(?:a\s+(?:private\s+)?(?:limited\s+)?"
    r"(?:company|charity|partnership|society)\s+)?registered\s+in\s+(?:england|scotland|wales|"
    r"northern\s+ireland|the\s+uk)",
    re.I,
)
# "Calder Mill Vets Carbon Reduction Plan 2026": a name run into the title.
_RUN_IN_TITLE = re.compile(
    r"^\W*(?P<org>(?:[A-Z][\w&'’.-]*|&|and|of)(?:\s+(?:[A-Z][\w&'’.-]*|&|and|of))+?)"
    r"\s+(?i:carbon reductions? plan|net zero plan)\b"
)
_TITLE_STEMS_TEXT = """net zero carbon emissions emission reduction interim updated annual draft
    final revised new first our the ppn uk climate environmental sustainability plan"""
_TITLE_STEMS = frozenset(_TITLE_STEMS_TEXT.split())
_BEHALF = re.compile(rf"\b(?i:on behalf of)\s+(?P<org>{_NAME_WORDS})")
_PERIOD_START = re.compile(
    r"^\s*(?:the\s+)?(?:(?:academic|financial|calendar|reporting|fiscal|trading)\s+year|"
    r"year\s+(?:ending|ended|to)|FY\s?\d|(?:19|20)\d\d|(?:12|twelve)\s+months)",
    re.I,
)
_TITLE_ORG = [
    re.compile(r"^(?P<org>.+?)\s*[-–—|:]\s*carbon reductions? plan\b", re.I),
    re.compile(r"^carbon reductions? plan\s*(?:for|of|[-–—|:])\s*(?P<org>[^-–—|:]+)", re.I),
]
_NOT_SUBJECT = re.compile(
    r"^(?:the|our|this|all|every|each|management|senior|leadership|everyone|staff|we|it)\b",
    re.I,
)
# Two capitalised words in a row that are not everyday plan vocabulary: a proper name.
_PAIR = re.compile(r"(?<![\w&-])[A-Z][a-z]{2,}\s+[A-Z][a-z]{2,}(?![\w-])")
_COMMON_WORDS = """
    carbon reduction plan plans net zero scope emissions emission baseline current total
    declaration sign off commitment commitments targets target projects project greenhouse gas
    gases protocol government policy procurement note standard reporting year years energy
    electricity business travel employee employees commuting waste transportation distribution
    upstream downstream category managing director directors board chief executive officer
    company limited group environmental environment management system science based initiative
    climate change act january february march april may june july august september october
    november december monday tuesday wednesday thursday friday saturday sunday sustainable
    sustainability social governance ethical community engagement resource efficiency growth
    stewardship welfare wellbeing practices practice footprint performance statement report
    annual strategy vision mission values code conduct training learning health safety quality
    supply chain suppliers supplier customer customers client clients service services our
    the and for with from this that your their united kingdom england wales scotland london
    national public sector page contents introduction summary overview appendix table figure
    responsible procurement renewable solar heat pump vehicle vehicles fleet electric office
    offices site sites building buildings operations operational digital cyber remote working
    conversion factors department desnz defra beis reduction reductions data"""
_COMMON = frozenset(_COMMON_WORDS.split())
_NOT_ORG = re.compile(
    r"^(?:we|it|they|the company|our company|our organisation|this plan|the organisation|"
    r"the business|our business|this|the group|"
    # "The partners have committed the practice ...": the firm's owners, not its name.
    r"the (?:partners|directors|board(?: of directors)?|trustees|owners))$"
    # "Beyond carbon neutrality, we are committed ...": the subject is the pronoun.
    r"|.*[\s,](?:we|it|they|i)$",
    re.I,
)
# The name block under the title: "Ferrand & Daughter Tree Surgery (a partnership of ...)",
# "Hollins Vale Nurseries, Ludlow": capitalised words, cut at a bracket, comma or dash.
_NAME_LINE_CUT = re.compile(r"\s*(?:[(,|·•]|\s[-–—]\s).*$")
_NAME_LINE_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|&|and|of|the|for|de|la)$")
_HEADING_WORDS_TEXT = """notes completion guidance summary executive introduction contents
    overview foreword background purpose scope statement declaration appendix"""
_HEADING_WORDS = frozenset(_HEADING_WORDS_TEXT.split())
_NOT_NAME_LABELS = ("SECTION", "CRP_TITLE", "TEMPLATE_NOTE", "BOILERPLATE", "PLACEHOLDER")
_NOT_NAME_START_TEXT = """prepared published issued issue updated version date dated reporting
    baseline our this a an for by contents introduction page approved signed reviewed"""
_NOT_NAME_START = frozenset(_NOT_NAME_START_TEXT.split())


def _clean(value: str) -> str:
    value = _ALIAS.sub("", value)
    value = re.sub(r"[“”\"]|(?<!\w)[‘’']|[‘’'](?!\w)", "", value)
    value = " ".join(value.strip(_FILLER).split()).strip(_FILLER + ",")
    return _trim(value)


def _trim(value: str) -> str:
    """'Acme Ltd (company no. 0123), part of Acme Group' -> 'Acme Ltd'; 'By Acme Ltd' -> 'Acme
    Ltd'. A trading name after the legal name stays ('Acme Ltd t/a Bears')."""
    value = _LEAD.sub("", value)
    value = _NUMBER_TAIL.sub("", value).strip(_FILLER + ",")
    legal = _LEGAL.match(value)
    if legal:
        rest = value[legal.end() :]
        if re.match(r"\s*(?:[,(|·–—]|\.\s|\s-\s)", rest) and not re.match(
            r"\s*,?\s*(?:t/a|trading as)\b", rest, re.I
        ):
            value = legal["org"]
    return value.strip(_FILLER + ",")


def _subject_name(subject: str) -> str:
    """The name in a commitment's subject: its legal name if it holds one ('Acme Group Ltd and
    its subsidiaries'), else the last part after a title dash ('... Plan – Acme')."""
    subject = _ALIAS.sub("", subject)
    # "The partners of Kingsmead Dental Partnership": the firm the owners speak for.
    subject = re.sub(
        r"^the\s+(?:partners|directors|board|trustees|owners)\s+(?:of|at)\s+",
        "",
        subject,
        flags=re.I,
    )
    legal = list(_LEGAL.finditer(subject))
    if legal:
        trading = re.match(r"\s*,?\s*(?:t/a|trading as)\s+.+", subject[legal[-1].end() :], re.I)
        return _clean(legal[-1]["org"] + (trading[0] if trading else ""))
    return _clean(re.split(r"\s[–—|-]\s", subject)[-1])


def same_organisation(text: str, organisation: str) -> bool | None:
    """Whether the legal name `text` holds ('Certification Manager, Pennine Certification Ltd')
    shares a word of its own with `organisation`; None when `text` names no organisation."""
    names = [_clean(m["org"]) for m in _LEGAL.finditer(text)]
    if not names:
        return None
    own = _distinctive(organisation)
    return any(_distinctive(name) & own for name in names)


def _distinctive(name: str) -> set[str]:
    words = {w.strip(".,()").lower() for w in name.split()}
    return words - {"ltd", "limited", "plc", "llp", "cic", "group", "the", "and", "&", "of", "uk"}


def _top_lines(context: DocumentContext, count: int = 12) -> list[Line]:
    return [line for line in context.lines if not line.furniture][:count]


def extract_organisation(context: DocumentContext, facts: Facts) -> None:
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
        if _dated(value):
            continue  # "... my first full year of / trading: 6 April 2021 to ...": prose, no field
        if value and not context.matches_in(line, "PLACEHOLDER") and len(value) <= 120:
            facts.organisation = value
            facts.evidence["organisation"] = [line.evidence()]
            return
    for line in context.lines:
        run_on = _ORG_FIELD_RUN_ON.match(line.text)
        legal = _LEGAL.fullmatch(run_on["v"].strip()) if run_on else None
        if legal is not None and len(legal["org"].split()) >= 2:
            facts.organisation = _clean(legal["org"])
            facts.evidence["organisation"] = [line.evidence()]
            return
    wording = facts.net_zero_wording or ""
    m = _SUBJECT.match(wording) or _COMMITS.match(wording)
    if m and not _NOT_ORG.match(_clean(m["org"])):
        facts.organisation = _subject_name(m["org"])
        facts.evidence["organisation"] = list(facts.evidence.get("net_zero", []))
        defined = _alias_defined(context, facts.organisation)
        if defined is not None:
            facts.organisation, line = defined
            facts.evidence["organisation"] = [line.evidence()]
        return
    certified = _certified(context)
    if certified is not None:
        facts.organisation, line = certified
        facts.evidence["organisation"] = [line.evidence()]
        return
    furniture = [line for line in context.lines if line.furniture][:12]
    examples = [line.text for line in context.lines if _example(context, line)]
    for line in [*_top_lines(context, 25), *furniture]:
        legal = _LEGAL.search(line.text)
        if legal and not any(legal["org"] in text for text in examples):
            facts.organisation = _clean(legal["org"])
            facts.evidence["organisation"] = [line.evidence()]
            return
    stated = _stated_elsewhere(context)
    if stated is not None:
        facts.organisation, line = stated
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
            if title and _PERIOD_START.match(title["org"]):
                continue  # "Carbon Reduction Plan for academic year 2024/25": a period, no one
            if title and 2 <= len(_clean(title["org"])) <= 80:
                facts.organisation = _clean(title["org"])
                facts.evidence["organisation"] = [line.evidence()]
                return
    titled = _from_source_title(context)
    if titled is not None:
        facts.organisation = titled
        facts.evidence["organisation"] = [Evidence(page=None, quote=_source_title(context))]
        mark_inferred(facts, "organisation", f"read from the page title '{_source_title(context)}'")
        return
    for line in _top_lines(context, 6):
        run_in = _RUN_IN_TITLE.match(line.text)
        words = run_in["org"].lower().split() if run_in else []
        if (
            run_in
            and len(words) >= 2
            and _name_like(run_in["org"])
            and not _TITLE_STEMS & set(words)
        ):
            facts.organisation = _clean(run_in["org"])
            facts.evidence["organisation"] = [line.evidence()]
            return
    named = _name_under_title(context)
    if named is not None:
        facts.organisation, line = named
        facts.evidence["organisation"] = [line.evidence()]
        return
    for sentence in context.sentences[:60]:
        m = _SUBJECT.match(sentence.text)
        if (
            m
            and not _NOT_SUBJECT.match(m["org"])
            and not _NOT_ORG.match(_clean(m["org"]))
            and len(m["org"].split()) <= 8
        ):
            facts.organisation = _subject_name(m["org"])
            facts.evidence["organisation"] = [sentence.evidence()]
            return
    if not _legal_anywhere(context, facts) and not _on_behalf_of(context, facts):
        _recurring_name(context, facts)


# A certificate's holder ("This is to certify that / Acme Ltd"), not the body that issues it,
# whose name heads the page.
_CERTIFIES = re.compile(
    r"\b(?:this\s+is\s+to\s+certify\s+that|this\s+(?:certificate\s+)?certifies\s+that|"
    r"(?:awarded|presented|issued)\s+to|certificate\s+holder\s*:?)",
    re.I,
)


def _certified(context: DocumentContext) -> tuple[str, Line] | None:
    """The organisation a certificate is issued to, named on its line or the next."""
    top = _top_lines(context, 25)
    for index, line in enumerate(top):
        m = _CERTIFIES.search(line.text)
        if m is None:
            continue
        for text, where in (
            (line.text[m.end() :], line),
            *((t.text, t) for t in top[index + 1 : index + 2]),
        ):
            legal = _LEGAL.search(text)
            if legal is not None and len(text[: legal.start()].split()) <= 2:
                return _clean(legal["org"]), where
    return None


def _dated(value: str) -> bool:
    """A field's value that opens with a date or a period is no organisation's name."""
    dates = find_dates(value)
    return bool(dates) and dates[0].start == 0


def _alias_defined(context: DocumentContext, alias: str) -> tuple[str, Line] | None:
    """The full name a short name stands for, where the plan defines it: 'Harbour View
    Facilities Management Limited (HVFM)', 'Kestrel Data Systems Ltd ("Kestrel")'. A
    commitment's subject is often the short name; the supplier is the full one."""
    if len(alias.split()) > 2:
        return None
    defined = re.compile(
        r"(?P<full>[A-Z][^()\n]{2,100}?)\s*\(\s*(?:the\s+)?[\"“‘']?"
        + re.escape(alias)
        + r"[\"”’']?\s*\)"
    )
    for line in context.lines[:200]:
        found = defined.search(line.text)
        if found is None:
            continue
        full = _clean(found["full"])
        if full.lower() != alias.lower() and len(full.split()) >= 2 and _name_like(full):
            return full, line
    if re.fullmatch(r"[A-Z]{2,6}", alias):
        for line in _top_lines(context, 25):
            for legal in _LEGAL.finditer(line.text):
                if _initials(legal["org"]) == alias:
                    return _clean(legal["org"]), line
    return None


def _initials(name: str) -> str:
    """'Harbour View Facilities Management Limited' -> 'HVFM' (the legal form and small words
    left out), to match a plan that calls itself by its initials."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w[0].isupper()]
    suffix = re.compile(_SUFFIX + r"$")
    while words and suffix.match(words[-1]):
        words.pop()
    return "".join(w[0] for w in words)


def _on_behalf_of(context: DocumentContext, facts: Facts) -> bool:
    """The name the plan is signed for ("Signed for and on behalf of Wharfe Valley Plumbing")."""
    for line in context.lines:
        m = _BEHALF.search(line.text)
        if m is None:
            continue
        name = _clean(m["org"])
        if len(name.split()) >= 2 and _name_like(name) and not _NOT_ORG.match(name):
            facts.organisation = name
            facts.evidence["organisation"] = [line.evidence()]
            return True
    return False


def _legal_anywhere(context: DocumentContext, facts: Facts) -> bool:
    """A legal name further down the plan ("... by Tolland Scaffolding Ltd's directors"), when
    none was found near the top: read as inferred, for a person to confirm."""
    examples = [line.text for line in context.lines if _example(context, line)]
    for line in context.lines:
        legal = _LEGAL.search(line.text)
        if legal and not any(legal["org"] in text for text in examples):
            name = _clean(legal["org"])
            if len(name.split()) < 2 or _NOT_ORG.match(name):
                continue
            facts.organisation = name
            facts.evidence["organisation"] = [line.evidence()]
            mark_inferred(facts, "organisation", f"the only legal name read is on p. {line.page}")
            return True
    return False


def _name_like(name: str) -> bool:
    """Two to eight capitalised words (with '&', 'and', 'of'), not plan vocabulary."""
    words = name.split()
    if not 1 <= len(words) <= 8 or not all(_NAME_LINE_WORD.match(word) for word in words):
        return False
    if words[0].lower() in _NOT_NAME_START or any(w.lower() in _HEADING_WORDS for w in words):
        return False
    return any(w[:1].isupper() and w.lower() not in _COMMON for w in words)


def _stated_elsewhere(context: DocumentContext) -> tuple[str, Line] | None:
    """The name in a copyright notice ("© 2026 Kestrel Fabrication Ltd. All rights reserved.")
    or a registration line ("Marsh Lane Vets is registered in England and Wales ..."), where a
    web page's footer or a plan's closing lines give it."""
    for line in context.lines:
        for pattern in (_COPYRIGHT, _REGISTERED):
            m = pattern.search(line.text)
            if m is None:
                continue
            name = _clean(m["org"])
            if _name_like(name) and not _NOT_ORG.match(name):
                return name, line
    return None


def _example(context: DocumentContext, line: Line) -> bool:
    """A line introducing a worked example ("an imaginary firm, 'Example Heating Ltd'"): the
    firm it names is nobody's organisation."""
    return any(m.id == "example" for m in context.matches_in(line, "GUIDE"))


_TITLE_SPLIT = re.compile(r"\s+[|–—-]\s+|\s*[|:]\s+")
_GENERIC_SEGMENTS = re.compile(
    r"^(?:home|about(?: us)?|sustainability|environment(?:al)?|policies|news|our plan|"
    r"downloads?|documents?|esg|responsibility|corporate responsibility|csr)$",
    re.I,
)


def _source_title(context: DocumentContext) -> str:
    return " ".join((context.document.source.title or "").split())


def _from_source_title(context: DocumentContext) -> str | None:
    """A web page's <title> ("Carbon Reduction Plan | Wensley Dale Cheese Co"): the segment
    beside the plan's title that is a name, when exactly one is."""
    title = _source_title(context)
    if not title or not re.search(r"carbon reductions? plan|net zero plan", title, re.I):
        return None
    segments = [part.strip(_FILLER) for part in _TITLE_SPLIT.split(title)]
    names = [
        part
        for part in segments
        if part
        and not re.search(r"\b(?:plan|crp|ppn)\b", part, re.I)
        and not _GENERIC_SEGMENTS.match(part)
        and _name_like(part)
    ]
    return _clean(names[0]) if len(names) == 1 and len(segments) > 1 else None


def _name_under_title(context: DocumentContext) -> tuple[str, Line] | None:
    """A proper name on the line right below the plan's title ("Carbon Reduction Plan" /
    "Ferrand & Daughter Tree Surgery (a partnership of ...)"), or on the first line above it:
    the plan's own name block."""
    top = _top_lines(context, 6)
    for position, line in enumerate(top):
        if not context.matches_in(line, "CRP_TITLE") or len(line.text.split()) > 12:
            continue
        near = top[position + 1 : position + 2] + (top[:1] if position == 1 else [])
        for candidate in near:
            name = _NAME_LINE_CUT.sub("", candidate.text).strip(_FILLER + "*_#")
            if len(name.split()) < 2 or not _name_like(name):
                continue
            if any(context.matches_in(candidate, label) for label in _NOT_NAME_LABELS):
                continue
            return _clean(name), candidate
        return None
    return None


def _recurring_name(context: DocumentContext, facts: Facts) -> None:
    """Last resort: a proper name the document keeps using ("Lean Tree Academy", "Lean Tree
    Code of Conduct", "Lean Tree Menopause Policy"), read as the organisation's, marked as
    inferred so a person can check it."""
    counts: dict[str, int] = {}
    first: dict[str, Line] = {}
    for line in context.lines:
        for m in _PAIR.finditer(line.text):
            words = m.group(0).split()
            if any(word.lower() in _COMMON for word in words):
                continue
            counts[m.group(0)] = counts.get(m.group(0), 0) + 1
            first.setdefault(m.group(0), line)
    if not counts:
        return
    name, count = max(counts.items(), key=lambda item: item[1])
    if count >= 3:
        facts.organisation = name
        facts.evidence["organisation"] = [first[name].evidence()]
        mark_inferred(facts, "organisation", f"the name '{name}' recurs {count} times")
