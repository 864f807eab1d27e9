"""Writers that crowd in wait, not crash: two users filing articles under one new category at the
same moment both save, and the category exists once; a write the database gives up to another
writer (a serialization failure, a deadlock) is run again a few times, then said in words with
nothing of it saved. On SQLite and PostgreSQL; each writer has its own connection.

The racers are threads, each with an archive (an engine, a connection) of its own, released at once
by a barrier; psycopg and sqlite3 let go of the GIL while they wait for the database.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from editor.archive.articles import ArticleService
from editor.archive.database import WRITE_ATTEMPTS, Archive, open_archive
from editor.archive.schema import Article, Category
from editor.domain.errors import ArchiveBusyError
from editor.domain.model import ArticleRecord, RevisionKind
from tests.unit.test_articles import article

ROUNDS = 8
#: how long a racer may wait for the other at the barrier, or for its own save (it fails then)
DEADLINE = 60


def race(url: str, jobs: list[Callable[[ArticleService], Any]]) -> list[tuple[str, Any]]:
    """Run each job on an archive of its own, all released at once; ("ok", result) or
    ("error", exception) for each, in order."""
    archives = [open_archive(url) for _ in jobs]
    barrier = threading.Barrier(len(jobs), timeout=DEADLINE)
    outcomes: list[tuple[str, Any]] = [("none", None)] * len(jobs)

    def run(n: int) -> None:
        service = ArticleService(archives[n], user=f"writer{n}")
        barrier.wait()
        try:
            outcomes[n] = ("ok", jobs[n](service))
        except Exception as exc:  # the test reads what happened
            outcomes[n] = ("error", exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(jobs))]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(DEADLINE)
            assert not thread.is_alive(), "a racer did not finish its save in time"
    finally:
        for one in archives:
            one.close()
    return outcomes


def files_under(path: tuple[str, ...], writer: str) -> Callable[[ArticleService], ArticleRecord]:
    """A racer's job: ``writer`` files a new article under ``path``."""

    def job(service: ArticleService) -> ArticleRecord:
        return service.create(article(f"{writer}的稿件", category=path))

    return job


def categories_named(archive: Archive, name: str) -> list[tuple[int, int | None]]:
    with archive.session() as session:
        return list(
            session.execute(
                select(Category.id, Category.parent_id).where(Category.name == name)
            ).all()
        )


def known_zone_and_source(archive: Archive) -> None:
    """An article first, so the racers' zone and source exist: only their category is new."""
    ArticleService(archive).create(article("先有的稿件"))


def article_count(archive: Archive) -> int:
    with archive.session() as session:
        return int(session.scalar(select(func.count()).select_from(Article)) or 0)


@pytest.mark.parametrize("level", ["top", "below"])
def test_two_writers_filing_under_one_new_category_at_once_both_save_it_once(
    archive_url: str, archive: Archive, level: str
) -> None:
    known_zone_and_source(archive)
    before = article_count(archive)
    for round_ in range(ROUNDS):
        name = f"新栏目{round_}"
        path = (name, "常州") if level == "top" else ("开发区新闻", "常州", name)

        outcomes = race(archive_url, [files_under(path, "甲"), files_under(path, "乙")])
        assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
        records = [record for _, record in outcomes]
        assert records[0].category == records[1].category == path
        assert len(categories_named(archive, name)) == 1, f"round {round_}: {name} twice"
        with archive.session() as session:
            ids = {
                session.scalar(select(Article.category_id).where(Article.id == r.id))
                for r in records
            }
        assert len(ids) == 1  # one category node holds both articles
    assert article_count(archive) == before + 2 * ROUNDS


# -- a write the database gives up: serialization failures and deadlocks (PostgreSQL) -----------


def serializable(url: str) -> str:
    """``url`` with every transaction SERIALIZABLE, as a server may be configured: a concurrent
    writer then makes PostgreSQL give up a transaction (SQLSTATE 40001) instead of waiting."""
    parsed = make_url(url)
    options = "-c default_transaction_isolation=serializable"
    return parsed.update_query_dict({"options": options}).render_as_string(hide_password=False)


@pytest.fixture
def pg_serializable(archive_url: str, archive: Archive) -> str:
    if archive.dialect != "postgresql":
        pytest.skip("serialization failures and deadlocks are PostgreSQL's (SQLite writers queue)")
    return serializable(archive_url)


