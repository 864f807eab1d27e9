"""A small driver the fault tests run in another process: ``python -m tests.faultdriver CMD …``.

Each command works on an archive the way the editor does and reports on stdout, one line per
event, flushed at once, so the test knows what was committed before it kills the process:

``save URL ARTICLE_ID N SEED``
    N deliberate saves of one article; after each commit ``saved VERSION SHA`` (the body's hash).
``autosave URL ARTICLE_ID KEY N SEED``
    N autosaves of one editing session; after each commit ``autosaved N SHA``.
``race URL ARTICLE_ID VERSION GO_FILE NAME``
    Waits until GO_FILE exists, then saves over VERSION at once: ``won VERSION`` or
    ``conflict CURRENT_VERSION``.
``lock URL ARTICLE_ID USER``
    Takes the soft lock, prints ``locked`` (or ``held-by USER``), then heartbeats until killed.
``imports URL``
    For each line ``FILE GO_FILE`` on stdin: ``ready``, then at GO_FILE a JSON Lines import of
    FILE: ``imported CREATED UPDATED UNCHANGED BAD`` or ``failed KIND MESSAGE``.

Bodies are self-checking: ``body_for`` ends with the SHA-256 of everything before it, and is big
enough (about 200 KB) that a kill often lands in the middle of writing it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from editor.archive.articles import ArticleService
from editor.archive.autosave import AutosaveStore
from editor.archive.database import open_archive
from editor.archive.locks import SoftLocks
from editor.domain.errors import ConflictError

FOOTER = "\n\n校验:"


def body_for(label: str, seed: int, size: int = 4000) -> str:
    """A Markdown body of ``size`` lines about ``label``, ending with its own checksum."""
    rng = random.Random(f"{label}:{seed}")
    words = ["园区", "项目", "招商", "企业", "开发区", "投资", "建设", "签约", "Jintan", "5G"]
    lines = [f"# {label}"]
    lines += ["".join(rng.choice(words) for _ in range(12)) for _ in range(size)]
    text = "\n\n".join(lines)
    return text + FOOTER + hashlib.sha256(text.encode()).hexdigest()


def body_is_whole(body: str) -> bool:
    text, sep, digest = body.rpartition(FOOTER)
    return bool(sep) and hashlib.sha256(text.encode()).hexdigest() == digest


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def say(*parts: object) -> None:
    print(*parts, flush=True)


def cmd_save(url: str, article_id: str, count: str, seed: str) -> None:
    archive = open_archive(url)
    service = ArticleService(archive, user="saver")
    record = service.get(int(article_id))
    for n in range(int(count)):
        body = body_for(f"save {seed}-{n}", n)
        data = dataclasses.replace(record.to_input(), body=body)
        record = service.update(record.id, data, expected_version=record.version)
        say("saved", record.version, sha(body))


def cmd_autosave(url: str, article_id: str, key: str, count: str, seed: str) -> None:
    archive = open_archive(url)
    service = ArticleService(archive, user="writer")
    store = AutosaveStore(archive, user="writer")
    record = service.get(int(article_id))
    for n in range(int(count)):
        body = body_for(f"autosave {seed}-{n}", n)
        data = dataclasses.replace(record.to_input(), body=body)
        store.autosave(key, data, article_id=record.id, base_version=record.version)
        say("autosaved", n, sha(body))


def cmd_race(url: str, article_id: str, version: str, go_file: str, name: str) -> None:
    archive = open_archive(url)
    service = ArticleService(archive, user=name)
    record = service.get(int(article_id))
    data = dataclasses.replace(record.to_input(), body=f"{name} 的版本\n\n" + body_for(name, 0, 50))
    say("ready")
    go = Path(go_file)
    while not go.exists():
        time.sleep(0.001)
    try:
        saved = service.update(record.id, data, expected_version=int(version))
    except ConflictError as conflict:
        say("conflict", conflict.current.version)
    else:
        say("won", saved.version)


def cmd_lock(url: str, article_id: str, user: str) -> None:
    archive = open_archive(url)
    locks = SoftLocks(archive, user=user)
    result = locks.acquire(int(article_id))
    say("locked" if result.acquired else f"held-by {result.holder.user if result.holder else '?'}")
    while True:
        time.sleep(0.2)
        locks.heartbeat()


def cmd_imports(url: str) -> None:
    """One JSON Lines import per line ``FILE GO_FILE`` on stdin: ``ready``, then (once GO_FILE
    exists) ``imported CREATED UPDATED UNCHANGED BAD`` or ``failed KIND MESSAGE``."""
    from editor.archive.jsonl import import_jsonl  # noqa: PLC0415 - this command only

    service = ArticleService(open_archive(url), user="importer")
    for request in sys.stdin:
        file, go_file = request.split()
        say("ready")
        go = Path(go_file)
        while not go.exists():
            time.sleep(0.001)
        try:
            r = import_jsonl(service, Path(file), workers=1)
        except Exception as exc:  # the test reads what happened
            say("failed", type(exc).__name__, str(exc).replace("\n", " "))
        else:
            say("imported", r.created, r.updated, r.unchanged, len(r.bad))


COMMANDS: dict[str, Callable[..., None]] = {
    "imports": cmd_imports,
    "save": cmd_save,
    "autosave": cmd_autosave,
    "race": cmd_race,
    "lock": cmd_lock,
}


def main(argv: list[str]) -> None:
    COMMANDS[argv[0]](*argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
