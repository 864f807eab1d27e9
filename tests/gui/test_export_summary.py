"""After an export the dialog says which articles the site left out and why, lists them on
asking (a double-click opens one in the editor), and names the page of the article open in the
editor, or why it has none, with a button opening that page in the browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from editor.archive.articles import ArticleService
from editor.archive.database import Archive
from editor.domain.model import ArticleStatus
from editor.gui.dialogs.common import Desktop
from editor.gui.dialogs.exportdialog import CurrentArticle, ExportDialog
from editor.gui.settings import WindowState
from tests.gui.conftest import news

pytestmark = pytest.mark.gui


@pytest.fixture
def drafts(news_archive: Archive) -> dict[str, int]:
    """Two drafts and one article in review beside the three published articles; all their
    ids by title."""
    service = ArticleService(news_archive, user="tester")
    made = {
        "实习生的新稿": ArticleStatus.DRAFT,
        "待审的专题报道": ArticleStatus.REVIEW,
        "还没写完的评论": ArticleStatus.DRAFT,
    }
    ids = {
        title: service.create(news(title, 13, status=status)).id for title, status in made.items()
    }
    ids.update((r.title, r.id) for r in service.list_articles().items if r.title not in ids)
    return ids


def exported(
    qtbot: QtBot,
    archive: Archive,
    out: Path,
    current: CurrentArticle | None = None,
    opened: list[int] | None = None,
) -> ExportDialog:
    opener = opened.append if opened is not None else None
    dialog = ExportDialog(str(archive.path), WindowState(), current=current, open_article=opener)
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(out))
    dialog.show()
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    return dialog


def row(listing: QTreeWidget, number: int) -> QTreeWidgetItem:
    item = listing.topLevelItem(number)
    assert item is not None
    return item


def test_the_summary_counts_the_drafts_left_out_and_lists_them(
    qtbot: QtBot, news_archive: Archive, drafts: dict[str, int], tmp_path: Path
) -> None:
    opened: list[int] = []
    dialog = exported(qtbot, news_archive, tmp_path / "site", opened=opened)
    assert dialog.report is not None
    assert dialog.report.articles == 3
    assert dialog.left_out_label.isVisible()
    assert dialog.left_out_label.text() == (
        "Articles not exported (not published): 3 — Draft 2, In review 1."
    )
    assert not dialog.page_label.isVisible()  # no article open in the editor
    assert not dialog.browser_button.isVisible()
    assert not dialog.left_out_list.isVisible()

    dialog.list_button.click()
    listing = dialog.left_out_list
    assert listing.isVisible()
    assert dialog.list_button.text() == "Hide list"
    rows = [[row(listing, n).text(c) for c in range(3)] for n in range(listing.topLevelItemCount())]
    assert rows == [
        ["实习生的新稿", "Draft", str(drafts["实习生的新稿"])],
        ["待审的专题报道", "In review", str(drafts["待审的专题报道"])],
        ["还没写完的评论", "Draft", str(drafts["还没写完的评论"])],
    ]
    assert listing.height() > 3 * listing.visualItemRect(row(listing, 0)).height()

    # a double-click opens the article in the editor (and the dialog gives way to it)
    item = row(listing, 1)
    where = listing.visualItemRect(item).center()
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=where)  # as a hand does
    qtbot.mouseDClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened == [drafts["待审的专题报道"]]
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_current_draft_is_named_as_not_exported_and_has_no_page_to_open(
    qtbot: QtBot, news_archive: Archive, drafts: dict[str, int], tmp_path: Path
) -> None:
    current = CurrentArticle(drafts["实习生的新稿"], "实习生的新稿")
    dialog = exported(qtbot, news_archive, tmp_path / "site", current)
    assert dialog.page_label.isVisible()
    assert dialog.page_label.text() == (
        "The article open in the editor, “实习生的新稿”, is not exported: it is “Draft”. "
        "Publish it and export again to put it on the site."
    )
    assert dialog.browser_button.isVisible()
    assert not dialog.browser_button.isEnabled()
    assert dialog.page_path is None


def test_the_current_article_s_page_is_named_and_opens_in_the_browser(
    qtbot: QtBot,
    news_archive: Archive,
    drafts: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(Desktop, "open_url", classmethod(lambda cls, url: opened.append(url)))
    out = tmp_path / "site"
    title = "园区新签约项目十二个"
    dialog = exported(qtbot, news_archive, out, CurrentArticle(drafts[title], title))
    assert dialog.report is not None
    page = dialog.report.pages[drafts[title]]
    assert page.startswith("news/2020/10/11/")
    assert dialog.page_label.text() == (
        f"The article open in the editor, “{title}”, is exported: {page}"
    )
    assert dialog.browser_button.isEnabled()
    dialog.browser_button.click()
    assert [url.toLocalFile() for url in opened] == [str(out / page)]
    assert title in (out / page).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("current", "message"),
    [
        (
            CurrentArticle(None, "无标题"),
            "The article open in the editor is not saved yet: it is not exported.",
        ),
        (
            CurrentArticle(999_999, "别处删掉的文章"),
            "The article open in the editor, “别处删掉的文章”, is not in this export (it is in "
            "the trash, or was saved after the export read the archive).",
        ),
    ],
)
def test_a_current_article_not_in_the_archive_says_why_it_has_no_page(
    qtbot: QtBot, news_archive: Archive, tmp_path: Path, current: CurrentArticle, message: str
) -> None:
    dialog = exported(qtbot, news_archive, tmp_path / "site", current)
    assert dialog.page_label.text() == message
    assert not dialog.browser_button.isEnabled()
    # the three articles are published: nothing is left out, and the dialog says so
    assert dialog.left_out_label.text() == (
        "Every article is on the site: none is a draft, in review or archived."
    )
    assert not dialog.list_button.isVisible()


def test_a_new_export_hides_the_last_one_s_summary_until_it_is_done(
    qtbot: QtBot, news_archive: Archive, drafts: dict[str, int], tmp_path: Path
) -> None:
    dialog = exported(qtbot, news_archive, tmp_path / "site")
    dialog.list_button.click()
    ArticleService(news_archive, user="tester").create(
        news("又一篇草稿", 14, status=ArticleStatus.DRAFT)
    )
    dialog.start_button.click()
    assert not dialog.left_out_label.isVisible()
    assert not dialog.left_out_list.isVisible()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    assert dialog.left_out_label.text().startswith("Articles not exported (not published): 4 — ")
    assert dialog.left_out_list.topLevelItemCount() == 4
    assert not dialog.left_out_list.isVisible()
    assert dialog.list_button.text() == "Show list"
