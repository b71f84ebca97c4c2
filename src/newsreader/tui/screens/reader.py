"""The main screen: sidebar, post list (with search), article and targets panel, and every reader key.

Work that touches the disk runs in thread workers (the view, the counts, opening an article,
refreshing the index), so typing and moving never wait for it. What the reader shows (the
filter, the search, the sort, the open post and where it was read to) is saved in the user
state and shown again at the next start.
"""

from __future__ import annotations

from dataclasses import asdict, fields, replace
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Tree

from newsreader.corpus import PostError
from newsreader.render import sanitize
from newsreader.store.index import Filter, PostRow, StoreError
from newsreader.tui import styles
from newsreader.tui.history import Visits
from newsreader.tui.keys import KeyEntry, sections
from newsreader.tui.widgets.article_view import ArticleView, Prepared, prepare
from newsreader.tui.widgets.find_bar import FindBar
from newsreader.tui.widgets.line_list import LineList
from newsreader.tui.widgets.post_list import PostList
from newsreader.tui.widgets.refresh_bar import RefreshBar
from newsreader.tui.widgets.search_bar import SearchBar
from newsreader.tui.widgets.sidebar import FilterNode, Sidebar
from newsreader.tui.widgets.targets_panel import Listing, TargetsPanel, listing

if TYPE_CHECKING:
    from textual.widgets.tree import TreeNode

    from newsreader.article import Article
    from newsreader.targets.model import Target
    from newsreader.tui.session import Session

PANES = ("sidebar", "posts", "article", "targets")
SEARCH_DELAY = 0.25  # seconds of quiet typing before the search runs
PREVIEW_ROWS = 200  # list rows painted before the whole list is known
MEDIUM, LARGE, WIDE = 96, 116, 150  # terminal widths where the layout changes
SORTS = {"date": "", "title": " · by title", "targets": " · most targets first"}  # the list's orders and titles


def fit_footer(footer: Footer, width: int) -> None:
    """In a narrow terminal the footer drops its spacing and the palette's key (help lists it), so nothing is cut."""
    footer.compact = width < MEDIUM
    footer.show_command_palette = width >= MEDIUM


