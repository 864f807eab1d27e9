"""Errors of the export, in words a user can act on."""

from __future__ import annotations

from editor.domain.errors import ZoneDeskError


class ExportError(ZoneDeskError):
    """The export cannot be done: a bad target folder, a broken theme, invalid site settings."""


class ExportCancelledError(ExportError):
    """The export was cancelled before it was committed: the previous export is untouched."""

    def __init__(self) -> None:
        super().__init__("export cancelled: the previous export is unchanged")
