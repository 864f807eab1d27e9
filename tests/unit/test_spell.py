"""The spelling service (editor.spell): tokenizing mixed text, Enchant and the null speller, the
acceptance article, UTF-16 positions, thread safety, word lists in the archive."""

from __future__ import annotations

import logging
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from editor.spell import (
    EnchantSpeller,
    NullSpeller,
    ProblemKind,
    TextChecker,
    Utf16Map,
    open_speller,
    utf16_length,
)
from editor.spell.speller import (
    WORD_CACHE_SIZE,
    Speller,
    dictionary_for,
    installed_dictionaries,
)
from editor.spell.tokens import has_cjk, is_fence_line, latin_words, markup_mask
from editor.spell.wordfiles import builtin_words, clean_word, format_words, parse_words
from editor.spell.wordlists import (
    SHARED_KEY,
    _locked_row,
    add_word,
    personal_key,
    read_word_lists,
    remove_word,
    set_words,
)

SPELL = "spell.unknown-word"
HALFWIDTH = "style.halfwidth-punctuation"


@pytest.fixture(scope="module")
def en_us() -> EnchantSpeller:
    """The en_US dictionary. Missing here: skipped, but in CI (CI=true) that is a failure."""
    speller = open_speller("en_US")
    if not isinstance(speller, EnchantSpeller):
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI needs the en_US dictionary: {speller.notice}", pytrace=False)
        pytest.skip(speller.notice)
    return speller


def words_of(line: str) -> list[str]:
    return [w.text for run in latin_words(line, markup_mask(line)) for w in run.parts]


# -- tokenizing -----------------------------------------------------------------------------------


def test_chinese_text_holds_no_words():
    assert words_of("金坛经开区召开项目推进会，园区企业代表参加。") == []
    assert words_of("《人民日报》（记者王明）——“一区多园”……") == []


def test_english_words_are_found_inside_chinese_text():
    assert words_of("金坛经开区召开investmnt推介会，Changzhou企业参加") == [
        "investmnt",
        "Changzhou",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "5G网络、3D打印、COVID-19、H2O、MP3",  # tokens with digits
        "CATL、BYD、CEO's、AI",  # acronyms
        "iPhone、WeChat、PowerPoint",  # mixed case
        "https://www.example.com/investmnt?q=devlopment",  # URLs
        "访问www.jtkfq.gov.cn/investmnt了解详情",
        "邮件至investmnt@devlopment.cn咨询",  # e-mail
        "运行`investmnt --devlopment`命令",  # code span
        "[链接](https://x.cn/investmnt)与![图](media/devlopment.jpg)",  # link targets, image paths
        '<img src="devlopment.jpg" class="investmnt">',  # HTML tags
        "&nbsp;&mdash;",  # entities
        "snake_case、report_final.docx、e.g",  # identifiers, file names
        "a b c x",  # single letters
    ],
)
def test_what_is_not_a_word_is_skipped(line):
    assert words_of(line) == []


def test_link_text_and_image_alt_text_are_words():
    assert words_of("[Investmnt guide](https://x.cn/a)与![devlopment](a.jpg)") == [
        "Investmnt",
        "guide",
        "devlopment",
    ]


def test_an_html_comment_holds_no_words():
    assert words_of("金坛<!-- investmnt devlopment -->经开区 <!-- unclosed investmnt") == []


def test_hyphenated_words_are_split_into_their_parts():
    line = "hign-tech e-mail A-B x-ray"
    runs = list(latin_words(line, markup_mask(line)))
    assert [(r.whole.text, [w.text for w in r.parts]) for r in runs] == [
        ("hign-tech", ["hign", "tech"]),
        ("e-mail", ["mail"]),  # the single letter is no word, the run still is
        ("x-ray", ["ray"]),
    ]  # A-B: no part worth checking, so no run at all
    for run in runs:
        for word in run.parts:
            assert line[word.start : word.end] == word.text


def test_a_hyphenated_word_the_dictionary_knows_is_not_split(en_us):
    checker = TextChecker(en_us, language="en")
    problems = checker.check_block("A well-known hign-tech firm and a well-knwn one")
    assert [p.word for p in problems] == ["hign", "knwn"]


