#!/usr/bin/env python3
"""Export benchmark (issue 3): the portal's static site against Hugo, on the same corpus.

    .venv/bin/python tests/bench/bench_export.py [--n 10000] [--runs 3] [--edits 5] [--no-hugo]

In one run, alternating the tools (the machine's speed drifts between runs):

1. full build, fresh output folder: ``main.py export OUT`` and ``hugo -s SITE -d OUT --quiet``
   (``tests/bench/hugo-site`` with the same articles as Hugo content); wall time of the
   whole command, and peak memory of the whole process tree (its processes' RSS summed, sampled
   from /proc every 20 ms) — targets: ZoneDesk ≤ 0.25 × Hugo, ≤ 400 MB;
2. incremental: one article edited (its body; then, separately, its title), then the whole
   ``main.py export OUT`` command, process start included — target ≤ 0.5 s; Hugo's rebuild after
   editing one content file for comparison.

The archive is ``built_archive(n)`` (the corpus imported by the real importer, cached in
tests/bench/.corpus/), copied to a scratch folder because the edits change it. Python writes its
bytecode caches as on a user's machine (``PYTHONDONTWRITEBYTECODE`` is dropped for the runs).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.corpus import ROOT, built_archive, hugo_site

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclasses.dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the whole process tree
    peak_mb: float
    output: str


def _tree_rss(root: int) -> int:
    """RSS in bytes of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm", encoding="ascii") as fh:
                resident = int(fh.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = resident * page
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def timed(command: list[str], cwd: Path = ROOT, *, memory: bool = True) -> Run:
    """Run ``command``; its wall time and the peak summed RSS of its process tree (sampled from
    /proc every 20 ms by a thread of this process: ``memory=False`` leaves the machine's two
    cores to the command for the sub-second incremental runs, whose memory is not reported)."""
    peak = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    if memory:
        sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.set()
    if memory:
        sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{out}\n{err}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, peak / 1e6, out.strip())


def zonedesk(db: Path, out: Path, *extra: str, memory: bool = True) -> Run:
    return timed(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "export", str(out), *extra],
        memory=memory,
    )


def hugo(site: Path, out: Path, *, memory: bool = True) -> Run:
    return timed(["hugo", "-s", str(site), "-d", str(out), "--quiet"], memory=memory)


def edit_article(db: Path, article_id: int, *, title: bool) -> None:
    code = (
        "import sys, dataclasses\n"
        "from editor.archive.database import open_archive\n"
        "from editor.archive.articles import ArticleService\n"
        f"a = open_archive({str(db)!r}); s = ArticleService(a); r = s.get({article_id})\n"
        "d = r.to_input()\n"
        f"d = dataclasses.replace(d, body=d.body + '\\n\\n（本文有更新）')\n"
        + ("d = dataclasses.replace(d, title=d.title + '（更新）')\n" if title else "")
        + "s.update(r.id, d, expected_version=r.version); a.close()\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=ENV, check=True)


def med(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="full builds per tool (alternated)")
    parser.add_argument("--edits", type=int, default=5, help="incremental exports per kind of edit")
    parser.add_argument("--no-hugo", action="store_true", help="ZoneDesk alone")
    args = parser.parse_args()
    use_hugo = not args.no_hugo and shutil.which("hugo") is not None
    if not args.no_hugo and not use_hugo:
        print("hugo is not installed (apt-get install -y hugo): ZoneDesk alone")

    source = built_archive(args.n)
    site = hugo_site(args.n) if use_hugo else None
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        work = Path(tmp)
        db = work / "archive.sqlite3"
        shutil.copy(source, db)
        zonedesk(db, work / "warm-up")  # bytecode caches, page cache, compiled templates
        if site is not None:
            hugo(site, work / "hugo-warm-up")
        # Output folders are removed only at the end: ext4 makes creating files right after
        # deleting many of them slow, which would punish whichever tool runs after a removal.
        full_z: list[Run] = []
        full_h: list[Run] = []
        for number in range(args.runs):
            if site is not None:
                full_h.append(hugo(site, work / f"hugo-{number}"))
            full_z.append(zonedesk(db, work / f"site-{number}"))
        out = work / f"site-{args.runs - 1}"
        print(f"full export of {args.n:,} articles ({args.runs} runs each, alternating):")
        print(f"  ZoneDesk: {', '.join(f'{r.seconds:.2f} s' for r in full_z)}")
        print(f"            CPU time: {', '.join(f'{r.cpu:.1f} s' for r in full_z)}")
        print(f"            → {full_z[-1].output}")
        peak = max(r.peak_mb for r in full_z)
        print(f"            peak memory (process tree): {peak:.0f} MB [≤ 400 MB]")
        if full_h:
            ratios = [z.seconds / h.seconds for z, h in zip(full_z, full_h, strict=True)]
            print(f"  Hugo:     {', '.join(f'{r.seconds:.2f} s' for r in full_h)}")
            print(f"            CPU time: {', '.join(f'{r.cpu:.1f} s' for r in full_h)}")
            print(
                f"            peak memory (process tree): {max(r.peak_mb for r in full_h):.0f} MB"
            )
            print(
                f"  ratio ZoneDesk/Hugo, run by run: {', '.join(f'{r:.3f}' for r in ratios)}; "
                f"median {med(ratios):.3f} [≤ 0.25]"
            )

        print(f"incremental export after one article changed ({args.edits} edits each):")
        for label, title in (("body edited", False), ("title and body edited", True)):
            runs = []
            for step in range(args.edits):
                edit_article(db, 1 + (step * 997 + (500 if title else 0)) % args.n, title=title)
                runs.append(zonedesk(db, out, memory=False))
            seconds = [r.seconds for r in runs]
            print(
                f"  {label:<22} whole command: median {med(seconds):.3f} s, "
                f"max {max(seconds):.3f} s [≤ 0.5 s]  → {runs[-1].output}"
            )
        unchanged = [zonedesk(db, out, memory=False).seconds for _ in range(3)]
        print(f"  nothing changed        whole command: median {med(unchanged):.3f} s")
        if site is not None:
            pages = (site / "content" / "news").rglob("*.md")
            page = next(p for p in pages if p.name != "_index.md")
            hugo_out = work / "hugo-incremental"
            hugo(site, hugo_out)
            rebuilds = []
            original = page.read_text(encoding="utf-8")
            try:
                for step in range(min(args.edits, 3)):
                    page.write_text(original + f"\n\n（本文有更新 {step}）\n", encoding="utf-8")
                    rebuilds.append(hugo(site, hugo_out, memory=False).seconds)
            finally:
                page.write_text(original, encoding="utf-8")
            print(f"  Hugo, one content file edited, rebuild: median {med(rebuilds):.2f} s")


if __name__ == "__main__":
    main()
