"""The spelling service: pyenchant behind a lock, with a bounded cache and the newsroom's words.

``open_speller(tag, words)`` returns an ``EnchantSpeller`` for an installed dictionary, or a
``NullSpeller`` that accepts every word and says why in ``notice`` (the editor's status bar shows
it) when pyenchant, the Enchant library or the dictionary is missing. Nothing here raises because
spell checking is unavailable.

Enchant dictionaries are not thread-safe: every call into one goes through the speller's lock.
Look-ups are cached (``functools.lru_cache``, bounded), suggestions too (they cost 30–50 ms each
with Hunspell, so they are made on demand only: the context menu, ``check --json``).

Extra words (the shipped list, the archive's shared and personal lists) are accepted as written,
and capitalised when written in lower case (``jintan`` accepts ``Jintan``); the closest of them
come first among the suggestions (Enchant does not suggest its session words).

Each speller has an Enchant broker of its own: a broker hands out one shared dictionary object per
language, so session words added through one speller would otherwise leak into every other.
"""

from __future__ import annotations

import difflib
import functools
import logging
import threading
from collections.abc import Iterable
from typing import Any

log = logging.getLogger("zonedesk.spell")

#: The dictionary for the Latin words of an article, by article language.
DEFAULT_DICTIONARY = "en_US"
_DICTIONARY_FOR_LANGUAGE = {"zh-CN": DEFAULT_DICTIONARY, "zh": DEFAULT_DICTIONARY, "en": "en_US"}

WORD_CACHE_SIZE = 65_536
SUGGESTION_CACHE_SIZE = 1_024
MAX_SUGGESTIONS = 8


def dictionary_for(language: str) -> str:
    """The Enchant tag for an article language: ``zh-CN`` and ``en`` -> ``en_US`` (the English
    words inside Chinese text); a tag such as ``en-GB`` or ``en_GB`` -> ``en_GB``."""
    return _DICTIONARY_FOR_LANGUAGE.get(language, language.replace("-", "_"))


def _normalize(word: str) -> str:
    return word.replace("’", "'")


class Speller:
    """The interface every speller offers; this base accepts every word (see ``NullSpeller``)."""

    #: False when this speller cannot really check (no Enchant, no dictionary).
    available = False

    def __init__(self, tag: str, words: Iterable[str] = ()) -> None:
        self.tag = tag
        self._lock = threading.Lock()
        self._words: set[str] = set()
        self._add_to_set(words)

    @property
    def notice(self) -> str:
        """Why spelling is not checked; empty when it is."""
        return ""

    @property
    def provider(self) -> str:
        return ""

    def _add_to_set(self, words: Iterable[str]) -> list[str]:
        added = [w for w in (_normalize(w.strip()) for w in words) if w and w not in self._words]
        self._words.update(added)
        return added

    def is_extra(self, word: str) -> bool:
        """Whether ``word`` is one of the extra words (shipped, shared or personal), also
        capitalised (when listed in lower case) and with a possessive ``'s``."""
        words = self._words
        if not words:
            return False
        word = _normalize(word)
        if word.endswith(("'s", "'S")):  # Jintan's
            word = word[:-2]
        if word in words:
            return True
        return word[:1].isupper() and (word[0].lower() + word[1:]) in words

    def check(self, word: str) -> bool:
        """True when ``word`` is spelt correctly (or cannot be judged)."""
        return True

    def suggest(self, word: str) -> list[str]:
        """Corrections for ``word``, best first (at most MAX_SUGGESTIONS)."""
        return []

    def add_words(self, words: Iterable[str]) -> None:
        """Accept ``words`` from now on (this session only; storing them is the word lists' job)."""
        with self._lock:
            self._add_to_set(words)

    def remove_words(self, words: Iterable[str]) -> None:
        """Stop accepting ``words`` (taken off a word list)."""
        with self._lock:
            self._words.difference_update(_normalize(w.strip()) for w in words)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.tag!r})"


class NullSpeller(Speller):
    """Accepts every word: spelling is off, and ``notice`` says why."""

    def __init__(self, tag: str, reason: str, words: Iterable[str] = ()) -> None:
        super().__init__(tag, words)
        self._reason = reason

    @property
    def notice(self) -> str:
        return self._reason


