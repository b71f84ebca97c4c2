"""A folder of hostile and broken posts, built on demand (never committed as files).

Each case is (file name, content, expectation). An expectation is either `"skip"` (the file
cannot be read; `newsreader index` must report it with a reason) or a dict of what the
loaded post must show.
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
]


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
    return expected
