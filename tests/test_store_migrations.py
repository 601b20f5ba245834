"""Tests for crp_checker.store.migrations: the schema is made from nothing on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from databases import BACKENDS, empty_database
from sqlalchemy import Engine, inspect

from crp_checker.store import init_db
from crp_checker.store.db import alembic_config
from crp_checker.store.models import Base

TABLES = {"organisations", "users", "stored_files", "assessments", "api_tokens"}
TABLES |= {"tenders", "bids", "moderations"}
TABLES |= {"suppliers", "supplier_assessments", "supplier_contacts"}
TABLES |= {"password_resets"}


@pytest.fixture(params=BACKENDS)
def empty(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with empty_database(request.param, tmp_path) as engine:
        yield engine


def _differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_upgrade_from_empty_matches_the_models(empty: Engine) -> None:
    assert inspect(empty).get_table_names() == []
    revision = init_db(empty)
    assert revision == ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert set(inspect(empty).get_table_names()) == TABLES | {"alembic_version"}
    assert _differences(empty) == []


def test_upgrade_twice_changes_nothing(empty: Engine) -> None:
    first = init_db(empty)
    assert init_db(empty) == first
    assert _differences(empty) == []


def test_downgrade_to_base_removes_every_table_and_upgrade_restores_them(empty: Engine) -> None:
    init_db(empty)
    with empty.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(empty).get_table_names()) <= {"alembic_version"}
    init_db(empty)
    assert _differences(empty) == []


def test_a_model_change_without_a_migration_is_detected(empty: Engine) -> None:
    # Guards the guard: compare_metadata must see a column the migrations never made.
    init_db(empty)
    with empty.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE users DROP COLUMN locked_until")
    assert any("locked_until" in repr(diff) for diff in _differences(empty))


def test_migrations_have_a_single_head() -> None:
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1
