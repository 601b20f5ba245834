"""The ingest() entry point: paths, bytes, source info, and the size, page and text limits."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from crp_checker.errors import CRPError, EmptyFileError, TooLargeError
from crp_checker.ingest import ingest
from crp_checker.settings import Settings

PLAN = b"Carbon Reduction Plan\nAcme Ltd is committed to net zero by 2050.\n"


def test_path_string_and_pathlike_give_the_same_document(tmp_path: Path) -> None:
    path = tmp_path / "acme-plan.txt"
    path.write_bytes(PLAN)
    from_path = ingest(path)
    from_string = ingest(str(path))
    assert from_path == from_string
    assert from_path.source.name == "acme-plan.txt"
    assert from_path.source.sha256 == hashlib.sha256(PLAN).hexdigest()
    assert from_path.source.size_bytes == len(PLAN)
    assert from_path.source.url is None
    assert [p.number for p in from_path.pages] == [1]


def test_bytes_use_the_given_name_only_for_messages() -> None:
    document = ingest(PLAN, name="upload-from-form.txt")
    assert document.source.name == "upload-from-form.txt"
    assert ingest(PLAN).source.name == "upload"


def test_missing_file_and_folder_are_crp_errors(tmp_path: Path) -> None:
    with pytest.raises(CRPError, match="There is no file"):
        ingest(tmp_path / "nope.pdf")
    with pytest.raises(CRPError, match="is a folder"):
        ingest(tmp_path)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError, match="0 bytes"):
        ingest(path)


def test_whitespace_only_text_is_empty() -> None:
    with pytest.raises(EmptyFileError, match="no text"):
        ingest(b" \n\t\n", name="plan.txt")


def test_file_over_the_size_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"0" * 2000)
    read_sizes: list[int] = []
    original_open = Path.open

    def tracking_open(self: Path, *args: object, **kwargs: object) -> object:
        handle = original_open(self, *args, **kwargs)  # type: ignore[call-overload]
        real_read = handle.read

        def read(size: int = -1) -> bytes:
            read_sizes.append(size)
            return real_read(size)  # type: ignore[no-any-return]

        handle.read = read
        return handle

    monkeypatch.setattr(Path, "open", tracking_open)
    with pytest.raises(TooLargeError, match="size limit"):
        ingest(path, settings=Settings(max_file_bytes=1000))
    assert read_sizes == []


def test_bytes_over_the_size_limit_are_refused() -> None:
    with pytest.raises(TooLargeError):
        ingest(PLAN, settings=Settings(max_file_bytes=10))


def test_too_many_pages_in_text_is_refused() -> None:
    with pytest.raises(TooLargeError, match="3 pages"):
        ingest(b"one\ftwo\fthree", name="plan.txt", settings=Settings(max_pages=2))


def test_too_much_text_is_refused() -> None:
    with pytest.raises(TooLargeError, match="characters of text"):
        ingest(b"word " * 100, name="plan.txt", settings=Settings(max_text_chars=300))
