"""Scale a set of sample posts to a Jekyll site of N posts, deterministically.

Every generated post takes one sample post as its template and varies it: a unique
title, a date somewhere in 2008-2025, one of a dozen categories and one to three of a
dozen tags (both with skewed frequencies, as real archives have), a short lead paragraph
of invented statistics, the template's body with some of its figures changed, and a few
sentences borrowed from other samples. The same (sources, size, seed) always gives the
same bytes, so a corpus is cached under bench/corpora/ keyed by (size, seed, source hash).

    python bench/generate.py --size 20000            # prints the corpus folder
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CORPORA = BENCH / "corpora"
GENERATOR_VERSION = 1  # bump when the output for the same inputs changes

CATEGORIES = ["caijing", "gupiao", "hongguan", "difang", "zhengfugongzuobaogao", "jinrong", "keji",
              "fangchan", "nengyuan", "waimao", "xiaofei", "qiche"]
TAGS = ["滚动新闻", "政府工作报告", "宏观经济", "地方经济", "上市公司", "银行", "债券", "基金", "科技",
        "能源", "房地产", "外贸"]
REGIONS = ["杭州市", "宁波市", "温州市", "合肥市", "芜湖市", "福州市", "厦门市", "南昌市", "赣州市", "济南市",
           "青岛市", "郑州市", "洛阳市", "武汉市", "宜昌市", "长沙市", "株洲市", "广州市", "深圳市", "佛山市",
           "南宁市", "柳州市", "海口市", "成都市", "绵阳市", "贵阳市", "遵义市", "昆明市", "西安市", "兰州市",
           "西宁市", "银川市", "太原市", "大同市", "呼和浩特市", "包头市", "沈阳市", "大连市", "长春市", "哈尔滨市"]
REGIONS_EN = ["Hangzhou", "Ningbo", "Hefei", "Xiamen", "Qingdao", "Wuhan", "Changsha", "Shenzhen", "Chengdu",
              "Xi'an", "Kunming", "Dalian"]
METRICS = [("地区生产总值", "%"), ("规模以上工业增加值", "%"), ("社会消费品零售总额", "%"), ("固定资产投资", "%"),
           ("一般公共预算收入", "%"), ("居民人均可支配收入", "%"), ("进出口总额", "%"), ("城镇调查失业率", "%"),
           ("城镇新增就业", "万人"), ("粮食产量", "万吨"), ("港口货物吞吐量", "亿吨"), ("实际使用外资", "亿美元")]
METRICS_EN = ["GDP", "industrial output", "retail sales", "exports", "port throughput", "revenue"]
VERBS_PAST = ["增长", "同比增长", "比上年增长", "较上年提高"]
VERBS_GOAL = ["预期增长", "力争增长", "目标增长", "计划增长"]
TITLE_FORMS = ["{region}：{title}", "【{region}】{title}", "{region}快讯｜{title}"]
PERIODS = ["一季度", "上半年", "前三季度", "全年", "1至5月", "去年"]

_TAG_OR_URL = re.compile(r"<[^>]*>|\]\([^)]*\)|https?://\S+|&#?\w+;")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SENTENCE = re.compile(r"[^。！？\n]{12,120}[。！？]")
_STRIP = re.compile(r"<[^>]*>|^\s*>\s?|\[([^\]]*)\]\([^)]*\)|&\w+;|[*_`#]+", re.MULTILINE)


@dataclass(slots=True)
class Template:
    """A sample post's title and body, and whether it is written in English."""

    title: str
    body: str
    english: bool


def default_sources() -> list[Path]:
    """The bundled samples plus the shared corpora (`<repo>/../shared/corpus`) when present."""
    sources = [REPO / "sample_posts"]
    shared = REPO.parent / "shared" / "corpus"
    for name in ("finews", "reports", "seed"):
        if (shared / name).is_dir():
            sources.append(shared / name)
    return sources


def load_templates(sources: list[Path]) -> list[Template]:
    """Every readable post of the sources, in a fixed order (by id, then title)."""
    from newsreader.corpus import load_paths

    posts, _ = load_paths([str(s) for s in sources])
    posts.sort(key=lambda p: (p.id, p.title))
    out = []
    for p in posts:
        if not p.body.strip():
            continue
        ascii_share = sum(ch.isascii() for ch in p.title) / max(1, len(p.title))
        out.append(Template(p.title or "", p.body, ascii_share > 0.9 and bool(p.title)))
    if not out:
        raise SystemExit("generate: no usable sample posts in " + ", ".join(map(str, sources)))
    return out


