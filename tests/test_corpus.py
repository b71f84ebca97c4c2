"""The corpus loader: discovery as Jekyll does it, lenient front matter, dates, encodings."""

from __future__ import annotations

import os
from collections import Counter
from datetime import UTC, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from conftest import write

from newsreader.corpus import SourceError, discover, load_paths
from newsreader.corpus.dates import parse_date, zone
from newsreader.corpus.decode import decode_bytes
from newsreader.corpus.frontmatter import parse_front_matter, split_front_matter

CST = timezone(timedelta(hours=8))


def one(path: Path):
    posts, skipped = load_paths([str(path)])
    assert not skipped
    assert len(posts) == 1
    return posts[0]


# -- front matter ---------------------------------------------------------------------------


def test_split_after_blank_lines():
    fm, body, warnings, fmt = split_front_matter('\n\n---\ntitle: "x"\n---\n<p>body</p>')
    assert fm == 'title: "x"\n' and fmt == "yaml"
    assert body == "<p>body</p>"
    assert warnings == ["blank lines before the front matter"]
    # Hexo and Hugo read such files without a word: no warning where the generator does not warn
    assert split_front_matter("\n---\ntitle: x\n---\nbody", blank_lines_warn=False).warnings == []


def test_no_front_matter_is_all_body():
    assert split_front_matter("# Heading\ntext")[:3] == (None, "# Heading\ntext", [])


def test_unclosed_front_matter_keeps_the_fields_and_the_rest_as_body():
    fm, body, warnings, _ = split_front_matter("---\ntitle: A\ndate: 2022-01-01\n<p>text</p>\n")
    assert parse_front_matter(fm)[0]["title"] == "A"
    assert body == "<p>text</p>\n"
    assert "never closed" in warnings[0]


@pytest.mark.parametrize(
    "fm, key, expected",
    [
        ('title: "他说"稳增长"是首要任务"\n', "title", '他说"稳增长"是首要任务'),
        ("title:\t\"tabbed\"\ncategories: a b\n", "title", "tabbed"),
        ("title: a: b: c\n", "title", "a: b: c"),
        ("categories:\n  - one\n  - two\n", "categories", ["one", "two"]),
        ("tags: [x, 'y z']\n", "tags", ["x", "y z"]),
    ],
)
def test_line_parser_recovers_what_yaml_cannot(fm, key, expected):
    data, warnings = parse_front_matter(fm + "bad: [unclosed\n")
    assert data[key] == expected
    assert warnings and "line by line" in warnings[0]


def test_yaml_alias_bomb_is_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        lines.append(f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [" + ",".join([f"*{prev}"] * 9) + "]")
    data, warnings = parse_front_matter("title: bomb\n" + "\n".join(lines) + "\n")
    assert data["title"] == "bomb"
    assert "aliases" in warnings[0]


# -- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2021-12-08 10:19:17 +0800", datetime(2021, 12, 8, 10, 19, 17, tzinfo=CST)),
        ("2021-12-08T10:19:17+08:00", datetime(2021, 12, 8, 10, 19, 17, tzinfo=CST)),
        ("2021-12-08", datetime(2021, 12, 8, tzinfo=UTC)),
        (datetime(2021, 12, 8, 10, 46, 18), datetime(2021, 12, 8, 10, 46, 18, tzinfo=UTC)),
        # ISO 8601 in its other spellings; the site's zone (here UTC) for values without an offset
        ("2022-04-12T02:27:27Z", datetime(2022, 4, 12, 2, 27, 27, tzinfo=UTC)),
        ("2022-04-12 10:27:27.250+08", datetime(2022, 4, 12, 10, 27, 27, 250000, tzinfo=CST)),
        ("2022-04-12 02:27:27 UTC", datetime(2022, 4, 12, 2, 27, 27, tzinfo=UTC)),
        ("2022-04-12T10:27", datetime(2022, 4, 12, 10, 27, tzinfo=UTC)),
        ("2022/04/12", datetime(2022, 4, 12, tzinfo=UTC)),
        ("2022/4/2 9:05:01", datetime(2022, 4, 2, 9, 5, 1, tzinfo=UTC)),
        # RFC 2822 / RFC 1123, as feed mirrors write them
        ("Tue, 12 Apr 2022 02:27:27 GMT", datetime(2022, 4, 12, 2, 27, 27, tzinfo=UTC)),
        ("Tue, 12 Apr 2022 10:27:27 +0800", datetime(2022, 4, 12, 10, 27, 27, tzinfo=CST)),
        ("12 April 2022 10:27 +0800", datetime(2022, 4, 12, 10, 27, tzinfo=CST)),
        ("Sun, 6 Nov 94 08:49:37 EST", datetime(1994, 11, 6, 8, 49, 37, tzinfo=timezone(timedelta(hours=-5)))),
        ("Tue Apr 12 2022 10:27:27 GMT+0800 (中国标准时间)", datetime(2022, 4, 12, 10, 27, 27, tzinfo=CST)),
        # Chinese dates, full-width digits included
        ("2022年4月12日", datetime(2022, 4, 12, tzinfo=UTC)),
        ("2022年04月12日 10:27", datetime(2022, 4, 12, 10, 27, tzinfo=UTC)),
        ("２０２２年４月１２日　１０时２７分３０秒", datetime(2022, 4, 12, 10, 27, 30, tzinfo=UTC)),
        # seconds (or milliseconds) since the epoch, as a number or as text
        (1649730447, datetime(2022, 4, 12, 2, 27, 27, tzinfo=UTC)),
        ("1649730447", datetime(2022, 4, 12, 2, 27, 27, tzinfo=UTC)),
        ("1649730447000", datetime(2022, 4, 12, 2, 27, 27, tzinfo=UTC)),
    ],
)
def test_dates(value, expected):
    parsed, warning = parse_date(value, UTC)
    assert warning is None
    assert parsed == expected and parsed.utcoffset() == expected.utcoffset()


