"""Text normalisation applied once at the edge, so every later stage sees the same characters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# pdfium marks a hyphen it joined across a line break as U+FFFE ("landlord\ufffecontrolled");
# a soft hyphen (U+00AD) before a line end was printed as a hyphen too, elsewhere it is invisible.
_LINE_END_SOFT_HYPHEN = re.compile(r"\u00ad(?=[ \t]*\n)")
# Private-use bullets from the Symbol and Wingdings fonts, common in Word exports.
_PUA_BULLETS = str.maketrans(dict.fromkeys("\uf0b7\uf0a7\uf0a8\uf076\uf0d8\uf0fc\uf06e", "•"))
# C0/C1 controls except \t and \n, plus invisible format characters (zero-width space, bidi
# marks, BOM) and the noncharacters that some extractors emit.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff]"
)
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_INLINE_SPACE = re.compile(r"\s+")
# Scopes written in words or with a hyphen ("scope one", "Scope-3", "SCOPE TWO") are the same
# scopes as "Scope 1"; writing them one way here spares every reader its own variant. Words
# that start a phrase ("the scope one would expect", "scope one of ...") are left alone.
_SCOPE_NUMBER = {"one": "1", "two": "2", "three": "3"}
_SCOPE_IN_WORDS = re.compile(
    r"\b(scope)(?:[ \t]+|[ \t]*[-\u2013][ \t]*)(one|two|three)\b(?![ \t]+(?:of|to|would|could)\b)",
    re.I,
)
_SCOPE_HYPHEN = re.compile(r"\b(scope)[-\u2013](?=[123]\b)", re.I)


def normalize_text(text: str) -> str:
    """NFKC, one kind of line break, visible hyphens, no control characters or trailing spaces."""
    text = _LINE_BREAKS.sub("\n", text)
    text = text.replace("\ufffe", "-")
    text = _LINE_END_SOFT_HYPHEN.sub("-", text)
    text = unicodedata.normalize("NFKC", text.translate(_PUA_BULLETS))
    text = _CONTROL.sub("", text)
    text = _TRAILING.sub("", text)
    text = _SCOPE_IN_WORDS.sub(lambda m: f"{m[1]} {_SCOPE_NUMBER[m[2].lower()]}", text)
    text = _SCOPE_HYPHEN.sub(r"\1 ", text)
    return text.strip("\n")


# "S1 = Scope 1", "Scope 2 (S2)", "S3: Scope 3": a plan that defines the short names.
_SHORT_SCOPE_DEFINED = re.compile(
    r"\bS([123])\s*(?:=|:|-|\u2013|is)\s*scope\s*\1\b|\bscope\s*([123])\s*\(\s*S\2\s*\)", re.I
)
_SCOPE_ROW = re.compile(r"^\W*scope\s*([123])\b", re.I | re.M)
_SHORT_SCOPE_ROW = re.compile(r"^\W*S([123])\b(?![.\-/]\d)", re.M)
_SHORT_SCOPE_HEADER = re.compile(
    r"(?<![\w.])S1\s*\|\s*S2\s*\|\s*S3(?![\w.])|(?<![\w.])S1\s+S2\s+S3(?![\w.])"
)
_SHORT_SCOPE = re.compile(r"(?<![\w.\-/])S([123])\b(?![.\-/]?\d)")


def short_scope_names(texts: Sequence[str]) -> bool:
    """Whether a plan names its scopes S1, S2 and S3: it defines the short names ("S1 = Scope
    1"), or rows open with each of them. Elsewhere "S1" may be a section, a site or a size."""
    joined = "\n".join(texts)
    if _SHORT_SCOPE_DEFINED.search(joined):
        return True
    if _SHORT_SCOPE_HEADER.search(joined):
        return True  # "Year | S1 | S2 | S3 | All": a header of the three scopes
    short = {m[1] for m in _SHORT_SCOPE_ROW.finditer(joined)}
    named = {m[1] for m in _SCOPE_ROW.finditer(joined)}
    # "Scope 1 ... / S2 (electricity) ... / Scope 3 ...": rows that between them name the three
    return bool(short) and short | named == {"1", "2", "3"}


def expand_short_scopes(text: str) -> str:
    """'S1' as 'Scope 1', for a plan that names its scopes so (see `short_scope_names`)."""
    return _SHORT_SCOPE.sub(lambda m: f"Scope {m[1]}", text)


def normalize_cell(cell: str | None) -> str:
    """A table cell as one line of normalised text (None -> "", inner newlines -> spaces)."""
    if not cell:
        return ""
    return _INLINE_SPACE.sub(" ", normalize_text(cell)).strip()


def normalize_table(rows: Sequence[Sequence[str | None]]) -> list[list[str]]:
    """Normalise every cell and drop the rows that are entirely empty."""
    cleaned = [[normalize_cell(cell) for cell in row] for row in rows]
    return [row for row in cleaned if any(row)]


def row_line(cells: list[str]) -> str:
    """A table row as one text line, "cell | cell |", the form the extractors read."""
    return " | ".join(normalize_cell(cell) for cell in cells) + " |"
