"""Sending the open article out of the reader: `|` pipes its text to a command, `w` saves it.

The text is what the article pane shows (as `newsreader show` prints it). A pipe runs the
command the user typed, in their shell, with the article on its standard input: in a real
terminal the reader steps aside (as mutt does) until the command ends and enter is pressed;
where the terminal cannot be handed over (a browser through textual-serve, tests), the
command's output is shown in a notification instead.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from newsreader.render import sanitize
from newsreader.tui.external import run_with_input, save_text
from newsreader.tui.screens.prompt import ConfirmScreen, PromptScreen

if TYPE_CHECKING:
    from newsreader.article import Article
    from newsreader.tui.screens.reader import ReaderScreen

OUTPUT_LINES = 12  # lines of a command's output shown when it cannot have the terminal


# -- pipe ------------------------------------------------------------------------------------


def ask_pipe(screen: ReaderScreen, article: Article) -> None:
    """Ask for a shell command, then send the article's text to it."""
    prompt = PromptScreen("Pipe the article to a command",
                          "The article's text goes to the standard input of the command you type; "
                          "it runs in your shell.",
                          value=screen.session.setting("pipe_command", "") or "",
                          placeholder="less, wc -m, grep 增长 …")
    screen.app.push_screen(prompt, partial(_pipe, screen, article))


def _pipe(screen: ReaderScreen, article: Article, command: str | None) -> None:
    if not command:
        return
    screen.session.save_setting("pipe_command", command)
    text = article.plain_text(screen.article.text_width)
    try:
        with screen.app.suspend():
            done = run_with_input(command, text, capture=False)
            status = f" (exit status {done.returncode})" if done.returncode else ""
            input(f"\n[newsreader] “{command}” ended{status}. Press enter to go back to the reader.")
    except SuspendNotSupported:
        screen.run_worker(partial(_pipe_captured, screen, command, text), thread=True, exit_on_error=False,
                          group="pipe", description="running a command")
        return
    except OSError as exc:
        _pipe_failed(screen, command, exc)
        return
    if done.returncode:
        _piped(screen, command, done.returncode, "")


def _pipe_captured(screen: ReaderScreen, command: str, text: str) -> None:
    """Run the command with its output captured (in a thread)."""
    try:
        done = run_with_input(command, text, capture=True)
    except OSError as exc:
        screen.app.call_from_thread(_pipe_failed, screen, command, exc)
        return
    screen.app.call_from_thread(_piped, screen, command, done.returncode, (done.stdout or "") + (done.stderr or ""))


def _piped(screen: ReaderScreen, command: str, status: int, output: str) -> None:
    lines = sanitize(output.rstrip("\n")).split("\n") if output.strip() else []
    shown = "\n".join(lines[-OUTPUT_LINES:]) or "(no output)"
    title = f"| {sanitize(command)}" + (f" · exit status {status}" if status else "")
    screen.notify(shown, title=title, severity="warning" if status else "information", markup=False, timeout=10)


def _pipe_failed(screen: ReaderScreen, command: str, exc: OSError) -> None:
    screen.notify(f"“{sanitize(command)}” could not run: {sanitize(exc.strerror or str(exc))}",
                  severity="error", markup=False, timeout=8)


# -- save ------------------------------------------------------------------------------------


def ask_save(screen: ReaderScreen, article: Article) -> None:
    """Ask for a file name (the folder used last, the post's name), then write the article's text there."""
    folder = screen.session.setting("save_folder", "~") or "~"
    suggested = os.path.join(folder, Path(article.row.path).stem + ".txt")
    prompt = PromptScreen("Save the article as text", "The file to write (~ is your home folder):", value=suggested)
    screen.app.push_screen(prompt, partial(_save, screen, article))


def _save(screen: ReaderScreen, article: Article, path: str | None) -> None:
    if not path:
        return
    write = partial(_write_in_thread, screen, article, screen.article.text_width, path)
    if os.path.exists(os.path.expanduser(path)):
        screen.app.push_screen(ConfirmScreen(f"{sanitize(path)} exists. Replace it?"),
                               lambda yes: write() if yes else None)
        return
    write()


def _write_in_thread(screen: ReaderScreen, article: Article, width: int, path: str) -> None:
    screen.run_worker(partial(_write, screen, article, width, path), thread=True, exit_on_error=False,
                      group="save", description="saving an article")


def _write(screen: ReaderScreen, article: Article, width: int, path: str) -> None:
    """Write the article's text to `path` (in a thread)."""
    try:
        written = save_text(path, article.plain_text(width))
    except OSError as exc:
        message = f"Not saved: {sanitize(path)}: {sanitize(exc.strerror or str(exc))}"
        screen.app.call_from_thread(partial(screen.notify, message, severity="error", markup=False))
        return
    screen.session.save_setting("save_folder", os.path.dirname(path) or ".")
    screen.app.call_from_thread(partial(screen.notify, f"Saved to {sanitize(str(written))}", markup=False,
                                        timeout=4))
