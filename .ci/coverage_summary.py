#!/usr/bin/env python3
"""Branch coverage per package of ``editor``, from coverage.py's JSON report, with the floors.

    python .ci/coverage_summary.py COVERAGE.json [--no-floors]

One row per package (``editor/archive``, ``editor/gui`` with its ``dialogs``, …; the top-level
modules ``cli.py`` and ``launcher.py`` count as ``editor``, ``app.py`` as the GUI it composes): its
statements and branches, the share of branches taken, and coverage.py's combined figure. The floors
the project holds itself to: 75% of branches for the GUI, 90% for every package below it. Exit 1
when a package is under its floor (unless ``--no-floors``), naming it.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import PurePosixPath

GUI = "editor/gui"
GUI_FLOOR = 75.0
CORE_FLOOR = 90.0
GUI_TOP_LEVEL = {"app.py"}  # the GUI's composition root lives beside the packages


@dataclass
class Tally:
    statements: int = 0
    covered_lines: int = 0
    branches: int = 0
    covered_branches: int = 0

    def add(self, summary: dict[str, int]) -> None:
        self.statements += summary["num_statements"]
        self.covered_lines += summary["covered_lines"]
        self.branches += summary.get("num_branches", 0)
        self.covered_branches += summary.get("covered_branches", 0)

    @property
    def branch_percent(self) -> float:
        return 100.0 * self.covered_branches / self.branches if self.branches else 100.0

    @property
    def combined_percent(self) -> float:
        total = self.statements + self.branches
        done = self.covered_lines + self.covered_branches
        return 100.0 * done / total if total else 100.0


def package_of(path: str) -> str:
    """``editor/archive/search.py`` -> ``editor/archive``; ``editor/gui/dialogs/x.py`` ->
    ``editor/gui``; ``editor/app.py`` -> ``editor/gui``; ``editor/cli.py`` -> ``editor``."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    if "editor" in parts:
        parts = parts[parts.index("editor") :]
    if len(parts) <= 2:
        return GUI if parts[-1] in GUI_TOP_LEVEL else "editor"
    return "/".join(parts[:2])


def floor_of(package: str) -> float:
    return GUI_FLOOR if package == GUI else CORE_FLOOR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", help="coverage.py's JSON report (coverage json -o FILE)")
    parser.add_argument("--no-floors", action="store_true", help="print only, never fail")
    args = parser.parse_args(argv)
    with open(args.report, encoding="utf-8") as handle:
        files: dict[str, dict[str, dict[str, int]]] = json.load(handle)["files"]
    tallies: dict[str, Tally] = {}
    for path, data in files.items():
        tallies.setdefault(package_of(path), Tally()).add(data["summary"])
    total = Tally()
    under: list[str] = []
    print(f"{'package':<20} {'stmts':>7} {'branches':>9} {'taken':>7} {'branch %':>9} "
          f"{'all %':>7} {'floor':>6}")  # fmt: skip
    for package in sorted(tallies):
        tally = tallies[package]
        for name in ("statements", "covered_lines", "branches", "covered_branches"):
            setattr(total, name, getattr(total, name) + getattr(tally, name))
        floor = floor_of(package)
        mark = ""
        if tally.branch_percent < floor:
            under.append(f"{package} {tally.branch_percent:.1f}% < {floor:.0f}%")
            mark = "  <- under its floor"
        print(
            f"{package:<20} {tally.statements:>7} {tally.branches:>9} "
            f"{tally.covered_branches:>7} {tally.branch_percent:>8.1f}% "
            f"{tally.combined_percent:>6.1f}% {floor:>5.0f}%{mark}"
        )
    print(
        f"{'total':<20} {total.statements:>7} {total.branches:>9} {total.covered_branches:>7} "
        f"{total.branch_percent:>8.1f}% {total.combined_percent:>6.1f}%"
    )
    if under and not args.no_floors:
        print(f"branch coverage under the floor: {', '.join(under)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
