"""The floor for start-up: an almost empty Textual app (a header, one line of text, a footer).

No Textual program can paint sooner than this one on the same machine and Python.
"""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

READY_TEXT = "empty app ready"


class EmptyApp(App[None]):
    """A header, one Static and a footer; `q` quits."""

    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        """The three widgets."""
        yield Header()
        yield Static(READY_TEXT)
        yield Footer()


if __name__ == "__main__":
    EmptyApp().run()
