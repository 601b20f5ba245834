"""The date a plan was signed off: beside the signature, in a dated signing sentence, or on a
'Date:' or signing line of the declaration; never a publication, issue or review date."""

from __future__ import annotations

import re

from crp_checker.extract.context import DocumentContext, Sentence
from crp_checker.extract.lines import Line
from crp_checker.extract.values import MONTH, FoundDate, find_dates
from crp_checker.schemas import Evidence, Facts

_DATE_LABEL = re.compile(
    r"^(?:date(?:d|\s+signed|\s+of\s+sign[- ]?off|\s+approved)?\b|signed\s+on(?=\s*[:\d]))", re.I
)
# A signing line that carries its date, with or without a name: "Signed on behalf of the board
# – 12 February 2026", "Approved by the directors, 3 March 2026".
_SIGNING_LINE = re.compile(r"^(?:signed|approved|authori[sz]ed|endorsed|adopted)\b", re.I)
_REVIEW = re.compile(
    r"\b(?:review|next review|review date|revision|valid until|expiry|expires|published|"
    r"publication)\b",
    re.I,
)
# "approved by the board on 3 May 2026", "... by the management team in September 2026",
# "signed off this plan at its meeting of 3 March 2026", "signed off by the Board of
# Directors, 10th April 2026" (a date set off by a comma or dash ends the signing clause).
_SIGNED_ON = re.compile(
    r"\b(?:signed|approved|agreed|adopted|endorsed|ratified)\b[^.]*?"
    rf"(?:\bon\b(?!\s+behalf)|\bin\s+(?={MONTH}\b)|\bmeeting\s+of\b"
    rf"|[,\u2013\u2014-]\s*(?=\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\b|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2}}))"
    r"|\bdated\b",
    re.I,
)
# Words of a later event in a signing sentence: "... and next reviewed on 1 March 2027".
_LATER = re.compile(
    r"\b(?:next|review\w*|revis\w*|renew\w*|valid\s+until|expir\w*|publi\w*)\b", re.I
)
_SKIPPABLE = re.compile(r"^(?:\d{1,2}\s*)?(?:https?://\S+|www\.\S+)?$|^\d{1,2}$", re.I)
_DATE_WINDOW = 6
_PROSE_WORDS = 14  # a longer line is running text, not a line of a signature block


def _content(lines: list[Line]) -> list[Line]:
    """Lines that can carry a date: footnote numbers and bare links are skipped."""
    return [line for line in lines if not _SKIPPABLE.match(line.text)]


def _words(text: str) -> int:
    """Words of a line; a table row's bars are not words ('Jo Example | Chair | 2 May 2026 |')."""
    return sum(1 for word in text.split() if word != "|")


def _block(lines: list[Line]) -> list[Line]:
    """The lines of the signature block, from the signature outwards: a paragraph of prose
    ends it ('Version 2.1, January 2026' above a foreword is no date of the signature below)."""
    for count, line in enumerate(lines):
        if _words(line.text) > _PROSE_WORDS and not _DATE_LABEL.match(line.text):
            return lines[:count]
    return lines


def _line_dates(line: Line, *, near: bool) -> tuple[bool, list[FoundDate]]:
    """(stop, dates): the dates a sign-off line gives; stop at a date field left unfilled.

    Beside the signature a short line with a date is the date ('27.03.26', 'Imogen Rowan,
    Partner, 5 June 2025'); elsewhere only a 'Date:' field or a short signing line with a date
    counts ('Signed on behalf of the board – 12 February 2026').
    """
    text = line.text
    if _REVIEW.search(text) and not re.search(r"\bissue", text, re.I):
        return False, []
    label = _DATE_LABEL.match(text)
    dates = find_dates(text)
    if label and not dates:
        filled = text[label.end() :].strip(" :-–—")
        return bool(filled), []  # "Date: [Insert date]" is the date, left unfilled
    short = _words(text) <= _PROSE_WORDS
    if dates and (label or (short and (near or _SIGNING_LINE.match(text)))):
        return False, dates
    return False, []


def sign_off_date(
    context: DocumentContext,
    facts: Facts,
    lines: list[Line],
    position: int | None,
    own: list[Line] | None = None,
) -> None:
    """The date of the sign-off: in the signer's own sentence (`own`: its line, or the lines
    it wraps over), beside the signature, in a dated sign-off sentence ('signed off by the
    board on ...'), or on a 'Date:' line of the declaration. A publication, issue heading or
    review date elsewhere in the plan is not a sign-off date."""
    if own and (dated := _signed_on_date(" ".join(line.text for line in own))) is not None:
        set_sign_off_date(facts, dated, *[line.evidence() for line in own])
        return
    near: list[Line] = []
    if position is not None:
        near = lines[position : position + 1]
        near += _block(_content(lines[position + 1 :])[: _DATE_WINDOW - 1])
        near += _block(_content(lines[max(0, position - _DATE_WINDOW) : position])[::-1])
    done, found = _dated_line(near, near=True)
    if found is not None:
        set_sign_off_date(facts, found[0], found[1].evidence())
    if done:
        return
    for sentence in _signed_sentences(context):
        dated = _signed_on_date(sentence.text)
        if dated is not None:
            set_sign_off_date(facts, dated, sentence.evidence())
            return
    if position is None:
        lines = [li for li in lines if context.section_of_line[li.index] == "declaration"]
    _, found = _dated_line(lines, near=False)
    if found is not None:
        set_sign_off_date(facts, found[0], found[1].evidence())


def _signed_on_date(text: str) -> FoundDate | None:
    """The date a signing sentence gives its signing ('Approved by the Board on 21/05/2026 and
    signed by ...'), not a review date later in it ('... and is next reviewed on ...')."""
    signed_on = _SIGNED_ON.search(text)
    if signed_on is None:
        return None
    for found in find_dates(text):
        if found.start > signed_on.start():
            return None if _LATER.search(text, signed_on.start(), found.start) else found
    return None


def _dated_line(lines: list[Line], *, near: bool) -> tuple[bool, tuple[FoundDate, Line] | None]:
    """(done, (date, line)): the first line that dates the sign-off; done without a date at a
    date field left unfilled ("Date: [insert]")."""
    for line in lines:
        stop, dates = _line_dates(line, near=near)
        if stop:
            return True, None
        if dates:
            return True, (dates[0], line)
    return False, None


def set_sign_off_date(facts: Facts, found: FoundDate, *evidence: Evidence) -> None:
    """Record the sign-off date and where it was read."""
    facts.sign_off_date = found.value
    facts.sign_off_date_precision = found.precision
    facts.evidence["sign_off_date"] = list(evidence)


def _signed_sentences(context: DocumentContext) -> list[Sentence]:
    found: list[Sentence] = []
    for match in context.by_label("SIGNED"):
        sentence = context.sentence_at(match.page, match.start)
        if sentence and sentence not in found:
            found.append(sentence)
    return found
