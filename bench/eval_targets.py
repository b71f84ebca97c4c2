"""The extractor's figures on every gold set, in one process (what `score_targets.py` gives end to end).

    python bench/eval_targets.py                 # a table: dev, dev2, held-out, samples
    python bench/eval_targets.py dev2 -v         # one set, with its misses and false positives

The gold sets: `../shared/eval/{dev,dev2}_gold.jsonl` (skipped when ../shared is absent) and the
project's own `tests/data/{heldout,samples}_gold.jsonl`.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

from newsreader.corpus import load_paths
from newsreader.render import parse_body
from newsreader.targets import extract

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "dev": (SHARED / "eval" / "dev_gold.jsonl", SHARED / "corpus"),
    "dev2": (SHARED / "eval" / "dev2_gold.jsonl", SHARED / "corpus"),
    "held": (ROOT / "tests" / "data" / "heldout_gold.jsonl", SHARED / "corpus"),
    "samples": (ROOT / "tests" / "data" / "samples_gold.jsonl", ROOT / "sample_posts"),
}


def scorer():
    spec = importlib.util.spec_from_file_location("score_targets", SHARED / "eval" / "score_targets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(paths: list[str]) -> list[dict]:
    posts, _skipped = load_paths(paths)
    out = []
    for post in posts:
        for item in extract(parse_body(post.body).text, date=post.date, title=post.title):
            out.append({"post": post.name, **item.to_dict()})
    return out


def score(name: str, verbose: bool) -> dict | None:
    gold_path, corpus = SETS[name]
    if not gold_path.exists() or not corpus.exists():
        return None
    module = scorer()
    gold = module.load_jsonl(str(gold_path))
    wanted = {g["post"] for g in gold}
    paths = {}
    for root, _dirs, files in os.walk(corpus):
        for file in files:
            if file in wanted:
                paths.setdefault(file, os.path.join(root, file))
    result = module.score(gold, predict(sorted(paths.values())), verbose=verbose)
    if verbose:
        print("\n".join(result["details"]))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="dev, dev2, held, samples (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print("../shared is absent: nothing to score against", file=sys.stderr)
        return 1
    print(f"{'set':8} {'target F1':>9} {'achieved':>9} {'metric':>7} {'value':>6}")
    for name in args.sets or list(SETS):
        result = score(name, args.verbose)
        if result is None:
            print(f"{name:8} (not here)")
            continue
        print(f"{name:8} {result['target']['f1']:9.3f} {result['achieved']['f1']:9.3f} "
              f"{result['metric_accuracy']:7.3f} {result['value_accuracy']:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
