"""Reading a JSON Lines file of articles: each line as an article, or the reason it is none.

``read_lines`` gives every non-blank line by its number in the file (a line longer than
MAX_LINE_BYTES only measured, never held whole); ``read_line`` turns one into a ``ParsedLine`` or
raises ValueError with ``field: reason``, whatever went wrong (a line nested 10,000 deep, a number
of 5,000 digits, a date at the edge of the calendar): no line ever ends an import.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.domain.errors import ZoneDeskError
from editor.domain.model import MAX_TITLE_LENGTH, ArticleInput, ArticleStatus, Language
from editor.domain.validation import PublishedOutOfRangeError, check_article, parse_published_at
from editor.domain.values import MAX_EXTERNAL_ID

log = logging.getLogger("zonedesk.import")

#: A line longer than this is refused unread (a body has at most 5 million characters: 30 MB
#: even with every character written as a \uXXXX escape).
MAX_LINE_BYTES = 64 * 1024 * 1024


class ImportFileError(ZoneDeskError):
    pass


@dataclass(slots=True)
class ParsedLine:
    line: int
    data: ArticleInput
    key: str


@dataclass(frozen=True, slots=True)
class LongLine:
    """A line longer than MAX_LINE_BYTES: measured, never held in memory whole."""

    size: int


def _text_field(obj: dict[str, Any], name: str, *, required: bool = False) -> str | None:
    value = obj.get(name)
    if value is None:
        if required:
            raise ValueError(f"{name}: missing")
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name}: must be text, not {type(value).__name__}")
    return value


def parse_line(number: int, raw: bytes) -> ParsedLine:
    """One line of the file as an article; ValueError says what is wrong with it."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start + 1})") from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"broken JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise ValueError(
            "nested too deeply: arrays or objects inside each other far beyond an article's fields"
        ) from None
    except ValueError as exc:  # a number of more than 4,300 digits, say
        raise ValueError(f"broken JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")

    title = _text_field(obj, "title", required=True) or ""
    if not title.strip():
        raise ValueError("title: empty")
    if len(title.strip()) > MAX_TITLE_LENGTH:
        raise ValueError(
            f"title: {len(title.strip())} characters, at most {MAX_TITLE_LENGTH} are allowed"
        )
    body = _text_field(obj, "body") or ""

    category = obj.get("category")
    if category is None:
        raise ValueError("category: missing")
    if not isinstance(category, list) or not all(isinstance(c, str) for c in category):
        raise ValueError('category: must be a list of names, e.g. ["开发区新闻", "常州"]')
    category = [c.strip() for c in category]
    if not category or not all(category):
        raise ValueError("category: empty name in the path")

    status_text = _text_field(obj, "status") or ArticleStatus.PUBLISHED.value
    try:
        status = ArticleStatus(status_text)
    except ValueError:
        choices = ", ".join(s.value for s in ArticleStatus)
        raise ValueError(f"status: {status_text!r} is not one of {choices}") from None
    language_text = _text_field(obj, "language") or Language.ZH_CN.value
    try:
        language = Language(language_text)
    except ValueError:
        raise ValueError(f"language: {language_text!r} is not zh-CN or en") from None

    published_raw = obj.get("published_at")
    published_at: dt.datetime | None = None
    if published_raw is not None and published_raw != "":
        if not isinstance(published_raw, str):
            raise ValueError("published_at: must be an ISO 8601 text")
        try:
            published_at = parse_published_at(published_raw)
        except PublishedOutOfRangeError as exc:
            raise ValueError(f"published_at: {exc}") from None
        except ValueError as exc:
            raise ValueError(f"published_at: impossible date or time ({exc})") from None

    tags = obj.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError("tags: must be a list of texts")

    external = obj.get("id")
    if isinstance(external, bool) or (external is not None and not isinstance(external, str | int)):
        raise ValueError("id: must be text or a number")
    if external is not None and len(str(external)) > MAX_EXTERNAL_ID:
        raise ValueError(f"id: {len(str(external))} characters, at most {MAX_EXTERNAL_ID}")
    zone = _text_field(obj, "zone")
    data = ArticleInput(
        title=title.strip(),
        body=body,
        category=tuple(category),
        published_at=published_at,
        source=_text_field(obj, "source"),
        zone=zone,
        author=_text_field(obj, "author"),
        summary=_text_field(obj, "summary") or "",
        tags=tuple(tags),
        language=language,
        slug=_text_field(obj, "slug"),
        status=status,
        external_id=None if external is None else str(external),
    )
    problems = check_article(data)
    if problems:
        raise ValueError("; ".join(str(p) for p in problems))
    key = data.external_id or natural_key(data)
    return ParsedLine(number, data, key)


def natural_key(data: ArticleInput) -> str:
    """The id of an article that came without one: its title, date and zone."""
    day = data.published_at.date().isoformat() if data.published_at else ""
    digest = hashlib.sha1(f"{data.title}\x1f{day}\x1f{data.zone or ''}".encode()).hexdigest()
    return f"auto:{digest[:24]}"


def read_lines(path: Path) -> Iterator[tuple[int, bytes | LongLine]]:
    """(number, bytes) of every non-blank line, a LongLine for one longer than MAX_LINE_BYTES;
    a UTF-8 BOM at the start is ignored."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror}") from None
    number = 0
    with handle:
        while True:
            try:
                raw = handle.readline(MAX_LINE_BYTES + 1)
                if not raw:
                    return
                number += 1
                size = len(raw)
                while size > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                    raw = handle.readline(1 << 20)  # the rest of the line, a megabyte at a time
                    if not raw:
                        break
                    size += len(raw)
            except OSError as exc:
                raise ImportFileError(
                    f"cannot read {path} after line {number}: {exc.strerror}"
                ) from None
            if size > MAX_LINE_BYTES:
                yield number, LongLine(size)
                continue
            line = raw.rstrip(b"\r\n")
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if line.strip():
                yield number, line


def read_line(number: int, raw: bytes | LongLine) -> ParsedLine:
    """``parse_line``, with whatever else reading one line can raise said as a ValueError: no
    line ever ends an import."""
    if isinstance(raw, LongLine):
        raise ValueError(
            f"{raw.size / 1e6:,.1f} MB on one line; at most {MAX_LINE_BYTES / 1e6:.0f} MB"
        )
    try:
        return parse_line(number, raw)
    except ValueError:
        raise
    except RecursionError:
        raise ValueError("nested too deeply to be read") from None
    except OverflowError as exc:
        raise ValueError(f"a number or date too large to be read ({exc})") from None
    except MemoryError:
        raise ValueError("too large to be read in memory") from None
    except Exception as exc:  # one line only; logged for the maintainers
        log.warning("line %d not read", number, exc_info=True)
        raise ValueError(f"cannot be read ({type(exc).__name__}: {exc})") from None
