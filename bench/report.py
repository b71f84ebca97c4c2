"""The benchmark's goals, and its results as a Markdown table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

QUERY_CLASSES = {
    "zh2": ("2-character Chinese", ["就业", "银行", "港口"]),
    "zh4": ("4-character Chinese", ["营业收入", "城镇新增", "政府工作"]),
    "number_pct": ("number with %", ["6.8%", "5.5%", "12%"]),
    "english": ("English word", ["growth", "revenue", "port"]),
    "no_hits": ("no hits", ["量子引力波", "无此检索词", "zyxwvq"]),
}
# One-shot commands are timed for every search class, and for a category and a metric filter
# (`rg` is given the same words: a category's name is what one would grep the front matter for).
FILTER_CLASSES = {
    "category": ("`list --category`", ["caijing", "difang", "qiche"]),
    "metric": ("`targets --metric`", ["地区生产总值", "城镇新增就业", "港口货物吞吐量"]),
}
ONESHOT_CLASSES = {**{k: (f"`search` {label}", q) for k, (label, q) in QUERY_CLASSES.items()}, **FILTER_CLASSES}


def _get(result: dict, *path: str):
    """result[path[0]][path[1]]..., or None when any step is missing or None."""
    value = result
    for key in path:
        if not isinstance(value, dict) or value.get(key) is None:
            return None
        value = value[key]
    return value


def _worst(values: list, pick: Callable) -> float | None:
    """The worst of the values, or None when any is unknown (a goal is met only when all are)."""
    return None if not values or any(v is None for v in values) else pick(values)


def _search_p95(r: dict) -> float | None:
    return _worst([_get(r, "search", c, "p95_ms") for c in QUERY_CLASSES], max)


def _search_speedup(r: dict) -> float | None:
    return _worst([_get(r, "search", c, "speedup_p50") for c in QUERY_CLASSES], min)


def _oneshot_speedup(r: dict) -> float | None:
    return _worst([_get(r, "oneshot", "classes", c, "speedup") for c in ONESHOT_CLASSES], min)


def _cache_ratio(r: dict) -> float | None:
    db, corpus = _get(r, "cold_index", "db_mb"), _get(r, "corpus", "bytes")
    return round(db / (corpus / 1e6), 2) if db and corpus else None


# The cold index (whole process) measured on 2026-11-29 (newsreader c29164d), before its two passes.
COLD_INDEX_BEFORE_S = {1000: 2.61, 20000: 53.2, 100000: 242.5}


def _vs_before(r: dict) -> float | None:
    before, now = COLD_INDEX_BEFORE_S.get(r["posts"]), _get(r, "cold_index", "seconds")
    return round(now / before, 2) if before and now else None


def _vs_jekyll(r: dict) -> float | None:
    """Jekyll's time ÷ the cold index's; a jekyll stopped at its time limit counts as that limit (a lower bound)."""
    jekyll = _get(r, "floor", "jekyll_s") or _get(r, "floor", "jekyll_stopped_after_s")
    cold = _get(r, "cold_index", "seconds")
    return round(jekyll / cold, 2) if jekyll and cold else None


def _tui_rss(r: dict) -> float | None:
    return _get(r, "memory", "tui_peak_rss_mb") or _get(r, "memory", "tui_headless_peak_rss_mb")


# (key, description, value, comparison, limit, unit)
GOALS: list[tuple[str, str, Callable[[dict], float | None], str, float, str]] = [
    ("startup_tmux", "start-up to a populated list ≤ 1.5× the empty Textual app (tmux)",
     lambda r: _get(r, "startup", "tmux", "ratio_ready"), "<=", 1.5, "×"),
    ("startup_headless", "start-up to a populated list ≤ 1.5× the empty Textual app (headless)",
     lambda r: _get(r, "startup", "headless", "ratio_ready"), "<=", 1.5, "×"),
    ("search_p95", "search p95 ≤ 20 ms for every query class", _search_p95, "<=", 20, "ms"),
    ("search_vs_rg", "search ≥ 10× faster than `rg -l -F` (p50, every class)", _search_speedup, ">=", 10, "×"),
    ("cold_index_rate", "cold index, every post listed and searchable ≥ 2,000 posts/s",
     lambda r: _get(r, "cold_index", "listed_per_s"), ">=", 2000, "posts/s"),
    ("cold_index_items", "cold index with every post's numeric items ≤ half the time of 2026-11-29 (the time ÷ then)",
     _vs_before, "<=", 0.5, "×"),
    ("cold_index_vs_jekyll", "cold index faster than `jekyll build` (jekyll's time ÷ the index's)", _vs_jekyll,
     ">", 1, "×"),
    ("warm_refresh", "warm refresh with nothing changed ≤ 2 s (`newsreader index`, whole process)",
     lambda r: _get(r, "warm_refresh", "cli_seconds"), "<=", 2, "s"),
    ("quick_check", "noticing that nothing changed ≤ 0.15 s (open the cache and check, in-process)",
     lambda r: _get(r, "warm_refresh", "quick_s"), "<=", 0.15, "s"),
    ("oneshot_vs_rg", "one-shot `search`, `list --category`, `targets --metric` ≥ 5× faster than `rg -l -F` "
     "(whole process, every class)", _oneshot_speedup, ">=", 5, "×"),
    ("version", "`newsreader --version` ≤ 2× `python -c pass`", lambda r: _get(r, "oneshot", "startup", "ratio"),
     "<=", 2, "×"),
    ("cache_ratio", "cache file ≤ 1.5× the archive", _cache_ratio, "<=", 1.5, "×"),
    ("article_open_p95", "article open p95 ≤ 30 ms", lambda r: _get(r, "article_open", "p95_ms"), "<=", 30, "ms"),
    ("tui_peak_rss", "peak memory of the TUI ≤ 250 MB", _tui_rss, "<=", 250, "MB"),
]


def evaluate(result: dict) -> dict:
    """Every goal's value, limit and whether it is met (None: not measured)."""
    out = {}
    for key, text, value_of, op, limit, unit in GOALS:
        value = value_of(result)
        met = None
        if value is not None:
            met = {"<=": value <= limit, ">=": value >= limit, ">": value > limit}[op]
        out[key] = {"goal": text, "value": value, "limit": limit, "op": op, "unit": unit, "met": met}
    return out


