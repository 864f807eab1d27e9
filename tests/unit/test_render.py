"""Markdown -> safe HTML, plain text and summaries (editor.render)."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser

import pytest

from editor.render import plain_text, render_markdown, rewrite_media_urls, sanitize_html, summary_of
from editor.render.markdown import ALLOWED_TAGS


class _Collector(HTMLParser):
    """Every start tag with its (already entity-decoded) attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag


def _tags(html_text: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Collector()
    parser.feed(html_text)
    parser.close()
    return parser.tags


_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
_FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "meta",
    "style",
    "link",
    "base",
    "svg",
    "math",
    "frame",
    "frameset",
    "textarea",
    "select",
    "video",
    "audio",
    "source",
    "details",
    "x",
}


def assert_safe(html_text: str) -> None:
    assert "<script" not in html_text.lower()
    for tag, attrs in _tags(html_text):
        assert tag in ALLOWED_TAGS, f"tag <{tag}> survived: {html_text}"
        assert tag not in _FORBIDDEN_TAGS
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name} survived: {html_text}"
            assert name not in {"style", "srcset", "formaction", "action", "target", "xmlns"}
            if name in {"href", "src"}:
                # what a browser's URL parser does first (WHATWG URL: strip C0 and space at
                # both ends, drop tab and newlines anywhere)
                url = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21))))).lower()
                assert not url.startswith(_BAD_SCHEMES), f"{name}={value!r}: {html_text}"


HOSTILE_BODIES = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "正文<script>document.cookie</script>正文",
    "<img src=x onerror=alert(1)>",
    '<img src="x" ONERROR="alert(1)">',
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](&#106;avascript:alert(1))",
    "[x][evil]\n\n[evil]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;script&#x3A;alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="java&#9;script:alert(1)">x</a>',
    '<a href=" \x01javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="#" onclick="alert(1)">x</a>',
    '<a href="http://example.com" target="_blank">x</a>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<iframe src="http://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<meta http-equiv="refresh" content="0;url=http://evil.example">',
    '<link rel="stylesheet" href="http://evil.example/x.css">',
    '<base href="http://evil.example/">',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="http://evil.example"><input name="q"><button>go</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    "<details open ontoggle=alert(1)>x</details>",
    "<video><source onerror=alert(1)></video>",
    "<p onmouseover=alert(1)>x</p>",
    "<x onclick=alert(1)>y</x>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<img src=`x` onerror=alert(1)>",
    '<img src="x" srcset="javascript:alert(1) 1x">',
    '段落\n{: onclick="alert(1)" }',
    '# 标题 {: onmouseover="alert(1)" }',
    '段落 {: style="color:red" }',
    '![a](b.png){: src="javascript:alert(1)" onerror="alert(1)"}',
    '[a](http://ok.example){: href="javascript:alert(1)"}',
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="file:///etc/passwd">x</a>',
    "```html\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
    "| a | b |\n| - | - |\n| <img src=x onerror=alert(1)> | <script>x</script> |",
    "[^1]\n\n[^1]: <script>alert(1)</script> [y](javascript:alert(1))",
    '<td align="javascript:alert(1)">x</td><th align="center" style="x">y</th>',
]


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_hostile_bodies_come_out_safe(body: str) -> None:
    out = render_markdown(body)
    assert_safe(out)
    assert_safe(sanitize_html(body))


def test_hostile_bodies_all_at_once() -> None:
    out = render_markdown("\n\n".join(HOSTILE_BODIES))
    assert_safe(out)
    assert "onerror" not in out
    assert "onclick" not in out


def test_hostile_tags_lose_their_content_where_it_is_code() -> None:
    out = render_markdown(
        "前<script>alert(1)</script>后\n\n<style>p{}</style>\n\n<iframe>x</iframe>"
    )
    assert "alert" not in out
    assert "p{}" not in out
    assert "前" in out
    assert "后" in out


