"""What feed mirrors wrap around an article and a reader never shows as text.

- share, ad and QR-code blocks, recognised by the words of their class or id
  (`<div class="clearfix appendQr_wrap">` holds 海量资讯、精准解读，尽在新浪财经APP);
- tracking pixels: images of at most 1×1 pixel, or hidden;
- images inlined as base64 `data:` URIs: no link to follow (their alt text still shows);
- image URLs behind a fetching proxy (`https://cors.example.dev/?http://img…/a.png`): the
  original URL is the link.

Text is only removed with the element that holds it, so an article's own sentences are never
cut: a block must name itself an ad or a share bar for its text to go.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

# Words that mark a block as a share bar, an ad or a QR-code promotion, as class or id parts
# (`appendQr_wrap` -> appendqr, wrap; `app-kaihu-qr` -> app, kaihu, qr; `adsbygoogle`).
BOILERPLATE_WORDS = frozenset({
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "adlist", "adsbygoogle", "adbox", "adwrap",
    "share", "sharing", "sharebar", "sharethis", "addthis", "jiathis", "bdshare", "bdsharebuttonbox",
    "social", "qr", "qrcode", "appendqr", "kaihu", "sponsor", "sponsored", "promo", "promotion",
})
_WORD_SPLIT = re.compile(r"[\s_\-:.]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TINY = re.compile(r"^\s*[01](?:\.0*)?\s*(?:px)?\s*$")
_PROXIED = re.compile(r"^https?://", re.IGNORECASE)
_URL_PARAMS = ("url", "u", "src", "image", "img")


def _words(value: str) -> set[str]:
    return {word.lower() for word in _WORD_SPLIT.split(value) if word}


def is_boilerplate_block(attrs: list[tuple[str, str | None]]) -> bool:
    """True for an element whose class or id names it a share bar, an ad or a QR promotion."""
    for name, value in attrs:
        if name in ("class", "id") and value and not _words(value).isdisjoint(BOILERPLATE_WORDS):
            return True
    return False


def is_tracking_pixel(attrs: dict[str, str | None]) -> bool:
    """True for an image of at most 1×1 pixel, or one hidden by its style."""
    width, height = attrs.get("width") or "", attrs.get("height") or ""
    if _TINY.match(width) and _TINY.match(height):
        return True
    return bool(_HIDDEN_STYLE.search(attrs.get("style") or ""))


def is_inline_data(url: str) -> bool:
    """True for a `data:` URI (a base64 image has nothing to follow)."""
    return url.lstrip()[:5].lower() == "data:"


def unproxied(url: str) -> str:
    """The original URL of an image fetched through a proxy, else `url` as it is.

    `https://proxy/?http://host/a.png` and `https://proxy/?url=http%3A%2F%2Fhost%2Fa.png` both
    give `http://host/a.png`.
    """
    try:
        query = urlsplit(url.strip()).query
    except ValueError:
        return url
    if _PROXIED.match(query):
        return query
    for key, value in parse_qsl(query):
        if key.lower() in _URL_PARAMS and _PROXIED.match(value):
            return value
    return url
