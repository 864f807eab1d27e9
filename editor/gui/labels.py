"""Words the UI shows for the core's values and problems, translated."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from editor.domain.errors import FieldProblem
from editor.domain.model import ArticleStatus

translate = QCoreApplication.translate


def status_label(status: ArticleStatus | str) -> str:
    labels = {
        ArticleStatus.DRAFT: translate("Labels", "Draft"),
        ArticleStatus.REVIEW: translate("Labels", "In review"),
        ArticleStatus.PUBLISHED: translate("Labels", "Published"),
        ArticleStatus.ARCHIVED: translate("Labels", "Archived"),
    }
    try:
        return labels[ArticleStatus(status)]
    except ValueError:
        return str(status)


_SLUG_USED = re.compile(r"“(?P<slug>[^”]*)” is already used by article (?P<id>\d+)")
#: The site settings' problems (editor.export.settings), each as a pattern and the UI's words.
_SITE_PROBLEMS = (
    (
        re.compile(r"must be an e-mail address"),
        lambda: translate("Labels", "Must be an e-mail address such as info@example.cn."),
    ),
    (
        re.compile(r"must be an http or https URL|must name a host|must have no query"),
        lambda: translate("Labels", "Must be a web address such as https://www.example.cn/."),
    ),
    (re.compile(r"must not be empty"), lambda: translate("Labels", "Required.")),
    (
        re.compile(r"must be one line"),
        lambda: translate("Labels", "Must be one line without control characters."),
    ),
    (re.compile(r"is \d+ characters long"), lambda: translate("Labels", "Too long.")),
)


def problem_text(problem: FieldProblem) -> str:
    """A field problem of the core in the UI's words (the core's own text when unknown)."""
    message = problem.message
    known = {
        "the title is empty": translate("Labels", "The title is required."),
        "no category is chosen": translate("Labels", "Choose a category."),
        "a category name is empty": translate("Labels", "A category name is empty."),
        "a published article needs its 发布时间": translate(
            "Labels", "A published article needs its publication time."
        ),
        "the title holds line breaks or control characters": translate(
            "Labels", "The title must be one line without control characters."
        ),
    }
    if message in known:
        return known[message]
    for pattern, text in _SITE_PROBLEMS:
        if pattern.match(message):
            return text()
    used = _SLUG_USED.search(message)
    if used:
        return translate("Labels", "“{slug}” is already used by article {id}.").format(
            slug=used.group("slug"), id=used.group("id")
        )
    return message[:1].upper() + message[1:]
