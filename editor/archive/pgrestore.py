"""Restoring a pg_dump backup into a PostgreSQL database that holds nothing, as data only.

Before the database is touched, the dump is read whole: its table of contents
(``pg_restore --list``), its schema revision (a newer ZoneDesk's is refused by name) and every
byte of its data (``pg_restore --file=/dev/null``; a truncated or damaged dump is refused).

Then, in one transaction of the target database: it must hold nothing of any kind (a ZoneDesk
table without any row aside); ZoneDesk's migrations build its schema at the dump's revision; the
dump's table of contents must name nothing beyond what they built (an extra trigger, function,
view or table is refused by name); the rows of ZoneDesk's tables are streamed from pg_restore's
data-only script (``COPY`` blocks, checked table by table and column by column) and the
sequences set; the schema is upgraded to this ZoneDesk's. Nothing of the dump is ever executed
as SQL. A failure, or a kill of this process (pg_restore dies with it), rolls the transaction
back: the database is exactly as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from editor.archive import children
from editor.archive.backups import (
    DATA_TABLES,
    FULL_DISK_WORDS,
    copy_order,
    is_search_table,
    not_restored,
    refuse_newer,
    refuse_not_empty,
    rows_in_words,
)
from editor.archive.database import _alembic_config, display_url, head_revision
from editor.archive.search import VERSION_KEY
from editor.domain.errors import ArchiveError, ArchiveFullError

TOC_LINE = re.compile(r"^(\d+); (\d+) (\d+) (.*)$")
#: pg_dump's object kinds of more than one word, longest first
_LONG_DESCS = (
    "MATERIALIZED VIEW DATA",
    "SEQUENCE OWNED BY",
    "MATERIALIZED VIEW",
    "FOREIGN DATA WRAPPER",
    "TEXT SEARCH CONFIGURATION",
    "TEXT SEARCH DICTIONARY",
    "TEXT SEARCH PARSER",
    "TEXT SEARCH TEMPLATE",
    "DATABASE PROPERTIES",
    "CHECK CONSTRAINT",
    "EVENT TRIGGER",
    "FK CONSTRAINT",
    "FOREIGN TABLE",
    "LARGE OBJECT",
    "SEQUENCE SET",
    "ROW SECURITY",
    "BLOB METADATA",
    "DEFAULT ACL",
    "USER MAPPING",
    "TABLE DATA",
    "ACCESS METHOD",
    "OPERATOR CLASS",
    "OPERATOR FAMILY",
    "PUBLICATION TABLE",
)
#: entries about the dump itself, not objects of the database
_ABOUT_THE_DUMP = frozenset({"ENCODING", "STDSTRINGS", "SEARCHPATH"})
_COPY = re.compile(r'^COPY (?:"?\w+"?\.)?"?(\w+)"? \((.*)\) FROM stdin;$')
_SETVAL = re.compile(
    r"^SELECT pg_catalog\.setval\('(?:\w+\.)?\"?(\w+)\"?', (\d+), (true|false)\);$"
)
_RELATION_WORDS = {"r": "table", "p": "table", "v": "view", "m": "view", "S": "sequence"}
#: lines of pg_restore's script that are no data: comments, psql's \\restrict, the session's
#: settings (never run: the rows go in by COPY; client_encoding is matched before these)
_NOT_DATA = ("--", "\\restrict ", "\\unrestrict ", "SET ", "SELECT pg_catalog.set_config(")
_CLIENT_ENCODING = re.compile(r"^SET client_encoding = '([\w-]+)';$")


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One line of ``pg_restore --list``: ``ID; OID OID DESC SCHEMA NAME OWNER``."""

    line: str
    desc: str
    schema: str
    name: str

    def in_words(self) -> str:
        kind = self.desc.lower()
        if self.desc in ("TRIGGER", "CONSTRAINT", "FK CONSTRAINT", "DEFAULT", "POLICY", "RULE"):
            table, _, what = self.name.partition(" ")
            return f"{kind} {what or table} (on {table})"
        return f"{kind} {self.name}"