def test_code_shows_markup_as_text() -> None:
    out = render_markdown("`<script>alert(1)</script>`")
    assert out == "<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></p>"


def test_dangerous_link_keeps_its_text_but_loses_its_target() -> None:
    assert (
        render_markdown("[点我](javascript:alert(1))")
        == '<p><a rel="noopener noreferrer">点我</a></p>'
    )


def test_data_image_loses_its_src() -> None:
    assert render_markdown("![图](data:image/png;base64,AAAA)") == '<p><img alt="图"></p>'


def test_empty_and_blank_bodies() -> None:
    assert render_markdown("") == ""
    assert render_markdown(" \n\t\n") == ""
    assert plain_text("") == ""
    assert summary_of("") == ""


# -- what must survive ----------------------------------------------------------------------------


def test_paragraphs_emphasis_and_chinese_quotes_stay_as_typed() -> None:
    out = render_markdown('区委书记说：“要**奋力攻坚**，*不负*期待。”他还说"go" -- ok...')
    assert out == (
        '<p>区委书记说：“要<strong>奋力攻坚</strong>，<em>不负</em>期待。”他还说"go" -- ok...</p>'
    )


def test_links_get_rel_and_keep_http_https_mailto_relative() -> None:
    out = render_markdown(
        '[a](http://www.changzhou.gov.cn/x.html) [b](https://x.cn/?q=1&r=2 "t") '
        "[c](mailto:info@investchn.com) [d](../other/page.html) [e](#fn)"
    )
    assert out == (
        '<p><a href="http://www.changzhou.gov.cn/x.html" rel="noopener noreferrer">a</a> '
        '<a href="https://x.cn/?q=1&amp;r=2" title="t" rel="noopener noreferrer">b</a> '
        '<a href="mailto:info@investchn.com" rel="noopener noreferrer">c</a> '
        '<a href="../other/page.html" rel="noopener noreferrer">d</a> '
        '<a href="#fn" rel="noopener noreferrer">e</a></p>'
    )


def test_images_relative_and_http_survive() -> None:
    out = render_markdown(
        '![现场](media/0a1b.jpg "标题")\n\n![远](https://img.example.com/a.png)'
        "\n\n![旧](/uploads/2020/10/000001_1.jpg)"
    )
    assert out == (
        '<p><img alt="现场" src="media/0a1b.jpg" title="标题"></p>\n'
        '<p><img alt="远" src="https://img.example.com/a.png"></p>\n'
        '<p><img alt="旧" src="/uploads/2020/10/000001_1.jpg"></p>'
    )


def test_headings_keep_ids_from_attr_list() -> None:
    out = render_markdown("## 聚焦主导产业 {#focus}\n\n### 无编号")
    assert out == '<h2 id="focus">聚焦主导产业</h2>\n<h3>无编号</h3>'


def test_attr_list_class_is_dropped_id_on_paragraph_dropped() -> None:
    out = render_markdown("段落\n{: .lead #p1 }")
    assert out == "<p>段落</p>"


def test_lists_blockquote_and_code() -> None:
    out = render_markdown("3. 第三\n4. 第四\n\n- 甲\n- 乙\n\n> 引用\n\n```python\nprint('x')\n```")
    assert out == (
        '<ol start="3">\n<li>第三</li>\n<li>第四</li>\n</ol>\n'
        "<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>\n"
        "<blockquote>\n<p>引用</p>\n</blockquote>\n"
        "<pre><code>print('x')\n</code></pre>"
    )


def test_tables_keep_alignment_without_style() -> None:
    out = render_markdown(
        "| 指标 | 完成值 | 同比增长 |\n"
        "| --- | ---: | :---: |\n"
        "| 地区生产总值（亿元） | 812.3 | 6.5% |"
    )
    assert out == (
        '<table>\n<thead>\n<tr>\n<th>指标</th>\n<th align="right">完成值</th>\n'
        '<th align="center">同比增长</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n'
        '<td>地区生产总值（亿元）</td>\n<td align="right">812.3</td>\n'
        '<td align="center">6.5%</td>\n</tr>\n</tbody>\n</table>'
    )
    assert "style" not in out


