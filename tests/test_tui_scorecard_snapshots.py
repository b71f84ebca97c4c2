"""SVG snapshots of the scorecard: the chart of one entity's metric at 80×24, and the table under
NO_COLOR (verdicts must read by symbol and word alone).

After a deliberate change, refresh them with
`pytest tests/test_tui_scorecard_snapshots.py --snapshot-update` and look at them.
"""

from __future__ import annotations

from pathlib import Path

from test_tui_support import settle

from newsreader.tui.app import ReaderApp


async def _scorecard(pilot, *keys: str) -> None:
    await settle(pilot.app, pilot)
    pilot.app.clear_notifications()
    await pilot.press("S")
    await settle(pilot.app, pilot)
    await pilot.press(*keys)
    await settle(pilot.app, pilot)
    for widget in pilot.app.screen.walk_children():
        widget.refresh()
    pilot.app.screen.refresh(layout=True)
    await pilot.pause()


def test_chart_80x24(snap_compare, samples: Path) -> None:
    async def run_before(pilot) -> None:
        await _scorecard(pilot, *"云川 地区生产总值 2022", "enter", "C")

    assert snap_compare(ReaderApp([str(samples)]), terminal_size=(80, 24), run_before=run_before)


def test_scorecard_no_color_80x24(snap_compare, samples: Path, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot) -> None:
        await _scorecard(pilot, *"江州 2024", "enter", "V")

    assert snap_compare(ReaderApp([str(samples)]), terminal_size=(80, 24), run_before=run_before)
