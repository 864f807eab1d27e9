"""The main window shell and the GUI's start-up (editor.app), offscreen, on real archives."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from editor import app as zapp
from editor.archive.articles import ArticleService
from editor.archive.database import Archive, open_archive
from editor.archive.schema import Article
from editor.domain.model import DEFAULT_TZ, ArticleInput
from editor.gui.mainwindow import MainWindow

pytestmark = pytest.mark.gui

UseLanguage = Callable[[str], list[QTranslator]]


def news(title: str) -> ArticleInput:
    return ArticleInput(
        title=title,
        body="10月9日下午，我区召开督查会。",
        category=("开发区新闻", "常州", "文字新闻"),
        published_at=dt.datetime(2020, 10, 10, 9, 30, tzinfo=DEFAULT_TZ),
        source="金坛手机台",
        zone="江苏金坛经济开发区",
    )


@pytest.fixture
def filled_archive(sqlite_url: str) -> Iterator[Archive]:
    """A real SQLite archive holding three live articles and one in the trash."""
    archive = open_archive(sqlite_url)
    service = ArticleService(archive, user="tester")
    for title in ("金坛召开第三次督查会", "园区新签约项目十二个", "常州开发区年度总结"):
        service.create(news(title))
    service.delete(service.create(news("已删除的稿件")).id)
    try:
        yield archive
    finally:
        archive.close()


def live_count(archive: Archive) -> int:
    with archive.session() as session:
        count = session.scalar(
            select(func.count()).select_from(Article).where(Article.deleted_at.is_(None))
        )
    assert count is not None
    return count


def open_window(qtbot: QtBot, archive: Archive) -> MainWindow:
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window, timeout=30_000)
    return window


@pytest.fixture
def system_locale(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Pretend the system's locale is another one (Qt reads the real one once per process)."""

    def pretend(name: str) -> None:
        monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(name)))

    return pretend


def plain(text: str) -> str:
    return text.replace("&", "")


# ---------------------------------------------------------------------------- the window


def test_window_shows_the_archive_and_its_real_article_count(
    qtbot: QtBot, filled_archive: Archive, use_language: UseLanguage
) -> None:
    use_language("zh_CN")
    window = open_window(qtbot, filled_archive)

    assert window.isVisible()
    assert "开发区新闻编辑台" in window.windowTitle()
    assert window.windowTitle().endswith("— archive.sqlite3")
    assert live_count(filled_archive) == 3
    qtbot.waitUntil(lambda: "共有 3 篇文章" in window.summary_label.text(), timeout=30_000)
    assert str(filled_archive.path) in window.location_label.text()


def test_a_new_archive_shows_no_articles(
    qtbot: QtBot, sqlite_url: str, use_language: UseLanguage
) -> None:
    use_language("zh_CN")
    with open_archive(sqlite_url) as archive:
        window = open_window(qtbot, archive)
        qtbot.waitUntil(lambda: "共有 0 篇文章" in window.summary_label.text(), timeout=30_000)


@pytest.mark.postgres
def test_a_server_archive_is_named_by_database_and_host(
    qtbot: QtBot, pg_url: str, use_language: UseLanguage
) -> None:
    use_language("zh_CN")
    with open_archive(pg_url) as archive:
        window = open_window(qtbot, archive)
        assert window.windowTitle().endswith(f"— {archive.url.database}@{archive.url.host}")
        qtbot.waitUntil(lambda: "共有 0 篇文章" in window.summary_label.text(), timeout=30_000)
        assert "postgresql" in window.location_label.text()


def test_geometry_is_saved_on_close_and_restored(qtbot: QtBot, filled_archive: Archive) -> None:
    first = open_window(qtbot, filled_archive)
    first.resize(700, 480)  # the offscreen screen is 800x600
    first.close()

    second = open_window(qtbot, filled_archive)
    assert (second.width(), second.height()) == (700, 480)


def test_quit_closes_the_window(qtbot: QtBot, filled_archive: Archive) -> None:
    window = open_window(qtbot, filled_archive)
    window.quit_action.trigger()
    assert not window.isVisible()


def test_about_names_the_product(
    qtbot: QtBot, filled_archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "about", lambda _parent, title, text: shown.append((title, text))
    )
    window = open_window(qtbot, filled_archive)
    window.about_action.trigger()
    assert len(shown) == 1
    assert "开发区新闻编辑台" in shown[0][1]


# ---------------------------------------------------------------------------- languages


def test_chinese_is_the_default_language(
    qtbot: QtBot,
    filled_archive: Archive,
    use_language: UseLanguage,
    system_locale: Callable[[str], None],
) -> None:
    system_locale("de_DE")
    use_language(zapp.ui_language())
    window = open_window(qtbot, filled_archive)
    assert plain(window.file_menu.title()).startswith("文件")
    assert plain(window.help_menu.title()).startswith("帮助")
    assert plain(window.quit_action.text()).startswith("退出")


