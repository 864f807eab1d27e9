"""The pinyin slugs of category, zone and city names, kept between exports.

An export remembers the slugs of the names it used in its manifest; a first export into a new
folder has no manifest, and loading pypinyin and its phrase dictionary, then converting a few
hundred names, takes it half a second. So the slugs are also kept in the user's cache folder
(``name-slugs.json``), for the pypinyin version that made them. Pinyin of a name never changes
for a given pypinyin, so a kept slug is the slug; a missing, stale or damaged file only costs
that half second.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from importlib import metadata
from pathlib import Path

import orjson
import platformdirs

FILE = "name-slugs.json"


def _file() -> Path:
    return Path(platformdirs.user_cache_dir("ZoneDesk", appauthor=False)) / FILE


def _maker() -> str:
    try:
        return f"pypinyin {metadata.version('pypinyin')}"
    except metadata.PackageNotFoundError:
        return "pypinyin ?"


def load() -> dict[str, str]:
    """The kept name -> slug pairs (empty when there are none for this pypinyin)."""
    try:
        data = orjson.loads(_file().read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    if not isinstance(data, dict) or data.get("maker") != _maker():
        return {}
    slugs = data.get("slugs")
    if not isinstance(slugs, dict):
        return {}
    return {k: v for k, v in slugs.items() if isinstance(k, str) and isinstance(v, str)}


def save(known: dict[str, str], used: dict[str, str]) -> None:
    """Keep ``used`` with what was ``known`` (written only when it adds a name; atomically,
    so two exports at once leave one whole file)."""
    if all(known.get(name) == slug for name, slug in used.items()):
        return
    target = _file()
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        data = orjson.dumps({"maker": _maker(), "slugs": {**known, **used}})
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=FILE, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(temporary, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
