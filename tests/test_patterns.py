"""Without its patterns the checker refuses to start, instead of failing every plan silently."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crp_checker import cli
from crp_checker.errors import PatternsMissingError
from crp_checker.patterns import required_patterns
from crp_checker.settings import MODELS_DIR, get_settings

PLAN = Path(__file__).resolve().parent.parent / "fixtures" / "pdf" / "template_compliant.pdf"


@pytest.fixture
def no_patterns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """CRP_PATTERNS_DIR pointing at a folder whose only pattern file is empty."""
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    monkeypatch.setenv("CRP_PATTERNS_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_the_shipped_patterns_are_found() -> None:
    assert len(required_patterns(MODELS_DIR)) > 50


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_a_missing_or_empty_pattern_folder_is_refused_with_a_hint(
    tmp_path: Path, folder: str
) -> None:
    directory = tmp_path / folder
    if folder == "empty":
        directory.mkdir()
    with pytest.raises(PatternsMissingError) as caught:
        required_patterns(directory)
    assert str(directory) in caught.value.message
    assert "CRP_PATTERNS_DIR" in caught.value.hint


@pytest.mark.usefixtures("no_patterns")
@pytest.mark.parametrize("command", [["check", str(PLAN)], ["serve", "--port", "1"]])
def test_the_cli_refuses_to_start_without_patterns(command: list[str]) -> None:
    result = CliRunner().invoke(cli.app, command)
    assert result.exit_code == cli.EXIT_USAGE
    assert "pattern folder" in result.output
    assert "Reinstall crp-checker" in result.output


def test_the_web_app_refuses_to_start_without_patterns(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from crp_checker.checking import InlineChecker
    from crp_checker.settings import Settings
    from crp_checker.web.app import create_app

    settings = Settings(data_dir=tmp_path, patterns_dir=tmp_path / "nowhere")
    app = create_app(settings, checker=InlineChecker())
    with pytest.raises(PatternsMissingError), TestClient(app):
        pass
