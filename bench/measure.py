"""Timing and memory helpers for the benchmark: percentiles, timed child processes, peak RSS."""

from __future__ import annotations

import math
import os
import subprocess
import threading
import time
from dataclasses import dataclass


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def summary_ms(seconds: list[float]) -> dict:
    """p50, p95, min and max in milliseconds (rounded to 0.01 ms) of a list of durations in seconds."""
    def ms(v: float | None) -> float | None:
        return None if v is None else round(v * 1000, 2)

    return {"p50_ms": ms(percentile(seconds, 50)), "p95_ms": ms(percentile(seconds, 95)),
            "min_ms": ms(min(seconds) if seconds else None), "max_ms": ms(max(seconds) if seconds else None),
            "n": len(seconds)}


def _children(pid: int) -> list[int]:
    """Direct children of a process (Linux /proc); empty when it is gone."""
    kids: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                kids.extend(int(k) for k in fh.read().split())
    except (OSError, ValueError):
        pass
    return kids


def rss_kb(pid: int) -> int:
    """Current resident set size of one process in KiB (0 when it is gone)."""
    return _status_kb(pid, "VmRSS:")


def hwm_kb(pid: int) -> int:
    """Peak resident set size (VmHWM) of one process in KiB (0 when it is gone)."""
    return _status_kb(pid, "VmHWM:")


def _status_kb(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


class TreeSampler:
    """Samples the summed RSS of a process and all its descendants until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pids, todo = [], [self.pid]
            while todo:
                p = todo.pop()
                pids.append(p)
                todo.extend(_children(p))
            self.peak_kb = max(self.peak_kb, sum(rss_kb(p) for p in pids))
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass(slots=True)
class Timed:
    """One timed child process."""

    seconds: float
    returncode: int
    stdout: str
    stderr: str
    max_rss_mb: float  # the largest single process of the tree (from wait4)
    tree_peak_mb: float  # the largest summed RSS of the whole tree seen by sampling
    cpu_s: float  # user + system time of the process and the children it waited for


def run_timed(cmd: list[str], *, env: dict | None = None, cwd: str | None = None,
              timeout: float | None = None) -> Timed:
    """Run a command to completion, timing it and measuring its memory; raises TimeoutError."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd, stdin=subprocess.DEVNULL)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            proc.kill()

        timer = threading.Timer(timeout, kill) if timeout else None
        with TreeSampler(proc.pid) as sampler:
            if timer:
                timer.start()
            try:
                _, status, usage = os.wait4(proc.pid, 0)  # blocking: no polling delay in the timing
                seconds = time.perf_counter() - started
            finally:
                if timer:
                    timer.cancel()
        if killed.is_set():
            proc.returncode = -9
            raise TimeoutError(f"{os.path.basename(cmd[0])} took more than {timeout:.0f} s")
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Timed(seconds, proc.returncode, out.read().decode("utf-8", "replace"),
                     err.read().decode("utf-8", "replace"), round(usage.ru_maxrss / 1024, 1),
                     round(sampler.peak_kb / 1024, 1), round(usage.ru_utime + usage.ru_stime, 2))