def test_naive_dates_take_the_site_zone():
    shanghai = zone("Asia/Shanghai")
    for value in ("2022-04-12 10:27", "2022年4月12日 10:27", "12 Apr 2022 10:27"):
        parsed, _ = parse_date(value, shanghai)
        assert parsed.isoformat() == "2022-04-12T10:27:00+08:00", value
    parsed, _ = parse_date("Tue, 12 Apr 2022 02:27:27 GMT", shanghai)  # an offset given wins
    assert parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize("value", [" +0800", "yesterday", "2022-13-45", "99999-01-01", "Invalid Date",
                                   "Mon, 31 Apr 2022 00:00:00 GMT", "0000-01-01", 2022, "99999999999999999999",
                                   1e30, True, ["2022-01-01"], time(10, 0), "2022年13月1日"])
def test_unreadable_dates_warn(value):
    parsed, warning = parse_date(value)
    assert parsed is None and warning


def test_a_warning_quotes_the_value():
    assert parse_date("Invalid Date") == (None, "date 'Invalid Date' could not be read")


# -- encodings -------------------------------------------------------------------------------


def test_encodings():
    text = "地区生产总值增长6.8%"
    assert decode_bytes(text.encode("utf-8")) == (text, [])
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, [])
    decoded, warnings = decode_bytes(text.encode("gb18030"))
    assert decoded == text and "GB18030" in warnings[0]
    decoded, warnings = decode_bytes(text.encode("utf-16"))
    assert decoded == text and "UTF-16" in warnings[0]
    decoded, warnings = decode_bytes(b"ok \xff\xfe\xfd bad\x00")
    assert decoded.startswith("ok ") and "\x00" not in decoded and len(warnings) == 2


# -- posts and discovery ------------------------------------------------------------------------


