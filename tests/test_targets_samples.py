"""The extractor against tests/data/samples_gold.jsonl: the bundled sample posts, labelled by hand.

The gold follows ../shared/eval/GUIDE.md (one item per number expression; anchors unique in
their post). The posts and the gold both live in the repository, so this test needs nothing
outside it: the matching rules of the GUIDE are re-implemented below. When ../shared is
present, a second test checks that they agree with the shared scorer.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from newsreader.corpus import load_paths
from newsreader.render import parse_body
from newsreader.targets import extract

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "samples_gold.jsonl"
SAMPLES = REPO / "sample_posts"

# A little under the figures measured when the bar was set (target F1 0.997, achieved F1 0.997,
# metric 0.986, value 1.000): a drop beyond noise fails.
BAR = {"target_f1": 0.98, "achieved_f1": 0.98, "metric_accuracy": 0.97, "value_accuracy": 0.99}


def norm(text: str | None) -> str:
    """NFKC with all white space removed, as the GUIDE compares text."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _texts() -> dict[str, str]:
    posts, _skipped = load_paths([str(SAMPLES)])
    return {post.name: parse_body(post.body).text for post in posts}


def _predictions() -> list[dict]:
    posts, _skipped = load_paths([str(SAMPLES)])
    preds = []
    for post in posts:
        for item in extract(parse_body(post.body).text, date=post.date, title=post.title):
            preds.append({"post": post.name, **item.to_dict()})
    return preds


def score(gold: list[dict], preds: list[dict]) -> dict[str, float]:
    """Target/achieved F1, metric and value accuracy under the GUIDE's matching rules."""
    items: dict[str, list[dict]] = {}
    for g in gold:
        golds = items.setdefault(g["post"], [])  # a post of kind "none" is scored: all it yields is false
        if g.get("kind") != "none":
            golds.append(g)
    by_post: dict[str, list[dict]] = defaultdict(list)
    for p in preds:
        if p.get("kind") in ("target", "achieved"):
            by_post[p["post"]].append(p)
    tp = {"target": 0, "achieved": 0}
    fp = {"target": 0, "achieved": 0}
    total = {"target": 0, "achieved": 0}
    metric_ok = metric_n = value_ok = value_n = 0
    for post, golds in items.items():
        ps = by_post.get(post, [])
        used: dict[int, dict] = {}
        for g in sorted(golds, key=lambda g: bool(g.get("optional"))):  # required items choose first
            if not g.get("optional"):
                total[g["kind"]] += 1
            number, anchor = norm(g["number"]), norm(g["anchor"])
            best = None
            for i, p in enumerate(ps):
                if i in used or number not in norm(p["text"]) or anchor not in norm(p["sentence"]):
                    continue
                if best is None or (p["kind"] == g["kind"] and ps[best]["kind"] != g["kind"]):
                    best = i
            if best is None:
                continue
            used[best] = g
            if g.get("optional"):
                continue
            p = ps[best]
            tp[g["kind"]] += p["kind"] == g["kind"]
            metric_n += 1
            pm, gm = norm(p.get("metric")), norm(g.get("metric"))
            metric_ok += len(pm) >= 2 and bool(gm) and (gm in pm or pm in gm)
            if g.get("value") is not None:
                value_n += 1
                v = p.get("value")
                value_ok += v is not None and abs(v - g["value"]) <= 1e-6 * max(1.0, abs(g["value"]))
        for i, p in enumerate(ps):
            g = used.get(i)
            if g is None or (not g.get("optional") and g["kind"] != p["kind"]):
                fp[p["kind"]] += 1

    def f1(kind: str) -> float:
        precision = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        recall = tp[kind] / total[kind] if total[kind] else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    return {"target_f1": f1("target"), "achieved_f1": f1("achieved"),
            "metric_accuracy": metric_ok / metric_n if metric_n else 0.0,
            "value_accuracy": value_ok / value_n if value_n else 0.0}


def test_samples_gold_is_well_formed() -> None:
    gold = _gold()
    texts = {name: norm(text) for name, text in _texts().items()}
    assert {g["post"] for g in gold} <= set(texts), "every post the gold names is a sample post"
    assert len({g["post"] for g in gold}) == len(texts), "every sample post is labelled"
    for g in gold:
        if g["kind"] == "none":
            continue
        anchor, number = norm(g["anchor"]), norm(g["number"])
        assert g["kind"] in ("target", "achieved"), g
        assert number in anchor, g
        assert texts[g["post"]].count(anchor) == 1, f"anchor not unique in its post: {g}"
        assert g["value"] is None or isinstance(g["value"], (int, float)), g
        assert isinstance(g["optional"], bool) and g["metric"], g


def test_the_scoring_rules() -> None:
    gold = [g for g in _gold() if g["kind"] != "none"]
    perfect = [{"post": g["post"], "kind": g["kind"], "text": g["number"], "sentence": g["anchor"],
                "metric": g["metric"], "value": g["value"]} for g in gold]
    assert score(gold, perfect) == {"target_f1": 1.0, "achieved_f1": 1.0, "metric_accuracy": 1.0,
                                    "value_accuracy": 1.0}
    flipped = [{**p, "kind": "target" if p["kind"] == "achieved" else "achieved"} for p in perfect]
    assert score(gold, flipped)["target_f1"] == 0.0
    assert score(gold, [])["achieved_f1"] == 0.0


def test_samples_meet_the_bar() -> None:
    figures = score(_gold(), _predictions())
    failing = {k: round(v, 4) for k, v in figures.items() if v < BAR[k]}
    assert not failing, f"below the bar: {failing} (all: {figures})"


def test_scoring_rules_agree_with_the_shared_scorer(shared: Path) -> None:
    spec = importlib.util.spec_from_file_location("score_targets", shared / "eval" / "score_targets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    gold, preds = _gold(), _predictions()
    theirs = module.score(gold, preds, verbose=False)
    ours = score(gold, preds)
    assert ours["target_f1"] == pytest.approx(theirs["target"]["f1"], abs=1e-4)
    assert ours["achieved_f1"] == pytest.approx(theirs["achieved"]["f1"], abs=1e-4)
    assert ours["metric_accuracy"] == pytest.approx(theirs["metric_accuracy"], abs=1e-4)
    assert ours["value_accuracy"] == pytest.approx(theirs["value_accuracy"], abs=1e-4)
