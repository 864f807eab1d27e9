"""Full-text search over titles and bodies, the same on SQLite and PostgreSQL.

Neither database cuts Chinese into words, so ZoneDesk cuts the text itself (``tokens``) and hands
the databases plain, space-separated tokens:

* Latin letters and digits form words, NFKC-normalised (full-width ``ＡＢ５`` is ``ab5``),
  case-folded and stripped of diacritics (``Café`` is ``cafe``): ``5G`` -> ``5g``.
* A run of CJK characters (Han, kana, hangul) becomes its overlapping bigrams plus the run's last
  character, so every character starts a token: ``金坛召开`` -> ``金坛 坛召 召开 开``.
* Everything else separates. Markdown link targets, image paths and HTML tags are not indexed
  (their visible text is).

A query is cut the same way. Each whitespace-separated chunk becomes a phrase of its tokens
(``开发区`` -> ``"开发 发区"``, ``5G技术`` -> ``"5g 技术"``, ``2.55`` -> ``"2 55"``); a chunk that
ends in a single CJK character ends in a prefix (``区`` -> ``区*``, which finds 区 everywhere); the
query's last Latin word is a prefix too (search as you type: ``invest`` finds ``investment``)
unless the query ends with a space. All chunks must match (AND). Quotes, ``*``, ``NEAR(``,
``AND``, ``&|!():'\\`` and the like are only separators or words here, never query syntax.

SQLite keeps the tokens in a contentless FTS5 table ``article_fts(title, body)`` whose rowid is
the article id; PostgreSQL keeps a ``tsvector`` per article in ``article_search`` (title tokens
weighted A, body tokens D), built from a literal so PostgreSQL's own parser never re-cuts them.
Both rank title matches far above body matches (bm25 with weights 10:1, ``ts_rank`` A=1.0 D=0.1),
ties newest first. Ranking reads every match (FTS5's bm25 looks up each one's sizes; PostgreSQL
un-TOASTs each 13 KB tsvector), so for a word found in more than ``RANK_WINDOW`` articles only the
most recently added ``RANK_WINDOW`` matches are ranked and the older ones follow, newest first:
a word found in every article answers as fast as a rare one. Totals are always exact.

The index is written in the caller's unit of work (``index_article``), so it never drifts from the
article rows. Trashed articles stay indexed (restoring one needs no re-index); searches skip them.
Deleting an article for good needs ``unindex_article`` first on SQLite (PostgreSQL's index row
goes with it). ``TOKENIZER_VERSION`` is stored in the ``setting`` table; when it differs, the next
open rebuilds the index. Bump it whenever ``tokens`` or ``body_text`` would cut any text
differently: a contentless FTS5 table deletes an article's old tokens by re-tokenising its old
text, which must give exactly the tokens that were indexed.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import add
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    bindparam,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from editor.archive.schema import Article, Setting
from editor.text import scripts

if TYPE_CHECKING:
    from editor.archive.database import Archive

log = logging.getLogger("zonedesk.search")

_PG_MAX_POSITION = 16383  # PostgreSQL keeps no tsvector position beyond this
_PG_MAX_LITERAL = 900_000  # bytes; PostgreSQL refuses a tsvector text over 1 MB

#: Bump whenever ``tokens`` or ``body_text`` change what they produce for any text.
TOKENIZER_VERSION = 1
VERSION_KEY = "search.tokenizer_version"

#: Longer Latin words are cut to this many characters (PostgreSQL refuses lexemes over 2 KB).
MAX_WORD_LENGTH = 100
#: A query uses at most this many tokens; the rest of a pasted text is ignored.
MAX_QUERY_TOKENS = 64
#: Articles per batch when the whole index is rebuilt.
REBUILD_BATCH = 500
#: When more articles match, only this many (the most recently added) are ranked.
RANK_WINDOW = 2000
#: FTS5 column weights: a match in the title counts ten times one in the body.
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0

# -- tokenizer ------------------------------------------------------------------------------------

#: Letters and digits of the CJK scripts that are written without spaces between words: Han
#: (with 々〆〇), kana, bopomofo, hangul. Only characters that are letters or numbers anyway.
#: (The index's tokens depend on it: a change here needs the index rebuilt.)
_CJK_CHARS = scripts.HAN + scripts.HAN_MARKS + scripts.KANA + scripts.BOPOMOFO + scripts.HANGUL
_ALNUM = re.compile(r"[^\W_]+")
#: One CJK run, or one word of other letters and digits (with any combining marks in it).
_RUNS = re.compile(f"([{_CJK_CHARS}]+)|((?:(?![{_CJK_CHARS}])[^\\W_]|[\u0300-\u036f])+)")
#: Full-width ASCII and the ideographic space: what NFKC maps them to, as a quick first step.
_FULL_WIDTH = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
)
#: Markup whose text is not the article's: link and image targets, HTML tags, link definitions.
_MARKUP = re.compile(
    r"\]\([^)\n]*\)"  # [text](target) and ![alt](path "title")
    r"|<[A-Za-z/!][^>\n]*>"  # <tag attr="…">, </tag>, <!-- comment -->
    r"|^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$",  # [ref]: https://…
    re.MULTILINE,
)


def _normalize(text: str) -> str:
    """NFKC and case folding; quick for the usual Chinese text with full-width punctuation."""
    if text.isascii():
        return text.lower()
    text = text.translate(_FULL_WIDTH)  # the same as NFKC for these; most texts need no more
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.casefold()


def _fold_word(word: str) -> list[str]:
    """A non-ASCII word of letters (Latin, Greek, Cyrillic …), already case-folded: no diacritics.

    Usually one word; folding may leave a non-letter behind (rare), so the result is re-cut and
    every token is letters and digits only.
    """
    decomposed = unicodedata.normalize("NFKD", word)
    folded = unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )
    return [w[:MAX_WORD_LENGTH] for w in _ALNUM.findall(folded)]


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The words of ``text`` in order: (Latin word, False) or (CJK run, True), already folded."""
    out: list[tuple[str, bool]] = []
    for cjk, word in _RUNS.findall(_normalize(text)):
        if cjk:
            out.append((cjk, True))
        elif word.isascii():
            out.append((word[:MAX_WORD_LENGTH], False))
        else:
            out.extend((w, False) for w in _fold_word(word))
    return out


