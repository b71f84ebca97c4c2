"""Start-up timing: a program in a real terminal (tmux) and headless (App.run_test via startup_probe.py).

In tmux, the program runs in a pane of a private tmux server whose output is copied to a
file by `pipe-pane`: the clock starts just before `respawn-pane` launches the command, and
the file (the bytes the program writes to its terminal) is read every 2 ms for the first
text ("first paint") and for a known text ("ready": for the reader, the newest post's title
in the list). Reading a file costs the machine next to nothing, unlike polling
`capture-pane`, which would compete with the program for the two cores.
"""

from __future__ import annotations

import itertools
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import measure

BENCH = Path(__file__).resolve().parent
POLL_SECONDS = 0.002
DEAD_CHECK_EVERY = 50  # polls between asking tmux whether the program has ended
_SERVERS = itertools.count()


def _stats(values: list[float]) -> dict:
    """Median, min and max in seconds (None when no trial succeeded)."""
    if not values:
        return {"median_s": None, "min_s": None, "max_s": None}
    return {"median_s": round(measure.percentile(values, 50), 4), "min_s": round(min(values), 4),
            "max_s": round(max(values), 4)}


def empty_startup() -> dict:
    """The shape of a start-up result, all unknown (`phases`: headless only, medians in seconds)."""
    return {"first_paint": _stats([]), "ready": _stats([]), "peak_rss_mb": None, "trials": 0, "error": None,
            "phases": {"process_start_s": None, "imported_s": None, "run_called_s": None}}


class Tmux:
    """A private tmux server (its own socket) with one pane of a fixed size."""

    def __init__(self, width: int, height: int, env: dict, output: Path) -> None:
        self.socket = f"nrbench-{os.getpid()}-{next(_SERVERS)}"  # a fresh server each time
        self.env = env
        self.width, self.height = width, height
        self.output = output  # everything the pane's programs write, appended

    def cmd(self, *args: str, check: bool = True) -> str:
        """Run a tmux command against this server; its stdout."""
        done = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], env=self.env,
                              capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {args[0]} failed: {done.stderr.strip() or done.returncode}")
        return done.stdout

    def __enter__(self) -> Tmux:
        self.cmd("new-session", "-d", "-s", "bench", "-x", str(self.width), "-y", str(self.height),
                 "sleep 1000000")
        self.cmd("set-option", "-t", "bench", "remain-on-exit", "on")
        self.output.touch()
        # The pipe stays attached to the pane across respawn-pane.
        self.cmd("pipe-pane", "-t", "bench", f"exec cat >> {shlex.quote(str(self.output))}")
        return self

    def __exit__(self, *exc: object) -> None:
        self.cmd("kill-server", check=False)

    def launch(self, command: str) -> None:
        """Replace whatever runs in the pane with `command`."""
        self.cmd("respawn-pane", "-k", "-t", "bench", command)

    def capture(self) -> str:
        """The pane's text now."""
        return self.cmd("capture-pane", "-p", "-t", "bench", check=False)

    def dead(self) -> bool:
        """Whether the pane's program has ended."""
        return self.cmd("display-message", "-p", "-t", "bench", "#{pane_dead}", check=False).strip() == "1"

    def pane_pid(self) -> int | None:
        """The pid of the pane's process."""
        out = self.cmd("display-message", "-p", "-t", "bench", "#{pane_pid} #{pane_dead}", check=False).split()
        return int(out[0]) if out and out[-1] == "0" else None


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return -1


def wait_idle(pid: int, quiet: float = 0.5, limit: float = 30.0) -> None:
    """Wait until a process has used no CPU for `quiet` seconds (at most `limit` seconds)."""
    deadline = time.monotonic() + limit
    last, since = _cpu_ticks(pid), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = _cpu_ticks(pid)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return


