"""The scorecard of a generated archive: how long `S` takes to open, and what building it costs.

On the bench's generated corpus (`generate.py`; 100,000 posts by default) with its cache index
built, it measures, wall clock on a warm file cache:

- **build**: the kept scorecard made from nothing (`ScorecardCache.update()` with no
  `<index>.scorecard`): every post's figures placed, every target paired, the rows written;
- **open**: in the reader (headless, `App.run_test()` at 120×40), from the `S` key to the table
  showing its first screenful, with the kept scorecard up to date and the reader's start-up
  refresh over — what a reader waits for; the first opening of the session, the median of
  --repeat openings (escape between them) and the slowest;
- **view**: the query behind it alone (open the kept file, check it is fresh, the rows in their
  order, the first screenful fetched), and the same filtered by words (`江州 gdp`) and sorted by
  verdict, median of --repeat;
- **update**: after one post changed (its file rewritten, the index refreshed), the kept rows
  brought up to date (the reader does this in a worker, showing the old rows meanwhile).

    python bench/scorecard_bench.py                       # 100,000 posts
    python bench/scorecard_bench.py --size 1000 --repeat 3
    python bench/scorecard_bench.py --corpus PATH --cache DIR

Prints one JSON object and writes it to bench/out/scorecard-SIZE.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

SIZE = (120, 40)


def _median_ms(seconds: list[float]) -> dict:
    return {"median_ms": round(statistics.median(seconds) * 1000, 1), "max_ms": round(max(seconds) * 1000, 1),
            "runs": len(seconds)}


def _index(corpus: Path, cache: Path):
    from newsreader.store.index import Index

    index = Index([str(corpus)], cache)
    started = time.perf_counter()
    summary = index.refresh()
    return index, {"seconds": round(time.perf_counter() - started, 1), "indexed": summary.indexed,
                   "posts": index.count()}


def build(index) -> dict:
    """The kept scorecard from nothing."""
    from newsreader.scorecard.cache import ScorecardCache, cache_path

    for suffix in ("", "-wal", "-shm"):
        Path(cache_path(index) + suffix).unlink(missing_ok=True)
    cache = ScorecardCache(index)
    started = time.perf_counter()
    cache.update()
    seconds = time.perf_counter() - started
    rows = cache.count()
    cache.close()
    return {"seconds": round(seconds, 1), "rows": rows}


def view(index, repeat: int) -> dict:
    """The query behind opening the scorecard, alone."""
    from newsreader.scorecard.cache import ScorecardCache

    out = {}
    for name, words, sort in (("all", "", "entity"), ("filtered", "江州 gdp", "entity"), ("by_verdict", "", "verdict")):
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            cache = ScorecardCache(index)
            assert not cache.stale(), "the kept scorecard should be fresh"
            found = cache.view(words, sort)
            cache.lines(found.rids[:200])
            times.append(time.perf_counter() - started)
            cache.close()
        out[name] = {**_median_ms(times), "rows": len(found.rids)}
    return out


async def _settle(app, pilot) -> None:
    """Until no worker runs (the start-up refresh of the index included) for two pauses in a row."""
    while True:
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
        if all(worker.is_finished for worker in app.workers):
            await pilot.pause(0.05)
            if all(worker.is_finished for worker in app.workers):
                return


async def _open_in_reader(corpus: Path, repeat: int) -> dict:
    from newsreader.tui.app import ReaderApp
    from newsreader.tui.screens.scorecard import ScorecardScreen
    from newsreader.tui.widgets.scorecard_table import ScorecardTable

    app = ReaderApp([str(corpus)])
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)  # the start-up refresh of the index (nothing changed) is over
        for _ in range(repeat):
            started = time.perf_counter()
            await pilot.press("S")
            while True:
                screen = app.screen
                if isinstance(screen, ScorecardScreen):
                    table = screen.query_one(ScorecardTable)
                    if table.count and table.line_at(table.scroll_offset.y) is not None:
                        await pilot.pause()  # the frame drawn with them
                        break
                await pilot.pause(0.005)
            times.append(time.perf_counter() - started)
            rows = table.count
            await _settle(app, pilot)
            await pilot.press("escape")
            await _settle(app, pilot)
    return {**_median_ms(times), "first_ms": round(times[0] * 1000, 1), "rows": rows,
            "terminal": f"{SIZE[0]}x{SIZE[1]}"}


def update_after_a_change(index, corpus: Path) -> dict:
    """One post rewritten, the index refreshed, the kept rows brought up to date."""
    from newsreader.scorecard.cache import ScorecardCache

    post = max((corpus / "_posts").iterdir())
    text = post.read_text(encoding="utf-8")
    post.write_text(text + "\n", encoding="utf-8")
    try:
        index.refresh()
        cache = ScorecardCache(index)
        assert cache.stale()
        started = time.perf_counter()
        cache.update()
        seconds = time.perf_counter() - started
        cache.close()
    finally:
        post.write_text(text, encoding="utf-8")
        index.refresh()
    ScorecardCache(index).update()  # fresh again for the next run
    return {"seconds": round(seconds, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="a corpus folder (default: generate one of --size posts)")
    parser.add_argument("--cache", type=Path, help="the cache folder (default: bench/out/scorecard-cache-SIZE)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the kept scorecard: do not measure the build")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    opts = parser.parse_args(argv)

    from generate import generate

    corpus = opts.corpus or generate(opts.size, opts.seed)
    cache = opts.cache or opts.out / f"scorecard-cache-{opts.size}"
    cache.mkdir(parents=True, exist_ok=True)
    os.environ["NEWSREADER_CACHE_DIR"] = str(cache)  # the reader below finds the same index
    os.environ.setdefault("NEWSREADER_DATA_DIR", str(opts.out / "scorecard-data"))
    result: dict = {"corpus": str(corpus), "cpu_count": os.cpu_count(), "load_average": os.getloadavg()}
    index, result["index"] = _index(corpus, cache)
    print(f"index: {result['index']}", file=sys.stderr, flush=True)
    if opts.keep:
        from newsreader.scorecard.cache import ScorecardCache

        kept = ScorecardCache(index)
        if kept.stale():
            kept.update()
        kept.close()
    else:
        result["build"] = build(index)
        print(f"build: {result['build']}", file=sys.stderr, flush=True)
    result["view"] = view(index, opts.repeat)
    print(f"view: {result['view']}", file=sys.stderr, flush=True)
    result["open"] = asyncio.run(_open_in_reader(corpus, opts.repeat))
    print(f"open: {result['open']}", file=sys.stderr, flush=True)
    result["update_after_one_change"] = update_after_a_change(index, corpus)
    index.close()
    opts.out.mkdir(parents=True, exist_ok=True)
    (opts.out / f"scorecard-{result['index']['posts']}.json").write_text(json.dumps(result, indent=1) + "\n",
                                                                          encoding="utf-8")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
