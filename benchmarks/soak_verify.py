"""After a run: is every accepted upload there, intact and private, and is the store consistent?

Retrieval goes through the API (as the supplier would); the integrity checks read the
database and the file folder directly, with the server stopped.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from benchmarks.soak_load import Reply
from benchmarks.soak_server import Backend

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
CROSS_CHECKS = 50  # accepted uploads also asked for with another organisation's token


@dataclass
class Retrieval:
    """Accepted uploads read back through the API."""

    checked: int = 0
    lost: list[str] = field(default_factory=list)  # "id: why"
    leaked: list[str] = field(default_factory=list)  # ids another organisation could read


def retrieve(base_url: str, tokens: list[str], replies: list[Reply]) -> Retrieval:
    """GET every 201's id with its owner's token: 200 and the uploaded bytes' SHA-256; and a
    sample with another organisation's token: 404."""
    accepted = [r for r in replies if r.status == 201 and r.public_id]
    result = Retrieval(checked=len(accepted))

    def own(reply: Reply) -> str | None:
        response = _get(base_url, tokens[reply.account], reply.public_id or "")
        if response.status_code != 200:
            return f"{reply.public_id}: HTTP {response.status_code}"
        stored = response.json().get("source", {}).get("sha256")
        if stored != reply.upload.sha256:
            return f"{reply.public_id}: stored SHA-256 {stored} is not the upload's"
        return None

    def other(reply: Reply) -> str | None:
        stranger = tokens[(reply.account + 1) % len(tokens)]
        response = _get(base_url, stranger, reply.public_id or "")
        return None if response.status_code == 404 else f"{reply.public_id}: {response.status_code}"

    with ThreadPoolExecutor(8) as pool:
        result.lost = [p for p in pool.map(own, accepted) if p]
        if len(tokens) > 1:
            result.leaked = [p for p in pool.map(other, accepted[:CROSS_CHECKS]) if p]
    return result


def _get(base_url: str, token: str, public_id: str) -> httpx.Response:
    return httpx.get(
        f"{base_url}/api/v1/assessments/{public_id}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )


@dataclass
class Integrity:
    """The state of the store: every count in `problems` must be zero."""

    database: str = "not checked"  # "ok", or what the database check said
    assessments: int = 0
    stored_files: int = 0
    files_on_disk: int = 0
    unreferenced_files: int = 0  # on disk, no row: allowed (a crash between file and row)
    problems: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.database == "ok" and not any(self.problems.values())

    def summary(self) -> str:
        if self.ok:
            return "ok"
        found = [f"{k}: {len(v)}" for k, v in self.problems.items() if v]
        return "; ".join(([] if self.database == "ok" else [self.database]) + found)


def integrity(backend: Backend) -> Integrity:
    """Database checks, rows against files, and files against their names."""
    result = Integrity()
    result.database = _database_check(backend)
    engine = create_engine(backend.sqlalchemy_url)
    try:
        with engine.connect() as connection:
            rows = set(connection.execute(text("SELECT sha256 FROM stored_files")).scalars())
            pointed = list(
                connection.execute(text("SELECT file_sha256 FROM assessments")).scalars()
            )
    finally:
        engine.dispose()
    good, bad = scan_files(backend.data_dir / "files")
    result.assessments, result.stored_files = len(pointed), len(rows)
    result.files_on_disk = len(good) + len(bad)
    result.unreferenced_files = len(good - rows)
    result.problems = {
        "assessments without a stored_files row": sorted(set(pointed) - rows),
        "stored_files rows without their file": sorted(rows - good),
        "temp or misnamed files": bad,
    }
    return result


def _database_check(backend: Backend) -> str:
    if backend.database_url is None:
        path = backend.data_dir / "crp-checker.sqlite3"
        with sqlite3.connect(path) as connection:
            checked = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            foreign = list(connection.execute("PRAGMA foreign_key_check"))
        if checked != ["ok"]:
            return "integrity_check: " + "; ".join(checked[:5])
        if foreign:
            return f"foreign_key_check: {len(foreign)} rows"
        return "ok"
    # PostgreSQL enforces its foreign keys itself; check the ones the schema declares hold.
    engine = create_engine(backend.sqlalchemy_url)
    try:
        with engine.connect() as connection:
            dangling = connection.execute(
                text(
                    "SELECT count(*) FROM assessments a LEFT JOIN stored_files f "
                    "ON f.sha256 = a.file_sha256 WHERE f.sha256 IS NULL"
                )
            ).scalar_one()
    finally:
        engine.dispose()
    return "ok" if dangling == 0 else f"{dangling} assessments point to no stored_files row"


def scan_files(folder: Path) -> tuple[set[str], list[str]]:
    """Files whose name is their content's SHA-256 at the right place, and everything else
    (temp files left by a crash, altered or misplaced files)."""
    good: set[str] = set()
    bad: list[str] = []
    if not folder.exists():
        return good, bad
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.name
        expected = folder / name[:2] / name[2:4] / name
        placed = _SHA256.match(name) is not None and path == expected
        if placed and hashlib.sha256(path.read_bytes()).hexdigest() == name:
            good.add(name)
            continue
        bad.append(str(path.relative_to(folder)))
    return good, bad
