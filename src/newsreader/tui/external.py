"""Handing an article or a link to the world outside the reader: a browser, a shell command, a file.

Text from posts never becomes a command: only http(s) links are opened, passed as one
argument; a pipe runs exactly the command the user typed, with the article on its standard
input. Plain Python: the screen decides when to suspend the terminal around these.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

_WEB_LINK = re.compile(r"https?://[^\s\x00-\x1f\x7f]+\Z", re.IGNORECASE)
REMOTE_VARIABLES = ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY")
DESKTOP_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY")


def is_web_link(url: str) -> bool:
    """Whether `url` is an http(s) link (the only kind the reader opens)."""
    return bool(_WEB_LINK.match(url))


def browser_command(env: Mapping[str, str] = os.environ) -> list[str] | None:
    """$BROWSER as a command to which the link is added (its first entry, when it lists several with `:`)."""
    first = (env.get("BROWSER") or "").split(os.pathsep)[0].strip()
    try:
        return shlex.split(first) or None
    except ValueError:
        return None


def has_desktop(env: Mapping[str, str] = os.environ) -> bool:
    """Whether the reader runs on the user's own machine with a desktop to open links in (not over SSH)."""
    if any(env.get(name) for name in REMOTE_VARIABLES):
        return False
    return sys.platform in ("darwin", "win32") or any(env.get(name) for name in DESKTOP_VARIABLES)


def open_in_desktop_browser(url: str) -> bool:
    """Open a web link in the desktop's browser (without waiting for it); False when none could be started."""
    import webbrowser

    try:
        return webbrowser.open(url)
    except webbrowser.Error:
        return False


def run_with_input(command: str, text: str, capture: bool) -> subprocess.CompletedProcess:
    """Run the shell command the user typed with `text` on its standard input (its output captured if asked)."""
    return subprocess.run(command, shell=True, input=text, text=True, encoding="utf-8", errors="replace",
                          capture_output=capture, check=False)


def save_text(path: str, text: str) -> Path:
    """Write `text` to `path` (~ expanded), making its folder; returns the file written. Raises OSError."""
    target = Path(os.path.expanduser(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
