"""URL clean-up for the link list: protocol-relative URLs, whitespace, data URIs."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from .sanitize import sanitize

MAX_URL_CHARS = 2048
_INNER_WS = re.compile(r"[\t\n\r]")


def normalize_url(url: str, base: str | None = None) -> str:
    """A link target as shown: trimmed, `//host/path` -> `https://host/path`, relative joined to `base`."""
    url = _INNER_WS.sub("", url.strip(" \t\n\r\f"))
    url = sanitize(url)
    if url.startswith("//"):
        url = "https:" + url
    elif url[:5].lower() == "data:":
        head = url.split(",", 1)[0]
        return head[:64] + ",…"
    elif base and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        try:
            url = urljoin(base, url)
        except ValueError:
            pass
    if len(url) > MAX_URL_CHARS:
        url = url[: MAX_URL_CHARS - 1] + "…"
    return url
