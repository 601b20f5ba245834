"""Is it a CRP? Plans under other titles and layouts, and the documents that only look like one.

Plans: "Net Zero Plan", "Carbon Reporting and Reduction Plan", "Carbon Neutral Plan", "Carbon
Reduction Plan (PPN 06/21)", an untitled web page in the template's sections, a plan page that
also offers its PDF, a plan with the template's notes left in. Look-alikes: a page that
summarises the plan and links to it, a consultancy guide with a worked example, the blank
template, an environmental policy, an ESG page, a report chapter with SECR figures, a stub.
A look-alike keeps the facts it states but never counts as a plan.
"""

from __future__ import annotations

import pytest
from documents import document, facts_of

from crp_checker.pipeline import assess_document
from crp_checker.schemas import BuyerSettings, Outcome

PLAN_BODY = """
Acme Facilities Ltd is committed to achieving Net Zero emissions by 2045.
Baseline year: 2022
Baseline emissions: Scope 1 120.5 tCO2e, Scope 2 40.2 tCO2e, Scope 3 210.0 tCO2e, total 370.7 tCO2e.
Reporting year: 2024
Current emissions: Scope 1 101.1 tCO2e, Scope 2 30.0 tCO2e, Scope 3 190.4 tCO2e, total 321.5 tCO2e.
We will cut our total emissions by 50% by 2030 against 2022.
This plan was approved by the board. Signed: Jane Doe, Managing Director.
"""

SECTIONED_BODY = """
Commitment to achieving Net Zero
Acme Facilities Ltd is committed to achieving Net Zero emissions by 2045.
Baseline Emissions Footprint
Baseline year: 2022
Scope 1 | 120.5 |
Scope 2 | 40.2 |
Scope 3 (Included Sources) | 210.0 |
Total Emissions | 370.7 |
Current Emissions Reporting
Reporting year: 2024
Scope 1 | 101.1 |
Scope 2 | 30.0 |
Scope 3 (Included Sources) | 190.4 |
Total Emissions | 321.5 |
Emissions reduction targets
We project that carbon emissions will decrease over the next five years to 250.0 tCO2e by 2030.
Carbon Reduction Projects
We replaced six vans with electric vans in 2023.
Declaration and Sign Off
This Carbon Reduction Plan has been completed in accordance with PPN 06/21.
Signed on behalf of the Supplier: Jane Doe, Managing Director
"""


def _crp(text: str) -> bool:
    return facts_of(text).is_crp


@pytest.mark.parametrize(
    "title",
    [
        "Net Zero Plan",
        "Acme Facilities – Net Zero Plan 2025",
        "Carbon Reporting and Reduction Plan",
        "Carbon Neutral Plan",
        "Carbon Reduction Plan (PPN 06/21)",
        "PPN 006 Statement",
        "Carbon Reduction Plan & PPN 06/21 Statement",
    ],
)
def test_plans_under_other_titles(title: str) -> None:
    assert _crp(f"{title}\n{PLAN_BODY}")


def test_untitled_web_page_in_template_sections_is_a_plan() -> None:
    text = "Home | Services | About | Contact\nSkip to content\n" + SECTIONED_BODY
    assert _crp(text)


def test_plan_page_that_also_offers_its_pdf_is_a_plan() -> None:
    text = (
        "Carbon Reduction Plan\n"
        "Download a PDF version of this Carbon Reduction Plan (PDF, 300 KB)\n" + SECTIONED_BODY
    )
    assert _crp(text)


def test_plan_addressing_the_reader_once_or_twice_is_a_plan() -> None:
    text = (
        "Carbon Reduction Plan\n"
        + SECTIONED_BODY
        + "If you have any questions about this plan, you can contact our office; we will "
        "reply to your email within a week.\n"
    )
    assert _crp(text)


def test_plan_with_the_template_notes_left_in_is_still_a_plan() -> None:
    text = (
        "CARBON REDUCTION PLAN GUIDANCE\nNotes for Completion\n"
        "A template for the Carbon Reduction Plan is set out below. Please complete and publish "
        "your Carbon Reduction Plan in accordance with the reporting standard.\n"
        "Carbon Reduction Plan Template\nSupplier name: Acme Facilities Ltd\n" + SECTIONED_BODY
    )
    facts = facts_of(text)
    assert facts.is_crp
    assert facts.placeholders  # the notes left in are unfinished template text


