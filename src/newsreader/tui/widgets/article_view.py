"""The article pane: header and rendered body, laid out by the renderer and drawn line by line.

It re-lays the article out when its width changes and when the marks change (search hits,
the selected target, the items once found). A one-cell gutter points at the line of the
selected span, which stays visible where colours and reverse video do not.

An article is first laid out in the thread that reads it (`prepare`), so opening one never lays
it out on the event loop; a long one (over BIG_ARTICLE characters) shows its header at once and
its body when laid out. Later layouts of a long article (or of a shorter one that only gets new
marks) run in a thread, one at a time: while one runs, only the latest one asked for waits
(moving through a dense post's items asks for one per key). The lines do not depend on the
marks, so a new mark is scrolled to and pointed at at once, on the lines shown, and its colours
follow with the layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.strip import Strip

from newsreader.render import Line, line_index_for_offset, sanitize
from newsreader.store.search import find_spans
from newsreader.tui import styles
from newsreader.tui.widgets.lines_view import LinesView
from newsreader.tui.widgets.targets_panel import FINDING

if TYPE_CHECKING:
    from newsreader.article import Article

GUTTER = 1
POINTER = ">"
BIG_ARTICLE = 100_000  # characters; longer articles are laid out in a thread
MARKED_IN_THREAD = 20_000  # characters; a longer article given new marks only is laid out again in a thread


@dataclass
class Prepared:
    """An article laid out, off the event loop, for the width and query it will first be shown at."""

    width: int
    query: str | None
    hits: list[tuple[int, int]]
    header_lines: int
    lines: list[Line]


def prepare(article: Article, width: int, query: str | None) -> Prepared | None:
    """Lay an article out for `width` text cells with `query`'s matches (in the thread reading it); None for a
    long article (its header shows first, its body follows from a thread) or a pane with no width."""
    if width <= 1 or len(article.doc.text) >= BIG_ARTICLE:
        return None
    hits = find_spans(article.doc.text, query) if query else []
    header = article.header_lines(width)
    return Prepared(width, query or None, hits, len(header),
                    header + article.body_lines(width, styles.article_marks(article.items, hits, None)))


@dataclass
class LayoutJob:
    """A layout of a long article to run in a thread; `then` runs once its lines are in."""

    key: tuple
    article: Article
    width: int
    marks: list
    header: list[Line]
    then: Callable[[], None] | None


class ArticleView(LinesView, can_focus=True):
    """One article, scrolled by line or page, with targets and search hits highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="bottom"),
        Binding("pagedown", "page_down", "Page down", show=False, id="page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="page_up"),
        # the screen's keys most used here, repeated for the footer (same ids: remapped together)
        Binding("space", "screen.page_down", "Page", id="page_down"),
        Binding("n", "screen.next_match", "Next match", id="next_match"),
        Binding("f", "screen.find", "Find", id="find"),
        Binding("t", "screen.targets", "Targets", id="targets"),
        Binding("escape", "screen.back", "Back", id="back"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-view--pointer", "article-view--placeholder"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.search_query: str | None = None
        self.finding = False  # the query is the find box's (not the search's)
        self.hits: list[tuple[int, int]] = []
        self.hit = -1  # the current search hit (n/N), -1 for none
        self.selected: tuple[int, int] | None = None  # the span marked as selected
        self.placeholder = "Open a post from the list (enter)."
        self.finding_items = False  # the article's items are still being found
        self._lines: list[Line] = []
        self._header_lines = 0
        self._body_starts: list[int] = []  # the text offset each body line starts at
        self._width = 0  # of the lines drawn, read once a drawing pass (it costs as much as a line)
        self._pointer = range(0)
        self._laid_out_for: tuple | None = None
        self._when_shown: Callable[[], None] | None = None  # a scroll asked for while the pane was hidden
        self._strips: LRUCache[int, Strip] = LRUCache(512)
        self._lines_of: tuple[int, int] | None = None  # (article id, width) of the lines shown
        self._layout_running = False
        self._next_layout: LayoutJob | None = None
        self._prepared: Prepared | None = None
        self._last_width = 0  # the text width of the last layout on screen

    # -- content -------------------------------------------------------------------------

    def show(self, article: Article, query: str | None = None, finding: bool = False, top: int | None = None,
             finding_items: bool = False, prepared: Prepared | None = None) -> None:
        """Show an article from the top (or with the text at offset `top` at the top), highlighting `query`'s matches.

        `finding_items`: its items are still being found (`items_found` follows); `prepared`: its lines, if
        `prepare` laid it out.
        """
        self.article = article
        self.search_query = query or None
        self.finding = finding
        self.finding_items = finding_items
        self._prepared = prepared if prepared is not None and prepared.query == self.search_query else None
        self.hits = (self._prepared.hits if self._prepared else
                     find_spans(article.doc.text, query) if query else [])
        self.hit = -1
        self.selected = None
        self._when_shown = None
        self.scroll_to(y=0, animate=False, immediate=True, force=True)  # force: see scroll_to_offset
        self._relayout(force=True, then=None if top is None else (lambda: self.scroll_to_top(top)))

    def items_found(self) -> None:
        """The article's items (and any warning about them) are in: mark them."""
        self.finding_items = False
        self._relayout()
        self._update_subtitle()

    def clear(self, placeholder: str) -> None:
        """Show no article, just a line of explanation."""
        self.article = None
        self.finding_items = False
        self.placeholder = placeholder
        self.hits, self.hit, self.selected = [], -1, None
        self._relayout(force=True)

    def set_query(self, query: str | None, finding: bool = False) -> None:
        """Highlight another query's matches in the open article (`finding`: the find box's)."""
        self.search_query = query or None
        self.finding = finding
        self.hits = find_spans(self.article.doc.text, query) if (self.article and query) else []
        self.hit = -1
        self._relayout()
        self._update_subtitle()

    def select_span(self, start: int, end: int) -> None:
        """Mark a span of the article's text as selected and scroll to it."""
        self.selected = (start, end)
        self._relayout(then=lambda: self.scroll_to_offset(start))

    def move_hit(self, step: int) -> bool:
        """Go to the next (step 1) or previous (-1) search hit; False when there are none."""
        if not self.hits:
            return False
        self.hit = (self.hit + step) % len(self.hits) if self.hit >= 0 else (0 if step > 0 else len(self.hits) - 1)
        self.select_span(*self.hits[self.hit])
        return True

    # -- layout ---------------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        """Cells available to the article's text (the gutter aside)."""
        return max(1, self.scrollable_content_region.width - GUTTER)

    @property
    def coming_width(self) -> int:
        """The text width the next article will be laid out at: the pane's, or while it is hidden (a narrow
        terminal showing the list) the width it had when last shown."""
        region = self.scrollable_content_region.width
        return self.text_width if region > GUTTER else self._last_width

    def _relayout(self, force: bool = False, then: Callable[[], None] | None = None) -> None:
        """Lay the article out again if its width or marks changed; `then` runs once the lines are in."""
        if self.scrollable_content_region.width <= GUTTER and self.article is not None:
            self._laid_out_for = None  # hidden (a narrow terminal shows another pane): lay out when shown
            if then is not None:
                self._when_shown = then
            return
        width = self.text_width
        key = (id(self.article), width, self.search_query, self.selected, self.finding_items)
        if not force and key == self._laid_out_for:
            if then is not None:
                then()
            return
        self._laid_out_for = key
        article = self.article
        if article is None:
            self._set_lines(key, [], 0, then)
            return
        prepared, self._prepared = self._prepared, None
        if prepared is not None and prepared.width == width and self.selected is None:
            self._set_lines(key, prepared.lines, prepared.header_lines, then)
            return
        marks = styles.article_marks(article.items, self.hits, self.selected)
        header = article.header_lines(width)
        marks_only = not force and self._lines_of == key[:2]  # the lines shown are the lines to come
        if len(article.doc.text) < (MARKED_IN_THREAD if marks_only else BIG_ARTICLE):
            self._set_lines(key, header + article.body_lines(width, marks), len(header), then)
            return
        if force:  # a new article: its header at once, the body when it is laid out
            self._set_lines(key, header + [Line(Text("laying out a long article…", style="italic"), 0, 0)],
                            len(header), None)
            self._lines_of = None  # (not the article's lines)
        elif marks_only:  # point at the new mark at once; its colours follow with the layout
            self._pointer = self._pointer_lines()
            self.refresh()
            if then is not None:
                then()
                then = None
        self._lay_out_in_turn(LayoutJob(key, article, width, marks, header, then))

    def _lay_out_in_turn(self, job: LayoutJob) -> None:
        """Lay `job` out once the layout running (if any) is done, in place of any other waiting."""
        waiting, self._next_layout = self._next_layout, job
        if waiting is not None and job.then is None:
            job.then = waiting.then  # (a scroll asked for by a layout it replaces)
        if not self._layout_running:
            self._next_in_turn()

    def _next_in_turn(self) -> None:
        job, self._next_layout = self._next_layout, None
        self._layout_running = job is not None
        if job is not None:
            self._layout_in_thread(job)

    @work(thread=True, exit_on_error=False, group="article-layout", description="laying out")
    def _layout_in_thread(self, job: LayoutJob) -> None:
        """Lay a long article out off the event loop (a megabyte takes about a second)."""
        lines = None
        try:
            lines = job.header + job.article.body_lines(job.width, job.marks)
        finally:  # the next layout waits for this call
            self.app.call_from_thread(self._laid_out, job, lines)

    def _laid_out(self, job: LayoutJob, lines: list[Line] | None) -> None:
        if lines is not None:
            self._set_lines(job.key, lines, len(job.header), job.then)
        self._next_in_turn()

    def _set_lines(self, key: tuple, lines: list[Line], header_lines: int, then: Callable[[], None] | None) -> None:
        if key != self._laid_out_for:
            return  # laid out for a width or marks that have changed since
        self._lines, self._header_lines = lines, header_lines
        if key[1] > 1:  # (not laid out while hidden)
            self._last_width = key[1]
        self._body_starts = [line.start for line in lines[header_lines:]]
        self._lines_of = key[:2]
        self._strips.clear()
        self._pointer = self._pointer_lines()
        self.virtual_size = Size(0, len(self._lines))
        self._update_subtitle()
        self.refresh()
        if then is not None:
            then()

    @property
    def lines(self) -> list[Line]:
        """The lines laid out for the pane's width: the header's, then the body's."""
        return self._lines

    @property
    def header_lines(self) -> int:
        """How many of `lines` are the header's."""
        return self._header_lines

    def line_for_offset(self, offset: int) -> int:
        """The index of the line that shows the text at `offset`."""
        body = self._lines[self._header_lines:]
        return self._header_lines + (line_index_for_offset(body, offset, self._body_starts) if body else 0)

    @property
    def top_offset(self) -> int | None:
        """The text offset shown on the top line (None when no article is laid out)."""
        if self.article is None or not self._lines:
            return None
        line = min(self.scroll_offset.y, len(self._lines) - 1)
        return self._lines[line].start if line >= self._header_lines else 0

    def scroll_to_top(self, offset: int) -> None:
        """Scroll so that the text at `offset` is on the top line."""
        line = self.line_for_offset(offset) if offset else 0
        self.scroll_to(y=line, animate=False, immediate=True, force=True)

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so that the text at `offset` is in the upper third of the pane."""
        line = self.line_for_offset(offset)
        height = self.scrollable_content_region.height
        # force: the pane may have just been shown, before the layout pass that allows scrolling
        self.scroll_to(y=max(0, line - max(1, height // 3)), animate=False, immediate=True, force=True)

    def on_resize(self, event: events.Resize) -> None:
        pending, self._when_shown = self._when_shown, None
        if self.article is not None and pending is not None:
            self._relayout(then=pending)  # shown again: go where the user asked while it was hidden
        elif self.article is not None and (self._laid_out_for is None or self._laid_out_for[1] != self.text_width):
            top = self._lines[self.scroll_offset.y].start if self.scroll_offset.y < len(self._lines) else 0
            at_top = self.scroll_offset.y == 0
            # keep the same text on screen
            self._relayout(then=None if at_top else lambda: self.scroll_to_top(top))
        elif self.article is None:
            self.refresh()

    def _update_subtitle(self) -> None:
        article = self.article
        if article is None:
            self.border_subtitle = None
            return
        n_target = sum(1 for t in article.items if t.kind == "target")
        parts = ([FINDING] if self.finding_items else
                 [styles.count(n_target, "target"), f"{len(article.items) - n_target} achieved"])
        if self.search_query:
            found = (styles.count(len(self.hits), "match", "matches") if not self.hits or self.hit < 0
                     else f"match {self.hit + 1}/{len(self.hits)}")
            parts.append(f"find “{sanitize(self.search_query)}”: {found}" if self.finding else found)
        self.border_subtitle = Text(" · ".join(parts))

    def _pointer_lines(self) -> range:
        """The lines the selected span is on (empty when nothing is selected)."""
        if self.selected is None or not self._lines:
            return range(0)
        first = self.line_for_offset(self.selected[0])
        last = self.line_for_offset(max(self.selected[0], self.selected[1] - 1))
        return range(first, last + 1)

    # -- drawing ---------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._width = self.scrollable_content_region.width
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self._width or self.scrollable_content_region.width
        base = self.base_style
        if self.article is None:
            if y == 1:
                style = base + self.get_component_rich_style("article-view--placeholder")
                text = Text(" " + self.placeholder, style=style, no_wrap=True, end="")
                return Strip(text.render(self.app.console)).adjust_cell_length(width, base).apply_style(base)
            return Strip.blank(width, base)
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._strips.get(index)
        if strip is None:
            text = self._lines[index].text
            strip = Strip(text.render(self.app.console))
            self._strips.set(index, strip)
        pointer = index in self._pointer
        gutter = Text(POINTER if pointer else " ",
                      style=self.get_component_rich_style("article-view--pointer") if pointer else Style())
        return (Strip(gutter.render(self.app.console)) + strip).adjust_cell_length(width, base).apply_style(base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # -- scrolling ---------------------------------------------------------------------------

    def action_page_down(self) -> None:
        """Scroll down a screenful."""
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        """Scroll up a screenful."""
        self.scroll_page_up(animate=False)

    def action_scroll_down(self) -> None:
        """Scroll down one line."""
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        """Scroll up one line."""
        self.scroll_relative(y=-1, animate=False)

    def action_scroll_home(self) -> None:
        """Go to the top of the article."""
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        """Go to the end of the article."""
        self.scroll_end(animate=False)
