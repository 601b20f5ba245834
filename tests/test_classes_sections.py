"""House-style section headings (round 2 of issue 11): plans head their sections in their own
words ("Our commitment", "What we have done", "Milestones"); such a heading counts only as a
whole line, because the same words open sentences and wrapped lines."""

from __future__ import annotations

import pytest
from documents import document

from crp_checker.extract.context import DocumentContext


def _headings(text: str) -> dict[str, str]:
    context = DocumentContext.build(document(text))
    return {context.lines[i].text: key for i, key in context.headings.items()}


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Our commitment", "commitment"),
        ("2. Our net zero pledge", "commitment"),
        ("Our carbon footprint", "current"),
        ("Targets", "targets"),
        ("Milestones:", "targets"),
        ("What we have done", "projects"),
        ("Future carbon reduction initiatives", "projects"),
        ("Measures in effect during the contract", "projects"),
        ("Statement of accuracy", "declaration"),
        ("Board approval", "declaration"),
    ],
)
def test_a_house_style_heading_opens_its_section(heading: str, key: str) -> None:
    got = _headings(f"Carbon Reduction Plan\n{heading}\nSome text follows here.")
    assert got.get(heading) == key


@pytest.mark.parametrize(
    "line",
    [
        "Our commitment is to halve our fuel use.",
        "Targets are set against the 2022 baseline",
        "our carbon footprint across all areas of our operations.",
        "What we have done so far has cut fuel use by a fifth",
    ],
)
def test_the_same_words_opening_a_sentence_are_no_heading(line: str) -> None:
    assert line not in _headings(f"Carbon Reduction Plan\n{line}\nMore text.")


def test_a_bare_baseline_table_header_is_no_heading() -> None:
    text = (
        "Carbon Reduction Plan\nFuture Targets\nTarget Year Target (tCO2e) Reduction vs\n"
        "Baseline\n2030 1.5 -72%"
    )
    assert "Baseline" not in _headings(text)
