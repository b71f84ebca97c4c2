"""The newsreader benchmark: the reader at 1k, 20k and 100k posts beside the tools people use instead.

    python bench/run.py                        # every size; results in bench/out/
    python bench/run.py --sizes 100000         # one size (results of other sizes are kept)
    python bench/run.py --publish              # ... and copy the table to bench/results/latest.* and the README
    python bench/run.py --sizes 1000 --quick --out /tmp/b   # the smoke run the tests use

Each size is measured in one run and saved to OUT/size-N.json as soon as it is done,
so a long run can be resumed size by size; OUT/results.{json,md} combine every size
found in OUT. A figure that could not be measured is null, with the reason in the
size's `skipped` map. See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import measure  # noqa: E402
import oneshot  # noqa: E402
import report  # noqa: E402
import startup  # noqa: E402

SCHEMA = 1
DEFAULT_SIZES = [1000, 20000, 100000]
TERMINAL = (120, 40)
ARTICLE_WIDTH = 100
LIST_PAGE = 100  # rows a search fetches for the list's first screen and some scrolling


def blank_result(size: int) -> dict:
    """Every field of one size's result, unmeasured."""
    empty = startup.empty_startup

    def search_class(queries: list[str]) -> dict:
        return {"queries": list(queries), "hits": None, "p50_ms": None, "p95_ms": None, "first_ms": None,
                "rg": {"p50_ms": None, "p95_ms": None, "hits": None}, "speedup_p50": None}

    return {
        "posts": size, "measured": None, "newsreader_commit": None, "seconds_total": None,
        "load_avg": {"before": None, "after": None},
        "corpus": {"path": None, "bytes": None, "files": None, "generate_s": None},
        "cold_index": {"seconds": None, "posts_per_s": None, "cpu_s": None, "indexed": None, "db_mb": None,
                       "listed_s": None, "listed_per_s": None, "items_s": None},
        "warm_refresh": {"seconds": None, "cli_seconds": None, "unchanged": None, "quick_s": None},
        "oneshot": {"startup": {"python_s": None, "version_s": None, "ratio": None},
                    "classes": {k: {"queries": list(q), "newsreader_s": None, "rg_s": None, "hits": None,
                                    "rg_hits": None, "speedup": None} for k, (_, q) in report.ONESHOT_CLASSES.items()}},
        "startup": {mode: {"newsreader": empty(), "empty_app": empty(), "ratio_ready": None}
                    for mode in ("tmux", "headless")},
        "search": {k: search_class(q) for k, (_, q) in report.QUERY_CLASSES.items()},
        "article_open": {"p50_ms": None, "p95_ms": None, "max_ms": None, "n": None, "width": ARTICLE_WIDTH},
        "big_post": {"bytes": None, "chars": None, "parse_ms": None, "layout_ms": None, "extract_ms": None,
                     "items": None, "open_ms": None},
        "memory": {"tui_peak_rss_mb": None, "tui_headless_peak_rss_mb": None, "empty_app_peak_rss_mb": None,
                   "index_peak_rss_mb": None, "index_tree_peak_rss_mb": None},
        "floor": {"cat_s": None, "jekyll_s": None, "jekyll_cpu_s": None, "jekyll_peak_rss_mb": None,
                  "jekyll_stopped_after_s": None, "jekyll_reused_from": None},
        "goals": {},
        "skipped": {},
    }


# -- the machine -------------------------------------------------------------------------------


def _version(cmd: list[str]) -> str | None:
    if not shutil.which(cmd[0]):
        return None
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r"\d+\.\d+(?:\.\d+)?[a-z]?", out)
    return match.group() if match else None


def machine() -> dict:
    """What the figures were measured on."""
    import sqlite3

    import rich
    import textual

    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as fh:
        ram_kb = int(fh.readline().split()[1])
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(ram_kb / 1024 ** 2, 1),
            "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "textual": textual.__version__,
            "rich": getattr(rich, "__version__", None) or _pkg_version("rich"),
            "ripgrep": _version(["rg", "--version"]), "jekyll": _version(["jekyll", "--version"]),
            "tmux": _version(["tmux", "-V"])}


