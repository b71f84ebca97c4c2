"""SVG snapshots of what a user sees: the main screen at 80×24, 120×40 and 160×50 and under NO_COLOR, and help.

They show only what the sample titles and the reader's own layout decide (no article is opened,
so changes in rendering or extraction do not move them). After a deliberate change to the
samples or the layout, refresh them with `pytest tests/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

from test_tui_support import settle

from newsreader.tui.app import ReaderApp


def _app(samples: Path) -> ReaderApp:
    return ReaderApp([str(samples)])


async def _ready(pilot) -> None:
    await settle(pilot.app, pilot)
    pilot.app.clear_notifications()  # the refresh summary would time out at a moment of its own
    await _repaint(pilot)


async def _repaint(pilot) -> None:
    """Redraw everything: how lines are cut into segments must not depend on the order of updates."""
    for widget in pilot.app.screen.walk_children():
        widget.refresh()
    pilot.app.screen.refresh(layout=True)
    await pilot.pause()


def test_main_screen_80x24(snap_compare, samples: Path) -> None:
    assert snap_compare(_app(samples), terminal_size=(80, 24), run_before=_ready)


def test_main_screen_160x50(snap_compare, samples: Path) -> None:
    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("j", "j")  # the cursor away from the top row
        await _repaint(pilot)

    assert snap_compare(_app(samples), terminal_size=(160, 50), run_before=run_before)


def test_main_screen_120x40(snap_compare, samples: Path) -> None:
    assert snap_compare(_app(samples), terminal_size=(120, 40), run_before=_ready)


def test_main_screen_no_color(snap_compare, samples: Path, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("tab")  # the focused pane's double border
        await _repaint(pilot)

    assert snap_compare(_app(samples), terminal_size=(120, 40), run_before=run_before)


def test_help_screen(snap_compare, samples: Path) -> None:
    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("question_mark")
        await _repaint(pilot)

    assert snap_compare(_app(samples), terminal_size=(100, 40), run_before=run_before)
