"""Numeric target extraction (headless): numerals, units, comparators, target vs achieved."""
