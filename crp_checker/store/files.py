"""Content-addressed file store: uploaded plans kept on disk under their SHA-256.

A file is written (temp file, fsync, rename) before the database row that names it is
committed, so a crash leaves at most an unreferenced file, never a row without its bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from crp_checker.settings import get_settings
from crp_checker.store.errors import StoredFileError
from crp_checker.store.models import StoredFile

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
TEMP_PREFIX = ".tmp-"
# A write takes milliseconds; a temp file this old was left by a process killed mid-write.
STALE_TEMP_SECONDS = 3600


def files_dir() -> Path:
    """Where the bytes live: `data_dir/files`."""
    return get_settings().data_dir / "files"


def file_path(sha256: str) -> Path:
    """The path for a SHA-256, fanned out in two levels so no folder grows huge."""
    if not _SHA256.match(sha256):
        raise ValueError(f"not a lower-case hex SHA-256: {sha256!r}")
    return files_dir() / sha256[:2] / sha256[2:4] / sha256


def write_bytes(data: bytes) -> str:
    """Write `data` under its SHA-256 unless already there; returns the SHA-256."""
    sha256 = hashlib.sha256(data).hexdigest()
    path = file_path(sha256)
    if path.exists():
        return sha256
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        Path(temp_name).replace(path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return sha256


def sweep_temp_files(max_age_seconds: float = STALE_TEMP_SECONDS) -> int:
    """Delete temp files that a killed process left behind; returns how many.

    Only files older than `max_age_seconds` go, so another server process's write in
    progress is never touched. The app calls this on start-up.
    """
    folder = files_dir()
    if not folder.is_dir():
        return 0
    cutoff = time.time() - max_age_seconds
    removed = 0
    for temp in folder.glob(f"*/*/{TEMP_PREFIX}*"):
        try:
            if temp.is_file() and temp.stat().st_mtime < cutoff:
                temp.unlink()
                removed += 1
        except FileNotFoundError:  # swept by another process at the same moment
            continue
    return removed


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once its folder is synced (POSIX); Windows cannot open folders.
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def read_file(sha256: str) -> bytes:
    """The stored bytes, checked against their SHA-256; StoredFileError if missing or altered."""
    path = file_path(sha256)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoredFileError(f"The stored plan {sha256} is missing from {path.parent}.") from None
    if hashlib.sha256(data).hexdigest() != sha256:
        raise StoredFileError(f"The stored plan {sha256} has been altered on disk.")
    return data


def store_file(session: Session, data: bytes, name: str, kind: str) -> StoredFile:
    """Keep an uploaded plan: bytes on disk first, then its row (one per distinct content).

    The same bytes uploaded again (under any name) give back the first row.
    """
    sha256 = write_bytes(data)
    values = {"sha256": sha256, "size": len(data), "original_name": name[:500], "kind": kind}
    # Insert-or-ignore, so two uploads of the same bytes at once cannot collide.
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(StoredFile).values(**values).on_conflict_do_nothing())
    return session.scalars(select(StoredFile).where(StoredFile.sha256 == sha256)).one()
