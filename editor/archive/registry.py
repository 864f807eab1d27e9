"""What a new archive is seeded with: the portal's sections, the article kinds, and real zones.

Just data and tiny look-ups; no SQL. The category of an article is section > city (region) >
kind, as on the portal: ``开发区新闻 > 常州 > 文字新闻``.

``ZONES`` holds real zones: first the 65 the portal writes about most, then further ones, mostly
national ones in the same cities and the classic bonded zones. The project's corpus generator
(``tests/bench/make_corpus.py``) draws its zones, cities and levels from here. Provinces use their
short form (江苏, 广西, 新疆); the four municipalities are their own province.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "CITIES",
    "DEFAULT_KINDS",
    "DEFAULT_SECTIONS",
    "LEVELS",
    "LEVEL_BONDED",
    "LEVEL_ETDZ",
    "LEVEL_HIGH_TECH",
    "LEVEL_PROVINCIAL",
    "MAIN_SECTION",
    "PHOTO_KIND",
    "PROVINCES",
    "TEXT_KIND",
    "ZONES",
    "ZoneEntry",
    "category_path_for_zone",
    "zone_by_name",
    "zones_in_city",
]

#: The portal's main section: development-zone news, filed by city.
MAIN_SECTION = "开发区新闻"

#: Top sections of the category tree of an investment-promotion portal.
DEFAULT_SECTIONS: tuple[str, ...] = (MAIN_SECTION, "招商信息", "政策法规", "投资指南")

TEXT_KIND = "文字新闻"
PHOTO_KIND = "图片新闻"
#: The third level of the tree, under each city.
DEFAULT_KINDS: tuple[str, ...] = (TEXT_KIND, PHOTO_KIND)

# Levels, worded as in the corpus generator.
LEVEL_ETDZ = "经济技术开发区"  # 国家级经济技术开发区
LEVEL_HIGH_TECH = "高新技术产业开发区"  # 国家级高新技术产业开发区
LEVEL_PROVINCIAL = "省级经济开发区"
LEVEL_BONDED = "保税区"
LEVELS: tuple[str, ...] = (LEVEL_ETDZ, LEVEL_HIGH_TECH, LEVEL_PROVINCIAL, LEVEL_BONDED)


@dataclass(frozen=True, slots=True)
class ZoneEntry:
    """A development zone as the portal names it (the fields of ``domain.model.ZoneRecord``)."""

    name: str  # full official name, the 发布开发区 of an article
    short_name: str
    province: str
    city: str
    level: str


def _zones(rows: tuple[tuple[str, str, str, str, str], ...]) -> tuple[ZoneEntry, ...]:
    return tuple(ZoneEntry(*row) for row in rows)


_E, _H, _P, _B = LEVEL_ETDZ, LEVEL_HIGH_TECH, LEVEL_PROVINCIAL, LEVEL_BONDED

# (name, short name, province, city, level)
ZONES: tuple[ZoneEntry, ...] = _zones(
    (
        # -- the zones the portal writes about most -----------------------------------------
        ("江苏金坛经济开发区", "金坛经开区", "江苏", "常州", _P),
        ("常州国家高新技术产业开发区", "常州高新区", "江苏", "常州", _H),
        ("武进国家高新技术产业开发区", "武进高新区", "江苏", "常州", _H),
        ("常州经济开发区", "常州经开区", "江苏", "常州", _P),
        ("溧阳经济开发区", "溧阳经开区", "江苏", "常州", _P),
        ("苏州工业园区", "苏州工业园区", "江苏", "苏州", _E),
        ("苏州高新技术产业开发区", "苏州高新区", "江苏", "苏州", _H),
        ("昆山经济技术开发区", "昆山开发区", "江苏", "苏州", _E),
        ("张家港保税区", "张家港保税区", "江苏", "苏州", _B),
        ("无锡高新技术产业开发区", "无锡高新区", "江苏", "无锡", _H),
        ("江阴高新技术产业开发区", "江阴高新区", "江苏", "无锡", _H),
        ("南京经济技术开发区", "南京经开区", "江苏", "南京", _E),
        ("南京江宁经济技术开发区", "江宁开发区", "江苏", "南京", _E),
        ("南通经济技术开发区", "南通开发区", "江苏", "南通", _E),
        ("扬州经济技术开发区", "扬州经开区", "江苏", "扬州", _E),
        ("镇江经济技术开发区", "镇江经开区", "江苏", "镇江", _E),
        ("徐州经济技术开发区", "徐州经开区", "江苏", "徐州", _E),
        ("连云港经济技术开发区", "连云港开发区", "江苏", "连云港", _E),
        ("上海漕河泾新兴技术开发区", "漕河泾开发区", "上海", "上海", _E),
        ("上海张江高科技园区", "张江科学城", "上海", "上海", _H),
        ("上海金桥经济技术开发区", "金桥开发区", "上海", "上海", _E),
        ("闵行经济技术开发区", "闵行开发区", "上海", "上海", _E),
        ("上海化学工业经济技术开发区", "上海化工区", "上海", "上海", _E),
        ("杭州经济技术开发区", "杭州经开区", "浙江", "杭州", _E),
        ("萧山经济技术开发区", "萧山经开区", "浙江", "杭州", _E),
        ("宁波经济技术开发区", "宁波经开区", "浙江", "宁波", _E),
        ("嘉兴经济技术开发区", "嘉兴经开区", "浙江", "嘉兴", _E),
        ("绍兴柯桥经济技术开发区", "柯桥经开区", "浙江", "绍兴", _E),
        ("温州经济技术开发区", "温州经开区", "浙江", "温州", _E),
        ("合肥经济技术开发区", "合肥经开区", "安徽", "合肥", _E),
        ("合肥高新技术产业开发区", "合肥高新区", "安徽", "合肥", _H),
        ("芜湖经济技术开发区", "芜湖经开区", "安徽", "芜湖", _E),
        ("北京经济技术开发区", "北京亦庄", "北京", "北京", _E),
        ("中关村科技园区", "中关村", "北京", "北京", _H),
        ("天津经济技术开发区", "天津开发区", "天津", "天津", _E),
        ("天津滨海高新技术产业开发区", "滨海高新区", "天津", "天津", _H),
        ("廊坊经济技术开发区", "廊坊开发区", "河北", "廊坊", _E),
        ("青岛经济技术开发区", "青岛西海岸新区", "山东", "青岛", _E),
        ("烟台经济技术开发区", "烟台开发区", "山东", "烟台", _E),
        ("济南高新技术产业开发区", "济南高新区", "山东", "济南", _H),
        ("大连经济技术开发区", "大连开发区", "辽宁", "大连", _E),
        ("沈阳经济技术开发区", "沈阳经开区", "辽宁", "沈阳", _E),
        ("长春经济技术开发区", "长春经开区", "吉林", "长春", _E),
        ("哈尔滨经济技术开发区", "哈经开区", "黑龙江", "哈尔滨", _E),
        ("广州经济技术开发区", "广州开发区", "广东", "广州", _E),
        ("广州南沙经济技术开发区", "南沙开发区", "广东", "广州", _E),
        ("深圳高新技术产业园区", "深圳高新区", "广东", "深圳", _H),
        ("珠海高新技术产业开发区", "珠海高新区", "广东", "珠海", _H),
        ("东莞松山湖高新技术产业开发区", "松山湖高新区", "广东", "东莞", _H),
        ("惠州大亚湾经济技术开发区", "大亚湾开发区", "广东", "惠州", _E),
        ("厦门火炬高技术产业开发区", "厦门火炬高新区", "福建", "厦门", _H),
        ("福州经济技术开发区", "福州经开区", "福建", "福州", _E),
        ("武汉经济技术开发区", "武汉经开区", "湖北", "武汉", _E),
        ("东湖新技术开发区", "东湖高新区", "湖北", "武汉", _H),
        ("长沙经济技术开发区", "长沙经开区", "湖南", "长沙", _E),
        ("郑州经济技术开发区", "郑州经开区", "河南", "郑州", _E),
        ("成都经济技术开发区", "成都经开区", "四川", "成都", _E),
        ("成都高新技术产业开发区", "成都高新区", "四川", "成都", _H),
        ("重庆经济技术开发区", "重庆经开区", "重庆", "重庆", _E),
        ("西安经济技术开发区", "西安经开区", "陕西", "西安", _E),
        ("昆明经济技术开发区", "昆明经开区", "云南", "昆明", _E),
        ("南昌经济技术开发区", "南昌经开区", "江西", "南昌", _E),
        ("南宁经济技术开发区", "南宁经开区", "广西", "南宁", _E),
        ("贵阳经济技术开发区", "贵阳经开区", "贵州", "贵阳", _E),
        ("乌鲁木齐经济技术开发区", "乌鲁木齐经开区", "新疆", "乌鲁木齐", _E),
        # -- further real zones ----------------------------------------------------------------
        ("吴中经济技术开发区", "吴中经开区", "江苏", "苏州", _E),
        ("常熟经济技术开发区", "常熟经开区", "江苏", "苏州", _E),
        ("吴江经济技术开发区", "吴江经开区", "江苏", "苏州", _E),
        ("太仓港经济技术开发区", "太仓港经开区", "江苏", "苏州", _E),
        ("张家港经济技术开发区", "张家港经开区", "江苏", "苏州", _E),
        ("昆山高新技术产业开发区", "昆山高新区", "江苏", "苏州", _H),
        ("锡山经济技术开发区", "锡山经开区", "江苏", "无锡", _E),
        ("宜兴经济技术开发区", "宜兴经开区", "江苏", "无锡", _E),
        ("南京高新技术产业开发区", "南京高新区", "江苏", "南京", _H),
        ("杭州高新技术产业开发区", "杭州高新区", "浙江", "杭州", _H),
        ("宁波国家高新技术产业开发区", "宁波高新区", "浙江", "宁波", _H),
        ("芜湖高新技术产业开发区", "芜湖高新区", "安徽", "芜湖", _H),
        ("青岛高新技术产业开发区", "青岛高新区", "山东", "青岛", _H),
        ("威海经济技术开发区", "威海经开区", "山东", "威海", _E),
        ("大连高新技术产业园区", "大连高新区", "辽宁", "大连", _H),
        ("沈阳高新技术产业开发区", "沈阳高新区", "辽宁", "沈阳", _H),
        ("长春高新技术产业开发区", "长春高新区", "吉林", "长春", _H),
        ("哈尔滨高新技术产业开发区", "哈尔滨高新区", "黑龙江", "哈尔滨", _H),
        ("福州高新技术产业开发区", "福州高新区", "福建", "福州", _H),
        ("长沙高新技术产业开发区", "长沙高新区", "湖南", "长沙", _H),
        ("郑州高新技术产业开发区", "郑州高新区", "河南", "郑州", _H),
        ("西安高新技术产业开发区", "西安高新区", "陕西", "西安", _H),
        ("重庆高新技术产业开发区", "重庆高新区", "重庆", "重庆", _H),
        ("昆明高新技术产业开发区", "昆明高新区", "云南", "昆明", _H),
        ("南昌高新技术产业开发区", "南昌高新区", "江西", "南昌", _H),
        ("南宁高新技术产业开发区", "南宁高新区", "广西", "南宁", _H),
        ("贵阳国家高新技术产业开发区", "贵阳高新区", "贵州", "贵阳", _H),
        ("乌鲁木齐高新技术产业开发区", "乌鲁木齐高新区", "新疆", "乌鲁木齐", _H),
        ("石家庄高新技术产业开发区", "石家庄高新区", "河北", "石家庄", _H),
        ("上海外高桥保税区", "外高桥保税区", "上海", "上海", _B),
        ("天津港保税区", "天津港保税区", "天津", "天津", _B),
        ("大连保税区", "大连保税区", "辽宁", "大连", _B),
        ("青岛保税区", "青岛保税区", "山东", "青岛", _B),
        ("宁波保税区", "宁波保税区", "浙江", "宁波", _B),
        ("福州保税区", "福州保税区", "福建", "福州", _B),
        ("厦门象屿保税区", "象屿保税区", "福建", "厦门", _B),
        ("广州保税区", "广州保税区", "广东", "广州", _B),
        ("深圳福田保税区", "福田保税区", "广东", "深圳", _B),
        ("珠海保税区", "珠海保税区", "广东", "珠海", _B),
    )
)

_BY_NAME = MappingProxyType({z.name: z for z in ZONES})
_BY_SHORT_NAME = MappingProxyType({z.short_name: z for z in ZONES})

#: Every city (region, the second level of the tree) with a zone, sorted by code point.
CITIES: tuple[str, ...] = tuple(sorted({z.city for z in ZONES}))
#: Every province with a zone, sorted by code point.
PROVINCES: tuple[str, ...] = tuple(sorted({z.province for z in ZONES}))


def zone_by_name(name: str) -> ZoneEntry | None:
    """The zone with this full name (or, failing that, this short name); surrounding spaces are
    ignored. None when unknown."""
    key = name.strip()
    return _BY_NAME.get(key) or _BY_SHORT_NAME.get(key)


def zones_in_city(city: str) -> tuple[ZoneEntry, ...]:
    """The zones of a city in registry order (the most written-about first)."""
    return tuple(z for z in ZONES if z.city == city)


def category_path_for_zone(
    zone: ZoneEntry, section: str = MAIN_SECTION, kind: str = TEXT_KIND
) -> tuple[str, ...]:
    """Where an article of this zone is filed: ``(section, city, kind)``."""
    return (section, zone.city, kind)
