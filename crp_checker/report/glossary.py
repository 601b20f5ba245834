"""Plain-English meanings of the terms a report uses, for suppliers new to carbon reporting."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One glossary entry; `anchor` is its id on the report page (`#term-...`)."""

    anchor: str
    term: str
    meaning: str


GLOSSARY = (
    Term(
        "term-tco2e",
        "tCO2e",
        "Tonnes of carbon dioxide equivalent: all greenhouse gases counted as the amount of "
        "carbon dioxide that would warm the planet as much.",
    ),
    Term(
        "term-scope-1",
        "Scope 1",
        "Emissions from what your business burns itself: gas boilers, company vehicles, "
        "generators.",
    ),
    Term(
        "term-scope-2",
        "Scope 2",
        "Emissions from making the electricity (and bought heat) your business uses.",
    ),
    Term(
        "term-scope-3",
        "Scope 3",
        "Emissions elsewhere in your value chain. A plan must cover five categories: "
        "4 deliveries to you, 5 waste, 6 business travel, 7 staff commuting and "
        "9 deliveries to your customers.",
    ),
    Term(
        "term-market-based",
        "Market-based and location-based",
        "Two ways to count Scope 2. Location-based uses the grid's average; market-based uses "
        "your own tariff (a renewable tariff counts as low carbon). Say which one you use; "
        "giving both is best.",
    ),
    Term(
        "term-baseline",
        "Baseline",
        "The first 12 months you measured, which later years are compared with.",
    ),
    Term(
        "term-net-zero",
        "Net zero",
        "Cutting emissions as far as possible (usually by 90% or more) and removing the rest "
        "from the air. Carbon neutral, by offsetting alone, is not the same.",
    ),
    Term(
        "term-grounds",
        "PPN 006 grounds",
        "The five reasons a buyer may reject a plan: (a) no commitment to net zero by 2050; "
        "(b) emissions not reported to the standard; (c) the declaration or sign-off missing; "
        "(d) no environmental measures that will apply during the contract; (e) the plan "
        "falls short of the Technical Standard (for example data too old, Scope 3 categories "
        "missing).",
    ),
    Term(
        "term-maturity",
        "Score and maturity",
        "The score (0-100) counts the checks met, mandatory ones double. The maturity level "
        "(1-5) is the plan's stage and stays at 2 while any mandatory requirement fails, "
        "whatever the score.",
    ),
)
