"""Dense posts in the reader: a megabyte of figure clauses in one sentence, a flattened table of figures.

The post opens without waiting on extraction (a post changed since it was indexed shows at once,
its panel saying its items are being found); the targets panel lists every item the command line
lists, drawing only the rows on screen (no widget per item), and moving through it marks each item
in the article. No timing is asserted: the extractor is held at a gate the test opens, and its budget
per post is given all the time it needs (the item limit alone cuts these posts, so what they list does
not depend on how busy the machine is).
"""

from __future__ import annotations

import asyncio
import json
import threading
from functools import partial
from pathlib import Path

import pytest
from conftest import write
from test_targets_linear import one_sentence, paragraphs
from test_tui_support import make_app, reader, settle, visible_lines

import newsreader.targets
from newsreader import article as article_module
from newsreader.cli import main
from newsreader.targets import Budget, Target
from newsreader.tui import styles
from newsreader.tui.widgets.targets_panel import FINDING, grouped, item_height, item_prompt

MEGABYTE = 1_000_000


def flat_table(n: int) -> str:
    return " | ".join(f"{i}.{i % 10}%" for i in range(n))  # a table of rates flattened into one line


DENSE = {"one-sentence": lambda: one_sentence(200_000)[:MEGABYTE],
         "flat-table": lambda: flat_table(200_000)[:MEGABYTE],
         "paragraphs": lambda: paragraphs(100_000)[:MEGABYTE]}
# `targets --json` prints each item's whole sentence: for a megabyte sentence, a megabyte an item. It is
# compared where the sentences are of a usual length; elsewhere the panel is compared with what it prints
# them from (the index's items across the archive).
CLI_COMPARED = {"paragraphs"}


@pytest.fixture(autouse=True)
def _items_limit_only(monkeypatch) -> None:
    """Index and extract under the budget's item limit, with all the time they need."""
    unhurried = partial(Budget, seconds=3600.0)
    monkeypatch.setattr(newsreader.targets, "Budget", unhurried)  # (the index's and the reader's extraction)


def dense_site(folder: Path, name: str) -> Path:
    """A folder of two posts: a dense one of a megabyte, and an ordinary one."""
    write(folder / f"{name}.md", f"---\ntitle: 稠密 {name}\ndate: 2024-01-02\n---\n{DENSE[name]()}\n")
    write(folder / "plain.md", "---\ntitle: 普通\ndate: 2024-01-01\n---\n地区生产总值增长5.5%左右，城镇新增就业3万人。\n")
    return folder


def cli_items(folder: Path, post_id: str, capsys) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each item `newsreader targets --json` lists for one post (from the same cache)."""
    capsys.readouterr()
    assert main(["targets", "--json", str(folder)]) == 0
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return [(item["start"], item["end"], item["kind"]) for item in found if item["id"] == post_id]


def archive_items(app, rowid: int) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each item of one post among the archive's (what `targets --json` prints)."""
    return [(item.start, item.end, item.kind) for row, item in app.session.index.all_items() if row.rowid == rowid]


def widgets(app) -> tuple[int, int]:
    """The widgets mounted in the reading pane (article and panel), and on the whole screen."""
    return len(list(reader(app).query_one("#reading").walk_children())), len(list(app.screen.walk_children()))


def bounded(app, before: tuple[int, int]) -> bool:
    """No widget was mounted for the items: the reading pane holds what it held, the screen (footer keys and
    notifications come and go) a few dozen."""
    reading, everything = widgets(app)
    return reading == before[0] and everything < 100


def on_screen(panel) -> bool:
    """The cursor row is among the lines the panel shows."""
    top = panel.row_top(panel.cursor)
    return panel.scroll_offset.y <= top < panel.scroll_offset.y + panel.scrollable_content_region.height


