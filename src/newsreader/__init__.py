"""newsreader: a terminal reader for news archives kept as Jekyll posts."""

__version__ = "0.1.0"
