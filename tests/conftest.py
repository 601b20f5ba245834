"""Shared pytest set-up: the storage fixtures and the Hypothesis profiles.

`engine` is a migrated database per test module on each backend (SQLite, and PostgreSQL when
CRP_TEST_DATABASE_URL is set, see databases.py); `session` is a session on
it with its own file store, every row deleted after. A module that needs another database
defines its own `engine`. `env` is the web app on such a database (web_support.py).

`dev` (the default) keeps `make test` quick; `ci` (HYPOTHESIS_PROFILE=ci) is derandomised, so a
CI failure reproduces anywhere, and prints the blob to replay it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from databases import BACKENDS, migrated_database, session_on
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine
from sqlalchemy.orm import Session

# The browser tests' `browser` and `server` fixtures.
pytest_plugins = ["browser_support"]

# No deadline: a first call loads spaCy; time limits belong to the worker tests.
_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("dev", max_examples=50, deadline=None, suppress_health_check=_SLOW)
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    suppress_health_check=_SLOW,
    derandomize=True,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="module", params=BACKENDS)
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    with migrated_database(request.param, tmp_path_factory.mktemp("db")) as engine:
        yield engine


@pytest.fixture(scope="module", params=BACKENDS)
def env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The web app on a fresh database per test module and backend (web_support.WebEnv); a
    module passes options to `web_env` in a module-level WEB_ENV dictionary."""
    from web_support import web_env  # the web stack loads only for the modules that use it

    options = getattr(request.module, "WEB_ENV", {})
    folder = tmp_path_factory.mktemp(request.module.__name__.removeprefix("test_"))
    with web_env(request.param, folder, **options) as made:
        yield made


@pytest.fixture
def session(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    with session_on(engine, tmp_path, monkeypatch) as session:
        yield session
