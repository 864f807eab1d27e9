"""The parts of a portal page, recognised in its lines of visible text.

A page reads, top to bottom: the site's header (logo, slogan, navigation), the breadcrumb
(``您现在的位置:首页 > 开发区新闻 > 常州 > 文字新闻``), the title, the line of
``发布时间:… 来源:… 发布开发区:…``, the article, then the chrome again: ``上一条``/``下一条``, the
contact block (``与我们联系``), the copyright. ``analyse`` finds each part by what it says, never
by where it stands, so both the page's text and the lines of its HTML go through it; the labels
may come with full- or half-width colons, in any order, with runs of spaces between them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from editor.domain.errors import FieldProblem
from editor.domain.model import MAX_SHORT_FIELD, MAX_TITLE_LENGTH
from editor.portalpage.model import PortalPage
from editor.text.datetimes import TimeRefusal, find_moment
from editor.text.scripts import CJK_TEXT

# -- lines -----------------------------------------------------------------------------------------

#: A line break of the page's source between two Chinese characters is no space to the reader.
_CJK_BREAK = re.compile(f"(?<=[{CJK_TEXT}])[ \\t\\r]*\\n[ \\t\\r\\n]*(?=[{CJK_TEXT}])")
_SOURCE_BREAK = re.compile(r"[ \t\r]*\n[ \t\r\n]*")
_SPACES = re.compile(r"[\t\r\n\f\v\xa0\u2000-\u200b\u202f\u205f\u3000]")
_RUNS = re.compile(r" {2,}")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def join_source_lines(text: str) -> str:
    """HTML source text as a browser shows it: its line breaks are spaces, or nothing in Chinese."""
    if "\n" not in text:
        return text
    return _SOURCE_BREAK.sub(" ", _CJK_BREAK.sub("", text))


def normalize_line(text: str) -> str:
    """One line for recognising: every kind of space a plain space (runs kept), trimmed."""
    return _SPACES.sub(" ", text.replace("&nbsp;", " ")).strip()


def single_spaced(text: str) -> str:
    return _RUNS.sub(" ", normalize_line(text))


def without_controls(text: str) -> str:
    return _CONTROLS.sub("", text)


# -- the breadcrumb --------------------------------------------------------------------------------

_LOCATION = (
    r"(?:您现在的位置|您当前的位置|您的位置|您所在的位置"
    r"|当前位置|现在位置|所在位置|当前所在位置|位置)"
)
LOCATION_START = re.compile(rf"^\s*{_LOCATION}\s*[:\uff1a]")
_LOCATION_LINE = re.compile(rf"^{_LOCATION}\s*[:\uff1a]\s*(?P<path>.*)$")
_BARE_CRUMBS = re.compile(r"^(?P<path>(?:网站)?首页\s*(?:>>|>|＞|»|›|→).*)$")
CRUMB_SEPARATOR = re.compile(r"\s*(?:>>|>|＞|»|›|→|&gt;)\s*")
_HOME = frozenset({"首页", "网站首页", "主页", "home", "homepage"})
_LAST_CRUMB_NOISE = frozenset({"正文", "正文内容", "详细内容", "内容", "详情", "浏览文章", "文章"})


def breadcrumb_path(line: str) -> tuple[str, ...] | None:
    """The category path a breadcrumb line names (without 首页), None when ``line`` is none."""
    found = _LOCATION_LINE.match(line) or _BARE_CRUMBS.match(line)
    if found is None:
        return None
    parts = [single_spaced(p) for p in CRUMB_SEPARATOR.split(found.group("path"))]
    parts = [without_controls(p) for p in parts if p]
    if parts and parts[0].lower() in _HOME:
        parts.pop(0)
    while parts and parts[-1] in _LAST_CRUMB_NOISE:
        parts.pop()
    return tuple(parts)


# -- the 发布时间/来源/发布开发区 line -------------------------------------------------------------

#: label -> the field it gives (None: a label of the portal's meta line that ZoneDesk ignores).
LABELS: dict[str, str | None] = {
    "发布时间": "published_at",
    "发布日期": "published_at",
    "发表时间": "published_at",
    "发表日期": "published_at",
    "更新时间": "published_at",
    "日期": "published_at",
    "时间": "published_at",
    "来源": "source",
    "稿件来源": "source",
    "信息来源": "source",
    "文章来源": "source",
    "新闻来源": "source",
    "发布开发区": "zone",
    "所属开发区": "zone",
    "作者": None,
    "编辑": None,
    "责任编辑": None,
    "发布人": None,
    "发布者": None,
    "点击数": None,
    "点击": None,
    "点击量": None,
    "浏览次数": None,
    "浏览": None,
    "阅读次数": None,
    "阅读": None,
    "字号": None,
    "字体": None,
}
#: The label of each field, as the reports name it.
FIELD_LABELS = {
    "title": "标题",
    "category": "栏目 (您现在的位置)",
    "published_at": "发布时间",
    "source": "来源",
    "zone": "发布开发区",
    "body": "正文",
}
#: Short labels that also end ordinary words (活动时间, 总编辑): only after a space or separator.
_GENERIC_LABELS = frozenset(
    {"日期", "时间", "作者", "编辑", "点击", "浏览", "阅读", "字号", "字体"}
)
_LABEL = re.compile(
    r"(?P<label>"
    + "|".join(sorted(set(LABELS) - _GENERIC_LABELS, key=lambda label: (-len(label), label)))
    + r"|(?<![^\s|｜/【\[(（·])(?:"
    + "|".join(sorted(_GENERIC_LABELS, key=lambda label: (-len(label), label)))
    + r"))\s*[:\uff1a]"
)
_MAX_META_LINE = 300
_VALUE_TRIM = " |｜/·【】[]()（）"


def meta_values(line: str) -> dict[str, str]:
    """The raw value of each field the line labels (the first of each field wins)."""
    found = list(_LABEL.finditer(line))
    values: dict[str, str] = {}
    for i, match in enumerate(found):
        name = LABELS[match.group("label")]
        end = found[i + 1].start() if i + 1 < len(found) else len(line)
        if name is not None and name not in values:
            values[name] = line[match.end() : end]
    return values


def is_meta_line(line: str) -> bool:
    """A line of the 发布时间/来源/发布开发区 kind: it starts with one of their labels, or holds
    two of them."""
    if len(line) > _MAX_META_LINE:
        return False
    found = [m for m in _LABEL.finditer(line) if LABELS[m.group("label")] is not None]
    if not found:
        return False
    return found[0].start() == 0 or len({LABELS[m.group("label")] for m in found}) >= 2


def field_value(raw: str) -> str:
    """A 来源 or 发布开发区 value: up to a run of spaces (what follows is another field)."""
    text = normalize_line(raw)
    text = re.split(r" {2,}", text, maxsplit=1)[0]
    return without_controls(text.strip(_VALUE_TRIM))


def parse_published(raw: str) -> dt.datetime | None:
    """The time of a 发布时间 value (Beijing time), read as the form reads a typed one
    (``editor.text.datetimes``); None when it holds no date; ValueError with the reason for an
    impossible one or one outside the years a publication time may have."""
    found = find_moment(normalize_line(raw))
    if isinstance(found, TimeRefusal):
        raise ValueError(f"“{found.text}” is an impossible date or time ({found.reason})")
    return found


# -- the chrome after the article ------------------------------------------------------------------

#: Where the article ends: the first line of the chrome that follows it.
ARTICLE_END = re.compile(
    r"^(?:"
    r"(?:上一[条篇页]|下一[条篇页])\s*(?:[:\uff1a]|$)"
    r"|(?:与我们联系|联系我们)\s*$"
    r"|(?:Copyright|版权所有|©|\(c\)\s*\d{4})"
    r"|【?\s*(?:打印(?:本页|此文)?|关闭(?:窗口|本页)?)\s*】"
    r"|(?:相关(?:新闻|文章|阅读|链接|信息)|推荐阅读|热点新闻|猜你喜欢)\s*[:\uff1a]?\s*$"
    r")",
    re.IGNORECASE,
)
#: Lines of chrome that stand inside or next to the article: font size, print, share.
NOISE = re.compile(
    r"^(?:"
    r"【?\s*字[体号]\s*[:\uff1a]"
    r"|[\[【]?\s*[大中小]\s*[\]】]?(?:\s+[\[【]?\s*[大中小]\s*[\]】]?){2}\s*$"
    r"|分享到\s*[:\uff1a]?"
    r"|(?:【\s*(?:打印|关闭|收藏|返回顶部|返回)[^】]*】\s*)+$"
    r"|(?:\[\s*(?:打印|关闭|收藏|返回顶部|返回)[^\]]*\]\s*)+$"
    r")",
)

_HEADER_WINDOW = 40  # lines after the breadcrumb in which the title and meta line are looked for


@dataclass(slots=True)
class Layout:
    """Where each part of a page stands, by line index."""

    breadcrumb: int | None = None
    title: int | None = None
    meta: range | None = None
    body: range = range(0)
    noise: set[int] = field(default_factory=set)


def analyse(lines: Sequence[str], headings: Sequence[int] | None = None) -> Layout:
    """Find the parts of a page in its non-empty, normalised lines.

    ``headings`` (HTML only) gives each line's heading level: 1 for an ``h1`` or a block whose
    class says title, 2 for ``h2``/``h3``, 0 otherwise.
    """
    layout = Layout()
    for i, line in enumerate(lines):
        if breadcrumb_path(line) is not None:
            layout.breadcrumb = i
            break
    start = 0 if layout.breadcrumb is None else layout.breadcrumb + 1
    window = range(start, min(len(lines), start + _HEADER_WINDOW))
    meta_start = next((i for i in window if is_meta_line(lines[i])), None)
    if meta_start is not None:
        stop = meta_start + 1
        while stop < len(lines) and is_meta_line(lines[stop]) and _starts_with_label(lines[stop]):
            stop += 1
        layout.meta = range(meta_start, stop)
        candidates = [i for i in range(start, meta_start) if not NOISE.match(lines[i])]
        if candidates:
            firsts = [i for i in candidates if headings and headings[i] == 1]
            layout.title = firsts[-1] if firsts else candidates[-1]
        body_start = stop
    else:
        candidates = [i for i in window if not NOISE.match(lines[i])]
        if candidates and headings:
            ranked = [i for i in candidates if headings[i]]
            layout.title = min(ranked, key=lambda i: (headings[i], i)) if ranked else None
        elif candidates and layout.breadcrumb is not None:
            layout.title = candidates[0]
        body_start = (layout.title if layout.title is not None else start - 1) + 1
    end = next((i for i in range(body_start, len(lines)) if ARTICLE_END.match(lines[i])), None)
    layout.body = range(body_start, len(lines) if end is None else end)
    layout.noise = {i for i in layout.body if NOISE.match(lines[i])}
    return layout


def _starts_with_label(line: str) -> bool:
    found = _LABEL.match(line)
    return found is not None and LABELS[found.group("label")] is not None


# -- the fields ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Fields:
    title: str | None = None
    category: tuple[str, ...] = ()
    published_at: dt.datetime | None = None
    source: str | None = None
    zone: str | None = None
    problems: list[FieldProblem] = field(default_factory=list)

    def problem(self, name: str, message: str) -> None:
        self.problems.append(FieldProblem(name, message))

    def page(self, body: str, *, url: str | None, form: str, encoding: str) -> PortalPage:
        """The page read: these fields and the body (a problem when there is none)."""
        if not body:
            self.problem("body", "no article text found")
        return PortalPage(
            title=self.title,
            category=self.category,
            published_at=self.published_at,
            source=self.source,
            zone=self.zone,
            body=body,
            url=url,
            form=form,
            encoding=encoding,
            problems=tuple(self.problems),
        )


def read_fields(lines: Sequence[str], layout: Layout, fallback_title: str | None = None) -> Fields:
    """The article's fields from the page's lines; a problem for each one it cannot find."""
    out = Fields()
    title = single_spaced(lines[layout.title]) if layout.title is not None else None
    if not title and fallback_title:
        title = single_spaced(fallback_title)
    title = without_controls(title or "").strip() or None
    if title is None:
        out.problem("title", "no title found (the line above 发布时间)")
    elif len(title) > MAX_TITLE_LENGTH:
        out.problem("title", f"{len(title)} characters, at most {MAX_TITLE_LENGTH}: not a title")
        title = None
    out.title = title

    if layout.breadcrumb is None:
        out.problem("category", "no breadcrumb (您现在的位置:首页 > …) found")
    else:
        path = list(breadcrumb_path(lines[layout.breadcrumb]) or ())
        if path and title and path[-1] == title:
            path.pop()  # some breadcrumbs end with the article's own title
        if not path:
            out.problem("category", "the breadcrumb (您现在的位置) names no category")
        elif any(len(p) > MAX_SHORT_FIELD for p in path):
            out.problem(
                "category", f"a name in the breadcrumb is over {MAX_SHORT_FIELD} characters"
            )
        else:
            out.category = tuple(path)

    values: dict[str, str] = {}
    for i in layout.meta or ():
        for name, raw in meta_values(lines[i]).items():
            values.setdefault(name, raw)
    raw_date = values.get("published_at")
    if raw_date is None:
        out.problem("published_at", "发布时间 not found")
    else:
        try:
            out.published_at = parse_published(raw_date)
        except ValueError as exc:
            out.problem("published_at", f"发布时间 {exc}")
        else:
            if out.published_at is None:
                shown = field_value(raw_date) or "empty"
                out.problem("published_at", f"发布时间 “{shown}” is not a date")
    for name in ("source", "zone"):
        label = FIELD_LABELS[name]
        given = values.get(name)
        value = field_value(given) if given is not None else ""
        if given is None:
            out.problem(name, f"{label} not found")
        elif not value:
            out.problem(name, f"{label} is empty")
        elif len(value) > MAX_SHORT_FIELD:
            out.problem(name, f"{label} is over {MAX_SHORT_FIELD} characters")
        else:
            setattr(out, name, unicodedata.normalize("NFC", value))
    return out
