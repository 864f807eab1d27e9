#!/usr/bin/env python3
"""Spell and style check benchmark (issue 5): a full check of a 200,000-character article.

    .venv/bin/python tests/bench/bench_spell.py [--chars 200000] [--runs 7]

The article: make_corpus.py bodies (Chinese development-zone news, cached in tests/bench/.corpus/)
with English paragraphs mixed in every few paragraphs, about one English sentence in three holding
a misspelt word (30 distinct misspellings), and some Chinese commas and colons made half-width.
Prints medians (and the slowest run) of:

- a full check, cold: a new speller (Enchant dictionary load) and empty caches [target ≤ 1 s];
- a full check, warm (the editor re-checking with its caches filled);
- the suggestions for every misspelt word (what ``check --json`` adds; Hunspell's suggestions
  cost tens of ms per distinct word, so this grows with the number of distinct misspellings);
- ``fix_text`` (every certain fix, re-checked until clean);
- ``main.py check --json FILE`` end to end in a subprocess (Python start-up included);
- ``check_block`` of one paragraph (the editor's unit of work).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from editor.spell import TextChecker, fix_text, open_speller
from editor.spell.wordfiles import builtin_words
from tests.bench.corpus import ROOT, corpus

MISSPELT = [
    "investmnt",
    "devlopment",
    "manufacturng",
    "goverment",
    "infrastucture",
    "semiconducter",
    "enterprize",
    "acommodate",
    "recieve",
    "buisness",
    "econmic",
    "industial",
    "tecnology",
    "opportunty",
    "sustainble",
    "innovaton",
    "strategc",
    "cooperaton",
    "logistcs",
    "capacty",
    "projct",
    "facilty",
    "expantion",
    "productin",
    "commitee",
    "occured",
    "seperate",
    "definately",
    "recomend",
    "succesful",
]
SENTENCES = [
    "The zone attracted {n} new {w} projects in the first quarter, according to its committee.",
    "Officials said the new {w} park would open in {y}, with total funding of {n} million yuan.",
    "Companies from Germany, Japan and Korea signed agreements worth {n} million dollars.",
    "The {w} center will employ about {n} engineers and support 5G and AI research.",
    "Visitors can read more at https://www.example.gov.cn/news/{n}?lang=en before the event.",
    "Local leaders stressed that a stable {w} climate matters more than tax incentives.",
    "Exports of lithium-ion batteries rose {n} percent year on year, the customs office said.",
]
GOOD_FILLERS = ["investment", "development", "manufacturing", "technology", "business"]


def make_article(chars: int, seed: int = 5) -> str:
    rng = random.Random(seed)
    rows = (corpus(1000) / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    parts: list[str] = []
    size = 0
    for i, row in enumerate(rows):
        for para in json.loads(row)["body"].split("\n\n"):
            if rng.random() < 0.05:  # a few Chinese commas and colons made half-width
                para = para.replace("，", ",", 1).replace("：", ":", 1)
            parts.append(para)
            size += len(para) + 2
        english = []
        for _ in range(rng.randint(2, 4)):
            word = rng.choice(MISSPELT) if rng.random() < 0.33 else rng.choice(GOOD_FILLERS)
            english.append(
                rng.choice(SENTENCES).format(w=word, n=rng.randint(2, 900), y=2020 + i % 9)
            )
        parts.append(" ".join(english))
        size += len(parts[-1]) + 2
        if size >= chars:
            break
    return "\n\n".join(parts)[:chars]


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), max(samples)


def show(label: str, median: float, worst: float, target: str = "") -> None:
    print(
        f"  {label:<52} median {median * 1000:8.1f} ms   max {worst * 1000:8.1f} ms  {target}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    text = make_article(args.chars)
    words = builtin_words()
    checker = TextChecker(open_speller("en_US", words))
    if not checker.speller.available:
        print(f"spelling unavailable: {checker.speller.notice}")
        return 1
    problems = checker.check_text(text)
    by_rule: dict[str, int] = {}
    for p in problems:
        by_rule[p.rule.id] = by_rule.get(p.rule.id, 0) + 1
    misspelt = {p.word for p in problems if p.word}
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    print(
        f"article: {len(text):,} characters ({latin:,} Latin letters), {text.count(chr(10)) + 1:,}"
        f" lines; {len(problems)} problems {by_rule}; {len(misspelt)} distinct misspelt words"
    )

    def cold() -> None:
        TextChecker(open_speller("en_US", words)).check_text(text)

    show("full check, cold (new speller, empty caches)", *timed(cold, args.runs), "[≤ 1 s]")
    show("full check, warm caches", *timed(lambda: checker.check_text(text), args.runs))

    def with_suggestions() -> None:
        fresh = TextChecker(open_speller("en_US", words))
        fresh.with_suggestions(fresh.check_text(text))

    show(
        f"cold check + suggestions for {len(misspelt)} misspelt words",
        *timed(with_suggestions, max(3, args.runs // 2)),
    )
    show("fix_text (all certain fixes, re-checked)", *timed(lambda: fix_text(checker, text), 3))

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.md"
        path.write_text(text, encoding="utf-8")
        command = [sys.executable, str(ROOT / "main.py"), "--db", str(Path(tmp) / "none.sqlite3")]

        def cli() -> None:
            subprocess.run(
                [*command, "check", "--json", str(path)],
                cwd=ROOT,
                capture_output=True,
                check=False,
            )

        show("main.py check --json (subprocess, end to end)", *timed(cli, 3))

    paragraph = max(text.split("\n"), key=len)
    blocks = [line for line in text.split("\n") if line.strip()]
    rng = random.Random(1)
    sample = [rng.choice(blocks) for _ in range(2000)]
    started = time.perf_counter()
    for block in sample:
        checker.check_block(block)
    per_block = (time.perf_counter() - started) / len(sample)
    print(f"  check_block, warm, average over 2,000 blocks           {per_block * 1e6:8.0f} µs")
    show(
        f"check_block of the longest paragraph ({len(paragraph)} chars)",
        *timed(lambda: checker.check_block(paragraph), 51),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
