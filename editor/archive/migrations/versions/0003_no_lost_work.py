"""no lost work: autosaves, soft locks, and a change counter kept by triggers

``autosave`` holds an editor's unsaved text per editing session; ``article_lock`` who has an
article open; ``change_counter`` one row counting committed article changes, bumped by triggers on
``article`` (row triggers on SQLite, where one writer at a time holds the database; on PostgreSQL a
deferred constraint trigger that bumps it once per transaction, at commit, so the counter's row
lock is held only while committing and no writer waits on it while holding other rows).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PG_FUNCTION = """
CREATE FUNCTION zonedesk_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('zonedesk.change_counted', true), '') <> 'on' THEN
        PERFORM set_config('zonedesk.change_counted', 'on', true);
        UPDATE change_counter SET value = value + 1 WHERE id = 1;
    END IF;
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "autosave",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("revision_id", sa.Integer(), nullable=True),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("saved_by", sa.String(length=100), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("instance", sa.String(length=64), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_autosave_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["revision.id"],
            name=op.f("fk_autosave_revision_id_revision"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_autosave")),
    )
    op.create_index(op.f("ix_autosave_article_id"), "autosave", ["article_id"])
    op.create_index(op.f("ix_autosave_saved_by"), "autosave", ["saved_by"])

    op.create_table(
        "article_lock",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("instance", sa.String(length=64), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_article_lock_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_lock")),
    )
    op.create_index(op.f("ix_article_lock_instance"), "article_lock", ["instance"])

    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_counter")),
    )
    op.execute("INSERT INTO change_counter (id, value) VALUES (1, 0)")

    if op.get_bind().dialect.name == "sqlite":
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER article_counts_{event.lower()} AFTER {event} ON article "
                "BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END"
            )
    else:
        op.execute(PG_FUNCTION)
        op.execute(
            "CREATE CONSTRAINT TRIGGER article_counts_changes "
            "AFTER INSERT OR UPDATE OR DELETE ON article "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION zonedesk_count_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS article_counts_{event}")
    else:
        op.execute("DROP TRIGGER IF EXISTS article_counts_changes ON article")
        op.execute("DROP FUNCTION IF EXISTS zonedesk_count_change()")
    op.drop_table("change_counter")
    op.drop_index(op.f("ix_article_lock_instance"), table_name="article_lock")
    op.drop_table("article_lock")
    op.drop_index(op.f("ix_autosave_saved_by"), table_name="autosave")
    op.drop_index(op.f("ix_autosave_article_id"), table_name="autosave")
    op.drop_table("autosave")
