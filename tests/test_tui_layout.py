"""The reader at 160×50, 100×30 and 80×24: which panes show, and that nothing overlaps or is cut off."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from test_tui_support import index_where, make_app, open_row, reader, settle, visible_lines
from textual.geometry import Region

from newsreader.tui.styles import fit

PANES = ("sidebar", "posts", "article", "targets")


def visible(app) -> dict[str, Region]:
    """The panes on screen, with their regions."""
    screen = reader(app)
    out = {}
    for name in PANES:
        widget = screen.query_one(f"#{name}")
        if widget.display and widget.region.area and all(a.display for a in widget.ancestors if hasattr(a, "display")):
            out[name] = widget.region
    return out


def assert_tidy(app, regions: dict[str, Region]) -> None:
    """Every pane inside the screen, between header and footer, none overlapping another."""
    width, height = app.size
    for name, region in regions.items():
        assert region.x >= 0 and region.right <= width, name
        assert region.y >= 1 and region.bottom <= height - 1, name  # header and footer rows stay free
        assert region.width >= 16 and region.height >= 5, (name, region)
    for (a, ra), (b, rb) in combinations(regions.items(), 2):
        assert not ra.overlaps(rb), (a, b)


async def test_160x50_shows_all_four_panes_side_by_side(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        await open_row(app, pilot, index_where(app, lambda r: r.n_target > 3))
        regions = visible(app)
        assert set(regions) == set(PANES)
        assert_tidy(app, regions)
        xs = [regions[name].x for name in PANES]
        assert xs == sorted(xs)
        assert regions["article"].width >= 50  # room to read


async def test_100x30_folds_the_targets_under_the_article(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await open_row(app, pilot, index_where(app, lambda r: r.n_target > 3))
        regions = visible(app)
        assert set(regions) == set(PANES)
        assert_tidy(app, regions)
        article, targets = regions["article"], regions["targets"]
        assert targets.y >= article.bottom and targets.x == article.x  # under the article
        await pilot.press("t")  # into the panel, then away: the article takes the room
        await pilot.press("t")
        await pilot.pause()
        assert "targets" not in visible(app)
        assert visible(app)["article"].bottom == targets.bottom


async def test_80x24_shows_one_pane_at_a_time_and_keys_switch(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert set(visible(app)) == {"posts"}
        await pilot.press("enter")  # open: the article replaces the list
        await settle(app, pilot)
        assert set(visible(app)) == {"article"} and app.focused.id == "article"
        await pilot.press("t")
        await pilot.pause()
        assert set(visible(app)) == {"targets"} and app.focused.id == "targets"
        await pilot.press("escape")  # back one step: to the article, then to the list
        await pilot.pause()
        assert set(visible(app)) == {"article"} and app.focused.id == "article"
        await pilot.press("escape")
        await pilot.pause()
        assert set(visible(app)) == {"posts"}
        for expected in ("article", "targets", "sidebar", "posts"):
            await pilot.press("tab")
            await pilot.pause()
            regions = visible(app)
            assert set(regions) == {expected} and app.focused.id == expected
            assert_tidy(app, regions)
            assert regions[expected].width == 80
        await pilot.press("slash")
        await pilot.pause()
        assert set(visible(app)) == {"posts"} and app.focused.id == "search"


async def test_resizing_relays_the_article_out(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        await open_row(app, pilot, index_where(app, lambda r: r.size > 3000))
        view = reader(app).article
        wide_lines = len(view.lines)
        assert max(line.text.cell_len for line in view.lines) <= view.text_width
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("tab")  # the article pane, alone at this size
        await pilot.pause()
        assert view.region.width == 80
        assert len(view.lines) < wide_lines  # the lone pane is wider than the one of four
        assert max(line.text.cell_len for line in view.lines) <= view.text_width


@pytest.mark.parametrize("size", [(160, 50), (100, 30), (80, 24)])
async def test_the_archive_targets_table_fits(archive: Path, size: tuple[int, int]) -> None:
    app = make_app(archive)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("T")
        await settle(app, pilot)
        table = app.screen.query_one("#archive-table")
        assert table.count
        width = table.row_width
        assert table.render_row(0, width, table.rich_style).cell_len <= width
        header = app.screen.query_one("#archive-header").region
        assert header.right <= size[0] and table.region.bottom <= size[1] - 1


TITLE_25 = "云川市发布二〇二五年国民经济和社会发展统计公报全文"  # 25 Chinese characters, as many archive titles


def _with_long_title(site: Path) -> Path:
    (site / "_posts" / "2030-01-01-tongji-gongbao.md").write_text(
        f"---\ntitle: {TITLE_25}\ndate: 2030-01-01 08:00:00 +0800\ncategories: [zhengfugongzuobaogao]\n---\n\n正文。\n",
        encoding="utf-8")
    return site


@pytest.mark.parametrize("size", [(120, 40), (160, 50)])
async def test_a_25_character_title_shows_whole_with_a_post_open(site: Path, size: tuple[int, int]) -> None:
    app = make_app(_with_long_title(site))
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        assert len(TITLE_25) == 25
        await open_row(app, pilot, index_where(app, lambda r: r.n_target > 3))  # the article pane in use
        posts = reader(app).posts
        assert any(TITLE_25 in line for line in visible_lines(posts))
        assert posts.row_lines == 2  # title, then date · category
        assert any("2030-01-01 · zhengfugongzuobaogao" in line for line in visible_lines(posts))
        regions = visible(app)
        assert set(regions) == set(PANES) and regions["article"].width >= 44
        assert_tidy(app, regions)


async def test_rows_take_one_line_when_the_list_is_wide_enough(site: Path) -> None:
    app = make_app(_with_long_title(site))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        posts = reader(app).posts
        assert posts.row_lines == 1
        first = visible_lines(posts)[1]  # under the border
        assert TITLE_25 in first and "2030-01-01" in first


async def test_cut_titles_end_in_an_ellipsis_right_after_the_last_character(archive: Path) -> None:
    assert fit("北辰科技中东储能项目签约", 8) == "北辰科… "  # not "北辰科 …": padded after the ellipsis
    assert fit("北辰科技中东储能项目签约", 9) == "北辰科技…"
    assert fit("Beichen Tech first", 9) == "Beichen… "  # a space before the cut is dropped too
    app = make_app(archive)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        lines = visible_lines(reader(app).posts)
        assert any("…" in line for line in lines)
        assert not any(" …" in line for line in lines)


LONG_CATEGORY = "东澜省云川市江州市产业园区建设发展专栏"


async def test_sidebar_labels_are_cut_to_the_pane_keeping_their_counts_and_follow_its_width(site: Path) -> None:
    post = site / "_posts" / "2030-02-01-long-category.md"
    post.write_text(f"---\ntitle: 长栏目\ndate: 2030-02-01\ncategories: {LONG_CATEGORY}\n---\n正文。\n",
                    encoding="utf-8")
    app = make_app(site)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        sidebar = reader(app).sidebar
        sidebar.root.children[3].expand()  # the categories
        await pilot.pause()
        cut = next(line for line in visible_lines(sidebar) if LONG_CATEGORY[:3] in line)
        assert LONG_CATEGORY not in cut and "…" in cut and cut.rstrip("│ ").endswith(" 1")  # its count kept
        await pilot.resize_terminal(80, 24)  # narrow: the sidebar, once shown, takes the whole width
        await pilot.press("h")
        await settle(app, pilot)
        assert app.focused is sidebar and sidebar.size.width > 60
        assert any(f"{LONG_CATEGORY} 1" in line for line in visible_lines(sidebar))


async def test_F_hides_the_filters_for_room_and_it_is_remembered(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await open_row(app, pilot, 0)
        before = visible(app)["article"].width
        await pilot.press("F")
        await pilot.pause()
        regions = visible(app)
        assert "sidebar" not in regions and regions["article"].width == before + 18
        await pilot.press("tab", "tab", "tab")  # the hidden pane is left out of the cycle
        await pilot.pause()
        assert app.focused.id != "sidebar"
    again = make_app(archive)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        assert "sidebar" not in visible(again)
        await pilot.press("F")
        await pilot.pause()
        assert "sidebar" in visible(again)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 50)])
async def test_the_footer_is_never_cut(archive: Path, size: tuple[int, int]) -> None:
    app = make_app(archive)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        for keys in ((), ("enter",), ("t",), ("T",)):
            await pilot.press(*keys)
            await settle(app, pilot)
            footer = app.screen.query_one("Footer")
            keys_shown = list(footer.query("FooterKey"))
            assert {key.description for key in keys_shown} & {"Quit", "Back"}
            assert all(key.region.right <= size[0] for key in keys_shown), [k.description for k in keys_shown]
