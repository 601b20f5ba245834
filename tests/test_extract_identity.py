"""Whether a document is a CRP, whose it is and when it was published."""

from __future__ import annotations

import datetime as dt

from documents import facts_of

SECTIONS = """
Commitment to achieving Net Zero
Example Ltd is committed to achieving Net Zero emissions by 2050.
Baseline Emissions Footprint
Baseline Year: 2022
Current Emissions Reporting
Reporting Year: 2024
Emissions reduction targets
Carbon Reduction Projects
Declaration and Sign Off
"""


def test_titled_plan_with_substance_is_a_crp() -> None:
    facts = facts_of("Carbon Reduction Plan\n" + SECTIONS)
    assert facts.is_crp and facts.crp_kind == "standalone"
    assert facts.sections_found == [
        "commitment",
        "baseline",
        "current",
        "targets",
        "projects",
        "declaration",
    ]


def test_four_sections_without_the_title_is_a_crp() -> None:
    assert facts_of(SECTIONS).is_crp


def test_environmental_policy_is_not_a_crp() -> None:
    facts = facts_of(
        """
        Environmental, Carbon Reduction & Sustainability Policy
        Example Training Limited is committed to environmental sustainability.
        16. Work toward achieving net carbon zero by 2030.
        """
    )
    assert not facts.is_crp
    assert (facts.net_zero_year, facts.net_zero_strength) == (2030, "aspiration")


def test_stub_that_refers_to_another_document_is_not_a_crp() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Example Health Limited is committed to achieving Net Zero carbon emissions in line with
        the UK Government's target.
        1. Carbon Baseline and Assessment
        See full policy document for detailed commitments under this heading.
        2. Net Zero Targets and Milestones
        See full policy document for detailed commitments under this heading.
        3. Emission Reduction Strategies
        See full policy document for detailed commitments under this heading.
        """
    )
    assert not facts.is_crp
    assert facts.net_zero_year is None


def test_template_notes_alone_are_not_a_crp() -> None:
    facts = facts_of(
        """
        PPN 06/21 Carbon Reduction Plan
        Notes for Completion
        Where an In-Scope Organisation has determined that the measure applies to the
        procurement, suppliers wishing to bid for that contract are required at the selection
        stage to submit a Carbon Reduction Plan which confirms their commitment to achieving
        Net Zero by 2050.
        """
    )
    assert not facts.is_crp
    assert facts.net_zero_year is None


def test_organisation_from_the_supplier_name_field() -> None:
    facts = facts_of("Carbon Reduction Plan\nSupplier name: ……. Example Group LTD……\n")
    assert facts.organisation == "Example Group LTD"


def test_organisation_from_the_commitment_subject() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        Absolute Example & Co (“Absolute”) is committed to achieving Net Zero by 2050.
        """
    )
    assert facts.organisation == "Absolute Example & Co"


def test_placeholder_name_is_not_an_organisation() -> None:
    facts = facts_of("Carbon Reduction Plan\nSupplier name: [Insert supplier name]\n")
    assert facts.organisation is None
    assert any("Insert" in p for p in facts.placeholders)


def test_publication_date_field_and_precision() -> None:
    facts = facts_of("Carbon Reduction Plan\nPublication date: February 2022\n")
    assert facts.publication_date == dt.date(2022, 2, 1)
    assert facts.publication_date_precision == "month"


def test_no_publication_date_is_not_invented() -> None:
    facts = facts_of(
        """
        Carbon Reduction Plan
        We have a baseline year of January–December 2022 and report every year.
        """
    )
    assert facts.publication_date is None
