"""Smoke run of bench/reader_dense.py on small dense posts: it works and reports every figure.

How fast the reader opens them is not checked here (figures are measured in bench/, never asserted).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OPENING = {"article_ms", "panel_ms", "settled_ms", "stall_ms", "items", "bytes"}
STEPPING = {"step_ms", "step_stall_ms", "steps_settled_ms"}


def test_the_dense_reader_bench_reports_every_post() -> None:
    done = subprocess.run([sys.executable, str(REPO / "bench" / "reader_dense.py"), "--chars", "20000",
                           "--repeat", "1"], capture_output=True, text=True, timeout=600, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(done.stdout)
    posts = data["posts"]
    assert set(posts) == {"ordinary_short", "ordinary_report", "one_sentence", "dense_paragraphs",
                          "flat_rates_table"}
    for name, figures in posts.items():
        assert OPENING <= set(figures), name
        assert all(isinstance(figures[k], (int, float)) and figures[k] >= 0 for k in OPENING), name
        assert figures["panel_ms"] >= figures["article_ms"] - 0.1 and figures["settled_ms"] >= figures["panel_ms"]
        if figures["items"] > 20:  # moving through the panel is measured where there are items to move through
            assert STEPPING <= set(figures), name
    assert posts["one_sentence"]["items"] > posts["ordinary_short"]["items"] > 0
