"""Errors the core raises. Each says in words what went wrong and, where it can, which field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.domain.model import ArticleRecord


class ZoneDeskError(Exception):
    """Base of every error the core reports to a user."""


@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(ZoneDeskError):
    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class NotFoundError(ZoneDeskError):
    pass


class ConflictError(ZoneDeskError):
    """The stored article moved on since the caller read it: nothing was written."""

    def __init__(self, article_id: int, expected_version: int, current: ArticleRecord) -> None:
        self.article_id = article_id
        self.expected_version = expected_version
        self.current = current
        super().__init__(
            f"article {article_id} was saved elsewhere (version {current.version}, "
            f"you edited version {expected_version}); nothing was overwritten"
        )


class ArchiveError(ZoneDeskError):
    """The archive cannot be opened or used: not an archive, damaged, too new, unreachable."""


class ReadOnlyArchiveError(ArchiveError):
    pass


class ArchiveFullError(ArchiveError):
    """The disk (or the archive's size limit) is full: the unit of work was rolled back whole."""


class ArchiveBusyError(ArchiveError):
    """Other writers kept the archive busy (a serialization failure or a deadlock the database
    broke, or SQLite's write lock held too long): the unit of work was rolled back whole.
    ``retryable``: running the same work again from the start may succeed."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable
