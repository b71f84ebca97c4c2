"""End to end: the installed `newsreader` command in a real terminal (tmux) on the sample posts.

It types `/` and a Chinese query, opens an article and presses `t`, reading the screen with
`tmux capture-pane`; at 120×40 a 25-character Chinese title shows whole in the list beside an
open article. Waiting is polling for expected text under a generous deadline.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import installed_command

DEADLINE = 60.0  # seconds allowed for each expected screen (a slow CI machine is fine)

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    """One tmux server of our own (its own socket), so no user session is touched."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True, capture_output=True,
                              text=True).stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "reader", *(["-l"] if literal else []), *keys)

    def alive(self) -> bool:
        """Whether the reader's session still runs (its server ends with it)."""
        done = subprocess.run(["tmux", "-L", self.socket, "has-session", "-t", "reader"], capture_output=True)
        return done.returncode == 0

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "reader")

    def wait_for(self, *needles: str) -> str:
        """Poll the screen until every needle shows (fails with the last screen after the deadline)."""
        end = time.monotonic() + DEADLINE
        while True:
            text = self.screen()
            if all(needle in text for needle in needles):
                return text
            if time.monotonic() > end:
                raise AssertionError(f"{needles!r} never appeared; the screen was:\n{text}")
            time.sleep(0.2)


@pytest.fixture
def tmux(tmp_path: Path):
    server = Tmux(f"newsreader-test-{os.getpid()}-{tmp_path.name}")
    yield server
    subprocess.run(["tmux", "-L", server.socket, "kill-server"], capture_output=True)


def _command(source: Path) -> str:
    env = {name: os.environ[name] for name in ("NEWSREADER_CACHE_DIR", "NEWSREADER_DATA_DIR",
                                               "NEWSREADER_CONFIG_DIR")}
    # (-u: when tmux is started without a terminal, as under pytest, its panes get COLUMNS=80 LINES=24,
    # which would override the pane's real size)
    return " ".join([
        "env", "-u", "COLUMNS", "-u", "LINES", *(f"{k}={shlex.quote(v)}" for k, v in env.items()),
        "TERM=xterm-256color", "LANG=C.UTF-8",
        shlex.quote(installed_command()), shlex.quote(str(source)),
    ])


def _quit(tmux: Tmux) -> None:
    tmux.keys("q")
    end = time.monotonic() + DEADLINE
    while tmux.alive() and time.monotonic() < end:
        time.sleep(0.2)
    assert not tmux.alive(), "q did not quit"


def test_search_open_and_targets_in_a_real_terminal(tmux: Tmux, samples: Path, tmp_path: Path) -> None:
    tmux.run("new-session", "-d", "-s", "reader", "-x", "100", "-y", "30", _command(samples))
    tmux.wait_for("All posts ·", "up to date")
    tmux.keys("/")
    tmux.wait_for("search titles and text")
    tmux.keys("南屏", literal=True)
    tmux.keys("Enter")
    screen = tmux.wait_for("“南屏” in All posts")
    listed = [line for line in screen.splitlines() if "南屏" in line and "20" in line]
    assert listed, screen
    tmux.keys("Enter")  # open the first result
    screen = tmux.wait_for("日期:", "文件:")
    assert "matches" in screen or "match " in screen  # the article counts the query's matches
    tmux.keys("t")
    screen = tmux.wait_for("Hide panel")  # the footer now shows the targets panel's keys
    # the first result (a trade statistics post) reports figures: the panel lists achieved items
    assert "achieved (" in screen.lower() and "%" in screen
    _quit(tmux)


TITLE_25 = "云川市发布二〇二五年国民经济和社会发展统计公报全文"  # 25 Chinese characters, 50 cells


def test_a_25_character_title_shows_whole_at_120x40(tmux: Tmux, site: Path) -> None:
    assert len(TITLE_25) == 25
    (site / "_posts" / "2030-01-01-tongji-gongbao.md").write_text(
        f"---\ntitle: {TITLE_25}\ndate: 2030-01-01 08:00:00 +0800\n---\n\n2030年全市地区生产总值增长5%。\n",
        encoding="utf-8")
    tmux.run("new-session", "-d", "-s", "reader", "-x", "120", "-y", "40", _command(site))
    tmux.wait_for("All posts ·", "up to date")
    tmux.keys("j", "Enter")  # open a post: the article pane takes its share of the width
    screen = tmux.wait_for("日期:", "文件:")
    rows = [line for line in screen.splitlines() if TITLE_25 in line]
    assert rows, screen  # whole, on one screen line, beside the open article
    assert "日期:" in rows[0] or "│" in rows[0].split(TITLE_25)[1]
    _quit(tmux)


def test_the_scorecard_in_a_real_terminal(tmux: Tmux, samples: Path) -> None:
    tmux.run("new-session", "-d", "-s", "reader", "-x", "80", "-y", "24", _command(samples))
    tmux.wait_for("All posts ·", "up to date")
    tmux.keys("S")
    tmux.wait_for("Scorecard · every target", "exceeded")
    tmux.keys("江州 2024", literal=True)
    tmux.wait_for("“江州 2024”")  # every key typed reached the filter
    tmux.keys("Enter")
    screen = tmux.wait_for("“江州 2024”", "5%—5.5%")
    row = next(line for line in screen.splitlines() if "5%—5.5%" in line)
    assert "5.3%" in row and "met" in row and "✓" in row, screen
    tmux.keys("C")  # the chart of the highlighted row's metric
    tmux.wait_for("江州市 ·", "at least")
    tmux.keys("Escape")
    tmux.wait_for("Scorecard · every target")
    tmux.keys("Escape")
    tmux.wait_for("All posts ·")
    _quit(tmux)
