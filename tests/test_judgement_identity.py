"""Organisation names as a class: fields, commitment subjects, titles, running headers, and
the legal forms UK suppliers use (Ltd, LLP, CIC, co-operatives, sole traders, group plans)."""

from __future__ import annotations

import pytest
from documents import facts_of

COMMITMENT = "We are committed to achieving net zero by 2045."


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Carbon Reduction Plan (CRP) – Meridian Translation Services Limited (MTSL)\n"
            "MTSL is committed to achieving Net Zero by 2035.",
            "Meridian Translation Services Limited",
        ),
        ("Supplier name: Corrie Haulage Limited (CHL)\n" + COMMITMENT, "Corrie Haulage Limited"),
        (
            "Carbon Reduction Plan\nPell and Co Ltd (trading as The Data School) is committed to "
            "achieving net zero by 2050.",
            "Pell and Co Ltd",
        ),
        (
            "Supplier name: Starling Trading Limited T/A Wrens\n" + COMMITMENT,
            "Starling Trading Limited T/A Wrens",
        ),
        (
            "Carbon Reduction Plan\nSTARLING TRADING LIMITED T/A WRENS is committed to "
            "achieving Net Zero emissions by 2050.",
            "STARLING TRADING LIMITED T/A WRENS",
        ),
        (
            "Carbon Reduction Plan\nBrightwater Group Holdings Ltd and its UK subsidiaries are "
            "committed to achieving Net Zero emissions by 2035.",
            "Brightwater Group Holdings Ltd",
        ),
        (
            "Supplier name: Brightwater Environmental Ltd (company no. 07415528), part of "
            "Brightwater Group Holdings\n" + COMMITMENT,
            "Brightwater Environmental Ltd",
        ),
        (
            "Supplier: Oakridge Pest Solutions Ltd, Unit 4 Kembrey Park, Swindon SN2 8YZ. "
            "Company no. 08102299.\n" + COMMITMENT,
            "Oakridge Pest Solutions Ltd",
        ),
        (
            "Carbon Reduction Plan\nRowan & Pike Architects LLP · June 2025\n" + COMMITMENT,
            "Rowan & Pike Architects LLP",
        ),
        (
            "Carbon Reduction Plan\nGreenway Community Transport CIC, Hexham\n" + COMMITMENT,
            "Greenway Community Transport CIC",
        ),
        (
            "Carbon Reduction Plan\nTidewell Translation Co-operative, Bristol\n" + COMMITMENT,
            "Tidewell Translation Co-operative",
        ),
        ("Supplier name | Acme Facilities Ltd |\n" + COMMITMENT, "Acme Facilities Ltd"),
        (
            "Name of organisation: St Aidan's Housing Association\n" + COMMITMENT,
            "St Aidan's Housing Association",
        ),
        (
            "Carbon Reduction Plans explained\nBy Lapwing Carbon Advisory Ltd, Lancaster.\n",
            "Lapwing Carbon Advisory Ltd",
        ),
        (
            "Carbon Reduction Plan\nTom Hartley, trading as Hartley Land Surveys, is committed "
            "to achieving net zero by 2030.",
            "Tom Hartley, trading as Hartley Land Surveys",
        ),
    ],
)
def test_organisation_names(text: str, name: str) -> None:
    assert facts_of(text).organisation == name


def test_name_only_in_the_running_header() -> None:
    header = "Fellside Facilities Ltd | Carbon Reduction Plan"
    pages = [
        f"{header}\nCommitment to achieving Net Zero\n{COMMITMENT}\nPage 1 of 3",
        f"{header}\nBaseline Emissions Footprint\nBaseline year: 2022\nPage 2 of 3",
        f"{header}\nDeclaration and Sign Off\nSigned by the board.\nPage 3 of 3",
    ]
    facts = facts_of(*pages)
    assert facts.organisation == "Fellside Facilities Ltd"


def test_a_certifier_named_in_a_news_page_is_not_the_organisation() -> None:
    facts = facts_of(
        "HTM has taken steps to become the first firm in its sector to be carbon neutral.\n"
        "The Carbon Trust: Certification for Carbon Neutrality\n"
    )
    assert facts.organisation == "HTM"


def test_informal_subject_names_the_organisation() -> None:
    facts = facts_of(
        "Carbon Reduction Plan\nBaseline year: 2022\n"
        "Harbour Cleaning Services is committed to reducing its emissions every year.\n"
    )
    assert facts.organisation == "Harbour Cleaning Services"


def test_the_board_is_not_the_organisation() -> None:
    facts = facts_of("Carbon Reduction Plan\nThe Board is committed to reducing emissions.\n")
    assert facts.organisation is None


def test_a_recurring_proper_name_is_an_inferred_organisation() -> None:
    facts = facts_of(
        "Our ESG Vision\nLean Tree Academy launch 2023\n• Lean Tree Code of Conduct.\n"
        "• Lean Tree Menopause Policy.\nEthical Business Practice\nEthical Business Practice\n"
    )
    assert facts.organisation == "Lean Tree"
    assert facts.readings["organisation"].how == "inferred"
