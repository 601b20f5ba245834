"""Tests for crp_checker.store.files: content addressing, atomic writes, dedupe, read-back."""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from crp_checker.store import StoredFile, StoredFileError, read_file, session_scope, store_file
from crp_checker.store.files import file_path, files_dir, sweep_temp_files, write_bytes

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def test_bytes_are_kept_under_their_sha256_and_read_back_identical(
    session: Session, tmp_path: Path
) -> None:
    stored = store_file(session, PDF, "our plan.pdf", "pdf")
    sha256 = hashlib.sha256(PDF).hexdigest()
    assert (stored.sha256, stored.size, stored.original_name, stored.kind) == (
        sha256,
        len(PDF),
        "our plan.pdf",
        "pdf",
    )
    assert file_path(sha256) == tmp_path / "files" / sha256[:2] / sha256[2:4] / sha256
    assert file_path(sha256).read_bytes() == PDF
    assert read_file(sha256) == PDF


def test_the_same_bytes_are_stored_once_whatever_their_name(session: Session) -> None:
    first = store_file(session, PDF, "plan.pdf", "pdf")
    second = store_file(session, PDF, "plan (final).pdf", "pdf")
    assert second.id == first.id and second.original_name == "plan.pdf"
    assert session.scalar(select(func.count()).select_from(StoredFile)) == 1
    assert len([path for path in files_dir().rglob("*") if path.is_file()]) == 1


def test_different_bytes_are_different_files(session: Session) -> None:
    one = store_file(session, b"version one", "plan.txt", "text")
    two = store_file(session, b"version two", "plan.txt", "text")
    assert one.sha256 != two.sha256
    assert (read_file(one.sha256), read_file(two.sha256)) == (b"version one", b"version two")


def test_an_existing_file_is_not_rewritten(session: Session) -> None:
    sha256 = write_bytes(PDF)
    before = file_path(sha256).stat()
    store_file(session, PDF, "plan.pdf", "pdf")
    after = file_path(sha256).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_failed_write_leaves_no_file_and_no_temp_file(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        store_file(session, PDF, "plan.pdf", "pdf")
    assert [path for path in files_dir().rglob("*") if path.is_file()] == []
    assert session.scalar(select(func.count()).select_from(StoredFile)) == 0


def test_start_up_sweeps_temp_files_left_by_a_killed_writer_but_not_fresh_ones(
    session: Session,
) -> None:
    sha256 = write_bytes(PDF)
    folder = file_path(sha256).parent
    stale, fresh = folder / ".tmp-killed", folder / ".tmp-writing"
    stale.write_bytes(b"half a plan")
    fresh.write_bytes(b"a plan being written")
    two_hours_ago = stale.stat().st_mtime - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    assert sweep_temp_files() == 1
    assert not stale.exists() and fresh.exists()
    assert read_file(sha256) == PDF


def test_the_file_is_on_disk_even_when_the_transaction_rolls_back(
    session: Session, engine: Engine
) -> None:
    # Bytes first, row second: a rollback leaves a harmless unreferenced file, never the reverse.
    with pytest.raises(RuntimeError), session_scope(engine) as scoped:
        store_file(scoped, PDF, "plan.pdf", "pdf")
        raise RuntimeError("the check failed")
    assert read_file(hashlib.sha256(PDF).hexdigest()) == PDF
    assert session.scalar(select(func.count()).select_from(StoredFile)) == 0


def test_a_missing_or_altered_file_is_a_named_error(session: Session) -> None:
    stored = store_file(session, PDF, "plan.pdf", "pdf")
    path = file_path(stored.sha256)
    path.write_bytes(PDF + b"tampered")
    with pytest.raises(StoredFileError, match="altered"):
        read_file(stored.sha256)
    path.unlink()
    with pytest.raises(StoredFileError, match="missing"):
        read_file(stored.sha256)


@pytest.mark.parametrize("sha256", ["../../etc/passwd", "AB" * 32, "ab" * 31, ""])
def test_only_a_hex_sha256_names_a_file(sha256: str) -> None:
    with pytest.raises(ValueError, match="SHA-256"):
        file_path(sha256)


def test_simultaneous_uploads_of_the_same_bytes_make_one_row(
    session: Session, engine: Engine
) -> None:
    def upload(number: int) -> int:
        with session_scope(engine) as own:
            return store_file(own, PDF, f"copy {number}.pdf", "pdf").id

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = set(pool.map(upload, range(8)))
    assert len(ids) == 1
    assert session.scalar(select(func.count()).select_from(StoredFile)) == 1
