"""`main.py check`: output, --json, --fix, exit codes, word lists from the archive."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from editor import cli
from editor.archive.database import open_archive
from editor.spell.wordlists import add_word
from editor.text.counting import count_text
from tests.unit.test_spell import ARTICLE, NEWSROOM_WORDS, expected_positions
from tests.unit.test_spell import en_us as en_us  # the fixture: en_US, or skip (fail in CI)

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<rule>[a-z.-]+): (?P<message>.+)$")


@pytest.fixture(autouse=True)
def _needs_en_us(en_us):
    """Every test here expects spelling to work."""


def check(*args: str, db: str | None = None) -> tuple[int, str, str]:
    """``main.py [--db DB] check ARGS`` in this process: (exit code, stdout, stderr)."""
    argv = [*(["--db", db] if db else []), "check", *args]
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(cli.build_parser().parse_args(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def main_py(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_the_article_as_a_user_runs_it_with_the_newsrooms_words(archive_url, tmp_path):
    with open_archive(archive_url) as archive:
        for word in NEWSROOM_WORDS:
            add_word(archive, word)
    path = write(tmp_path / "article.md", ARTICLE)
    result = main_py("--db", archive_url, "check", str(path))
    assert result.returncode == 1, result.stderr
    rows = [LINE.match(line) for line in result.stdout.splitlines()]
    assert all(rows), result.stdout
    assert [(int(m["line"]), int(m["col"]), m["rule"]) for m in rows if m] == expected_positions()
    assert all(m["path"] == str(path) for m in rows if m)
    assert "investment" in result.stdout
    assert "7 problem(s) in 1 file(s); 4 can be fixed with --fix" in result.stderr
    assert "字数" not in result.stderr  # only when asked for
    counted = main_py("--db", archive_url, "check", "--count", "--json", str(path))
    counts = count_text(ARTICLE)  # the one count: the status bar's, History's
    assert counts.chinese > 50
    assert f"{path}: 字数 {counts.chinese}, English words {counts.english}" in counted.stderr
    assert json.loads(counted.stdout)  # the problems on stdout as before


def test_without_an_archive_check_works_and_creates_none(tmp_path):
    default = Path(os.environ["ZONEDESK_DB"].removeprefix("sqlite:///"))
    path = write(tmp_path / "article.md", ARTICLE)
    code, out, err = check(str(path))
    assert code == 1
    assert "Huayutech" in out  # no shared word list without an archive
    assert "warning" not in err
    assert not default.exists()
    assert not list(tmp_path.glob("*.sqlite3*"))


def test_an_archive_named_by_db_that_does_not_exist_is_an_error(tmp_path):
    missing = tmp_path / "missing.sqlite3"
    code, _, err = check(str(write(tmp_path / "a.md", "金坛。")), db=str(missing))
    assert code == 2
    assert str(missing) in err
    assert not missing.exists()


def test_json_shape(tmp_path):
    path = write(tmp_path / "a.md", "金坛经开区举办investmnt推介会,来自5G企业。\n")
    code, out, _ = check("--json", str(path))
    assert code == 1
    rows = json.loads(out)
    assert [r["rule"] for r in rows] == ["spell.unknown-word", "style.halfwidth-punctuation"]
    spelling, style = rows
    assert spelling["path"] == str(path)
    assert (spelling["line"], spelling["col"]) == (1, 8)
    assert spelling["word"] == "investmnt"
    assert "investment" in spelling["suggestions"]
    assert "fix" not in spelling
    for row in rows:
        assert {"path", "line", "col", "rule", "message"} <= set(row)
        assert isinstance(row["message"], str)
        assert row["message"]
    assert (style["line"], style["col"]) == (1, 20)
    assert "word" not in style
    assert style["fix"] == {"col": 20, "end_col": 21, "replacement": "，", "certain": True}


def test_json_of_a_clean_file_is_an_empty_array(tmp_path):
    code, out, err = check("--json", str(write(tmp_path / "a.md", "金坛经开区召开会议。\n")))
    assert (code, json.loads(out), err) == (0, [], "")


def test_columns_count_characters_not_bytes(tmp_path):
    path = write(tmp_path / "a.md", "第一行\n😀金坛经开区𠀾,常州\n")
    code, out, _ = check(str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:2:8: style.halfwidth-punctuation: half-width “,” in Chinese text: use “，”"
    ]


def test_fix_rewrites_the_file_in_place_and_reports_what_remains(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    path = write(folder / "a.md", "金坛,常州。。\r\n第二行:２０２０年investmnt\r\n")
    path.chmod(0o640)
    code, out, err = check("--fix", str(path))
    assert path.read_bytes().decode("utf-8") == "金坛，常州。\r\n第二行：2020年investmnt\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert code == 1
    assert [m["rule"] for m in map(LINE.match, out.splitlines()) if m] == ["spell.unknown-word"]
    assert f"{path}: fixed 4 problem(s)" in err
    assert [p.name for p in folder.iterdir()] == ["a.md"]  # no temporary file left behind


def test_fix_of_everything_exits_0_and_keeps_a_bom(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbf" + "金坛,常州\n".encode())
    code, out, _ = check("--fix", str(path))
    assert (code, out) == (0, "")
    assert path.read_bytes() == b"\xef\xbb\xbf" + "金坛，常州\n".encode()


def test_fix_leaves_a_clean_file_untouched(tmp_path):
    path = write(tmp_path / "a.md", "金坛经开区召开会议。\n")
    before = path.stat().st_mtime_ns, path.stat().st_ino
    assert check("--fix", str(path))[0] == 0
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == before


def test_a_file_that_is_not_utf8_is_named_and_exits_2(tmp_path):
    bad = tmp_path / "gbk.md"
    bad.write_bytes("金坛经开区".encode("gbk"))
    good = write(tmp_path / "good.md", "金坛,常州\n")
    result = main_py("check", str(bad), str(good))
    assert result.returncode == 2
    assert f"error: {bad}: not UTF-8" in result.stderr
    assert f"{good}:1:3: style.halfwidth-punctuation" in result.stdout  # the others are checked


def test_a_missing_file_exits_2(tmp_path):
    code, _, err = check(str(tmp_path / "nope.md"))
    assert code == 2
    assert "nope.md: no such file" in err


def test_exit_codes_clean_and_problems(tmp_path):
    clean = write(tmp_path / "clean.md", "金坛经开区召开会议。The zone, they said, grew 3.5%.\n")
    assert check(str(clean)) == (0, "", "")
    assert check(str(write(tmp_path / "p.md", "真的吗?\n")))[0] == 1


def test_a_dictionary_that_is_missing_gives_a_warning_and_style_checks_only(tmp_path):
    path = write(tmp_path / "a.md", "金坛,常州 investmnt\n")
    code, out, err = check("--dictionary", "xx_XX", str(path))
    assert code == 1
    assert "warning: Spelling is not checked" in err
    assert "xx_XX" in err
    assert [m["rule"] for m in map(LINE.match, out.splitlines()) if m] == [
        "style.halfwidth-punctuation"
    ]


def test_english_articles_skip_the_chinese_punctuation_rules(tmp_path):
    path = write(tmp_path / "a.md", "Jintan (金坛) hosted an investmnt fair: 金坛,常州\n")
    code, out, _ = check("--lang", "en", str(path))
    assert code == 1
    assert [m["rule"] for m in map(LINE.match, out.splitlines()) if m] == ["spell.unknown-word"]


def test_rules_can_be_disabled(tmp_path):
    path = write(tmp_path / "a.md", "金坛,常州 investmnt\n")
    code, out, _ = check(
        "--disable", "spell.unknown-word", "--disable", "style.halfwidth-punctuation", str(path)
    )
    assert (code, out) == (0, "")
    code, _, err = check("--disable", "style.nonsense", str(path))
    assert code == 2
    assert "style.nonsense" in err


def test_an_unreadable_default_archive_is_a_warning_and_the_check_goes_on(tmp_path, monkeypatch):
    junk = write(tmp_path / "junk.sqlite3", "no database here\n" * 50)
    monkeypatch.setenv("ZONEDESK_DB", f"sqlite:///{junk}")
    path = write(tmp_path / "a.md", "金坛,常州\n")
    code, out, err = check(str(path))
    assert code == 1
    assert "style.halfwidth-punctuation" in out
    assert err.startswith("warning: the archive's word lists were not read: ")
    assert junk.read_text(encoding="utf-8") == "no database here\n" * 50
    code, _, err = check(str(path), db=str(junk))  # named by --db: an error
    assert code == 2
    assert err.startswith("error: ")
