"""Typed wrappers over QSettings, with a defaults table.

``Preferences`` holds what the user chooses in the Preferences dialog; ``WindowState`` holds what
the window remembers by itself (geometry, splitters, open tabs, last-used source and zone). Both
are thin: each property reads or writes one key, a missing or unreadable value gives the default.
Tests redirect QSettings to a temporary folder (tests/gui/conftest.py).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

#: The languages Preferences offers: "" follows the system.
LANGUAGES = ("", "zh_CN", "en")


class _Store:
    DEFAULTS: dict[str, Any] = {}  # noqa: RUF012 - read-only table of each subclass

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()

    def _str(self, key: str) -> str:
        value = self._settings.value(key, self.DEFAULTS.get(key, ""))
        return value if isinstance(value, str) else str(self.DEFAULTS.get(key, ""))

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _json(self, key: str) -> Any:
        try:
            return json.loads(self._str(key) or "null")
        except ValueError:
            return None

    def _set(self, key: str, value: Any) -> None:
        self._settings.setValue(key, value)

    def sync(self) -> None:
        self._settings.sync()


class Preferences(_Store):
    DEFAULTS = {"ui/language": "", "spell/enabled": "true", "spell/disabled": "[]"}  # noqa: RUF012

    @property
    def language(self) -> str:
        value = self._str("ui/language")
        return value if value in LANGUAGES else ""

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}")
        self._set("ui/language", value)

    @property
    def spell_enabled(self) -> bool:
        """Whether the editor underlines spelling and style problems as one types."""
        return self._str("spell/enabled").lower() != "false"

    @spell_enabled.setter
    def spell_enabled(self, value: bool) -> None:
        self._set("spell/enabled", "true" if value else "false")

    @property
    def disabled_rules(self) -> frozenset[str]:
        """The ids of the spelling and style rules turned off (unknown ids are dropped)."""
        from editor.spell.problems import RULES  # noqa: PLC0415 - the rules' table, no enchant

        value = self._json("spell/disabled")
        if not isinstance(value, list):
            return frozenset()
        return frozenset(v for v in value if isinstance(v, str) and v in RULES)

    @disabled_rules.setter
    def disabled_rules(self, value: frozenset[str] | set[str]) -> None:
        self._set("spell/disabled", json.dumps(sorted(value)))


def archive_key(location: str) -> str:
    """A short stable key for one archive's entries (its location may hold slashes)."""
    return hashlib.sha1(location.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


class WindowState(_Store):
    DEFAULTS = {  # noqa: RUF012
        "editor/last_source": "",
        "editor/last_zone": "",
        "editor/last_category": "[]",
        "export/last_folder": "",
    }

    @property
    def export_folder(self) -> str:
        return self._str("export/last_folder")

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self._set("export/last_folder", value)

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    @property
    def state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @state.setter
    def state(self, value: QByteArray) -> None:
        self._set("window/state", value)

    def splitter(self, name: str) -> QByteArray | None:
        return self._bytes(f"window/splitter/{name}")

    def set_splitter(self, name: str, value: QByteArray) -> None:
        self._set(f"window/splitter/{name}", value)

    def open_tabs(self, location: str) -> tuple[list[int], int]:
        """(article ids of the tabs open when this archive was last closed, the current one)."""
        data = self._json(f"tabs/{archive_key(location)}")
        if not isinstance(data, dict):
            return [], 0
        ids = [i for i in data.get("ids", []) if isinstance(i, int)]
        current = data.get("current", 0)
        return ids, current if isinstance(current, int) else 0

    def set_open_tabs(self, location: str, ids: list[int], current: int) -> None:
        payload = json.dumps({"ids": ids, "current": current})
        self._set(f"tabs/{archive_key(location)}", payload)

    @property
    def last_source(self) -> str:
        return self._str("editor/last_source")

    @last_source.setter
    def last_source(self, value: str) -> None:
        self._set("editor/last_source", value)

    @property
    def last_zone(self) -> str:
        return self._str("editor/last_zone")

    @last_zone.setter
    def last_zone(self, value: str) -> None:
        self._set("editor/last_zone", value)

    @property
    def last_category(self) -> tuple[str, ...]:
        data = self._json("editor/last_category")
        return tuple(str(x) for x in data) if isinstance(data, list) else ()

    @last_category.setter
    def last_category(self, value: tuple[str, ...]) -> None:
        self._set("editor/last_category", json.dumps(list(value), ensure_ascii=False))
