"""JSON Lines import and export: bad lines named, good ones kept, re-imports, images, round trip."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import func, select

from editor.archive.articles import ArticleService
from editor.archive.assets import referenced_hashes
from editor.archive.database import open_archive
from editor.archive.jsonl import export_jsonl, import_jsonl, parse_line
from editor.archive.maintenance import verify
from editor.archive.schema import Asset
from editor.domain.model import DEFAULT_TZ, ArticleFilter, ArticleInput, RevisionKind


def png_bytes(seed: int = 0) -> bytes:
    """A tiny real PNG image, different for each seed."""
    raw = b"\x00" + bytes([seed % 256, 120, 200])
    chunks = [
        (b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)),
        (b"IDAT", zlib.compress(raw)),
        (b"IEND", b""),
    ]
    out = b"\x89PNG\r\n\x1a\n"
    for tag, data in chunks:
        out += struct.pack(">I", len(data)) + tag + data
        out += struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    return out


def line(n: int, **kw: object) -> dict[str, object]:
    values: dict[str, object] = {
        "id": f"ext-{n}",
        "title": f"金坛开发区第{n}次项目推进会",
        "body": f"园区召开第{n}次会议。\n\n会议强调招商引资。",
        "published_at": f"2021-03-{n % 28 + 1:02d}T09:00:00",
        "source": "金坛手机台",
        "zone": "江苏金坛经济开发区",
        "category": ["开发区新闻", "常州", "文字新闻"],
        "tags": ["招商"],
    }
    values.update(kw)
    return values


def write_jsonl(path: Path, rows: Sequence[object]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(row if isinstance(row, str) else json.dumps(row, ensure_ascii=False))
            fh.write("\n")
    return path


@pytest.fixture
def service(archive):
    return ArticleService(archive, user="importer")


def test_bad_lines_are_named_and_good_lines_kept(service, tmp_path):
    path = tmp_path / "mixed.jsonl"
    rows: list[object] = [
        line(1),
        '{"id": "broken", "title": ',  # 2: broken JSON
        line(3, title=""),  # 3: empty title
        line(4, title="长" * 201),  # 4: title too long
        line(5, published_at="2021-02-30T10:00:00"),  # 5: impossible date
        line(6, category="开发区新闻 > 常州"),  # 6: category not a list
        line(7),
        line(8, title=None),  # 8: missing title
        "[1, 2, 3]",  # 9: not an object
        line(10, status="gone"),  # 10: unknown status
    ]
    write_jsonl(path, rows)
    with path.open("ab") as fh:  # 11: broken UTF-8
        fh.write(b'{"id": "x", "title": "\xff\xfe"}\n')
    report = import_jsonl(service, path, workers=1)
    bad = {p.line: p.reason for p in report.bad}
    assert sorted(bad) == [2, 3, 4, 5, 6, 8, 9, 10, 11]
    assert "JSON" in bad[2]
    assert bad[3].startswith("title")
    assert "201" in bad[4]
    assert bad[5].startswith("published_at")
    assert bad[6].startswith("category")
    assert "UTF-8" in bad[11]
    assert report.created == 2
    assert not report.ok
    assert sorted(r.external_id for r in service.list_articles().items) == ["ext-1", "ext-7"]


def test_reimport_updates_with_a_revision_never_duplicates(service, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [line(1), line(2)])
    first = import_jsonl(service, path, workers=1)
    assert (first.created, first.updated) == (2, 0)
    again = import_jsonl(service, path, workers=1)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    write_jsonl(path, [line(1, body="改过的正文"), line(2)])
    third = import_jsonl(service, path, workers=1)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert service.list_articles().total == 2
    record = service.find_by_external_id("ext-1")
    assert record is not None
    assert record.body == "改过的正文"
    kinds = [r.kind for r in service.revisions(record.id)]
    assert kinds == [RevisionKind.IMPORT, RevisionKind.IMPORT]


def test_lines_without_id_are_keyed_by_title_date_and_zone(service, tmp_path):
    row = line(1)
    del row["id"]
    path = write_jsonl(tmp_path / "noid.jsonl", [row])
    import_jsonl(service, path, workers=1)
    import_jsonl(service, path, workers=1)
    assert service.list_articles().total == 1


def test_naive_time_is_beijing_time(service, tmp_path):
    path = write_jsonl(tmp_path / "t.jsonl", [line(1, published_at="2020-10-10T09:00:00")])
    import_jsonl(service, path, workers=1)
    record = service.find_by_external_id("ext-1")
    assert record is not None
    assert record.published_at is not None
    assert record.published_at.isoformat() == "2020-10-10T09:00:00+08:00"


def test_unknown_zone_source_and_category_are_created(service, tmp_path):
    path = write_jsonl(
        tmp_path / "new.jsonl",
        [line(1, zone="新区开发区", source="新华社", category=["招商信息", "海外"])],
    )
    report = import_jsonl(service, path, workers=1)
    assert report.ok
    assert service.list_articles(ArticleFilter(zone="新区开发区")).total == 1
    assert service.list_articles(ArticleFilter(source="新华社")).total == 1
    assert service.list_articles(ArticleFilter(category=("招商信息", "海外"))).total == 1


def test_images_are_copied_into_the_media_store(service, tmp_path):
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "photo.png").write_bytes(png_bytes(1))
    body = "现场照片:\n\n![签约仪式](media/photo.png)\n\n![缺失](media/missing.jpg)\n"
    path = write_jsonl(tmp_path / "img.jsonl", [line(1, body=body)])
    report = import_jsonl(service, path, workers=1)
    assert report.ok
    assert any("missing.jpg" in w.reason for w in report.warnings)
    record = service.find_by_external_id("ext-1")
    assert record is not None
    assert "media/photo.png" not in record.body
    assert "](media/" in record.body
    assert "media/missing.jpg" in record.body  # left as it was, reported
    assert verify(service.archive).ok


def test_image_paths_cannot_leave_the_import_folder(service, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes(2))
    sub = tmp_path / "import"
    sub.mkdir()
    path = write_jsonl(sub / "a.jsonl", [line(1, body="![x](../secret.png)")])
    report = import_jsonl(service, path, workers=1)
    assert any("outside the import folder" in w.reason for w in report.warnings)


def test_round_trip_loses_nothing(archive, tmp_path):
    service = ArticleService(archive)
    (tmp_path / "src" / "media").mkdir(parents=True)
    (tmp_path / "src" / "media" / "a.png").write_bytes(png_bytes(3))
    rows = [
        line(
            1, body="![图](media/a.png)\n\n正文", author="李四", summary="摘要", slug="custom-slug"
        ),
        line(2, language="en", title="Jintan opens a new park", status="draft", tags=[]),
        line(3, published_at="2021-05-01T10:00:00+00:00"),
    ]
    src = write_jsonl(tmp_path / "src" / "in.jsonl", rows)
    assert import_jsonl(service, src, workers=1).ok
    out = tmp_path / "out" / "export.jsonl"
    assert export_jsonl(service, out) == 3
    exported = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert (tmp_path / "out" / "media").is_dir()

    other_path = tmp_path / "second.sqlite3"
    other = open_archive(str(other_path))
    try:
        other_service = ArticleService(other)
        assert import_jsonl(other_service, out, workers=1).ok
        out2 = tmp_path / "out2" / "export.jsonl"
        export_jsonl(other_service, out2)
        again = [json.loads(x) for x in out2.read_text(encoding="utf-8").splitlines()]
        assert again == exported
        assert verify(other).ok
    finally:
        other.close()
    by_id = {row["id"]: row for row in exported}
    assert by_id["ext-1"]["author"] == "李四"
    assert by_id["ext-1"]["slug"] == "custom-slug"
    assert by_id["ext-2"]["language"] == "en"
    assert by_id["ext-2"]["status"] == "draft"
    assert by_id["ext-3"]["published_at"] == "2021-05-01T18:00:00+08:00"


def test_parse_line_accepts_the_corpus_format():
    raw = json.dumps(line(1), ensure_ascii=False).encode()
    parsed = parse_line(1, raw)
    assert parsed.key == "ext-1"
    assert parsed.data.category == ("开发区新闻", "常州", "文字新闻")


def test_parallel_rendering_gives_the_same_archive(service, tmp_path):
    rows = [line(n) for n in range(1, 451)]
    path = write_jsonl(tmp_path / "many.jsonl", rows)
    report = import_jsonl(service, path, workers=2)
    assert report.created == 450
    record = service.find_by_external_id("ext-300")
    assert record is not None
    assert "<p>园区召开第300次会议。</p>" in record.body_html


def test_the_same_id_twice_in_one_file_keeps_the_later_line(service, tmp_path):
    path = write_jsonl(tmp_path / "twice.jsonl", [line(1), line(2), line(1, body="后来的正文")])
    report = import_jsonl(service, path, workers=1)
    assert report.created == 2
    assert any(w.line == 3 and "line 1" in w.reason for w in report.warnings)
    record = service.find_by_external_id("ext-1")
    assert record is not None
    assert record.body == "后来的正文"
    assert verify(service.archive).ok
    assert [h.article.id for h in service.search("后来").items] == [record.id]


def test_nul_characters_and_huge_bodies(service, tmp_path):
    huge = "园区建设项目稳步推进，招商引资取得新进展。" * 60_000  # about 1.3 million characters
    path = write_jsonl(
        tmp_path / "odd.jsonl",
        [line(1, body="正文\u0000有空字符"), line(2, tags=["a\u0000b"]), line(3, body=huge)],
    )
    report = import_jsonl(service, path, workers=1)
    bad = {p.line: p.reason for p in report.bad}
    assert sorted(bad) == [1, 2]
    assert "body" in bad[1]
    assert "NUL" in bad[1]
    assert "tags" in bad[2]
    record = service.find_by_external_id("ext-3")
    assert record is not None
    assert len(record.body) == len(huge)
    assert [h.article.id for h in service.search("招商引资").items] == [record.id]
    assert verify(service.archive).ok


def test_each_wrong_field_is_named_with_its_line(service, tmp_path):
    no_category = line(2)
    del no_category["category"]
    path = write_jsonl(
        tmp_path / "fields.jsonl",
        [
            line(1),
            no_category,  # 2
            line(3, category=[]),
            line(4, category=["开发区新闻", "  "]),
            line(5, published_at=20210301),
            line(6, tags="招商"),
            line(7, id=True),
            line(8, id=["a"]),
            line(9, author=42),
            line(10, id=10, published_at="", status="draft"),  # a number id, no date: fine
        ],
    )
    report = import_jsonl(service, path, workers=1)
    assert {p.line: p.reason for p in report.bad} == {
        2: "category: missing",
        3: "category: empty name in the path",
        4: "category: empty name in the path",
        5: "published_at: must be an ISO 8601 text",
        6: "tags: must be a list of texts",
        7: "id: must be text or a number",
        8: "id: must be text or a number",
        9: "author: must be text, not int",
    }
    undated = service.find_by_external_id("10")
    assert undated is not None
    assert undated.published_at is None
    assert report.created == 2


def test_a_bom_and_blank_lines_keep_the_line_numbers_of_the_file(service, tmp_path):
    path = tmp_path / "bom.jsonl"
    good = json.dumps(line(1), ensure_ascii=False).encode()
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\r\n\r\n   \n" + b'{"title": 1}\n\n')
    report = import_jsonl(service, path, workers=1)
    assert report.lines == 2
    assert report.created == 1  # the BOM does not break the first line
    assert [(p.line, p.reason) for p in report.bad] == [(4, "title: must be text, not int")]


def test_a_slug_taken_gets_a_free_address_and_a_warning_not_a_refusal(service, tmp_path):
    service.create(_article_with_slug("jintan-2"))
    path = write_jsonl(
        tmp_path / "slugs.jsonl",
        [line(1, slug="jintan"), line(2, slug="jintan"), line(3), line(4, slug="Jintan-2")],
    )
    report = import_jsonl(service, path, workers=1)
    assert report.created == 4
    assert report.bad == []
    assert [(p.line, p.reason) for p in report.warnings] == [
        (2, "slug “jintan” is taken; saved as “jintan-3”"),  # jintan-2 is the archive's
        (4, "slug “jintan-2” is taken; saved as “jintan-2-2”"),
    ]
    slugs = {r.external_id: r.slug for r in service.list_articles().items}
    assert (slugs["ext-1"], slugs["ext-2"], slugs["ext-4"]) == ("jintan", "jintan-3", "jintan-2-2")
    # the same file again changes nothing: each keeps the address it was given
    again = import_jsonl(service, path, workers=1)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert [(p.line, p.reason) for p in again.warnings] == [
        (2, "slug “jintan” is taken by another article; it keeps “jintan-3”"),
        (4, "slug “jintan-2” is taken by another article; it keeps “jintan-2-2”"),
    ]
    # a re-import that changes only the slug is an update
    write_jsonl(path, [line(1, slug="jintan-new")])
    again = import_jsonl(service, path, workers=1)
    assert (again.updated, again.unchanged) == (1, 0)
    record = service.find_by_external_id("ext-1")
    assert record is not None
    assert record.slug == "jintan-new"


def _article_with_slug(slug: str) -> ArticleInput:
    return ArticleInput(
        title="手写的稿件",
        body="正文",
        category=("开发区新闻",),
        published_at=dt.datetime(2021, 3, 1, 9, tzinfo=DEFAULT_TZ),
        slug=slug,
    )


def test_image_references_already_in_the_store_and_files_that_are_no_images(service, tmp_path):
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "photo.png").write_bytes(png_bytes(5))
    (tmp_path / "media" / "notes.png").write_text("这不是图片", encoding="utf-8")
    first = write_jsonl(tmp_path / "first.jsonl", [line(1, body="![图](media/photo.png)")])
    assert import_jsonl(service, first, workers=1).ok
    record = service.find_by_external_id("ext-1")
    assert record is not None
    stored = next(iter(referenced_hashes(record.body)))
    gone = "cd" * 32
    body = (
        f"![又一张](media/photo.png)\n\n![不在库里](media/{gone}.jpg)\n\n![假图](media/notes.png)"
    )
    stored_only = f"![同一张](media/{stored}.png)"
    second = write_jsonl(tmp_path / "second.jsonl", [line(2, body=body), line(3, body=stored_only)])
    report = import_jsonl(service, second, workers=1)
    assert report.created == 2
    reasons = [w.reason for w in report.warnings]
    assert reasons == [
        "media/notes.png is not a JPEG, PNG, GIF, WebP or BMP image; skipped",
        f"image media/{gone[:12]}… is not in the archive",
    ]
    with service.archive.session() as session:
        assert session.scalar(select(func.count()).select_from(Asset)) == 1  # stored once


def test_export_tells_its_progress_and_writes_each_image_once(service, tmp_path):
    (tmp_path / "src" / "media").mkdir(parents=True)
    (tmp_path / "src" / "media" / "a.png").write_bytes(png_bytes(9))
    gone = "ef" * 32
    rows = [line(n, body=f"![图](media/a.png)\n\n第{n}篇") for n in (1, 2)]
    rows.append(line(3, body=f"![早没了](media/{gone}.png)"))
    src = write_jsonl(tmp_path / "src" / "in.jsonl", rows)
    import_jsonl(service, src, workers=1)
    out = tmp_path / "out" / "export.jsonl"
    seen: list[tuple[int, int]] = []
    assert export_jsonl(service, out, progress=lambda n, total: seen.append((n, total))) == 3
    assert seen == [(3, 3)]
    media = sorted(p.name for p in (tmp_path / "out" / "media").iterdir())
    assert media == [f"{hashlib.sha256(png_bytes(9)).hexdigest()}.png"]  # the missing one: none
    image = tmp_path / "out" / "media" / media[0]
    image.write_bytes(png_bytes(9))
    before = image.stat().st_mtime_ns
    assert export_jsonl(service, out) == 3  # again, into the same folder
    assert image.stat().st_mtime_ns == before  # an image already there is not written again
    assert not list((tmp_path / "out").glob("**/*.partial"))


def test_a_reimport_of_several_zones_and_sources_keeps_each_its_own(service, tmp_path):
    rows = [
        line(1, zone="江苏金坛经济开发区", source="金坛手机台"),
        line(2, zone="苏州工业园区", source="苏州日报"),
        line(3, zone="昆山经济技术开发区", source="昆山日报"),
    ]
    path = write_jsonl(tmp_path / "zones.jsonl", rows)
    import_jsonl(service, path, workers=1)
    write_jsonl(path, [{**row, "body": f"改过的{row['id']}"} for row in rows])
    report = import_jsonl(service, path, workers=1)
    assert (report.updated, report.unchanged) == (3, 0)
    for row in rows:
        record = service.find_by_external_id(str(row["id"]))
        assert record is not None
        assert (record.zone, record.source, record.body) == (
            row["zone"],
            row["source"],
            f"改过的{row['id']}",
        )
        (_, second) = service.revisions(record.id)
        assert (second.fields["zone"], second.fields["source"]) == (row["zone"], row["source"])


# -- one bad line is one bad line ------------------------------------------------------------------


def test_a_line_nested_too_deeply_or_dated_at_the_edges_is_one_bad_line(service, tmp_path):
    rows: list[object] = [line(n) for n in range(1, 601)]
    rows[99] = "[" * 10_000 + "]" * 10_000  # line 100: RecursionError in the JSON reader
    rows[199] = '{"title": ' * 10_000 + '"x"' + "}" * 10_000
    rows[299] = line(300, published_at="9999-12-31T23:59:59-12:00")  # OverflowError in Beijing
    rows[399] = line(400, published_at="0001-01-01T00:00:00+14:00")
    rows[449] = line(450, published_at="1948-12-31")
    rows[499] = line(500, published_at="2100-12-31T23:00:00-12:00")  # 2101 in Beijing
    rows[549] = json.dumps(line(550, id=0)).replace('"id": 0', '"id": ' + "9" * 5000)
    rows[579] = line(580, id="x" * 201)
    path = write_jsonl(tmp_path / "edges.jsonl", rows)
    report = import_jsonl(service, path, workers=1)
    bad = {p.line: p.reason for p in report.bad}
    assert sorted(bad) == [100, 200, 300, 400, 450, 500, 550, 580]
    assert bad[100].startswith("nested too deeply")
    assert bad[200].startswith("nested too deeply")
    assert bad[300] == (
        "published_at: '9999-12-31T23:59:59-12:00' is refused: the year 9999 is outside the years "
        "1949–2100 a publication time may have"
    )
    assert bad[400].startswith("published_at: '0001-01-01T00:00:00+14:00' is refused: the year 1 ")
    assert "year 1948" in bad[450]
    assert bad[500].startswith("published_at: ")
    assert "2101-01-01 19:00 in Beijing time" in bad[500]
    assert bad[550].startswith("broken JSON")
    assert bad[580] == "id: 201 characters, at most 200"
    assert (report.created, report.lines) == (592, 600)
    assert service.count() == 592
    assert report.committed_through == 600


def test_the_edge_years_themselves_are_publication_times(service, tmp_path):
    path = write_jsonl(
        tmp_path / "edges.jsonl",
        [line(1, published_at="1949-01-01T00:00:00+08:00"), line(2, published_at="2100-12-31")],
    )
    report = import_jsonl(service, path, workers=1)
    assert (report.created, report.bad) == (2, [])


def test_one_range_of_years_for_the_form_the_import_and_the_archive():
    from editor.domain.validation import check_article, parse_published_at  # noqa: PLC0415
    from editor.domain.values import FIRST_PUBLISHED_YEAR, LAST_PUBLISHED_YEAR  # noqa: PLC0415
    from editor.text.datetimes import FIRST_YEAR, LAST_YEAR, Refusal, parse_moment  # noqa: PLC0415

    assert (FIRST_YEAR, LAST_YEAR) == (FIRST_PUBLISHED_YEAR, LAST_PUBLISHED_YEAR) == (1949, 2100)
    refused = parse_moment("1948-12-31")
    assert getattr(refused, "reason", None) is Refusal.YEAR
    with pytest.raises(ValueError, match="year 2101"):
        parse_published_at("2101-01-01")
    far = ArticleInput(
        title="标题",
        category=("开发区新闻",),
        published_at=dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(-dt.timedelta(hours=12))),
    )
    (problem,) = check_article(far)
    assert problem.field == "published_at"
    assert "9999" in problem.message


def test_a_line_too_long_is_refused_unread_and_the_next_line_is_imported(
    service, tmp_path, monkeypatch
):
    from editor.archive import jsonlparse  # noqa: PLC0415

    monkeypatch.setattr(jsonlparse, "MAX_LINE_BYTES", 100_000)
    path = write_jsonl(tmp_path / "long.jsonl", [line(1), line(2, body="长" * 200_000), line(3)])
    report = import_jsonl(service, path, workers=1)
    assert [(p.line, p.reason) for p in report.bad] == [(2, "0.6 MB on one line; at most 0 MB")]
    assert report.created == 2


def test_the_command_names_each_bad_line_and_ends_without_a_traceback(sqlite_url, tmp_path):
    from tests.subprocesses import zonedesk  # noqa: PLC0415

    rows: list[object] = [line(1), "[" * 10_000 + "]" * 10_000, line(3, published_at="9999-12-31")]
    path = write_jsonl(tmp_path / "bad.jsonl", rows)
    result = zonedesk("import", str(path), db=sqlite_url, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{path}: line 2: nested too deeply" in result.stderr
    assert f"{path}: line 3: published_at: '9999-12-31' is refused" in result.stderr
    assert "3 lines: 1 created" in result.stdout
