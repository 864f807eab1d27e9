"""The newsroom's own words: a list shipped with ZoneDesk, and word lists kept in the archive.

Storage: the archive's ``setting`` table, one row per list, the words as newline-separated text
(sorted, no duplicates), so no schema change is needed and a shared PostgreSQL archive gives the
whole newsroom the same list:

- ``spell.words.shared``: zone, company and place names every editor accepts;
- ``spell.words.personal.<user>``: one editor's own words (``<user>`` as ``getpass`` gives it).

Adding or removing a word is a read-modify-write in one write unit of work, with the row locked
(SQLite: BEGIN IMMEDIATE; PostgreSQL: the row is created if missing, then SELECT ... FOR UPDATE),
so two editors adding words at once both keep theirs.

The shipped lists (``editor.spell.wordfiles.builtin_words``) come on top of these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from editor.archive.database import Archive
from editor.archive.schema import Setting
from editor.spell.wordfiles import clean_word, format_words, parse_words

SHARED_KEY = "spell.words.shared"
PERSONAL_PREFIX = "spell.words.personal."
_KEY_LIMIT = 100  # Setting.key is a String(100)


def personal_key(user: str) -> str:
    """The setting key of ``user``'s personal word list."""
    user = user.strip()
    if not user or any(ch.isspace() for ch in user):
        raise ValueError(f"not a user name for a word list: {user!r}")
    key = PERSONAL_PREFIX + user
    if len(key) > _KEY_LIMIT:
        raise ValueError(f"user name too long for a word list: {user!r}")
    return key


@dataclass(frozen=True, slots=True)
class WordLists:
    shared: tuple[str, ...]
    personal: tuple[str, ...]

    def all(self) -> list[str]:
        return [*self.shared, *self.personal]


def _read(session: Session, key: str) -> list[str]:
    row = session.get(Setting, key)
    return parse_words(row.value) if row is not None else []


def read_word_lists(archive: Archive, user: str | None = None) -> WordLists:
    """The shared list and (when ``user`` is given) that user's personal list."""
    with archive.session() as session:
        shared = _read(session, SHARED_KEY)
        personal = _read(session, personal_key(user)) if user else []
    return WordLists(tuple(shared), tuple(personal))


def _locked_row(session: Session, key: str, dialect: str) -> Setting:
    """The setting row ``key``, created empty when missing, locked until the session ends."""
    if dialect == "postgresql":
        session.execute(
            pg_insert(Setting)
            .values(key=key, value="")
            .on_conflict_do_nothing(index_elements=["key"])
        )
    elif dialect == "sqlite":  # the write session already holds SQLite's lock (BEGIN IMMEDIATE)
        session.execute(
            sqlite_insert(Setting)
            .values(key=key, value="")
            .on_conflict_do_nothing(index_elements=["key"])
        )
    else:
        if session.get(Setting, key) is None:
            session.add(Setting(key=key, value=""))
            session.flush()
    return session.scalars(select(Setting).where(Setting.key == key).with_for_update()).one()


def _change(archive: Archive, key: str, word: str, *, add: bool) -> bool:
    word = clean_word(word)
    with archive.session(write=True) as session:
        row = _locked_row(session, key, archive.dialect)
        words = parse_words(row.value)
        if (word in words) == add:
            return False
        row.value = format_words([*words, word] if add else [w for w in words if w != word])
    return True


def add_word(archive: Archive, word: str, *, user: str | None = None) -> bool:
    """Add ``word`` to the shared list, or to ``user``'s personal list; False if already there."""
    return _change(archive, personal_key(user) if user else SHARED_KEY, word, add=True)


def remove_word(archive: Archive, word: str, *, user: str | None = None) -> bool:
    """Remove ``word`` from the shared list, or from ``user``'s; False if it was not there."""
    return _change(archive, personal_key(user) if user else SHARED_KEY, word, add=False)


def set_words(archive: Archive, words: Iterable[str], *, user: str | None = None) -> None:
    """Replace a whole list (the word-list dialog's OK)."""
    key = personal_key(user) if user else SHARED_KEY
    cleaned = format_words(clean_word(w) for w in words)
    with archive.session(write=True) as session:
        _locked_row(session, key, archive.dialect).value = cleaned
