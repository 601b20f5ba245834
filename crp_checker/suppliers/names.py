"""Normal forms for supplier names and Companies House numbers, so one company matches itself
however a spreadsheet or a plan spells it."""

from __future__ import annotations

import re
import unicodedata

# Legal forms that say nothing about which company it is; dropped from the end of a name.
LEGAL_SUFFIXES = frozenset({"ltd", "limited", "plc", "llp"})
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_COMPANY_NUMBER = re.compile(r"^([A-Z]{2})?([0-9]{1,8})$")


def normalise_name(name: str) -> str:
    """Lower case, no accents or punctuation, "&" as "and", no trailing Ltd/Limited/PLC/LLP.

    "Acme Widgets Ltd.", "ACME WIDGETS LIMITED" and "Acme-Widgets" all give "acme widgets".
    A name that is nothing but a legal form keeps it, so it still matches itself.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = text.casefold().replace("&", " and ").replace("'", "")
    words = _NOT_WORD.sub(" ", text).split()
    core = list(words)
    while core and core[-1] in LEGAL_SUFFIXES:
        core.pop()
    return " ".join(core or words)


def normalise_company_number(number: str) -> str:
    """The 8-character form Companies House uses: upper case, digits zero-padded.

    "1234567" becomes "01234567" and "sc 12345" becomes "SC012345" (spreadsheets drop the
    leading zeros). Raises ValueError for anything that cannot be a company number.
    """
    compact = "".join(number.split()).upper()
    if compact.endswith(".0") and compact[:-2].isdigit():
        compact = compact[:-2]  # a number cell read as a float
    match = _COMPANY_NUMBER.match(compact)
    if match is None:
        raise ValueError(f"{number!r} is not a Companies House number")
    prefix, digits = match.group(1) or "", match.group(2)
    width = 8 - len(prefix)
    if len(digits) > width:
        raise ValueError(f"{number!r} is not a Companies House number (too many digits)")
    return prefix + digits.zfill(width)
