"""Seed data of a new archive (editor.archive.registry)."""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path

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

CORPUS_GENERATOR = Path("/work/shared/bench/make_corpus.py")

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


def _generator_zones() -> list[tuple[str, str, str, str, str, int, int, int]]:
    if not CORPUS_GENERATOR.exists():
        pytest.skip("the corpus generator is not here")
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS_GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.ZONES)


def test_every_generator_zone_is_registered_as_the_generator_has_it() -> None:
    generator = _generator_zones()
    assert len(generator) == 65
    for name, city, _slug, short, level, *_ in generator:
        zone = zone_by_name(name)
        assert zone is not None, name
        assert (zone.city, zone.short_name, zone.level) == (city, short, level)
        assert zone.province == CITY_PROVINCE[city]
    # the generator's zones come first, in its order
    assert [z.name for z in ZONES[: len(generator)]] == [g[0] for g in generator]


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
