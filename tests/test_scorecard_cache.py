"""The scorecard kept beside the cache index: the same rows as the pairing gives, filtered and
sorted in SQL, brought up to date by placing only the posts that changed, rebuilt when damaged."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from newsreader.scorecard import VERDICTS, rows_of_index
from newsreader.scorecard.cache import ScorecardCache, cache_path
from newsreader.scorecard.fields import row_fields
from newsreader.store.index import Index

TODAY = date(2026, 11, 30)


@pytest.fixture
def site(tmp_path: Path, samples: Path) -> Path:
    """A copy of the samples, to change."""
    return Path(shutil.copytree(samples, tmp_path / "site"))


@pytest.fixture
def index(site: Path, tmp_path: Path) -> Index:
    index = Index([str(site)], tmp_path / "cache")
    index.refresh()
    yield index
    index.close()


def built(index: Index) -> ScorecardCache:
    cache = ScorecardCache(index)
    cache.update(TODAY)
    return cache


def summary(line) -> tuple:
    return (line.entity, line.metric_key, line.years, line.target_text, line.result_text, line.verdict)


def test_the_kept_rows_are_the_scorecards_rows(index: Index) -> None:
    cache = built(index)
    rows = [row_fields(row) for row in rows_of_index(index, TODAY)]
    kept = cache.lines(cache.view().rids)
    assert len(kept) == cache.count() == len(rows) > 100
    assert [summary(line) for line in kept] == [(r["entity"], r["metric_key"], r["period"], r["target_text"],
                                                 r["result_text"], r["verdict"]) for r in rows]
    assert not cache.stale(TODAY) and cache.stale(date(2027, 1, 1))  # a new year ends some targets' years


def test_the_view_filters_by_every_word_and_counts_the_verdicts(index: Index) -> None:
    cache = built(index)
    view = cache.view("云川 gdp 2023")
    assert [summary(line) for line in cache.lines(view.rids)] == [
        ("云川市", "gdp", "2023", "6.5%左右", "6.3%", "met")]
    assert view.verdicts == {verdict: int(verdict == "met") for verdict in VERDICTS}
    everything = cache.view()  # the rows in the order kept (entity, metric, year), counted when written
    lines = cache.lines(everything.rids)
    assert everything.verdicts == {verdict: sum(line.verdict == verdict for line in lines) for verdict in VERDICTS}
    assert len(lines) == cache.count() and [line.entity_key for line in lines] == sorted(line.entity_key
                                                                                         for line in lines)
    assert cache.view(reverse=True).rids == everything.rids[::-1]
    gdp = cache.view("江州 gdp").rids  # the metric's key, or its name (which 单位地区生产总值能耗 holds too)
    assert gdp and set(gdp) < set(cache.view("地区生产总值 江州").rids)
    assert cache.view("no such words").rids == []


def test_the_view_sorts_by_a_column_either_way(index: Index) -> None:
    cache = built(index)
    years = [line.last for line in cache.lines(cache.view(sort="year").rids)]
    assert years == sorted(years) and years[0] < years[-1]
    newest = [line.last for line in cache.lines(cache.view(sort="year", reverse=True).rids)]
    assert newest == sorted(years, reverse=True)
    ranks = [VERDICTS.index(line.verdict) for line in cache.lines(cache.view(sort="verdict").rids)]
    assert ranks == sorted(ranks)


def test_a_series_is_one_entity_metric_and_unit_oldest_first(index: Index) -> None:
    cache = built(index)
    (line,) = cache.lines(cache.view("云川 gdp 2022").rids)
    series = cache.series(line)
    assert {(s.entity_key, s.metric_key, s.unit) for s in series} == {(line.entity_key, "gdp", "%")}
    assert [s.last for s in series] == sorted(s.last for s in series) and line in series


def test_only_the_posts_that_changed_are_placed_again(index: Index, site: Path) -> None:
    cache = built(index)
    counts: list[tuple[int, int]] = []
    report = site / "_posts" / "2025-01-21-jiangzhoushi-2025-zhengfugongzuobaogao.md"
    report.write_text(report.read_text(encoding="utf-8").replace("增长5.3%", "增长5.6%"), encoding="utf-8")
    (site / "_posts" / "2024-03-26-yunchuanshi-2023-tongji-gongbao.md").unlink()
    index.refresh()
    assert cache.stale(TODAY)
    cache.update(TODAY, progress=lambda done, total: counts.append((done, total)))
    assert counts == [(1, 1)]  # the report changed; the release removed is forgotten, not placed
    (line,) = cache.lines(cache.view("江州 gdp 2024").rids)
    assert (line.result_text, line.verdict) == ("5.6%", "exceeded")
    (line,) = cache.lines(cache.view("云川 gdp 2023").rids)
    assert line.revisions == ""  # the release that revised it is gone
    assert not cache.stale(TODAY)


def test_a_damaged_or_older_file_is_built_again(index: Index) -> None:
    built(index).close()
    path = Path(cache_path(index))
    path.write_bytes(b"not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    cache = ScorecardCache(index)
    assert not cache.has_lines() and cache.stale(TODAY)
    cache.update(TODAY)
    assert cache.count() > 100
    cache.link.query("UPDATE meta SET value = 'older' WHERE key = 'code'")
    cache.close()
    again = ScorecardCache(index)
    assert not again.has_lines() and again.count() == 0


def test_an_index_in_memory_keeps_its_scorecard_in_memory(samples: Path) -> None:
    index = Index([str(samples)], memory=True)
    index.refresh()
    cache = built(index)
    assert cache.path == ":memory:" and cache.count() > 100 and not cache.stale(TODAY)


def test_what_reports_tell_in_words_is_read_once(index: Index, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsreader.article

    built(index)
    news = site / "_posts" / "2026-03-05-202603050900223344.md"
    news.write_text(news.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    index.refresh()
    reads: list[str] = []
    load = newsreader.article.load_article
    monkeypatch.setattr(newsreader.article, "load_article",
                        lambda row, *args, **options: reads.append(row.id) or load(row, *args, **options))
    cache = ScorecardCache(index)
    cache.update(TODAY)
    assert reads == []  # a news post changed: no report is read again, their words are kept
    (line,) = cache.lines(cache.view("云川 粮食 2021").rids)
    assert line.verdict == "no figure" and line.statement.startswith("粮食生产再获丰收")


def test_a_scorecard_built_before_the_items_were_extracted_is_built_again(site: Path, tmp_path: Path) -> None:
    index = Index([str(site)], tmp_path / "cache")
    try:
        index.refresh(items=False)  # the first pass alone: every post listed, none with its items yet
        early = index.version()
        cache = built(index)
        assert cache.count() == 0 and not cache.stale(TODAY)
        assert index.extract_items().extracted > 0
        assert index.version() != early and cache.stale(TODAY)  # the second pass changed what the rows come from
        cache.update(TODAY)
        rows = rows_of_index(index, TODAY)
        assert cache.count() == len(rows) > 100
        assert [summary(line) for line in cache.lines(cache.view().rids)] == [
            (r["entity"], r["metric_key"], r["period"], r["target_text"], r["result_text"], r["verdict"])
            for r in map(row_fields, rows)]
    finally:
        index.close()