class EnchantSpeller(Speller):
    """An Enchant dictionary, thread-safe, with cached look-ups and suggestions."""

    available = True

    def __init__(self, tag: str, broker: Any, dictionary: Any, words: Iterable[str] = ()) -> None:
        self._broker = broker  # keeps the dictionary alive
        self._dict = dictionary
        super().__init__(tag, ())
        self._check_cached = functools.lru_cache(maxsize=WORD_CACHE_SIZE)(self._check)
        self._suggest_cached = functools.lru_cache(maxsize=SUGGESTION_CACHE_SIZE)(self._suggest)
        self.add_words(words)

    @property
    def provider(self) -> str:
        try:
            return str(self._dict.provider.name)
        except Exception:  # pyenchant raises its own errors
            return ""

    def _check(self, word: str) -> bool:
        if self.is_extra(word):
            return True
        with self._lock:
            try:
                return bool(self._dict.check(word))
            except Exception as exc:  # a word Enchant cannot take (say, a lone surrogate)
                log.debug("enchant could not check %r: %s", word, exc)
                return True

    def _suggest(self, word: str) -> tuple[str, ...]:
        with self._lock:
            try:
                found = self._dict.suggest(word)
            except Exception as exc:
                log.debug("enchant could not suggest for %r: %s", word, exc)
                found = []
            extra = self._close_extra_words(word)
        return tuple(dict.fromkeys([*extra, *found]))[:MAX_SUGGESTIONS]

    def _close_extra_words(self, word: str) -> list[str]:
        """The extra words most like ``word`` (Huayutec -> Huayutech), at most three."""
        size = len(word)
        pool = {w.casefold(): w for w in self._words if abs(len(w) - size) <= 2}
        close = difflib.get_close_matches(word.casefold(), pool, n=3, cutoff=0.8)
        return [pool[w] for w in close]

    def check(self, word: str) -> bool:
        return self._check_cached(_normalize(word))

    def suggest(self, word: str) -> list[str]:
        return list(self._suggest_cached(_normalize(word)))

    def add_words(self, words: Iterable[str]) -> None:
        with self._lock:
            added = self._add_to_set(words)
            for word in added:
                try:
                    self._dict.add_to_session(word)
                except Exception as exc:
                    log.debug("enchant refused the session word %r: %s", word, exc)
        if added:
            self._clear_caches()

    def remove_words(self, words: Iterable[str]) -> None:
        removed = [w for w in (_normalize(w.strip()) for w in words) if w in self._words]
        with self._lock:
            self._words.difference_update(removed)
            for word in removed:
                try:
                    self._dict.remove_from_session(word)
                except Exception as exc:
                    log.debug("enchant could not forget the session word %r: %s", word, exc)
        if removed:
            self._clear_caches()

    def _clear_caches(self) -> None:
        self._check_cached.cache_clear()
        self._suggest_cached.cache_clear()


def open_speller(tag: str = DEFAULT_DICTIONARY, words: Iterable[str] = ()) -> Speller:
    """A speller for the Enchant dictionary ``tag`` (e.g. ``en_US``), accepting ``words`` too.

    Never raises for a missing library or dictionary: the result is then a ``NullSpeller`` whose
    ``notice`` names what is missing and how to get it.
    """
    tag = tag.strip()
    try:
        import enchant  # noqa: PLC0415 - optional: its absence must not stop the app from starting
    except ImportError as exc:
        return NullSpeller(
            tag,
            "Spelling is not checked: the Enchant library is missing "
            f"({exc}); install libenchant-2-2 and pyenchant.",
            words,
        )
    if not tag:
        return NullSpeller(tag, "Spelling is not checked: no dictionary language is set.", words)
    try:
        if not enchant.dict_exists(tag):
            installed = ", ".join(sorted(enchant.list_languages())) or "none"
            return NullSpeller(
                tag,
                f"Spelling is not checked: there is no “{tag}” dictionary "
                f"(installed: {installed}). Install one, e.g. hunspell-en-us for en_US.",
                words,
            )
        broker = enchant.Broker()
        dictionary = broker.request_dict(tag)
    except Exception as exc:  # enchant.errors.Error and ctypes errors alike
        return NullSpeller(
            tag, f"Spelling is not checked: the “{tag}” dictionary cannot be loaded ({exc}).", words
        )
    return EnchantSpeller(tag, broker, dictionary, words)


def installed_dictionaries() -> list[str]:
    """The Enchant dictionary tags installed here (empty without Enchant)."""
    try:
        import enchant  # noqa: PLC0415 - optional, as in open_speller

        return sorted(enchant.list_languages())
    except Exception:
        return []
