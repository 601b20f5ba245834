"""Reduction targets and reporting standards, by class of wording and layout.

Targets: absolute tonnes by a year, percentage only (with a month, a financial year, the year
first, "halve"), intensity per FTE, milestone tables (bars or spaces), the template's "decrease
... to X tCO2e by Y. This is a reduction of Z%", and qualitative wording. Standards: the GHG
Protocol, SECR, the Scope 3 Standard, UK Government conversion factors under their owners'
names, ISO 14064-1.
"""

from __future__ import annotations

import pytest
from documents import facts_of

HEAD = "Carbon Reduction Plan\nEmissions Reduction Targets\n"


@pytest.mark.parametrize(
    ("text", "year", "percent", "tonnes"),
    [
        ("Reduce combined Scope 1 and 2 emissions to 285.9 tCO2e by FY30.", 2030, None, 285.9),
        ("Cut total emissions by 30% against 2021/22 by June 2028.", 2028, 30.0, None),
        ("Scope 1 emissions 40% lower than the 2024-25 baseline by March 2028.", 2028, 40.0, None),
        ("By 2030 we will reduce our absolute emissions by 42%.", 2030, 42.0, None),
        ("We aim to halve our carbon footprint against 2022 by 2027.", 2027, 50.0, None),
        ("Target - 0.30 tCO2e per FTE by FY27.", 2027, None, 0.30),
        (
            "By 2030: reduce total emissions by 42% from the 2022/23 baseline (746 tCO2e → "
            "432.7 tCO2e).",
            2030,
            42.0,
            432.7,
        ),
        ("We will cut emissions from 520 tonnes CO2e to 260 tonnes CO2e by 2030.", 2030, None, 260),
        ("Reduce emissions by 25 per cent before the end of 2027.", 2027, 25.0, None),
        ("Reduce emissions per FTE to 0.8 tCO2e by 2030.", 2030, None, 0.8),
        ("A 30% reduction in tCO2e per employee by 2028, against 2023/24.", 2028, 30.0, None),
        ("We intend to cut business travel emissions by a quarter by 2027.", 2027, 25.0, None),
        ("Net zero by 2040, with an interim target of a 50% reduction by 2030.", 2030, 50.0, None),
    ],
)
def test_quantified_target_wordings(
    text: str, year: int, percent: float | None, tonnes: float | None
) -> None:
    targets = facts_of(HEAD + text).targets
    assert [(t.year, t.percent, t.target_tco2e, t.quantified) for t in targets] == [
        (year, percent, tonnes, True)
    ]


def test_a_year_label_before_the_target() -> None:
    targets = facts_of(HEAD + "2027 target: 25% reduction\nTarget for 2030: 50% reduction").targets
    assert [(t.year, t.percent) for t in targets] == [(2027, 25.0), (2030, 50.0)]


def test_two_deadlines_in_one_sentence_are_two_targets() -> None:
    text = "We aim to halve our footprint against 2022 by 2027, and to reach a 90% cut by 2030."
    targets = facts_of(HEAD + text).targets
    assert [(t.year, t.percent) for t in targets] == [(2027, 50.0), (2030, 90.0)]


@pytest.mark.parametrize(
    "table",
    [
        "Year | Target total (tCO2e) | Reduction on 2021 |\n2026 | 298.9 | 10% |\n"
        "2030 | 166.1 | 50% |",
        "Our milestones are measured against our 2019/20 baseline of 332.1 tCO2e, the first year "
        "we measured every source.\nMilestone Target emissions (tCO2e) Reduction on 2019/20\n"
        "2026/27 298.9 10%\n2030/31 166.1 50%",
        "Milestones\n2026: 298.9 tCO2e (10%)\n2030: 166.1 tCO2e (50%)",
        "Target year | Total (tCO2e) | Reduction\nFY2026/27 | 298.9 | 10%\nFY2030/31 | 166.1 | 50%",
        "Milestone | Reduction | Total\nInterim | 10% | 298.9 | 2026\nInterim | 50% | 166.1 | 2030",
    ],
)
def test_milestone_tables(table: str) -> None:
    targets = facts_of(HEAD + table).targets
    assert [(t.year, t.target_tco2e, t.percent) for t in targets] == [
        (2026, 298.9, 10.0),
        (2030, 166.1, 50.0),
    ]


@pytest.mark.parametrize(
    ("unit", "tonnes"),
    [("tCO2e", 192.2), ("metric tons CO2e", 192.2), ("tCO₂e", 192.2), ("kgCO2e", 0.1922)],
)
def test_the_template_target_in_any_unit(unit: str, tonnes: float) -> None:
    text = (
        "We project that carbon emissions will decrease over the next five years to "
        f"192.2 {unit} by 2030/31. This is a reduction of 30%."
    )
    (target,) = facts_of(HEAD + text).targets
    assert target.template_form and target.quantified
    assert (target.year, target.percent) == (2030, 30.0)
    assert target.target_tco2e == pytest.approx(tonnes)


@pytest.mark.parametrize(
    "text",
    [
        "We will continue to reduce fuel use and electricity consumption year on year.",
        "Target reduction: TBC",
        "We aim to reduce our emissions wherever we can.",
    ],
)
def test_qualitative_targets_are_not_quantified(text: str) -> None:
    targets = facts_of(HEAD + text).targets
    assert targets and not any(t.quantified for t in targets)


@pytest.mark.parametrize(
    "text",
    [
        "Our emissions fell by 20% between 2022 and 2024.",
        "Year | Target total (tCO2e) | Reduction on 2021 |",
        "Every driver completes eco-driving training each year to cut empty miles.",
    ],
)
def test_progress_headers_and_practices_are_not_targets(text: str) -> None:
    assert facts_of(HEAD + text).targets == []


@pytest.mark.parametrize(
    ("sentence", "standards"),
    [
        (
            "Emissions were calculated following the GHG Protocol Corporate Standard, using the "
            "DESNZ 2024 greenhouse gas conversion factors.",
            ["ghg_protocol", "uk_conversion_factors"],
        ),
        (
            "We used the BEIS emission factors and the Greenhouse Gas Protocol.",
            ["ghg_protocol", "uk_conversion_factors"],
        ),
        (
            "Scope 1 and 2 follow Streamlined Energy and Carbon Reporting (SECR); Scope 3 follows "
            "the GHG Protocol Scope 3 Standard.",
            ["ghg_protocol", "secr", "scope3_standard"],
        ),
        (
            "Figures use the UK Government's GHG Conversion Factors for Company Reporting.",
            ["uk_conversion_factors"],
        ),
        ("Our inventory is verified to ISO 14064-1:2018.", ["iso14064"]),
        ("We used Defra's 2023 conversion factors.", ["uk_conversion_factors"]),
    ],
)
def test_standards_named(sentence: str, standards: list[str]) -> None:
    assert facts_of(f"Carbon Reduction Plan\nMethodology\n{sentence}").methodology == standards


@pytest.mark.parametrize("heading", ["Targets", "Our targets", "Milestones:", "3. Targets"])
def test_a_bare_targets_heading_opens_a_targets_list(heading: str) -> None:
    text = f"Carbon Reduction Plan\n{heading}\nIntensity: 0.9 tCO2e per FTE by 2028 (2024: 1.3)."
    assert [(t.year, t.target_tco2e) for t in facts_of(text).targets] == [(2028, 0.9)]
