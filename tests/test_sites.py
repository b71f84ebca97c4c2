"""Site kinds read as their generators read them: Hexo, Hugo, Jekyll, plain folders; front
matter in YAML, TOML and JSON; hierarchical categories. Every site is written by the test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import write

from newsreader.corpus import load_paths
from newsreader.corpus.categories import category_key, hexo_paths, leaf_paths, parents, path_keys
from newsreader.corpus.frontmatter import parse_front_matter, split_front_matter
from newsreader.corpus.sites import FOLDER, HEXO, HUGO, JEKYLL, site_at

CST = timezone(timedelta(hours=8))

HEXO_CONFIG = "title: 东澜快讯\nnew_post_name: :title.md\ntimezone: Asia/Shanghai\n"
HEXO_POST = ("\n---\ntitle: '云川市一季度GDP增长6.1%'\ncategories: \n - 金融\n - 东澜财经\n - 东澜财经－地方\n"
             "tags: [宏观]\ndate: Tue, 12 Apr 2022 02:27:27 GMT\n---\n\n<div><p>正文</p></div>\n            ")


def by_id(paths: list[Path], **options):
    posts, skipped = load_paths([str(p) for p in paths], **options)
    return {p.id: p for p in posts}, skipped


# -- Hexo --------------------------------------------------------------------------------------


@pytest.fixture
def hexo(tmp_path: Path) -> Path:
    blog = tmp_path / "blog"
    write(blog / "_config.yml", HEXO_CONFIG)
    write(blog / "source/_posts/金融/东澜财经/东澜财经－地方/云川.md", HEXO_POST)
    write(blog / "source/_posts/金融/江州日报/江州.md",
          "---\ntitle: 江州\ncategories: [[金融, 江州日报], [地方]]\ndate: 2022/4/12 09:00\n---\nx")
    write(blog / "source/_posts/科技/无日期.md", "\n---\ntitle: 无日期\ncategories: 科技\ndate: Invalid Date\n---\nx")
    write(blog / "source/_posts/_隐藏.md", "---\ntitle: hidden\n---\n")
    write(blog / "source/_drafts/草稿.md", "---\ntitle: 草稿\n---\n")
    write(blog / "source/about/index.md", "---\ntitle: 关于\n---\n")  # a page, not a post
    return blog


def test_hexo_posts_categories_and_dates(hexo):
    assert site_at(hexo).kind == HEXO
    posts, skipped = by_id([hexo])
    assert skipped == []
    assert set(posts) == {"source/_posts/金融/东澜财经/东澜财经－地方/云川.md", "source/_posts/金融/江州日报/江州.md",
                          "source/_posts/科技/无日期.md"}
    post = posts["source/_posts/金融/东澜财经/东澜财经－地方/云川.md"]
    # the front matter's list is one hierarchy; the folders (and `source`) are no categories
    assert post.categories == ["金融", "东澜财经", "东澜财经－地方"]
    assert post.category_paths == ["金融", "金融/东澜财经", "金融/东澜财经/东澜财经－地方"]
    assert post.tags == ["宏观"]
    # an RFC 1123 date, shown in the site's time zone; the leading blank line is Hexo's normal
    assert post.date.isoformat() == "2022-04-12T10:27:27+08:00"
    assert post.warnings == []
    two = posts["source/_posts/金融/江州日报/江州.md"]
    assert two.category_paths == ["金融", "金融/江州日报", "地方"]  # a list of lists: several paths
    assert two.date.isoformat() == "2022-04-12T09:00:00+08:00"  # naive: the site's zone
    undated = posts["source/_posts/科技/无日期.md"]
    assert undated.date is None and undated.warnings == ["date 'Invalid Date' could not be read"]
    assert undated.category_paths == ["科技"]
    drafts, _ = by_id([hexo], drafts=True)
    assert "source/_drafts/草稿.md" in drafts


@pytest.mark.parametrize("sign", ["scaffolds", "package.json", "nothing"])
def test_hexo_is_recognised_without_its_config(tmp_path, sign):
    blog = tmp_path / "blog"
    write(blog / "source/_posts/a.md", HEXO_POST)
    if sign == "scaffolds":
        write(blog / "scaffolds/post.md", "---\ntitle: {{ title }}\n---\n")
        write(blog / "_config.yml", "title: x\n")
    elif sign == "package.json":
        write(blog / "package.json", '{"dependencies": {"hexo": "^6.0.0"}}')
    site = site_at(blog)
    assert site.kind == HEXO and site.timezone is None
    (post,) = by_id([blog])[0].values()
    assert post.date == datetime(2022, 4, 12, 2, 27, 27, tzinfo=UTC) and post.warnings == []


def test_hexo_source_dir_from_its_config(tmp_path):
    write(tmp_path / "blog/_config.yml", "source_dir: src  # where the posts are\n")
    write(tmp_path / "blog/src/_posts/a.md", "---\ntitle: a\n---\n")
    write(tmp_path / "blog/source/_posts/b.md", "---\ntitle: b\n---\n")
    assert set(by_id([tmp_path / "blog"])[0]) == {"src/_posts/a.md"}


def test_a_folder_or_file_inside_a_site_keeps_its_rules(hexo):
    inner = hexo / "source/_posts/金融"
    posts, _ = by_id([inner])
    post = posts["东澜财经/东澜财经－地方/云川.md"]
    assert post.category_paths[-1] == "金融/东澜财经/东澜财经－地方" and post.warnings == []
    (single,) = by_id([inner / "东澜财经/东澜财经－地方/云川.md"])[0].values()
    assert single.category_paths == post.category_paths and single.date == post.date and single.warnings == []


def test_hexo_category_forms():
    warnings: list[str] = []
    assert hexo_paths("金融 财经", warnings) == [["金融 财经"]]  # one name: Hexo does not split
    assert hexo_paths(["a", ["b", "c"], "d"], warnings) == [["a", "d"], ["b", "c"]]
    assert hexo_paths(list("abcdefghij"), warnings) == [list("abcdefgh")] and "cut to 8" in warnings[-1]
    assert hexo_paths([{"x": 1}], warnings) == [] and "nested" in warnings[-1]


# -- Hugo --------------------------------------------------------------------------------------


@pytest.fixture
def hugo(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    write(site / "hugo.toml", "baseURL = 'https://example.org/'\ntimeZone = 'Asia/Shanghai'\n")
    write(site / "content/_index.md", "---\ntitle: 首页\n---\n")
    write(site / "content/news/_index.md", "+++\ntitle = '新闻'\n+++\n")
    write(site / "content/news/toml.md",
          "+++\nTitle = '东澜省经济运行'\ndate = 2024-01-05T09:30:00\nCategories = ['经济']\ntags =['统计']\n"
          "draft = false\n\n[[cascade]]\nbanner = 'x'\n\n+++\n正文")
    write(site / "content/news/json.md",
          '{\n  "title": "江州港吞吐量",\n  "date": "2024-02-01",\n  "categories": ["港口", "经济"]\n}\n正文 JSON')
    write(site / "content/news/draft.md", "---\ntitle: 草稿\ndraft: true\n---\n")
    write(site / "content/news/difang/_index.md", "---\ntitle: 地方\n---\n")
    write(site / "content/news/difang/yunchuan.md", "---\ntitle: 云川\npublishDate: 2024-03-01T08:00:00Z\n---\n")
    write(site / "content/news/plain/deep.md", "---\ntitle: 没有 _index 的文件夹\ndate: 2024-03-02\n---\n")
    write(site / "content/news/bundle/index.md", "---\ntitle: 叶子包\ndate: 2024-03-03\n---\n")
    write(site / "content/news/bundle/notes.md", "---\ntitle: 资源，不是页面\n---\n")
    write(site / "content/about.md", "---\ntitle: 关于\n---\n")
    write(site / "themes/x/content/theme.md", "---\ntitle: 主题自带\n---\n")
    return site


def test_hugo_pages_sections_taxonomies_and_formats(hugo):
    assert site_at(hugo).kind == HUGO
    posts, skipped = by_id([hugo])
    assert skipped == []  # a draft is no post (as Jekyll's _drafts/), not a file that failed
    assert set(posts) == {"content/news/toml.md", "content/news/json.md", "content/news/difang/yunchuan.md",
                          "content/news/plain/deep.md", "content/news/bundle/index.md", "content/about.md"}
    toml = posts["content/news/toml.md"]
    assert toml.title == "东澜省经济运行" and toml.body == "正文"  # keys ignore case; the cascade table is not read
    assert toml.category_paths == ["news", "经济"] and toml.tags == ["统计"]
    assert toml.date == datetime(2024, 1, 5, 9, 30, tzinfo=CST) and toml.date.utcoffset() == timedelta(hours=8)
    json_post = posts["content/news/json.md"]
    assert json_post.title == "江州港吞吐量" and json_post.body.strip() == "正文 JSON"
    assert json_post.category_paths == ["news", "港口", "经济"]
    assert json_post.date.isoformat() == "2024-02-01T00:00:00+08:00"
    nested = posts["content/news/difang/yunchuan.md"]
    assert nested.category_paths == ["news", "news/difang"]  # a nested section (it has an _index)
    assert nested.date.isoformat() == "2024-03-01T16:00:00+08:00"  # publishDate, shown in the site's zone
    assert posts["content/news/plain/deep.md"].category_paths == ["news"]  # no _index: not a section
    assert posts["content/news/bundle/index.md"].category_paths == ["news"]
    assert posts["content/about.md"].category_paths == [] and posts["content/about.md"].date is None
    assert all(p.warnings == [] for p in posts.values())
    with_drafts, skipped = by_id([hugo], drafts=True)
    assert "content/news/draft.md" in with_drafts and skipped == []


def test_hugo_without_a_time_zone_reads_naive_dates_as_utc(tmp_path):
    write(tmp_path / "site/hugo.yaml", "title: x\n")
    write(tmp_path / "site/content/posts/a.md", "---\ntitle: a\ndate: 2024-01-05T09:30:00\n---\n")
    write(tmp_path / "site/content/posts/b.md", "---\ntitle: b\ndate: 2024-01-05T09:30:00+08:00\n---\n")
    posts, _ = by_id([tmp_path / "site"])
    assert posts["content/posts/a.md"].date.isoformat() == "2024-01-05T09:30:00+00:00"
    assert posts["content/posts/b.md"].date.isoformat() == "2024-01-05T09:30:00+08:00"  # kept as written


def test_hugo_configuration_forms(tmp_path):
    write(tmp_path / "old/config.toml", "title = 'x'\n")  # config.* beside a content folder
    write(tmp_path / "old/content/a.md", "---\ntitle: a\n---\n")
    write(tmp_path / "dir/config/_default/hugo.yaml", "timeZone: Asia/Shanghai\n")
    write(tmp_path / "dir/content/a.md", "---\ntitle: a\n---\n")
    write(tmp_path / "multi/hugo.json", '{"languages": {"zh": {"contentDir": "content/zh"}, '
                                        '"en": {"contentDir": "content/en"}}, '
                                        '"taxonomies": {"category": "kategorie"}}')
    write(tmp_path / "multi/content/zh/post/a.md", "---\ntitle: a\nkategorie: [经济]\ncategories: [不是分类]\n"
                                                   "tags: [不是标签]\n---\n")
    write(tmp_path / "multi/content/en/post/b.md", "---\ntitle: b\n---\n")
    assert site_at(tmp_path / "old").kind == HUGO
    assert site_at(tmp_path / "dir").timezone == "Asia/Shanghai"
    posts, skipped = by_id([tmp_path / "multi"])
    assert skipped == []
    a = posts["content/zh/post/a.md"]
    assert a.category_paths == ["post", "经济"] and a.tags == []  # the site's own taxonomies only
    assert "content/en/post/b.md" in posts


@pytest.mark.parametrize("config, reason", [
    ("baseURL = 'x\n", "is not valid TOML"),
    ("- just\n- a list\n", "is not a YAML mapping"),
    (b"\xff\xfe\x00bin", "is not UTF-8 text"),
])
def test_a_broken_hugo_config_is_reported_and_defaults_used(tmp_path, config, reason):
    name = "hugo.yaml" if "list" in str(config) else "hugo.toml"
    write(tmp_path / "site" / name, config)
    write(tmp_path / "site/content/posts/a.md", "---\ntitle: a\ndate: 2024-01-05T09:30:00\n---\n")
    posts, skipped = by_id([tmp_path / "site"])
    assert posts["content/posts/a.md"].date.utcoffset() == timedelta(0)  # Hugo's default zone: UTC
    (problem,) = skipped
    assert problem.path.endswith(name) and reason in problem.reason and "Hugo's defaults used" in problem.reason


# -- Jekyll and plain folders ----------------------------------------------------------------------


def test_jekyll_keeps_its_rules(tmp_path):
    write(tmp_path / "site/_config.yml", "timezone: Asia/Shanghai\n")
    write(tmp_path / "site/caijing/_posts/2022-04-12-a.md",
          "\n---\ntitle: a\ncategories: 宏观 股票\ndate: Tue, 12 Apr 2022 02:27:27 GMT\n---\n")
    assert site_at(tmp_path / "site").kind == JEKYLL
    (post,) = by_id([tmp_path / "site"])[0].values()
    assert post.categories == post.category_paths == ["caijing", "宏观", "股票"]  # flat, as Jekyll files them
    assert post.date.isoformat() == "2022-04-12T10:27:27+08:00"
    assert post.warnings == ["blank lines before the front matter"]  # Jekyll would not read it
    # `+++` is no front matter to Jekyll: the text stays body
    write(tmp_path / "site/_posts/2022-04-13-b.md", "+++\ntitle = 'b'\n+++\nbody")
    post = by_id([tmp_path / "site"])[0]["_posts/2022-04-13-b.md"]
    assert post.title == "2022-04-13-b" and post.body.startswith("+++")
    # a _posts folder given on its own is still read by Jekyll's rules
    (post,) = by_id([tmp_path / "site/caijing/_posts"])[0].values()
    assert post.warnings == ["blank lines before the front matter"]


def test_plain_folder_reads_every_format_and_leaves_out_documentation_beside_sites(tmp_path, hexo):
    write(tmp_path / "notes/a.md", "+++\ntitle = 'TOML'\ndate = 2022-04-12\n+++\nx")
    write(tmp_path / "notes/b.md", '{"title": "JSON", "date": "2022年4月12日"}\ny')
    write(tmp_path / "notes/c.md", "\n---\ntitle: YAML\npublishDate: 1649730447\n---\nz")
    posts, _ = by_id([tmp_path / "notes"])
    assert {p.title for p in posts.values()} == {"TOML", "JSON", "YAML"}
    assert all(p.date is not None and p.warnings == [] for p in posts.values())
    # a folder of sites with a README beside them: the README is no post; each site keeps its kind
    write(tmp_path / "README.md", "# The sites in this folder\n")
    write(tmp_path / "index.md", "---\ntitle: a post beside them\n---\n")
    posts, _ = by_id([tmp_path])
    assert "README.md" not in posts and "index.md" in posts
    assert posts["blog/source/_posts/金融/江州日报/江州.md"].category_paths == ["金融", "金融/江州日报", "地方"]
    assert site_at(tmp_path / "notes") is None and FOLDER == "folder"


# -- front matter formats ---------------------------------------------------------------------


@pytest.mark.parametrize("text, fmt, title", [
    ("---\ntitle: 甲\n---\nbody", "yaml", "甲"),
    ("+++\ntitle = '乙'\n+++\nbody", "toml", "乙"),
    ('{\n "title": "丙"\n}\nbody', "json", "丙"),
    ('\n\n{"title": "丁", "nested": {"a": [1, {"b": 2}]}}\nbody', "json", "丁"),
])
def test_front_matter_formats(text, fmt, title):
    split = split_front_matter(text, ("yaml", "toml", "json"), blank_lines_warn=False)
    assert split.format == fmt and split.body.strip() == "body" and split.warnings == []
    data, warnings = parse_front_matter(split.front_matter, split.format)
    assert data["title"] == title and warnings == []


@pytest.mark.parametrize("text, fmt, recovered", [
    ("+++\ntitle = '乙'\ndate = 2022-13-01\n[params]\nx = 1\n+++\n", "toml", {"title": "乙", "date": "2022-13-01"}),
    ('{\n  "title": "丙",\n  "date": "2022-04-12",\n  oops\n}\nbody', "json", {"title": "丙", "date": "2022-04-12"}),
])
def test_broken_toml_and_json_are_recovered_line_by_line(text, fmt, recovered):
    split = split_front_matter(text, ("yaml", "toml", "json"))
    data, warnings = parse_front_matter(split.front_matter, split.format)
    assert data == recovered
    assert f"not valid {fmt.upper()}" in warnings[0] and "line by line" in warnings[0]


def test_text_opening_with_a_brace_that_is_no_json_is_body():
    split = split_front_matter("{{< shortcode >}}\ntext", ("yaml", "toml", "json"))
    assert split.front_matter is None and split.body.startswith("{{<") and "holds no JSON" in split.warnings[0]


# -- category paths -------------------------------------------------------------------------------


def test_category_paths_parents_and_leaves():
    keys = path_keys([["金融", "新浪财经", "国内"], ["金融", "财联社"], ["a/b"]])
    assert keys == ["金融", "金融/新浪财经", "金融/新浪财经/国内", "金融/财联社", "a/b"]
    assert leaf_paths(keys) == ["金融/新浪财经/国内", "金融/财联社", "a/b"]
    assert parents(keys) == {"金融": None, "金融/新浪财经": "金融", "金融/新浪财经/国内": "金融/新浪财经",
                             "金融/财联社": "金融", "a/b": None}
    assert category_key(" 金融 › 新浪财经 ") == category_key("金融/新浪财经/") == "金融/新浪财经"


# -- the bundled sample sites -----------------------------------------------------------------------


def test_bundled_sample_sites():
    from newsreader.sources import bundled_sources

    sites = Path(bundled_sources()[1])
    assert site_at(sites / "hexo").kind == HEXO and site_at(sites / "hugo").kind == HUGO
    posts, skipped = by_id([sites])
    assert skipped == [] and "README.md" not in posts
    hexo = {i: p for i, p in posts.items() if i.startswith("hexo/")}
    hugo = {i: p for i, p in posts.items() if i.startswith("hugo/")}
    assert (len(hexo), len(hugo)) == (5, 4)  # drafts, list pages and a bundle's resource left out
    assert [p.warnings for p in posts.values() if p.warnings] == [["date 'Invalid Date' could not be read"]]
    assert sum(p.date is None for p in posts.values()) == 2  # that post, and Hugo's undated about page
    assert all(p.category_paths[0] in ("金融", "科技") for p in hexo.values())
    assert {p.category_paths[0] for p in hugo.values() if p.category_paths} == {"caijing", "difang"}
    with_drafts, _ = by_id([sites], drafts=True)
    assert len(with_drafts) == len(posts) + 2