def _cjk_tokens(run: str) -> list[str]:
    """``金坛召开`` -> ``金坛 坛召 召开 开``: bigrams, then the last character."""
    grams = list(map(add, run, run[1:]))
    grams.append(run[-1])
    return grams


def tokens(text: str) -> list[str]:
    """The index tokens of ``text``, in order (see the module's documentation)."""
    out: list[str] = []
    extend, append = out.extend, out.append
    for cjk, word in _RUNS.findall(_normalize(text)):
        if cjk:
            extend(map(add, cjk, cjk[1:]))
            append(cjk[-1])
        elif word.isascii():
            append(word[:MAX_WORD_LENGTH])
        else:
            extend(_fold_word(word))
    return out


def index_text(text: str) -> str:
    """The tokens of ``text`` joined by spaces: what the SQLite index is given."""
    return " ".join(tokens(text))


def body_text(markdown: str) -> str:
    """What of a Markdown body is indexed: everything but link targets, image paths and tags."""
    if "](" in markdown or "<" in markdown or "]:" in markdown:
        return _MARKUP.sub(" ", markdown)
    return markdown


# -- queries --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    token: str
    prefix: bool = False


#: A query: phrases that must all match; each phrase is consecutive terms.
Phrase = tuple[Term, ...]


def parse_query(query: str) -> list[Phrase]:
    """The phrases a query asks for: each whitespace-separated chunk is one phrase.

    Inside a chunk the terms mirror ``tokens``. A CJK run at the end of a chunk drops its
    trailing single character (the text may go on: ``金坛`` must find ``金坛开发区``), and a
    chunk ending in one CJK character ends in a prefix (``区`` finds ``区域``). The query's last
    Latin word is a prefix unless the query ends with a space.
    """
    phrases: list[Phrase] = []
    budget = MAX_QUERY_TOKENS
    chunks = query.split()
    for n, chunk in enumerate(chunks):
        pieces = _pieces(chunk)
        terms: list[Term] = []
        for i, (piece, cjk) in enumerate(pieces):
            last = i == len(pieces) - 1
            if not cjk:
                prefix = last and n == len(chunks) - 1 and not query[-1:].isspace()
                terms.append(Term(piece, prefix))
            elif len(piece) == 1:
                terms.append(Term(piece, prefix=last))
            else:
                grams = _cjk_tokens(piece)
                terms.extend(Term(g) for g in (grams[:-1] if last else grams))
        terms = terms[:budget]
        budget -= len(terms)
        if terms and tuple(terms) not in phrases:
            phrases.append(tuple(terms))
        if budget <= 0:
            break
    return phrases


