"""Smoke run of the benchmark at 1,000 posts: it works and its JSON has every field.

How fast anything is, is not checked here (figures are measured in bench/, never asserted).
"""

from __future__ import annotations

import fnmatch
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"

STARTUP_FIELDS = {"first_paint": {"median_s", "min_s", "max_s"}, "ready": {"median_s", "min_s", "max_s"},
                  "peak_rss_mb": None, "trials": None, "error": None,
                  "phases": {"process_start_s", "imported_s", "run_called_s"}}
SEARCH_CLASS = {"queries": None, "hits": None, "p50_ms": None, "p95_ms": None, "first_ms": None,
                "rg": {"p50_ms", "p95_ms", "hits"}, "speedup_p50": None}
# Every field a size's result must have (None: a leaf; a set: a dict of leaves).
SIZE_FIELDS = {
    "posts": None, "measured": None, "newsreader_commit": None, "seconds_total": None, "load_avg": {"before", "after"},
    "corpus": {"path", "bytes", "files", "generate_s"},
    "cold_index": {"seconds", "posts_per_s", "cpu_s", "indexed", "db_mb"},
    "warm_refresh": {"seconds", "cli_seconds", "unchanged"},
    "startup": {mode: {"newsreader": STARTUP_FIELDS, "empty_app": STARTUP_FIELDS, "ratio_ready": None}
                for mode in ("tmux", "headless")},
    "search": dict.fromkeys(("zh2", "zh4", "number_pct", "english", "no_hits"), SEARCH_CLASS),
    "article_open": {"p50_ms", "p95_ms", "max_ms", "n", "width"},
    "big_post": {"bytes", "chars", "parse_ms", "layout_ms", "extract_ms", "items", "open_ms"},
    "memory": {"tui_peak_rss_mb", "tui_headless_peak_rss_mb", "empty_app_peak_rss_mb", "index_peak_rss_mb",
               "index_tree_peak_rss_mb"},
    "floor": {"cat_s", "jekyll_s", "jekyll_cpu_s", "jekyll_peak_rss_mb", "jekyll_stopped_after_s",
              "jekyll_reused_from"},
    "goals": {"startup_tmux", "startup_headless", "search_p95", "search_vs_rg", "cold_index_rate",
              "cold_index_vs_jekyll", "warm_refresh", "article_open_p95", "tui_peak_rss"},
    "skipped": None,
}
# The headline figures: each is a number, or null with a reason in `skipped`.
FIGURES = ["cold_index.seconds", "cold_index.posts_per_s", "warm_refresh.seconds", "warm_refresh.cli_seconds",
           "article_open.p95_ms", "big_post.open_ms", "floor.cat_s", "floor.jekyll_s",
           "memory.tui_peak_rss_mb", "memory.tui_headless_peak_rss_mb", "memory.index_peak_rss_mb",
           *[f"startup.{m}.{w}.ready.median_s" for m in ("tmux", "headless") for w in ("newsreader", "empty_app")],
           *[f"search.{k}.{f}" for k in SIZE_FIELDS["search"] for f in ("p50_ms", "p95_ms", "rg.p50_ms")]]


def missing_fields(data: dict, spec: dict, where: str = "") -> list[str]:
    """Dotted paths of `spec` that `data` lacks."""
    out = []
    for key, sub in spec.items():
        path = f"{where}{key}"
        if not isinstance(data, dict) or key not in data:
            out.append(path)
        elif isinstance(sub, dict):
            out += missing_fields(data[key], sub, path + ".")
        elif isinstance(sub, set):
            out += [f"{path}.{leaf}" for leaf in sorted(sub) if not isinstance(data[key], dict)
                    or leaf not in data[key]]
    return out


def lookup(data: dict, path: str):
    for key in path.split("."):
        data = data[key]
    return data


