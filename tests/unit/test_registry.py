"""Seed data of a new archive (editor.archive.registry)."""

from __future__ import annotations

import dataclasses

import pytest

from editor.archive.registry import (
    CITIES,
    DEFAULT_KINDS,
    DEFAULT_SECTIONS,
    LEVELS,
    MAIN_SECTION,
    PROVINCES,
    ZONES,
    ZoneEntry,
    category_path_for_zone,
    zone_by_name,
    zones_in_city,
)
from tests.bench import make_corpus

CITY_PROVINCE = {
    "常州": "江苏", "苏州": "江苏", "无锡": "江苏", "南京": "江苏", "南通": "江苏",
    "扬州": "江苏", "镇江": "江苏", "徐州": "江苏", "连云港": "江苏", "上海": "上海",
    "杭州": "浙江", "宁波": "浙江", "嘉兴": "浙江", "绍兴": "浙江", "温州": "浙江",
    "合肥": "安徽", "芜湖": "安徽", "北京": "北京", "天津": "天津", "廊坊": "河北",
    "石家庄": "河北", "青岛": "山东", "烟台": "山东", "济南": "山东", "威海": "山东",
    "大连": "辽宁", "沈阳": "辽宁", "长春": "吉林", "哈尔滨": "黑龙江", "广州": "广东",
    "深圳": "广东", "珠海": "广东", "东莞": "广东", "惠州": "广东", "厦门": "福建",
    "福州": "福建", "武汉": "湖北", "长沙": "湖南", "郑州": "河南", "成都": "四川",
    "重庆": "重庆", "西安": "陕西", "昆明": "云南", "南昌": "江西", "南宁": "广西",
    "贵阳": "贵州", "乌鲁木齐": "新疆",
}  # fmt: skip


def test_sections_and_kinds() -> None:
    assert DEFAULT_SECTIONS[0] == MAIN_SECTION == "开发区新闻"
    assert "招商信息" in DEFAULT_SECTIONS
    assert "政策法规" in DEFAULT_SECTIONS
    assert len(set(DEFAULT_SECTIONS)) == len(DEFAULT_SECTIONS) <= 6
    assert DEFAULT_KINDS == ("文字新闻", "图片新闻")


def test_zone_entry_is_frozen() -> None:
    zone = ZONES[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        zone.name = "x"  # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(ZoneEntry)] == [
        "name",
        "short_name",
        "province",
        "city",
        "level",
    ]


def test_zones_are_unique_and_complete() -> None:
    names = [z.name for z in ZONES]
    shorts = [z.short_name for z in ZONES]
    assert len(set(names)) == len(names)
    assert len(set(shorts)) == len(shorts)
    for zone in ZONES:
        assert all(v and v == v.strip() for v in dataclasses.astuple(zone)), zone
        assert zone.level in LEVELS, zone
        assert CITY_PROVINCE[zone.city] == zone.province, zone
    assert len(ZONES) >= 65


def test_levels_use_the_generator_wording() -> None:
    assert set(LEVELS) == {"经济技术开发区", "高新技术产业开发区", "省级经济开发区", "保税区"}
    assert {z.level for z in ZONES} == set(LEVELS)


def test_the_corpus_generator_draws_its_zones_from_the_registry() -> None:
    assert make_corpus.ZONES is ZONES  # no private table of zones
    articles = list(make_corpus.make_articles(400, seed=5))
    for article in articles:
        assert zone_by_name(article.zone.name) is article.zone
        assert article.category == category_path_for_zone(article.zone, kind=article.kind)
        assert article.kind in DEFAULT_KINDS
    assert len({a.zone.province for a in articles}) >= 15
    home = zone_by_name(make_corpus.HOME_ZONE)
    assert home is not None
    assert home is ZONES[0]
    # the home zone has the most news, every zone some chance of it
    weights = {z.name: make_corpus.zone_weight(z, home.city) for z in ZONES}
    assert max(weights.values()) == weights[home.name]
    assert min(weights.values()) >= 1


def test_corpus_sources_report_on_registered_places() -> None:
    places = {z.name for z in ZONES} | set(CITIES) | set(PROVINCES)
    for source, weight, where in make_corpus.SOURCES:
        assert weight >= 1, source
        assert where == "" or where in places, (source, where)
    for zone in ZONES:  # every zone has a source (the national press reports on all)
        assert make_corpus.sources_for(zone)[0], zone


def test_the_corpus_describes_zones_as_the_registry_does() -> None:
    """The sentence naming a zone's place and level takes both from the registry."""
    seen = 0
    for article in make_corpus.make_articles(300, seed=2):
        zone = article.zone
        marker = f"据悉，{zone.name}是位于"
        if marker in article.body:
            place = zone.city if zone.city == zone.province else zone.province + zone.city
            assert f"{marker}{place}的{zone.level}，" in article.body
            seen += 1
    assert seen >= 20


@pytest.mark.parametrize(
    ("name", "province", "city"),
    [
        ("江苏金坛经济开发区", "江苏", "常州"),
        ("上海张江高科技园区", "上海", "上海"),
        ("中关村科技园区", "北京", "北京"),
        ("廊坊经济技术开发区", "河北", "廊坊"),
        ("南宁经济技术开发区", "广西", "南宁"),
        ("乌鲁木齐经济技术开发区", "新疆", "乌鲁木齐"),
        ("哈尔滨经济技术开发区", "黑龙江", "哈尔滨"),
        ("东莞松山湖高新技术产业开发区", "广东", "东莞"),
    ],
)
def test_provinces(name: str, province: str, city: str) -> None:
    zone = zone_by_name(name)
    assert zone is not None
    assert (zone.province, zone.city) == (province, city)


def test_zone_by_name() -> None:
    jintan = zone_by_name("江苏金坛经济开发区")
    assert jintan == ZoneEntry("江苏金坛经济开发区", "金坛经开区", "江苏", "常州", "省级经济开发区")
    assert zone_by_name("  江苏金坛经济开发区 ") is jintan
    assert zone_by_name("金坛经开区") is jintan  # short name
    assert zone_by_name("不存在的开发区") is None
    assert zone_by_name("") is None


def test_cities() -> None:
    assert list(CITIES) == sorted(set(CITIES))
    assert set(CITIES) == {z.city for z in ZONES}
    assert {"常州", "苏州", "上海", "北京", "乌鲁木齐"} <= set(CITIES)
    assert len(CITIES) >= 45
    assert list(PROVINCES) == sorted({z.province for z in ZONES})


def test_zones_in_city() -> None:
    changzhou = zones_in_city("常州")
    assert [z.short_name for z in changzhou] == [
        "金坛经开区",
        "常州高新区",
        "武进高新区",
        "常州经开区",
        "溧阳经开区",
    ]
    assert zones_in_city("火星") == ()


def test_category_path_for_zone() -> None:
    jintan = zone_by_name("江苏金坛经济开发区")
    assert jintan is not None
    assert category_path_for_zone(jintan) == ("开发区新闻", "常州", "文字新闻")
    assert category_path_for_zone(jintan, kind="图片新闻") == ("开发区新闻", "常州", "图片新闻")
    assert category_path_for_zone(jintan, section="招商信息") == ("招商信息", "常州", "文字新闻")
