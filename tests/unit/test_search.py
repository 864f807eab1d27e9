"""Full-text search on a real archive, on SQLite and on PostgreSQL (the ``archive`` fixture)."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from editor.archive import search
from editor.archive.articles import ArticleService
from editor.archive.database import Archive
from editor.archive.schema import Article, Category, Setting
from editor.domain.model import DEFAULT_TZ

_slugs = itertools.count(1)
BASE_TIME = dt.datetime(2024, 5, 1, 9, 0, tzinfo=DEFAULT_TZ)


def add(
    archive: Archive,
    title: str,
    body: str = "",
    *,
    published: dt.datetime | None = BASE_TIME,
    index: bool = True,
) -> int:
    """An article row, indexed in the same unit of work (as the article service does)."""
    with archive.session(write=True) as session:
        category = session.scalars(select(Category.id).order_by(Category.id)).first()
        assert category is not None
        article = Article(
            title=title,
            body=body,
            category_id=category,
            slug=f"a-{next(_slugs)}",
            published_at=published,
        )
        session.add(article)
        session.flush()
        if index:
            search.index_article(session, article.id, title, body)
        return article.id


def find(archive: Archive, query: str, **kwargs: object) -> list[int]:
    with archive.session() as session:
        ranked, total = search.search_ids(session, query, limit=50, **kwargs)  # type: ignore[arg-type]
    assert total == len(ranked)
    return [article_id for article_id, _ in ranked]


def found(archive: Archive, query: str) -> set[int]:
    return set(find(archive, query))


def problems(archive: Archive) -> list[str]:
    with archive.session() as session:
        return search.check_search_index(session)


@pytest.fixture
def news(archive: Archive) -> dict[str, int]:
    """A small archive of news, each article named by what it holds."""
    return {
        "jintan": add(archive, "江苏金坛经济开发区召开招商大会", "会议在金坛举行。"),
        "jintan_body": add(archive, "常州新闻", "昨日，金坛区领导调研园区企业。"),
        "not_jintan": add(archive, "金子与坛子", "金色的坛子，坛金。"),  # 金, 坛 but never 金坛
        "park": add(archive, "苏州工业园区新项目", "园区内企业签约。"),
        "garden": add(archive, "公园里的花园", "园林和区划。"),  # 园, 区 apart
        "qu_alone": add(archive, "一个区", "无"),
        "qu_start": add(archive, "区域发展", "无"),
        "english": add(archive, "Investment Promotion Week", "The INVESTMENT fair opened."),
        "mixed": add(archive, "5G基站", "采用5G技术，金坛企业参与。"),
        "none": add(archive, "天气预报", "晴，气温二十度。"),
    }


def test_two_character_words_find_their_articles_and_no_others(
    archive: Archive, news: dict[str, int]
) -> None:
    assert found(archive, "金坛") == {news["jintan"], news["jintan_body"], news["mixed"]}
    assert found(archive, "园区") == {news["jintan_body"], news["park"]}


def test_one_character_finds_it_anywhere_in_a_word(archive: Archive, news: dict[str, int]) -> None:
    expected = {
        news[k] for k in ("jintan", "jintan_body", "park", "garden", "qu_alone", "qu_start")
    }
    assert found(archive, "区") == expected
    assert found(archive, "坛") == {
        news[k] for k in ("jintan", "jintan_body", "not_jintan", "mixed")
    }


def test_longer_chinese_words_are_phrases(archive: Archive, news: dict[str, int]) -> None:
    assert found(archive, "开发区") == {news["jintan"]}
    assert found(archive, "金坛经济开发区") == {news["jintan"]}
    assert found(archive, "坛金") == {news["not_jintan"]}
    assert found(archive, "经济金坛") == set()


def test_english_words_are_case_insensitive(archive: Archive, news: dict[str, int]) -> None:
    for query in ("investment", "INVESTMENT", "Investment ", "ｉｎｖｅｓｔｍｅｎｔ"):
        assert found(archive, query) == {news["english"]}, query
    assert found(archive, "invest") == {news["english"]}  # typing: the last word is a prefix
    assert found(archive, "invest ") == set()  # a finished word is a whole word
    assert found(archive, "fair promotion") == {news["english"]}


def test_mixed_queries_need_every_word(archive: Archive, news: dict[str, int]) -> None:
    assert found(archive, "金坛 5G") == {news["mixed"]}
    assert found(archive, "5G技术") == {news["mixed"]}
    assert found(archive, "金坛 investment") == set()
    assert found(archive, "5g 企业 金坛") == {news["mixed"]}


def test_a_title_match_ranks_above_a_body_only_match(archive: Archive) -> None:
    body_only = add(archive, "会议纪要", "招商工作。招商引资。招商会议。", published=BASE_TIME)
    in_title = add(
        archive, "招商工作会议", "会议纪要。", published=BASE_TIME - dt.timedelta(days=9)
    )
    with archive.session() as session:
        ranked, total = search.search_ids(session, "招商", limit=10)
    assert total == 2
    assert [i for i, _ in ranked] == [in_title, body_only]
    assert ranked[0][1] > ranked[1][1]


def test_equal_matches_go_newest_first_and_pages_are_consistent(archive: Archive) -> None:
    ids = [
        add(archive, "园区动态", "同样的正文。", published=BASE_TIME + dt.timedelta(hours=h))
        for h in (3, 1, 5, 2, 4, 0)
    ]
    newest_first = [ids[2], ids[4], ids[0], ids[3], ids[1], ids[5]]
    assert find(archive, "园区") == newest_first
    with archive.session() as session:
        pages = [search.search_ids(session, "园区", limit=2, offset=o) for o in (0, 2, 4, 6)]
    assert [t for _, t in pages] == [6, 6, 6, 6]
    assert [i for page, _ in pages for i, _ in page] == newest_first


@pytest.mark.parametrize(
    "query",
    [*__import__("tests.unit.test_search_tokenizer", fromlist=["HOSTILE"]).HOSTILE, "区 '", "é"],
)
def test_hostile_queries_never_raise(archive: Archive, news: dict[str, int], query: str) -> None:
    with archive.session() as session:
        ranked, total = search.search_ids(session, query, limit=5)
    assert total >= len(ranked)


def test_hostile_queries_search_their_words(archive: Archive, news: dict[str, int]) -> None:
    assert found(archive, '"金坛" AND NEAR(') == set()  # 金坛, and, near: no article has all
    assert found(archive, '"金坛":*') == {news["jintan"], news["jintan_body"], news["mixed"]}
    assert found(archive, "'园区' & !") == {news["jintan_body"], news["park"]}


def test_reindex_with_previous_values_forgets_the_old_words(archive: Archive) -> None:
    article = add(archive, "旧标题", "旧的正文 alpha")
    with archive.session(write=True) as session:
        row = session.get(Article, article)
        assert row is not None
        previous = (row.title, row.body)
        row.title, row.body = "新标题", "新的正文 beta"
        session.flush()
        search.index_article(session, article, row.title, row.body, previous)
    assert found(archive, "旧标题") == set()
    assert found(archive, "alpha") == set()
    assert found(archive, "新标题") == {article}
    assert found(archive, "beta") == {article}
    assert found(archive, "标题") == {article}
    assert problems(archive) == []


def test_unindex_removes_an_article(archive: Archive) -> None:
    keep = add(archive, "园区甲", "正文")
    gone = add(archive, "园区乙", "正文")
    with archive.session(write=True) as session:
        search.unindex_article(session, gone, "园区乙", "正文")
        session.execute(text("DELETE FROM article WHERE id = :id"), {"id": gone})
    assert found(archive, "园区") == {keep}
    assert problems(archive) == []


def test_trashed_articles_are_not_found_but_the_trash_can_be_searched(archive: Archive) -> None:
    live = add(archive, "园区甲")
    trashed = add(archive, "园区乙")
    with archive.session(write=True) as session:
        row = session.get(Article, trashed)
        assert row is not None
        row.deleted_at = BASE_TIME
    assert found(archive, "园区") == {live}
    assert find(archive, "园区", trashed=True) == [trashed]


def test_candidate_filter_narrows(archive: Archive, news: dict[str, int]) -> None:
    wanted = select(Article.id).where(Article.title.like("%新%"))  # 常州新闻, 苏州工业园区新项目
    assert found(archive, "园区") == {news["jintan_body"], news["park"]}
    assert find(archive, "园区", candidate_filter=wanted) == sorted(
        [news["jintan_body"], news["park"]], key=lambda i: i != news["park"]
    )
    nothing = select(Article.id).where(Article.id < 0)
    assert find(archive, "园区", candidate_filter=nothing) == []


def test_limit_and_offset(archive: Archive) -> None:
    for n in range(7):
        add(archive, f"园区 {n}", published=BASE_TIME + dt.timedelta(days=n))
    with archive.session() as session:
        first, total = search.search_ids(session, "园区", limit=3)
        last, total_again = search.search_ids(session, "园区", limit=3, offset=6)
        beyond, total_beyond = search.search_ids(session, "园区", limit=3, offset=50)
    assert (len(first), len(last), len(beyond)) == (3, 1, 0)
    assert total == total_again == total_beyond == 7


def test_many_matches_rank_the_newest_and_list_the_rest_newest_first(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    old_title = add(archive, "园区要闻", "园区")  # a title match, but added first
    older = [add(archive, "新闻", f"园区 {n}") for n in range(3)]
    body_only = add(archive, "新闻", "园区。")
    in_title = add(archive, "园区新闻", "正文")
    newest = add(archive, "新闻", "又见园区")
    with archive.session() as session:
        full, total = search.search_ids(session, "园区", limit=50)
        pages = [search.search_ids(session, "园区", limit=2, offset=o)[0] for o in (0, 2, 4, 6)]
        filtered, filtered_total = search.search_ids(
            session,
            "园区",
            limit=50,
            candidate_filter=select(Article.id).where(Article.id < in_title),
        )
    assert total == 7
    ids = [i for i, _ in full]
    # the three newest matches are ranked (the title match first) ...
    assert ids[0] == in_title
    assert set(ids[:3]) == {in_title, body_only, newest}
    assert all(score > 0 for _, score in full[:3])
    # ... the others follow, newest first, unranked (their title match too)
    assert ids[3:] == [*reversed(older), old_title]
    assert [score for _, score in full[3:]] == [0.0] * 4
    assert [i for page in pages for i, _ in page] == ids
    assert filtered_total == 5
    assert [i for i, _ in filtered][3:] == [older[0], old_title]


def test_rebuild_after_a_tokenizer_bump_finds_the_same(
    archive: Archive, news: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = ["金坛", "园区", "区", "investment", "金坛 5G", "开发区"]
    before = {q: find(archive, q) for q in queries}
    monkeypatch.setattr(search, "TOKENIZER_VERSION", search.TOKENIZER_VERSION + 1)
    search.ensure_search_index(archive)
    with archive.session() as session:
        stored = session.get(Setting, search.VERSION_KEY)
        assert stored is not None
        assert stored.value == str(search.TOKENIZER_VERSION)
    assert {q: find(archive, q) for q in queries} == before
    assert problems(archive) == []


def test_ensure_does_nothing_when_the_version_matches(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(_archive: Archive) -> int:
        raise AssertionError("rebuilt although the version matches")

    monkeypatch.setattr(search, "rebuild_search_index", fail)
    search.ensure_search_index(archive)  # open_archive stored the version already


def test_ensure_rebuilds_an_index_that_was_never_built(archive: Archive) -> None:
    article = add(archive, "园区", index=False)
    with archive.session(write=True) as session:
        session.execute(text("DELETE FROM setting WHERE key = :k"), {"k": search.VERSION_KEY})
    assert found(archive, "园区") == set()
    search.ensure_search_index(archive)
    assert found(archive, "园区") == {article}


def test_rebuild_counts_every_article(archive: Archive, news: dict[str, int]) -> None:
    assert search.rebuild_search_index(archive) == len(news)
    assert found(archive, "金坛") == {news["jintan"], news["jintan_body"], news["mixed"]}


def test_check_reports_articles_missing_from_the_index(archive: Archive) -> None:
    add(archive, "有索引")
    assert problems(archive) == []
    missing = add(archive, "无索引", index=False)
    reported = problems(archive)
    assert len(reported) == 1
    assert "1 article(s) are not indexed" in reported[0]
    assert str(missing) in reported[0]


def test_check_reports_a_contentless_index_that_drifted(archive: Archive) -> None:
    if archive.dialect != "sqlite":
        pytest.skip("only SQLite's contentless index can be told wrong old words")
    article = add(archive, "园区", "正文正文")
    with archive.session(write=True) as session:  # indexed twice, without the old words
        search.index_article(session, article, "园区", "另一个正文")
    assert any("disagree" in p for p in problems(archive))
    search.rebuild_search_index(archive)
    assert problems(archive) == []


def test_snippets_of_found_articles_mark_the_query(archive: Archive) -> None:
    body = "开头的话。" * 20 + "记者来到金坛经济开发区，园区内机器轰鸣。" + "结尾。" * 20
    article = add(archive, "走进开发区", body)
    assert find(archive, "金坛") == [article]
    excerpt, spans = search.snippet(body, "金坛 园区")
    assert [excerpt[s:e] for s, e in spans] == ["金坛", "园区"]
    assert len(excerpt) <= 62


# -- the databases see exactly our tokens ---------------------------------------------------------


def _sample_texts() -> list[str]:
    rng = random.Random(11)
    pools = [
        "金坛园区开发区项目招商企业々〇ー",
        "abcXYZ0123456789éüßİı",
        "ＡＢＣ１２３ｶﾀｶﾅ",
        "カタカナひらがな한국어",
        "ΑΒΓαβγДЖЯдж",
        " ，。、；：？！“”（）《》—…·-_/\\'\"*:&|!()<>\n\t",
        "①²™ﬁ½℃㎡\u0301\u0307\u200b\ufeff",
    ]
    texts = ["江苏金坛经济开发区召开2024年招商大会，5G项目签约。", "Café Straße İstanbul ＡＢ５"]
    for _ in range(60):
        texts.append("".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(1, 30))))
    return texts


def test_sqlite_indexes_exactly_our_tokens(archive: Archive) -> None:
    if archive.dialect != "sqlite":
        pytest.skip("SQLite's tokenizer")
    texts = _sample_texts()
    expected: set[str] = set()
    with archive.session(write=True) as session:
        for i, sample in enumerate(texts, 1):
            search.index_article(session, 10_000 + i, sample, "")
            expected.update(search.tokens(sample))
        session.execute(
            text("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, article_fts, row)")
        )
        indexed = set(session.scalars(text("SELECT term FROM temp.vocab")))
        session.rollback()
    assert indexed == expected


def test_postgresql_stores_exactly_our_tokens(archive: Archive) -> None:
    if archive.dialect != "postgresql":
        pytest.skip("PostgreSQL's tsvector")
    with archive.session() as session:
        for sample in _sample_texts():
            literal = search.tsvector(sample, sample)
            lexemes = session.scalars(
                text("SELECT unnest(tsvector_to_array(CAST(:v AS tsvector)))"), {"v": literal}
            ).all()
            assert sorted(lexemes) == sorted(set(search.tokens(sample))), sample


def test_postgresql_parser_would_agree_on_our_tokens(archive: Archive) -> None:
    """We build the tsvector ourselves; this shows the parser would mostly agree, and where."""
    if archive.dialect != "postgresql":
        pytest.skip("PostgreSQL's parser")
    with archive.session() as session:
        for sample in _sample_texts()[:2]:
            lexemes = session.scalars(
                text("SELECT unnest(tsvector_to_array(to_tsvector('simple', :t)))"),
                {"t": search.index_text(sample)},
            ).all()
            assert sorted(lexemes) == sorted(set(search.tokens(sample)))


def test_search_leaves_the_callers_planner_settings_alone(archive: Archive) -> None:
    if archive.dialect != "postgresql":
        pytest.skip("PostgreSQL's planner")
    add(archive, "园区")
    with archive.session() as session:
        before = session.scalar(text("SELECT current_setting('enable_seqscan')"))
        search.search_ids(session, "园区", limit=5)
        assert session.scalar(text("SELECT current_setting('enable_seqscan')")) == before


def test_rebuild_reports_its_progress(archive: Archive, news: dict[str, int]) -> None:
    seen: list[tuple[int, int]] = []
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(search, "REBUILD_BATCH", 4)
    try:
        search.rebuild_search_index(
            archive, progress=lambda done, total: seen.append((done, total))
        )
    finally:
        monkeypatch.undo()
    assert seen == [(4, 10), (8, 10), (10, 10)]


def test_a_word_past_the_last_position_postgresql_keeps_is_still_found(archive: Archive) -> None:
    body = "alpha " * (search._PG_MAX_POSITION + 100) + "zebra alpha"
    long_one = add(archive, "长文", body)
    add(archive, "短文", "alpha beta")
    assert find(archive, "zebra") == [long_one]
    assert problems(archive) == []


def test_the_postgresql_index_text_of_a_huge_paste_stays_under_its_limit() -> None:
    filler = "alpha " * search._PG_MAX_POSITION
    body = filler + " ".join(f"w{i}" for i in range(30_000))  # 30 000 new words past the end
    doc = search.tsvector("标题", body)
    assert len(doc.encode()) < 1_000_000  # PostgreSQL refuses a tsvector text of 1 MB
    assert f"'w0':{search._PG_MAX_POSITION}" in doc  # the first new words are kept
    assert "'w29999'" not in doc
    assert doc.count(f"'alpha':{search._PG_MAX_POSITION}") == 1  # seen before: not added again


def test_nothing_to_index_writes_nothing(archive: Archive) -> None:
    with archive.session(write=True) as session:
        assert search.insert_index_rows(session, []) == 0
    assert problems(archive) == []


def test_an_error_in_a_postgresql_search_is_the_error_raised(archive: Archive) -> None:
    if archive.dialect != "postgresql":
        pytest.skip("PostgreSQL's aborted transaction")
    add(archive, "金坛新闻")
    failing = select(Article.id).where(text("1 / (Article.id - Article.id) = 1"))
    with pytest.raises(DBAPIError, match="division by zero"), archive.session() as session:
        search.search_ids(session, "金坛", limit=10, candidate_filter=failing)


def test_check_reports_indexed_articles_that_no_longer_exist(archive: Archive) -> None:
    if archive.dialect != "sqlite":
        pytest.skip("PostgreSQL's index rows go with their article (foreign key)")
    gone = add(archive, "园区", "正文")
    kept = add(archive, "园区二", "正文")
    with archive.session(write=True) as session:  # removed behind the index's back
        session.execute(text("DELETE FROM article WHERE id = :id"), {"id": gone})
    assert problems(archive) == [
        "search index: 1 indexed article(s) no longer exist; rebuild the index"
    ]
    hits = ArticleService(archive).search("园区").items  # the index's stale entry is passed over
    assert [h.article.id for h in hits] == [kept]
    search.rebuild_search_index(archive)
    assert problems(archive) == []