def test_jekyll_site_semantics(tmp_path):
    site = tmp_path / "site"
    write(site / "_config.yml", "title: x\ntimezone: Asia/Shanghai\n")
    write(site / "_posts/2022-02-28-a.md", '---\ntitle: "A"\ndate: 2022-02-28 07:37:36\n'
          "categories: caijing gupiao\ntags: [宏观, A股]\n---\n<p>a</p>")
    write(site / "difang/_posts/2021-01-02-b.md", "---\ntitle: B\ncategory: 两会 特刊\ntag: x\n---\nb")
    write(site / "_drafts/c.md", "---\ntitle: C\n---\nc")
    write(site / "about.md", "---\ntitle: About\n---\npage, not a post")
    write(site / "_site/2022-01-01-copy.md", "---\ntitle: built copy\n---\n")
    posts, skipped = load_paths([str(site)])
    by_id = {p.id: p for p in posts}
    assert set(by_id) == {"_posts/2022-02-28-a.md", "difang/_posts/2021-01-02-b.md"}
    a, b = by_id["_posts/2022-02-28-a.md"], by_id["difang/_posts/2021-01-02-b.md"]
    assert a.date == datetime(2022, 2, 28, 7, 37, 36, tzinfo=CST) and a.date.utcoffset() == timedelta(hours=8)
    assert a.categories == ["caijing", "gupiao"] and a.tags == ["宏观", "A股"]
    assert b.categories == ["difang", "两会 特刊"] and b.tags == ["x"]
    assert b.date.date().isoformat() == "2021-01-02"  # from the file name
    drafts, _ = load_paths([str(site)], drafts=True)
    assert "_drafts/c.md" in {p.id for p in drafts}


def test_folder_of_posts_and_txt_with_front_matter(tmp_path):
    write(tmp_path / "a/one.md", "# Heading One\n\ntext")
    write(tmp_path / "a/two.txt", "---\ntitle: Two\n---\nbody")
    write(tmp_path / "a/notes.txt", "just notes")
    write(tmp_path / "b/three.html", "<h1>Three</h1><p>x</p>")
    posts, _ = load_paths([str(tmp_path)])
    titles = {p.id: p.title for p in posts}
    assert titles == {"a/one.md": "Heading One", "a/two.txt": "Two", "b/three.html": "Three"}
    undated = [p for p in posts if p.date is None]
    assert len(undated) == 3


def test_single_file_of_any_extension(tmp_path):
    post = one(write(tmp_path / "x.post", "---\ntitle: Any\n---\nbody"))
    assert post.id == "x.post" and post.title == "Any" and post.body == "body"


def test_no_title_falls_back_to_file_name(tmp_path):
    assert one(write(tmp_path / "2020-01-01-plain.md", "no heading here")).title == "2020-01-01-plain"


def test_missing_path_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        discover([str(tmp_path / "nope")])


def test_same_relative_id_in_two_sources_is_kept_apart(tmp_path):
    write(tmp_path / "s1/_posts/2020-01-01-a.md", "---\ntitle: one\n---\n")
    write(tmp_path / "s2/_posts/2020-01-01-a.md", "---\ntitle: two\n---\n")
    posts, _ = load_paths([str(tmp_path / "s1"), str(tmp_path / "s2")])
    assert len({p.id for p in posts}) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read mode-000 files")
def test_unreadable_file_is_skipped_with_reason(tmp_path):
    bad = write(tmp_path / "bad.md", "---\ntitle: x\n---\n")
    bad.chmod(0)
    try:
        posts, skipped = load_paths([str(tmp_path)])
    finally:
        bad.chmod(0o644)
    assert posts == [] and skipped[0].reason == "permission denied"


