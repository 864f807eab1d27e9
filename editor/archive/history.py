"""Revision history: what changed when and by whom, side-by-side diffs, restores, the trash.

Nothing here destroys anything: restoring a revision saves it again as a new revision (kind
RESTORE), and the trash only flags articles (``ArticleService.delete``/``restore``).

The diff data is made for a Qt side-by-side view but holds no Qt: ``ContentDiff.fields`` is the
fields table (one ``FieldChange`` per field, title first) and ``ContentDiff.rows`` the body, one
``DiffRow(left_no, left_text, right_no, right_text, tag)`` per displayed line, with ``tag`` one of
``equal``, ``replace``, ``delete`` (left only), ``insert`` (right only) and, for ``replace`` rows,
the changed character spans of each side to highlight (Chinese paragraphs are long lines).

``merge_text`` is a three-way merge of bodies, ``merge_snapshots`` of whole articles (fields
too), for the conflict dialog (base = the version both writers started from, see
``HistoryService.version_snapshot``); ``conflict_markers`` finds the passages a merge left for
the writer to resolve.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import difflib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import func, select

from editor.archive.articles import ArticleService
from editor.archive.database import Archive
from editor.archive.schema import Article, Revision
from editor.archive.snapshots import (
    DIFF_FIELDS,
    comparable,
    input_fields,
    input_from_snapshot,
    record_fields,
)
from editor.domain.errors import NotFoundError
from editor.domain.model import (
    ArticleFilter,
    ArticleInput,
    ArticleRecord,
    Page,
    RevisionKind,
    SortKey,
)

#: kinds of revision that are a deliberate save (everything but AUTOSAVE)
DELIBERATE_KINDS = frozenset(k.value for k in RevisionKind if k is not RevisionKind.AUTOSAVE)
#: character-level spans are computed for replaced lines up to this long
INTRALINE_MAX = 5000
#: lines of a changed block at least this alike (difflib ratio) may face each other as a change
PAIR_CUTOFF = 0.5
#: a pair of blank lines counts this much when pairing a block's lines (next to nothing)
BLANK_WEIGHT = 0.01
#: changed blocks with more line pairs than this to weigh pair their lines by position
PAIR_MAX = 40_000


# ----------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Snapshot:
    """An article's content at one moment: a revision, the stored article or an editor's text."""

    title: str
    fields: dict[str, Any]
    body: str
    #: what to call it in a view header: "revision 12", "stored", "mine" …
    label: str = ""

    @classmethod
    def of_input(cls, data: ArticleInput, label: str = "") -> Snapshot:
        return cls(data.title, input_fields(data), data.body, label)

    @classmethod
    def of_record(cls, record: ArticleRecord, label: str = "") -> Snapshot:
        return cls(record.title, record_fields(record), record.body, label)

    def to_input(self) -> ArticleInput:
        return input_from_snapshot(self.title, self.fields, self.body)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of the History panel."""

    number: int
    kind: RevisionKind
    saved_at: dt.datetime
    saved_by: str
    title: str
    #: body length in characters
    size: int
    #: fields that differ from revision ``compared_with`` ("title", "zone" …; not "body")
    changed_fields: tuple[str, ...]
    body_added: int
    body_removed: int
    #: the newest deliberate revision: what the article is now
    is_current: bool
    #: the revision the change is told against (None: the first one)
    compared_with: int | None = None

    @property
    def deliberate(self) -> bool:
        return self.kind is not RevisionKind.AUTOSAVE

    @property
    def what_changed(self) -> str:
        """One line: ``created``, ``title, zone; body +12 −3``, ``no change`` …"""
        if self.compared_with is None and self.kind is not RevisionKind.AUTOSAVE:
            return "created"
        parts = []
        if self.changed_fields:
            parts.append(", ".join(self.changed_fields))
        if self.body_added or self.body_removed:
            parts.append(f"body +{self.body_added} −{self.body_removed}")
        return "; ".join(parts) if parts else "no change"


