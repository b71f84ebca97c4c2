"""Pilot tests of the reader: every key, search, the target jump, persistence."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui_support import all_rows, index_where, make_app, open_row, reader, row_text, settle, visible_lines

from newsreader.store.index import Filter
from newsreader.tui.app import ReaderApp
from newsreader.tui.keys import declared_bindings
from newsreader.tui.screens import reader as reader_screen
from newsreader.tui.screens.archive_targets import ArchiveTargetsScreen, distinct_items
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.screens.links import LinksScreen
from newsreader.tui.widgets.targets_panel import TargetsPanel

WIDE = (160, 50)


# -- start-up and the list ---------------------------------------------------------------------


async def test_cold_start_lists_every_post_newest_first(site: Path) -> None:
    app = make_app(site)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        rows = all_rows(app)
        assert len(rows) == app.session.index.count() > 40
        dated = [r.date for r in rows if r.date]
        assert dated == sorted(dated, reverse=True)
        assert rows[-1].date is None  # undated posts come last
        assert f"All posts · {len(rows)} posts" in str(screen.posts.border_title)
        assert "up to date" in screen.sub_title
        assert all(row_text(app, i).lstrip("*").startswith(("N", " N")) for i in range(3))  # all unread


async def test_list_never_interprets_titles_as_markup(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        i = index_where(app, lambda r: "[bold]" in r.title)
        assert "[bold]" in row_text(app, i, 200)


async def test_j_k_arrows_g_and_G_move_the_cursor(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        posts = reader(app).posts
        await pilot.press("j", "j", "down")
        assert posts.cursor == 3
        await pilot.press("k", "up")
        assert posts.cursor == 1
        await pilot.press("G")
        assert posts.cursor == posts.count - 1
        await pilot.press("g")
        assert posts.cursor == 0


@pytest.mark.parametrize("size", [WIDE, (80, 24)])  # rows of two lines, of one line
async def test_pagedown_and_pageup_move_the_list_a_screenful(archive: Path, size) -> None:
    app = make_app(archive)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        posts = reader(app).posts
        page = posts.scrollable_content_region.height // posts.row_lines - 1
        assert 3 < page and 2 * page < posts.count
        await pilot.press("pagedown")
        assert posts.cursor == page
        await pilot.press("ctrl+f")
        assert posts.cursor == 2 * page
        assert posts.scroll_offset.y <= posts.cursor * posts.row_lines < posts.scroll_offset.y + posts.size.height
        await pilot.press("pageup")
        assert posts.cursor == page
        await pilot.press("ctrl+b", "ctrl+b")
        assert posts.cursor == 0


async def test_enter_opens_the_post_and_marks_it_read(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("j", "enter")
        await settle(app, pilot)
        row = all_rows(app)[1]
        assert screen.article.article is not None and screen.article.article.row.rowid == row.rowid
        assert app.session.state.is_read(row.path)
        assert row_text(app, 1).startswith("  >")  # read, and the one in the article pane
        assert not row_text(app, 0).startswith("  >")
        assert "Unread" in str(screen.sidebar.root.children[1].label)
        assert f"{len(all_rows(app)) - 1}" in str(screen.sidebar.root.children[1].label)


async def test_mouse_click_opens_a_post(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        lines = screen.posts.row_lines  # two lines a row at this width: title, then date
        await pilot.click("#posts", offset=(10, 1 + 2 * lines))  # the border, then rows 0, 1, 2
        await settle(app, pilot)
        assert screen.posts.cursor == 2
        assert screen.article.article.row.rowid == all_rows(app)[2].rowid


async def test_brackets_open_the_previous_and_next_post(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        rows = all_rows(app)
        await open_row(app, pilot, 5)
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert screen.article.article.row.rowid == rows[6].rowid
        assert screen.posts.cursor == 6
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(app, pilot)
        assert screen.article.article.row.rowid == rows[4].rowid
        assert app.session.is_read(rows[4]) and app.session.is_read(rows[6])


async def test_space_and_b_page_the_article(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        longest = max(range(screen.posts.count), key=lambda i: all_rows(app)[i].size)
        await open_row(app, pilot, longest)
        view = screen.article
        assert view.virtual_size.height > 3 * view.size.height
        await pilot.press("space")  # from the list: pages the article
        page = view.scroll_offset.y
        assert page >= view.size.height - 2
        screen.article.focus()
        await pilot.press("space", "space")
        assert view.scroll_offset.y == 3 * page
        await pilot.press("b")  # back exactly one page
        assert view.scroll_offset.y == 2 * page
        await pilot.press("G")
        assert view.scroll_offset.y == view.max_scroll_y
        await pilot.press("g")
        assert view.scroll_offset.y == 0
        await pilot.press("j", "j")
        assert view.scroll_offset.y == 2
        await pilot.press("k")
        assert view.scroll_offset.y == 1


async def test_tab_shift_tab_h_and_l_move_between_panes(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        order = ["posts", "article", "targets", "sidebar", "posts"]
        for expected in order[1:]:
            await pilot.press("tab")
            await pilot.pause()
            assert app.focused.id == expected
        for expected in reversed(order[:-1]):
            await pilot.press("shift+tab")
            await pilot.pause()
            assert app.focused.id == expected
        await pilot.press("l")
        await pilot.pause()
        assert app.focused.id == "article"
        await pilot.press("h", "h")
        await pilot.pause()
        assert app.focused.id == "sidebar"


async def test_j_k_g_G_and_space_move_through_the_sidebar(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        tree = reader(app).sidebar
        tree.focus()
        tree.move_cursor(tree.root.children[0])
        await pilot.pause()
        await pilot.press("j", "j")
        assert tree.cursor_line == 2
        await pilot.press("k")
        assert tree.cursor_line == 1
        await pilot.press("G")
        assert tree.cursor_line == tree.last_line > 2
        await pilot.press("g")
        assert tree.cursor_line == 0
        tags = tree.root.children[4]
        tree.move_cursor(tags)
        await pilot.pause()
        closed = not tags.is_expanded
        await pilot.press("space")  # opens the branch (in the sidebar space is no page down)
        assert tags.is_expanded == closed
        await pilot.press("space")
        assert tags.is_expanded != closed


async def test_sidebar_filters_by_category_tag_year_unread_and_starred(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        index = app.session.index
        facets = index.facets()
        category, count = facets["c"][0]
        tree = screen.sidebar
        tree.focus()
        await pilot.pause()
        node = next(n for n in tree.root.children[3].children if n.data.filter.category == category)
        tree.move_cursor(node)
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.posts.count == count
        assert all(category in r.categories for r in all_rows(app))
        assert f"Category {category} · {count} posts" in str(screen.posts.border_title)
        # years and tags: select through the tree's data, the same path as enter
        for branch in (4, 5):  # tags, years
            tree.root.children[branch].expand()
            await pilot.pause()
            node = tree.root.children[branch].children[0]
            tree.move_cursor(node)
            await pilot.press("enter")
            await settle(app, pilot)
            assert screen.posts.count == len(index.view(node.data.filter))
        # starred and unread follow the marks
        tree.move_cursor(tree.root.children[2])
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.posts.count == 0 and screen.posts.empty_text
        tree.move_cursor(tree.root.children[0])
        await pilot.press("enter")
        await settle(app, pilot)
        await open_row(app, pilot, 0)
        tree.focus()
        tree.move_cursor(tree.root.children[1])
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.posts.count == index.count() - 1


# -- search -------------------------------------------------------------------------------------


async def test_two_character_chinese_search_finds_substrings_and_highlights_them(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused.id == "search"
        await pilot.press(*"南屏", "enter")
        await settle(app, pilot)
        rows = all_rows(app)
        assert rows and len(rows) == len(app.session.index.view(Filter(), "南屏"))
        assert "南屏" in rows[0].title  # title matches rank first
        assert all("南屏" in r.title for r in rows[: sum("南屏" in r.title for r in rows)])
        assert "“南屏” in All posts" in str(screen.posts.border_title)
        # the match is highlighted in the title ...
        from rich.style import Style

        text = screen.posts.render_row(0, 120, Style())
        start = text.plain.index("南屏")
        assert any(span.start <= start < span.end and "reverse" in str(span.style) for span in text.spans)
        # ... and in the opened article
        await pilot.press("enter")
        await settle(app, pilot)
        view = screen.article
        assert view.hits and all(view.article.doc.text[s:e] == "南屏" for s, e in view.hits)


async def test_search_is_case_insensitive_for_english_and_combines_with_the_filter(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("slash", *"BEICHEN", "enter")
        await settle(app, pilot)
        rows = all_rows(app)
        assert rows and any("Beichen" in r.title for r in rows)
        # the sidebar's filter narrows the search (a query found in several categories)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("slash", *"江州", "enter")
        await settle(app, pilot)
        everything = len(all_rows(app))
        category = all_rows(app)[0].categories[0]
        screen.flt = Filter(category=category)
        screen.scope = f"Category {category}"
        screen.load_view()
        await settle(app, pilot)
        narrowed = all_rows(app)
        assert 0 < len(narrowed) < everything
        assert len(narrowed) == len(app.session.index.view(Filter(category=category), "江州"))
        assert all(category in r.categories for r in narrowed)


async def test_search_follows_typing_after_a_pause(archive: Path, monkeypatch) -> None:
    # A pause this test never reaches, however slowly a busy machine delivers the keys: it ends
    # the pause itself, by calling what the timer calls.
    monkeypatch.setattr(reader_screen, "SEARCH_DELAY", 3600)
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        total = screen.posts.count
        await pilot.press("slash", *"6.8%")
        await settle(app, pilot)
        assert screen.posts.count == total  # nothing runs while typing: the search waits for a pause
        screen.search_due()  # what the timer calls
        await settle(app, pilot)
        assert 0 < screen.posts.count < total
        assert app.focused.id == "search"  # typing can go on


async def test_escape_closes_the_search_and_restores_the_list(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        total = screen.posts.count
        await pilot.press("slash", *"江州", "enter")
        await settle(app, pilot)
        assert screen.posts.count < total
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen.posts.count == total
        assert not screen.search_bar.display and screen.query_text == ""
        await pilot.press("slash", "x", "escape")
        await settle(app, pilot)
        assert not screen.search_bar.display and app.focused.id == "posts"


async def test_n_and_N_move_between_matches_in_the_article(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=(80, 24)) as pilot:  # the last match below the first screen
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("slash", *"江州", "enter")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        view = screen.article
        assert len(view.hits) >= 2
        await pilot.press("n")
        assert view.hit == 0 and view.selected == view.hits[0]
        await pilot.press("n")
        assert view.hit == 1 and view.selected == view.hits[1]
        await pilot.press("N")
        assert view.hit == 0
        await pilot.press("N")
        assert view.hit == len(view.hits) - 1  # wraps around
        line = view.line_for_offset(view.hits[-1][0])
        assert line >= view.size.height  # so only a scroll shows it
        assert view.scroll_offset.y <= line < view.scroll_offset.y + view.size.height
        assert f"match {len(view.hits)}/{len(view.hits)}" in str(view.border_subtitle)


# -- targets ------------------------------------------------------------------------------------


async def test_t_jumps_into_the_targets_panel_and_toggles_it(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await open_row(app, pilot, index_where(app, lambda r: r.n_target >= 5))
        await pilot.press("t")
        await pilot.pause()
        panel = screen.targets
        assert app.focused is panel and panel.display
        first = panel.items[panel.current]
        assert screen.article.selected == (first.start, first.end)
        order = [row for row in panel.rows if isinstance(row, int)]  # the items in the panel's order (no headings)
        assert panel.current == order[0] and len(order) >= 3
        for keys, expected in ((("j", "j"), order[2]), (("k",), order[1]), (("G",), order[-1]),
                               (("g",), order[0])):
            await pilot.press(*keys)
            await pilot.pause()
            assert panel.current == expected, keys
            item = panel.items[expected]
            assert screen.article.selected == (item.start, item.end)  # the article follows the cursor
        await pilot.press("t")
        await pilot.pause()
        assert app.focused.id == "article"
        assert screen.has_class("-targets-hidden") and not panel.region  # folded away
        await pilot.press("t")
        await pilot.pause()
        assert app.focused is panel and panel.region


@pytest.mark.parametrize("size", [WIDE, (80, 24)])  # at 80x24 the article is hidden while the panel shows
async def test_choosing_a_target_scrolls_the_article_to_it_and_marks_it(archive: Path, size) -> None:
    app = make_app(archive)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        longest = max(range(screen.posts.count),
                      key=lambda i: all_rows(app)[i].n_target + all_rows(app)[i].n_achieved)
        await open_row(app, pilot, longest)
        await pilot.press("t", "G", "enter")
        await pilot.pause()
        await pilot.pause()
        panel, view = screen.targets, screen.article
        assert view.region.height > 0  # the article is on screen
        item = panel.items[panel.current]
        assert view.selected == (item.start, item.end)
        line = view.line_for_offset(item.start)
        assert view.scroll_offset.y > 0
        assert view.scroll_offset.y <= line < view.scroll_offset.y + view.size.height
        strip = view.render_line(line - view.scroll_offset.y)
        assert strip.text.startswith(">")  # the pointer in the gutter
        # items are grouped: targets of an entity before its achieved figures
        kinds = [(item.entity, item.kind) for item in panel.items]
        order = [panel.items[row] for row in panel.rows if isinstance(row, int)]
        for entity in {e for e, _ in kinds}:
            seq = [t.kind for t in order if t.entity == entity]
            assert seq == sorted(seq, key=lambda k: k != "target")


async def test_targets_panel_says_when_there_are_none(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await open_row(app, pilot, index_where(app, lambda r: r.n_target + r.n_achieved == 0))
        panel: TargetsPanel = screen.targets
        assert panel.count == 0 and panel.empty_text == "no numeric targets"
        assert "no numeric targets" in visible_lines(panel)[1]


async def test_targets_and_achieved_figures_are_highlighted_differently(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await open_row(app, pilot, index_where(app, lambda r: r.n_target and r.n_achieved))
        view = screen.article
        styles = {}
        for line in view.lines:
            for span in line.text.spans:
                style = span.style
                if not isinstance(style, str) and style.underline:
                    styles[(bool(style.bold), bool(style.italic))] = style
        assert (True, False) in styles and (False, True) in styles  # target: bold; achieved: italic


async def test_archive_targets_screen_filters_sorts_and_opens(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("T")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ArchiveTargetsScreen)
        table = screen.query_one("#archive-table")
        assert table.count == len(distinct_items(app.session.index.all_items()))
        await pilot.press(*"地区生产总值")  # typing goes to the metric filter
        await pilot.pause()
        assert screen.query_one("#metric-filter").value == "地区生产总值"
        assert table.count and all("地区生产总值" in (t.metric or "") for _, t in table.items)
        await pilot.press("enter")  # back to the table
        dates = [r.date or "" for r, _ in table.items]  # at first newest first, as the list
        assert dates == sorted(dates, reverse=True)
        for a, b in zip(table.items, table.items[1:]):  # one post's items in reading order
            assert a[0].id != b[0].id or a[1].start < b[1].start
        await pilot.press("D")  # date again: oldest first
        dates = [r.date or "" for r, _ in table.items]
        assert dates == sorted(dates)
        await pilot.press("E")
        entities = [t.entity or "\uffff" for _, t in table.items]
        assert entities == sorted(entities)
        await pilot.press("K")  # only targets
        assert table.items and all(t.kind == "target" for _, t in table.items)
        box = screen.query_one("#metric-filter")
        await pilot.press("slash")  # into the filter, to change it
        assert app.focused is box
        await pilot.press("escape")  # clears it, back to the table
        assert box.value == "" and app.focused is table
        assert len(table.items) > len([it for it in table.items if "地区生产总值" in (it[1].metric or "")])
        await pilot.press("j")
        row, item = table.current
        await pilot.press("enter")
        await settle(app, pilot)
        main = reader(app)
        assert app.screen is main
        assert main.article.article.row.rowid == row.rowid
        assert main.article.selected == (item.start, item.end)
        panel = main.targets
        assert panel.items[panel.current].start == item.start


async def test_archive_target_opens_scrolled_to_it_at_80x24(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("T")
        await settle(app, pilot)
        table = app.screen.query_one("#archive-table")
        table.cursor = max(range(table.count), key=lambda i: table.items[i][1].start)  # deep in its post
        row, item = table.current
        await pilot.press("enter")
        await settle(app, pilot)
        view = reader(app).article
        assert view.article.row.rowid == row.rowid and view.selected == (item.start, item.end)
        assert view.region.height > 0
        line = view.line_for_offset(item.start)
        assert line >= view.size.height  # so only a scroll shows it
        assert view.scroll_offset.y <= line < view.scroll_offset.y + view.size.height


async def test_archive_targets_follow_the_search(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"江州", "enter")
        await settle(app, pilot)
        await pilot.press("T")
        await settle(app, pilot)
        table = app.screen.query_one("#archive-table")
        expected = distinct_items(app.session.index.all_items(query="江州", flt=Filter()))
        assert 0 < table.count == len(expected)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader(app)


# -- marks and persistence ------------------------------------------------------------------------


async def test_star_read_marks_and_the_last_post_persist_across_runs(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        rows = all_rows(app)
        await pilot.press("s")  # star the first post, from the list
        await open_row(app, pilot, 3)  # read the fourth
        screen.posts.cursor = 1
        await pilot.press("m")  # mark the second read without opening it
        await pilot.press("m", "m")  # ... and back: read again
        assert "Starred 1" in str(screen.sidebar.root.children[2].label)
        await open_row(app, pilot, 2)
        screen.article.focus()
        await pilot.press("m")  # from the article: the open post becomes unread again
        await pilot.press("q")
    second = make_app(archive)
    async with second.run_test(size=WIDE) as pilot:
        await settle(second, pilot)
        session = second.session
        assert session.is_starred(rows[0]) and not session.is_starred(rows[1])
        assert session.is_read(rows[3]) and session.is_read(rows[1]) and not session.is_read(rows[2])
        screen = reader(second)
        assert screen.posts.cursor == 2  # the last opened post is selected again ...
        assert screen.article.article.row.rowid == rows[2].rowid  # ... and shown
        assert not session.is_read(rows[2])  # ... without marking it read
        assert row_text(second, 0).startswith("*")
        assert "Starred 1" in str(screen.sidebar.root.children[2].label)


async def test_r_refreshes_the_index_and_new_posts_appear(site: Path) -> None:
    app = make_app(site)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        before = screen.posts.count
        (site / "_posts" / "2030-01-01-brand-new.md").write_text(
            "---\ntitle: 全新的帖子\ndate: 2030-01-01 08:00:00 +0800\n---\n\n正文。\n", encoding="utf-8")
        await pilot.press("r")
        await settle(app, pilot)
        assert screen.posts.count == before + 1
        assert all_rows(app)[0].title == "全新的帖子"
        assert not screen.query_one("#refresh").display  # the progress bar is gone


# -- links, help, palette, quitting ----------------------------------------------------------------


async def test_o_lists_links_and_y_copies_the_selected_one(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await open_row(app, pilot, 0)
        links = screen.article.article.doc.links
        assert links
        assert len(links) >= 2
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        await pilot.press("y")
        assert app.clipboard == links[0].url
        await pilot.press("j", "y")  # the next link
        assert app.clipboard == links[1].url
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        app.copy_to_clipboard("")
        await pilot.press("y")  # in the reader: the source link
        assert app.clipboard == (screen.article.article.source_url() or links[0].url)


async def test_help_screen_lists_every_binding(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = _plain(help_screen.query_one("#help-text"))
        for pane in (screen, screen.posts, screen.article, screen.targets, screen.sidebar, screen.search_bar,
                     screen.find_bar):
            for key, binding in declared_bindings(pane):
                assert binding.description in text and binding.id in text, (pane, key)
        for needle in ("By metric", "Copy link", "Next match", "Star", "Targets panel", "Page down",
                       "Next unread", "Pipe to a command", "next_unread"):
            assert needle in text
        # Textual's own bindings (the tree's, the text box's, the app's) are not the reader's keys
        for internal in ("Cursor to next ancestor", "Delete left", "Toggle", "^c"):
            assert internal not in text
        body = help_screen.query_one("#help-body")
        await pilot.press("j", "j")
        assert body.scroll_offset.y == 2
        await pilot.press("G")
        assert body.scroll_offset.y == body.max_scroll_y > 2
        await pilot.press("g")
        assert body.scroll_offset.y == 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_command_palette_offers_every_action(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        titles = {command.title: command for command in app.get_system_commands(screen)}
        for binding in screen.BINDINGS:
            assert binding.description in titles
        assert "Targets panel: Show in article" in titles and "Post list: Open" in titles
        await titles["All targets"].callback()
        await settle(app, pilot)
        assert isinstance(app.screen, ArchiveTargetsScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"


async def test_q_quits(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("q")
        assert not app.is_running
    assert app.return_code == 0


async def test_q_types_in_the_search_box_instead_of_quitting(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "q")
        assert app.is_running
        assert reader(app).search_bar.value == "q"


def _plain(static) -> str:
    from rich.console import Console

    console = Console(width=200, record=True, file=open("/dev/null", "w"))
    console.print(static.content)
    return console.export_text()


async def test_no_color_tells_the_focused_pane_by_its_double_border(archive: Path, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        assert app.no_color
        await open_row(app, pilot, index_where(app, lambda r: r.n_target and r.n_achieved))
        for pane in ("posts", "article", "targets", "sidebar"):
            screen.show_pane(pane)
            await pilot.pause()
            borders = {name: screen.query_one(f"#{name}").styles.border.top[0]
                       for name in ("sidebar", "posts", "article", "targets")}
            assert borders.pop(pane) == "double" and set(borders.values()) == {"round"}, (pane, borders)
        svg = app.export_screenshot()  # draws every pane through the NO_COLOR filter
        assert "targets ·" in svg.replace("&#160;", " ")


async def test_the_linux_console_gets_square_corners(archive: Path, monkeypatch) -> None:
    monkeypatch.setenv("TERM", "linux")
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        assert screen.query_one("#sidebar").styles.border.top[0] == "solid"
        assert screen.posts.styles.border.top[0] == "double"  # focused
        await pilot.press("T")
        await settle(app, pilot)
        assert app.screen.query_one("#metric-filter").styles.border.top[0] == "solid"


async def test_tree_lines_are_visible_with_the_ansi_palette(archive: Path) -> None:
    app = ReaderApp([str(archive)], theme="ansi-dark")  # what TERM=xterm and TERM=linux get
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        sidebar = reader(app).sidebar
        guides = [segment.style for strip in sidebar.render_lines(sidebar.region.reset_offset)
                  for segment in strip if segment.text.startswith(("├", "└")) and segment.style]
        assert guides
        for style in guides:  # never the black of an ANSI background
            assert style.dim and (style.color is None or style.color.name not in ("black", "color(0)")), style


async def test_ansi_themes_draw_highlights_with_the_terminal_palette(archive: Path) -> None:
    for theme in ("ansi-dark", "ansi-light"):
        app = ReaderApp([str(archive)], theme=theme)
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            assert app.theme == theme
            await open_row(app, pilot, index_where(app, lambda r: r.n_target and r.n_achieved))
            svg = app.export_screenshot()
            assert "targets ·" in svg.replace("&#160;", " ")


def test_few_colour_terminals_get_an_ansi_theme(monkeypatch) -> None:
    from newsreader.tui.app import default_theme

    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    for term, expected in (("xterm", "ansi-dark"), ("linux", "ansi-dark"), ("xterm-256color", None)):
        monkeypatch.setenv("TERM", term)
        assert default_theme() == expected, term


async def test_archive_targets_of_a_large_view_are_read_per_metric(archive: Path, monkeypatch) -> None:
    import newsreader.tui.screens.archive_targets as archive_screen

    monkeypatch.setattr(archive_screen, "LARGE_VIEW", 10)  # the samples play a large archive
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("T")
        await settle(app, pilot)
        table = app.screen.query_one("#archive-table")
        assert table.count == 0 and "type a metric" in table.empty_text
        await pilot.press(*"地区生产总值", "enter")
        await settle(app, pilot)
        expected = distinct_items(app.session.index.all_items(metric="地区生产总值"))
        assert 0 < table.count == len(expected)
        assert app.focused is table


def test_a_cold_refresh_in_a_process_pool_works_inside_the_app(tmp_path: Path) -> None:
    """Slow (a few seconds: it starts a process pool). Run in a fresh interpreter, where the
    pool's helper process is not running yet, as for a user's first cold start."""
    import subprocess
    import sys

    from newsreader.store.index import POOL_MIN_FILES

    posts = tmp_path / "big" / "_posts"
    posts.mkdir(parents=True)
    n = POOL_MIN_FILES + 20
    for i in range(n):
        (posts / f"2024-01-{1 + i % 28:02d}-post{i}.md").write_text(
            f"---\ntitle: 帖子{i}\n---\n\n第{i}篇，增长6.8%。\n", encoding="utf-8")
    script = f"""
