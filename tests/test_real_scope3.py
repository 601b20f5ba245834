"""Scope 3 coverage, zeros and changes on the shared real plans that were misread (issue 11)."""

from __future__ import annotations

import pytest
from shared_data import require_shared

from crp_checker.pipeline import assess
from crp_checker.rules.scope3 import scope3_coverage
from crp_checker.schemas import Assessment, Finding

TESSERACT = "tesseract-academy-kampakis-and-co_carbon-reduction-plan_2025.pdf"
SSG = "ssg-support-services-group_carbon-reduction-plan_2025.pdf"
EDAN = "edan-uk_carbon-reduction-plan_2023.pdf"
LEAN_TREE = "more/lean-tree_carbon-reduction-plan_2026-05.pdf"
REQUIRED = (4, 5, 6, 7, 9)


@pytest.fixture(scope="module")
def plans() -> dict[str, Assessment]:
    folder = require_shared() / "real-crps"
    names = (TESSERACT, SSG, EDAN, LEAN_TREE)
    return {name: assess(folder / name, check_date="2025-09-01") for name in names}


def finding(result: Assessment, rule: str) -> Finding:
    return next(f for f in result.findings if f.rule == rule)


def test_tesseract_zeros_are_explained_by_the_notes_column(
    plans: dict[str, Assessment],
) -> None:
    result = plans[TESSERACT]
    zeros = finding(result, "zeros-explained")
    assert zeros.outcome == "pass"
    assert "No company vehicles" in zeros.message
    assert result.facts.current.explanations["scope1"] == "No company vehicles"


def test_tesseract_business_travel_and_commuting_rows_are_reported(
    plans: dict[str, Assessment],
) -> None:
    result = plans[TESSERACT]
    coverage = scope3_coverage(result.facts, REQUIRED)
    assert coverage.reported == (6, 7)
    assert coverage.missing == (4, 5, 9)
    categories = finding(result, "scope3-categories")
    assert categories.outcome == "fail"  # 2 of 5: the label's fail, for the right reason
    assert categories.message.startswith("2 of the 5 required Scope 3 categories")


def test_ssg_waste_in_the_definition_of_scope_3_does_not_count(
    plans: dict[str, Assessment],
) -> None:
    result = plans[SSG]
    coverage = scope3_coverage(result.facts, REQUIRED)
    assert 5 in coverage.missing
    assert coverage.in_total == (6, 7)  # "Scope 3: ... including business travel, employee ..."
    assert finding(result, "scope3-categories").outcome == "fail"


def test_ssg_explains_its_change(plans: dict[str, Assessment]) -> None:
    change = finding(plans[SSG], "change-explained")
    assert change.outcome == "pass"
    assert "activity-based data collection" in change.message


def test_edan_names_all_five_inside_one_scope_3_total(plans: dict[str, Assessment]) -> None:
    result = plans[EDAN]
    assert scope3_coverage(result.facts, REQUIRED).in_total == REQUIRED
    assert finding(result, "scope3-categories").outcome == "partial"


def test_lean_tree_rules_out_categories_with_reasons(plans: dict[str, Assessment]) -> None:
    result = plans[LEAN_TREE]
    coverage = scope3_coverage(result.facts, REQUIRED)
    assert coverage.covered == REQUIRED
    assert finding(result, "scope3-categories").outcome == "pass"
    assert finding(result, "zeros-explained").outcome == "pass"
