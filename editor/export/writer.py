"""Writing the site safely, and swapping a new export in without ever breaking the old one.

**SafeWriter** writes files below one root and nowhere else: every path segment is checked again
(``urls.check_path``), each folder it writes into must really lie inside the root (symbolic links
followed, then ``is_relative_to``), files are created with ``O_EXCL`` (a file is never written
twice in one export, not even by two worker processes) and ``O_NOFOLLOW``.

Every write failure has its words: a full disk (``ENOSPC``, ``EDQUOT``) is ``DiskFullError``,
which ends the export ("the disk is full: the site at OUT is unchanged") with the staging folder
removed; any other failure to write one file at its path (a name too long, a name the file
system refuses) is ``UnwritablePageError``, which the exporter turns into an article left out
(``editor.export.unwritable``) while the rest of the site is written.

**Staging** keeps the folder OUT whole whatever happens. An export renders into the staging folder
``OUT.zonedesk-staging`` next to OUT, then commits in one of two ways:

- *swap* (a first export, or when much changed): the staging folder holds the whole new site
  (unchanged files hard-linked from OUT), then the two folders are exchanged in one step
  (``editor.export.exchange``: ``renameat2(RENAME_EXCHANGE)``), so that OUT always is one whole
  export, the previous or the new one, and the previous one (now at the staging folder's name) is
  removed. Where the kernel or the file system cannot exchange (not Linux, ``EINVAL``,
  ``ENOSYS``), two renames do it, OUT -> ``OUT.zonedesk-old`` then staging -> OUT, and between
  them there is no OUT for a moment (``recover`` puts back whichever is missing after a crash);
- *journal* (an incremental export: few files changed): the staging folder holds only the changed
  files and two manifests, the new one and a *during* one; a journal naming the files is written
  (the commit point); then the during manifest replaces OUT's, each file is moved into OUT (new
  files first, so links never point at a missing page), stale ones are removed, and the new
  manifest replaces the during one. Ctrl-C is held off during these few renames.

**What a reader sees** at any moment, reading OUT's manifest, then pages, then the manifest
again and finding the same manifest (the same file, not replaced meanwhile): every page it read
that the manifest names has the bytes whose hash the manifest gives, or, while a journal is
applied, the hash the during manifest gives as the page's ``pending`` (its previous bytes). A
page may be missing while a journal is applied (a new one before it is moved in, a stale one once
removed); OUT itself is never missing (but in the fallback swap above).

A crash or a kill before the commit point leaves OUT exactly as it was; the next export (or
``recover``) removes the leftovers. After it, the next export finishes the commit first (rolls
the journal forward, or completes a fallback swap). An exclusive lock (``.OUT.zonedesk-lock``)
keeps two exports away from the same OUT.

**Manifest** ``OUT/.zonedesk-export.json``: for each file, the fingerprint of its inputs and the
hash of its bytes; the images each article page shows; the name -> slug memo; what the plan was
made from (the next export plans only what changed since); in a during manifest, ``pending``.
It is what makes "what changed" cheap, and it marks a folder as a ZoneDesk export (a non-empty
folder without it is never replaced).
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
from editor.export.exchange import exchange
from editor.export.urls import check_path

MANIFEST = ".zonedesk-export.json"
#: The manifest OUT holds while a journal is applied (see the module's docstring).
DURING = ".zonedesk-export-during.json"
JOURNAL = ".zonedesk-journal.json"
MANIFEST_FORMAT = 2

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
#: The errors of a full disk (or of a user's quota): they end the export.
_DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


class DiskFullError(ExportError):
    """The disk filled while the export wrote its staging folder: the export ends, the site at
    ``site`` is as it was."""

    def __init__(self, site: Path) -> None:
        super().__init__(
            f"the disk is full: the site at {site} is unchanged (what this export wrote was "
            "removed); free some space and export again"
        )
        self.site = site

    def __reduce__(self) -> tuple[type[DiskFullError], tuple[Path]]:  # from a worker process
        return type(self), (self.site,)


class UnwritablePageError(ExportError):
    """The file at site path ``path`` cannot be written there (``error``: the system's words,
    say "File name too long"): not a full disk, nothing the next file would share."""

    def __init__(self, path: str, error: str) -> None:
        super().__init__(f"cannot write {path}: {error}")
        self.path = path
        self.error = error

    def __reduce__(self) -> tuple[type[UnwritablePageError], tuple[str, str]]:
        return type(self), (self.path, self.error)


def write_failure(site: Path, path: str, exc: OSError) -> ExportError:
    """What writing the file ``path`` of the export into ``site`` failing with ``exc`` is."""
    if exc.errno in _DISK_FULL:
        return DiskFullError(site)
    return UnwritablePageError(path, exc.strerror or str(exc))


def content_hash(data: bytes) -> str:
    """The hash of a file's bytes, as the manifest keeps it."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class SafeWriter:
    """Creates files below ``root`` only, each at most once; ``site`` is the folder the export
    is for (its errors name it)."""

    def __init__(self, root: Path, site: Path | None = None) -> None:
        self.root = root
        self.site = site if site is not None else root
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
            try:
                self._secure(parent, create_dirs)
            except OSError as exc:
                raise write_failure(self.site, path, exc) from None
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
            raise write_failure(self.site, path, exc) from None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise write_failure(self.site, path, exc) from None

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
            if exc.errno == errno.ENOENT:
                raise  # the source vanished: the caller names it
            try:
                shutil.copy2(source, target, follow_symlinks=False)
            except FileNotFoundError:
                raise
            except OSError as copying:
                raise write_failure(self.site, path, copying) from None


