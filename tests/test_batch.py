"""Tests for crp_checker.batch: worker processes, error rows, timeouts and the CSV file."""

from __future__ import annotations

import csv
import os
import sys
import time
import types
from pathlib import Path
from typing import Any

import pytest
from factories import make_assessment

from crp_checker.batch import collect_sources, run_batch, summarise, write_csv
from crp_checker.checking import Checked, workers_for
from crp_checker.errors import EmptyFileError, UnsupportedFormatError
from crp_checker.report import CSV_COLUMNS
from crp_checker.schemas import Assessment, Verdict
from crp_checker.settings import get_settings
from crp_checker.worker import WorkerStartError


def fake_assess(source: str, **buyer: Any) -> Assessment:
    """Stands in for the pipeline in worker processes: reads the file and obeys its text."""
    data = Path(source).read_bytes()
    if not data.strip():
        raise EmptyFileError(f"{Path(source).name} is empty.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UnsupportedFormatError(f"{Path(source).name} is not a document.") from None
    if text.startswith("SLEEP"):
        time.sleep(60)
    if text.startswith("CRASH"):
        os._exit(7)
    if text.startswith("BUG"):
        raise KeyError("not_a_field")
    if text.startswith("HOG"):
        hoard = [bytearray(50 * 2**20) for _ in range(100)]  # 5 GB of address space
        raise AssertionError(f"{len(hoard)} chunks fitted under the memory limit")
    assessment = make_assessment(verdict=Verdict.COMPLIANT, grounds_failed=[])
    assessment.facts.organisation = text.strip()
    assessment.settings.net_zero_deadline = buyer.get("net_zero_deadline", 2050)
    return assessment


def _plans(folder: Path, contents: dict[str, bytes]) -> list[str]:
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    return [str(folder / name) for name in contents]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_batch_records_good_empty_and_garbage_files_in_input_order(tmp_path: Path) -> None:
    sources = _plans(
        tmp_path,
        {
            "b-good.txt": b"Acme Ltd",
            "a-empty.txt": b"",
            "c-garbage.txt": bytes(range(128, 256)),
            "d-bug.txt": b"BUG",
        },
    )
    items = run_batch(sources, workers=2, assess_fn=fake_assess, buyer={"net_zero_deadline": 2045})
    assert [item.source for item in items] == sources
    good, empty, garbage, bug = items
    assert good.assessment is not None and good.error is None
    assert good.assessment.facts.organisation == "Acme Ltd"
    assert good.assessment.settings.net_zero_deadline == 2045  # buyer overrides reach workers
    assert isinstance(empty.error, EmptyFileError)  # the worker's error class, rebuilt here
    assert garbage.error is not None and garbage.error.code == "unsupported_format"
    assert bug.error is not None and bug.error.code == "internal_error"
    assert bug.error.message == "KeyError: 'not_a_field'"
    assert summarise(items) == {"compliant": 1, "error": 3}

    out = tmp_path / "out" / "results.csv"
    write_csv(items, out)
    rows = _read_csv(out)
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [(r["source"], r["status"], r["error_code"]) for r in rows] == [
        (sources[0], "ok", ""),
        (sources[1], "error", "empty"),
        (sources[2], "error", "unsupported_format"),
        (sources[3], "error", "internal_error"),
    ]
    assert rows[0]["organisation"] == "Acme Ltd" and rows[0]["verdict"] == "compliant"
    assert rows[1]["error"] == "a-empty.txt is empty."
    assert list(out.parent.iterdir()) == [out]  # the temporary file was renamed, not left


def test_batch_stops_a_slow_plan_and_carries_on(tmp_path: Path) -> None:
    sources = _plans(tmp_path, {"slow.txt": b"SLEEP", "fast.txt": b"Fast Ltd"})
    started = time.monotonic()
    items = run_batch(sources, workers=1, timeout=1.0, assess_fn=fake_assess)
    elapsed = time.monotonic() - started
    slow, fast = items
    assert slow.error is not None and slow.error.code == "timeout"
    assert "longer than 1 seconds" in slow.error.message
    assert 1.0 <= slow.seconds < 10
    # One worker: the fast plan needed the replacement worker, so it was really replaced.
    assert fast.assessment is not None and fast.assessment.facts.organisation == "Fast Ltd"
    assert elapsed < 30, "the slow plan's 60 s sleep was not cut short"


def test_batch_replaces_a_worker_that_crashes(tmp_path: Path) -> None:
    sources = _plans(tmp_path, {"crash.txt": b"CRASH", "after.txt": b"After Ltd"})
    crash, after = run_batch(sources, workers=1, assess_fn=fake_assess)
    assert crash.error is not None and crash.error.code == "worker_crashed"
    assert "exit code 7" in crash.error.message
    assert after.assessment is not None and after.assessment.facts.organisation == "After Ltd"


def test_batch_workers_run_under_the_parse_memory_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRP_PARSE_MEMORY_MB", "400")
    get_settings.cache_clear()
    try:
        sources = _plans(tmp_path, {"bomb.txt": b"HOG", "after.txt": b"After Ltd"})
        bomb, after = run_batch(sources, workers=1, assess_fn=fake_assess)
    finally:
        get_settings.cache_clear()
    assert bomb.error is not None and bomb.error.code == "too_much_memory"
    assert "(400 MB)" in bomb.error.message
    assert after.assessment is not None and after.assessment.facts.organisation == "After Ltd"


def test_batch_gives_up_when_workers_cannot_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A function from a module that exists only in this process: workers cannot unpickle it,
    # so each dies before it is ready, as with a broken installation.
    ghost = types.ModuleType("ghost_module")
    exec("def assess(source, **buyer):\n    raise AssertionError('never runs')", ghost.__dict__)
    monkeypatch.setitem(sys.modules, "ghost_module", ghost)
    sources = _plans(tmp_path, {"plan.txt": b"Acme Ltd"})
    with pytest.raises(WorkerStartError):
        run_batch(sources, workers=1, assess_fn=ghost.assess)


def test_batch_of_nothing_starts_no_workers() -> None:
    assert run_batch([], assess_fn=fake_assess) == []


def test_collect_sources_from_a_folder_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ["b.pdf", "a.DOCX", "sub/c.html", "sub/d.md", "e.txt", "notes.csv", ".hidden.pdf"]:
        (tmp_path / name).write_text("x")
    (tmp_path / "~$lock.docx").write_text("x")
    found = [Path(s).relative_to(tmp_path).as_posix() for s in collect_sources(tmp_path)]
    assert found == ["a.DOCX", "b.pdf", "e.txt", "sub/c.html", "sub/d.md"]


def test_collect_sources_from_a_list_file(tmp_path: Path) -> None:
    listing = tmp_path / "plans.txt"
    listing.write_text(
        "# plans for tender 42\n\nplans/one.pdf\n  /abs/two.pdf  \nhttps://example.com/crp.pdf\n"
    )
    assert collect_sources(listing) == [
        str(tmp_path / "plans" / "one.pdf"),
        "/abs/two.pdf",
        "https://example.com/crp.pdf",
    ]


def test_workers_for_uses_cpus_for_zero_and_never_exceeds_tasks() -> None:
    assert workers_for(4, 2) == 2
    assert workers_for(3, 10) == 3
    assert 1 <= workers_for(0, 1000) <= (os.cpu_count() or 1)
    assert workers_for(0, 0) == 1


def test_write_csv_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    out.write_text("old contents")
    broken = Checked(0, source="x.pdf", assessment=None, error=None, seconds=0.0)
    with pytest.raises(AssertionError):
        write_csv([broken], out)  # an item with neither result nor error cannot be a row
    assert out.read_text() == "old contents"
    assert list(tmp_path.iterdir()) == [out]