def bump_counter_elsewhere(url: str) -> None:
    """Another writer commits a change to the row every article write changes (the change
    counter, bumped by a trigger), while the caller's transaction is open."""
    engine = create_engine(make_url(url), poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE change_counter SET value = value + 1 WHERE id = 1"))
    finally:
        engine.dispose()


def create_with_interference(
    service: ArticleService, url: str, interfere_on: Callable[[int], bool]
) -> tuple[int, list[int]]:
    """Create an article in ``archive.write``; on the attempts where ``interfere_on(attempt)``
    another writer commits over the transaction's snapshot first. (new id, attempts made)"""
    attempts: list[int] = []

    def work(session: Session) -> int:
        attempts.append(len(attempts) + 1)
        session.execute(text("SELECT value FROM change_counter"))  # the snapshot is taken
        if interfere_on(attempts[-1]):
            bump_counter_elsewhere(url)
        created = service.insert_in(
            session, article("被打断的稿件", category=("新栏目", "常州")), kind=RevisionKind.CREATE
        )
        return created.id

    return service.archive.write(work), attempts


def test_a_write_given_up_to_another_writer_is_run_again(pg_serializable: str) -> None:
    with open_archive(pg_serializable) as archive:
        known_zone_and_source(archive)
        service = ArticleService(archive)
        before = article_count(archive)
        new_id, attempts = create_with_interference(service, pg_serializable, lambda n: n == 1)
        assert attempts == [1, 2]  # the first gave up (40001), the second saved
        assert service.get(new_id).category == ("新栏目", "常州")
        assert article_count(archive) == before + 1
        assert len(categories_named(archive, "新栏目")) == 1


def test_when_other_writers_never_stop_it_says_so_and_saves_nothing(pg_serializable: str) -> None:
    with open_archive(pg_serializable) as archive:
        known_zone_and_source(archive)
        service = ArticleService(archive)
        before = article_count(archive)
        with pytest.raises(ArchiveBusyError) as raised:
            create_with_interference(service, pg_serializable, lambda _n: True)
        message = str(raised.value).lower()
        assert f"{WRITE_ATTEMPTS} times" in message
        for words in ("nothing of this change was saved", "save again"):
            assert words in message
        for raw in ("traceback", "could not serialize", "sqlstate"):
            assert raw not in message
        assert article_count(archive) == before
        assert categories_named(archive, "新栏目") == []  # no half of it: not even the category


def test_two_serializable_writers_creating_one_category_both_save(pg_serializable: str) -> None:
    with open_archive(pg_serializable) as archive:
        known_zone_and_source(archive)
        before = article_count(archive)
        for round_ in range(ROUNDS // 2):
            path = ("开发区新闻", "常州", f"串行栏目{round_}")
            outcomes = race(pg_serializable, [files_under(path, "甲"), files_under(path, "乙")])
            assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
            assert len(categories_named(archive, path[-1])) == 1
        assert article_count(archive) == before + 2 * (ROUNDS // 2)


def test_a_deadlock_between_two_writers_is_run_again(archive_url: str, archive: Archive) -> None:
    """Two writers take two categories' rows in opposite orders: PostgreSQL breaks the deadlock
    by giving up one transaction (40P01); that one runs again and both save."""
    if archive.dialect != "postgresql":
        pytest.skip("deadlocks are PostgreSQL's (SQLite takes its one write lock up front)")
    known_zone_and_source(archive)
    ids = [cid for cid, _ in categories_named(archive, "常州")][:1]
    ids += [cid for cid, _ in categories_named(archive, "文字新闻")][:1]
    assert len(ids) == 2
    both_hold_one = threading.Barrier(2, timeout=DEADLINE)
    attempts: dict[int, int] = {0: 0, 1: 0}

    def job(n: int) -> Callable[[ArticleService], int]:
        first, second = ids if n == 0 else ids[::-1]

        def work(session: Session, service: ArticleService) -> int:
            attempts[n] += 1
            lock = "SELECT id FROM category WHERE id = :id FOR UPDATE"
            session.execute(text(lock), {"id": first})
            if attempts[n] == 1:
                both_hold_one.wait()  # each holds one row: the second lock closes the circle
            session.execute(text(lock), {"id": second})
            return service.insert_in(session, article(f"死锁{n}"), kind=RevisionKind.CREATE).id

        return lambda service: service.archive.write(lambda session: work(session, service))

    outcomes = race(archive_url, [job(0), job(1)])
    assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
    assert sorted(attempts.values()) == [1, 2]  # one was given up once and ran again


# -- an archive that already has a section twice (made by the race before 0005) ------------------


def test_the_upgrade_merges_a_section_made_twice_and_keeps_every_path(
    archive_url: str, archive: Archive
) -> None:
    from alembic import command  # noqa: PLC0415 - this test only

    from editor.archive import database  # noqa: PLC0415

    service = ArticleService(archive)
    known_zone_and_source(archive)
    config = database._alembic_config()
    with archive.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")  # as an archive was before the index
    with archive.session(write=True) as session:
        twins = []
        for _ in range(2):  # the race's outcome: the same new section, twice
            twins.append(
                session.scalar(
                    text(
                        "INSERT INTO category (parent_id, name, position) VALUES (NULL, '重复', 9)"
                        " RETURNING id"
                    )
                )
            )
        made = {}
        for parent, name in [(twins[0], "常州"), (twins[1], "常州"), (twins[1], "苏州")]:
            made[parent, name] = session.scalar(
                text(
                    "INSERT INTO category (parent_id, name, position) VALUES (:p, :n, 0)"
                    " RETURNING id"
                ),
                {"p": parent, "n": name},
            )
    ids = [service.create(article("甲", category=("开发区新闻", "常州"))).id for _ in range(3)]
    moves = [made[twins[0], "常州"], made[twins[1], "常州"], made[twins[1], "苏州"]]
    with archive.session(write=True) as session:
        for aid, cid in zip(ids, moves, strict=True):
            session.execute(
                text("UPDATE article SET category_id = :c WHERE id = :a"), {"c": cid, "a": aid}
            )
    archive.close()

    with open_archive(archive_url) as upgraded:  # backed up, then upgraded to 0005
        again = ArticleService(upgraded)
        assert [again.get(aid).category for aid in ids] == [
            ("重复", "常州"),
            ("重复", "常州"),
            ("重复", "苏州"),
        ]
        assert categories_named(upgraded, "重复") == [(twins[0], None)]
        with upgraded.session() as session:
            below = set(
                session.execute(
                    select(Category.id, Category.name).where(Category.parent_id.in_(twins))
                ).all()
            )
        # the twin's 常州 merged into the first's, its 苏州 moved under the first
        assert below == {(made[twins[0], "常州"], "常州"), (made[twins[1], "苏州"], "苏州")}
        from editor.archive.maintenance import verify  # noqa: PLC0415

        assert verify(upgraded, render=False).ok
        # and now the same section cannot be made twice any more, whatever the writers do
        path = ("重复", "新的")
        outcomes = race(archive_url, [files_under(path, "乙"), files_under(path, "丙")])
        assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
        assert len(categories_named(upgraded, "新的")) == 1
