"""one top-level category per name: a unique index on the names of the categories without parent

``UNIQUE (parent_id, name)`` never holds for the top sections: their ``parent_id`` is NULL, and
NULLs differ in a UNIQUE constraint (PostgreSQL and SQLite alike). Two writers creating one new
section at once made it twice. A partial unique index (``WHERE parent_id IS NULL``) closes that;
``INSERT … ON CONFLICT DO NOTHING`` in ``Resolver.category_id`` then finds the other's row.

Sections already made twice are merged first into the oldest (smallest id): their articles and
sub-categories move there, sub-categories of the same name merging in turn. The paths, by name,
stay exactly what they were.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ROOTS = sa.text("parent_id IS NULL")


def upgrade() -> None:
    conn = op.get_bind()
    twice = conn.execute(
        sa.text(
            "SELECT name FROM category WHERE parent_id IS NULL GROUP BY name HAVING count(*) > 1"
        )
    ).scalars()
    for name in list(twice):
        ids = conn.execute(
            sa.text("SELECT id FROM category WHERE parent_id IS NULL AND name = :n ORDER BY id"),
            {"n": name},
        ).scalars()
        keep, *others = list(ids)
        for other in others:
            _merge(conn, keep, other)
    op.create_index(
        "uq_category_root_name",
        "category",
        ["name"],
        unique=True,
        sqlite_where=ROOTS,
        postgresql_where=ROOTS,
    )


def _merge(conn: sa.Connection, keep: int, other: int) -> None:
    """Category ``other`` into ``keep``: its children move (or merge with a namesake), its
    articles follow, then it goes."""
    children = conn.execute(
        sa.text("SELECT id, name FROM category WHERE parent_id = :o ORDER BY id"), {"o": other}
    ).all()
    for child, name in children:
        twin = conn.execute(
            sa.text("SELECT id FROM category WHERE parent_id = :k AND name = :n"),
            {"k": keep, "n": name},
        ).scalar()
        if twin is None:
            conn.execute(
                sa.text("UPDATE category SET parent_id = :k WHERE id = :c"), {"k": keep, "c": child}
            )
        else:
            _merge(conn, twin, child)
    conn.execute(
        sa.text("UPDATE article SET category_id = :k WHERE category_id = :o"),
        {"k": keep, "o": other},
    )
    conn.execute(sa.text("DELETE FROM category WHERE id = :o"), {"o": other})


def downgrade() -> None:
    op.drop_index("uq_category_root_name", table_name="category")
