"""Targets and tables as the reader shows them: tables without split numbers (and `show` printing the same),
T's preview broken by the Chinese rules, no duplicate items, counts that agree, values as a Chinese reader
writes them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_tui_support import (
    app_before_items,
    index_where,
    make_app,
    open_row,
    reader,
    settle,
    type_burst,
    visible_lines,
)

from newsreader.render.checks import NUMBER_UNIT, layout_problems
from newsreader.render.linebreak import CLOSING
from newsreader.tui.widgets.targets_panel import GENERAL

REPORT = "donglansheng-2026"  # the samples' 2026 report of 东澜省, with a six-column table of goals
SPACED_UNIT = re.compile(r"\d (?:%|‰|万|亿|元|人|个)")


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_the_report_table_never_splits_a_number_and_show_prints_the_same(archive: Path, size, capsys) -> None:
    app = make_app(archive)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await open_row(app, pilot, index_where(app, lambda r: REPORT in r.id))
        view = screen.article
        body = view.lines[view.header_lines:]
        assert layout_problems(view.article.doc, body, view.text_width) == []
        plain = [line.text.plain for line in view.lines]
        assert any("73左右" in line for line in plain) and not any(line.rstrip(" │").endswith("73左") for line in plain)
        post, width = view.article.row.id, view.text_width
    from newsreader.cli import main

    capsys.readouterr()
    assert main(["show", post, str(archive), "--width", str(width)]) == 0
    assert capsys.readouterr().out.splitlines() == plain


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_a_match_inside_the_table_is_pointed_at_on_its_own_line(archive: Path, size) -> None:
    app = make_app(archive)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("slash", *"15左右", "enter")
        await settle(app, pilot)
        await open_row(app, pilot, index_where(app, lambda r: REPORT in r.id))
        view = screen.article
        assert view.hits
        for _ in view.hits:
            await pilot.press("n")
            await pilot.pause()
            line = view.line_for_offset(view.selected[0])
            assert "15左右" in view.lines[line].text.plain
            assert view.render_line(line - view.scroll_offset.y).text.startswith(">")


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_the_T_preview_breaks_lines_by_the_chinese_rules(archive: Path, size) -> None:
    app = make_app(archive)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("T")
        await settle(app, pilot)
        screen = app.screen
        table = screen.query_one("#archive-table")
        detail = screen.query_one("#archive-detail")
        checked = 0
        for index in range(0, table.count, 7):  # a spread of items across the archive
            table.cursor = index
            await pilot.pause()
            row, item = table.current
            lines = [line.strip() for line in visible_lines(detail)[1:] if line.strip()]
            assert lines, index
            assert not any(line[0] in CLOSING for line in lines), lines
            if item.text in (item.sentence or ""):  # (a unit the extractor inferred is not in the text)
                assert any(item.text in line for line in lines), (item.text, lines)
            shown = "".join(lines)
            for number in NUMBER_UNIT.finditer(shown):
                assert any(number.group() in line for line in lines), (number.group(), lines)
            checked += 1
        assert checked > 20


async def test_T_shows_each_figure_of_a_post_once_and_its_title_follows_the_search(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"北辰", "enter")
        await settle(app, pilot)
        await pilot.press("T")
        await settle(app, pilot)
        screen = app.screen
        table = screen.query_one("#archive-table")
        assert "“北辰” in All posts" in str(table.border_title)
        await pilot.press(*"合同金额", "enter")
        await pilot.pause()
        values = [(row.rowid, item.kind, item.value, item.horizon) for row, item in table.items]
        contract = [v for v in values if v[2] == 4.6e8]
        assert len(contract) == 1  # 约4.6亿元 is said twice in the post (lead and body), listed once
        assert len(values) == len(set(values))
        everything = app.session.index.all_items(metric="合同金额", query="北辰")
        assert len(everything) > len(values)  # the index keeps every occurrence (the article marks each)


async def test_the_targets_panel_counts_agree_and_read_as_english(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await open_row(app, pilot, index_where(app, lambda r: "jiangzhou-nanping" in r.id))  # two cities
        panel = screen.targets
        items = panel.items
        targets = sum(1 for item in items if item.kind == "target")
        assert str(panel.border_subtitle) == f"{targets} targets · {len(items) - targets} achieved"
        headings = [str(row) for row in panel.rows if not isinstance(row, int)]
        assert all(" · " in heading for heading in headings)  # with entities, every group is named
        counted = sum(int(re.search(r"\((\d+)\)", heading).group(1)) for heading in headings)
        assert counted == len(items)
        if any(item.entity is None for item in items):
            assert any(heading.startswith(GENERAL) for heading in headings)
        await open_row(app, pilot, index_where(app, lambda r: r.n_target == 1))
        assert str(panel.border_subtitle).startswith("1 target ·")


async def test_values_are_shown_as_a_chinese_reader_writes_them(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await open_row(app, pilot, index_where(app, lambda r: REPORT in r.id))
        shown = "\n".join(visible_lines(screen.targets))
        assert "≥85万人" in shown and "≈5.5%" in shown and not SPACED_UNIT.search(shown)
        await pilot.press("T")
        await settle(app, pilot)
        table = app.screen.query_one("#archive-table")
        assert not SPACED_UNIT.search("\n".join(visible_lines(table)))


async def test_T_says_what_share_of_the_archive_it_covers_while_items_are_extracted(tmp_path: Path) -> None:
    app, _site, total = app_before_items(tmp_path)  # listed and searchable; no post has its items yet
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("T", *"地区生产总值", "enter")
        await settle(app, pilot)
        table = app.screen.query_one("#archive-table")
        assert f"numeric items of 0 of {total} posts so far" in str(table.border_subtitle)
        await pilot.press("escape", "r")  # a refresh extracts them
        await settle(app, pilot)
        await pilot.press("T")  # the metric typed is kept
        await settle(app, pilot)
        table = app.screen.query_one("#archive-table")
        assert "so far" not in str(table.border_subtitle) and table.items


async def test_T_a_burst_of_keys_reaches_the_metric_filter_whole(archive: Path, monkeypatch) -> None:
    # as the scorecard's filter (test_tui_scorecard): the focus may move to the filter while the rest
    # of a burst of typed keys still waits in the table's queue
    from newsreader.tui.screens.archive_targets import MetricFilter

    app = make_app(archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("T")
        await settle(app, pilot)
        await type_burst(app, pilot, "失业率", MetricFilter, monkeypatch)
        box = app.screen.query_one(MetricFilter)
        assert box.value == "失业率" and app.screen.focused is box