import asyncio, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from test_tui_support import settle
from newsreader.tui.app import ReaderApp
async def main():
    app = ReaderApp([{str(posts.parent)!r}])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        print(app.reader.posts.count, app.reader.sub_title)
asyncio.run(main())
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == str(n) and "up to date" in done.stdout, done.stdout


async def test_keys_typed_right_after_a_pane_switch_reach_the_new_pane(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("h", "j", "j", "j", "j", "enter")  # one burst: sidebar, fifth line, select
        await settle(app, pilot)
        assert screen.flt.category == app.session.index.facets()["c"][0][0]
        assert app.focused.id == "posts"  # a narrow terminal shows the filtered list


async def test_long_articles_are_laid_out_in_a_thread(archive: Path, monkeypatch) -> None:
    import newsreader.tui.widgets.article_view as article_view

    monkeypatch.setattr(article_view, "BIG_ARTICLE", 1000)  # the samples' reports count as long
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("slash", *"江州", "enter")
        await settle(app, pilot)
        rows = all_rows(app)
        await open_row(app, pilot, max(range(len(rows)), key=lambda i: rows[i].size))
        view = screen.article
        assert len(view.article.doc.text) > 1000 and len(view.lines) > 50
        assert any("江州" in line.text.plain for line in view.lines)
        await pilot.press("n", "n")
        await settle(app, pilot)
        assert view.selected == view.hits[1]
        line = view.line_for_offset(view.hits[1][0])
        assert view.scroll_offset.y <= line < view.scroll_offset.y + view.size.height
        await pilot.resize_terminal(100, 30)
        await settle(app, pilot)
        assert max(line.text.cell_len for line in view.lines) <= view.text_width


async def test_a_post_deleted_since_indexing_is_explained_not_fatal(site: Path) -> None:
    app = make_app(site)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        row = all_rows(app)[0]
        Path(row.path).unlink()
        await open_row(app, pilot, 0)
        view = reader(app).article
        assert view.article is None and row.path.split("/")[-1] in view.placeholder
        assert reader(app).targets.count == 0 and reader(app).targets.empty_text == "no article open"
        assert app.is_running


async def test_a_query_typed_in_one_burst_with_the_slash_is_not_lost(archive: Path) -> None:
    from textual import events

    app = make_app(archive)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        for key, character in (("slash", "/"), ("b", "b"), ("e", "e"), ("slash", "/")):
            app.post_message(events.Key(key, character))  # queued together, as a fast typist or a slow link sends
        await pilot.pause()
        await pilot.pause()
        bar = reader(app).search_bar
        assert app.focused is bar and bar.value == "be/"  # and "b" typed, not paging the article
        await pilot.press("escape")
        await settle(app, pilot)
        for key, character in (("T", "T"), ("x", "x")):
            app.post_message(events.Key(key, character))
        await settle(app, pilot)
        assert app.screen.query_one("#metric-filter").value == "x"
