"""Emissions tables from PDF pages via pdfplumber, run only on the pages that seem to hold one.

pdfplumber is about 50 times slower than pdfium, so it is opened once per document, lazily,
and asked only about pages whose fast text mentions scopes or tCO2e next to figures.
"""

from __future__ import annotations

import io
import re
import unicodedata
from types import TracebackType
from typing import Any

import pdfplumber

from crp_checker.ingest.base import Table

_TABLE_WORDS = re.compile(r"scope\s*[123]|\btco2e?\b|\bco2e\b|emissions", re.I)
_SCOPE_LABEL = re.compile(r"scope\s*[123]", re.I)
# A figure: not a year, a percentage, a list number ("1. ") or a date part ("05/08/2025").
_NUMBER = re.compile(r"(?<![\w.,/])\d[\d,]*(?:\.\d+)?(?![\w%/]|\.\s|\s*%)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_MIN_FIGURES = 3


def looks_like_emissions_table(text: str) -> bool:
    """True when a page's text names scopes or tCO2e and carries at least three figures."""
    text = unicodedata.normalize("NFKC", text)  # "tCO₂e" -> "tCO2e"
    if not _TABLE_WORDS.search(text):
        return False
    numbers = _NUMBER.findall(_SCOPE_LABEL.sub(" ", text))
    return sum(1 for n in numbers if not _YEAR.fullmatch(n)) >= _MIN_FIGURES


def clean_table(rows: list[list[str | None]]) -> Table:
    """Cells as strings (None -> "", newlines -> spaces); rows that are entirely empty dropped."""
    cleaned = [[" ".join((cell or "").split()) for cell in row] for row in rows]
    return [row for row in cleaned if any(row)]


class TableReader:
    """Opens pdfplumber on first use and reads the tables of one page at a time."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf: Any = None

    def tables(self, index: int) -> list[Table]:
        """The tables pdfplumber finds on page `index` (0-based), each as rows of cells."""
        if self._pdf is None:
            self._pdf = pdfplumber.open(io.BytesIO(self._data))
        page = self._pdf.pages[index]
        try:
            found = page.extract_tables()
        finally:
            page.close()  # flush pdfplumber's per-page object caches: documents can be long
        tables = (clean_table(rows) for rows in found)
        return [table for table in tables if table]

    def close(self) -> None:
        """Close pdfplumber if it was opened, without failing a document that was read."""
        pdf, self._pdf = self._pdf, None
        if pdf is None:
            return
        try:
            pdf.close()
        except Exception:  # it builds every page to close them: a damaged one raises (fuzzing)
            pdf.stream.close()

    def __enter__(self) -> TableReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
