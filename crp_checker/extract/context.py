"""What every extractor reads: the lines, the pattern matches and the template sections.

Built once per document, so the spaCy pass and the line split happen once however many
extractors look at them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from crp_checker.extract.lines import Line, build_lines
from crp_checker.nlp import Match, PageAnalysis, analyse_pages
from crp_checker.schemas import Document, Evidence

_NUMBERING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[a-h][.)]|[ivx]{1,4}[.)])\s+", re.I)
_HEADING_MAX_WORDS = 10


# A heading that opens an appendix or annex ends the template section before it.
_APPENDIX = re.compile(r"^\W*(?:appendix|annex)\b", re.I)
# A numbered heading ("4. Emissions", "5) Governance"): its number and its words.
_NUMBERED_HEADING = re.compile(r"^\s*(\d{1,2})[.)]?\s+([A-Z][^\d|:;]*?)[\s.:]*$")
_NUMBERED_HEADING_WORDS = 5


@dataclass
class Sentence:
    """A sentence of a page (hard line breaks end sentences), with its span."""

    page: int
    start: int
    end: int
    text: str

    def evidence(self) -> Evidence:
        return Evidence(page=self.page, quote=self.text, start=self.start, end=self.end)


@dataclass
class DocumentContext:
    """The analysed document: lines, sentences, matches, and the section of every line."""

    document: Document
    lines: list[Line]
    matches: list[Match]
    sentences: list[Sentence] = field(default_factory=list)
    section_of_line: list[str | None] = field(default_factory=list)
    headings: dict[int, str] = field(default_factory=dict)
    _line_starts: dict[int, list[int]] = field(default_factory=dict)
    _lines_by_page: dict[int, list[Line]] = field(default_factory=dict)
    _matches_by_page: dict[int, list[Match]] = field(default_factory=dict)
    _match_starts: dict[int, list[int]] = field(default_factory=dict)
    _sentences_by_page: dict[int, list[Sentence]] = field(default_factory=dict)

    @classmethod
    def build(cls, document: Document) -> DocumentContext:
        """Analyse `document` once: spaCy over every page, lines, sections."""
        lines = build_lines(document)
        pages = [page.number for page in document.pages]
        # Page by page, keeping matches and sentence spans but no spaCy Doc (memory).
        analysed = list(analyse_pages([page.text for page in document.pages], pages))
        found = [m for analysis in analysed for m in analysis.matches]
        context = cls(document=document, lines=lines, matches=found)
        for line in lines:
            context._lines_by_page.setdefault(line.page, []).append(line)
        for page, page_lines in context._lines_by_page.items():
            context._line_starts[page] = [line.start for line in page_lines]
        for analysis in analysed:
            page = analysis.page
            for sentence in _sentences(analysis):
                # A running header or footer ("Published for Year 2025") is not content.
                home = context.line_at(page, sentence.start)
                if home is None or not home.furniture or len(sentence.text) > len(home.text):
                    context.sentences.append(sentence)
        for match in context.matches:
            context._matches_by_page.setdefault(match.page, []).append(match)
        for page, page_matches in context._matches_by_page.items():
            context._match_starts[page] = [m.start for m in page_matches]
        for sentence in context.sentences:
            context._sentences_by_page.setdefault(sentence.page, []).append(sentence)
        context._find_sections()
        return context

    def line_at(self, page: int, offset: int) -> Line | None:
        """The line holding character `offset` of `page`."""
        starts = self._line_starts.get(page)
        if not starts:
            return None
        position = bisect.bisect_right(starts, offset) - 1
        if position < 0:
            return None
        line = self._lines_by_page[page][position]
        return line if line.start <= offset <= line.end else None

    def matches_in(self, line: Line, label: str | None = None) -> list[Match]:
        """Pattern matches that lie inside `line`, optionally of one label."""
        return self.matches_within(line.page, line.start, line.end, label)

    def matches_within(
        self, page: int, start: int, end: int, label: str | None = None
    ) -> list[Match]:
        """Pattern matches that start in [start, end) of `page` text, optionally of one label."""
        page_matches = self._matches_by_page.get(page, [])
        first = bisect.bisect_left(self._match_starts.get(page, []), start)
        found: list[Match] = []
        for m in page_matches[first:]:
            if m.start >= end:
                break
            if label is None or m.label == label:
                found.append(m)
        return found

    def by_label(self, label: str) -> list[Match]:
        return [m for m in self.matches if m.label == label]

    def sentence_at(self, page: int, offset: int) -> Sentence | None:
        for sentence in self._sentences_by_page.get(page, []):
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def following_sentences(self, sentence: Sentence, count: int) -> list[Sentence]:
        """`sentence` and up to `count - 1` sentences after it on the same page."""
        page_sentences = self._sentences_by_page.get(sentence.page, [])
        for position, candidate in enumerate(page_sentences):
            if candidate.start == sentence.start:
                return page_sentences[position : position + count]
        return [sentence]

    def quote(self, page: int, start: int, end: int) -> Evidence:
        """Evidence for a span of a page's text."""
        text = self.document.pages[page - 1].text[start:end]
        return Evidence(page=page, quote=" ".join(text.split()), start=start, end=end)

    def _find_sections(self) -> None:
        """Mark template section headings (short lines starting with a section phrase)."""
        current: str | None = None
        number: int | None = None  # the number of the last numbered template heading
        for line in self.lines:
            key = self.heading_key(line)
            numbered = _NUMBERED_HEADING.match(line.text)
            if key is not None:
                current = key
                self.headings[line.index] = key
                number = int(numbered.group(1)) if numbered else number
            elif _APPENDIX.match(line.text) and len(line.text.split()) <= 10:
                current = None  # "Appendix A - Scope 3 by category": the last section has ended
            elif number is not None and self._next_heading(line, numbered, number):
                # "3. Targets" ... "4. Emissions": a heading of the plan's own numbering, though
                # not a template phrase, ends the section before it.
                current, number = None, number + 1
            self.section_of_line.append(current)

    def _next_heading(self, line: Line, numbered: re.Match[str] | None, number: int) -> bool:
        """Whether `line` is the next heading in the plan's numbering: the number after the
        last template heading's, a few words, and not a Scope 3 category ("4. Upstream
        transportation and distribution" numbers a category, not a heading)."""
        return (
            numbered is not None
            and not line.furniture
            and int(numbered.group(1)) == number + 1
            and len(numbered.group(2).split()) <= _NUMBERED_HEADING_WORDS
            and not self.matches_in(line, "SCOPE3_CAT")
        )

    def heading_key(self, line: Line) -> str | None:
        """The template section `line` opens, if it is a heading.

        A heading is a short line that starts with a section phrase, or a longer line whose
        first sentence is only the phrase ("Declaration and Sign Off. This Carbon ...").
        """
        if line.furniture:
            return None
        body = _NUMBERING.sub("", line.text)
        lead = line.start + (len(line.text) - len(body))
        short = len(line.text.split()) <= _HEADING_MAX_WORDS
        for m in self.matches_in(line, "SECTION"):
            if m.start > lead + 2:
                continue
            closed = line.text[m.end - line.start : m.end - line.start + 1] in (".", ":")
            if short or closed:
                return m.id
        # House-style headings ("Our commitment", "Targets", "What we have done") count only
        # as the whole line: the same words open many a sentence or a wrapped line.
        for m in self.matches_in(line, "HEADING"):
            rest = line.text[m.end - line.start :].strip(" .:-–—*#")
            if m.start <= lead + 2 and not rest:
                return m.id
        return None


def _sentences(analysis: PageAnalysis) -> list[Sentence]:
    out: list[Sentence] = []
    for start, end in analysis.sentences:
        text = " ".join(analysis.text[start:end].split())
        if text:
            out.append(Sentence(analysis.page, start, end, text))
    return out


def join_sentences(
    sentences: list[Sentence], continues: Callable[[Sentence, Sentence], bool]
) -> list[Sentence]:
    """Undo sentence breaks the splitter made inside one thought ("Scope 1." + "Nil in both
    years."; "... related to 5." + "Waste generated ..."): a sentence on the same page joins
    the one before when `continues(previous, sentence)` says so."""
    joined: list[Sentence] = []
    for sentence in sentences:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.page == sentence.page
            and continues(previous, sentence)
        ):
            text = f"{previous.text} {sentence.text}"
            joined[-1] = Sentence(previous.page, previous.start, sentence.end, text)
        else:
            joined.append(sentence)
    return joined
