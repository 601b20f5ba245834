"""The signature block: who signed the plan, in what role, and on what date.

The template ends "Signed on behalf of the Supplier:" and leaves a name, a role and a date to
fill in; plans lay that out in every way: "Signed on behalf of the Supplier: Priya Raman,
Managing Director", "Signed: Dr ... / Title: Managing Director", "Approved by Jane Example
(CEO)", "Signed on behalf of the Board by ...", name and role on separate lines, a
"Name | Position | Date" table, "Name: ... Position: ... Date: ..." on one line. A person is
read only where a signature label, a role beside the name or signing words just above vouch
for it, so a name elsewhere in the closing lines is never taken for the signatory.
"""

from __future__ import annotations

import re

from crp_checker.extract.approval_columns import column_signer, step_header
from crp_checker.extract.context import DocumentContext
from crp_checker.extract.identity import same_organisation
from crp_checker.extract.lines import Line
from crp_checker.extract.people import (
    ORGANISATION,
    after_post_nominals,
    full_name,
    labelled_person,
    person,
    run_on_name,
    titled,
)
from crp_checker.extract.signoff_date import set_sign_off_date, sign_off_date
from crp_checker.extract.values import MONTH, find_dates
from crp_checker.nlp import analyse_pages
from crp_checker.schemas import Facts

# "Signed on behalf of the Supplier:", "Approved by", "Signed for and on behalf of X by",
# "Name |" (a two-column table row): the label ends at the first colon, bar or "by".
_LABEL = re.compile(
    r"^(?:signed|signature|approved|authori[sz]ed|endorsed|agreed|name|full name|"
    r"print(?:ed)? name|signatory|signer(?:'s|’s)?|for and on behalf of|on behalf of)\b"
    r"(?:[^:|]{0,80}?(?:\s*[:|]|\s+by\b\s*:?|\s[-–—](?=\s)))\s*[-–—]?\s*"
    r"|^(?:name|signed|signature|print(?:ed)? name)\s+(?=(?-i:[A-Z]))",  # a form without colons
    re.I,
)
_NOT_SIGNER = re.compile(
    # "Prepared and signed by:" signs.
    r"^(?:prepared(?!\s+and\s+(?:signed|approved)\b)|compiled|written|produced|authored|"
    r"reviewed on|document owner|owner of|"
    r"author|contact|enquiries|queries|prepared for|(?:reviewed|checked|verified)\s+by\s*[:|])",
    re.I,
)


