"""Figures read by OCR are checked against the total their table states (a scan that drops a
decimal point must not become a wrong figure that rules then trust)."""

from __future__ import annotations

import pytest
from documents import document

from crp_checker.extract import extract
from crp_checker.pipeline import assess_document
from crp_checker.schemas import BuyerSettings, Document, Facts, Outcome


def _scanned(text: str) -> Document:
    doc = document(text)
    doc.pages[0].method = "ocr"
    return doc


_PLAN = """\
Carbon Reduction Plan
Supplier name: Example Scans Ltd
Baseline Year: 2022
{baseline}
Reporting Year: 2025
{current}
"""

_LAYOUTS = [
    # one line per scope, the template's labels
    (
        "Scope 1 {s1}\nScope 2 {s2}\nScope 3 (Included Sources) {s3}\nTotal Emissions {t}",
        "Scope 1 20.0\nScope 2 10.0\nScope 3 (Included Sources) 5.0\nTotal Emissions 35.0",
    ),
    # a pipe table
    (
        "| Scope | tCO2e |\n| Scope 1 | {s1} |\n| Scope 2 | {s2} |\n| Scope 3 | {s3} |\n"
        "| Total | {t} |",
        "| Scope | tCO2e |\n| Scope 1 | 20.0 |\n| Scope 2 | 10.0 |\n| Scope 3 | 5.0 |\n"
        "| Total | 35.0 |",
    ),
    # label - value lines
    (
        "Scope 1 emissions - {s1} tCO2e\nScope 2 emissions - {s2} tCO2e\n"
        "Scope 3 emissions - {s3} tCO2e\nTotal emissions - {t} tCO2e",
        "Scope 1 emissions - 20.0 tCO2e\nScope 2 emissions - 10.0 tCO2e\n"
        "Scope 3 emissions - 5.0 tCO2e\nTotal emissions - 35.0 tCO2e",
    ),
]


def _plan(layout: tuple[str, str], s1: str, s2: str, s3: str, t: str) -> str:
    baseline, current = layout
    return _PLAN.format(baseline=baseline.format(s1=s1, s2=s2, s3=s3, t=t), current=current)


@pytest.mark.parametrize("layout", _LAYOUTS)
@pytest.mark.parametrize(
    ("figures", "field", "read", "meant"),
    [
        (("54.2", "317", "88.9", "174.8"), "scope2", 317.0, 31.7),
        (("412", "12.5", "3.5", "57.2"), "scope1", 412.0, 41.2),
        (("4.25", "1.50", "250", "8.25"), "scope3", 250.0, 2.5),
        (("12.5", "7.5", "4.0", "240"), "total", 240.0, 24.0),
    ],
)
def test_a_decimal_point_the_scan_lost_is_restored_and_marked(
    layout: tuple[str, str],
    figures: tuple[str, str, str, str],
    field: str,
    read: float,
    meant: float,
) -> None:
    facts = extract(_scanned(_plan(layout, *figures)))
    assert getattr(facts.baseline, field) == pytest.approx(meant)
    reading = facts.readings[f"baseline.{field}"]
    assert reading.how == "inferred" and "decimal point" in (reading.reason or "")
    assert facts.current.scope1 == 20.0  # the figures that add up stay as read
    assert facts.readings["current.scope1"].how == "stated"
    del read


def _facts(text: str, *, scanned: bool) -> Facts:
    return extract(_scanned(text) if scanned else document(text))


def test_the_same_figures_on_a_text_page_are_the_plans_own_words() -> None:
    """A text layer is what the plan says: a total that does not add up is its own gap."""
    facts = _facts(_plan(_LAYOUTS[0], "54.2", "317", "88.9", "174.8"), scanned=False)
    assert facts.baseline.scope2 == 317.0
    assert facts.readings["baseline.scope2"].how == "stated"


def test_a_gap_no_single_decimal_point_explains_sends_the_figures_to_a_person() -> None:
    facts = _facts(_plan(_LAYOUTS[0], "54.2", "31.7", "88.9", "190.0"), scanned=True)
    assert facts.baseline.scope2 == 31.7  # kept as read, never guessed
    for name in ("scope1", "scope2", "scope3", "total"):
        assert facts.readings[f"baseline.{name}"].how == "inferred"


def test_scanned_figures_that_add_up_are_stated() -> None:
    facts = _facts(_plan(_LAYOUTS[1], "54.2", "31.7", "88.9", "174.8"), scanned=True)
    assert facts.baseline.scope2 == 31.7
    assert facts.readings["baseline.scope2"].how == "stated"


def test_two_ways_to_restore_a_point_are_not_chosen_between() -> None:
    # 40 -> 4.0 in Scope 1 or in Scope 2 both make 48: two fixes, so none is taken.
    facts = _facts(_plan(_LAYOUTS[0], "40", "40", "4", "48"), scanned=True)
    assert facts.baseline.scope1 == 40.0 and facts.baseline.scope2 == 40.0
    assert facts.readings["baseline.scope1"].how == "inferred"


def test_figures_a_scan_leaves_in_doubt_still_count_as_disclosed() -> None:
    """The baseline is disclosed (a pass); only the arithmetic rule reports the gap."""
    text = _plan(_LAYOUTS[0], "54.2", "31.7", "88.9", "190.0")
    assessment = assess_document(_scanned(text), BuyerSettings())
    outcomes = {f.rule: f.outcome for f in assessment.findings}
    assert outcomes["baseline-emissions"] == Outcome.PASS
    assert outcomes["totals-add-up"] == Outcome.FAIL


def test_scanned_figures_that_differ_from_the_total_by_rounding_are_stated() -> None:
    facts = _facts(_plan(_LAYOUTS[0], "54.24", "31.73", "88.94", "175.0"), scanned=True)
    assert facts.readings["baseline.total"].how == "stated"
    assert facts.baseline.total == 175.0
