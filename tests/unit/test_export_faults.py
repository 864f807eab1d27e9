"""The export under faults, for real: a page the file system cannot hold, a full disk (a small
tmpfs), ``main.py export`` killed at exact system calls (strace) — between the renames of a swap,
inside a journal's commit, with its render processes running.

Whatever happens, OUT is one whole export: never missing, and every file its manifest names has
the bytes the manifest gives (or, while a journal is applied, the previous bytes the during
manifest names as ``pending``); one unwritable page leaves its article out and the rest of the
site is written; no process of a killed export outlives it.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from editor.archive.articles import ArticleService
from editor.archive.database import Archive, open_archive
from editor.export import exchange as exchange_module
from editor.export.errors import ExportError
from editor.export.leftout import UNWRITABLE
from editor.export.writer import DURING, JOURNAL, MANIFEST, content_hash, read_manifest
from tests import mounts
from tests.subprocesses import ROOT, wait_for
from tests.unit.test_export import (
    TITLE,
    archive_address,
    article_page,
    export,
    find_record,
    html_files,
    import_rows,
    internal_targets,
    many_rows,
    parse,
    sample_rows,
    tree,
)

STRACE = shutil.which("strace")
needs_strace = pytest.mark.skipif(
    STRACE is None, reason="strace is not installed: killing at an exact system call needs it"
)
needs_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="not root: mounting a small tmpfs (a full disk) needs root"
)
#: The commands run as a user runs them: unmeasured (a killed process writes no coverage data)
#: and without bytecode caches (their renames would shift the counts of rename calls).
ENV = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_PROCESS_")} | {
    "PYTHONDONTWRITEBYTECODE": "1"
}
RENAMES = ("rename", "renameat", "renameat2")
DEEP_TITLE = "很深的分类里的文章"


def main_py(db: str, *args: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "--db", db, *args]


def traced(
    tmp_path: Path, command: list[str], *options: str
) -> tuple[subprocess.CompletedProcess[str], str]:
    """``command`` run under strace with ``options``; its result and strace's log. Its output
    goes through files, not pipes: a process it leaves behind would hold a pipe open."""
    assert STRACE is not None
    name = uuid.uuid4().hex
    log, out, err = (tmp_path / f"strace-{name}.{kind}" for kind in ("log", "out", "err"))
    with out.open("w") as stdout, err.open("w") as stderr:
        code = subprocess.run(
            [STRACE, "-o", str(log), *options, "--", *command],
            stdout=stdout,
            stderr=stderr,
            cwd=ROOT,
            env=ENV,
            timeout=300,
            check=False,
        ).returncode
    result = subprocess.CompletedProcess(command, code, out.read_text(), err.read_text())
    return result, log.read_text(encoding="utf-8", errors="replace")


def assert_whole(out: Path) -> None:
    """OUT is there with a manifest, and every file the manifest names that is there has the
    bytes the manifest gives (or its ``pending`` ones)."""
    assert out.is_dir(), f"{out} is missing"
    manifest = read_manifest(out)
    assert manifest is not None, f"{out} has no readable manifest"
    for path in sorted(set(manifest.files) | set(manifest.pending)):
        if path.startswith("media/"):  # named by the image's own hash
            continue
        try:
            data = (out / path).read_bytes()
        except FileNotFoundError:
            continue  # a new file not moved in yet, or a stale one removed already
        wanted = {manifest.files.get(path, ("", ""))[1], manifest.pending.get(path)}
        assert content_hash(data) in wanted, f"{path} does not have the bytes {MANIFEST} names"


def assert_links_resolve(out: Path) -> None:
    for page in html_files(out):
        for _, url in parse(page).links:
            target = internal_targets(out, page, url)
            assert target is None or target.is_file(), f"{page}: {url}"


def update(archive: Archive, which: str, **changes: object) -> None:
    service = ArticleService(archive)
    record = find_record(archive, which)
    service.update(
        record.id,
        dataclasses.replace(record.to_input(), **changes),
        expected_version=record.version,
    )


def survivors(marker: str) -> list[str]:
    """Live (not zombie) processes whose command line holds ``marker``, as "pid: cmdline"."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if state != "Z" and marker in cmdline and "strace" not in cmdline:
            found.append(f"{entry.name}: {cmdline}")
    return found


# -- item 4: a page that cannot be written ---------------------------------------------------------