@dataclass(frozen=True, slots=True)
class FieldChange:
    name: str
    left: str
    right: str

    @property
    def changed(self) -> bool:
        return self.left != self.right


class DiffRow(NamedTuple):
    """One row of a side-by-side body diff; line numbers count from 1, None on an empty side."""

    left_no: int | None
    left_text: str
    right_no: int | None
    right_text: str
    tag: str
    left_spans: tuple[tuple[int, int], ...] = ()
    right_spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class ContentDiff:
    left_label: str
    right_label: str
    fields: list[FieldChange]
    rows: list[DiffRow]
    body_added: int
    body_removed: int

    @property
    def changed_fields(self) -> list[FieldChange]:
        return [f for f in self.fields if f.changed]

    @property
    def identical(self) -> bool:
        return not self.changed_fields and all(r.tag == "equal" for r in self.rows)


@dataclass(frozen=True, slots=True)
class MergeResult:
    text: str
    #: blocks both sides changed differently, left between conflict markers in ``text``
    conflicts: int
    conflict_lines: list[int] = field(default_factory=list)
    #: passages only theirs changed, taken from theirs
    from_theirs: int = 0


@dataclass(frozen=True, slots=True)
class ArticleMerge:
    """A three-way merge of a whole article (``merge_snapshots``)."""

    #: the merged content: each side's changes; mine where both changed a field differently
    data: ArticleInput
    #: the body's merge (``body.conflicts`` passages hold both sides between markers)
    body: MergeResult
    #: fields both sides changed differently (mine kept): ``FieldChange(name, mine, theirs)``
    field_conflicts: list[FieldChange]
    #: what was taken from theirs: field names, and "body" when a passage of theirs was
    from_theirs: tuple[str, ...]

    @property
    def conflicts(self) -> int:
        """Passages of the body left between conflict markers."""
        return self.body.conflicts


# ------------------------------------------------------------------------------ pure functions


def body_change(old: str, new: str) -> tuple[int, int]:
    """Characters added and removed, cheaply: the middle between common prefix and suffix."""
    if old == new:
        return 0, 0
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return len(new) - start - end, len(old) - start - end


def _spans(
    opcodes: Sequence[tuple[str, int, int, int, int]], side: int
) -> tuple[tuple[int, int], ...]:
    out = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        start, end = (i1, i2) if side == 0 else (j1, j2)
        if end > start:
            out.append((start, end))
    return tuple(out)


def _blank(line: str) -> bool:
    return not line.strip()


def _similarity(left: str, right: str) -> float:
    """How alike two lines are (0 … 1), with difflib's cheap upper bounds first."""
    if left == right:
        return 1.0
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    if matcher.real_quick_ratio() < PAIR_CUTOFF or matcher.quick_ratio() < PAIR_CUTOFF:
        return 0.0
    if max(len(left), len(right)) > INTRALINE_MAX:
        return matcher.quick_ratio()  # an estimate: the exact ratio of huge lines costs too much
    return matcher.ratio()