def _fmt(value, digits: int = 2, suffix: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        text = f"{value:,.{digits}f}"
    else:
        text = f"{value:,}"
    return text + suffix


def _ms(value) -> str:
    return _fmt(value, 1 if value is not None and value >= 10 else 2)


def _s(value) -> str:
    return _fmt(value, 2 if value is not None and value < 10 else 1)


def _pair(a, b, fmt=_ms) -> str:
    return f"{fmt(a)} / {fmt(b)}"


def table_rows(sizes: list[dict]) -> list[tuple[str, list[str]]]:
    """(label, one cell per size) for every measured figure."""
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, cell: Callable[[dict], str]) -> None:
        rows.append((label, [cell(r) for r in sizes]))

    row("load average (1 min) before → after the size's run",
        lambda r: " → ".join(_fmt(v[0], 1) if v else "–" for v in (r["load_avg"]["before"], r["load_avg"]["after"])))
    row("corpus size (MB)", lambda r: _fmt(r["corpus"]["bytes"] / 1e6 if r["corpus"]["bytes"] else None, 1))
    row("**cold index**: seconds", lambda r: _s(r["cold_index"]["seconds"]))
    row("cold index: posts/s", lambda r: _fmt(r["cold_index"]["posts_per_s"], 0))
    row("cold index, first pass (every post listed and searchable): s (posts/s)",
        lambda r: f"{_s(_get(r, 'cold_index', 'listed_s'))} ({_fmt(_get(r, 'cold_index', 'listed_per_s'), 0)})")
    row("cold index, second pass (numeric items): s", lambda r: _s(_get(r, "cold_index", "items_s")))
    row("cold index: CPU seconds, all processes (posts per CPU-second)",
        lambda r: f"{_s(r['cold_index'].get('cpu_s'))} ({_fmt(_per(r['posts'], r['cold_index'].get('cpu_s')), 0)})")
    row("cache file (MB)", lambda r: _fmt(r["cold_index"]["db_mb"], 1))
    row("cache file ÷ corpus", lambda r: _fmt(_cache_ratio(r), 2, "×"))
    row("**warm refresh**, nothing changed: `Index.refresh()` s", lambda r: _s(r["warm_refresh"]["seconds"]))
    row("warm `newsreader index`, whole process: s", lambda r: _s(r["warm_refresh"]["cli_seconds"]))
    row("**nothing changed?** quick check (open the cache, stat its folders), in-process: ms",
        lambda r: _ms(_scaled(_get(r, "warm_refresh", "quick_s"), 1000)))
    row("**start-up alone**: `newsreader --version` / `python -c pass`, whole process: ms (ratio)",
        lambda r: _versus(r, ("oneshot", "startup", "version_s"), ("oneshot", "startup", "python_s"),
                          ("oneshot", "startup", "ratio")))
    for key, (label, _queries) in ONESHOT_CLASSES.items():
        row(f"**one-shot** {label}, whole process: newsreader / `rg -l -F` ms (rg ÷ newsreader)",
            lambda r, k=key: _versus(r, ("oneshot", "classes", k, "newsreader_s"), ("oneshot", "classes", k, "rg_s"),
                                     ("oneshot", "classes", k, "speedup")))
    for mode in ("tmux", "headless"):
        row(f"**start-up ({mode})**, newsreader: first paint / list populated, s",
            lambda r, m=mode: _pair(_get(r, "startup", m, "newsreader", "first_paint", "median_s"),
                                    _get(r, "startup", m, "newsreader", "ready", "median_s"), _s))
        row(f"start-up ({mode}), empty Textual app: first paint, s",
            lambda r, m=mode: _s(_get(r, "startup", m, "empty_app", "ready", "median_s")))
        row(f"start-up ({mode}): list populated ÷ empty app",
            lambda r, m=mode: _fmt(_get(r, "startup", m, "ratio_ready"), 2, "×"))
    for key, (label, _queries) in QUERY_CLASSES.items():
        row(f"**search** {label}: p50 / p95 ms (hits)",
            lambda r, k=key: f"{_pair(_get(r, 'search', k, 'p50_ms'), _get(r, 'search', k, 'p95_ms'))} "
                             f"({_hits(_get(r, 'search', k, 'hits'))})")
        row(f"`rg -l -F` {label}: p50 ms (files)",
            lambda r, k=key: f"{_ms(_get(r, 'search', k, 'rg', 'p50_ms'))} "
                             f"({_hits(_get(r, 'search', k, 'rg', 'hits'))})")
        row(f"search {label}: rg ÷ newsreader (p50)",
            lambda r, k=key: _fmt(_get(r, "search", k, "speedup_p50"), 1, "×"))
    row("**article open** (read, render, items from index, lay out): p50 / p95 ms",
        lambda r: _pair(r["article_open"]["p50_ms"], r["article_open"]["p95_ms"]))
    row("1 MB post: parse / lay out / extract targets, ms",
        lambda r: f"{_ms(r['big_post']['parse_ms'])} / {_ms(r['big_post']['layout_ms'])} / "
                  f"{_ms(r['big_post']['extract_ms'])}")
    row("1 MB post: open from the index (read, parse, items, lay out), ms", lambda r: _ms(r["big_post"]["open_ms"]))
    row("**peak RSS**, TUI with the list loaded (tmux / headless), MB",
        lambda r: _pair(r["memory"]["tui_peak_rss_mb"], r["memory"]["tui_headless_peak_rss_mb"],
                        lambda v: _fmt(v, 0)))
    row("peak RSS, empty Textual app, MB", lambda r: _fmt(r["memory"]["empty_app_peak_rss_mb"], 0))
    row("peak RSS, `newsreader index` (largest process / whole tree), MB",
        lambda r: _pair(r["memory"]["index_peak_rss_mb"], r["memory"]["index_tree_peak_rss_mb"],
                        lambda v: _fmt(v, 0)))
    row("**floor**: `cat` every file once, s", lambda r: _s(r["floor"]["cat_s"]))
    row("`jekyll build` of the same posts: s (posts/s)", _jekyll_cell)
    row("`jekyll build`: peak RSS, MB", lambda r: _fmt(r["floor"]["jekyll_peak_rss_mb"], 0))
    return rows


