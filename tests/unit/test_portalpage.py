"""Reading the portal's article pages (no archive): the sample, unseen pages saved as HTML and as
text with the real world's variants, encodings, and hostile files.

The fixtures in tests/data/pages are pages of the same portal, written to be unlike the sample:
other zones and categories, fields in another order, half-width or full-width colons, a time of
day, ``&nbsp;`` runs, an empty 下一条, tables, lists, images, bold, links, GBK bytes, layout tables.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from editor.domain.model import DEFAULT_TZ
from editor.portalpage import MAX_PAGE_BYTES, PageError, PortalPage, decode_page, parse_page
from editor.portalpage.decode import looks_like_html
from editor.portalpage.fields import parse_published
from editor.portalpage.htmlpage import normalize_url
from editor.portalpage.tomarkdown import fragment_markdown
from editor.render.markdown import render_markdown
from editor.render.plaintext import plain_text
from tests.samples import PORTAL_ARTICLE_PAGE

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "data" / "pages"
SAMPLE = PORTAL_ARTICLE_PAGE

#: What a reader sees of the site around an article: none of it may reach a body.
CHROME = (
    "打造网上国际投资促进平台",
    "致力于中国投资促进事业",
    "您现在的位置",
    "当前位置",
    "您的位置",
    "首页",
    "发布时间",
    "来源",
    "发布开发区",
    "上一条",
    "下一条",
    "上一篇",
    "下一篇",
    "与我们联系",
    "联系电话",
    "传  真",
    "邮  箱",
    "Copyright",
    "版权所有",
    "字体",
    "打印",
    "关闭",
    "分享到",
    "浏览次数",
    "广告",
    "统计代码",
    "_hmt",
)


def read(name: str) -> PortalPage:
    path = PAGES / name
    return parse_page(path.read_bytes(), path.name)


def sample_paragraphs() -> list[str]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines[4:] if ln.startswith("  ") and "•" not in ln]


def paragraphs(body: str) -> list[str]:
    return body.split("\n\n")


def visible(body: str) -> list[str]:
    """The body's lines as a reader reads them once rendered."""
    html = render_markdown(body)
    text = re.sub(r"<(?:/p|br|/li|/tr|/h\d)>", "\n", html)
    text = re.sub(r"</t[dh]>", " ", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def assert_no_chrome(body: str) -> None:
    for piece in CHROME:
        assert piece not in body, f"{piece!r} leaked into the body:\n{body}"


def beijing(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=DEFAULT_TZ)


# -- the sample ------------------------------------------------------------------------------------


def test_the_sample_text_gives_every_field_and_twenty_paragraphs():
    page = parse_page(SAMPLE.read_bytes(), SAMPLE.name)
    assert page.form == "text"
    assert page.title == "金坛召开“两个加快全面决战年”第三次督查会"
    assert page.category == ("开发区新闻", "常州", "文字新闻")
    assert page.published_at == beijing(2020, 10, 10)
    assert page.source == "金坛手机台"
    assert page.zone == "江苏金坛经济开发区"
    assert page.url is None
    assert page.problems == ()
    assert paragraphs(page.body) == sample_paragraphs()
    assert len(paragraphs(page.body)) == 20
    assert_no_chrome(page.body)
    assert not any(p.startswith((" ", "\u3000")) for p in paragraphs(page.body))


def test_the_sample_saved_as_html_reads_like_its_text():
    text = parse_page(SAMPLE.read_bytes(), SAMPLE.name)
    page = read("jintan-sample.html")
    assert page.form == "html"
    for name in ("title", "category", "published_at", "source", "zone", "problems"):
        assert getattr(page, name) == getattr(text, name), name
    assert page.url == "http://www.investchn.com/news/2020/1010/JT-20201010-0001.html"
    assert_no_chrome(page.body)
    # the three section heads are bold on the page; the words are the same
    assert "**一、奋力完成全年目标任务**" in page.body
    assert [p.replace("**", "") for p in paragraphs(page.body)] == sample_paragraphs()


# -- unseen pages of the same portal ---------------------------------------------------------------


def test_a_div_page_with_fields_in_another_order_a_time_a_table_a_list_and_images():
    page = read("suzhou-2021.html")
    assert page.title == "苏州工业园区一季度新签约外资项目32个"  # broken by <br> on the page
    assert page.category == ("开发区新闻", "苏州", "图片新闻")
    assert page.published_at == beijing(2021, 3, 5, 14, 30)
    assert page.source == "苏州日报"
    assert page.zone == "苏州工业园区"
    assert page.problems == ()
    # the canonical link, without its default port and fragment (og:url comes second)
    assert page.url == "http://www.investchn.com/news/2021/0305/SIP-20210305-0007.html"
    body = page.body
    assert_no_chrome(body)
    assert "![签约现场](suzhou-2021_files/photo.png)" in body
    assert "![一季度签约额](https://img.investchn.com/2021/0305/chart.jpg)" in body
    assert "**苏州工业园区**" in body
    assert "- 生物医药:12个\n- 纳米技术应用:9个\n- 人工智能:11个" in body
    assert "| 领域 | 项目数 | 投资额(亿美元) |\n| --- | --- | --- |" in body
    assert "| 生物医药 | 12 | 6.2 |" in body
    # a relative link made absolute against the page's address; a remote one kept
    assert "[园区招商政策](http://www.investchn.com/zone/sip/policy.html)" in body
    assert "[园区官网](https://www.sipac.gov.cn/)" in body
    assert "javascript" not in body
    first = next(p for p in paragraphs(body) if p.startswith("3月4日"))
    assert first.endswith("总投资超过 15 亿美元。")  # the &nbsp; indentation dropped


def test_a_gbk_page_laid_out_in_tables_with_full_width_colons():
    page = read("wuxi-gbk.html")
    assert page.encoding == "gb18030"
    assert page.title == "无锡高新区与日本企业签署合作协议"
    assert page.category == ("开发区新闻", "无锡", "招商动态")  # "> 正文" is no category
    assert page.published_at == beijing(2020, 6, 12, 9, 5)
    assert page.source == "无锡新传媒"
    assert page.zone == "无锡高新技术产业开发区"
    assert page.problems == ()
    # from the "saved from url" comment, its ../ resolved
    assert page.url == "http://www.investchn.com/news/2020/0612/WX-20200612-0042.html"
    assert_no_chrome(page.body)
    assert paragraphs(page.body) == [
        "6月11日,无锡高新区与日本村田制作所签署战略合作协议。",
        "根据协议,双方将在以下三个方面开展合作:",
        "1. 新建电子元器件研发中心;\n2. 扩大现有工厂产能;\n3. 共建人才培训基地。",
        "**区领导表示**,高新区将全力做好服务保障。",
        "项目总投资约2亿美元,预计2021年底建成投产。",
    ]


def test_a_text_page_with_fields_in_another_order_runs_of_spaces_and_an_empty_next():
    page = read("hefei-2019.txt")
    assert page.title == "合肥经开区2019年实际利用外资同比增长12%"
    assert page.category == ("开发区新闻", "合肥", "招商引资")
    assert page.published_at == beijing(2019, 12, 30, 9, 5)
    assert page.source == "合肥日报"
    assert page.zone == "合肥经济技术开发区"
    assert page.problems == ()
    assert_no_chrome(page.body)
    assert "- 新能源汽车零部件项目\n- 集成电路封装测试项目\n- 智能家电研发中心" in page.body
    assert "| 季度 | 实际利用外资(亿美元) | 同比 |" in page.body
    assert paragraphs(page.body)[0] == (
        "12月29日,记者从合肥经开区获悉,2019年全区实际利用外资12.6亿美元,同比增长12%。"
    )
    assert visible(page.body)[-1] == "下一步,经开区将围绕“芯屏器合”产业体系,继续做好招商引资工作。"


def test_a_gbk_text_page_with_crlf_full_width_colons_and_a_chinese_date():
    page = read("nantong-gbk.txt")
    assert page.encoding == "gb18030"
    assert page.title == "南通开发区举行2020年重大项目集中开工仪式"
    assert page.category == ("开发区新闻", "南通", "文字新闻")
    assert page.published_at == beijing(2020, 3, 18)
    assert page.source == "南通日报"
    assert page.zone == "南通经济技术开发区"
    assert page.problems == ()
    assert len(paragraphs(page.body)) == 3
    assert_no_chrome(page.body)


def test_a_page_lacking_fields_names_each_missing_field():
    page = read("kunshan-missing.html")
    assert page.title == "昆山开发区新增高新技术企业86家"
    assert page.published_at == beijing(2020, 12, 2)
    assert page.zone == "昆山经济技术开发区"
    assert page.missing == {"category", "source"}
    messages = {p.field: p.message for p in page.problems}
    assert "您现在的位置" in messages["category"]
    assert "来源" in messages["source"]
    assert page.body == "今年以来,昆山开发区新增高新技术企业86家,总数达到612家。"


# -- variants, one at a time -----------------------------------------------------------------------

HEAD = "<html><head><meta charset='utf-8'></head><body>"
CRUMBS = "<div>您现在的位置:首页 > 开发区新闻 > 常州 > 文字新闻</div><h1>标题</h1>"
TAIL = "<p>上一条:<a href='/x.html'>别的</a></p><p>下一条:</p></body></html>"


def html_page(info: str, body: str = "<p>正文。</p>") -> PortalPage:
    data = (HEAD + CRUMBS + f"<div class='info'>{info}</div>" + body + TAIL).encode()
    return parse_page(data, "page.html")


@pytest.mark.parametrize(
    "info",
    [
        "发布时间:2020-10-10  来源:金坛手机台  发布开发区:江苏金坛经济开发区",
        "发布时间：2020-10-10　　来源：金坛手机台　　发布开发区：江苏金坛经济开发区",
        "来源: 金坛手机台 发布开发区: 江苏金坛经济开发区 发布时间: 2020-10-10",
        "发布开发区&nbsp;:&nbsp;江苏金坛经济开发区&nbsp;&nbsp;&nbsp;发布时间&nbsp;:&nbsp;2020-10-10"
        "&nbsp;&nbsp;&nbsp;来源&nbsp;:&nbsp;金坛手机台",
        "<span>发布时间:2020-10-10</span><span>来源:金坛手机台</span>"
        "<span>发布开发区:<a href='/z'>江苏金坛经济开发区</a></span>",
        "发布时间:2020-10-10 来源:金坛手机台 发布开发区:江苏金坛经济开发区 【字体:大 中 小】",
        "发布时间：2020-10-10<br>来源：金坛手机台<br>发布开发区：江苏金坛经济开发区",
    ],
    ids=["sample", "full-width", "order", "nbsp", "spans", "font-size", "three-lines"],
)
def test_the_meta_line_in_its_variants(info):
    page = html_page(info)
    assert page.problems == ()
    assert (page.published_at, page.source, page.zone) == (
        beijing(2020, 10, 10),
        "金坛手机台",
        "江苏金坛经济开发区",
    )
    assert page.body == "正文。"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-10-10", beijing(2020, 10, 10)),
        ("2020-10-10 16:20", beijing(2020, 10, 10, 16, 20)),
        ("2020-10-10  16:20:05", beijing(2020, 10, 10, 16, 20, 5)),
        ("2020/1/5 8:05", beijing(2020, 1, 5, 8, 5)),
        ("2020年10月10日", beijing(2020, 10, 10)),
        ("2020年10月10日 16时20分", beijing(2020, 10, 10, 16, 20)),
        ("2020.10.10", beijing(2020, 10, 10)),
        ("2020-10-10T16:20:00", beijing(2020, 10, 10, 16, 20)),
        ("不详", None),
    ],
)
def test_publication_times(text, expected):
    assert parse_published(text) == expected


