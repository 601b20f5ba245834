"""Alembic environment: migrates the connection init_db() hands over, or the configured one.

Developers make a new revision with
`python -c "from alembic import command; from crp_checker.store.db import alembic_config;
command.revision(alembic_config(), 'what changed', autogenerate=True)"`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from crp_checker.store.db import get_engine
from crp_checker.store.models import Base


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things: later migrations copy and swap tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    with get_engine().begin() as own_connection:
        _configure(own_connection)


_run()
