"""A folder of hostile and broken posts, built on demand (never committed as files).

Each case is (file name, content, expectation). An expectation is either `"skip"` (the file
cannot be read; `newsreader index` must report it with a reason) or a dict of what the
loaded post must show. A skipped site configuration is named by its folder and file
(`hugo-bad-toml/hugo.toml`).
"""

from __future__ import annotations

import os
from pathlib import Path

FM = '---\nlayout: post\ntitle: "{title}"\ndate: 2022-02-28 07:37:36 +0800\ncategories: hostile\n---\n'


def fm(title: str = "ok", body: str = "<p>正文</p>") -> str:
    return FM.format(title=title) + body


BOMB = "title: bomb\n" + 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9))

CASES: list[tuple[str, str | bytes, dict]] = [
    ("unescaped-quotes.md", '---\ntitle: "他说"稳增长"是首要任务"\n---\n<p>x</p>', {"title": '他说"稳增长"是首要任务'}),
    ("tabs.md", '---\ntitle:\t"带制表符"\n\tcategories: a\n---\n<p>x</p>', {"title": "带制表符"}),
    ("duplicate-keys.md", "---\ntitle: first\ntitle: second\n---\nx", {"title": "second"}),
    ("yaml-bomb.md", "---\n" + BOMB + "---\nx", {"title": "bomb"}),
    ("never-closed.md", "---\ntitle: 没有结尾\ndate: 2022-01-01\n<p>正文</p>\n", {"title": "没有结尾"}),
    ("only-dashes.md", "---", {"title": ""}),
    ("binary-after.md", fm("二进制").encode() + bytes(range(256)) * 4, {"title": "二进制"}),
    ("bad-date.md", "---\ntitle: bad date\ndate: someday soon\n---\nx", {"title": "bad date", "date": None}),
    ("far-past.md", "---\ntitle: past\ndate: 0001-01-01 00:00:00 +0800\n---\nx", {"title": "past"}),
    ("far-future.md", "---\ntitle: future\ndate: 9999-12-31 23:59:59 -1200\n---\nx", {"title": "future"}),
    ("cats-number.md", "---\ntitle: n\ncategories: 2022\n---\nx", {"categories": ["2022"]}),
    ("cats-mapping.md", "---\ntitle: m\ncategories: {a: 1, b: 2}\n---\nx", {"categories": ["a", "b"]}),
    ("empty.md", "", {"title": "empty"}),
    ("zero-byte.md", b"", {"title": "zero-byte"}),
    ("nul.md", fm("NUL", "<p>a\x00b</p>"), {"title": "NUL"}),
    ("invalid-utf8.md", fm("坏字节").encode() + b"<p>\xff\xfe\xfa</p>", {"title": "坏字节"}),
    ("gb18030.md", fm("国标编码", "<p>地区生产总值增长6.8%</p>").encode("gb18030"), {"title": "国标编码"}),
    ("utf16.md", fm("十六位", "<p>增长6.8%</p>").encode("utf-16"), {"title": "十六位"}),
    ("long-line.md", fm("长行", "<p>" + "长" * 700_000 + "</p>"), {"title": "长行"}),
    ("deep.md", fm("深层嵌套", "<div>" * 100_000 + "深处" + "</div>" * 100_000), {"title": "深层嵌套"}),
    ("unclosed.md", fm("未闭合", "<b><i><span>" * 33_334 + "末尾"), {"title": "未闭合"}),
    ("script-style.md", fm("脚本", "<script>alert(1)</script><style>p{}</style><p>可见</p>"), {"title": "脚本"}),
    ("entity-controls.md", fm("实体", "<p>a&#27;[31mred&#7;&#x9b;b</p>"), {"title": "实体"}),
    ("rich-markup.md", fm("[bold red]标题[/]", "<p>[link=file:///etc/passwd]x[/link] [/]</p>"),
     {"title": "[bold red]标题[/]"}),
    ("escapes.md", fm("\x1b[2J清屏", "<p>\x1b[31m红\x1b[0m \x1b]52;c;ZXZpbA==\x07 "
                     "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ \x9b2J</p>"), {}),
    ("bidi.md", fm("\u202eevil\u202c", "<p>\u202e\u2066abc\u2069 \u200f</p>"), {}),
    ("zero-width.md", fm("零\u200b宽", "<p>a\u200b\u200c\u200d\ufeffb</p>"), {}),
    ("emoji.md", fm("表情👍🏽", "<p>e\u0301 👨‍👩‍👧 n\u0303\u0303\u0303</p>"), {}),
    # TOML and JSON front matter (read in a plain folder: its generator is unknown)
    ("toml-broken.md", "+++\ntitle = '破损的TOML'\nbad = [\n+++\n<p>x</p>", {"title": "破损的TOML"}),
    ("toml-huge.md", "+++\ntitle = '巨大的TOML'\n" + "k = 1\n" * 20_000 + "+++\nx", {"title": "巨大的TOML"}),
    ("toml-deep.md", "+++\ntitle = '深层TOML'\nx = " + "[" * 20_000 + "]" * 20_000 + "\n+++\nx",
     {"title": "深层TOML"}),
    ("toml-bad-date.md", "+++\ntitle = 'TOML日期'\ndate = 0000-01-01\n+++\nx", {"title": "TOML日期", "date": None}),
    ("toml-time-only.md", "+++\ntitle = '只有时刻'\ndate = 10:30:00\n+++\nx",
     {"title": "只有时刻", "date": None}),
    ("json-broken.md", '{\n  "title": "破损的JSON",\n  "date": ,\n}\n<p>x</p>', {"title": "破损的JSON"}),
    ("json-deep.md", '{"title": "深层JSON", "x": ' + "[" * 30_000 + "]" * 30_000 + "}\nx", {"title": "json-deep"}),
    ("json-huge.md", '{"title": "巨大的JSON", "pad": "' + "x" * 100_000 + '"}\nx', {"title": "json-huge"}),
    ("json-not-object.md", '{"title"}\n正文', {"title": "json-not-object"}),
    # dates out of range or in no known form
    ("epoch-huge.md", "---\ntitle: e\ndate: 99999999999999\n---\nx", {"date": None}),
    ("epoch-negative.md", "---\ntitle: e\ndate: -62135596801\n---\nx", {"date": None}),
    ("year-zero.md", "---\ntitle: z\ndate: 0000-01-01\n---\nx", {"title": "z", "date": None}),
    ("rfc-year-10000.md", "---\ntitle: r\ndate: Mon, 01 Jan 10000 00:00:00 GMT\n---\nx", {"date": None}),
    ("rfc-bad-day.md", "---\ntitle: r\ndate: Thu, 31 Apr 2022 00:00:00 GMT\n---\nx", {"date": None}),
    ("chinese-bad-month.md", "---\ntitle: c\ndate: 2022年13月1日\n---\nx", {"date": None}),
]

