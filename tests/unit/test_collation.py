"""Chinese names in pinyin order, and found by characters, pinyin or initials."""

from __future__ import annotations

import random
from pathlib import Path

from editor.archive import catalog, registry
from editor.archive.articles import ArticleService
from editor.archive.database import open_archive
from editor.archive.jsonl import import_jsonl
from editor.text.collation import (
    category_sort_key,
    key_of_reading,
    matches,
    pinyin_key,
    query_terms,
    reading,
    search_key,
    sorted_names,
)
from tests.unit.test_jsonl import line, write_jsonl

PATH = ("开发区新闻", "常州", "文字新闻")


def test_cities_are_in_pinyin_order_not_code_point_order() -> None:
    cities = ["上海", "东莞", "乌鲁木齐", "北京", "重庆", "常州", "长沙", "成都", "厦门", "西安"]
    assert sorted_names(cities) == [
        "北京",
        "长沙",  # chang-sha: 长 read through the phrase, not zhang
        "常州",
        "成都",
        "重庆",  # chong-qing, not zhong-qing
        "东莞",
        "上海",
        "乌鲁木齐",
        "西安",  # xi-an before xia-men: syllable by syllable, as a dictionary
        "厦门",  # xia-men, not sha-men
    ]
    every = sorted_names(registry.CITIES)
    assert every[:3] == ["北京", "长春", "长沙"]
    assert every[-1] == "珠海"


def test_the_order_is_total_tone_then_characters_decide() -> None:
    # the same toneless pinyin: the tone decides (wu1 乌, wu2 无, wu3 武), then the characters
    assert sorted_names(["武汉", "无锡", "乌鲁木齐", "芜湖"]) == [
        "武汉",
        "芜湖",
        "乌鲁木齐",
        "无锡",
    ]
    assert sorted_names(["吴", "无", "乌", "武"]) == ["乌", "吴", "无", "武"]  # wu1 < wu2 < wu3
    assert pinyin_key("吴")[:2] == pinyin_key("无")[:2]  # both wu2: the characters decide
    names = ["金坛", "金坛", "ABC园区", "abc园区", "园区", "1号园区", "", "常州"]
    shuffled = names[:]
    random.Random(7).shuffle(shuffled)
    assert sorted_names(shuffled) == sorted_names(names)  # stable whatever the input order
    assert pinyin_key("ABC园区") != pinyin_key("abc园区")


def test_latin_words_and_digits_sort_among_the_pinyin() -> None:
    assert sorted_names(["北京", "Apple园区", "阿拉善", "Zeta", "1号园区", "珠海"]) == [
        "1号园区",
        "阿拉善",  # a
        "Apple园区",  # apple
        "北京",
        "Zeta",
        "珠海",  # zhu after zeta
    ]


def test_regions_sort_by_pinyin_other_levels_by_position() -> None:
    cities = [(3, 0, "上海"), (4, 1, "北京"), (5, 2, "常州")]
    by_key = sorted(cities, key=lambda c: category_sort_key(2, c[1], pinyin_key(c[2]), c[0]))
    assert [c[2] for c in by_key] == ["北京", "常州", "上海"]
    kinds = [(7, 0, "文字新闻"), (8, 1, "图片新闻")]
    by_key = sorted(kinds, key=lambda c: category_sort_key(3, c[1], pinyin_key(c[2]), c[0]))
    assert [c[2] for c in by_key] == ["文字新闻", "图片新闻"]  # their positions, not pinyin
    same = [(9, 0, "投资指南"), (10, 0, "招商信息")]
    by_key = sorted(same, key=lambda c: category_sort_key(1, c[1], pinyin_key(c[2]), c[0]))
    assert [c[2] for c in by_key] == ["投资指南", "招商信息"]  # equal positions: pinyin


def test_a_path_is_found_by_characters_pinyin_or_initials() -> None:
    for query in ("常州", "文字新闻", "常州 文字", "文字 常州", "changzhou", "cz", "CZ", "chang"):
        assert matches(query, PATH), query
    assert matches("开发区新闻 > 常州 > 文字新闻", PATH)  # a pasted path: the > are no terms
    assert matches("", PATH)
    assert matches("wzxw", PATH)
    assert matches("zhou", PATH)  # pinyin from any syllable
    assert not matches("angzh", PATH)  # but not from the middle of one
    assert not matches("常州 图片", PATH)  # every term must match
    assert not matches("czwz", PATH)  # a term stays within one level
    assert not matches("苏州", PATH)


def test_zones_by_pinyin_and_initials() -> None:
    assert matches("jt", "江苏金坛经济开发区")
    assert matches("jintan", "江苏金坛经济开发区")
    assert matches("金坛", "江苏金坛经济开发区")
    assert matches("sz gyyq", "苏州工业园区")
    assert not matches("jt", "苏州工业园区")
    assert matches("cq", "重庆经济技术开发区")
    assert matches("chongqing", "重庆经济技术开发区")
    assert not matches("zhongqing", "重庆经济技术开发区")
    assert matches("lv", "绿色园区")
    assert matches("lü", "绿色园区")
    key = search_key("江苏金坛经济开发区")
    assert key is search_key("江苏金坛经济开发区")  # computed once
    assert matches("jt", key)
    assert query_terms(" > Jin  TAN ") == ("jin", "tan")


def test_the_catalog_lists_zones_sources_and_regions_in_pinyin_order(
    sqlite_url: str, tmp_path: Path
) -> None:
    rows = [
        line(n, title=f"新闻{n}", source=source, category=["开发区新闻", city, "文字新闻"])
        for n, (source, city) in enumerate(
            [("新华日报", "上海"), ("北京日报", "北京"), ("常州日报", "常州")], start=1
        )
    ]
    with open_archive(sqlite_url) as archive:
        report = import_jsonl(
            ArticleService(archive), write_jsonl(tmp_path / "in.jsonl", rows), workers=1
        )
        assert report.ok, report.bad
        zone_list = catalog.zones(archive)
        sources = catalog.source_names(archive)
        roots = catalog.category_tree(archive)
    zones = [z.name for z in zone_list]
    assert zones == sorted_names(zones)
    assert zones != sorted(zones)
    assert sources == sorted_names(sources)
    assert sources.index("北京日报") < sources.index("常州日报") < sources.index("新华日报")
    assert [r.name for r in roots][:2] == ["开发区新闻", "招商信息"]  # sections: their positions
    cities = [c.name for c in roots[0].children]
    assert cities == sorted_names(cities)
    assert cities.index("北京") < cities.index("常州") < cities.index("上海")
    kinds = [k.name for k in roots[0].children[0].children]
    assert kinds == ["文字新闻", "图片新闻"]


def test_a_kept_reading_gives_the_same_key() -> None:
    for name in ("常州", "重庆", "ABC园区x1", "1号", "", "乌鲁木齐", "绿地"):
        assert key_of_reading(name, reading(name)) == pinyin_key(name), name
    assert reading("常州") == "chang2 zhou1"
    assert key_of_reading("常州", "chang-zhou") is None  # a slug is no reading
    assert key_of_reading("常州", "chang") is None
