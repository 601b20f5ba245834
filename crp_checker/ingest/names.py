"""File names as a client sent them, made safe to show, store and put in a report.

An upload's name is chosen by whoever sends it: it may climb folders (`../../etc/x`), carry
terminal escapes, carriage returns or a right-to-left override that disguises `exe` as `txt`.
The checker only ever shows the name, so it keeps the last path part and drops invisible
characters, once, here.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

MAX_NAME_CHARS = 200
FALLBACK = "upload"
# Control, format (bidi overrides, zero-width), surrogate, private-use and unassigned.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_SPACES = re.compile(r"\s+")


def display_name(name: str) -> str:
    """The last part of the path, without invisible characters, at most 200 characters."""
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(" " if ch in "\t\r\n" else ch for ch in name)
    name = "".join(ch for ch in name if unicodedata.category(ch) not in _HIDDEN)
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()
    if name.strip(".") == "":
        return FALLBACK
    if len(name) > MAX_NAME_CHARS:
        suffix = PurePath(name).suffix[:16]
        name = name[: MAX_NAME_CHARS - len(suffix)].rstrip() + suffix
    return name


def file_stem(text: str) -> str:
    """A name for a file we write (an export, a report): letters, digits, '.', '_' and '-'."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")
