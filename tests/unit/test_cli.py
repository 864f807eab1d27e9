"""The command line, run as a user runs it: `python main.py [--db URL] COMMAND` in a subprocess."""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
import time

import pytest

from editor.archive.changes import change_token
from editor.archive.database import open_archive
from tests.subprocesses import ROOT, in_process, kill9, start_zonedesk, wait_for, zonedesk
from tests.unit.test_jsonl import line, write_jsonl


@pytest.fixture
def imported(archive_url, tmp_path):
    rows = [
        line(1, title="金坛经开区召开项目推进会", body="园区项目加快推进。"),
        line(
            2,
            title="苏州工业园区发布新政策",
            zone="苏州工业园区",
            category=["开发区新闻", "苏州", "文字新闻"],
            body="招商引资 investment policy.",
        ),
        line(3, title="Jintan opens a 5G park", language="en", body="An English story."),
    ]
    path = write_jsonl(tmp_path / "in.jsonl", rows)
    result = zonedesk("import", str(path), db=archive_url)
    assert "3 created" in result.stdout
    return archive_url


def test_help_lists_every_command():
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for command in (
        "import",
        "export-jsonl",
        "list",
        "search",
        "show",
        "stats",
        "verify",
        "backup",
    ):
        assert command in result.stdout


def test_list_json(imported):
    rows = json.loads(zonedesk("list", "--json", db=imported).stdout)
    assert len(rows) == 3
    first = {r["external_id"]: r for r in rows}["ext-1"]
    for key in (
        "id",
        "title",
        "published_at",
        "source",
        "zone",
        "category",
        "status",
        "slug",
        "tags",
    ):
        assert key in first
    assert first["category"] == ["开发区新闻", "常州", "文字新闻"]
    assert first["published_at"].endswith("+08:00")
    assert first["zone"] == "江苏金坛经济开发区"
    assert first["tags"] == ["招商"]
    filtered = json.loads(zonedesk("list", "--json", "--city", "苏州", db=imported).stdout)
    assert [r["title"] for r in filtered] == ["苏州工业园区发布新政策"]


def test_list_readable(imported):
    out = zonedesk("list", db=imported).stdout
    assert "金坛经开区召开项目推进会" in out
    assert "of 3" in out


def test_search_chinese_two_characters_and_english(imported):
    hits = json.loads(zonedesk("search", "金坛", "--json", db=imported).stdout)
    assert {h["title"] for h in hits} == {"金坛经开区召开项目推进会"}
    assert "snippet" in hits[0]
    hits = json.loads(zonedesk("search", "园区", "--json", db=imported).stdout)
    assert {h["title"] for h in hits} == {"金坛经开区召开项目推进会", "苏州工业园区发布新政策"}
    hits = json.loads(zonedesk("search", "Investment", "--json", db=imported).stdout)
    assert [h["title"] for h in hits] == ["苏州工业园区发布新政策"]
    readable = zonedesk("search", "园区", db=imported).stdout
    assert "【园区】" in readable


def test_show_json_has_the_body(imported):
    rows = json.loads(zonedesk("list", "--json", db=imported).stdout)
    target = next(r for r in rows if r["external_id"] == "ext-1")
    shown = json.loads(zonedesk("show", str(target["id"]), "--json", db=imported).stdout)
    assert shown["body"] == "园区项目加快推进。"
    assert shown["title"] == target["title"]
    text = zonedesk("show", str(target["id"]), db=imported).stdout
    assert "发布时间:" in text
    assert "来源:金坛手机台" in text
    assert "发布开发区:江苏金坛经济开发区" in text


def test_show_unknown_id_is_a_clear_error(imported):
    result = zonedesk("show", "999999", db=imported, check=False)
    assert result.returncode == 2
    assert "no article 999999" in result.stderr


def test_stats_and_verify(imported):
    stats = json.loads(zonedesk("stats", "--json", db=imported).stdout)
    assert stats["articles"] == 3
    assert stats["revisions"] == 3
    verify = json.loads(zonedesk("verify", "--json", db=imported).stdout)
    assert verify["ok"] is True
    assert verify["articles"] == 3


def test_import_with_bad_lines_exits_1(archive_url, tmp_path):
    path = write_jsonl(tmp_path / "bad.jsonl", [line(1), "{nope", line(3, title="")])
    result = zonedesk("import", str(path), db=archive_url, check=False)
    assert result.returncode == 1
    assert "line 2:" in result.stderr
    assert "line 3: title" in result.stderr
    assert "1 created" in result.stdout


