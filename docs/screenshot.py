"""Regenerate docs/screenshot.svg: the reader on the bundled samples, a two-city report open.

    python docs/screenshot.py

Uses temporary cache and data folders, so it never touches your own.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
POST = "_posts/2022-03-07-jiangzhou-nanping-liangshi-fangan.md"


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["NEWSREADER_CACHE_DIR"] = str(Path(tmp, "cache"))
        os.environ["NEWSREADER_DATA_DIR"] = str(Path(tmp, "data"))
        os.environ["NEWSREADER_CONFIG_DIR"] = str(Path(tmp, "config"))
        from newsreader.sources import bundled_samples
        from newsreader.tui.app import ReaderApp

        app = ReaderApp([str(bundled_samples())])
        async with app.run_test(size=(150, 42)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.clear_notifications()
            row = app.session.index.find(POST)
            app.reader.open_post(row)
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("t", "j", "j", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.save_screenshot(filename="screenshot.svg", path=str(HERE))


if __name__ == "__main__":
    asyncio.run(main())
