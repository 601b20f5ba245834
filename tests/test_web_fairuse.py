"""Fair use of the workers (issue 17 item 3): anonymous checks limited per client (rate and one
at a time), a bounded wait queue answered 429 with Retry-After when full, and signed-in checks
that two slow anonymous uploads cannot starve (a reserved worker, and they go first)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from factories import make_assessment
from fastapi.testclient import TestClient
from web_support import PLAN, TINY_PLAN, WebEnv, csrf, login, web_env

from crp_checker.schemas import Assessment, SourceInfo
from crp_checker.settings import Settings
from crp_checker.web import uploads
from crp_checker.web.fairuse import FairUse, RateLimitedError
from crp_checker.worker import BusyError, WorkerPool

SLOW = b"SLOW plan"
SLOW_SECONDS = 6.0  # long enough that a loaded CI machine still serves the others well within it


def slow_assess(source: bytes, *, name: str, url: str | None = None, **buyer: Any) -> Assessment:
    """Stands in for the pipeline in the workers: a 'SLOW' plan takes SLOW_SECONDS, as a
    20-page scan does; any other plan is checked at once."""
    if source.startswith(SLOW):
        time.sleep(SLOW_SECONDS)
    digest = hashlib.sha256(source).hexdigest()
    return make_assessment(
        source=SourceInfo(name=name, kind="text", sha256=digest, size_bytes=len(source))
    )


@pytest.fixture(scope="module")
def pooled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebEnv]:
    """The app over a real pool of two workers, with the default fair-use settings."""
    folder: Path = tmp_path_factory.mktemp("fairuse")
    pool = WorkerPool(workers=2, timeout=30, assess_fn=slow_assess)
    assert pool.wait_ready(60)
    try:
        with web_env(
            "sqlite", folder, checker=pool, reports=False, anonymous_checks_per_hour=30
        ) as env:
            yield env
    finally:
        pool.close()


def anonymous(env: WebEnv, address: str) -> TestClient:
    """A script without cookies from its own address."""
    return env.fast(TestClient(env.app, client=(address, 50000)))


def in_background(send: Any) -> tuple[threading.Thread, list[httpx.Response]]:
    replies: list[httpx.Response] = []
    thread = threading.Thread(target=lambda: replies.append(send()), daemon=True)
    thread.start()
    return thread, replies


def wait_until(condition: Any, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def slow_check(env: WebEnv, address: str) -> httpx.Response:
    return anonymous(env, address).post("/api/v1/check", files={"file": ("scan.pdf", SLOW)})


def test_a_signed_in_upload_is_served_while_two_slow_anonymous_uploads_run(
    pooled: WebEnv,
) -> None:
    fair_use: FairUse = pooled.app.state.fair_use
    started = time.monotonic()
    first, first_reply = in_background(lambda: slow_check(pooled, "198.51.100.1"))
    second, second_reply = in_background(lambda: slow_check(pooled, "198.51.100.2"))
    # One anonymous upload holds a worker; the other waits, holding neither worker nor thread.
    wait_until(lambda: fair_use.running_anonymous == 1 and len(fair_use._waiting) == 1)

    script = pooled.api("supplier_a")
    served = script.post("/api/v1/assessments", files={"file": ("plan.txt", PLAN.read_bytes())})
    browser = pooled.client("supplier_b")
    page = browser.post(
        "/check",
        data={"csrftoken": csrf(browser)},
        files={"file": ("plan.txt", PLAN.read_bytes())},
        follow_redirects=False,
    )
    elapsed = time.monotonic() - started
    assert served.status_code == 201, served.text[:300]
    assert page.status_code == 303, page.text[:300]
    assert elapsed < SLOW_SECONDS - 1, f"the signed-in checks waited {elapsed:.1f} s"
    assert not first_reply and not second_reply  # the slow ones are still running

    first.join(3 * SLOW_SECONDS)
    second.join(3 * SLOW_SECONDS)
    assert [r.status_code for r in first_reply + second_reply] == [200, 200]
    assert fair_use.running == 0 and not fair_use._waiting


def test_one_anonymous_check_at_a_time_per_client_and_a_bounded_queue(pooled: WebEnv) -> None:
    settings = pooled.settings.model_copy(update={"anonymous_queue": 1})
    fair_use = pooled.app.state.fair_use = FairUse(settings, slots=2)
    busy, busy_reply = in_background(lambda: slow_check(pooled, "198.51.100.10"))
    wait_until(lambda: fair_use.running_anonymous == 1)
    again = slow_check(pooled, "198.51.100.10")  # the same client, at once
    assert again.status_code == 429 and again.json()["error"]["code"] == "rate_limited"
    assert "previous check has not finished" in again.json()["error"]["message"]
    assert int(again.headers["retry-after"]) > 0

    waiting, waiting_reply = in_background(lambda: slow_check(pooled, "198.51.100.20"))
    wait_until(lambda: len(fair_use._waiting) == 1)
    full = slow_check(pooled, "198.51.100.30")  # one more anonymous check would wait: refused
    assert full.status_code == 429
    assert "waiting to be checked" in full.json()["error"]["message"]
    assert full.headers["retry-after"] == "30"
    signed_in = pooled.api("supplier_a").post(
        "/api/v1/assessments", files={"file": ("plan.txt", TINY_PLAN)}
    )
    assert signed_in.status_code == 201  # the anonymous queue's bound: signed-in still served
    busy.join(3 * SLOW_SECONDS)
    waiting.join(3 * SLOW_SECONDS)
    assert [r.status_code for r in busy_reply + waiting_reply] == [200, 200]


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebEnv]:
    """In-process checks; three anonymous checks an hour per client."""
    folder = tmp_path_factory.mktemp("limited")
    with web_env("sqlite", folder, reports=False, anonymous_checks_per_hour=3) as env:
        yield env


class Clock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def test_anonymous_checks_are_limited_per_client_per_hour(limited: WebEnv) -> None:
    clock = Clock()
    limited.app.state.fair_use = FairUse(limited.settings, clock=clock)
    script = anonymous(limited, "203.0.113.5")
    for _ in range(3):
        assert script.post("/api/v1/check", files={"file": ("p.txt", TINY_PLAN)}).status_code == 200
        clock.now += 60
    refused = script.post("/api/v1/check", files={"file": ("p.txt", TINY_PLAN)})
    assert refused.status_code == 429
    assert "3 plans in the last hour" in refused.json()["error"]["message"]
    assert 3400 < int(refused.headers["retry-after"]) <= 3600 - 120
    browser = limited.fast(TestClient(limited.app, client=("203.0.113.5", 50001)))
    page = browser.post(
        "/check", data={"csrftoken": csrf(browser)}, files={"file": ("p.txt", TINY_PLAN)}
    )
    assert page.status_code == 429 and "The plan was not checked" in page.text
    assert "sign in" in page.text and "retry-after" in page.headers
    other = anonymous(limited, "203.0.113.6")
    assert other.post("/api/v1/check", files={"file": ("p.txt", TINY_PLAN)}).status_code == 200
    signed_in = limited.fast(TestClient(limited.app, client=("203.0.113.5", 50002)))
    limited.add_user("rate@org-a.example", organisation="Org A Ltd")
    login(signed_in, "rate@org-a.example")
    stored = signed_in.post(
        "/check",
        data={"csrftoken": csrf(signed_in)},
        files={"file": ("p.txt", TINY_PLAN)},
        follow_redirects=False,
    )
    assert stored.status_code == 303  # signed-in checks are not rate limited
    clock.now += 3600
    assert script.post("/api/v1/check", files={"file": ("p.txt", TINY_PLAN)}).status_code == 200


def test_a_bad_token_on_the_anonymous_call_is_401_not_anonymous(limited: WebEnv) -> None:
    script = anonymous(limited, "203.0.113.7")
    script.headers["Authorization"] = "Bearer crp_not-a-token"
    response = script.post("/api/v1/check", files={"file": ("p.txt", TINY_PLAN)})
    assert response.status_code == 401


def test_the_upload_is_read_only_once_a_worker_slot_is_held(
    limited: WebEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    limited.app.state.fair_use = FairUse(limited.settings)
    seen: list[int] = []
    real = uploads.read_upload

    async def watched(upload: Any, max_bytes: int) -> bytes:
        seen.append(limited.app.state.fair_use.running)
        return await real(upload, max_bytes)

    monkeypatch.setattr(uploads, "read_upload", watched)
    response = anonymous(limited, "203.0.113.8").post(
        "/api/v1/check", files={"file": ("p.txt", TINY_PLAN)}
    )
    assert response.status_code == 200 and seen == [1]


# --------------------------------------------------------------------------- the gate itself


def _gate(**values: Any) -> FairUse:
    settings = Settings(data_dir=Path("unused"), **values)
    return FairUse(settings, slots=2)


def test_signed_in_checks_go_first_and_anonymous_ones_never_take_the_reserved_worker() -> None:
    order: list[str] = []

    async def main() -> None:
        gate = _gate(anonymous_queue=10)

        async def check(name: str, signed_in: bool, seconds: float) -> None:
            async with gate.visit(name, signed_in=signed_in) as visit, visit.slot():
                order.append(name)
                assert gate.running_anonymous <= 1
                await anyio.sleep(seconds)

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(check, "anonymous 1", False, 0.3)
            await anyio.sleep(0.05)
            tasks.start_soon(check, "anonymous 2", False, 0.1)  # waits: one anonymous at most
            await anyio.sleep(0.05)
            tasks.start_soon(check, "signed in 1", True, 0.3)  # the reserved worker: at once
            tasks.start_soon(check, "signed in 2", True, 0.1)  # waits, but ahead of anonymous 2
            await anyio.sleep(0.05)
            assert order == ["anonymous 1", "signed in 1"]

    anyio.run(main)
    assert order == ["anonymous 1", "signed in 1", "signed in 2", "anonymous 2"]


def test_a_waiter_that_gives_up_leaves_no_slot_taken() -> None:
    async def main() -> None:
        gate = _gate(check_wait_seconds=0.2)
        async with (
            gate.visit("a", signed_in=True) as first,
            first.slot(),
            gate.visit("b", signed_in=True) as second,
            second.slot(),
        ):
            with pytest.raises(BusyError) as busy:  # both slots are held meanwhile
                async with gate.visit("c", signed_in=True) as third, third.slot():
                    pass
            assert busy.value.http_status == 503
            with anyio.move_on_after(0.05):  # a client that goes away while waiting
                async with gate.visit("d", signed_in=True) as fourth, fourth.slot():
                    pass
        assert gate.running == 0 and not gate._waiting

    anyio.run(main)


def test_the_queue_and_the_rate_refuse_with_retry_after() -> None:
    async def main() -> None:
        gate = _gate(check_queue=0, anonymous_checks_per_hour=1)
        async with gate.visit("x", signed_in=False):
            pass
        with pytest.raises(RateLimitedError) as rate:
            async with gate.visit("x", signed_in=False):
                pass
        assert rate.value.retry_after > 3500
        async with (
            gate.visit("y", signed_in=True) as holder,
            holder.slot(),
            gate.visit("z", signed_in=True) as other,
            other.slot(),
        ):
            with pytest.raises(RateLimitedError, match="waiting to be checked"):
                async with gate.visit("w", signed_in=True):  # would wait; no room
                    pass

    anyio.run(main)


def test_checks_still_uploading_count_as_waiting() -> None:
    """Thirty anonymous uploads arriving at once are admitted before any has its file in: those
    still uploading count against the queue, so all but `anonymous_queue` more are refused."""

    async def main() -> None:
        gate = _gate(anonymous_queue=2)  # two slots, one of them reserved
        async with (  # nobody running yet: one may start, two may wait
            gate.visit("a", signed_in=False),
            gate.visit("b", signed_in=False),
            gate.visit("c", signed_in=False),
        ):
            with pytest.raises(RateLimitedError, match="waiting to be checked"):
                async with gate.visit("d", signed_in=False):
                    pass
        async with gate.visit("a", signed_in=False) as first, first.slot():
            async with gate.visit("b", signed_in=False), gate.visit("c", signed_in=False):
                with pytest.raises(RateLimitedError, match="waiting to be checked"):
                    async with gate.visit("d", signed_in=False):
                        pass
                async with gate.visit("e", signed_in=True) as signed, signed.slot():
                    assert gate.running == 2  # the reserved worker, despite the line
            async with gate.visit("d", signed_in=False):  # room again
                pass
        assert gate.running == 0 and not gate._in_line and not gate._waiting

    anyio.run(main)
