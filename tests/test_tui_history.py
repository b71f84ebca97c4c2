"""The reader's plain-Python helpers: histories, keys from config.toml, what may be opened or piped."""

from __future__ import annotations

from newsreader.tui.external import browser_command, has_desktop, is_web_link, run_with_input
from newsreader.tui.history import QUERIES_KEPT, QueryHistory, Visits
from newsreader.tui.keys import keymap_from_config, normalized_keys


def test_visits_go_back_and_forward_and_a_new_visit_drops_what_lay_forward() -> None:
    visits = Visits()
    assert visits.back() is None
    for post in ("a", "b", "c"):
        visits.visit(post)
    visits.visit("c")  # the same post again is not a new step
    assert (visits.back(), visits.back(), visits.back()) == ("b", "a", None)
    assert visits.forward() == "b"
    visits.visit("d")
    assert visits.forward() is None and visits.ids == ["a", "b", "d"]


def test_query_history_walks_from_what_is_typed_and_keeps_each_query_once() -> None:
    history = QueryHistory(["江州", "南屏", "", 3])
    assert history.queries == ["江州", "南屏"]
    history.add(" 江州 ")
    assert history.queries == ["南屏", "江州"] and history.last == "江州"
    assert history.newer() is None  # not walking
    assert history.older("北") == "江州" and history.older("ignored") == "南屏" and history.older("") is None
    assert history.newer() == "江州" and history.newer() == "北"
    for n in range(QUERIES_KEPT + 5):
        history.add(f"q{n}")
    assert len(history.queries) == QUERIES_KEPT and history.last == f"q{QUERIES_KEPT + 4}"


def test_keys_from_config_are_checked_against_the_actions() -> None:
    keymap, warnings = keymap_from_config(
        {"keys": {"next_unread": "u,ctrl+n", "help": "?", "nothing": "z", "star": 5, "quit": " "}},
        {"next_unread", "help", "star", "quit"})
    assert keymap == {"next_unread": "u,ctrl+n", "help": "question_mark"}
    assert [w.split(":")[1].split()[-1] for w in warnings] == ["nothing", "star", "quit"]
    assert keymap_from_config({"keys": "u"}, {"x"}) == ({}, ["config.toml: [keys] must be a table of action = \"keys\""])
    assert keymap_from_config({}, {"x"}) == ({}, [])
    assert normalized_keys("<,alt+left") == "less_than_sign,alt+left"


def test_only_web_links_are_opened_and_browser_is_split_as_a_shell_would() -> None:
    assert is_web_link("https://example.com/a?b=1") and is_web_link("HTTP://EXAMPLE.COM")
    for url in ("javascript:alert(1)", "file:///etc/passwd", "https://example.com/a b", "https://x\n;rm", "ftp://x"):
        assert not is_web_link(url), url
    assert browser_command({"BROWSER": "w3m -o confirm_qq=false:lynx"}) == ["w3m", "-o", "confirm_qq=false"]
    assert browser_command({}) is None and browser_command({"BROWSER": "'unclosed"}) is None
    assert not has_desktop({"DISPLAY": ":0", "SSH_CONNECTION": "1 2 3 4"})  # over SSH: copy, never open


def test_a_pipe_gives_the_text_on_standard_input_only() -> None:
    done = run_with_input("wc -c", "增长$(echo x)`echo y`", capture=True)
    assert done.stdout.split() == [str(len("增长$(echo x)`echo y`".encode()))]
