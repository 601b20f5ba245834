"""The spaCy pipeline: blank English, a sentencizer and a span ruler whose patterns are data.

No model is downloaded: the patterns in models/*.jsonl (reviewable by someone who knows CRPs
but not Python) carry the domain knowledge. The pipeline is built once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from crp_checker.settings import get_settings

SPANS_KEY = "crp"
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
)


@Language.component("line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Start a sentence after every hard line break, so headings never swallow a sentence."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws and token.is_space:
            doc[token.i + 1].is_sent_start = True
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
            and (
                following[0].islower()
                or stripped.lower().endswith(_CONNECTORS)
                or (len(stripped) >= max(50, 0.8 * full) and stripped[-1] not in ".:;!?")
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


def load_patterns(directory: Path) -> list[dict[str, Any]]:
    """Read every JSONL pattern file in `directory`, in name order, so the ruler is stable."""
    patterns: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                patterns.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path.name} line {number}: {exc.msg}") from exc
    return patterns


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Build the pipeline once per process (it takes ~0.2 s; a plan takes milliseconds)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("line_sentences")
    ruler = nlp.add_pipe(
        "span_ruler",
        config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LOWER", "validate": True},
    )
    ruler.add_patterns(load_patterns(get_settings().patterns_dir))  # type: ignore[attr-defined]
    return nlp


def analyse(texts: list[str]) -> list[Doc]:
    """Run the pipeline over page texts (one Doc per page, so offsets are page offsets)."""
    return list(get_nlp().pipe(join_wrapped_lines(text) for text in texts))


def matches(docs: list[Doc], page_numbers: list[int]) -> list[Match]:
    """Flatten the ruler's spans of every page into Match records, in reading order."""
    found: list[Match] = []
    for doc, page in zip(docs, page_numbers, strict=True):
        for span in doc.spans[SPANS_KEY]:
            found.append(
                Match(
                    label=span.label_,
                    id=span.id_ or span.label_,
                    page=page,
                    start=span.start_char,
                    end=span.end_char,
                    text=span.text,
                )
            )
    found.sort(key=lambda m: (m.page, m.start, -m.end))
    return found
