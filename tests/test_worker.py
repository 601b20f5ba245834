"""Tests for crp_checker.worker: limits, errors across the process boundary, recovery, threads."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
from factories import make_assessment

from crp_checker.errors import (
    CorruptFileError,
    CRPError,
    EmptyFileError,
    EncryptedFileError,
    ParseTimeoutError,
    ResourceLimitError,
    TooLargeError,
    UnsupportedFormatError,
)
from crp_checker.schemas import Assessment
from crp_checker.worker import BusyError, WorkerError, WorkerPool, WorkerStartError

PLAN = Path(__file__).parent.parent / "fixtures" / "text" / "plain_text_zero_scope1.txt"
TIMEOUT = 1.5
MEMORY_MB = 400


class QuotaError(CRPError):
    """A CRPError subclass that only this module defines (it must still cross intact)."""

    code = "quota"
    http_status = 429
    default_hint = "Wait."


def fake_assess(source: bytes, *, name: str, url: str | None = None, **buyer: Any) -> Assessment:
    """Stands in for the pipeline in worker processes: obeys the command in its bytes."""
    command = source.decode()
    if command == "SLEEP":
        time.sleep(60)
    if command == "NAP":
        time.sleep(0.8)
    if command == "CRASH":
        os._exit(9)
    if command == "OOM_KILLED":
        os.kill(os.getpid(), signal.SIGKILL)  # what the kernel's out-of-memory killer does
    if command == "HOG":
        hoard = []
        while True:  # zero pages are not touched, so this only uses up the address space
            hoard.append(bytearray(50 * 2**20))
    if command == "HOG_IN_PARSER":
        try:
            bytearray(8 * 2**30)
        except MemoryError as exc:  # what ingest does with any exception from a parser
            raise CorruptFileError("The PDF could not be read ().") from exc
    if command == "BUG":
        raise KeyError("not_a_field")
    if command == "QUOTA":
        raise QuotaError("Too many checks today.", "Come back tomorrow.")
    assessment = make_assessment()
    assessment.facts.organisation = f"{name} {os.getpid()} {buyer.get('net_zero_deadline')}"
    return assessment


def _pid(assessment: Assessment) -> str:
    assert assessment.facts.organisation is not None
    return assessment.facts.organisation.split()[1]


def _encrypted_pdf() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(
        buffer, encrypt=pdfencrypt.StandardEncryption("user-password", ownerPassword="owner")
    )
    pdf.drawString(72, 720, "Secret plan")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def real_pool() -> Iterator[WorkerPool]:
    with WorkerPool(workers=2, timeout=60) as pool:
        yield pool


@pytest.fixture(scope="module")
def fake_pool() -> Iterator[WorkerPool]:
    with WorkerPool(workers=1, timeout=TIMEOUT, memory_mb=MEMORY_MB, assess_fn=fake_assess) as pool:
        assert pool.wait_ready(30)
        yield pool


def test_a_good_plan_gives_the_same_assessment_as_in_process(real_pool: WorkerPool) -> None:
    from crp_checker.pipeline import assess  # here, so that fake workers need not load it

    data = PLAN.read_bytes()
    isolated = real_pool.check(data, name=PLAN.name, net_zero_deadline=2045)
    direct = assess(data, name=PLAN.name, net_zero_deadline=2045)
    assert isolated.settings.net_zero_deadline == 2045  # buyer settings reach the worker
    assert isolated.model_dump(exclude={"assessed_at"}) == direct.model_dump(
        exclude={"assessed_at"}
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_encrypted_pdf(), EncryptedFileError),
        (b"%PDF-1.7\nthis is not really a PDF\n", CorruptFileError),
        (b"", EmptyFileError),
        (b"MZ" + bytes(100), UnsupportedFormatError),
        (b"\f".join([b"Our carbon reduction plan."] * 301), TooLargeError),  # over max_pages
    ],
    ids=["encrypted", "corrupt", "empty", "program", "too-many-pages"],
)
def test_unreadable_files_raise_the_same_error_as_in_process(
    real_pool: WorkerPool, data: bytes, expected: type[CRPError]
) -> None:
    from crp_checker.pipeline import assess

    with pytest.raises(expected) as direct:
        assess(data, name="plan.pdf")
    with pytest.raises(expected) as isolated:
        real_pool.check(data, name="plan.pdf")
    assert type(isolated.value) is type(direct.value)
    assert isolated.value.message == direct.value.message
    assert isolated.value.hint == direct.value.hint
    assert isolated.value.http_status == direct.value.http_status


def test_a_file_over_the_size_limit_is_refused_before_any_worker_sees_it(
    real_pool: WorkerPool,
) -> None:
    with pytest.raises(TooLargeError, match="size limit"):
        real_pool.check(b"x" * (real_pool.max_file_bytes + 1), name="huge.pdf")


def test_a_slow_file_times_out_and_its_worker_is_replaced(fake_pool: WorkerPool) -> None:
    before = _pid(fake_pool.check(b"Acme", name="a.txt"))
    started = time.monotonic()
    with pytest.raises(ParseTimeoutError) as caught:
        fake_pool.check(b"SLEEP", name="slow.pdf")
    assert TIMEOUT <= time.monotonic() - started < TIMEOUT + 5
    assert caught.value.message.startswith(f"Reading the file took longer than {TIMEOUT:g} seconds")
    assert caught.value.hint  # tells the user what to do next
    assert _pid(fake_pool.check(b"Acme", name="b.txt")) != before


@pytest.mark.parametrize("command", [b"HOG", b"HOG_IN_PARSER"])
def test_a_memory_hog_hits_the_limit_and_the_pool_recovers(
    fake_pool: WorkerPool, command: bytes
) -> None:
    before = _pid(fake_pool.check(b"Acme", name="a.txt"))
    with pytest.raises(ResourceLimitError) as caught:
        fake_pool.check(command, name="bomb.pdf")
    assert f"({MEMORY_MB} MB)" in caught.value.message
    assert caught.value.http_status == 422 and caught.value.code == "too_much_memory"
    assert _pid(fake_pool.check(b"Acme", name="b.txt")) != before  # a fresh worker


def test_a_worker_killed_for_memory_by_the_system_says_so(fake_pool: WorkerPool) -> None:
    with pytest.raises(ResourceLimitError, match="more memory than the server could give"):
        fake_pool.check(b"OOM_KILLED", name="bomb.docx")
    assert fake_pool.check(b"Acme", name="after.txt").facts.organisation is not None


def test_a_crashing_worker_fails_only_its_file_and_is_replaced(fake_pool: WorkerPool) -> None:
    with pytest.raises(WorkerError) as caught:
        fake_pool.check(b"CRASH", name="crash.pdf")
    assert caught.value.code == "worker_crashed" and "exit code 9" in caught.value.message
    assert fake_pool.check(b"Acme", name="after.txt").facts.organisation is not None


def test_errors_cross_intact_and_bugs_become_internal_errors(fake_pool: WorkerPool) -> None:
    with pytest.raises(QuotaError) as quota:
        fake_pool.check(b"QUOTA", name="q.txt")
    assert (quota.value.message, quota.value.hint) == (
        "Too many checks today.",
        "Come back tomorrow.",
    )
    with pytest.raises(WorkerError) as bug:
        fake_pool.check(b"BUG", name="bug.txt")
    assert (bug.value.code, bug.value.http_status) == ("internal_error", 500)
    assert bug.value.message == "KeyError: 'not_a_field'"


def test_two_threads_check_at_once_and_a_third_caller_is_told_to_retry() -> None:
    with WorkerPool(workers=2, queue_timeout=0.2, assess_fn=fake_assess) as pool:
        assert pool.wait_ready(30)
        results: list[Assessment] = []
        threads = [
            threading.Thread(target=lambda: results.append(pool.check(b"NAP", name="n")))
            for _ in range(2)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(0.2)
        with pytest.raises(BusyError) as busy:
            pool.check(b"Acme", name="third.txt")
        for thread in threads:
            thread.join()
        assert time.monotonic() - started < 1.6  # the two naps overlapped
        assert len({_pid(result) for result in results}) == 2
        assert busy.value.http_status == 503 and "try again" in busy.value.hint


def test_workers_are_recycled_after_max_tasks() -> None:
    with WorkerPool(workers=1, max_tasks=2, assess_fn=fake_assess) as pool:
        pids = [_pid(pool.check(b"Acme", name=f"{i}.txt")) for i in range(3)]
    assert pids[0] == pids[1] != pids[2]


def test_close_stops_the_workers_and_refuses_new_checks() -> None:
    others = psutil.Process().children()
    pool = WorkerPool(workers=1, assess_fn=fake_assess)
    caught: list[BaseException] = []

    def check() -> None:
        try:
            pool.check(b"SLEEP", name="slow.pdf")
        except BusyError as exc:
            caught.append(exc)

    caller = threading.Thread(target=check)
    caller.start()
    time.sleep(0.5)
    children = [child for child in psutil.Process().children() if child not in others]
    pool.close()
    caller.join(timeout=10)
    assert len(caught) == 1 and "stopping" in str(caught[0])  # the file in flight
    assert children and not any(child.is_running() for child in children)
    with pytest.raises(BusyError):
        pool.check(b"Acme", name="late.txt")


def test_workers_that_cannot_load_the_checker_say_how_to_fix_it() -> None:
    # 60 MB is far less than spaCy and pdfium need, so every worker dies loading them.
    with WorkerPool(workers=1, memory_mb=60) as pool, pytest.raises(WorkerStartError) as caught:
        pool.check(PLAN.read_bytes(), name=PLAN.name)
    assert "CRP_PARSE_MEMORY_MB" in caught.value.hint


def test_workers_die_with_a_killed_server() -> None:
    script = (
        "import time\nfrom crp_checker.worker import WorkerPool\n"
        "pool = WorkerPool(workers=1)\nprint('up', flush=True)\ntime.sleep(60)\n"
    )
    server = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert server.stdout is not None and server.stdout.readline() == b"up\n"
    workers = psutil.Process(server.pid).children()
    assert workers
    server.kill()  # SIGKILL: the server has no chance to stop its workers
    server.wait()
    _gone, alive = psutil.wait_procs(workers, timeout=5)
    assert not alive