_ROLE_FIELD = re.compile(
    r"(?:^|\b)(?:(?:signatory|signer|signing)(?:'s|’s)?\s+)?"
    r"(?:job\s+title|title|position|role|designation|capacity)"
    r"(?:\s*[:|\-–]\s*|\s+(?=(?-i:[A-Z])))"
    r"(?P<v>.+?)\s*(?=$|\||\b(?:date|signed|signature|name)\b\s*[:|])",
    re.I,
)
# Commas, brackets, bars, spaced dashes, and a full stop that ends a sentence ("Director. Date").
_SEPARATORS = re.compile(r"\s*(?:[,;|()\[\]]|\s[–—-]\s|(?<=[a-z])\.\s+(?=[A-Z])|\s{3,})\s*")
# Word starts only: "Design, fabrication and welding" holds no signing word.
_SIGN_WORDS = re.compile(
    r"\b(?:counter)?sign|\bapprov|\bbehalf|\bauthori[sz]|\bendorse|_{4,}|\.{5,}|…", re.I
)
_CONTACT = re.compile(
    r"@|\b(?:tel|telephone|phone|mobile|email|e-mail)\b|\+44|\b0\d{3,4}\s?\d{3}", re.I
)
# A job title is a few words without figures; "Title: Grounds Framework 2026-2030" names a
# document or a contract.
_PLAUSIBLE_ROLE = re.compile(r"^[^\d]{2,80}$")
_ROLE_HEAD = re.compile(r"\s*(?:,|:|\s[–—-])\s*")
_SIGNED_WINDOW = 8
_WRAP_LINES = 4
_WRAP_MIN_WORDS = 5
_MAX_LINE = 160
_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z])")
_MAX_PROSE = 300
# "... and signed by Tom Example, Head of Operations, on 2 June 2025": a signer inside prose.
# "I, Sam Example, sole trader and owner of ..., approve this plan": the signer names themself.
# "Signed on behalf of the Board by Jane Example", "Signed off for the Board of Directors by
# Jane Example": the body signed for may come before "by".
# "Signed on our behalf by ...", "signed on 4 February 2026 by ...": the date may come first.
_INLINE_LABEL = re.compile(
    r"\b(?:(?i:signed)|approved|authori[sz]ed)(?:\s+off)?"
    r"(?:\s+(?:(?:for\s+and\s+)?on\s+behalf\s+of|for)\s+[^.,;:]{1,60}?"
    r"|\s+on\s+(?:its|their|our|(?:the\s+)?[^\s.,;:]{2,30}(?:'s|’s|s'|s’))\s+behalf"
    rf"|\s+on\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?i:{MONTH})|(?i:{MONTH})\s+\d{{1,2}},?)\s+\d{{4}})?"
    r"\s+by:?\s+"
    r"(?:(?:our|its|the)\s+(?=[A-Za-z])|(?=[A-Z]))"
    r"|^I,\s+(?=[A-Z])"
)
# A signing label with the name after it and nothing between ("Signed for the Board Dr Jane
# Example"): a borderless two-column table in a PDF reads as one line.
_RUN_ON_LABEL = re.compile(
    r"^(?:signed|signature|approved|authori[sz]ed|endorsed|(?:for\s+and\s+)?on\s+behalf\s+of)"
    r"\b[^:|]*$",
    re.I,
)
_SALUTATION = re.compile(r"^(?:dear|to whom it may concern)\b", re.I)
_ADDRESS_WINDOW = 12
# What stands where the signature was: "____", "……", "[signature]", "(signed)".
_SIGNATURE_MARK = re.compile(
    r"^(?:_{2,}|\.{3,}|…+|\[(?:signature|signed)[^\]]*\]|\((?:signed|signature)\)|"
    r"signature\s+(?:on\s+file|image))\s*",
    re.I,
)
# A label that names whose signature it is: "Director's signature: Jane Example".
_SIGNATURE_OF = re.compile(r"(?:'s|’s)?\s+(?:signature|name)\s*$", re.I)
# "Name of director: Jane Example", "Signature of the Managing Director: Jane Example".
_ROLE_IN_LABEL = re.compile(
    r"^(?:(?:full\s+)?name|signature)\s+of\s+(?:the\s+)?(?P<role>[A-Za-z &]{3,40}?)\s*[:|]", re.I
)
# A sign-off table's header whose cells are spaced, not barred: 'Signature Name Title Date'.
_HEADER_FIELD = (
    r"(?:(?:full\s+|print(?:ed)?\s+)?name|signature|signed(?:\s+by)?|signatory|role|position|"
    r"(?:job\s+)?title|designation|date(?:\s+signed)?)"
)
_SPACED_HEADER = re.compile(rf"^\W*(?=.*\bname\b){_HEADER_FIELD}(?:\s+{_HEADER_FIELD})+\W*$", re.I)
_SIGNATURE_FIRST = re.compile(r"^\W*(?:signed|signature)\b(?!\s+by)", re.I)
# A signature written out as initials and a surname ('C. Example', 'J.R. Example').
_SIGNATURE_CELL = re.compile(r"^(?:[A-Z]\.\s?){1,3}[A-Z][\w'’-]+\s+(?=[A-Z])")
_NAME_CELL = re.compile(r"^(?:full\s+|print(?:ed)?\s+)?name:?$", re.I)
_ROLE_CELL = re.compile(r"^(?:job\s+title|title|position|role|designation):?$", re.I)
# A table's rules read by OCR as stray marks at the row's edge: "| Jane Example ...", "[ Jane".
_OCR_EDGE = re.compile(r"^\s*(?:[\[\]{}!]\s+)+")
_HEADER_ROLE = re.compile(r"\b(?:role|position|title|designation)\b", re.I)
_INITIALLED = re.compile(r"^(?:[A-Z]\.?\s?)+[A-Z][\w'’-]+$")
_NAME_FIELD = re.compile(r"^\W*(?:full\s+|print(?:ed)?\s+)?name\b", re.I)
# A signature written out in a table cell ("G. Example") ends the role before it.
_WRITTEN_SIGNATURE = re.compile(r"\s[A-Z]\.\s?[A-Z][a-z]+\b.*$")


