"""Opening dense posts in the reader: when the article shows, when its targets panel does, and how long
the event loop is ever held up meanwhile; beside ordinary posts.

The reader runs headless (`App.run_test`, 160×50) on a folder of generated posts indexed beforehand:
a megabyte of one figure clause repeated in one sentence, the same in paragraphs, a table of rates
flattened into one line, and two ordinary posts (a short one and the samples' 30,000-character work
report). For each post, opened `--repeat` times (the median is reported):

- `article_ms`: from enter to the article on screen (its header; a long body follows from a thread);
- `panel_ms`: to the targets panel listing the post's items;
- `settled_ms`: to every worker done (the body laid out with its items marked);
- `stall_ms`: the longest the event loop went without running a 5 ms ticker during all that (what
  a key pressed meanwhile would wait);
- `step_ms` / `step_stall_ms` / `steps_settled_ms`: in the panel, `j` 20 times in a row: the median
  time from a key to the article marking the next item, the longest stall of the whole run, and the
  time from the first key until every layout asked for is done.

The actions are called as the keys would call them (`Pilot.press` waits until the work they start
is done, which would hide what is measured here).

    python bench/reader_dense.py                 # prints one JSON object
    python bench/reader_dense.py --chars 100000  # smaller dense posts (a smoke run)

Wall-clock on a shared machine: other work on it shows in the figures (the load average is given).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REPORT = REPO / "sample_posts" / "_posts" / "2026-01-18-donglansheng-2026-zhengfugongzuobaogao.md"
TICK = 0.005
STEPS = 20


def dense_bodies(chars: int) -> dict[str, str]:
    """The dense posts, each `chars` characters."""
    return {
        "one_sentence": ("增长6.8%，" * (chars // 6 + 1))[:chars],
        "dense_paragraphs": "\n\n".join(["营业收入增长6.8%，利润下降2.1%，" * 25 + "。"] * (chars // 500 + 1))[:chars],
        "flat_rates_table": " | ".join(f"{i}.{i % 10}%" for i in range(chars // 4))[:chars],
    }


def write_posts(folder: Path, chars: int) -> dict[str, str]:
    """The posts to open, by name -> file name (the newest first in the list)."""
    names = {}
    bodies = {"ordinary_short": "地区生产总值增长5.5%左右，城镇新增就业3万人，居民消费价格涨幅3%左右。\n",
              **dense_bodies(chars)}
    for day, (name, body) in enumerate(bodies.items(), 1):
        file = f"{name}.md"
        (folder / file).write_text(f"---\ntitle: {name}\ndate: 2024-01-{day:02d}\n---\n{body}\n", encoding="utf-8")
        names[name] = file
    report = REPORT.read_text(encoding="utf-8")
    (folder / "ordinary_report.md").write_text(report, encoding="utf-8")
    names["ordinary_report"] = "ordinary_report.md"
    return names


class Stalls:
    """The longest gap between runs of a ticker on the app's event loop, since the last reset."""

    def __init__(self, app) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        app.set_interval(TICK, self.tick)

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last - TICK)
        self.last = now

    def reset(self) -> None:
        self.last, self.longest = time.perf_counter(), 0.0


async def until(pilot, condition, since: float | None = None, limit: float = 120.0) -> float:
    """Seconds from `since` (else now) until `condition()` holds (checked every millisecond or so)."""
    started = time.perf_counter() if since is None else since
    while not condition():
        if time.perf_counter() - started > limit:
            raise TimeoutError("the reader did not get there")
        await pilot.pause(0.001)
    return time.perf_counter() - started


def idle(app) -> bool:
    return all(worker.is_finished for worker in app.workers)


async def measure(folder: Path, names: dict[str, str], repeat: int) -> dict:
    from newsreader.tui.app import ReaderApp

    app = ReaderApp([str(folder)])
    out: dict[str, dict] = {}
    async with app.run_test(size=(160, 50)) as pilot:
        await until(pilot, lambda: app.reader.posts.count == len(names) and idle(app))
        screen = app.reader
        stalls = Stalls(app)
        rows = {screen.posts.row_at(i).id: screen.posts.row_at(i) for i in range(screen.posts.count)}
        for name, file in names.items():
            runs: dict[str, list[float]] = {k: [] for k in ("article_ms", "panel_ms", "settled_ms", "stall_ms")}
            items = 0
            for _ in range(repeat):
                screen.posts.focus()
                screen.article.clear("")
                await until(pilot, lambda: idle(app))
                stalls.reset()
                started = time.perf_counter()
                screen.open_post(rows[file])  # what enter on the list does (a key press would wait for it all)
                view, panel = screen.article, screen.targets

                def shown(view=view, file=file) -> bool:
                    return view.article is not None and view.article.row.id == file

                def listed(view=view, panel=panel) -> bool:
                    return (shown() and view.article is not None and panel.items == view.article.items
                            and bool(panel.items or "no numeric" in str(panel.empty_text)))

                runs["article_ms"].append(await until(pilot, shown, started) * 1000)
                runs["panel_ms"].append(await until(pilot, listed, started) * 1000)
                runs["settled_ms"].append(await until(pilot, lambda: idle(app), started) * 1000)
                runs["stall_ms"].append(stalls.longest * 1000)
                items = len(panel.items)
            entry = {k: round(statistics.median(v), 1) for k, v in runs.items()}
            entry.update(items=items, bytes=(folder / file).stat().st_size)
            if items > STEPS:
                entry.update(await steps(app, pilot, stalls))
            out[name] = entry
    return out


async def steps(app, pilot, stalls: Stalls) -> dict:
    """`j` in the targets panel, STEPS times: key to the next item marked, and the longest stall."""
    screen = app.reader
    await pilot.press("t")
    await until(pilot, lambda: idle(app))
    view, panel = screen.article, screen.targets
    times = []
    stalls.reset()
    started = time.perf_counter()
    for _ in range(STEPS):
        before = view.selected
        step = time.perf_counter()
        panel.action_cursor_down()  # what j does
        times.append(await until(pilot, lambda before=before: view.selected is not None and view.selected != before, step))
    settle = await until(pilot, lambda: idle(app), started)
    longest = stalls.longest
    await pilot.press("escape")  # back to the list, the panel still shown
    return {"step_ms": round(statistics.median(times) * 1000, 1), "step_stall_ms": round(longest * 1000, 1),
            "steps_settled_ms": round(settle * 1000, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=1_000_000, help="characters of each dense post (default 1 MB)")
    ap.add_argument("--repeat", type=int, default=3, help="openings of each post (default 3)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("CACHE", "DATA", "CONFIG"):  # the reader's folders, away from the user's
            os.environ[f"NEWSREADER_{name}_DIR"] = str(Path(tmp) / name.lower())
        folder = Path(tmp) / "posts"
        folder.mkdir()
        names = write_posts(folder, args.chars)
        from newsreader.store.index import Index

        index = Index([str(folder)], Path(os.environ["NEWSREADER_CACHE_DIR"]))
        started = time.perf_counter()
        index.refresh()
        index_s = time.perf_counter() - started
        index.close()
        load = os.getloadavg()[0]
        posts = asyncio.run(measure(folder, names, args.repeat))
    print(json.dumps({"posts": posts, "index_s": round(index_s, 2), "repeat": args.repeat, "tick_ms": TICK * 1000,
                      "load_avg_before": round(load, 2), "load_avg_after": round(os.getloadavg()[0], 2),
                      "python": sys.version.split()[0]}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
