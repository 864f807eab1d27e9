"""The command line, run as a user runs it: `python main.py [--db URL] COMMAND` in a subprocess.

Each test runs its command once as a subprocess (the exit code, the output a pipe gets) and its
other steps in this process (``in_process``: same parser, same handlers, same output), which
saves a second of interpreter start-up each."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from editor import __version__, cli, launcher
from editor.archive.changes import change_token
from editor.archive.database import open_archive
from editor.export import writer as writer_module
from editor.export.writer import MANIFEST
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
    # in this process: the import as a subprocess has its own tests (bad lines, kill -9)
    result = in_process("import", str(path), db=archive_url)
    assert "3 created" in result.stdout
    return archive_url


def created(url: str) -> str:
    """What a command that made a new archive at ``url`` says on stderr."""
    return f"note: created a new archive at {url.removeprefix('sqlite:///')}\n"


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
    filtered = json.loads(in_process("list", "--json", "--city", "苏州", db=imported).stdout)
    assert [r["title"] for r in filtered] == ["苏州工业园区发布新政策"]


def test_list_readable(imported):
    out = zonedesk("list", db=imported).stdout
    assert "金坛经开区召开项目推进会" in out
    assert "of 3" in out


def test_search_chinese_two_characters_and_english(imported):
    hits = json.loads(zonedesk("search", "金坛", "--json", db=imported).stdout)
    assert {h["title"] for h in hits} == {"金坛经开区召开项目推进会"}
    assert "snippet" in hits[0]
    hits = json.loads(in_process("search", "园区", "--json", db=imported).stdout)
    assert {h["title"] for h in hits} == {"金坛经开区召开项目推进会", "苏州工业园区发布新政策"}
    hits = json.loads(in_process("search", "Investment", "--json", db=imported).stdout)
    assert [h["title"] for h in hits] == ["苏州工业园区发布新政策"]
    readable = in_process("search", "园区", db=imported).stdout
    assert "【园区】" in readable


def test_show_json_has_the_body(imported):
    rows = json.loads(in_process("list", "--json", db=imported).stdout)
    target = next(r for r in rows if r["external_id"] == "ext-1")
    shown = json.loads(in_process("show", str(target["id"]), "--json", db=imported).stdout)
    assert shown["body"] == "园区项目加快推进。"
    assert shown["title"] == target["title"]
    assert shown["counts"] == {"chinese": 8, "english": 0}  # 字数 as the status bar counts
    text = zonedesk("show", str(target["id"]), db=imported).stdout
    assert "字数 8 · English words 0" in text
    assert "发布时间:" in text
    assert "来源:金坛手机台" in text
    assert "发布开发区:江苏金坛经济开发区" in text


def test_show_unknown_id_is_a_clear_error(imported):
    result = zonedesk("show", "999999", db=imported, check=False)
    assert result.returncode == 2
    assert "no article 999999" in result.stderr


def test_stats_and_verify(imported):
    stats = json.loads(in_process("stats", "--json", db=imported).stdout)
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
        stats = json.loads(in_process("stats", "--json", db=f"sqlite:///{backup}").stdout)
        assert stats["articles"] == 3
        again = in_process("backup", str(backup), db=imported, check=False)
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
    rows = json.loads(in_process("list", "--json", db=imported).stdout)
    aid = str(rows[0]["id"])
    zonedesk("delete", aid, db=imported)
    assert len(json.loads(in_process("list", "--json", db=imported).stdout)) == 2
    trash = json.loads(in_process("list", "--trash", "--json", db=imported).stdout)
    assert [str(r["id"]) for r in trash] == [aid]
    in_process("undelete", aid, db=imported)
    assert len(json.loads(in_process("list", "--json", db=imported).stdout)) == 3


@pytest.mark.slow
def test_kill_during_import_leaves_whole_articles_and_rerun_completes(archive_url, tmp_path):
    rng = random.Random(3)
    rows = [
        line(n, body=(f"第{n}篇。" + "园区项目建设。" * 200 + "\n\n") * 3) for n in range(1, 2001)
    ]
    path = write_jsonl(tmp_path / "big.jsonl", rows)
    open_archive(archive_url).close()  # create the archive first
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
    # as a user runs it (rendering every article is verify's own tests' concern)
    assert zonedesk("verify", "--quick", db=archive_url).returncode == 0

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


# -- in this process: what each command prints, its --json shape, its errors and exit codes ------


class Terminal(io.StringIO):
    """stderr as a terminal: the commands draw their progress bars only there."""

    def isatty(self) -> bool:
        return True


class InterruptedTerminal(Terminal):
    """A terminal whose user presses Ctrl-C as the first progress bar is drawn."""

    def write(self, text: str) -> int:
        if "█" in text and "interrupted" not in self.getvalue():
            raise KeyboardInterrupt
        return super().write(text)


ROWS = [
    line(1, title="金坛经开区召开项目推进会", body="园区项目加快推进。"),
    line(
        2,
        title="苏州工业园区发布新政策",
        zone="苏州工业园区",
        category=["开发区新闻", "苏州", "文字新闻"],
        published_at="2021-04-02T09:00:00",
        body="招商引资 investment policy.",
    ),
    line(3, title="Jintan opens a 5G park", language="en", body="An English story."),
]


@pytest.fixture
def here(sqlite_url, tmp_path):
    """A SQLite archive holding ROWS, imported in this process."""
    in_process("import", str(write_jsonl(tmp_path / "rows.jsonl", ROWS)), db=sqlite_url)
    return sqlite_url


def ids_by_title(db: str) -> dict[str, int]:
    return {r["title"]: r["id"] for r in json.loads(in_process("list", "--json", db=db).stdout)}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--category", " > "], "give a category path"),
        (["list", "--from", "2020-13-01"], "not a date (YYYY-MM-DD): '2020-13-01'"),
        (["list", "--status", "lost"], "invalid choice: 'lost'"),
        (["show", "seven"], "invalid int value: 'seven'"),
        (["site"], "the following arguments are required: ACTION"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_arguments_exit_2_naming_what_is_wrong(args, message, capsys):
    with pytest.raises(SystemExit) as caught:
        cli.build_parser().parse_args(args)
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_importing_a_missing_file_is_an_error_and_creates_no_archive(sqlite_url, tmp_path):
    result = in_process("import", str(tmp_path / "nope.jsonl"), db=sqlite_url, check=False)
    assert result.returncode == 2
    assert result.stderr == f"error: {tmp_path / 'nope.jsonl'}: no such file\n"
    assert not (tmp_path / "archive.sqlite3").exists()


def test_the_import_report_names_bad_lines_and_warnings_as_text_and_as_json(sqlite_url, tmp_path):
    rows = [line(1), line(1, title="同一编号的后一行"), "{nope", line(4, body="![图](missing.png)")]
    path = write_jsonl(tmp_path / "mixed.jsonl", rows)
    result = in_process("import", str(path), "--json", db=sqlite_url, check=False)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert set(report) == {
        *("lines", "created", "updated", "unchanged", "bad", "warnings", "seconds"),
        *("committed_through", "stopped_at", "error"),  # where an import the archive stopped ended
    }
    assert (report["committed_through"], report["stopped_at"], report["error"]) == (4, None, None)
    assert (report["lines"], report["created"], report["updated"]) == (4, 2, 0)
    assert [p["line"] for p in report["bad"]] == [3]
    reasons = {p["line"]: p["reason"] for p in report["warnings"]}
    assert reasons[2] == "same id as line 1: this later line wins"
    assert "image not found: missing.png" in reasons[4]
    assert result.stderr == created(sqlite_url)

    again = in_process("import", str(path), db=sqlite_url, check=False)
    assert again.returncode == 1
    assert f"{path}: line 3:" in again.stderr
    assert f"{path}: warning: line 2: same id as line 1" in again.stderr
    assert again.stdout.startswith("4 lines: 0 created, 0 updated, 2 unchanged, 1 bad (")


def test_progress_bars_are_drawn_on_a_terminal_only(sqlite_url, tmp_path):
    path = write_jsonl(tmp_path / "rows.jsonl", ROWS)
    drawn = in_process("import", str(path), "--workers", "1", db=sqlite_url, err=Terminal()).stderr
    assert drawn == f"{created(sqlite_url)}\r  {'█' * 30} 3/3\n"
    drawn = in_process("export", str(tmp_path / "site"), db=sqlite_url, err=Terminal()).stderr
    assert f"\r  rendering {'█' * 30} " in drawn
    assert drawn.endswith("\n")
    assert (
        in_process("export", str(tmp_path / "site"), "--json", db=sqlite_url, err=Terminal()).stderr
        == ""
    )


def test_ctrl_c_during_an_import_keeps_what_was_committed(sqlite_url, tmp_path):
    path = write_jsonl(tmp_path / "rows.jsonl", ROWS)
    done = in_process(
        "import", str(path), "--workers", "1", db=sqlite_url, err=InterruptedTerminal(), check=False
    )
    code, err = done.returncode, done.stderr
    assert code == 130
    assert err == f"{created(sqlite_url)}interrupted: what was committed is kept\n"
    assert json.loads(in_process("stats", "--json", db=sqlite_url).stdout)["articles"] == 3
    assert json.loads(in_process("verify", "--json", db=sqlite_url).stdout)["ok"] is True


def test_fit_cuts_and_pads_to_terminal_columns():
    assert cli.fit("苏州工业园区", 5) == "苏州…"  # two columns a character
    assert cli.display_width(cli.fit("苏州工业园区", 6)) == 6
    assert cli.fit("abc", 5) == "abc  "
    assert cli.fit("abcdef", 4) == "abc…"


def test_list_readable_lines_up_long_zones_and_says_when_nothing_is_found(here):
    long_zone = "江苏省常州市金坛区经济技术开发区管理委员会"
    rows = [line(9, title="长区名", zone=long_zone, published_at="2022-01-01T08:00:00")]
    path = write_jsonl(Path(here.removeprefix("sqlite:///")).with_name("long.jsonl"), rows)
    in_process("import", str(path), db=here)
    listed = in_process("list", db=here).stdout.splitlines()
    first = listed[0]
    assert first.endswith("  长区名")
    assert "江苏省常州市金坛区经济…" in first  # cut to its 24 columns
    widths = {cli.display_width(row.rsplit("  ", 1)[0]) for row in listed[:-1]}
    assert len(widths) == 1, listed  # every title starts in the same column
    assert listed[-1] == "(1–4 of 4)"
    assert in_process("list", "--trash", db=here).stdout == "(none of 0)\n"


def test_list_filters_sort_and_page(here):
    def titles(*args: str) -> list[str]:
        return [r["title"] for r in json.loads(in_process("list", "--json", *args, db=here).stdout)]

    assert titles("--category", "开发区新闻/苏州") == ["苏州工业园区发布新政策"]
    assert titles("--from", "2021-04-01", "--to", "2021-04-30") == ["苏州工业园区发布新政策"]
    assert titles("--status", "draft") == []
    by_title = titles("--sort", "title", "--asc")
    assert by_title == sorted(by_title)
    assert titles("--limit", "1", "--offset", "1") == [titles()[1]]


def test_search_output_as_text_and_as_json(here):
    none = in_process("search", "不存在的词", db=here)
    assert none.stdout == "(0 shown of 0 matches for '不存在的词')\n"
    hits = json.loads(in_process("search", "园区", "--city", "苏州", "--json", db=here).stdout)
    assert [h["title"] for h in hits] == ["苏州工业园区发布新政策"]
    hit = hits[0]
    assert isinstance(hit["score"], float)
    assert all(len(span) == 2 for span in hit["highlights"])
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "园区"
    assert "body" not in hit  # the list shape, no body


def test_mark_puts_each_match_in_brackets():
    assert cli.mark("金坛园区和苏州园区", [(7, 9), (2, 4)]) == "金坛【园区】和苏州【园区】"
    assert cli.mark("无匹配", []) == "无匹配"


def test_show_revisions_tags_and_the_trash(here):
    aid = ids_by_title(here)["金坛经开区召开项目推进会"]
    shown = json.loads(in_process("show", str(aid), "--json", "--revisions", db=here).stdout)
    assert [(r["number"], r["kind"]) for r in shown["revisions"]] == [(1, "import")]
    assert set(shown["revisions"][0]) == {"number", "kind", "saved_at", "saved_by", "title"}
    assert shown["deleted_at"] is None
    in_process("delete", str(aid), db=here)
    text = in_process("show", str(aid), "--revisions", db=here).stdout
    assert " · tags 招商 · IN TRASH" in text
    assert "\nrevision 1: import " in text
    assert in_process("undelete", str(aid), db=here).stdout == (
        f"article {aid} “金坛经开区召开项目推进会” restored from the trash\n"
    )
    missing = in_process("delete", "999999", db=here, check=False)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert "999999" in missing.stderr


def test_stats_readable_of_a_full_and_an_empty_archive(here, tmp_path):
    text = in_process("stats", db=here).stdout
    assert "articles    3 (draft 0, review 0, published 3, archived 0); 0 in the trash" in text
    assert "top zones   江苏金坛经济开发区 2, 苏州工业园区 1" in text
    open_archive(f"sqlite:///{tmp_path}/empty.sqlite3").close()
    empty = in_process("stats", db=f"sqlite:///{tmp_path}/empty.sqlite3").stdout
    assert "articles    0" in empty
    assert "top zones" not in empty


def test_verify_names_a_damaged_article_and_exits_1(here):
    aid = ids_by_title(here)["Jintan opens a 5G park"]
    assert in_process("verify", "--quick", db=here).stdout.endswith(": OK\n")
    engine = create_engine(here)
    with engine.begin() as conn:
        conn.execute(text("UPDATE article SET body_html = '' WHERE id = :id"), {"id": aid})
    engine.dispose()
    result = in_process("verify", db=here, check=False)
    assert result.returncode == 1
    assert f"problem: article {aid}: the rendered body is missing\n" in result.stdout
    assert "1 problem(s)" in result.stdout
    report = json.loads(in_process("verify", "--json", "--quick", db=here, check=False).stdout)
    assert report["ok"] is False
    assert report["problems"] == [f"article {aid}: the rendered body is missing"]


def test_an_archive_that_cannot_be_opened_is_an_error_for_every_command(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    for args in (["list"], ["stats", "--json"], ["show", "1"], ["site", "show"]):
        result = in_process(*args, db=str(junk), check=False)
        assert result.returncode == 2, args
        assert result.stdout == ""
        assert result.stderr.startswith("error: "), args
    assert junk.read_bytes() == b"not a database at all" * 100


def test_site_show_flags_a_bad_stored_value_and_exits_1(here):
    engine = create_engine(here)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE setting SET value = 'nobody' WHERE key = 'site.email'"),
        )
    engine.dispose()
    result = in_process("site", "show", db=here, check=False)
    assert result.returncode == 1
    email = next(row for row in result.stdout.splitlines() if row.startswith("site.email"))
    assert email.startswith("site.email      nobody   ← invalid: ")
    assert (
        json.loads(in_process("site", "show", "--json", db=here).stdout)["site.email"] == "nobody"
    )


def test_export_json_shape_and_a_damaged_manifest_is_a_warning(here, tmp_path):
    out = tmp_path / "site"
    report = json.loads(in_process("export", str(out), "--json", db=here).stdout)
    assert set(report) == {
        *("out", "mode", "files", "articles", "written", "unchanged", "removed"),
        *("seconds", "recovered", "warnings", "timings", "left_out"),
    }
    assert (report["out"], report["articles"], report["warnings"]) == (str(out), 3, [])
    (out / MANIFEST).write_text("{half a manifest", encoding="utf-8")
    result = in_process("export", str(out), db=here, check=False)
    assert result.returncode == 1
    assert result.stderr == f"warning: the manifest in {out} was unreadable: everything rebuilt\n"
    assert f" files in {out} (3 articles): " in result.stdout


def test_export_notes_what_it_recovered(here, tmp_path, monkeypatch):
    out = tmp_path / "site"
    in_process("export", str(out), db=here)
    real = os.rename

    def power_cut_after_the_first(*args: Any) -> None:
        monkeypatch.setattr(writer_module.os, "rename", real)
        real(*args)
        raise OSError("power cut")

    # a file system that cannot exchange the folders in one step: the two renames of the fallback
    monkeypatch.setattr(writer_module, "exchange", lambda a, b: False)
    monkeypatch.setattr(writer_module.os, "rename", power_cut_after_the_first)
    cut = in_process("export", str(out), "--full", db=here, check=False)
    assert cut.returncode == 2
    assert "cannot swap the new export into" in cut.stderr
    assert "power cut; the next export finishes or undoes the swap" in cut.stderr
    result = in_process("export", str(out), db=here)
    assert result.stderr == "note: finished swapping in the interrupted export\n"


def test_export_errors_exit_2_with_the_reason(here, tmp_path):
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "article.html").write_text("{% block %}", encoding="utf-8")
    result = in_process(
        "export", str(tmp_path / "site"), "--theme", str(theme), db=here, check=False
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert "article.html" in result.stderr
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    result = in_process("export", str(a_file), db=here, check=False)
    assert (result.returncode, result.stderr) == (2, f"error: {a_file} is a file, not a folder\n")


def test_the_launcher_runs_a_command_and_prints_the_version(here, capsys):
    assert launcher.main(["--db", here, "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 3
    assert launcher.main(["--db", here, "show", "999999"]) == 2
    assert "no article 999999" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        launcher.main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"ZoneDesk {__version__}\n"


def test_import_page_on_a_terminal_draws_progress_and_names_warnings(sqlite_url, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><div>您现在的位置:首页 &gt; 开发区新闻 &gt; 常州</div><h1>标题</h1>"
        "<p>发布时间:2020-10-10 来源:金坛手机台 发布开发区:江苏金坛经济开发区</p>"
        "<p><img src='missing.png'></p><p>正文</p></body></html>",
        encoding="utf-8",
    )
    done = in_process("import-page", str(page), db=sqlite_url, err=Terminal())
    out, err = done.stdout, done.stderr
    assert err.startswith(f"{created(sqlite_url)}\r  {'█' * 30} 1/1\n")
    assert f"{page}: warning: image not found: missing.png" in err
    assert out.startswith("1 pages: 1 created, 0 updated, 0 unchanged, 0 drafts, 0 not imported")
    done = in_process(
        "import-page", str(tmp_path / "none"), db=sqlite_url, err=Terminal(), check=False
    )
    code, err = done.returncode, done.stderr
    assert code == 1
    assert err == f"{tmp_path / 'none'}: not imported: no such file or folder\n"  # no bar for none


def test_an_image_missing_from_the_archive_is_a_warning_of_the_export(sqlite_url, tmp_path):
    sha = "0" * 64
    rows = [line(1, title="缺图的文章", body=f"正文。\n\n![现场](media/{sha}.png)")]
    imported = in_process(
        "import", str(write_jsonl(tmp_path / "a.jsonl", rows)), "--json", db=sqlite_url
    )
    assert [w["reason"] for w in json.loads(imported.stdout)["warnings"]] == [
        f"image media/{sha[:12]}… is not in the archive"
    ]
    result = in_process("export", str(tmp_path / "site"), db=sqlite_url, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"warning: image media/{sha}.png is not in the archive (shown by news/"
    )
    assert not (tmp_path / "site" / "media").exists()
