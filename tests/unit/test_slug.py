"""URL slugs (editor.domain.slug)."""

from __future__ import annotations

import re
import time

import pytest

from editor.domain.model import MAX_SLUG_LENGTH
from editor.domain.slug import DEFAULT_SLUG, safe_slug, slugify, unique_slug

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "金坛召开“两个加快全面决战年”第三次督查会",
            "jin-tan-zhao-kai-liang-ge-jia-kuai-quan-mian-jue-zhan-nian-di-san-ci-du-cha-hui",
        ),
        (
            "重庆经开区2020年度高质量发展推进会",
            "chong-qing-jing-kai-qu-2020-nian-du-gao-zhi-liang-fa-zhan-tui-jin-hui",
        ),
        ("长沙绿色发展", "chang-sha-lv-se-fa-zhan"),
        ("ABC公司 Smart-Factory 2.0 项目", "abc-gong-si-smart-factory-2-0-xiang-mu"),
        ("Café Ünïcode Straße Ærø Łódź", "cafe-unicode-strasse-aero-lodz"),
        ("２０２４年ＡＩ大会", "2024-nian-ai-da-hui"),
        (
            "图片新闻｜苏州工业园区：园区新貌",
            "tu-pian-xin-wen-su-zhou-gong-ye-yuan-qu-yuan-qu-xin-mao",
        ),
        ("  Hello,   World!!  ", "hello-world"),
        ("1—9月主要经济指标", "1-9-yue-zhu-yao-jing-ji-zhi-biao"),
        ("〇", "ling"),
    ],
)
def test_slugify_examples(title: str, expected: str) -> None:
    assert slugify(title) == expected


@pytest.mark.parametrize(
    "title",
    ["", "   ", "！？。，", "😀🎉", "---", "...", "../..", "/", "\\", "ᄀᄁ", "αβγ", "\x00\x01"],
)
def test_slugify_never_empty(title: str) -> None:
    assert slugify(title) == DEFAULT_SLUG


@pytest.mark.parametrize(
    "title",
    [
        "../../etc/passwd",
        "a/b\\c",
        "..",
        ".hidden",
        "name.html",
        "C:\\Windows\\system32",
        "tab\there\nnewline",
        "  lots   of   space  ",
        "%2e%2e%2f",
        "<script>alert(1)</script>",
        "\u202eevil\u200b zero width",
        "混合Mixed文本 with ümlauts 和 emoji 🚀",
        "x" * 500,
        "开发区" * 100,
    ],
)
def test_slugify_only_ever_yields_safe_characters(title: str) -> None:
    slug = slugify(title)
    assert SLUG.fullmatch(slug), slug
    assert len(slug) <= 80
    for bad in ("/", "\\", ".", " ", "--"):
        assert bad not in slug


def test_slugify_cuts_at_a_word_boundary() -> None:
    title = "江苏金坛经济开发区召开两个加快全面决战年第三次督查会暨重点项目推进会议"
    full = slugify(title, max_length=500)
    cut = slugify(title, max_length=40)
    assert len(cut) <= 40
    assert full.startswith(cut + "-")  # a whole number of syllables, nothing half
    assert cut == "jiang-su-jin-tan-jing-ji-kai-fa-qu-zhao"


def test_slugify_cuts_a_single_long_word_hard() -> None:
    assert slugify("a" * 100, max_length=10) == "a" * 10


def test_slugify_max_length_exact_fit_is_kept() -> None:
    assert slugify("ab-cd", max_length=5) == "ab-cd"
    assert slugify("ab-cd", max_length=4) == "ab"


def test_slugify_rejects_zero_length() -> None:
    with pytest.raises(ValueError, match="max_length"):
        slugify("x", max_length=0)


@pytest.mark.parametrize(
    ("name", "expected"), [("CON", "con-article"), ("nul", "nul-article"), ("Com1", "com1-article")]
)
def test_slugify_avoids_windows_device_names(name: str, expected: str) -> None:
    assert slugify(name) == expected


def test_a_device_name_too_short_to_extend_falls_back_to_the_default() -> None:
    # "con" with room for nothing more: "con-article" cut to 3 is "con" again, still reserved.
    assert slugify("con", max_length=3) == DEFAULT_SLUG[:3]
    assert slugify("CON", max_length=4) == DEFAULT_SLUG[:4]


def test_slugify_is_deterministic_with_cache() -> None:
    titles = ["金坛经开区重大项目集中签约", "金坛经开区召开推进会", "金坛经开区重大项目集中签约"]
    first = [slugify(t) for t in titles]
    second = [slugify(t) for t in titles]
    assert first == second
    assert first[0] == first[2] == "jin-tan-jing-kai-qu-zhong-da-xiang-mu-ji-zhong-qian-yue"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("../../x", "x"),
        ("a/b", "a-b"),
        ("a\\b", "a-b"),
        ("My Slug", "my-slug"),
        ("already-fine-123", "already-fine-123"),
        ("新闻", "xin-wen"),
        ("x.html", "x-html"),
        ("", DEFAULT_SLUG),
        ("..", DEFAULT_SLUG),
    ],
)
def test_safe_slug(value: str, expected: str) -> None:
    assert safe_slug(value) == expected


def test_safe_slug_allows_the_model_maximum() -> None:
    assert len(safe_slug("ab-" * 100)) <= MAX_SLUG_LENGTH
    assert len(safe_slug("ab-" * 100)) > 80


def test_unique_slug_free_base_is_kept() -> None:
    assert unique_slug("jin-tan", lambda s: False) == "jin-tan"


def test_unique_slug_counts_up() -> None:
    taken = {"jin-tan", "jin-tan-2", "jin-tan-3"}
    asked: list[str] = []

    def is_taken(slug: str) -> bool:
        asked.append(slug)
        return slug in taken

    assert unique_slug("jin-tan", is_taken) == "jin-tan-4"
    assert asked == ["jin-tan", "jin-tan-2", "jin-tan-3", "jin-tan-4"]


def test_unique_slug_keeps_within_max_length() -> None:
    base = "a" * 10
    assert unique_slug(base, lambda s: s == base, max_length=10) == "a" * 8 + "-2"
    taken = {base} | {f"{'a' * 8}-{n}" for n in range(2, 10)}
    assert unique_slug(base, taken.__contains__, max_length=10) == "a" * 7 + "-10"


def test_unique_slug_empty_base() -> None:
    assert unique_slug("", lambda s: False) == DEFAULT_SLUG


def test_unique_slug_gives_up_on_a_taken_that_never_says_no() -> None:
    with pytest.raises(RuntimeError, match="no free slug"):
        unique_slug("x", lambda s: True, max_tries=50)


def test_slugify_ten_thousand_titles_is_fast() -> None:
    syllables = "金坛常州苏州开发区召开推进会重大项目集中签约高质量发展新能源汽车智能制造营商环境"
    titles = [
        "".join(syllables[(i * 7 + k * 3) % len(syllables)] for k in range(18)) + f"{i % 97}"
        for i in range(10_000)
    ]
    start = time.thread_time()
    slugs = [slugify(t) for t in titles]
    elapsed = time.thread_time() - start  # CPU time: other processes' load does not count
    assert all(SLUG.fullmatch(s) for s in slugs)
    assert elapsed < 10.0  # about 0.3-1 s of CPU here; generous for slow CI machines