def test_symlinks_outside_the_source_and_loops_are_skipped(tmp_path):
    outside = write(tmp_path / "outside.md", "---\ntitle: secret\n---\n")
    src = tmp_path / "src"
    write(src / "ok.md", "---\ntitle: ok\n---\n")
    os.symlink(outside, src / "link.md")
    os.symlink(src / "loop.md", src / "loop.md")
    os.symlink(src, src / "again")  # a folder loop is not followed
    posts, skipped = load_paths([str(src)])
    assert [p.title for p in posts] == ["ok"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert "outside" in reasons["link.md"]
    assert "symbolic links" in reasons["loop.md"]


# -- the real corpora ---------------------------------------------------------------------------


def test_every_sample_post_loads(samples):
    posts, skipped = load_paths([str(samples)])
    assert skipped == []
    assert len(posts) >= 40
    assert all(p.title or p.body or p.warnings for p in posts)


def test_finews_corpus(shared):
    posts, skipped = load_paths([str(shared / "corpus/finews")])
    assert skipped == [] and len(posts) == 151
    by_name = {p.name: p for p in posts}
    dateless = by_name["-202205262391921712.md"]
    assert dateless.title == "" and dateless.date is None and dateless.categories == ["emnews"]
    blank_first = by_name["2021-12-08-202112082206703990.md"]
    assert blank_first.title.startswith("FF：有充足的现金")
    assert blank_first.date.isoformat() == "2021-12-08T10:18:31+08:00"  # site timezone applied
    with_offset = by_name["2021-12-08-202112082206704122.md"]
    assert with_offset.date.isoformat() == "2021-12-08T10:19:17+08:00"
    assert by_name["2021-12-01-init.md"].categories == ["sitenews"]


KNOWN_SIZES = {"finews": 151, "seed": 1, "reports": 10, "chains": 27, "dev2": 30, "hugo": 16}


def test_whole_shared_corpus(shared):
    posts, skipped = load_paths([str(shared / "corpus")])
    assert skipped == []
    by_folder = Counter(Path(p.path).relative_to(shared / "corpus").parts[0] for p in posts)
    # the folders whose size their READMEs state (the corpus may gain folders)
    assert {k: by_folder[k] for k in KNOWN_SIZES} == KNOWN_SIZES
    manifest = (shared / "corpus/dev2/MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    listed = {p.path for p in posts}
    assert all(str(shared / "corpus/dev2" / line.split("\t")[0]) in listed for line in manifest)
    seed = next(p for p in posts if p.name == "000_63ab272a677ebdc1.txt")
    assert seed.title == "今年怎么干 吕梁晋中亮出方案" and seed.categories == ["shanxiwanbao"]


def test_dev2_hexo_feed_mirror(shared):
    posts, skipped = load_paths([str(shared / "corpus/dev2")])
    assert skipped == [] and len(posts) == 30  # the README beside the three sites is no post
    hexo = [p for p in posts if "/source/_posts/" in p.path]
    assert len(hexo) == 27
    undated = [p for p in hexo if p.date is None]
    assert [p.warnings for p in undated] == [["date 'Invalid Date' could not be read"]]
    assert all(p.warnings == [] for p in hexo if p.date is not None)  # no word about the blank first line
    manifest = {line.split("\t")[0]: line.split("\t")[3]
                for line in (shared / "corpus/dev2/MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]}
    for post in hexo:
        raw = manifest[str(Path(post.path).relative_to(shared / "corpus/dev2"))]
        if post.date is not None:
            assert post.date.strftime("%a, %d %b %Y %H:%M:%S GMT") == raw
    assert not any("source" in p.categories for p in posts)
    finance = [p for p in hexo if p.category_paths[0] == "金融"]
    assert {p.category_paths[1] for p in finance} == {"金融/新浪财经", "金融/财联社", "金融/每经网", "金融/格隆汇"}
    sina = next(p for p in finance if p.category_paths[1] == "金融/新浪财经")
    assert sina.category_paths == ["金融", "金融/新浪财经", "金融/新浪财经/新浪财经－国內"]
    hugo = next(p for p in posts if p.name == "index.md")  # a Hugo page in a folder without its config
    assert hugo.date.isoformat() == "2022-01-21T00:00:00+00:00"  # publishDate


def _expected_hugo_pages(text: str) -> dict[str, tuple[str, str | None, str, list[str]]]:
    """EXPECTED.md's tables: {site/content/file: (title, date as Hugo reads it, section, categories)}."""
    pages, site = {}, None
    for line in text.splitlines():
        if line.startswith("## ") and "+" in line:
            site = line.split()[2]
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if site and len(cells) >= 9 and cells[0].isdigit():
            date = cells[3].split(" ")[0]
            categories = [] if cells[6] in ("—", "") else [c.strip() for c in cells[6].split(",")]
            section = cells[5].split(" ")[0].strip('"')  # `"" (empty)` for a page at the top
            pages[f"{site}/content/{cells[1].strip('`')}"] = (cells[2], None if date == "—" else date, section,
                                                              categories)
    return pages


def test_hugo_sites_list_what_hugo_lists(shared):
    expected = _expected_hugo_pages((shared / "corpus/hugo/EXPECTED.md").read_text(encoding="utf-8"))
    assert len(expected) == 16
    posts, skipped = load_paths([str(shared / "corpus/hugo")])
    assert skipped == []
    listed = {str(Path(p.path).relative_to(shared / "corpus/hugo")): p for p in posts}
    assert set(listed) == set(expected)
    for name, (title, date, section, categories) in expected.items():
        post = listed[name]
        assert post.title == title, name
        assert post.date_iso() == date, name
        assert post.categories == ([section, *categories] if section else categories), name
