"""Comparing and merging versions of an article: pure functions and the data they give, no
database (``HistoryService`` in editor.archive.history reads the versions from the archive).

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

import dataclasses
import difflib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from editor.archive.snapshots import (
    DIFF_FIELDS,
    comparable,
    input_fields,
    input_from_snapshot,
    record_fields,
)
from editor.domain.model import ArticleInput, ArticleRecord

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
