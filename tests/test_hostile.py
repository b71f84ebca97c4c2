"""Hostile and broken input, and cache faults: the reader keeps working, loses nothing, lets nothing through.

Renderer- and extractor-level cases (deep nesting, control characters, properties of the numeral
parser) also have tests of their own in test_render_*.py and test_targets_*.py; this file drives
the whole pipeline: discovery, loading, indexing, the CLI, and the cache and state databases.
"""

from __future__ import annotations

import os
import random
import re
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLES, SHARED, stored, write
from hostile_cases import build, fm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.article import load_article
from newsreader.corpus import discover, load_paths
from newsreader.corpus.frontmatter import parse_front_matter, split_front_matter
from newsreader.render import layout, parse_body
from newsreader.render.checks import layout_problems
from newsreader.store.index import Index
from newsreader.store.records import analyze_batch
from newsreader.store.state import UserState

# What must never reach a terminal: C0/C1 controls (bar newline), bidi controls, ESC.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def cli(*args: str, env: dict | None = None, preexec=None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsreader", *args], capture_output=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, preexec_fn=preexec)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("hostile") / "posts"
    return folder, build(folder)


# -- bad posts --------------------------------------------------------------------------------


def test_every_case_is_listed_or_skipped_with_a_reason(hostile):
    folder, expected = hostile
    posts, skipped = load_paths([str(folder)])
    by_name = {p.name: p for p in posts}
    reasons = {Path(s.path).name: s.reason for s in skipped}
    reasons.update({"/".join(Path(s.path).parts[-2:]): s.reason for s in skipped})  # a site's configuration
    for name, expect in expected.items():
        if "skip" in expect:
            assert expect["skip"] in reasons.get(name, ""), name
            continue
        assert name in by_name, f"{name} was lost"
        post = by_name[name]
        for key, value in expect.items():
            assert getattr(post, key) == value, (name, key)
    assert "fifo.md" not in by_name and "folder.md" not in by_name


def test_broken_posts_explain_themselves(hostile):
    folder, _ = hostile
    posts = {p.name: p for p in load_paths([str(folder)])[0]}
    assert any("line by line" in w for w in posts["unescaped-quotes.md"].warnings)
    assert any("aliases" in w for w in posts["yaml-bomb.md"].warnings)
    assert any("never closed" in w for w in posts["never-closed.md"].warnings)
    assert any("could not be read" in w for w in posts["bad-date.md"].warnings)
    assert any("mapping" in w for w in posts["cats-mapping.md"].warnings)
    assert any("GB18030" in w for w in posts["gb18030.md"].warnings)
    assert any("UTF-16" in w for w in posts["utf16.md"].warnings)
    assert any("invalid UTF-8" in w for w in posts["invalid-utf8.md"].warnings)
    assert any("NUL" in w for w in posts["nul.md"].warnings)
    assert posts["far-past.md"].date.year == 1 and posts["far-future.md"].date.year == 9999
    for name in ("toml-broken.md", "toml-deep.md", "json-broken.md", "toml-huge.md"):
        assert any("line by line" in w for w in posts[name].warnings), name
    assert any("not valid TOML" in w for w in posts["toml-broken.md"].warnings)
    assert any("not valid JSON" in w for w in posts["json-broken.md"].warnings)
    assert any("RecursionError" in w for w in posts["toml-deep.md"].warnings)
    assert any("year 0 is out of range" in w for w in posts["year-zero.md"].warnings)
    for name in ("json-deep.md", "json-huge.md", "json-not-object.md"):
        assert "the text opens with { but holds no JSON front matter: read as body" in posts[name].warnings
    for name, value in (("epoch-huge.md", "99999999999999"), ("epoch-negative.md", "-62135596801"),
                        ("rfc-year-10000.md", "Mon, 01 Jan 10000"), ("rfc-bad-day.md", "Thu, 31 Apr 2022"),
                        ("chinese-bad-month.md", "2022年13月1日"), ("toml-time-only.md", "10:30:00")):
        assert any(w.startswith(f"date '{value}") for w in posts[name].warnings), name  # quotes the value
    # a configuration that could not be used leaves its site on the generator's defaults
    assert posts["hugo-zone.md"].date.isoformat() == "2024-01-05T09:30:00+00:00"
    assert posts["hugo-odd-types.md"].title == "hugo-odd-types"


def test_index_cli_finishes_and_reports_each_skip(hostile, tmp_path):
    folder, expected = hostile
    result = cli("index", str(folder), "--cache-dir", str(tmp_path / "c"))
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    for name, expect in expected.items():
        if "skip" in expect:
            assert re.search(rf"skipped .*{re.escape(name)}: .*{expect['skip']}", out), name
    listed = cli("list", "--json", str(folder), "--cache-dir", str(tmp_path / "c")).stdout
    assert listed.count(b"\n") == sum(1 for e in expected.values() if "skip" not in e)
    for stream in (result.stdout, result.stderr, listed):
        assert not UNSAFE.search(stream.decode()), "a control character reached the terminal"