def _block_lines(context: DocumentContext) -> list[Line]:
    """Where a signature can be: the declaration section, the lines after any signing words,
    and the closing lines of a plan that has no declaration heading."""
    wanted: set[int] = set()
    declaration = [
        line.index
        for line in context.lines
        if context.section_of_line[line.index] == "declaration" and not line.furniture
    ]
    wanted.update(declaration)
    for match in context.by_label("SIGNED"):
        line = context.line_at(match.page, match.start)
        if line is not None:
            wanted.update(range(line.index, line.index + _SIGNED_WINDOW))
    if not declaration:
        content = [line.index for line in context.lines if not line.furniture]
        wanted.update(content[-40:])
    return [line for line in context.lines if line.index in wanted and not line.furniture]


def _segments(text: str) -> list[str]:
    """Comma, bracket or bar separated pieces; a full stop is kept only inside 'C.E.O.'."""
    parts = [part.strip(" :-–—") for part in _SEPARATORS.split(text)]
    return [p if "." in p[:-1] else p.rstrip(".") for p in parts if p.strip(" .")]


def _cut_date(text: str) -> str:
    dates = find_dates(text)
    return text[: dates[0].start].strip(" ,.-–—|") if dates else text


def _role_text(context: DocumentContext, line: Line, text: str) -> str | None:
    """The part of `text` (a piece of `line`) that is a role: 'Director, Acme Ltd' ->
    'Director'; 'Position: Operations Director | Date: ...' -> 'Operations Director'."""
    field = _ROLE_FIELD.search(text)
    if field:
        value = _cut_date(field["v"].strip(" ,.|"))
        return value or None
    offset = line.text.find(text)
    if offset < 0:
        return None
    roles = context.matches_within(
        line.page, line.start + offset, line.start + offset + len(text), "ROLE"
    )
    if not roles:
        return None
    for segment in _segments(_cut_date(text)):
        segment = _WRITTEN_SIGNATURE.sub("", segment)
        if len(segment.split()) > 8:
            continue
        if any(r.text.lower() in segment.lower() for r in roles):
            return segment
    return None


def _after_labels(text: str) -> str:
    """`text` without its leading labels and signature marks: 'Signed: ____ Name: Priya
    Example' -> 'Priya Example'."""
    while True:
        label = _LABEL.match(text) or _SIGNATURE_MARK.match(text)
        if label is None or not label.end():
            return text
        text = text[label.end() :].lstrip(" |")  # "Signed by: | Jane Example |": a table row


def _role_first(
    context: DocumentContext, line: Line, body: str
) -> tuple[tuple[str, str] | None, str | None]:
    """'the owner, Dave Example' or 'Managing Director, Graham Example': role, then name."""
    parts = re.match(
        r"(?:the\s+|our\s+)?(?P<role>[^,()|:]{2,60}?)\s*(?:,|:|\s[–—-])\s*(?P<rest>.+)$", body
    )
    if parts is None:
        return None, None
    found = person(parts["rest"])
    role = _role_text(context, line, _SIGNATURE_OF.sub("", parts["role"]))
    if found is None or role is None:
        return None, None
    return found, role


def _role_after(
    context: DocumentContext, lines: list[Line], position: int
) -> tuple[str | None, Line | None]:
    """A role on the lines below a name: 'Position: Managing Director', or a short role line."""
    seen = 0
    for following in lines[position + 1 :]:
        if seen < 3 and _same_name_again(lines[position].text, following.text):
            seen += 1
            continue  # "Signed: Jane Example" over "Name: Jane Example" over "Position: ..."
        if seen == 3 or (_LABEL.match(following.text) and not _ROLE_FIELD.match(following.text)):
            break
        seen += 1
        text = following.text
        if person(text) is not None and _role_text(context, following, text) is None:
            break  # another name: the role below belongs to someone else
        if _ROLE_FIELD.match(text):
            return _role_text(context, following, text), following
        if find_dates(text) and len(text.split()) <= 6:
            continue  # the date may sit between the name and the role
        if len(text.split()) <= 8:
            role = _role_text(context, following, text)
            if role and not _role_in_words(context, following, role):
                return role, following
    return None, None