def pair_lines(a: Sequence[str], b: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Which lines of a changed block face each other: ``(i, j)`` pairs, ``(i, None)`` removed,
    ``(None, j)`` added, in reading order.

    Lines pair by similarity, not by position: the monotone pairing of the largest summed
    ``difflib`` ratio among pairs at least ``PAIR_CUTOFF`` alike (blank lines pair too, weighing
    next to nothing), so an edited paragraph faces its new wording even when a paragraph was
    inserted before it. Unpaired lines are plain removals and insertions, except a lone line
    each side between two pairs: that line was rewritten in place and faces its replacement.
    Very large blocks (more than ``PAIR_MAX`` line pairs to weigh) pair by position.
    """
    n, m = len(a), len(b)
    if n * m > PAIR_MAX:
        return list(itertools.zip_longest(range(n), range(m)))
    weight = [[0.0] * m for _ in range(n)]
    for i, left in enumerate(a):
        for j, right in enumerate(b):
            if _blank(left) and _blank(right):
                weight[i][j] = BLANK_WEIGHT
            elif not (_blank(left) or _blank(right)):
                ratio = _similarity(left, right)
                weight[i][j] = ratio if ratio >= PAIR_CUTOFF else 0.0
    # best[i][j]: the best pairing of a[i:] with b[j:]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            take = weight[i][j] + below[j + 1] if weight[i][j] else 0.0
            row[j] = max(take, below[j], row[j + 1])
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if weight[i][j] and best[i][j] == weight[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    for pi, pj in [*pairs, (n, m)]:
        gap_left, gap_right = list(range(i, pi)), list(range(j, pj))
        if len(gap_left) == len(gap_right) == 1:
            out.append((gap_left[0], gap_right[0]))
        else:
            out.extend((k, None) for k in gap_left)
            out.extend((None, k) for k in gap_right)
        if pi < n:
            out.append((pi, pj))
        i, j = pi + 1, pj + 1
    return out


def _row(a: Sequence[str], b: Sequence[str], i: int | None, j: int | None) -> DiffRow:
    if j is None:
        assert i is not None
        return DiffRow(i + 1, a[i], None, "", "delete")
    if i is None:
        return DiffRow(None, "", j + 1, b[j], "insert")
    if a[i] == b[j]:
        return DiffRow(i + 1, a[i], j + 1, b[j], "equal")
    spans_l: tuple[tuple[int, int], ...] = ()
    spans_r: tuple[tuple[int, int], ...] = ()
    if max(len(a[i]), len(b[j])) <= INTRALINE_MAX:
        ops = difflib.SequenceMatcher(None, a[i], b[j], autojunk=False).get_opcodes()
        spans_l, spans_r = _spans(ops, 0), _spans(ops, 1)
    return DiffRow(i + 1, a[i], j + 1, b[j], "replace", spans_l, spans_r)


def diff_lines(left: str, right: str) -> list[DiffRow]:
    """Side-by-side rows of two texts: difflib over lines (blank lines never anchor a match,
    so paragraphs are not cut apart at the empty lines between them), the lines of each
    changed block paired by similarity (``pair_lines``), changed characters inside lines."""
    a = left.splitlines()
    b = right.splitlines()
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(_blank, a, b)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(
                DiffRow(i + 1, a[i], j + 1, b[j], "equal")
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
            continue
        for i, j in pair_lines(a[i1:i2], b[j1:j2]):
            rows.append(_row(a, b, None if i is None else i1 + i, None if j is None else j1 + j))
    return rows


def diff_snapshots(left: Snapshot, right: Snapshot) -> ContentDiff:
    """Fields table and side-by-side body rows from ``left`` (older) to ``right`` (newer)."""
    lv = comparable(left.title, left.fields, left.body)
    rv = comparable(right.title, right.fields, right.body)
    fields = [FieldChange(name, lv[name], rv[name]) for name in DIFF_FIELDS]
    added, removed = body_change(lv["body"], rv["body"])
    return ContentDiff(
        left.label, right.label, fields, diff_lines(lv["body"], rv["body"]), added, removed
    )


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    return lines


def merge_text(
    base: str, mine: str, theirs: str, *, mine_label: str = "mine", theirs_label: str = "theirs"
) -> MergeResult:
    """Three-way merge of two edits of ``base``, line by line (diff3).

    Lines changed on one side only are taken from that side; a block both sides changed
    differently is kept whole from each side between ``<<<<<<<``, ``=======`` and ``>>>>>>>``
    lines, and counted in ``conflicts`` (``conflict_lines``: 1-based lines of the ``<<<<<<<``).
    """
    o, m, t = _lines(base), _lines(mine), _lines(theirs)
    mmap = _matches(o, m)
    tmap = _matches(o, t)
    out: list[str] = []
    conflicts: list[int] = []
    taken: list[int] = []
    i = a = b = 0

    def resolve(oc: list[str], mc: list[str], tc: list[str]) -> None:
        if mc == oc:
            if tc != oc:
                taken.append(len(out))
            out.extend(tc)
        elif tc == oc or mc == tc:
            out.extend(mc)
        else:
            conflicts.append(len(out) + 1)
            out.append(f"<<<<<<< {mine_label}\n")
            out.extend(mc)
            out.append("=======\n")
            out.extend(tc)
            out.append(f">>>>>>> {theirs_label}\n")

    while i < len(o) or a < len(m) or b < len(t):
        k = 0
        while i + k < len(o) and mmap.get(i + k) == a + k and tmap.get(i + k) == b + k:
            k += 1
        if k:
            out.extend(o[i : i + k])
            i, a, b = i + k, a + k, b + k
            continue
        nxt = next(
            (
                j
                for j in range(i, len(o))
                if j in mmap and j in tmap and mmap[j] >= a and tmap[j] >= b
            ),
            None,
        )
        if nxt is None:
            resolve(o[i:], m[a:], t[b:])
            break
        resolve(o[i:nxt], m[a : mmap[nxt]], t[b : tmap[nxt]])
        i, a, b = nxt, mmap[nxt], tmap[nxt]
    text = "".join(out)
    if not mine.endswith("\n") and not theirs.endswith("\n") and text.endswith("\n"):
        text = text[:-1]
    return MergeResult(text, len(conflicts), conflicts, len(taken))


#: the lines that open, part and close a conflicting passage of a merged body
CONFLICT_OPEN, CONFLICT_SPLIT, CONFLICT_CLOSE = "<<<<<<<", "=======", ">>>>>>>"


def conflict_markers(text: str) -> list[int]:
    """The 1-based lines opening each conflicting passage a merge left in ``text`` (a
    ``<<<<<<<`` line followed by a ``=======`` and a ``>>>>>>>`` line); [] when none is left."""
    found: list[int] = []
    opened: int | None = None
    split = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(CONFLICT_OPEN):
            opened, split = number, False
        elif opened is not None and line.rstrip() == CONFLICT_SPLIT:
            split = True
        elif opened is not None and split and line.startswith(CONFLICT_CLOSE):
            found.append(opened)
            opened, split = None, False
    return found


def merge_snapshots(
    base: Snapshot,
    mine: Snapshot,
    theirs: Snapshot,
    *,
    mine_label: str = "mine",
    theirs_label: str = "theirs",
) -> ArticleMerge:
    """Three-way merge of two edits of one article: the body line by line (``merge_text``),
    each field whole. A field only one side changed takes that side's value; a field both
    changed differently keeps mine and is listed in ``field_conflicts`` with theirs (a title
    has no lines to put markers between). An empty slug of mine means "keep it": unchanged.
    """
    b, m, t = base.to_input(), mine.to_input(), theirs.to_input()
    if not (m.slug or "").strip():
        m = dataclasses.replace(m, slug=b.slug)
    bv = comparable(base.title, base.fields, base.body)
    mv = comparable(m.title, input_fields(m), m.body)
    tv = comparable(theirs.title, theirs.fields, theirs.body)
    values: dict[str, Any] = {}
    conflicts: list[FieldChange] = []
    taken: list[str] = []
    for name in (*DIFF_FIELDS, "external_id"):
        if name == "external_id":
            same_mine, same_theirs = m.external_id == b.external_id, t.external_id == b.external_id
            agree = m.external_id == t.external_id
        else:
            same_mine, same_theirs = mv[name] == bv[name], tv[name] == bv[name]
            agree = mv[name] == tv[name]
        if same_mine and not same_theirs:
            values[name] = getattr(t, name)
            if name != "external_id":  # not a field the writer sees
                taken.append(name)
        else:
            values[name] = getattr(m, name)
            if not (same_mine or same_theirs or agree) and name != "external_id":
                conflicts.append(FieldChange(name, mv[name], tv[name]))
    body = merge_text(b.body, m.body, t.body, mine_label=mine_label, theirs_label=theirs_label)
    if body.from_theirs:
        taken.append("body")
    return ArticleMerge(ArticleInput(body=body.text, **values), body, conflicts, tuple(taken))


def _matches(base: list[str], other: list[str]) -> dict[int, int]:
    found: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            found[block.a + k] = block.b + k
    return found


# ------------------------------------------------------------------------------------ service


def _version(fields: dict[str, Any] | None) -> int | None:
    """The article version a deliberate revision made (None for old rows without one)."""
    value = (fields or {}).get("version")
    return value if isinstance(value, int) else None


def _base_number(row: Revision, deliberate: list[tuple[int, int | None]]) -> int | None:
    """The revision ``row``'s change is told against, from ``deliberate``: the (number,
    version) of the article's deliberate revisions, oldest first.

    A deliberate revision: the deliberate one before it. An autosave: the deliberate revision
    that made the version its session was editing (``base_version`` in its fields; the one
    before it when the trash bumped the version); an autosave without one (older archives),
    the deliberate revision before it.
    """
    end = bisect.bisect_left(deliberate, row.number, key=lambda d: d[0])  # those before
    if end == 0:
        return None
    wanted = (row.fields or {}).get("base_version")
    if row.kind == RevisionKind.AUTOSAVE.value and isinstance(wanted, int):
        for number, version in reversed(deliberate[:end]):
            if version is not None and version <= wanted:
                return number
    return deliberate[end - 1][0]


def _snapshot(row: Revision, label: str | None = None) -> Snapshot:
    return Snapshot(row.title, dict(row.fields), row.body, label or f"revision {row.number}")


class HistoryService:
    """The history of articles in one archive: list, compare, restore; and the trash."""

    def __init__(self, archive: Archive, user: str | None = None) -> None:
        self.archive = archive
        self.articles = ArticleService(archive, user)
        self.user = self.articles.user

    def entries(self, article_id: int, *, limit: int | None = None) -> list[HistoryEntry]:
        """The article's revisions, newest first (``limit``: the newest so many).

        What each changed is told against the revision it followed from (``compared_with``): a
        deliberate save against the deliberate revision before it (never against an autosave,
        which may be another session's text the save never saw), an autosave against the
        revision its session was editing (the version it was read at), so no entry claims a
        change someone else made.
        """
        with self.archive.session() as session:
            if session.get(Article, article_id) is None:
                raise NotFoundError(f"there is no article {article_id}")
            query = (
                select(Revision)
                .where(Revision.article_id == article_id)
                .order_by(Revision.number.desc())
            )
            if limit is not None:
                query = query.limit(max(1, limit))
            rows = list(session.scalars(query))
            rows.reverse()
            oldest = rows[0].number if rows else 0
            # the deliberate revisions below the ones shown: numbers and versions only
            earlier = session.execute(
                select(Revision.number, Revision.fields)
                .where(
                    Revision.article_id == article_id,
                    Revision.number < oldest,
                    Revision.kind.in_(DELIBERATE_KINDS),
                )
                .order_by(Revision.number)
            ).all()
            deliberate = [(n, _version(f)) for n, f in earlier]
            deliberate += [
                (r.number, _version(r.fields)) for r in rows if r.kind in DELIBERATE_KINDS
            ]
            bases = {r.number: _base_number(r, deliberate) for r in rows}
            shown = {r.number: r for r in rows}
            missing = {b for b in bases.values() if b is not None and b not in shown}
            extra = (
                {
                    r.number: r
                    for r in session.scalars(
                        select(Revision).where(
                            Revision.article_id == article_id, Revision.number.in_(missing)
                        )
                    )
                }
                if missing
                else {}
            )
            current = max((n for n, _ in deliberate), default=None)
            values = {
                r.number: comparable(r.title, dict(r.fields), r.body)
                for r in [*rows, *extra.values()]
            }
        entries = []
        for row in rows:
            mine = values[row.number]
            base = bases[row.number]
            if base is None:
                changed: tuple[str, ...] = ()
                added, removed = (len(row.body), 0) if row.number > 1 else (0, 0)
            else:
                before = values[base]
                changed = tuple(n for n in DIFF_FIELDS if mine[n] != before[n])
                added, removed = body_change(before["body"], mine["body"])
            entries.append(
                HistoryEntry(
                    number=row.number,
                    kind=RevisionKind(row.kind),
                    saved_at=row.saved_at,
                    saved_by=row.saved_by,
                    title=mine["title"],
                    size=len(row.body),
                    changed_fields=changed,
                    body_added=added,
                    body_removed=removed,
                    is_current=row.number == current,
                    compared_with=base,
                )
            )
        entries.reverse()
        return entries

    def snapshot(self, article_id: int, number: int | None = None) -> Snapshot:
        """Revision ``number`` of an article, or (None) the article as stored now."""
        if number is None:
            return Snapshot.of_record(self.articles.get(article_id), "stored")
        with self.archive.session() as session:
            row = session.scalar(
                select(Revision).where(Revision.article_id == article_id, Revision.number == number)
            )
            if row is None:
                raise NotFoundError(f"article {article_id} has no revision {number}")
            return _snapshot(row)

    def version_snapshot(self, article_id: int, version: int) -> Snapshot | None:
        """The article's content at ``version`` (the base of a merge): the deliberate revision
        that made it, or, for a version made by the trash (which bumps the version and writes
        no revision), the deliberate revision before it. None for a version the article never
        had, or one older than the newest 500 saves."""
        with self.archive.session() as session:
            stored = session.scalar(select(Article.version).where(Article.id == article_id))
            if stored is None or version > stored or version < 1:
                return None
            rows = session.scalars(
                select(Revision)
                .where(Revision.article_id == article_id, Revision.kind.in_(DELIBERATE_KINDS))
                .order_by(Revision.number.desc())
                .limit(500)
            )
            for row in rows:
                made = _version(row.fields)
                if made is not None and made <= version:
                    return _snapshot(row)
        return None

    def diff(self, article_id: int, left: int, right: int | None = None) -> ContentDiff:
        """Revision ``left`` against revision ``right`` (None: the article as stored now)."""
        return diff_snapshots(self.snapshot(article_id, left), self.snapshot(article_id, right))

    def restore_revision(
        self, article_id: int, number: int, *, expected_version: int
    ) -> ArticleRecord:
        """Save revision ``number`` again as the article's newest revision (kind RESTORE).

        ``expected_version``: the version the writer sees; ConflictError when the article moved
        on since. A slug meanwhile taken by another article is left as the article has it now.
        ValidationError when the old content is no longer valid (say, a long-gone category
        rule); nothing is written then.
        """
        data = self.snapshot(article_id, number).to_input()
        if data.slug:
            with self.archive.session() as session:
                owner = session.scalar(select(Article.id).where(Article.slug == data.slug))
            if owner is not None and owner != article_id:
                data = ArticleInput(**{**_input_dict(data), "slug": None})
        return self.articles.update(
            article_id, data, expected_version=expected_version, kind=RevisionKind.RESTORE
        )

    def revision_count(self, article_id: int) -> int:
        with self.archive.session() as session:
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(Revision)
                    .where(Revision.article_id == article_id)
                )
                or 0
            )

    # ---------------------------------------------------------------------------- trash

    def trash(self, *, offset: int = 0, limit: int = 50) -> Page[ArticleRecord]:
        """Articles in the trash, most recently deleted first."""
        return self.articles.list_articles(
            ArticleFilter(trashed=True), sort=SortKey.UPDATED, offset=offset, limit=limit
        )

    def delete(self, article_id: int) -> ArticleRecord:
        """Move an article to the trash (its revisions stay)."""
        return self.articles.delete(article_id)

    def restore_from_trash(self, article_id: int) -> ArticleRecord:
        return self.articles.restore(article_id)


def _input_dict(data: ArticleInput) -> dict[str, Any]:
    return {name: getattr(data, name) for name in ArticleInput.__dataclass_fields__}
