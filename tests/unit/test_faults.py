"""Faults, for real, in other processes: kill -9 in the middle of saves and autosaves, two
processes saving one article at the same moment, a full disk. On SQLite and PostgreSQL.

After each kill the archive must be consistent (``verify``) with every committed save whole: the
driver (``tests/faultdriver.py``) prints a line after each commit, and every body carries its own
checksum.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import time

import pytest
from sqlalchemy import event, select, text

from editor.archive.articles import ArticleService
from editor.archive.autosave import AutosaveStore, new_session_key
from editor.archive.database import open_archive
from editor.archive.locks import LOCK_TTL_SECONDS, SoftLocks
from editor.archive.maintenance import verify
from editor.archive.schema import Autosave
from editor.domain.errors import ArchiveFullError
from editor.domain.model import RevisionKind
from tests.faultdriver import body_is_whole
from tests.subprocesses import kill9, start_driver
from tests.unit.test_articles import article
from tests.unit.test_locks import Clock

ROUNDS = 3


def sha(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def run_until_killed(args: list[str], rng: random.Random) -> list[list[str]]:
    """Start the driver, let it commit a few times, kill -9 it at a random moment."""
    process = start_driver(*args)
    assert process.stdout is not None
    lines: list[list[str]] = []
    try:
        for _ in range(rng.randint(1, 3)):
            lines.append(process.stdout.readline().split())
        time.sleep(rng.uniform(0.0, 0.2))
    finally:
        kill9(process)
    lines += [raw.split() for raw in process.stdout.read().splitlines()]
    assert all(lines), "the driver ended before it could be killed"
    return lines


def assert_consistent(archive) -> None:
    report = verify(archive, render=False)
    assert report.ok, report.problems


@pytest.mark.slow
def test_kill_during_saves_keeps_every_committed_save_whole(archive_url, archive):
    rng = random.Random(7)
    service = ArticleService(archive)
    created = service.create(article())
    committed: dict[int, str] = {}
    for round_ in range(ROUNDS):
        lines = run_until_killed(["save", archive_url, str(created.id), "100", str(round_)], rng)
        committed |= {int(v): digest for _, v, digest in lines}
        assert_consistent(archive)
        stored = service.get(created.id)
        assert body_is_whole(stored.body)
        # the kill may land after a commit and before its line was printed: at most one more
        assert stored.version in (max(committed), max(committed) + 1)
        revisions = {r.number: r for r in service.revisions(created.id)}
        assert sorted(revisions) == list(range(1, stored.version + 1))
        for version, digest in committed.items():
            assert sha(revisions[version].body) == digest, f"save {version} was lost"
            assert body_is_whole(revisions[version].body)
        assert revisions[stored.version].body == stored.body
        committed[stored.version] = sha(stored.body)


@pytest.mark.slow
def test_kill_during_autosaves_leaves_the_last_one_whole(archive_url, archive):
    rng = random.Random(11)
    service = ArticleService(archive)
    created = service.create(article())
    key = new_session_key()
    for round_ in range(ROUNDS):
        lines = run_until_killed(
            ["autosave", archive_url, str(created.id), key, "100", str(round_)], rng
        )
        assert_consistent(archive)
        assert service.get(created.id) == created  # autosaves never touch the article
        (offer,) = AutosaveStore(archive, user="writer").pending()  # its process is gone
        assert body_is_whole(offer.data.body)
        reported = {digest for _, _, digest in lines}
        last = lines[-1][2]
        # the kill may land after a commit and before its line was printed
        assert sha(offer.data.body) == last or sha(offer.data.body) not in reported
        revisions = service.revisions(created.id)
        assert [r.kind for r in revisions] == [RevisionKind.CREATE, RevisionKind.AUTOSAVE]
        assert revisions[1].body == offer.data.body


def test_two_processes_saving_one_article_at_once_one_wins_one_conflicts(
    archive_url, archive, tmp_path
):
    service = ArticleService(archive)
    created = service.create(article())
    for round_ in range(ROUNDS):
        version = service.get(created.id).version
        before = len(service.revisions(created.id))
        go = tmp_path / f"go-{round_}"
        racers = [
            start_driver("race", archive_url, str(created.id), str(version), str(go), name)
            for name in ("alice", "bob")
        ]
        try:
            for racer in racers:
                assert racer.stdout is not None
                assert racer.stdout.readline().strip() == "ready"
            go.touch()
            outcomes = {}
            for name, racer in zip(("alice", "bob"), racers, strict=True):
                assert racer.stdout is not None
                outcomes[name] = racer.stdout.readline().split()
                assert racer.wait(timeout=60) == 0
        finally:
            for racer in racers:
                kill9(racer)
        kinds = sorted(outcome[0] for outcome in outcomes.values())
        assert kinds == ["conflict", "won"], outcomes
        (winner,) = [name for name, outcome in outcomes.items() if outcome[0] == "won"]
        loser_saw = next(int(o[1]) for o in outcomes.values() if o[0] == "conflict")
        assert loser_saw == version + 1  # the conflict shows the winner's version
        stored = service.get(created.id)
        assert stored.version == version + 1
        assert stored.body.startswith(f"{winner} 的版本")
        revisions = service.revisions(created.id)
        assert len(revisions) == before + 1
        assert revisions[-1].saved_by == winner
        assert [r.number for r in revisions] == list(range(1, len(revisions) + 1))
    assert_consistent(archive)


def test_a_full_disk_during_a_save_saves_nothing_and_says_so(tmp_path):
    archive = open_archive(str(tmp_path / "full.sqlite3"))
    service = ArticleService(archive)
    created = service.create(article())
    store = AutosaveStore(archive)
    with archive.engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar_one()

    @event.listens_for(archive.engine, "connect")
    def _small_disk(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 2}")

    archive.engine.dispose()  # new connections only, each with the limit
    big = dataclasses.replace(created.to_input(), body="园区项目建设。" * 100_000)
    with pytest.raises(ArchiveFullError, match=r"full.*nothing was saved"):
        service.update(created.id, big, expected_version=created.version)
    with pytest.raises(ArchiveFullError):
        service.create(dataclasses.replace(big, slug=None, external_id=None))
    with pytest.raises(ArchiveFullError):
        store.autosave(new_session_key(), big, article_id=created.id, base_version=1)
    assert service.get(created.id) == created
    assert len(service.revisions(created.id)) == 1
    with archive.session() as session:
        assert session.scalars(select(Autosave)).all() == []
    assert_consistent(archive)
    # space again: the same text saves
    event.remove(archive.engine, "connect", _small_disk)
    archive.engine.dispose()
    saved = service.update(created.id, big, expected_version=created.version)
    assert saved.body == big.body
    archive.close()


def test_the_lock_of_a_killed_window_expires_for_other_machines(archive_url, archive):
    created = ArticleService(archive).create(article())
    holder = start_driver("lock", archive_url, str(created.id), "alice")
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    kill9(holder)
    # a window on another machine cannot see the process is gone: it waits for the TTL (on a
    # clock of the test's, from the archive's now on: the driver's last heartbeat is older)
    clock = Clock(SoftLocks(archive).now())
    remote = SoftLocks(archive, user="bob", host="elsewhere", clock=clock)
    refused = remote.acquire(created.id)
    assert not refused.acquired
    assert refused.holder is not None
    assert refused.holder.user == "alice"
    clock.advance(LOCK_TTL_SECONDS + 1)
    taken = remote.acquire(created.id)
    assert taken.acquired
    assert taken.taken_over is not None
    assert taken.taken_over.pid == holder.pid