def test_cjk_and_fence_lines_are_recognised():
    assert has_cjk("Jintan 金坛")
    assert has_cjk("《》")
    assert not has_cjk("Jintan — “zone”…")
    assert is_fence_line("```python")
    assert is_fence_line("   ~~~")
    assert not is_fence_line("    ```")  # four spaces: indented code, not a fence
    assert not is_fence_line("``not a fence``")


# -- spellers -------------------------------------------------------------------------------------


def test_enchant_speller_checks_and_suggests(en_us):
    assert en_us.available
    assert en_us.notice == ""
    assert en_us.check("investment")
    assert en_us.check("Investment")
    assert not en_us.check("investmnt")
    assert "investment" in en_us.suggest("investmnt")
    assert "development" in en_us.suggest("devlopment")


def test_a_language_without_a_dictionary_gives_a_null_speller_with_a_notice():
    speller = open_speller("xx_XX")
    assert isinstance(speller, NullSpeller)
    assert not speller.available
    assert "xx_XX" in speller.notice
    assert speller.check("investmnt")
    assert speller.suggest("investmnt") == []
    checker = TextChecker(speller)
    problems = checker.check_text("金坛,常州 investmnt")
    assert [p.rule.id for p in problems] == [HALFWIDTH]  # style still works


def test_without_enchant_a_null_speller_says_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "enchant", None)  # `import enchant` now raises ImportError
    speller = open_speller("en_US")
    assert isinstance(speller, NullSpeller)
    assert "Enchant" in speller.notice


def test_an_empty_language_gives_a_null_speller():
    assert not open_speller("").available


def test_a_dictionary_that_cannot_be_loaded_gives_a_null_speller(en_us, monkeypatch):
    enchant = pytest.importorskip("enchant")

    def refuse(self, tag):
        raise enchant.errors.Error(f"corrupt dictionary {tag}")

    monkeypatch.setattr(enchant.Broker, "request_dict", refuse)
    speller = open_speller("en_US", ["Jintan"])
    assert isinstance(speller, NullSpeller)
    assert "cannot be loaded" in speller.notice
    assert "corrupt dictionary en_US" in speller.notice
    assert speller.check("investmnt")
    assert speller.is_extra("Jintan")


def test_installed_dictionaries_are_listed(en_us, monkeypatch):
    assert "en_US" in installed_dictionaries()
    assert installed_dictionaries() == sorted(installed_dictionaries())
    monkeypatch.setitem(sys.modules, "enchant", None)
    assert installed_dictionaries() == []


def test_the_null_speller_keeps_its_extra_words():
    speller = NullSpeller("en_US", "off", ["Jintan"])
    assert speller.provider == ""
    assert repr(speller) == "NullSpeller('en_US')"
    assert speller.is_extra("Jintan's")
    assert not speller.is_extra("Xingyuan")
    speller.add_words([" Xingyuan ", "Jintan", ""])
    assert speller.is_extra("Xingyuan")
    speller.remove_words(["Jintan ", "Nowhere"])
    assert not speller.is_extra("Jintan")
    assert speller.is_extra("Xingyuan")
    assert not Speller("en_US").is_extra("Jintan")


def test_the_enchant_speller_names_its_provider(en_us):
    assert en_us.provider == "hunspell"
    assert repr(en_us) == "EnchantSpeller('en_US')"


def test_a_dead_dictionary_judges_nothing_and_raises_nothing():
    enchant = pytest.importorskip("enchant")
    speller = EnchantSpeller("en_US", enchant.Broker(), enchant.Dict(False), ["Jintan"])
    assert speller.provider == ""  # no provider behind it
    assert speller.check("investmnt")  # cannot be judged: accepted
    assert speller.suggest("Jintn") == ["Jintan"]  # the extra words are still suggested
    speller.add_words(["Xingyuan"])  # Enchant refuses the session word; the speller keeps it
    assert speller.is_extra("Xingyuan")
    speller.remove_words(["Xingyuan"])
    assert not speller.is_extra("Xingyuan")


