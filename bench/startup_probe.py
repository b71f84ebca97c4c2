"""Headless start-up probe, run as a child process by bench/startup.py.

It replaces `App.run` with a headless `App.run_test()` that polls the composed screen,
then starts the app the normal way (the empty app, or `newsreader.cli.main(ARGS)`), and
writes a JSON object to --result: seconds from the parent's --t0 (wall clock, taken just
before this process was spawned) to the first non-blank frame and to the first frame
holding --expect, and this process's peak RSS.

    python bench/startup_probe.py --t0 T --expect TEXT --result F empty
    python bench/startup_probe.py --t0 T --expect TEXT --result F newsreader -- PATH --cache-dir D
"""

from __future__ import annotations

import time

T_START = time.time()

import argparse  # noqa: E402 - the clock above is read before anything is imported
import asyncio  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

POLL_SECONDS = 0.01


def _hwm_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def screen_text(app) -> str:
    """The text of the app's current frame, as a terminal would show it."""
    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, force_terminal=True,
                      color_system=None, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def main() -> int:
    """Run one app headless and report when it painted and when it showed --expect."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--t0", type=float, required=True)
    parser.add_argument("--expect", required=True)
    parser.add_argument("--result", required=True)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("target", choices=("empty", "newsreader"))
    parser.add_argument("args", nargs="*")
    opts = parser.parse_args()
    width, height = (int(v) for v in opts.size.split("x"))
    result: dict = {"process_start_s": round(T_START - opts.t0, 4), "first_paint_s": None, "ready_s": None,
                    "peak_rss_mb": None, "error": None}

    from textual.app import App

    async def probe(app: App) -> None:
        async with app.run_test(size=(width, height)):
            deadline = time.time() + opts.timeout
            while time.time() < deadline:
                text = screen_text(app)
                now = time.time() - opts.t0
                if result["first_paint_s"] is None and text.strip():
                    result["first_paint_s"] = round(now, 4)
                if opts.expect in text:
                    result["ready_s"] = round(now, 4)
                    break
                await asyncio.sleep(POLL_SECONDS)
            else:
                result["error"] = f"{opts.expect!r} not shown within {opts.timeout:.0f} s"
            result["peak_rss_mb"] = _hwm_mb()

    def run_headless(self: App, *args, **kwargs):
        asyncio.run(probe(self))
        return None

    App.run = run_headless  # type: ignore[method-assign]
    try:
        if opts.target == "empty":
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from empty_app import EmptyApp

            EmptyApp().run()
        else:
            from newsreader.cli import main as newsreader_main

            newsreader_main(opts.args)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which records it
        result["error"] = f"{type(exc).__name__}: {exc}"
    Path(opts.result).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
