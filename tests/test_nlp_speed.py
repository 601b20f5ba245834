"""The pipeline's speed-ups change nothing: line sentences and the token-pattern guard."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc

from crp_checker.nlp import (
    _GuardedMatcher,
    _pattern_needles,
    analyse,
    analyse_pages,
    get_nlp,
    join_wrapped_lines,
    line_sentences,
    matches,
)

TEXTS = [
    "Carbon Reduction Plan\nSupplier name: [insert name]\n\nSigned: XX, C.E.O. on TBC\n",
    "Scope 1 12.5\n \nScope 2\t\n40.1 tCO2e (m.d. approval)\n\n\n<enter date> and {your logo}",
    "No placeholders here: net zero by 2040, signed by the Managing Director.",
    "\n",
    "",
    "Exxon 12XX34 xxx X.X XX.XX Tbc c.o.o",
]


def _plain_line_sentences(doc: Doc) -> Doc:
    """The straightforward version the fast one must agree with."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws and token.is_space:
            doc[token.i + 1].is_sent_start = True
    return doc


@pytest.mark.parametrize("text", TEXTS)
def test_line_sentences_agrees_with_the_token_loop(text: str) -> None:
    nlp = get_nlp()
    sentencizer = nlp.get_pipe("sentencizer")
    fast = line_sentences(sentencizer(nlp.make_doc(text)))
    plain = _plain_line_sentences(sentencizer(nlp.make_doc(text)))
    assert [t.is_sent_start for t in fast] == [t.is_sent_start for t in plain]


@pytest.mark.parametrize("text", TEXTS)
def test_guarded_token_matcher_finds_what_the_matcher_finds(text: str) -> None:
    ruler: Any = get_nlp().get_pipe("span_ruler")
    doc = get_nlp().make_doc(join_wrapped_lines(text))
    assert sorted(ruler.matcher(doc)) == sorted(ruler.matcher._matcher(doc))


def test_guard_skips_a_page_without_the_text_any_token_pattern_needs() -> None:
    ruler: Any = get_nlp().get_pipe("span_ruler")
    assert ruler.matcher._needles, "every token pattern in models/ should yield needles"
    doc = get_nlp().make_doc(TEXTS[2])
    assert not any(n.found(doc.text, doc.text.lower()) for n in ruler.matcher._needles)


def test_page_analysis_keeps_the_matches_and_sentences_of_the_docs() -> None:
    pages = list(range(1, len(TEXTS) + 1))
    docs = analyse(TEXTS)
    analysed = list(analyse_pages(TEXTS, pages))
    assert [m for a in analysed for m in a.matches] == matches(docs, pages)
    assert [[(s.start_char, s.end_char) for s in doc.sents] for doc in docs] == [
        a.sentences for a in analysed
    ]
    assert [a.text for a in analysed] == [doc.text for doc in docs]


@pytest.mark.parametrize(
    "pattern",
    [
        [{"POS": "NOUN"}],  # not a text test
        [{"LOWER": "ceo", "OP": "?"}],  # optional: the page need not contain it
        [{"TEXT": {"REGEX": r"\bxx"}}],  # unanchored with a word boundary
        [{"TEXT": {"REGEX": "^a[^b]$"}}],  # a caret inside: read conservatively
        [{"LOWER": {"IN": ["ſt"]}}],  # not ASCII: lower-casing the page may not keep it
    ],
)
def test_patterns_without_safe_needles_keep_the_matcher_always_on(
    pattern: list[dict[str, Any]],
) -> None:
    assert _pattern_needles(pattern) is None
    guarded = _GuardedMatcher(lambda doc: ["ran"], [[{"TEXT": "never"}], pattern])
    assert guarded(get_nlp().make_doc("nothing to see")) == ["ran"]