def test_footnotes_render_with_their_ids_and_classes() -> None:
    out = render_markdown("正文[^1]。\n\n[^1]: 数据来源：统计局。")
    assert out == (
        '<p>正文<sup id="fnref:1"><a class="footnote-ref" href="#fn:1" '
        'rel="noopener noreferrer">1</a></sup>。</p>\n'
        '<div class="footnote">\n<hr>\n<ol>\n<li id="fn:1">\n'
        '<p>数据来源：统计局。&nbsp;<a class="footnote-backref" href="#fnref:1" '
        'title="返回第 1 个脚注的引用处" rel="noopener noreferrer">↩</a></p>\n'
        "</li>\n</ol>\n</div>"
    )


def test_footnotes_do_not_leak_into_the_next_document() -> None:
    first = render_markdown("甲[^a]\n\n[^a]: 甲的注释")
    second = render_markdown("乙")
    third = render_markdown("丙[^b]\n\n[^b]: 丙的注释")
    assert "甲的注释" in first
    assert second == "<p>乙</p>"
    assert "甲的注释" not in third
    assert third.count("<li ") == 1


def test_raw_safe_html_is_kept_foreign_classes_emptied() -> None:
    out = render_markdown(
        '<p>甲<br>乙<sub>2</sub><sup>3</sup><del>丙</del></p>\n\n<div class="x">丁</div>'
    )
    # nh3 leaves an emptied class attribute behind: harmless, and cheaper than a second pass
    assert out == '<p>甲<br>乙<sub>2</sub><sup>3</sup><del>丙</del></p>\n\n<div class="">丁</div>'


def test_rendering_is_thread_safe_and_deterministic() -> None:
    docs = [f"# 第{i}篇\n\n正文{i}[^n]，**加粗**。\n\n[^n]: 注{i}" for i in range(60)]
    expected = [render_markdown(d) for d in docs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(render_markdown, docs * 3))
    assert got == expected * 3
    for i, out in enumerate(expected):
        assert f"注{i}" in out
        assert out.count('class="footnote"') == 1


# -- media URLs -----------------------------------------------------------------------------------


def test_rewrite_media_urls() -> None:
    html_text = render_markdown(
        "![图](media/ab12.jpg)\n\n[原图](media/ab12.jpg) ![远](https://x.cn/media/a.jpg) "
        "文字 media/ab12.jpg ![其他](/media/a.jpg)"
    )
    out = rewrite_media_urls(html_text, "../../assets/media/")
    assert '<img alt="图" src="../../assets/media/ab12.jpg">' in out
    assert '<a href="../../assets/media/ab12.jpg" rel="noopener noreferrer">原图</a>' in out
    assert 'src="https://x.cn/media/a.jpg"' in out
    assert "文字 media/ab12.jpg" in out
    assert 'src="/media/a.jpg"' in out


def test_rewrite_media_urls_leaves_text_and_other_attributes_alone() -> None:
    html_text = '<p title="media/x">src="media/x"</p><img data-src="media/y" src=\'media/z.png\'>'
    out = rewrite_media_urls(html_text, "P/")
    assert out == '<p title="media/x">src="media/x"</p><img data-src="media/y" src=\'P/z.png\'>'


def test_rewrite_media_urls_escapes_the_prefix() -> None:
    out = rewrite_media_urls('<img src="media/a.jpg">', '"><script>x</script>\\1/')
    assert out == '<img src="&quot;&gt;&lt;script&gt;x&lt;/script&gt;\\1/a.jpg">'


def test_rewrite_media_urls_without_media_is_identity() -> None:
    html_text = "<p>无图</p>"
    assert rewrite_media_urls(html_text, "x/") is html_text