def _versus(r: dict, ours: tuple[str, ...], theirs: tuple[str, ...], ratio: tuple[str, ...]) -> str:
    """`ours / theirs ms (ratio×)` from figures in seconds."""
    return (f"{_pair(_scaled(_get(r, *ours), 1000), _scaled(_get(r, *theirs), 1000))} "
            f"({_fmt(_get(r, *ratio), 2, '×')})")


def _scaled(value: float | None, factor: float) -> float | None:
    return None if value is None else value * factor


def _per(n: int, seconds: float | None) -> float | None:
    return n / seconds if seconds else None


def _jekyll_cell(r: dict) -> str:
    stopped = r["floor"].get("jekyll_stopped_after_s")
    if stopped:
        return f"> {stopped:,.0f} (stopped)"
    seconds = r["floor"]["jekyll_s"]
    return f"{_s(seconds)} ({_fmt(r['posts'] / seconds, 0)})" if seconds else "–"


def _hits(hits: dict | None) -> str:
    if not hits:
        return "–"
    return ", ".join(_fmt(v) for v in hits.values())


def _finished(result: dict) -> str:
    """When a size's run ended: its start (`measured`, to the minute) plus its duration."""
    start = datetime.strptime(result["measured"], "%Y-%m-%d %H:%M UTC")
    end = start + timedelta(seconds=result.get("seconds_total") or 0)
    return end.strftime("%Y-%m-%d %H:%M UTC")


