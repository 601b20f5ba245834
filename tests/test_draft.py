"""Tests for crp_checker.draft: answers, validation, the template's structure, the round trip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest
from draft_answers import CHECK_DATE, COMPLETE
from shared_data import require_shared
from typer.testing import CliRunner

from crp_checker import cli
from crp_checker.checking import CheckingService
from crp_checker.draft import (
    Answers,
    AnswersError,
    all_fields,
    draft,
    facts_to_answers,
    render_docx,
    render_plan_html,
    write_draft,
)
from crp_checker.draft.answers import overlay
from crp_checker.schemas import Assessment, Outcome, Severity, Verdict

runner = CliRunner()
TEMPLATE_HEADINGS = [
    "Commitment to achieving Net Zero",
    "Baseline Emissions Footprint",
    "Current Emissions Reporting",
    "Emissions reduction targets",
    "Carbon Reduction Projects",
    "Declaration and Sign Off",
]


def _check(path: Path) -> Assessment:
    return CheckingService().check_one(str(path), check_date=CHECK_DATE)


def _mandatory_gaps(assessment: Assessment) -> list[str]:
    return [
        f.rule
        for f in assessment.findings
        if f.severity is Severity.MANDATORY
        and f.outcome not in (Outcome.PASS, Outcome.NOT_APPLICABLE)
    ]


def _docx_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "read.docx"
    path.write_bytes(data)
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


# --------------------------------------------------------------------------- the template


def test_a_draft_follows_the_official_template_sections_and_tables(tmp_path: Path) -> None:
    plan = draft(None, COMPLETE, today=CHECK_DATE)
    assert plan.missing == []
    headings = [b.lines[0][0].text for b in plan.blocks if b.kind == "heading"]
    assert headings == TEMPLATE_HEADINGS
    tables = [b for b in plan.blocks if b.kind == "table"]
    assert [t.caption for t in tables[:2]] == ["Baseline year emissions:", "Current emissions:"]
    assert tables[0].header == ["EMISSIONS", "TOTAL (tCO2e)", "NOTES"]
    labels = [row[0][0].text for row in tables[1].rows]
    assert labels[:4] == [
        "Scope 1",
        "Scope 2 (market-based)",
        "Scope 3 (Included Sources)",
        "Scope 3 category 4 Upstream transportation and distribution",
    ]
    assert labels[-1] == "Total Emissions"
    document = docx.Document(_write(tmp_path / "plan.docx", plan))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == TEMPLATE_HEADINGS
    assert len(document.tables) == 2


def _write(path: Path, plan: Any) -> str:
    write_draft(plan, path)
    return str(path)


def test_nothing_supplied_is_marked_missing_and_never_invented(tmp_path: Path) -> None:
    plan = draft(None, {}, today=CHECK_DATE)
    required = {f.name for f in all_fields().values() if f.required}
    assert required - {"target.tco2e"} <= set(plan.missing) | {"target.tco2e"}
    text = plan.text()
    assert "Supplier name: [insert Supplier name: not supplied]" in text
    assert "Scope 1 | [insert Scope 1 (tCO2e): not supplied]" in text
    tables = [b for b in plan.blocks if b.kind == "table"]
    values = [run for t in tables[:2] for row in t.rows for run in row[1]]
    assert values and all(run.missing for run in values)
    words = _docx_text(render_docx(plan), tmp_path)
    assert words.count("not supplied]") >= len(plan.missing)
    html = render_plan_html(plan)
    assert '<mark class="missing">[insert Net zero year: not supplied]</mark>' in html


def test_a_draft_with_gaps_fails_the_checker_on_its_placeholders(tmp_path: Path) -> None:
    answers = {k: v for k, v in COMPLETE.items() if k != "current.scope2"}
    answers.pop("current.total")
    out = tmp_path / "gaps.docx"
    write_draft(draft(None, answers, today=CHECK_DATE), out)
    assessment = _check(out)
    assert assessment.verdict is Verdict.NON_COMPLIANT
    assert "no-placeholders" in _mandatory_gaps(assessment)


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("answers", "field", "words"),
    [
        ({"current.scope1": "twelve"}, "current.scope1", "is not a number"),
        ({"current.scope1": -3}, "current.scope1", "negative"),
        ({"net_zero_year": "20x5"}, "net_zero_year", "is not a year"),
        ({"sign_off_date": "14/03/2025"}, "sign_off_date", "YYYY-MM-DD"),
        ({"sign_off_date": "2027-01-01"}, "sign_off_date", "in the future"),
        ({"current.scop1": 1}, "current.scop1", "did you mean current.scope1"),
        ({"current.scope2_basis": "dual"}, "current.scope2_basis", "market or location"),
        (
            {"current.scope1": 1, "current.scope2": 2, "current.scope3": 3, "current.total": 7},
            "current.total",
            "is not Scope 1 + Scope 2 + Scope 3 = 6",
        ),
        (
            {"current.start": "2025-04-01", "current.end": "2025-09-30"},
            "current.end",
            "runs 183 days",
        ),
        ({"current.start": "2025-04-01"}, "current.end", "give both"),
        (
            {"baseline.start": "2025-01-01", "baseline.end": "2025-12-31"}
            | {"current.start": "2024-01-01", "current.end": "2024-12-31"},
            "baseline.end",
            "after the current reporting year",
        ),
        (
            {"target.tco2e": 30, "baseline.total": 60, "target.percent": 20},
            "target.percent",
            "does not match",
        ),
        ({"target.year": 2050, "net_zero_year": 2045}, "target.year", "after the net zero year"),
        ({"savings_percent": 140}, "savings_percent", "more than 100%"),
    ],
)
def test_bad_answers_are_refused_naming_the_field(
    answers: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(AnswersError) as caught:
        overlay(Answers(), answers, today=CHECK_DATE)
    named = {e.name: e.message for e in caught.value.errors}
    assert field in named and words in named[field], named


def test_answers_accept_written_numbers_and_clear_a_fact_the_plan_gave() -> None:
    base = Answers(values={"organisation": "Wrongly Read Ltd"}, from_plan={"organisation"})
    answers = overlay(base, {"current.scope1": "1,234.5", "organisation": ""}, today=CHECK_DATE)
    assert answers.values == {"current.scope1": 1234.5}


def test_the_plans_own_inconsistent_figures_are_kept_not_refused() -> None:
    base = Answers(
        values={
            "current.scope1": 1.0,
            "current.scope2": 1.0,
            "current.scope3": 1.0,
            "current.total": 9.0,
        },
        from_plan={"current.scope1", "current.scope2", "current.scope3", "current.total"},
    )
    assert overlay(base, {"organisation": "Acme Ltd"}, today=CHECK_DATE).get("current.total") == 9.0


# --------------------------------------------------------------------------- the command


def test_cli_draft_writes_docx_and_html_and_names_what_is_missing(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"organisation": "Acme Ltd", "current.scope1": 12.5}))
    for name in ("plan.docx", "plan.html"):
        out = tmp_path / name
        result = runner.invoke(cli.app, ["draft", "--answers", str(answers), "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
        assert "still to supply: publication_date, net_zero_year" in result.stderr
    assert "Acme Ltd" in (tmp_path / "plan.html").read_text()


def test_cli_draft_refuses_bad_answers_and_writes_nothing(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"current.scope1": "lots"}))
    out = tmp_path / "plan.docx"
    result = runner.invoke(cli.app, ["draft", "--answers", str(answers), "--out", str(out)])
    assert result.exit_code == 4
    assert "current.scope1: 'lots' is not a number" in result.stderr
    assert not out.exists()
    answers.write_text("[1, 2]")
    result = runner.invoke(cli.app, ["draft", "--answers", str(answers), "--out", str(out)])
    assert result.exit_code == 3 and "not an object" in result.stderr
    answers.write_text("{}")
    result = runner.invoke(cli.app, ["draft", "-a", str(answers), "--out", str(tmp_path / "p.pdf")])
    assert result.exit_code == 3 and ".docx or .html" in result.stderr


# --------------------------------------------------------------------------- round trip


@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_a_draft_from_complete_answers_passes_the_checker(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"plan{suffix}"
    write_draft(draft(None, COMPLETE, today=CHECK_DATE), out)
    assessment = _check(out)
    assert assessment.verdict in (Verdict.COMPLIANT, Verdict.COMPLIANT_WITH_GAPS)
    assert _mandatory_gaps(assessment) == []
    facts = assessment.facts
    assert (facts.current.scope1, facts.current.total, facts.net_zero_year) == (10.2, 51.3, 2045)


def _figures(assessment: Assessment) -> dict[str, Any]:
    """Every figure the checker read: the emissions of both periods, categories, net zero."""
    values = facts_to_answers(assessment.facts).values
    numeric = {"number", "year"}
    fields = all_fields(tuple(range(1, 16)))
    return {k: v for k, v in values.items() if k in fields and fields[k].kind in numeric}


@pytest.mark.slow
def test_a_draft_from_each_real_plan_keeps_every_figure_read_from_it(tmp_path: Path) -> None:
    plans = sorted((require_shared() / "real-crps").glob("*.pdf"))
    assert plans
    for plan in plans:
        original = _check(plan)
        read = facts_to_answers(original.facts)
        gaps = {f.name for f in read.missing()}
        # A required category's gap is closed by a figure or by the reason it does not apply.
        gaps |= {g.replace(".current", ".reason") for g in gaps if g.startswith("scope3.")}
        answers = {k: v for k, v in COMPLETE.items() if k in gaps}
        out = tmp_path / f"{plan.stem}.docx"
        document = draft(original, answers, today=CHECK_DATE)
        write_draft(document, out)
        redrafted = _check(out)
        again = _figures(redrafted)
        for name, value in _figures(original).items():
            assert again.get(name) == value, (plan.name, name, value, again.get(name))
        # Nothing the plan met is lost (a value still missing is marked, so it is unfilled).
        met = {f.rule for f in original.findings if f.outcome is Outcome.PASS}
        lost = {
            f.rule
            for f in redrafted.findings
            if f.rule in met and f.severity is Severity.MANDATORY and f.outcome is not Outcome.PASS
        }
        assert lost <= ({"no-placeholders"} if document.missing else set()), (plan.name, lost)