def test_long_banner_before_the_title_does_not_hide_it() -> None:
    banner = (
        "We use cookies to give you the best experience on our website; by continuing to browse "
        "you agree to our use of cookies as described in our cookie policy."
    )
    assert _crp(f"{banner}\nCarbon Reduction Plan\n{PLAN_BODY}")


LINK_PAGES = [
    """
    Our Carbon Reduction Plan
    We are committed to reaching net zero by 2045. In 2024 our total emissions were 812 tCO2e,
    down 12% on our 2021 baseline.
    Read our full Carbon Reduction Plan (PDF, 420 KB)
    """,
    """
    Sustainability
    Carbon Reduction Plan
    Greenholt Freight is committed to net zero by 2040. This page is a summary of our plan: we
    measured 1,204 tCO2e in 2024 and will halve it by 2030.
    Our full Carbon Reduction Plan is available to download below.
    """,
    """
    Environment and climate
    We have published our Carbon Reduction Plan in response to PPN 06/21. It covers our Scope 1,
    2 and 3 emissions, which totalled 66,100 tCO2e in 2021, and our aim of net zero by 2050.
    """,
]


@pytest.mark.parametrize("text", LINK_PAGES)
def test_page_that_summarises_and_links_to_the_plan_is_not_a_plan(text: str) -> None:
    facts = facts_of(text)
    assert not facts.is_crp
    assert "links to it" in facts.notes["crp"]


def test_a_link_page_keeps_the_facts_it_states() -> None:
    facts = facts_of(LINK_PAGES[0])
    assert facts.net_zero_year == 2045


GUIDES = [
    """
    How to write a Carbon Reduction Plan
    If you bid for public contracts you will need a Carbon Reduction Plan. Your plan should
    follow the template. You should state your organisation's net zero year.
    Worked example (illustrative only): Example Ltd
    Scope 1 | 12.0 | 9.5 |
    Scope 2 | 8.0 | 6.1 |
    Total | 20.0 | 15.6 |
    """,
    """
    Carbon Reduction Plans explained
    This guide sets out what your organisation must include. You must give your baseline year,
    your Scope 1, 2 and 3 emissions and your targets. We can help: contact us for a fixed-price
    quote.
    Commitment to achieving Net Zero
    Baseline Emissions Footprint
    Current Emissions Reporting
    Emissions Reduction Targets
    Carbon Reduction Projects
    Declaration and Sign Off
    """,
]


@pytest.mark.parametrize("text", GUIDES)
def test_guides_are_not_plans(text: str) -> None:
    facts = facts_of(text)
    assert not facts.is_crp
    assert "guide" in facts.notes["crp"]


def test_a_guide_worked_example_is_not_the_documents_figures() -> None:
    facts = facts_of(GUIDES[0])
    assert facts.baseline.scope1 is None and facts.current.total is None
    assert facts.net_zero_year is None


BLANK_TEMPLATE = """
Carbon Reduction Plan Template
Supplier name:
Publication date:
Commitment to achieving Net Zero
[Supplier name] is committed to achieving Net Zero emissions by [insert year].
Baseline Emissions Footprint
Guidance note: state the baseline year and the emissions for that year.
Baseline Year: [insert year]
Scope 1 | XX |
Scope 2 | XX |
Current Emissions Reporting
Reporting Year: [insert year]
Emissions reduction targets
We project that carbon emissions will decrease over the next five years to XX tCO2e by 20XX.
Carbon Reduction Projects
[Insert completed projects here]
Declaration and Sign Off
This Carbon Reduction Plan has been completed in accordance with PPN 06/21.
Signed on behalf of the Supplier:
Date:
"""


def test_blank_template_with_guidance_is_not_a_plan() -> None:
    facts = facts_of(BLANK_TEMPLATE)
    assert not facts.is_crp
    assert "template" in facts.notes["crp"]


