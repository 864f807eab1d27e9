"""The media store: images of article bodies, kept in the archive by the SHA-256 of their bytes.

A body refers to a stored image as ``media/<sha256>.<ext>``; the same bytes are stored once.
Only raster image formats are taken: an SVG can carry script, so it is refused.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from editor.archive.schema import Asset
from editor.domain.errors import ZoneDeskError

MAX_ASSET_BYTES = 50 * 1024 * 1024

#: A reference to a stored asset inside a body.
REFERENCE_RE = re.compile(r"media/(?P<sha>[0-9a-f]{64})\.(?P<ext>[a-z0-9]{1,5})")

#: Image references of a Markdown body: ![alt](target "title") and <img src="target">.
MARKDOWN_IMAGE_RE = re.compile(
    r"!\[(?P<alt>[^\]\n]*)\]\(\s*<?(?P<target>[^)\s>]+)>?(?P<rest>[^)]*)\)"
)
HTML_IMAGE_RE = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*(?P<q>["'])(?P<target>[^"']+)(?P=q)""", re.I)

_SIGNATURES: list[tuple[bytes, int, str, str]] = [
    (b"\xff\xd8\xff", 0, "jpg", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "png", "image/png"),
    (b"GIF87a", 0, "gif", "image/gif"),
    (b"GIF89a", 0, "gif", "image/gif"),
    (b"WEBP", 8, "webp", "image/webp"),
    (b"BM", 0, "bmp", "image/bmp"),
]


class AssetError(ZoneDeskError):
    pass


@dataclass(frozen=True, slots=True)
class StoredAsset:
    sha256: str
    extension: str
    media_type: str
    size: int

    @property
    def reference(self) -> str:
        return f"media/{self.sha256}.{self.extension}"


def sniff_image(data: bytes) -> tuple[str, str] | None:
    """(extension, media type) of a raster image from its first bytes, or None."""
    for magic, offset, ext, media_type in _SIGNATURES:
        if data[offset : offset + len(magic)] == magic:
            if ext == "webp" and data[:4] != b"RIFF":
                continue
            return ext, media_type
    return None


def store_asset(session: Session, data: bytes, original_name: str = "") -> StoredAsset:
    """Store image bytes once (by hash) and return their reference."""
    if len(data) > MAX_ASSET_BYTES:
        raise AssetError(f"{original_name or 'the image'} is larger than 50 MB")
    kind = sniff_image(data)
    if kind is None:
        raise AssetError(
            f"{original_name or 'the file'} is not a JPEG, PNG, GIF, WebP or BMP image"
        )
    ext, media_type = kind
    sha = hashlib.sha256(data).hexdigest()
    existing = session.scalar(select(Asset).where(Asset.sha256 == sha))
    if existing is None:
        session.add(
            Asset(
                sha256=sha,
                extension=ext,
                media_type=media_type,
                original_name=Path(original_name).name[:255],
                size=len(data),
                data=data,
            )
        )
        session.flush()
    else:
        ext, media_type = existing.extension, existing.media_type
    return StoredAsset(sha, ext, media_type, len(data))


def store_file(session: Session, path: Path) -> StoredAsset:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AssetError(f"cannot read {path}: {exc.strerror}") from None
    return store_asset(session, data, path.name)


def asset_data(session: Session, sha256: str) -> bytes | None:
    return session.scalar(select(Asset.data).where(Asset.sha256 == sha256))


def referenced_hashes(body: str) -> set[str]:
    return {m.group("sha") for m in REFERENCE_RE.finditer(body)}


def image_targets(body: str) -> list[str]:
    """Every image target of a Markdown body, in order."""
    targets = [m.group("target") for m in MARKDOWN_IMAGE_RE.finditer(body)]
    targets += [m.group("target") for m in HTML_IMAGE_RE.finditer(body)]
    return targets


def is_external(target: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target)) or target.startswith("//")


def replace_image_targets(body: str, mapping: dict[str, str]) -> str:
    """The body with image targets replaced as ``mapping`` says; others untouched."""
    if not mapping:
        return body

    def markdown(m: re.Match[str]) -> str:
        target = m.group("target")
        if target not in mapping:
            return m.group(0)
        return f"![{m.group('alt')}]({mapping[target]}{m.group('rest')})"

    def html(m: re.Match[str]) -> str:
        target = m.group("target")
        if target not in mapping:
            return m.group(0)
        return m.group(0).replace(target, mapping[target])

    return HTML_IMAGE_RE.sub(html, MARKDOWN_IMAGE_RE.sub(markdown, body))
