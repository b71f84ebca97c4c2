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

from newsreader.render import Link, sanitize


def link_prompt(link: Link) -> Text:
    """`[n] text` then the URL on its own line."""
    label = sanitize(link.text) or ("image" if link.is_image else "link")
    kind = "image: " if link.is_image else ""
    return Text.assemble((f"[{link.number}] ", "dim"), kind, label, "\n    ", (sanitize(link.url), "underline"))


class LinksScreen(ModalScreen[None]):
    """Pick a link to copy it to the clipboard (OSC 52: works over SSH)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "copy", "Copy link", tooltip="Copy the selected link to the clipboard"),
        Binding("escape,q,o", "close", "Close"),
        Binding("j", "cursor('down')", "Down", show=False),
        Binding("k", "cursor('up')", "Up", show=False),
    ]

    def __init__(self, links: Sequence[Link]) -> None:
        super().__init__()
        self.links = list(links)

    def compose(self) -> ComposeResult:
        options = OptionList(*(Option(link_prompt(link), id=str(i)) for i, link in enumerate(self.links)),
                             id="links")
        options.border_title = Text(f"Links ({len(self.links)})")
        options.border_subtitle = Text("y copy · escape close")
        yield options
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0 if self.links else None
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_copy()

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

