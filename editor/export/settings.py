"""The portal's site settings: name, slogan, contact, copyright and base URL, checked.

They live in the archive (table ``setting``, keys ``site.*``, seeded with the portal's values) and
are edited with ``main.py site set KEY VALUE``. Every value is checked the same way when it is set
and when an export reads it, so a bad value edited into the database by hand still gets a message
naming its key instead of a broken site.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from editor.domain.errors import FieldProblem, ValidationError

if TYPE_CHECKING:
    from editor.archive.database import Archive

PREFIX = "site."

#: Every site setting, in the order ``site show`` lists them, with what it is.
KEYS: dict[str, str] = {
    "site.name": "the portal's name (page titles, feeds, the logo's text alternative)",
    "site.slogan": "the line at the top of every page",
    "site.phone": "联系电话 in the contact block",
    "site.fax": "传真 in the contact block",
    "site.email": "邮箱 in the contact block",
    "site.copyright": "the last line of every page",
    "site.base_url": "the public address of the site (http or https), for the sitemap and feeds",
}
REQUIRED = frozenset({"site.name", "site.base_url"})
MAX_LENGTH = 300

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)
_HOST = re.compile(r"[A-Za-z0-9.-]+(?::\d{1,5})?|\[[0-9A-Fa-f:.]+\](?::\d{1,5})?")


@dataclass(frozen=True, slots=True)
class SiteSettings:
    name: str
    slogan: str
    phone: str
    fax: str
    email: str
    copyright: str
    base_url: str

    @classmethod
    def from_mapping(
        cls, values: Mapping[str, str], defaults: Mapping[str, str] | None = None
    ) -> SiteSettings:
        """Settings from ``site.*`` keys (missing ones from ``defaults``), every value checked.

        Raises ValidationError naming each bad key.
        """
        checked: dict[str, str] = {}
        problems: list[FieldProblem] = []
        for key in KEYS:
            raw = values.get(key)
            if raw is None and defaults is not None:
                raw = defaults.get(key)
            try:
                checked[key] = check_value(key, raw or "")
            except ValidationError as exc:
                problems.extend(exc.problems)
        if problems:
            raise ValidationError(problems)
        return cls(**{key[len(PREFIX) :]: value for key, value in checked.items()})

    def as_dict(self) -> dict[str, str]:
        return {PREFIX + f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def host(self) -> str:
        return urllib.parse.urlsplit(self.base_url).hostname or "localhost"


def check_key(key: str) -> str:
    """The full key (``name`` -> ``site.name``); ValidationError for an unknown one."""
    full = key if key.startswith(PREFIX) else PREFIX + key
    if full not in KEYS:
        raise ValidationError(
            [FieldProblem(key, f"not a site setting; the settings are {', '.join(KEYS)}")]
        )
    return full


def check_value(key: str, value: str) -> str:
    """``value`` cleaned for ``key``; ValidationError naming the key when it cannot be used."""
    key = check_key(key)
    text = value.strip()

    def bad(message: str) -> ValidationError:
        return ValidationError([FieldProblem(key, message)])

    if _CONTROL.search(text):
        raise bad("must be one line of text without control characters")
    if len(text) > MAX_LENGTH:
        raise bad(f"is {len(text)} characters long; at most {MAX_LENGTH}")
    if not text:
        if key in REQUIRED:
            raise bad("must not be empty")
        return ""
    if key == "site.base_url":
        return _check_base_url(key, text)
    if key == "site.email" and not _EMAIL.fullmatch(text):
        raise bad(f"must be an e-mail address such as info@example.cn, not {text!r}")
    return text


def _check_base_url(key: str, text: str) -> str:
    example = "https://www.example.cn/"
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:
        parts = urllib.parse.urlsplit("")
    problem = None
    if parts.scheme not in ("http", "https"):
        problem = f"must be an http or https URL such as {example}, not {text!r}"
    elif not parts.netloc or not _HOST.fullmatch(parts.netloc):
        problem = f"must name a host, as in {example}, not {text!r}"
    elif parts.query or parts.fragment or " " in text:
        problem = f"must have no query, fragment or space, as in {example}, not {text!r}"
    if problem is not None:
        raise ValidationError([FieldProblem(key, problem)])
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc.lower(), path, "", ""))


def defaults() -> dict[str, str]:
    """The seeded values (the archive's seed module; imported only when a value is missing)."""
    from editor.archive.seed import DEFAULT_SETTINGS  # noqa: PLC0415 - SQLAlchemy, rarely needed

    return dict(DEFAULT_SETTINGS)


def site_values(rows: Mapping[str, str]) -> SiteSettings:
    """Settings from the archive's ``site.*`` rows, the seeded values filling any gap."""
    missing = any(key not in rows for key in KEYS)
    return SiteSettings.from_mapping(rows, defaults() if missing else None)


# -- the archive -----------------------------------------------------------------------------------


def load_site_settings(archive: Archive) -> SiteSettings:
    return site_values(read_raw(archive))


def read_raw(archive: Archive) -> dict[str, str]:
    """The ``site.*`` rows as stored, unchecked (``site show`` shows even a bad value)."""
    from sqlalchemy import select  # noqa: PLC0415 - the export's fast path avoids SQLAlchemy

    from editor.archive.schema import Setting  # noqa: PLC0415 - same reason

    with archive.session() as session:
        rows = session.execute(
            select(Setting.key, Setting.value).where(Setting.key.in_(list(KEYS)))
        )
        return {str(key): str(value) for key, value in rows}


def save_site_setting(archive: Archive, key: str, value: str) -> tuple[str, str]:
    """Check and store one setting; returns (full key, stored value)."""
    from editor.archive.schema import Setting  # noqa: PLC0415 - the export's fast path avoids it

    full = check_key(key)
    cleaned = check_value(full, value)
    with archive.session(write=True) as session:
        session.merge(Setting(key=full, value=cleaned))
    return full, cleaned
