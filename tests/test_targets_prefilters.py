"""The extractor's cheap prefilters must agree exactly with the regexes they stand in front of."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.targets import exclusions as ex
from newsreader.targets import metric
from newsreader.targets.units import UNIT_RE, UNITS, match_unit


def _words(pattern: re.Pattern) -> list[str]:
    """The literal words of a regex's alternations, as text to build test strings from."""
    return [w for w in re.split(r"[|()?:!<=\[\]{}^$*+\\]+", pattern.pattern) if w]


def _text(words: list[str]) -> st.SearchStrategy[str]:
    pieces = st.sampled_from(words + ["2022年", "20", "人", "增长", "\n", " ", "，", "a", "的"])
    return st.lists(pieces, max_size=8).map("".join)


@settings(max_examples=600, deadline=None)
@given(_text(_words(metric._TRAILING)))
def test_strip_trailing_equals_the_regex(phrase):
    assert metric._strip_trailing(phrase) == metric._TRAILING.sub("", phrase)


@settings(max_examples=400, deadline=None)
@given(_text(_words(ex.PREFIX) + ["逼近", "接近", " "]))
def test_prefix_match_equals_the_regex(before):
    # (a prefix word may stand one space before the figure: 超 5000 股)
    found, expected = ex.prefix_match(before), ex.PREFIX.search(before) or ex.SPACED_PREFIX.search(before)
    assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=400, deadline=None)
@given(_text(list(UNITS) + ["/年", "/吨", "百分", "万"]), st.integers(min_value=0, max_value=30))
def test_match_unit_prefilter_agrees_with_the_unit_regex(text, pos):
    found = match_unit(text, pos)
    m = UNIT_RE.match(text, pos)
    assert (found[0] if found else None) == (m.group(0) if m else None)


def test_prefilters_keep_their_hits():
    assert metric._strip_trailing("地区生产总值同比") == "地区生产总值"
    assert metric._strip_trailing("城镇新增就业人数（") == "城镇新增就业人数"
    assert ex.prefix_match("总额约").group(0) == "约"
    assert ex.prefix_match("将近\n").group(0) == "将近"
    assert ex.prefix_match("逼近") is None
    assert match_unit("万吨/年产能", 1) == ("吨/年", UNITS["吨"].__class__("吨/年", 1.0, "measure"))


@settings(max_examples=400, deadline=None)
@given(_text(["at least", "more than", "up to", "about", "around", "under", "some", "增长", "\u3000", "\t"]))
def test_english_comparator_prefilter_agrees_with_the_regex(before):
    from newsreader.targets.english import _BOUND_BEFORE, english_comparator

    text = before + "60,000"
    start = len(before)
    m = _BOUND_BEFORE.search(text, max(0, start - 16), start)
    expected = None if not m else ">=" if m.group("ge") else "<=" if m.group("le") else "~"
    assert english_comparator(text, start) == expected
