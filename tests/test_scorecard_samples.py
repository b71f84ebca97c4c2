"""The scorecard of the bundled samples against tests/data/samples_scorecard.tsv (written by hand).

The samples hold consecutive years of work reports of invented places (云川市 2021-2024 and a
statistics release, 江州市 2024-2025, 东澜省 2025-2026) with every verdict and the hard cases: a
range target, 左右, a floor exceeded, a target with no result yet, a result in words only, two
reports of the same result that disagree, a five-year average.
"""

from __future__ import annotations

import contextlib
import json
import unicodedata
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.scorecard.fields import row_fields
from newsreader.scorecard.sources import from_paths
from newsreader.targets.vocabulary import entity_key

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "samples_scorecard.tsv"
SAMPLES = REPO / "sample_posts"
AS_OF = "2026-11-30"
PENDING_NOTES = {"no result in the archive", "the period is not over"}


def norm(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def gold() -> list[dict]:
    lines = [line for line in GOLD.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    head = lines[0].split("\t")
    return [dict(zip(head, line.split("\t"))) for line in lines[1:]]


def problems(expected: dict, rows: list[dict]) -> str | None:
    found = [r for r in rows if entity_key(r["entity"]) == entity_key(expected["entity"])
             and r["period"] == expected["period"] and r["metric_key"] == expected["metric_key"]
             and norm(r["target_text"]) == norm(expected["target"])]
    if len(found) != 1:
        return f"{len(found)} rows"
    row = found[0]
    revisions = [r["text"] for r in row["revisions"]]
    checks = {
        "target post": row["target_post"].endswith(expected["target_post"]),
        "result": norm(row["result_text"]) == norm(expected["result"]),
        "result post": (row["result_post"] or "").endswith(expected["result_post"]) if expected["result_post"]
        else row["result_post"] is None,
        "verdict": row["verdict"] == expected["verdict"],
        "revisions": [norm(r) for r in revisions] == [norm(r) for r in expected["revisions"].split("|") if r],
        "pending note": expected["verdict"] != "pending" or row["note"] in PENDING_NOTES
        and row["note"] in expected["case"],
    }
    wrong = [name for name, ok in checks.items() if not ok]
    return f"wrong {', '.join(wrong)}: {json.dumps(row, ensure_ascii=False)[:300]}" if wrong else None


@pytest.fixture(scope="module")
def cli_rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    out_file = tmp_path_factory.mktemp("scorecard") / "out.jsonl"
    with open(out_file, "w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
        status = main(["scorecard", str(SAMPLES), "--json", "--as-of", AS_OF,
                       "--cache-dir", str(tmp_path_factory.mktemp("cache"))])
    assert status == 0
    return [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]


def test_the_gold_covers_every_verdict_and_hard_case() -> None:
    rows = gold()
    assert {r["verdict"] for r in rows} == {"met", "exceeded", "missed", "pending", "no figure"}
    cases = " ".join(r["case"] for r in rows)
    for case in ("a range", "左右", "a floor exceeded", "no result", "in words only", "disagree", "five-year"):
        assert case in cases, case


def test_every_sample_pair_from_the_command_line(cli_rows: list[dict]) -> None:
    wrong = {f"{g['entity']} {g['period']} {g['metric_key']}": problems(g, cli_rows) for g in gold()}
    assert not {k: v for k, v in wrong.items() if v}


def test_every_sample_pair_from_the_posts() -> None:
    from datetime import date

    rows = [row_fields(row) for row in from_paths([str(SAMPLES)]).rows(date.fromisoformat(AS_OF))]
    wrong = {f"{g['entity']} {g['period']} {g['metric_key']}": problems(g, rows) for g in gold()}
    assert not {k: v for k, v in wrong.items() if v}


def test_a_result_in_words_cites_its_sentence(cli_rows: list[dict]) -> None:
    (row,) = [r for r in cli_rows if r["entity"] == "云川市" and r["metric_key"] == "grain_output"
              and r["year"] == 2021]
    assert row["verdict"] == "no figure" and row["result_text"] is None
    assert row["result_sentence"].startswith("粮食生产再获丰收")


def test_a_revision_that_disagrees_is_noted(cli_rows: list[dict]) -> None:
    (row,) = [r for r in cli_rows if r["entity"] == "云川市" and r["metric_key"] == "gdp" and r["year"] == 2023]
    assert row["note"] == "1 later report disagrees"
    assert row["revisions"][0]["post"].endswith("2024-03-26-yunchuanshi-2023-tongji-gongbao.md")
    assert "6.1%" in row["revisions"][0]["sentence"]
