"""A publication time as a writer types or pastes it: read whole, or refused with the reason.

``parse_moment`` takes the forms a Chinese newsroom writes, as one line of text:

- ``2020-10-10``, ``2020/10/10``, ``2020.10.10``, ``2020年10月10日``, ``20201010``
  (a date alone is midnight);
- a time after it: ``2020-10-10 14:30``, ``2020-10-10 14:30:05``, ``2020年10月10日 14时30分``,
  ``2020年10月10日14点30分``, ``2020-10-10T14:30:00+08:00`` (an offset or ``Z`` is converted,
  otherwise the time is Beijing time);
- pasted text: full-width digits and punctuation (``２０２０－１０－１０``), spaces around or
  inside, a leading ``发布时间：`` label.

Anything else is not guessed at: the answer is a ``TimeRefusal`` naming what is wrong (no 13th
month, no 30 February, no 24:61) with the numbers read, for the UI to put in its own words.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from editor.domain.model import DEFAULT_TZ
from editor.domain.values import FIRST_PUBLISHED_YEAR, LAST_PUBLISHED_YEAR

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "Refusal",
    "TimeRefusal",
    "format_moment",
    "parse_moment",
]

BEIJING = DEFAULT_TZ
#: The years a publication time may fall in (a typo such as 0202 or 20200 is refused): the
#: archive's one range (``editor.domain.values``), the same for an import.
FIRST_YEAR = FIRST_PUBLISHED_YEAR
LAST_YEAR = LAST_PUBLISHED_YEAR


class Refusal(StrEnum):
    EMPTY = "empty"  # nothing typed
    UNREADABLE = "unreadable"  # not one of the forms: ``text``
    YEAR = "year"  # ``year`` outside FIRST_YEAR..LAST_YEAR
    MONTH = "month"  # no such ``month``
    DAY = "day"  # ``month`` of ``year`` has no ``day``
    TIME = "time"  # no such time of day ``hour``:``minute`` (``second``)


@dataclass(frozen=True, slots=True)
class TimeRefusal:
    """Why a text is not a publication time, with the numbers read from it."""

    reason: Refusal
    text: str = ""
    year: int = 0
    month: int = 0
    day: int = 0
    hour: int = 0
    minute: int = 0
    second: int = 0


_LABEL = re.compile(r"^(?:发布时间|发布日期|发表时间|时间|日期)\s*:?\s*")
_DATE = (
    r"(?P<y>\d{4})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})(?:\s*日)?"
    r"|(?P<cy>\d{4})(?P<cm>\d{2})(?P<cd>\d{2})"
)
_TIME = (
    r"(?P<H>\d{1,2})\s*(?::|时|点)\s*(?:(?P<M>\d{1,2})"
    r"(?:\s*:\s*(?P<S>\d{1,2})(?:\.\d+)?|\s*分\s*(?:(?P<S2>\d{1,2})\s*秒)?)?)?"
)
_ZONE = r"(?P<z>Z|[+-]\d{2}:?\d{2})"
_MOMENT = re.compile(
    rf"(?:{_DATE})(?:(?:\s+|\s*T\s*|(?<=日)\s*)(?:{_TIME}))?\s*{_ZONE}?", re.IGNORECASE
)


def _normalized(text: str) -> str:
    """Full-width digits, colons, dashes and spaces as their ASCII forms, one line, stripped."""
    folded = unicodedata.normalize("NFKC", text)
    folded = folded.replace("\u2010", "-").replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(folded.split())


def parse_moment(text: str) -> dt.datetime | TimeRefusal:
    """``text`` as an aware time in Asia/Shanghai, to the second; or why it is none."""
    value = _normalized(text)
    if not value:
        return TimeRefusal(Refusal.EMPTY)
    found = None if value.endswith(":") else _MOMENT.fullmatch(_LABEL.sub("", value))
    if found is None:
        return TimeRefusal(Refusal.UNREADABLE, text=value)
    return _moment_of(found, value)


def find_moment(text: str) -> dt.datetime | TimeRefusal | None:
    """The first time written in ``text`` (a portal page's 发布时间 line, say), read as
    ``parse_moment`` reads a whole one; None when it holds none. A refusal's ``text`` is the
    time as written."""
    found = _MOMENT.search(_normalized(text))
    return None if found is None else _moment_of(found, found.group(0).strip())


def _moment_of(found: re.Match[str], value: str) -> dt.datetime | TimeRefusal:
    parts = found.groupdict()
    year = int(parts["y"] or parts["cy"])
    month = int(parts["m"] or parts["cm"])
    day = int(parts["d"] or parts["cd"])
    hour, minute = int(parts["H"] or 0), int(parts["M"] or 0)
    second = int(parts["S"] or parts["S2"] or 0)
    numbers = {
        "year": year,
        "month": month,
        "day": day,
        "hour": hour,
        "minute": minute,
        "second": second,
    }
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return TimeRefusal(Refusal.YEAR, text=value, **numbers)
    if not 1 <= month <= 12:
        return TimeRefusal(Refusal.MONTH, text=value, **numbers)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return TimeRefusal(Refusal.DAY, text=value, **numbers)
    if hour > 23 or minute > 59 or second > 59:
        return TimeRefusal(Refusal.TIME, text=value, **numbers)
    moment = dt.datetime(year, month, day, hour, minute, second)
    zone = parts["z"]
    if zone is None:
        return moment.replace(tzinfo=BEIJING)
    if zone.upper() == "Z":
        offset = dt.timedelta(0)
    else:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        if abs(offset) > dt.timedelta(hours=14):
            return TimeRefusal(Refusal.UNREADABLE, text=value)
    return moment.replace(tzinfo=dt.timezone(offset)).astimezone(BEIJING)


def format_moment(moment: dt.datetime) -> str:
    """``2020-10-10 14:30`` in Beijing time (``14:30:05`` when it has seconds): what
    ``parse_moment`` reads back as the same time."""
    local = moment.astimezone(BEIJING) if moment.tzinfo else moment
    shown = "%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M"
    return local.strftime(shown)
