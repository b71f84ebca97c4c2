"""Escape goes back one step and never loses a search; what the reader showed comes back at the next start
(the search and its history, the filter, the sort, where the article was read to, T's filter and sort)."""

from __future__ import annotations

from pathlib import Path

from test_tui_support import all_rows, make_app, open_row, reader, settle

from newsreader.store.index import Filter
from newsreader.tui.screens.archive_targets import ArchiveTargetsScreen

WIDE = (160, 50)


async def test_escape_from_the_targets_panel_keeps_the_search(archive: Path) -> None:
    """The issue's steps: /就业 enter enter t escape."""
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        total = screen.posts.count
        await pilot.press("slash", *"就业", "enter")
        await settle(app, pilot)
        found = screen.posts.count
        assert 0 < found < total
        await pilot.press("enter", "t")
        await settle(app, pilot)
        assert app.focused is screen.targets
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.focused is screen.posts  # back where t was pressed
        assert screen.query_text == "就业" and screen.posts.count == found
        assert "“就业”" in str(screen.posts.border_title)
        await pilot.press("escape")  # one more step: out of the search
        await settle(app, pilot)
        assert screen.query_text == "" and screen.posts.count == total
        await pilot.press("slash")  # the search comes back with /
        await settle(app, pilot)
        assert screen.search_bar.value == "就业" and screen.query_text == "就业"
        assert screen.posts.count == found


async def test_escape_steps_back_from_the_article_to_the_list_at_80x24(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("slash", *"江州", "enter", "enter")
        await settle(app, pilot)
        assert app.focused is screen.article
        await pilot.press("t")
        await pilot.pause()
        assert app.focused is screen.targets
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is screen.article
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is screen.posts and screen.query_text == "江州"


async def test_the_search_box_keeps_a_history_walked_with_up_and_down(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        bar = screen.search_bar
        for query in ("江州", "南屏", "6.8%"):
            await pilot.press("slash")
            bar.value = ""
            await pilot.press(*query, "enter")
            await settle(app, pilot)
        await pilot.press("slash")
        bar.value = ""
        await pilot.press(*"北辰")
        await pilot.press("up")
        assert bar.value == "6.8%"
        await pilot.press("up", "up")
        assert bar.value == "江州"
        await pilot.press("up")  # no earlier search: stays
        assert bar.value == "江州"
        await pilot.press("down")
        assert bar.value == "南屏"
        await pilot.press("down", "down")  # past the newest: what was being typed
        assert bar.value == "北辰"
        await pilot.press("down")  # not walking the history: to the results
        await settle(app, pilot)
        assert app.focused is screen.posts and screen.query_text == "北辰"


async def test_search_filter_sort_history_and_reading_place_survive_a_restart(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        tree = screen.sidebar
        category, count = app.session.index.facets()["c"][0]
        node = next(n for n in tree.root.children[3].children if n.data.filter.category == category)
        tree.focus()
        tree.move_cursor(node)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("slash", *"南屏", "enter")
        await settle(app, pilot)
        await pilot.press("slash")
        screen.search_bar.value = ""
        await pilot.press(*"增长", "enter")
        await settle(app, pilot)
        await pilot.press("O")  # by title
        await settle(app, pilot)
        shown = [r.rowid for r in all_rows(app)]
        longest = max(range(len(shown)), key=lambda i: all_rows(app)[i].size)
        await open_row(app, pilot, longest)
        screen.article.focus()
        await pilot.press("space", "space", "j")
        read_to = screen.article.scroll_offset.y
        top = screen.article.top_offset
        assert read_to > 0
        opened = screen.article.article.row.rowid
        await pilot.press("q")
    again = make_app(archive)
    async with again.run_test(size=WIDE) as pilot:
        await settle(again, pilot)
        screen = reader(again)
        assert screen.flt == Filter(category=category) and screen.scope == f"Category {category}"
        assert screen.query_text == "增长" and screen.sort == "title"
        assert [r.rowid for r in all_rows(again)] == shown
        assert screen.sidebar.cursor_node.data.filter == Filter(category=category)
        assert screen.article.article.row.rowid == opened and screen.posts.cursor == longest
        assert screen.article.scroll_offset.y == read_to and screen.article.top_offset == top
        assert screen.search_bar.history.queries[-2:] == ["南屏", "增长"]


async def test_the_T_filter_and_sort_survive_a_restart(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("T")
        await settle(app, pilot)
        await pilot.press(*"失业率", "enter", "M", "K")
        await settle(app, pilot)
        table = app.screen.query_one("#archive-table")
        shown = [(row.rowid, item.start) for row, item in table.items]
        assert shown and all(item.kind == "target" for _, item in table.items)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("q")
    again = make_app(archive)
    async with again.run_test(size=WIDE) as pilot:
        await settle(again, pilot)
        await pilot.press("T")
        await settle(again, pilot)
        screen = again.screen
        assert isinstance(screen, ArchiveTargetsScreen)
        assert screen.query_one("#metric-filter").value == "失业率"
        assert (screen.sort_key, screen.reverse, screen.kind) == ("metric", False, "target")
        table = screen.query_one("#archive-table")
        assert [(row.rowid, item.start) for row, item in table.items] == shown
