"""``verify`` names, by id and title, the articles input would refuse now and the export cannot
write (a category over the limits, a listing path too long, a slug too long, a category tree that
loops), as findings, never a crash; and it does not call an article the app itself wrote damaged
(a body that sanitizing empties is rightly stored with an empty rendered form). SQLite and
PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from editor.archive.articles import ArticleService
from editor.archive.database import Archive
from editor.archive.maintenance import verify
from editor.domain.model import ArticleInput, ArticleStatus
from editor.domain.validation import MAX_CATEGORY_DEPTH, MAX_CATEGORY_NAME
from tests.unit.test_articles import article


def published(title: str, **kw: object) -> ArticleInput:
    return article(title, status=ArticleStatus.PUBLISHED, **kw)


@pytest.mark.parametrize("body", ["<script>alert(1)</script>", "<script>", "<!-- 待补 -->"])
def test_a_body_that_renders_to_nothing_is_not_called_damaged(archive: Archive, body: str) -> None:
    service = ArticleService(archive)
    saved = service.create(article("只有脚本的稿件", body=body))
    assert saved.body == body
    assert saved.body_html.strip() == ""  # what the saver stores: the body rendered, sanitized
    for render in (False, True):
        report = verify(archive, render=render)
        assert report.ok, report.problems


def test_a_rendered_body_lost_for_a_body_that_has_one_is_still_found(archive: Archive) -> None:
    service = ArticleService(archive)
    lost = service.create(article("有正文的稿件", body="正文<script>x</script>")).id
    kept = service.create(article("只有脚本的稿件", body="<script>x</script>")).id
    with archive.session(write=True) as session:
        session.execute(
            text("UPDATE article SET body_html = '' WHERE id IN (:a, :b)"),
            {
                "a": lost,
                "b": kept,
            },
        )
    assert verify(archive, render=False).problems == [
        f"article {lost}: the rendered body is missing"
    ]


def make_path(archive: Archive, names: list[str]) -> int:
    """The categories of ``names`` made below each other as another tool would: no checks."""
    parent = None
    with archive.session(write=True) as session:
        for name in names:
            parent = session.scalar(
                text(
                    "INSERT INTO category (parent_id, name, position) VALUES (:p, :n, 0)"
                    " RETURNING id"
                ),
                {"p": parent, "n": name},
            )
    assert parent is not None
    return int(parent)


def file_under(archive: Archive, article_id: int, category_id: int) -> None:
    with archive.session(write=True) as session:
        session.execute(
            text("UPDATE article SET category_id = :c WHERE id = :a"),
            {"c": category_id, "a": article_id},
        )


def test_an_article_under_a_category_over_the_limits_is_named_by_id_and_title(
    archive: Archive,
) -> None:
    """The issue's archive: 100 levels of 190-character names (every export failed)."""
    service = ArticleService(archive)
    deep = service.create(article("埋得很深的稿件")).id
    fine = service.create(article("好好的稿件")).id
    leaf = make_path(archive, [(f"{n:03d}" + "很长的栏目名称" * 27)[:190] for n in range(100)])
    file_under(archive, deep, leaf)
    problems = verify(archive, render=False).problems
    assert len(problems) == 1, problems
    (found,) = problems
    assert found.startswith(f"article {deep} “埋得很深的稿件”: its category ")
    assert "has 100 levels; at most 6 are allowed" in found
    assert "at level 1 has 190 characters; at most 40" in found
    assert "byte path (at most 531), which the export cannot write" in found
    assert "Choose a category of at most 6 levels of at most 40 characters" in found
    assert str(fine) not in found.split("”")[0]


def test_a_category_at_the_limits_is_no_finding(archive: Archive) -> None:
    service = ArticleService(archive)
    path = tuple(f"{n}" + "庄" * (MAX_CATEGORY_NAME - 1) for n in range(MAX_CATEGORY_DEPTH))
    service.create(article("层层分类的稿件", category=path))
    assert verify(archive, render=False).ok


def test_a_category_tree_that_loops_is_a_finding_not_a_hang(archive: Archive) -> None:
    service = ArticleService(archive)
    aid = service.create(article("绕圈的稿件", category=("甲栏目", "乙栏目"))).id
    with archive.session(write=True) as session:
        rows = session.execute(text("SELECT name, id FROM category")).all()
        ids: dict[str, int] = {row[0]: row[1] for row in rows}
        session.execute(
            text("UPDATE category SET parent_id = :b WHERE id = :a"),
            {"a": ids["甲栏目"], "b": ids["乙栏目"]},
        )
    (found,) = verify(archive, render=False).problems
    assert found.startswith(f"article {aid} “绕圈的稿件”: its category {ids['乙栏目']}")
    assert "parents that loop" in found


def test_a_slug_over_its_length_is_named(archive: Archive) -> None:
    if archive.dialect == "postgresql":
        pytest.skip("PostgreSQL's varchar(120) holds no longer slug: only SQLite can have one")
    service = ArticleService(archive)
    aid = service.create(article("长地址的稿件")).id
    with archive.session(write=True) as session:
        session.execute(
            text("UPDATE article SET slug = :s WHERE id = :a"), {"s": "a" * 300, "a": aid}
        )
    (found,) = verify(archive, render=False).problems
    assert found.startswith(
        f"article {aid} “长地址的稿件”: its slug has 300 characters; at most 120"
    )


def test_an_article_at_the_category_limits_is_exported(archive: Archive, tmp_path: Path) -> None:
    """Six levels of the longest-reading names: the export writes every page of it."""
    from tests.unit.test_export import export  # noqa: PLC0415 - the export's own helper

    path = tuple("庄" * (MAX_CATEGORY_NAME - 1) + f"{n}" for n in range(MAX_CATEGORY_DEPTH))
    service = ArticleService(archive)
    service.create(published("层层分类的稿件", category=path))
    out = tmp_path / "site"
    report = export(archive, out)
    assert report is not None
    listings = sorted(p for p in out.rglob("index.html") if p.parent.name.startswith("zhuang"))
    deepest = max(listings, key=lambda p: len(p.relative_to(out).parts))
    assert len(deepest.relative_to(out).parts) == 1 + MAX_CATEGORY_DEPTH + 1  # list/ … index
    assert max(len(part.encode()) for part in deepest.relative_to(out).parts) <= 84
    assert len(deepest.relative_to(out).as_posix().encode()) <= 531
