"""The search tokenizer, query mapping and snippets: pure functions, no database."""

from __future__ import annotations

import random
import sqlite3

import pytest

from editor.archive import search
from editor.archive.search import (
    MAX_WORD_LENGTH,
    TOKENIZER_VERSION,
    Term,
    body_text,
    fts5_query,
    index_text,
    parse_query,
    snippet,
    tokens,
    tsquery,
    tsvector,
)

# -- tokens ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("金坛召开", ["金坛", "坛召", "召开", "开"]),
        ("区", ["区"]),
        ("园区", ["园区", "区"]),
        ("5G", ["5g"]),
        ("Investment", ["investment"]),
        ("ＡＢＣ５ｇ", ["abc5g"]),  # full-width letters and digits fold to ASCII
        ("Café CAFÉ cafe\u0301", ["cafe", "cafe", "cafe"]),  # diacritics go, composed or not
        ("Straße İstanbul", ["strasse", "istanbul"]),
        ("5G技术", ["5g", "技术", "术"]),
        ("金坛，园区。", ["金坛", "坛", "园区", "区"]),  # punctuation separates
        ("2.55%", ["2", "55"]),
        ("e-mail foo_bar", ["e", "mail", "foo", "bar"]),
        ("今年1—4月", ["今年", "年", "1", "4", "月"]),
        ("カタカナ", ["カタ", "タカ", "カナ", "ナ"]),
        ("한국어", ["한국", "국어", "어"]),
        ("\u3000金坛\u3000", ["金坛", "坛"]),  # the ideographic space separates
        ("⼀二", ["一二", "二"]),  # a Kangxi radical is the ideograph it looks like (NFKC)
        ("", []),
        ("。，！？ ---", []),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


def test_every_cjk_character_starts_a_token() -> None:
    text = "江苏金坛经济开发区"
    assert [t[0] for t in tokens(text)] == list(text)


def test_long_words_are_cut() -> None:
    assert tokens("a" * 500) == ["a" * MAX_WORD_LENGTH]


def test_tokens_are_letters_and_digits_only() -> None:
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x20, 0x3000)] + list("金坛园区ｶﾀｶﾅ①²™ﬁ\u0301\u0307")
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(40))
        for token in tokens(text):
            assert token.isalnum(), (text, token)
            assert token == token.casefold() or not token.isascii()


def test_index_text_is_the_tokens_joined() -> None:
    assert index_text("金坛 5G!") == "金坛 坛 5g"


def test_version_is_an_int() -> None:
    assert isinstance(TOKENIZER_VERSION, int)
    assert TOKENIZER_VERSION >= 1


def test_body_text_drops_link_targets_and_tags_but_keeps_their_text() -> None:
    body = (
        "见![园区一角](media/2015/01/000006_1.jpg)与[官网](http://www.example.gov.cn/a_1.html)"
        "<span class='x'>金坛</span>\n[ref]: https://example.com/z\n完"
    )
    toks = tokens(body_text(body))
    assert "园区" in toks
    assert "官网" in toks
    assert "金坛" in toks
    for junk in ("media", "jpg", "http", "www", "example", "span", "class", "ref", "com"):
        assert junk not in toks


# -- queries --------------------------------------------------------------------------------------


def test_query_of_two_characters_is_their_bigram() -> None:
    assert parse_query("金坛") == [(Term("金坛"),)]


def test_query_of_three_characters_is_a_phrase_of_bigrams() -> None:
    assert parse_query("开发区") == [(Term("开发"), Term("发区"))]
    assert fts5_query(parse_query("开发区")) == '("开发" + "发区")'
    assert tsquery(parse_query("开发区")) == "('开发' <-> '发区')"


def test_query_of_one_character_is_a_prefix() -> None:
    assert parse_query("区") == [(Term("区", prefix=True),)]
    assert fts5_query(parse_query("区")) == '("区"*)'
    assert tsquery(parse_query("区")) == "('区':*)"


def test_last_latin_word_is_a_prefix_unless_the_query_ends_with_a_space() -> None:
    assert parse_query("Invest") == [(Term("invest", prefix=True),)]
    assert parse_query("invest ") == [(Term("invest"),)]
    assert parse_query("invest 金坛") == [(Term("invest"),), (Term("金坛"),)]


def test_chunks_are_anded_and_mixed_chunks_are_phrases() -> None:
    assert parse_query("金坛 5G") == [(Term("金坛"),), (Term("5g", prefix=True),)]
    assert parse_query("5G技术") == [(Term("5g"), Term("技术"))]
    # inside a chunk a CJK run keeps its last character, as the text's tokens do
    assert parse_query("金坛abc ") == [(Term("金坛"), Term("坛"), Term("abc"))]
    assert parse_query("A区") == [(Term("a"), Term("区", prefix=True))]
    assert parse_query("A区B ") == [(Term("a"), Term("区"), Term("b"))]


def test_queries_without_words_ask_for_nothing() -> None:
    for query in ("", "   ", "。，", '"*"', "&|!()"):
        assert parse_query(query) == []


def test_repeated_chunks_count_once() -> None:
    assert parse_query("金坛 金坛 ") == [(Term("金坛"),)]