# -- plain text -----------------------------------------------------------------------------------

ARTICLE = """\
金坛手机台讯（记者 王建国 通讯员 李丽华）10月9日，江苏金坛经济开发区举行**重大项目集中签约仪式**。
此次签约的12个项目总投资86亿元。

![金坛经开区项目建设现场](media/9f86d081884c7d659a2feaa0c55ad015.jpg)

*金坛经开区项目建设现场。张伟 摄*

## 聚焦主导产业 {#focus}

本次集中签约的重点项目包括：

- 华宇新能源科技有限公司动力电池项目，总投资12亿元；
- 中创智能装备项目，总投资8.5亿元。

| 指标 | 完成值 | 同比增长 |
| --- | ---: | ---: |
| 地区生产总值（亿元） | 812.3 | 6.5% |

> 要当好服务企业的“店小二”。

相关政策原文详见[常州市人民政府网站](http://www.changzhou.gov.cn/art/2020/10/9/art_1234_567890.html)[^1]。

[^1]: 数据截至9月底。

（记者 王建国）
"""


def test_plain_text_of_an_article() -> None:
    assert plain_text(ARTICLE) == (
        "金坛手机台讯（记者 王建国 通讯员 李丽华）10月9日，"
        "江苏金坛经济开发区举行重大项目集中签约仪式。"
        "此次签约的12个项目总投资86亿元。\n"
        "金坛经开区项目建设现场。张伟 摄\n"
        "聚焦主导产业\n"
        "本次集中签约的重点项目包括：\n"
        "华宇新能源科技有限公司动力电池项目，总投资12亿元；\n"
        "中创智能装备项目，总投资8.5亿元。\n"
        "指标 完成值 同比增长\n"
        "地区生产总值（亿元） 812.3 6.5%\n"
        "要当好服务企业的“店小二”。\n"
        "相关政策原文详见常州市人民政府网站。\n"
        "数据截至9月底。\n"
        "（记者 王建国）"
    )


def test_plain_text_has_no_urls_or_markup() -> None:
    text = plain_text(ARTICLE)
    for residue in ("http", "media/", "](", "**", "|", "#", "{", "[^", ">", "!["):
        assert residue not in text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Hello\nworld", "Hello world"),
        ("中文\n续行", "中文续行"),
        ("中文\nEnglish", "中文English"),
        ("a  b\t c", "a b c"),
        ("# 标题 #\n正文", "标题\n正文"),
        ("#标题", "标题"),
        ("标题\n===\n\n正文\n---", "标题\n正文"),
        ("***\n\n甲\n\n- - -\n\n乙", "甲\n乙"),
        ("1. 一\n2) 二\n* 三\n+ 四", "一\n二\n三\n四"),
        ("> > 深层引用", "深层引用"),
        ("[链接][ref]\n\n[ref]: http://x.cn/a", "链接"),
        ("<http://x.cn/a> 和 <info@investchn.com>", "http://x.cn/a 和 info@investchn.com"),
        ("a <b>粗</b> <span style='x'>体</span>", "a 粗 体"),
        ("前<!-- 注释\n多行 -->后", "前后"),
        ("前<script>var a = '<b>';</script>后", "前后"),
        ("\\*不是强调\\* 和 \\# 号", "*不是强调* 和 # 号"),
        ("`code *x*` 与 ``a`b``", "code x 与 a`b"),
        ("snake_case_name 与 _强调_", "snake_case_name 与 强调"),
        ("A&amp;B &lt;tag&gt; &nbsp;x", "A&B <tag> x"),
        ("```\nline one\n\nline two\n```\n后", "line one\nline two\n后"),
        ('[a [b] c](http://x) ![图](a.png "t")文', "a [b] c 文"),
        ("[x](http://x.cn/a_(b)) 后", "x 后"),
        ("　　全角缩进的段落", "全角缩进的段落"),
        ("Windows\r\n换行\r\n\r\n段落", "Windows换行\n段落"),
        ("a | b\n--|--\n1 | 2", "a b\n1 2"),
    ],
)
def test_plain_text_cases(source: str, expected: str) -> None:
    assert plain_text(source) == expected


