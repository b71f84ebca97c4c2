"""Noticing changes: the full check (`index`, the reader) and the quick check (the other commands).

File times are set by hand here (an hour back, or a minute ahead), so no test depends on how
fast the machine runs or on the file system's timestamp granularity.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import write

from newsreader.cli import main
from newsreader.store.index import Index

HOUR_NS = 3600 * 10**9


def post(title: str, body: str = "<p>正文</p>") -> str:
    return f'---\nlayout: post\ntitle: "{title}"\ndate: 2022-02-28 07:37:36 +0800\n---\n{body}'


def age(*paths: Path, by_ns: int = HOUR_NS) -> None:
    """Move the paths' modification times `by_ns` into the past (negative: into the future)."""
    for path in paths:
        mtime = time.time_ns() - by_ns
        os.utime(path, ns=(mtime, mtime))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A Jekyll site whose files and folders were last changed an hour ago."""
    root = tmp_path / "site"
    write(root / "_config.yml", "timezone: Asia/Shanghai\n")
    write(root / "_posts/2022-02-28-a.md", post("吕梁亮出方案"))
    write(root / "_posts/2022-02-27-b.md", post("晋中高铁开通"))
    age(*root.rglob("*"), root)
    return root


def opened(site: Path, cache: Path) -> Index:
    index = Index([str(site)], cache)
    index.refresh()
    return index


def titles(index: Index) -> list[str]:
    return sorted(row.title for row in index.rows(index.view()))


def test_an_unchanged_archive_passes_the_quick_check(site, tmp_path):
    index = opened(site, tmp_path / "cache")
    assert index.is_unchanged()
    summary = index.refresh(quick=True)
    assert (summary.indexed, summary.unchanged, summary.removed) == (0, 2, 0)


@pytest.mark.parametrize("quick", [False, True])
def test_an_addition_and_a_removal_are_picked_up(site, tmp_path, quick):
    index = opened(site, tmp_path / "cache")
    write(site / "_posts/2022-03-01-c.md", post("太原新增就业"))
    assert not index.is_unchanged()
    summary = index.refresh(quick=quick)
    assert (summary.indexed, summary.removed) == (1, 0)
    assert titles(index) == ["吕梁亮出方案", "太原新增就业", "晋中高铁开通"]

    age(site / "_posts", site / "_posts/2022-03-01-c.md")
    index.refresh()  # the stamps of the aged folder are kept again
    assert index.is_unchanged()
    (site / "_posts/2022-02-27-b.md").unlink()
    summary = index.refresh(quick=quick)
    assert (summary.indexed, summary.removed) == (0, 1)
    assert titles(index) == ["吕梁亮出方案", "太原新增就业"]


def test_a_rename_is_picked_up_by_the_quick_check(site, tmp_path):
    index = opened(site, tmp_path / "cache")
    (site / "_posts/2022-02-27-b.md").rename(site / "_posts/2022-02-26-b.md")
    summary = index.refresh(quick=True)
    assert (summary.indexed, summary.removed) == (1, 1)
    assert sorted(row.id for row in index.rows(index.view())) == ["_posts/2022-02-26-b.md", "_posts/2022-02-28-a.md"]


def test_an_edit_in_place_waits_for_the_full_check(site, tmp_path):
    """Same size, new contents, a later time: no folder changes, so only the full check reads it."""
    index = opened(site, tmp_path / "cache")
    a = site / "_posts/2022-02-28-a.md"
    before = a.stat().st_size
    write(a, post("吕梁亮出新案"))
    assert a.stat().st_size == before
    age(a, by_ns=HOUR_NS // 2)  # written in place: its folder is as it was
    assert index.refresh(quick=True).indexed == 0
    assert titles(index) == ["吕梁亮出方案", "晋中高铁开通"]
    summary = index.refresh()
    assert summary.indexed == 1
    assert titles(index) == ["吕梁亮出新案", "晋中高铁开通"]


def test_an_edit_keeping_size_and_time_is_read_when_its_time_was_too_recent(site, tmp_path):
    """A file written within the timestamp's granularity of the check that read it may change again
    without its time moving: the next full check reads it anyway."""
    a = site / "_posts/2022-02-28-a.md"
    age(a, by_ns=-60 * 10**9)  # a minute ahead of the check: too recent to prove anything
    index = opened(site, tmp_path / "cache")
    stamp = a.stat().st_mtime_ns
    write(a, post("吕梁亮出新案"))
    os.utime(a, ns=(stamp, stamp))  # same size, same time
    assert index.refresh().indexed == 1
    assert titles(index) == ["吕梁亮出新案", "晋中高铁开通"]


def test_an_old_unchanged_file_is_not_read_again(site, tmp_path):
    index = opened(site, tmp_path / "cache")
    assert index.refresh().indexed == 0


def test_a_folder_changed_too_recently_is_not_trusted(site, tmp_path):
    age(site / "_posts", by_ns=-60 * 10**9)
    index = opened(site, tmp_path / "cache")
    assert not index.is_unchanged()  # the quick check will do a full one
    age(site / "_posts")
    index.refresh()
    assert index.is_unchanged()


def test_a_changed_site_configuration_fails_the_quick_check(site, tmp_path):
    index = opened(site, tmp_path / "cache")
    write(site / "_config.yml", "timezone: Asia/Tokyo\n")
    assert not index.is_unchanged()


def test_a_missing_source_fails_the_quick_check(site, tmp_path, capsys):
    index = opened(site, tmp_path / "cache")
    index.close()
    (site / "_posts/2022-02-28-a.md").unlink()
    (site / "_posts/2022-02-27-b.md").unlink()
    (site / "_posts").rmdir()
    (site / "_config.yml").unlink()
    site.rmdir()
    assert main(["search", "吕梁", str(site), "--cache-dir", str(tmp_path / "cache")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_one_shot_commands_use_the_quick_check_and_index_the_full_one(site, tmp_path, capsys):
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert main(["index", str(site), *cache]) == 0
    a = site / "_posts/2022-02-28-a.md"
    write(a, post("吕梁亮出新案"))
    age(a, by_ns=HOUR_NS // 2)  # written in place: its folder is as it was
    capsys.readouterr()
    assert main(["search", "亮出", str(site), *cache]) == 0
    assert "吕梁亮出方案" in capsys.readouterr().out  # the edit waits for the full check
    assert main(["index", str(site), *cache]) == 0
    assert "1 indexed" in capsys.readouterr().out
    assert main(["search", "亮出", str(site), *cache]) == 0
    assert "吕梁亮出新案" in capsys.readouterr().out
