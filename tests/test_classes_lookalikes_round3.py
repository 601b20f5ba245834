"""Look-alikes, round 3 (synthetic-o): an annual report's ESG chapter with SECR figures, and a
signed environmental policy, each saved from a plan's template so that the file's own title
(its PDF or Word properties) still says 'Carbon Reduction Plan'. The title the reader sees
decides; a plan whose file title says so and whose page shows no other title stays a plan."""

from __future__ import annotations

import pytest
from documents import document

from crp_checker.extract import extract
from crp_checker.schemas import Facts


def _facts(text: str, file_title: str = "Carbon Reduction Plan") -> Facts:
    doc = document(text)
    doc.source.title = file_title
    return extract(doc)


_SECR = (
    "Streamlined Energy and Carbon Reporting (SECR)\n"
    "The table below sets out our UK energy use and greenhouse gas emissions.\n"
    "2025 2024\nScope 1 emissions (tCO2e) 1,204.7 1,318.2\n"
    "Scope 2 emissions, location-based (tCO2e) 377.5 402.9\n"
    "Total Scope 1 and 2 (tCO2e) 1,582.2 1,721.1\n"
)


@pytest.mark.parametrize(
    "head",
    [
        "Harrow Gate Foundries plc Annual Report and Accounts 2025\n"
        "Environmental, Social and Governance Report\n",
        "Annual Report 2025\nHarrow Gate Foundries plc\nStrategic report: sustainability\n",
        "Harrow Gate Foundries plc\nAnnual Report and Financial Statements 2025\n"
        "Our ESG performance\n",
    ],
)
def test_an_annual_report_chapter_saved_as_a_plan_is_no_plan(head: str) -> None:
    facts = _facts(
        f"{head}Our approach\nThis section reports our environmental performance, our people and "
        f"our community work for the year ended 31 December 2025.\n{_SECR}"
        "Climate ambition\nThe Board has set an ambition to reach net zero for Scope 1 and 2 "
        "emissions by 2045, and we expect to publish a Carbon Reduction Plan in 2026.\n"
        "Our people\nWe employ 312 people and 14 apprentices.\n"
    )
    assert facts.is_crp is False


@pytest.mark.parametrize(
    ("head", "signed"),
    [
        ("Environmental Policy\n", "Signed: Ruth Example, Managing Director. Date: 2 March 2026"),
        (
            "Environmental Policy Statement\n",
            "Signed on behalf of the directors by Owen Example, Director, 4 May 2026",
        ),
        ("Environment and Sustainability Policy\n", "Approved by: Gwen Example\nOwner"),
    ],
)
def test_a_signed_environmental_policy_saved_as_a_plan_is_no_plan(head: str, signed: str) -> None:
    facts = _facts(
        f"{head}Castleford Shopfitting Ltd, Mill Lane, Castleford\n"
        "Castleford Shopfitting Ltd makes bespoke counters and shop fronts. We recognise that "
        "our activities affect the environment and we are committed to managing them.\n"
        "Our commitments\ncomply with all environmental legislation that applies to us;\n"
        "operate an environmental management system certified to ISO 14001:2015;\n"
        "reduce energy use and work towards becoming a low-carbon business;\n"
        "reduce, reuse and recycle waste.\nObjectives and review\nThis policy is reviewed every "
        "year at the management review.\nThe Managing Director has overall responsibility for "
        f"this policy.\n{signed}\n"
    )
    assert facts.is_crp is False


_PLAN_BODY = (
    "Acme Haulage Ltd is committed to achieving Net Zero emissions by 2045.\n"
    "Baseline year: 2019. Current reporting year: 2025.\n"
    "| Scope | 2019 (baseline) | 2025 |\nScope 1 | 120.0 | 104.0 |\nScope 2 | 60.0 | 41.0 |\n"
    "Scope 3 | 220.0 | 198.0 |\nTotal | 400.0 | 343.0 |\n"
    "We will reduce emissions by 50% by 2030.\n"
    "This plan has been completed in accordance with PPN 06/21.\n"
    "Signed on behalf of the Supplier: Jane Example, Managing Director, 3 March 2026\n"
)


@pytest.mark.parametrize(
    "head",
    [
        "Acme Haulage Ltd\n",
        "Net Zero Plan 2026\nAcme Haulage Ltd\n",
        "Acme Haulage Ltd\nOur environmental report and carbon reduction plan\n",
    ],
)
def test_a_plan_titled_so_in_its_file_stays_a_plan(head: str) -> None:
    facts = _facts(head + _PLAN_BODY)
    assert facts.is_crp is True


def test_a_full_plan_headed_as_a_sustainability_report_stays_a_plan() -> None:
    facts = _facts("Sustainability Report 2025\nAcme Haulage Ltd\n" + _PLAN_BODY)
    assert facts.is_crp is True