def parse_toc_line(line: str) -> TocEntry | None:
    match = TOC_LINE.match(line.strip())
    if match is None:
        return None
    rest = match.group(4)
    desc = next((d for d in _LONG_DESCS if rest.startswith(d + " ")), rest.split(" ", 1)[0])
    words = rest[len(desc) :].strip().split(" ")
    schema = words[0] if words else "-"
    # the owner is the last word; a name can hold spaces ("article id", "article pk_article")
    name = " ".join(words[1:-1]) if len(words) > 2 else " ".join(words[1:])
    return TocEntry(line.strip(), desc, schema, name)


def pg_restore_program() -> str:
    found = shutil.which("pg_restore")
    if found is None:
        raise ArchiveError("pg_restore is not installed: cannot restore a PostgreSQL dump")
    return found


def read_toc(source: Path) -> list[TocEntry]:
    """The dump's table of contents; ArchiveError when it is not a ZoneDesk archive's dump."""
    listing = children.run([pg_restore_program(), "--list", str(source)], env=children.quiet_env())
    if listing.returncode != 0:
        raise ArchiveError(
            f"{source} cannot be read as a pg_dump file ({listing.stderr.strip()}); "
            "nothing was restored"
        )
    entries = [e for e in map(parse_toc_line, listing.stdout.splitlines()) if e is not None]
    tables = {e.name for e in entries if e.desc == "TABLE"}
    if not {"article", "alembic_version"} <= tables:
        raise ArchiveError(
            f"{source} is a PostgreSQL dump but not of a ZoneDesk archive; nothing was restored"
        )
    return entries


def _copy_rows(script: Iterator[bytes], table: str) -> Iterator[bytes]:
    """The data lines of one COPY block of a pg_restore script, up to its ``\\.``."""
    for line in script:
        if line in (b"\\.\n", b"\\."):
            return
        yield line
    raise ArchiveError(f"the data of table {table} ends before its end mark")


def dump_revision(source: Path) -> str:
    """The schema revision a dump's alembic_version table holds."""
    result = children.run(
        [
            pg_restore_program(),
            "--data-only",
            "--table=alembic_version",
            "--file=-",
            str(source),
        ],
        env=children.quiet_env(),
    )
    rows: list[str] = []
    if result.returncode == 0:
        lines = iter(line.encode() + b"\n" for line in result.stdout.splitlines())
        for line in lines:
            if _COPY.match(line.decode().rstrip("\n")):
                rows += [r.decode().rstrip("\n") for r in _copy_rows(lines, "alembic_version")]
    if len(rows) != 1 or not re.fullmatch(r"[\w.-]{1,64}", rows[0]):
        raise ArchiveError(
            f"the backup {source} does not say which schema it has (its alembic_version table "
            f"holds {len(rows)} rows instead of one version); nothing was restored"
        )
    return rows[0]


def check_whole(source: Path) -> None:
    """Read every byte of the dump (pg_restore writes it out to nowhere): a truncated or
    damaged dump is refused before anything is touched."""
    result = children.run(
        [pg_restore_program(), f"--file={os.devnull}", str(source)], env=children.quiet_env()
    )
    if result.returncode != 0:
        said = " ".join(result.stderr.strip().splitlines()[-2:])
        raise ArchiveError(
            f"the backup {source} is damaged or incomplete ({said}); nothing was restored"
        )


# ---------------------------------------------------------------------------- the target


