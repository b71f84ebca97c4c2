"""The extractor against ../shared/eval: the dev gold must stay above the bar; held-out reports spot-checked.

Skipped when ../shared is absent. The held-out checks name posts and figures only
(kinds, values, units), never their text.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from newsreader.corpus import load_paths
from newsreader.render import parse_body
from newsreader.targets import extract
from newsreader.targets.extractor import extract_unchecked

# A little under the figures measured when the bars were last set (2026-12-05): dev target 0.994, achieved
# 1.000, metric 0.990; dev2 — real posts of other archives, labelled by people who never saw the extractor's
# output — target 0.956, achieved 0.961, metric 0.930, value 1.000 (0.875, 0.947, 0.864 before issue 11's
# rules were made general). A drop beyond noise fails.
BAR = {"target_f1": 0.98, "achieved_f1": 0.98, "metric_accuracy": 0.97, "value_accuracy": 0.99}
BAR_DEV2 = {"target_f1": 0.945, "achieved_f1": 0.95, "metric_accuracy": 0.915, "value_accuracy": 0.99}


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_targets", shared / "eval" / "score_targets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _find(corpus: Path, names: set[str]) -> dict[str, str]:
    found = {}
    for root, _dirs, files in os.walk(corpus):
        for name in files:
            if name in names and name not in found:
                found[name] = os.path.join(root, name)
    return found


def _predict(paths: list[str]) -> list[dict]:
    posts, _skipped = load_paths(paths)
    preds = []
    for post in posts:
        text = parse_body(post.body).text
        for item in extract(text, date=post.date, title=post.title):
            preds.append({"post": post.name, **item.to_dict()})
    return preds


@pytest.mark.parametrize(("gold_file", "bar"), [("dev_gold.jsonl", BAR), ("dev2_gold.jsonl", BAR_DEV2)])
def test_gold_meets_the_bar(shared: Path, gold_file: str, bar: dict[str, float]) -> None:
    scorer = _scorer(shared)
    gold_path = shared / "eval" / gold_file
    if not gold_path.exists():
        pytest.skip(f"{gold_file} is not in this copy of ../shared")
    gold = scorer.load_jsonl(str(gold_path))
    names = {g["post"] for g in gold}
    paths = _find(shared / "corpus", names)
    assert set(paths) == names
    result = scorer.score(gold, _predict(sorted(paths.values())), verbose=True)
    figures = {
        "target_f1": result["target"]["f1"],
        "achieved_f1": result["achieved"]["f1"],
        "metric_accuracy": result["metric_accuracy"],
        "value_accuracy": result["value_accuracy"],
    }
    failing = {k: v for k, v in figures.items() if v < bar[k]}
    assert not failing, f"below the bar: {failing}\n" + "\n".join(result["details"][:40])


# Hand-labelled figures of reports that are NOT in the dev gold: (kind, value, unit).
HELD_OUT = {
    "2013-02-28-hailaerqu-2013-zhengfugongzuobaogao.md": [
        ("achieved", 235.2e8, "元"), ("achieved", 18.5, "%"), ("achieved", 2.5e4, "张"), ("achieved", 3.84, "%"),
        ("achieved", 23267, "元"), ("achieved", 14e4, "头"),
        ("target", 20, "%"), ("target", 282e8, "元"), ("target", 24.8e8, "元"), ("target", 446e4, "人次"),
        ("target", 98, "%"), ("target", 5400, "人"), ("target", 3800, "户"), ("target", 58e4, "平方米"),
    ],
    "2022-03-05-guowuyuan-2022-zhengfugongzuobaogao.md": [
        ("achieved", 114e12, "元"), ("achieved", 8.1, "%"), ("achieved", 1269e4, "人"), ("achieved", 1.37e12, "斤"),
        ("achieved", 1.5e8, "户"), ("achieved", 4.76e12, "元"), ("achieved", 60, "%"),
        ("target", 5.5, "%"), ("target", 1100e4, "人"), ("target", 1.3e12, "斤"), ("target", 2.8, "%"),
        ("target", 3.65e12, "元"), ("target", 2.5e12, "元"), ("target", 1000e8, "元"),
    ],
    "2020-05-22-guowuyuan-2020-zhengfugongzuobaogao.md": [
        ("achieved", 99.1e12, "元"), ("achieved", 6.1, "%"), ("achieved", 1352e4, "人"), ("achieved", 0.6, "%"),
        ("target", 900e4, "人"), ("target", 3.6, "%"), ("target", 3.75e12, "元"), ("target", 6000e8, "元"),
        ("target", 874e4, "人"),
    ],
    "2026-02-03-sichuansheng-2026-zhengfugongzuobaogao.md": [
        ("achieved", 67665e8, "元"), ("achieved", 5.5, "%"), ("achieved", 107e4, "人"), ("achieved", 35e4, "个"),
        ("target", 85e4, "人"), ("target", 730e8, "斤"), ("target", 3000, "个"),
    ],
}


@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_held_out_reports(shared: Path, name: str) -> None:
    paths = _find(shared / "corpus", {name})
    if name not in paths:
        pytest.skip(f"{name} is not in this copy of ../shared")
    preds = _predict([paths[name]])
    have = {(p["kind"], round(p["value"], 6) if p["value"] is not None else None, p["unit"]) for p in preds}
    missing = [(k, v, u) for k, v, u in HELD_OUT[name] if (k, round(v, 6), u) not in have]
    assert not missing, json.dumps(missing, ensure_ascii=False)


def test_no_post_of_the_corpus_breaks_the_extractor(shared: Path) -> None:
    posts, _ = load_paths([str(shared / "corpus")])
    assert len(posts) > 150
    for post in posts:
        text = parse_body(post.body).text
        # without the safety net of extract(): a bug must fail here, not hide as an empty list
        for item in extract_unchecked(text, post.date, post.title):
            assert text[item.start:item.end] == item.text