# Sites whose configuration is not what it claims: each still lists its post (named for the
# case), and the configuration is reported with its reason where it could not be used.
HUGO_POST = "---\ntitle: '{name}'\ndate: 2024-01-05T09:30:00\n---\n<p>正文</p>"
SITES: list[tuple[str, dict[str, str | bytes], str | None]] = [
    ("hugo-bad-toml", {"hugo.toml": "baseURL = 'x\n[[[\n"}, "is not valid TOML"),
    ("hugo-binary", {"hugo.yaml": bytes(range(256))}, "is not UTF-8 text"),
    ("hugo-huge", {"hugo.json": '{"title": "' + "x" * 1_100_000 + '"}'}, "too large"),
    ("hugo-deep", {"hugo.json": "[" * 100_000}, "could not be parsed"),
    ("hugo-list", {"hugo.yaml": "- a\n- b\n"}, "is not a YAML mapping"),
    ("hugo-escape", {"hugo.toml": "contentDir = '/etc'\n"}, "outside the site"),
    ("hugo-zone", {"hugo.toml": "timeZone = 'Mars/Olympus'\n"}, "time zone 'Mars/Olympus' is unknown"),
    ("hugo-odd-types", {"hugo.toml": "contentDir = 5\ntimeZone = [1]\ntaxonomies = 'x'\nlanguages = 3\n"}, None),
    ("hexo-escape", {"_config.yml": "new_post_name: :title.md\nsource_dir: ../../etc\n"}, "outside the site"),
    ("hexo-binary", {"_config.yml": b"\xff\xfe\x00" + bytes(range(256)), "package.json": "not json, but hexo: yes"},
     None),
]


def _write_sites(folder: Path, expected: dict[str, dict]) -> None:
    """The SITES under `folder`, each a Hugo or Hexo site with one post named for it."""
    for name, configs, reason in SITES:
        site = folder / name
        for config_name, content in configs.items():
            (site / config_name).parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            (site / config_name).write_bytes(data)
        posts = site / ("source/_posts" if name.startswith("hexo") else "content/posts")
        posts.mkdir(parents=True)
        (posts / f"{name}.md").write_text(HUGO_POST.format(name=name), encoding="utf-8")
        expected[f"{name}.md"] = {"title": name}
        if reason:
            expected[f"{name}/{next(iter(configs))}"] = {"skip": reason}


def build(folder: Path) -> dict[str, dict]:
    """Write every case under `folder`, plus file-system oddities; returns name -> expectation."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, dict] = {}
    for name, content, expect in CASES:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
        expected[name] = expect
    (folder / "folder.md").mkdir()  # a directory with a post's name: not a post
    (folder / "folder.md" / "inner.md").write_text(fm("inner"), encoding="utf-8")
    expected["inner.md"] = {"title": "inner"}
    os.symlink(folder / "loop.md", folder / "loop.md")
    expected["loop.md"] = {"skip": "symbolic links"}
    outside = folder.parent / "outside-secret.md"
    outside.write_text(fm("secret"), encoding="utf-8")
    os.symlink(outside, folder / "outside.md")
    expected["outside.md"] = {"skip": "outside the source"}
    os.mkfifo(folder / "fifo.md")  # not a regular file: never opened (opening would block)
    _write_sites(folder / "sites", expected)
    return expected
