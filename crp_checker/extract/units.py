"""Emissions units as plans write them: 'tCO2e', 'tonnes CO2e', 'metric tons', 'tC02e' (a zero
for the O), 'tCO 2 e' (a subscript flattened), 'CO2 KG', 'kgCO2e', and units that are not a mass
of CO2e at all ('CO2 gpm').

One pattern and one normaliser, shared by the table and the prose readers, so a unit written
loosely reads the same wherever it appears. The unit is kept as written for the report; the
rules classify it (`rules/figures.unit_kind`).
"""

from __future__ import annotations

import re

# The gas: CO2 written with a zero, a subscript, a space before the 2, or spelt out.
_GAS = r"(?:c[o0]\s?[2₂]|carbon\s+dioxide)(?:\s?(?:e\b|eq\b|-e\b|equivalents?\b))?"
_MASS_WORD = r"(?:metric\s+)?(?:kg|kgs|kilo(?:gram)?s?|t|tonnes?|tons?|mt)"
UNIT = re.compile(
    rf"(?P<unit>{_MASS_WORD}\s*(?:of\s+)?{_GAS}"
    rf"|{_GAS}\s*(?:kg|kgs|kilograms?|tonnes?|tons?|t)\b"
    rf"|{_GAS}\s*\(\s*(?:kg|kgs|kilograms?|tonnes?|tons?|t)\s*\)"  # 'CO2e (t)': the mass after
    r"|tco\s?e\b"  # 'tCO e' with its subscript 2 pushed to the next line
    r"|(?:metric\s+)?tonnes?\b|(?:metric\s+)?tons?\b|kgs?\b"
    r"|co2\s*gpm\b|gco2e?\b"
    r"|[kmg]wh\b|kilowatt[- ]hours?\b|megawatt[- ]hours?\b|litres?\b)",  # energy, not CO2e
    re.IGNORECASE,
)
# A unit statement for a whole table or plan: "All figures are in metric tons CO2e".
UNIT_STATEMENT = re.compile(
    rf"(?:figures|emissions|values|numbers)\s+(?:\w+\s+){{0,3}}?(?:are\s+)?(?:in|as|given in|"
    rf"reported in|shown in|expressed in)\s+(?P<unit>{_MASS_WORD}\s*(?:of\s+)?{_GAS}|"
    rf"{_MASS_WORD}\b)",
    re.IGNORECASE,
)
# "(all figures tCO2e; ...)", "All emissions: tCO2e", "All figures are tonnes of CO2e", "The
# figures above are tCO2e": the unit straight after the words, with its gas named (a bare "all
# figures tonnes" is too loose to be a note).
UNIT_NOTE = re.compile(
    r"\b(?:all\s+(?:the\s+|our\s+)?(?:figures|emissions|values)\s*[:,\-–]?\s*(?:are\s+)?|"
    r"(?:the|these)\s+(?:figures|values|numbers)\s+(?:(?:above|below|here|shown)\s+)?are\s+)"
    rf"(?P<unit>{_MASS_WORD}\s*(?:of\s+)?{_GAS})",
    re.IGNORECASE,
)
# "Table 1: Emissions by scope (tCO2e), financial years ...": a caption under the table.
UNIT_CAPTION = re.compile(
    rf"^\W*(?:table|figure|fig\.)\s*\d+[a-z]?\s*[:.\-–][^()]{{0,60}}\(\s*(?P<unit>{_MASS_WORD}\s*"
    rf"(?:of\s+)?{_GAS})\s*\)",
    re.IGNORECASE,
)
NOT_MASS = "not a mass of CO2e"  # the end of a note on a figure given in another unit
CO2E_SAID = re.compile(r"co2\s?e\b|co₂e|co2-?eq|carbon dioxide equivalent|tc02e", re.IGNORECASE)


def normalise_unit(text: str | None) -> str | None:
    """Map a unit as written to 'kg', 't' or an unsupported marker (kept as written)."""
    if not text:
        return None
    lowered = re.sub(r"[\s()]+", "", text.lower())  # 'CO2e (t)' ends in its mass
    if text.strip().startswith("Mt"):  # megatonnes, not metric tonnes
        return text.strip()
    if "gpm" in lowered or lowered.startswith(("gco2", "gram")):
        return text.strip()
    if lowered.startswith(("kg", "kilo")) or lowered.endswith(("kg", "kgs", "kilograms")):
        return "kg"
    if lowered.startswith(("t", "metric", "mt")) or lowered.endswith(("tonnes", "tons", "t")):
        return "t"
    return text.strip()


def says_co2e(unit: str | None) -> bool:
    """The unit as written names CO2 equivalents (tCO2e, tC02e, 'tCO 2 e', 'tCO e')."""
    if not unit:
        return False
    flat = re.sub(r"[\s_\-]", "", unit.lower()).replace("₂", "2").replace("c02", "co2")
    return "co2e" in flat or "equivalent" in flat or flat in ("tcoe", "kgcoe")


def says_co2(unit: str | None) -> bool:
    """The unit names a gas (CO2 or CO2e), not only a mass."""
    if not unit:
        return False
    flat = re.sub(r"\s", "", unit.lower()).replace("₂", "2").replace("c02", "co2")
    return "co2" in flat or "carbon" in flat or says_co2e(unit)


def unit_as_read(written: str | None, co2e_elsewhere: bool) -> str | None:
    """The unit to report: as written, completed to tCO2e when only the mass is written and
    the table or plan says its figures are CO2e ('Emissions (tonnes)' under a tCO2e heading)."""
    if not written:
        return None
    if says_co2(written):
        return " ".join(written.split())
    kind = normalise_unit(written)
    if kind in ("t", "kg") and co2e_elsewhere:
        return "tCO2e" if kind == "t" else "kgCO2e"
    return " ".join(written.split())
