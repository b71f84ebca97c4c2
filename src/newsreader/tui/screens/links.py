"""The links dialog (`o`): the open article's links and images, numbered as in its footnotes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from newsreader.render import Link, Wrapped, sanitize


def link_prompt(link: Link) -> Wrapped:
    """`[n] text` then the URL on its own line, indented."""
    label = sanitize(link.text) or ("image" if link.is_image else "link")
    kind = "image: " if link.is_image else ""
    return Wrapped(Text.assemble((f"[{link.number}] ", "dim"), kind, label, "\n", (sanitize(link.url), "underline")),
                   indent=4)


class LinksScreen(ModalScreen[None]):
    """Pick a link to open it in a browser, or to copy it to the clipboard (OSC 52: works over SSH)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="open",
                tooltip="Open the link in $BROWSER, or the desktop's browser when the reader runs locally; "
                        "else copy it"),
        Binding("y", "copy", "Copy link", tooltip="Copy the selected link to the clipboard", id="copy_link"),
        Binding("escape,q,o", "close", "Close", id="close"),
        Binding("j,down", "cursor('down')", "Down", show=False, id="down"),
        Binding("k,up", "cursor('up')", "Up", show=False, id="up"),
    ]

    def __init__(self, links: Sequence[Link]) -> None:
        super().__init__()
        self.links = list(links)

    def compose(self) -> ComposeResult:
        options = OptionList(*(Option(link_prompt(link), id=str(i)) for i, link in enumerate(self.links)),
                             id="links")
        options.border_title = Text(f"Links ({len(self.links)})")
        options.border_subtitle = Text("enter open · y copy · escape close")
        yield options
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0 if self.links else None
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """Open the highlighted link in a browser (over SSH without $BROWSER: copy it)."""
        index = self.query_one(OptionList).highlighted
        if index is None or not self.links:
            return
        open_link = getattr(self.app, "open_link", None)
        if open_link is None:
            self.action_copy()
        else:
            open_link(self.links[index].url)

    def action_copy(self) -> None:
        """Copy the highlighted link and say so."""
        index = self.query_one(OptionList).highlighted
        if index is None or not self.links:
            return
        url = self.links[index].url
        self.app.copy_to_clipboard(url)
        self.notify(Text(f"Copied {sanitize(url)}").plain, title="Clipboard", markup=False)

    def action_cursor(self, direction: str) -> None:
        """Move the highlight."""
        options = self.query_one(OptionList)
        options.action_cursor_down() if direction == "down" else options.action_cursor_up()

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)

