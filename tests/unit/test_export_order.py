"""The exported site lists cities and zones in pinyin order, as the editor does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from editor.archive.database import open_archive
from editor.text.collation import sorted_names
from tests.unit.test_export import export, import_rows, visible_lines
from tests.unit.test_jsonl import line

#: (zone, city): in code-point order 上海 < 北京 < 常州 < 无锡 < 苏州
ZONES = [
    ("上海外高桥保税区", "上海"),
    ("北京经济技术开发区", "北京"),
    ("苏州工业园区", "苏州"),
    ("无锡高新技术产业开发区", "无锡"),
    ("江苏金坛经济开发区", "常州"),
    ("常州国家高新技术产业开发区", "常州"),
]
ROOT = Path(__file__).resolve().parents[2]
IN_PINYIN = ["北京", "常州", "上海", "苏州", "无锡"]


def test_the_home_page_and_the_zone_directory_list_cities_in_pinyin_order(
    sqlite_url: str, tmp_path: Path
) -> None:
    rows = [
        line(n, id=f"order-{n}", zone=zone, category=["开发区新闻", city, "文字新闻"])
        for n, (zone, city) in enumerate(ZONES, start=1)
    ]
    with open_archive(sqlite_url) as archive:
        import_rows(archive, tmp_path, rows)
        export(archive, tmp_path / "site")
    site = tmp_path / "site"
    assert sorted_names(IN_PINYIN) == IN_PINYIN
    assert sorted(IN_PINYIN) != IN_PINYIN  # code-point order would differ

    home = visible_lines(site / "index.html")
    regions = [name for name in home if name in IN_PINYIN]
    assert regions == IN_PINYIN

    directory = visible_lines(site / "zone/index.html")
    cities = [text.split()[0] for text in directory if text.split()[0] in IN_PINYIN]
    assert cities == IN_PINYIN
    zones = [text.split()[0] for text in directory if text.endswith("区 1")]
    assert zones[1:3] == ["常州国家高新技术产业开发区", "江苏金坛经济开发区"]  # chang < jiang

    again = tmp_path / "again"
    with open_archive(sqlite_url) as archive:
        export(archive, again)
    assert (again / "index.html").read_bytes() == (site / "index.html").read_bytes()


def test_an_incremental_export_orders_names_without_loading_pinyin(
    sqlite_url: str, tmp_path: Path
) -> None:
    """The names' readings are kept with their slugs in the manifest: sorting them again costs
    no pypinyin (~0.3 s of the 0.5 s an incremental export may take)."""
    rows = [
        line(n, id=f"order-{n}", zone=zone, category=["开发区新闻", city, "文字新闻"])
        for n, (zone, city) in enumerate(ZONES, start=1)
    ]
    site = tmp_path / "site"
    with open_archive(sqlite_url) as archive:
        import_rows(archive, tmp_path, rows)
        export(archive, site)
    first = (site / "index.html").read_bytes()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from editor.archive.database import open_archive\n"
        "from tests.unit.test_export import export\n"
        f"with open_archive({sqlite_url!r}) as archive:\n"
        f"    export(archive, Path({str(site)!r}))\n"
        "print('pypinyin' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr
    assert (site / "index.html").read_bytes() == first
