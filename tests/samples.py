"""Test input files kept in the repository, under ``tests/data/`` (see ``tests/data/README.md``)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

#: A real article page of the investment-promotion portal as its readers see it, saved as text:
#: what the export must reproduce, and an input of the page importer.
PORTAL_ARTICLE_PAGE = DATA / "portal-article-page.txt"

#: A 1,440 × 900 screen for Qt's offscreen platform (``offscreen:configfile=…``): its default
#: screen is 800 × 800, smaller than the staff's, and windows are kept within their screen.
WIDE_SCREEN = DATA / "screen-1440x900.json"
OFFSCREEN_WIDE = f"offscreen:configfile={WIDE_SCREEN}"
