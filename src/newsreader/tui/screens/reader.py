"""The main screen: sidebar, post list (with search), article and targets panel, and every reader key.

Work that touches the disk runs in thread workers (the view, the counts, opening an article,
refreshing the index), so typing and moving never wait for it.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
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
from newsreader.tui.keys import KeyEntry, sections
from newsreader.tui.widgets.article_view import ArticleView
from newsreader.tui.widgets.line_list import LineList
from newsreader.tui.widgets.post_list import PostList
from newsreader.tui.widgets.refresh_bar import RefreshBar
from newsreader.tui.widgets.search_bar import SearchBar
from newsreader.tui.widgets.sidebar import FilterNode, Sidebar
from newsreader.tui.widgets.targets_panel import TargetsPanel

if TYPE_CHECKING:
    from newsreader.article import Article
    from newsreader.targets.model import Target
    from newsreader.tui.session import Session

PANES = ("sidebar", "posts", "article", "targets")
SEARCH_DELAY = 0.25  # seconds of quiet typing before the search runs
PREVIEW_ROWS = 200  # list rows painted before the whole list is known
MEDIUM, WIDE = 96, 140  # terminal widths where the layout changes


class ReaderScreen(Screen[None]):
    """The reader."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (MEDIUM, "-medium"),
                                                                (WIDE, "-wide")]

    # Keys that work in every pane. The panes repeat the ones worth seeing in the footer.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab,l", "next_pane", "Next pane", show=False),
        Binding("shift+tab,h", "previous_pane", "Previous pane", show=False),
        # Priority: acted on as they arrive, so that keys typed right after them reach the new focus.
        Binding("slash", "search", "Search", priority=True),
        Binding("t", "targets", "Targets panel", show=False,
                tooltip="Jump into the targets panel; again to hide it"),
        Binding("T", "archive_targets", "All targets", show=False, priority=True,
                tooltip="Targets across the archive, as a table"),
        Binding("S", "scorecard", "Scorecard", show=False, priority=True,
                tooltip="Every target set against what was achieved, year after year"),
        Binding("space", "page_down", "Page down", show=False),
        Binding("b", "page_up", "Page up", show=False),
        Binding("left_square_bracket", "previous_article", "Previous post", show=False),
        Binding("right_square_bracket", "next_article", "Next post", show=False),
        Binding("n", "next_match", "Next match", show=False),
        Binding("N", "previous_match", "Previous match", show=False),
        Binding("s", "star", "Star", show=False),
        Binding("m", "toggle_read", "Read/unread", show=False),
        Binding("o", "links", "Links", show=False),
        Binding("y", "copy_link", "Copy source link", show=False),
        Binding("r", "refresh", "Refresh index", show=False),
        Binding("escape", "back", "Back", show=False, tooltip="Close the search, or go back to the list"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.flt = Filter()
        self.scope = "All posts"
        self.query_text = ""
        self.open_row: PostRow | None = None
        self.pane = "posts"
        self.refreshing = False
        self.view_ready = False
        self._search_timer: Timer | None = None
        self._restore_last = True

    # -- building ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="N")
        with Horizontal(id="panes"):
            yield Sidebar(id="sidebar")
            with Vertical(id="list-pane"):
                yield SearchBar(id="search")
                yield PostList(self.session, id="posts")
            with Container(id="reading"):
                yield ArticleView(id="article")
                yield TargetsPanel(id="targets")
        yield RefreshBar(self.session, id="refresh")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SearchBar).display = False
        self.query_one("#sidebar").border_title = Text("Filters")
        self.query_one("#article").border_title = Text("Article")
        self.query_one("#targets").border_title = Text("Targets")
        posts = self.posts
        posts.empty_text = "loading…"
        posts.border_title = Text("Posts")
        self._set_pane("posts")
        posts.focus()
        for warning in self.session.warnings:
            self.notify(sanitize(warning), severity="warning", markup=False, timeout=8)
        self._update_header()
        self._preview()
        self.load_view()  # the sidebar and the refresh start once the list is painted

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`/`, `T` and `S` are priority keys; in a text box they are text."""
        if action in ("search", "archive_targets", "scorecard") and isinstance(self.focused, Input):
            return False
        return True

    # -- widgets -----------------------------------------------------------------------------

    @property
    def posts(self) -> PostList:
        return self.query_one(PostList)

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def targets(self) -> TargetsPanel:
        return self.query_one(TargetsPanel)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

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
        self._set_pane(pane)
        widget = self.search_bar if (pane == "posts" and self.focused is self.search_bar) else \
            self._pane_widget(pane)
        self.set_focus(widget)  # now, so that keys typed right after land in the new pane

    def _cycle(self, step: int) -> None:
        order = [p for p in PANES if p != "targets" or self.narrow or not self.has_class("-targets-hidden")]
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

    # -- the list's content ------------------------------------------------------------------

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
        """Query the index for the current filter and search (in a thread); `keep`: the id of a post to stay on."""
        flt, query = self.flt, self.query_text
        try:
            rowids = self.session.background.view(flt, query or None, self.session.state)
        except StoreError as exc:
            self.app.call_from_thread(self._store_problem, exc)
            return
        keep_rowid = None
        if keep:
            found = self.session.background.find(keep)
            keep_rowid = found.rowid if found else None
        self.app.call_from_thread(self._show_view, rowids, flt, query, keep_rowid)

    def _show_view(self, rowids: list[int], flt: Filter, query: str, keep_rowid: int | None) -> None:
        if (flt, query) != (self.flt, self.query_text):
            return  # a newer view is on its way
        posts = self.posts
        cursor = 0
        if self._restore_last and rowids:
            last = self.session.last_post()
            row = self.session.index.find(last) if last else None
            if row is not None and row.rowid in rowids:
                keep_rowid = row.rowid
                self.call_after_refresh(self.open_post, row, False)
            self._restore_last = False
        if keep_rowid is None and not self.view_ready and posts.current is not None:
            keep_rowid = posts.current.rowid  # the cursor may have moved in the preview
        if keep_rowid is not None and keep_rowid in rowids:
            cursor = rowids.index(keep_rowid)
        if not rowids:
            posts.empty_text = ("no posts match" if query else
                                "no posts here" if self.session.index.count() else "indexing…")
        posts.show(rowids, cursor, query or None)
        self._title_list()
        if not self.view_ready:  # the first view: now the slower work, so it never delays the list
            self.view_ready = True
            self.load_sidebar()
            if getattr(self.app, "refresh_on_start", True):
                self.start_refresh()

    def _title_list(self) -> None:
        posts = styles.count(self.posts.count, "post")
        if self.query_text:
            title = f"“{sanitize(self.query_text)}” in {self.scope} · {posts}"
        else:
            title = f"{self.scope} · {posts}"
        self.posts.border_title = Text(title)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sidebar", description="counting")
    def load_sidebar(self) -> None:
        """Read the facets and counts for the sidebar (in a thread)."""
        try:
            facets = self.session.background.facets()
            counts = self.session.counts()
        except StoreError as exc:
            self.app.call_from_thread(self._store_problem, exc)
            return
        self.app.call_from_thread(self.sidebar.populate, facets, counts)

    def _store_problem(self, exc: StoreError) -> None:
        self.notify(sanitize(str(exc)), severity="error", markup=False, timeout=10)

    @on(Tree.NodeSelected, "#sidebar")
    def _filter_selected(self, event: Tree.NodeSelected) -> None:
        data = event.node.data
        if not isinstance(data, FilterNode):
            return
        self.flt = data.filter
        self.scope = data.name
        self.load_view()
        if self.narrow:
            self.show_pane("posts")

    # -- search ------------------------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search box (results follow the typing)."""
        bar = self.search_bar
        bar.display = True
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
        self.posts.focus()

    @on(SearchBar.Accepted)
    def _search_accepted(self) -> None:
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
        self.load_view()
        self.article.set_query(query or None)

    def close_search(self) -> None:
        """Hide the search box and show the filter's posts again."""
        bar = self.search_bar
        with bar.prevent(Input.Changed):
            bar.value = ""
        bar.display = False
        keep = self.posts.current
        if self.query_text:
            self.query_text = ""
            self.load_view(keep.id if keep else None)
            self.article.set_query(None)
        self.posts.focus()

    def action_next_match(self) -> None:
        """Go to the next match of the search in the article."""
        self._move_match(1)

    def action_previous_match(self) -> None:
        """Go to the previous match of the search in the article."""
        self._move_match(-1)

    def _move_match(self, step: int) -> None:
        view = self.article
        if view.article is None:
            self.notify("Open a post first (enter).", markup=False)
            return
        if not view.query:
            self.notify("No search: press / to search.", markup=False)
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

    def open_post(self, row: PostRow, mark_read: bool = True, select: tuple[int, int] | None = None) -> None:
        """Open a post in the article pane (marking it read), optionally with an item selected."""
        if mark_read and self.session.set_read(row, True):
            self.sidebar.adjust(unread=-1)
        self.posts.mark_open(row.rowid)
        self.session.remember(row)
        self.open_row = row
        self.load_article(row, select)

    @work(thread=True, exclusive=True, exit_on_error=False, group="article", description="opening a post")
    def load_article(self, row: PostRow, select: tuple[int, int] | None = None) -> None:
        """Read and render a post (in a thread)."""
        try:
            # The renderer and the extractor load with the first article, not at start-up.
            from newsreader.article import load_article

            article = load_article(row, self.session.index)
        except PostError as exc:
            self.app.call_from_thread(self._article_failed, row, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a bug reading one post must not take the reader down
            self.app.call_from_thread(self._article_failed, row,
                                      f"{row.id} could not be shown ({type(exc).__name__}: {exc})")
            return
        self.app.call_from_thread(self._article_loaded, article, select)

    def _article_loaded(self, article: Article, select: tuple[int, int] | None) -> None:
        if self.open_row is None or article.row.rowid != self.open_row.rowid:
            return
        self.article.show(article, self.query_text or None)
        self.targets.show_items(article.items)
        if select is not None:
            for i, item in enumerate(article.items):
                if (item.start, item.end) == select:
                    self.targets.highlight_item(i)
                    self.article.select_span(item.start, item.end)
                    break
            else:  # a span that is no item (a result the scorecard found told in words)
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

    # -- links ----------------------------------------------------------------------------------

    def action_links(self) -> None:
        """List the article's links (copy one with y)."""
        article = self.article.article
        if article is None:
            self.notify("Open a post first (enter).", markup=False)
        elif not article.doc.links:
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

    # -- refreshing -----------------------------------------------------------------------------

    def action_refresh(self) -> None:
        """Look for new, changed and removed posts."""
        self.start_refresh()

    def start_refresh(self) -> None:
        """Refresh the index in the background, with a progress bar above the footer."""
        if not self.query_one(RefreshBar).start():
            self.notify("Already refreshing.", markup=False)
            return
        self.refreshing = True
        self._update_header("refreshing…")

    @on(RefreshBar.Finished)
    def _refresh_done(self, event: RefreshBar.Finished) -> None:
        self.refreshing = False
        summary, error = event.summary, event.error
        if error is not None or summary is None:
            self._update_header("refresh failed")
            self.notify(sanitize(str(error)) or type(error).__name__, title="Refresh failed",
                        severity="error", markup=False, timeout=10)
        else:
            changed = summary.indexed or summary.removed
            self._update_header("up to date")
            if changed or summary.skipped:
                self.notify(summary.line(), title="Index", markup=False, timeout=4)
            if not changed and self.view_ready:
                return
        keep = self.posts.current
        self.load_view(keep.id if keep else None)
        self.load_sidebar()
        if self.open_row is not None:  # its rowid changes when it was re-indexed
            row = self.session.index.find(self.open_row.id)
            if row is not None and row.rowid != self.open_row.rowid:
                self.open_row = row
                self.posts.mark_open(row.rowid)
                self.load_article(row)

    # -- back, help, commands --------------------------------------------------------------------

    def action_back(self) -> None:
        """Close the search, or go back to the list from another pane."""
        if self.search_bar.display or self.query_text:
            self.close_search()
        elif self.pane != "posts":
            self.show_pane("posts")

    def key_sections(self) -> list[tuple[str, list[KeyEntry]]]:
        """Every binding of this screen and its panes, for help and the command palette."""
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
            ("Targets panel", self.targets),
            ("Sidebar", self.sidebar),
            ("Targets across the archive (T)", ArchiveTargetsScreen),
            ("Scorecard (S)", ScorecardScreen),
            ("Scorecard chart (C)", ChartScreen),
            ("Links (o)", LinksScreen),
            ("Help (?)", HelpScreen),
            ("Application", self.app),
        ])

    def action_help(self) -> None:
        """Show every key."""
        from newsreader.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.key_sections()))

    def commands(self):
        """(title, help, callback) for every action of the screen and its panes."""
        nodes = {"Everywhere": self, "Post list": self.posts, "Article": self.article,
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
