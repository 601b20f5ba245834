"""The spaCy pipeline: blank English, a sentencizer and a span ruler whose patterns are data.

No model is downloaded: the patterns in models/*.jsonl (reviewable by someone who knows CRPs
but not Python) carry the domain knowledge, and without them it refuses to build
(`patterns.required_patterns`). The pipeline is built once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from crp_checker.patterns import required_patterns

SPANS_KEY = "crp"
_NEWLINE = re.compile("\n")
# A line that opens with a bullet starts a list item; it never continues the line above.
_BULLET_START = re.compile(r"[•●▪◦■➢►✓]|[-*–]\s")
# A unit cannot open a sentence: "... was 12.1 tonnes" / "CO2e. Scope 2 ..." is one sentence.
_UNIT_START = re.compile(r"(?:t|kg)?CO[2₂]\s?e?\b|tonnes\b")
_CONNECTORS = (
    ",",
    "&",
    "-",
    "–",
    "(",
    "/",
    " and",
    " or",
    " of",
    " to",
    " the",
    " a",
    " in",
    " for",
    " was",
    " were",
    " is",
    " are",
    " at",
    " by",
    " from",
    " with",
    " than",
)


@Language.component("line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Start a sentence after every hard line break, so headings never swallow a sentence."""
    # Only the tokens holding a newline are visited (looping over every token in Python cost
    # more than the sentencizer): a newline at offset p lies in the last token starting <= p.
    newlines = [m.start() for m in _NEWLINE.finditer(doc.text)]
    if not newlines:
        return doc
    holders = numpy.searchsorted(doc.to_array("IDX"), newlines, side="right") - 1
    for i in sorted(set(holders.tolist())):
        if i < len(doc) - 1 and doc[i].is_space:
            doc[i + 1].is_sent_start = True
    return doc


def join_wrapped_lines(text: str) -> str:
    """Replace line-wrap breaks by spaces (same length, so offsets still match the page text).

    A break is a wrap when the next line starts in lower case, or the line before is long and
    ends mid-sentence; headings, bullets and table rows keep their breaks.
    """
    lines = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    full = lengths[int(len(lengths) * 0.9)] if lengths else 0
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if i == len(lines) - 1:
            break
        following = lines[i + 1].lstrip()
        stripped = line.rstrip()
        wrap = (
            bool(following)
            and bool(stripped)
            and not _BULLET_START.match(following)
            and (
                following[0].islower()
                or bool(_UNIT_START.match(following))
                or stripped.lower().endswith(_CONNECTORS)
                or (len(stripped) >= max(50, 0.8 * full) and stripped[-1] not in ".:;!?|")
            )
        )
        out.append(" " if wrap else "\n")
    return "".join(out)


@dataclass(frozen=True)
class Match:
    """One pattern hit: its label, the pattern id, and where it is in the page text."""

    label: str
    id: str
    page: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Needles:
    """Text a page must contain for a token pattern to have any chance of matching there."""

    exact: tuple[str, ...] = ()
    lower: tuple[str, ...] = ()  # ASCII only, so lower-casing the page keeps them findable
    regex: re.Pattern[str] | None = None

    def found(self, text: str, lowered: str) -> bool:
        return (
            any(n in text for n in self.exact)
            or any(n in lowered for n in self.lower)
            or (self.regex is not None and self.regex.search(text) is not None)
        )


# Anchors and lookarounds: a regex with these may match a token but not the page around it.
_CONTEXT_DEPENDENT = re.compile(r"\^|\$|\\[bBAZ]|\(\?[=!<]")


def _attribute_needles(key: str, value: Any) -> _Needles | None:
    """Needles for one attribute test of a token spec, when it is a plain text test."""
    if key not in ("TEXT", "ORTH", "LOWER"):
        return None
    if isinstance(value, dict) and set(value) == {"REGEX"} and key != "LOWER":
        regex = value["REGEX"]
        if isinstance(regex, str) and regex.startswith("^") and regex.endswith("$"):
            core = regex[1:-1]
            if not core.endswith("\\") and not _CONTEXT_DEPENDENT.search(core):
                return _Needles(regex=re.compile(core))
        return None
    values = value["IN"] if isinstance(value, dict) and set(value) == {"IN"} else [value]
    if not all(isinstance(v, str) and v for v in values):
        return None
    if key == "LOWER":
        return _Needles(lower=tuple(values)) if all(v.isascii() for v in values) else None
    return _Needles(exact=tuple(values))