def test_every_readable_post_displays_safely(hostile, tmp_path):
    folder, _ = hostile
    index = Index([str(folder)], tmp_path / "c")
    index.refresh()
    rows = index.rows(index.view())
    assert len(rows) >= 25
    for row in rows:
        article = load_article(row, index)
        lines = article.lines(60)
        hard = layout_problems(article.doc, lines[len(lines) - len(layout(article.doc, 60)):], 60,
                               typography=False)
        assert hard == [], (row.id, hard[:3])
        for line in lines:
            assert not UNSAFE.search(line.text.plain), row.id
            assert "\x1b" not in str(line.text.spans)
    markup = next(r for r in rows if r.id == "rich-markup.md")
    assert markup.title == "[bold red]标题[/]"
    text = "\n".join(line.text.plain for line in load_article(markup, index).lines(80))
    assert "[link=file:///etc/passwd]x[/link]" in text


def test_show_prints_no_control_sequence(hostile, tmp_path):
    folder, _ = hostile
    for post in ("escapes.md", "bidi.md", "entity-controls.md", "zero-width.md"):
        for fmt in ("text", "json", "markdown"):
            result = cli("show", post, str(folder), "--format", fmt, "--cache-dir", str(tmp_path / "c"))
            assert result.returncode == 0, (post, fmt, result.stderr[-500:])
            assert not UNSAFE.search(result.stdout.decode()), (post, fmt)


def test_fifty_megabyte_post_is_listed_and_cut_with_a_warning(tmp_path):
    path = tmp_path / "huge" / "huge.md"
    path.parent.mkdir()
    with open(path, "wb") as fh:
        fh.write(fm("五十兆", "").encode())
        chunk = ("<p>" + "地区生产总值增长6.8%。" * 400 + "</p>\n").encode()
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    posts, skipped = load_paths([str(path.parent)])
    assert not skipped and posts[0].title == "五十兆"
    assert any("only the first" in w for w in posts[0].warnings)
    assert len(posts[0].body) <= 2_000_000


