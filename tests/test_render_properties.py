"""Property tests: whatever HTML-ish input arrives, parsing and layout hold their guarantees."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from newsreader.render import layout, parse_body, render_text, to_markdown, wrap_cells
from newsreader.render.checks import UNSAFE, layout_problems
from newsreader.render.sanitize import is_safe

FRAGMENTS = [
    "<p>", "</p>", "<strong>", "</strong>", "<b>", "<em>", "</em>", "<a href='//x.example/a'>", "</a>",
    "<a>", "<img src=x.png alt='图'>", "<img>", "<br>", "<br/>", "<hr>", "<table>", "</table>", "<tr>",
    "<td>", "</td>", "<th>", "<thead>", "<blockquote>", "</blockquote>", "<ul>", "<ol start=3>", "<li>",
    "</ul>", "<pre>", "</pre>", "<code>", "<h2>", "</h2>", "<div>", "</div>", "<!--", "-->", "<script>",
    "</script>", "<style>", "<iframe>", "<![CDATA[", "]]>", "<!x", "<?pi", "</>", "<", ">", "&", "&#27;",
    "&lt;", "&amp;", "&#x9b;", "&nbsp;", "\x1b[31m", "\x1b]52;c;YQ==\x07", "\x1b]8;;http://e\x1b\\",
    "\x07", "\x00", "\x85", "\u202e", "\u2066", "\u200b", "\ufeff", "\r\n", "\n", "\n\n", " ", "\t",
    "> ", "- ", "1. ", "# ", "**", "*", "_", "`", "```", "~~", "|", "---", "[", "](", ")", "[x](//h/p)",
    "<http://a.example/x>", "<>", "6.8%", "3000亿元", "1.2万人", "5.5%以内", "，", "。", "（", "）", "“",
    "”", "《", "》", "中文", "吕梁市", "English", "words", "👨\u200d👩", "e\u0301", "\u3000", "[bold]", "[/]",
]
html_ish = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60
).map("".join)
widths = st.integers(min_value=8, max_value=140)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=html_ish, width=widths)
def test_parse_and_layout_hold_for_any_input(body: str, width: int) -> None:
    doc = parse_body(body)
    assert not doc.fallback  # the structured parser itself coped
    assert is_safe(doc.text, newlines=True)
    assert doc.text == "\n".join(doc.text[b.start : b.end] for b in doc.blocks)
    lines = layout(doc, width)
    assert layout_problems(doc, lines, width, typography=False) == []
    for line in lines:
        assert line.text.plain == str(line.text.plain)  # plain text, never markup
    markdown = to_markdown(body)
    assert not UNSAFE.search(markdown.replace("\n", " ").replace("\t", " "))


@settings(max_examples=200, deadline=None)
@given(title=st.text(max_size=40), body=html_ish, width=widths)
def test_render_text_never_emits_controls(title: str, body: str, width: int) -> None:
    out = render_text(parse_body(body), width, title=title, meta=[("来源", title)])
    for line in out.split("\n"):
        assert cell_len(line) <= width
        assert not UNSAFE.search(line)


text_ish = st.lists(
    st.one_of(st.sampled_from(["中", "文", "，", "。", "（", "）", "“", "”", " ", "\n", "6.8%", "亿元",
                               "word", "http://a.example/very/long/path", "👨\u200d👩", "e\u0301"]),
              st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=5)),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=text_ish, width=st.integers(min_value=2, max_value=60))
def test_wrap_cells_covers_every_character_in_order_within_the_width(text: str, width: int) -> None:
    ranges = wrap_cells(text, width)
    assert ranges
    pos = 0
    for start, end in ranges:
        assert pos <= start <= end <= len(text)
        # what lies between two lines is only white space
        assert text[pos:start].strip(" \t\n") == ""
        piece = text[start:end]
        if cell_len(piece) > width:
            # only an unsplittable cluster (one character and its combining marks) may overflow
            assert len(piece.rstrip("\u0300\u036f\u200d\ufe0f")) <= 1 or cell_len(piece[:1]) > width or all(
                cell_len(c) == 0 for c in piece[1:]
            ), (piece, width)
        pos = end
    assert text[pos:].strip(" \t\n") == ""
