"""Revision history: entries, diffs, restore as a new revision, the trash, three-way merge."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from editor.archive.articles import ArticleService
from editor.archive.autosave import AutosaveStore, new_session_key
from editor.archive.compare import (
    DiffRow,
    Snapshot,
    body_change,
    conflict_markers,
    diff_lines,
    diff_snapshots,
    merge_snapshots,
    merge_text,
    pair_lines,
)
from editor.archive.history import HistoryService
from editor.archive.schema import Revision
from editor.domain.errors import ConflictError, NotFoundError
from editor.domain.model import RevisionKind
from tests.unit.test_articles import SIP, article


@pytest.fixture
def history(archive):
    return HistoryService(archive, user="alice")


def test_entries_say_when_who_how_big_and_what_changed(archive, history):
    service = ArticleService(archive, user="alice")
    created = service.create(article(body="第一段\n\n第二段"))
    bob = ArticleService(archive, user="bob")
    v2 = bob.update(
        created.id,
        article(title="新标题", body="第一段\n\n第二段改了", zone=SIP),
        expected_version=created.version,
    )
    AutosaveStore(archive, user="alice").autosave(
        new_session_key(),
        dataclasses.replace(v2.to_input(), body="第一段\n\n第二段改了\n\n还在写"),
        article_id=created.id,
        base_version=v2.version,
    )
    entries = history.entries(created.id)
    assert [(e.number, e.kind, e.saved_by) for e in entries] == [
        (3, RevisionKind.AUTOSAVE, "alice"),
        (2, RevisionKind.SAVE, "bob"),
        (1, RevisionKind.CREATE, "alice"),
    ]
    autosave, save, first = entries
    assert first.what_changed == "created"
    assert first.size == len("第一段\n\n第二段")
    assert save.changed_fields == ("title", "zone")
    assert (save.body_added, save.body_removed) == (2, 0)
    assert save.what_changed == "title, zone; body +2 −0"
    assert autosave.what_changed == "body +5 −0"
    assert save.is_current
    assert not autosave.is_current
    assert not first.is_current
    assert not autosave.deliberate
    # the newest one only: still says what it changed
    (newest,) = history.entries(created.id, limit=1)
    assert newest.what_changed == "body +5 −0"


def test_what_a_revision_changed_is_told_against_the_revision_it_followed_from(archive, history):
    alice = ArticleService(archive, user="alice")
    created = alice.create(article(body="第一段\n\n第二段"))  # 1, version 1
    # bob's window autosaves a body it never saves (2, based on version 1)
    AutosaveStore(archive, user="bob").autosave(
        new_session_key(),
        dataclasses.replace(created.to_input(), body="第一段\n\n第二段\n\n鲍勃没存的草稿"),
        article_id=created.id,
        base_version=created.version,
    )
    # alice saves a new title only (3, version 2): her save did not touch the body
    v2 = alice.update(
        created.id, article(title="新标题", body="第一段\n\n第二段"), expected_version=1
    )
    # carol saves a body change (4, version 3) while alice keeps typing on version 2 …
    ArticleService(archive, user="carol").update(
        created.id, article(title="新标题", body="第一段改了\n\n第二段"), expected_version=2
    )
    AutosaveStore(archive, user="alice").autosave(  # … and her autosave lands (5)
        new_session_key(),
        dataclasses.replace(v2.to_input(), body="第一段\n\n第二段，补一句"),
        article_id=created.id,
        base_version=v2.version,
    )
    entries = {e.number: e for e in history.entries(created.id)}
    assert entries[1].compared_with is None
    assert entries[1].what_changed == "created"
    assert (entries[2].compared_with, entries[2].what_changed) == (1, "body +9 −0")
    # the deliberate save against the save before it, not against bob's autosave
    assert entries[3].compared_with == 1
    assert entries[3].what_changed == "title"
    assert (entries[4].compared_with, entries[4].what_changed) == (3, "body +2 −0")
    # alice's autosave against version 2, which she edited, not carol's version 3
    assert entries[5].compared_with == 3
    assert entries[5].what_changed == "body +4 −0"
    # the same when the revisions told against are not among those listed
    newest, saved = history.entries(created.id, limit=2)
    assert (newest.number, newest.what_changed) == (5, "body +4 −0")
    assert (saved.number, saved.what_changed) == (4, "body +2 −0")
    assert saved.is_current


def test_an_autosave_after_the_trash_is_told_against_the_content_it_edited(archive, history):
    service = ArticleService(archive, user="alice")
    created = service.create(article(body="正文"))
    service.delete(created.id)  # the trash bumps the version, writing no revision
    back = service.restore(created.id)
    assert back.version > created.version
    AutosaveStore(archive, user="alice").autosave(
        new_session_key(),
        dataclasses.replace(back.to_input(), body="正文加长"),
        article_id=created.id,
        base_version=back.version,
    )
    newest = history.entries(created.id)[0]
    assert (newest.compared_with, newest.what_changed) == (1, "body +2 −0")
    base = history.version_snapshot(created.id, back.version)
    assert base is not None
    assert base.body == "正文"


def test_diff_between_revisions_has_a_fields_table_and_side_by_side_rows(archive, history):
    service = ArticleService(archive)
    created = service.create(article(body="甲\n乙\n丙\n丁"))
    service.update(
        created.id,
        article(title="改过的标题", body="甲\n乙改\n丙\n戊"),
        expected_version=created.version,
    )
    diff = history.diff(created.id, 1, 2)
    assert [f.name for f in diff.changed_fields] == ["title"]
    title = diff.fields[0]
    assert (title.left, title.right) == ("金坛召开第三次督查会", "改过的标题")
    assert diff.rows == [
        DiffRow(1, "甲", 1, "甲", "equal"),
        DiffRow(2, "乙", 2, "乙改", "replace", (), ((1, 2),)),
        DiffRow(3, "丙", 3, "丙", "equal"),
        DiffRow(4, "丁", 4, "戊", "replace", ((0, 1),), ((0, 1),)),
    ]
    assert history.diff(created.id, 2).identical  # revision 2 against the stored article
    with pytest.raises(NotFoundError):
        history.diff(created.id, 1, 9)


def test_diff_lines_pads_uneven_blocks():
    # "b" is like none of x, y, z: it faces none of them (removed), they are added
    rows = diff_lines("a\nb\nc\n", "a\nx\ny\nz\nc\n")
    assert [r.tag for r in rows] == ["equal", "delete", "insert", "insert", "insert", "equal"]
    assert rows[-1] == DiffRow(3, "c", 5, "c", "equal")
    # a lone line rewritten in place still faces its replacement
    assert [r.tag for r in diff_lines("a\nb\nc", "a\nx\nc")] == ["equal", "replace", "equal"]
    rows = diff_lines("a\nb\nc", "a")
    assert [(r.left_no, r.right_no, r.tag) for r in rows] == [
        (1, 1, "equal"),
        (2, None, "delete"),
        (3, None, "delete"),
    ]


LEAD = "10月9日下午，金坛经开区召开第三次督查会，区委常委、经开区党工委书记出席会议并讲话。"
REPORT = "会议听取了各部门关于重点项目推进情况的汇报，并对下一阶段工作作出部署。"
REPORT_EDITED = "会议听取了各部门关于重点项目建设推进情况的汇报，并对下一阶段重点工作作出具体部署。"
INSERTED = "据悉，今年以来经开区新签约项目十二个，总投资超过一百亿元，其中外资项目三个。"
CLOSING = "会议强调，要坚持问题导向，确保各项任务按时完成。"
CLOSING_EDITED = "会议强调，要坚持问题导向和目标导向，确保各项任务按时保质完成。"


def test_an_edited_paragraph_faces_its_new_wording_not_a_paragraph_inserted_before_it():
    old = "\n\n".join(["# 金坛召开第三次督查会", LEAD, REPORT, CLOSING])
    new = "\n\n".join(["# 金坛召开第三次督查会", LEAD, INSERTED, REPORT_EDITED, CLOSING_EDITED])
    rows = diff_lines(old, new)
    assert [(r.left_text, r.right_text, r.tag) for r in rows if r.tag != "equal"] == [
        ("", INSERTED, "insert"),
        ("", "", "insert"),  # the empty line after the inserted paragraph
        (REPORT, REPORT_EDITED, "replace"),
        (CLOSING, CLOSING_EDITED, "replace"),
    ]
    report = next(r for r in rows if r.left_text == REPORT)
    assert (report.left_no, report.right_no) == (5, 7)
    # only what changed inside the paragraph is marked: 建设, 重点, 具体
    marked = ["".join(report.right_text[s:e] for s, e in report.right_spans)]
    assert marked == ["建设重点具体"]
    assert report.left_spans == ()
    # every line of both sides shows once, in order
    assert [r.left_no for r in rows if r.left_no] == list(range(1, 8))
    assert [r.right_no for r in rows if r.right_no] == list(range(1, 10))


def test_pair_lines_takes_the_most_alike_and_leaves_the_rest_unpaired():
    left = [REPORT, CLOSING]
    right = [INSERTED, CLOSING_EDITED, REPORT_EDITED]
    # the two paragraphs swapped places: only one can face its new wording (in order)
    pairs = pair_lines(left, right)
    assert sorted(p for p in pairs if None not in p) in ([(0, 2)], [(1, 1)])
    assert sorted(i for i, _ in pairs if i is not None) == [0, 1]
    assert sorted(j for _, j in pairs if j is not None) == [0, 1, 2]
    assert pair_lines([REPORT], [INSERTED, REPORT_EDITED]) == [(None, 0), (0, 1)]
    assert pair_lines([REPORT, CLOSING], [INSERTED]) == [(0, None), (1, None), (None, 0)]


def test_restore_makes_a_new_revision_and_destroys_nothing(archive, history):
    service = ArticleService(archive)
    created = service.create(article(body="最初的正文"))
    v2 = service.update(created.id, article(body="改坏了的正文"), expected_version=created.version)
    restored = history.restore_revision(created.id, 1, expected_version=v2.version)
    assert restored.body == "最初的正文"
    assert restored.version == v2.version + 1
    revisions = service.revisions(created.id)
    assert [(r.number, r.kind, r.body) for r in revisions] == [
        (1, RevisionKind.CREATE, "最初的正文"),
        (2, RevisionKind.SAVE, "改坏了的正文"),
        (3, RevisionKind.RESTORE, "最初的正文"),
    ]
    with pytest.raises(ConflictError) as caught:  # someone saved since the panel was read
        history.restore_revision(created.id, 2, expected_version=v2.version)
    assert caught.value.current.version == restored.version
    assert len(service.revisions(created.id)) == 3


def test_restore_keeps_the_slug_when_another_article_took_it(archive, history):
    service = ArticleService(archive)
    first = service.create(article(slug="jintan"))
    v2 = service.update(first.id, article(slug="jintan-2"), expected_version=1)
    service.create(article(slug="jintan"))  # the old slug is someone else's now
    restored = history.restore_revision(first.id, 1, expected_version=v2.version)
    assert restored.slug == "jintan-2"


def test_trash_lists_and_restores(archive, history):
    service = ArticleService(archive)
    kept = service.create(article(title="留着的"))
    gone = service.create(article(title="删掉的"))
    history.delete(gone.id)
    trash = history.trash()
    assert [r.id for r in trash.items] == [gone.id]
    assert trash.total == 1
    history.restore_from_trash(gone.id)
    assert history.trash().total == 0
    assert {r.id for r in service.list_articles().items} == {kept.id, gone.id}
    assert len(history.entries(gone.id)) == 1  # trash and back write no revision


def test_version_snapshot_is_the_base_for_a_merge(archive, history):
    service = ArticleService(archive)
    created = service.create(article(body="一\n二\n三\n"))
    service.delete(created.id)  # bumps the version without a revision
    service.restore(created.id)
    current = service.get(created.id)
    saved = service.update(
        created.id, article(body="一\n二改\n三\n"), expected_version=current.version
    )
    base = history.version_snapshot(created.id, saved.version)
    assert base is not None
    assert base.body == "一\n二改\n三\n"
    first = history.version_snapshot(created.id, 1)
    assert first is not None
    assert first.body == "一\n二\n三\n"
    assert history.version_snapshot(created.id, 99) is None


def test_merge_takes_each_sides_changes_and_marks_real_conflicts():
    base = "标题行\n第一段\n第二段\n第三段\n"
    mine = "标题行\n第一段（我改）\n第二段\n第三段\n"
    theirs = "标题行\n第一段\n第二段\n第三段（他改）\n第四段\n"
    merged = merge_text(base, mine, theirs)
    assert merged.conflicts == 0
    assert merged.text == "标题行\n第一段（我改）\n第二段\n第三段（他改）\n第四段\n"
    clash = merge_text(
        base, "标题行\n我的第一段\n第二段\n第三段\n", "标题行\n他的第一段\n第二段\n第三段\n"
    )
    assert clash.conflicts == 1
    assert clash.text == (
        "标题行\n<<<<<<< mine\n我的第一段\n=======\n他的第一段\n>>>>>>> theirs\n第二段\n第三段\n"
    )
    assert clash.conflict_lines == [2]
    same = merge_text("a", "b", "b")
    assert (same.text, same.conflicts) == ("b", 0)


def test_merge_snapshots_takes_each_sides_fields_and_keeps_mine_where_both_changed():
    base_input = article(body="第一段\n\n第二段\n\n第三段", slug="jintan")
    base = Snapshot.of_input(base_input)
    mine = Snapshot.of_input(
        dataclasses.replace(
            base_input, title="我的标题", body="第一段（我改）\n\n第二段\n\n第三段", slug=None
        )
    )
    theirs = Snapshot.of_input(
        dataclasses.replace(
            base_input, zone=SIP, tags=("督查",), body="第一段\n\n第二段\n\n第三段（他改）"
        )
    )
    merged = merge_snapshots(base, mine, theirs, mine_label="我的修改", theirs_label="他人的修改")
    assert merged.conflicts == 0
    assert merged.field_conflicts == []
    assert merged.data == dataclasses.replace(
        base_input,
        title="我的标题",  # only mine changed it
        zone=SIP,  # only theirs changed these
        tags=("督查",),
        body="第一段（我改）\n\n第二段\n\n第三段（他改）",
        slug="jintan",  # mine left it empty: kept
    )
    assert merged.from_theirs == ("zone", "tags", "body")

    # both changed the title and the same paragraph: mine kept, theirs listed; markers
    theirs = Snapshot.of_input(
        dataclasses.replace(base_input, title="他的标题", body="第一段（他改）\n\n第二段\n\n第三段")
    )
    clash = merge_snapshots(base, mine, theirs, mine_label="我的修改", theirs_label="他人的修改")
    assert clash.data.title == "我的标题"
    assert [(c.name, c.left, c.right) for c in clash.field_conflicts] == [
        ("title", "我的标题", "他的标题")
    ]
    assert clash.conflicts == 1
    assert clash.data.body == (
        "<<<<<<< 我的修改\n第一段（我改）\n=======\n第一段（他改）\n>>>>>>> 他人的修改\n"
        "\n第二段\n\n第三段"
    )
    assert conflict_markers(clash.data.body) == [1]
    assert clash.from_theirs == ()


def test_conflict_markers_need_a_whole_passage():
    assert conflict_markers("正文\n<<<<<<< 我的\n甲\n=======\n乙\n>>>>>>> 他的\n尾") == [2]
    assert conflict_markers("标题\n=======\n正文") == []  # a Markdown heading underline
    assert conflict_markers("<<<<<<< 我的\n甲\n乙") == []
    assert conflict_markers("") == []


def test_body_change_counts_the_middle():
    assert body_change("abcdef", "abXYef") == (2, 2)
    assert body_change("abc", "abc") == (0, 0)
    assert body_change("", "新") == (1, 0)
    assert body_change("aaa", "aa") == (0, 1)


def test_snapshots_of_editor_text_and_stored_record_compare(archive):
    record = ArticleService(archive).create(article())
    mine = dataclasses.replace(record.to_input(), title="我的标题", tags=("新",))
    diff = diff_snapshots(Snapshot.of_record(record, "theirs"), Snapshot.of_input(mine, "mine"))
    assert {f.name for f in diff.changed_fields} == {"title", "tags"}
    assert (diff.left_label, diff.right_label) == ("theirs", "mine")
    assert Snapshot.of_input(mine).to_input() == mine


def test_identical_lines_pair_and_very_large_blocks_pair_by_position():
    assert pair_lines(["同一行", REPORT], ["同一行"]) == [(0, 0), (1, None)]
    left = [f"第{i}行旧的内容" for i in range(250)]
    right = [f"完全不同的{i}" for i in range(170)]  # 42 500 pairs to weigh: too many
    pairs = pair_lines(left, right)
    assert pairs[:170] == [(i, i) for i in range(170)]
    assert pairs[170:] == [(i, None) for i in range(170, 250)]


def test_a_huge_edited_line_faces_its_new_wording_without_marks_inside():
    huge = "园区建设项目稳步推进，" * 600  # 6 600 characters: more than a line is compared inside
    rows = diff_lines(f"标题\n{huge}\n结尾", f"标题\n{huge}招商引资取得新进展。\n结尾")
    assert [r.tag for r in rows] == ["equal", "replace", "equal"]
    assert (rows[1].left_spans, rows[1].right_spans) == ((), ())


def test_entries_of_an_unknown_article(history):
    with pytest.raises(NotFoundError, match="there is no article 999999"):
        history.entries(999_999)


def test_a_changed_external_id_is_taken_from_theirs_but_not_shown_as_a_change():
    base_input = article(body="正文", external_id="ext-1")
    base = Snapshot.of_input(base_input)
    mine = Snapshot.of_input(dataclasses.replace(base_input, title="我的标题"))
    theirs = Snapshot.of_input(dataclasses.replace(base_input, external_id="http://x.cn/1.html"))
    merged = merge_snapshots(base, mine, theirs)
    assert merged.data.external_id == "http://x.cn/1.html"
    assert merged.data.title == "我的标题"
    assert merged.from_theirs == ()
    assert merged.field_conflicts == []


def test_revisions_of_an_older_archive_without_versions_or_slugs(archive, history):
    """Revisions written before they recorded the version they made (and the slug)."""
    service = ArticleService(archive)
    created = service.create(article(body="一"))
    v2 = service.update(created.id, article(body="一\n二"), expected_version=1)
    AutosaveStore(archive, user="alice").autosave(
        new_session_key(), article(body="一\n二\n三"), article_id=created.id, base_version=1
    )
    with archive.session(write=True) as session:
        for row in session.scalars(select(Revision).where(Revision.article_id == created.id)):
            row.fields = {k: v for k, v in row.fields.items() if k not in ("version", "slug")}
    autosave, save, first = history.entries(created.id)
    assert autosave.compared_with == 2  # no version to go by: the deliberate one before it
    assert (autosave.body_added, save.compared_with, first.compared_with) == (2, 1, None)
    assert history.version_snapshot(created.id, 1) is None  # no base for a merge then
    restored = history.restore_revision(created.id, 1, expected_version=v2.version)
    assert (restored.body, restored.slug) == ("一", v2.slug)  # the article keeps its slug
