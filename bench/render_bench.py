"""Benchmark the renderer: parse_body and layout times (a benchmark, not a test).

    /work/venv/bin/python bench/render_bench.py [--repeat N] [--json]

Targets: the seed post parses and lays out in under 10 ms, a 1 MB post in under
500 ms, and opening an article in the reader (render + layout) takes at most 30 ms.
The seed comes from ../shared beside the checkout when present; the 1 MB post is
the seed (or, without ../shared, the longest bundled sample post) repeated.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newsreader.render import layout, parse_body  # noqa: E402

SEED = REPO.parent / "shared" / "corpus" / "seed" / "000_63ab272a677ebdc1.txt"
LONG_SAMPLE = REPO / "sample_posts" / "_posts" / "2026-01-18-donglansheng-2026-zhengfugongzuobaogao.md"


def body_of(path: Path) -> str:
    """What follows the front matter."""
    text = path.read_text(encoding="utf-8").lstrip("\n")
    return text.split("\n---", 1)[1].split("\n", 1)[1] if text.startswith("---") else text


CLOCK = time.perf_counter


def timed(fn, repeat: int) -> tuple[float, float]:
    """(median, best) time of fn() in milliseconds, by CLOCK."""
    times = []
    for _ in range(repeat):
        started = CLOCK()
        fn()
        times.append((CLOCK() - started) * 1000)
    return statistics.median(times), min(times)


def bench(name: str, body: str, repeat: int, width: int = 80) -> dict:
    doc = parse_body(body)
    parse = timed(lambda: parse_body(body), repeat)
    lay = timed(lambda: layout(doc, width), repeat)
    both = timed(lambda: layout(parse_body(body), width), repeat)
    return {
        "case": name, "chars": len(body), "bytes": len(body.encode("utf-8")),
        "parse_ms": parse[0], "layout_ms": lay[0], "total_ms": both[0], "total_best_ms": both[1],
        "lines": len(layout(doc, width)),
    }


def cases() -> list[tuple[str, str, int]]:
    """(name, body, repeat factor) for each case."""
    source = SEED if SEED.is_file() else LONG_SAMPLE
    base = body_of(source)
    seed_name = "seed" if source == SEED else "long sample (no ../shared)"
    megabyte = base * (1_000_000 // len(base.encode("utf-8")) + 1)
    out = [(seed_name, base, 1), ("1 MB post", megabyte, 0)]
    out += [
        ("hostile: 100k nested <div>", "<div>" * 100_000 + "x" + "</div>" * 100_000, 0),
        ("hostile: 100k unclosed tags", "<b><i><span><a href='//h/'>" * 25_000 + "x", 0),
        ("hostile: 2 MB line", "数据增长6.8%，" * 250_000, 0),
        ("hostile: 50 MB body", ("<p>" + "长文" * 500 + "</p>\n") * 50_000, 0),
    ]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=20, help="runs of the small cases (default 20)")
    parser.add_argument("--json", action="store_true", help="one JSON object per case")
    parser.add_argument("--cpu", action="store_true",
                        help="measure process CPU time instead of wall time (steadier on a busy machine)")
    args = parser.parse_args()
    global CLOCK
    if args.cpu:
        CLOCK = time.process_time
    rows = []
    for name, body, small in cases():
        rows.append(bench(name, body, args.repeat if small else 3))
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    print(f"{'case':32} {'size':>10} {'parse':>9} {'layout':>9} {'total':>9} {'best':>9} {'lines':>7}")
    for r in rows:
        size = f"{r['bytes'] / 1e6:.2f} MB" if r["bytes"] >= 100_000 else f"{r['bytes'] / 1e3:.1f} kB"
        print(f"{r['case']:32} {size:>10} {r['parse_ms']:8.1f}ms {r['layout_ms']:8.1f}ms "
              f"{r['total_ms']:8.1f}ms {r['total_best_ms']:8.1f}ms {r['lines']:7d}")
    clock = "CPU" if args.cpu else "wall"
    print(f"targets: seed < 10 ms, 1 MB < 500 ms (parse + layout at 80 columns; {clock}-time medians)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
