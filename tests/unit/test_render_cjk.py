"""A soft line break between two Chinese characters renders as nothing, not as a space."""

from __future__ import annotations

import time

import pytest

from editor.render import render_markdown
from editor.render.cjkbreaks import join_cjk_breaks


@pytest.mark.parametrize(
    ("body", "html"),
    [
        ("本报讯\n记者从区委获悉。", "<p>本报讯记者从区委获悉。</p>"),
        ("会议强调，\n要抓好落实。", "<p>会议强调，要抓好落实。</p>"),  # CJK punctuation
        ("时间：\n（十月九日）", "<p>时间：（十月九日）</p>"),  # full-width forms
        ("他说：“好”\n随后离开。", "<p>他说：“好”随后离开。</p>"),  # Chinese quotes
        ("金坛 \n  开发区", "<p>金坛开发区</p>"),  # spaces around the break go too
        ("**金坛**\n开发区", "<p><strong>金坛</strong>开发区</p>"),
        (
            "见[通知](https://x.cn/a)\n全文。",
            '<p>见<a href="https://x.cn/a" rel="noopener noreferrer">通知</a>全文。</p>',
        ),
        ("𠀾字\n𠀾字", "<p>𠀾字𠀾字</p>"),  # Han beyond the BMP
        ("> 引\n> 文", "<blockquote>\n<p>引文</p>\n</blockquote>"),
        ("- 第一\n  第二\n- 三", "<ul>\n<li>第一第二</li>\n<li>三</li>\n</ul>"),
    ],
)
def test_a_break_between_chinese_characters_is_joined(body: str, html: str) -> None:
    assert render_markdown(body) == html


@pytest.mark.parametrize(
    ("body", "html"),
    [
        ("Hello\nworld", "<p>Hello\nworld</p>"),  # Latin text keeps its soft break
        ("金坛\nZoneDesk", "<p>金坛\nZoneDesk</p>"),  # Latin on one side: a space is right
        ("2020年\n10月", "<p>2020年\n10月</p>"),
        ("中  \n文", "<p>中<br>\n文</p>"),  # a hard break stays one
        ("`中\n文`", "<p><code>中\n文</code></p>"),  # inline code is code
        ("```\n中\n文\n```", "<pre><code>中\n文\n</code></pre>"),
        ("    中\n    文", "<pre><code>中\n文\n</code></pre>"),
        ("第一段\n\n第二段", "<p>第一段</p>\n<p>第二段</p>"),  # paragraphs stay paragraphs
    ],
)
def test_other_breaks_are_left_alone(body: str, html: str) -> None:
    assert render_markdown(body) == html


def test_a_single_break_in_the_body_stays_a_soft_break_not_a_paragraph() -> None:
    html = render_markdown("本报讯\n记者从区委获悉。\nThe end\nof it.")
    assert html.count("<p>") == 1
    assert "本报讯记者" in html
    assert "The end\nof it." in html


def test_join_cjk_breaks_looks_at_the_neighbours_but_keeps_them() -> None:
    assert join_cjk_breaks("\n开发区", before="坛") == "开发区"
    assert join_cjk_breaks("金坛\n", after="开") == "金坛"
    assert join_cjk_breaks("\n开发区", before="a") == "\n开发区"
    assert join_cjk_breaks("no break") == "no break"


def test_joining_is_linear_on_a_long_paragraph() -> None:
    body = "金坛\n" * 200_000 + "a\n" * 200_000
    start = time.thread_time()
    html = render_markdown(body)
    assert time.thread_time() - start < 10.0  # CPU time: other processes' load does not count
    assert "金坛金坛" in html
    assert html.count("\n") >= 200_000
