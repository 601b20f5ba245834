"""Unfilled template text as a class: markers, empty fields, guidance left in; and filled
fields that only look unfinished (dotted leader lines)."""

from __future__ import annotations

import pytest
from documents import document, facts_of

from crp_checker.pipeline import assess_document
from crp_checker.schemas import BuyerSettings, Outcome

PLAN = """
Carbon Reduction Plan
Supplier name: Acme Facilities Ltd
Publication date: 3 March 2025
Commitment to achieving Net Zero
Acme Facilities Ltd is committed to achieving Net Zero emissions by 2045.
{extra}
Baseline Emissions Footprint
Baseline year: 2022
"""


def _placeholders(extra: str) -> list[str]:
    return facts_of(PLAN.format(extra=extra)).placeholders


@pytest.mark.parametrize(
    "extra",
    [
        "Signed: Jo Bloggs, Director. Date: [Insert date]",
        "Target reduction: TBC",
        "We will install heat pumps by 20XX.",
        "We project emissions will fall to XX tCO2e by 2030.",
        "Planned: <insert planned projects>",
        "Company Registration Number:",
        "Company no.:",
        "Guidance note: describe the projects completed since the baseline year.",
        "Notes for Completion",
        "Please complete and publish your Carbon Reduction Plan in accordance with the standard.",
        "Delete as appropriate: we do / do not use renewable electricity.",
    ],
)
def test_unfilled_template_text_is_found(extra: str) -> None:
    assert _placeholders(extra)


def test_leftover_template_text_fails_no_placeholders() -> None:
    text = PLAN.format(extra="Target reduction: TBC")
    finding = next(
        f
        for f in assess_document(document(text), BuyerSettings()).findings
        if f.rule == "no-placeholders"
    )
    assert finding.outcome is Outcome.FAIL and "TBC" in finding.message


@pytest.mark.parametrize(
    "extra",
    [
        "Company Registration Number: 01234567",
        "Company number:\n01234567",
        "Supplier name: ……………. Acme Facilities LTD………",
        "Publication date: ………………05/08/2025…………",
        "This plan follows the Carbon Reduction Plan template published alongside PPN 06/21.",
        "We used the government guidance notes on Scope 3 reporting.",
        "Signed:\nJo Bloggs, Managing Director",
    ],
)
def test_filled_fields_and_mentions_of_the_template_are_not_placeholders(extra: str) -> None:
    assert _placeholders(extra) == []
