#!/usr/bin/env python3
"""The benchmark corpus: synthetic, deterministic news of Chinese development zones.

    .venv/bin/python tests/bench/make_corpus.py OUT N [--seed S] [--format jsonl|hugo] [--force]

jsonl (the default) writes ``OUT/articles.jsonl`` in the format of ``main.py import`` and the
photos under ``OUT/media/`` (the bodies name them by paths relative to ``OUT``); hugo writes the
same articles as content of a copy of ``tests/bench/hugo-site`` (``write_hugo``).

Zones, short names, cities, provinces, levels, sections and kinds are the archive's registry
(``editor.archive.registry``). Bodies are 1.5–6 KB of Markdown with bold, lists, tables, links and
photos; 15% are 图片新闻; dates run over 2015–2026, numbered in date order as a CMS numbers them;
recurring meetings make titles repeat (57% of 10,000 are distinct).

The same N and seed give the same bytes on every machine: only ``random.Random(seed)`` draws, in a
fixed order; nothing depends on hash(), set order, the clock, the locale or the time zone; photos
are PNGs in stored (uncompressed) deflate blocks. Change what it writes, and bump
``GENERATOR_VERSION`` (the caches are named by it) and the digest pinned in test_corpus.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import shutil
import struct
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from editor.archive import registry
from editor.archive.registry import ZONES, ZoneEntry
from editor.domain.slug import slugify

#: Bumped whenever the output of a given N and seed changes (the shared generator was 1).
GENERATOR_VERSION = 2

TZ = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai, which has had no DST since 1991
START = dt.datetime(2015, 1, 1, tzinfo=TZ)
DAYS = (dt.datetime(2026, 12, 31, tzinfo=TZ) - START).days + 1
HOURS = (7, 8, 8, 9, 9, 9, 10, 10, 10, 11, 11, 14, 14, 15, 15, 16, 16, 17, 18, 20, 21)
BODY_MIN, BODY_MAX = 1536, 6144  # body size bounds, UTF-8 bytes
PHOTO_SHARE = 0.15  # share of 图片新闻
PHOTO_SIZE = (40, 30)  # pixels: stand-ins for news photos, a few KB each

#: The portal's newsroom is at home in Jintan: its zone and city have most of the news.
HOME_ZONE = "江苏金坛经济开发区"


def zone_weight(zone: ZoneEntry, home_city: str) -> int:
    if zone.name == HOME_ZONE:
        return 20
    if zone.city == home_city:
        return 3
    return 2 if zone.level in (registry.LEVEL_ETDZ, registry.LEVEL_HIGH_TECH) else 1


# fmt: off
# (source, weight, what it reports on: a zone, a city or a province of the registry; "" = any)
SOURCES: tuple[tuple[str, int, str], ...] = (
    ("金坛手机台", 10, HOME_ZONE), ("今日金坛", 4, HOME_ZONE), ("常州日报", 6, "常州"),
    ("常州广播电视台", 3, "常州"), ("新华社", 4, ""), ("人民日报", 2, ""), ("经济日报", 2, ""),
    ("新华日报", 3, "江苏"), ("交汇点新闻", 2, "江苏"), ("中国开发区网", 5, ""),
    ("中国新闻网", 2, ""), ("央视新闻", 1, ""), ("科技日报", 1, ""), ("中国经济网", 2, ""),
    ("澎湃新闻", 1, ""), ("第一财经", 1, ""), ("21世纪经济报道", 1, ""), ("解放日报", 1, "上海"),
    ("浙江日报", 1, "浙江"), ("南方日报", 1, "广东"), ("苏州日报", 1, "苏州"),
    ("无锡日报", 1, "无锡"),
)
LOCAL_PRESS = ("金坛手机台", "今日金坛", "常州日报", "常州广播电视台", "新华日报", "交汇点新闻")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶"
GIVEN = ("建国", "海涛", "志强", "晓东", "丽华", "文斌", "国华", "红梅", "俊杰", "明辉", "振宇",
         "雪峰", "春燕", "立新", "永刚", "卫东", "建华", "秀英", "宏伟", "敏", "静", "磊", "伟",
         "勇", "军", "洁", "涛", "鹏", "婷", "一鸣", "子涵", "思远", "国平", "晓燕", "正阳", "嘉怡")
OFFICIALS = ("开发区党工委书记", "管委会主任", "党工委副书记、管委会副主任", "管委会副主任",
             "招商局局长", "经济发展局局长", "科技创新局局长", "市委常委、副市长", "区委书记",
             "区长")
INDUSTRIES = ("新能源汽车", "动力电池", "智能制造", "高端装备", "生物医药", "医疗器械", "集成电路",
              "新一代信息技术", "人工智能", "新材料", "光伏", "新型储能", "氢能", "数字经济",
              "现代物流", "跨境电商", "节能环保", "精细化工", "航空航天", "工业互联网",
              "软件和信息服务", "智能网联汽车", "半导体材料", "高端纺织", "绿色建材")
EVENTS = ("重大项目集中签约仪式", "重点项目集中开工活动", "投资环境推介会", "招商引资工作会议",
          "高质量发展推进会", "优化营商环境大会", "企业家座谈会", "春风行动专场招聘会",
          "安全生产工作会议", "科技创新大会", "产业链供需对接会", "重点项目观摩活动",
          "党建工作会议", "政企恳谈会", "人才工作推进会", "年度工作总结表彰大会")
CONCEPTS = ("新发展理念", "产业强区战略", "创新驱动发展战略", "高质量发展主线", "产城融合发展思路",
            "绿色低碳发展路径", "“一区多园”发展模式", "数字化转型战略", "“链长制”工作机制",
            "项目为王理念")
CO_PREFIX = ("华宇", "中创", "天合", "星源", "远景", "恒立", "东方", "蓝海", "博瑞", "鼎盛", "金辉",
             "海润", "瑞达", "联创", "精工", "新锐", "宏图", "卓越", "诚达", "汇川", "凯德", "申达",
             "盛世", "华晟", "捷佳", "中科", "明阳", "振华", "长盈", "永鼎", "澳盛", "奥力")
CO_FIELD = ("新能源科技", "智能装备", "生物医药", "新材料", "半导体", "汽车零部件", "光电科技",
            "精密机械", "电子科技", "储能技术", "环保科技", "信息技术", "医疗器械", "动力科技")
CO_SUFFIX = ("有限公司", "股份有限公司", "集团有限公司", "科技有限公司")
PRODUCTS = ("动力电池", "光伏组件", "新能源汽车零部件", "精密轴承", "智能传感器", "高端医疗器械",
            "锂电池隔膜", "工业机器人", "芯片封装测试", "碳纤维复合材料", "储能系统", "液压元件",
            "智能家电", "光学镜头", "高性能电机", "氢燃料电池电堆", "生物制剂", "电子化学品")
PROJECT_FORMS = ("年产{n}万套{p}项目", "{p}生产基地项目", "{p}研发中心项目", "{p}智能工厂项目",
                 "{p}总部基地项目", "{p}二期扩建项目", "{p}产业园项目")
UNIVERSITIES = ("南京大学", "东南大学", "清华大学", "上海交通大学", "浙江大学", "常州大学",
                "江南大学", "中国科学院", "华中科技大学", "西安交通大学", "哈尔滨工业大学",
                "河海大学")
TECHS = ("全自动化智能生产线", "数字孪生", "5G+工业互联网", "柔性制造", "干法电极",
         "高精度激光加工", "连续流合成", "视觉检测", "大数据质量追溯")
REGIONS = ("长三角地区", "粤港澳大湾区", "京津冀地区", "日本、韩国及欧洲", "港澳台地区", "全国各地")
SLOGANS = ("园区管家", "企业有呼、服务必应", "拿地即开工", "一件事一次办", "亲商暖企", "马上就办")
AWARDS = ("国家级绿色工业园区", "省级知识产权示范园区", "国家新型工业化产业示范基地",
          "省级智慧园区", "省级生态工业园区", "国家外贸转型升级基地", "省级人才管理改革试验区")
SCENES = ("塔吊林立、机器轰鸣，施工人员正在紧张有序地进行主体结构施工",
          "一排排崭新的厂房拔地而起，生产线上的工人们正忙着调试设备",
          "自动化生产线高速运转，机械臂精准完成焊接、搬运等工序",
          "运输车辆往来穿梭，各施工班组加紧推进厂房钢结构吊装",
          "招聘会现场人头攒动，求职者在各企业展位前详细咨询岗位信息",
          "展厅内的大屏幕实时显示着订单、产能和能耗等各项数据")
QUOTES = ("要牢牢把握发展机遇，以更大力度推进项目建设，确保签约项目早落地、早开工、早投产",
          "项目是经济发展的生命线，要以项目建设的加速度推动高质量发展",
          "要当好服务企业的“店小二”，全力帮助企业解决发展中遇到的困难和问题",
          "要坚持招大引强和培育本土企业并重，不断壮大主导产业规模",
          "要把安全生产摆在更加突出的位置，坚决守牢安全发展底线",
          "要持续深化改革创新，以一流营商环境吸引更多优质项目落户")
SAYINGS = ("这里的审批效率超出了我们的预期，从签约到开工只用了不到三个月。",
           "园区的产业链配套非常完善，我们的大部分原材料都能在周边采购。",
           "我们对在这里的发展充满信心，将持续追加投资，扩大产能。",
           "开发区的服务专员全程跟进，帮我们解决了用工、用电等实际问题。",
           "选择这里，看中的是良好的区位交通条件和优质的人才资源。")
WORK_ITEMS = ("聚焦主导产业，开展精准招商，力争全年新签约亿元以上项目{n}个以上",
              "强化要素保障，加快推进重点项目建设，确保早开工、早投产、早见效",
              "深化“放管服”改革，持续打造市场化、法治化、国际化一流营商环境",
              "加大科技创新投入，推动企业智能化改造和数字化转型",
              "统筹发展与安全，守牢安全生产和生态环保底线",
              "完善园区基础设施和公共服务配套，提升产城融合发展水平",
              "加强人才引育，落实各项人才政策，为产业发展提供智力支撑")
SUBHEADS = ("聚焦主导产业 打造产业高地", "项目建设跑出“加速度”", "优化营商环境 服务企业发展",
            "创新驱动 激发发展新动能", "绿色低碳 推动转型升级", "招大引强 积蓄发展后劲",
            "人才引育 夯实发展根基", "数字赋能 厚植竞争优势")
INDICATORS = (("地区生产总值（亿元）", 80, 900), ("规上工业总产值（亿元）", 150, 2500),
              ("一般公共预算收入（亿元）", 10, 120), ("固定资产投资（亿元）", 40, 500),
              ("实际使用外资（亿美元）", 1, 30), ("进出口总额（亿美元）", 10, 400),
              ("高新技术产业产值（亿元）", 60, 1500), ("社会消费品零售总额（亿元）", 20, 300))
PERIODS = ("一季度", "上半年", "前三季度", "全年")
CAPTIONS = ("项目建设现场", "企业生产车间", "活动现场", "园区一角", "智能生产线")
PROGRESS = ("主体厂房已经封顶", "设备已进场安装", "一期工程已投入试生产", "桩基工程全面完成")
LINKS = ("相关政策原文详见[{city}市人民政府网站]({url})。",
         "更多详情可登录[{zs}官方网站]({url})查询。", "延伸阅读：[{zs}{year}年投资指南]({url})")
CLOSINGS = ("（记者 {a}）", "（来源：{source}）", "责任编辑：{a}", "（通讯员 {a} {b}）")
# fmt: on


@dataclass(slots=True)
class Ctx:
    """What the sentences of one article are about."""

    number: int
    date: dt.datetime
    zone: ZoneEntry
    source: str
    event: str
    photo: bool
    bold: bool
    subheads: bool
    industries: tuple[str, ...]  # the zone's two leading industries
    partner: str  # the university the zone works with

    @property
    def zs(self) -> str:
        return self.zone.short_name

    @property
    def city(self) -> str:
        return self.zone.city


@dataclass(frozen=True, slots=True)
class Photo:
    """A news photo: its path relative to the corpus folder, and how to draw it."""

    path: str  # media/YYYY/MM/<id>-<k>.png
    sky: tuple[int, ...]  # RGB
    ground: tuple[int, ...]  # RGB
    block: tuple[int, ...]  # RGB of a building, then its left, right and top, the horizon

    def png(self) -> bytes:
        width, height = PHOTO_SIZE
        x0, x1, top, horizon = self.block[3:]
        rows = bytearray()
        for y in range(height):
            rows.append(0)  # filter: none
            t = y * 255 // (height - 1)
            base = self.sky if y < horizon else self.ground
            pixels = bytearray(bytes(max(0, min(255, c - t // 4 + 32)) for c in base) * width)
            if top <= y < horizon + 3:
                pixels[3 * x0 : 3 * x1] = bytes(self.block[:3]) * (x1 - x0)
            rows += pixels
        return png_file(width, height, bytes(rows))


def png_file(width: int, height: int, rows: bytes) -> bytes:
    """A truecolour PNG of raw filtered scanlines, deflated in stored blocks: the same bytes with
    every zlib (its compressors differ, its checksums do not)."""
    stream = bytearray(b"\x78\x01")
    for start in range(0, len(rows), 65535):
        block = rows[start : start + 65535]
        final = start + 65535 >= len(rows)
        stream += struct.pack("<BHH", final, len(block), len(block) ^ 0xFFFF) + block
    stream += struct.pack(">I", zlib.adler32(rows))
    out = bytearray(b"\x89PNG\r\n\x1a\n")
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    for tag, data in ((b"IHDR", header), (b"IDAT", bytes(stream)), (b"IEND", b"")):
        out += struct.pack(">I", len(data)) + tag + data
        out += struct.pack(">I", zlib.crc32(tag + data))
    return bytes(out)


@dataclass(frozen=True, slots=True)
class Article:
    id: str  # 000001 …: numbered in date order
    title: str
    published_at: dt.datetime
    zone: ZoneEntry
    kind: str  # 文字新闻 or 图片新闻
    source: str
    tags: tuple[str, ...]
    body: str  # Markdown; photos as ``media/…`` paths relative to the corpus folder
    photos: tuple[Photo, ...]

    @property
    def category(self) -> tuple[str, ...]:
        return registry.category_path_for_zone(self.zone, kind=self.kind)

    def record(self) -> dict[str, object]:
        """The article as a line of ``main.py import``."""
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "published_at": self.published_at.isoformat(),
            "source": self.source,
            "zone": self.zone.name,
            "category": list(self.category),
            "tags": list(self.tags),
            "language": "zh-CN",
            "status": "published",
        }


Sentence = Callable[["Gen", Ctx], str]


class Gen:
    """Draws every part of an article from one ``random.Random``, in a fixed order."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng
        self.i1 = self.i2 = self.i3 = ""
        self.bold_now = False

    def pick(self, seq: Sequence[str]) -> str:
        return seq[self.r.randrange(len(seq))]

    def name(self) -> str:
        return self.pick(SURNAMES) + self.pick(GIVEN)

    def amt(self, lo: float = 1, hi: float = 200) -> str:
        v = self.r.uniform(lo, hi)
        return f"{v:.1f}" if v < 20 else str(int(v))

    def pct(self) -> str:
        return f"{self.r.uniform(1.0, 25.0):.1f}"

    def num(self, lo: int, hi: int) -> int:
        return self.r.randint(lo, hi)

    def about(self, lo: int, hi: int) -> str:
        """A round figure for '…余家/余名' phrases."""
        step = 10 if hi <= 1000 else 100
        return str(self.r.randint(max(1, lo // step), hi // step) * step)

    def b(self, text: str) -> str:
        return f"**{text}**" if self.bold_now else text

    def company(self, city: str) -> str:
        field, suffix = self.pick(CO_FIELD), self.pick(CO_SUFFIX)
        if field.endswith(("科技", "技术")) and suffix == "科技有限公司":
            suffix = "有限公司"
        return (city if self.r.random() < 0.5 else "") + self.pick(CO_PREFIX) + field + suffix

    def company_short(self) -> str:
        return self.pick(CO_PREFIX) + self.pick(("新能源", "科技", "智能", "医药", "材料", "精密"))

    def project(self) -> str:
        return self.pick(PROJECT_FORMS).format(n=self.num(5, 500), p=self.pick(PRODUCTS))

    def sentence(self, k: int, c: Ctx) -> str:
        self.i1, self.i2 = self.r.sample(c.industries, 2)
        self.i3 = self.pick(INDUSTRIES)
        self.bold_now = c.bold and self.r.random() < 0.15
        return SENTENCES[k % len(SENTENCES)](self, c)

    def title(self, c: Ctx) -> str:
        zs, r = c.zs, self.r
        forms: tuple[Callable[[], str], ...] = (
            lambda: f"{zs}{r.randint(3, 30)}个重大项目集中签约 总投资{r.randint(2, 40) * 10}亿元",
            lambda: f"{zs}召开{c.date.year}年度高质量发展推进会",
            lambda: f"{zs}召开{c.date.year}年安全生产工作会议",
            lambda: f"{zs}召开党工委（扩大）会议",
            lambda: f"{self.pick(CO_PREFIX)}{self.pick(PRODUCTS)}项目在{zs}开工",
            lambda: (
                f"{zs}：{self.pick(('项目建设', '招商引资', '科技创新', '营商环境'))}跑出“加速度”"
            ),
            lambda: (
                f"{'' if zs.startswith(c.city) else c.city}{zs}{self.pick(PERIODS)}"
                "主要经济指标稳中有进"
            ),
            lambda: f"{zs}举办{c.event}",
            lambda: f"{zs}获评{self.pick(AWARDS)}",
            lambda: f"{self.pick(('省', '市'))}领导调研{zs}重点项目建设",
            lambda: f"{zs}{self.pick(c.industries)}产业集群加速成势",
            lambda: f"{zs}新增{r.randint(2, 12)}家国家级专精特新“小巨人”企业",
            lambda: f"{zs}与{c.partner}签署产学研合作协议",
            lambda: f"聚焦{self.pick(c.industries)} {zs}打造千亿级产业集群",
        )
        if c.photo:
            forms = (
                lambda: f"图片新闻｜{zs}重点项目建设现场一线",
                lambda: f"图片新闻｜{zs}{self.pick(('春季', '夏季', '秋季', '冬季'))}项目建设掠影",
                lambda: f"组图：{zs}举办{c.event}",
                lambda: (
                    f"镜头下的{zs}：{self.pick(('智能工厂', '生产一线', '招聘现场', '园区新貌'))}"
                ),
            )
        t = ""
        for _ in range(20):
            t = forms[r.randrange(len(forms))]()
            if 10 <= len(t) <= 30:
                return t
        return (t + "最新动态")[:30] if len(t) < 10 else t[:30]

    def paragraphs(self, c: Ctx, target_bytes: int, n_par: int) -> list[str]:
        order = self.r.sample(range(len(SENTENCES)), len(SENTENCES))
        used = 0

        def next_sentence() -> str:
            nonlocal used
            used += 1
            return self.sentence(order[(used - 1) % len(order)], c)

        d = c.date
        if c.source in LOCAL_PRESS:
            byline = f"{c.source}讯（记者 {self.name()} 通讯员 {self.name()}）"
        elif c.source == "新华社":
            byline = f"新华社{c.city}{d.month}月{d.day}日电（记者{self.name()}）"
        else:
            byline = "本报讯 "
        lead = f"{byline}{d.month}月{d.day}日，{c.zone.name}举行{c.event}。{next_sentence()}"
        paras = [[lead]] + [[next_sentence()] for _ in range(n_par - 1)]
        size = sum(len(s.encode()) for p in paras for s in p) + 2 * len(paras)
        while size < target_bytes:  # grow the shortest paragraph (never the lead)
            j = min(range(1, len(paras)), key=lambda i: (sum(len(s) for s in paras[i]), i))
            more = next_sentence()
            paras[j].append(more)
            size += len(more.encode())
        return ["".join(p) for p in paras]

    def colour(self, lo: int, hi: int) -> tuple[int, ...]:
        return self.r.randint(lo, hi), self.r.randint(lo, hi), self.r.randint(lo, hi)

    def photo(self, c: Ctx, k: int) -> Photo:
        r = self.r
        x0 = r.randrange(4, 24)
        path = f"media/{c.date.year:04d}/{c.date.month:02d}/{c.number:06d}-{k}.png"
        sky, ground, block = self.colour(120, 230), self.colour(40, 150), self.colour(40, 220)
        shape = (x0, x0 + r.randrange(6, 14), r.randrange(4, 12), r.randrange(12, 22))
        return Photo(path, sky, ground, block + shape)

    def body(self, c: Ctx) -> tuple[str, tuple[Photo, ...]]:
        r = self.r
        extras: list[tuple[float, str]] = []  # (where, 0..1; a Markdown block)
        n_img = r.randint(2, 4) if c.photo else (1 if r.random() < 0.04 else 0)
        photos = tuple(self.photo(c, k + 1) for k in range(n_img))
        for k, photo in enumerate(photos):
            cap = c.zs + self.pick(CAPTIONS)
            extras.append(
                ((k + 0.5) / n_img, f"![{cap}]({photo.path})\n\n*{cap}。{self.name()} 摄*")
            )
        if r.random() < 0.25:
            if r.random() < 0.5:
                items = [
                    f"- {self.company(c.city)}{self.project()}，总投资{self.amt(1, 80)}亿元；"
                    for _ in range(r.randint(3, 6))
                ]
                items[-1] = items[-1][:-1] + "。"
                extras.append((0.35, "本次集中签约的重点项目包括：\n\n" + "\n".join(items)))
            else:
                picks = r.sample(WORK_ITEMS, r.randint(3, 5))
                items = [f"{i + 1}. {w.format(n=r.randint(10, 60))}；" for i, w in enumerate(picks)]
                items[-1] = items[-1][:-1] + "。"
                head = f"下一步，{c.zs}将重点做好以下几方面工作：\n\n"
                extras.append((0.85, head + "\n".join(items)))
        if r.random() < 0.06:
            lines = [
                f"{c.zs}{c.date.year - 1}年主要经济指标如下：",
                "",
                "| 指标 | 完成值 | 同比增长 |",
                "| --- | ---: | ---: |",
            ]
            for label, lo, hi in r.sample(INDICATORS, r.randint(4, 6)):
                lines.append(f"| {label} | {r.uniform(lo, hi):.1f} | {r.uniform(-3, 18):.1f}% |")
            extras.append((0.5, "\n".join(lines)))
        link = ""
        if r.random() < 0.3:
            d = c.date
            url = (
                f"https://invest.example.cn/art/{d.year}/{d.month}/{d.day}/{self.num(1, 9999)}.html"
            )
            link = self.pick(LINKS).format(url=url, city=c.city, zs=c.zs, year=d.year)
        closing = self.pick(CLOSINGS).format(a=self.name(), b=self.name(), source=c.source)
        extra = sum(len(b.encode()) + 2 for _, b in extras) + len((closing + link).encode())
        n_par = r.randint(6, 20)
        lo = max(BODY_MIN - extra, n_par * 190)
        target = r.randint(lo, max(lo, BODY_MAX - extra - 400))
        paras = self.paragraphs(c, target, n_par)
        if c.subheads and n_par >= 9:
            heads = r.sample(SUBHEADS, 2)
            paras.insert(n_par * 2 // 3, f"**{heads[1]}**")
            paras.insert(n_par // 3, f"**{heads[0]}**")
        paras[-1] += link
        blocks = list(paras)
        for where, block in sorted(extras, key=lambda e: e[0]):
            blocks.insert(max(1, min(len(blocks), round(where * len(blocks)))), block)
        blocks.append(closing)
        text = "\n\n".join(blocks) + "\n"
        while len(text.encode()) > BODY_MAX:  # rare: cut the longest paragraph's last sentence
            j = max(range(1, len(paras)), key=lambda i: len(paras[i]))
            cut = paras[j].rfind("。", 0, len(paras[j]) - 1)
            if cut <= 0:
                break
            text = text.replace(paras[j], paras[j][: cut + 1], 1)
            paras[j] = paras[j][: cut + 1]
        while len(text.encode()) < BODY_MIN:
            s = self.sentence(r.randrange(len(SENTENCES)), c)
            text = text.replace(paras[-1], paras[-1] + s, 1)
            paras[-1] += s
        return text, photos


def _place(zone: ZoneEntry) -> str:
    return zone.city if zone.city == zone.province else zone.province + zone.city


# The sentences of a body, each filled for its article (g.i1, g.i2, g.i3: industries drawn for it).
# fmt: off
SENTENCES: tuple[Sentence, ...] = (
    lambda g, c: f"此次签约的{g.num(3, 30)}个项目{g.b('总投资' + g.amt(10, 400) + '亿元')}，"
    f"涵盖{g.i1}、{g.i2}、{g.i3}等领域。",
    lambda g, c: f"近年来，{c.zs}坚持{g.pick(CONCEPTS)}，聚焦{g.i1}、{g.i2}两大主导产业，"
    "持续强链补链延链，产业集聚效应日益凸显。",
    lambda g, c: f"今年1—{g.num(2, 11)}月，{c.zs}完成地区生产总值{g.amt(50, 800)}亿元，"
    f"同比增长{g.pct()}%；规上工业增加值同比增长{g.pct()}%，增幅位居{c.zone.province}前列。",
    lambda g, c: f"{g.company(c.city)}负责人表示，选择落户{c.zs}，看中的是这里完善的产业配套、"
    "高效的政务服务和良好的营商环境。",
    lambda g, c: f"{g.pick(OFFICIALS)}{g.name()}在讲话中指出，{g.pick(QUOTES)}。",
    lambda g, c: f"据介绍，{g.project()}由{g.company(c.city)}投资建设，总投资{g.amt(2, 120)}亿元，"
    f"规划用地约{g.num(30, 600)}亩，建成后预计年产值可达{g.amt(5, 300)}亿元，"
    f"新增就业岗位{g.num(100, 3000)}个。",
    lambda g, c: f"活动现场，{g.num(5, 40)}家企业与{c.zs}签订了投资协议，{g.num(2, 12)}家金融机构"
    f"与园区企业达成授信意向，授信总额{g.amt(10, 300)}亿元。",
    lambda g, c: f"下一步，{c.zs}将继续坚持{g.pick(CONCEPTS)}，加快推进{g.i1}产业集群建设，"
    "努力在新一轮区域竞争中抢占先机。",
    lambda g, c: f"记者在项目现场看到，{g.pick(SCENES)}。",
    lambda g, c: f"为进一步优化营商环境，{c.zs}推出“{g.pick(SLOGANS)}”服务品牌，实行项目全生命周期"
    f"“帮办代办”，企业开办时间压缩至{g.num(1, 3)}个工作日以内。",
    lambda g, c: f"{c.zs}相关负责人介绍，园区目前已集聚{g.i1}相关企业{g.about(20, 400)}余家，"
    f"形成了从{g.pick(PRODUCTS)}到{g.pick(PRODUCTS)}的较为完整的产业链条。",
    lambda g, c: f"在科技创新方面，{c.zs}今年新增高新技术企业{g.num(10, 200)}家、省级以上研发机构"
    f"{g.num(3, 40)}家，全社会研发投入占比达到{g.r.uniform(2.5, 6.5):.2f}%。",
    lambda g, c: f"与会人员还实地观摩了{g.company(c.city)}、{g.company(c.city)}等{g.num(3, 12)}个"
    "重点项目，详细了解项目进展和企业生产经营情况。",
    lambda g, c: f"据统计，{c.date.year - 1}年{c.zs}实际使用外资{g.amt(1, 30)}亿美元，"
    f"完成进出口总额{g.amt(20, 400)}亿美元，同比分别增长{g.pct()}%和{g.pct()}%。",
    lambda g, c: f"{c.city}市委常委、{c.zs}党工委书记{g.name()}出席活动并致辞。",
    lambda g, c: f"会议强调，要坚持{g.pick(CONCEPTS)}，统筹发展和安全，扎实做好安全生产、生态环保和"
    "民生保障等各项工作。",
    lambda g, c: f"园区还积极推进人才引育工作，今年以来累计引进各类人才{g.about(300, 8000)}余名，"
    f"其中{g.b('博士及以上高层次人才' + str(g.num(10, 300)) + '名')}。",
    lambda g, c: f"该项目采用国际先进的{g.pick(TECHS)}技术，达产后将有效填补国内相关领域空白，"
    f"进一步提升{c.zs}在{g.i1}领域的核心竞争力。",
    lambda g, c: f"此外，{c.zs}还与{c.partner}签署了产学研合作协议，双方将在{g.i1}、"
    f"{g.i2}等领域开展联合攻关。",
    lambda g, c: f"当天，{c.zs}还举行了{g.i1}产业专题推介会，来自{g.pick(REGIONS)}的"
    f"{g.about(50, 500)}余位客商参加活动。",
    lambda g, c: f"{g.company_short()}总经理{g.name()}说：“{g.pick(SAYINGS)}”",
    lambda g, c: f"在绿色发展方面，{c.zs}累计建成分布式光伏项目{g.num(20, 600)}兆瓦，"
    f"单位工业增加值能耗同比下降{g.r.uniform(1, 9):.1f}%。",
    lambda g, c: f"截至目前，{c.zs}今年已累计签约亿元以上项目{g.num(10, 120)}个，新开工项目"
    f"{g.num(5, 80)}个，竣工项目{g.num(3, 60)}个。",
    lambda g, c: f"省、市有关部门负责同志，{c.zs}各部门、各板块主要负责人以及企业代表参加活动。",
    lambda g, c: f"据悉，{c.zone.name}是位于{_place(c.zone)}的{c.zone.level}，是{c.city}"
    "对外开放和产业发展的重要平台。",
    lambda g, c: f"{g.pick(('今年以来', '近期', '上半年', '一季度以来'))}，{c.zs}"
    f"{g.b('新增国家级专精特新“小巨人”企业' + str(g.num(1, 12)) + '家')}，"
    f"省级专精特新中小企业{g.num(5, 60)}家。",
    lambda g, c: f"会上，{c.zs}还发布了支持{g.i1}产业发展的若干政策措施，从项目落地、研发投入、"
    "人才引进等方面给予企业真金白银的支持。",
    lambda g, c: f"目前，该项目{g.pick(PROGRESS)}，预计{c.date.year + g.num(0, 2)}年"
    f"{g.num(1, 12)}月正式投产。",
)
# fmt: on


def make_articles(n: int, seed: int = 1) -> Iterator[Article]:
    """The n articles of this seed, oldest first (ids 000001 … in date order), one at a time."""
    rng = random.Random(seed)
    g = Gen(rng)
    draws = [(rng.randrange(DAYS), rng.choice(HOURS), rng.randrange(3600)) for _ in range(n)]
    stamps = sorted(START + dt.timedelta(days=d, hours=h, seconds=s) for d, h, s in draws)
    home = next(z.city for z in ZONES if z.name == HOME_ZONE)
    zone_cum = list(itertools.accumulate(zone_weight(z, home) for z in ZONES))
    sources = {z.name: sources_for(z) for z in ZONES}
    profiles = {z.name: (tuple(rng.sample(INDUSTRIES, 2)), g.pick(UNIVERSITIES)) for z in ZONES}
    for number, date in enumerate(stamps, start=1):
        zone = rng.choices(ZONES, cum_weights=zone_cum)[0]
        names, cum = sources[zone.name]
        photo = rng.random() < PHOTO_SHARE
        c = Ctx(
            number=number,
            date=date,
            zone=zone,
            source=rng.choices(names, cum_weights=cum)[0],
            event=g.pick(EVENTS),
            photo=photo,
            bold=rng.random() < 0.4,
            subheads=rng.random() < 0.3,
            industries=profiles[zone.name][0],
            partner=profiles[zone.name][1],
        )
        title = g.title(c)
        body, photos = g.body(c)
        tags = (zone.name, *rng.sample(c.industries, rng.randint(0, 2)))
        kind = registry.PHOTO_KIND if photo else registry.TEXT_KIND
        yield Article(f"{number:06d}", title, date, zone, kind, c.source, tags, body, photos)


def sources_for(zone: ZoneEntry) -> tuple[list[str], list[int]]:
    ok = [(s, w) for s, w, where in SOURCES if where in ("", zone.name, zone.city, zone.province)]
    return [s for s, _ in ok], list(itertools.accumulate(w for _, w in ok))


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)


def write_jsonl(out: Path, articles: Iterable[Article]) -> Path:
    """``out/articles.jsonl`` and the photos under ``out/media/``; the file's path."""
    target = out / "articles.jsonl"
    out.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="\n") as fh:
        for a in articles:
            for photo in a.photos:
                _write(out / photo.path, photo.png())
            fh.write(json.dumps(a.record(), ensure_ascii=False, sort_keys=True) + "\n")
    return target


def _toml(value: str | Sequence[str]) -> str:
    """A TOML basic string or array of them (JSON's escapes are a valid subset of TOML's)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"


def write_hugo(out: Path, articles: Iterable[Article]) -> Path:
    """The articles as content of ``tests/bench/hugo-site`` copied to ``out``; the content folder.

    ``content/news/`` is the main section; a city and, under it, a kind are its sections, so a
    page's breadcrumb is the portal's (首页 > 开发区新闻 > 常州 > 文字新闻). Photos go to
    ``static/media/`` and the bodies name them from the site's root.
    """
    content = out / "content"
    news = content / "news"
    _write(news / "_index.md", f"+++\ntitle = {_toml(registry.MAIN_SECTION)}\n+++\n")
    folders: dict[tuple[str, str], Path] = {}
    city_slugs: dict[str, str] = {}

    def folder(a: Article) -> Path:
        """The section of an article (its city's and kind's ``_index.md`` made on first use)."""
        if (a.zone.city, a.kind) not in folders:
            if a.zone.city not in city_slugs:
                slug = slugify(a.zone.city)
                if slug in city_slugs.values():
                    raise SystemExit(f"two cities slug alike: {slug}")
                city_slugs[a.zone.city] = slug
                _write(news / slug / "_index.md", f"+++\ntitle = {_toml(a.zone.city)}\n+++\n")
            where = news / city_slugs[a.zone.city] / slugify(a.kind)
            _write(where / "_index.md", f"+++\ntitle = {_toml(a.kind)}\n+++\n")
            folders[a.zone.city, a.kind] = where
        return folders[a.zone.city, a.kind]

    for a in articles:
        fields: dict[str, str | Sequence[str]] = {
            "title": a.title,
            "categories": [a.kind],
            "tags": a.tags,
            "zones": [a.zone.name],
            "source": a.source,
            "city": a.zone.city,
            "province": a.zone.province,
            "category_path": " > ".join(a.category),
            "images": ["/" + p.path for p in a.photos],
        }
        front = "".join(f"{key} = {_toml(value)}\n" for key, value in fields.items())
        date = f"date = {a.published_at.isoformat()}\n"
        body = a.body.replace("](media/", "](/media/")
        _write(folder(a) / f"{a.id}.md", f"+++\n{front}{date}+++\n\n{body}")
        for photo in a.photos:
            _write(out / "static" / photo.path, photo.png())
    return content


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to write to")
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("jsonl", "hugo"), default="jsonl")
    parser.add_argument("--force", action="store_true", help="replace what a previous run wrote")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    if args.format == "jsonl":
        previous = [args.out / "articles.jsonl", args.out / "media"]
    else:
        previous = [args.out / "content", args.out / "static" / "media"]
    for path in previous:
        if path.exists():
            if not args.force:
                parser.error(f"{path} exists; pass --force to replace it")
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    sizes: list[int] = []
    titles: set[str] = set()

    def counted(articles: Iterable[Article]) -> Iterator[Article]:
        for a in articles:
            sizes.append(len(a.body.encode()))
            titles.add(a.title)
            yield a

    writer = write_hugo if args.format == "hugo" else write_jsonl
    target = writer(args.out, counted(make_articles(args.n, args.seed)))
    sizes.sort()
    print(
        f"{args.format}: {len(sizes)} articles -> {target}; body bytes min {sizes[0]}, "
        f"median {sizes[len(sizes) // 2]}, max {sizes[-1]}; {len(titles)} distinct titles",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
