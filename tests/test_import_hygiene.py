"""The one contract between the headless core and the TUI: the core never imports Textual.

The CLI, the index, the renderer, the extractor and the scorecard must work without a terminal
library, and a start of the reader must not pay for them twice. Two checks: no headless module names
Textual (or the TUI) in any import, even one inside a function; and a process that imports
every headless module and uses it, as `newsreader list` does, has not loaded Textual.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "newsreader"
HEADLESS_PACKAGES = ("corpus", "render", "targets", "store", "scorecard")
HEADLESS_MODULES = ("article.py", "sources.py")
# Modules beside the TUI that must stay plain Python too: the CLI opens the TUI only through
# `newsreader.tui.app`, imported when the reader is asked for; the session and styles are
# the TUI's rules, testable without an app.
PLAIN_MODULES = ("newsreader.cli", "newsreader.tui.session", "newsreader.tui.styles")


def _headless_files() -> list[Path]:
    files = [SRC / name for name in HEADLESS_MODULES]
    for package in HEADLESS_PACKAGES:
        files += sorted((SRC / package).rglob("*.py"))
    return files


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_no_headless_module_imports_textual_or_the_tui() -> None:
    offenders = {
        f"{path.relative_to(SRC)}: {name}"
        for path in _headless_files()
        for name in _imported(path)
        if name.split(".")[0] == "textual" or name.startswith("newsreader.tui")
    }
    assert not offenders, sorted(offenders)


def test_using_the_headless_core_does_not_load_textual(samples: Path, tmp_path: Path) -> None:
    modules = [
        ".".join(path.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__")
        for path in _headless_files()
    ] + list(PLAIN_MODULES)
    code = "\n".join([
        "import importlib, io, sys, contextlib",
        f"for name in {modules!r}: importlib.import_module(name)",
        "from newsreader.cli import main",
        "from newsreader.render import parse_body, to_markdown",
        "from newsreader.targets import extract",
        "extract('地区生产总值增长6.8%。'); to_markdown('<p><strong>x</p>'); parse_body('<p>x</p>')",
        "with contextlib.redirect_stdout(io.StringIO()):",
        f"    assert main(['targets', {str(samples)!r}, '--cache-dir', {str(tmp_path)!r}, '--json']) == 0",
        f"    assert main(['scorecard', {str(samples)!r}, '--cache-dir', {str(tmp_path)!r}, '--json']) == 0",
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')",
        "print(loaded); sys.exit(bool(loaded))",
    ])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_warm_search_or_list_loads_neither_rich_nor_the_parser(samples: Path, tmp_path: Path) -> None:
    """A one-shot `search` or `list` on a warm cache pays only for the index: no Rich, no parser."""
    args = [str(samples), "--cache-dir", str(tmp_path), "--data-dir", str(tmp_path)]
    subprocess.run([sys.executable, "-m", "newsreader", "index", *args], capture_output=True, check=True, timeout=300)
    code = "\n".join([
        "import io, sys, contextlib",
        "from newsreader.cli import main",
        "with contextlib.redirect_stdout(io.StringIO()):",
        f"    assert main(['search', '增长', *{args!r}]) == 0",
        f"    assert main(['list', '--category', 'x', *{args!r}]) == 0",
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'markdown_it', 'textual')))",
    ])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "[]", done.stdout
