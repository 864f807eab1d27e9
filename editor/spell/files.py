"""Article files for ``main.py check``: read as UTF-8 (a byte-order mark is kept aside), written
back atomically (a temporary file in the same folder, flushed, then renamed over the original).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from editor.domain.errors import ZoneDeskError


class FileCheckError(ZoneDeskError):
    """A file cannot be checked: missing, unreadable, not UTF-8. The message names the file."""


@dataclass(frozen=True, slots=True)
class SourceText:
    text: str
    bom: bool  # the file began with a UTF-8 byte-order mark (written back as it was)


def read_source(path: Path) -> SourceText:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileCheckError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FileCheckError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise FileCheckError(f"{path}: cannot be read ({exc.strerror})") from None
    bom = data.startswith(codecs.BOM_UTF8)
    skip = len(codecs.BOM_UTF8) if bom else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        line = data.count(b"\n", 0, offset) + 1
        raise FileCheckError(
            f"{path}: not UTF-8 text (byte 0x{data[offset]:02x} at offset {offset}, line {line}); "
            "save it as UTF-8 and check it again"
        ) from None
    return SourceText(text, bom)


def write_atomically(path: Path, source: SourceText) -> None:
    """Replace the file at ``path`` (a symlink's target, not the link) with ``source``: the
    content goes to a temporary file beside it first, so a crash leaves the old or the new file,
    never half of one. The file keeps its permission bits."""
    target = path.resolve()
    data = (codecs.BOM_UTF8 if source.bom else b"") + source.text.encode("utf-8")
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        shutil.copymode(target, temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