def test_a_word_enchant_cannot_encode_is_accepted_not_raised(en_us, caplog):
    lone = "investmnt\ud800"  # a lone surrogate, as a broken paste can leave
    with caplog.at_level(logging.DEBUG, logger="zonedesk.spell"):
        assert en_us.check(lone)
        assert en_us.suggest(lone) == []
    assert "could not check" in caplog.text
    assert "could not suggest" in caplog.text


def test_a_session_word_enchant_refuses_is_still_accepted_and_removable(en_us, caplog):
    speller = open_speller("en_US")
    lone = "Jintan\ud800"
    with caplog.at_level(logging.DEBUG, logger="zonedesk.spell"):
        speller.add_words([lone])
        assert speller.check(lone)
        speller.remove_words([lone])
    assert "refused the session word" in caplog.text
    assert "could not forget the session word" in caplog.text
    assert not speller.is_extra(lone)


def test_removing_a_word_that_is_not_there_keeps_the_caches(en_us):
    speller = open_speller("en_US", ["Jintan"])
    assert isinstance(speller, EnchantSpeller)
    assert speller.check("investment")
    assert speller.suggest("investmnt")
    speller.remove_words(["Nowhere"])
    assert speller._check_cached.cache_info().currsize == 1
    assert speller._suggest_cached.cache_info().currsize == 1
    speller.remove_words(["Jintan"])
    assert speller._check_cached.cache_info().currsize == 0
    assert speller._suggest_cached.cache_info().currsize == 0


def test_article_languages_map_to_dictionaries():
    assert dictionary_for("zh-CN") == "en_US"
    assert dictionary_for("en") == "en_US"
    assert dictionary_for("en-GB") == "en_GB"


def test_extra_words_are_accepted_and_suggested(en_us):
    speller = open_speller("en_US", ["Huayutech", "jtkfq"])
    assert speller.check("Huayutech")
    assert speller.check("Huayutech's")
    assert speller.check("jtkfq")
    assert speller.check("Jtkfq")  # lower case accepts Capitalised too
    assert not speller.check("huayutech")  # Capitalised stays so
    assert "Huayutech" in speller.suggest("Huayutec")


def test_added_words_count_at_once(en_us):
    speller = open_speller("en_US")
    assert not speller.check("Zhonghuan")  # cached as wrong…
    speller.add_words(["Zhonghuan"])
    assert speller.check("Zhonghuan")  # …and the cache forgot it
    speller.remove_words(["Zhonghuan"])
    assert not speller.check("Zhonghuan")
    assert "Zhonghuan" not in speller.suggest("Zhonghuam")


def test_words_added_to_one_speller_stay_out_of_another(en_us):
    one, other = open_speller("en_US"), open_speller("en_US")
    one.add_words(["Qianhuan"])
    assert one.check("Qianhuan")
    assert not other.check("Qianhuan")
    assert not en_us.check("Qianhuan")


def test_the_word_cache_is_bounded(en_us):
    speller = open_speller("en_US")
    assert isinstance(speller, EnchantSpeller)
    for i in range(50):
        speller.check(f"wordnumber{i}")
    info = speller._check_cached.cache_info()
    assert info.maxsize == WORD_CACHE_SIZE
    assert info.currsize == 50


def test_the_speller_is_safe_across_threads(en_us):
    speller = open_speller("en_US")
    words = ["investment", "investmnt", "devlopment", "development", "Suzhou", "goverment"] * 40
    expected = {w: en_us.check(w) for w in set(words)}
    suggestions = {w: en_us.suggest(w) for w in ("investmnt", "goverment")}

    def work(offset: int) -> bool:
        ok = True
        for i, word in enumerate(words[offset:] + words[:offset]):
            speller.add_words([f"session{offset}x{i % 7}"])  # writers and readers at once
            ok &= speller.check(word) == expected[word]
        ok &= all(speller.suggest(w) == s for w, s in suggestions.items())
        return ok

    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(work, range(0, 160, 20)))


def test_the_shipped_word_list_holds_the_portals_place_names():
    words = builtin_words()
    assert {"Changzhou", "Jintan", "Kunshan", "Wuxi"} <= set(words)


# -- the acceptance article -----------------------------------------------------------------------

