"""What each format reader hands back before the text is normalised into `schemas.Page`s."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["pdf", "docx", "html", "text", "markdown"]
Method = Literal["text", "ocr", "none"]
Table = list[list[str]]


@dataclass
class RawPage:
    """One page of text as read, in reading order, with its tables (rows of cell strings)."""

    text: str = ""
    tables: list[Table] = field(default_factory=list)
    method: Method = "text"


@dataclass
class Parsed:
    """A reader's result: pages in order, the document title if it has one, and warnings."""

    pages: list[RawPage]
    title: str | None = None
    warnings: list[str] = field(default_factory=list)


def page_list(numbers: list[int]) -> str:
    """Page numbers for a message: "page 3", "pages 1, 2 and 5", "pages 4-40"."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs]
    label = "page" if len(numbers) == 1 else "pages"
    if len(parts) == 1:
        return f"{label} {parts[0]}"
    return f"{label} {', '.join(parts[:-1])} and {parts[-1]}"
