"""The one cache policy (`Index`) and the tables defined once (`schema`)."""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import fields, replace
from pathlib import Path

import pytest
from conftest import write

import newsreader.targets
from newsreader.cli import main
from newsreader.store.index import Index
from newsreader.store.schema import ITEMS, POSTS, TABLES, Table
from newsreader.targets.model import Target


def post(title: str, body: str, day: str = "2022-02-28") -> str:
    return f'---\ntitle: "{title}"\ndate: {day} 08:00:00 +0800\ncategories: news\n---\n{body}'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write(root / "_posts/2022-02-28-a.md", post("吕梁", "<p>地区生产总值增长6.8%。</p>"))
    write(root / "_posts/2021-01-01-b.md", post("晋中", "<p>城镇新增就业4万人。</p>", "2021-01-01"))
    return root


def damage(path: Path, table: str) -> None:
    """Overwrite the first page of a table in the cache file, as a failing disk would."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xa5" * page_size)


def other_thread(call):
    """Run `call` on a thread other than the one that opened the index (as the reader's workers do)."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append((call(), None))
        except Exception as exc:  # noqa: BLE001 - raised again on the test's thread
            outcome.append((None, exc))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    result, error = outcome[0]
    if error is not None:
        raise error
    return result


# -- opening ---------------------------------------------------------------------------------


def test_single_files_get_an_index_in_memory_and_folders_a_cached_one(site, tmp_path):
    cache = tmp_path / "cache"
    files = [str(p) for p in sorted((site / "_posts").iterdir())]
    single = Index(files, cache)
    assert single.memory and single.path is None and not cache.exists()
    assert single.refresh().indexed == 2 and single.count() == 2
    folder = Index([str(site)], cache)
    assert not folder.memory and folder.path is not None and folder.path.parent == cache
    assert folder.refresh().indexed == 2 and folder.path.exists()


def test_other_threads_query_on_their_own_connection(site, tmp_path):
    """A worker's search never waits for the connection of the thread that opened the index."""
    index = Index([str(site)], tmp_path / "cache")
    index.refresh()
    counted: list[int] = []
    with index._main.lock:  # noqa: SLF001 - the opening thread in the middle of a query: no public way to hold it
        worker = threading.Thread(target=lambda: counted.append(index.count()))
        worker.start()
        worker.join(timeout=120)  # a guard against hanging the suite, not a measurement
        assert not worker.is_alive() and counted == [2]
    single = Index([str(p) for p in (site / "_posts").iterdir()], tmp_path / "cache")
    assert other_thread(single.count) == 0  # in memory there is one connection, shared


def test_a_cache_damaged_during_use_is_rebuilt_by_the_next_refresh(site, tmp_path):
    cache = tmp_path / "cache"
    first = Index([str(site)], cache)
    first.refresh()
    first.close()  # everything in the file itself, none in its write-ahead log
    index = Index([str(site)], cache)  # opens cleanly: the damage comes after
    assert index.warnings == []
    before = other_thread(lambda: index.count())  # the workers' connection is open too
    damage(index.path, "items")
    write(site / "_posts/2022-02-28-a.md", post("吕梁", "<p>地区生产总值增长7%。</p>"))  # the refresh must write
    summary = index.refresh()
    assert len(summary.warnings) == 1 and summary.warnings[0].endswith(": rebuilt")
    assert "damaged" in summary.warnings[0] and index.warnings == summary.warnings
    assert summary.indexed == 2 and not index.memory
    # The same object, on both connections, reads the rebuilt cache.
    assert index.count() == before == other_thread(lambda: index.count())
    assert [t.text for t in other_thread(lambda: index.items(index.view(query="吕梁")[0]))] == ["7%"]


def test_a_damage_that_comes_back_is_reported_not_retried_forever(site, tmp_path, monkeypatch):
    from newsreader.store.index import CacheDamaged

    index = Index([str(site)], tmp_path / "cache")
    calls = []

    def always_damaged(progress, workers):
        calls.append(1)
        raise CacheDamaged("the cache is damaged (test)")

    monkeypatch.setattr(index, "_refresh", always_damaged)
    with pytest.raises(CacheDamaged):
        index.refresh()
    assert len(calls) == 2


def test_the_command_line_warns_once_and_answers_when_a_refresh_rebuilds(site, tmp_path, capsys):
    cache = tmp_path / "cache"
    index = Index([str(site)], cache)
    index.refresh()
    index.close()
    damage(index.path, "texts")
    write(site / "_posts/2021-01-01-b.md", post("晋中", "<p>城镇新增就业5万人。</p>", "2021-01-01"))
    assert main(["list", str(site), "--cache-dir", str(cache)]) == 0
    out, err = capsys.readouterr()
    assert err.count("warning") == 1 and "rebuilt" in err
    assert "吕梁" in out and "晋中" in out


def test_a_closed_index_says_so_in_one_line(site, tmp_path):
    from newsreader.store.index import StoreError

    index = Index([str(site)], tmp_path / "cache")
    index.refresh()
    index.close()
    with pytest.raises(StoreError, match="closed"):
        index.count()
    with pytest.raises(StoreError, match="closed"):
        other_thread(index.count)


# -- columns by name -------------------------------------------------------------------------


def test_every_target_field_is_an_items_column():
    names = {f.name for f in fields(Target)}
    # text and sentence are cut from the post's text: an item keeps where its sentence is
    assert set(ITEMS.names) == names - {"text", "sentence"} | {"seq", "sentence_start", "sentence_end"}
    assert "metric_key" in ITEMS.names


def test_every_field_of_an_item_comes_back_from_the_index(tmp_path, monkeypatch):
    """Items with every field set survive the index unchanged (no column read into the wrong field)."""
    text = "地区生产总值增长6.8%。城镇新增就业4万人。"
    made = [
        Target(text="6.8%", start=8, end=12, sentence="地区生产总值增长6.8%。", kind="target", metric="地区生产总值",
               metric_key="gdp", entity="吕梁市", value=6.8, unit="%", low=6.5, high=7.0, comparator="range",
               relation="增长", horizon="2022"),
    ]
    made.append(replace(made[0], text="4万人", start=19, end=22, sentence="城镇新增就业4万人。", kind="achieved",
                        metric="城镇新增就业", metric_key="jobs", value=4e4, unit="人", low=None, high=None,
                        comparator=">=", horizon=None, entity=None, relation=None))
    monkeypatch.setattr(newsreader.targets, "extract", lambda *args, **kw: list(made))
    write(tmp_path / "s/_posts/2022-02-28-a.md", post("目标", f"<p>{text}</p>"))
    index = Index([str(tmp_path / "s")], tmp_path / "cache")
    index.refresh()
    (rowid,) = index.view()
    assert index.items(rowid) == made
    assert [t for _, t in index.all_items(metric_key="jobs")] == made[1:]
    assert [t for _, t in index.all_items(metric="生产总值", metric_key="jobs")] == made
    assert [t for _, t in index.all_items(kind="target", metric_key="jobs")] == []
    # every word an item holds (kind, metric, unit…) is kept once, however many items hold it
    words = {getattr(t, name) for t in made for name in ("kind", "metric", "metric_key", "entity", "unit",
                                                          "comparator", "relation", "horizon")} - {None}
    with sqlite3.connect(index.path) as conn:
        assert sorted(word for (word,) in conn.execute("SELECT word FROM words")) == sorted(words)


def test_a_row_is_built_from_every_column_by_name():
    values = {name: name for name in POSTS.names}
    assert POSTS.row(**values) == POSTS.names
    with pytest.raises(TypeError, match="missing"):
        POSTS.row(**{k: v for k, v in values.items() if k != "title"})
    with pytest.raises(TypeError, match="unknown"):
        POSTS.row(**{**values, "titel": "x"})


def test_the_schema_version_follows_the_tables():
    from newsreader.store import schema

    search = (Path(schema.__file__).parent / "search.py").read_bytes()
    assert schema.SCHEMA_VERSION == schema.hashlib.sha1(
        TABLES.encode() + search + schema.unicodedata.unidata_version.encode()).hexdigest()[:12]
    grown = Table(ITEMS.name, ITEMS.key, (*ITEMS.columns, schema.Column("extra", "TEXT")))
    assert grown.create() != ITEMS.create() and '"extra" TEXT' in grown.create()
    assert grown.insert().count("?") == len(ITEMS.columns) + 2


# -- the reader ------------------------------------------------------------------------------


async def test_the_reader_keeps_its_index_when_a_refresh_rebuilds_the_cache(site, monkeypatch):
    from test_tui_support import all_rows, make_app, settle

    first = Index([str(site)], Path(os.environ["NEWSREADER_CACHE_DIR"]))
    first.refresh()
    first.close()
    app = make_app(site)
    told: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: told.append(str(message)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        index = app.session.index
        assert [r.title for r in all_rows(app)] == ["吕梁", "晋中"] and not told
        damage(index.path, "items")
        write(site / "_posts/2020-05-05-c.md", post("太原", "<p>增长5%。</p>", "2020-05-05"))
        await pilot.press("r")
        await settle(app, pilot)
        assert app.session.index is index and not index.memory
        assert [r.title for r in all_rows(app)] == ["吕梁", "晋中", "太原"]
        assert any("damaged" in note and "rebuilt" in note for note in told), told
        assert "up to date" in app.reader.sub_title
