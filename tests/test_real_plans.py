"""The real published plans: the facts a careful reader found (SOURCES.md) and the accuracy
on the labelled sets (labels.json), with no invented values."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_data import require_shared

from crp_checker.evaluation import run
from crp_checker.pipeline import assess
from crp_checker.schemas import Assessment

# From ../shared/real-crps/SOURCES.md ("Key facts ... usable as ground truth").
SOURCES = {
    "ssg-support-services-group_carbon-reduction-plan_2025.pdf": {
        "net_zero_year": 2050,
        "baseline": ("2022/23", 2023, 200.0, 111.0, 435.0, 746.0),
        "current": ("2024/25", 2025, 14.4, 59.3, 294.8, 368.5),
    },
    "edan-uk_carbon-reduction-plan_2023.pdf": {
        "net_zero_year": 2035,
        # Market-based Scope 2 and total (the plan bases its target on market-based figures).
        "baseline": ("2022", 2022, 0.7, 1.858, 1183.6, 1186.16),
        "current": (None, 2022, 0.7, 1.858, 1183.6, 1186.16),
    },
    "tesseract-academy-kampakis-and-co_carbon-reduction-plan_2025.pdf": {
        "net_zero_year": 2050,
        "baseline": ("2022/23", 2023, 0.0, 0.8, 4.5, 5.3),
        "current": ("2024/25", 2025, 0.0, 0.6, 3.2, 3.8),
    },
}


@pytest.fixture(scope="module")
def assessments() -> dict[str, Assessment]:
    folder = require_shared() / "real-crps"
    names = [*SOURCES, "integer-training_NOT-A-CRP_environmental-policy.pdf"]
    return {name: assess(folder / name, check_date="2025-09-01") for name in names}


@pytest.mark.parametrize("name", list(SOURCES))
def test_real_pdf_gives_the_sources_facts(name: str, assessments: dict[str, Assessment]) -> None:
    facts = assessments[name].facts
    want = SOURCES[name]
    assert facts.is_crp
    assert facts.net_zero_year == want["net_zero_year"]
    for role in ("baseline", "current"):
        period = getattr(facts, role)
        label, end_year, *figures = want[role]  # type: ignore[misc]
        if label is not None:
            assert period.label == label
        assert period.end_year == end_year
        got = [period.scope1, period.scope2, period.scope3, period.total]
        assert got == pytest.approx(figures), role


def test_edan_reports_both_scope2_bases(assessments: dict[str, Assessment]) -> None:
    baseline = assessments["edan-uk_carbon-reduction-plan_2023.pdf"].facts.baseline
    assert (baseline.scope2_market, baseline.scope2_location) == (1.858, 3.381)
    assert (baseline.total_market, baseline.total_location) == (1186.16, 1187.68)


def test_kampakis_scope3_is_summed_from_its_source_rows(
    assessments: dict[str, Assessment],
) -> None:
    facts = assessments["tesseract-academy-kampakis-and-co_carbon-reduction-plan_2025.pdf"].facts
    assert facts.current.derived["scope3"] == "sum of 3 source rows"


def test_environmental_policy_is_called_not_a_crp(assessments: dict[str, Assessment]) -> None:
    result = assessments["integer-training_NOT-A-CRP_environmental-policy.pdf"]
    assert not result.facts.is_crp
    assert result.verdict == "not_a_crp"
    finding = next(f for f in result.findings if f.rule == "crp-identified")
    assert finding.outcome == "fail"
    assert (result.maturity, result.score) == (1, 0)
    assert [route.id for route in result.support] == [
        "bee-net-zero",
        "stockport-sme-climate-training",
    ]


def test_evidence_quotes_come_from_the_page_they_cite(assessments: dict[str, Assessment]) -> None:
    result = assessments["ssg-support-services-group_carbon-reduction-plan_2025.pdf"]
    quotes = [e for finding in result.findings for e in finding.evidence]
    assert quotes and all(e.page is not None and e.quote for e in quotes)
    total = result.facts.evidence["current.total"][0]
    assert (total.page, total.quote) == (3, "Total Emissions 368.5")


@pytest.mark.parametrize(
    ("labels", "min_files", "min_crp_right"),
    [("excerpts/labels.json", 30, 28), ("more/labels.json", 11, 11)],
)
def test_accuracy_on_labelled_real_plans(labels: str, min_files: int, min_crp_right: int) -> None:
    """The issue's bar: >= 90% of labelled fields right, 0 invented values, is_crp right."""
    report = run(require_shared() / "real-crps" / Path(labels))
    assert report.errors == []
    assert report.files == min_files
    assert report.accuracy() >= 0.90, report.render_text()
    assert report.invented == [], report.render_text()
    assert report.fields["is_crp"].right >= min_crp_right
