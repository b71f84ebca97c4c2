"""The scorecard on real chains of work reports (../shared/corpus/chains and reports).

Every pair of ../shared/eval/scorecard_dev.tsv must come out right — entity, year, metric,
target, result, both posts, and the verdict the README's rules give — through the command
line (the cache index) and from the posts read directly. The national pairs 2021->2022,
2022->2023 and 2023->2024 are not in the file; they are written out below from the posts.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.scorecard.fields import row_fields
from newsreader.scorecard.sources import from_paths
from newsreader.targets.vocabulary import entity_key

AS_OF = date(2026, 11, 30)
METRIC_KEYS = {"GDP growth": "gdp", "CPI": "cpi", "urban new jobs": "urban_new_jobs",
               "surveyed unemployment rate": "surveyed_unemployment", "grain output": "grain_output"}

# The verdict of each dev pair under the README's rules (a 左右 rate within 0.25 point is met;
# unemployment and CPI targets are ceilings; a floor passed is exceeded).
DEV_VERDICTS = {
    ("海拉尔区", 2012, "gdp"): "missed", ("海拉尔区", 2013, "gdp"): "missed", ("海拉尔区", 2014, "gdp"): "missed",
    ("海拉尔区", 2015, "gdp"): "exceeded", ("海拉尔区", 2016, "gdp"): "missed", ("海拉尔区", 2018, "gdp"): "met",
    ("北京市", 2025, "gdp"): "exceeded", ("北京市", 2025, "surveyed_unemployment"): "met",
    ("天津市", 2025, "gdp"): "met", ("河北省", 2025, "gdp"): "exceeded", ("吉林省", 2025, "gdp"): "missed",
    ("吉林省", 2025, "grain_output"): "missed", ("黑龙江省", 2025, "gdp"): "missed",
    ("黑龙江省", 2025, "urban_new_jobs"): "exceeded", ("黑龙江省", 2025, "grain_output"): "exceeded",
    ("福建省", 2025, "gdp"): "met", ("福建省", 2025, "surveyed_unemployment"): "met",
    ("湖北省", 2025, "gdp"): "missed", ("湖南省", 2025, "gdp"): "missed", ("湖南省", 2025, "urban_new_jobs"): "exceeded",
    ("湖南省", 2025, "grain_output"): "met", ("海南省", 2025, "gdp"): "missed", ("海南省", 2025, "cpi"): "met",
    ("海南省", 2025, "surveyed_unemployment"): "met", ("广西壮族自治区", 2025, "gdp"): "met",
    ("广西壮族自治区", 2025, "urban_new_jobs"): "exceeded", ("广西壮族自治区", 2025, "grain_output"): "met",
}


@dataclass(frozen=True)
class Expected:
    """One pair as a reader of both reports states it."""

    entity: str
    year: int
    metric: str
    target: str
    result: str
    target_post: str
    result_post: str
    verdict: str


G = "_posts/{}-guowuyuan-{}-zhengfugongzuobaogao.md"
NATIONAL_POSTS = {2021: G.format("2021-03-05", 2021), 2022: G.format("2022-03-05", 2022),
                  2023: G.format("2023-03-05", 2023), 2024: G.format("2024-03-05", 2024)}
NATIONAL = [Expected("全国", year, metric, target, result, NATIONAL_POSTS[year], NATIONAL_POSTS[year + 1], verdict)
            for year, metric, target, result, verdict in (
    (2021, "gdp", "6%以上", "8.1%", "exceeded"),
    (2021, "urban_new_jobs", "1100万人以上", "1269万人", "exceeded"),
    (2021, "surveyed_unemployment", "5.5%左右", "5.1%", "met"),
    (2021, "cpi", "3%左右", "0.9%", "met"),
    (2021, "grain_output", "1.3万亿斤以上", "1.37万亿斤", "exceeded"),
    (2022, "gdp", "5.5%左右", "3%", "missed"),
    (2022, "urban_new_jobs", "1100万人以上", "1206万人", "exceeded"),
    (2022, "surveyed_unemployment", "5.5%以内", "5.5%", "met"),
    (2022, "cpi", "3%左右", "2%", "met"),
    (2022, "grain_output", "1.3万亿斤以上", "1.37万亿斤", "exceeded"),
    (2023, "gdp", "5%左右", "5.2%", "met"),
    (2023, "urban_new_jobs", "1200万人左右", "1244万人", "exceeded"),
    (2023, "surveyed_unemployment", "5.5%左右", "5.2%", "met"),
    (2023, "cpi", "3%左右", "0.2%", "met"),
    (2023, "grain_output", "1.3万亿斤以上", "1.39万亿斤", "exceeded"),
)]
def norm(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def dev_pairs(shared: Path) -> list[Expected]:
    with open(shared / "eval" / "scorecard_dev.tsv", encoding="utf-8") as source:
        rows = list(csv.DictReader(source, delimiter="\t"))
    out = []
    for row in rows:
        key = METRIC_KEYS[row["metric"]]
        year = int(row["year"])
        out.append(Expected(row["government"], year, key, row["target"], row["result"],
                            row["target_post"].removeprefix("../reports/"),
                            row["result_post"].removeprefix("../reports/"),
                            DEV_VERDICTS[(row["government"], year, key)]))
    return out


def problems(expected: Expected, rows: list[dict]) -> str | None:
    """Why the rows do not hold the expected pair (None when one does)."""
    found = [r for r in rows if entity_key(r["entity"]) == entity_key(expected.entity) and r["year"] == expected.year
             and r["metric_key"] == expected.metric and r["period"] == str(expected.year)
             and norm(r["target_text"]) == norm(expected.target)]
    if len(found) != 1:
        return f"{len(found)} rows for the target {expected.target}"
    row = found[0]
    checks = {
        "target post": row["target_post"] == expected.target_post,
        "result post": row["result_post"] == expected.result_post,
        "result": bool(row["result_text"]) and norm(row["result_text"]) in norm(expected.result),
        "sentences": norm(expected.target) in norm(row["target_sentence"])
        and norm(row["result_text"]) in norm(row["result_sentence"]),
        "verdict": row["verdict"] == expected.verdict,
    }
    wrong = [name for name, ok in checks.items() if not ok]
    return f"wrong {', '.join(wrong)}: {json.dumps(row, ensure_ascii=False)[:400]}" if wrong else None


@pytest.fixture(scope="module")
def cli_rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """`newsreader scorecard --json` on the chains and reports (through the cache index)."""
    from conftest import SHARED

    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not present beside the checkout")
    capture = tmp_path_factory.mktemp("scorecard") / "out.jsonl"
    cache = tmp_path_factory.mktemp("cache")
    corpus = SHARED / "corpus"
    import contextlib

    with open(capture, "w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
        status = main(["scorecard", str(corpus / "chains"), str(corpus / "reports"), "--json", "--as-of",
                       AS_OF.isoformat(), "--cache-dir", str(cache)])
    assert status == 0
    rows = [json.loads(line) for line in capture.read_text(encoding="utf-8").splitlines()]
    for row in rows:  # posts as the TSV names them: relative to their corpus
        for side in ("target_post", "result_post"):
            row[side] = row[side] and "_posts/" + row[side].rpartition("_posts/")[2]
    return rows


@pytest.fixture(scope="module")
def direct_rows() -> list[dict]:
    """The same scorecard built from the posts read directly."""
    from conftest import SHARED

    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not present beside the checkout")
    card = from_paths([str(SHARED / "corpus" / "chains"), str(SHARED / "corpus" / "reports")])
    rows = [row_fields(row) for row in card.rows(AS_OF)]
    for row in rows:
        for side in ("target_post", "result_post"):
            row[side] = row[side] and "_posts/" + row[side].rpartition("_posts/")[2]
    return rows


def test_every_dev_pair_is_right_from_the_command_line(shared: Path, cli_rows: list[dict]) -> None:
    pairs = dev_pairs(shared)
    assert len(pairs) == 27
    wrong = {f"{p.entity} {p.year} {p.metric}": problems(p, cli_rows) for p in pairs}
    assert not {k: v for k, v in wrong.items() if v}


def test_every_dev_pair_is_right_from_the_posts(shared: Path, direct_rows: list[dict]) -> None:
    wrong = {f"{p.entity} {p.year} {p.metric}": problems(p, direct_rows) for p in dev_pairs(shared)}
    assert not {k: v for k, v in wrong.items() if v}


@pytest.mark.parametrize("expected", NATIONAL, ids=lambda e: f"{e.year}-{e.metric}")
def test_the_national_chain(expected: Expected, cli_rows: list[dict]) -> None:
    # (2022's unemployment and CPI come from the 2023 report's review: 年末城镇调查失业率降到5.5%)
    assert problems(expected, cli_rows) is None


def test_the_command_line_filters_by_entity_and_metric(cli_rows: list[dict], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture) -> None:
    from conftest import SHARED

    corpus = SHARED / "corpus"
    assert main(["scorecard", str(corpus / "chains"), "--entity", "湖南", "--metric", "地区生产总值", "--json",
                 "--as-of", AS_OF.isoformat(), "--cache-dir", str(tmp_path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {(r["entity"], r["metric_key"]) for r in rows} == {("湖南省", "gdp")}
    assert sorted(r["year"] for r in rows) == [2025, 2026]
