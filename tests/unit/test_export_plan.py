"""A partial plan (only the files that changed articles touch) agrees with the whole plan: every
file it plans has the whole plan's fingerprint and context, and every file whose fingerprint the
change moved is in it."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import pytest

from editor.export.derived import render_json, render_sitemap
from editor.export.settings import site_values
from editor.export.site import (
    SEARCH_INDEX,
    SITEMAP,
    SPLICE_LIMIT,
    PlanState,
    SitePlan,
    _place,
    _searched,
    plan_site,
)
from editor.export.source import CHANGED_LIMIT, ArticleRow, CategoryRow, Snapshot, ZoneRow

CATEGORIES = [
    CategoryRow(1, None, "开发区新闻", 0),
    CategoryRow(2, 1, "常州", 0),
    CategoryRow(3, 2, "文字新闻", 0),
    CategoryRow(4, 1, "苏州", 1),
    CategoryRow(5, None, "招商动态", 1),
]
ZONES = [
    ZoneRow(1, "江苏金坛经济开发区", "常州"),
    ZoneRow(2, "苏州工业园区", "苏州"),
    ZoneRow(3, "某园", ""),
]


def snapshot(count: int, seed: int) -> Snapshot:
    rng = random.Random(seed)
    rows = [
        ArticleRow(
            aid,
            f"article-{aid}",
            f"标题{aid}",
            f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} "
            f"0{rng.randint(0, 9)}:00:00.000000",
            "2025-01-01 00:00:00.000000",
            1,
            rng.choice([2, 3, 4, 5]),
            rng.choice([1, 2, 3, None]),
            rng.choice(["金坛手机台", None]),
            '["园区"]' if aid % 3 else "[]",
        )
        for aid in range(1, count + 1)
    ]
    return Snapshot(rows, CATEGORIES, ZONES, site_values({}))


def plan(snap: Snapshot, previous: PlanState | None = None) -> SitePlan:
    return plan_site(snap, theme_fp="theme", assets={}, static={}, previous=previous)


def edited(snap: Snapshot, rng: random.Random, how_many: int) -> Snapshot:
    rows = list(snap.articles)
    for index in rng.sample(range(len(rows)), how_many):
        row = rows[index]
        change = rng.choice(["title", "body", "source", "tags", "all"])
        fields: dict[str, object] = {
            "version": row.version + 1,
            "updated": "2026-11-26 0" + str(rng.randint(0, 9)) + ":00:00.000000",
        }
        if change in ("title", "all"):
            fields["title"] = row.title + "（更新）"
        if change in ("source", "all"):
            fields["source"] = "新华社" if row.source != "新华社" else None
        if change in ("tags", "all"):
            fields["tags"] = '["新标签"]'
        rows[index] = row._replace(**fields)  # type: ignore[arg-type]
    return dataclasses.replace(snap, articles=rows)


@pytest.mark.parametrize("seed", range(8))
def test_a_partial_plan_agrees_with_the_whole_plan(seed: int) -> None:
    rng = random.Random(seed)
    before = snapshot(rng.choice([1, 7, 60, 450]), seed)
    old = plan(before)
    assert not old.partial
    assert old.state is not None
    after = edited(before, rng, rng.choice([1, 1, 2, 5]) if len(before.articles) > 5 else 1)
    whole = plan(after)
    partial = plan(after, PlanState.from_json(old.state.to_json()))
    assert partial.partial
    for path, spec in partial.files.items():
        assert spec.fp == whole.files[path].fp, path
        assert spec.context() == whole.files[path].context(), path
    moved = {p for p, spec in whole.files.items() if old.files[p].fp != spec.fp}
    assert moved <= set(partial.files)
    assert moved, "an edit moves some fingerprint"
    assert partial.state is not None
    assert whole.state is not None
    assert partial.state.to_json() == whole.state.to_json()


def test_nothing_changed_plans_only_the_derived_files() -> None:
    before = snapshot(60, 1)
    old = plan(before)
    assert old.state is not None
    again = plan(before, old.state)
    assert again.partial
    assert {spec.kind for spec in again.files.values()} <= {"sitemap", "index"}
    assert all(spec.fp == old.files[path].fp for path, spec in again.files.items())


@pytest.mark.parametrize("field", ["published", "category_id", "zone_id", "slug"])
def test_an_article_that_moved_makes_the_plan_whole(field: str) -> None:
    before = snapshot(60, 2)
    old = plan(before)
    assert old.state is not None
    rows = list(before.articles)
    row = rows[10]
    other: dict[str, Any] = {
        "published": "2030-01-01 00:00:00.000000",
        "category_id": 4 if row.category_id != 4 else 3,
        "zone_id": 3 if row.zone_id != 3 else None,
        "slug": "moved",
    }
    rows[10] = row._replace(**{field: other[field]})
    after = dataclasses.replace(before, articles=rows)
    assert not plan(after, old.state).partial


def test_an_added_or_removed_article_makes_the_plan_whole() -> None:
    before = snapshot(60, 3)
    old = plan(before)
    assert old.state is not None
    fewer = dataclasses.replace(before, articles=before.articles[:-1])
    assert not plan(fewer, old.state).partial
    more = dataclasses.replace(
        before, articles=[*before.articles, before.articles[0]._replace(id=999, slug="new")]
    )
    assert not plan(more, old.state).partial


def test_a_new_frame_makes_the_plan_whole() -> None:
    before = snapshot(60, 4)
    old = plan(before)
    assert old.state is not None
    renamed = dataclasses.replace(before, site=site_values({"site.name": "新站名"}))
    assert not plan(renamed, old.state).partial
    assert not plan_site(before, theme_fp="other", assets={}, static={}, previous=old.state).partial


@pytest.mark.parametrize(
    "damage",
    [None, 1, "x", {}, {"format": 99}, {"format": 1, "rows": "x"}, {"format": 1, "rows": [[1]]}],
)
def test_a_damaged_state_is_ignored(damage: object) -> None:
    assert PlanState.from_json(damage) is None


def test_the_place_of_an_article_is_its_id_slug_time_category_and_zone() -> None:
    row = snapshot(1, 5).articles[0]
    assert _place(row) == (row.id, row.slug, row.published, row.category_id, row.zone_id)
    assert _searched(row) == (row.title, row.source, row.tags)


@pytest.mark.parametrize("seed", range(6))
def test_patching_the_sitemap_and_the_index_gives_the_whole_files(seed: int) -> None:
    rng = random.Random(seed)
    before = snapshot(rng.choice([3, 60, 450]), seed)
    old = plan(before)
    assert old.state is not None
    made = {
        SITEMAP: render_sitemap(old.files[SITEMAP].context()),
        SEARCH_INDEX: render_json(old.files[SEARCH_INDEX].context()),
    }
    after = edited(before, rng, min(3, len(before.articles)))
    whole = plan(after)
    partial = plan(after, old.state)
    patched = 0
    for name, make in ((SITEMAP, render_sitemap), (SEARCH_INDEX, render_json)):
        if name not in partial.files:
            continue
        patch = partial.files[name].patch
        assert patch is not None
        assert patch(made[name]) == make(whole.files[name].context()), name
        assert patch(b"not the previous file") is None
        assert patch(made[name][: len(made[name]) // 2]) is None
        patched += 1
    assert patched


def test_many_changed_titles_build_the_search_index_whole() -> None:
    before = snapshot(450, 3)
    old = plan(before)
    assert old.state is not None
    rows = [
        row._replace(title=row.title + "（改）", version=row.version + 1) if n % 10 == 0 else row
        for n, row in enumerate(before.articles)
    ]
    after = dataclasses.replace(before, articles=rows)
    assert sum(a != b for a, b in zip(rows, before.articles, strict=True)) > SPLICE_LIMIT
    partial = plan(after, old.state)
    assert partial.partial
    spec = partial.files[SEARCH_INDEX]
    assert spec.patch is None  # built from the rows, not patched entry by entry
    assert render_json(spec.context()) == render_json(plan(after).files[SEARCH_INDEX].context())


@pytest.mark.parametrize(
    "damage",
    [
        {"dates": ""},  # a column shorter than the rows
        {"keys": ""},
        {"found": "00"},
        {"sources": 7},
        {"common": None},
    ],
    ids=["dates", "keys", "found", "sources", "common"],
)
def test_a_state_whose_columns_disagree_is_ignored(damage: dict[str, object]) -> None:
    state = plan(snapshot(20, 6)).state
    assert state is not None
    data = state.to_json()
    assert PlanState.from_json(data) == state
    assert PlanState.from_json({**data, **damage}) is None


def test_more_changed_articles_than_the_limit_make_the_plan_whole() -> None:
    before = snapshot(CHANGED_LIMIT + 20, 8)
    old = plan(before)
    assert old.state is not None
    rng = random.Random(8)
    assert plan(edited(before, rng, 3), old.state).partial
    whole = plan(edited(before, rng, CHANGED_LIMIT + 1), old.state)
    assert not whole.partial
