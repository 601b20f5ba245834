"""The server under test: `crp-checker serve` in a subprocess, on 127.0.0.1 and a free port.

It runs exactly as an operator would run it (uvicorn, the isolated worker pool, settings from
CRP_* variables), so the soak measures the real service, and SIGKILL hits the real process.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

HOST = "127.0.0.1"
BIN = Path(sys.executable).parent
START_TIMEOUT = 120.0
PASSWORD = "soak-test password, long enough"


@dataclass
class Backend:
    """Where the server keeps its data: a fresh data folder, and a fresh SQLite file or a fresh
    PostgreSQL schema (dropped again at the end unless kept)."""

    name: str
    data_dir: Path
    database_url: str | None = None  # None: SQLite in data_dir
    schema: str | None = None

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'crp-checker.sqlite3').resolve()}"

    def env(self) -> dict[str, str]:
        """The CRP_* variables for the server and the CLI."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("CRP_")}
        env["CRP_DATA_DIR"] = str(self.data_dir)
        if self.database_url:
            env["CRP_DATABASE_URL"] = self.database_url
        return env


@contextlib.contextmanager
def backend(name: str, folder: Path, server_url: str | None, *, keep: bool) -> Iterator[Backend]:
    """A fresh backend: `folder/data` for files (and SQLite), a new schema on `server_url`."""
    data_dir = folder / "data"
    data_dir.mkdir(parents=True)
    if name == "sqlite":
        yield Backend(name, data_dir)
        return
    if not server_url:
        raise SystemExit("the postgresql backend needs --database-url (or CRP_TEST_DATABASE_URL)")
    from sqlalchemy import create_engine, make_url, text

    url = make_url(server_url)
    schema = f"crp_soak_{uuid.uuid4().hex[:12]}"
    server = create_engine(url)
    with server.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = url.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield Backend(name, data_dir, scoped.render_as_string(hide_password=False), schema)
    finally:
        if not keep:
            with server.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        server.dispose()


def free_port() -> int:
    """A port nobody listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def make_accounts(backend: Backend, count: int) -> list[tuple[str, str]]:
    """`count` supplier accounts, each in its own organisation, each with an API token:
    (organisation, token). Accounts through the CLI, tokens through the store API."""
    from sqlalchemy import select

    from crp_checker.store import User, create_api_token, create_engine_for, session_scope

    emails = [(f"Soak Supplier {i} Ltd", f"soak{i}@supplier{i}.example") for i in range(count)]
    for organisation, email in emails:
        subprocess.run(
            [
                *(str(BIN / "crp-checker"), "users", "add", email, "--role", "supplier"),
                *("--organisation", organisation, "--password-stdin"),
            ],
            input=PASSWORD + "\n",
            env=backend.env(),
            check=True,
            capture_output=True,
            text=True,
        )
    engine = create_engine_for(backend.sqlalchemy_url)
    tokens: list[tuple[str, str]] = []
    try:
        with session_scope(engine) as session:
            for organisation, email in emails:
                user = session.scalars(select(User).where(User.email == email)).one()
                plaintext, _ = create_api_token(session, user, "soak")
                tokens.append((organisation, plaintext))
    finally:
        engine.dispose()
    return tokens


@dataclass
class Server:
    """One `crp-checker serve` process after another on the same port and data."""

    backend: Backend
    log_path: Path
    parse_workers: int
    extra_env: dict[str, str] = field(default_factory=dict)  # more CRP_* settings
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> float:
        """Start the server and wait until /healthz answers; the seconds that took."""
        started = time.perf_counter()
        env = self.backend.env() | {"CRP_PARSE_WORKERS": str(self.parse_workers)} | self.extra_env
        with self.log_path.open("ab") as log:
            log.write(f"\n===== start {self.starts + 1} =====\n".encode())
            log.flush()
            # Its own session, so the worker processes can be found (and cleaned up) as a group.
            self.process = subprocess.Popen(
                [str(BIN / "crp-checker"), "serve", "--host", HOST, "--port", str(self.port)],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.starts += 1
        self.wait_healthy(started + START_TIMEOUT)
        return time.perf_counter() - started

    def warm_up(self, plan: bytes) -> float:
        """Check `plan` once per worker through the anonymous /api/v1/check (nothing stored),
        so the workers have loaded the checker before the clock starts; the seconds taken. One
        after another: fair use lets one address run one anonymous check at a time."""
        started = time.perf_counter()

        def one(_: int) -> int:
            files = {"file": ("warm-up.txt", plan, "text/plain")}
            return httpx.post(f"{self.base_url}/api/v1/check", files=files, timeout=180).status_code

        statuses = [one(n) for n in range(self.parse_workers)]
        if statuses != [200] * self.parse_workers:
            raise SystemExit(f"the warm-up checks answered {statuses}; see {self.log_path}")
        return time.perf_counter() - started

    def wait_healthy(self, deadline: float) -> None:
        """Poll /healthz until it answers 200; SystemExit if the process dies or time runs out."""
        while time.perf_counter() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise SystemExit(
                    f"the server exited with {self.process.returncode}; see {self.log_path}"
                )
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{self.base_url}/healthz", timeout=2).status_code == 200:
                    return
            time.sleep(0.1)
        raise SystemExit(
            f"the server did not answer within {START_TIMEOUT:g} s; see {self.log_path}"
        )

    def kill(self) -> int:
        """SIGKILL the server process alone, as a crash would; returns how many of its worker
        processes were still alive a second later (they should die with it)."""
        assert self.process is not None
        children = psutil.Process(self.process.pid).children(recursive=True)
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        _, alive = psutil.wait_procs(children, timeout=1.0)
        running = [child for child in alive if _running(child)]  # zombies are dead, unreaped
        for child in running:  # ours: do not leave them running
            child.kill()
        return len(running)

    def stop(self) -> None:
        """Stop politely (SIGTERM, as Ctrl+C), so the pool closes and the database is quiet."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def errors_logged(self) -> int:
        """Tracebacks in the server's log: each is an unexpected exception."""
        return self.log_path.read_text(errors="replace").count("Traceback (most recent call last)")


def _running(process: psutil.Process) -> bool:
    try:
        return bool(process.status() != psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return False


def remove(folder: Path) -> None:
    """Delete a run's folder (data, logs)."""
    shutil.rmtree(folder, ignore_errors=True)
