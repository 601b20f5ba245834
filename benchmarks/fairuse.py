"""`python -m benchmarks.fairuse`: the starvation attack of issue 17, replayed on the real server.

`crp-checker serve` (two parse workers, the default fair-use settings, 127.0.0.1 trusted as a
proxy so each anonymous client can have its own address) gets, at once: two anonymous 20-page
scanned plans from two addresses, then thirty anonymous 20 MB uploads from thirty addresses,
then one signed-in upload of a small plan. Measured: the signed-in upload's status and seconds,
the answers to the others, and the web process's memory (RSS, sampled every 0.1 s) before and
at its peak. Before the fix the signed-in upload got 503 after 30 s and the thirty uploads took
the server from 345 to 993 MB.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil

from benchmarks.report import machine
from benchmarks.scans import scanned_plan
from benchmarks.soak_server import Server, backend, make_accounts

PLAN = Path(__file__).resolve().parents[1] / "fixtures" / "text" / "plain_text_zero_scope1.txt"
BIG_BYTES = 20 * 2**20


def _big_upload(scan: bytes) -> bytes:
    """A 20 MB PDF: the scan with filler after its end, as a bloated export carries."""
    return scan + b"\n%" + b"x" * (BIG_BYTES - len(scan) - 2)


def _anonymous(base: str, address: str, name: str, data: bytes) -> tuple[int, float]:
    started = time.perf_counter()
    response = httpx.post(
        f"{base}/api/v1/check",
        files={"file": (name, data, "application/pdf")},
        headers={"X-Forwarded-For": address},
        timeout=300,
    )
    return response.status_code, time.perf_counter() - started


def run() -> str:
    """The measurement, as Markdown lines (for docs/reliability.md)."""
    scan = scanned_plan(20)
    big = _big_upload(scan)
    with (
        tempfile.TemporaryDirectory(prefix="crp-fairuse-") as folder,
        backend("sqlite", Path(folder), None, keep=False) as store,
    ):
        ((_, token),) = make_accounts(store, 1)
        server = Server(
            store,
            Path(folder) / "server.log",
            parse_workers=2,
            extra_env={"CRP_FORWARDED_ALLOW_IPS": "127.0.0.1"},
        )
        server.start()
        try:
            server.warm_up(PLAN.read_bytes())
            web = psutil.Process(server.process.pid)  # type: ignore[union-attr]
            before = web.memory_info().rss
            peak = [before]
            sampling = threading.Event()

            def sample() -> None:
                while not sampling.is_set():
                    peak[0] = max(peak[0], web.memory_info().rss)
                    time.sleep(0.1)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            base = server.base_url
            with ThreadPoolExecutor(40) as pool:
                scans = [
                    pool.submit(_anonymous, base, f"198.51.100.{n}", "scan.pdf", scan)
                    for n in (1, 2)
                ]
                time.sleep(2)
                floods = [
                    pool.submit(_anonymous, base, f"203.0.113.{n}", "big.pdf", big)
                    for n in range(1, 31)
                ]
                time.sleep(1)
                started = time.perf_counter()
                signed = httpx.post(
                    f"{base}/api/v1/assessments",
                    files={"file": ("plan.txt", PLAN.read_bytes(), "text/plain")},
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=300,
                )
                signed_seconds = time.perf_counter() - started
                scan_results = [f.result() for f in scans]
                flood_results = [f.result() for f in floods]
            sampling.set()
            sampler.join()
        finally:
            server.stop()
        errors = server.errors_logged()
    flood = Counter(status for status, _ in flood_results)
    return "\n".join(
        [
            f"- measured: {time.strftime('%Y-%m-%d %H:%M %Z')}; {machine()}",
            f"- signed-in upload during the attack: **{signed.status_code}** in "
            f"**{signed_seconds:.1f} s**",
            "- the two anonymous 20-page scans: "
            + ", ".join(f"{status} in {seconds:.0f} s" for status, seconds in scan_results),
            "- the thirty anonymous 20 MB uploads: "
            + ", ".join(f"{count} x {status}" for status, count in sorted(flood.items())),
            f"- web process memory: {before / 2**20:.0f} MB before, "
            f"**{peak[0] / 2**20:.0f} MB** at its peak",
            f"- tracebacks in the server log: {errors}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(prog="python -m benchmarks.fairuse", description=__doc__).parse_args(
        argv
    )
    print(run())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
