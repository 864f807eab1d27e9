"""The theme: Jinja2 templates and static files, the web team's folder first, the built-in second.

A theme folder holds ``templates/`` (``base.html``, ``article.html``, ``list.html``, ``home.html``,
``zones.html``, ``atom.xml``) and ``static/`` (CSS, logo, fonts …). The sitemap and the search
index have fixed formats (sitemaps.org, the search box's JSON): code writes them, not templates.
``--theme DIR`` puts DIR in front of the built-in theme (``resources/theme/portal``): a file there
replaces the built-in one of the same name, anything missing comes from the built-in.

Static files are published under ``assets/`` with a content hash in their names
(``assets/portal.3f2a9c1b7e.css``), so browsers may cache them forever; templates name them through
``assets['portal.css']``.

Autoescape is on in every template, HTML and XML alike. The values templates see were cleaned of
the characters HTML and XML forbid where they entered the export (``text.clean_text``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from editor.export.errors import ExportError
from editor.export.urls import safe_segment

BUILTIN_THEME = Path(__file__).resolve().parents[2] / "resources" / "theme" / "portal"
TEMPLATES = "templates"
STATIC = "static"


@dataclass(frozen=True, slots=True)
class Theme:
    """The theme folders, most specific first (a web team's folder, then the built-in theme)."""

    folders: tuple[Path, ...]

    @classmethod
    def load(cls, user: Path | None = None) -> Theme:
        folders = [BUILTIN_THEME]
        if user is not None:
            if not user.is_dir():
                raise ExportError(f"theme folder {user} does not exist")
            if not (user / TEMPLATES).is_dir() and not (user / STATIC).is_dir():
                raise ExportError(
                    f"theme folder {user} has neither a {TEMPLATES}/ nor a {STATIC}/ folder"
                )
            folders.insert(0, user.resolve())
        return cls(tuple(folders))

    def _files(self, sub: str) -> dict[str, Path]:
        """name -> file, the first folder holding a name winning."""
        found: dict[str, Path] = {}
        for folder in self.folders:
            base = folder / sub
            if not base.is_dir():
                continue
            for file in sorted(base.rglob("*")):
                if file.is_file():
                    found.setdefault(file.relative_to(base).as_posix(), file)
        return found

    def static(self) -> dict[str, str]:
        """Static file name -> its published path ``assets/<stem>.<hash>.<ext>``."""
        return {name: path for name, (path, _) in self.static_files().items()}

    def static_files(self) -> dict[str, tuple[str, bytes]]:
        """Static file name -> (published path, bytes)."""
        out: dict[str, tuple[str, bytes]] = {}
        for name, file in sorted(self._files(STATIC).items()):
            if "/" in name:
                raise ExportError(f"theme file {file}: static files live directly in {STATIC}/")
            data = file.read_bytes()
            stem, dot, ext = name.rpartition(".")
            if not dot:
                stem, ext = name, ""
            digest = hashlib.blake2b(data, digest_size=5).hexdigest()
            published = f"{stem}.{digest}.{ext}" if ext else f"{stem}.{digest}"
            if safe_segment(published) != published:
                raise ExportError(
                    f"theme file {file}: its name cannot be published; use lower-case letters, "
                    "digits, '-' and '_' only"
                )
            out[name] = (f"assets/{published}", data)
        return out

    def fingerprint(self) -> str:
        """A hash of every template and static file the theme uses (name and content)."""
        digest = hashlib.blake2b(digest_size=12)
        for sub in (TEMPLATES, STATIC):
            for name, file in sorted(self._files(sub).items()):
                digest.update(f"{sub}/{name}\x00".encode())
                digest.update(file.read_bytes())
                digest.update(b"\x00")
        return digest.hexdigest()
