"""Engines, sessions and schema upgrades: SQLite in data_dir by default, PostgreSQL by URL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.orm import Session

from crp_checker.settings import get_settings

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 15_000
# Any fixed number: PostgreSQL advisory lock taken while migrating, so two web workers
# starting at once do not both create the schema.
_MIGRATION_LOCK_KEY = 0x43525043

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def create_engine_for(url: str) -> Engine:
    """A new engine for `url`; SQLite gets its folder created and its PRAGMAs on connect."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the web app read while a check is being saved; SQLite leaves foreign keys off
    # unless asked, per connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable enough in WAL mode, and faster
    cursor.close()


def get_engine() -> Engine:
    """The process-wide engine for the configured database (one per URL, made on first use)."""
    url = get_settings().sqlalchemy_url
    with _engines_lock:
        if url not in _engines:
            _engines[url] = create_engine_for(url)
        return _engines[url]


def dispose_engines() -> None:
    """Close every pooled connection and forget the engines (tests, forked workers)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """One unit of work: commits when the block ends, rolls everything back if it raises."""
    session = Session(engine or get_engine(), expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code: no alembic.ini is needed at run time."""
    from alembic.config import Config  # alembic is only needed when migrating

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    # Revision files must be importable module names, which mypy checks (no leading digit).
    config.set_main_option("file_template", "r%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


def init_db(engine: Engine | None = None) -> str:
    """Create or upgrade the schema to the newest migration; returns the revision id."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    engine = engine or get_engine()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY}
            )
        command.upgrade(alembic_config(connection), "head")
        revision = MigrationContext.configure(connection).get_current_revision()
    assert revision is not None
    return revision
