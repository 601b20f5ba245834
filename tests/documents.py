"""Build small Documents from text, so extractor tests read like the plans they imitate."""

from __future__ import annotations

import hashlib
import textwrap

from crp_checker.extract import extract
from crp_checker.schemas import Document, Facts, Page, SourceInfo


def document(*pages: str, name: str = "plan.txt") -> Document:
    """A text Document with one page per argument (dedented, stripped)."""
    texts = [textwrap.dedent(page).strip("\n") for page in pages]
    data = "\f".join(texts).encode()
    return Document(
        source=SourceInfo(
            name=name, kind="text", sha256=hashlib.sha256(data).hexdigest(), size_bytes=len(data)
        ),
        pages=[Page(number=i, text=text) for i, text in enumerate(texts, 1)],
    )


def facts_of(*pages: str) -> Facts:
    """Extract the facts of a plan written as page texts."""
    return extract(document(*pages))
