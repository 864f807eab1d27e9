"""full-text search index: FTS5 on SQLite, tsvector with GIN on PostgreSQL

The index holds words as ZoneDesk's own tokenizer cuts them (CJK bigrams, Latin words), so one
and two-character Chinese words are found on both databases. Its content is rebuilt by
``editor.archive.search.ensure_search_index`` whenever the tokenizer's version changes, so this
migration only creates the structures.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # Contentless (the text lives in article), rowid = article id. The tokens come cut and
        # folded already: unicode61 only splits them at spaces, and must not fold diacritics
        # again (PostgreSQL would not). prefix='1' keeps a one-character query (区*) a single
        # index read: ~10 ms instead of ~0.8 s on 100,000 articles, for 63% more index.
        op.execute(
            "CREATE VIRTUAL TABLE article_fts USING fts5("
            "title, body, content='', detail=full, "
            "tokenize='unicode61 remove_diacritics 0', prefix='1')"
        )
    else:
        op.execute(
            "CREATE TABLE article_search ("
            "article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE, "
            "document TSVECTOR NOT NULL)"
        )
        op.execute("CREATE INDEX ix_article_search_document ON article_search USING gin (document)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE article_fts")
    else:
        op.execute("DROP TABLE article_search")
