"""Figures of a Scope 3 source written in one cell or on one line, and the words of a label
that may stand between a category's name and them.

"104.5 / 91.6", "9.4 → 8.7 tCO2e", "6.1 then 5.2": one figure per period; "business mileage in
vets' own cars: 104.5 / 91.6": words that only describe the name, then its figures; "(miles)",
"number of trips": a label whose figures count something else.
"""

from __future__ import annotations

import re

from crp_checker.extract.scope3_words import ANY_MARKER, RULED_OUT, UNMEASURED

# Units as plans type them, "tC02e" (a zero for the O) included.
UNIT = re.compile(
    r"\b(?:t|kg|tonnes?|tons?|metric tons?)\s*(?:of\s+)?c[o0]2\s*-?(?:e|eq)?\b|\btc[o0]2e?\b|"
    r"\bkgc[o0]2e?\b|\btonnes?\b|\bmetric tons?\b",
    re.I,
)
# Figures alone in a cell or on a line, one per period: "104.5 / 91.6", "9.4 → 8.7 tCO2e",
# "9.4 -> 8.7", "6.1 then 5.2"; "to" only between two figures ("9.4 to 8.7 t").
_NUM = r"[-−]?\d[\d,]*(?:\.\d+)?"
_CELL_UNIT = r"(?:\s*(?:t\s*c[o0]2e?|tc[o0]2e|kg\s*c[o0]2e?|kgc[o0]2e|tonnes?|t)\b)?"
FIGURE_CELLS = re.compile(
    rf"^[\s|]*{_NUM}{_CELL_UNIT}(?:\s*(?:/|\||→|➝|⟶|->|–>|=>|>|\bthen\b|\bto\b)\s*"
    rf"{_NUM}{_CELL_UNIT})*[\s|]*$",
    re.I,
)
# Words after a name that keep to its label ("business mileage in vets' own cars: 104.5"): no
# sentence, no figure, then a colon, a cell rule or a tab before the figures.
_LABEL_TAIL = re.compile(r"^(?P<words>[^|:\t\d.!?;]{0,60})[|:\t](?P<cells>.*)$")
_SENTENCE_WORDS = re.compile(r"\b(?:we|our|us|is|are|was|were|has|have|had|will|would)\b", re.I)
_TAIL_WORDS = 8
# A label that says its figures count something else: "business travel (miles)", "no. of trips".
OTHER_MEASURE = re.compile(
    r"£|\b(?:kwh|mwh|gwh|litres?|liters?|miles?|km|kilomet\w*|number|no\.|count|"
    r"cost|spend|hours|days|nights|fte|headcount)\b",
    re.I,
)


def labelled_figures(rest: str) -> bool:
    """The words after a name end its label and the line holds only the label's figures
    ("Farm visits and business mileage in vets' own cars: 104.5 / 91.6")."""
    tail = _LABEL_TAIL.match(rest)
    return tail is not None and describes(tail["words"]) and bool(FIGURE_CELLS.match(tail["cells"]))


def describes(words: str) -> bool:
    """Words after a name that only describe it ("inbound deliveries of vinyl and acrylic",
    "in vets' own cars"): short, no figure, no sentence, nothing that says how it is addressed."""
    return (
        len(re.findall(r"[A-Za-z]\S*", words)) <= _TAIL_WORDS
        and not re.search(r"\d|[.!?;](?:\s|$)", words)
        and not _SENTENCE_WORDS.search(words)
        and not OTHER_MEASURE.search(words)
        and not (ANY_MARKER.search(words) or RULED_OUT.search(words) or UNMEASURED.search(words))
    )


# Words between a name and its figure that the layout sets apart as a description: a bracket
# ("Category 4 - upstream transport (pool chemicals and stock delivered to our centres) | 9.4"),
# a cell of their own ("6 - Business travel | Supervisors' mileage in their own cars | 3.3"), or
# a clause a colon closes in a list item ("Upstream transport (cat 4): deliveries of medical
# supplies to our shops: 8.1 t"). Set apart, they may run longer than a label's tail and say
# "our"; they still hold no figure, no sentence and nothing of how the category is addressed.
_BRACKETED = re.compile(r"\([^()]*\)")
_APART_CHARS = 200
_APART_WORDS = 24
_PROMISE = re.compile(
    r"\b(?:will|shall|would|aim|plan|intend|target|goal|reduce|cut|halve)\b", re.I
)


def set_apart(prefix: str, item: bool) -> bool:
    """The words `prefix` between a name and its figure are a description its layout sets
    apart: brackets, cells, or (in a list item or row, `item`) a clause closed by a colon."""
    if len(prefix) > _APART_CHARS or len(re.findall(r"[A-Za-z]\S*", prefix)) > _APART_WORDS:
        return False
    if re.search(r"\d|[.!?;](?:\s|$)", prefix) or _PROMISE.search(prefix):
        return False
    if ANY_MARKER.search(prefix) or RULED_OUT.search(prefix) or UNMEASURED.search(prefix):
        return False
    # "Downstream transport (category 9): ...": the bracket the name's own number opened.
    bare = _BRACKETED.sub(" ", re.sub(r"^\s*\)", " ", prefix))
    if "(" in bare or ")" in bare:
        return False
    if not bare.strip(" :-–|"):
        return "(" in prefix  # only a bracket, and the marks that close a label
    if not item:
        return False
    # The figure opens a cell of its own, or follows the colon that closes the description.
    return bool(re.search(r"\|\s*$", bare)) or bool(re.search(r"^[\s:\-–]*[^:|]*:\s*$", bare))


def figure_cells(text: str) -> bool:
    """A line or cell of figures only, with a unit or one figure per period ("9.4 → 8.7 tCO2e",
    "104.5 / 91.6"): a bare whole number alone may count something else."""
    if not FIGURE_CELLS.match(text):
        return False
    numbers = re.findall(_NUM, text)
    if all(re.fullmatch(r"(?:19|20)\d\d", n) for n in numbers):
        return False  # "2021 / 2025": the periods, not their figures
    return bool(UNIT.search(text)) or len(numbers) > 1
