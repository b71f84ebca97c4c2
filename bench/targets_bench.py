"""Speed of numeric-target extraction: characters of plain text per second, on one core.

Measures `newsreader.targets.extract` alone (the post bodies are parsed to plain text
first and not timed) over the posts of the given folders, repeated until at least
--seconds of CPU time, and prints one JSON object. The goal is at least 500,000 chars/s.
CPU time (not wall time) is measured, so that a busy machine skews the figure less.

    python bench/targets_bench.py                      # ../shared/corpus, else sample_posts
    python bench/targets_bench.py PATH... --seconds 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOAL_CHARS_PER_S = 500_000


def _texts(paths: list[str]) -> list[tuple[str, object, str]]:
    from newsreader.corpus import load_paths
    from newsreader.render import parse_body

    posts, _skipped = load_paths(paths)
    return [(parse_body(p.body).text, p.date, p.title) for p in posts]


def _one_pass(texts, extract) -> tuple[float, int]:
    # CPU time of this process: other work on a shared machine does not count against us
    start = time.process_time()
    items = 0
    for text, date, title in texts:
        items += len(extract(text, date=date, title=title))
    return time.process_time() - start, items


# Dense posts that real archives hold (a statistics table flattened into one paragraph, a list of
# hundreds of companies with figures, a scraped page without sentence ends), 1 MB each.
DENSE_POSTS = {
    "one_sentence": lambda: ("增长6.8%，" * 200_000)[:1_000_000],
    "dense_paragraphs": lambda: "\n".join(["增长6.8%，" * 500 + "。"] * 300)[:1_000_000],
    "flat_table": lambda: " | ".join(f"{i}.{i % 10}" for i in range(200_000))[:1_000_000],
}


def dense_figures() -> dict:
    """chars/s (CPU time) and items of extraction with the index's budget on each dense post."""
    from newsreader.targets import Budget, extract

    out = {}
    for name, make in DENSE_POSTS.items():
        text = make()
        budget = Budget()
        start = time.process_time()
        items = extract(text, budget=budget)
        seconds = time.process_time() - start
        out[name] = {"chars": len(text), "items": len(items), "cut_by_budget": budget.cut,
                     "seconds": round(seconds, 3), "chars_per_s": round(len(text) / seconds) if seconds else None}
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures as JSON."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", help="folders or post files (default: ../shared/corpus or sample_posts)")
    ap.add_argument("--seconds", type=float, default=3.0, help="minimum total time to measure (default 3)")
    args = ap.parse_args(argv)

    paths = args.paths
    if not paths:
        shared = REPO.parent / "shared" / "corpus"
        paths = [str(shared if shared.is_dir() else REPO / "sample_posts")]
    from newsreader.targets import extract

    texts = _texts(paths)
    chars = sum(len(t) for t, _d, _ti in texts)
    if not chars:
        print(json.dumps({"error": "no text found", "paths": paths}))
        return 1
    _one_pass(texts, extract)  # warm-up: compiled regexes, imports
    rates, total, passes, items = [], 0.0, 0, 0
    while total < args.seconds or passes < 3:
        seconds, items = _one_pass(texts, extract)
        rates.append(chars / seconds if seconds else float("inf"))
        total += seconds
        passes += 1
    longest = max(texts, key=lambda t: len(t[0]))
    big_seconds, _ = _one_pass([longest] * 20, extract)
    result = {
        "paths": paths,
        "posts": len(texts),
        "chars": chars,
        "items_per_pass": items,
        "passes": passes,
        "chars_per_s_median": round(statistics.median(rates)),
        "chars_per_s_min": round(min(rates)),
        "chars_per_s_best": round(max(rates)),  # the least disturbed pass: closest to an idle core
        "longest_post_chars": len(longest[0]),
        "longest_post_ms": round(big_seconds / 20 * 1000, 2),
        "goal_chars_per_s": GOAL_CHARS_PER_S,
        "meets_goal": statistics.median(rates) >= GOAL_CHARS_PER_S,
        "dense_posts": dense_figures(),
        "python": sys.version.split()[0],
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
