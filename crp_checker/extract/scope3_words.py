"""The words around a Scope 3 category name that say how the plan addresses it.

"Not yet measured", "will be added when we have reliable data" (named, not measured);
"not relevant", "do not arise for us", "no ... to report", "N/A" (ruled out, with or without a
reason); "all other indirect emissions that occur in the value chain" (a definition of Scope
3, not a report); "Scope 3 includes / is made up of" (the sources of one Scope 3 figure).
"""

from __future__ import annotations

import re

from crp_checker.extract.reasons import has_reason

__all__ = [
    "ANY_MARKER",
    "CONNECTOR",
    "DEFINITION",
    "MARKER",
    "NOT_EMISSIONS",
    "RULED_OUT",
    "SCOPE3_LISTING",
    "UNMEASURED",
    "UNMEASURED_CELL",
    "ZERO_WORD",
    "has_reason",
    "sets_context",
]

# Between two names of one list: "A, B and C", "Cat 9 Downstream ...", "(upstream ...)".
CONNECTOR = re.compile(
    r"^[\s,&/()\-–:]*(?:(?:and|or|plus|as well as|including)\b[\s,&/()\-–]*)?$", re.I
)
# A cell that stands for "nothing here" right after the name: "| N/A |", "Cat 4: N/A –".
# A dash counts only as a cell of its own ("| - |"): at the end of a line it separates a label
# from a figure on the next line.
MARKER = re.compile(r"^(?:n/?a|not applicable|[-–—](?=\s*\|))(?![\w/])", re.I)
# Words that say how a category is addressed, between two of its names or after one.
ANY_MARKER = re.compile(r"\b(?:n/?a|not applicable|nil|zero|none)\b|\s[-–—]\s*$", re.I)
ZERO_WORD = re.compile(r"^(?:nil|zero|none)\b", re.I)
UNMEASURED_CELL = re.compile(
    r"^(?:not\s+(?:yet\s+)?(?:been\s+)?(?:measured|calculated|quantified|collected|available|"
    r"assessed|estimated|known)|tbc|tba|tbd|to be (?:measured|confirmed|calculated|added|"
    r"included|reported)|no data(?: yet)?|awaiting data|"
    r"data (?:not )?(?:yet )?(?:available|due))\b",
    re.I,
)
UNMEASURED = re.compile(
    r"\b(?:not\s+(?:yet\s+)?(?:been\s+)?(?:measured|calculated|quantified|collected|assessed|"
    r"captured|tracked)(?:\s+yet)?|not\s+(?:currently|yet)\s+(?:measured|reported|included|"
    r"captured|available)|(?:data|figures?) (?:is|are|was|were) not (?:yet )?available|"
    r"yet to be|will be (?:added|included|measured|reported|calculated|collected|captured|"
    r"submitted|quantified)|to be (?:measured|added|calculated|included)|data collection "
    r"(?:starts|begins|will|is planned)|(?:once|when) (?:we have|data|reliable|the data)|"
    r"work(?:ing)? (?:to|towards) (?:measur|collect|includ|captur)\w*|plan(?:ning)? to "
    r"(?:measure|include|report|collect|capture)|intend to (?:measure|include|report|collect)|"
    r"(?:do|does) not yet|not yet|in (?:the )?future (?:reports?|years?|plans?))\b",
    re.I,
)
RULED_OUT = re.compile(
    r"\b(?:not relevant|irrelevant|not applicable|(?:does|do|did) not (?:apply|arise|occur|exist)|"
    r"n/a|excluded|exclude[sd]?|(?<!not )(?<!not been )(?:ruled|left) out|out of scope|"
    r"outside (?:the|our|of the) (?:\w+ )?(?:scope|boundary)|"
    r"not (?:reported|included|material|considered)|no\s+(?:\w+\s+){0,3}"
    r"(?:to report|emissions)|(?:there (?:is|are|was|were)|we have) no|negligible|immaterial|"
    r"de minimis|zero emissions|nothing to report)\b",
    re.I,
)
# A definition of Scope 3 (the GHG Protocol's description), not the plan's own sources.
DEFINITION = re.compile(
    r"\b(?:all other indirect|indirect emissions (?:that|which|from sources|occurring)|"
    r"(?:that|which) occurs? (?:in|across|throughout) (?:the|a|an|our) (?:\w+ )?value chain|"
    r"in (?:the|an organisation's|a company's) value chain|not (?:directly )?owned or controlled|"
    r"defined as|(?:is|are) defined|refers? to (?:all|the|emissions))\b",
    re.I,
)
SCOPE3_LISTING = re.compile(
    r"\bscope\s*(?:3|three)\b[^.;]{0,40}?\b(?:includ\w*|compris\w*|consist\w*|cover\w*|made up "
    r"of|sources?|came from|comes? from|is from|relates? to)\b",
    re.I,
)
# A number after a category name that counts something else: "200 miles", "12 staff".
NOT_EMISSIONS = re.compile(
    r"^\s*(?:%|per\b|x\b|miles?|km|kilomet|journeys?|trips?|flights?|nights?|staff|employees?|"
    r"people|fte|kwh|mwh|gwh|litres?|liters?|days?|hours?|vehicles?|vans?|cars?|sites?|offices?|"
    r"times|tonnes? of (?!co2|carbon|greenhouse)|t of (?!co2)|kg of (?!co2)|bags?|bins?|"
    r"collections?|skips?|lifts?|loads?|containers?|pallets?|parcels?|deliveries|orders?|visits?|"
    r"meetings?|£|pounds)",
    re.I,
)
_EMISSIONS_WORDS = re.compile(r"\bemissions?\b|\bfootprint\b|\bco2e?\b|\bcarbon\b", re.I)


def sets_context(text: str, has_unit: bool) -> bool:
    """The sentence talks about emissions (so a category named in it is part of the report)."""
    return (
        has_unit
        or bool(re.search(r"\bscope\s*(?:3|three)\b", text, re.I))
        or bool(_EMISSIONS_WORDS.search(text))
    )
