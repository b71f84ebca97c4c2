"""The cache index: incremental refresh, damaged caches, concurrency, search, user state."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import stored, write
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.store import cachefile
from newsreader.store.index import Filter, Index
from newsreader.store.schema import unpack_text
from newsreader.store.search import find_spans, index_text, normalize, search_text
from newsreader.store.state import UserState


def post(title: str, body: str = "<p>正文</p>", date: str = "2022-02-28 07:37:36 +0800", cats: str = "news") -> str:
    return f'---\nlayout: post\ntitle: "{title}"\ndate: {date}\ncategories: {cats}\ntags: 标签\n---\n{body}'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write(root / "_config.yml", "timezone: Asia/Shanghai\n")
    write(root / "_posts/2022-02-28-a.md", post("吕梁亮出方案", "<p>地区生产总值增长6.8%。</p>"))
    write(root / "_posts/2021-01-01-b.md", post("Economy grows", "<p>GDP rose 5%.</p>", "2021-01-01 08:00:00 +0800",
                                               "caijing")),
    write(root / "_posts/2020-05-05-c.md", post("高铁开通", "<p>晋中高铁站</p>", "2020-05-05 09:00:00 +0800"))
    return root


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def titles(index: Index, **kw) -> list[str]:
    return [r.title for r in index.rows(index.view(**kw))]


def test_refresh_is_incremental(site, cache):
    index = Index([str(site)], cache)
    first = index.refresh()
    assert (first.indexed, first.unchanged, first.removed) == (3, 0, 0)
    assert titles(index) == ["吕梁亮出方案", "Economy grows", "高铁开通"]  # newest first
    again = index.refresh()
    assert (again.indexed, again.unchanged) == (0, 3)

    a = site / "_posts/2022-02-28-a.md"
    os.utime(a, ns=(a.stat().st_atime_ns, a.stat().st_mtime_ns + 10**9))  # touched
    write(site / "_posts/2021-01-01-b.md", post("Economy shrinks", date="2021-01-01 08:00:00 +0800", cats="caijing"))  # edited
    (site / "_posts/2020-05-05-c.md").unlink()  # deleted
    write(site / "_posts/2023-03-03-d.md", post("新文章", date="2023-03-03 10:00:00 +0800"))  # added
    summary = index.refresh()
    # the touched post is read again, found as it was, and keeps its rows (its new time is noted)
    assert (summary.indexed, summary.unchanged, summary.removed) == (2, 1, 1)
    assert index.find("_posts/2022-02-28-a.md").mtime_ns == a.stat().st_mtime_ns
    assert titles(index) == ["新文章", "吕梁亮出方案", "Economy shrinks"]
    assert index.facets()["c"] == [("news", 2), ("caijing", 1)]


def test_tables_agree_after_edits(site, cache):
    """Each batch is written with rowids given up front: every table must point at the right post."""
    index = Index([str(site)], cache)
    index.refresh()
    write(site / "_posts/2021-01-01-b.md", post("Economy shrinks", "<p>GDP fell 2% and exports fell 3%.</p>",
                                               "2021-01-01 08:00:00 +0800", "caijing"))
    write(site / "_posts/2023-03-03-d.md", post("新文章", "<p>力争增长6%，新增就业4万人。</p>", "2023-03-03 10:00:00 +0800"))
    index.refresh()
    rows = {r.title: r for r in index.rows(index.view())}
    assert sorted(rows) == ["Economy shrinks", "吕梁亮出方案", "新文章", "高铁开通"]
    assert max(r.rowid for r in rows.values()) == rows["新文章"].rowid  # new rows follow the largest rowid
    bodies = {"Economy shrinks": "GDP fell 2% and exports fell 3%.", "新文章": "力争增长6%，新增就业4万人。",
              "吕梁亮出方案": "地区生产总值增长6.8%。", "高铁开通": "晋中高铁站"}
    for row in rows.values():
        (packed,), = stored(index, "SELECT text FROM texts WHERE rowid = ?", (row.rowid,))
        assert unpack_text(packed) == bodies[row.title]
        # the full-text tables hold each post under its own rowid: its title finds it, in both
        assert index.view(query=f'"{row.title}"') == [row.rowid]
        assert index.view(query=bodies[row.title][:5]) == [row.rowid]
        items = index.items(row.rowid)
        assert len(items) == row.n_target + row.n_achieved
        assert [(t.text, t.kind) for t in items] == {
            "Economy shrinks": [("2%", "achieved"), ("3%", "achieved")],
            "新文章": [("6%", "target"), ("4万人", "target")],
            "吕梁亮出方案": [("6.8%", "achieved")], "高铁开通": []}[row.title]
        names = stored(index, "SELECT kind, name FROM names WHERE post = ? ORDER BY kind", (row.rowid,))
        assert names == [("c", row.categories[0]), ("t", "标签")]
    assert stored(index, "SELECT count(*) FROM items")[0][0] == 5  # the edited post's old items are gone
    assert [r.title for r in index.rows(index.view(query="fell 2"))] == ["Economy shrinks"]
    assert index.view(query="rose 5") == []  # the old text left the full-text index


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    "ab AＡａ１，（）：％　…｡ｶﾞ\u0301\u0308\u3099한\u1100\u1161ﬁ①²㎡\t\n全角增长"), max_size=40))
def test_search_text_equals_index_text(text):
    assert search_text(text) == index_text(text)


def test_filters_and_facets(site, cache):
    index = Index([str(site)], cache)
    index.refresh()
    assert titles(index, flt=Filter(category="caijing")) == ["Economy grows"]
    assert titles(index, flt=Filter(tag="标签")) == ["吕梁亮出方案", "Economy grows", "高铁开通"]
    assert titles(index, flt=Filter(year=2020)) == ["高铁开通"]
    assert dict(index.facets()["y"]) == {"2022": 1, "2021": 1, "2020": 1}


def test_unread_and_starred_filters(site, cache, tmp_path):
    index = Index([str(site)], cache)
    index.refresh()
    state = UserState(tmp_path / "data")
    first = index.rows(index.view())[0]
    state.set_read(first.path)
    state.set_starred(first.path, True)
    assert "吕梁亮出方案" not in titles(index, flt=Filter(unread=True), state=state)
    assert titles(index, flt=Filter(starred=True), state=state) == ["吕梁亮出方案"]


@pytest.mark.parametrize("query, expected", [
    ("吕梁", ["吕梁亮出方案"]),            # two Chinese characters: served by vocabulary expansion
    ("高", ["高铁开通"]),                  # one character
    ("6.8%", ["吕梁亮出方案"]),
    ("６.８％", ["吕梁亮出方案"]),          # full-width forms match (NFKC)
    ("economy", ["Economy grows"]),       # English is case-insensitive
    ("gdp rose", ["Economy grows"]),      # every word must occur
    ("晋中高铁站", ["高铁开通"]),
    ("铁", ["高铁开通"]),                  # a character that only ends words
    ("不存在", []),
])
def test_search(site, cache, query, expected):
    index = Index([str(site)], cache)
    index.refresh()
    assert titles(index, query=query) == expected


def test_search_ranks_title_matches_first(tmp_path, cache):
    write(tmp_path / "s/_posts/2023-01-01-x.md", post("其他新闻", "<p>文中提到吕梁</p>", "2023-01-01 00:00:00 +0800"))
    write(tmp_path / "s/_posts/2020-01-01-y.md", post("吕梁新闻", "<p>正文</p>", "2020-01-01 00:00:00 +0800"))
    index = Index([str(tmp_path / "s")], cache)
    index.refresh()
    assert titles(index, query="吕梁") == ["吕梁新闻", "其他新闻"]


def test_search_agrees_with_a_substring_scan(shared, cache):
    """Random 1-4 character substrings of real posts: the index finds exactly what a scan finds."""
    index = Index([str(shared / "corpus")], cache)
    index.refresh()
    rows = index.rows(index.view())
    bodies_by_rowid = {rowid: normalize(unpack_text(packed)) for rowid, packed in stored(index, "SELECT rowid, text FROM texts")}
    texts = {r.rowid: normalize(r.title) + "\n" + bodies_by_rowid[r.rowid] for r in rows}
    rng = random.Random(7)
    bodies = list(texts.values())
    for _ in range(60):
        body = rng.choice(bodies)
        n = rng.choice([1, 2, 2, 3, 4])
        start = rng.randrange(0, max(1, len(body.strip()) - n))
        query = body[start:start + n]
        if not query.strip() or " " in query or "\n" in query or '"' in query:
            continue
        expected = {rid for rid, text in texts.items() if query in text}
        assert set(index.view(query=query)) == expected, query


def test_find_spans_maps_back_to_the_original_text():
    text = "增长６.８％，GDP Rose"
    assert [text[s:e] for s, e in find_spans(text, "6.8% gdp")] == ["６.８％", "GDP"]


def test_damaged_caches_are_rebuilt(site, cache):
    index = Index([str(site)], cache)
    index.refresh()
    path = index.path
    index.close()
    for damage in ("truncate", "garbage", "old-version", "old-extractor", "foreign"):
        if damage == "truncate":
            with open(path, "r+b") as fh:
                fh.truncate(path.stat().st_size // 2)
        elif damage == "garbage":
            path.write_bytes(os.urandom(8192))
            for suffix in ("-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        elif damage in ("old-version", "old-extractor"):
            conn = sqlite3.connect(path)
            key = "schema" if damage == "old-version" else "extractor"
            conn.execute("UPDATE meta SET value = '0' WHERE key = ?", (key,))
            conn.commit()
            conn.close()
        else:
            conn = sqlite3.connect(path)
            conn.execute("DROP TABLE meta")
            conn.commit()
            conn.close()
        reopened = Index([str(site)], cache)
        assert reopened.warnings and "rebuilt" in reopened.warnings[0], damage
        assert not reopened.memory
        reopened.refresh()
        assert reopened.count() == 3
        reopened.close()


def test_unusable_cache_folder_falls_back_to_memory(site, tmp_path):
    blocker = write(tmp_path / "not-a-folder", "x")
    index = Index([str(site)], blocker / "cache")
    assert index.memory and "in-memory" in index.warnings[0]
    index.refresh()
    assert index.count() == 3


def test_locked_cache_falls_back_to_memory(site, cache, monkeypatch):
    Index([str(site)], cache).close()
    holder = sqlite3.connect(cachefile.cache_file(cache, [str(site)]), isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(cachefile, "BUSY_TIMEOUT_MS", 50)
    try:
        index = Index([str(site)], cache)
        assert index.memory and "locked" in index.warnings[0]
        index.refresh()
        assert index.count() == 3
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_two_processes_refreshing_one_cache(tmp_path, samples, cache):
    site = tmp_path / "samples"
    shutil.copytree(samples, site)
    cmd = [sys.executable, "-m", "newsreader", "index", str(site), "--cache-dir", str(cache), "--workers", "1"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    index = Index([str(site)], cache)
    n_files = len(list(site.rglob("*.md"))) + len(list(site.rglob("*.html")))
    assert index.count() == n_files
    assert stored(index, "SELECT count(*) FROM texts")[0][0] == n_files
    assert index.refresh().unchanged == n_files


def test_state_survives_the_cache(site, cache, tmp_path):
    data = tmp_path / "data"
    index = Index([str(site)], cache)
    index.refresh()
    key = index.rows(index.view())[0].path
    state = UserState(data)
    state.set_read(key)
    state.set_starred(key, True)
    state.put("last", key)
    state.close()
    index.close()
    shutil.rmtree(cache)
    again = UserState(data)
    assert again.is_read(key) and again.is_starred(key) and again.get("last") == key


def test_damaged_state_is_kept_aside_not_deleted(tmp_path):
    data = tmp_path / "data"
    write(data / "state.sqlite", os.urandom(4096))
    state = UserState(data)
    assert "damaged" in state.warnings[0]
    assert any(p.name.startswith("state.sqlite.damaged-") for p in data.iterdir())
    state.set_read("/x")
    assert UserState(data).is_read("/x")


def test_values_are_written_as_a_chinese_reader_writes_them():
    from newsreader.targets.format import format_number

    assert [format_number(v) for v in (627.7e8, 3e11, 4e4, 1.3e12, 1439, 12_345_678, 6.8)] == [
        "627.7亿", "3000亿", "4万", "1.3万亿", "1,439", "12,345,678", "6.8"]


def test_view_limit_gives_the_first_rows(site, cache):
    index = Index([str(site)], cache)
    index.refresh()
    assert index.view(limit=2) == index.view()[:2]
    assert index.view(query="6.8%", limit=1) == index.view(query="6.8%")[:1]


def test_items_keep_their_sentences(tmp_path, cache):
    body = "<p>2022年主要预期目标为：地区生产总值增长6.8%，城镇新增就业4万人。去年增长5%。</p>"
    write(tmp_path / "s/_posts/2022-02-28-a.md", post("目标", body))
    index = Index([str(tmp_path / "s")], cache)
    index.refresh()
    items = {t.text: t for t in index.items(index.view()[0])}
    assert items["6.8%"].sentence == items["4万人"].sentence == "2022年主要预期目标为：地区生产总值增长6.8%，城镇新增就业4万人。"
    assert items["5%"].sentence == "去年增长5%。"
    (tmp_path / "s/_posts/2022-02-28-a.md").unlink()
    index.refresh()
    assert stored(index, "SELECT count(*) FROM items")[0][0] == stored(index, "SELECT count(*) FROM texts")[0][0] == 0


def test_a_dense_sentence_is_read_once_and_shared_by_its_items(tmp_path, cache):
    """A megabyte sentence with thousands of items must not be copied per item (that would be gigabytes)."""
    sentence = "力争增长6.8%，" * 3_000 + "。"
    write(tmp_path / "s/_posts/2022-02-28-a.md", post("稠密", f"<p>{sentence}</p><p>去年增长5%。</p>"))
    index = Index([str(tmp_path / "s")], cache)
    index.refresh()
    items = index.items(index.view()[0])
    dense = [t for t in items if t.text == "6.8%"]
    assert len(dense) == 3_000 and dense[0].sentence.startswith("力争增长6.8%，力争")
    assert all(t.sentence is dense[0].sentence for t in dense)  # one string, shared
    assert [t.sentence for t in items if t.text == "5%"] == ["去年增长5%。"]
    assert [t.sentence for _, t in index.all_items()] == [t.sentence for t in items]
    for kind in (None, "target"):
        shared = [t for _, t in index.all_items(kind=kind) if t.text == "6.8%"]
        assert len(shared) == 3_000 and all(t.sentence is shared[0].sentence for t in shared)


def test_a_refresh_that_changes_nothing_writes_nothing_unless_the_last_one_was_cut_short(site, cache):
    index = Index([str(site)], cache)
    index.refresh()
    other = sqlite3.connect(index.path)
    version = other.execute("PRAGMA data_version").fetchone()[0]  # moves when another connection commits
    assert index.refresh().unchanged == 3
    assert other.execute("PRAGMA data_version").fetchone()[0] == version
    # A run killed after writing posts but before its last step leaves the counts behind.
    other.execute("INSERT INTO meta (key, value) VALUES ('untidy', '1')")
    other.execute("DELETE FROM facets")
    other.commit()
    index.refresh()
    assert index.facets()["c"] == [("news", 2), ("caijing", 1)]
    assert stored(index, "SELECT count(*) FROM meta WHERE key = 'untidy'")[0][0] == 0
    assert other.execute("PRAGMA data_version").fetchone()[0] != version


def test_hugo_drafts_are_left_out_quietly_and_cost_no_writes(tmp_path, cache):
    write(tmp_path / "site/hugo.toml", "title = 'x'\n")
    write(tmp_path / "site/content/posts/a.md", "---\ntitle: a\n---\n")
    write(tmp_path / "site/content/posts/draft.md", "---\ntitle: draft\ndraft: true\n---\n")
    index = Index([str(tmp_path / "site")], cache)
    first = index.refresh()
    assert (first.indexed, first.skipped) == (1, [])
    other = sqlite3.connect(index.path)
    version = other.execute("PRAGMA data_version").fetchone()[0]
    again = index.refresh()
    assert (again.indexed, again.unchanged, again.skipped) == (0, 1, [])
    assert other.execute("PRAGMA data_version").fetchone()[0] == version
    # a post that becomes a draft leaves the list
    write(tmp_path / "site/content/posts/a.md", "---\ntitle: a\ndraft: true\n---\n")
    index.refresh()
    assert index.count() == 0 and index.skipped() == []
    # asked for, drafts are read, in a cache of their own
    assert Index([str(tmp_path / "site")], cache, drafts=True).refresh().indexed == 2
    assert index.refresh().unchanged == 0 and index.count() == 0


def test_posts_are_listed_and_searchable_before_their_items_are_extracted(site, cache):
    index = Index([str(site)], cache)
    summary = index.refresh(items=False)
    assert (summary.indexed, summary.extracted) == (3, 0)
    assert titles(index, query="地区生产总值") == ["吕梁亮出方案"]
    (row,) = index.rows(index.view(query="地区生产总值"))
    assert (row.n_target, row.n_achieved, index.items(row.rowid)) == (None, None, [])
    assert index.items_coverage() == (0, 3)
    assert index.extract_items().extracted == 3
    row = index.get(row.rowid)
    assert (row.n_target, row.n_achieved) == (0, 1)
    assert [t.text for t in index.items(row.rowid)] == ["6.8%"]
    assert index.items_coverage() == (3, 3)
    assert index.extract_items().extracted == 0  # nothing left to do


def test_a_post_changed_between_the_passes_keeps_no_stale_items(site, cache, monkeypatch):
    from newsreader.store import records

    index = Index([str(site)], cache)
    index.refresh(items=False)
    a = site / "_posts/2022-02-28-a.md"
    extract_rows = records.extract_rows

    def edit_then_extract(jobs):  # the first pass runs again while the second extracts
        write(a, post("吕梁亮出新方案", "<p>地区生产总值增长7.5%。</p>"))
        os.utime(a, ns=(a.stat().st_atime_ns, a.stat().st_mtime_ns + 10**9))
        Index([str(site)], cache).refresh(items=False)
        return extract_rows(jobs)

    monkeypatch.setattr(records, "extract_rows", edit_then_extract)
    assert index.extract_items().extracted == 2  # the old version of a is no longer there to take items
    monkeypatch.undo()
    (row,) = index.rows(index.view(query="新方案"))
    assert row.n_target is None and index.items(row.rowid) == []
    assert index.extract_items().extracted == 1
    assert [t.text for t in index.items(index.find(row.id).rowid)] == ["7.5%"]


def test_the_article_of_a_post_still_without_items_extracts_them_itself(site, cache):
    from newsreader.article import load_article

    index = Index([str(site)], cache)
    index.refresh(items=False)
    (row,) = index.rows(index.view(query="地区生产总值"))
    assert [t.text for t in load_article(row, index).items] == ["6.8%"]
