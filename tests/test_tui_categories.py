"""Pilot test of the sidebar's category tree on a Hexo feed mirror written by the test."""

from __future__ import annotations

from pathlib import Path

from conftest import write
from test_tui_support import all_rows, make_app, reader, settle

FEEDS = (("金融", "东澜财经", "东澜财经－地方", 12), ("金融", "东澜财经", "东澜财经－国际", 13),
         ("金融", "东澜财经", "东澜财经－国际", 14), ("金融", "江州日报", "要闻", 15), ("科技", "云川科技", "快讯", 16))


def _mirror(folder: Path) -> Path:
    blog = folder / "blog"
    write(blog / "_config.yml", "new_post_name: :title.md\ntimezone: Asia/Shanghai\n")
    for top, feed, sub, day in FEEDS:
        write(blog / f"source/_posts/{top}/{feed}/{sub}/{day}.md",
              f"\n---\ntitle: '{sub} {day}'\ncategories: \n - {top}\n - {feed}\n - {sub}\n"
              f"date: Tue, {day} Apr 2022 02:27:27 GMT\n---\n<p>正文 {day}</p>\n")
    return blog


def _labels(node) -> list[str]:
    return [str(child.label) for child in node.children]


async def test_category_tree_counts_children_and_filters_by_a_parent(tmp_path: Path) -> None:
    app = make_app(_mirror(tmp_path))
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        tree = screen.sidebar
        categories = tree.root.children[3]
        assert str(categories.label) == "Categories 2"  # the top level: 金融 and 科技
        assert _labels(categories) == ["金融 4", "科技 1"]  # a parent counts its children's posts
        finance = categories.children[0]
        assert not finance.is_expanded and _labels(finance) == ["东澜财经 3", "江州日报 1"]
        assert _labels(finance.children[0]) == ["东澜财经－国际 2", "东澜财经－地方 1"]
        assert "source" not in str([_labels(n) for n in categories.children])
        # enter on a parent: its posts and its children's, and it opens
        tree.focus()
        tree.move_cursor(finance)
        await pilot.press("enter")
        await settle(app, pilot)
        assert finance.is_expanded
        assert [r.title for r in all_rows(app)] == ["要闻 15", "东澜财经－国际 14", "东澜财经－国际 13", "东澜财经－地方 12"]
        assert "Category 金融 · 4 posts" in str(screen.posts.border_title)
        # down into the child, open it with space, choose its own child
        await pilot.press("j", "space", "j")
        assert tree.cursor_node.data.filter.category == "金融/东澜财经/东澜财经－国际"
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.posts.count == 2 and all(r.category_paths[-1] == "金融/东澜财经/东澜财经－国际"
                                               for r in all_rows(app))
        assert "Category 金融 › 东澜财经 › 东澜财经－国际 · 2 posts" in str(screen.posts.border_title)
        # a refresh rebuilds the tree: what was open stays open, the cursor stays on its node
        screen.load_sidebar()
        await settle(app, pilot)
        finance = tree.root.children[3].children[0]
        assert finance.is_expanded and finance.children[0].is_expanded
        assert tree.cursor_node.data.filter.category == "金融/东澜财经/东澜财经－国际"