def target_holds(conn: Connection) -> tuple[list[str], list[str]]:
    """What the target database holds, in words, and its empty ZoneDesk tables (to drop)."""
    held: list[str] = []
    counts: dict[str, int] = {}
    empty: list[str] = []
    here = "current_schema()::regnamespace"
    for (name,) in conn.execute(
        text(
            "SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('public', "
            "'information_schema') AND nspname NOT LIKE 'pg\\_%' ORDER BY 1"
        )
    ):
        held.append(f"schema {name}")
    relations = conn.execute(
        text(
            "SELECT c.relname, c.relkind, ("
            "  SELECT o.relname FROM pg_depend d JOIN pg_class o ON o.oid = d.refobjid"
            "  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
            "  AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1"
            f") FROM pg_class c WHERE c.relnamespace = {here} "
            "AND c.relkind NOT IN ('i', 'I', 't') ORDER BY 1"
        )
    ).all()
    for name, kind, owner in relations:
        if kind in ("r", "p") and (name in DATA_TABLES or is_search_table(name)):
            n = int(conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one())
            counts[name] = n
            if n == 0:
                empty.append(name)
        elif kind == "S" and owner is not None and (owner in DATA_TABLES or is_search_table(owner)):
            continue  # the id sequence of a ZoneDesk table
        else:
            held.append(f"{_RELATION_WORDS.get(kind, 'relation')} {name}")
    held[:0] = rows_in_words({t: n for t, n in counts.items() if not is_search_table(t)})
    held += [f"search index rows ({n})" for t, n in counts.items() if is_search_table(t) and n]
    for query, what in (
        (f"SELECT proname FROM pg_proc WHERE pronamespace = {here} ORDER BY 1", "function"),
        (
            f"SELECT typname FROM pg_type WHERE typnamespace = {here} AND typtype <> 'c' "
            "AND typcategory <> 'A' ORDER BY 1",
            "type",
        ),
        (
            "SELECT t.tgname || ' (on ' || c.relname || ')' FROM pg_trigger t "
            f"JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = {here} "
            "AND NOT t.tgisinternal ORDER BY 1",
            "trigger",
        ),
        ("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1", "extension"),
    ):
        held += [f"{what} {name}" for (name,) in conn.execute(text(query))]
    blobs = int(conn.execute(text("SELECT count(*) FROM pg_largeobject_metadata")).scalar_one())
    if blobs:
        held.append(f"{blobs} large objects")
    return held, empty


@dataclass(slots=True)
class Catalog:
    """What ZoneDesk's migrations built: the names pg_dump gives them, and the columns."""

    schema: str = "public"
    allowed: set[tuple[str, str]] = field(default_factory=set)
    columns: dict[str, set[str]] = field(default_factory=dict)
    sequences: set[str] = field(default_factory=set)


def read_catalog(conn: Connection) -> Catalog:
    here = "current_schema()::regnamespace"
    catalog = Catalog(schema=str(conn.execute(text("SELECT current_schema()")).scalar_one()))
    allow = catalog.allowed.add
    for table, column in conn.execute(
        text(
            "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            f" WHERE c.relnamespace = {here} AND c.relkind = 'r' AND a.attnum > 0 "
            "AND NOT a.attisdropped"
        )
    ):
        catalog.columns.setdefault(table, set()).add(column)
    for table in catalog.columns:
        allow(("TABLE", table))
        allow(("TABLE DATA", table))
    for name, kind in conn.execute(
        text(f"SELECT relname, relkind FROM pg_class WHERE relnamespace = {here}")
    ):
        if kind == "S":
            catalog.sequences.add(name)
            for desc in ("SEQUENCE", "SEQUENCE OWNED BY", "SEQUENCE SET"):
                allow((desc, name))
        elif kind == "i":
            allow(("INDEX", name))
    for descs, query in (
        (
            ("CONSTRAINT", "FK CONSTRAINT", "CHECK CONSTRAINT"),
            "SELECT c.relname || ' ' || k.conname FROM pg_constraint k "
            f"JOIN pg_class c ON c.oid = k.conrelid WHERE c.relnamespace = {here}",
        ),
        (
            ("DEFAULT",),
            "SELECT c.relname || ' ' || a.attname FROM pg_attrdef d "
            "JOIN pg_class c ON c.oid = d.adrelid JOIN pg_attribute a "
            f"ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE c.relnamespace = {here}",
        ),
        (
            ("TRIGGER",),
            "SELECT c.relname || ' ' || t.tgname FROM pg_trigger t "
            f"JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = {here} "
            "AND NOT t.tgisinternal",
        ),
        (
            ("FUNCTION",),
            "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' "
            f"FROM pg_proc p WHERE p.pronamespace = {here}",
        ),
    ):
        for (name,) in conn.execute(text(query)):
            for d in descs:
                allow((d, name))
    return catalog


