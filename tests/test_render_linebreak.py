"""wrap_cells: Chinese line breaking by terminal cells."""

from __future__ import annotations

import pytest
from rich.cells import cell_len, get_character_cell_size

from newsreader.render import wrap_cells
from newsreader.render.linebreak import _IDEOGRAPHS, CLOSING, OPENING, wrap_preformatted


def lines_of(text: str, width: int, **kw) -> list[str]:
    return [text[s:e] for s, e in wrap_cells(text, width, **kw)]


def test_chinese_breaks_between_any_two_characters_and_fills_lines() -> None:
    text = "今后五年吕梁市奋斗目标为建设美丽幸福吕梁"
    assert lines_of(text, 10) == ["今后五年吕", "梁市奋斗目", "标为建设美", "丽幸福吕梁"]
    assert lines_of(text, 11) == lines_of(text, 10)  # a full-width character is two cells


@pytest.mark.parametrize(
    "token", ["6.8%", "3000亿元", "1.2万人", "5.5%以内", "8%以上", "80%左右", "26万亩", "28平方公里", "10亿公斤以上"]
)
def test_number_with_unit_and_comparator_is_never_split(token: str) -> None:
    for prefix_len in range(12):
        text = "增" * prefix_len + token + "，其余文字继续写下去。"
        for width in range(cell_len(token) + 2, 30):
            lines = lines_of(text, width)
            assert any(token in line for line in lines), (width, lines)


def test_closing_punctuation_never_starts_and_opening_never_ends_a_line() -> None:
    text = "他说：“我们要（力争）实现《规划》目标，完成任务！”然后，继续、再继续；最后。"
    # from 6 cells on, every glued cluster (务！” is five cells) fits on a line
    for width in range(6, 40):
        lines = lines_of(text, width)
        assert "".join(lines) == text
        for k, line in enumerate(lines):
            assert cell_len(line) <= width
            if k:
                assert line[0] not in CLOSING, (width, lines)
            if k < len(lines) - 1:
                assert line[-1] not in OPENING, (width, lines)


def test_latin_words_break_at_spaces_in_mixed_text() -> None:
    text = "公司发布 Honeywell Solstice yf 制冷剂，HFO-1234yf 产品"
    for width in range(12, 40):
        lines = lines_of(text, width)
        for word in ("Honeywell", "Solstice", "HFO-1234yf"):
            assert any(word in line for line in lines), (width, lines)
        assert all(line == line.strip() for line in lines)


def test_url_stays_whole_when_it_fits_and_is_cut_when_it_cannot() -> None:
    url = "http://finance.example.com/news/1354,202112082206796814.html"
    text = f"原文链接：{url} 完"
    lines = lines_of(text, 70)
    assert url in lines[0] or url in lines[1]
    narrow = lines_of(text, 20)
    assert all(cell_len(line) <= 20 for line in narrow)
    assert "".join(narrow).replace(" ", "") == text.replace(" ", "")


def test_newlines_always_break_and_keep_empty_lines() -> None:
    assert lines_of("甲\n\n乙", 10) == ["甲", "", "乙"]
    assert wrap_cells("", 10) == [(0, 0)]


def test_nobreak_keeps_a_marker_with_its_word_while_it_fits() -> None:
    text = "返回首页[3]后面"
    at = text.index("[")
    for width in range(6, 20):
        lines = lines_of(text, width, nobreak={at})
        assert any("页[3]" in line for line in lines), (width, lines)


def test_wide_characters_count_two_cells_and_emoji_stay_whole() -> None:
    text = "数据👨\u200d👩\u200d👧显示e\u0301增长"
    for width in range(6, 20):
        lines = lines_of(text, width)
        assert "".join(lines) == text
        assert all(cell_len(line) <= width for line in lines)
        assert not any(line.startswith(("\u200d", "\u0301")) for line in lines)


def test_every_character_is_on_one_line_in_order() -> None:
    text = "第一句话，包含English words和数字3.14%。Second sentence here！最后一句（括号）。"
    for width in range(2, 50):
        ranges = wrap_cells(text, width)
        covered = "".join(text[s:e] for s, e in ranges)
        assert covered.replace(" ", "") == text.replace(" ", "")
        assert all(a[1] <= b[0] for a, b in zip(ranges, ranges[1:]))


def test_ideograph_ranges_are_two_cells_in_rich() -> None:
    # the wrapper splits ideograph runs by arithmetic: they must all be two cells wide
    ranges = _IDEOGRAPHS.replace("-", " ").split()
    assert ranges
    for lo, hi in [(0x3041, 0x3096), (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF)]:
        assert all(get_character_cell_size(chr(c)) == 2 for c in range(lo, hi + 1, 7))


def test_preformatted_keeps_spaces_and_cuts_long_lines() -> None:
    text = "    indented\n" + "x" * 25
    assert [text[s:e] for s, e in wrap_preformatted(text, 10)] == [
        "    indent", "ed", "x" * 10, "x" * 10, "x" * 5
    ]
