"""No post can stall extraction: the work grows in proportion to the text, and a budget stops the densest.

Work is counted, not timed: the number of Python calls the extractor makes (a loop that looks back
over a sentence per figure shows as calls that grow with the square of the length).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest

from newsreader.targets import Budget, extract
from newsreader.targets.extractor import extract_unchecked


def one_sentence(n: int) -> str:
    return "增长6.8%，" * n  # one figure clause repeated: a sentence without an end


def paragraphs(n: int) -> str:
    return "\n".join(["营业收入增长6.8%，利润下降2.1%，" * 25 + "。"] * (n // 50))


def flat_table(n: int) -> str:
    return " | ".join(f"{i}.{i % 10}" for i in range(n))  # a table of figures flattened into one line


def english_counts(n: int) -> str:
    return "The city will open four new routes and add two hundred buses. " * (n // 10)


def calls(work: Callable[[], object]) -> int:
    count = 0

    def tally(_frame, event, _arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(tally)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("make", [one_sentence, paragraphs, flat_table, english_counts])
def test_work_grows_linearly(make: Callable[[int], str]) -> None:
    small, large = make(400), make(1600)
    extract_unchecked(small)  # the rules' patterns are compiled on first use, not counted
    assert calls(lambda: extract_unchecked(large)) <= 5 * calls(lambda: extract_unchecked(small))


@pytest.mark.parametrize("make", [one_sentence, paragraphs])
def test_a_budget_stops_a_dense_post_with_the_items_found_so_far(make: Callable[[int], str]) -> None:
    text = make(200_000)[:1_000_000]
    budget = Budget(items=2_000, seconds=60.0)
    items = extract(text, budget=budget)
    assert budget.cut and len(items) == 2_000
    assert all(text[i.start:i.end] == i.text for i in items)


def test_an_ordinary_post_is_not_cut() -> None:
    budget = Budget()
    assert extract("地区生产总值增长5.5%左右，城镇新增就业3万人。" * 20, budget=budget) and not budget.cut


def test_index_names_a_post_cut_by_the_budget(tmp_path, capsys) -> None:
    from conftest import write

    from newsreader.cli import main

    write(tmp_path / "posts/dense.md", "---\ntitle: 稠密\n---\n" + one_sentence(6_000))
    write(tmp_path / "posts/plain.md", "---\ntitle: 普通\n---\n地区生产总值增长5%。\n")
    assert main(["index", str(tmp_path / "posts")]) == 0
    out = capsys.readouterr().out
    assert "1 post too dense to extract in full" in out and "dense.md" in out and "plain.md" not in out
    assert main(["targets", "--json", str(tmp_path / "posts/dense.md")]) == 0
    assert capsys.readouterr().out.count("\n") == 5_000


def test_the_budget_warning_says_what_was_kept() -> None:
    from newsreader.targets import budget_cut

    assert "the first 5,000 are listed" in budget_cut(5000, 5000, 2)
    assert "none was found" in budget_cut(0, 5000, 2) and "first 0" not in budget_cut(0, 5000, 2)
