"""The spaCy patterns (models/*.jsonl) as data: read them, and refuse to run without them.

Kept apart from `nlp` (which imports spaCy) so a door can check its install cheaply at start.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crp_checker.errors import PatternsMissingError
from crp_checker.settings import get_settings


def load_patterns(directory: Path) -> list[dict[str, Any]]:
    """Read every JSONL pattern file in `directory`, in name order, so the ruler is stable."""
    patterns: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                patterns.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path.name} line {number}: {exc.msg}") from exc
    return patterns


def required_patterns(directory: Path | None = None) -> list[dict[str, Any]]:
    """The checker's patterns; PatternsMissingError when there are none.

    Without them every plan would read as "net zero year not disclosed" and fail, with no
    error at all (a wheel built without models/ did exactly that), so the checker refuses.
    """
    directory = get_settings().patterns_dir if directory is None else directory
    patterns = load_patterns(directory) if directory.is_dir() else []
    if not patterns:
        where = "is not a folder" if not directory.is_dir() else "holds no patterns (*.jsonl)"
        raise PatternsMissingError(f"The checker's pattern folder {directory} {where}.")
    return patterns
