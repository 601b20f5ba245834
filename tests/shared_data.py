"""Where the project's shared test material lives (real plans, pdfplumber's corpus).

The material sits beside the repository (../shared) on the development machine and in CI; set
CRP_SHARED_DIR to point elsewhere. Tests that need it, or a program such as tesseract, skip
saying why when it is absent on a developer's machine, and fail under CI (`CI` set), where
.ci/run provides everything: CI must never pass by skipping.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

_CANDIDATES = [
    Path(os.environ["CRP_SHARED_DIR"]) if os.environ.get("CRP_SHARED_DIR") else None,
    Path(__file__).resolve().parents[2] / "shared",
    Path("/work/shared"),
]


def shared_dir() -> Path | None:
    """The first candidate folder that holds the real plans, or None."""
    for candidate in _CANDIDATES:
        if candidate is not None and (candidate / "real-crps").is_dir():
            return candidate
    return None


def unavailable(reason: str) -> NoReturn:
    """A test's prerequisite is missing: skip here, but fail under CI, which must provide it."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (.ci/run provides it: under CI this test must run)")
    pytest.skip(reason)


def require_shared() -> Path:
    """The shared folder: these tests measure against material outside the repo."""
    found = shared_dir()
    if found is None:
        unavailable("shared test material (real plans) not found; set CRP_SHARED_DIR")
    return found


def require_program(name: str) -> str:
    """The path of an installed program (tesseract, chromium)."""
    path = shutil.which(name)
    if path is None:
        unavailable(f"{name} is not installed")
    return path