def fts5_query(phrases: Sequence[Phrase]) -> str:
    """An FTS5 MATCH expression: every token quoted, so no user text is query syntax."""

    def term(t: Term) -> str:
        quoted = '"' + t.token.replace('"', '""') + '"'
        return quoted + "*" if t.prefix else quoted

    return " AND ".join("(" + " + ".join(term(t) for t in p) + ")" for p in phrases)


def tsquery(phrases: Sequence[Phrase]) -> str:
    """A PostgreSQL tsquery literal (``'开发' <-> '发区' & '区':*``), every lexeme quoted."""

    def term(t: Term) -> str:
        quoted = "'" + t.token.replace("\\", "\\\\").replace("'", "''") + "'"
        return quoted + ":*" if t.prefix else quoted

    return " & ".join("(" + " <-> ".join(term(t) for t in p) + ")" for p in phrases)


def tsvector(title: str, body: str) -> str:
    """A PostgreSQL tsvector literal of an article: title tokens weight A, body tokens D.

    Built here rather than by ``to_tsvector`` so the lexemes are exactly ``tokens`` (letters and
    digits only: nothing to escape). One ``'token':position`` per token: PostgreSQL merges the
    repeats, keeps 256 positions per lexeme and caps positions at 16383. The body's positions
    start two after the title's, so no phrase spans title and body.
    """
    title_tokens = tokens(title)
    first = len(title_tokens) + 2
    parts = [f"'{tok}':{i}A" for i, tok in enumerate(title_tokens, 1)]
    body_tokens = tokens(body_text(body))
    room = _PG_MAX_POSITION - first + 1
    parts += map("'{}':{}".format, body_tokens[:room], range(first, first + room))
    if len(body_tokens) > room:
        # Past the last position PostgreSQL keeps, only new words still matter; and the literal
        # must stay under PostgreSQL's 1 MB limit, whatever the body (a 5 MB paste, say).
        size = sum(map(len, parts)) * 3
        seen = set(body_tokens[:room])
        for tok in body_tokens[room:]:
            if tok in seen:
                continue
            seen.add(tok)
            part = f"'{tok}':{_PG_MAX_POSITION}"
            size += len(part.encode()) + 1
            if size > _PG_MAX_LITERAL:
                break
            parts.append(part)
    return " ".join(parts)


# -- writing the index ----------------------------------------------------------------------------

_FTS_INSERT = text("INSERT INTO article_fts (rowid, title, body) VALUES (:id, :title, :body)")
_FTS_DELETE = text(
    "INSERT INTO article_fts (article_fts, rowid, title, body) "
    "VALUES ('delete', :id, :title, :body)"
)
_PG_UPSERT = text(
    "INSERT INTO article_search (article_id, document) VALUES (:id, CAST(:doc AS tsvector)) "
    "ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document"
)
_PG_INSERT = text(
    "INSERT INTO article_search (article_id, document) VALUES (:id, CAST(:doc AS tsvector))"
)
_PG_DELETE = text("DELETE FROM article_search WHERE article_id = :id")


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _fts_row(article_id: int, title: str, body: str) -> dict[str, Any]:
    return {"id": article_id, "title": index_text(title), "body": index_text(body_text(body))}


def _pg_row(article_id: int, title: str, body: str) -> dict[str, Any]:
    return {"id": article_id, "doc": tsvector(title, body)}