def test_a_pasted_text_is_cut_to_a_bounded_query() -> None:
    phrases = parse_query("金坛经济开发区 " * 500)
    assert sum(len(p) for p in phrases) <= search.MAX_QUERY_TOKENS


HOSTILE = [
    '"',
    '""',
    "*",
    "**",
    ":",
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    "NEAR(a b, 2)",
    "'",
    "\\",
    "&|!()",
    "title:金坛",
    "{title body}: x",
    "^区",
    "a AND OR NOT b",
    "- + ( ) [ ]",
    "金坛\"园区'区*",
    "'':*",
    "\x00",
    "a:* & !b | (c <-> d)",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_are_words_or_nothing(query: str) -> None:
    con = sqlite3.connect(":memory:")
    con.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, content='', "
        "tokenize='unicode61 remove_diacritics 0', prefix='1')"
    )
    con.execute(
        "INSERT INTO t (rowid, title, body) VALUES (1, ?, ?)",
        (index_text("and near title 金坛 园区"), index_text("a b c d x 区")),
    )
    phrases = parse_query(query)
    if phrases:  # must parse: no syntax error, whatever the user typed
        con.execute("SELECT rowid FROM t WHERE t MATCH ?", (fts5_query(phrases),)).fetchall()
        for phrase in phrases:
            for term in phrase:
                assert term.token.isalnum()


def test_random_junk_never_breaks_the_fts5_syntax() -> None:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(x, content='', prefix='1')")
    rng = random.Random(3)
    alphabet = [*"\"'*:^()[]{}+-&|!<>\\ ,.;金区Aa1", "AND", "OR", "NOT", "NEAR"]
    for _ in range(500):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        phrases = parse_query(query)
        if phrases:
            con.execute("SELECT rowid FROM t WHERE t MATCH ?", (fts5_query(phrases),)).fetchall()


def test_tsquery_and_tsvector_quote_every_lexeme() -> None:
    assert tsquery([(Term("it's"),)]) == "('it''s')"
    assert tsquery([(Term("a\\b"),)]) == "('a\\\\b')"
    assert tsvector("金坛 金坛", "园区") == "'金坛':1A '坛':2A '金坛':3A '坛':4A '园区':6 '区':7"


# -- snippets -------------------------------------------------------------------------------------


def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_snippet_shows_the_first_match_with_its_spans() -> None:
    text = (
        "这是一段很长的开头。" * 10
        + "江苏金坛经济开发区召开会议，金坛企业代表参加。"
        + "结尾。" * 30
    )
    excerpt, spans = snippet(text, "金坛", width=40)
    assert excerpt.startswith("…")
    assert excerpt.endswith("…")
    assert len(excerpt) <= 40 + 2
    assert _marked(excerpt, spans) == ["金坛", "金坛"]
    assert excerpt[1:].startswith("江苏金坛")  # starts at the sentence holding the match


def test_snippet_is_case_and_width_insensitive() -> None:
    excerpt, spans = snippet("The ＩＮＶＥＳＴＭＥＮＴ fair and 5G networks", "investment 5g")
    assert _marked(excerpt, spans) == ["ＩＮＶＥＳＴＭＥＮＴ", "5G"]


def test_snippet_marks_whole_words_only_and_the_typed_prefix() -> None:
    text = "Parking in the park, parks everywhere"
    assert _marked(*snippet(text, "park ")) == ["park"]
    assert _marked(*snippet(text, "park")) == ["Parking", "park", "parks"]


def test_snippet_marks_one_character_anywhere() -> None:
    excerpt, spans = snippet("开发区和区域", "区")
    assert excerpt == "开发区和区域"
    assert spans == ((2, 3), (4, 5))


def test_snippet_of_latin_inside_chinese() -> None:
    excerpt, spans = snippet("采用5G技术的园区", "5G技术")
    assert _marked(excerpt, spans) == ["5G", "技术"]


def test_snippet_spans_survive_characters_that_fold_to_two() -> None:
    text = "ﬁnal Straße und Strasse"
    excerpt, spans = snippet(text, "strasse")
    assert _marked(excerpt, spans) == ["Straße", "Strasse"]


def test_snippet_without_a_match_is_the_start_of_the_text() -> None:
    text = "甲乙丙丁" * 40
    excerpt, spans = snippet(text, "金坛", width=20)
    assert excerpt == text[:20] + "…"
    assert spans == ()
    assert snippet("短文", "") == ("短文", ())


def test_snippet_shows_line_breaks_as_spaces() -> None:
    excerpt, spans = snippet("第一段\n金坛第二段", "金坛")
    assert "\n" not in excerpt
    assert _marked(excerpt, spans) == ["金坛"]


def test_snippet_does_not_cut_latin_words() -> None:
    text = " ".join(["alpha", "beta", "gamma", "delta"] * 20) + " target " + "omega " * 30
    excerpt, spans = snippet(text, "target", width=40)
    words = excerpt.strip("…").split()
    assert all(w in {"alpha", "beta", "gamma", "delta", "target", "omega"} for w in words)
    assert _marked(excerpt, spans) == ["target"]


def test_snippet_keeps_combining_marks_with_their_letter() -> None:
    excerpt, spans = snippet("un cafe\u0301 noir", "cafe")
    assert _marked(excerpt, spans) == ["cafe\u0301"]