LOOKALIKES = [
    """
    Kestrel Glazing Ltd Environmental Policy EP-02 Rev 3
    Kestrel Glazing Ltd is committed to preventing pollution and continual improvement.
    To put this policy into practice we will reduce the carbon emissions of our factory,
    working towards net zero. This policy is reviewed every year.
    Signed: A. Person, Managing Director
    """,
    """
    Our ESG commitments
    100% renewable electricity. 38% less food waste. 9 electric minibuses.
    Our ambition is to become carbon neutral by 2030, and we will publish our first full
    footprint next year.
    """,
    """
    Strategic report
    Streamlined Energy and Carbon Reporting (SECR)
    Energy consumption used to calculate emissions: 1,250,000 kWh
    Scope 1 emissions: 180.2 tCO2e
    Scope 2 emissions: 95.4 tCO2e
    Intensity ratio: 2.1 tCO2e per £m turnover
    The directors have taken measures to improve energy efficiency.
    """,
    """
    Carbon Reduction Plan
    Our Carbon Reduction Plan is being updated. See full policy document for detail.
    1. Baseline and assessment
    See full policy document for detailed commitments under this heading.
    """,
    """
    News
    Harbour Traffic becomes the first carbon neutral firm in its sector
    Harbour Traffic has been certified carbon neutral under PAS 2060 after offsetting its
    remaining emissions through verified projects.
    """,
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_policies_brochures_reports_stubs_and_news_are_not_plans(text: str) -> None:
    assert not _crp(text)


def test_not_a_crp_fails_crp_identified_with_what_it_reads_as() -> None:
    finding = next(
        f
        for f in assess_document(document(LINK_PAGES[0]), BuyerSettings()).findings
        if f.rule == "crp-identified"
    )
    assert finding.outcome is Outcome.FAIL
    assert "links to it" in finding.message


def test_titled_stub_with_no_content_fails() -> None:
    """RULE_LABELS.md point 1: titled "Carbon Reduction Plan" but no content is not a plan."""
    facts = facts_of("Carbon Reduction Plan\nOur plan will be published here shortly.\n")
    assert not facts.is_crp
    assert "states no" in facts.notes["crp"]


def test_title_below_a_web_menu_is_found() -> None:
    menu = "\n".join(["Skip to content", "Home", "Services", "Sectors", "About", "Contact"])
    text = f"{menu}\nGet a quote\nCall us: 01632 960418\nCarbon Reduction Plan\n{PLAN_BODY}"
    facts = facts_of(text)
    assert facts.is_crp
    assert facts.evidence["crp"][0].quote == "Carbon Reduction Plan"


@pytest.mark.parametrize(
    "title", ["Decarbonisation Plan", "Net Zero Strategy", "Carbon Reduction Strategy 2025"]
)
def test_plans_under_strategy_titles(title: str) -> None:
    assert _crp(f"{title}\n{PLAN_BODY}")


def test_net_zero_titled_brochure_without_content_is_not_a_plan() -> None:
    assert not _crp("Our Net Zero Plan\nWe care about the planet and our people.\n")


def test_plan_behind_the_guidance_page_addressing_the_reader_is_a_plan() -> None:
    text = (
        "CARBON REDUCTION PLAN GUIDANCE\nNotes for Completion\n"
        "You must publish your plan on your website and you should update it every year.\n"
        "Carbon Reduction Plan Template\nSupplier name: Acme Facilities Ltd\n" + SECTIONED_BODY
    )
    assert _crp(text)


def test_first_year_plan_without_figures_but_with_leftovers_is_a_plan() -> None:
    text = """
    Carbon Reduction Plan
    Supplier name: Acme Facilities Ltd
    Publication date: [insert date]
    Acme Facilities Ltd is committed to achieving Net Zero emissions by 2045.
    Our first footprint is being measured; figures will be added in the next update (TBC).
    Signed: Jane Doe, Managing Director
    """
    facts = facts_of(text)
    assert facts.is_crp and facts.placeholders


def test_signed_report_chapter_with_secr_figures_is_not_a_plan() -> None:
    text = """
    Harbourside Foods Ltd Annual Report 2024
    Directors' report
    Our people, our customers and our year in review are set out in the pages that follow.
    Streamlined Energy and Carbon Reporting
    Energy use: 2,400,000 kWh
    Scope 1 emissions: 310.2 tCO2e
    Scope 2 emissions: 120.9 tCO2e
    Intensity ratio: 4.2 tCO2e per £m revenue
    We aim to reach net zero by 2040.
    Approved by the board and signed on its behalf by J Smith, Director
    """
    facts = facts_of(text)
    assert not facts.is_crp
    assert "report" in facts.notes["crp"]


def test_template_declaration_citing_secr_stays_a_plan() -> None:
    text = (
        "Carbon Reduction Plan\n"
        + SECTIONED_BODY
        + "Scope 1 and Scope 2 emissions have been reported in accordance with SECR "
        "requirements, and the required subset of Scope 3 emissions have been reported.\n"
    )
    assert _crp(text)


def test_plan_at_a_glance_page_is_a_summary() -> None:
    text = """
    Carbon Reduction Plan
    Our plan at a glance: net zero by 2040, a 2024 footprint of 640 tCO2e, and half of our
    vans electric by 2028. Download the PDF for the detail.
    """
    assert not _crp(text)
