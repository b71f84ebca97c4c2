"""layout / render_text / layout_header / line_index_for_offset."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.style import Style

from newsreader.render import (
    Mark,
    layout,
    layout_header,
    line_index_for_offset,
    parse_body,
    render_text,
)
from newsreader.render.checks import layout_problems

REPORT = (
    "<p><strong>吕梁：全力打造3个千亿级产业集群</p>\n <p></strong>2022年主要预期目标为：地区生产总值增长6.8%，"
    "一般公共预算收入增长7%，城乡居民人均可支配收入分别增长8%和8%以上，城镇新增就业4万人，"
    "城镇调查失业率控制在5.5%以内，力争培训1.2万人、就业6000人以上。</p>\n\n"
    "> 摘要：力争全市地区生产总值突破3000亿元。\n\n"
    "- 新增高标准农田26万亩\n- 复垦改造20万亩撂荒地\n\n"
    "<http://example.com/html_News/NewsShare.html?infoCode=NW202202282290546926>\n\n"
    "[返回新闻](//example.com/category/news.html)｜[返回首页](//example.com/)"
)


def test_lines_fit_and_obey_the_breaking_rules_at_many_widths() -> None:
    doc = parse_body(REPORT)
    for width in range(12, 130, 3):
        lines = layout(doc, width)
        assert layout_problems(doc, lines, width) == [], width


def test_render_text_is_the_plain_text_of_the_lines() -> None:
    doc = parse_body(REPORT)
    for width in (40, 80):
        assert render_text(doc, width) == "\n".join(line.text.plain for line in layout(doc, width))


def test_footnotes_and_link_list() -> None:
    doc = parse_body(REPORT)
    text = render_text(doc, 80)
    assert "返回新闻[2]｜返回首页[3]" in text
    tail = text.split("\n")[-3:]
    assert tail == [
        "[1] http://example.com/html_News/NewsShare.html?infoCode=NW202202282290546926",
        "[2] https://example.com/category/news.html",
        "[3] https://example.com/",
    ]
    narrow = render_text(doc, 40).split("\n")
    start = narrow.index(next(line for line in narrow if line.startswith("[1] ")))
    assert narrow[start + 1].startswith("    ")  # the URL wraps under itself


def test_links_are_underlined_and_headings_bold_without_markup() -> None:
    doc = parse_body(REPORT)
    lines = layout(doc, 80)
    first = lines[0]
    assert first.text.plain == "吕梁：全力打造3个千亿级产业集群"
    assert any(span.style == Style(bold=True) for span in first.text.spans) or first.text.style
    footer = next(line for line in lines if "返回新闻" in line.text.plain)
    start = footer.text.plain.index("返回新闻")
    underlined = [s for s in footer.text.spans if isinstance(s.style, Style) and s.style.underline]
    assert any(s.start <= start < s.end for s in underlined)


def test_quotes_and_lists_have_visible_prefixes() -> None:
    text = render_text(parse_body(REPORT), 80).split("\n")
    assert "│ 摘要：力争全市地区生产总值突破3000亿元。" in text
    assert "• 新增高标准农田26万亩" in text
    i = text.index("• 新增高标准农田26万亩")
    assert text[i + 1] == "• 复垦改造20万亩撂荒地"  # tight list: no blank line between items


def test_line_offsets_map_back_to_doc_text() -> None:
    doc = parse_body(REPORT)
    for width in (20, 33, 80):
        lines = layout(doc, width)
        shown_lines = 0
        for line in lines:
            if line.block < 0 or line.end == line.start:
                continue
            # the line is a prefix (quote bar, list marker) plus exactly that slice of doc.text,
            # with footnote markers added
            shown = re.sub(r"\[\d+\]", "", line.text.plain)
            assert shown.endswith(doc.text[line.start : line.end]), (shown, line.start, line.end)
            shown_lines += 1
        assert shown_lines > 5
        offset = doc.text.index("5.5%以内")
        k = line_index_for_offset(lines, offset)
        assert "5.5%以内" in lines[k].text.plain


def test_marks_overlay_exactly_their_span() -> None:
    doc = parse_body(REPORT)
    start = doc.text.index("5.5%以内")
    mark = Mark(start, start + len("5.5%以内"), "reverse")
    for width in (18, 40, 80):
        lines = layout(doc, width, [mark])
        k = line_index_for_offset(lines, start)
        line = lines[k]
        pos = line.text.plain.index("5.5%以内")
        marked = [s for s in line.text.spans if s.style == "reverse"]
        assert [(s.start, s.end) for s in marked] == [(pos, pos + len("5.5%以内"))]
        assert sum(1 for line in lines for s in line.text.spans if s.style == "reverse") == 1


def test_mark_across_a_line_break_covers_both_pieces() -> None:
    doc = parse_body("<p>" + "甲" * 30 + "</p>")
    lines = layout(doc, 20, [Mark(5, 15, "bold red")])
    pieces = [(line.text.plain[s.start : s.end]) for line in lines for s in line.text.spans if s.style == "bold red"]
    assert "".join(pieces) == "甲" * 10


def test_markup_in_title_and_body_is_shown_literally() -> None:
    doc = parse_body("正文 [bold]不是粗体[/] [link=http://x]x[/link]")
    out = render_text(doc, 60, title="[red]标题[/red]", meta=[("来源", "[i]x[/i]")])
    assert "[red]标题[/red]" in out
    assert "[bold]不是粗体[/]" in out and "[link=http://x]x[/link]" in out
    assert "来源: [i]x[/i]" in out


def test_header_lines_wrap_and_end_with_a_rule() -> None:
    title = "资管圈风向又变！雪球结构产品再迎强监管 信托公司雪球发行被叫停 影响多大？"
    lines = layout_header(title, [("日期", "2022-01-07 08:14"), ("标签", "")], 30)
    plain = [line.text.plain for line in lines]
    assert all(cell_len(p) <= 30 for p in plain)
    assert "".join(plain[:-2]).replace(" ", "") == title.replace(" ", "")
    assert plain[-2] == "日期: 2022-01-07 08:14"  # empty values are left out
    assert plain[-1] == "─" * 30


def test_tables_fit_the_width_and_keep_cell_text() -> None:
    body = ("<table><tr><th>指标</th><th>2022年目标</th><th>说明</th></tr>"
            "<tr><td>地区生产总值</td><td>增长6.8%</td><td>力争在中部地级市中进入前20强并保持经济总量稳居全省前三</td></tr>"
            "</table>")
    doc = parse_body(body)
    for width in (12, 20, 30, 45, 80, 120):
        lines = layout(doc, width)
        assert layout_problems(doc, lines, width) == []
        assert any("6.8%" in line.text.plain for line in lines)
        if width >= 45:
            assert any("│ 增长6.8% " in line.text.plain for line in lines)
    wide = [line.text.plain for line in layout(doc, 120)]
    assert wide[0].startswith("┌") and wide[-1].startswith("└")
    assert len({cell_len(line) for line in wide}) == 1  # an aligned grid


TARGETS_TABLE = (
    "<table><tr><th>类别</th><th>指标</th><th>2025年</th><th>2030年目标</th><th>年均增长/累计</th><th>属性</th></tr>"
    "<tr><td>经济发展</td><td>常住人口城镇化率（%）</td><td>69.8</td><td>73左右</td><td>［3.2］</td><td>预期性，与规划纲要衔接</td></tr>"
    "<tr><td>创新驱动</td><td>数字经济核心产业增加值占地区生产总值比重（%）</td><td>12.0</td><td>15左右</td>"
    "<td>［3］</td><td>预期性，与规划纲要衔接</td></tr></table>"
)


def test_table_cells_never_split_a_number_at_any_width() -> None:
    doc = parse_body(TARGETS_TABLE)
    for width in range(12, 121):
        lines = layout(doc, width)
        assert layout_problems(doc, lines, width) == [], width
        plain = "\n".join(line.text.plain for line in lines)
        for number in ("73左右", "［3.2］", "69.8", "15左右"):
            assert number in plain, (width, number)


def test_a_table_too_wide_for_a_grid_is_shown_one_record_per_row() -> None:
    doc = parse_body(TARGETS_TABLE)
    narrow = [line.text.plain for line in layout(doc, 44)]
    assert not any(line.startswith("┌") for line in narrow)
    assert "│ 2030年目标：73左右" in narrow and "│ 年均增长/累计：［3.2］" in narrow
    assert "│ 类别：类别" not in narrow  # the header row labels the records, it is not one
    wide = [line.text.plain for line in layout(doc, 100)]
    assert wide[0].startswith("┌") and any("│ 73左右 " in line for line in wide)


def test_the_line_of_an_offset_in_a_wrapped_table_row_is_the_one_showing_it() -> None:
    doc = parse_body(TARGETS_TABLE)
    for width in (60, 80, 100):
        lines = layout(doc, width)
        for number in ("73左右", "15左右", "［3］", "预期性"):
            offset = doc.text.index(number)
            line = lines[line_index_for_offset(lines, offset)]
            assert number in line.text.plain, (width, number, line.text.plain)


def test_images_show_a_placeholder_with_their_footnotes() -> None:
    doc = parse_body('<p><a href="http://q.example/k"><img src="//img.example/k.png" alt="K图"></a></p>')
    text = render_text(doc, 60).split("\n")
    assert text[0] == "[图片: K图][2][1]"
    assert text[2:] == ["[1] http://q.example/k", "[2] https://img.example/k.png"]


def test_code_blocks_keep_indentation() -> None:
    doc = parse_body("```\ndef f():\n    return 1\n```")
    assert render_text(doc, 40).split("\n") == ["  def f():", "      return 1"]


def test_width_below_minimum_is_clamped() -> None:
    doc = parse_body("增长6.8%")
    assert layout(doc, 0) == layout(doc, 8)


def test_no_line_ends_in_white_space() -> None:
    doc = parse_body(REPORT + "\n\n> 一\n>\n> 二\n\n| a | b |\n|---|---|\n| 1 |  |\n")
    for width in (20, 60):
        for line in render_text(doc, width).split("\n"):
            assert line == line.rstrip()


def test_header_values_wrap_under_themselves() -> None:
    url = "http://finews.example.com/html_News/NewsShare.html?infoCode=NW202202282290546926"
    plain = [line.text.plain for line in layout_header("标题", [("来源", url)], 40)]
    assert plain[1].startswith("来源: http://")
    assert all(p.startswith(" " * 6) for p in plain[2:-1])
    assert "".join(p.strip() for p in plain[1:-1]) == "来源: " + url