def test_files_vanishing_or_shrinking_between_scan_and_read(tmp_path):
    write(tmp_path / "s/gone.md", fm("gone"))
    write(tmp_path / "s/shrunk.md", fm("shrunk", "<p>" + "字" * 5000 + "</p>"))
    files, _ = discover([str(tmp_path / "s")])
    (tmp_path / "s/gone.md").unlink()
    with open(tmp_path / "s/shrunk.md", "r+b") as fh:
        fh.truncate(60)
    results = {Path(getattr(r, "path", "") or r.post.path).name: r for r in analyze_batch(files)}
    assert results["gone.md"].reason == "file vanished before it could be read"
    assert results["shrunk.md"].post.title == "shrunk"


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    write(tmp_path / "s/locked.md", fm("locked"))
    write(tmp_path / "s/fine.md", fm("fine"))
    real_open = open

    def guarded(path, *args, **kwargs):  # mode 000 as seen by a non-root user
        if str(path).endswith("locked.md"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("newsreader.corpus.load.open", guarded, raising=False)
    posts, skipped = load_paths([str(tmp_path / "s")])
    assert [p.title for p in posts] == ["fine"]
    assert skipped[0].reason == "permission denied"


def test_hundred_thousand_files_in_one_folder(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(100_000):
        with open(folder / f"{i:06d}.md", "w") as fh:
            fh.write("x")
    files, skipped = discover([str(folder)])
    assert len(files) == 100_000 and not skipped
    assert len({f.id for f in files}) == 100_000


# -- security ---------------------------------------------------------------------------------


def test_rendering_never_fetches_or_reads_paths_from_posts(monkeypatch, tmp_path):
    body = ('<p><img src="http://example.com/x.png" alt="图"><img src="/etc/passwd">'
            '<link rel="stylesheet" href="http://example.com/s.css">'
            '<iframe src="http://example.com/"></iframe>[本地](file:///etc/passwd)</p>'
            '<p style="background:url(http://example.com/bg.png)">x</p>')
    opened: list[str] = []
    real_open = open

    def spy_open(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    def no_network(*args, **kwargs):
        raise AssertionError("the renderer tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr("builtins.open", spy_open)
    doc = parse_body(body)
    lines = layout(doc, 60)
    assert not any("passwd" in p for p in opened)
    assert "[图片: 图]" in "\n".join(line.text.plain for line in lines)


# -- property tests and fuzzing -----------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("-:\"'[]{}&*!|>#\t\n abc标题date0123+=,.@%`\\\x00\x1b")), max_size=400))
def test_front_matter_parser_never_raises(text):
    started = time.perf_counter()
    front, body, warnings, fmt = split_front_matter(text, ("yaml", "toml", "json"))
    if front is not None:
        data, more = parse_front_matter(front, fmt)
        assert isinstance(data, dict)
    assert time.perf_counter() - started < 5  # bounded: a parse may never hang


def _mutations(seed: int, data: bytes, rng: random.Random) -> bytes:
    """One seeded mutation of a real post: flips, cuts, splices of hostile tokens."""
    tokens = [b"<div>" * 50, b"</p>", b"<strong>", b"---\n", b"\x1b]52;c;QQ==\x07", b"\xff\xfe", b"&#27;",
              b"[bold]", b"\x00", "\u202e".encode(), b"<table><tr><td>", b"6.8%", "万亿".encode(), b"\r\n"]
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(4)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:
            data[min(pos, len(data) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1:
            data[pos:pos] = rng.choice(tokens)
        elif op == 2:
            del data[pos : pos + rng.randint(1, 64)]
        else:
            data = data[:pos]
    return bytes(data)


def test_fuzz_the_whole_pipeline_over_mutated_real_posts(tmp_path):
    sources = sorted(SAMPLES.rglob("*.md"))
    if (SHARED / "corpus").is_dir():
        sources += sorted((SHARED / "corpus").rglob("_posts/*.md"))[:60]
    rng = random.Random(20221128)
    folder = tmp_path / "fuzz"
    folder.mkdir()
    for n in range(150):
        original = rng.choice(sources).read_bytes()
        (folder / f"{n:03d}.md").write_bytes(_mutations(n, original, rng))
    index = Index([str(folder)], tmp_path / "c")
    summary = index.refresh(workers=1)
    assert summary.indexed + len(summary.skipped) == 150
    for row in index.rows(index.view()):
        article = load_article(row, index)
        for width in (24, 80):
            lines = article.lines(width)
            body = layout(article.doc, width)
            assert layout_problems(article.doc, body, width, typography=False) == [], row.id
            assert not any(UNSAFE.search(line.text.plain) for line in lines), row.id
        for item in article.items:
            assert article.doc.text[item.start : item.end] == item.text


# -- cache and state faults -------------------------------------------------------------------


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))


def test_disk_full_while_indexing_is_one_line_and_recoverable(tmp_path):
    cache = tmp_path / "c"
    state = UserState(tmp_path / "data")
    state.set_starred("/kept", True)
    full = cli("index", str(SAMPLES), "--cache-dir", str(cache), "--workers", "1", preexec=_limit_file_size)
    err = full.stderr.decode()
    assert full.returncode == 1, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and "cache" in err
    again = cli("index", str(SAMPLES), "--cache-dir", str(cache))
    assert again.returncode == 0, again.stderr.decode()
    index = Index([str(SAMPLES)], cache)
    assert index.count() == len(load_paths([str(SAMPLES)])[0])
    assert UserState(tmp_path / "data").is_starred("/kept")


def test_sigkill_in_the_middle_of_indexing_then_the_next_run_finishes(tmp_path):
    folder = tmp_path / "posts"
    folder.mkdir()
    body = "".join(f"<p>第{i}段：地区生产总值增长{i % 9}.5%，城镇新增就业{i}万人。</p>" for i in range(8))
    for i in range(1500):
        (folder / f"2020-01-01-p{i:05d}.md").write_text(fm(f"文章{i}", body), encoding="utf-8")
    cache = tmp_path / "c"
    proc = subprocess.Popen([sys.executable, "-m", "newsreader", "index", str(folder), "--cache-dir", str(cache),
                             "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = next(iter(cache.glob("index-*.sqlite")), None)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until some batches are committed, then kill
        db = db or next(iter(cache.glob("index-*.sqlite")), None)
        if db is not None:
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                    if conn.execute("SELECT count(*) FROM posts").fetchone()[0] >= 64:
                        break
            except sqlite3.Error:
                pass
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    killed_midway = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert killed_midway, "indexing finished before it could be interrupted"
    again = cli("index", str(folder), "--cache-dir", str(cache))
    assert again.returncode == 0, again.stderr.decode()
    index = Index([str(folder)], cache)
    assert index.count() == 1500
    assert stored(index, "PRAGMA integrity_check")[0][0] == "ok"
    assert stored(index, "SELECT count(*) FROM texts")[0][0] == 1500


def test_state_change_survives_an_immediate_crash(tmp_path):
    code = ("import os, sys; from newsreader.store.state import UserState; "
            "s = UserState(sys.argv[1]); s.set_read('/a'); s.set_starred('/a', True); os.kill(os.getpid(), 9)")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data")])
    assert proc.returncode == -9
    state = UserState(tmp_path / "data")
    assert state.is_read("/a") and state.is_starred("/a")
