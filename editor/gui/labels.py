"""Words the UI shows for the core's values and problems, translated."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

from editor.domain.errors import FieldProblem
from editor.domain.model import ArticleStatus

if TYPE_CHECKING:
    from editor.spell.problems import Problem, Rule

translate = QCoreApplication.translate

#: A table of the core's messages: a pattern each, and the UI's words made from its match.
Patterns = tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...]


def _first_match(table: Patterns, message: str) -> str | None:
    """The UI's words of the first pattern of ``table`` that matches the start of ``message``."""
    for pattern, words in table:
        found = pattern.match(message)
        if found:
            return words(found)
    return None


def chinese_ui() -> bool:
    """Whether the UI speaks Chinese (the app sets the default locale to the UI's language)."""
    return QLocale().language() == QLocale.Language.Chinese


def rule_label(rule: Rule) -> str:
    """A spelling or style rule's name in the UI's language (the rules carry both)."""
    return rule.title if chinese_ui() else rule.title_en


def problem_message(problem: Problem) -> str:
    """A spelling or style problem in the UI's language (the checker writes both)."""
    return problem.message_zh if chinese_ui() else problem.message


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
_SITE_PROBLEMS: Patterns = (
    (
        re.compile(r"must be an e-mail address"),
        lambda _m: translate("Labels", "Must be an e-mail address such as info@example.cn."),
    ),
    (
        re.compile(r"must be an http or https URL|must name a host|must have no query"),
        lambda _m: translate("Labels", "Must be a web address such as https://www.example.cn/."),
    ),
    (re.compile(r"must not be empty"), lambda _m: translate("Labels", "Required.")),
    (
        re.compile(r"must be one line"),
        lambda _m: translate("Labels", "Must be one line without control characters."),
    ),
    (re.compile(r"is \d+ characters long"), lambda _m: translate("Labels", "Too long.")),
)


#: The article checks' problems with numbers in them (editor.domain.validation).
_FIELD_PATTERNS: Patterns = (
    (
        re.compile(r"the title has (?P<n>\d+) characters; at most (?P<max>\d+) are allowed"),
        lambda m: translate("Labels", "The title has {n} characters; at most {max} fit.").format(
            n=m["n"], max=m["max"]
        ),
    ),
    (
        re.compile(r"the body has (?P<n>[\d,]+) characters; at most (?P<max>[\d,]+)"),
        lambda m: translate("Labels", "The body has {n} characters; at most {max} fit.").format(
            n=m["n"], max=m["max"]
        ),
    ),
    (
        re.compile(
            r"the category \(分类\) name at level (?P<level>\d+) has (?P<n>\d+) characters;"
            r" at most (?P<max>\d+) are allowed: (?P<name>.*)"
        ),
        lambda m: translate(
            "Labels", "The name at level {level} has {n} characters; at most {max} fit: {name}"
        ).format(level=m["level"], n=m["n"], max=m["max"], name=m["name"]),
    ),
    (
        re.compile(r"the category \(分类\) has (?P<n>\d+) levels; at most (?P<max>\d+)"),
        lambda m: translate("Labels", "The category has {n} levels; at most {max} fit.").format(
            n=m["n"], max=m["max"]
        ),
    ),
    (
        re.compile(
            r"as a web address \(pinyin\) it has (?P<n>\d+) characters; at most (?P<max>\d+)"
        ),
        lambda m: translate(
            "Labels", "As a web address (pinyin) this has {n} characters; at most {max} fit."
        ).format(n=m["n"], max=m["max"]),
    ),
    (
        re.compile(r"longer than (?P<max>\d+) characters"),
        lambda m: translate("Labels", "Longer than {max} characters.").format(max=m["max"]),
    ),
    (
        re.compile(r"more than (?P<max>\d+) tags"),
        lambda m: translate("Labels", "More than {max} tags.").format(max=m["max"]),
    ),
    (
        re.compile(r"holds a NUL character"),
        lambda _m: translate("Labels", "Holds a NUL character (U+0000): remove it."),
    ),
    (
        re.compile(r"not a date and time"),
        lambda _m: translate("Labels", "Not a date and time."),
    ),
    (
        re.compile(r"external id (?P<id>.+) is article (?P<article>\d+)"),
        lambda m: translate("Labels", "External id {id} belongs to article {article}.").format(
            id=m["id"], article=m["article"]
        ),
    ),
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
    words = _first_match(_SITE_PROBLEMS + _FIELD_PATTERNS, message)
    if words is not None:
        return words
    used = _SLUG_USED.search(message)
    if used:
        return translate("Labels", "“{slug}” is already used by article {id}.").format(
            slug=used.group("slug"), id=used.group("id")
        )
    return message[:1].upper() + message[1:]


#: Why a saved page was not imported, or what it lacks (editor.portalpage, archive.pages).
_PAGE_REASONS: Patterns = (
    (re.compile(r"the file is empty$"), lambda _m: translate("Labels", "the file is empty")),
    (
        re.compile(r"the file is binary \(it holds (NUL bytes|control characters)\), not a page"),
        lambda _m: translate("Labels", "the file is binary, not a page"),
    ),
    (
        re.compile(r"(?P<size>[\d.]+) MB is too large for an article page \(at most (?P<max>\d+)"),
        lambda m: translate(
            "Labels", "{size} MB is too large for an article page (at most {max} MB)"
        ).format(size=m["size"], max=m["max"]),
    ),
    (
        re.compile(r"the markup nests elements more than (?P<n>\d+) deep"),
        lambda m: translate(
            "Labels", "the markup nests more than {n} levels deep: not an article page"
        ).format(n=m["n"]),
    ),
    (
        re.compile(r"the bytes are not text"),
        lambda _m: translate("Labels", "the bytes are not text"),
    ),
    (
        re.compile(r"cannot be read: (?P<why>.*)"),
        lambda m: translate("Labels", "cannot be read: {why}").format(why=m["why"]),
    ),
    (
        re.compile(r"not an article page: neither a breadcrumb"),
        lambda _m: translate(
            "Labels", "not an article page: no breadcrumb (您现在的位置), no 发布时间/来源 line"
        ),
    ),
    (
        re.compile(r"no such file or folder"),
        lambda _m: translate("Labels", "no such file or folder"),
    ),
    (
        re.compile(r"no pages \(.*\) in this folder"),
        lambda _m: translate("Labels", "no pages (.html, .htm, .txt) in this folder"),
    ),
    (
        re.compile(r"its article was saved elsewhere meanwhile"),
        lambda _m: translate(
            "Labels", "its article was saved elsewhere meanwhile; import it again"
        ),
    ),
    (
        re.compile(r"no breadcrumb .* found"),
        lambda _m: translate("Labels", "no breadcrumb (您现在的位置) found"),
    ),
    (
        re.compile(r"the breadcrumb .* names no category"),
        lambda _m: translate("Labels", "the breadcrumb (您现在的位置) names no category"),
    ),
    (
        re.compile(r"no title found"),
        lambda _m: translate("Labels", "no title found (the line above 发布时间)"),
    ),
    (re.compile(r"no article text found"), lambda _m: translate("Labels", "no article text found")),
    (
        re.compile(r"(?P<field>发布时间|来源|发布开发区) not found"),
        lambda m: translate("Labels", "{field} not found").format(field=m["field"]),
    ),
)


def page_reason(reason: str) -> str:
    """A page import's reason in the UI's words (the core's own text when unknown)."""
    words = _first_match(_PAGE_REASONS, reason)
    return reason if words is None else words
