"""Spell checking and Chinese news style checks, without Qt.

- ``open_speller(tag, words)`` -> a thread-safe Enchant speller, or a ``NullSpeller`` whose
  ``notice`` says why spelling is off;
- ``TextChecker(speller, language=, disabled=)`` checks a block (``check_block``), a run of
  blocks (``check_blocks``) or a whole text (``check_text``) and returns ``Problem`` objects with
  Python offsets, a rule, a message and, where certain, a ``Fix``; ``fix_text`` applies the fixes;
- ``Utf16Map`` turns the offsets into Qt positions;
- ``editor.spell.wordfiles.builtin_words()``: the word lists ZoneDesk ships;
- ``editor.spell.wordlists`` keeps the shared and personal word lists in the archive (imported
  on its own: it needs SQLAlchemy and the archive);
- ``editor.spell.files``: reading article files as UTF-8 and writing them back atomically.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from editor.spell.checker import BlocksResult, FixResult, TextChecker, apply_fixes, fix_text
    from editor.spell.problems import RULES, Fix, Problem, ProblemKind, Rule
    from editor.spell.speller import (
        DEFAULT_DICTIONARY,
        EnchantSpeller,
        NullSpeller,
        Speller,
        dictionary_for,
        installed_dictionaries,
        open_speller,
    )
    from editor.spell.utf16 import Utf16Map, utf16_length

#: Where each name of the package lives. The names load on first use (PEP 562): the editor
#: imports ``editor.spell.problems`` at start-up without paying for the checker's tokenizer.
_HOMES = {
    "checker": ("BlocksResult", "FixResult", "TextChecker", "apply_fixes", "fix_text"),
    "problems": ("RULES", "Fix", "Problem", "ProblemKind", "Rule"),
    "speller": (
        "DEFAULT_DICTIONARY",
        "EnchantSpeller",
        "NullSpeller",
        "Speller",
        "dictionary_for",
        "installed_dictionaries",
        "open_speller",
    ),
    "utf16": ("Utf16Map", "utf16_length"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_DICTIONARY",
    "RULES",
    "BlocksResult",
    "EnchantSpeller",
    "Fix",
    "FixResult",
    "NullSpeller",
    "Problem",
    "ProblemKind",
    "Rule",
    "Speller",
    "TextChecker",
    "Utf16Map",
    "apply_fixes",
    "dictionary_for",
    "fix_text",
    "installed_dictionaries",
    "open_speller",
    "utf16_length",
]