def source_hash(sources: list[Path]) -> str:
    """A digest of every file under the sources and of the generator version."""
    digest = hashlib.sha256(f"v{GENERATOR_VERSION}".encode())
    for source in sources:
        for path in sorted(p for p in Path(source).rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(source)).encode("utf-8", "surrogatepass"))
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _skewed(rng: random.Random, n: int) -> int:
    """An index in range(n) with Zipf-like frequencies (index 0 the most common)."""
    weights = [1 / (k + 1) for k in range(n)]
    return rng.choices(range(n), weights=weights)[0]


def vary_numbers(text: str, rng: random.Random, share: float = 0.35) -> str:
    """Change some figures in running text (never inside tags, links or entities; never years)."""

    def change(match: re.Match) -> str:
        number = match.group()
        whole = number.split(".")[0]
        if rng.random() > share or (len(whole) == 4 and whole[:2] in ("19", "20")):
            return number
        digits = "".join(rng.choice("0123456789") for _ in whole)
        digits = (str(rng.randint(1, 9)) + digits[1:]) if len(whole) > 1 else digits
        if "." in number:
            digits += "." + "".join(rng.choice("0123456789") for _ in number.split(".")[1])
        return digits

    out, last = [], 0
    for m in _TAG_OR_URL.finditer(text):
        out.append(_NUMBER.sub(change, text[last:m.start()]))
        out.append(m.group())
        last = m.end()
    out.append(_NUMBER.sub(change, text[last:]))
    return "".join(out)


def sentence_pool(templates: list[Template]) -> list[str]:
    """Whole Chinese sentences of the templates' text, to borrow into other posts."""
    pool: list[str] = []
    for t in templates:
        plain = _STRIP.sub(lambda m: m.group(1) or "", t.body)
        pool.extend(s.strip() for s in _SENTENCE.findall(plain))
    return pool or ["本期数据仅供参考。"]


def lead_paragraph(rng: random.Random, year: int, english: bool) -> str:
    """One to three invented statistics, in the template's language."""
    sentences = []
    for _ in range(rng.randint(1, 3)):
        value = f"{rng.randint(1, 150) / 10:g}"
        if english:
            sentences.append(f"{rng.choice(REGIONS_EN)} reported {rng.choice(METRICS_EN)} growth of {value}% "
                             f"in {year}.")
            continue
        metric, unit = rng.choice(METRICS)
        region = rng.choice(REGIONS)
        if unit != "%":
            value = str(rng.randint(2, 900))
        if rng.random() < 0.4:
            sentences.append(f"{region}{year + 1}年{metric}{rng.choice(VERBS_GOAL)}{value}{unit}左右。")
        else:
            sentences.append(f"{region}{rng.choice(PERIODS)}{metric}{rng.choice(VERBS_PAST)}{value}{unit}。")
    return " ".join(sentences) if english else "".join(sentences)


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


START = datetime(2008, 1, 1)
SPAN_SECONDS = int((datetime(2025, 12, 31, 23, 59, 59) - START).total_seconds())


@dataclass(slots=True)
class Generated:
    """One generated post: its file name, title, date and text."""

    name: str
    title: str
    date: datetime
    text: str


