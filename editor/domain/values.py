"""The plain values every layer shares: the archive's enumerations and its fields' limits.

Apart from ``model`` (whose dataclasses cost the command line's start-up a few milliseconds each):
what the command line's parser needs (the statuses, the sort keys) and the slug rules import this
module alone. ``model`` re-exports every name.
"""

from __future__ import annotations

from enum import StrEnum

MAX_TITLE_LENGTH = 200
MAX_SLUG_LENGTH = 120
MAX_SHORT_FIELD = 200  # source, author, zone, category names


class ArticleStatus(StrEnum):
    DRAFT = "draft"
    REVIEW = "review"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Language(StrEnum):
    ZH_CN = "zh-CN"
    EN = "en"


class RevisionKind(StrEnum):
    SAVE = "save"
    IMPORT = "import"
    AUTOSAVE = "autosave"
    RESTORE = "restore"
    CREATE = "create"


class SortKey(StrEnum):
    PUBLISHED = "published_at"
    TITLE = "title"
    UPDATED = "updated_at"
    ZONE = "zone"
    SOURCE = "source"
    STATUS = "status"
