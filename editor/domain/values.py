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
MAX_EXTERNAL_ID = 200  # the id an article has in the file or site it came from

#: The years a publication time may fall in (in Beijing time), however it comes in: typed in
#: the form, in a JSON Lines file, on a portal page. A typo (0202, 20200) or a placeholder
#: (9999-12-31, 0001-01-01) is refused by name, never stored.
FIRST_PUBLISHED_YEAR = 1949
LAST_PUBLISHED_YEAR = 2100


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
