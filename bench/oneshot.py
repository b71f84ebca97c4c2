"""Whole-process timings: one-shot commands beside `rg -l -F` for the same query, and start-up alone.

Each command runs as a user runs it (a new process, Python start-up and imports included), on
a warm cache with nothing changed, its output going to /dev/null, as `rg`'s does. The figure
of a query is the median of its runs; a class's figure is the median over its queries.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import measure


def run_quiet(cmd: list[str], env: dict | None = None) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, return code) of a command whose output goes to /dev/null."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                            env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def median_run(cmd: list[str], reps: int, env: dict | None = None) -> dict:
    """Median wall and CPU seconds over `reps` runs (after one unmeasured run that warms the caches)."""
    run_quiet(cmd, env)
    walls, cpus = [], []
    for _ in range(reps):
        wall, cpu, code = run_quiet(cmd, env)
        if code != 0:
            raise RuntimeError(f"{' '.join(cmd[:3])}… exited with status {code}")
        walls.append(wall)
        cpus.append(cpu)
    return {"wall_s": round(measure.percentile(walls, 50), 4), "cpu_s": round(measure.percentile(cpus, 50), 4)}


def hits(cmd: list[str], env: dict | None = None) -> int:
    """How many lines a command prints (posts, files or items found)."""
    done = subprocess.run(cmd, capture_output=True, env=env, stdin=subprocess.DEVNULL)
    return len(done.stdout.splitlines())


def command_for(key: str, query: str) -> list[str]:
    """The newsreader subcommand (without the corpus and folders) for a query of class `key`."""
    if key == "category":
        return ["list", "--category", query]
    if key == "metric":
        return ["targets", "--metric", query]
    return ["search", query]


def measure_class(key: str, queries: list[str], nr_cmd, posts_dir: str, reps: int, env: dict) -> dict:
    """One class: newsreader's and rg's medians, hits and the speed-up (rg ÷ newsreader)."""
    rg = shutil.which("rg")
    nr_times, rg_times, nr_hits, rg_hits = [], [], {}, {}
    for query in queries:
        cmd = nr_cmd(*command_for(key, query))
        nr_times.append(median_run(cmd, reps, env)["wall_s"])
        nr_hits[query] = hits(cmd, env)
        if rg:
            rg_cmd = [rg, "-l", "-F", "--", query, posts_dir]
            rg_times.append(median_run_rg(rg_cmd, reps))
            rg_hits[query] = hits(rg_cmd)
    newsreader_s = round(measure.percentile(nr_times, 50), 4)
    rg_s = round(measure.percentile(rg_times, 50), 4) if rg_times else None
    return {"queries": list(queries), "newsreader_s": newsreader_s, "rg_s": rg_s, "hits": nr_hits,
            "rg_hits": rg_hits or None, "speedup": round(rg_s / newsreader_s, 2) if rg_s else None}


def median_run_rg(cmd: list[str], reps: int) -> float:
    """rg's median wall seconds (it exits 1 when nothing matches: not an error here)."""
    run_quiet(cmd)
    return round(measure.percentile([run_quiet(cmd)[0] for _ in range(reps)], 50), 4)


def startup_floor(newsreader: list[str], reps: int, env: dict) -> dict:
    """`newsreader --version` beside `python -c pass`: the cost of starting newsreader at all."""
    python = median_run([sys.executable, "-c", "pass"], reps, env)
    version = median_run([*newsreader, "--version"], reps, env)
    return {"python_s": python["wall_s"], "version_s": version["wall_s"],
            "ratio": round(version["wall_s"] / python["wall_s"], 2)}
