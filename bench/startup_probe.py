"""Headless start-up probe, run as a child process by bench/startup.py.

It replaces `App.run` with a headless `App.run_test()` and hooks `App._display`, the
point where Textual hands each frame to the terminal driver: every update is rendered
to the escape sequences a terminal would receive (work a real terminal run also does),
and the text in it is checked. Then it starts the app the normal way (the empty app, or
`newsreader.cli.main(ARGS)`) and writes a JSON object to --result: seconds from the
parent's --t0 (wall clock, taken just before this process was spawned) to the end of the
imports, to the app's `run()` (the app constructed), to the first frame with any text,
and to the first frame showing --expect; and this process's peak RSS.

    python bench/startup_probe.py --t0 T --expect TEXT --result F empty
    python bench/startup_probe.py --t0 T --expect TEXT --result F newsreader -- PATH --cache-dir D
"""

from __future__ import annotations

import time

T_START = time.time()

import argparse  # noqa: E402 - the clock above is read before anything is imported
import asyncio  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

_ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def _hwm_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def strip_escapes(text: str) -> str:
    """Terminal output without its escape sequences (what is left is the text drawn)."""
    return _ESCAPES.sub("", text)


def frame_text(app, renderable) -> str:
    """The characters a terminal would be sent for one update, without escape sequences."""
    from textual._compositor import CompositorUpdate

    if isinstance(renderable, CompositorUpdate):
        sequence = renderable.render_segments(app.console)
    else:
        sequence = "".join(segment.text for segment in app.console.render(renderable))
    return strip_escapes(sequence)


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
    result: dict = {"process_start_s": round(T_START - opts.t0, 4), "imported_s": None, "run_called_s": None,
                    "first_paint_s": None, "ready_s": None, "peak_rss_mb": None, "error": None}

    from textual.app import App

    shown = asyncio.Event()
    original_display = App._display  # noqa: SLF001 - the frames Textual hands to its driver: no public hook

    def display(self: App, screen, renderable) -> None:
        original_display(self, screen, renderable)
        if renderable is None or self._batch_count or shown.is_set():
            return
        text = frame_text(self, renderable)
        now = round(time.time() - opts.t0, 4)
        if result["first_paint_s"] is None and text.strip():
            result["first_paint_s"] = now
        if opts.expect in text:
            result["ready_s"] = now
            shown.set()

    async def probe(app: App) -> None:
        async with app.run_test(size=(width, height)):
            try:
                await asyncio.wait_for(shown.wait(), opts.timeout)
            except TimeoutError:
                result["error"] = f"the expected text was not shown within {opts.timeout:.0f} s"
            result["peak_rss_mb"] = _hwm_mb()

    def run_headless(self: App, *args, **kwargs):
        result["run_called_s"] = round(time.time() - opts.t0, 4)  # the app is constructed
        asyncio.run(probe(self))
        return None

    App._display = display  # type: ignore[method-assign]  # noqa: SLF001
    App.run = run_headless  # type: ignore[method-assign]
    try:
        # Import the app's module first (as its own run would) to time the imports apart.
        if opts.target == "empty":
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from empty_app import EmptyApp

            result["imported_s"] = round(time.time() - opts.t0, 4)
            EmptyApp().run()
        else:
            import newsreader.tui.app  # noqa: F401
            from newsreader.cli import main as newsreader_main

            result["imported_s"] = round(time.time() - opts.t0, 4)
            newsreader_main(opts.args)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which records it
        result["error"] = f"{type(exc).__name__}: {exc}"
    Path(opts.result).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
