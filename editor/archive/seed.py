"""What a new archive starts with: the default category tree, the zone registry, site settings.

Seeding is idempotent: it adds what is missing and never touches what a user changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from editor.archive import registry
from editor.archive.schema import Category, Setting, Zone

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from editor.archive.database import Archive

SEED_VERSION = 1
SEED_KEY = "archive.seed_version"


def seed_archive(archive: Archive) -> None:
    with archive.session() as session:
        done = session.get(Setting, SEED_KEY)
        if done is not None and done.value == str(SEED_VERSION):
            return
    with archive.session(write=True) as session:
        done = session.get(Setting, SEED_KEY)
        if done is not None and done.value == str(SEED_VERSION):
            return
        _seed_categories(session)
        _seed_zones(session)
        _seed_settings(session)
        session.merge(Setting(key=SEED_KEY, value=str(SEED_VERSION)))


def _child(session: Session, parent: Category | None, name: str, position: int) -> Category:
    parent_id = parent.id if parent is not None else None
    same_parent = (
        Category.parent_id.is_(None) if parent_id is None else Category.parent_id == parent_id
    )
    node = session.scalars(select(Category).where(same_parent, Category.name == name)).first()
    if node is None:
        node = Category(parent_id=parent_id, name=name, position=position)
        session.add(node)
        session.flush()
    return node


def _seed_categories(session: Session) -> None:
    for s_pos, section_name in enumerate(registry.DEFAULT_SECTIONS):
        section = _child(session, None, section_name, s_pos)
        if s_pos != 0:
            continue  # the regional tree lives under the main section: 开发区新闻 > 常州 > 文字新闻
        for c_pos, city in enumerate(registry.CITIES):
            region = _child(session, section, city, c_pos)
            for k_pos, kind in enumerate(registry.DEFAULT_KINDS):
                _child(session, region, kind, k_pos)


def _seed_zones(session: Session) -> None:
    known = set(session.scalars(select(Zone.name)))
    for entry in registry.ZONES:
        if entry.name not in known:
            session.add(
                Zone(
                    name=entry.name,
                    short_name=entry.short_name,
                    province=entry.province,
                    city=entry.city,
                    level=entry.level,
                )
            )


#: Site settings of the portal (editable with `main.py site set KEY VALUE`).
DEFAULT_SETTINGS = {
    "site.name": "投促中国",
    "site.slogan": "打造网上国际投资促进平台 致力于中国投资促进事业",
    "site.phone": "+86-0512-53660867",
    "site.fax": "+86-0512-53660867",
    "site.email": "info@investchn.com",
    "site.copyright": "Copyright © 2015-2024 InvestCHN.com All Rights Reserved. 版权所有:投促中国",
    "site.base_url": "https://www.investchn.com/",
}


def _seed_settings(session: Session) -> None:
    for key, value in DEFAULT_SETTINGS.items():
        if session.get(Setting, key) is None:
            session.add(Setting(key=key, value=value))