@pytest.mark.parametrize("name", sorted(DENSE))
async def test_a_dense_post_opens_with_every_item_listed_and_the_panel_walks_them(tmp_path, capsys,
                                                                                name: str) -> None:
    folder = dense_site(tmp_path / "posts", name)
    app = make_app(folder)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        before = widgets(app)
        index = next(i for i in range(screen.posts.count) if name in screen.posts.row_at(i).id)
        screen.posts.cursor = index
        await pilot.press("enter")
        await settle(app, pilot)
        view, panel = screen.article, screen.targets
        row = screen.posts.row_at(index)
        assert view.article is not None and view.article.row.rowid == row.rowid
        assert len(view.lines) > 1_000  # a megabyte, laid out
        items = panel.items
        assert len(items) > 1_000
        shown = [(t.start, t.end, t.kind) for t in items]
        if name not in CLI_COMPARED:
            assert shown == archive_items(app, row.rowid)
        # every item has a row, under a heading whose count agrees
        assert sorted(r for r in panel.rows if isinstance(r, int)) == list(range(len(items)))
        headings = [str(r) for r in panel.rows if not isinstance(r, int)]
        assert sum(int(h.rsplit("(", 1)[1].rstrip(")")) for h in headings) == len(items)
        targets = sum(1 for t in items if t.kind == "target")
        assert str(panel.border_subtitle) == f"{styles.count(targets, 'target')} · {len(items) - targets} achieved"
        assert bounded(app, before)  # rows are drawn, not mounted

        await pilot.press("t")
        await settle(app, pilot)
        order = [r for r in panel.rows if isinstance(r, int)]  # the items in the panel's order
        assert app.focused is panel and panel.current == order[0]
        assert view.selected == (items[order[0]].start, items[order[0]].end)
        await pilot.press("j", "j", "j")
        await settle(app, pilot)
        chosen = items[order[3]]
        assert panel.current == order[3] and view.selected == (chosen.start, chosen.end)
        line = view.line_for_offset(chosen.start)
        assert view.scroll_offset.y <= line < view.scroll_offset.y + view.size.height  # scrolled to it
        assert view.render_line(line - view.scroll_offset.y).text.startswith(">")
        await pilot.press("pagedown")
        await settle(app, pilot)
        assert order.index(panel.current) > 3 + 5 and on_screen(panel)
        await pilot.press("G")
        await settle(app, pilot)
        last = items[order[-1]]
        assert panel.current == order[-1] and on_screen(panel) and view.selected == (last.start, last.end)
        assert any(last.text in line for line in visible_lines(panel))
        line = view.line_for_offset(last.start)
        assert view.scroll_offset.y <= line < view.scroll_offset.y + view.size.height
        await pilot.press("g")
        await settle(app, pilot)
        assert panel.current == order[0] and panel.scroll_offset.y == 0  # its heading shows too
        assert bounded(app, before)
    if name in CLI_COMPARED:  # (the reader's own output is captured while it runs)
        assert shown == cli_items(folder, row.id, capsys)


async def test_at_80x24_the_panel_is_measured_when_it_shows(tmp_path) -> None:
    folder = dense_site(tmp_path / "posts", "one-sentence")
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("enter")  # the dense post is the newest
        await settle(app, pilot)
        panel, view = screen.targets, screen.article
        assert len(panel.items) > 1_000 and not panel.region  # listed while hidden
        await pilot.press("t")
        await settle(app, pilot)
        assert app.focused is panel and panel.region
        width = panel.row_width
        assert all(panel.row_height(row) == len(panel.render_row(row, width, panel.rich_style).split("\n"))
                   for row in range(0, panel.count, 97))  # every row as tall as it is drawn
        await pilot.press("G", "enter")
        await settle(app, pilot)
        last = panel.items[panel.current]
        assert app.focused is view and view.selected == (last.start, last.end)  # the article, at that item
        line = view.line_for_offset(last.start)
        assert view.scroll_offset.y <= line < view.scroll_offset.y + view.size.height


