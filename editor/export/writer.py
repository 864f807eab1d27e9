"""Writing the site safely, and swapping a new export in without ever breaking the old one.

**SafeWriter** writes files below one root and nowhere else: every path segment is checked again
(``urls.check_path``), each folder it writes into must really lie inside the root (symbolic links
followed, then ``is_relative_to``), files are created with ``O_EXCL`` (a file is never written
twice in one export, not even by two worker processes) and ``O_NOFOLLOW``.

**Staging** keeps the folder OUT whole whatever happens. An export renders into the staging folder
``OUT.zonedesk-staging`` next to OUT, then commits in one of two ways:

- *swap* (a first export, or when much changed): the staging folder holds the whole new site
  (unchanged files hard-linked from OUT), then OUT -> ``OUT.zonedesk-old``, staging -> OUT, and
  the old one is removed;
- *journal* (an incremental export: few files changed): the staging folder holds only the changed
  files; a journal naming them is written (the commit point), then each file is moved into OUT
  (new files first, so links never point at a missing page), stale ones are removed, the new
  manifest goes in last. Ctrl-C is held off during these few renames.

A crash or a kill before the commit point leaves OUT exactly as it was; the next export (or
``recover``) removes the leftovers. After it, the next export finishes the commit first (rolls
the journal forward, or completes the swap). An exclusive lock (``.OUT.zonedesk-lock``) keeps two
exports away from the same OUT.

**Manifest** ``OUT/.zonedesk-export.json``: for each file, the fingerprint of its inputs and the
hash of its bytes; the images each article page shows; the name -> slug memo; what the plan was
made from (the next export plans only what changed since). It is what makes
"what changed" cheap, and it marks a folder as a ZoneDesk export (a non-empty folder without it is
never replaced).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import signal
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from editor.export.errors import ExportError
from editor.export.urls import check_path

MANIFEST = ".zonedesk-export.json"
JOURNAL = ".zonedesk-journal.json"
MANIFEST_FORMAT = 2

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def content_hash(data: bytes) -> str:
    """The hash of a file's bytes, as the manifest keeps it."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class SafeWriter:
    """Creates files below ``root`` only, each at most once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real_root = Path(os.path.realpath(root))
        self._safe_dirs: set[str] = set()
        self._written: set[str] = set()

    def target(self, path: str, *, create_dirs: bool = True) -> Path:
        """The file for site path ``path``; ExportError when it would leave the root."""
        try:
            check_path(path)
        except ValueError as exc:
            raise ExportError(f"refusing to write {path!r}: {exc}") from None
        parent = path.rpartition("/")[0]
        if parent and parent not in self._safe_dirs:
            self._secure(parent, create_dirs)
        return self.root / path

    def _secure(self, parent: str, create: bool) -> None:
        """Make sure each folder of ``parent`` is a real folder inside the root (creating the
        missing ones), or a link that leads back inside it."""
        parts = parent.split("/")
        for depth in range(1, len(parts) + 1):
            sub = "/".join(parts[:depth])
            if sub in self._safe_dirs:
                continue
            folder = os.path.join(self.root, sub)
            if create:
                try:
                    os.mkdir(folder)
                    self._safe_dirs.add(sub)  # made just now: a real folder
                    continue
                except FileExistsError:
                    pass
                except OSError as exc:
                    raise ExportError(
                        f"cannot create the folder {folder}: {exc.strerror}"
                    ) from None
            try:
                mode = os.lstat(folder).st_mode
            except FileNotFoundError:
                return  # nothing there (a removal): nothing to follow either
            if stat.S_ISLNK(mode):
                if not Path(os.path.realpath(folder)).is_relative_to(self._real_root):
                    raise ExportError(
                        f"refusing to write into {folder}: it leads outside {self.root}"
                    )
            elif not stat.S_ISDIR(mode):
                raise ExportError(f"{folder} is in the way: it is not a folder")
            self._safe_dirs.add(sub)

    def write(self, path: str, data: bytes) -> None:
        if path in self._written:
            raise ExportError(f"refusing to write {path!r} twice in one export")
        target = self.target(path)
        self._written.add(path)
        try:
            fd = os.open(target, _FLAGS, 0o644)
        except FileExistsError:
            raise ExportError(f"refusing to write {path!r} twice in one export") from None
        except OSError as exc:
            raise ExportError(f"cannot write {target}: {exc.strerror}") from None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise ExportError(f"cannot write {target}: {exc.strerror}") from None

    def link(self, path: str, source: Path) -> None:
        """Put the existing file ``source`` at ``path`` (a hard link, else a copy)."""
        if path in self._written:
            raise ExportError(f"refusing to write {path!r} twice in one export")
        target = self.target(path)
        self._written.add(path)
        try:
            os.link(source, target, follow_symlinks=False)
        except OSError as exc:
            if exc.errno == errno.EEXIST:
                raise ExportError(f"refusing to write {path!r} twice in one export") from None
            shutil.copy2(source, target, follow_symlinks=False)


# -- manifest --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Manifest:
    files: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (inputs, bytes)
    media: dict[str, list[str]] = field(default_factory=dict)  # article page -> its images
    slugs: dict[str, str] = field(default_factory=dict)  # name -> slug memo
    #: What the export's plan was made from (``site.PlanState.to_json``), for the next plan.
    plan: dict[str, Any] | None = None

    def dumps(self) -> bytes:
        """JSON, sorted; the files as three columns, each one text of space-separated words
        (paths hold no spaces; an incremental export reads and writes this file every time,
        and three long strings without escapes parse several times faster than an object)."""
        paths = sorted(self.files)
        files = self.files
        data = {
            "format": MANIFEST_FORMAT,
            "generator": "ZoneDesk",
            "paths": " ".join(paths),
            "inputs": " ".join([files[p][0] for p in paths]),
            "hashes": " ".join([files[p][1] for p in paths]),
            "media": {p: self.media[p] for p in sorted(self.media)},
            "slugs": {k: self.slugs[k] for k in sorted(self.slugs)},
            "plan": self.plan,
        }
        return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)

    @classmethod
    def loads(cls, raw: bytes) -> Manifest:
        data = orjson.loads(raw)  # its JSONDecodeError is a ValueError
        if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
            raise ValueError("unknown manifest format")
        columns = [data["paths"], data["inputs"], data["hashes"]]
        if not all(isinstance(column, str) for column in columns):
            raise ValueError("damaged manifest")
        paths, inputs, hashes = (column.split(" ") if column else [] for column in columns)
        if not len(paths) == len(inputs) == len(hashes):
            raise ValueError("damaged manifest")
        files = dict(zip(paths, zip(inputs, hashes, strict=True), strict=True))
        media = data.get("media", {})
        if not isinstance(media, dict) or not all(
            isinstance(refs, list) and all(isinstance(ref, str) for ref in refs)
            for refs in media.values()
        ):
            raise ValueError("damaged manifest")
        slugs = {str(k): str(v) for k, v in data.get("slugs", {}).items()}
        plan = data.get("plan")
        return cls(files, media, slugs, plan if isinstance(plan, dict) else None)


def read_manifest(out: Path) -> Manifest | None:
    """The manifest of the export in ``out``; None when there is none or it cannot be read."""
    try:
        return Manifest.loads((out / MANIFEST).read_bytes())
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


# -- staging and commit ----------------------------------------------------------------------------


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C waits until the block is done (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[Any] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


class Staging:
    """The staging and old folders next to ``out``, the lock, the commit and the recovery."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.staging = out.with_name(out.name + ".zonedesk-staging")
        self.old = out.with_name(out.name + ".zonedesk-old")
        self.lock_file = out.with_name("." + out.name + ".zonedesk-lock")
        #: Past the commit point: a failure now must leave the staging folder for ``recover``.
        self.committed = False
        #: The lock's file while it is held (-1 otherwise).
        self.lock_fd = -1

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        try:
            fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ExportError(f"cannot write in {self.out.parent}: {exc.strerror}") from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise ExportError(f"another export into {self.out} is running") from None
            self.lock_fd = fd  # a forked render process closes its copy (see render.init_worker)
            yield
        finally:
            self.lock_fd = -1
            os.close(fd)

    # ---------------------------------------------------------------- recovery

    def recover(self) -> str | None:
        """Finish or undo an export that was interrupted; says what it did."""
        done = None
        if (self.staging / JOURNAL).is_file():
            self._apply_journal()
            done = "finished committing the interrupted export"
        elif self.staging.exists():
            if not self.out.exists() and (self.staging / MANIFEST).is_file():
                os.rename(self.staging, self.out)
                done = "finished swapping in the interrupted export"
            else:
                shutil.rmtree(self.staging)
                done = "removed the unfinished staging folder of an interrupted export"
        if self.old.exists():
            if not self.out.exists():
                os.rename(self.old, self.out)
                done = "put back the previous export"
            else:
                shutil.rmtree(self.old)
        return done

    # ---------------------------------------------------------------- building

    def begin(self) -> SafeWriter:
        try:
            self.staging.mkdir()
        except OSError as exc:
            raise ExportError(f"cannot create {self.staging}: {exc.strerror}") from None
        return SafeWriter(self.staging)

    def abort(self) -> None:
        """Throw the staging folder away (not after the commit point: it is needed then)."""
        if not self.committed:
            shutil.rmtree(self.staging, ignore_errors=True)

    # ---------------------------------------------------------------- commit

    def commit_swap(self, manifest: Manifest) -> None:
        """The staging folder holds the whole new site: swap it in for OUT."""
        (self.staging / MANIFEST).write_bytes(manifest.dumps())
        with _interrupts_held():
            self.committed = True
            if self.out.exists():
                os.rename(self.out, self.old)
            os.rename(self.staging, self.out)
        shutil.rmtree(self.old, ignore_errors=True)

    def commit_journal(self, manifest: Manifest, writes: list[str], removals: list[str]) -> None:
        """The staging folder holds the changed files: move them into OUT, remove stale ones."""
        (self.staging / MANIFEST).write_bytes(manifest.dumps())
        journal = json.dumps({"write": writes, "remove": removals}, ensure_ascii=False)
        partial = self.staging / (JOURNAL + ".partial")
        partial.write_text(journal, encoding="utf-8")
        with _interrupts_held():
            os.replace(partial, self.staging / JOURNAL)  # the commit point
            self.committed = True
            self._apply_journal()

    def _apply_journal(self) -> None:
        data = json.loads((self.staging / JOURNAL).read_text(encoding="utf-8"))
        into = SafeWriter(self.out)
        for path in data["write"]:
            source = self.staging / path
            if source.is_file():  # not moved yet
                os.replace(source, into.target(path))
        for path in data["remove"]:
            target = into.target(path, create_dirs=False)
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            _prune(target.parent, self.out)
        staged_manifest = self.staging / MANIFEST
        if staged_manifest.is_file():
            os.replace(staged_manifest, self.out / MANIFEST)
        shutil.rmtree(self.staging)


def _prune(folder: Path, root: Path) -> None:
    """Remove ``folder`` and its parents up to ``root`` while they are empty."""
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
