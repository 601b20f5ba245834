"""CRP_PDF_TABLES: pdfplumber's table finder runs only for callers that read Page.tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from crp_checker.ingest import ingest
from crp_checker.pipeline import assess
from crp_checker.settings import Settings, get_settings

PLAN = Path(__file__).resolve().parent.parent / "fixtures" / "pdf" / "template_compliant.pdf"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every pdfplumber.open call made during the test."""
    calls: list[object] = []
    real_open = pdfplumber.open

    def counting_open(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(pdfplumber, "open", counting_open)
    return calls


def _table_count(tables: bool, setting: str = "auto") -> int:
    settings = Settings(pdf_tables=setting)  # type: ignore[arg-type]
    document = ingest(PLAN, settings=settings, tables=tables)
    return sum(len(page.tables) for page in document.pages)


def test_ingest_reads_tables_by_default(opened: list[object]) -> None:
    assert _table_count(tables=True) > 0
    assert len(opened) == 1


def test_a_caller_that_reads_no_tables_skips_pdfplumber(opened: list[object]) -> None:
    assert _table_count(tables=False) == 0
    assert opened == []


def test_always_and_off_override_the_caller(opened: list[object]) -> None:
    assert _table_count(tables=False, setting="always") > 0
    assert _table_count(tables=True, setting="off") == 0
    assert len(opened) == 1


def _verdict_json(path: Path) -> dict[str, Any]:
    result = assess(path, check_date="2025-09-01").model_dump(mode="json")
    result.pop("assessed_at")
    return result


def test_the_check_skips_pdfplumber_and_gets_the_same_result(opened: list[object]) -> None:
    without = _verdict_json(PLAN)
    assert opened == []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CRP_PDF_TABLES", "always")
        get_settings.cache_clear()
        try:
            with_tables = _verdict_json(PLAN)
        finally:
            get_settings.cache_clear()
    assert len(opened) == 1
    assert with_tables == without
