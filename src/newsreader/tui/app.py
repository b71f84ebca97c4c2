"""The reader application: `newsreader [PATH...]` opens it; `run` is what the CLI calls."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import partial

from textual.app import App, SuspendNotSupported, SystemCommand
from textual.dom import DOMNode
from textual.screen import Screen

from newsreader.render import sanitize
from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.session import Session

FEW_COLOURS = ("standard", "windows")  # Rich's colour systems of 8/16-colour terminals


class ReaderApp(App[None]):
    """A terminal reader for news archives kept as Jekyll, Hexo or Hugo sites."""

    TITLE = "newsreader"
    CSS_PATH = "app.tcss"

    def __init__(self, sources: list[str], cache_dir: str | None = None, data_dir: str | None = None,
                 drafts: bool = False, *, refresh_on_start: bool = True, theme: str | None = None) -> None:
        super().__init__()
        self.session = Session(sources, cache_dir=cache_dir, data_dir=data_dir, drafts=drafts)
        self.refresh_on_start = refresh_on_start
        self.warnings: list[str] = []  # shown when the reader opens
        self.keymap_in_force = self._configured_keymap()
        if theme:
            self.theme = theme

    def _configured_keymap(self) -> dict[str, str]:
        """config.toml's [keys], applied to every binding with that id (bad entries warned about, not fatal)."""
        from newsreader.sources import ConfigError, read_config

        try:
            config = read_config()
        except ConfigError as exc:
            self.warnings.append(str(exc))
            return {}
        if not config.get("keys"):
            return {}  # nothing to apply (and the screens a [keys] table could name load when first used)
        from newsreader.tui.keys import binding_ids, keymap_from_config
        from newsreader.tui.screens.help import HelpScreen
        from newsreader.tui.screens.links import LinksScreen
        from newsreader.tui.screens.prompt import ConfirmScreen, PromptScreen

        known = binding_ids([ReaderScreen, *ReaderScreen.PANE_CLASSES, HelpScreen, LinksScreen, ConfirmScreen,
                             PromptScreen, archive_targets_screen(), *scorecard_classes()])
        keymap, warnings = keymap_from_config(config, known)
        self.warnings.extend(warnings)
        self.set_keymap(keymap)
        return keymap

    def on_mount(self) -> None:
        self.set_class(self.no_color, "-no-color")
        self.set_class(square_corners(), "-square")

    def get_default_screen(self) -> Screen:
        return ReaderScreen(self.session)

    @property
    def reader(self) -> ReaderScreen:
        """The main screen."""
        screen = self.screen_stack[0]
        assert isinstance(screen, ReaderScreen)
        return screen

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The reader's own actions (Textual's theme, screenshot and key-panel commands are left out)."""
        if isinstance(screen, ReaderScreen):
            for title, help_text, callback in screen.commands():
                yield SystemCommand(title, help_text, callback)
        yield SystemCommand("Quit", "keys: q", self.action_quit)

    def open_link(self, url: str) -> None:
        """Open a web link in $BROWSER, else the desktop's browser when local; else (over SSH) copy it."""
        from newsreader.tui.external import browser_command, has_desktop, is_web_link, open_in_desktop_browser

        shown = sanitize(url)
        if not is_web_link(url):
            self.copy_to_clipboard(url)
            self.notify(f"Only web links (http, https) are opened; copied {shown}", title="Clipboard",
                        markup=False)
            return
        command = browser_command()
        if command is not None:
            self._run_browser(command, url)
        elif has_desktop() and open_in_desktop_browser(url):
            self.notify(f"Opened {shown}", title="Browser", markup=False, timeout=3)
        else:
            self.copy_to_clipboard(url)
            self.notify(f"Copied {shown} (no browser here: set $BROWSER to open links)", title="Clipboard",
                        markup=False, timeout=4)

    def _run_browser(self, command: list[str], url: str) -> None:
        """Run $BROWSER on the link; a terminal browser gets the terminal until it ends."""
        import subprocess

        try:
            with self.suspend():
                subprocess.run([*command, url], check=False)
        except SuspendNotSupported:
            self.run_worker(partial(self._browser_in_thread, command, url), thread=True, exit_on_error=False,
                            group="browser", description="opening a link")
        except OSError as exc:
            self.notify(f"$BROWSER could not run: {sanitize(exc.strerror or str(exc))}", severity="error",
                        markup=False)

    def _browser_in_thread(self, command: list[str], url: str) -> None:
        import subprocess

        try:
            subprocess.run([*command, url], check=False, stdin=subprocess.DEVNULL, capture_output=True)
        except OSError as exc:
            self.call_from_thread(partial(self.notify, f"$BROWSER could not run: {sanitize(exc.strerror or str(exc))}",
                                          severity="error", markup=False))

    def on_unmount(self) -> None:
        self.session.close()


def archive_targets_screen() -> type[Screen]:
    """The `T` screen's class (its module loads on first use)."""
    from newsreader.tui.screens.archive_targets import ArchiveTargetsScreen

    return ArchiveTargetsScreen


def scorecard_classes() -> list[type[DOMNode]]:
    """The `S` screen's classes with bindings of their own (their modules load on first use)."""
    from newsreader.tui.screens.scorecard import ScorecardFilter, ScorecardScreen
    from newsreader.tui.screens.scorecard_chart import ChartScreen
    from newsreader.tui.widgets.scorecard_table import ScorecardTable

    return [ScorecardScreen, ScorecardFilter, ScorecardTable, ChartScreen]


def square_corners() -> bool:
    """Whether the terminal's font lacks rounded corners (the Linux console's)."""
    return os.environ.get("TERM", "").startswith("linux")


def default_theme() -> str | None:
    """The ANSI theme for terminals with 16 colours or fewer (their own palette reads better), else None."""
    from rich.console import Console

    system = Console(force_terminal=True).color_system  # from TERM and COLORTERM, as Textual reads them
    return "ansi-dark" if system is None or system in FEW_COLOURS else None


def run(sources: list[str], cache_dir: str | None = None, data_dir: str | None = None, drafts: bool = False) -> int:
    """Run the reader on these sources until the user quits; returns the exit status.

    A missing source raises SourceError before the terminal is taken over, so the CLI can
    say so in one line.
    """
    from newsreader.corpus import SourceError

    for source in sources:
        if not os.path.lexists(os.path.expanduser(source)):
            raise SourceError(f"{source}: no such file or folder")
    app = ReaderApp(sources, cache_dir=cache_dir, data_dir=data_dir, drafts=drafts, theme=default_theme())
    app.run()
    return app.return_code or 0
