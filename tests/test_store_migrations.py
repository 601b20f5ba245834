"""Tests for crp_checker.store.migrations: the schema is made from nothing on both backends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from databases import BACKENDS, empty_database
from sqlalchemy import Connection, Engine, MetaData, Table, inspect, text

from crp_checker.store import init_db
from crp_checker.store.db import alembic_config
from crp_checker.store.models import Base

TABLES = {"organisations", "users", "stored_files", "assessments", "api_tokens"}
TABLES |= {"tenders", "bids", "moderations", "bid_versions", "clarifications"}
TABLES |= {"suppliers", "supplier_assessments", "supplier_contacts", "supplier_contracts"}
TABLES |= {"password_resets", "fact_corrections"}


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


def _insert(connection: Connection, table: str, **values: object) -> int:
    row = connection.execute(Table(table, MetaData(), autoload_with=connection).insert(), values)
    assert row.inserted_primary_key is not None
    return int(row.inserted_primary_key[0])


def test_0005_keeps_existing_bids_moderations_and_withdrawals(empty: Engine) -> None:
    """Bids made before plan versions: each gets version 1, its moderations that version, and a
    withdrawn one a reason saying none was recorded; downgrading gives the old shape back."""
    now = dt.datetime(2025, 9, 1, 12, tzinfo=dt.UTC)
    with empty.begin() as connection:
        command.upgrade(alembic_config(connection), "0004")
        user = _insert(
            connection,
            "users",
            email="eve@council.example",
            password_hash="x",
            role="evaluator",
            disabled=False,
            created_at=now,
            session_version=1,
            failed_login_count=0,
        )
        _insert(
            connection,
            "stored_files",
            sha256="ab" * 32,
            size=4,
            original_name="plan.pdf",
            kind="pdf",
            created_at=now,
        )
        common = {
            "file_sha256": "ab" * 32,
            "source_name": "plan.pdf",
            "verdict": "compliant",
            "score": 90,
            "maturity": 3,
            "is_crp": True,
            "rulebook_version": "1",
            "tool_version": "1",
            "check_date": dt.date(2025, 9, 1),
            "created_at": now,
            "submitted_at": now,
            "data": {},
        }
        first = _insert(connection, "assessments", public_id="a" * 32, **common)
        second = _insert(connection, "assessments", public_id="b" * 32, **common)
        tender = _insert(
            connection,
            "tenders",
            public_id="t" * 32,
            title="T",
            reference="R",
            procurement_date=dt.date(2025, 9, 1),
            buyer_settings={},
            climate_weight_percent=10.0,
            marking_scale="0-5",
            status="draft",
            created_by_id=user,
            created_at=now,
        )
        bid = {"tender_id": tender, "added_via": "upload", "added_by_id": user, "created_at": now}
        kept = _insert(
            connection, "bids", public_id="k" * 32, bidder_name="Kept", assessment_id=first, **bid
        )
        _insert(
            connection,
            "bids",
            public_id="w" * 32,
            bidder_name="Gone",
            assessment_id=second,
            withdrawn_at=now,
            withdrawn_by_id=user,
            **bid,
        )
        _insert(
            connection,
            "moderations",
            bid_id=kept,
            rule_id="signatory",
            outcome_before="needs_review",
            outcome_after="pass",
            reason="Checked",
            user_id=user,
            created_at=now,
        )
    init_db(empty)
    with empty.connect() as connection:
        versions = connection.execute(
            text("SELECT bid_id, number, assessment_id FROM bid_versions ORDER BY bid_id")
        ).all()
        assert [(number, assessment) for _, number, assessment in versions] == [
            (1, first),
            (1, second),
        ]
        moderated = connection.execute(text("SELECT assessment_id FROM moderations")).scalar_one()
        assert moderated == first
        reasons = dict(
            connection.execute(text("SELECT bidder_name, withdrawn_reason FROM bids")).all()
        )
        assert reasons["Kept"] is None and reasons["Gone"].startswith("Not recorded")
    with empty.begin() as connection:
        command.downgrade(alembic_config(connection), "0004")
    assert "bid_versions" not in inspect(empty).get_table_names()
    with empty.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM moderations")).scalar_one() == 1


def test_0006_moves_each_suppliers_contract_into_a_record_and_back(empty: Engine) -> None:
    # A register held before contracts were records: one supplier with its contract columns,
    # one with none. Upgrading makes one contract of the first; downgrading restores it.
    with empty.begin() as connection:
        command.upgrade(alembic_config(connection), "0004")
        connection.exec_driver_sql(
            "INSERT INTO suppliers (id, name, normalised_name, contracts, spend_category, "
            "annual_spend, contract_end_date, created_at, updated_at) VALUES "
            "(1, 'Acme Ltd', 'acme', 'C-1; C-2', 'ICT', 1200.50, '2027-03-31', "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00'), "
            "(2, 'Bare Ltd', 'bare', NULL, NULL, NULL, NULL, "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO supplier_contacts (supplier_id, route_ids, message, contacted_at) "
            "VALUES (1, '[]', 'Dear Acme', '2026-02-01 00:00:00')"
        )
        command.upgrade(alembic_config(connection), "0006")
        # Kept: changing the suppliers table must not cascade deletes on SQLite.
        contacts = connection.exec_driver_sql("SELECT count(*) FROM supplier_contacts")
        assert contacts.scalar_one() == 1
        rows = connection.exec_driver_sql(
            "SELECT supplier_id, reference, title, spend_category, value, end_date "
            "FROM supplier_contracts"
        ).all()
        assert [(r[0], r[1], r[2], r[3], float(r[4]), str(r[5])) for r in rows] == [
            (1, None, "C-1; C-2", "ICT", 1200.5, "2027-03-31")
        ]
        spend = connection.exec_driver_sql("SELECT annual_spend FROM suppliers WHERE id = 1")
        assert float(spend.scalar_one()) == 1200.5
        command.downgrade(alembic_config(connection), "0004")
        contacts = connection.exec_driver_sql("SELECT count(*) FROM supplier_contacts")
        assert contacts.scalar_one() == 1
        back = connection.exec_driver_sql(
            "SELECT contracts, spend_category, contract_end_date FROM suppliers ORDER BY id"
        ).all()
        assert [(r[0], r[1], str(r[2]) if r[2] else None) for r in back] == [
            ("C-1; C-2", "ICT", "2027-03-31"),
            (None, None, None),
        ]
    assert "supplier_contracts" not in inspect(empty).get_table_names()