def _pattern_needles(pattern: list[dict[str, Any]]) -> _Needles | None:
    """Needles from the first required token of a token pattern that has a plain text test."""
    for spec in pattern:
        if spec.get("OP", "1") not in ("1", "+"):
            continue  # optional or negated: the page need not contain it
        for key, value in spec.items():
            needles = _attribute_needles(key, value)
            if needles is not None:
                return needles
    return None


class _GuardedMatcher:
    """The span ruler's token Matcher, run only on pages where one of its patterns could match.

    spaCy's Matcher costs about a microsecond per token and pattern even for the few token
    patterns in models/, more than the whole phrase matcher; a substring test on the page
    rules most pages out first. Matches are unchanged: a skipped page lacks text that every
    match needs. A pattern without such text (no plain text test) keeps the matcher always on.
    The guard knows the patterns it is built with: add token patterns only through `get_nlp`.
    """

    def __init__(self, matcher: Any, patterns: list[list[dict[str, Any]]]) -> None:
        self._matcher = matcher
        needles = [_pattern_needles(pattern) for pattern in patterns]
        self._needles = None if None in needles else [n for n in needles if n is not None]

    def __call__(self, doc: Doc, *args: Any, **kwargs: Any) -> Any:
        if self._needles is not None:
            text = doc.text
            lowered = text.lower()
            if not any(n.found(text, lowered) for n in self._needles):
                return []
        return self._matcher(doc, *args, **kwargs)

    def __len__(self) -> int:
        return len(self._matcher)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._matcher, name)


_ABBREVIATIONS = ("approx.", "est.", "appx.", "circa.", "ca.", "cat.", "cats.")


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Build the pipeline once per process (it takes ~0.2 s; a plan takes milliseconds)."""
    nlp = spacy.blank("en")
    # "approx. 310 tCO2e", "est. 24 t": a figure's qualifier, not the end of a sentence.
    tokenizer: Any = nlp.tokenizer
    for word in _ABBREVIATIONS:
        for form in (word, word.capitalize()):
            tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("line_sentences")
    ruler: Any = nlp.add_pipe(
        "span_ruler",
        config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LOWER", "validate": True},
    )
    patterns = required_patterns()
    ruler.add_patterns(patterns)
    token_patterns = [p["pattern"] for p in patterns if isinstance(p["pattern"], list)]
    ruler.matcher = _GuardedMatcher(ruler.matcher, token_patterns)
    return nlp


def analyse(texts: list[str]) -> list[Doc]:
    """Run the pipeline over page texts (one Doc per page, so offsets are page offsets)."""
    return list(get_nlp().pipe(join_wrapped_lines(text) for text in texts))


@dataclass(frozen=True)
class PageAnalysis:
    """What the extractors keep of one page's Doc: matches and sentence spans, no tokens."""

    page: int
    text: str  # the page text as analysed: line-wrap breaks are spaces, offsets unchanged
    matches: list[Match]  # in reading order
    sentences: list[tuple[int, int]]  # start and end offsets


def analyse_pages(texts: Iterable[str], page_numbers: Iterable[int]) -> Iterator[PageAnalysis]:
    """Run the pipeline one page at a time and keep only what `PageAnalysis` holds.

    A Doc takes ~35 kB a page; letting each go once it is read keeps memory flat on long
    documents (`nlp.pipe` would hold up to a batch of 1,000 pages at once).
    """
    nlp = get_nlp()
    for text, page in zip(texts, page_numbers, strict=True):
        doc = nlp(join_wrapped_lines(text))
        sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
        yield PageAnalysis(page, doc.text, _page_matches(doc, page), sentences)


def _page_matches(doc: Doc, page: int) -> list[Match]:
    found = [
        Match(
            label=span.label_,
            id=span.id_ or span.label_,
            page=page,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
        )
        for span in doc.spans[SPANS_KEY]
    ]
    found.sort(key=lambda m: (m.start, -m.end))
    return found


def matches(docs: list[Doc], page_numbers: list[int]) -> list[Match]:
    """Flatten the ruler's spans of every page into Match records, in reading order."""
    found = [
        m for doc, page in zip(docs, page_numbers, strict=True) for m in _page_matches(doc, page)
    ]
    found.sort(key=lambda m: (m.page, m.start, -m.end))
    return found
