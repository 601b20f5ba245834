"""`python -m benchmarks.soak`: load and crash the real server, then check nothing was lost.

For each backend (SQLite; PostgreSQL with --database-url), on a fresh data folder and database:

1. load: `--clients` threads send `--uploads` real and synthetic plans to
   POST /api/v1/assessments with supplier API tokens, then every accepted upload is read back
   (same SHA-256) and the store is checked;
2. kill + restart: the same load, with the server SIGKILLed after a random 30-60% of the
   replies and restarted on the same data while the clients carry on; then the same checks,
   plus what the kill left behind.

Only 127.0.0.1 is used. Figures go to docs/reliability.md (not with --quick, unless
--results is given). Exit status 1 if anything was lost, leaked, answered 5xx or is
inconsistent in the store.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks import soak_server
from benchmarks.soak_load import Load
from benchmarks.soak_plans import FIXTURES_DIR, uploads
from benchmarks.soak_report import Fault, RunResult, render, update_doc
from benchmarks.soak_server import Backend, Server, make_accounts
from benchmarks.soak_verify import integrity, retrieve, scan_files

DOC = Path(__file__).resolve().parent.parent / "docs" / "reliability.md"
RUNS = ("load", "kill + restart")
WARM_UP_PLAN = FIXTURES_DIR / "text" / "plain_text_zero_scope1.txt"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="60 uploads a run, 3 accounts: a minute a run or so"
    )
    parser.add_argument("--uploads", type=int, help="uploads per run (default 500)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (20)")
    parser.add_argument("--accounts", type=int, help="supplier organisations (5)")
    parser.add_argument(
        "--parse-workers", type=int, default=2, help="CRP_PARSE_WORKERS for the server (2)"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("CRP_TEST_DATABASE_URL"),
        help="a PostgreSQL server to test on too (a fresh schema is made in it and dropped); "
        "default CRP_TEST_DATABASE_URL",
    )
    parser.add_argument(
        "--backend",
        choices=("sqlite", "postgresql"),
        action="append",
        help="run only these (default: sqlite, and postgresql when a database URL is given)",
    )
    parser.add_argument("--run", choices=RUNS, action="append", help="run only these")
    parser.add_argument("--seed", type=int, default=None, help="plan order and kill point")
    parser.add_argument("--max-minutes", type=float, default=8.0, help="per run (8)")
    parser.add_argument("--results", type=Path, help=f"the doc to update (default {DOC})")
    parser.add_argument("--keep", action="store_true", help="keep data folders and schemas")
    args = parser.parse_args(argv)
    args.uploads = args.uploads or (60 if args.quick else 500)
    args.accounts = args.accounts or (3 if args.quick else 5)
    args.backend = args.backend or ["sqlite"] + (["postgresql"] if args.database_url else [])
    args.run = args.run or list(RUNS)
    args.seed = random.randrange(1_000_000) if args.seed is None else args.seed
    if args.results is None and not args.quick:
        args.results = DOC
    return args


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run_once(
    args: argparse.Namespace, backend: Backend, folder: Path, kind: str, offset: int
) -> RunResult:
    """One run on a fresh backend: accounts, server, load (with a kill if asked), checks."""
    accounts = make_accounts(backend, args.accounts)
    tokens = [token for _, token in accounts]
    server = Server(backend, folder / "server.log", args.parse_workers)
    startup = server.start()
    planned = uploads(args.uploads, args.seed + offset)
    warm = server.warm_up(WARM_UP_PLAN.read_bytes())
    _say(
        f"{backend.name}, {kind}: {server.base_url} up in {startup:.1f} s, warm {warm:.1f} s later"
    )
    rng = random.Random(args.seed + offset)
    fault = Fault(kill_after=rng.randint(args.uploads * 3 // 10, args.uploads * 6 // 10))
    due, killed = threading.Event(), threading.Event()
    kill_time = [0.0]

    def on_reply(done: int) -> None:
        if kind != "load" and done >= fault.kill_after:
            due.set()

    deadline = time.perf_counter() + args.max_minutes * 60
    load = Load(server.base_url, tokens, planned, args.clients, deadline, on_reply)
    failure: list[BaseException] = []

    def killer() -> None:
        due.wait()
        if stop_killer.is_set():
            return
        kill_time[0] = time.perf_counter()
        fault.workers_left = server.kill()
        _, fault.temp_files_after_kill = scan_files(backend.data_dir / "files")
        _say(f"{backend.name}: server killed after {fault.kill_after} replies; restarting")
        try:
            server.start()
        except BaseException as error:  # the clients would otherwise retry until the deadline
            failure.append(error)
            load.deadline = time.perf_counter()
            return
        fault.restart_seconds = time.perf_counter() - kill_time[0]
        killed.set()

    stop_killer = threading.Event()
    thread = threading.Thread(target=killer, name="soak-killer")
    thread.start()
    try:
        seconds = load.run()
    finally:
        stop_killer.set()
        due.set()
        thread.join()
    if failure:
        raise SystemExit(f"the server did not come back after the kill: {failure[0]}")
    if kind != "load":
        if not killed.is_set():
            raise SystemExit("the kill did not happen: too few replies before the deadline")
        # Sent after the kill: a reply in transit at the kill was the old server's.
        sent_after = [r for r in load.replies if r.finished - r.seconds > kill_time[0]]
        after = [r.finished for r in sent_after if r.status == 201]
        fault.recovery_seconds = min(after, default=float("nan")) - kill_time[0]
        before = [r for r in load.replies if r.status == 201 and r.finished < kill_time[0]]
        fault.accepted_before = len(before)
        fault.broken_attempts = sum(1 for r in load.replies if r.broken_attempts)
    _say(f"{backend.name}, {kind}: {len(load.replies)} replies in {seconds:.0f} s; verifying")
    retrieval = retrieve(server.base_url, tokens, load.replies)
    server.stop()
    return RunResult(
        backend=backend.name,
        kind=kind,
        clients=args.clients,
        replies=load.replies,
        planned=len(planned),
        seconds=seconds,
        retrieval=retrieval,
        integrity=integrity(backend),
        tracebacks=server.errors_logged(),
        fault=None if kind == "load" else fault,
    )


def main(argv: list[str] | None = None) -> int:
    """Every chosen backend x run; print the table; update the doc; 1 if any run failed."""
    args = _arguments(argv)
    _say(f"soak: {args.uploads} uploads x {args.clients} clients, seed {args.seed}")
    results: list[RunResult] = []
    root = Path(tempfile.mkdtemp(prefix="crp-soak-"))
    try:
        for name in args.backend:
            for number, kind in enumerate(args.run):
                folder = root / f"{name}-{number}"
                with soak_server.backend(name, folder, args.database_url, keep=args.keep) as db:
                    results.append(run_once(args, db, folder, kind, offset=number))
    finally:
        if args.keep:
            _say(f"data kept in {root}")
        else:
            soak_server.remove(root)
    print(render(results), flush=True)
    if args.results:
        update_doc(args.results, results)
        _say(f"figures written to {args.results}")
    failed = [f"{r.backend} {r.kind}" for r in results if not r.passed]
    if failed:
        _say(f"FAILED: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
