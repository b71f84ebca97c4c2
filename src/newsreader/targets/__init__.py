"""Numeric target extraction (headless): numerals, units, comparators, target vs achieved."""

from .extractor import extract
from .model import Target
from .numerals import parse_numeral

__all__ = ["Target", "extract", "parse_numeral"]
