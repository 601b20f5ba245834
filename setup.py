"""The build hook that ships the spaCy patterns: models/ (the source) goes into the wheel.

Everything else about the build is in pyproject.toml. The patterns stay at the top of the
checkout, where people who know CRPs but not Python review them; an installed checker reads
them from `crp_checker/models/` inside the package.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MODELS = Path(__file__).resolve().parent / "models"


class BuildWithPatterns(build_py):
    """build_py, plus models/*.jsonl copied to crp_checker/models/ in the build."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads models/ from the checkout
            return
        patterns = sorted(MODELS.glob("*.jsonl"))
        if not patterns:
            raise SystemExit(f"no pattern files in {MODELS}: the wheel would not work")
        target = Path(self.build_lib) / "crp_checker" / "models"
        target.mkdir(parents=True, exist_ok=True)
        for path in patterns:
            shutil.copy2(path, target / path.name)


setup(cmdclass={"build_py": BuildWithPatterns})