def test_plain_text_is_linear_on_pathological_input() -> None:
    pieces = ["[", "(", "*", "**a ", "__a ", "_a", "<a ", "{:", "[^", "![", "[](", "`", "``a", "&"]
    nasty = "".join(p * 10000 for p in pieces) + "\n" + "|".join(pieces) * 5000
    start = time.thread_time()
    plain_text(nasty)
    summary_of(nasty)
    # linear work on ~330,000 characters takes about half a second of CPU; a quadratic pattern
    # takes minutes. This thread's CPU time, not the wall clock's: other processes taking the
    # cores do not count, so the bound holds on a loaded machine.
    assert time.thread_time() - start < 10.0


# -- summaries ------------------------------------------------------------------------------------


def test_summary_short_body_is_whole() -> None:
    assert summary_of("短新闻。", limit=120) == "短新闻。"


def test_summary_takes_paragraphs_while_they_fit() -> None:
    body = "第一段。\n\n第二段。\n\n" + "第三段很长" * 30
    assert summary_of(body, limit=20) == "第一段。第二段。"


def test_summary_cuts_at_sentence_end() -> None:
    body = (
        "开发区召开推进会。会议强调要抓项目、优环境、强服务。" + "与会人员实地观摩了重点项目" * 10
    )
    assert summary_of(body, limit=40) == "开发区召开推进会。会议强调要抓项目、优环境、强服务。"


def test_summary_sentence_end_includes_closing_quote() -> None:
    body = "他说：“我们充满信心。”随后" + "参观了生产线" * 20
    assert summary_of(body, limit=30) == "他说：“我们充满信心。”"


def test_summary_cuts_at_character_with_ellipsis() -> None:
    body = "近年来开发区坚持新发展理念，聚焦新能源汽车和动力电池两大主导产业，持续强链补链延链"
    out = summary_of(body, limit=20)
    assert out == "近年来开发区坚持新发展理念，聚焦新能源…"
    assert len(out) <= 20


def test_summary_strips_dangling_punctuation_before_ellipsis() -> None:
    body = "甲乙丙丁戊己庚辛壬癸，“子丑寅卯辰巳午未申酉戌亥"
    assert summary_of(body, limit=12) == "甲乙丙丁戊己庚辛壬癸…"


def test_summary_does_not_split_latin_words() -> None:
    body = "The development zone signed twelve projects with a total investment of billions"
    out = summary_of(body, limit=30)
    assert out == "The development zone signed…"
    assert len(out) <= 30


def test_summary_separates_a_heading_from_the_text() -> None:
    assert summary_of("## 聚焦主导产业\n\n园区集聚企业200余家。", limit=50) == (
        "聚焦主导产业 园区集聚企业200余家。"
    )


def test_summary_separates_a_latin_heading_with_one_space() -> None:
    assert summary_of("# Annual Report\n\nThe zone grew.\n\nMore text.", limit=50) == (
        "Annual Report The zone grew. More text."
    )


def test_summary_joins_a_lead_in_and_its_list_without_space() -> None:
    assert (
        summary_of("重点项目包括：\n\n- 甲项目；\n- 乙项目。", limit=50)
        == "重点项目包括：甲项目；乙项目。"
    )


def test_summary_never_exceeds_limit() -> None:
    body = plain_text(ARTICLE)
    for limit in range(1, 200):
        assert len(summary_of(ARTICLE, limit=limit)) <= limit
    assert summary_of(ARTICLE, limit=len(body) + 10).startswith("金坛手机台讯")


def test_summary_rejects_a_silly_limit() -> None:
    with pytest.raises(ValueError, match="limit"):
        summary_of("x", limit=0)