def deepen(archive: Archive, title: str, levels: int = 100, length: int = 190) -> int:
    """Put the article ``title`` in a category ``levels`` deep, each name ``length`` characters
    (written as another tool, or an archive from before the input limits, would have it)."""
    record = find_record(archive, title)
    with archive.engine.begin() as connection:
        parent = None
        for level in range(levels):
            name = (f"第{level}层" + "开发区新闻动态" * 40)[:length]
            parent = connection.execute(
                text(
                    "INSERT INTO category (parent_id, name, position) VALUES (:p, :n, 0) "
                    "RETURNING id"
                ),
                {"p": parent, "n": name},
            ).scalar_one()
        connection.execute(
            text("UPDATE article SET category_id = :c, version = version + 1 WHERE id = :id"),
            {"c": parent, "id": record.id},
        )
    return record.id


def test_an_article_in_a_category_too_deep_to_write_is_left_out_and_the_rest_written(
    archive, tmp_path
):
    import_rows(archive, tmp_path, [*sample_rows(), *many_rows(5)])
    out = tmp_path / "site"
    before = export(archive, out)
    assert not before.left_out
    update(archive, TITLE, title=DEEP_TITLE)
    deep = deepen(archive, DEEP_TITLE)

    report = export(archive, out)
    assert report.articles == before.articles - 1
    [skipped] = report.left_out
    assert (skipped.id, skipped.title, skipped.reason) == (deep, DEEP_TITLE, UNWRITABLE)
    assert skipped.path.startswith("list/")
    assert skipped.error.startswith(os.strerror(errno.ENAMETOOLONG))
    # the rest is written, and nothing links to what is not there
    assert not any(DEEP_TITLE in p.read_text(encoding="utf-8") for p in html_files(out))
    assert not any(
        p.relative_to(out).as_posix().startswith("list/di-0-ceng") for p in out.rglob("*")
    )
    assert_links_resolve(out)
    assert_whole(out)
    fresh = tmp_path / "fresh"
    export(archive, fresh)
    assert tree(out) == tree(fresh)

    # the command line names it (stderr and --json) and exits 1; the next export says it again
    db = archive_address(archive)
    run = subprocess.run(
        main_py(db, "export", str(out)), capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert run.returncode == 1, run.stderr
    assert "whose page cannot be written" in run.stderr
    assert f"{deep:>7}  {DEEP_TITLE}: list/di-0-ceng" in run.stderr
    assert "Traceback" not in run.stderr
    run = subprocess.run(
        main_py(db, "export", str(out), "--json"),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    entry = json.loads(run.stdout)["left_out"]["articles"][0]
    assert entry == {
        "id": deep,
        "title": DEEP_TITLE,
        "reason": UNWRITABLE,
        "path": skipped.path,
        "error": skipped.error,
    }


@needs_strace
def test_a_page_the_file_system_refuses_is_left_out_and_the_rest_written(sqlite_url, tmp_path):
    """EINVAL injected (strace) into the one open of one article page in the staging folder:
    that attempt is thrown away, the site is planned again without the article and written."""
    with open_archive(sqlite_url) as archive:
        import_rows(archive, tmp_path, [*sample_rows(), *many_rows(5)])
        out = tmp_path / "site"
        first = export(archive, out)
        page = article_page(out)
        update(archive, TITLE, body="改过的正文。")
        victim = find_record(archive, TITLE).id
    staged = out.with_name(out.name + ".zonedesk-staging") / page.relative_to(out)
    run, log = traced(
        tmp_path,
        main_py(sqlite_url, "export", str(out), "--json"),
        "-f",
        "-P",
        str(staged),
        "-e",
        "trace=open,openat",
        "-e",
        "inject=open,openat:error=EINVAL",
    )
    injected = log.count("(INJECTED)")
    assert injected == 1, log
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    assert report["articles"] == first.articles - 1
    assert report["left_out"]["articles"] == [
        {
            "id": victim,
            "title": TITLE,
            "reason": UNWRITABLE,
            "path": page.relative_to(out).as_posix(),
            "error": os.strerror(errno.EINVAL),
        }
    ]
    assert not page.exists()
    assert_links_resolve(out)
    assert_whole(out)
    print(f"faults injected: {injected}; articles {first.articles} -> {report['articles']}")


# -- item 6: a full disk ---------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs at tmp_path/disk, unmounted at the end."""
    disk = tmp_path / "disk"
    with mounts.tmpfs(disk, "4m") as cannot:
        if cannot:
            pytest.skip(f"a full disk: {cannot}")
        yield disk


def free_bytes(folder: Path) -> int:
    stat = os.statvfs(folder)
    return stat.f_bavail * stat.f_frsize


def blocks(size: int) -> int:
    return -(-size // 4096) * 4096


@needs_root
def test_a_full_disk_while_the_manifest_is_written_leaves_the_site_and_no_leftovers(
    sqlite_url, tmp_path, small_disk
):
    """The disk fills just after the changed pages, while the manifest is written: one clear
    message, the staging folder (and any ``.partial``) gone, the site as it was."""
    with open_archive(sqlite_url) as archive:
        import_rows(archive, tmp_path, [*sample_rows(), *many_rows(60)])
        out = small_disk / "site"
        export(archive, out)
        before = tree(out)
        manifest_size = (out / MANIFEST).stat().st_size
        assert manifest_size > 4 * 4096  # the room left below is less than a manifest
        update(archive, TITLE, body="满盘时改的正文。")
        twin = tmp_path / "twin"  # the same export elsewhere: what the changed pages take
        shutil.copytree(out, twin)
        export(archive, twin)
        changed = {p: d for p, d in tree(twin).items() if before.get(p) != d and p != MANIFEST}
        assert changed
        room = sum(blocks(len(data)) for data in changed.values()) + 2 * 4096
        filler = small_disk / "filler"
        with filler.open("wb") as fh:
            fh.write(b"\0" * (free_bytes(small_disk) - room))
        free = free_bytes(small_disk)

        with pytest.raises(ExportError) as caught:
            export(archive, out)
        assert str(caught.value).startswith(f"the disk is full: the site at {out} is unchanged")
        assert tree(out) == before
        assert sorted(p.name for p in small_disk.iterdir()) == [
            ".site.zonedesk-lock",
            "filler",
            "site",
        ]
        assert not list(small_disk.rglob("*.partial"))
        assert free_bytes(small_disk) == free

        # the command line: the same message, no traceback, exit 2
        run = subprocess.run(
            main_py(sqlite_url, "export", str(out)),
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=ENV,
            check=False,
        )
        assert run.returncode == 2, run.stderr
        assert run.stderr.startswith(f"error: the disk is full: the site at {out} is unchanged")
        assert "Traceback" not in run.stderr
        assert tree(out) == before

        filler.unlink()
        report = export(archive, out)
        assert report.written == len(changed)
        assert tree(out) == tree(twin)


# -- item 8: the swap and the journal, killed at each rename ---------------------------------------


def commit_renames(log: str, out: Path) -> list[tuple[str, int]]:
    """The rename calls of the commit in a strace log, each as (syscall, its count among the
    calls of that syscall in the whole log: strace's ``when=``)."""
    counts = dict.fromkeys(RENAMES, 0)
    found = []
    for line in log.splitlines():
        match = re.match(r"(?:\d+ +)?(rename|renameat|renameat2)\((.*)", line)
        if match is None:
            continue
        name = match.group(1)
        counts[name] += 1
        if str(out) in match.group(2):
            found.append((name, counts[name]))
    return found


@needs_strace
@pytest.mark.slow
@pytest.mark.parametrize("mode", ["swap", "journal"])
def test_killed_at_each_rename_of_the_commit_the_site_is_always_whole(sqlite_url, tmp_path, mode):
    """``main.py export`` killed (strace, SIGKILL) at the entry of each rename call of its
    commit in turn: after each kill OUT is there and whole; the next export then equals a
    fresh one. (The former swap left OUT missing at the second of its two renames; the former
    journal left new pages beside the old manifest.)"""
    with open_archive(sqlite_url) as archive:
        import_rows(archive, tmp_path, [*sample_rows(), *many_rows(30)])
        out = tmp_path / "site"
        articles = export(archive, out).articles
        update(archive, TITLE, title="改过的标题")
    pristine = tmp_path / "pristine"
    shutil.copytree(out, pristine)
    flags = ["--full"] if mode == "swap" else []
    command = main_py(sqlite_url, "export", str(out), *flags)

    dry, log = traced(tmp_path, command, "-e", "trace=" + ",".join(RENAMES))
    assert dry.returncode == 0, dry.stderr
    points = commit_renames(log, out)
    assert points, log
    if mode == "journal":  # the commit point, the during manifest, the files, the manifest
        assert len(points) >= 5, points
    killed = 0
    for name, when in points:
        shutil.rmtree(out)
        shutil.rmtree(out.with_name(out.name + ".zonedesk-staging"), ignore_errors=True)
        shutil.copytree(pristine, out)
        run, _ = traced(
            tmp_path, command, "-e", f"trace={name}", "-e", f"inject={name}:signal=KILL:when={when}"
        )
        assert run.returncode in (-9, 137), (name, when, run.returncode, run.stderr)
        killed += 1
        assert_whole(out)
        with open_archive(sqlite_url) as archive:
            report = export(archive, out)
            assert report.articles == articles
            assert_whole(out)
    with open_archive(sqlite_url) as archive:
        export(archive, tmp_path / "fresh")
    assert tree(out) == tree(tmp_path / "fresh")
    assert not out.with_name(out.name + ".zonedesk-staging").exists()
    print(f"{mode}: faults injected {len(points)}, commands killed {killed}, articles {articles}")


def test_the_swap_exchanges_the_folders_in_one_step(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "from-a").touch()
    (b / "from-b").touch()
    assert exchange_module.exchange(a, b)
    assert [p.name for p in a.iterdir()] == ["from-b"]
    assert [p.name for p in b.iterdir()] == ["from-a"]
    call = exchange_module._system_call(__import__("ctypes").CDLL(None, use_errno=True))
    if call is not None:  # the route for a C library without renameat2
        assert call(os.fsencode(a), os.fsencode(b)) == 0
        assert [p.name for p in a.iterdir()] == ["from-a"]
    with pytest.raises(FileNotFoundError):
        exchange_module.exchange(a, tmp_path / "nothing")


def test_a_journal_shows_the_during_manifest_while_it_moves_the_files(site_with_edit):
    """Stopped just before its first file is moved in, OUT holds the during manifest: the new
    hashes, and each changed file's previous one as ``pending``."""
    out, staging = site_with_edit
    journal = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
    manifest = read_manifest(out)
    assert manifest is not None
    assert manifest.pending
    assert set(manifest.pending) <= set(journal["write"]) | set(journal["remove"])
    assert_whole(out)
    assert (staging / MANIFEST).is_file()
    assert not (staging / DURING).exists()


@pytest.fixture
def site_with_edit(sqlite_url, tmp_path, monkeypatch):
    """A journal commit stopped (an error) at its first file's move: (OUT, its staging)."""
    from editor.export import writer as writer_module  # noqa: PLC0415

    with open_archive(sqlite_url) as archive:
        import_rows(archive, tmp_path, [*sample_rows(), *many_rows(10)])
        out = tmp_path / "site"
        export(archive, out)
        update(archive, TITLE, title="改过的标题")
        real = os.replace
        calls = {"n": 0}

        def replace(source, target):
            calls["n"] += 1
            if calls["n"] == 3:  # 1: the commit point, 2: the during manifest, 3: a file
                raise OSError(errno.EIO, "stopped here")
            return real(source, target)

        monkeypatch.setattr(writer_module.os, "replace", replace)
        with pytest.raises(ExportError, match="stopped while moving its files in"):
            export(archive, out)
        monkeypatch.undo()
    return out, out.with_name(out.name + ".zonedesk-staging")


# -- item 7: no process outlives a killed export ---------------------------------------------------


@needs_strace
@pytest.mark.slow
def test_a_killed_export_leaves_no_render_process(sqlite_url, tmp_path):
    """``main.py export`` with two render processes, killed (strace, SIGKILL) as it creates its
    staging folder, when its render processes are started and waiting: none of them outlives
    it."""
    with open_archive(sqlite_url) as archive:
        import_rows(archive, tmp_path, many_rows(420))
    out = tmp_path / f"site-{uuid.uuid4().hex}"
    staging = out.with_name(out.name + ".zonedesk-staging")
    command = main_py(sqlite_url, "export", str(out), "--workers", "2")
    started = time.monotonic()
    run, _ = traced(
        tmp_path, command, "-P", str(staging), "-e", "trace=mkdir", "-e", "inject=mkdir:signal=KILL"
    )
    assert run.returncode in (-9, 137), run.stderr
    try:
        wait_for(lambda: not survivors(str(out)), timeout=10, what="the render processes to end")
    finally:
        for line in survivors(str(out)):
            os.kill(int(line.split(":")[0]), 9)
    assert not out.exists()
    print(f"faults injected: 1, commands killed: 1 ({time.monotonic() - started:.1f} s)")