def test_an_impossible_date_is_a_problem_of_its_field():
    page = html_page("发布时间:2020-02-30 来源:金坛手机台 发布开发区:江苏金坛经济开发区")
    assert page.published_at is None
    assert [p.field for p in page.problems] == ["published_at"]
    assert "2020-02-30" in page.problems[0].message


def test_a_year_no_publication_can_have_is_a_problem_of_its_field_not_a_crash():
    page = html_page("发布时间:9999-12-31 23:59 来源:金坛手机台 发布开发区:江苏金坛经济开发区")
    assert page.published_at is None
    assert [p.field for p in page.problems] == ["published_at"]
    assert "9999-12-31 23:59" in page.problems[0].message


def test_an_empty_field_is_a_problem():
    page = html_page("发布时间:2020-10-10 来源: 发布开发区:江苏金坛经济开发区")
    assert page.source is None
    assert [(p.field, "empty" in p.message) for p in page.problems] == [("source", True)]


def test_breadcrumb_variants():
    for crumbs, expected in [
        ("您现在的位置：网站首页 &gt;&gt; 开发区新闻 &gt;&gt; 常州", ("开发区新闻", "常州")),
        ("当前位置: 首页 » 开发区新闻 » 常州 » 正文", ("开发区新闻", "常州")),
        ("首页 > 开发区新闻 > 常州 > 标题", ("开发区新闻", "常州")),  # ends with the title
    ]:
        data = f"{HEAD}<div>{crumbs}</div><h1>标题</h1><p>发布时间:2020-10-10</p><p>正文</p>"
        page = parse_page(data.encode(), "x.html")
        assert page.category == expected, crumbs


