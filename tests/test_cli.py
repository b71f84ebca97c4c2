"""The command line: exit codes, one-line errors, JSON shapes, and the bundled samples."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import installed_command, write

from newsreader.cli import dumps, main


def run(*args: str, cwd: str | None = None) -> subprocess.CompletedProcess:
    """The installed console script, as a user runs it."""
    return subprocess.run([installed_command(), *args], capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={**os.environ, "COLUMNS": "80"})


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path / "site/_posts/2022-02-28-a.md",
          '---\ntitle: "吕梁亮出方案"\ndate: 2022-02-28 07:37:36 +0800\ncategories: difang\ntags: 两会\n---\n'
          "<p>2022年主要预期目标为：地区生产总值增长6.8%，城镇新增就业4万人。</p>\n\n<http://example.com/a>")
    write(tmp_path / "site/_posts/2021-01-01-b.md",
          '---\ntitle: "[bold red]not markup[/]"\ndate: 2021-01-01 08:00:00 +0800\ncategories: caijing\n---\n'
          "<p>plain \x1b]52;c;ZXZpbA==\x07 text</p>")
    return tmp_path / "site"


def test_version_and_help():
    assert run("--version").stdout.startswith("newsreader ")
    out = run("--help")
    assert out.returncode == 0 and "index" in out.stdout and "targets" in out.stdout


def test_usage_errors_exit_2_with_one_line():
    for args in (["list", "--bogus"], ["show"], ["show", "x", "--width", "nope"], ["search"]):
        result = run(*args)
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1 and "error" in result.stderr


def test_runtime_errors_exit_1_with_one_line(tmp_path, site):
    for args in (["list", str(tmp_path / "missing")], ["show", "no-such-post", str(site)]):
        result = run(*args)
        assert result.returncode == 1, args
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_list_json_shape(site):
    result = run("list", "--json", str(site))
    assert result.returncode == 0, result.stderr
    posts = jsonl(result.stdout)
    assert [p["title"] for p in posts] == ["吕梁亮出方案", "[bold red]not markup[/]"]
    first = posts[0]
    assert {"id", "path", "title", "date", "categories", "tags", "warnings"} <= set(first)
    assert first["date"] == "2022-02-28T07:37:36+08:00" and first["categories"] == ["difang"]
    assert run("list", "--json", "--category", "caijing", str(site)).stdout.count("\n") == 1
    assert run("list", "--json", "--since", "2022-01-01", str(site)).stdout.count("\n") == 1


def test_show_accepts_id_and_path(site):
    listed = jsonl(run("list", "--json", str(site)).stdout)[0]
    by_id = run("show", listed["id"], str(site), "--width", "40")
    by_path = run("show", listed["path"], str(site), "--width", "40")
    assert by_id.returncode == 0 and by_id.stdout == by_path.stdout
    assert "地区生产总值增长6.8%" in by_id.stdout.replace("\n", "")
    assert "http://example.com/a" in by_id.stdout
    data = json.loads(run("show", listed["id"], str(site), "--format", "json").stdout)
    assert "6.8%" in data["text"] and data["links"][0]["url"] == "http://example.com/a"


def test_no_control_sequence_reaches_the_terminal(site):
    for args in (["list", str(site)], ["show", "_posts/2021-01-01-b.md", str(site)],
                 ["list", "--json", str(site)], ["show", "_posts/2021-01-01-b.md", str(site), "--format", "json"]):
        out = run(*args).stdout
        assert "\x1b" not in out and "\x07" not in out, args
    assert "[bold red]not markup[/]" in run("list", str(site)).stdout


def test_search_and_targets(site):
    found = jsonl(run("search", "吕梁", "--json", str(site)).stdout)
    assert [p["title"] for p in found] == ["吕梁亮出方案"]
    items = jsonl(run("targets", "--json", str(site)).stdout)
    texts = {i["text"]: i for i in items}
    assert texts["6.8%"]["kind"] == "target" and texts["6.8%"]["post"] == "2022-02-28-a.md"
    assert {"post", "kind", "text", "sentence", "metric", "value", "unit"} <= set(texts["6.8%"])
    gdp = jsonl(run("targets", "--json", "--kind", "target", "--metric", "地区生产总值", str(site)).stdout)
    assert [i["text"] for i in gdp] == ["6.8%"]


def test_a_metric_finds_every_name_of_its_indicator(site):
    write(site / "_posts/2026-01-20-c.md", '---\ntitle: "东澜省政府工作报告"\ndate: 2026-01-20\n---\n'
          "<p>今年全省生产总值增长5%—5.5%，GDP总量突破3万亿元，居民消费价格涨幅3%左右。</p>")
    found = jsonl(run("targets", "--json", "--kind", "target", "--metric", "地区生产总值", str(site)).stdout)
    assert [i["text"] for i in found] == ["6.8%", "5%—5.5%", "3万亿元"]  # 全省生产总值 and GDP are 地区生产总值
    assert {i["metric_key"] for i in found} == {"gdp"}
    cpi = jsonl(run("targets", "--json", "--metric", "居民消费价格", str(site)).stdout)
    assert [i["text"] for i in cpi] == ["3%左右"]


def test_index_reports_counts_and_skips(site):
    os.symlink(site / "_posts/nowhere.md", site / "_posts/2020-01-01-ghost.md")
    result = run("index", str(site))
    assert result.returncode == 0
    assert "2 indexed" in result.stdout and "1 skipped" in result.stdout
    assert "2020-01-01-ghost.md: no such file or directory" in result.stdout
    assert "0 indexed, 2 unchanged" in run("index", str(site)).stdout


def test_samples_are_the_default_and_none_is_skipped(tmp_path):
    result = run("list", "--json", cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr
    posts = jsonl(result.stdout)
    assert len(posts) >= 40
    index = run("index", cwd=str(tmp_path))
    assert " 0 skipped" in index.stdout


def test_shared_corpus_listing(shared):
    finews = jsonl(run("list", "--json", str(shared / "corpus/finews")).stdout)
    assert len(finews) == 151
    names = {Path(p["path"]).name: p for p in finews}
    assert names["-202205262391921712.md"]["date"] is None
    assert names["2021-12-08-202112082206703990.md"]["title"].startswith("FF：")
    # the whole corpus lists exactly what its folders list one by one (the shared corpus grows)
    everything = {p["path"] for p in jsonl(run("list", "--json", str(shared / "corpus")).stdout)}
    parts: set[str] = set()
    for folder in sorted(p for p in (shared / "corpus").iterdir() if p.is_dir()):
        parts |= {p["path"] for p in jsonl(run("list", "--json", str(folder)).stdout)}
    assert everything == parts and len(everything) >= 162


def test_dumps_escapes_what_a_terminal_would_act_on():
    line = dumps({"t": "a\x1b[31mb\x9b\u202ec\U000e0041"})
    assert all(ch not in line for ch in "\x1b\x9b\u202e\U000e0041")
    assert json.loads(line)["t"] == "a\x1b[31mb\x9b\u202ec\U000e0041"


def test_main_never_raises_on_a_missing_source(tmp_path, capsys):
    assert main(["list", str(tmp_path / "nothing")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_config_sources_are_the_default(site, tmp_path):
    config = Path(os.environ["NEWSREADER_CONFIG_DIR"]) / "config.toml"
    config.write_text(f'sources = ["{site}"]\n', encoding="utf-8")
    posts = jsonl(run("list", "--json", cwd=str(tmp_path)).stdout)
    assert [p["title"] for p in posts] == ["吕梁亮出方案", "[bold red]not markup[/]"]
    config.write_text("sources = [1, 2", encoding="utf-8")
    broken = run("list", cwd=str(tmp_path))
    assert broken.returncode == 1 and "config.toml" in broken.stderr


def test_hexo_feed_mirror_lists_category_paths_and_filters_by_a_parent(tmp_path):
    blog = tmp_path / "blog"
    write(blog / "_config.yml", "new_post_name: :title.md\ntimezone: Asia/Shanghai\n")
    feeds = (("东澜财经", "东澜财经－地方", 12), ("东澜财经", "东澜财经－国际", 13), ("江州日报", "要闻", 14))
    for feed, sub, day in feeds:
        write(blog / f"source/_posts/金融/{feed}/{sub}/{day}.md",
              f"\n---\ntitle: '{sub} {day}'\ncategories: \n - 金融\n - {feed}\n - {sub}\n"
              f"date: Tue, {day} Apr 2022 02:27:27 GMT\n---\n<p>地区生产总值增长6.8%</p>\n            ")
    write(blog / "source/_posts/科技/x.md", "---\ntitle: 科技\ncategories: 科技\ndate: Invalid Date\n---\nx")
    posts = jsonl(run("list", "--json", str(blog)).stdout)
    first = next(p for p in posts if p["title"] == "东澜财经－地方 12")
    assert first["categories"] == ["金融", "东澜财经", "东澜财经－地方"]
    assert first["category_paths"] == ["金融", "金融/东澜财经", "金融/东澜财经/东澜财经－地方"]
    assert first["date"] == "2022-04-12T10:27:27+08:00" and first["warnings"] == []
    undated = next(p for p in posts if p["title"] == "科技")
    assert undated["date"] is None and undated["warnings"] == ["date 'Invalid Date' could not be read"]
    # a parent category holds its children's posts; a path may be written with › too
    for category in ("金融/东澜财经", "金融 › 东澜财经"):
        listed = jsonl(run("list", "--json", "--category", category, str(blog)).stdout)
        assert [p["title"] for p in listed] == ["东澜财经－国际 13", "东澜财经－地方 12"]
    assert len(jsonl(run("list", "--json", "--category", "金融", str(blog)).stdout)) == 3
    assert jsonl(run("list", "--json", "--category", "东澜财经", str(blog)).stdout) == []  # not a top category
    (line,) = run("list", "--category", "金融/江州日报/要闻", str(blog)).stdout.splitlines()
    assert line.startswith("2022-04-14 10:27  金融/江州日报/")  # the post's deepest path, cut to its column
    items = jsonl(run("targets", "--json", str(blog)).stdout)
    assert items and all(item["date"] for item in items)


def test_the_default_sources_hold_a_site_of_each_kind(tmp_path):
    posts = jsonl(run("list", "--json", cwd=str(tmp_path)).stdout)
    ids = {p["id"] for p in posts}
    assert any(i.startswith("_posts/") for i in ids)  # the Jekyll samples
    assert any(i.startswith("hexo/source/_posts/") for i in ids) and any(i.startswith("hugo/content/") for i in ids)
    tree = jsonl(run("list", "--json", "--category", "金融", cwd=str(tmp_path)).stdout)
    assert len(tree) == 4 and all(p["category_paths"][0] == "金融" for p in tree)