def test_export_jsonl_and_backup(imported, tmp_path):
    out = tmp_path / "export" / "all.jsonl"
    zonedesk("export-jsonl", str(out), db=imported)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    if imported.startswith("sqlite"):
        backup = tmp_path / "backup.sqlite3"
        zonedesk("backup", str(backup), db=imported)
        stats = json.loads(zonedesk("stats", "--json", db=f"sqlite:///{backup}").stdout)
        assert stats["articles"] == 3
        again = zonedesk("backup", str(backup), db=imported, check=False)
        assert again.returncode == 2
        assert "exists already" in again.stderr


def test_not_an_archive_is_refused(tmp_path):
    path = tmp_path / "readme.txt"
    path.write_text("hello", encoding="utf-8")
    result = zonedesk("stats", db=str(path), check=False)
    assert result.returncode == 2
    assert "not a ZoneDesk archive" in result.stderr
    assert path.read_text(encoding="utf-8") == "hello"


def test_delete_and_undelete(imported):
    rows = json.loads(zonedesk("list", "--json", db=imported).stdout)
    aid = str(rows[0]["id"])
    zonedesk("delete", aid, db=imported)
    assert len(json.loads(zonedesk("list", "--json", db=imported).stdout)) == 2
    trash = json.loads(zonedesk("list", "--trash", "--json", db=imported).stdout)
    assert [str(r["id"]) for r in trash] == [aid]
    zonedesk("undelete", aid, db=imported)
    assert len(json.loads(zonedesk("list", "--json", db=imported).stdout)) == 3


@pytest.mark.slow
def test_kill_during_import_leaves_whole_articles_and_rerun_completes(archive_url, tmp_path):
    rng = random.Random(3)
    rows = [
        line(n, body=(f"第{n}篇。" + "园区项目建设。" * 200 + "\n\n") * 3) for n in range(1, 2001)
    ]
    path = write_jsonl(tmp_path / "big.jsonl", rows)
    in_process("stats", db=archive_url)  # create the archive first
    archive = open_archive(archive_url)
    for _attempt in range(3):
        committed = change_token(archive)
        proc = start_zonedesk("import", str(path), "--workers", "1", db=archive_url)
        # after its next batch commits, at a random moment inside the batch after it
        wait_for(
            lambda: change_token(archive) != committed or proc.poll() is not None,  # noqa: B023
            what="a batch to commit",
        )
        time.sleep(rng.uniform(0.0, 2.0))
        assert proc.poll() is None, "the import finished before it could be killed"
        kill9(proc)
        verify = in_process("verify", "--json", "--quick", db=archive_url, check=False)
        assert json.loads(verify.stdout)["ok"], verify.stdout
    stats = json.loads(in_process("stats", "--json", db=archive_url).stdout)
    assert 0 < stats["articles"] < 2000, "the import finished before it could be killed"
    assert stats["articles"] == stats["revisions"]
    exported = tmp_path / "partial.jsonl"
    in_process("export-jsonl", str(exported), db=archive_url)
    by_id = {row["id"]: row for row in rows}
    for got in map(json.loads, exported.read_text(encoding="utf-8").splitlines()):
        assert got["body"] == by_id[got["id"]]["body"], f"article {got['id']} is not whole"
    in_process("import", str(path), db=archive_url)
    stats = json.loads(in_process("stats", "--json", db=archive_url).stdout)
    assert stats["articles"] == 2000
    assert zonedesk("verify", db=archive_url).returncode == 0  # as a user runs it

    # kill -9 during an export: the previous export file stays whole
    before = hashlib.sha256(exported.read_bytes()).hexdigest()
    killed = 0
    for _attempt in range(10):
        partial = exported.with_name(exported.name + ".partial")
        partial.unlink(missing_ok=True)  # what the killed one before left
        proc = start_zonedesk("export-jsonl", str(exported), db=archive_url)
        wait_for(lambda: partial.exists() or proc.poll() is not None, what="the export")  # noqa: B023
        time.sleep(rng.uniform(0.0, 0.2))
        kill9(proc)
        now = hashlib.sha256(exported.read_bytes()).hexdigest()
        if not partial.exists():  # it had put its finished file in place before the kill landed
            lines = exported.read_text(encoding="utf-8").splitlines()
            assert len(lines) == 2000
            assert all(json.loads(text)["body"] for text in lines)
            before = now
            continue
        assert now == before  # killed while writing: the previous file is untouched
        killed += 1
        if killed == 3:
            break
    assert killed == 3, "the export kept finishing before it could be killed"
    in_process("export-jsonl", str(exported), db=archive_url)
    assert len(exported.read_text(encoding="utf-8").splitlines()) == 2000
    archive.close()
