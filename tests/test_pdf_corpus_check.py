"""pdfplumber's 52 awkward real-world PDFs through `crp-checker check`: each is read and judged
not a CRP, or refused with a clear message; none crashes, hangs or is called a plan."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from shared_data import require_shared, shared_dir
from typer.testing import CliRunner

from crp_checker.cli import app

_FOLDER = (shared_dir() or Path("/nonexistent")) / "pdf-corpus" / "pdfplumber-tests"
CORPUS = sorted(_FOLDER.glob("*.pdf"))
SECONDS_PER_FILE = 60


def test_the_corpus_is_all_there() -> None:
    require_shared()
    assert len(CORPUS) == 52


@pytest.mark.slow
@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_awkward_pdf_is_judged_or_refused(path: Path) -> None:
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    elapsed = time.perf_counter() - started
    assert elapsed < SECONDS_PER_FILE
    assert result.exit_code in (1, 2, 3), result.output
    if result.exit_code == 3:
        message = result.stderr
        assert path.name in message  # says which file ...
        assert len(message.strip().splitlines()) >= 2  # ... what is wrong, and what to do
        return
    assessment = json.loads(result.stdout)
    assert assessment["facts"]["is_crp"] is False
    assert assessment["verdict"] in ("not_a_crp", "needs_review")