def _role_in_words(context: DocumentContext, line: Line, role: str) -> bool:
    """The role is named inside other words ('A word from our Managing Director', 'Message
    from the Chair'): a heading about the person, not the role line of a signature."""
    at = line.text.find(role)
    roles = context.matches_in(line, "ROLE") if at >= 0 else []
    first = min((m.start - line.start for m in roles if m.start - line.start >= at), default=None)
    if first is None:
        return False
    lead = line.text[at:first].split()
    return any(word[:1].islower() and word.lower() != "the" for word in lead)


def _same_name_again(signed: str, below: str) -> bool:
    """A name field that repeats the name just signed ('Signed: Jane Example' over 'Name: Jane
    Example'): the role further down is still that person's."""
    if not _NAME_FIELD.match(below):
        return False
    above, again = labelled_person(_after_labels(signed)), labelled_person(_after_labels(below))
    return above is not None and again is not None and above[0] == again[0] and not again[1]


def _director_level(context: DocumentContext, line: Line, role: str) -> bool | None:
    """Board level or not, from the role patterns (models/signoff.jsonl) inside the role."""
    levels: set[str] = set()
    # As a whole word: 'Director' is also inside 'Signed for the Board of Directors by ...'.
    for at in re.finditer(rf"(?<!\w){re.escape(role)}(?!\w)", line.text):
        roles = context.matches_within(
            line.page, line.start + at.start(), line.start + at.end(), "ROLE"
        )
        levels = {r.id for r in roles}
        if levels:
            break
    return True if levels & {"director", "owner"} else False if levels else None


def _signer_at(
    context: DocumentContext, lines: list[Line], position: int
) -> tuple[str, str | None, Line | None] | None:
    """The signatory named on `lines[position]`, if the line and its neighbours vouch for one."""
    line = lines[position]
    text = line.text
    if len(text) > _MAX_PROSE or _NOT_SIGNER.match(text) or _heading(context, line):
        return None
    if position > 0 and (
        _spaced_header(lines[position - 1].text) or step_header(lines[position - 1].text)
    ):
        return None  # a row under 'Signed Name Position Date' or 'Prepared by | Approved by'
    body = _after_labels(text)
    label = inline = False
    if body == text or labelled_person(body) is None:
        # "approved by our Leadership Team and signed by Tom Example": the one naming a person;
        # "Approved by the board. Signed by Tom Example": a second label naming one.
        bodies = [text[m.end() :] for m in _INLINE_LABEL.finditer(text)]
        naming = next((b for b in bodies if labelled_person(b) is not None), None)
        if naming is not None or (bodies and body == text):
            body = naming if naming is not None else bodies[0]
            label = inline = True
    label = label or body != text
    if label and not inline and len(_opening_sentence(text)) > _MAX_LINE:
        return None
    run_on = None if label or not _RUN_ON_LABEL.match(text) else run_on_name(text)
    if run_on is not None:
        body, label = text[run_on[0] :], True
    found = labelled_person(body) if label else person(body)
    if found is not None and label and _written_out(found[0], lines[position + 1 : position + 3]):
        return None  # "Signed: G. Example" over "Name: Grace Example": the name line says it
    role_line: Line | None = line
    role: str | None = None
    if found is None:
        # "Signed: Managing Director, Jane Example"; unlabelled, only where the role is the
        # whole of what comes first: "Director: Jane Example", "Chair – Jane Example – 2026".
        found, role = _role_first(context, line, body)
        head = _SIGNATURE_OF.sub("", _ROLE_HEAD.split(body, maxsplit=1)[0])
        if found is not None and not label and role != head:
            found, role = None, None
    if found is None:
        return None
    name, rest = found
    if rest.split()[:1] and rest.split()[0].lower().strip(",.") in ORGANISATION:
        return None  # "Sustainable Planet Holdings Limited": a company, not a person
    if role is None and rest.strip():
        role = _role_text(context, line, rest)
    if role is None:
        role, role_line = _role_after(context, lines, position)
    if role is None and position > 0:
        role, role_line = _role_before(context, lines[position - 1])
    if role is None and (named := _ROLE_IN_LABEL.match(text)) is not None:
        role, role_line = named["role"].strip(), line  # "Name of director: Jane Example"
    before = " ".join(previous.text for previous in lines[max(0, position - 3) : position])
    if run_on is not None and role is None and not titled(name):
        return None  # a label run into a name vouches for it only with a role or a title
    if not label and role is not None and not _PLAUSIBLE_ROLE.match(role):
        return None  # "CONTRACT NOTICE" over "Title: Grounds Maintenance Framework 2026-2030"
    if not label and role is None and not _SIGN_WORDS.search(before):
        return None
    # "Jane Example, Sustainability Manager" over an e-mail address is a contact, not a signer.
    nearby = " ".join(other.text for other in lines[position : position + 2])
    if not label and _CONTACT.search(nearby):
        return None
    return name, role, role_line


