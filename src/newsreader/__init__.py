"""newsreader: a terminal reader for news archives kept as Jekyll, Hexo or Hugo sites."""

__version__ = "0.1.0"