def refuse_what_zonedesk_does_not_define(
    entries: list[TocEntry], catalog: Catalog, source: Path, revision: str
) -> None:
    schema = catalog.schema
    extra = []
    for entry in entries:
        if entry.desc in _ABOUT_THE_DUMP:
            continue
        if entry.desc in ("SCHEMA", "COMMENT", "ACL") and entry.name in (
            schema,
            f"SCHEMA {schema}",
        ):
            continue  # the schema itself, as every database has it
        if entry.schema != schema or (entry.desc, entry.name) not in catalog.allowed:
            extra.append(entry)
    if extra:
        named = ", ".join(e.in_words() for e in extra[:5])
        more = f" and {len(extra) - 5} more" if len(extra) > 5 else ""
        raise ArchiveError(
            f"the backup {source} holds {named}{more}, which ZoneDesk's schema {revision} does "
            "not define: a backup is restored as data only, so nothing was restored"
        )
    tables = {e.name for e in entries if e.desc == "TABLE DATA"}
    for table in copy_order(set(catalog.columns)):
        if table not in tables:
            raise ArchiveError(
                f"the backup {source} lacks the table {table} of ZoneDesk's schema {revision}; "
                "nothing was restored"
            )


# ----------------------------------------------------------------------------- the restore


def restore_postgresql(parsed: URL, source: Path) -> str:
    """Restore a pg_dump of a ZoneDesk archive into the empty database ``parsed``; the dump's
    schema revision."""
    where = display_url(parsed)
    entries = read_toc(source)
    revision = dump_revision(source)
    refuse_newer(revision, source)
    check_whole(source)
    engine = create_engine(parsed, poolclass=NullPool)
    try:
        try:
            conn = engine.connect()
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == "3D000":
                raise ArchiveError(
                    f"the database {where} does not exist: create it (createdb "
                    f"{parsed.database}) and restore again; nothing was restored"
                ) from None
            raise ArchiveError(f"cannot reach the archive {where}: {exc.orig or exc}") from None
        with conn:
            try:
                with conn.begin():
                    _restore_in(conn, source, entries, revision, where)
            except DBAPIError as exc:
                raise _failed(where, exc) from None
    finally:
        engine.dispose()
    return revision


def _failed(where: str, exc: DBAPIError) -> ArchiveError:
    if getattr(exc.orig, "sqlstate", None) == "53100" or any(
        word in str(exc.orig) for word in FULL_DISK_WORDS
    ):
        return ArchiveFullError(
            f"the database server's disk is full: nothing was restored, {where} is as it was. "
            "Free some space on the server and restore again."
        )
    return not_restored(where, exc)


def _migrate(conn: Connection, revision: str) -> None:
    from alembic import command  # noqa: PLC0415 - only to build a schema

    config = _alembic_config()
    config.attributes["connection"] = conn
    command.upgrade(config, revision)


