"""Small file systems of the tests' own: a tmpfs of a given size (a disk that fills up, one to
remount read-only), mounted only as root, unmounted at the end."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[str | None]:
    """Mount a tmpfs of ``size`` (``64k``, ``4m``) at ``folder`` (made if missing) and yield
    None; where that cannot be done (not root, no mount), yield why, with ``folder`` a plain
    folder."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        yield "mounting a tmpfs needs root"
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        yield f"cannot mount a tmpfs here: {mounted.stderr.strip()}"
        return
    try:
        yield None
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
