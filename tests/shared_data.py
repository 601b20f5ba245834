"""Where the project's shared test material lives (real plans, pdfplumber's corpus).

The material sits beside the repository (../shared) on the development machine and in CI; set
CRP_SHARED_DIR to point elsewhere. Tests that need it skip, saying why, when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

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


def require_shared() -> Path:
    """The shared folder, or skip: these tests measure against material outside the repo."""
    found = shared_dir()
    if found is None:
        pytest.skip("shared test material (real plans) not found; set CRP_SHARED_DIR")
    return found