def _opening_sentence(text: str) -> str:
    """The first sentence of a line: a footer may run other sentences on after the signature
    ('Signed for the Board by Jane Example, Director, on 9 May 2026. Published 11 May 2026.
    Acme Ltd, company no. ...'). A title or an initial ('Dr. J. Example') ends no sentence."""
    for end in _SENTENCE_END.finditer(text):
        word = text[: end.start()].rsplit(maxsplit=1)[-1:]
        if word and (len(word[0]) > 2 or word[0][-1:].isdigit()) and not titled(word[0]):
            return text[: end.start() + 1]
    return text


def _heading(context: DocumentContext, line: Line) -> bool:
    """A section heading, unless a signing sentence runs on after it ('Approval. Signed on
    behalf of the Board by Jane Example, ...')."""
    sections = context.matches_in(line, "SECTION")
    if not sections:
        return False
    after = max(match.end for match in sections) - line.start
    return not _INLINE_LABEL.search(line.text, after)


def _role_before(context: DocumentContext, above: Line) -> tuple[str | None, Line | None]:
    """A short line that is only a role, just above the name ('Managing Director' over 'Jane
    Example'): a signature block written role first."""
    text = above.text.strip(" ,.:")
    if len(text.split()) > 6 or find_dates(text) or _SIGN_WORDS.search(text):
        return None, None
    if _LABEL.match(text) or person(text) is not None:
        return None, None
    role = _role_text(context, above, text)
    return (role, above) if role == text else (None, None)


def _for_another(facts: Facts, line: Line, role_line: Line | None) -> bool:
    """The signer signs for another organisation ('Certification Manager, Pennine Quality
    Certification Ltd' under a certifier's letter to the supplier), not for the plan's own."""
    if facts.organisation is None:
        return False
    texts = {line.text, role_line.text if role_line is not None else ""}
    return any(same_organisation(text, facts.organisation) is False for text in texts)


def _organisation_named(facts: Facts, line: Line, name: str) -> bool:
    """The 'name' is the first words of the organisation's own name, written out in full
    on the line ('Dunkery Print' of 'Dunkery Print & Mail Ltd commits to ...'). A sole
    trader signing as themself ('Gareth Pryce, Owner' for 'Gareth Pryce Plumbing') is not."""
    if facts.organisation is None:
        return False
    own = [word.lower() for word in facts.organisation.split()]
    count = len(name.split())
    at = line.text.find(name)
    if at < 0 or len(own) <= count:
        return False
    written = [word.lower() for word in line.text[at:].split()[: count + 1]]
    return written == own[: count + 1]


def _part_of_organisation(facts: Facts, name: str) -> bool:
    """The 'name' is the organisation's own name or a run of its words ('Tamar Reach owns
    ...' of Tamar Reach Housing Association, under a document-control table's 'Approved by'),
    with no role beside it to say a person signs."""
    if facts.organisation is None:
        return False
    own = [word.lower().strip(".,") for word in facts.organisation.split()]
    words = [word.lower().strip(".,") for word in name.split()]
    count = len(words)
    return any(own[at : at + count] == words for at in range(len(own) - count + 1))


def _addressee(context: DocumentContext, line: Line) -> bool:
    """The name heads a letter's address block ('Mr D. Example / Managing Director / Acme Ltd /
    ... / Dear Mr Example'): the person written to, not a signatory."""
    for following in context.lines[line.index + 1 : line.index + 1 + _ADDRESS_WINDOW]:
        if _SALUTATION.match(following.text):
            return True
        if _SIGN_WORDS.search(following.text):
            return False
    return False


def _written_out(name: str, following: list[Line]) -> bool:
    """A signature written as initials ('G. Example') with a name field just below it."""
    return bool(_INITIALLED.match(name)) and any(_NAME_FIELD.match(li.text) for li in following)


