"""Rich styles for runs and decorations; one place to retheme the article view."""

from __future__ import annotations

from functools import lru_cache

from rich.style import Style

RUN_STYLE = {
    "bold": Style(bold=True),
    "italic": Style(italic=True),
    "code": Style(color="cyan"),
    "strike": Style(strike=True),
    "link": Style(underline=True),
}

DECORATION = {
    "heading": Style(bold=True),
    "heading1": Style(bold=True, underline=True),
    "quote_bar": Style(dim=True),
    "list_marker": Style(bold=True),
    "footnote": Style(dim=True),
    "image": Style(italic=True),
    "rule": Style(dim=True),
    "code_block": Style(color="cyan"),
    "table_border": Style(dim=True),
    "table_header": Style(bold=True),
    "link_number": Style(dim=True),
    "link_url": Style(underline=True),
    "title": Style(bold=True),
    "meta_label": Style(dim=True),
    "notice": Style(italic=True, dim=True),
}


@lru_cache(maxsize=64)
def run_style(styles: frozenset[str]) -> Style | None:
    """The combined Rich style for a set of run styles (None when plain)."""
    combined = None
    for name in sorted(styles):
        style = RUN_STYLE.get(name)
        if style is not None:
            combined = style if combined is None else combined + style
    return combined
