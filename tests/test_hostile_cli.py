"""The hostile-file corpus (fixtures/make_hostile.py) through the library, the CLI and the workers.

Every case must end as its table row says: refused with a specific code, a message that
says what is wrong and a hint that says what to do, or read without running or quoting
anything hidden in it, and always within its time limit.
"""

from __future__ import annotations

import io
import json
import time
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hostile_support import (
    CASES,
    ERRORS,
    GOOD_PLAN,
    case_ids,
    environment,
    files,
    hostile,
    load_fixture_module,
    quotes,
    skip_unless_available,
)
from typer.testing import CliRunner

from crp_checker import cli
from crp_checker.errors import CRPError
from crp_checker.ingest import ingest
from crp_checker.pipeline import assess
from crp_checker.schemas import Assessment
from crp_checker.worker import WorkerPool

runner = CliRunner()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths: dict[str, Path] = hostile.write_corpus(tmp_path_factory.mktemp("hostile"))
    return paths


@pytest.fixture(scope="module")
def pools() -> Iterator[dict[tuple[tuple[str, str], ...], WorkerPool]]:
    """One warm single-worker pool per distinct case environment, started on first use."""
    started: dict[tuple[tuple[str, str], ...], WorkerPool] = {}
    yield started
    for pool in started.values():
        pool.close()


def _pool(pools: dict[tuple[tuple[str, str], ...], WorkerPool], env: Mapping[str, str]) -> Any:
    key = tuple(sorted(env.items()))
    if key not in pools:
        with environment(env):  # spawned workers inherit it, and read their settings once
            pools[key] = WorkerPool(workers=1, timeout=30)
            assert pools[key].wait_ready(120)
    return pools[key]


def _check_assessed(case: Any, report: dict[str, Any]) -> None:
    for quote in quotes(report):
        assert not any(hidden in quote for hidden in case.hidden), quote
    if case.warning:
        assert any(case.warning in warning for warning in report["warnings"]), report["warnings"]
    name = report["source"]["name"]
    assert "/" not in name and "\\" not in name and ".." not in name
    assert all(unicodedata.category(ch)[0] != "C" for ch in name), repr(name)


def _check_refusal(case: Any, error: CRPError) -> None:
    assert (error.code, error.http_status) == (case.code, case.http_status)
    assert case.says.lower() in error.message.lower()
    assert error.hint and error.hint != CRPError.default_hint  # says what to do about this file


# --------------------------------------------------------------------------- the table


def test_every_case_has_a_unique_id_and_file_name() -> None:
    assert len({case.id for case in CASES}) == len(CASES)
    assert len({case.filename for case in CASES}) == len(CASES)


def test_the_corpus_is_quick_to_build(tmp_path: Path) -> None:
    started = time.monotonic()
    hostile.write_corpus(tmp_path)
    assert time.monotonic() - started < 15  # about 1.5 s on an idle machine
    assert sum(path.stat().st_size for path in tmp_path.iterdir()) < 10_000_000


def test_every_refusal_code_and_status_belongs_to_an_error_class() -> None:
    from crp_checker import errors, worker

    classes = {
        (cls.code, cls.http_status)
        for module in (errors, worker)
        for cls in vars(module).values()
        if isinstance(cls, type) and issubclass(cls, CRPError)
    }
    for case in ERRORS:
        assert (case.code, case.http_status) in classes, case.id
        assert case.exit_code == cli.EXIT_UNREADABLE


# --------------------------------------------------------------------------- the library


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_ingest_refuses_or_reads_without_hidden_text(case: Any, corpus: dict[str, Path]) -> None:
    skip_unless_available(case)
    data = corpus[case.id].read_bytes()
    started = time.monotonic()
    with environment(case.env):
        if case.outcome == "error":
            with pytest.raises(CRPError) as caught:
                ingest(data, name=case.name)  # tables too: the path `ingest()` callers take
            _check_refusal(case, caught.value)
        else:
            document = ingest(data, name=case.name)
            for page in document.pages:
                assert not any(hidden in page.text for hidden in case.hidden), page.text
    assert time.monotonic() - started < case.seconds


# --------------------------------------------------------------------------- the CLI


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_cli_check_gives_the_case_exit_code_and_says_why(
    case: Any, corpus: dict[str, Path]
) -> None:
    skip_unless_available(case)
    path = corpus[case.id]
    started = time.monotonic()
    with environment(case.env):
        result = runner.invoke(cli.app, ["check", "--format", "json", str(path)])
        seconds = time.monotonic() - started
        direct: CRPError | None = None
        if case.outcome == "error":
            with pytest.raises(CRPError) as caught:
                assess(path)
            direct = caught.value
    assert seconds < case.seconds
    assert result.exit_code == case.exit_code, result.stderr
    assert "Traceback" not in result.stderr
    if direct is None:
        _check_assessed(case, json.loads(result.stdout))
        return
    _check_refusal(case, direct)
    assert result.stdout == ""  # no partial report
    assert direct.message in result.stderr and direct.hint in result.stderr


def test_cli_reads_a_path_that_climbs_folders(corpus: dict[str, Path]) -> None:
    path = corpus["path-traversal-name"]
    climbing = path.parent / ".." / path.parent.name / path.name
    result = runner.invoke(cli.app, ["check", "--format", "json", str(climbing)])
    assert result.exit_code == hostile.NON_COMPLIANT_EXIT, result.stderr
    assert json.loads(result.stdout)["source"]["name"] == path.name