def test_a_meta_charset_is_honoured_and_a_gbk_page_without_one_is_read():
    text = "<html><head><meta charset=gb2312></head><body><p>金坛开发区</p></body></html>"
    decoded = decode_page(text.encode("gbk"))
    assert (decoded.encoding, decoded.declared) == ("gb18030", "gb18030")
    assert "金坛开发区" in decoded.text
    undeclared = decode_page("<p>园区新签约项目十二个</p>".encode("gbk"))
    assert undeclared.encoding == "gb18030"
    assert "园区新签约项目十二个" in undeclared.text


def test_utf8_wins_over_a_stale_gbk_declaration_and_boms_are_read():
    text = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=GBK'></head>"
    decoded = decode_page((text + "<p>金坛开发区</p>").encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert "金坛开发区" in decoded.text
    assert decode_page(b"\xef\xbb\xbf" + "标题".encode()).text == "标题"
    assert decode_page("\ufeff标题".encode("utf-16-le")).text == "标题"


def test_body_markup_kept_and_escaped():
    markdown = fragment_markdown(
        "<p>　　<b>一、</b>第一段<br>　　第二段</p>"
        "<p>1. 不是列表</p><p># 不是标题</p><p>a*b_c [d]</p>"
        "<div>　　<span>　　第三段</span><br><br>第四段</div>"
        "<table><tr><td><p>版面</p></td></tr></table>"
        "<p><a href='javascript:alert(1)'>链接文字</a> <a href='/p.html'>站内</a></p>",
        "http://www.investchn.com/news/1.html",
    )
    assert paragraphs(markdown) == [
        "**一、**第一段",
        "第二段",
        "1\\. 不是列表",
        "\\# 不是标题",
        "a\\*b\\_c \\[d\\]",
        "第三段",
        "第四段",
        "版面",
        "链接文字 [站内](http://www.investchn.com/p.html)",
    ]
    assert visible(markdown)[2:5] == ["1. 不是列表", "# 不是标题", "a*b_c [d]"]


# -- hostile input ---------------------------------------------------------------------------------


def test_script_in_a_page_never_reaches_the_body_or_its_html():
    page = html_page(
        "发布时间:2020-10-10 来源:金坛手机台 发布开发区:江苏金坛经济开发区",
        "<div onclick='steal()'><p>正文<script>alert('x')</script>。</p>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; 是一段文字</p>"
        "<p><img src='x.png' onerror='alert(2)'><iframe src='http://evil/'></iframe></p>"
        "<p><a href='JavaScript:alert(3)'>点这里</a></p></div>",
    )
    assert "alert('x')" not in page.body
    assert "steal" not in page.body
    assert "onerror" not in page.body
    assert "evil" not in page.body
    html = render_markdown(page.body)
    assert "<script" not in html.lower()
    assert "javascript:" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 是一段文字" in html  # literal text stays text
    assert "<script>alert(1)</script> 是一段文字" in plain_text(page.body).replace("\\", "")


def test_a_file_of_five_megabytes_is_refused():
    data = b"<html><body>" + b"<p>x</p>" * (5_000_000 // 8) + b"</body></html>"
    assert len(data) > MAX_PAGE_BYTES
    with pytest.raises(PageError, match="too large"):
        parse_page(data, "huge.html")


def test_markup_nested_absurdly_deep_is_refused_quickly():
    data = b"<html><body>" + b"<div>" * 20_000 + b"x" + b"</div>" * 20_000 + b"</body></html>"
    with pytest.raises(PageError, match="nests"):
        parse_page(data, "deep.html")


@pytest.mark.parametrize(
    "data",
    [
        (PAGES / "broken.html").read_bytes(),
        bytes(range(1, 32)) * 40,
        b"\xff\xfe\xfd" * 100 + b"\x81",
        b"",
        b"   \n  ",
    ],
    ids=["png-junk", "controls", "undecodable", "empty", "blank"],
)
def test_binary_junk_is_refused_with_a_reason(data):
    with pytest.raises(PageError) as caught:
        parse_page(data, "junk.html")
    assert str(caught.value)


def test_page_addresses_are_normalised_and_only_http():
    assert normalize_url("HTTP://WWW.InvestCHN.com:80/a/../../x.html#top") == (
        "http://www.investchn.com/x.html"
    )
    assert normalize_url("https://h.cn:8443/a/b/?id=3") == "https://h.cn:8443/a/b/?id=3"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "/relative.html", "http://"):
        assert normalize_url(bad) is None


def test_the_page_reader_imports_no_qt_and_no_sql():
    code = (
        "import sys\n"
        "import editor.portalpage, editor.portalpage.htmlpage, editor.portalpage.textpage\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'sqlalchemy'))]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""


# -- fields that are there but unusable, and pages with less than the usual parts ------------------


def text_page(*lines: str) -> PortalPage:
    return parse_page("\n".join(lines).encode(), "page.txt")


def problems_of(page: PortalPage) -> dict[str, str]:
    return {p.field: p.message for p in page.problems}


def test_a_date_that_is_no_date_and_an_overlong_source_are_problems_of_their_fields():
    page = html_page(f"发布时间:不详 来源:{'源' * 201} 发布开发区:江苏金坛经济开发区")
    assert (page.published_at, page.source, page.zone) == (None, None, "江苏金坛经济开发区")
    messages = problems_of(page)
    assert set(messages) == {"published_at", "source"}
    assert messages["published_at"] == "发布时间 “不详” is not a date"
    assert messages["source"] == "来源 is over 200 characters"


def test_an_overlong_title_is_refused_and_a_breadcrumb_of_home_only_names_no_category():
    page = text_page(
        "您现在的位置:首页",
        "长" * 201,
        "发布时间:2020-01-01 来源:金坛手机台 发布开发区:金坛",
        "正文。",
    )
    messages = problems_of(page)
    assert page.title is None
    assert messages["title"] == "201 characters, at most 200: not a title"
    assert page.category == ()
    assert "names no category" in messages["category"]
    assert page.body == "正文。"


def test_an_overlong_category_name_and_a_page_without_text_are_reported():
    page = text_page(
        f"您现在的位置:首页 > {'类' * 201}", "标题", "发布时间:2020-01-01 来源:甲 发布开发区:乙"
    )
    messages = problems_of(page)
    assert page.category == ()
    assert messages["category"] == "a name in the breadcrumb is over 200 characters"
    assert page.body == ""
    assert messages["body"] == "no article text found"


def test_a_text_page_without_a_meta_line_takes_the_line_after_the_breadcrumb_as_its_title():
    # a breadcrumb without 首页 keeps its first crumb
    page = text_page("您现在的位置:开发区新闻 > 常州", "常州开发区新闻一则", "第一段。", "第二段。")
    assert page.title == "常州开发区新闻一则"
    assert page.category == ("开发区新闻", "常州")
    assert paragraphs(page.body) == ["第一段。", "第二段。"]
    assert set(problems_of(page)) == {"published_at", "source", "zone"}
    assert problems_of(page)["published_at"] == "发布时间 not found"


def test_an_html_page_without_title_line_or_body_takes_the_title_from_its_head():
    data = (
        "<html><head><title>头版标题 - 投促中国</title></head><body><!-- 统计 -->"
        "<div>发布时间:2020-10-10 来源:金坛手机台 发布开发区:江苏金坛经济开发区</div>"
        "</body></html>"
    ).encode()
    page = parse_page(data, "x.html")
    assert page.title == "头版标题"
    assert page.body == ""
    assert set(problems_of(page)) == {"category", "body"}
    assert "您现在的位置" in problems_of(page)["category"]


def test_the_first_usable_address_of_a_page_wins():
    data = (
        "<html><head><link rel='canonical' href='javascript:alert(1)'>"
        "<meta property='og:url' content='HTTP://Www.InvestCHN.com:80/news/../a/1.html#top'>"
        "</head><body><!-- a comment, not saved from -->"
        f"{CRUMBS}<p>发布时间:2020-10-10 来源:甲 发布开发区:乙</p><p>正文。</p></body></html>"
    ).encode()
    assert parse_page(data, "x.html").url == "http://www.investchn.com/a/1.html"


def test_bytes_neither_utf8_nor_gbk_are_refused_naming_the_encodings():
    with pytest.raises(PageError, match="not text in UTF-8 or GBK"):
        decode_page(b"<p>\x80\xff\x80</p>")


def test_a_named_html_file_needs_tags_inside_to_be_read_as_html():
    assert looks_like_html("标题\n<p>正文</p>", "12345.html")
    assert not looks_like_html("标题\n正文", "12345.html")
    assert not looks_like_html("标题\n<p>正文</p>", "12345.txt")


def test_body_markup_edge_cases():
    base = "http://www.investchn.com/news/1.html"
    assert fragment_markdown("<p>---</p><p>***</p>", base) == "\\---\n\n\\*\\*\\*"  # no rules
    assert fragment_markdown("<p>段落<br></p>", base) == "段落"  # a trailing <br> is nothing
    assert fragment_markdown("<p>上<br><span>下</span></p>", base) == "上  \n下"
    assert (
        fragment_markdown(
            "<p><a href='/x.html' title='悬停'>链接</a><img alt='无图'><img src=''></p>", base
        )
        == "[链接](http://www.investchn.com/x.html)"
    )  # no title kept, no image without a source
    # text outside any block: an indented line after a <br> is a paragraph of its own
    assert fragment_markdown("第一段<br>\u3000\u3000第二段", base) == "第一段\n\n第二段"


def test_a_short_page_with_its_breadcrumb_as_bare_text_keeps_its_parts():
    # the breadcrumb stands directly in <body>: only it is the breadcrumb line, not the page
    data = (
        "<html><body>您现在的位置:首页 &gt; 开发区新闻 &gt; 常州<h1>园区通知</h1>"
        "发布时间:2020-10-10 来源:金坛手机台 发布开发区:江苏金坛经济开发区<p>正文。</p>结尾。"
        "</body></html>"
    ).encode()
    page = parse_page(data, "x.html")
    assert page.problems == ()
    assert (page.title, page.category) == ("园区通知", ("开发区新闻", "常州"))
    assert (page.source, page.zone) == ("金坛手机台", "江苏金坛经济开发区")
    assert page.body == "正文。\n\n结尾。"


def test_a_breadcrumb_of_home_alone_or_buried_in_a_long_block_names_no_category():
    rest = (
        "<h1>标题</h1><p>发布时间:2020-10-10 来源:甲 发布开发区:乙</p><p>正文。</p></body></html>"
    )
    home_only = parse_page(f"<html><body><p>您现在的位置:首页</p>{rest}".encode(), "x.html")
    assert problems_of(home_only)["category"] == "the breadcrumb (您现在的位置) names no category"
    buried = parse_page(
        f"<html><body><div>您现在的位置:{'字' * 400}</div>{rest}".encode(), "x.html"
    )
    assert buried.category == ()
    assert "category" in problems_of(buried)
    assert buried.body == "正文。"


def test_text_without_breadcrumb_or_meta_line_is_all_body_and_an_overlong_meta_line_is_text():
    plain = text_page("只有一段话。", "第二段。")
    assert plain.title is None
    assert plain.body == "只有一段话。\n\n第二段。"
    assert set(problems_of(plain)) == {"title", "category", "published_at", "source", "zone"}
    long_line = f"发布时间:2020-10-10 来源:{'甲' * 300}"
    page = text_page("您现在的位置:首页 > 开发区新闻", "标题", long_line, "正文")
    assert page.published_at is None  # a line of 300 characters and more is no meta line
    assert long_line in page.body


def test_a_page_saved_without_html_and_body_tags_is_read_with_its_loose_text():
    data = (
        "<div>您现在的位置:首页 &gt; 开发区新闻</div><h1>标题</h1>"
        "<div>发布时间:2020-10-10 来源:金坛手机台 发布开发区:江苏金坛经济开发区</div>正文在块外。"
    ).encode()
    page = parse_page(data, "fragment.html")
    assert page.problems == ()
    assert (page.title, page.category, page.body) == ("标题", ("开发区新闻",), "正文在块外。")
    blank = parse_page(b"<html><body><p> </p></body></html>", "blank.html")
    assert blank.body == ""
    assert set(problems_of(blank)) == {
        "title",
        "category",
        "published_at",
        "source",
        "zone",
        "body",
    }
