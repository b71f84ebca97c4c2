"""The project's own HTML tools against the libraries that could replace them (issue 17).

1. HTML -> Markdown (`newsreader show --format markdown`): the project's writer
   (`render.markdown_out.to_markdown`, from the repaired document model) against html2text,
   fed the HTML the project's Markdown pass makes of a body with its autolinks repaired
   (`render.parse.source_to_html`), and fed that HTML after lxml has repaired its nesting
   (html2text's best chance). Correctness is judged by reading each Markdown back with a
   CommonMark parser (the project's own reader, markdown-it) and comparing what a reader
   sees with the original post: the text, which characters are bold or italic, the links
   and images, the tables.
2. HTML -> document model: the project's streaming builder (`render.html_blocks.BlockBuilder`,
   on the standard library's tokenizer) against building a tree with lxml and BeautifulSoup
   (a lower bound for a model built from their trees), on the same HTML; and what each makes
   of broken HTML.

    python bench/html_tools.py                  # the shared corpus beside the checkout, and the samples
    python bench/html_tools.py DIR... --json out.json

Timings are per post, the best of 7 passes over every post, in one process.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import html2text
import lxml.etree
import lxml.html
from bs4 import BeautifulSoup

from newsreader.corpus import discover, load_post
from newsreader.render import parse_body, to_markdown
from newsreader.render.html_blocks import BlockBuilder
from newsreader.render.model import Document
from newsreader.render.parse import prepare_source, source_to_html

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
CORPORA = ("finews", "reports", "seed", "dev2", "chains")
PASSES = 7
_SPACE = re.compile(r"\s+")
_CELL_SEPARATOR = re.compile(r"\s*\|\s*")  # the model joins table cells with " | "; a tree does not

# Broken HTML of the kinds the archive holds, written for this bench (one line each).
BROKEN = {
    "strong across <p>": "<p><strong>第一段加粗</p><p></strong>第二段正常</p>",
    "unclosed inline": "<p><b><i>未闭合的格式" + "</p><p>下一段</p>",
    "stray end tags": "<p>甲</span></div>乙</b>丙</p>",
    "table without tr": "<table><td>指标</td><td>6.8%</td></table>",
    "autolink in raw HTML": "<div>原文 <http://example.com/a?b=1> 见</div>",
    "script and comment": "<p>前</p><script>document.write('x')</script><!-- 注释 --><p>后</p>",
    "nested 255 deep": "<div>" * 255 + "深处的文字" + "</div>" * 255,
    "nested 5,000 deep": "<div>" * 5_000 + "深处的文字" + "</div>" * 5_000,
    "nested 100,000 deep": "<div>" * 100_000 + "深处的文字" + "</div>" * 100_000,
    "unclosed nesting": "<b><i><span>" * 30_000 + "末尾的文字",
}


def body_to_html(body: str) -> str:
    """The HTML the project's parser reads for a body (its Markdown pass, autolinks repaired)."""
    return source_to_html(prepare_source(body)[0])


def posts(folders: list[Path]) -> list[tuple[str, str]]:
    """(label, body) of every post in the folders."""
    out = []
    for folder in folders:
        files, _ = discover([str(folder)])
        for source in files:
            try:
                out.append((f"{folder.name}/{Path(source.path).name}", load_post(source).body))
            except Exception:  # noqa: BLE001 - an unreadable post is not part of this comparison
                continue
    return out


# -- HTML -> Markdown ----------------------------------------------------------------------------


def _html2text() -> html2text.HTML2Text:
    converter = html2text.HTML2Text()
    converter.body_width = 0  # no hard wrapping: Chinese has no spaces to wrap at
    converter.unicode_snob = True  # keep “” and — as they are
    return converter


def via_html2text(body: str) -> str:
    return _html2text().handle(body_to_html(body))


def via_lxml_html2text(body: str) -> str:
    tree = lxml.html.document_fromstring(body_to_html(body) or "<p></p>")
    for dropped in tree.xpath("//script|//style|//comment()"):
        dropped.drop_tree()
    return _html2text().handle(lxml.html.tostring(tree, encoding=str))


CONVERTERS: dict[str, Callable[[str], str]] = {
    "project (markdown_out)": to_markdown,
    "html2text": via_html2text,
    "lxml + html2text": via_lxml_html2text,
}


def _seen(doc: Document) -> dict:
    """What a reader sees of a document, white space aside."""
    styled = []
    for block in doc.blocks:
        for run in block.runs:
            for ch in doc.text[run.start:run.end]:
                if not ch.isspace():
                    styled.append(("b" if "bold" in run.styles else "") + ("i" if "italic" in run.styles else ""))
    return {
        "text": _SPACE.sub("", doc.text),
        "styles": styled,
        "links": [(link.url, link.is_image) for link in doc.links],
        "tables": [len(b.rows) for b in doc.blocks if b.kind == "table"],
    }


def faithful(body: str, markdown: str) -> list[str]:
    """What is lost or changed when `markdown` is read back, compared with the post itself."""
    want, got = _seen(parse_body(body)), _seen(parse_body(markdown))
    return [key for key in want if want[key] != got[key]]


# -- HTML -> tree or document model ----------------------------------------------------------------


def project_model(html: str) -> str:
    builder = BlockBuilder()
    builder.feed(html)
    builder.close()
    return builder.document.text