def tmux_startup(argv: list[str], expect: str, trials: int, env: dict, *, size: tuple[int, int] = (120, 40),
                 timeout: float = 60.0, memory: bool = False) -> dict:
    """Time `argv` in a tmux pane `trials` times; with `memory`, also its peak RSS once idle."""
    result = empty_startup()
    if not shutil.which("tmux"):
        result["error"] = "tmux is not installed"
        return result
    paints: list[float] = []
    readies: list[float] = []
    peaks: list[float] = []
    command = "exec " + shlex.join(argv)
    try:
        with tempfile.TemporaryDirectory() as tmp, Tmux(*size, env, Path(tmp) / "pane.out") as tmux:
            for _ in range(trials):
                paint, ready, error = _one_trial(tmux, command, expect, timeout)
                if error:
                    result["error"] = error
                    break
                paints.append(paint)
                readies.append(ready)
                pid = tmux.pane_pid() if memory else None
                if pid:
                    wait_idle(pid)
                    peaks.append(measure.hwm_kb(pid) / 1024)
    except RuntimeError as exc:
        result["error"] = str(exc)
    result.update(first_paint=_stats(paints), ready=_stats(readies), trials=len(readies),
                  peak_rss_mb=round(max(peaks), 1) if peaks else None)
    return result


def _one_trial(tmux: Tmux, command: str, expect: str, timeout: float) -> tuple[float, float, str | None]:
    """(first paint, ready, None) in seconds from launch, or (.., .., why it failed)."""
    from startup_probe import strip_escapes

    tmux.launch("sleep 1000000")
    time.sleep(0.3)  # let the previous program go before the clock starts
    with open(tmux.output, "rb") as stream:
        stream.seek(0, os.SEEK_END)
        raw = b""
        paint = None
        dead = False
        t0 = time.perf_counter()
        tmux.launch(command)
        polls = 0
        while time.perf_counter() - t0 < timeout:
            chunk = stream.read()
            now = time.perf_counter() - t0
            if chunk:
                raw += chunk
                text = strip_escapes(raw.decode("utf-8", "replace"))
                if paint is None and text.strip():
                    paint = now
                if expect in text:
                    return paint, now, None
            polls += 1
            if polls % DEAD_CHECK_EVERY == 0 and tmux.dead():
                dead = True
                break
            time.sleep(POLL_SECONDS)
    if not dead:  # the screen would hold post text: not recorded
        return 0.0, 0.0, f"the expected text was not shown within {timeout:.0f} s"
    screen = tmux.capture()
    last = " | ".join(line.strip() for line in screen.splitlines() if line.strip())[-300:]
    return 0.0, 0.0, f"the program ended before showing the expected text; screen: {last}"


def headless_startup(target: str, args: list[str], expect: str, trials: int, env: dict, *,
                     size: tuple[int, int] = (120, 40), timeout: float = 60.0) -> dict:
    """Time an app headless (`target` "empty" or "newsreader" with `args`) `trials` times."""
    result = empty_startup()
    paints, readies, peaks = [], [], []
    phases: dict[str, list[float]] = {k: [] for k in result["phases"]}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "probe.json"
        for _ in range(trials):
            out.unlink(missing_ok=True)
            cmd = [sys.executable, str(BENCH / "startup_probe.py"), "--expect", expect, "--result", str(out),
                   "--size", f"{size[0]}x{size[1]}", "--timeout", str(timeout), target]
            if args:
                cmd += ["--", *args]
            t0 = time.time()
            done = subprocess.run([*cmd[:2], "--t0", repr(t0), *cmd[2:]], env=env, capture_output=True,
                                  text=True, timeout=timeout + 30)
            if not out.is_file():
                result["error"] = f"probe failed (exit {done.returncode}): {done.stderr.strip()[-300:]}"
                break
            probe = json.loads(out.read_text(encoding="utf-8"))
            if probe["error"] or probe["ready_s"] is None:
                result["error"] = probe["error"] or "not ready"
                break
            paints.append(probe["first_paint_s"])
            readies.append(probe["ready_s"])
            peaks.append(probe["peak_rss_mb"])
            for key, values in phases.items():
                values.append(probe[key])
    result["phases"] = {k: round(measure.percentile(v, 50), 4) if v else None for k, v in phases.items()}
    result.update(first_paint=_stats(paints), ready=_stats(readies), trials=len(readies),
                  peak_rss_mb=round(max(peaks), 1) if peaks else None)
    return result
