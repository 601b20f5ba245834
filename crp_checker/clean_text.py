"""What a typed text field may hold: no control characters and no bidirectional overrides.

A NUL, a carriage return or a right-to-left override in an email address or a name is never
meant: it truncates strings in other programs, splits a line in a log or a CSV, or disguises
what an administrator reads (`moc.elpmaxe@` shown as `@example.com`). Every door refuses such
text with a message naming the field and the character, rather than storing or showing it.
Line breaks and tabs are allowed only where a field is meant to hold paragraphs.
"""

from __future__ import annotations

import unicodedata

from crp_checker.errors import CRPError

# Characters that reorder or hide the text around them (Unicode bidi controls).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = frozenset("\t\n\r\u2028\u2029")
# Never assigned a meaning: XML (so XLSX and DOCX exports) cannot hold them.
_NONCHARACTERS = frozenset("\ufffe\uffff")


class ControlCharacterError(CRPError):
    """A text field holds a control character or a bidirectional override."""

    code = "control_character"
    http_status = 422
    default_hint = (
        "Remove the character (it often comes with text pasted from another program) and "
        "send the form again."
    )


def describe(character: str) -> str:
    """A character for a message: 'U+202E (RIGHT-TO-LEFT OVERRIDE)', or 'U+0000' alone."""
    name = unicodedata.name(character, "")
    code = f"U+{ord(character):04X}"
    return f"{code} ({name})" if name else code


def hidden_character(value: str, *, multiline: bool = False) -> str | None:
    """The first character `value` may not hold, or None; `multiline` allows line breaks."""
    for character in value:
        if multiline and character in "\t\n\r":
            continue
        if character in _LINE_BREAKS or character in _BIDI:
            return character
        category = unicodedata.category(character)
        if category == "Cc" or category == "Cs" or character in _NONCHARACTERS:
            return character
    return None


def require_clean(label: str, value: str, *, multiline: bool = False) -> str:
    """`value` unchanged, or ControlCharacterError naming `label` and the character."""
    found = hidden_character(value, multiline=multiline)
    if found is not None:
        kind = (
            "tab"
            if found == "\t"
            else "line break"
            if found in _LINE_BREAKS
            else "text direction control"
            if found in _BIDI
            else "control character"
        )
        raise ControlCharacterError(f"The {label} contains a {kind}, {describe(found)}.")
    return value
