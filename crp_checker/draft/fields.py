"""The facts a plan in the official template needs, by their JSON-contract names.

One catalogue for the `draft` command, the web plan builder's form and the validation: each
field has its name as in the Assessment's `facts` (dotted for nested ones, `scope3.<n>.current`
for a Scope 3 category), a label, a kind and what it is for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from crp_checker.rules.helpers import SCOPE3_NAMES

Kind = Literal["text", "longtext", "lines", "number", "year", "date", "basis"]
REQUIRED_CATEGORIES = (4, 5, 6, 7, 9)


@dataclass(frozen=True)
class Field:
    """One answer the plan needs; `why` explains it where the plan leaves it empty."""

    name: str
    label: str
    kind: Kind
    section: str
    why: str
    required: bool = True


def _period(which: str, title: str) -> list[Field]:
    section = "baseline" if which == "baseline" else "current"
    first = "the first 12 months you measured" if which == "baseline" else "the latest 12 months"
    return [
        Field(
            f"{which}.label",
            f"{title} year",
            "text",
            section,
            f"The period, as you name it ({first}), e.g. 2024/25.",
        ),
        Field(
            f"{which}.start",
            f"{title} year starts",
            "date",
            section,
            "The first day of the 12 months (YYYY-MM-DD).",
            required=False,
        ),
        Field(
            f"{which}.end",
            f"{title} year ends",
            "date",
            section,
            "The last day of the 12 months (YYYY-MM-DD).",
            required=False,
        ),
        Field(
            f"{which}.scope1",
            "Scope 1 (tCO2e)",
            "number",
            section,
            "Fuel you burn: gas, company vehicles. 0 only with a reason.",
        ),
        Field(
            f"{which}.scope2", "Scope 2 (tCO2e)", "number", section, "Electricity and heat you buy."
        ),
        Field(
            f"{which}.scope2_basis",
            "Scope 2 basis",
            "basis",
            section,
            "market-based (your tariff) or location-based (the grid average).",
            required=False,
        ),
        Field(
            f"{which}.scope3",
            "Scope 3, included sources (tCO2e)",
            "number",
            section,
            "The sum of the Scope 3 categories below.",
        ),
        Field(
            f"{which}.total",
            "Total emissions (tCO2e)",
            "number",
            section,
            "Scope 1 + Scope 2 + Scope 3.",
        ),
        *(
            Field(
                f"{which}.explanations.{scope}",
                f"Why Scope {scope[-1]} is 0 or not given",
                "text",
                section,
                "Only for a zero or a missing figure, e.g. 'we own no vehicles'.",
                required=False,
            )
            for scope in ("scope1", "scope2", "scope3")
        ),
    ]


def category_fields(number: int) -> list[Field]:
    """A Scope 3 category's figures in both years, or the reason it does not apply."""
    words = SCOPE3_NAMES.get(number, "Scope 3 category")
    name = f"{number} {words[0].upper()}{words[1:]}"
    required = number in REQUIRED_CATEGORIES
    why = "Required: give figures, or say why it does not apply." if required else "Optional."
    return [
        Field(
            f"scope3.{number}.baseline",
            f"{name}: baseline (tCO2e)",
            "number",
            "scope3",
            why,
            required=False,
        ),
        Field(
            f"scope3.{number}.current",
            f"{name}: current (tCO2e)",
            "number",
            "scope3",
            why,
            required=required,  # or its reason: see Answers.missing
        ),
        Field(
            f"scope3.{number}.reason",
            f"{name}: why it does not apply",
            "text",
            "scope3",
            "Only if you give no figures, e.g. 'we deliver no goods'.",
            required=False,
        ),
    ]


FIELDS: tuple[Field, ...] = (
    Field("organisation", "Supplier name", "text", "document", "Your organisation's legal name."),
    Field(
        "publication_date",
        "Publication date",
        "date",
        "document",
        "The date you publish this plan (YYYY-MM-DD).",
    ),
    Field(
        "net_zero_year",
        "Net zero year",
        "year",
        "commitment",
        "The year you commit to reach net zero: 2050 at the latest.",
    ),
    *_period("baseline", "Baseline"),
    Field(
        "baseline_method",
        "How the baseline was calculated",
        "longtext",
        "baseline",
        "Where the data came from, conversion factors, what was estimated, which sites.",
        required=False,
    ),
    *_period("current", "Current reporting"),
    *(f for n in REQUIRED_CATEGORIES for f in category_fields(n)),
    Field(
        "target.tco2e",
        "Target emissions (tCO2e)",
        "number",
        "targets",
        "The emissions you aim for at the target year.",
    ),
    Field(
        "target.year",
        "Target year",
        "year",
        "targets",
        "The year of that target, e.g. five years from now.",
    ),
    Field(
        "target.percent",
        "Reduction (%)",
        "number",
        "targets",
        "The reduction against the baseline total; worked out for you when left empty.",
        required=False,
    ),
    Field(
        "completed_measures",
        "Measures already taken",
        "lines",
        "projects",
        "One per line, with the year: e.g. 'Renewable electricity tariff (2023)'.",
    ),
    Field(
        "savings_tco2e",
        "Savings of those measures (tCO2e)",
        "number",
        "projects",
        "What the completed measures saved a year.",
        required=False,
    ),
    Field(
        "savings_percent",
        "Savings (%)",
        "number",
        "projects",
        "The same as a percentage of the baseline.",
        required=False,
    ),
    Field(
        "future_measures",
        "Measures planned",
        "lines",
        "projects",
        "One per line, with the year: e.g. 'LED lighting at all offices (2026)'.",
    ),
    Field(
        "signatory.name",
        "Signed by (name)",
        "text",
        "declaration",
        "A director, partner, trustee or the owner.",
    ),
    Field("signatory.role", "Their role", "text", "declaration", "E.g. Managing Director."),
    Field(
        "sign_off_date",
        "Date signed",
        "date",
        "declaration",
        "The date the board signed the plan off (YYYY-MM-DD), within the last 12 months.",
    ),
)

SECTION_TITLES = {
    "document": "Supplier",
    "commitment": "Commitment to achieving Net Zero",
    "baseline": "Baseline Emissions Footprint",
    "current": "Current Emissions Reporting",
    "scope3": "Scope 3 categories",
    "targets": "Emissions reduction targets",
    "projects": "Carbon Reduction Projects",
    "declaration": "Declaration and Sign Off",
}


def all_fields(categories: tuple[int, ...] = ()) -> dict[str, Field]:
    """The catalogue by name, with the fields of any extra Scope 3 categories the plan names."""
    extra = [
        f for n in sorted(set(categories) - set(REQUIRED_CATEGORIES)) for f in category_fields(n)
    ]
    return {f.name: f for f in (*FIELDS, *extra)}


def field_for(name: str) -> Field | None:
    """The field named, including any Scope 3 category 1-15."""
    parts = name.split(".")
    if len(parts) == 3 and parts[0] == "scope3" and parts[1].isdigit() and 1 <= int(parts[1]) <= 15:
        return {f.name: f for f in category_fields(int(parts[1]))}.get(name)
    return all_fields().get(name)
