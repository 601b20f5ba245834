"""Tests for crp_checker.cli: formats, exit codes, the rulebook listing and batch runs."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from factories import make_assessment
from test_batch import fake_assess
from typer.testing import CliRunner

from crp_checker import __version__, cli
from crp_checker.errors import EncryptedFileError
from crp_checker.report import CSV_COLUMNS
from crp_checker.rules import RULES
from crp_checker.schemas import Assessment, SourceInfo, Verdict

runner = CliRunner()


class FakeAssess:
    """Replaces `assess` in the CLI: one Assessment or error per source name, calls recorded."""

    def __init__(self, outcomes: dict[str, Verdict | Exception]) -> None:
        self.outcomes = outcomes
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, source: str, **kwargs: Any) -> Assessment:
        self.calls.append((source, kwargs))
        outcome = self.outcomes[source]
        if isinstance(outcome, Exception):
            raise outcome
        source_info = SourceInfo(name=source, kind="pdf", sha256="0" * 64, size_bytes=1)
        return make_assessment(verdict=outcome, source=source_info)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeAssess:
    fake = FakeAssess(
        {
            "compliant.pdf": Verdict.COMPLIANT,
            "gaps.pdf": Verdict.COMPLIANT_WITH_GAPS,
            "failing.pdf": Verdict.NON_COMPLIANT,
            "review.pdf": Verdict.NEEDS_REVIEW,
            "locked.pdf": EncryptedFileError("locked.pdf is password-protected."),
            "bug.pdf": ZeroDivisionError("division by zero"),
        }
    )
    monkeypatch.setattr("crp_checker.pipeline.assess", fake)
    return fake


# --------------------------------------------------------------------------- check


@pytest.mark.parametrize(
    ("sources", "code"),
    [
        (["compliant.pdf"], 0),
        (["gaps.pdf"], 0),
        (["failing.pdf"], 1),
        (["review.pdf"], 2),
        (["locked.pdf"], 3),
        (["bug.pdf"], 5),
        (["compliant.pdf", "failing.pdf"], 1),
        (["review.pdf", "failing.pdf", "gaps.pdf"], 2),
        (["locked.pdf", "review.pdf"], 3),
    ],
)
def test_check_exit_code_is_the_worst_verdict(
    fake: FakeAssess, sources: list[str], code: int
) -> None:
    result = runner.invoke(cli.app, ["check", "--format", "json", *sources])
    assert result.exit_code == code, result.stderr
    assert [source for source, _ in fake.calls] == sources


def test_check_unreadable_file_prints_message_and_hint_without_traceback(fake: FakeAssess) -> None:
    result = runner.invoke(cli.app, ["check", "locked.pdf", "compliant.pdf"])
    assert result.exit_code == 3
    assert "locked.pdf: locked.pdf is password-protected." in result.stderr
    assert EncryptedFileError.default_hint in result.stderr
    assert "Traceback" not in result.stderr
    # The other plan is still checked and reported.
    assert "Compliant: every mandatory requirement is met" in result.stdout


def test_a_source_with_terminal_escapes_is_quoted_in_the_error_line(fake: FakeAssess) -> None:
    hostile = "locked\x1b[2J\u202efdp.pdf"
    fake.outcomes[hostile] = EncryptedFileError("The file is password-protected.")
    result = runner.invoke(cli.app, ["check", hostile])
    assert result.exit_code == 3
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert repr(hostile) in result.stderr


def test_check_internal_error_shows_the_traceback(fake: FakeAssess) -> None:
    result = runner.invoke(cli.app, ["check", "bug.pdf"])
    assert result.exit_code == 5
    assert "ZeroDivisionError: division by zero" in result.stderr
    assert "Traceback" in result.stderr


def test_check_text_report_without_colour_when_not_a_terminal(fake: FakeAssess) -> None:
    result = runner.invoke(cli.app, ["check", "failing.pdf"])
    assert result.exit_code == 1
    assert "Not compliant: 2 mandatory requirements fail" in result.stdout
    assert "[FAIL]" in result.stdout and "\x1b[" not in result.stdout


def test_check_passes_buyer_options_and_url(fake: FakeAssess) -> None:
    args = ["check", "compliant.pdf", "--check-date", "2025-04-01", "--net-zero-deadline", "2045"]
    args += ["--max-data-age-months", "18", "--max-signoff-age-months", "6"]
    result = runner.invoke(cli.app, [*args, "--url", "https://acme.example/crp.pdf"])
    assert result.exit_code == 0, result.stderr
    (_, kwargs), *_ = fake.calls
    assert kwargs == {
        "name": None,
        "url": "https://acme.example/crp.pdf",
        "check_date": dt.date(2025, 4, 1),
        "net_zero_deadline": 2045,
        "max_data_age_months": 18,
        "max_signoff_age_months": 6,
    }


def test_check_json_is_an_object_for_one_plan_and_a_list_for_several(fake: FakeAssess) -> None:
    one = runner.invoke(cli.app, ["check", "-f", "json", "failing.pdf"])
    assert Assessment.model_validate_json(one.stdout).verdict == Verdict.NON_COMPLIANT
    several = runner.invoke(
        cli.app, ["check", "-f", "json", "failing.pdf", "locked.pdf", "gaps.pdf"]
    )
    assert several.exit_code == 3
    # Plans that could not be read are left out of the list and reported on stderr.
    assert [item["verdict"] for item in json.loads(several.stdout)] == [
        "non_compliant",
        "compliant_with_gaps",
    ]


def test_check_html_to_a_file_and_to_a_folder(fake: FakeAssess, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = runner.invoke(cli.app, ["check", "-f", "html", "-o", str(page), "failing.pdf"])
    assert result.exit_code == 1 and result.stdout == ""
    tree = lxml.html.document_fromstring(page.read_text(encoding="utf-8"))
    assert tree.xpath("//h1")[0].text_content().endswith("failing.pdf")

    folder = tmp_path / "reports"
    result = runner.invoke(
        cli.app, ["check", "-f", "html", "-o", str(folder), "failing.pdf", "gaps.pdf"]
    )
    assert result.exit_code == 1
    assert sorted(p.name for p in folder.iterdir()) == ["failing.html", "gaps.html"]


def test_check_html_into_an_existing_folder_and_text_refuses_one(
    fake: FakeAssess, tmp_path: Path
) -> None:
    result = runner.invoke(cli.app, ["check", "-f", "html", "-o", str(tmp_path), "gaps.pdf"])
    assert result.exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["gaps.html"]
    assert cli.main(["check", "-o", str(tmp_path), "gaps.pdf"]) == 4


def test_check_text_to_a_file(fake: FakeAssess, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    result = runner.invoke(cli.app, ["check", "-o", str(out), "review.pdf", "gaps.pdf"])
    assert result.exit_code == 2
    text = out.read_text(encoding="utf-8")
    assert text.count("Carbon Reduction Plan check:") == 2 and "\x1b[" not in text


# --------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--check-date", "2025-13-01", "compliant.pdf"],
        ["check", "--check-date", "yesterday", "compliant.pdf"],
        ["check", "--net-zero-deadline", "soon", "compliant.pdf"],
        ["check", "--format", "pdf", "compliant.pdf"],
        ["check", "--bogus", "compliant.pdf"],
        ["check"],
        ["check", "-f", "html", "compliant.pdf", "gaps.pdf"],
        ["check", "--url", "https://a.example", "compliant.pdf", "gaps.pdf"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_4(
    fake: FakeAssess, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert cli.main(args) == 4
    assert "Error:" in capsys.readouterr().err
    assert fake.calls == []  # nothing was checked


def test_main_returns_the_command_exit_code(
    fake: FakeAssess, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", "-f", "json", "review.pdf"]) == 2
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip().endswith(__version__)


# --------------------------------------------------------------------------- serve


def test_serve_help_documents_its_options() -> None:
    result = runner.invoke(cli.app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--host", "--port", "--reload", "--no-reload", "CRP_HOST", "CRP_PORT"):
        assert option in result.stdout, option


# --------------------------------------------------------------------------- rules


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_rules_lists_every_rule_id(fmt: str) -> None:
    result = runner.invoke(cli.app, ["rules", "--format", fmt])
    assert result.exit_code == 0
    for rule_id in RULES:
        assert rule_id in result.stdout
    if fmt == "json":
        assert [row["id"] for row in json.loads(result.stdout)] == list(RULES)
    if fmt == "markdown":
        assert len(result.stdout.splitlines()) == len(RULES) + 2


# --------------------------------------------------------------------------- batch


def test_batch_writes_a_row_per_plan_and_a_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Workers find the stand-in by name: it lives in an importable test module.
    monkeypatch.setattr("crp_checker.worker.pool.pipeline_assess", fake_assess)
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "good.txt").write_text("Good Ltd")
    (plans / "empty.pdf").write_bytes(b"")
    (plans / "garbage.docx").write_bytes(bytes(range(200, 256)) * 10)
    out = tmp_path / "results.csv"
    result = runner.invoke(
        cli.app,
        ["batch", str(plans), "--out", str(out), "--workers", "2", "--net-zero-deadline", "2040"],
    )
    assert result.exit_code == 3, result.stderr  # some plans could not be checked
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [(Path(r["source"]).name, r["status"], r["error_code"]) for r in rows] == [
        ("empty.pdf", "error", "empty"),
        ("garbage.docx", "error", "unsupported_format"),
        ("good.txt", "ok", ""),
    ]
    assert rows[2]["organisation"] == "Good Ltd"
    assert "Checked 3 plans in" in result.stdout
    assert "1 compliant, 2 could not be checked" in result.stdout


def test_batch_refuses_a_single_plan_and_an_empty_folder(tmp_path: Path) -> None:
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(b"%PDF-1.7")
    assert cli.main(["batch", str(plan), "--out", str(tmp_path / "r.csv")]) == 4
    assert cli.main(["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "r.csv")]) == 4
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli.main(["batch", str(empty), "--out", str(tmp_path / "r.csv")]) == 4
    assert not (tmp_path / "r.csv").exists()


# --------------------------------------------------------------------------- smoke


def test_check_smoke_with_the_real_pipeline(tmp_path: Path) -> None:
    plan = tmp_path / "acme_crp.txt"
    plan.write_text(
        "Carbon Reduction Plan\nSupplier name: Acme Ltd\nPublication date: 1 March 2025\n"
        "Acme Ltd is committed to achieving Net Zero emissions by 2045.\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        cli.app, ["check", "-f", "json", "--check-date", "2025-06-01", str(plan)]
    )
    assert result.exit_code in {0, 1, 2}, result.stderr
    assessment = Assessment.model_validate_json(result.stdout)
    assert assessment.source.name == "acme_crp.txt"
    assert assessment.settings.check_date.isoformat() == "2025-06-01"
    assert {f.rule for f in assessment.findings} == set(RULES)
    html = runner.invoke(cli.app, ["check", "-f", "html", str(plan)])
    assert html.exit_code == result.exit_code and "<h1>" in html.stdout
