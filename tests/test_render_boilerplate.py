"""Feed-mirror boilerplate never shows as text; the article's own words always do."""

from __future__ import annotations

import pytest

from newsreader.render import layout, parse_body
from newsreader.render.boilerplate import is_boilerplate_block, unproxied

# A feed mirror's post body, shaped like the ones Hexo blogs republish: the article in a <div>,
# then a footer indented by the page template after a blank line.
MIRRORED = """<div>
<p>　　云川市一季度地区生产总值增长6.1%。</p><!--article_adlist[<p>本文内容系原创</p>]article_adlist-->
<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" style="max-width:640px"></p>
<div class="app-kaihu-qr"><span>开户福利来了！最高领88元红包！</span></div>

        <!-- 文末二维码 start -->
        <style>
        .appendQr_wrap&#123;border:1px solid #E6E6E6;&#125;
        </style>
        <div class="clearfix appendQr_wrap">
            <div class="appendQr_normal_txt">海量资讯、精准解读，尽在东澜财经APP</div>
        </div>
        <!-- 文末二维码 end -->

<p class="article-editor">责任编辑：林川</p>
<img src="https://stat.example.com/pixel.gif?id=1" width="1" height="1">
<div class="share-bar"><a href="https://share.example.com/?u=1">分享到微博</a></div>
</div>
"""


def test_a_mirrored_page_shows_the_article_and_nothing_of_its_template() -> None:
    doc = parse_body(MIRRORED)
    assert doc.text.splitlines() == ["云川市一季度地区生产总值增长6.1%。", "责任编辑：林川"]
    assert doc.links == []  # no pixel, no base64 image, no share link
    shown = "\n".join(line.text.plain for line in layout(doc, 60))
    for residue in ("<!--", "&#123;", "{", "style", "二维码", "APP", "红包", "分享", "本文内容系原创"):
        assert residue not in shown


def test_indented_markup_in_a_markdown_post_stays_code() -> None:
    doc = parse_body("An example:\n\n    <div class=\"x\">code</div>\n")
    assert '<div class="x">code</div>' in doc.text


@pytest.mark.parametrize("attrs, boilerplate", [
    ([("class", "clearfix appendQr_wrap")], True),
    ([("class", "app-kaihu-qr")], True),
    ([("id", "share_buttons")], True),
    ([("class", "adsbygoogle")], True),
    ([("class", "article-editor")], False),
    ([("class", "img_wrapper")], False),
    ([("class", "header")], False),  # "ad" only as a whole word
    ([("id", "stock_sh600016")], False),
])
def test_blocks_that_name_themselves_share_ad_or_qr(attrs, boilerplate) -> None:
    assert is_boilerplate_block(attrs) is boilerplate


def test_images_pixels_base64_and_proxies() -> None:
    doc = parse_body(
        '<p><img src="https://cors.example.dev/?http://img.example.com/a.png" alt="港口夜景"></p>'
        '<p><img src="https://proxy.example.net/fetch?url=https%3A%2F%2Fimg.example.com%2Fb.png"></p>'
        '<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="统计图"></p>'
        '<p><img src="https://t.example.com/p.gif" style="display:none"><img src="https://t.example.com/q.gif"'
        ' width="0" height="0"></p>')
    assert [(link.url, link.text) for link in doc.links] == [("http://img.example.com/a.png", "港口夜景"),
                                                             ("https://img.example.com/b.png", "")]
    assert doc.text.splitlines() == ["港口夜景", "", "统计图"]  # a base64 image keeps its alt text, no link
    assert unproxied("https://img.example.com/plain.png?w=100") == "https://img.example.com/plain.png?w=100"


def test_a_post_made_only_of_images_shows_their_alt_texts_and_links() -> None:
    doc = parse_body('<div><img src="https://img.example.com/1.jpg" alt="江州港集装箱码头">'
                     '<img src="https://img.example.com/2.jpg"></div>')
    lines = [line.text.plain for line in layout(doc, 60)]
    assert "[图片: 江州港集装箱码头][1]" in lines and "[图片][2]" in lines
    assert "[1] https://img.example.com/1.jpg" in lines and "[2] https://img.example.com/2.jpg" in lines