@pytest.fixture(scope="module")
def smoke(tmp_path_factory) -> tuple[dict, str]:
    out = tmp_path_factory.mktemp("bench-out")
    corpora = tmp_path_factory.mktemp("bench-corpora")
    done = subprocess.run([sys.executable, str(BENCH / "run.py"), "--sizes", "1000", "--quick", "--out", str(out),
                           "--corpora", str(corpora)], capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return data, (out / "results.md").read_text(encoding="utf-8")


def test_json_has_every_field(smoke):
    data, _ = smoke
    assert {"schema", "generated", "machine", "config", "goals", "sizes"} <= set(data)
    assert {"nproc", "cpu", "ram_gb", "python", "sqlite", "textual", "rich", "ripgrep", "jekyll",
            "tmux"} <= set(data["machine"])
    assert list(data["sizes"]) == ["1000"]
    size = data["sizes"]["1000"]
    assert missing_fields(size, SIZE_FIELDS) == []
    for goal in size["goals"].values():
        assert {"goal", "value", "limit", "met"} <= set(goal)


def test_every_figure_is_measured_or_explained(smoke):
    data, _ = smoke
    size = data["sizes"]["1000"]
    for path in FIGURES:
        value = lookup(size, path)
        if value is None:
            reasons = [k for k in size["skipped"] if fnmatch.fnmatch(path, k + "*")]
            assert reasons, f"{path} is null without a reason in `skipped`"
        else:
            assert isinstance(value, (int, float)) and value >= 0, path


def test_index_and_search_ran_on_the_generated_posts(smoke):
    data, _ = smoke
    size = data["sizes"]["1000"]
    assert size["corpus"]["files"] == 1000
    assert size["cold_index"]["indexed"] == 1000
    assert size["warm_refresh"]["unchanged"] == 1000
    # A realistic corpus: common words hit some posts, the no-hit queries none.
    assert all(n > 0 for n in size["search"]["zh2"]["hits"].values())
    assert all(n == 0 for n in size["search"]["no_hits"]["hits"].values())
    assert size["skipped"].get("floor.jekyll") == "skipped (--quick)"


def test_markdown_table_lists_the_size_and_the_goals(smoke):
    _, text = smoke
    assert "| 1,000 posts |" in text
    assert "Goals at 1,000 posts" in text
    assert "cold index" in text


# -- the corpus generator ------------------------------------------------------------------


@pytest.fixture()
def generate(monkeypatch, tmp_path):
    monkeypatch.syspath_prepend(str(BENCH))
    import generate as module

    monkeypatch.setattr(module, "CORPORA", tmp_path / "corpora")
    return module


def test_generator_is_deterministic_and_varied(generate):
    from newsreader.corpus import load_paths

    first = generate.generate(300, seed=7)
    again = generate.generate(300, seed=7, force=True)
    other = generate.generate(300, seed=8)
    names = sorted(p.name for p in (first / "_posts").iterdir())
    assert len(names) == len(set(names)) == 300
    assert all((first / "_posts" / n).read_bytes() == (again / "_posts" / n).read_bytes() for n in names)
    assert sorted(p.name for p in (other / "_posts").iterdir()) != names
    posts, skipped = load_paths([str(first)])
    assert skipped == [] and len(posts) == 300
    assert len({p.title for p in posts}) == 300
    assert len({p.date.year for p in posts}) >= 10
    assert len({c for p in posts for c in p.categories}) == 12
    assert len({t for p in posts for t in p.tags}) == 12
    assert all(p.date is not None and p.name.startswith(p.date.strftime("%Y-%m-%d")) for p in posts)


def test_generator_changes_figures_but_not_markup(generate):
    import random

    text = '<p class="h1">增长6.8%，<a href="http://x.cn/2024/123.html">链接</a></p>&#12345;到2025年'
    varied = generate.vary_numbers(text, random.Random(1), share=1.0)
    assert varied != text
    assert 'class="h1"' in varied and 'href="http://x.cn/2024/123.html"' in varied and "&#12345;" in varied
    assert "到2025年" in varied  # years stay


def test_big_post_is_about_one_megabyte(generate):
    path = generate.big_post(1 << 20)
    assert (1 << 20) <= path.stat().st_size < (1 << 20) + 64 * 1024


# -- publishing ------------------------------------------------------------------------------


def test_publish_replaces_only_the_readme_block(monkeypatch, tmp_path):
    monkeypatch.syspath_prepend(str(BENCH))
    import run

    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\nbefore\n{run.README_START}\nold table\n{run.README_END}\nafter\n", encoding="utf-8")
    monkeypatch.setattr(run, "README", readme)
    run.publish_readme("| new | table |\n")
    text = readme.read_text(encoding="utf-8")
    assert "old table" not in text
    assert f"before\n{run.README_START}\n| new | table |\n{run.README_END}\nafter\n" in text


def test_readme_shows_the_published_table():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    latest = (BENCH / "results" / "latest.md").read_text(encoding="utf-8").strip()
    block = readme.split("<!-- bench:start -->\n", 1)[1].split("\n<!-- bench:end -->", 1)[0]
    assert block == latest