# --------------------------------------------------------------------------- the workers


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_worker_pool_gives_the_same_answer_in_time(
    case: Any, corpus: dict[str, Path], pools: dict[tuple[tuple[str, str], ...], WorkerPool]
) -> None:
    skip_unless_available(case)
    pool = _pool(pools, case.env)
    data = corpus[case.id].read_bytes()
    started = time.monotonic()
    if case.outcome == "error":
        with pytest.raises(CRPError) as caught:
            pool.check(data, name=case.name)
        _check_refusal(case, caught.value)
    else:
        assessment: Assessment = pool.check(data, name=case.name)
        _check_assessed(case, json.loads(assessment.model_dump_json()))
        assert cli.VERDICT_EXIT[assessment.verdict] == case.exit_code
    assert time.monotonic() - started < case.seconds
    # The worker survived (or was replaced): the pool still checks a good plan.
    assert pool.check(GOOD_PLAN.read_bytes(), name=GOOD_PLAN.name).pages >= 1


# --------------------------------------------------------------------------- the guards


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("../../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\..\\plan.pdf", "plan.pdf"),
        ("plan\x00\x1b[2J\u202etxt.exe\r\n.txt", "plan[2Jtxt.exe .txt"),
        ("..", "upload"),
        ("\u200b\u200b", "upload"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
        ("Plan 2025 – final.pdf", "Plan 2025 – final.pdf"),
    ],
)
def test_display_name_keeps_the_last_part_without_hidden_characters(sent: str, shown: str) -> None:
    from crp_checker.ingest.names import display_name

    assert display_name(sent) == shown


def test_a_bomb_hidden_under_two_layers_of_compression_is_counted_by_its_inner_layer() -> None:
    import zlib

    from crp_checker.errors import TooLargeError
    from crp_checker.ingest.bombs import MAX_STREAM_BYTES, check_pdf_streams

    inner = files.deflate_bomb(MAX_STREAM_BYTES // 2**20 + 1)
    twice = zlib.compress(inner)
    assert len(twice) < len(inner) < 1_000_000
    data = b"%PDF-1.7\n1 0 obj\n<< /Filter [/FlateDecode /FlateDecode] >>\nstream\n" + twice
    with pytest.raises(TooLargeError, match="decompression bomb"):
        check_pdf_streams(data)


def test_a_large_but_plausible_stream_is_not_a_bomb() -> None:
    from crp_checker.ingest.bombs import check_pdf_streams

    scan = files.deflate_bomb(100)  # a 600 dpi colour page is about this size unpacked
    check_pdf_streams(b"%PDF-1.7\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n" + scan)


def test_a_page_pdfplumber_cannot_build_is_still_read_by_pdfium() -> None:
    """Fuzzing found pdfplumber's close() raising on a damaged second page (when ingest still
    ran its table finder); pdfium reads both pages."""
    lines = (
        "Carbon Reduction Plan",
        "Emissions | Baseline | Current",
        "Scope 1 | 120.5 | 100.2",
        "Scope 2 | 80.1 | 70.3",
        "Total | 200.6 | 170.5 tCO2e",
    )
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
    )
    data = files.pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
            page % b"[0 0 612 792]",
            files.HELVETICA,
            files.pdf_stream(files.text_content(lines) + b"1 w 72 600 m 540 600 l S\n"),
            page % b"[0 /Length 0 612 792]",  # not numbers: pdfium copes, pdfplumber raises
        ]
    )
    document = ingest(data, name="bad_media_box.pdf")
    assert len(document.pages) == 2 and "Scope 1 | 120.5" in document.pages[0].text


def test_text_placed_far_off_the_page_is_not_searched_for_columns() -> None:
    """Fuzzing found a gutter search allocating per point of text 10^8 points wide (40 s)."""
    from crp_checker.ingest.layout import column_regions

    lines = [(72.0, 700.0 - 14 * i, 290.0, 710.0 - 14 * i) for i in range(20)]
    far = [(1e8, 100.0, 1e8 + 200, 110.0)]
    nan = [(float("nan"), 0.0, 10.0, 10.0), (0.0, 0.0, float("inf"), 10.0)]
    started = time.monotonic()
    assert column_regions(lines + far) is None
    assert column_regions(lines + nan) is None
    assert time.monotonic() - started < 1


def test_a_word_file_with_damaged_compressed_data_is_corrupt_not_a_crash() -> None:
    """Fuzzing found zlib.error escaping the zip sniffing of a damaged Word file."""
    import zipfile

    data = bytearray(files.plan_docx())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("[Content_Types].xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start : start + 8] = b"\xff" * 8  # the deflate data of [Content_Types].xml
    with pytest.raises(CRPError) as caught:
        ingest(bytes(data), name="damaged.docx")
    assert caught.value.code == "corrupt"


def test_the_fuzzer_runs_and_counts_what_it_tried(tmp_path: Path) -> None:
    fuzz = load_fixture_module("fuzz_ingest")
    with environment({"CRP_OCR": "off"}):
        tally = fuzz.run(60, 12, 0, tmp_path)
    assert tally.inputs == 12
    assert sum(tally.refusals.values()) + sum(tally.crashes.values()) <= tally.inputs
    assert not tally.crashes, list(tmp_path.glob("crash-*.txt"))
