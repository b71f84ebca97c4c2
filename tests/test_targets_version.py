"""The extractor's version is derived from its sources, and its errors are reported, never hidden."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import write

import newsreader
import newsreader.targets
from newsreader.cli import main
from newsreader.targets import EXTRACTION_FAILED, EXTRACTOR_VERSION, sources_hash

PACKAGE = Path(newsreader.__file__).parent


def test_the_version_is_the_hash_of_the_rules(tmp_path: Path) -> None:
    for name in ("corpus", "render", "targets"):
        shutil.copytree(PACKAGE / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    assert sources_hash(str(tmp_path)) == EXTRACTOR_VERSION
    rules = tmp_path / "targets" / "framing.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# a changed rule\n", encoding="utf-8")
    assert sources_hash(str(tmp_path)) != EXTRACTOR_VERSION


def test_an_extractor_error_is_reported_by_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture) -> None:
    site = tmp_path / "site"
    write(site / "_posts/2024-01-02-a.md", "---\ntitle: 甲\n---\n地区生产总值增长5%。\n")
    write(site / "_posts/2024-01-03-b.md", "---\ntitle: 乙\n---\n粮食产量达到1300万吨。\n")

    def broken(text: str, **_kw):
        if "粮食" in text:
            raise ValueError("a planted bug")
        return []

    monkeypatch.setattr(newsreader.targets, "extract", broken)  # (what the index's extraction calls)
    assert main(["index", str(site)]) == 0
    out = capsys.readouterr().out
    assert "1 post listed without numeric items" in out and "2024-01-03-b.md" in out and "a planted bug" in out
    assert main(["list", "--json", str(site)]) == 0
    listed = capsys.readouterr().out
    assert listed.count('"title"') == 2 and EXTRACTION_FAILED in listed