async def test_a_changed_dense_post_shows_at_once_and_its_items_follow(tmp_path, monkeypatch) -> None:
    folder = dense_site(tmp_path / "posts", "one-sentence")
    reached, release = threading.Event(), threading.Event()
    extract_items = article_module.extract_items

    def held(article):  # the extractor, held until the test has looked at the reader
        reached.set()
        release.wait(120)
        return extract_items(article)

    monkeypatch.setattr(article_module, "extract_items", held)
    app = make_app(folder)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        index = next(i for i in range(screen.posts.count) if "one-sentence" in screen.posts.row_at(i).id)
        assert index == 0  # the newer post: the plain one is below it
        post = Path(screen.posts.row_at(index).path)
        post.write_text(post.read_text(encoding="utf-8") + "城镇新增就业3万人。\n", encoding="utf-8")
        screen.posts.cursor = index
        try:
            await pilot.press("enter")
            assert await asyncio.get_running_loop().run_in_executor(None, reached.wait, 120)
            await pilot.pause()
            view, panel = screen.article, screen.targets
            assert view.article is not None and view.article.row.path == str(post)  # shown while extracting
            assert panel.count == 0 and panel.empty_text == FINDING and FINDING in visible_lines(panel)[1]
            assert FINDING in str(view.border_subtitle)
            await pilot.press("j")  # the reader answers meanwhile
            assert screen.posts.cursor == index + 1
        finally:
            release.set()
        await settle(app, pilot)
        expected, _ = extract_items(view.article)
        assert [(t.start, t.end) for t in panel.items] == [(t.start, t.end) for t in expected]
        assert len(panel.items) > 1_000 and FINDING not in str(view.border_subtitle)
        assert view.article.items == panel.items
        marked = sum(1 for line in view.lines for span in line.text.spans if "underline" in str(span.style))
        assert marked >= 1_000  # the items are marked in the text once found


def test_grouping_reads_each_item_once() -> None:
    """The panel groups items by entity in one pass: a list of hundreds of companies costs no more per item."""

    class Counted:
        reads = 0

        def __init__(self, entity: str, kind: str) -> None:
            self._entity, self.kind = entity, kind

        @property
        def entity(self) -> str:
            Counted.reads += 1
            return self._entity

    def reads(n: int) -> int:
        Counted.reads = 0
        groups = grouped([Counted(f"公司{i}", "target" if i % 3 else "achieved") for i in range(n)])
        assert len(groups) == n and [g[0] for g in groups] == [f"公司{i}" for i in range(n)]
        return Counted.reads

    assert reads(4_000) <= 5 * reads(1_000)


def test_grouping_keeps_entities_in_order_and_targets_first() -> None:
    def item(entity, kind):
        return Target(text="5%", start=0, end=2, sentence="", kind=kind, entity=entity)

    items = [item("江州市", "achieved"), item(None, "target"), item("江州市", "target"), item("云川市", "achieved")]
    assert grouped(items) == [("江州市", "target", [2]), ("江州市", "achieved", [0]), (None, "target", [1]),
                              ("云川市", "achieved", [3])]


@pytest.mark.parametrize("width", [8, 13, 20, 28, 40])
def test_an_items_height_is_the_lines_it_is_drawn_on(width: int) -> None:
    from newsreader.targets import extract

    text = ("东澜省规模以上工业企业研究与试验发展经费投入强度力争达到2.5%以上，"
            "城镇新增就业4万人，居民人均可支配收入与经济增长基本同步，2025年全省完成固定资产投资增长6.8%。")
    items = extract(text)
    assert len(items) >= 3
    for found in items:
        assert item_height(found, width) == len(item_prompt(found).lines(width)), (found.metric, width)


@pytest.mark.parametrize("size", [(160, 50), (80, 24)])
async def test_opening_a_post_never_lays_it_out_on_the_event_loop(archive: Path, size, monkeypatch) -> None:
    from test_tui_support import index_where, open_row

    from newsreader.article import Article

    on_loop: list[str] = []
    body_lines = Article.body_lines

    def watched(self, width, marks=()):
        if threading.current_thread() is threading.main_thread():
            on_loop.append(self.row.id)
        return body_lines(self, width, marks)

    monkeypatch.setattr(Article, "body_lines", watched)
    app = make_app(archive)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        opened = []
        for predicate in (lambda r: "donglansheng-2026" in r.id, lambda r: r.n_target == 1,
                          lambda r: r.n_target + r.n_achieved == 0):
            await open_row(app, pilot, index_where(app, predicate))
            assert screen.article.article is not None and len(screen.article.lines) > 3
            opened.append(screen.article.article.row.id)
            if size == (80, 24):
                await pilot.press("escape")  # back to the list: the article pane hides until the next post
                await settle(app, pilot)
    # at 80×24 the article pane has never shown when the first post opens: it is laid out once it shows
    assert on_loop == ([] if size == (160, 50) else opened[:1])