def _from_table(context: DocumentContext, lines: list[Line]) -> tuple[int, str, str | None] | None:
    """A 'Name | Position | Date' header row with the signatory's cells on the next line."""
    for position, line in enumerate(lines[:-1]):
        below = lines[position + 1]
        cells, values = _cells(line.text), _cells(below.text)
        if cells[:1] == [""] and values[:1] == [""]:
            cells, values = cells[1:], values[1:]  # "| Name | Role |": bars at both ends
        if _spaced_header(line.text):
            found = _spaced_row(context, below, line.text)
            if found is not None:
                return position + 1, *found
            continue
        names = [i for i, cell in enumerate(cells) if _NAME_CELL.match(cell)]
        if len(cells) < 2 or not names or len(values) != len(cells):
            continue
        person_found = labelled_person(values[names[0]])
        if person_found is None:
            continue
        role = next((values[i] for i, c in enumerate(cells) if _ROLE_CELL.match(c)), None)
        return position + 1, person_found[0], role or None
    return None


def _spaced_header(text: str) -> bool:
    """A sign-off table's header whose cells are spaced, not barred: 'Signed Name Title Date'."""
    return "|" not in text.strip(" |") and _SPACED_HEADER.match(text) is not None


def _cells(text: str) -> list[str]:
    """A 'cell | cell |' row's cells; an empty first cell stays ('| Jane Example | ...')."""
    text = text.strip()
    return [cell.strip() for cell in text.removesuffix("|").split("|")]


def _spaced_row(context: DocumentContext, line: Line, header: str) -> tuple[str, str | None] | None:
    """The row under a header whose cells are only spaced apart ('Signature Name Title Date',
    a scanned table as OCR reads it): the name first, after any signature mark; the role is
    what is left once the date is cut, where the role patterns know it."""
    body = _OCR_EDGE.sub("", line.text.replace("|", " ")).strip()
    while (mark := _SIGNATURE_MARK.match(body)) is not None and mark.end():
        body = body[mark.end() :].strip()
    body = _without_written_signature(body, header)
    found = labelled_person(body)
    if found is None:
        return None
    name, rest = found
    role = None
    if _HEADER_ROLE.search(header):
        rest = _cut_date(rest.strip(" ,|"))
        if not rest and len(name.split()) - titled(name) > 2:
            return None  # 'Jo Example Gardener': the name may have run into its role
        if rest and len(rest.split()) <= 8:
            role = _role_text(context, line, rest)
    return name, role


def _without_written_signature(body: str, header: str) -> str:
    """Under 'Signed Name Position Date' the first cell is the signature as written ('C. Example
    EXAMPLE, Chris Director ...'): passed over where a name follows it."""
    if _SIGNATURE_FIRST.match(header) is None:
        return body
    written = _SIGNATURE_CELL.match(body)
    if written is None or labelled_person(body[written.end() :]) is None:
        return body
    return body[written.end() :]


def _paragraph(lines: list[Line], position: int) -> list[Line]:
    """`lines[position]` and the lines its sentence wraps on to: consecutive lines of one page
    while the line before ends without a full stop (a narrow column of prose)."""
    run = [lines[position]]
    for following in lines[position + 1 : position + _WRAP_LINES]:
        last = run[-1]
        if following.index != last.index + 1 or following.page != last.page:
            break
        if last.text.rstrip()[-1:] in ".!?:" or len(last.text.split()) < _WRAP_MIN_WORDS:
            break
        run.append(following)
    return run


def _wrapped_signer(
    facts: Facts, lines: list[Line]
) -> tuple[int, str, str | None, bool | None, list[Line]] | None:
    """A signing sentence wrapped over the lines of a narrow column ('It is signed on the / board's
    behalf by Jane Example, Chief / Executive, on 3 March 2026.'): the signing words and the
    name must start on one line; the role is read from the sentence as rejoined."""
    for position, line in enumerate(lines):
        run = _paragraph(lines, position)
        if len(run) < 2:
            continue
        text = " ".join(part.text for part in run)
        for label in _INLINE_LABEL.finditer(text):
            if label.start() >= len(line.text):
                continue  # the signing words start on a later line
            body = text[label.end() :]
            found = person(body)
            if found is None:
                continue
            name, rest = found
            if label.end() + len(body) - len(rest) <= len(line.text):
                continue  # the whole name is on the first line: read there, or refused there
            if any(word.lower().strip(".,") in ORGANISATION for word in name.split()):
                continue
            role, level = _prose_role(rest)
            if facts.organisation is not None and any(
                same_organisation(part.text, facts.organisation) is False for part in run
            ):
                return None
            return position, name, role, level, run
    return None