ARTICLE = """\
# 金坛经开区举办5G产业投资推介会

2024年3月15日上午10:30，江苏金坛经济开发区在上海举办5G产业投资推介会，吸引了120多家企业参加。
Jintan Economic Development Zone hosted an investmnt promotion event in Shanghai for 120 firms.
来自Huayutech、Xingyuan Energy等企业的代表参加了会议,会上签约项目总投资超过35.5亿元。
管委会主任表示:园区将继续优化营商环境，欢迎访问https://www.jtkfq.gov.cn/news?id=1024了解详情。
The zone offers strong infrastucture, a skilled workforce and good links to Changzhou and Suzhou.
CATL、BYD等龙头企业的配套项目增长3.5%，详情请发邮件至invest@jtkfq.gov.cn咨询。

## 项目签约

华宇新能源科技有限公司(Huayutech)将投资建设动力电池项目。
The projct will create 800 jobs, according to the company's CEO.
详见[项目介绍](https://example.com/projects/battery?lang=en)与![现场图片](media/2024/jtkfq-signing.jpg)。
运行`check --fix`命令，或参考下面的代码：

```python
def investmnt(x): return x  # not checked here: (x), 中文,注释
```

<p class="jtkfq-note">备注</p>新闻来源：金坛手机台
"""

#: (line, text around the problem, offset of the problem in it, rule)
EXPECTED = [
    (4, "an investmnt", 3, SPELL),
    (5, "议,会", 1, HALFWIDTH),
    (6, "示:园", 1, HALFWIDTH),
    (7, "strong infrastucture", 7, SPELL),
    (12, "司(H", 1, HALFWIDTH),
    (12, "h)将", 1, HALFWIDTH),
    (13, "The projct", 4, SPELL),
]
NEWSROOM_WORDS = ["Huayutech", "Xingyuan"]


def expected_positions() -> list[tuple[int, int, str]]:
    lines = ARTICLE.split("\n")
    return [
        (line, lines[line - 1].index(around) + offset + 1, rule)
        for line, around, offset, rule in EXPECTED
    ]


def test_every_problem_of_the_article_is_reported_where_it_is_and_nothing_else(en_us):
    checker = TextChecker(open_speller("en_US", [*builtin_words(), *NEWSROOM_WORDS]))
    problems = checker.with_suggestions(checker.check_text(ARTICLE))
    assert [(p.line + 1, p.start + 1, p.rule.id) for p in problems] == expected_positions()
    spelling = {p.word: p.suggestions for p in problems if p.kind is ProblemKind.SPELLING}
    assert set(spelling) == {"investmnt", "infrastucture", "projct"}
    assert "investment" in spelling["investmnt"]
    assert "infrastructure" in spelling["infrastucture"]


def test_without_the_newsroom_words_their_names_are_the_only_new_problems(en_us):
    checker = TextChecker(open_speller("en_US", builtin_words()))
    extra = {p.word for p in checker.check_text(ARTICLE)} - {"investmnt", "infrastucture", "projct"}
    assert extra == {"", "Huayutech", "Xingyuan"}  # "": the style problems


# -- UTF-16 positions for Qt ----------------------------------------------------------------------