class ReaderScreen(Screen[None]):
    """The reader."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (MEDIUM, "-medium"), (LARGE, "-large"), (WIDE, "-wide")]
    PANE_CLASSES: ClassVar[tuple[type[Widget], ...]] = (Sidebar, SearchBar, PostList, ArticleView, FindBar,
                                                         TargetsPanel)

    # Keys that work in every pane. The panes repeat the ones worth seeing in the footer, with the
    # same ids, so that config.toml's [keys] remaps both.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab,l", "next_pane", "Next pane", show=False, id="next_pane"),
        Binding("shift+tab,h", "previous_pane", "Previous pane", show=False, id="previous_pane"),
        # Priority: acted on as they arrive, so that keys typed right after them reach the new focus.
        Binding("slash", "search", "Search", priority=True, id="search"),
        Binding("f", "find", "Find in article", show=False, id="find",
                tooltip="Find text in the open article (n/N: next/previous); the list stays as it is"),
        Binding("t", "targets", "Targets panel", show=False, id="targets",
                tooltip="Jump into the targets panel; again to hide it"),
        Binding("T", "archive_targets", "All targets", show=False, priority=True, id="all_targets",
                tooltip="Targets across the archive, as a table"),
        Binding("S", "scorecard", "Scorecard", show=False, priority=True, id="scorecard",
                tooltip="Every target set against what was achieved, year after year"),
        Binding("space", "page_down", "Page down", show=False, id="page_down"),
        Binding("b", "page_up", "Page up", show=False, id="page_up"),
        Binding("left_square_bracket", "previous_article", "Previous post", show=False, id="previous_post"),
        Binding("right_square_bracket", "next_article", "Next post", show=False, id="next_post"),
        Binding("u", "next_unread", "Next unread", show=False, id="next_unread"),
        Binding("U", "next_unread_anywhere", "Next unread in the archive", show=False, id="next_unread_anywhere"),
        Binding("n", "next_match", "Next match", show=False, id="next_match"),
        Binding("N", "previous_match", "Previous match", show=False, id="previous_match"),
        Binding("less_than_sign,alt+left", "history_back", "Back to the post read before", show=False,
                id="history_back"),
        Binding("greater_than_sign,alt+right", "history_forward", "Forward again", show=False,
                id="history_forward"),
        Binding("s", "star", "Star", show=False, id="star"),
        Binding("m", "toggle_read", "Read/unread", show=False, id="read"),
        Binding("A", "mark_all_read", "Mark all shown read", show=False, id="mark_all_read"),
        Binding("O", "cycle_sort", "Sort: date, title, targets", show=False, id="sort"),
        Binding("F", "toggle_sidebar", "Show/hide filters", show=False, id="filters"),
        Binding("o", "links", "Links", show=False, id="links"),
        Binding("y", "copy_link", "Copy source link", show=False, id="copy_link"),
        Binding("vertical_line", "pipe", "Pipe to a command", show=False, id="pipe"),
        Binding("w", "save", "Save as text", show=False, id="save"),
        Binding("r", "refresh", "Refresh index", show=False, id="refresh"),
        Binding("escape", "back", "Back", show=False, id="back",
                tooltip="Back one step: to the list, then out of the search"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.flt, self.scope = self._saved_filter()
        self.query_text = session.setting("search", "") or ""
        self.sort = session.setting("sort", "date") if session.setting("sort") in SORTS else "date"
        self.find_text = ""
        self.open_row: PostRow | None = None
        self.pane = "posts"
        # The screen's classes are set before its first paint: a change after it restyles every widget.
        self.set_class(True, f"-pane-{self.pane}")
        self.set_class(not session.setting("sidebar", True), "-sidebar-hidden")
        self.came_from: dict[str, str] = {}  # pane -> the pane escape goes back to
        self.refresh_asked = False  # the user pressed r (say what it did even when nothing changed)
        self.view_ready = False
        self.visits = Visits()
        self.tops: dict[str, int] = {}  # post id -> where it was read to, for back and forward
        self._search_timer: Timer | None = None
        self._restore_last = True
        # the panes, kept here so that what they show can still be saved when the screen closes
        self.sidebar = Sidebar(id="sidebar")
        self.search_bar = SearchBar(id="search")
        self.posts = PostList(session, id="posts")
        self.article = ArticleView(id="article")
        self.targets = TargetsPanel(id="targets")
        self.find_bar = FindBar(id="find")
        # Hidden from the start (not after the first paint): no layout has to make room for them.
        self.search_bar.display = self.find_bar.display = False

    # -- building ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="N")
        with Horizontal(id="panes"):
            yield self.sidebar
            with Vertical(id="list-pane"):
                yield self.search_bar
                yield self.posts
            with Container(id="reading"):
                yield self.article
                yield self.targets
        yield self.find_bar
        yield RefreshBar(self.session, id="refresh")
        yield Footer()

    def on_mount(self) -> None:
        bar = self.search_bar
        bar.history.queries = [q for q in self.session.setting("search_history", []) if isinstance(q, str)]
        if self.query_text:
            with bar.prevent(Input.Changed):
                bar.value = self.query_text
        self.query_one("#sidebar").border_title = Text("Filters")
        self.query_one("#article").border_title = Text("Article")
        self.query_one("#targets").border_title = Text("Targets")
        posts = self.posts
        posts.empty_text = "loading…"
        posts.border_title = Text("Posts")
        posts.show_categories = self.flt.category is None
        self._set_pane("posts")
        posts.focus()
        for warning in self.session.warnings + getattr(self.app, "warnings", []):
            self.notify(sanitize(warning), severity="warning", markup=False, timeout=8)
        self._update_header()
        if not self.query_text and self.sort == "date":
            self._preview()
        self.load_view()  # the sidebar and the refresh start once the list is painted

    def on_resize(self, event: events.Resize) -> None:
        fit_footer(self.query_one(Footer), event.size.width)

    def on_unmount(self) -> None:
        self._save_reading()
        if self.query_text:
            self.search_bar.history.add(self.query_text)
        self.session.save_setting("search_history", self.search_bar.history.queries)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`/`, `T` and `S` are priority keys; in a text box they are text."""
        if action in ("search", "archive_targets", "scorecard") and isinstance(self.focused, Input):
            return False
        return True

    # -- widgets -----------------------------------------------------------------------------

    def _pane_widget(self, name: str) -> Widget:
        return self.query_one(f"#{name}")

    @property
    def narrow(self) -> bool:
        """One pane at a time (small terminals)."""
        return self.has_class("-narrow")

    def _update_header(self, status: str | None = None) -> None:
        count = self.session.index.count()
        if status is None:
            status = "in memory" if self.session.index.memory else "cached"
        self.sub_title = f"{self.session.label} · {count:,} posts · {status}"

    # -- panes and focus ---------------------------------------------------------------------

    def _pane_of(self, widget: Widget | None) -> str | None:
        while widget is not None and widget is not self:
            if widget.id in PANES:
                return widget.id
            if widget.id == "search":
                return "posts"
            if widget.id == "find":
                return "article"
            widget = widget.parent  # type: ignore[assignment]
        return None

    def on_descendant_focus(self, event) -> None:
        pane = self._pane_of(self.focused)
        if pane is not None:
            self._set_pane(pane)

    def _set_pane(self, pane: str) -> None:
        if pane == self.pane and self.has_class(f"-pane-{pane}"):
            return
        self.pane = pane
        # One batch: each class change on the screen restyles every widget.
        self.update_classes({f"-pane-{name}": name == pane for name in PANES}, animate=False)

    def show_pane(self, pane: str) -> None:
        """Make a pane visible (the only one, in a narrow terminal) and focus it."""
        if pane == "targets":
            self.set_class(False, "-targets-hidden")
            self.targets.highlight_first()
        if pane == "sidebar":
            self.set_class(False, "-sidebar-hidden")
        if pane in ("targets", "sidebar") and self.pane not in ("targets", "sidebar"):
            self.came_from[pane] = self.pane if self.pane in ("posts", "article") else "posts"
        self._set_pane(pane)
        widget = self.search_bar if (pane == "posts" and self.focused is self.search_bar) else \
            self._pane_widget(pane)
        self.set_focus(widget)  # now, so that keys typed right after land in the new pane

    def _cycle(self, step: int) -> None:
        order = [p for p in PANES
                 if (p != "targets" or self.narrow or not self.has_class("-targets-hidden"))
                 and (p != "sidebar" or not self.has_class("-sidebar-hidden"))]
        current = self.pane if self.pane in order else "posts"
        self.show_pane(order[(order.index(current) + step) % len(order)])

    def action_next_pane(self) -> None:
        """Move to the next pane (to the right)."""
        self._cycle(1)

    def action_previous_pane(self) -> None:
        """Move to the previous pane (to the left)."""
        self._cycle(-1)

    def _show_article_if_hidden(self) -> bool:
        """In a narrow terminal, bring the article up instead of acting on it unseen; True if it did."""
        if self.narrow and self.pane != "article":
            self.show_pane("article")
            return True
        return False

    def action_toggle_sidebar(self) -> None:
        """Show or hide the filters (the sidebar), for more room; remembered."""
        hidden = not self.has_class("-sidebar-hidden")
        self.set_class(hidden, "-sidebar-hidden")
        self.session.save_setting("sidebar", not hidden)
        if hidden and self.pane == "sidebar":
            self.show_pane("posts")
        elif not hidden and self.narrow:
            self.show_pane("sidebar")

    # -- the list's content ------------------------------------------------------------------

    def _saved_filter(self) -> tuple[Filter, str]:
        """The sidebar's filter when the reader last ran (All posts when none was saved or it no longer reads)."""
        saved = self.session.setting("filter")
        if isinstance(saved, dict):
            known = {f.name for f in fields(Filter)}
            values = saved.get("filter", {})
            if isinstance(values, dict) and set(values) <= known and isinstance(saved.get("name"), str):
                try:
                    return Filter(**values), saved["name"]
                except TypeError:
                    pass
        return Filter(), "All posts"

    def _preview(self) -> None:
        """Paint the first screenful of the list at once; the whole list (and its count) follows.

        The newest posts come straight off the date index, so this costs the same at 100 or
        100,000 posts, while the whole list of rowids takes a moment at that size.
        """
        try:
            first = self.session.index.view(self.flt, limit=PREVIEW_ROWS)
        except StoreError:
            return
        if first:
            self.posts.show(first)
            self.posts.border_title = Text(f"{self.scope} · …")

    @work(thread=True, exclusive=True, exit_on_error=False, group="view", description="filtering the list")
    def load_view(self, keep: str | None = None) -> None:
        """Query the index for the current filter, search and sort (in a thread); `keep`: the id of a post to stay on."""
        flt, query, sort = self.flt, self.query_text, self.sort
        try:
            rowids = self.session.index.view(flt, query or None, self.session.state)
            if sort != "date":
                rowids = self.session.index.ordered(rowids, sort)
        except StoreError as exc:
            self.app.call_from_thread(self._store_problem, exc)
            return
        keep_rowid = None
        if keep:
            found = self.session.index.find(keep)
            keep_rowid = found.rowid if found else None
        self.app.call_from_thread(self._show_view, rowids, (flt, query, sort), keep_rowid)

    def _show_view(self, rowids: list[int], asked: tuple[Filter, str, str], keep_rowid: int | None) -> None:
        if asked != (self.flt, self.query_text, self.sort):
            return  # a newer view is on its way
        posts = self.posts
        cursor = 0
        if self._restore_last:
            self._restore_last = False
            reopened = self._reopen_last()
            if reopened is not None:
                keep_rowid = reopened.rowid
        if keep_rowid is None and not self.view_ready and posts.current is not None:
            keep_rowid = posts.current.rowid  # the cursor may have moved in the preview
        if keep_rowid is not None and keep_rowid in rowids:
            cursor = rowids.index(keep_rowid)
        if not rowids:
            posts.empty_text = ("no posts match" if self.query_text else
                                "no posts here" if self.session.index.count() else "indexing…")
        posts.show_targets = self.sort == "targets"
        posts.show(rowids, cursor, self.query_text or None)
        self._title_list()
        if not self.view_ready:  # the first view: now the slower work, so it never delays the list
            self.view_ready = True
            self.load_sidebar()
            if getattr(self.app, "refresh_on_start", True):
                self.start_refresh()

    def _reopen_last(self) -> PostRow | None:
        """Open the post that was open when the reader last ran, where it was read to (not marking it read)."""
        last = self.session.last_post()
        row = self.session.index.find(last) if last else None
        if row is None:
            return None
        saved = self.session.setting("article_top")
        top = saved.get("offset") if isinstance(saved, dict) and saved.get("id") == row.id else None
        self.call_after_refresh(self.open_post, row, False, None, top if isinstance(top, int) else None)
        return row

    def _title_list(self) -> None:
        posts = styles.count(self.posts.count, "post")
        where = f"“{sanitize(self.query_text)}” in {self.scope}" if self.query_text else self.scope
        self.posts.border_title = Text(f"{where} · {posts}{SORTS[self.sort]}")

    @work(thread=True, exclusive=True, exit_on_error=False, group="sidebar", description="counting")
    def load_sidebar(self) -> None:
        """Read the facets and counts for the sidebar (in a thread)."""
        try:
            facets = self.session.index.facets()
            counts = self.session.counts()
        except StoreError as exc:
            self.app.call_from_thread(self._store_problem, exc)
            return
        self.app.call_from_thread(self._sidebar_loaded, facets, counts)

    def _sidebar_loaded(self, facets: dict, counts) -> None:
        sidebar = self.sidebar
        first = not sidebar.root.children
        sidebar.populate(facets, counts)
        if first and self.flt != Filter():
            self._point_sidebar_at(self.flt)

    def _point_sidebar_at(self, flt: Filter) -> None:
        """Put the sidebar's cursor on the node of a filter (opening its branch)."""
        def nodes(node: TreeNode) -> list[TreeNode]:
            return [node] + [found for child in node.children for found in nodes(child)]

        for node in nodes(self.sidebar.root):
            if isinstance(node.data, FilterNode) and node.data.filter == flt:
                parent = node.parent
                while parent is not None:
                    parent.expand()
                    parent = parent.parent
                self.sidebar.call_after_refresh(self.sidebar.move_cursor, node)
                return

    def _store_problem(self, exc: StoreError) -> None:
        self.notify(sanitize(str(exc)), severity="error", markup=False, timeout=10)

    @on(Tree.NodeSelected, "#sidebar")
    def _filter_selected(self, event: Tree.NodeSelected) -> None:
        data = event.node.data
        if not isinstance(data, FilterNode):
            return
        self.flt = data.filter
        self.scope = data.name
        self.session.save_setting("filter", {"filter": asdict(data.filter), "name": data.name})
        self.posts.show_categories = data.filter.category is None
        self.load_view()
        if self.narrow:
            self.show_pane("posts")

    def action_cycle_sort(self) -> None:
        """Sort the list by date (newest first; for a search, title matches first), title, or number of targets."""
        order = list(SORTS)
        self.sort = order[(order.index(self.sort) + 1) % len(order)]
        self.session.save_setting("sort", self.sort)
        keep = self.posts.current
        self.load_view(keep.id if keep else None)
        self.notify(f"Sorted by {self.sort}.", markup=False, timeout=2)

    # -- search ------------------------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search box, with the last search in it (typing replaces it; up/down walk earlier ones)."""
        bar = self.search_bar
        if not bar.display:
            query = self.query_text or bar.history.last
            with bar.prevent(Input.Changed):
                bar.value = query
            bar.select_all()
            bar.display = True
            if query and query != self.query_text:
                self.run_search(query)
        self._set_pane("posts")
        self.set_focus(bar)

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self.search_due)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.run_search(event.value)
        self.search_bar.history.add(event.value)
        self.posts.focus()

    @on(SearchBar.Accepted)
    def _search_accepted(self) -> None:
        self.run_search(self.search_bar.value)
        self.search_bar.history.add(self.search_bar.value)
        self.posts.focus()

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self.close_search()

    def search_due(self) -> None:
        """Run the search typed so far (when the typing pauses)."""
        self.run_search(self.search_bar.value)

    def run_search(self, query: str) -> None:
        """Search now for `query` (combined with the sidebar's filter)."""
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        query = query.strip()
        if query == self.query_text:
            return
        self.query_text = query
        self.session.save_setting("search", query)
        self.load_view()
        if not self.find_text:
            self.article.set_query(query or None)

    def close_search(self) -> None:
        """Hide the search box and show the filter's posts again; the search stays in the history."""
        bar = self.search_bar
        bar.history.add(self.query_text or bar.value)
        with bar.prevent(Input.Changed):
            bar.value = ""
        bar.display = False
        keep = self.posts.current
        if self.query_text:
            self.query_text = ""
            self.session.save_setting("search", "")
            self.load_view(keep.id if keep else None)
            if not self.find_text:
                self.article.set_query(None)
        self.posts.focus()

    # -- find in the article -----------------------------------------------------------------

    def action_find(self) -> None:
        """Find text in the open article, as you type (the list and the search stay as they are)."""
        if self._open_article() is None:
            return
        bar = self.find_bar
        if self.narrow:
            self._set_pane("article")
        bar.display = True
        self.set_focus(bar)

    @on(Input.Changed, "#find")
    def _find_typed(self, event: Input.Changed) -> None:
        self.find_text = event.value.strip()
        self.article.set_query(self.find_text or self.query_text or None, finding=bool(self.find_text))

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        self.article.focus()
        if self.find_text and not self.article.move_hit(1):
            self.notify(f"“{sanitize(self.find_text)}” is not in this article.", markup=False)

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        self.close_find()

    def close_find(self) -> None:
        """Hide the find box; the search's matches (if any) are marked again."""
        bar = self.find_bar
        with bar.prevent(Input.Changed):
            bar.value = ""
        bar.display = False
        if self.find_text:
            self.find_text = ""
            self.article.set_query(self.query_text or None)
        self.article.focus()

    def action_next_match(self) -> None:
        """Go to the next match of the find (or the search) in the article."""
        self._move_match(1)

    def action_previous_match(self) -> None:
        """Go to the previous match of the find (or the search) in the article."""
        self._move_match(-1)

    def _move_match(self, step: int) -> None:
        view = self.article
        if self._open_article() is None:
            return
        if not view.search_query:
            self.notify("Nothing to find: f finds in the article, / searches the archive.", markup=False)
            return
        if not view.move_hit(step):
            self.notify("No match in this article.", markup=False)
            return
        if self.narrow:
            self.show_pane("article")

    # -- opening articles --------------------------------------------------------------------

    @on(LineList.Selected, "#posts")
    def _post_chosen(self, event: LineList.Selected) -> None:
        row = self.posts.row_at(event.index)
        if row is not None:
            self.open_post(row)
            if self.narrow:
                self.show_pane("article")

    def open_post(self, row: PostRow, mark_read: bool = True, select: tuple[int, int] | None = None,
                  top: int | None = None, visit: bool = True) -> None:
        """Open a post in the article pane (marking it read), with an item selected or scrolled to `top`.

        `visit` False: opened by back or forward, which do not change the history.
        """
        self._save_reading()
        if mark_read and self.session.set_read(row, True):
            self.sidebar.adjust(unread=-1)
        self.posts.mark_open(row.rowid)
        self.session.remember(row)
        if visit:
            self.visits.visit(row.id)
        self.open_row = row
        self.load_article(row, select, top)

    def _save_reading(self) -> None:
        """Keep where the open post was read to: for back and forward, and for the next start."""
        view = self.article
        top = view.top_offset
        if self.open_row is None or view.article is None or top is None:
            return
        self.tops[self.open_row.id] = top
        self.session.save_setting("article_top", {"id": self.open_row.id, "offset": top})

    def load_article(self, row: PostRow, select: tuple[int, int] | None = None, top: int | None = None) -> None:
        """Read and render a post and list its items, in a thread; then show it with `select` chosen or at `top`."""
        self._load_article(row, select, top, (self.article.coming_width, self.find_text or self.query_text or None),
                           self.targets.row_width)

    @work(thread=True, exclusive=True, exit_on_error=False, group="article", description="opening a post")
    def _load_article(self, row: PostRow, select: tuple[int, int] | None, top: int | None,
                      shown_as: tuple[int, str | None], panel_width: int) -> None:
        """Read and render a post, then find its items; lay it out as it will be shown (`shown_as`: the article's
        width and the query marked in it) and the panel's rows (`panel_width` cells).

        The items come from the index; a post changed since it was indexed, or whose items the index has
        not extracted yet, shows at once and its items follow, extracted afresh (a dense post may take the
        extractor's whole budget).
        """
        try:
            # The renderer and the extractor load with the first article, not at start-up.
            from newsreader.article import extract_items, read_article

            article = read_article(row)
            if not article.items_pending:
                article.items = self.session.index.items(row.rowid)
            self.app.call_from_thread(self._article_loaded, article, prepare(article, *shown_as),
                                      listing(article.items, panel_width), select, top)
            if article.items_pending:
                items, warning = extract_items(article)
                self.app.call_from_thread(self._items_found, article, listing(items, panel_width), warning, select)
        except PostError as exc:
            self.app.call_from_thread(self._article_failed, row, str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug reading one post must not take the reader down
            self.app.call_from_thread(self._article_failed, row,
                                      f"{row.id} could not be shown ({type(exc).__name__}: {exc})")

    def _article_loaded(self, article: Article, prepared: Prepared | None, rows: Listing,
                        select: tuple[int, int] | None, top: int | None) -> None:
        if self.open_row is None or article.row.rowid != self.open_row.rowid:
            return
        self.article.show(article, self.find_text or self.query_text or None, finding=bool(self.find_text),
                          top=top, finding_items=article.items_pending, prepared=prepared)
        self.targets.show_listing(rows, finding=article.items_pending)
        if not article.items_pending:
            self._select_item(article, select)

    def _items_found(self, article: Article, rows: Listing, warning: str | None,
                     select: tuple[int, int] | None) -> None:
        if self.article.article is not article:
            return  # another post was opened meanwhile
        article.items = rows.items
        if warning:
            article.post.warnings.append(warning)
        self.article.items_found()
        self.targets.show_listing(rows)
        self._select_item(article, select)

    def _select_item(self, article: Article, select: tuple[int, int] | None) -> None:
        """Choose the item at `select` (start, end) in the panel and the article; a span that is no item (a
        result the scorecard found told in words) is marked in the article alone."""
        if select is None:
            return
        for i, item in enumerate(article.items):
            if (item.start, item.end) == select:
                self.targets.highlight_item(i)
                self.article.select_span(item.start, item.end)
                break
        else:
            self.article.select_span(*select)

    def _article_failed(self, row: PostRow, message: str) -> None:
        self.article.clear(sanitize(message))
        self.targets.show_items(None)

    def _step_article(self, step: int) -> None:
        posts = self.posts
        if not posts.count:
            return
        current = posts.index_of(self.open_row.rowid) if self.open_row else None
        target = posts.cursor if current is None else current + step
        if not 0 <= target < posts.count:
            self.notify("No more posts this way.", markup=False)
            return
        posts.cursor = target
        row = posts.row_at(target)
        if row is not None:
            self.open_post(row)

    def action_next_article(self) -> None:
        """Open the next post of the list."""
        self._step_article(1)

    def action_previous_article(self) -> None:
        """Open the previous post of the list."""
        self._step_article(-1)

    def action_page_down(self) -> None:
        """Page the article down."""
        if not self._show_article_if_hidden():
            self.article.action_page_down()

    def action_page_up(self) -> None:
        """Page the article up."""
        if not self._show_article_if_hidden():
            self.article.action_page_up()

    # -- back and forward, next unread -------------------------------------------------------

    def action_history_back(self) -> None:
        """Open the post read before this one (as a browser's back)."""
        self._open_visit(self.visits.back(), "No post read before this one.")

    def action_history_forward(self) -> None:
        """Open the post read after this one again (after going back)."""
        self._open_visit(self.visits.forward(), "No post read after this one.")

    def _open_visit(self, post_id: str | None, nothing: str) -> None:
        if post_id is None:
            self.notify(nothing, markup=False)
            return
        row = self.session.index.find(post_id)
        if row is None:
            self.notify("That post is gone from the archive.", markup=False)
            return
        self._open_and_point(row, top=self.tops.get(post_id), visit=False)

    def _open_and_point(self, row: PostRow, top: int | None = None, visit: bool = True) -> None:
        """Open a post, with the list's cursor on it when the list shows it."""
        index = self.posts.index_of(row.rowid)
        if index is not None:
            self.posts.cursor = index
        self.open_post(row, top=top, visit=visit)
        if self.narrow:
            self.show_pane("article")

    def action_next_unread(self) -> None:
        """Open the next unread post of the list (after the open one, or the cursor)."""
        start = self.posts.index_of(self.open_row.rowid) if self.open_row is not None else None
        self.find_unread(list(self.posts.rowids), self.posts.cursor if start is None else start, everywhere=False)

    def action_next_unread_anywhere(self) -> None:
        """Open the next unread post of the whole archive, whatever the list shows."""
        self.find_unread(None, None, everywhere=True)

    @work(thread=True, exclusive=True, exit_on_error=False, group="unread", description="finding unread posts")
    def find_unread(self, rowids: list[int] | None, start: int | None, everywhere: bool) -> None:
        """Find the first unread post after `start` in `rowids` (None: the archive, after the open post)."""
        index, state = self.session.index, self.session.state
        try:
            if everywhere:
                rowids = index.view(Filter(), None, state)
                unread = set(index.view(Filter(unread=True), None, state))
                open_rowid = self.open_row.rowid if self.open_row is not None else None
                start = rowids.index(open_rowid) if open_rowid in rowids else -1
            else:
                unread = set(index.view(replace(self.flt, unread=True), self.query_text or None, state))
        except StoreError as exc:
            self.app.call_from_thread(self._store_problem, exc)
            return
        assert rowids is not None and start is not None
        order = rowids[start + 1:] + rowids[:start + 1]  # after the start, then from the top
        found = next((rowid for rowid in order if rowid in unread), None)
        row = index.get(found) if found is not None else None
        self.app.call_from_thread(self._unread_found, row, everywhere)

    def _unread_found(self, row: PostRow | None, everywhere: bool) -> None:
        if row is None:
            self.notify("No unread posts in the archive." if everywhere else
                        "No unread posts in this list (U: the next unread in the whole archive).", markup=False)
            return
        self._open_and_point(row)
        if everywhere and self.posts.index_of(row.rowid) is None:
            self.notify(f"Opened from the whole archive (not in this list): {sanitize(row.label)}",
                        markup=False, timeout=4)

    # -- targets ------------------------------------------------------------------------------

    def action_targets(self) -> None:
        """Jump into the targets panel; when already there, hide it and go back to the article."""
        if self.pane == "targets":
            if not self.narrow:
                self.set_class(True, "-targets-hidden")
            self.show_pane("article")
            return
        self.show_pane("targets")

    @on(TargetsPanel.ItemChosen)
    def _item_chosen(self, event: TargetsPanel.ItemChosen) -> None:
        items = self.targets.items
        if 0 <= event.index < len(items):
            item = items[event.index]
            self.article.select_span(item.start, item.end)
            if event.jump and self.narrow:
                self.show_pane("article")

    def action_archive_targets(self) -> None:
        """Every target in the current filter and search, as a sortable table."""
        from newsreader.tui.screens.archive_targets import ArchiveTargetsScreen

        self.app.push_screen(ArchiveTargetsScreen(self.session, self.flt, self.query_text or None, self.scope),
                             self._archive_item_chosen)

    def action_scorecard(self) -> None:
        """Every target of the archive set against what was achieved, year after year."""
        from newsreader.tui.screens.scorecard import ScorecardScreen

        self.app.push_screen(ScorecardScreen(self.session), self._archive_item_chosen)

    def _archive_item_chosen(self, chosen: tuple[PostRow, Target] | None) -> None:
        if chosen is None:
            return
        row, item = chosen
        index = self.posts.index_of(row.rowid)
        if index is not None:
            self.posts.cursor = index
        self.open_post(row, select=(item.start, item.end))
        # The item is marked in both; a narrow terminal has room for one, the article at that item.
        self.show_pane("article" if self.narrow else "targets")

    # -- marks ---------------------------------------------------------------------------------

    def _subject(self) -> PostRow | None:
        """The post a mark applies to: the list's cursor in the list, else the open post."""
        if self.pane in ("posts", "sidebar") or self.open_row is None:
            return self.posts.current
        return self.open_row

    def action_star(self) -> None:
        """Star or unstar the post."""
        row = self._subject()
        if row is None:
            return
        starred = self.session.toggle_star(row)
        self.sidebar.adjust(starred=1 if starred else -1)
        self.posts.forget(row.rowid)
        self.notify(("Starred: " if starred else "Unstarred: ") + sanitize(row.label), markup=False, timeout=2)

    def action_toggle_read(self) -> None:
        """Mark the post read or unread."""
        row = self._subject()
        if row is None:
            return
        read = not self.session.is_read(row)
        self.session.set_read(row, read)
        self.sidebar.adjust(unread=-1 if read else 1)
        self.posts.forget(row.rowid)
        self.notify(("Read: " if read else "Unread: ") + sanitize(row.label), markup=False, timeout=2)

    def action_mark_all_read(self) -> None:
        """Mark every post the list shows read (after asking)."""
        count = self.posts.count
        if not count:
            self.notify("No posts shown.", markup=False)
            return
        from newsreader.tui.screens.prompt import ConfirmScreen

        rowids = list(self.posts.rowids)
        question = f"Mark the {styles.count(count, 'post')} shown read?"

        def answered(yes: bool | None) -> None:
            if yes:
                self.mark_read(rowids)

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="marks", description="marking posts read")
    def mark_read(self, rowids: list[int]) -> None:
        """Mark these posts read, in one transaction (in a thread)."""
        try:
            changed = self.session.mark_all_read(self.session.index.rows(rowids))
        except StoreError as exc:
            self.app.call_from_thread(self._store_problem, exc)
            return
        self.app.call_from_thread(self._marked_read, changed)

    def _marked_read(self, changed: int) -> None:
        self.notify(f"Marked {styles.count(changed, 'post')} read.", markup=False, timeout=3)
        self.posts.refresh()
        self.load_sidebar()
        if self.flt.unread:
            self.load_view()

    # -- links, pipe, save -----------------------------------------------------------------------

    def action_links(self) -> None:
        """List the article's links (enter opens one, y copies it)."""
        article = self._open_article()
        if article is None:
            return
        if not article.doc.links:
            self.notify("This post has no links.", markup=False)
        else:
            from newsreader.tui.screens.links import LinksScreen

            self.app.push_screen(LinksScreen(article.doc.links))

    def action_copy_link(self) -> None:
        """Copy the article's source link to the clipboard (o lists every link)."""
        article = self.article.article
        url = article.source_url() if article else None
        if url is None and article is not None and article.doc.links:
            url = article.doc.links[0].url
        if url is None:
            self.notify("No link to copy.", markup=False)
            return
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {sanitize(url)}", title="Clipboard", markup=False, timeout=3)

    def _open_article(self) -> Article | None:
        """The article shown, or None after saying that a post must be opened first."""
        article = self.article.article
        if article is None:
            self.notify("Open a post first (enter).", markup=False)
        return article

    def action_pipe(self) -> None:
        """Send the article's text to a shell command you type (`less`, `wc -m`, `grep 增长`)."""
        from newsreader.tui.screens.article_out import ask_pipe

        article = self._open_article()
        if article is not None:
            ask_pipe(self, article)

    def action_save(self) -> None:
        """Save the article's text to a file you name."""
        from newsreader.tui.screens.article_out import ask_save

        article = self._open_article()
        if article is not None:
            ask_save(self, article)

    # -- refreshing -----------------------------------------------------------------------------

    def action_refresh(self) -> None:
        """Look for new, changed and removed posts."""
        self.refresh_asked = True
        self.start_refresh()

    def start_refresh(self) -> None:
        """Refresh the index in the background, with a progress bar above the footer."""
        if not self.query_one(RefreshBar).start():
            self.notify("Already refreshing.", markup=False)
            return
        self._update_header("refreshing…")

    @on(RefreshBar.Finished)
    def _refresh_done(self, event: RefreshBar.Finished) -> None:
        asked, self.refresh_asked = self.refresh_asked, False
        summary, error = event.summary, event.error
        if error is not None or summary is None:
            self._update_header("refresh failed")
            self.notify(sanitize(str(error)) or type(error).__name__, title="Refresh failed",
                        severity="error", markup=False, timeout=10)
        else:
            for warning in summary.warnings:  # a damaged cache was rebuilt
                self.notify(sanitize(warning), severity="warning", markup=False, timeout=8)
            changed = summary.indexed or summary.removed
            self._update_header("up to date")
            if changed or summary.skipped:
                self.notify(summary.line(), title="Index", markup=False, timeout=4)
            elif asked:
                self.notify(f"Nothing changed: the index is up to date "
                            f"({styles.count(self.session.index.count(), 'post')}).",
                            title="Index", markup=False, timeout=4)
            if not changed and self.view_ready:
                return
        keep = self.posts.current
        self.load_view(keep.id if keep else None)
        self.load_sidebar()
        if self.open_row is not None:  # its rowid changes when it was re-indexed; it is gone when removed
            row = self.session.index.find(self.open_row.id)
            if row is None:
                self._open_post_gone(self.open_row)
            elif row.rowid != self.open_row.rowid:
                self.open_row = row
                self.posts.mark_open(row.rowid)
                self.load_article(row)

    @on(RefreshBar.ItemsExtracted)
    def _items_done(self, event: RefreshBar.ItemsExtracted) -> None:
        summary, error = event.summary, event.error
        if error is not None or summary is None:
            if error is not None:
                self.notify(sanitize(str(error)) or type(error).__name__, title="Numeric items",
                            severity="error", markup=False, timeout=10)
            return
        for warning in summary.warnings:  # a damaged cache was rebuilt
            self.notify(sanitize(warning), severity="warning", markup=False, timeout=8)
        if not (summary.extracted or summary.warnings):
            return
        for screen in self.app.screen_stack:  # a screen over the reader built from the items (the scorecard)
            items_extracted = getattr(screen, "items_extracted", None)
            if screen is not self and callable(items_extracted):
                items_extracted()
        if summary.warnings:
            self.load_sidebar()
        keep = self.posts.current
        self.load_view(keep.id if keep else None)  # the counts of targets the list shows and sorts by
        if self.open_row is not None and self.open_row.n_target is None:
            self.open_row = self.session.index.find(self.open_row.id) or self.open_row

    def _open_post_gone(self, row: PostRow) -> None:
        self.open_row = None
        self.posts.mark_open(None)
        self.article.clear(f"This post is gone: {sanitize(row.id)} was deleted or moved since it was opened.")
        self.targets.show_items(None)

    # -- back, help, commands --------------------------------------------------------------------

    def action_back(self) -> None:
        """Back one step: from a panel to where you came from, out of a find, to the list, out of the search."""
        if self.pane in ("targets", "sidebar"):
            self.show_pane(self.came_from.get(self.pane, "posts"))
        elif self.pane == "article" and (self.find_bar.display or self.find_text):
            self.close_find()
        elif self.pane == "article":
            self.show_pane("posts")
        elif self.search_bar.display or self.query_text:
            self.close_search()

    def key_sections(self) -> list[tuple[str, list[KeyEntry]]]:
        """Every binding of this screen and its panes, with config.toml's keys, for help and the palette."""
        from newsreader.tui.screens.archive_targets import ArchiveTargetsScreen
        from newsreader.tui.screens.help import HelpScreen
        from newsreader.tui.screens.links import LinksScreen
        from newsreader.tui.screens.scorecard import ScorecardScreen
        from newsreader.tui.screens.scorecard_chart import ChartScreen

        return sections(self.app, [
            ("Everywhere", self),
            ("Post list", self.posts),
            ("Search box", self.search_bar),
            ("Article", self.article),
            ("Find box", self.find_bar),
            ("Targets panel", self.targets),
            ("Sidebar", self.sidebar),
            ("Targets across the archive (T)", ArchiveTargetsScreen),
            ("Scorecard (S)", ScorecardScreen),
            ("Scorecard chart (C)", ChartScreen),
            ("Links (o)", LinksScreen),
            ("Help (?)", HelpScreen),
        ], self.keymap)

    @property
    def keymap(self) -> dict[str, str]:
        """The keys config.toml gives to actions (by binding id)."""
        return getattr(self.app, "keymap_in_force", {})

    def action_help(self) -> None:
        """Show every key."""
        from newsreader.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.key_sections()))

    def commands(self):
        """(title, help, callback) for every action of the screen and its panes."""
        nodes: dict[str, Any] = {"Everywhere": self, "Post list": self.posts, "Article": self.article,
                                 "Targets panel": self.targets, "Sidebar": self.sidebar}
        for title, found in self.key_sections():
            node = nodes.get(title)
            if node is None:
                continue
            for entry in found:
                if node is not self and entry.action.startswith("screen."):
                    continue  # a pane's shortcut to an action listed under Everywhere
                name = entry.description if node is self else f"{title}: {entry.description}"
                yield name, f"keys: {', '.join(entry.keys)}", partial(self._run_from_palette, node, entry.action)

    async def _run_from_palette(self, node: Widget, action: str) -> None:
        pane = self._pane_of(node) if node is not self else None
        if pane is not None:
            self.show_pane(pane)
        await self.app.run_action(action, node)
