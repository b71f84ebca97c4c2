"""The scorecard (headless): every quantified goal of an archive set against what was achieved.

Each target the extractor finds (entity, canonical metric, period, bound) is paired with the
first later report of the same entity, metric and period (`pairing`), and judged: met,
exceeded, missed by how much, pending, or no figure (`verdict`). `rows_of_index(index)`
builds it from the cache index (placing only the posts that changed since the last time, see
`cache`); `sources.from_paths` from posts read directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from newsreader.scorecard.model import Placed, Row, Source, Statement
from newsreader.scorecard.pairing import Scorecard
from newsreader.scorecard.verdict import EXCEEDED, MET, MISSED, NO_FIGURE, PENDING, VERDICTS

if TYPE_CHECKING:
    from newsreader.store.index import Index

__all__ = ["EXCEEDED", "MET", "MISSED", "NO_FIGURE", "PENDING", "VERDICTS", "Placed", "Row", "Scorecard", "Source",
           "Statement", "metric_keys", "rows_matching", "rows_of_index"]


def rows_of_index(index: Index, today: date | None = None, *, entity: str | None = None,
                  metric: str | None = None) -> list[Row]:
    """The rows of the scorecard of what the index holds (of one entity and metric, when given), with
    the sentences behind their figures."""
    from newsreader.scorecard.cache import ScorecardCache
    from newsreader.scorecard.sources import with_sentences

    cache = ScorecardCache(index)
    try:
        rows = cache.rows(today)
    finally:
        cache.close()
    return with_sentences(rows_matching(rows, entity=entity, metric=metric), index)


def metric_keys(words: str) -> set[str]:
    """The metric keys `words` stand for: a key itself (gdp), a name (地区生产总值) or part of names (就业)."""
    from newsreader.targets.vocabulary import indicator_name, keys_for

    words = words.strip()
    if indicator_name(words):
        return {words}
    return keys_for(words)


def rows_matching(rows: Iterable[Row], *, entity: str | None = None, metric: str | None = None) -> list[Row]:
    """The rows of one entity (吕梁 and 吕梁市 are one) and of one metric, when given."""
    from newsreader.targets.vocabulary import entity_key

    wanted_entity = entity_key(entity.strip()) if entity and entity.strip() else None
    wanted_metrics = metric_keys(metric) if metric and metric.strip() else None
    return [row for row in rows
            if (wanted_entity is None or row.target.entity_key == wanted_entity)
            and (wanted_metrics is None or row.metric_key in wanted_metrics)]
