"""Tests for crp_checker.store.db: SQLite set-up, the session scope and the default engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from databases import migrated_database, use_data_dir
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError

from crp_checker.settings import get_settings
from crp_checker.store import (
    Organisation,
    create_organisation,
    dispose_engines,
    get_engine,
    init_db,
    session_scope,
)


@pytest.fixture
def clean(engine: Engine) -> Iterator[Engine]:
    yield engine
    with engine.begin() as connection:
        connection.execute(Organisation.__table__.delete())


def _organisations(engine: Engine) -> list[str]:
    with session_scope(engine) as session:
        return list(session.scalars(select(Organisation.name).order_by(Organisation.name)))


def test_session_scope_commits_when_the_block_ends(clean: Engine) -> None:
    with session_scope(clean) as session:
        create_organisation(session, "Acme Ltd")
    assert _organisations(clean) == ["Acme Ltd"]


def test_session_scope_rolls_back_every_write_when_the_block_raises(clean: Engine) -> None:
    with pytest.raises(RuntimeError), session_scope(clean) as session:
        create_organisation(session, "Acme Ltd")
        create_organisation(session, "Beta Ltd")
        raise RuntimeError("the upload failed half-way")
    assert _organisations(clean) == []


def test_objects_stay_readable_after_the_scope_commits(clean: Engine) -> None:
    with session_scope(clean) as session:
        organisation = create_organisation(session, "Acme Ltd", "01234567")
    assert (organisation.name, organisation.companies_house_number) == ("Acme Ltd", "01234567")
    assert organisation.created_at.tzinfo is not None


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    with migrated_database("sqlite", tmp_path) as engine, engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_sqlite_refuses_a_row_pointing_at_a_missing_row(tmp_path: Path) -> None:
    insert = text(
        "INSERT INTO api_tokens (user_id, name, token_sha256, created_at) "
        "VALUES (999, 'x', 'y', '2025-01-01 00:00:00')"
    )
    with migrated_database("sqlite", tmp_path) as engine:
        refused = pytest.raises(IntegrityError, match="FOREIGN KEY")
        with refused, engine.begin() as connection:
            connection.execute(insert)


def test_the_default_database_is_a_sqlite_file_made_in_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "fresh" / "var"
    use_data_dir(monkeypatch, data_dir)
    monkeypatch.delenv("CRP_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        init_db()
        with session_scope() as session:
            create_organisation(session, "Acme Ltd")
        with session_scope() as session:
            assert session.scalar(select(func.count()).select_from(Organisation)) == 1
        assert get_engine().url.database == str((data_dir / "crp-checker.sqlite3").resolve())
        assert (data_dir / "crp-checker.sqlite3").is_file()
    finally:
        dispose_engines()
        get_settings.cache_clear()
