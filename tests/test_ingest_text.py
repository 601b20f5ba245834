"""Plain-text and Markdown plans: encodings, binary refusal, pages at form feeds, Markdown marks."""

from __future__ import annotations

import codecs

import pytest

from crp_checker.errors import UnsupportedFormatError
from crp_checker.ingest import ingest

PLAN = "Carbon Reduction Plan\nNet zero by 2050 – £5k spent on ‘green’ tariffs\n"


@pytest.mark.parametrize(
    "data",
    [
        PLAN.encode("utf-8"),
        codecs.BOM_UTF8 + PLAN.encode("utf-8"),
        PLAN.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_unicode_encodings_decode_exactly(data: bytes) -> None:
    document = ingest(data, name="plan.txt")
    assert document.source.kind == "text"
    assert document.pages[0].text == PLAN.strip()
    assert document.warnings == []


def test_windows_1252_text_is_decoded_with_a_warning() -> None:
    document = ingest(PLAN.encode("cp1252"), name="plan.txt")
    assert document.pages[0].text == PLAN.strip()
    assert document.warnings == ["The text is not UTF-8; it was read as Windows-1252 (cp1252)."]


def test_nul_bytes_are_refused_as_binary() -> None:
    with pytest.raises(UnsupportedFormatError, match="binary"):
        ingest(b"Net zero\x00\x00\x01by 2050", name="plan.txt")


def test_many_control_characters_are_refused_as_binary() -> None:
    data = bytes(range(1, 9)) * 10 + b"some readable text here"
    with pytest.raises(UnsupportedFormatError, match="control characters"):
        ingest(data, name="plan.txt")


def test_form_feeds_split_pages() -> None:
    document = ingest(b"Page one\fPage two\n\fPage three\f\n", name="plan.txt")
    assert [(p.number, p.text) for p in document.pages] == [
        (1, "Page one"),
        (2, "Page two"),
        (3, "Page three"),
    ]


def test_lines_and_spacing_are_kept_in_plain_text() -> None:
    text = "Scope 1: 12.5\nScope 2: 40.1   \n\n* Scope 3: 7.75 *\n"
    assert ingest(text.encode(), name="plan.txt").pages[0].text == (
        "Scope 1: 12.5\nScope 2: 40.1\n\n* Scope 3: 7.75 *"
    )


MARKDOWN = """# Carbon Reduction Plan

**Supplier name:** Acme *Ltd*
Publication date: 1 May 2025

## Baseline emissions

| Scope | Baseline (tCO2e) |
|:------|-----------------:|
| Scope 1 | 12.5 |
| Scope 3* | 7.75 |

- LED lighting in all offices
- Electric vans

Contact: see [our website](https://example.com/plan).
"""


def test_markdown_marks_are_removed_but_lines_and_table_rows_kept() -> None:
    document = ingest(MARKDOWN.encode(), name="plan.md")
    assert document.source.kind == "markdown"
    assert document.source.title == "Carbon Reduction Plan"
    assert document.pages[0].text.split("\n") == [
        "Carbon Reduction Plan",
        "Supplier name: Acme Ltd",
        "Publication date: 1 May 2025",
        "Baseline emissions",
        "Scope | Baseline (tCO2e) |",
        "Scope 1 | 12.5 |",
        "Scope 3* | 7.75 |",
        "• LED lighting in all offices",
        "• Electric vans",
        "Contact: see our website.",
    ]
    assert document.pages[0].tables == [
        [["Scope", "Baseline (tCO2e)"], ["Scope 1", "12.5"], ["Scope 3*", "7.75"]]
    ]


def test_clear_markdown_without_md_name_is_markdown() -> None:
    document = ingest(MARKDOWN.encode(), name="plan.txt")
    assert document.source.kind == "markdown"
    assert document.warnings == []


def test_markdown_pages_split_at_form_feeds() -> None:
    document = ingest(b"# One\n\ntext\f# Two\n\nmore", name="plan.md")
    assert [p.text for p in document.pages] == ["One\ntext", "Two\nmore"]
