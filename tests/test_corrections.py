"""Tests for crp_checker.corrections: checking corrections, applying them, judging again, and
`crp-checker check --corrections`."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from correction_support import BASELINE_FIGURES, unread_baseline_plan
from factories import make_assessment
from typer.testing import CliRunner

from crp_checker import cli
from crp_checker.corrections import (
    Correction,
    CorrectionError,
    apply_corrections,
    parse_corrections,
    rejudge,
    unreadable_pages,
)
from crp_checker.pipeline import assess
from crp_checker.schemas import Assessment, Facts, Outcome

runner = CliRunner()


def plan_with_unread_baseline(tmp_path: Path) -> Path:
    path = tmp_path / "unread_baseline.txt"
    path.write_bytes(unread_baseline_plan())
    return path


def outcome(assessment: Assessment, rule: str) -> Outcome:
    return next(f.outcome for f in assessment.findings if f.rule == rule)


def test_correcting_missing_baseline_figures_turns_baseline_emissions_to_pass(
    tmp_path: Path,
) -> None:
    original = assess(plan_with_unread_baseline(tmp_path), check_date="2025-09-01")
    assert outcome(original, "baseline-emissions") is Outcome.FAIL
    corrected = rejudge(original, parse_corrections(BASELINE_FIGURES), by="evaluator@example")
    assert outcome(corrected, "baseline-emissions") is Outcome.PASS
    assert corrected.score > original.score
    facts = corrected.facts
    assert facts.baseline.scope2 == 5.6
    assert facts.readings["baseline.scope2"].how == "corrected"
    assert facts.corrections["baseline.scope2"].original is None
    assert facts.corrections["baseline.scope2"].by == "evaluator@example"
    assert facts.evidence["baseline.total"][0].quote == "Total 31.4"
    assert original.facts.baseline.scope2 is None  # the original is not touched


def test_check_with_corrections_file_returns_corrected_facts_and_rejudged_rules(
    tmp_path: Path,
) -> None:
    plan = plan_with_unread_baseline(tmp_path)
    fixes = tmp_path / "fixes.json"
    fixes.write_text(json.dumps(BASELINE_FIGURES))
    args = ["check", str(plan), "--check-date", "2025-09-01", "--format", "json"]
    before = json.loads(runner.invoke(cli.app, args).stdout)
    result = runner.invoke(cli.app, [*args, "--corrections", str(fixes)])
    after = json.loads(result.stdout)
    rules = {f["rule"]: f["outcome"] for f in after["findings"]}
    assert rules["baseline-emissions"] == "pass"
    assert {f["rule"]: f["outcome"] for f in before["findings"]}["baseline-emissions"] == "fail"
    assert after["facts"]["baseline"]["total"] == 31.4
    assert after["facts"]["corrections"]["baseline.total"]["original"] is None
    assert after["facts"]["readings"]["baseline.total"]["how"] == "corrected"
    assert "corrections" not in before["facts"]  # unchanged output without corrections


def test_a_misread_figure_keeps_the_checkers_original() -> None:
    assessment = make_assessment()
    fix = Correction(fact="baseline.scope1", value=12.05, page=3, quote="12.05", reason="typo")
    facts = apply_corrections(assessment.facts, [fix])
    assert facts.baseline.scope1 == 12.05
    assert facts.corrections["baseline.scope1"].original == 120.5
    again = apply_corrections(facts, [fix.model_copy(update={"value": 13.0})])
    assert again.corrections["baseline.scope1"].original == 120.5  # still the checker's


def _scope3(facts: Facts, number: int, which: str) -> list[float | None]:
    return [getattr(c, which) for c in facts.scope3_detail if c.number == number]


@pytest.mark.parametrize(
    ("path", "value", "check"),
    [
        ("net_zero_year", 2045, lambda f: f.net_zero_year == 2045),
        ("current.end", "2024-03-31", lambda f: f.current.end == dt.date(2024, 3, 31)),
        ("current.end", "2024-03-31", lambda f: f.current.end_year == 2024),
        ("is_crp", False, lambda f: not f.is_crp and f.crp_kind == "none"),
        (
            "scope3.1",
            40.5,
            lambda f: 1 in f.scope3_categories and _scope3(f, 1, "current") == [40.5],
        ),
        ("scope3.7.baseline", 3.0, lambda f: _scope3(f, 7, "baseline") == [3.0]),
        ("signatory.name", "Ann Lee", lambda f: f.signatory.name == "Ann Lee"),
        ("current.total", None, lambda f: "total" not in f.current.not_numeric),
    ],
)
def test_each_kind_of_fact_can_be_corrected(path: str, value: Any, check: Any) -> None:
    facts = apply_corrections(
        make_assessment().facts, parse_corrections([{"fact": path, "value": value, "reason": "x"}])
    )
    assert check(facts)
    assert facts.readings[path].how == "corrected"


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"fact": "baseline.scope9", "value": 1, "reason": "x"}, "'fact'"),
        ({"fact": "scope3.16", "value": 1, "reason": "x"}, "'fact'"),
        ({"fact": "baseline.scope1", "value": "twelve", "reason": "x"}, "'value'"),
        ({"fact": "baseline.scope1", "value": -3, "reason": "x"}, "'value'"),
        ({"fact": "net_zero_year", "value": 2045.5, "reason": "x"}, "'value'"),
        ({"fact": "current.end", "value": "31/03/2024", "reason": "x"}, "'value'"),
        ({"fact": "is_crp", "value": "yes", "reason": "x"}, "'value'"),
        ({"fact": "baseline.scope1", "value": 1}, "'reason'"),
        ({"fact": "baseline.scope1", "value": 1, "reason": "x", "page": 0}, "'page'"),
        ({"fact": "baseline.scope1", "value": 1, "reason": "x", "colour": 1}, "'colour'"),
    ],
)
def test_a_wrong_correction_is_refused_naming_the_field(item: dict[str, Any], field: str) -> None:
    with pytest.raises(CorrectionError) as raised:
        parse_corrections([{"fact": "net_zero_year", "value": 2040, "reason": "ok"}, item])
    assert raised.value.message.startswith(f"correction 2: {field}")


def test_check_refuses_a_bad_corrections_file_before_reading_the_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixes = tmp_path / "fixes.json"
    fixes.write_text(json.dumps([{"fact": "baseline.colour", "value": 1, "reason": "x"}]))
    assert cli.main(["check", "missing.pdf", "--corrections", str(fixes)]) == 4  # usage error
    error = re.sub(r"[\s│]+", " ", capsys.readouterr().err)
    assert "correction 1: 'fact' names no fact that can be corrected" in error


def test_stored_warnings_give_back_the_unreadable_pages() -> None:
    warnings = [
        "Pages 2-4 and 7 have no text layer and could not be read: scanned.",
        "Page 9 could not be read: the page is damaged.",
        "Page 1 had no usable text layer and was read by OCR (tesseract).",
    ]
    assert unreadable_pages(warnings) == [2, 3, 4, 7, 9]


def test_reports_show_each_corrected_fact_with_the_original_and_who() -> None:
    from crp_checker import report

    fix = Correction(fact="baseline.scope1", value=12.05, page=3, quote="12.05 t", reason="typo")
    corrected = rejudge(make_assessment(), [fix], by="ann@council.example")
    line = "The baseline Scope 1 figure is 12.05 (the checker read 120.5), by ann@council.example"
    assert line in html.unescape(report.render_html(corrected))
    assert line in " ".join(report.render_text(corrected, color=False, width=200).split())
    assert "Corrected facts" not in report.render_html(make_assessment())
    dated = rejudge(
        make_assessment(),
        parse_corrections([{"fact": "net_zero_year", "value": 2045, "reason": "r"}]),
    )
    assert "Net zero year 2045 (p. 2); corrected by a person" in " ".join(
        report.render_text(dated, color=False, width=200).split()
    )
    supplier = rejudge(make_assessment(), [fix], supplier_statement=True)
    assert "as the supplier's own statement" in html.unescape(report.render_html(supplier))


def test_form_values_are_read_as_their_facts_kind() -> None:
    from crp_checker.corrections import fact_value, form_value

    assert form_value("baseline.scope1", " 1,234.5 ") == 1234.5
    assert form_value("net_zero_year", "2045") == 2045
    assert form_value("is_crp", "No") is False
    assert form_value("current.end", "2025-03-31") == "2025-03-31"
    assert form_value("baseline.total", "") is None
    with pytest.raises(CorrectionError, match=r"'value' for baseline\.scope1 is not a number"):
        form_value("baseline.scope1", "twelve")
    facts = make_assessment().facts
    assert fact_value(facts, "baseline.scope1") == 120.5
    assert fact_value(facts, "current.end") == "2023-12-31"
    assert fact_value(facts, "scope3.9") is None
