"""Alembic environment: ZoneDesk runs migrations itself, on the connection it hands over."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import create_engine

from editor.archive.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # the alembic command line: `alembic -x url=sqlite:///file upgrade head`
        url = context.get_x_argument(as_dictionary=True).get("url")
        if not url:
            raise SystemExit("give the archive: alembic -x url=sqlite:///path upgrade head")
        with create_engine(url).begin() as conn:
            _run(conn)
    else:
        _run(connection)


def _run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
