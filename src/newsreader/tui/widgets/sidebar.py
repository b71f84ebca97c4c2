"""The sidebar: a tree of filters (all, unread, starred, categories as a tree, tags, years) with counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from newsreader.corpus.categories import SEPARATOR, parents
from newsreader.render import sanitize
from newsreader.store.index import Filter
from newsreader.tui import styles
from newsreader.tui.session import Counts


@dataclass(frozen=True, slots=True)
class FilterNode:
    """What selecting a node shows: a filter and its name for the list's title."""

    filter: Filter
    name: str


def _label(name: str, count: int | None) -> Text:
    text = Text(sanitize(name), no_wrap=True)
    if count is not None:
        text.append(f" {count:,}", style="dim")
    return text


def _fit_label(label: Text, room: int) -> Text:
    """The label cut to `room` cells, keeping its count (the last word) whole."""
    if label.cell_len <= room or room < 4:
        return label
    name, _, count = label.plain.rpartition(" ")
    if not name or not count[:1].isdigit():
        name, count = label.plain, ""
    tail = f" {count}" if count else ""
    short = Text(styles.fit(name, max(1, room - len(tail))), no_wrap=True)
    if tail:
        short.append(tail, style="dim")
    return short


class Sidebar(Tree[FilterNode | None]):
    """Selecting a node (enter or a click) filters the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Filter", tooltip="Show the posts of this node", id="open"),
        Binding("j,down", "cursor_down", "Down", show=False, id="down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="bottom"),
        Binding("space", "toggle_node", "Open/close branch", show=False, id="toggle_branch"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("Archive"), id=id)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = True
        self._fixed: dict[str, TreeNode] = {}
        self._counts = Counts()
        self._branches: dict[str, TreeNode] = {}
        self._open = {"c"}  # which branches are expanded: categories at first
        self._open_categories: set[str] = set()  # which categories with subcategories are expanded

    def populate(self, facets: dict[str, list[tuple[str, int]]], counts: Counts) -> None:
        """Rebuild the tree from the index's facets, keeping the cursor where it was when possible."""
        previous = self.cursor_node.data if self.cursor_node is not None else None
        if self.root.children:
            self._open = {key for key, node in self._branches.items() if node.is_expanded}
            self._open_categories = {node.data.filter.category for node in self._expanded(self._branches["c"])
                                     if node.data is not None}
        self.clear()
        self._fixed = {
            "all": self.root.add_leaf(_label("All posts", counts.total), FilterNode(Filter(), "All posts")),
            "unread": self.root.add_leaf(_label("Unread", counts.unread),
                                         FilterNode(Filter(unread=True), "Unread")),
            "starred": self.root.add_leaf(_label("Starred", counts.starred),
                                          FilterNode(Filter(starred=True), "Starred")),
        }
        self._counts = counts
        categories = facets.get("c", [])
        parent_of = parents([name for name, _ in categories])
        for title, kind in (("Categories", "c"), ("Tags", "t"), ("Years", "y")):
            names = facets.get(kind, [])
            shown_count = sum(1 for name, _ in names if parent_of[name] is None) if kind == "c" else len(names)
            branch = self.root.add(_label(title, shown_count), None, expand=kind in self._open)
            self._branches[kind] = branch
            if kind == "c":
                self._add_categories(branch, categories, parent_of)
                continue
            for name, count in names:
                if kind == "t":
                    flt, shown = Filter(tag=name), f"Tag {name}"
                else:
                    flt, shown = Filter(year=int(name) if name else 0), f"Year {name}" if name else "Undated"
                branch.add_leaf(_label(name or "undated", count), FilterNode(flt, shown))
        self._restore(previous)
        if self.cursor_line < 0:
            self.cursor_line = 0  # on "All posts", so the first j goes to "Unread"

    def _add_categories(self, branch: TreeNode, categories: list[tuple[str, int]],
                        parent_of: dict[str, str | None]) -> None:
        """The category tree: a path's node under its parent's (金融 › 新浪财经 › …), each level
        in the facets' order (most posts first); a parent's count includes its children's posts."""
        has_children = {parent for parent in parent_of.values() if parent is not None}
        nodes: dict[str, TreeNode] = {}
        for name, count in sorted(categories, key=lambda nc: nc[0].count(SEPARATOR)):  # parents first
            parent = parent_of[name]
            own = name[len(parent) + 1:] if parent else name
            data = FilterNode(Filter(category=name), f"Category {name.replace(SEPARATOR, ' › ')}")
            under = nodes[parent] if parent else branch
            if name in has_children:
                nodes[name] = under.add(_label(own, count), data, expand=name in self._open_categories)
            else:
                under.add_leaf(_label(own, count), data)

    def _restore(self, previous: FilterNode | None) -> None:
        if previous is None:
            return
        for line in range(self.last_line + 1):
            node = self.get_node_at_line(line)
            if node is not None and node.data == previous:
                self.move_cursor(node)
                return

    @staticmethod
    def _expanded(node: TreeNode) -> list[TreeNode]:
        """The expanded nodes below `node`."""
        found = []
        for child in node.children:
            if child.children and child.is_expanded:
                found += [child, *Sidebar._expanded(child)]
        return found

    def render_label(self, node: TreeNode, base_style: Style, style: Style) -> Text:
        """Labels are cut to the sidebar's width (counts kept), so nothing hides past its edge."""
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth - (2 if node.allow_expand else 0)
        label = node.label
        label = _fit_label(label.copy() if isinstance(label, Text) else Text(label), room)
        label.stylize(style)
        if not node.allow_expand:
            return label
        # as Tree draws a branch: its open/closed icon, which a click toggles
        icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        return Text.assemble((icon, base_style + Style.from_meta({"toggle": True})), label)

    def set_counts(self, counts: Counts) -> None:
        """Update the counts of All posts, Unread and Starred."""
        self._counts = counts
        if not self._fixed:
            return
        self._fixed["all"].set_label(_label("All posts", counts.total))
        self._fixed["unread"].set_label(_label("Unread", counts.unread))
        self._fixed["starred"].set_label(_label("Starred", counts.starred))

    def adjust(self, unread: int = 0, starred: int = 0) -> None:
        """Shift the Unread and Starred counts after a mark changed."""
        c = self._counts
        self.set_counts(Counts(c.total, max(0, c.unread + unread), max(0, c.starred + starred)))
