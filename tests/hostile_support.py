"""The hostile-file corpus and its helpers, shared by the CLI/worker and the web-upload tests."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from shared_data import require_program

from crp_checker.settings import get_settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GOOD_PLAN = FIXTURES / "text" / "plain_text_zero_scope1.txt"


def load_fixture_module(name: str) -> ModuleType:
    # By path: putting fixtures/ first on sys.path would shadow the `catalogue` package spaCy uses.
    spec = importlib.util.spec_from_file_location(name, FIXTURES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


hostile = load_fixture_module("make_hostile")
files = load_fixture_module("hostile_files")
CASES = hostile.HOSTILE_CASES
ERRORS = [case for case in CASES if case.outcome == "error"]


@contextlib.contextmanager
def environment(env: Mapping[str, str]) -> Iterator[None]:
    """Settings for one case (CRP_OCR, CRP_MAX_FILE_BYTES), read afresh and restored after."""
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    get_settings.cache_clear()
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()


def skip_unless_available(case: Any) -> None:
    """Skip a case whose programs (tesseract) are not installed."""
    for program in case.requires:
        require_program(program)


def quotes(value: Any) -> Iterator[str]:
    """Every evidence quote anywhere in an Assessment's JSON."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "quote" and isinstance(item, str):
                yield item
            else:
                yield from quotes(item)
    elif isinstance(value, list):
        for item in value:
            yield from quotes(item)


def case_ids(cases: list[Any]) -> list[str]:
    """pytest ids: the case ids."""
    return [case.id for case in cases]
