"""When and where the plan is published: its publication date, and whether its URL is on the
supplier's own website (PPN 006 asks for the plan to be published and clearly signposted on
the supplier's UK website, not only on a document-sharing host).

The publication date is the date the plan gives itself: "Publication date:", "Issued",
"Date of issue", "Last updated", a version line or version table, a dated title, header or
footer. A baseline or reporting period, a target year, a next-review date or the sign-off
date is never taken for it: a plan dated only at its sign-off has no publication date (the
rule says so and quotes the sign-off date).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from crp_checker.extract.context import DocumentContext
from crp_checker.extract.lines import Line
from crp_checker.extract.values import YEAR, FoundDate, find_dates
from crp_checker.schemas import Facts

_ISSUED = (
    r"publication\s+date|published\s+date|date\s+of\s+publication|date\s+published|"
    r"approved\s+for\s+publication(?:\s+on|\s+in)?|"
    r"(?:re-?)?publish(?:ed)?(?:\s+on\s+(?:our|the)\s+web\s?site|\s+on|\s+in)?|"
    r"issue\s+dat[ea]|date\s+of\s+issue|(?:re-?)?issued(?:\s+on|\s+in)?|"
    r"date\s+issued|date\s+of\s+release|released(?:\s+on)?|"
    r"statement\s+date|document\s+date|plan\s+date|date\s+of\s+(?:this\s+)?plan|version\s+date|"
    r"effective\s+(?:date|from)|dated|valid\s+from|(?:prepared|produced|created|written|"
    r"compiled)(?:\s+on|\s+in)?|as\s+(?:at|of)|date\s+of\s+(?:this\s+)?(?:document|statement)"
)
_UPDATED = (
    r"last\s+updated|updated(?:\s+on|\s+in)?|last\s+reviewed|reviewed(?:\s+on|\s+in)?|"
    r"date\s+(?:last\s+)?reviewed|revised(?:\s+on|\s+in)?|revision\s+date|last\s+revised|"
    r"current\s+as\s+(?:at|of)"
)
_LABEL = re.compile(
    rf"(?:^|(?<=[\s|·•,;(–-]))(?P<label>(?P<issued>{_ISSUED})|(?P<updated>{_UPDATED}))"
    r"\s*(?:[:\-–|.]\s*)?(?:on\s+|in\s+)?[.…_\s]*",
    re.I,
)
# Words one of which every label holds: lines without any are not searched.
_LABEL_HINT = re.compile(
    r"publi|issu|updat|review|revis|dat|effective|valid|prepar|produc|creat|writt|compil|"
    r"as at|as of|releas",
    re.I,
)
_PLAIN_PUBLICATION = re.compile(
    r"publication\s+date|published(?:\s+date|\s+on)?|date\s+(?:of\s+)?publi(?:cation|shed)|"
    r"date\s+of\s+issue|issue\s+date",
    re.I,
)
_CLOSES = re.compile(r"\s*(?:[.;|]|$)")
_SENTENCE_BEFORE = re.compile(r"(?<!\b[A-Z])[.!?]\s+$")
_BARE_DATE = re.compile(r"^(?:date|dated)\s*[:\-–]?\s*|(?<=[\s|·•,;])date\s*:\s*", re.I)
# Dates that are never the publication date.
_NOT_ISSUE = re.compile(
    r"\b(?:next\s+review|review\s+date|due\s+for\s+review|to\s+be\s+reviewed|valid\s+until|"
    r"expir\w*|baseline|base\s+year|reporting\s+(?:year|period)|financial\s+year|year\s+end\w*|"
    r"period|target|by\s+20\d\d|from\s+20\d\d)\b",
    re.I,
)
# "PPN 06/21, published in June 2021": someone else's document.
_OTHER_DOCUMENT = re.compile(
    r"\b(?:ppn|procurement\s+policy\s+note|guidance|standard|factors|government|template|"
    r"act|report(?:ing)?\s+standard|protocol)\b[^.]{0,40}$",
    re.I,
)
_THIS_PLAN = re.compile(
    r"\b(?:this|our)\s+(?:carbon\s+reduction\s+)?(?:plan|document|crp|statement|policy|"
    r"(?:web\s*)?page)\b",
    re.I,
)
_SIGNATURE = re.compile(
    r"\b(?:signed|signature|signatory|sign[\s-]?off|on\s+behalf\s+of|approved\s+by|"
    r"director|chief\s+executive|ceo|owner|partner|chair(?:man|person)?|proprietor)\b",
    re.I,
)
_VERSION = re.compile(
    r"\b(?:version|ver\.?|v|rev(?:ision)?|(?<!date of )issue(?!\s*\d{1,2}\s+[a-z]))\s*"
    r"\d{1,2}(?:\.\d{1,2})?[a-z]?\b(?![./-]\d)",
    re.I,
)
_VERSION_HEAD = re.compile(r"\b(?:version|rev(?:ision)?|issue)\b.*\bdate\b", re.I)
# A labelled date of another event near the top ("Deadline for tenders:", "Closing date:",
# "Contract start:"): the label's words say whose date it is.
_OTHER_EVENT = re.compile(
    r"\b(?:closing|deadline|start(?:s|ing)?|end(?:s|ing)?|expir\w*|review|next|submissions?|"
    r"award|meeting|contract|tenders?|commencement|due|return|response|event|opening|"
    r"clarifications?|interview|visit)\b",
    re.I,
)
_SEGMENT = re.compile(r"\s+[|·•–—-]\s+|\s*[|·•]\s*")
_OTHER_FIELD = re.compile(r"^\W*(?P<label>[A-Za-z][^:\d]{1,40}?)\s*:\s*\S")
_LONE_YEAR = re.compile(
    r"(?:^|[|·–—,-]\s*)(?P<year>20[2-9]\d)\s*$|^(?P<alone>20[2-9]\d)\s*[|·–—-]", re.I
)


def _own_segment(text: str, date: FoundDate) -> bool:
    """The date stands alone between separators of a title block line ("Acme Ltd · Issue 2 ·
    12 June 2025", "Carbon Reduction Plan | Acme Ltd | June 2025")."""
    masked = _mask_versions(text)
    for part in _SEGMENT.split(masked):
        found = find_dates(part)
        if found and found[0].value == date.value and len(part.split()) <= 4:
            return True
    return False


@dataclass(frozen=True)
class _Found:
    rank: int
    order: int
    date: FoundDate
    line: Line
    wrapped: Line | None = None  # the next line, where the date wraps on to it


def _mask_versions(text: str) -> str:
    """'Version 1 - December 2024' is not the 1st of December: blank out version numbers."""
    return _VERSION.sub(lambda m: " " * len(m[0]), text)


def _first_date(text: str) -> FoundDate | None:
    dates = find_dates(_mask_versions(text))
    return dates[0] if dates else None


def _leads(tail: str, date: FoundDate) -> bool:
    """The date follows its label directly, or after a weekday ("Tuesday, 5 March 2024")."""
    gap = tail[: date.start]
    return len(gap) <= 3 or (
        (len(gap) <= 14 and not re.search(r"\d", gap) and len(gap.split()) <= 2)
        and not _NOT_ISSUE.search(gap)
    )


def _in_sign_off(context: DocumentContext, line: Line) -> bool:
    """A 'Date:' beside a signature or inside the declaration dates the sign-off; near the top
    of the plan it sits in the document-control block ("Approved by ... Date: ...")."""
    if context.section_of_line[line.index] == "declaration":
        return True
    if line.index < max(12, len(context.lines) // 3):
        return False
    before = context.lines[max(0, line.index - 3) : line.index]
    return any(other.page == line.page and _SIGNATURE.search(other.text) for other in before)


def _labelled(context: DocumentContext, organisation: str | None) -> list[_Found]:
    """'Publication date: ...', 'Issued ...', 'Last updated ...': the date right after the
    label. Mid-line only in the title block, a header or footer, of this plan itself, after
    the plan's own name block ('Acme Ltd - Stockport - Published 15 January 2026'), or as a
    sentence of its own ('... Norfolk IP26 5LJ. Publication date: 19 August 2026.')."""
    top = {line.index for line in [li for li in context.lines if not li.furniture][:12]}
    found: list[_Found] = []
    for line in context.lines:
        if not _LABEL_HINT.search(line.text):
            continue
        for m in _LABEL.finditer(line.text):
            before = line.text[: m.start()]
            # A line that names the plan ("Acme Ltd | Carbon Reduction Plan | Issued 3/3/26")
            # dates it, wherever it stands.
            titled = bool(before) and bool(context.matches_in(line, "CRP_TITLE"))
            placed = line.index in top or line.furniture or _THIS_PLAN.search(before) or titled
            placed = placed or _name_block(before, organisation)
            opens = not placed and m.start() > 0 and _opens_sentence(before, m["label"])
            if m.start() > 0 and not placed and not opens:
                continue
            # only the words of the label's own segment ("Reporting period: FY2025/26 ·
            # Published 15 May 2026": the period is another field's)
            own = _SEGMENT.split(before)[-1]
            if _OTHER_DOCUMENT.search(own) or _NOT_ISSUE.search(own):
                continue
            if m["label"].lower() == "dated" and _in_sign_off(context, line):
                continue  # "Signed: R Example / Dated: 03.02.26": the sign-off's date
            tail = line.text[m.end() :]
            date, wrapped = _first_date(tail), None
            if date is None:
                date, wrapped = _wrapped_date(context, line, tail)
            if date is None or not _leads(tail if wrapped is None else "", date):
                continue
            if opens and (wrapped is not None or not _CLOSES.match(tail[date.end :])):
                continue  # "Published 8 June 2025 by DESNZ, the factors ...": another's date
            rank = 0 if m["issued"] else 1
            found.append(_Found(rank, line.index, date, line, wrapped))
            break
    return found


def _opens_sentence(before: str, label: str) -> bool:
    """An unmistakable publication label opening a sentence anywhere ('... IP26 5LJ.
    Publication date: 19 August 2026.', a Word footer's '... on 9 May 2026. Published 11 May
    2026.'): a label that names nothing but this plan's publication, so no place vouches."""
    return bool(_SENTENCE_BEFORE.search(before)) and _PLAIN_PUBLICATION.fullmatch(label) is not None


def _wrapped_date(
    context: DocumentContext, line: Line, tail: str
) -> tuple[FoundDate | None, Line | None]:
    """A label's date broken over the line end ('Published: 24' / 'February 2026'): read from
    the label's tail joined to the next line, only where the tail is at most the day."""
    if len(tail.split()) > 1 or line.index + 1 >= len(context.lines):
        return None, None
    following = context.lines[line.index + 1]
    if following.page != line.page:
        return None, None
    joined = f"{tail.strip()} {following.text}".strip()
    date = _first_date(joined)
    if date is None or date.start > 0:
        return None, None
    return date, following


_PLACE = re.compile(r"^(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2}$")


def _name_block(before: str, organisation: str | None) -> bool:
    """What comes before a mid-line label is only the plan's name block: segments that are the
    organisation's name, a place or a version ('Acme Ltd - Stockport - ', 'Version 3.0 - ').
    A sentence about the organisation ('Acme Ltd's supplier code, published ...') is not."""
    if not re.search(r"[|·•–—,-]\s*$", before):
        return False
    name = (organisation or "").lower()
    segments = [part.strip(" ,") for part in _SEGMENT.split(before) if part.strip(" ,")]
    own = [s.lower() == name or bool(_VERSION.fullmatch(s)) for s in segments]
    places = [bool(_PLACE.match(segment)) for segment in segments]
    return any(own) and all(o or p for o, p in zip(own, places, strict=True))


def _bare_dates(context: DocumentContext, first_pages: set[int]) -> list[_Found]:
    found: list[_Found] = []
    top = {line.index for line in [li for li in context.lines if not li.furniture][:12]}
    for line in context.lines:
        m = _BARE_DATE.search(line.text)
        if not m or line.page not in first_pages or _in_sign_off(context, line):
            continue
        if m.start() > 0 and line.index not in top and not line.furniture:
            continue
        if _NOT_ISSUE.search(line.text[: m.start()]):
            continue  # "Next review date: June 2026"
        if _OTHER_EVENT.search(line.text[: m.start()]):
            continue  # "Closing date: 30 June 2026", "Start date: ...": another event's date
        date = _first_date(line.text[m.end() :])
        if date is not None and _leads(line.text[m.end() :], date):
            found.append(_Found(2, line.index, date, line))
    return found


def _version_table(context: DocumentContext) -> list[_Found]:
    """The latest date in a version or revision history table."""
    for line in context.lines:
        if not _VERSION_HEAD.search(line.text):
            continue
        rows = [
            (date, row)
            for row in context.lines[line.index + 1 : line.index + 12]
            if row.page == line.page and (date := _first_date(row.text)) is not None
        ]
        if rows:
            date, row = max(rows, key=lambda item: item[0].value)
            return [_Found(3, row.index, date, row)]
    return []


def _dated_top(context: DocumentContext) -> list[_Found]:
    """A date on the title page: a short dated line, the dated title, a dated header/footer."""
    found: list[_Found] = []
    top = [line for line in context.lines if not line.furniture][:8]
    first = context.document.pages[0].number if context.document.pages else 1
    edges = [line for line in context.lines if line.furniture and line.page == first]
    for line in [*top, *edges]:
        words = len(line.text.split())
        if _NOT_ISSUE.search(line.text) or words > 16:
            continue
        if context.section_of_line[line.index] == "declaration" or _SIGNATURE.search(line.text):
            continue  # a short plan's signature line dates the sign-off, not the plan
        titled = bool(context.matches_in(line, "CRP_TITLE"))
        field = _OTHER_FIELD.match(line.text)
        if field and not titled and _OTHER_EVENT.search(field["label"]):
            continue  # "Deadline for tenders: 9 October 2026", "Closing date: ...": another date
        date = _first_date(line.text)
        if date is not None and (words <= 8 or titled or _own_segment(line.text, date)):
            found.append(_Found(4, line.index, date, line))
    for line in top[:4]:
        lone = _LONE_YEAR.search(line.text)
        single = len(YEAR.findall(line.text)) == 1  # "2024 – 2025" is a period
        if lone and single and len(line.text.split()) <= 8 and not _NOT_ISSUE.search(line.text):
            year = int(lone["year"] or lone["alone"])
            when = FoundDate(dt.date(year, 1, 1), "year", lone.start(), lone.end(), str(year))
            found.append(_Found(5, line.index, when, line))
    return found


def extract_publication_date(context: DocumentContext, facts: Facts) -> None:
    """The publication date, from the most explicit place the plan gives one."""
    first_pages = {p.number for p in context.document.pages[:2]}
    candidates = [
        *_labelled(context, facts.organisation),
        *_bare_dates(context, first_pages),
        *_version_table(context),
        *_dated_top(context),
    ]
    if not candidates:
        return
    best = min(candidates, key=lambda c: (c.rank, c.order))
    facts.publication_date = best.date.value
    facts.publication_date_precision = best.date.precision
    lines = [best.line] if best.wrapped is None else [best.line, best.wrapped]
    facts.evidence["publication_date"] = [line.evidence() for line in lines]


# Hosts that publish other people's documents: a plan here is not on the supplier's own site.
THIRD_PARTY_HOSTS = (
    "issuu.com",
    "drive.google.com",
    "docs.google.com",
    "dropbox.com",
    "dropboxusercontent.com",
    "sharepoint.com",
    "onedrive.live.com",
    "1drv.ms",
    "box.com",
    "scribd.com",
    "yumpu.com",
    "wixstatic.com",
    "squarespace-cdn.com",
    "amazonaws.com",
    "cloudfront.net",
    "googleusercontent.com",
    "canva.com",
    "flipsnack.com",
    "hubspotusercontent-na1.net",
    "hubfs.net",
)


def judge_url(url: str) -> bool | None:
    """True on the supplier's own domain, False on a known document host, None if unsure."""
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return None
    if any(host == known or host.endswith("." + known) for known in THIRD_PARTY_HOSTS):
        return False
    if host in ("localhost", "127.0.0.1") or host.startswith("192.168."):
        return None
    return True


def is_reachable(url: str, timeout: float) -> bool:
    """Does the published URL answer? A HEAD request, then a GET (some servers refuse HEAD)."""
    if urlsplit(url).scheme not in ("http", "https"):
        return False
    try:
        with httpx.Client(follow_redirects=True, timeout=timeout) as client:
            response = client.head(url)
            if response.status_code in (405, 501) or response.status_code >= 400:
                with client.stream("GET", url) as streamed:
                    return streamed.status_code < 400
            return True
    except httpx.HTTPError:
        return False
