"""Pilot tests of what newsboat, mutt and w3m users expect: next unread, mark all read, find in the
article, back and forward, links in a browser, pipe and save, sorting, keys from config.toml, and a
refresh that says what it did."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from test_tui_support import all_rows, index_where, make_app, open_row, reader, said, settle, visible_lines
from textual.widgets import Input

from newsreader.store.search import normalize
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.screens.links import LinksScreen
from newsreader.tui.screens.prompt import ConfirmScreen, PromptScreen

WIDE = (160, 50)


# -- next unread, mark all read ------------------------------------------------------------------


async def test_u_opens_the_next_unread_post_of_the_list(archive: Path) -> None:
    messages: list = []
    app = make_app(archive)
    async with app.run_test(size=WIDE, message_hook=messages.append) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        rows = all_rows(app)
        await open_row(app, pilot, 0)
        for row in rows[1:3]:  # already read: u passes over them
            app.session.set_read(row, True)
        await pilot.press("u")
        await settle(app, pilot)
        assert screen.article.article.row.rowid == rows[3].rowid and screen.posts.cursor == 3
        assert app.session.is_read(rows[3])
        app.session.mark_all_read(rows[4:])
        await pilot.press("u")  # none after the open post: from the top of the list
        await settle(app, pilot)
        assert not [row for row in rows if not app.session.is_read(row)]
        await pilot.press("u")
        await settle(app, pilot)
        assert screen.article.article.row.rowid == rows[3].rowid  # nothing left to open
        assert any("No unread posts in this list" in line for line in said(messages))


async def test_U_opens_the_next_unread_post_of_the_archive_outside_the_list(archive: Path) -> None:
    messages: list = []
    app = make_app(archive)
    async with app.run_test(size=WIDE, message_hook=messages.append) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        everything = all_rows(app)
        await pilot.press("slash", *"南屏", "enter")
        await settle(app, pilot)
        shown = all_rows(app)
        app.session.mark_all_read(shown)
        await open_row(app, pilot, 0)
        await pilot.press("u")  # nothing unread in this list
        await settle(app, pilot)
        assert screen.article.article.row.rowid == shown[0].rowid
        await pilot.press("U")
        await settle(app, pilot)
        opened = screen.article.article.row
        after = everything[[r.rowid for r in everything].index(shown[0].rowid) + 1:]
        expected = next(r for r in after if r.rowid not in {s.rowid for s in shown})
        assert opened.rowid == expected.rowid and app.session.is_read(opened)
        assert screen.query_text == "南屏" and screen.posts.count == len(shown)  # the list is left as it was
        assert any("whole archive" in line for line in said(messages))


async def test_A_marks_every_post_shown_read_after_asking(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("slash", *"江州", "enter")
        await settle(app, pilot)
        shown = all_rows(app)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: nothing changes
        await settle(app, pilot)
        assert app.screen is screen and not any(app.session.is_read(r) for r in shown)
        await pilot.press("A", "y")
        await settle(app, pilot)
        assert all(app.session.state.is_read(r.path) for r in shown)  # saved
        others = [r for r in all_rows(app) if r.rowid not in {s.rowid for s in shown}]
        assert not any(app.session.is_read(r) for r in others)
        unread = app.session.index.count() - len(shown)
        assert f"Unread {unread}" in str(screen.sidebar.root.children[1].label)


# -- find in the article ---------------------------------------------------------------------------


async def test_f_finds_in_the_article_apart_from_the_search_and_n_N_move(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("slash", *"江州", "enter")
        await settle(app, pilot)
        listed = screen.posts.count
        await open_row(app, pilot, index_where(app, lambda r: r.size > 3000))
        view = screen.article
        assert view.search_query == "江州" and not view.finding
        await pilot.press("f")
        await pilot.pause()
        assert app.focused is screen.find_bar
        await pilot.press(*"增长", "enter")
        await pilot.pause()
        assert app.focused is view and view.finding
        assert len(view.hits) >= 3 and all(view.article.doc.text[s:e] == "增长" for s, e in view.hits)
        assert view.hit == 0 and view.selected == view.hits[0]
        await pilot.press("n", "n")
        assert view.hit == 2 and view.selected == view.hits[2]
        await pilot.press("N")
        assert view.hit == 1
        line = view.line_for_offset(view.hits[1][0])
        assert view.scroll_offset.y <= line < view.scroll_offset.y + view.size.height
        assert "find “增长”: match 2/" in str(view.border_subtitle)
        assert screen.posts.count == listed and screen.query_text == "江州"  # the list is untouched
        await pilot.press("escape")  # one step back: the find closes, the search's matches return
        await pilot.pause()
        assert not view.finding and view.search_query == "江州" and not screen.find_bar.display
        assert all(view.article.doc.text[s:e] == "江州" for s, e in view.hits)
        await pilot.press("f", *"增长")  # escape in the find box closes it too
        await pilot.pause()
        assert view.finding
        await pilot.press("escape")
        await pilot.pause()
        assert not view.finding and not screen.find_bar.display and app.focused is view


async def test_f_with_no_article_open_says_so(archive: Path) -> None:
    messages: list = []
    app = make_app(archive)
    async with app.run_test(size=WIDE, message_hook=messages.append) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        assert not reader(app).find_bar.display
        assert any("Open a post first" in line for line in said(messages))


# -- back and forward ------------------------------------------------------------------------------


async def test_back_and_forward_go_through_the_posts_opened(archive: Path) -> None:
    messages: list = []
    app = make_app(archive)
    async with app.run_test(size=WIDE, message_hook=messages.append) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        rows = all_rows(app)
        longest = max(range(len(rows)), key=lambda i: rows[i].size)
        await open_row(app, pilot, 0)
        await open_row(app, pilot, longest)
        screen.article.focus()
        await pilot.press("space", "space")
        read_to = screen.article.scroll_offset.y
        assert read_to > 0
        await open_row(app, pilot, 5)
        await pilot.press("less_than_sign")
        await settle(app, pilot)
        assert screen.article.article.row.rowid == rows[longest].rowid
        assert screen.article.scroll_offset.y == read_to  # where it was read to
        assert screen.posts.cursor == longest
        await pilot.press("less_than_sign")
        await settle(app, pilot)
        assert screen.article.article.row.rowid == rows[0].rowid
        await pilot.press("less_than_sign")  # nothing before the first
        await settle(app, pilot)
        assert screen.article.article.row.rowid == rows[0].rowid
        await pilot.press("alt+right")  # the other keys for forward and back
        await settle(app, pilot)
        assert screen.article.article.row.rowid == rows[longest].rowid
        await pilot.press("alt+left")
        await settle(app, pilot)
        assert screen.article.article.row.rowid == rows[0].rowid
        await pilot.press("greater_than_sign")
        await settle(app, pilot)
        assert screen.article.article.row.rowid == rows[longest].rowid
        await open_row(app, pilot, 7)  # a new post: what lay forward is dropped
        await pilot.press("greater_than_sign")
        await settle(app, pilot)
        assert screen.article.article.row.rowid == rows[7].rowid
        assert any("No post read after this one" in line for line in said(messages))


# -- links in a browser, pipe, save ---------------------------------------------------------------


def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


async def test_enter_in_the_links_dialog_opens_the_link_in_BROWSER(archive: Path, tmp_path: Path,
                                                                  monkeypatch) -> None:
    opened = tmp_path / "opened.txt"
    monkeypatch.setenv("BROWSER", str(_script(tmp_path, "browser", f'printf "%s\\n" "$@" > {opened}')))
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await open_row(app, pilot, 0)
        links = screen.article.article.doc.links
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        await pilot.press("j", "enter")
        await settle(app, pilot)
        assert opened.read_text(encoding="utf-8").splitlines() == [links[1].url]  # one argument: the link


async def test_links_are_copied_over_ssh_and_only_web_links_are_ever_opened(archive: Path, tmp_path: Path,
                                                                            monkeypatch) -> None:
    opened = tmp_path / "opened.txt"
    browser = _script(tmp_path, "browser", f'printf "%s\\n" "$@" > {opened}')
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 50000 10.0.0.2 22")
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await open_row(app, pilot, 0)
        links = screen.article.article.doc.links
        await pilot.press("o", "enter")
        await settle(app, pilot)
        assert app.clipboard == links[0].url and not opened.exists()
        monkeypatch.setenv("BROWSER", str(browser))
        for url in ("javascript:alert(1)", "file:///etc/passwd", "https://example.com/a b"):
            app.open_link(url)
            await settle(app, pilot)
            assert app.clipboard == url and not opened.exists()


async def test_pipe_sends_the_article_text_to_the_command_typed(site: Path, tmp_path: Path) -> None:
    trap = tmp_path / "pwned"
    (site / "_posts" / "2030-01-01-shell.md").write_text(
        f"---\ntitle: 命令\ndate: 2030-01-01 08:00:00 +0800\n---\n\n$(touch {trap}) `touch {trap}`; touch {trap}\n",
        encoding="utf-8")
    out = tmp_path / "piped.txt"
    messages: list = []
    app = make_app(site)
    async with app.run_test(size=WIDE, message_hook=messages.append) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await open_row(app, pilot, 0)
        assert screen.article.article.row.title == "命令"
        await pilot.press("vertical_line")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*f"cat > {out}; wc -l < {out}", "enter")
        await settle(app, pilot)
        text = screen.article.article.plain_text(screen.article.text_width)
        assert out.read_text(encoding="utf-8") == text
        assert not trap.exists()  # the post's text was data on standard input, never a command
        assert any(line.startswith("| cat >") and f"{text.count(chr(10))}" in line for line in said(messages))
        await pilot.press("vertical_line")  # the last command is offered again
        await pilot.pause()
        assert app.screen.query_one(Input).value == f"cat > {out}; wc -l < {out}"
        out.unlink()
        await pilot.press("escape")  # cancelled: nothing runs
        await settle(app, pilot)
        assert app.screen is screen and not out.exists()


async def test_w_saves_the_article_text_and_asks_before_replacing_a_file(archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "saved" / "report.txt"
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await open_row(app, pilot, index_where(app, lambda r: r.n_target > 3))
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        box = app.screen.query_one(Input)
        assert box.value.endswith(Path(screen.article.article.row.path).stem + ".txt")
        box.value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
        text = screen.article.article.plain_text(screen.article.text_width)
        assert target.read_text(encoding="utf-8") == text
        target.write_text("mine", encoding="utf-8")
        await pilot.press("w")  # the folder used last is offered again
        await pilot.pause()
        assert app.screen.query_one(Input).value.startswith(str(target.parent))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert target.read_text(encoding="utf-8") == "mine"


# -- sort ------------------------------------------------------------------------------------------


async def test_O_sorts_by_title_then_by_targets_then_by_date_and_is_remembered(archive: Path) -> None:
    app = make_app(archive)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        by_date = [r.rowid for r in all_rows(app)]
        await pilot.press("O")
        await settle(app, pilot)
        titles = [normalize(r.label) for r in all_rows(app)]
        assert titles == sorted(titles) and "by title" in str(screen.posts.border_title)
        await pilot.press("O")
        await settle(app, pilot)
        counts = [r.n_target for r in all_rows(app)]
        assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
        screen.posts.scroll_home(animate=False, immediate=True)  # the open post's row may lie below the first screenful
        await pilot.pause()
        shown = visible_lines(screen.posts)  # the count each post is sorted by is shown
        assert f"· {counts[0]} targets" in shown[2] and f"· {counts[0]} targets" not in "".join(shown[4:])
    again = make_app(archive)
    async with again.run_test(size=WIDE) as pilot:
        await settle(again, pilot)
        assert [r.n_target for r in all_rows(again)] == counts
        await pilot.press("O")
        await settle(again, pilot)
        assert [r.rowid for r in all_rows(again)] == by_date


# -- keys from config.toml -------------------------------------------------------------------------


async def test_keys_from_config_toml_are_in_force_and_in_help(archive: Path) -> None:
    config = Path(os.environ["NEWSREADER_CONFIG_DIR"]) / "config.toml"
    config.write_text('[keys]\nnext_unread = "ctrl+n"\nstar = "x,ctrl+s"\nno_such_action = "z"\n', encoding="utf-8")
    messages: list = []
    app = make_app(archive)
    async with app.run_test(size=WIDE, message_hook=messages.append) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        rows = all_rows(app)
        assert any("no_such_action: no such action" in line for line in said(messages))
        await open_row(app, pilot, 0)
        await pilot.press("u")  # no longer bound
        await settle(app, pilot)
        assert screen.article.article.row.rowid == rows[0].rowid
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert screen.article.article.row.rowid == rows[1].rowid
        await pilot.press("s")
        assert not app.session.is_starred(screen.posts.current)
        await pilot.press("x")
        assert app.session.is_starred(screen.posts.current)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        entries = {entry.id: entry for _, found in screen.key_sections() for entry in found}
        assert entries["next_unread"].keys == ["^n"] and entries["star"].keys == ["x", "^s"]
        from test_tui import _plain

        text = _plain(app.screen.query_one("#help-text"))
        assert "^n" in text and "x, ^s" in text


# -- refresh ---------------------------------------------------------------------------------------


async def test_r_says_when_nothing_changed_and_when_the_open_post_is_gone(site: Path) -> None:
    messages: list = []
    app = make_app(site)
    async with app.run_test(size=WIDE, message_hook=messages.append) as pilot:
        await settle(app, pilot)
        screen = reader(app)
        await pilot.press("r")
        await settle(app, pilot)
        assert any("Nothing changed" in line and "50 posts" in line for line in said(messages))
        await open_row(app, pilot, 2)
        row = screen.article.article.row
        Path(row.path).unlink()
        await pilot.press("r")
        await settle(app, pilot)
        view = screen.article
        assert view.article is None and "This post is gone" in view.placeholder and row.id in view.placeholder
        assert screen.posts.count == 49 and screen.open_row is None
        assert any("1 removed" in line for line in said(messages))
