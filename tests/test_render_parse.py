"""parse_body: Markdown + raw HTML to blocks, runs, plain text and links."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.render import Document, parse_body

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seed" / "000_63ab272a677ebdc1.txt"


def texts(doc: Document) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks]


def assert_consistent(doc: Document) -> None:
    """Blocks tile doc.text joined by newlines; runs lie inside their block, in order."""
    assert doc.text == "\n".join(texts(doc))
    pos = 0
    for block in doc.blocks:
        assert block.start == pos
        pos = block.end + 1
        last = block.start
        for run in block.runs:
            assert block.start <= run.start <= run.end <= block.end
            assert run.start >= last
            last = run.end
            if run.link is not None:
                assert 1 <= run.link <= len(doc.links)
    for i, link in enumerate(doc.links, 1):
        assert link.number == i


# ----- the seed's broken markup ------------------------------------------------------

MISNESTED = (
    "<p><strong>吕梁：全力打造3个千亿级产业集群</p>\n <p></strong>2月25日上午，会议开幕。</p>\n"
    " <p>地区生产总值增长6.8%。</p>\n <p><strong>晋中：重点抓好10个方面工作</p>\n"
    " <p></strong>2月25日，晋中市会议开幕。</p>\n\n<http://example.com/share?id=1>\n\n"
    "[返回新闻](//example.com/category/news.html)｜[返回首页](//example.com/)"
)


def test_misnested_strong_becomes_bold_section_headings_without_markup() -> None:
    doc = parse_body(MISNESTED)
    assert_consistent(doc)
    assert texts(doc)[:2] == ["吕梁：全力打造3个千亿级产业集群", "2月25日上午，会议开幕。"]
    headings = [doc.text[b.start : b.end] for b in doc.blocks if b.emphasis]
    assert headings == ["吕梁：全力打造3个千亿级产业集群", "晋中：重点抓好10个方面工作"]
    first = doc.blocks[0]
    assert all("bold" in r.styles for r in first.runs)
    assert not any("bold" in r.styles for r in doc.blocks[1].runs)  # the stray </strong> closed it
    for ch in ("*", "<", ">", "strong", "</p>"):
        assert ch not in doc.text


def test_autolink_line_and_protocol_relative_footer_links() -> None:
    doc = parse_body(MISNESTED)
    urls = [link.url for link in doc.links]
    assert urls == [
        "http://example.com/share?id=1",
        "https://example.com/category/news.html",
        "https://example.com/",
    ]
    assert doc.links[1].text == "返回新闻"
    assert "http://example.com/share?id=1" in doc.text  # the autolink stays in the text


@pytest.mark.skipif(not SEED.is_file(), reason="../shared is not present beside the checkout")
def test_seed_headings_bold_and_nothing_of_the_markup_visible() -> None:
    raw = SEED.read_text(encoding="utf-8")
    body = raw.split("\n---", 1)[1].split("\n", 1)[1]
    doc = parse_body(body)
    assert_consistent(doc)
    emphasized = [doc.text[b.start : b.end] for b in doc.blocks if b.emphasis]
    assert emphasized == ["吕梁：全力打造3个千亿级产业集群", "晋中：重点抓好10个方面工作"]
    for ch in ("*", "<", ">", "strong", "/p"):
        assert ch not in doc.text
    assert doc.links[0].url.startswith("http://finews.zning.xyz/")  # html2text drops this one
    assert all(link.url.startswith("https://finews.withounder.com/") for link in doc.links[1:])
    assert "城镇调查失业率控制在5.5%以内" in doc.text


# ----- links, images, removed content ------------------------------------------------


def test_empty_autolink_is_dropped_and_relative_links_kept() -> None:
    doc = parse_body("正文。\n\n<>\n\n[返回](../emnews/)\n[首页](../)")
    assert "<>" not in doc.text
    assert [link.url for link in doc.links] == ["../emnews/", "../"]
    doc = parse_body("[返回](../emnews/)", base_url="https://example.com/2021/12/08/post.html")
    assert doc.links[0].url == "https://example.com/2021/12/emnews/"


def test_same_url_twice_is_one_footnote() -> None:
    doc = parse_body('<p><a href="http://q.example/1">甲</a>和<a href="http://q.example/1">甲</a></p>')
    assert len(doc.links) == 1
    assert [r.link for r in doc.blocks[0].runs] == [1, None, 1]


def test_images_are_placeholder_blocks_never_fetched() -> None:
    body = ('<p>前文<a href="http://q.example/k"><img src="//img.example/k.png" alt="K图"></a>后文</p>'
            '<center><img src="https://img.example/a.jpg" /></center>')
    doc = parse_body(body)
    assert_consistent(doc)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["paragraph", "image", "paragraph", "image"]
    image = doc.blocks[1]
    assert doc.text[image.start : image.end] == "K图"
    by_number = {link.number: link for link in doc.links}
    assert by_number[image.image_link].url == "https://img.example/k.png"
    assert by_number[image.image_link].is_image
    assert image.runs[0].link is not None and by_number[image.runs[0].link].url == "http://q.example/k"
    assert doc.text[doc.blocks[3].start : doc.blocks[3].end] == ""  # no alt text


def test_scripts_styles_iframes_and_comments_are_removed() -> None:
    body = ("<p>可见<!-- 注释 --></p><script>alert('x')</script><style>p{color:red}</style>"
            "<iframe src='http://evil.example'>框架</iframe><noscript>无脚本</noscript><p>也可见</p>")
    doc = parse_body(body)
    assert texts(doc) == ["可见", "也可见"]
    assert doc.links == []


def test_markup_like_text_is_literal() -> None:
    doc = parse_body("标题 [bold]粗[/] [link=http://x]点[/link] 和 &lt;b&gt;")
    assert doc.text == "标题 [bold]粗[/] [link=http://x]点[/link] 和 <b>"
    assert doc.blocks[0].runs[0].styles == frozenset()


def test_bare_less_than_survives() -> None:
    assert parse_body("精度满足<1%，视场角达到120度以上").text == "精度满足<1%，视场角达到120度以上"


# ----- Markdown blocks -----------------------------------------------------------------


def test_markdown_blocks_kinds_and_levels() -> None:
    body = (
        "# 一级标题\n\n> 摘要一段\n\n- 第一项\n- 第二项\n  1. 子项\n\n"
        "```\ncode\there\n```\n\n---\n\n普通段落，含**粗体**、*斜体*、`代码`和~~删除~~。"
    )
    doc = parse_body(body)
    assert_consistent(doc)
    summary = [(b.kind, b.level, b.quote_depth, b.marker) for b in doc.blocks]
    assert summary == [
        ("heading", 1, 0, ""),
        ("quote", 0, 1, ""),
        ("list_item", 1, 0, "•"),
        ("list_item", 1, 0, "•"),
        ("list_item", 2, 0, "1."),
        ("code", 0, 0, ""),
        ("rule", 0, 0, ""),
        ("paragraph", 0, 0, ""),
    ]
    assert texts(doc)[5] == "code    here"
    last = doc.blocks[-1]
    styled = {doc.text[r.start : r.end]: r.styles for r in last.runs if r.styles}
    assert styled == {
        "粗体": frozenset({"bold"}),
        "斜体": frozenset({"italic"}),
        "代码": frozenset({"code"}),
        "删除": frozenset({"strike"}),
    }
    assert not last.emphasis


def test_tables_record_cells_and_header_rows() -> None:
    body = ("<table><thead><tr><th>指标</th><th>目标</th></tr></thead>"
            "<tbody><tr><td>地区生产总值</td><td>增长<b>6.8%</b></td></tr>"
            "<tr><td>失业率</td><td>5.5%以内</td></tr></tbody></table>")
    doc = parse_body(body)
    assert_consistent(doc)
    (table,) = doc.blocks
    assert table.kind == "table" and table.header_rows == 1
    cells = [[doc.text[s:e] for s, e in row] for row in table.rows]
    assert cells == [["指标", "目标"], ["地区生产总值", "增长6.8%"], ["失业率", "5.5%以内"]]
    bold = [doc.text[r.start : r.end] for r in table.runs if "bold" in r.styles]
    assert bold == ["6.8%"]


def test_whitespace_collapses_and_line_breaks_between_chinese_vanish() -> None:
    doc = parse_body("<p>  第一行\n   第二行  and\n  English   words </p><p>a<br>b<br><br><br><br>c</p>")
    assert texts(doc) == ["第一行第二行 and English words", "a\nb\n\nc"]


def test_entities_and_nbsp_indentation() -> None:
    doc = parse_body("<p>&nbsp;&nbsp;&nbsp;&nbsp;据了解，《&lt;蒙特利尔议定书&gt;》&amp;</p>")
    assert doc.text == "据了解，《<蒙特利尔议定书>》&"


def test_deterministic() -> None:
    body = MISNESTED + "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    first, second = parse_body(body), parse_body(body)
    assert first.text == second.text
    assert first.blocks == second.blocks
    assert first.links == second.links


def test_empty_and_blank_bodies() -> None:
    for body in ("", "   \n\n  ", "<p></p>", "<!-- only a comment -->"):
        doc = parse_body(body)
        assert doc.text == "" and doc.blocks == []


def test_spanning_cells_leave_empty_cells_under_the_headings() -> None:
    html = ("<table><tr><td rowspan='2'>地区</td><td colspan='2'>产值</td></tr>"
            "<tr><td>亿元</td><td>%</td></tr><tr><td>东县</td><td>12</td><td>3</td></tr>"
            "<tr><td colspan='x'>西县</td><td>9</td></tr></table>")
    rows = [line.split(" | ") for line in parse_body(html).text.splitlines()]
    assert rows == [["地区", "产值", ""], ["", "亿元", "%"], ["东县", "12", "3"], ["西县", "9", ""]]
