"""Look-alikes, round 2 (synthetic-n): a consultancy's guide with an illustrative example table
read as a plan (its example figure reported), and a carbon neutral certificate whose holder was
taken for the certifier and whose neutrality was not read as neutrality only."""

from __future__ import annotations

import pytest
from documents import facts_of

_EXAMPLE_TABLE = (
    "Emissions Baseline (tCO2e) Current (tCO2e)\nScope 1 120.0 104.0\nScope 2 60.0 41.0\n"
    "Scope 3 (included sources) 220.0 198.0\nTotal 400.0 343.0\n"
)
_SECTIONS = (
    "1. Commitment to achieving Net Zero\n2. Baseline Emissions Footprint\n"
    "3. Current Emissions Reporting\n4. Emissions Reduction Targets\n"
    "5. Carbon Reduction Projects\n6. Declaration and Sign Off\n"
)


@pytest.mark.parametrize(
    ("title", "example"),
    [
        (
            "Carbon Reduction Plans: a guide for suppliers",
            "Illustrative example\nThe table below describes an imaginary firm, nobody's plan.",
        ),
        (
            "PPN 06/21 explained for small businesses",
            "Worked example\nThese figures are for illustration and belong to no real company.",
        ),
        (
            "Guidance note: preparing a Carbon Reduction Plan",
            "Example company\nA fictional haulier's figures, for illustration only.",
        ),
    ],
)
def test_a_guide_with_an_example_table_is_no_plan_and_keeps_no_figures(
    title: str, example: str
) -> None:
    facts = facts_of(
        f"{title}\nNorbury Advisory Ltd | Briefing 4 | March 2026\nWhat the note asks for\n"
        "Bidders for large central government contracts must publish a Carbon Reduction Plan.\n"
        f"The six sections of a plan\n{_SECTIONS}{example}\n{_EXAMPLE_TABLE}"
        "Common reasons plans are rejected\n- No director's sign-off\n"
        "We can review your draft. This note is general guidance, not legal advice.\n"
    )
    assert facts.is_crp is False
    assert facts.current.total is None and facts.baseline.total is None
    assert facts.current.scope1 is None


def test_a_plan_with_a_guidance_word_in_its_title_and_a_sign_off_stays_a_plan() -> None:
    facts = facts_of(
        "Carbon Reduction Plan, prepared following the PPN 06/21 guidance\n"
        "Acme Haulage Ltd\n1. Commitment to achieving Net Zero\n"
        "Acme Haulage Ltd is committed to achieving Net Zero emissions by 2045.\n"
        "2. Baseline Emissions Footprint\nBaseline year: 2019\n"
        "Figures for illustration of our progress are in the table below.\n"
        "| Scope | 2019 (baseline) | 2025 |\nScope 1 | 120.0 | 104.0 |\nScope 2 | 60.0 | 41.0 |\n"
        "Scope 3 | 220.0 | 198.0 |\nTotal | 400.0 | 343.0 |\n"
        "6. Declaration and Sign Off\nThis Carbon Reduction Plan has been completed in accordance "
        "with PPN 06/21.\nSigned on behalf of the Supplier: Jane Holt, Managing Director\n"
    )
    assert facts.is_crp is True
    assert facts.current.total == 343.0


@pytest.mark.parametrize(
    "lead",
    [
        "This is to certify that\nBrantwood Joinery Ltd\nhas been certified carbon neutral",
        "This certificate is awarded to Brantwood Joinery Ltd\nwhich is certified as carbon "
        "neutral for the year 2025",
        "Certificate holder: Brantwood Joinery Ltd\nThe holder is carbon neutral for 2025",
    ],
)
def test_a_certificate_names_its_holder_and_is_neutrality_only(lead: str) -> None:
    facts = facts_of(
        "Certificate of Carbon Neutrality\nGreenseal Assurance Ltd\n"
        f"{lead}, its remaining emissions offset through verified credits.\n"
        "Certificate number GS-2026-118\nValid until 31 January 2027\n"
        "Signed for Greenseal Assurance Ltd: Peter Vane, Head of Assurance\n"
    )
    assert facts.organisation == "Brantwood Joinery Ltd"
    assert facts.carbon_neutral_only is True
    assert facts.is_crp is False


@pytest.mark.parametrize(
    "wording",
    [
        "We have been carbon neutral since 2021, offsetting what we emit.",
        "We achieved carbon neutrality in 2022 through verified offsets.",
    ],
)
def test_neutrality_held_without_a_net_zero_commitment_is_neutrality_only(wording: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\nDunmore Print Ltd\n{wording}\n")
    assert facts.carbon_neutral_only is True


@pytest.mark.parametrize(
    "wording",
    [
        "We have been carbon neutral since 2021 and are committed to achieving Net Zero by 2040.",
        "Dunmore Print Ltd is certified carbon neutral. We are committed to net zero by 2045.",
    ],
)
def test_neutrality_held_beside_a_net_zero_commitment_is_not_neutrality_only(
    wording: str,
) -> None:
    facts = facts_of(f"Carbon Reduction Plan\nDunmore Print Ltd\n{wording}\n")
    assert facts.carbon_neutral_only is False
    assert facts.net_zero_year is not None


def test_a_plan_with_an_organisation_field_keeps_it_over_a_certificate_line() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nOrganisation name: Dunmore Print Ltd\n"
        "Our ISO 14001 certificate was issued to Dunmore Print Ltd by Greenseal Assurance Ltd.\n"
    )
    assert facts.organisation == "Dunmore Print Ltd"
