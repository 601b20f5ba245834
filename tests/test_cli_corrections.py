"""`crp-checker corrections export` (issue 13 item 4): corrected plans become labels that
`crp-checker evaluate` measures, end to end on a stored database."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from correction_support import BASELINE_FIGURES, unread_baseline_plan
from databases import use_data_dir

from crp_checker import cli
from crp_checker.corrections import parse_corrections
from crp_checker.corrections.stored import correct
from crp_checker.pipeline import assess
from crp_checker.settings import get_settings
from crp_checker.store import Role, create_user, dispose_engines, init_db, save_check, session_scope

FIXES = [*BASELINE_FIGURES, {"fact": "scope3.6", "value": 9.7, "reason": "business travel"}]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "var"
    monkeypatch.delenv("CRP_DATABASE_URL", raising=False)
    use_data_dir(monkeypatch, folder)
    yield folder
    dispose_engines()
    get_settings.cache_clear()


def _corrected_plan() -> str:
    init_db()
    data = unread_baseline_plan()
    with session_scope() as db:
        user = create_user(db, "ann@org-a.example", "x" * 16, Role.SUPPLIER, "Wrenfield Ltd")
        record = save_check(db, data, assess(data, name="wrenfield crp.txt"), user=user)
        correct(db, record, parse_corrections(FIXES), user)
        return record.file_sha256


def test_export_then_evaluate_runs_end_to_end(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sha256 = _corrected_plan()
    out = tmp_path / "corpus" / "labels.json"
    out.parent.mkdir()
    assert cli.main(["corrections", "export", str(out)]) == 0
    (label,) = json.loads(out.read_text())
    assert label["sha256"] == sha256 and label["organisation"] == "Wrenfield Translation Ltd"
    assert label["baseline_scope2_tco2e"] == 5.6 and label["baseline_total_tco2e"] == 31.4
    assert label["labelled"] == [
        f"baseline_{s}_tco2e" for s in ("scope1", "scope2", "scope3", "total")
    ]
    assert "Scope 3 category 6 corrected by the supplier" in label["notes"]
    assert (out.parent / label["file"]).read_bytes() == unread_baseline_plan()
    assert "1 correction(s)" in capsys.readouterr().err  # scope3.6 has no label field

    assert cli.main(["evaluate", str(out)]) == 0
    report = capsys.readouterr().out
    # The checker still misses the figures a person had to give: measured as misses.
    assert "baseline_scope2_tco2e" in report and "0 / 1" in report
    assert re.search(r"ALL LABELLED FIELDS +1 / 4 ", report)  # Scope 1 "is zero" was read
    assert "is_crp" not in report.split("ALL LABELLED")[0]  # only the corrected fields

    assert cli.main(["evaluate", "--labelled", str(out.parent), "--shared", str(tmp_path)]) in (
        0,
        4,
    )


def test_export_with_nothing_corrected_writes_an_empty_list(data_dir: Path, tmp_path: Path) -> None:
    init_db()
    out = tmp_path / "labels.json"
    assert cli.main(["corrections", "export", str(out), "--no-plans"]) == 0
    assert json.loads(out.read_text()) == []
