"""Shared fixtures: temporary cache/data/config folders, the sample posts, ../shared when present."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest

from newsreader.store.index import Index

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_posts"
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own cache, user-data and config folders: nothing touches the real ones."""
    base = tmp_path_factory.mktemp("dirs")
    for name in ("CACHE", "DATA", "CONFIG"):
        folder = base / name.lower()
        folder.mkdir()
        monkeypatch.setenv(f"NEWSREADER_{name}_DIR", str(folder))


@pytest.fixture
def samples() -> Path:
    """The bundled sample posts (a small Jekyll site)."""
    return SAMPLES


@pytest.fixture
def shared() -> Path:
    """../shared beside the checkout; tests using it skip when it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not present beside the checkout")
    return SHARED


def installed_command() -> str:
    """The installed `newsreader` console script (beside this Python, else on PATH)."""
    beside = Path(sys.executable).with_name("newsreader")
    found = str(beside) if beside.exists() else shutil.which("newsreader")
    if not found:
        pytest.fail("the newsreader command is not installed (pip install -e '.[test]')")
    return found


def write(path: Path, text: str | bytes) -> Path:
    """Write a file (making folders), returning its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def stored(index: Index, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of the index's cache file itself, read on a connection of the test's own."""
    assert index.path is not None, "an index in memory has no file"
    with closing(sqlite3.connect(f"file:{index.path}?mode=ro", uri=True)) as conn:
        return conn.execute(sql, params).fetchall()


# -- the reader's tests: the samples with a prebuilt index ------------------------------------


@pytest.fixture(scope="session")
def _sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding the index of the samples, built once per test session."""
    folder = tmp_path_factory.mktemp("sample-index")
    index = Index([str(SAMPLES)], folder)
    index.refresh()
    index.close()
    return folder


@pytest.fixture
def archive(_sample_index: Path) -> Path:
    """The bundled samples with their index already in this test's cache folder (a warm start)."""
    target = Path(os.environ["NEWSREADER_CACHE_DIR"])
    for file in _sample_index.iterdir():
        shutil.copy2(file, target / file.name)
    return SAMPLES


@pytest.fixture
def site(samples: Path, tmp_path: Path) -> Path:
    """A private copy of the sample site (tests may add or change posts in it)."""
    target = tmp_path / "site"
    shutil.copytree(samples, target)
    return target
