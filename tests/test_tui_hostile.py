"""The reader over the hostile cases: it opens, lists and displays every readable post, and draws no
control character, bidi override or non-web link that came from a post."""

from __future__ import annotations

import re
from pathlib import Path

from hostile_cases import build
from test_tui_support import all_rows, make_app, open_row, reader, screen_strips, settle

# What must never reach a terminal from a post (newlines never appear inside a screen line either).
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def screen_problems(app) -> list[str]:
    """Unsafe characters or links in what the widgets on the screen draw."""
    problems = []
    for y, strip in enumerate(screen_strips(app)):
        for segment in strip:
            if UNSAFE.search(segment.text):
                problems.append(f"drawn line {y}: control character in {segment.text!r}")
            link = segment.style.link if segment.style else None
            if link and not link.startswith(("http://", "https://")):
                problems.append(f"drawn line {y}: link to {link!r}")
    return problems


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in screen_strips(app))


async def test_every_readable_hostile_post_opens_and_draws_nothing_unsafe(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    expected = build(folder)
    readable = {name for name, expect in expected.items() if "skip" not in expect}
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        rows = all_rows(app)
        assert {Path(r.path).name for r in rows} == readable  # every readable post listed, none invented
        assert screen_problems(app) == []
        article = reader(app).article
        for i, row in enumerate(rows):
            await open_row(app, pilot, i)
            assert article.article is not None and article.article.row.rowid == row.rowid, row.id
            assert screen_problems(app) == [], row.id
            article.focus()
            await pilot.press("end")  # the last screen of the article, with its link list
            await pilot.pause()
            assert screen_problems(app) == [], row.id
        markup = next(i for i, r in enumerate(rows) if Path(r.path).name == "rich-markup.md")
        await open_row(app, pilot, markup)
        article.focus()
        await pilot.press("home")
        await pilot.pause()
        assert "[bold red]标题[/]" in screen_text(app)  # shown literally, never applied
