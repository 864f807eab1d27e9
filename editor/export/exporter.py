"""``Exporter``: one export of the archive into a folder, with progress events and cancellation.

    exporter = Exporter(open_source(url), Path("site"), progress=on_progress)
    report = exporter.run()          # another thread may call exporter.cancel()

The steps: recover from an interrupted export; read the archive's light columns (one snapshot);
plan the site (``site.plan_site``); compare each file's fingerprint with the previous export's
manifest; render what changed (bodies loaded a chunk at a time; on both cores through worker
processes when there is much to do); publish the images the pages show; commit atomically
(``writer.Staging``). Nothing is written outside OUT and its staging folder next to it.

Qt-free: the GUI runs ``run`` on a worker thread, turns ``ExportProgress`` events into signals and
calls ``cancel``. A cancelled or failed export leaves the previous one untouched.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.export import unwritable
from editor.export.errors import ExportCancelledError, ExportError
from editor.export.jobs import Result, Task
from editor.export.leftout import LeftOut, as_json
from editor.export.site import Attrs, FileSpec, PlanState, SitePlan, plan_site
from editor.export.source import ExportSource, Snapshot
from editor.export.templates import Theme
from editor.export.writer import (
    MANIFEST,
    DiskFullError,
    Manifest,
    SafeWriter,
    Staging,
    UnwritablePageError,
    content_hash,
    read_manifest,
)

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from editor.export.render import Renderer

#: Incremental exports changing at most this many files commit through the journal (in place).
JOURNAL_LIMIT = 2000
#: Fewer pages than this are rendered in-process: starting workers would cost more.
POOL_THRESHOLD = 400
CHUNK = 200
#: How many times an export starts again without the articles of a page whose writing failed.
UNWRITABLE_RETRIES = 3
SUMMARY_LENGTH = 120

#: _LAZY: ``editor.export.render`` (Jinja2, Markdown, nh3: a tenth of a second) is imported only
#: when something is to be rendered; an export that finds nothing changed never loads it.
_PAGE_KINDS = frozenset({"article", "listing", "home", "zones"})


@dataclass(frozen=True, slots=True)
class ExportProgress:
    """``phase``: reading, planning, rendering, media, committing, done."""

    phase: str
    done: int = 0
    total: int = 0


@dataclass(slots=True)
class ExportReport:
    out: Path
    mode: str  # fresh | swap | journal | unchanged
    files: int = 0
    articles: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    seconds: float = 0.0
    recovered: str | None = None
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step
    #: The live articles not exported (not published), by id: see ``editor.export.leftout``.
    left_out: list[LeftOut] = field(default_factory=list)
    #: Article id -> its page's path in the site, for the ids ``Exporter(pages_of=…)`` names
    #: that the site has (a left-out article has none).
    pages: dict[int, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "mode": self.mode,
            "files": self.files,
            "articles": self.articles,
            "written": self.written,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "seconds": round(self.seconds, 3),
            "recovered": self.recovered,
            "warnings": self.warnings,
            "timings": {step: round(seconds, 4) for step, seconds in self.timings.items()},
            "left_out": as_json(self.left_out),
        }


Progress = Callable[[ExportProgress], None]


def _chunks(items: Sequence[FileSpec], size: int) -> Iterator[Sequence[FileSpec]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Exporter:
    def __init__(
        self,
        source: ExportSource,
        out: Path,
        *,
        theme: Path | None = None,
        workers: int | None = None,
        progress: Progress | None = None,
        full: bool = False,
        journal_limit: int = JOURNAL_LIMIT,
        pages_of: Collection[int] = (),
    ) -> None:
        """``pages_of``: articles whose pages' paths the report names (``ExportReport.pages``)."""
        self.source = source
        self.out = out
        self.theme_dir = theme
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self.full = full
        self.journal_limit = journal_limit
        self.pages_of = frozenset(pages_of)
        self._progress = progress
        self._cancelled = threading.Event()
        self._warnings: list[str] = []
        self._timings: dict[str, float] = {}
        self._lap_start = 0.0
        self._pool: ProcessPoolExecutor | None = None
        self._staging: Staging | None = None
        self._summaries: dict[int, str] = {}
        self._out: Path | None = None

    # ------------------------------------------------------------------ control

    def cancel(self) -> None:
        """Ask the export to stop (any thread); ``run`` then raises ExportCancelledError."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _check(self) -> None:
        if self._cancelled.is_set():
            raise ExportCancelledError

    def _lap(self, step: str) -> None:
        """Note how long ``step`` (which ends now) took."""
        moment = time.perf_counter()
        self._timings[step] = self._timings.get(step, 0.0) + moment - self._lap_start
        self._lap_start = moment

    def _emit(self, phase: str, done: int = 0, total: int = 0) -> None:
        if self._progress is not None:
            self._progress(ExportProgress(phase, done, total))

    # ------------------------------------------------------------------ the run

    def run(self) -> ExportReport:
        """Export; raises ExportError (nothing changed) or ExportCancelledError."""
        collecting = gc.isenabled()
        gc.disable()  # hundreds of thousands of small objects, no cycles worth a collection
        failed = True
        try:
            report = self._run()
            failed = False
            return report
        finally:
            self._stop_workers(failed=failed)
            if collecting:
                gc.enable()

    def _run(self) -> ExportReport:
        started = self._lap_start = time.perf_counter()
        out = self._out = self._target()
        staging = self._staging = Staging(out)
        with staging.locked():
            recovered = staging.recover()
            theme = Theme.load(self.theme_dir)
            old = self._previous(out)
            self._lap("previous")
            self._check()
            rebuild = old is None or self.full
            if rebuild and self.workers > 1 and self.source.count() >= POOL_THRESHOLD:
                self._start_workers(theme, staging)  # everything is to be rendered
            self.source.fast_scans(not rebuild)
            previous = None
            if old is not None and old.plan is not None and not self.full:
                previous = PlanState.from_json(old.plan)
            self._emit("reading")
            if previous is not None:
                snapshot = self.source.snapshot(previous.rows, previous.sources)
            else:
                snapshot = self.source.snapshot()
            left_out = self.source.left_out()  # the same read transaction as the snapshot
            self._lap("snapshot")
            self._emit("planning")
            static = theme.static_files()
            memo = dict(old.slugs) if old is not None else {}
            kept: dict[str, str] | None = None
            if not memo:  # no slugs of names to go by: those kept from other exports
                from editor.export import slugcache  # noqa: PLC0415 - a first export only

                kept = slugcache.load()
                memo = dict(kept)

            def make_plan(articles: Snapshot) -> SitePlan:
                return plan_site(
                    articles,
                    theme_fp=theme.fingerprint(),
                    assets={name: path for name, (path, _) in static.items()},
                    static=dict(static.values()),
                    slug_memo=memo,
                    previous=previous,
                )

            plan = make_plan(snapshot)
            if kept is not None:
                slugcache.save(kept, plan.slugs)
            self._lap("plan")
            report, plan, skipped = self._export_writable(
                out, staging, theme, plan, old, snapshot, make_plan
            )
        report.left_out = left_out + unwritable.left_out(snapshot, skipped)
        report.pages = self._pages(plan)
        report.recovered = recovered
        report.seconds = time.perf_counter() - started
        report.warnings = self._warnings
        report.timings = self._timings
        self._emit("done", report.files, report.files)
        return report

    def _pages(self, plan: SitePlan) -> dict[int, str]:
        """The paths of the pages of the articles ``pages_of`` names (those the site has)."""
        if not self.pages_of or plan.state is None:
            return {}
        wanted = self.pages_of
        state = plan.state
        return {
            row[0]: path
            for row, path in zip(state.rows, state.paths, strict=True)
            if row[0] in wanted
        }

    def _target(self) -> Path:
        out = Path(os.path.abspath(self.out.expanduser()))
        if out.is_symlink():
            out = out.resolve()
        parent = out.parent
        if not parent.is_dir():
            raise ExportError(
                f"the folder {parent} does not exist: create it, or export somewhere else"
            )
        if not os.access(parent, os.W_OK | os.X_OK):
            raise ExportError(
                f"cannot write in {parent} (permission denied): the export creates {out.name} "
                "and a staging folder next to it there"
            )
        if out.exists() and not out.is_dir():
            raise ExportError(f"{out} is a file, not a folder")
        return out

    def _previous(self, out: Path) -> Manifest | None:
        if not out.is_dir():
            return None
        manifest = read_manifest(out)
        if manifest is not None:
            return manifest
        if (out / MANIFEST).exists():
            self._warnings.append(f"the manifest in {out} was unreadable: everything rebuilt")
            self.full = True
            return Manifest()
        if any(out.iterdir()):
            raise ExportError(
                f"{out} is not empty and is not a ZoneDesk export (it has no {MANIFEST}): "
                "choose a new or empty folder; every export replaces the whole folder"
            )
        return None

    def _export_writable(
        self,
        out: Path,
        staging: Staging,
        theme: Theme,
        plan: SitePlan,
        old: Manifest | None,
        snapshot: Snapshot,
        make_plan: Callable[[Snapshot], SitePlan],
    ) -> tuple[ExportReport, SitePlan, dict[int, tuple[str, str]]]:
        """``_export`` of the site without the articles whose pages cannot be written (see
        ``editor.export.unwritable``): those a plan shows to be too long are left out before
        rendering; a page whose writing failed throws the attempt away, and the site is planned
        and rendered again without its articles. The report, the plan exported, and the
        articles left out (id -> (page, why))."""
        skipped: dict[int, tuple[str, str]] = {}
        failed: dict[str, str] = {}  # paths whose writing failed -> why
        retries = 0
        warnings = len(self._warnings)
        while True:
            del self._warnings[warnings:]  # an attempt thrown away says nothing
            bad = unwritable.predicted(plan.files, staging.staging)
            bad |= {path: why for path, why in failed.items() if path in plan.files}
            if bad:
                found = unwritable.articles_behind(plan, bad, out)
                skipped |= found
                snapshot = unwritable.without(snapshot, found)
                plan = make_plan(snapshot)
                self._lap("plan")
                continue
            try:
                return self._export(out, staging, theme, plan, old), plan, skipped
            except UnwritablePageError as exc:
                retries += 1
                if retries > UNWRITABLE_RETRIES or exc.path in failed:
                    raise ExportError(
                        f"cannot write {exc.path} of the site at {out}: {exc.error}; "
                        "the site is unchanged"
                    ) from None
                failed[exc.path] = exc.error
            except DiskFullError:
                raise DiskFullError(out) from None  # a worker's names the staging folder

    def _export(
        self, out: Path, staging: Staging, theme: Theme, plan: SitePlan, old: Manifest | None
    ) -> ExportReport:
        previous = old.files if old is not None and not self.full else {}
        todo = [
            spec for path, spec in plan.files.items() if previous.get(path, ("",))[0] != spec.fp
        ]
        if old is None:
            mode = "fresh"
        elif self.full or len(todo) > self.journal_limit:
            mode = "swap"
        else:
            mode = "journal"
        report = ExportReport(out, mode, articles=plan.articles)
        if (
            mode == "journal"
            and not todo
            and old is not None
            and (
                plan.partial  # the same files as before, by its making
                or set(old.files)
                == set(plan.files) | {ref for refs in old.media.values() for ref in refs}
            )
        ):
            report.mode = "unchanged"
            report.files = report.unchanged = len(old.files)
            return report

        writer = staging.begin()
        try:
            results = self._render(todo, writer, theme, plan, previous)
            self._lap("render")
            self._check()
            media = self._media(plan, results, old, writer, mode)
            self._check()
            manifest = self._manifest(plan, results, media, old)
            self._lap("media+manifest")
            removed = sorted(set(old.files) - set(manifest.files)) if old is not None else []
            written = [p for p, r in results.items() if r.written] + media.written
            report.files = len(manifest.files)
            report.written = len(written)
            report.unchanged = report.files - report.written
            report.removed = len(removed)
            self._emit("committing", 0, 1)
            if mode == "journal":
                before = set(old.files) if old is not None else set()
                writes = sorted(written, key=lambda p: (p in before, _order(p)))
                staging.commit_journal(manifest, writes, removed, old)
            else:
                self._link_unchanged(manifest, results, media, writer, out, old is not None)
                self._check()
                staging.commit_swap(manifest)
            self._lap("commit")
        except BaseException:
            self._stop_workers(failed=True)  # before the folder they write into goes
            staging.abort()
            raise
        return report

    # ------------------------------------------------------------------ rendering

    def _render(
        self,
        todo: list[FileSpec],
        writer: SafeWriter,
        theme: Theme,
        plan: SitePlan,
        old_hashes: dict[str, tuple[str, str]],
    ) -> dict[str, Result]:
        pages = [s for s in todo if s.kind in _PAGE_KINDS]
        others = [s for s in todo if s.kind not in _PAGE_KINDS]
        total = len(todo)
        results: dict[str, Result] = {}
        made: list[Renderer] = []

        def renderer() -> Renderer:  # Jinja2 is loaded only when a template is to be rendered
            if not made:
                from editor.export.render import Renderer  # noqa: PLC0415 - see _LAZY

                made.append(Renderer(theme, plan.site, plan.assets))
            return made[0]

        def side_work() -> None:  # done by this process while the workers render pages
            self._load_summaries([spec for spec in others if spec.kind == "feed"])
            for spec in others:
                self._check()
                begun = time.perf_counter()
                result = self._render_other(spec, renderer, writer, old_hashes)
                results[result.path] = result
                step = f"render {spec.kind}"
                self._timings[step] = self._timings.get(step, 0.0) + time.perf_counter() - begun
            self._emit("rendering", len(results), total)

        if len(pages) >= POOL_THRESHOLD and self.workers > 1:
            assert self._staging is not None
            self._start_workers(theme, self._staging)
            self._render_parallel(pages, plan, old_hashes, results, side_work, total)
        else:
            side_work()
            for chunk in _chunks(pages, CHUNK):
                from editor.export.render import render_chunk  # noqa: PLC0415 - see _LAZY

                self._check()
                for result in render_chunk(renderer(), writer, self._tasks(chunk, old_hashes)):
                    results[result.path] = result
                self._emit("rendering", len(results), total)
        return results

    def _render_parallel(
        self,
        pages: list[FileSpec],
        plan: SitePlan,
        old_hashes: dict[str, tuple[str, str]],
        results: dict[str, Result],
        side_work: Callable[[], None],
        total: int,
    ) -> None:
        import concurrent.futures  # noqa: PLC0415 - only for a big export (start-up time)

        from editor.export.render import work  # noqa: PLC0415 - see _LAZY

        assert self._pool is not None
        pool = self._pool
        in_flight = self.workers * 2
        pending: set[Future[list[Result]]] = set()
        side_done = False

        def collect() -> None:
            nonlocal pending
            done, pending = concurrent.futures.wait(
                pending, return_when=concurrent.futures.FIRST_COMPLETED
            )
            for future in done:
                for result in future.result():
                    results[result.path] = result
            self._emit("rendering", len(results), total)

        for chunk in _chunks(pages, CHUNK):
            self._check()
            pending.add(pool.submit(work, plan.site, plan.assets, self._tasks(chunk, old_hashes)))
            if len(pending) >= in_flight:
                if not side_done:
                    side_work()
                    side_done = True
                collect()
        if not side_done:
            side_work()
        while pending:
            self._check()
            collect()

    def _start_workers(self, theme: Theme, staging: Staging) -> None:
        """Start the worker processes (before the plan fills this process's memory: a forked
        worker shares what exists when it starts)."""
        if self._pool is not None or self.workers < 2:
            return
        from editor.export.render import init_worker, ready  # noqa: PLC0415 - see _LAZY
        from editor.parallel import process_pool  # noqa: PLC0415 - start-up time

        folders = tuple(str(f) for f in theme.folders)
        self._pool = process_pool(  # fork from the command line, spawn from the editor
            self.workers,
            initializer=init_worker,
            initargs=(folders, str(staging.staging), staging.lock_fd),
        )
        self._pool.submit(ready)  # forks them all now

    def _stop_workers(self, *, failed: bool) -> None:
        if self._pool is not None:
            # after a failure: drop the queued chunks, wait for the few being rendered
            self._pool.shutdown(wait=True, cancel_futures=failed)
            self._pool = None

    def _tasks(
        self, chunk: Sequence[FileSpec], old_hashes: dict[str, tuple[str, str]]
    ) -> list[Task]:
        ids = [s.article_id for s in chunk if s.article_id is not None]
        bodies = self.source.bodies(ids) if ids else {}
        return [
            Task(
                spec.path,
                spec.template,
                self._feed_context(spec) if spec.kind == "feed" else spec.context(),
                bodies.get(spec.article_id, "") if spec.article_id is not None else None,
                old_hashes.get(spec.path, ("", ""))[1] or None,
            )
            for spec in chunk
        ]

    def _render_other(
        self,
        spec: FileSpec,
        renderer: Callable[[], Renderer],
        writer: SafeWriter,
        old_hashes: dict[str, tuple[str, str]],
    ) -> Result:
        data = self._patched(spec, old_hashes.get(spec.path, ("", ""))[1])
        if data is None:
            data = self._made(spec, renderer)
        digest = content_hash(data)
        written = digest != old_hashes.get(spec.path, ("", ""))[1]
        if written:
            writer.write(spec.path, data)
        return Result(spec.path, digest, written)

    def _made(self, spec: FileSpec, renderer: Callable[[], Renderer]) -> bytes:
        """The bytes of a file that is not a page: an asset, the index, the sitemap, a feed."""
        from editor.export.derived import render_json, render_sitemap  # noqa: PLC0415

        if spec.kind == "asset":
            assert spec.data is not None
            return spec.data
        if spec.kind == "index":
            return render_json(spec.context())
        if spec.kind == "sitemap":
            return render_sitemap(spec.context())
        context = self._feed_context(spec) if spec.kind == "feed" else spec.context()
        data, _ = renderer().render(spec.path, spec.template, context)
        return data

    def _patched(self, spec: FileSpec, old_hash: str) -> bytes | None:
        """The file made by patching the previous export's (``FileSpec.patch``), when that file
        is there with the bytes the manifest says; else None (it is made whole)."""
        if spec.patch is None or not old_hash or self._out is None:
            return None
        try:
            previous = (self._out / spec.path).read_bytes()
        except OSError:
            return None
        if content_hash(previous) != old_hash:
            return None
        return spec.patch(previous)

    def _feed_context(self, spec: FileSpec) -> dict[str, Any]:
        context = spec.context()
        summaries = self._summaries
        entries = [
            Attrs(entry, summary=summaries.get(entry["id"], "")) for entry in context["entries"]
        ]
        return dict(context, entries=entries)

    def _load_summaries(self, feeds: list[FileSpec]) -> None:
        """The summaries of every entry of the feeds to render, in one query, each made once
        (an article sits in the feeds of its category, the category's parents and the site)."""
        wanted = sorted({i for feed in feeds for i in feed.entry_ids} - set(self._summaries))
        if not wanted:
            return
        from editor.render.plaintext import summary_of  # noqa: PLC0415 - only when feeds change

        for aid, (summary, body) in self.source.texts(wanted).items():
            self._summaries[aid] = summary or summary_of(body, SUMMARY_LENGTH)

    # ------------------------------------------------------------------ images

    def _media(
        self,
        plan: SitePlan,
        results: dict[str, Result],
        old: Manifest | None,
        writer: SafeWriter,
        mode: str,
    ) -> _Media:
        media = _Media()
        if plan.partial:  # the pages the plan leaves out show what they showed
            assert old is not None
            media.by_page = {p: refs for p, refs in old.media.items() if p not in plan.files}
            for refs in media.by_page.values():
                media.files.update(refs)
        for path, spec in plan.files.items():
            if spec.kind != "article":
                continue
            result = results.get(path)
            refs = (
                list(result.media)
                if result is not None
                else (old.media if old else {}).get(path, [])
            )
            if refs:
                media.by_page[path] = refs
                media.files.update(refs)
        have = set(old.files) if old is not None and not self.full else set()
        wanted = sorted(media.files - have)
        self._emit("media", 0, len(wanted))
        for start in range(0, len(wanted), 100):
            self._check()
            part = wanted[start : start + 100]
            stored = self.source.assets([ref[len("media/") :].split(".", 1)[0] for ref in part])
            for ref in part:
                sha = ref[len("media/") :].partition(".")[0]
                found = stored.get(sha)
                if found is None:
                    media.missing.add(ref)
                    pages = sorted(p for p, refs in media.by_page.items() if ref in refs)
                    self._warnings.append(
                        f"image {ref} is not in the archive (shown by {pages[0]})"
                    )
                    continue
                writer.write(ref, found[1])
                media.written.append(ref)
            self._emit("media", min(start + 100, len(wanted)), len(wanted))
        media.files -= media.missing
        return media

    # ------------------------------------------------------------------ manifest and links

    def _manifest(
        self,
        plan: SitePlan,
        results: dict[str, Result],
        media: _Media,
        old: Manifest | None,
    ) -> Manifest:
        files: dict[str, tuple[str, str]] = {}
        if plan.partial:  # the files the plan leaves out are the previous export's
            assert old is not None
            files = dict(old.files)
            for refs in old.media.values():  # its images: those the pages show now, below
                for ref in refs:
                    files.pop(ref, None)
        for path, spec in plan.files.items():
            result = results.get(path)
            if result is not None:
                files[path] = (spec.fp, result.hash)
            else:
                assert old is not None
                files[path] = old.files[path]
        for ref in sorted(media.files):
            sha = ref[len("media/") :].split(".", 1)[0]
            files[ref] = (ref, sha)
        state = plan.state.to_json() if plan.state is not None else None
        return Manifest(files, media.by_page, plan.slugs, state)  # dumps sorts the paths

    def _link_unchanged(
        self,
        manifest: Manifest,
        results: dict[str, Result],
        media: _Media,
        writer: SafeWriter,
        out: Path,
        has_old: bool,
    ) -> None:
        """Swap mode: files kept from the previous export go into the staging folder as links."""
        if not has_old:
            return
        fresh = {p for p, r in results.items() if r.written} | set(media.written)
        for number, path in enumerate(manifest.files):
            if path in fresh:
                continue
            if number % 1000 == 0:
                self._check()
            try:
                writer.link(path, out / path)
            except FileNotFoundError:
                raise ExportError(
                    f"{out / path} vanished from the previous export: run the export with --full"
                ) from None


@dataclass(slots=True)
class _Media:
    by_page: dict[str, list[str]] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)
    written: list[str] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)


def _order(path: str) -> int:
    """Journal order: images and pages before the pages that link to them."""
    if path.startswith(("media/", "assets/")):
        return 0
    if path.startswith("news/"):
        return 1
    if path.endswith(".html"):
        return 2
    return 3
