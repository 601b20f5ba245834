"""pdfplumber's 52 awkward test PDFs: each one ingests or fails with a CRPError, quickly."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from shared_data import require_shared, shared_dir

from crp_checker.errors import CRPError, EmptyFileError, EncryptedFileError
from crp_checker.ingest import ingest
from crp_checker.settings import Settings

CORPUS = (shared_dir() or Path("/nonexistent")) / "pdf-corpus" / "pdfplumber-tests"
PDFS = sorted(CORPUS.glob("*.pdf"))
# Measured: the slowest is issue-203-decimalize.pdf at about 3 s (three pages of OCR); the
# rest take under 0.5 s. The bound leaves room for a loaded machine.
SECONDS_PER_FILE = 30.0
EXPECTED_ERRORS: dict[str, type[CRPError]] = {
    "empty.pdf": EmptyFileError,  # zero bytes
    "issue-297-example.pdf": EmptyFileError,  # one page with no content at all
    "password-example.pdf": EncryptedFileError,
}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe]|[ \t]$", re.M)

pytestmark = pytest.mark.slow


def test_the_corpus_holds_the_files_whose_errors_are_expected() -> None:
    require_shared()  # without it the tests below have no files: say so rather than pass
    assert set(EXPECTED_ERRORS) <= {path.name for path in PDFS}


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_corpus_pdf_ingests_or_fails_cleanly(path: Path) -> None:
    started = time.perf_counter()
    expected = EXPECTED_ERRORS.get(path.name)
    try:
        document = ingest(path, settings=Settings())
    except CRPError as exc:
        assert type(exc) is expected, f"{path.name}: {exc!r}"
        assert exc.message and exc.hint
    else:
        assert expected is None, f"{path.name} should have been refused"
        assert document.pages
        for page in document.pages:
            assert not CONTROL.search(page.text), f"page {page.number} is not normalised"
    assert time.perf_counter() - started < SECONDS_PER_FILE