def _restore_in(
    conn: Connection, source: Path, entries: list[TocEntry], revision: str, where: str
) -> None:
    held, empty = target_holds(conn)
    refuse_not_empty(held, where)
    if empty:  # ZoneDesk tables without a row: the migrations make them anew
        conn.execute(text("DROP TABLE " + ", ".join(f'"{t}"' for t in empty)))
    _migrate(conn, revision)
    catalog = read_catalog(conn)
    refuse_what_zonedesk_does_not_define(entries, catalog, source, revision)
    tables = copy_order(set(catalog.columns))
    for table in tables:  # what the migrations wrote (the version, the counter's row)
        conn.execute(text(f'DELETE FROM "{table}"'))
    _stream_rows(conn, source, entries, catalog, tables)
    if revision != head_revision():
        _migrate(conn, "head")
    # the search index is derived: rebuilt when the archive is opened
    conn.execute(text("DELETE FROM setting WHERE key = :key"), {"key": VERSION_KEY})


def _stream_rows(
    conn: Connection,
    source: Path,
    entries: list[TocEntry],
    catalog: Catalog,
    tables: list[str],
) -> None:
    """Copy the rows of ``tables`` (in that order) and the sequences from the dump."""
    data = {e.name: e.line for e in entries if e.desc == "TABLE DATA"}
    wanted = [data[t] for t in tables] + [
        e.line for e in entries if e.desc == "SEQUENCE SET" and e.name in catalog.sequences
    ]
    with tempfile.TemporaryDirectory(prefix="zonedesk-restore-") as folder:
        listing = Path(folder) / "list"
        listing.write_text("\n".join(wanted) + "\n", encoding="utf-8")
        errors = Path(folder) / "errors"
        with errors.open("w+b") as err:
            process = children.spawn(
                [
                    pg_restore_program(),
                    "--data-only",
                    f"--use-list={listing}",
                    "--file=-",
                    str(source),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=err,
                env=children.quiet_env(),
            )
            try:
                assert process.stdout is not None
                _feed(conn, process.stdout, catalog, set(tables), source)
                code = process.wait()
            finally:
                children.stop(process)
            err.seek(0)
            said = err.read().decode(errors="replace").strip()
    if code != 0:
        raise ArchiveError(
            f"the backup {source} could not be read to its end ({said}); nothing was restored"
        )


def _feed(
    conn: Connection, script: IO[bytes], catalog: Catalog, tables: set[str], source: Path
) -> None:
    """Run pg_restore's data-only script the only way ZoneDesk does: its COPY blocks into
    ZoneDesk's tables, its sequence values; any other statement is refused."""
    cursor: Any = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    lines = iter(script)
    for raw in lines:
        line = raw.decode("utf-8", errors="replace").rstrip("\n")
        if match := _CLIENT_ENCODING.match(line):  # how the rows below are written
            cursor.execute(f"SET client_encoding = '{match.group(1)}'")
        elif not line.strip() or line.startswith(_NOT_DATA):
            continue
        elif match := _COPY.match(line):
            table = match.group(1)
            columns = [c.strip().strip('"') for c in match.group(2).split(",")]
            if table not in tables:
                raise ArchiveError(
                    f"the backup {source} holds rows of a table {table} that ZoneDesk does not "
                    "restore; nothing was restored"
                )
            if set(columns) != catalog.columns[table]:
                raise ArchiveError(
                    f"the backup {source}: its table {table} has the columns "
                    f"{', '.join(sorted(columns))}, ZoneDesk's has "
                    f"{', '.join(sorted(catalog.columns[table]))}; nothing was restored"
                )
            quoted = ", ".join(f'"{c}"' for c in columns)
            with cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                for row in _copy_rows(lines, table):
                    copy.write(row)
        elif match := _SETVAL.match(line):
            name, value, called = match.groups()
            if name not in catalog.sequences:
                raise ArchiveError(
                    f"the backup {source} sets a sequence {name} that ZoneDesk's schema does not "
                    "define; nothing was restored"
                )
            cursor.execute(
                "SELECT setval(%s::regclass, %s, %s)", (f'"{name}"', int(value), called == "true")
            )
        else:
            raise ArchiveError(
                f"the backup {source} holds a statement ZoneDesk does not restore "
                f"({line[:80]}); nothing was restored"
            )