def stdlib_tokens(html: str) -> None:
    """The standard library's tokenizer alone (no handlers): the part of the project's builder lxml could replace."""
    tokenizer = HTMLParser(convert_charrefs=True)
    tokenizer.feed(html)
    tokenizer.close()


def lxml_tree(html: str) -> str:
    tree = lxml.html.document_fromstring(html or "<p></p>")
    for dropped in tree.xpath("//script|//style|//comment()"):
        dropped.drop_tree()
    return tree.text_content()


def lxml_walk(html: str) -> int:
    """The least a model built from lxml's tree costs: the tree, and one Python walk over it."""
    tree = lxml.html.document_fromstring(html or "<p></p>")
    chars = 0
    for _event, element in lxml.etree.iterwalk(tree, events=("start", "end")):
        chars += len(element.text or "") + len(element.tail or "")
    return chars


def bs4_lxml(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    for dropped in soup(["script", "style"]):
        dropped.decompose()
    return soup.get_text()


def bs4_stdlib(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for dropped in soup(["script", "style"]):
        dropped.decompose()
    return soup.get_text()


PARSERS: dict[str, Callable[[str], str]] = {
    "project (BlockBuilder, whole model)": project_model,
    "  of which html.parser's tokenizer": stdlib_tokens,
    "lxml.html (tree, text)": lxml_tree,
    "lxml.html (tree, one walk)": lxml_walk,
    "BeautifulSoup + lxml (tree, text)": bs4_lxml,
    "BeautifulSoup + html.parser (tree, text)": bs4_stdlib,
}


def _bold_second_paragraph(html: str) -> bool | None:
    """For the mis-nested case: does the tree make the second paragraph bold?"""
    tree = lxml.html.document_fromstring(html)
    paragraphs = tree.xpath("//p")
    return bool(paragraphs[1].xpath(".//strong|.//b")) if len(paragraphs) > 1 else None


# -- timing ----------------------------------------------------------------------------------------


def per_post_ms(call: Callable[[str], object], inputs: list[str]) -> tuple[float, int]:
    """The mean time per input in ms, the best of PASSES passes (the least disturbed by other
    work on the machine); and how many inputs raised."""
    means, failures = [], 0
    for _ in range(PASSES):
        started = time.perf_counter()
        failures = 0
        for value in inputs:
            try:
                call(value)
            except Exception:  # noqa: BLE001 - counted: a tool that raises on a post fails it
                failures += 1
        means.append((time.perf_counter() - started) * 1000 / len(inputs))
    return min(means), failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    folders = args.folders or [*(SHARED / name for name in CORPORA if (SHARED / name).is_dir()),
                               ROOT / "sample_posts"]
    corpus = posts(folders)
    bodies = [body for _, body in corpus]
    print(f"{len(corpus)} posts from {', '.join(f.name for f in folders)}\n")
    report: dict = {"posts": len(corpus), "markdown": {}, "parsers": {}, "broken": {}}

    print("HTML -> Markdown, read back with CommonMark and compared with the post")
    print(f"{'':26} {'ms/post':>8} {'faithful':>9}  lost or changed (posts)")
    for name, convert in CONVERTERS.items():
        ms, _ = per_post_ms(convert, bodies)
        lost: Counter[str] = Counter()
        wrong = []
        for label, body in corpus:
            problems = faithful(body, convert(body))
            lost.update(problems)
            if problems:
                wrong.append(label)
        share = 1 - len(wrong) / len(corpus)
        print(f"{name:26} {ms:8.2f} {share:9.1%}  {dict(lost) or '-'}")
        report["markdown"][name] = {"ms_per_post": round(ms, 3), "faithful": round(share, 4),
                                    "lost": dict(lost), "posts_with_losses": wrong}

    htmls = [body_to_html(body) for body in bodies]
    print("\nHTML -> model (project) or tree (libraries), on the HTML of the Markdown pass")
    print(f"{'':42} {'ms/post':>8} {'raised':>7}")
    for name, build in PARSERS.items():
        ms, failures = per_post_ms(build, htmls)
        print(f"{name:42} {ms:8.3f} {failures:7}")
        report["parsers"][name] = {"ms_per_post": round(ms, 4), "raised": failures}

    print("\nBroken HTML: is the text kept (white space and cell separators aside), or does the tool raise?")
    for case, html in BROKEN.items():
        want = _CELL_SEPARATOR.sub("", _SPACE.sub("", project_model(html)))
        row = {}
        for name, build in PARSERS.items():
            if name in ("lxml.html (tree, one walk)", "  of which html.parser's tokenizer"):
                continue
            try:
                got = _CELL_SEPARATOR.sub("", _SPACE.sub("", build(html)))
                row[name] = "same text" if got == want else "text differs"
            except Exception as exc:  # noqa: BLE001 - the failure is the finding
                row[name] = f"raised {type(exc).__name__}"
        if case == "strong across <p>":
            row["lxml makes the second paragraph bold"] = _bold_second_paragraph(html)
        report["broken"][case] = row
        print(f"  {case}: " + "; ".join(f"{k}: {v}" for k, v in row.items() if not k.startswith("project")))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.setrecursionlimit(10_000)
    sys.exit(main())