def _wrapped_role(facts: Facts, lines: list[Line], position: int, name: str) -> None:
    """The role after a name in a sentence that wraps on to the next line ('signed by Jane
    Example, Managing / Director, on 3 March 2026')."""
    run = _paragraph(lines, position)
    if len(run) < 2:
        return
    text = " ".join(part.text for part in run)
    at = text.find(name, 0, len(run[0].text))
    if at < 0:
        return
    role, level = _prose_role(text[at + len(name) :])
    if role is not None and role not in run[0].text:
        facts.signatory.role, facts.signatory.director_level = role, level
        facts.evidence["signatory"] = [part.evidence() for part in run]


def _prose_role(rest: str) -> tuple[str | None, bool | None]:
    """The role written just after a name in a sentence (', Chief Executive, on ...'), where
    the role patterns know it, and whether it is board level."""
    rest = after_post_nominals(rest)
    if not rest.startswith(","):
        return None, None
    segment = _cut_date(_segments(rest)[0]) if _segments(rest) else ""
    if not segment or len(segment.split()) > 6:
        return None, None
    analysis = next(analyse_pages([segment], [1]))
    levels = {m.id for m in analysis.matches if m.label == "ROLE"}
    if not levels:
        return None, None
    return segment, bool(levels & {"director", "owner"})


def extract_signatory(context: DocumentContext, facts: Facts) -> None:
    """The named signatory, their role and level, and the sign-off date."""
    lines = _block_lines(context)
    for position in range(len(lines)):
        if _addressee(context, lines[position]):
            continue
        signer = _signer_at(context, lines, position)
        if signer is None:
            continue
        name, role, role_line = signer
        if _for_another(facts, lines[position], role_line):
            continue
        if _organisation_named(facts, lines[position], name):
            continue
        if role is None and _part_of_organisation(facts, name):
            continue
        name = full_name(name, [li.text for li in lines[max(0, position - 3) : position + 4]])
        _record(context, facts, lines[position], name, role, role_line)
        if role is None:
            _wrapped_role(facts, lines, position, name)
        sign_off_date(context, facts, lines, position, [lines[position]])
        return
    if _from_columns(context, facts, lines):
        return
    table = _from_table(context, lines)
    if table is not None:
        position, name, role = table
        name = full_name(name, [li.text for li in lines[max(0, position - 3) : position + 4]])
        _record(context, facts, lines[position], name, role, lines[position])
        sign_off_date(context, facts, lines, position, [lines[position]])
        return
    wrapped = _wrapped_signer(facts, lines)
    if wrapped is not None:
        position, name, role, level, run = wrapped
        facts.signatory.name, facts.signatory.role = name, role
        facts.signatory.director_level = level
        facts.evidence["signatory"] = [part.evidence() for part in run]
        sign_off_date(context, facts, lines, position, run)
        return
    sign_off_date(context, facts, lines, None)


def _from_columns(context: DocumentContext, facts: Facts, lines: list[Line]) -> bool:
    """The approver of a 'Prepared by | Reviewed by | Approved by' table, and the date in the
    approver's column; False when the plan has no such table."""
    found = column_signer(lines)
    if found is None:
        return False
    position, signer = found
    role = _role_text(context, signer.row, signer.rest) if signer.rest.strip() else None
    _record(context, facts, signer.row, signer.name, role, signer.row)
    if signer.date is not None and signer.date_row is not None:
        set_sign_off_date(facts, signer.date, signer.date_row.evidence())
    else:
        sign_off_date(context, facts, lines, position, [signer.row])
    return True


def _record(
    context: DocumentContext,
    facts: Facts,
    line: Line,
    name: str,
    role: str | None,
    role_line: Line | None,
) -> None:
    facts.signatory.name = name
    facts.signatory.role = role
    if role and role_line is not None:
        facts.signatory.director_level = _director_level(context, role_line, role)
    evidence = [line.evidence()]
    if role_line is not None and role_line is not line:
        evidence.append(role_line.evidence())
    facts.evidence["signatory"] = evidence
