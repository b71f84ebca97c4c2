"""Checks on the bundled sample site (sample_posts/), independent of the loader.

The sample set is test material and the demo of the product, so it must keep
every format oddity the reader is expected to survive. Each check scans the raw
files; a tiny front-matter splitter is used instead of the project's loader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

SAMPLES = Path(__file__).resolve().parents[1] / "sample_posts"
POST_SUFFIXES = {".md", ".markdown", ".html"}
CJK = re.compile(r"[\u3400-\u9fff]")
FOOTER = re.compile(r"\[返回[^\]]*\]\((?://|\.\./)[^)]*\)")


@dataclass
class Sample:
    """One sample file split into its raw front matter and body."""

    rel: str  # path relative to sample_posts, POSIX separators
    text: str
    front: str  # raw front matter between the --- lines ("" when missing)
    body: str

    @property
    def fields(self) -> dict:
        """Front matter as a dict: YAML when it parses, else naive `key: value` lines."""
        try:
            data = yaml.safe_load(self.front)
            if isinstance(data, dict):
                return data
        except yaml.YAMLError:
            pass
        pairs = (line.split(":", 1) for line in self.front.splitlines() if ":" in line)
        return {k.strip(): v.strip().strip('"') for k, v in pairs}

    def raw(self, key: str) -> str | None:
        """The raw text after `key:` on its front-matter line, or None."""
        m = re.search(rf"^{key}:(.*)$", self.front, re.M)
        return m.group(1) if m else None

    def categories(self) -> set[str]:
        """Categories from the folder path plus `categories`/`category` in front matter."""
        cats = set(Path(self.rel).parts[:-2])  # <cat>/.../_posts/<file>
        for key in ("categories", "category"):
            cats |= _words(self.fields.get(key))
        return cats

    def tags(self) -> set[str]:
        """Tags from front matter, as a list or a space-separated string."""
        return _words(self.fields.get("tags"))


def _words(value) -> set[str]:
    """Split a Jekyll list-or-string value into words."""
    if value is None:
        return set()
    if isinstance(value, list):
        return {str(v) for v in value}
    return set(str(value).split())


def _split(rel: str, text: str) -> Sample:
    """Split a post at its front-matter fences, allowing blank lines before the first."""
    m = re.match(r"\s*---\n(.*?)\n---[ \t]*(?:\n|$)(.*)", text, re.S)
    if not m:
        return Sample(rel, text, "", text)
    return Sample(rel, text, m.group(1), m.group(2))


def _post_paths() -> list[Path]:
    """Every post file: .md/.html files inside a `_posts` folder."""
    return sorted(
        p for p in SAMPLES.rglob("*")
        if p.is_file() and "_posts" in p.relative_to(SAMPLES).parts and p.suffix in POST_SUFFIXES
    )


@pytest.fixture(scope="module")
def samples() -> list[Sample]:
    """All sample posts, read once."""
    if not SAMPLES.is_dir():
        pytest.fail(f"sample_posts/ is missing at {SAMPLES}")
    return [
        _split(p.relative_to(SAMPLES).as_posix(), p.read_text(encoding="utf-8"))
        for p in _post_paths()
    ]


def test_at_least_40_posts(samples):
    assert len(samples) >= 40


def test_only_posts_and_config_in_site():
    stray = [
        p.relative_to(SAMPLES).as_posix() for p in SAMPLES.rglob("*")
        if p.is_file() and p.name != "_config.yml" and p not in set(_post_paths())
    ]
    assert stray == []
    assert (SAMPLES / "_config.yml").is_file()


def test_site_config():
    config = yaml.safe_load((SAMPLES / "_config.yml").read_text(encoding="utf-8"))
    assert config["timezone"] == "Asia/Shanghai"
    assert config["lang"] == "zh-CN"
    assert config["title"]


def test_every_file_is_clean_utf8():
    for path in SAMPLES.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            text = raw.decode("utf-8")  # raises on invalid UTF-8
            assert not raw.startswith(b"\xef\xbb\xbf"), path
            # Only newlines: no CR, tabs or other control characters.
            assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", text), path


def test_every_post_has_front_matter_with_layout(samples):
    for s in samples:
        assert s.front, s.rel
        assert s.raw("layout") == " post", s.rel
        assert s.raw("title") is not None, s.rel
        assert s.raw("date") is not None, s.rel


def test_titles_are_double_quoted(samples):
    for s in samples:
        title = s.raw("title")
        assert title.startswith(' "') and title.endswith('"'), s.rel


def test_category_and_tag_variety(samples):
    categories = set().union(*(s.categories() for s in samples))
    tags = set().union(*(s.tags() for s in samples))
    assert len(categories) >= 6, categories
    assert len(tags) >= 8, tags
    for slug in ("caijing", "hongguan", "gupiao", "difang", "keji", "zhengfugongzuobaogao", "guoji"):
        assert slug in categories


def test_dates_span_2019_to_2026(samples):
    years = set()
    for s in samples:
        m = re.match(r"(\d{4})-\d{2}-\d{2}-", Path(s.rel).name) or re.match(
            r"\s*(\d{4})-", s.raw("date") or ""
        )
        if m:
            years.add(int(m.group(1)))
    assert {2019, 2026} <= years
    assert len(years) >= 6
    months = {Path(s.rel).name[5:7] for s in samples if re.match(r"\d{4}-", Path(s.rel).name)}
    assert len(months) >= 8


def test_a_few_english_posts(samples):
    def is_english(s: Sample) -> bool:
        text = FOOTER.sub("", s.body) + str(s.fields.get("title") or "")
        return bool(s.fields.get("title")) and not CJK.search(text)

    english = [s.rel for s in samples if is_english(s)]
    assert 3 <= len(english) <= 5, english


def test_mostly_chinese(samples):
    chinese = [s for s in samples if CJK.search(s.body)]
    assert len(chinese) >= 0.8 * len(samples)


def test_work_report_posts_have_targets_and_results(samples):
    target_cues = ("预期目标", "力争", "以内", "左右", "以上")
    result_cues = ("过去一年", "过去的一年", "过去5年", "任期以来", "比上年", "累计")
    reports = [
        s for s in samples
        if "政府工作报告" in s.tags()
        and sum(cue in s.body for cue in target_cues) >= 4
        and any(cue in s.body for cue in result_cues)
    ]
    assert len(reports) >= 6, [s.rel for s in reports]
    # The report vocabulary the extractor is tested on appears somewhere in them.
    joined = "".join(s.body for s in reports)
    for word in ("百分点", "万人", "亿元", "今后5年", "到2027年", "5%—5.5%", "控制在5.5%以内"):
        assert word in joined, word


def test_posts_covering_two_governments(samples):
    # A bold section heading "<place>：…" per government, as in the seed post.
    heading = re.compile(r"<p><strong>([\u4e00-\u9fff]{2,4})：")
    two_gov = [s.rel for s in samples if len(set(heading.findall(s.body))) >= 2]
    assert len(two_gov) >= 2, two_gov


def test_non_targets_present_for_the_extractor(samples):
    joined = "".join(s.body for s in samples)
    assert "“1221”战略" in joined
    assert "第四届" in joined
    assert re.search(r"\d+条措施", joined)
    assert re.search(r"（6\d{5}）|（0\d{5}）", joined)  # a stock code
    assert re.search(r"\d{4}-\d{7,8}", joined)  # a phone number


def test_archive_body_conventions(samples):
    assert sum(bool(FOOTER.search(s.body)) for s in samples) >= len(samples) // 2
    assert any(re.search(r"^> \S", s.body, re.M) for s in samples)  # Markdown digest
    assert any(re.search(r"^<http://[^>]+>$", s.body, re.M) for s in samples)
    assert any(re.search(r"^<>$", s.body, re.M) for s in samples)  # empty autolink
    assert any(re.search(r"^ <p>", s.body, re.M) for s in samples)  # indented raw HTML
    ends = {s.text.endswith("\n") for s in samples}
    assert ends == {True, False}  # some files end with a newline, most do not


def test_images_use_remote_urls(samples):
    for s in samples:
        for src in re.findall(r"<img[^>]*\ssrc=\"([^\"]*)\"", s.body):
            assert re.match(r"https?://", src), (s.rel, src)


def _broken_title(s: Sample) -> bool:
    """The title has a bare `"` inside its quotes, so the front matter is not valid YAML."""
    title = s.raw("title") or ""
    if not re.fullmatch(r' ".*".*"', title):
        return False
    try:
        yaml.safe_load(s.front)
    except yaml.YAMLError:
        return True
    return False


HARD_CASES = {
    "misnested strong across <p>": lambda s: re.search(r"<p><strong>[^<]*</p>\s*<p></strong>", s.body),
    "title with unescaped quote": _broken_title,
    "file name without a date": lambda s: Path(s.rel).name.startswith("-"),
    "empty title": lambda s: s.raw("title") == ' ""',
    "date that is only +0800": lambda s: s.raw("date") == "  +0800",
    "blank line before front matter": lambda s: s.text.startswith("\n---\n"),
    "table": lambda s: "<table" in s.body,
    "img with alt text": lambda s: re.search(r"<img[^>]*\salt=\"[^\"]+\"", s.body),
    "post over 30,000 characters": lambda s: len(s.text) > 30_000,
    "empty body": lambda s: s.front and not s.body.strip(),
    "categories as flow list": lambda s: re.match(r" \[[^\]]+,[^\]]+\]", s.raw("categories") or ""),
    "categories as block list": lambda s: re.search(r"^categories:\s*\n(\s+- \S+\n?)+", s.front, re.M),
    "categories as space-separated string": lambda s: re.fullmatch(r" [a-z]+( [a-z]+)+", s.raw("categories") or ""),
    "tags as a list": lambda s: isinstance(s.fields.get("tags"), list),
    "singular category key": lambda s: s.raw("category") is not None,
    "naive date": lambda s: re.fullmatch(r" \d{4}-\d\d-\d\d \d\d:\d\d:\d\d", s.raw("date") or ""),
    "date with +0800 offset": lambda s: re.fullmatch(r" \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0800", s.raw("date") or ""),
    "date without time": lambda s: re.fullmatch(r" \d{4}-\d\d-\d\d", s.raw("date") or ""),
    "post in a category folder": lambda s: not s.rel.startswith("_posts/"),
    "category folder post without categories key": lambda s: not s.rel.startswith("_posts/")
    and s.raw("categories") is None and s.raw("category") is None,
    ".html post": lambda s: s.rel.endswith(".html"),
    "markdown heading": lambda s: re.search(r"^## \S", s.body, re.M),
    "markdown list": lambda s: re.search(r"^- \S", s.body, re.M),
    "markdown link": lambda s: re.search(r"\[[^\]]+\]\(https?://[^)]+\)", s.body),
    "protocol-relative link in the text": lambda s: re.search(r"href=\"//|[^\n]\]\(//", s.body),
    "script element": lambda s: "<script" in s.body,
    "html comment": lambda s: "<!--" in s.body,
    "rich-markup-like title and body": lambda s: "[bold]" in (s.raw("title") or "") and "[/]" in s.body,
}


@pytest.mark.parametrize("case", sorted(HARD_CASES))
def test_hard_case_is_present(samples, case):
    matches = [s.rel for s in samples if HARD_CASES[case](s)]
    assert matches, f"no sample post exercises: {case}"


def test_main_hard_cases_live_in_separate_posts(samples):
    # Each headline oddity should be isolated so a failure points at one cause.
    cases = [
        "misnested strong across <p>", "title with unescaped quote", "table",
        "img with alt text", "post over 30,000 characters", "empty body",
        "rich-markup-like title and body", "script element",
    ]
    owners = [next(s.rel for s in samples if HARD_CASES[c](s)) for c in cases]
    assert len(set(owners)) == len(owners), dict(zip(cases, owners))
