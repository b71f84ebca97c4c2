"""The help screen: every key, pane by pane, generated from the bindings themselves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from newsreader.tui.keys import KeyEntry

INTRO = ("The keys under “Everywhere” work in every pane, except where the focused pane gives the same key "
         "its own meaning. Every action is also in the command palette (ctrl+p). To change a key, give its "
         "action (the last column) new keys under [keys] in config.toml: next_unread = \"u,ctrl+n\".")


def help_renderable(sections: Sequence[tuple[str, list[KeyEntry]]]) -> Group:
    """The help text: per section, a table of keys in force, what they do, and the action's name for config.toml."""
    parts: list = [Text(INTRO, style="italic"), Text("")]
    for title, found in sections:
        table = Table(title=Text(title, style="bold"), title_justify="left", show_header=False,
                      box=None, padding=(0, 2, 0, 0), expand=False)
        table.add_column("keys", style="bold", no_wrap=True)
        table.add_column("action")
        table.add_column("name", style="dim", no_wrap=True)
        for entry in found:
            about = Text(entry.description)
            if entry.tooltip:
                about.append(f" — {entry.tooltip}", style="dim")
            table.add_row(Text(", ".join(entry.keys)), about, Text(entry.id))
        parts += [table, Text("")]
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """Shows every binding; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="close"),
        Binding("j,down", "scroll('down')", "Scroll down", show=False, id="down"),
        Binding("k,up", "scroll('up')", "Scroll up", show=False, id="up"),
        Binding("space,pagedown", "scroll('page_down')", "Page down", show=False, id="page_down"),
        Binding("b,pageup", "scroll('page_up')", "Page up", show=False, id="page_up"),
        Binding("g,home", "scroll('home')", "Top", show=False, id="top"),
        Binding("G,end", "scroll('end')", "Bottom", show=False, id="bottom"),
    ]

    def __init__(self, sections: Sequence[tuple[str, list[KeyEntry]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.can_focus = True
            yield Static(help_renderable(self.sections), id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help screen."""
        self.dismiss(None)

    def action_scroll(self, where: str) -> None:
        """Scroll the help text."""
        body = self.query_one("#help-body", VerticalScroll)
        {"down": lambda: body.scroll_down(animate=False), "up": lambda: body.scroll_up(animate=False),
         "page_down": lambda: body.scroll_page_down(animate=False),
         "page_up": lambda: body.scroll_page_up(animate=False),
         "home": lambda: body.scroll_home(animate=False), "end": lambda: body.scroll_end(animate=False)}[where]()
