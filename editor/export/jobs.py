"""What the exporter hands whoever renders a page (``Task``) and gets back (``Result``): plain
records, pickled to the worker processes and back (``render.work``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Task:
    """One page to render: its path, template, context, body (articles) and previous hash."""

    path: str
    template: str
    context: dict[str, Any]
    body: str | None = None
    old_hash: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """What became of one file of the export: its bytes' hash, whether they were written (False:
    equal to the previous export's), the images it shows (article pages)."""

    path: str
    hash: str
    written: bool
    media: tuple[str, ...] = ()