# -- manifest --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Manifest:
    files: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (inputs, bytes)
    media: dict[str, list[str]] = field(default_factory=dict)  # article page -> its images
    slugs: dict[str, str] = field(default_factory=dict)  # name -> slug memo
    #: What the export's plan was made from (``site.PlanState.to_json``), for the next plan.
    plan: dict[str, Any] | None = None
    #: A during manifest's: path -> the hash of the bytes the file had before (see the module).
    pending: dict[str, str] = field(default_factory=dict)

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
        if self.pending:
            data["pending"] = {p: self.pending[p] for p in sorted(self.pending)}
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
        pending = {str(k): str(v) for k, v in data.get("pending", {}).items()}
        return cls(files, media, slugs, plan if isinstance(plan, dict) else None, pending)


def with_pending(dumped: bytes, pending: dict[str, str]) -> bytes:
    """The during manifest: ``dumped`` (``Manifest.dumps`` of one without ``pending``) with
    ``pending`` as its last key, spliced in (a second ``dumps`` of a 10,000-article manifest,
    8 MB, would cost an incremental export 30 ms)."""
    if not pending:
        return dumped
    assert dumped.endswith(b"}\n")
    tail = orjson.dumps({p: pending[p] for p in sorted(pending)})
    return b"".join((dumped[:-2], b',"pending":', tail, b"}\n"))


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
        try:
            return self._recover()
        except OSError as exc:
            raise ExportError(
                f"cannot finish or undo the interrupted export into {self.out}: "
                f"{exc.strerror or exc} ({exc.filename}); the export stopped before changing "
                "anything more"
            ) from None

    def _recover(self) -> str | None:
        done = None
        if (self.staging / JOURNAL).is_file():
            self._apply_journal()
            done = "finished committing the interrupted export"
        elif self.staging.exists():
            if not self.out.exists() and (self.staging / MANIFEST).is_file():
                os.rename(self.staging, self.out)
                done = "finished swapping in the interrupted export"
            else:  # an unfinished one, or the previous export a swap exchanged out
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
            if exc.errno in _DISK_FULL:
                raise DiskFullError(self.out) from None
            raise ExportError(f"cannot create {self.staging}: {exc.strerror}") from None
        return SafeWriter(self.staging, self.out)

    def abort(self) -> None:
        """Throw the staging folder away (not after the commit point: it is needed then)."""
        if not self.committed:
            shutil.rmtree(self.staging, ignore_errors=True)

    def _stage(self, name: str, data: bytes) -> None:
        """Write the file ``name`` of the staging folder's root (a manifest, the journal),
        before the commit point: a failure leaves OUT unchanged."""
        try:
            with open(self.staging / name, "xb") as fh:
                fh.write(data)
        except OSError as exc:
            if exc.errno in _DISK_FULL:
                raise DiskFullError(self.out) from None
            raise ExportError(
                f"cannot write {self.staging / name}: {exc.strerror}; the site at {self.out} "
                "is unchanged"
            ) from None

    # ---------------------------------------------------------------- commit

    def commit_swap(self, manifest: Manifest) -> None:
        """The staging folder holds the whole new site: swap it in for OUT."""
        self._stage(MANIFEST, manifest.dumps())
        with _interrupts_held():
            self.committed = True
            try:
                previous = self._swap_in()
            except OSError as exc:
                raise ExportError(
                    f"cannot swap the new export into {self.out}: {exc.strerror or exc}; the next "
                    "export finishes or undoes the swap"
                ) from None
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)

    def _swap_in(self) -> Path | None:
        """Put the staging folder at OUT; the folder now holding the previous export, if any."""
        if not self.out.exists():
            os.rename(self.staging, self.out)
            return None
        if exchange(self.staging, self.out):  # one step: OUT is never missing
            return self.staging
        # no exchange here: two renames, and between them no OUT (``recover`` mends a crash)
        os.rename(self.out, self.old)
        os.rename(self.staging, self.out)
        return self.old

    def commit_journal(
        self,
        manifest: Manifest,
        writes: list[str],
        removals: list[str],
        previous: Manifest | None = None,
    ) -> None:
        """The staging folder holds the changed files: move them into OUT, remove stale ones.
        ``previous``: OUT's manifest (the hashes the during manifest names as ``pending``)."""
        before = previous.files if previous is not None else {}
        pending = {p: before[p][1] for p in (*writes, *removals) if p in before}
        final = manifest.dumps()
        self._stage(MANIFEST, final)
        self._stage(DURING, with_pending(final, pending))
        journal = json.dumps({"write": writes, "remove": removals}, ensure_ascii=False)
        partial = JOURNAL + ".partial"
        self._stage(partial, journal.encode("utf-8"))
        with _interrupts_held():
            os.replace(self.staging / partial, self.staging / JOURNAL)  # the commit point
            self.committed = True
            try:
                self._apply_journal()
            except (OSError, ExportError) as exc:
                reason = (exc.strerror or str(exc)) if isinstance(exc, OSError) else str(exc)
                raise ExportError(
                    f"the export into {self.out} stopped while moving its files in ({reason}): "
                    f"they wait in {self.staging}, and the next export finishes moving them"
                ) from None

    def _apply_journal(self) -> None:
        """Apply the staging folder's journal to OUT (again, after an interruption: what was
        done already is skipped)."""
        data = json.loads((self.staging / JOURNAL).read_text(encoding="utf-8"))
        during = self.staging / DURING
        if during.is_file():
            os.replace(during, self.out / MANIFEST)
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