def test_english_when_zonedesk_lang_says_so(
    qtbot: QtBot,
    filled_archive: Archive,
    use_language: UseLanguage,
    monkeypatch: pytest.MonkeyPatch,
    system_locale: Callable[[str], None],
) -> None:
    system_locale("zh_CN")
    monkeypatch.setenv("ZONEDESK_LANG", "en")
    use_language(zapp.ui_language())
    window = open_window(qtbot, filled_archive)
    assert plain(window.file_menu.title()) == "File"
    assert plain(window.help_menu.title()) == "Help"
    qtbot.waitUntil(
        lambda: window.summary_label.text() == "3 articles in the archive", timeout=30_000
    )
    assert "开发区新闻编辑台" in window.windowTitle()  # the product's name stays as it is


@pytest.mark.parametrize(
    ("env", "system", "expected"),
    [
        ({}, "zh_CN", "zh_CN"),
        ({}, "C", "zh_CN"),
        ({}, "de_DE", "zh_CN"),
        ({}, "en_US", "en"),
        ({}, "en_GB", "en"),
        ({"ZONEDESK_LANG": "en"}, "zh_CN", "en"),
        ({"ZONEDESK_LANG": "zh_CN"}, "en_US", "zh_CN"),
        ({"ZONEDESK_LANG": "zh"}, "en_US", "zh_CN"),
        ({"ZONEDESK_LANG": "klingon"}, "en_US", "en"),
    ],
)
def test_ui_language(env: dict[str, str], system: str, expected: str) -> None:
    assert zapp.ui_language(env, system) == expected


def test_every_language_has_its_compiled_translation() -> None:
    for language in ("zh_CN", "en"):
        assert (zapp.TRANSLATIONS_DIR / f"zonedesk_{language}.qm").is_file(), (
            "run `make translations`"
        )


# ---------------------------------------------------------------------------- start-up


def test_webengine_sandbox_is_disabled_for_root_only(caplog: pytest.LogCaptureFixture) -> None:
    as_user: dict[str, str] = {}
    assert not zapp.disable_webengine_sandbox_as_root(as_user, euid=1000)
    assert as_user == {}

    as_root: dict[str, str] = {}
    with caplog.at_level(logging.WARNING, logger="zonedesk"):
        assert zapp.disable_webengine_sandbox_as_root(as_root, euid=0)
    assert as_root == {"QTWEBENGINE_DISABLE_SANDBOX": "1"}
    assert "root" in caplog.text
    assert "sandbox" in caplog.text

    chosen = {"QTWEBENGINE_DISABLE_SANDBOX": "0"}
    assert not zapp.disable_webengine_sandbox_as_root(chosen, euid=0)
    assert chosen == {"QTWEBENGINE_DISABLE_SANDBOX": "0"}


def test_create_application_returns_the_one_application(qapp: QApplication) -> None:
    assert zapp.create_application([]) is qapp
    assert qapp.organizationName() == "ZoneDesk"
    assert qapp.applicationName() == "ZoneDesk"


def test_run_gui_reports_an_unopenable_archive_and_exits_2(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_an_archive = tmp_path / "notes.sqlite3"
    not_an_archive.write_text("these are my notes, not a database\n")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text))
    )

    assert zapp.run_gui(f"sqlite:///{not_an_archive}", ["zonedesk"]) == 2

    assert len(shown) == 1
    title, text = shown[0]
    assert "ZoneDesk" in title
    assert str(not_an_archive) in text
    assert "not a ZoneDesk archive" in text
    assert not_an_archive.read_text() == "these are my notes, not a database\n"


def test_run_gui_hides_the_password_of_a_server_archive(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    url = "postgresql+psycopg://editor:s3cret@127.0.0.1:1/nowhere"
    assert zapp.run_gui(url, ["zonedesk"]) == 2
    assert "s3cret" not in shown[0]
    assert "nowhere" in shown[0]


def test_run_gui_opens_the_default_archive_in_the_main_window(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ZONEDESK_DB", f"sqlite:///{tmp_path}/default.sqlite3")
    seen: list[str] = []

    def look_then_quit() -> None:
        seen.extend(
            w.windowTitle()
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible()
        )
        qapp.quit()

    QTimer.singleShot(0, look_then_quit)
    assert zapp.run_gui(None, ["zonedesk"]) == 0
    assert seen == ["ZoneDesk 开发区新闻编辑台 — default.sqlite3"]
    assert (tmp_path / "default.sqlite3").is_file()


def test_pyside6_keeps_its_references_to_none(qapp: QApplication) -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a void method
    (setText, resize, processEvents ...): a long session, or this test suite, then aborts with
    "Fatal Python error: none_dealloc". 6.11.3 is fine. Python 3.12+ hides it (None is immortal).
    """
    label = QLabel()
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("金坛")
        label.resize(10, 10)
    gc.collect()
    lost = before - sys.getrefcount(None)
    assert lost < 100, (
        f"PySide6 {PySide6.__version__} lost {lost} references to None in 1,000 void calls: "
        "this build crashes the interpreter; use another PySide6 release"
    )