def markdown(data: dict) -> str:
    """The results (every size) as Markdown: figures, goals at the largest size, machine, skipped parts."""
    sizes = [data["sizes"][k] for k in sorted(data["sizes"], key=int)]
    if not sizes:
        return "No results yet.\n"
    m = data["machine"]
    starts = sorted(r["measured"] for r in sizes if r.get("measured")) or [data["generated"]]
    ends = sorted(_finished(r) for r in sizes if r.get("measured"))
    span = f"{starts[0]} to {ends[-1]}" if ends and ends[-1] != starts[0] else starts[0]
    lines = [f"Measured {span} on {m['cpu']} ({m['nproc']} cores), {m['ram_gb']} GB RAM, "
             f"{m['os']}; Python {m['python']}, SQLite {m['sqlite']}, Textual {m['textual']}, Rich {m['rich']}; "
             f"newsreader {_commits(sizes)}; ripgrep {m['ripgrep'] or '–'}, jekyll {m['jekyll'] or '–'}, "
             f"tmux {m['tmux'] or '–'}.", ""]
    header = ["", *[f"{r['posts']:,} posts" for r in sizes]]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for label, cells in table_rows(sizes):
        lines.append("| " + " | ".join([label, *cells]) + " |")
    largest = sizes[-1]
    lines += ["", f"Goals at {largest['posts']:,} posts:", "", "| goal | measured | met |", "|---|---|---|"]
    for goal in largest["goals"].values():
        mark = {True: "yes", False: "**no**", None: "not measured"}[goal["met"]]
        lines.append(f"| {goal['goal']} | {_fmt(goal['value'], 2, ' ' + goal['unit'])} | {mark} |")
    notes = [(r["posts"], k, v) for r in sizes for k, v in r["skipped"].items()]
    notes += [(r["posts"], "floor.jekyll", f"figures reused from the run of {r['floor']['jekyll_reused_from']} "
                                          "(same corpus; jekyll does not depend on newsreader)")
              for r in sizes if r["floor"].get("jekyll_reused_from")]
    if notes:
        lines += ["", "Notes:", ""]
        lines += [f"- {n:,} posts, {k}: {v}" for n, k, v in notes]
    queries = "; ".join(f"{label}: {', '.join(q)}" for label, q in ONESHOT_CLASSES.values())
    lines += ["", f"Queries — {queries}.", ""]
    return "\n".join(lines)


def _commits(sizes: list[dict]) -> str:
    commits = sorted({r["newsreader_commit"] for r in sizes})
    return ", ".join(commits)
