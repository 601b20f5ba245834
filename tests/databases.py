"""Test databases for the storage tests: SQLite always, PostgreSQL when a URL is given.

Each test module gets a fresh database per backend (a temporary SQLite file, or a new
PostgreSQL schema dropped afterwards). With `CI` set, a missing `CRP_TEST_DATABASE_URL` fails
the PostgreSQL tests instead of skipping them, so CI cannot quietly test SQLite alone.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from factories import make_assessment
from shared_data import unavailable
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.orm import Session

from crp_checker.schemas import SourceInfo
from crp_checker.settings import get_settings
from crp_checker.store import (
    AssessmentRecord,
    Organisation,
    Role,
    User,
    accounts,
    create_engine_for,
    create_user,
    init_db,
    save_check,
)
from crp_checker.store.models import Base

BACKENDS = ["sqlite", "postgresql"]
POSTGRES_URL_VARIABLE = "CRP_TEST_DATABASE_URL"
PASSWORD = "correct horse battery staple"
# The real parameters take 0.2 s a hash here; tests that are about them use their own hasher.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def postgres_url() -> str:
    """The PostgreSQL server to test on; fails under CI when unset, else skips."""
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if url:
        return url
    unavailable(
        f"PostgreSQL tests need {POSTGRES_URL_VARIABLE}, e.g. "
        "postgresql+psycopg://crp:crp@127.0.0.1:5432/crp_test (.ci/run starts a server and sets it)"
    )


@contextmanager
def empty_database(backend: str, folder: Path) -> Iterator[Engine]:
    """An engine on a new, empty database of `backend`, removed afterwards."""
    if backend == "sqlite":
        engine = create_engine_for(f"sqlite:///{folder / 'test.sqlite3'}")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    url = make_url(postgres_url())
    schema = f"crp_test_{uuid.uuid4().hex[:12]}"
    server = create_engine(url)
    with server.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = url.update_query_dict({"options": f"-csearch_path={schema}"})
    engine = create_engine_for(scoped.render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with server.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        server.dispose()


@contextmanager
def migrated_database(backend: str, folder: Path) -> Iterator[Engine]:
    """A new database of `backend` with the schema made by the migrations."""
    with empty_database(backend, folder) as engine:
        init_db(engine)
        yield engine


def use_data_dir(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Point the settings (file store, default SQLite database) at `folder`; the caller clears
    the settings cache again when done."""
    monkeypatch.setenv("CRP_DATA_DIR", str(folder))
    get_settings.cache_clear()


@contextmanager
def session_on(
    engine: Engine, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Session]:
    """A session on `engine` with the file store in `data_dir` and fast password hashing;
    every row is deleted after."""
    use_data_dir(monkeypatch, data_dir)
    monkeypatch.setattr(accounts, "hasher", FAST_HASHER)
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
    finally:
        session.rollback()
        session.close()
        with engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())
        get_settings.cache_clear()


def add_user(
    session: Session, email: str, role: Role = Role.SUPPLIER, organisation: str | None = None
) -> User:
    """An account with the shared test password; suppliers default to an organisation."""
    if role is Role.SUPPLIER and organisation is None:
        organisation = f"{email.split('@')[1]} Ltd"
    return create_user(session, email, PASSWORD, role, organisation)


def add_assessment(
    session: Session,
    user: User | None,
    content: bytes = b"Our carbon reduction plan.",
    *,
    organisation: Organisation | None = None,
    **overrides: Any,
) -> AssessmentRecord:
    """Store `content` and a made-up Assessment of it, as the web app would after a check."""
    source = SourceInfo(
        name="plan.txt",
        kind="text",
        sha256=hashlib.sha256(content).hexdigest(),
        size_bytes=len(content),
    )
    assessment = make_assessment(source=source, **overrides)
    return save_check(session, content, assessment, user=user, organisation=organisation)
