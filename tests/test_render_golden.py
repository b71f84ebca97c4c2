"""Golden renders of real and sample posts at 40, 60, 80 and 120 columns, plus layout invariants.

Sample posts (in this repository) are compared as text: tests/golden/render/samples/*.txt.
Posts from ../shared are compared by digest and line offsets only, so no corpus text is
copied into the project: tests/golden/render/shared/*.json.

After an intended change, regenerate with NEWSREADER_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from pathlib import Path

import pytest

from newsreader.render import Document, layout, parse_body
from newsreader.render.checks import layout_problems
from newsreader.render.urls import normalize_url

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLDEN = Path(__file__).resolve().parent / "golden" / "render"
UPDATE = os.environ.get("NEWSREADER_UPDATE_GOLDEN") == "1"
WIDTHS = (40, 60, 80, 120)

SAMPLES = [
    "2020-04-20-jiangzhoushi-yijidu-jingji-yunxing.md",  # table with caption and header
    "2021-05-20-202105201415667788.md",  # Rich-markup-like text
    "2021-08-09-202108091600778899.md",  # scripts and comments
    "2022-09-15-202209151120334455.md",  # Markdown headings, lists, links
    "2023-12-20-202312201500667788.md",  # image, &gt; &lt; entities
]
SHARED_POSTS = [
    "seed/000_63ab272a677ebdc1.txt",  # mis-nested <strong>, autolink, footer
    "finews/_posts/-202205262391921712.md",  # images, comments, entities, empty <>
    "finews/_posts/2022-01-07-202201072239307540.md",  # the longest: <strong>, infokey spans
    "finews/_posts/2021-12-08-202112082206796814.md",  # a bare < in the text
    "finews/_posts/2021-12-08-202112082206870651.md",  # empty autolink
    "finews/_posts/2021-12-08-202112082207059752.md",  # one-line footer joined by ｜
    "finews/_posts/2021-12-08-202112082206735975.md",  # relative footer links
    "finews/_posts/2021-12-08-202112082206703990.md",  # empty line before the front matter
    "finews/_posts/2021-12-01-init.md",  # one-line body
    "reports/_posts/2022-03-05-guowuyuan-2022-zhengfugongzuobaogao.md",
]

_ANCHOR = re.compile(r"<a\b[^>]*?\bhref\s*=\s*([\"'])(.*?)\1", re.IGNORECASE | re.DOTALL)
_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*([\"'])(.*?)\1", re.IGNORECASE | re.DOTALL)
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]+)>")
_MD_LINK = re.compile(r"\]\(([^)\s]+)\)")


def body_of(path: Path) -> str:
    """What follows the front matter."""
    text = path.read_text(encoding="utf-8").lstrip("\ufeff").lstrip("\n")
    if text.startswith("---"):
        rest = text.split("\n---", 1)
        if len(rest) == 2:
            return rest[1].split("\n", 1)[1] if "\n" in rest[1] else ""
    return text


def source_links(body: str) -> set[str]:
    """Every link and image URL written in a body, found without the renderer."""
    found = [m.group(2) for m in _ANCHOR.finditer(body)] + [m.group(2) for m in _IMAGE.finditer(body)]
    found += _AUTOLINK.findall(body) + _MD_LINK.findall(body)
    return {normalize_url(html.unescape(url)) for url in found if url.strip()}


def render_all(doc: Document) -> dict[int, list]:
    return {width: layout(doc, width) for width in WIDTHS}


def check_article(body: str) -> dict[int, list]:
    doc = parse_body(body)
    by_width = render_all(doc)
    urls = source_links(body)
    assert urls <= {link.url for link in doc.links}
    for width, lines in by_width.items():
        assert layout_problems(doc, lines, width) == [], width
        flat = "".join(line.text.plain.strip() for line in lines)
        for url in urls:
            assert url in flat, (width, url)
    return by_width


def sample_text(by_width: dict[int, list]) -> str:
    parts = []
    for width, lines in by_width.items():
        parts.append(f"===== width {width} =====")
        parts.extend(line.text.plain for line in lines)
    return "\n".join(parts) + "\n"


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_post_golden(name: str) -> None:
    body = body_of(REPO / "sample_posts" / "_posts" / name)
    actual = sample_text(check_article(body))
    golden = GOLDEN / "samples" / (Path(name).stem + ".txt")
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"missing {golden}: run with NEWSREADER_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")


def shared_record(by_width: dict[int, list]) -> dict:
    record = {}
    for width, lines in by_width.items():
        text = "\n".join(line.text.plain for line in lines)
        record[str(width)] = {
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "lines": [[line.start, line.end] for line in lines],
        }
    return record


@pytest.mark.parametrize("name", SHARED_POSTS)
def test_shared_post_golden(name: str) -> None:
    path = SHARED / "corpus" / name
    if not path.is_file():
        pytest.skip("../shared is not present beside the checkout")
    actual = shared_record(check_article(body_of(path)))
    golden = GOLDEN / "shared" / (Path(name).name.lstrip("-") + ".json")
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(actual, indent=0) + "\n", encoding="utf-8")
    assert golden.is_file(), f"missing {golden}: run with NEWSREADER_UPDATE_GOLDEN=1"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    for width in map(str, WIDTHS):
        # compare line offsets first: a failure then names the first line that moved
        for k, (want, got) in enumerate(zip(expected[width]["lines"], actual[width]["lines"])):
            assert got == want, f"width {width}, line {k}: offsets {got} != golden {want}"
        assert len(actual[width]["lines"]) == len(expected[width]["lines"]), width
        assert actual[width]["sha256"] == expected[width]["sha256"], width


def test_every_shared_post_keeps_the_invariants() -> None:
    posts = sorted((SHARED / "corpus").glob("*/_posts/*.md")) if SHARED.is_dir() else []
    if not posts:
        pytest.skip("../shared is not present beside the checkout")
    for path in posts:
        check_article(body_of(path))
