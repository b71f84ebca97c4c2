"""The reader at 160×50, 100×30 and 80×24: which panes show, and that nothing overlaps or is cut off."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from test_tui_support import index_where, make_app, open_row, reader, settle
from textual.geometry import Region

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
        wide_lines = len(view._lines)
        assert max(line.text.cell_len for line in view._lines) <= view.text_width
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("tab")  # the article pane, alone at this size
        await pilot.pause()
        assert view.region.width == 80
        assert len(view._lines) < wide_lines  # the lone pane is wider than the one of four
        assert max(line.text.cell_len for line in view._lines) <= view.text_width


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