def test_utf16_map_is_the_identity_within_the_bmp():
    text = "金坛经开区 investmnt"
    mapping = Utf16Map(text)
    assert mapping.identity
    assert [mapping.to_qt(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert mapping.from_qt(3) == 3


def test_utf16_map_shifts_positions_after_characters_beyond_the_bmp(en_us):
    text = "😀金坛𠀾,常州 investmnt"
    checker = TextChecker(en_us)
    problems = {p.rule.id: p for p in checker.check_block(text)}
    comma, word = problems[HALFWIDTH], problems[SPELL]
    assert text[comma.start] == ","
    assert text[word.start : word.end] == "investmnt"

    mapping = Utf16Map(text)
    assert not mapping.identity
    qt_text = text.encode("utf-16-le")

    def qt_slice(start: int, length: int) -> str:
        return qt_text[start * 2 : (start + length) * 2].decode("utf-16-le")

    assert qt_slice(*mapping.span_to_qt(comma.start, comma.end)) == ","
    assert qt_slice(*mapping.span_to_qt(word.start, word.end)) == "investmnt"
    assert mapping.to_qt(len(text)) == utf16_length(text) == len(text) + 2
    for i in range(len(text) + 1):
        assert mapping.from_qt(mapping.to_qt(i)) == i
    assert mapping.from_qt(1) == 0  # inside the emoji's surrogate pair
    with pytest.raises(IndexError):
        mapping.to_qt(len(text) + 1)
    assert mapping.from_qt(utf16_length(text)) == len(text)
    for bad in (-1, utf16_length(text) + 1):
        with pytest.raises(IndexError):
            mapping.from_qt(bad)


def test_utf16_identity_map_refuses_positions_outside_the_text():
    mapping = Utf16Map("金坛")
    assert mapping.from_qt(2) == 2
    for bad in (-1, 3):
        with pytest.raises(IndexError):
            mapping.from_qt(bad)


# -- word lists in the archive --------------------------------------------------------------------


def test_word_list_text_round_trips():
    assert parse_words("Jintan\n# a comment\n\n  Huayutech  \nJintan\n") == ["Jintan", "Huayutech"]
    assert format_words(["b", "A", "a", "b"]) == "A\na\nb"


def test_words_are_cleaned_or_refused():
    assert clean_word("  Jintan’s ") == "Jintan's"
    assert clean_word("x" * 100) == "x" * 100
    for bad, message in (("", "empty"), (" \t", "empty"), ("x" * 101, "more than 100")):
        with pytest.raises(ValueError, match=message):
            clean_word(bad)


def test_shipped_word_lists_that_cannot_be_read_are_skipped(tmp_path, caplog):
    assert builtin_words(tmp_path / "missing") == []
    (tmp_path / "a.txt").write_bytes(b"Jintan\n\xff\xfe broken\n")
    (tmp_path / "b.txt").write_text("Kunshan # a city\nWuxi\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("Ignored\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="zonedesk.spell"):
        assert builtin_words(tmp_path) == ["Kunshan", "Wuxi"]
    assert "a.txt" in caplog.text


def test_personal_keys_are_checked():
    assert personal_key("wang") == "spell.words.personal.wang"
    for bad in ("", "two words", "x" * 100):
        with pytest.raises(ValueError, match="user name"):
            personal_key(bad)


def test_shared_and_personal_word_lists_are_kept_in_the_archive(archive):
    assert read_word_lists(archive, "wang").all() == []
    assert add_word(archive, "Huayutech")
    assert not add_word(archive, "Huayutech")  # already there
    assert add_word(archive, "Xingyuan")
    assert add_word(archive, "jtkfq", user="wang")
    assert add_word(archive, "zdsw", user="li")
    lists = read_word_lists(archive, "wang")
    assert lists.shared == ("Huayutech", "Xingyuan")
    assert lists.personal == ("jtkfq",)
    assert read_word_lists(archive).personal == ()
    assert remove_word(archive, "Huayutech")
    assert not remove_word(archive, "Huayutech")
    set_words(archive, ["Zhonghuan", "Xingyuan"], user="li")
    assert read_word_lists(archive, "li") == read_word_lists(archive, "li").__class__(
        ("Xingyuan",), ("Xingyuan", "Zhonghuan")
    )
    with pytest.raises(ValueError, match="one word at a time"):
        add_word(archive, "two words")
    with archive.session() as session:
        from editor.archive.schema import Setting  # noqa: PLC0415 - the raw row, for this check

        assert session.get(Setting, SHARED_KEY).value == "Xingyuan"


def test_words_added_at_once_from_many_threads_are_all_kept(archive):
    words = [f"Word{i:02d}" for i in range(24)]
    barrier = threading.Barrier(6)

    def add(chunk: list[str]) -> None:
        barrier.wait()
        for word in chunk:
            add_word(archive, word)

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(add, [words[i::6] for i in range(6)]))
    assert sorted(read_word_lists(archive).shared) == words


def test_a_dialect_without_an_upsert_creates_the_row_portably(archive):
    key = personal_key("zhao")
    with archive.session(write=True) as session:
        row = _locked_row(session, key, "generic")
        assert row.value == ""  # created empty
        row.value = "Jintan"
    with archive.session(write=True) as session:
        assert _locked_row(session, key, "generic").value == "Jintan"  # found, not replaced
    assert read_word_lists(archive, "zhao").personal == ("Jintan",)