def _pkg_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def git_commit(rev: str | None) -> str:
    """The commit measured: `rev` resolved, else HEAD, with `+dirty` when the working tree differs."""
    try:
        sha = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", rev or "HEAD"], capture_output=True,
                             text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    if rev is None:
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "src"],
                               capture_output=True, text=True).stdout.strip()
        sha += "+dirty" if dirty else ""
    return sha


def snapshot(rev: str, out: Path) -> Path:
    """The `src/` folder of a commit, extracted under OUT (so edits in progress are not measured)."""
    sha = subprocess.run(["git", "-C", str(REPO), "rev-parse", rev], capture_output=True, text=True,
                         check=True).stdout.strip()
    target = out / f"src-{sha[:12]}"
    if not (target / "src" / "newsreader").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", sha, "src", "sample_posts"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "src"


# -- one size ----------------------------------------------------------------------------------


class Bench:
    """Measures one corpus size; fills a result dict, recording why anything was not measured."""

    def __init__(self, size: int, opts: argparse.Namespace, env: dict, newsreader: list[str]) -> None:
        self.size, self.opts, self.env, self.newsreader = size, opts, env, newsreader
        self.r = blank_result(size)
        self.work = Path(opts.out) / f"work-{size}"
        self.cache = self.work / "cache"
        self.data = self.work / "data"
        self.corpus: Path | None = None
        self.newest_title = ""

    def skip(self, field: str, reason: str) -> None:
        """Record why a figure is null."""
        self.r["skipped"][field] = reason
        print(f"  [{self.size}] {field}: not measured ({reason})", file=sys.stderr)

    def log(self, text: str) -> None:
        print(f"  [{self.size}] {text}", file=sys.stderr, flush=True)

    def nr_args(self, *args: str) -> list[str]:
        return [*args, str(self.corpus), "--cache-dir", str(self.cache), "--data-dir", str(self.data)]

    def run(self) -> dict:
        """Every measurement, in an order that keeps each one's conditions clean."""
        started = time.perf_counter()
        self.r["measured"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        self.r["load_avg"]["before"] = [round(v, 2) for v in os.getloadavg()]
        self.gen()
        self.cold_index()
        if self.r["cold_index"]["seconds"] is not None:
            self.warm_refresh()
            self.oneshots()
            self.in_process()
            self.startups()
        else:
            for part in ("warm_refresh", "oneshot", "search", "article_open", "startup", "memory.tui"):
                self.skip(part, "the cold index failed")
        self.big_post()
        self.floor()
        self.r["load_avg"]["after"] = [round(v, 2) for v in os.getloadavg()]
        self.r["goals"] = report.evaluate(self.r)
        self.r["seconds_total"] = round(time.perf_counter() - started, 1)
        return self.r

    # 0. the corpus
    def gen(self) -> None:
        t = time.perf_counter()
        before = {p.name for p in generate.CORPORA.glob("n*")} if generate.CORPORA.is_dir() else set()
        self.corpus = generate.generate(self.size, self.opts.seed)
        manifest = json.loads((self.corpus / "manifest.json").read_text(encoding="utf-8"))
        c = self.r["corpus"]
        c.update(path=str(self.corpus), bytes=manifest["bytes"], files=manifest["size"])
        # What the reader shows first (post text: kept out of the published results).
        self.newest_title = manifest["newest_title"]
        if self.corpus.name not in before:
            c["generate_s"] = round(time.perf_counter() - t, 2)
        self.log(f"corpus {self.corpus.name}: {manifest['bytes'] / 1e6:.1f} MB")

    # 1. cold index
    def cold_index(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        t = measure.run_timed([*self.newsreader, *self.nr_args("index")], env=self.env)
        if t.returncode != 0:
            self.skip("cold_index", f"`newsreader index` failed: {t.stderr.strip()[-300:]}")
            self.skip("memory.index", "the cold index failed")
            return
        match = re.search(r"^([\d,]+) posts", t.stdout, re.MULTILINE)
        indexed = int(match.group(1).replace(",", "")) if match else None
        db = sum(f.stat().st_size for f in self.cache.glob("index-*.sqlite*"))
        self.r["cold_index"].update(seconds=round(t.seconds, 2), posts_per_s=round(self.size / t.seconds, 1),
                                    cpu_s=t.cpu_s, indexed=indexed, db_mb=round(db / 1e6, 1))
        # The two passes as the command reports them: every post listed and searchable, then the
        # numeric items (the process's start-up falls in the first).
        listed = re.search(r"skipped in ([\d.]+) s", t.stdout)
        items = re.search(r"^numeric items of [\d,]+ posts extracted in ([\d.]+) s", t.stdout, re.MULTILINE)
        if listed and items:
            listed_s = t.seconds - float(items.group(1))
            self.r["cold_index"].update(listed_s=round(listed_s, 2), listed_per_s=round(self.size / listed_s, 1),
                                        items_s=float(items.group(1)))
        else:
            self.skip("cold_index.listed_s", "`newsreader index` did not report its two passes")
        self.r["memory"].update(index_peak_rss_mb=t.max_rss_mb, index_tree_peak_rss_mb=t.tree_peak_mb)
        self.log(f"cold index {t.seconds:.1f} s ({self.size / t.seconds:,.0f} posts/s), {indexed} posts")

    # 2. warm refresh
    def warm_refresh(self) -> None:
        runs = []
        for _ in range(self.opts.trials):
            t = measure.run_timed([*self.newsreader, *self.nr_args("index")], env=self.env)
            if t.returncode == 0:
                runs.append(t.seconds)
        from newsreader.store.index import Index

        inproc, quick, unchanged = [], [], None
        for _ in range(self.opts.trials):
            index = Index([str(self.corpus)], self.cache)
            summary = index.refresh()
            index.close()
            inproc.append(summary.seconds)
            unchanged = summary.unchanged
            # What a one-shot command pays to notice that nothing changed: open the cache, the quick check.
            t = time.perf_counter()
            index = Index([str(self.corpus)], self.cache)
            index.refresh(quick=True)
            quick.append(time.perf_counter() - t)
            index.close()
        w = self.r["warm_refresh"]
        w.update(seconds=round(measure.percentile(inproc, 50), 3), unchanged=unchanged,
                 cli_seconds=round(measure.percentile(runs, 50), 3) if runs else None,
                 quick_s=round(measure.percentile(quick, 50), 4))
        self.log(f"warm refresh {w['seconds']} s in-process, {w['cli_seconds']} s whole process; "
                 f"quick check {w['quick_s']} s")

    # 2b. one-shot commands as processes, beside rg; start-up alone
    def oneshots(self) -> None:
        o, reps = self.r["oneshot"], self.opts.rg_reps
        o["startup"] = oneshot.startup_floor(self.newsreader, reps, self.env)
        if not shutil.which("rg"):
            self.skip("oneshot.classes.*.rg_s", "ripgrep (rg) is not installed")
        for key, (label, queries) in report.ONESHOT_CLASSES.items():
            entry = oneshot.measure_class(key, queries, lambda *a: [*self.newsreader, *self.nr_args(*a)],
                                          str(self.corpus / "_posts"), reps, self.env)
            o["classes"][key] = entry
            self.log(f"one-shot {label}: {entry['newsreader_s']} s, rg {entry['rg_s']} s ({entry['speedup']}×)")
        self.log(f"--version {o['startup']['version_s']} s, python -c pass {o['startup']['python_s']} s")

    # 4, 5. search and article open, in this process, on the warm index
    def in_process(self) -> None:
        from newsreader.store.index import Filter, Index

        index = Index([str(self.corpus)], self.cache)
        try:
            self.search(index, Filter)
            self.article_open(index)
        finally:
            index.close()

    def search(self, index, Filter) -> None:
        reps = self.opts.search_reps
        posts_dir = str(self.corpus / "_posts")
        rg = shutil.which("rg")
        if not rg:
            self.skip("search.*.rg", "ripgrep (rg) is not installed")
        for key, (label, queries) in report.QUERY_CLASSES.items():
            entry = self.r["search"][key]
            times, firsts, hits = [], [], {}
            for q in queries:
                for rep in range(reps + 1):
                    t = time.perf_counter()
                    ids = index.view(Filter(), q)
                    index.rows(ids[:LIST_PAGE])
                    elapsed = time.perf_counter() - t
                    (firsts if rep == 0 else times).append(elapsed)
                hits[q] = len(ids)
            entry.update(hits=hits, first_ms=round(max(firsts) * 1000, 2), **_p(times))
            if rg:
                rg_times, rg_hits = [], {}
                for q in queries:
                    for _ in range(self.opts.rg_reps):
                        t = time.perf_counter()
                        done = subprocess.run([rg, "-l", "-F", "--", q, posts_dir], capture_output=True)
                        rg_times.append(time.perf_counter() - t)
                    rg_hits[q] = len(done.stdout.splitlines())
                entry["rg"].update(hits=rg_hits, **_p(rg_times))
                if entry["p50_ms"] and entry["rg"]["p50_ms"]:
                    entry["speedup_p50"] = round(entry["rg"]["p50_ms"] / entry["p50_ms"], 1)
            self.log(f"search {label}: p50 {entry['p50_ms']} ms, p95 {entry['p95_ms']} ms, hits {hits}; "
                     f"rg p50 {entry['rg']['p50_ms']} ms")

    def article_open(self, index) -> None:
        from newsreader.article import load_article
        from newsreader.store.index import Filter

        rowids = index.view(Filter())
        sample = random.Random(self.opts.seed).sample(rowids, min(len(rowids), self.opts.articles))
        for rid in sample[:5]:  # warm the imports and caches
            load_article(index.get(rid), index).lines(ARTICLE_WIDTH)
        times = []
        for rid in sample:
            t = time.perf_counter()
            article = load_article(index.get(rid), index)
            article.lines(ARTICLE_WIDTH)
            times.append(time.perf_counter() - t)
        s = measure.summary_ms(times)
        self.r["article_open"].update(p50_ms=s["p50_ms"], p95_ms=s["p95_ms"], max_ms=s["max_ms"], n=s["n"])
        self.log(f"article open p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms")

    # 3, 6. start-up and the TUI's memory
    def startups(self) -> None:
        title = self.newest_title
        expect = title[:6]
        tui = [*self.newsreader, *self.nr_args()]
        empty = [sys.executable, str(BENCH / "empty_app.py")]
        st, mem, trials = self.r["startup"], self.r["memory"], self.opts.trials
        if "tmux" in self.opts.skip:
            self.skip("startup.tmux", "skipped (--skip tmux)")
        else:
            st["tmux"]["empty_app"] = startup.tmux_startup(empty, startup_ready_text(), trials, self.env,
                                                           size=TERMINAL, memory=True)
            st["tmux"]["newsreader"] = startup.tmux_startup(tui, expect, trials, self.env, size=TERMINAL,
                                                            memory=True)
            mem["tui_peak_rss_mb"] = st["tmux"]["newsreader"]["peak_rss_mb"]
            mem["empty_app_peak_rss_mb"] = st["tmux"]["empty_app"]["peak_rss_mb"]
        if "headless" in self.opts.skip:
            self.skip("startup.headless", "skipped (--skip headless)")
        else:
            st["headless"]["empty_app"] = startup.headless_startup("empty", [], startup_ready_text(), trials,
                                                                   self.env, size=TERMINAL)
            st["headless"]["newsreader"] = startup.headless_startup("newsreader", self.nr_args(), expect, trials,
                                                                    self.env, size=TERMINAL)
            mem["tui_headless_peak_rss_mb"] = st["headless"]["newsreader"]["peak_rss_mb"]
            if mem["empty_app_peak_rss_mb"] is None:
                mem["empty_app_peak_rss_mb"] = st["headless"]["empty_app"]["peak_rss_mb"]
        for mode, figure in (("tmux", "tui_peak_rss_mb"), ("headless", "tui_headless_peak_rss_mb")):
            s = st[mode]
            for who in ("newsreader", "empty_app"):
                if s[who]["error"]:
                    self.skip(f"startup.{mode}.{who}", s[who]["error"])
            if mem[figure] is None:
                self.skip(f"memory.{figure}", f"skipped (--skip {mode})" if mode in self.opts.skip
                          else f"the {mode} start-up did not finish")
            nr, base = s["newsreader"]["ready"]["median_s"], s["empty_app"]["ready"]["median_s"]
            if nr and base:
                s["ratio_ready"] = round(nr / base, 2)
            self.log(f"start-up {mode}: newsreader {nr} s, empty app {base} s, ratio {s['ratio_ready']}")

    # 5b. one 1 MB post
    def big_post(self) -> None:
        from newsreader.article import load_article
        from newsreader.corpus import load_paths
        from newsreader.render import layout, parse_body
        from newsreader.store.index import Filter, Index
        from newsreader.targets import extract

        path = generate.big_post(seed=self.opts.seed)
        posts, _ = load_paths([str(path)])
        post = posts[0]
        b = self.r["big_post"]
        t = time.perf_counter()
        doc = parse_body(post.body)
        t1 = time.perf_counter()
        layout(doc, ARTICLE_WIDTH)
        t2 = time.perf_counter()
        items = extract(doc.text, date=post.date, title=post.title)
        t3 = time.perf_counter()
        b.update(bytes=path.stat().st_size, chars=len(post.body), parse_ms=round((t1 - t) * 1000, 1),
                 layout_ms=round((t2 - t1) * 1000, 1), extract_ms=round((t3 - t2) * 1000, 1), items=len(items))
        with tempfile.TemporaryDirectory() as tmp:
            index = Index([str(path.parent.parent)], Path(tmp))
            index.refresh()
            row = index.rows(index.view(Filter()))[0]
            t = time.perf_counter()
            load_article(row, index).lines(ARTICLE_WIDTH)
            b["open_ms"] = round((time.perf_counter() - t) * 1000, 1)
            index.close()
        self.log(f"1 MB post: parse {b['parse_ms']} ms, layout {b['layout_ms']} ms, extract {b['extract_ms']} ms, "
                 f"open {b['open_ms']} ms")

    # 7. the floor: cat, and jekyll build
    def floor(self) -> None:
        f = self.r["floor"]
        posts_dir = self.corpus / "_posts"
        cat = measure.run_timed(["bash", "-c", 'find "$1" -type f -print0 | xargs -0 cat > /dev/null', "cat",
                                 str(posts_dir)])
        f["cat_s"] = round(cat.seconds, 3)
        self.log(f"cat {f['cat_s']} s")
        if self.opts.reuse_jekyll and self.reuse_jekyll():
            return
        if "jekyll" in self.opts.skip:
            self.skip("floor.jekyll", "skipped (--skip jekyll)")
            return
        if self.opts.quick:
            self.skip("floor.jekyll", "skipped (--quick)")
            return
        if not shutil.which("jekyll"):
            self.skip("floor.jekyll", "jekyll is not installed (Debian package `jekyll`)")
            return
        self.jekyll(self.corpus)

    def reuse_jekyll(self) -> bool:
        """Take the jekyll figures of an earlier run on the same corpus (they do not depend on newsreader):
        this run's folder first, else the published results. A corpus is the same when its folder's
        name is (the name holds the size, the seed and the hash of the templates and generator)."""
        for previous in (Path(self.opts.out) / f"size-{self.size}.json", BENCH / "results" / "latest.json"):
            try:
                old = json.loads(previous.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            old = old.get("sizes", {}).get(str(self.size), {}) if "sizes" in old else old
            if Path(old.get("corpus", {}).get("path") or "").name != self.corpus.name:
                continue
            figures = {k: v for k, v in old.get("floor", {}).items() if k in self.r["floor"] and k.startswith("jekyll")}
            if not any(figures.values()):
                continue
            self.r["floor"].update(figures)
            self.r["floor"]["jekyll_reused_from"] = (figures.get("jekyll_reused_from") or old.get("measured")
                                                     or old.get("newsreader_commit"))
            for key, reason in old.get("skipped", {}).items():
                if key == "floor.jekyll" or key.removeprefix("floor.") in figures:
                    self.r["skipped"][key] = reason
            self.log(f"jekyll figures reused from {previous}")
            return True
        return False

    def jekyll(self, source: Path) -> None:
        """Time `jekyll build` of the corpus (a site without layouts: the cheapest build of these posts)."""
        f = self.r["floor"]
        site = self.work / "jekyll-site"
        shutil.rmtree(site, ignore_errors=True)
        try:
            t = measure.run_timed(["jekyll", "build", "--quiet", "--disable-disk-cache", "-s", str(source),
                                   "-d", str(site)], env=self.env, timeout=self.opts.jekyll_timeout)
        except TimeoutError as exc:
            self.skip("floor.jekyll_s", f"{exc}: stopped")
            f["jekyll_stopped_after_s"] = self.opts.jekyll_timeout
            return
        finally:
            shutil.rmtree(site, ignore_errors=True)
        if t.returncode != 0:
            self.skip("floor.jekyll_s", f"jekyll build failed: {(t.stderr or t.stdout).strip()[-300:]}")
            return
        f.update(jekyll_s=round(t.seconds, 2), jekyll_cpu_s=t.cpu_s, jekyll_peak_rss_mb=t.max_rss_mb)
        self.log(f"jekyll build: {t.seconds:.1f} s")


def startup_ready_text() -> str:
    """The text the empty app shows."""
    from empty_app import READY_TEXT

    return READY_TEXT


def _p(seconds: list[float]) -> dict:
    s = measure.summary_ms(seconds)
    return {"p50_ms": s["p50_ms"], "p95_ms": s["p95_ms"]}


# -- the whole run -----------------------------------------------------------------------------


def combine(out: Path, mach: dict, config: dict) -> dict:
    """Every size saved in OUT, with the machine and configuration."""
    sizes = {}
    for path in sorted(out.glob("size-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        sizes[str(data["posts"])] = data
    return {"schema": SCHEMA, "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": mach, "config": config,
            "goals": {k: {"goal": text, "op": op, "limit": limit, "unit": unit}
                      for k, text, _, op, limit, unit in report.GOALS},
            "sizes": {k: sizes[k] for k in sorted(sizes, key=int)}}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark newsreader at several archive sizes.")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated post counts (default: 1000,20000,100000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus generator seed")
    parser.add_argument("--out", default=str(BENCH / "out"), help="results folder (default: bench/out)")
    parser.add_argument("--quick", action="store_true", help="few repetitions, no jekyll: a smoke run")
    parser.add_argument("--skip", default="", help="comma-separated: tmux, headless, jekyll")
    parser.add_argument("--corpora", help="where generated corpora are cached (default: bench/corpora)")
    parser.add_argument("--rev", help="measure this commit's src/ (extracted under OUT) instead of the "
                                      "installed working tree")
    parser.add_argument("--trials", type=int, help="start-up and warm-refresh trials (default 5; quick 1)")
    parser.add_argument("--jekyll-timeout", type=float, default=3600,
                        help="stop jekyll after this many seconds and report it as slower (default 3600)")
    parser.add_argument("--reuse-jekyll", action="store_true",
                        help="take the jekyll figures from OUT/size-N.json when it measured the same corpus")
    parser.add_argument("--publish", action="store_true", help="also write bench/results/latest.{md,json} and the README table")
    opts = parser.parse_args(argv)
    opts.sizes = [int(s) for s in opts.sizes.split(",") if s.strip()]
    opts.skip = {s.strip() for s in opts.skip.split(",") if s.strip()}
    opts.trials = opts.trials or (1 if opts.quick else 5)
    opts.search_reps = 2 if opts.quick else 20
    opts.rg_reps = 1 if opts.quick else 5
    opts.articles = 20 if opts.quick else 300
    return opts


README = BENCH.parent / "README.md"
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"


def publish_readme(table: str) -> None:
    """Put the latest table into the README's Performance section, between its two markers."""
    text = README.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        print(f"README.md has no {README_START} … {README_END} block: not updated", file=sys.stderr)
        return
    block = f"{README_START}\n{table.strip()}\n{README_END}"
    README.write_text(text[:start] + block + text[end + len(README_END):], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Measure each size, save it, and write the combined table and JSON."""
    opts = parse_args(argv)
    if opts.corpora:
        generate.CORPORA = Path(opts.corpora).resolve()
    out = Path(opts.out).resolve()
    opts.out = str(out)
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    # Measured as installed: with its bytecode compiled (as pip compiles it), not compiled at each start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name in ("CACHE", "DATA"):
        env.pop(f"NEWSREADER_{name}_DIR", None)  # the benchmark passes its own folders
    env["NEWSREADER_CONFIG_DIR"] = env["XDG_CONFIG_HOME"] = str(out / "xdg-config")  # no user config.toml
    commit = git_commit(opts.rev)
    if opts.rev:
        src = snapshot(opts.rev, out)
        env["PYTHONPATH"] = os.pathsep.join([str(src), *filter(None, [env.get("PYTHONPATH")])])
        sys.path.insert(0, str(src))
    import newsreader

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(newsreader.__file__).parent)], env=env,
                   stdout=subprocess.DEVNULL, check=False)
    print(f"newsreader {newsreader.__version__} from {Path(newsreader.__file__).parent} ({commit})", file=sys.stderr)
    beside = Path(sys.executable).with_name("newsreader")
    newsreader_cmd = [str(beside)] if beside.exists() else [sys.executable, "-m", "newsreader"]
    mach = machine()
    config = {"seed": opts.seed, "quick": opts.quick, "trials": opts.trials, "search_reps": opts.search_reps,
              "rg_reps": opts.rg_reps, "articles": opts.articles, "terminal": list(TERMINAL),
              "article_width": ARTICLE_WIDTH, "list_page": LIST_PAGE,
              "sources": [str(s) for s in generate.default_sources()],
              "queries": {k: q for k, (_, q) in report.QUERY_CLASSES.items()}}
    for size in opts.sizes:
        print(f"== {size:,} posts", file=sys.stderr, flush=True)
        result = Bench(size, opts, env, newsreader_cmd).run()
        result["newsreader_commit"] = commit
        (out / f"size-{size}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        shutil.rmtree(out / f"work-{size}" / "jekyll-site", ignore_errors=True)
    data = combine(out, mach, config)
    text = report.markdown(data)
    (out / "results.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "results.md").write_text(text, encoding="utf-8")
    if opts.publish:
        results = BENCH / "results"
        results.mkdir(exist_ok=True)
        (results / "latest.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        (results / "latest.md").write_text(text, encoding="utf-8")
        publish_readme(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