def index_article(
    session: Session,
    article_id: int,
    title: str,
    body: str,
    previous: tuple[str, str] | None = None,
) -> None:
    """(Re-)index one article inside the caller's unit of work.

    ``previous`` is the (title, body) the article was last indexed with, None for an article never
    indexed. SQLite's contentless index removes the old tokens by re-tokenising that text: give
    exactly what was indexed, or the index drifts (``check_search_index`` reports it).
    """
    if _dialect(session) == "sqlite":
        if previous is not None:
            session.execute(_FTS_DELETE, _fts_row(article_id, *previous))
        session.execute(_FTS_INSERT, _fts_row(article_id, title, body))
    else:
        session.execute(_PG_UPSERT, _pg_row(article_id, title, body))


def index_articles(session: Session, rows: Iterable[tuple[int, str, str]]) -> int:
    """Index NEW articles (never indexed before) in bulk: ``rows`` of (id, title, body).

    One executemany per call; returns how many were indexed. Cutting the text is most of the
    work: ``prepare_index_rows`` does that part anywhere (a worker process), ``insert_index_rows``
    the rest.
    """
    return insert_index_rows(session, prepare_index_rows(_dialect(session), rows))


def prepare_index_rows(dialect: str, rows: Iterable[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """The index rows of new articles for ``dialect`` ("sqlite" or "postgresql"): plain data,
    no database needed, so it can run in a worker process (about 0.3 ms an article)."""
    make = _fts_row if dialect == "sqlite" else _pg_row
    return [make(*row) for row in rows]


def insert_index_rows(session: Session, prepared: list[dict[str, Any]]) -> int:
    """Insert rows made by ``prepare_index_rows`` (for this session's database); how many."""
    if prepared:
        statement = _FTS_INSERT if _dialect(session) == "sqlite" else _PG_INSERT
        session.execute(statement, prepared)
    return len(prepared)


def unindex_article(session: Session, article_id: int, title: str, body: str) -> None:
    """Remove an article from the index: before it is deleted for good.

    ``title`` and ``body`` are what it was last indexed with (SQLite needs them; PostgreSQL's
    index row also goes by itself with the article, through its foreign key).
    """
    if _dialect(session) == "sqlite":
        session.execute(_FTS_DELETE, _fts_row(article_id, title, body))
    else:
        session.execute(_PG_DELETE, {"id": article_id})


#: ``progress(done, total)`` while the index is rebuilt.
Progress = Callable[[int, int], None]


def rebuild_search_index(archive: Archive, progress: Progress | None = None) -> int:
    """Empty the index and index every article again (trashed ones too); returns how many.

    One unit of work: a reader sees the old index or the new one, never half of it.
    """
    with archive.session(write=True) as session:
        return _rebuild(session, progress)


def ensure_search_index(archive: Archive, progress: Progress | None = None) -> None:
    """Rebuild the index when it was made by another tokenizer version (or never): on each open.

    When the version matches this is one primary-key read. Two processes opening the archive at
    once rebuild it once: the second finds the new version when its turn comes.
    """
    with archive.session() as session:
        if _stored_version(session) == str(TOKENIZER_VERSION):
            return
    with archive.session(write=True) as session:  # SQLite: BEGIN IMMEDIATE, one writer
        if archive.dialect == "postgresql":
            session.execute(text("LOCK TABLE article_search IN SHARE ROW EXCLUSIVE MODE"))
        stored = _stored_version(session)
        if stored == str(TOKENIZER_VERSION):
            return
        log.info(
            "search index of tokenizer %s, this is tokenizer %d: rebuilding",
            stored,
            TOKENIZER_VERSION,
        )
        _rebuild(session, progress)


def _stored_version(session: Session) -> str | None:
    stored = session.get(Setting, VERSION_KEY)
    return None if stored is None else stored.value


def _rebuild(session: Session, progress: Progress | None) -> int:
    started = time.perf_counter()
    if _dialect(session) == "sqlite":
        session.execute(text("INSERT INTO article_fts (article_fts) VALUES ('delete-all')"))
    else:
        session.execute(text("TRUNCATE article_search"))
    total = session.scalar(select(func.count(Article.id))) or 0
    done = last = 0
    while True:
        batch = session.execute(
            select(Article.id, Article.title, Article.body)
            .where(Article.id > last)
            .order_by(Article.id)
            .limit(REBUILD_BATCH)
        ).all()
        if not batch:
            break
        done += index_articles(session, ((r.id, r.title, r.body) for r in batch))
        last = batch[-1].id
        if progress is not None:
            progress(done, total)
    session.merge(Setting(key=VERSION_KEY, value=str(TOKENIZER_VERSION)))
    log.info("search index rebuilt: %d articles in %.1f s", done, time.perf_counter() - started)
    return done


# -- searching ------------------------------------------------------------------------------------

_fts = table("article_fts", column("rowid", Integer))
_FTS_MATCH = literal_column("article_fts").op("MATCH")
_FTS_RANK = func.bm25(literal_column("article_fts"), TITLE_WEIGHT, BODY_WEIGHT)
_pg = table("article_search", column("article_id", Integer), column("document", TSVECTOR))


def search_ids(
    session: Session,
    query: str,
    *,
    limit: int,
    offset: int = 0,
    candidate_filter: Select[Any] | None = None,
    trashed: bool = False,
) -> tuple[list[tuple[int, float]], int]:
    """The articles matching ``query``, best first: ([(article id, score)], total matches).

    Only live articles are searched (``trashed=True``: only the trash). ``candidate_filter``
    narrows further: a SELECT of one column of article ids, e.g. ``select(Article.id).where(
    Article.zone_id == 3)``; only the ids it yields can match (it is used as ``id IN (…)``).

    Order: by relevance (SQLite bm25, PostgreSQL ts_rank; a title match weighs ten body
    matches), ties newest first. When more than ``RANK_WINDOW`` articles match, only the
    ``RANK_WINDOW`` most recently added of them are ranked; the older ones follow, newest first,
    with score 0. This keeps a word found in every article as quick as a rare one; the total is
    always exact. Scores are higher for better matches and only comparable within one query.
    A query without a word (empty, only punctuation) matches nothing.
    """
    phrases = parse_query(query)
    if not phrases or limit <= 0:
        return [], 0
    offset = max(0, offset)
    if _dialect(session) == "sqlite":
        backend: _Backend = _SQLite(session, phrases, candidate_filter, trashed)
    else:
        backend = _PostgreSQL(session, phrases, candidate_filter, trashed)
    with backend:
        total = backend.count()
        if offset >= total:
            return [], total
        if total <= RANK_WINDOW:
            return backend.ranked(offset, limit, None), total
        boundary = backend.nth_newest(RANK_WINDOW)
        if boundary is None:  # on PostgreSQL, articles may go between two statements
            return backend.ranked(offset, limit, None), total
        hits: list[tuple[int, float]] = []
        if offset < RANK_WINDOW:
            hits = backend.ranked(offset, min(limit, RANK_WINDOW - offset), boundary)
        if offset + limit > RANK_WINDOW:
            skip = max(0, offset - RANK_WINDOW)
            hits += [(i, 0.0) for i in backend.older(boundary, skip, limit - len(hits))]
        return hits, total


class _Backend:
    """The few queries ``search_ids`` needs, on one database."""

    def __init__(
        self,
        session: Session,
        ids: ColumnElement[int],
        match: ColumnElement[bool],
        candidate_filter: Select[Any] | None,
        trashed: bool,
    ) -> None:
        self.session = session
        self.ids = ids
        self.recency: ColumnElement[int] = ids  # what "most recently added" sorts by
        self.where: list[ColumnElement[bool]] = [match]
        # SQLite: "rowid + 0 IN (…)", or it looks each listed id up in the index and runs the
        # whole MATCH once per id (seconds for a few thousand ids); scanning the matches against
        # an in-memory set of the ids takes milliseconds.
        member = ids + 0 if session.get_bind().dialect.name == "sqlite" else ids
        trash = select(Article.id).where(Article.deleted_at.is_not(None))
        if trashed:
            self.where.append(member.in_(trash))
        elif session.scalar(trash.limit(1)) is not None:  # an indexed look-up; mostly empty
            self.where.append(ids.not_in(trash))
        if candidate_filter is not None:
            self.where.append(member.in_(candidate_filter))

    def __enter__(self) -> _Backend:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        return None

    def count(self) -> int:
        return self.session.scalar(select(func.count(self.ids)).where(*self.where)) or 0

    def nth_newest(self, n: int) -> int | None:
        """The id of the n-th most recently added match: the oldest one ranked."""
        found = self.session.scalar(
            select(self.ids).where(*self.where).order_by(self.recency.desc()).offset(n - 1).limit(1)
        )
        return None if found is None else int(found)

    def older(self, boundary: int, offset: int, limit: int) -> list[int]:
        """Matches added before the ranked ones, newest first."""
        return list(
            self.session.scalars(
                select(self.ids)
                .where(*self.where, self.ids < boundary)
                .order_by(self.recency.desc())
                .offset(offset)
                .limit(limit)
            )
        )

    def ranked(self, offset: int, limit: int, boundary: int | None) -> list[tuple[int, float]]:
        raise NotImplementedError


class _SQLite(_Backend):
    def __init__(
        self,
        session: Session,
        phrases: list[Phrase],
        candidate_filter: Select[Any] | None,
        trashed: bool,
    ) -> None:
        match = _FTS_MATCH(bindparam("q", fts5_query(phrases)))
        super().__init__(session, _fts.c.rowid, match, candidate_filter, trashed)

    def ranked(self, offset: int, limit: int, boundary: int | None) -> list[tuple[int, float]]:
        # bm25 ranks inside the index; the article table (whose publication time sits behind the
        # body) is only read for the page's rows and any rows tied with its last one.
        where = self.where if boundary is None else [*self.where, self.ids >= boundary]
        rank = _FTS_RANK.label("rank")
        want = offset + limit
        while True:
            rows = self.session.execute(
                select(self.ids, rank).where(*where).order_by(rank).limit(want + 1)
            ).all()
            if len(rows) <= want or rows[want - 1].rank != rows[want].rank:
                break
            want *= 2
        rows = list(rows[:want])
        published = dict(
            self.session.execute(
                select(Article.id, Article.published_at).where(
                    Article.id.in_([r.rowid for r in rows])
                )
            ).all()
        )
        rows.sort(key=lambda r: (r.rank, -_timestamp(published.get(r.rowid)), -r.rowid))
        return [(r.rowid, -r.rank) for r in rows[offset : offset + limit]]


class _PostgreSQL(_Backend):
    def __init__(
        self,
        session: Session,
        phrases: list[Phrase],
        candidate_filter: Select[Any] | None,
        trashed: bool,
    ) -> None:
        self.query = cast(bindparam("q", tsquery(phrases)), TSQUERY)
        match = _pg.c.document.op("@@")(self.query)
        super().__init__(session, _pg.c.article_id, match, candidate_filter, trashed)
        if all(len(p) == 1 for p in phrases):
            # Without a phrase the GIN index alone decides a match: sorting its ids beats walking
            # the primary key backwards and reading each (TOASTed) tsvector on the way. A phrase
            # needs the tsvectors anyway, and the walk stops at the window's last match.
            self.recency = _pg.c.article_id + 0

    def __enter__(self) -> _Backend:
        # A word in every article looks cheap to check row by row to the planner, but each row's
        # tsvector is TOASTed (about 13 KB): the GIN index answers without reading them.
        self.seqscan = self.session.scalar(text("SELECT current_setting('enable_seqscan')"))
        self.session.execute(text("SET LOCAL enable_seqscan = off"))
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:  # after an error the transaction is aborted: leave it alone
            self.session.execute(
                text("SELECT set_config('enable_seqscan', :old, true)"), {"old": self.seqscan}
            )

    def ranked(self, offset: int, limit: int, boundary: int | None) -> list[tuple[int, float]]:
        where = self.where if boundary is None else [*self.where, self.ids >= boundary]
        # normalisation 1: divided by 1 + log(length), as bm25 discounts long documents
        score = func.ts_rank(_pg.c.document, self.query, 1).label("score")
        rows = self.session.execute(
            select(_pg.c.article_id, score)
            .join(Article, Article.id == _pg.c.article_id)
            .where(*where)
            .order_by(score.desc(), Article.published_at.desc().nulls_last(), Article.id.desc())
            .offset(offset)
            .limit(limit)
        ).all()
        return [(r.article_id, float(r.score)) for r in rows]


def _timestamp(value: dt.datetime | None) -> float:
    return value.timestamp() if value is not None else float("-inf")


# -- snippets -------------------------------------------------------------------------------------

#: Characters that may change when folded: all but ASCII (other than A-Z) and common Han.
_MAY_FOLD = re.compile(r"[^\x00-\x40\x5b-\x7f\u3400-\u4dbf\u4e00-\u9fff]")
_IS_CJK = re.compile(f"[{_CJK_CHARS}]")
_WORD = f"(?:(?![{_CJK_CHARS}])[^\\W_])"
_WORD_START = f"(?:(?<![^\\W_])|(?<=[{_CJK_CHARS}]))"
_WORD_END = f"(?:(?![^\\W_])|(?=[{_CJK_CHARS}]))"
_SENTENCE_END = "。！？!?；;\n"


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character as the tokenizer sees it: NFKC, case-folded, Latin without diacritics."""
    folded = _normalize(ch)
    if folded.isascii() or _IS_CJK.match(ch):
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _folded(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded for matching, and where each folded character came from (None: 1:1)."""
    parts: list[str] = []
    last = 0
    one_to_one = True
    for m in _MAY_FOLD.finditer(text):
        ch = m.group()
        folded = _fold_char(ch)
        if folded != ch:
            parts.append(text[last : m.start()])
            parts.append(folded)
            last = m.end()
            one_to_one = one_to_one and len(folded) == 1
    if not parts:
        return text, None
    parts.append(text[last:])
    if one_to_one:
        return "".join(parts), None
    origin: list[int] = []
    for i, ch in enumerate(text):
        origin.extend([i] * len(_fold_char(ch) if _MAY_FOLD.match(ch) else ch))
    return "".join(parts), origin


@functools.lru_cache(maxsize=256)
def _snippet_pattern(query: str) -> re.Pattern[str] | None:
    """A regex finding the query's words in folded text: CJK runs anywhere, Latin whole words."""
    phrases = parse_query(query)
    words: dict[str, bool] = {}  # word -> a prefix (search as you type)
    for chunk in query.split():
        for piece, cjk in _pieces(chunk):
            words.setdefault(piece, cjk)
    if not phrases or not words:
        return None
    last_prefix = any(t.prefix and not _IS_CJK.match(t.token) for t in phrases[-1][-1:])
    last_word = phrases[-1][-1].token
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        if words[word]:  # a CJK run
            alternatives.append(re.escape(word))
        elif word == last_word and last_prefix:
            alternatives.append(f"{_WORD_START}{re.escape(word)}{_WORD}*")
        else:
            alternatives.append(f"{_WORD_START}{re.escape(word)}{_WORD_END}")
    return re.compile("|".join(alternatives))


def snippet(text: str, query: str, width: int = 60) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About ``width`` characters of ``text`` around the first match of a query word.

    Returns the excerpt ("…" where it was cut; line breaks shown as spaces) and the (start, end)
    spans of every matched word inside it. Matching is case-insensitive and NFKC-folded like the
    index (``５Ｇ`` matches ``5g``). Without a match: the start of the text and no spans.
    """
    width = max(width, 10)
    pattern = _snippet_pattern(query)
    folded, origin = _folded(text)
    first = pattern.search(folded) if pattern is not None else None
    if pattern is None or first is None:
        return _excerpt(text, 0, min(len(text), width), ())

    def original(start: int, end: int) -> tuple[int, int]:
        if origin is None:
            return start, end
        start, end = origin[start], origin[end - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):  # keep é whole
            end += 1
        return start, end

    hit_start, hit_end = original(first.start(), first.end())
    # start at the sentence holding the match when it begins close enough, else a little before
    start = max(0, hit_start - width // 4)
    boundary = max(text.rfind(c, max(0, hit_start - width // 2), hit_start) for c in _SENTENCE_END)
    if boundary >= 0:
        start = boundary + 1
    elif start > 0:
        start = _word_boundary(text, start, forward=True, limit=hit_start)
    end = min(len(text), max(start + width, hit_end))
    if end < len(text):
        end = _word_boundary(text, end, forward=False, limit=hit_end)
    while start < hit_start and text[start].isspace():
        start += 1
    while end > hit_end and text[end - 1].isspace():
        end -= 1
    spans = []
    for m in pattern.finditer(folded):
        s, e = original(m.start(), m.end())
        if s >= end:
            break
        if e > start:
            spans.append((max(s, start), min(e, end)))
    return _excerpt(text, start, end, spans)


def _word_boundary(text: str, at: int, *, forward: bool, limit: int) -> int:
    """``at`` moved out of a Latin word (forward to its end, or back to its start), not past
    ``limit``."""

    def inside(i: int) -> bool:
        a, b = text[i - 1], text[i]
        return a.isascii() and b.isascii() and a.isalnum() and b.isalnum()

    if not 0 < at < len(text) or not inside(at):
        return at
    i = at
    while 0 < i < len(text) and inside(i) and (i < limit if forward else i > limit):
        i += 1 if forward else -1
    return i if not inside(i) else at


def _excerpt(
    text: str, start: int, end: int, spans: Sequence[tuple[int, int]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    lead = "…" if start > 0 else ""
    body = "".join(" " if c in "\r\n\t\f\v" else c for c in text[start:end])
    shift = len(lead) - start
    return (
        lead + body + ("…" if end < len(text) else ""),
        tuple((s + shift, e + shift) for s, e in spans),
    )


# -- checking -------------------------------------------------------------------------------------


def check_search_index(session: Session) -> list[str]:
    """Problems of the search index, for ``verify``: each says what is wrong; rebuilding the
    index (``rebuild_search_index``) repairs them all."""
    if _dialect(session) == "sqlite":
        return _check_sqlite(session)
    missing = (
        session.execute(
            select(Article.id)
            .where(Article.id.not_in(select(_pg.c.article_id)))
            .order_by(Article.id)
        )
        .scalars()
        .all()
    )
    return [_missing_message(list(missing))] if missing else []


def _missing_message(ids: list[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:10]) + (" …" if len(ids) > 10 else "")
    return f"search index: {len(ids)} article(s) are not indexed ({shown}); rebuild the index"


def _varints(blob: bytes) -> list[int]:
    """SQLite's big-endian varints, as FTS5 stores its sizes and totals."""
    values: list[int] = []
    i = 0
    while i < len(blob):
        value = 0
        for n in range(9):
            byte = blob[i]
            i += 1
            if n == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80:
                break
        values.append(value)
    return values


def _check_sqlite(session: Session) -> list[str]:
    problems: list[str] = []
    try:
        session.execute(text("INSERT INTO article_fts (article_fts) VALUES ('integrity-check')"))
    except DBAPIError as exc:
        # FTS5 runs its check as an INSERT: a read-only archive (a read-only filesystem, a
        # damaged file) cannot run it, which says nothing of the index; the checks below still run
        if getattr(exc.orig, "sqlite_errorcode", 0) & 0xFF != 8:  # 8: SQLITE_READONLY
            problems.append(
                f"search index: the integrity check failed ({exc.orig}); rebuild the index"
            )
    missing = session.scalars(
        text(
            "SELECT id FROM article WHERE id NOT IN (SELECT id FROM article_fts_docsize) "
            "ORDER BY id"
        )
    ).all()
    if missing:
        problems.append(_missing_message(list(missing)))
    orphans = session.scalar(
        text("SELECT count(*) FROM article_fts_docsize WHERE id NOT IN (SELECT id FROM article)")
    )
    if orphans:
        problems.append(
            f"search index: {orphans} indexed article(s) no longer exist; rebuild the index"
        )
    # A contentless index trusts what it is told: an article indexed twice, or removed with
    # other words than it was indexed with, shows as totals that disagree with the documents.
    rows, sizes = 0, [0, 0]
    for (blob,) in session.execute(text("SELECT sz FROM article_fts_docsize")):
        rows += 1
        for i, size in enumerate(_varints(blob)[:2]):
            sizes[i] += size
    averages = session.scalar(text("SELECT block FROM article_fts_data WHERE id = 1"))
    totals = _varints(averages)[:3] if averages else [0, 0, 0]
    if totals != [rows, *sizes]:
        problems.append(
            f"search index: its totals ({totals[0]} articles, {totals[1:]} words) disagree with "
            f"its documents ({rows} articles, {sizes} words); rebuild the index"
        )
    return problems
