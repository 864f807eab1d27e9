"""Reading a block of Markdown for the checks: what is CJK, what is markup, which words are English.

``markup_mask`` marks the characters no check may look at: code spans, HTML tags and comments,
autolinks, link and image targets, reference definitions, footnote labels, attribute lists, HTML
entities, URLs, e-mail addresses and domain names. ``latin_words`` finds the Latin words of a block
(Chinese text is never a word, so it is never reported as misspelt) and leaves out what is not
worth a dictionary look-up: single letters, acronyms in capitals (CATL, CEO's), mixed-case names
(iPhone, WeChat), tokens with digits (5G, COVID-19, H2O), identifiers (snake_case) and dotted
tokens (file.jpg, e.g).

Fenced code blocks span lines: ``fence_after`` carries that state from one line to the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from editor.text.scripts import CJK_TEXT

# -- character classes ----------------------------------------------------------------------------

#: Characters that make their neighbourhood Chinese text (Han, kana, radicals, Chinese
#: punctuation and full-width forms; not the ideographic space, not “”‘’…—, which English text
#: uses too): the ranges of editor.text.scripts.
CJK = CJK_TEXT

_CJK_CHAR = re.compile(f"[{CJK}]")
_HAS_CJK = _CJK_CHAR.search


def is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK_CHAR.match(ch) is not None


def has_cjk(text: str) -> bool:
    return _HAS_CJK(text) is not None


# -- fenced code ----------------------------------------------------------------------------------

_FENCE_OPEN = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")


def fence_after(line: str, fence: str | None) -> str | None:
    """The fence open after ``line``, given the fence open before it (None: not in code)."""
    if fence is None:
        m = _FENCE_OPEN.match(line)
        return m.group(1) if m else None
    stripped = line.strip()
    if stripped.startswith(fence) and not stripped.strip(fence[0]):
        return None
    return fence


def is_fence_line(line: str) -> bool:
    return _FENCE_OPEN.match(line) is not None


# -- markup and addresses -------------------------------------------------------------------------

_NOT_URL_CHAR = r"\s<>\"'\u0080-\U0010ffff"  # URLs in Chinese text end at the first non-ASCII
_TLDS = (
    "com|cn|net|org|gov|edu|int|mil|io|info|biz|co|uk|hk|mo|tw|jp|kr|sg|de|fr|us|eu|top|xyz|"
    "me|tv|cc|app|dev|asia|mobi|ai"
)

_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
_HTML_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"
    r"|<(?:[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]+|[^<>\s@]+@[^<>\s@]+)>"  # autolinks
)
_LINK_TARGET = re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*\)|\]\[[^\[\]\n]*\]")
_IMAGE_BANG = re.compile(r"!(?=\[)")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\n]+\]:?")
_REFERENCE_DEF = re.compile(r"[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S.*")
_ATTR_LIST = re.compile(r"\{(?::[^{}\n]*|[ \t]*[#.][^{}\n]*)\}")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# re.ASCII: a word boundary is an ASCII one, so 详见https://… and 访问a.com的 are found.
_URL = re.compile(
    rf"(?:\b(?:https?|ftp)://|\bmailto:|\bwww\.)[^{_NOT_URL_CHAR}]+", re.IGNORECASE | re.ASCII
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", re.ASCII)
_DOMAIN = re.compile(
    rf"\b(?:[A-Za-z0-9-]+\.)+(?:{_TLDS})\b(?:[/?#][^{_NOT_URL_CHAR}]*)?", re.IGNORECASE | re.ASCII
)
_URL_TRAIL = ".,;:!?*_~"


def _url_end(line: str, start: int, end: int) -> int:
    """Where a URL found by regex really ends: trailing sentence punctuation and an unbalanced
    closing parenthesis belong to the text around it."""
    while end > start:
        last = line[end - 1]
        unbalanced = last == ")" and line.count("(", start, end) < line.count(")", start, end)
        if last not in _URL_TRAIL and not unbalanced:
            break
        end -= 1
    return end


def markup_mask(line: str) -> bytearray | None:
    """One byte per character of ``line``: 1 where a check must not look. None when nothing is
    masked (the common case of a plain Chinese paragraph costs one scan per trigger character)."""
    mask: bytearray | None = None

    def cover(start: int, end: int) -> None:
        nonlocal mask
        if end > start:
            if mask is None:
                mask = bytearray(len(line))
            mask[start:end] = b"\x01" * (end - start)

    if "`" in line:
        for m in _CODE_SPAN.finditer(line):
            cover(m.start(), m.end())
    if "<" in line:
        for m in _HTML_COMMENT.finditer(line):
            cover(m.start(), m.end())
        for m in _HTML_TAG.finditer(line):
            cover(m.start(), m.end())
    if "[" in line:
        if _REFERENCE_DEF.match(line):
            cover(0, len(line))
            return mask
        for m in _LINK_TARGET.finditer(line):
            cover(m.start(), m.end())
        for m in _IMAGE_BANG.finditer(line):
            cover(m.start(), m.end())
        for m in _FOOTNOTE_REF.finditer(line):
            cover(m.start(), m.end())
    if "{" in line:
        for m in _ATTR_LIST.finditer(line):
            cover(m.start(), m.end())
    if "&" in line:
        for m in _ENTITY.finditer(line):
            cover(m.start(), m.end())
    if ":" in line or "www." in line or "WWW." in line:
        for m in _URL.finditer(line):
            cover(m.start(), _url_end(line, m.start(), m.end()))
    if "@" in line:
        for m in _EMAIL.finditer(line):
            cover(m.start(), m.end())
    if "." in line:
        for m in _DOMAIN.finditer(line):
            cover(m.start(), _url_end(line, m.start(), m.end()))
    return mask


def is_masked(mask: bytearray | None, start: int, end: int | None = None) -> bool:
    """Whether any character of ``[start, end)`` (default: the one at ``start``) is masked."""
    if mask is None:
        return False
    return mask.find(1, start, start + 1 if end is None else end) != -1


# -- Latin words ----------------------------------------------------------------------------------

_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_ALNUM = _LETTER + "0-9"
_RUN = re.compile(f"[{_ALNUM}]+(?:[_'’.\\-][{_ALNUM}]+)*")
_HAS_LATIN = re.compile(f"[{_LETTER}]")
_DIGIT = re.compile("[0-9]")
_POSSESSIVE = re.compile("['’][sS]$")


@dataclass(frozen=True, slots=True)
class Word:
    """A word to look up: ``text`` is ``line[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class WordRun:
    """A run of Latin letters joined by hyphens (``high-tech``): looked up whole first, then its
    parts one by one."""

    whole: Word
    parts: tuple[Word, ...]


def worth_checking(word: str) -> bool:
    """False for what no dictionary should judge: single letters, ALL CAPS (acronyms, also with
    a possessive: CEO's), mixed case (iPhone, WeChat)."""
    letters = _POSSESSIVE.sub("", word).replace("'", "").replace("’", "")
    if len(letters) < 2:
        return False
    # ALL CAPS and mixed case alike have a capital after the first letter.
    return not any(ch.isupper() for ch in letters[1:])


def latin_words(line: str, mask: bytearray | None = None) -> Iterator[WordRun]:
    """The Latin words of ``line`` worth a spelling check, outside the masked characters."""
    if not _HAS_LATIN.search(line):
        return
    for m in _RUN.finditer(line):
        start, end = m.span()
        text = m.group()
        if is_masked(mask, start, end):
            continue
        if _DIGIT.search(text) or "_" in text or "." in text:
            continue  # 5G, COVID-19, snake_case, file.jpg, e.g: not words
        if "-" not in text:
            if worth_checking(text):
                word = Word(start, end, text)
                yield WordRun(word, (word,))
            continue
        parts: list[Word] = []
        offset = start
        for piece in text.split("-"):
            if worth_checking(piece):
                parts.append(Word(offset, offset + len(piece), piece))
            offset += len(piece) + 1
        if parts:
            yield WordRun(Word(start, end, text), tuple(parts))
