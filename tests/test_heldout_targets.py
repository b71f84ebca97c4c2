"""The extractor on held-out posts: gold labelled blind (without the extractor) for posts outside the dev set.

tests/data/heldout_gold.jsonl follows ../shared/eval/GUIDE.md; it covers seven government work
reports and 35 finews posts that dev_gold.jsonl does not. It guards against rules that only fit
the dev set. Skipped when ../shared is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import installed_command

HELDOUT = Path(__file__).parent / "data" / "heldout_gold.jsonl"


def test_heldout_scores(shared):
    command = installed_command()
    result = subprocess.run(
        [sys.executable, str(shared / "eval/score_targets.py"), "--gold", str(HELDOUT), "--corpus",
         str(shared / "corpus"), "--json", "--", command, "targets", "--json"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    scores = json.loads(result.stdout)
    assert scores["target"]["f1"] >= 0.97, scores  # (0.986, 0.996, 0.941 on 2026-12-05)
    assert scores["achieved"]["f1"] >= 0.98, scores
    assert scores["metric_accuracy"] >= 0.925, scores
    assert scores["value_accuracy"] >= 0.97, scores