def make_post(i: int, seed: int, templates: list[Template], pool: list[str], seen: set[str]) -> Generated:
    """Post number `i` of the corpus (depends only on i, seed and the templates)."""
    rng = random.Random(f"newsreader-bench:{seed}:{i}")
    t = templates[rng.randrange(len(templates))]
    date = START + timedelta(seconds=rng.randrange(SPAN_SECONDS))
    category = CATEGORIES[_skewed(rng, len(CATEGORIES))]
    tags = sorted({TAGS[_skewed(rng, len(TAGS))] for _ in range(rng.randint(1, 3))}, key=TAGS.index)
    base = vary_numbers(t.title, rng, 0.5) if t.title else "无题"
    if t.english:
        title = f"{rng.choice(REGIONS_EN)}: {base}"
    else:
        title = rng.choice(TITLE_FORMS).format(region=rng.choice(REGIONS), title=base)
    n = 1
    unique = title
    while unique in seen:  # keep titles unique: number the follow-ups as a newsroom would
        n += 1
        unique = f"{title}（{n}）" if not t.english else f"{title} ({n})"
    seen.add(unique)
    lead = lead_paragraph(rng, date.year, t.english)
    borrowed = "".join(vary_numbers(rng.choice(pool), rng) for _ in range(rng.randint(0, 3)))
    body = vary_numbers(t.body, rng)
    parts = [lead, body.strip("\n")] + ([borrowed] if borrowed and not t.english else [])
    front = (f"---\nlayout: post\ntitle: {_yaml_string(unique)}\n"
             f"date: {date:%Y-%m-%d %H:%M:%S} +0800\ncategories: {category}\ntags: {' '.join(tags)}\n---\n")
    name = f"{date:%Y-%m-%d}-{date:%H%M%S}{i:07d}.md"
    return Generated(name, unique, date, front + "\n\n".join(parts) + "\n")


def corpus_path(size: int, seed: int, digest: str) -> Path:
    """Where the corpus of this (size, seed, source hash) is cached."""
    return CORPORA / f"n{size}-s{seed}-{digest}"


def generate(size: int, seed: int = 1, sources: list[Path] | None = None, *, force: bool = False) -> Path:
    """The folder of a generated Jekyll site of `size` posts (made now unless cached)."""
    sources = sources or default_sources()
    digest = source_hash(sources)
    target = corpus_path(size, seed, digest)
    if (target / "manifest.json").is_file() and not force:
        return target
    templates = load_templates(sources)
    pool = sentence_pool(templates)
    work = target.with_name(target.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    (work / "_posts").mkdir(parents=True)
    (work / "_config.yml").write_text("title: newsreader benchmark corpus\ntimezone: Asia/Shanghai\n"
                                      "markdown: kramdown\nexclude: [manifest.json]\n", encoding="utf-8")
    seen: set[str] = set()
    newest: Generated | None = None
    total = 0
    for i in range(size):
        post = make_post(i, seed, templates, pool, seen)
        data = post.text.encode("utf-8")
        (work / "_posts" / post.name).write_bytes(data)
        total += len(data)
        if newest is None or (post.date, post.name) > (newest.date, newest.name):
            newest = post
    assert newest is not None
    manifest = {"size": size, "seed": seed, "source_hash": digest, "generator": GENERATOR_VERSION,
                "sources": [str(s) for s in sources], "templates": len(templates), "bytes": total,
                "newest_title": newest.title, "newest_file": newest.name}
    (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    os.replace(work, target)
    return target


def big_post(target_bytes: int = 1 << 20, seed: int = 1, sources: list[Path] | None = None) -> Path:
    """A single post of about `target_bytes` (long report bodies end to end), cached like a corpus."""
    sources = sources or default_sources()
    digest = source_hash(sources)
    folder = CORPORA / f"big{target_bytes}-s{seed}-{digest}" / "_posts"
    path = folder / "2025-06-30-big-report.md"
    if path.is_file():
        return path
    templates = sorted(load_templates(sources), key=lambda t: -len(t.body))[:8]
    rng = random.Random(f"newsreader-bench-big:{seed}")
    chunks, size = [], 0
    while size < target_bytes:
        body = vary_numbers(templates[len(chunks) % len(templates)].body, rng).strip("\n")
        chunks.append(body)
        size += len(body.encode("utf-8")) + 2
    front = ('---\nlayout: post\ntitle: "汇编：历年政府工作报告全文"\ndate: 2025-06-30 09:00:00 +0800\n'
             "categories: zhengfugongzuobaogao\ntags: 政府工作报告\n---\n")
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".partial")
    tmp.write_text(front + "\n\n".join(chunks) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: generate (or find cached) corpora and print their folders."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, action="append", required=True, help="posts (repeatable)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", action="append", help="sample folders (default: samples + ../shared/corpus)")
    parser.add_argument("--force", action="store_true", help="regenerate even when cached")
    args = parser.parse_args(argv)
    sources = [Path(s) for s in args.source] if args.source else None
    for size in args.size:
        print(generate(size, args.seed, sources, force=args.force))
    return 0


if __name__ == "__main__":
    sys.exit(main())
