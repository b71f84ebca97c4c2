"""The scorecard screen (S) and its chart (C), driven with Pilot on the samples."""

from __future__ import annotations

from pathlib import Path

from test_tui_support import app_before_items, make_app, reader, settle, type_burst

from newsreader.scorecard import MISSED, NO_FIGURE, VERDICTS, rows_of_index
from newsreader.scorecard.cache import ScoreLine
from newsreader.tui.screens.scorecard import ScorecardScreen
from newsreader.tui.screens.scorecard_chart import ChartScreen
from newsreader.tui.widgets.scorecard_table import VERDICT_SYMBOLS, ScorecardTable
from newsreader.tui.widgets.trend_chart import BAND, FLOOR, RESULT, TrendChart

WIDE = (160, 50)


async def open_scorecard(app, pilot) -> ScorecardScreen:
    await pilot.press("S")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ScorecardScreen)
    return screen


def table_of(screen: ScorecardScreen) -> ScorecardTable:
    return screen.query_one(ScorecardTable)


def shown(screen: ScorecardScreen) -> list[ScoreLine]:
    """Every row the table shows, in order."""
    table = table_of(screen)
    return [table.line_at(i) for i in range(table.count)]


async def test_s_opens_the_scorecard_from_every_pane_but_not_from_a_text_box(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        expected = len(rows_of_index(app.session.index))
        for pane in ("posts", "sidebar", "article", "targets"):
            reader(app).show_pane(pane)
            await pilot.pause()
            screen = await open_scorecard(app, pilot)
            assert table_of(screen).count == expected > 0, pane
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is reader(app)
        await pilot.press("slash", "S")  # in the search box S is a letter
        await pilot.pause()
        assert app.screen is reader(app) and reader(app).search_bar.value == "S"


async def test_typing_filters_by_entity_metric_and_year(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = await open_scorecard(app, pilot)
        table = table_of(screen)
        everything = table.count
        await pilot.press(*"云川")  # typed in the table: it goes to the filter
        await settle(app, pilot)
        assert screen.query_one("#scorecard-filter").value == "云川"
        assert 0 < table.count < everything and {row.entity for row in shown(screen)} == {"云川市"}
        await pilot.press("space", *"gdp", "space", *"2023")
        await settle(app, pilot)
        assert [(row.entity, row.metric_key, row.last) for row in shown(screen)] == [("云川市", "gdp", 2023)]
        await pilot.press("escape")  # clears the filter, back to the table
        await settle(app, pilot)
        assert table.count == everything and screen.focused is table


async def test_a_burst_of_keys_reaches_the_filter_whole(archive: Path, monkeypatch) -> None:
    # A terminal delivers typed text in one read: the app queues all its keys for the table, and the
    # first of them moves the focus to the filter while the others still wait in the table's queue.
    # Whether the focus moves before the table reads the second key is up to the scheduler; here it
    # moves at once, the order that lost keys in a real terminal.
    from newsreader.tui.screens.scorecard import ScorecardFilter

    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = await open_scorecard(app, pilot)
        await type_burst(app, pilot, "云川 2023", ScorecardFilter, monkeypatch)
        box = screen.query_one(ScorecardFilter)
        assert box.value == "云川 2023" and screen.focused is box


async def test_sorting_by_each_column_and_back(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = await open_scorecard(app, pilot)

        async def sort(key: str) -> list[ScoreLine]:
            await pilot.press(key)
            await settle(app, pilot)
            return shown(screen)

        years = [row.last for row in await sort("Y")]
        assert years == sorted(years) and years[0] < years[-1]
        assert [row.last for row in await sort("Y")] == sorted(years, reverse=True)  # again: newest first
        rows = await sort("V")
        order = [VERDICTS.index(row.verdict) for row in rows]
        assert order == sorted(order) and len(set(order)) == len(VERDICTS)
        missed = [row.delta for row in rows if row.verdict == MISSED]
        assert missed == sorted(missed) and len(missed) > 1  # the worst miss first among the misses
        entities = [row.entity_key for row in await sort("E")]
        assert entities == sorted(entities) and len(set(entities)) > 1
        names = [row.metric_name for row in await sort("M")]
        assert names == sorted(names) and len(set(names)) > 1
        targets = [(row.metric_key, row.unit or "", row.target_value) for row in await sort("T")]
        assert targets == sorted(targets)
        results = [(row.metric_key, row.unit or "", row.result_value is None, row.result_value or 0.0)
                   for row in await sort("R")]
        assert results == sorted(results)
        header = str(screen.query_one("#scorecard-header").render())
        assert "result ↑" in header


async def test_the_cursor_stays_on_its_row_when_the_order_changes(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = await open_scorecard(app, pilot)
        table = table_of(screen)
        table.cursor = 5
        chosen = table.current
        await pilot.press("V")
        await settle(app, pilot)
        assert table.current.rid == chosen.rid and table.cursor == shown(screen).index(chosen) != 5


async def test_enter_opens_the_targets_post_and_o_the_results(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = await open_scorecard(app, pilot)
        await pilot.press(*"江州 gdp 2024", "enter")  # enter in the filter: back to the table
        await settle(app, pilot)
        (row,) = shown(screen)
        assert (row.target_text, row.result_text) == ("5%—5.5%", "5.3%")
        await pilot.press("enter")
        await settle(app, pilot)
        view = reader(app).article
        assert view.article.row.rowid == row.target_post
        assert view.selected == (row.target_start, row.target_end)
        assert view.article.doc.text[slice(*view.selected)] == row.target_text
        screen = await open_scorecard(app, pilot)
        await pilot.press(*"江州 gdp 2024", "enter")
        await settle(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        assert app.screen is reader(app)
        assert view.article.row.rowid == row.result_post != row.target_post
        assert view.article.doc.text[slice(*view.selected)] == row.result_text


async def test_o_on_a_result_in_words_selects_its_sentence(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = await open_scorecard(app, pilot)
        await pilot.press(*"云川 粮食产量 2021", "enter")
        await settle(app, pilot)
        (row,) = shown(screen)
        assert row.verdict == NO_FIGURE and row.statement.startswith("粮食生产再获丰收")
        await pilot.press("o")
        await settle(app, pilot)
        view = reader(app).article
        assert view.article.row.rowid == row.result_post
        assert view.article.doc.text[slice(*view.selected)] == row.statement


async def test_o_without_a_result_says_so_and_stays(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = await open_scorecard(app, pilot)
        await pilot.press(*"江州 gdp 2025", "enter")
        await settle(app, pilot)
        (row,) = shown(screen)
        assert row.result_post is None
        said: list[str] = []
        screen.notify = lambda message, **_options: said.append(message)
        await pilot.press("o")
        await pilot.pause()
        assert app.screen is screen and said == ["No result in the archive yet."]


async def test_the_chart_of_a_rows_entity_and_metric(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = await open_scorecard(app, pilot)
        await pilot.press(*"云川 地区生产总值 2022", "enter")
        await settle(app, pilot)
        await pilot.press("C")
        await pilot.pause()
        chart_screen = app.screen
        assert isinstance(chart_screen, ChartScreen)
        assert {(row.entity, row.metric_key) for row in chart_screen.lines} == {("云川市", "gdp")}
        chart = chart_screen.query_one(TrendChart)
        assert [point.year for point in chart.points] == [2021, 2022, 2023, 2024]
        lines = [line.plain for line in chart.lines(60, 14)]
        assert lines[-1].split() == ["2021", "2022", "2023", "2024"]
        plot = "\n".join(lines)
        assert FLOOR in plot and BAND in plot and RESULT in plot  # 7%以上, 6.5%左右, the results
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_help_and_the_palette_offer_the_scorecard(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        sections = dict(reader(app).key_sections())
        assert any(entry.action == "scorecard" and entry.keys == ["S"] for entry in sections["Everywhere"])
        assert {entry.action for entry in sections["Scorecard (S)"]} >= {"open_result", "chart", "close"}
        commands = {title: callback for title, _help, callback in reader(app).commands()}
        await commands["Scorecard"]()
        await settle(app, pilot)
        assert isinstance(app.screen, ScorecardScreen)


async def test_verdicts_show_by_symbol_and_word(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = await open_scorecard(app, pilot)
        table = table_of(screen)
        from rich.style import Style

        for verdict in VERDICTS:
            index = next(i for i, row in enumerate(shown(screen)) if row.verdict == verdict)
            text = table.render_row(index, 120, Style()).plain
            assert text.startswith(VERDICT_SYMBOLS[verdict]) and verdict in text


async def test_the_detail_gives_both_sentences_and_the_later_reports(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = await open_scorecard(app, pilot)
        await pilot.press(*"云川 gdp 2023", "enter")
        await settle(app, pilot)
        target, result, verdict = str(screen.query_one("#scorecard-detail").render()).splitlines()
        assert target.startswith("target 2023-02-14 ") and "地区生产总值增长6.5%左右" in target
        assert result.startswith("result 2024-01-23 ") and "增长6.3%" in result
        assert verdict == "met  later reports: 6.1% (2024-03-26) — 1 later report disagrees"


async def test_the_scorecard_follows_the_index(archive: Path, tmp_path: Path) -> None:
    import shutil

    from conftest import write

    site = Path(shutil.copytree(archive, tmp_path / "site"))
    app = make_app(site)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = await open_scorecard(app, pilot)
        await pilot.press(*"江州 gdp 2025", "enter")
        await settle(app, pilot)
        (row,) = shown(screen)
        assert row.verdict == "pending"
        await pilot.press("escape")
        write(site / "_posts" / "2026-01-20-jiangzhoushi-2026-zhengfugongzuobaogao.md",
              "---\ntitle: 江州市人民政府 2026年政府工作报告\ndate: 2026-01-20\n---\n"
              "一、2025年工作回顾\n过去一年，全市地区生产总值比上年增长5.1%。\n")
        await pilot.press("r")  # refresh the index
        await settle(app, pilot)
        screen = await open_scorecard(app, pilot)  # the kept rows are stale: brought up to date
        await pilot.press(*"江州 gdp 2025", "enter")
        await settle(app, pilot)
        (row,) = shown(screen)
        assert (row.result_text, row.verdict) == ("5.1%", "met")


async def test_an_answer_to_an_older_query_is_not_shown(archive: Path) -> None:
    import threading

    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = await open_scorecard(app, pilot)
        cache = screen.cache
        release = threading.Event()
        answer = cache.view

        def slow_for_one(words: str = "", sort: str = "entity", reverse: bool = False):
            if words == "江州":
                release.wait(timeout=60)  # answers after the queries typed later
            return answer(words, sort, reverse)

        cache.view = slow_for_one
        await pilot.press(*"江州 gdp")
        for _ in range(500):  # until the last query's answer is shown (the one before it still waits)
            await pilot.pause()
            if "“江州 gdp”" in screen.counts:
                break
        release.set()
        await settle(app, pilot)
        rows = shown(screen)
        assert rows and {(row.entity, row.metric_key) for row in rows} == {("江州市", "gdp")}
        assert "“江州 gdp”" in screen.counts


async def test_the_scorecard_says_what_it_covers_while_items_are_extracted_and_follows_them(tmp_path: Path) -> None:
    app, _site, total = app_before_items(tmp_path)  # listed and searchable; no post has its items yet
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = await open_scorecard(app, pilot)
        table = table_of(screen)
        assert table.count == 0 and f"numeric items of 0 of {total} posts so far" in str(table.border_subtitle)
        reader(app).action_refresh()  # the refresh under the scorecard extracts them: its rows follow
        await settle(app, pilot)
        assert app.screen is screen
        assert table.count == len(rows_of_index(app.session.index)) > 0
        assert "so far" not in str(table.border_subtitle)
