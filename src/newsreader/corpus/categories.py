"""Categories and tags as each generator reads them from front matter, and category paths.

A post is filed under category *paths*: Jekyll's categories are flat (each name is a path of
one level), Hexo's list is one hierarchy (`[金融, 新浪财经]` is 金融 › 新浪财经; a list of
lists is several), Hugo's section is a path and each taxonomy term a path of one level. A
path is written with `/` between its levels (`金融/新浪财经`); a post is in every prefix of
its paths, so choosing a parent category shows its children's posts too.
"""

from __future__ import annotations

import re

SEPARATOR = "/"
_LEVEL_MARKS = re.compile(r"\s*[/›>]\s*")  # how a user may write a path: 金融/新浪财经, 金融 › 新浪财经
MAX_NAMES = 64  # categories or tags per post
MAX_NAME_CHARS = 80
MAX_DEPTH = 8  # levels of one category path


def dedupe(names: list[str]) -> list[str]:
    """Names in first-seen order, each once."""
    return list(dict.fromkeys(names))


def _clean(value: object) -> str:
    """One name: text, whitespace at its ends removed, bounded."""
    return str(value).strip()[:MAX_NAME_CHARS]


def _capped(names: list, field: str, warnings: list[str]) -> list:
    if len(names) > MAX_NAMES:
        warnings.append(f"{field}: only the first {MAX_NAMES} of {len(names)} kept")
        return names[:MAX_NAMES]
    return names


def _as_list(value: object, field: str, warnings: list[str]) -> list | None:
    """A list of items from a list or a mapping's keys (None for a scalar or nothing)."""
    if isinstance(value, dict):
        warnings.append(f"{field} is a mapping: its keys are used")
        return list(value.keys())
    if isinstance(value, (list, tuple)):
        return list(value)
    return None


def _is_scalar(value: object) -> bool:
    return isinstance(value, (str, int, float, bool)) or hasattr(value, "isoformat")


def jekyll_names(value: object, field: str, warnings: list[str]) -> list[str]:
    """Jekyll's reading of `categories`/`tags`: a list, or a string split at spaces."""
    if value is None or value == "":
        return []
    items = _as_list(value, field, warnings)
    if items is None:
        if not _is_scalar(value):
            warnings.append(f"{field} has an unexpected type: ignored")
            return []
        items = str(value).split()
    return _capped(_names(items, field, warnings), field, warnings)


def _names(items: list, field: str, warnings: list[str]) -> list[str]:
    """The names of a list, nested values left out with a warning."""
    out: list[str] = []
    for item in items:
        if isinstance(item, (list, tuple, dict)):
            warnings.append(f"{field} holds a nested value: ignored")
        elif item is not None and str(item).strip():
            out.append(_clean(item))
    return out


def singular(value: object) -> list[str]:
    """Jekyll's `category:`/`tag:` hold one name, spaces included."""
    if value is None or isinstance(value, (list, dict)) or not str(value).strip():
        return []
    return [_clean(value)]


def terms(value: object, field: str, warnings: list[str]) -> list[str]:
    """Hugo's taxonomy terms and Hexo's tags: a list, or one string that is one term."""
    if value is None or value == "":
        return []
    items = _as_list(value, field, warnings)
    if items is None:
        return singular(value) if _is_scalar(value) else []
    return _capped(dedupe(_names(items, field, warnings)), field, warnings)


def hexo_paths(value: object, warnings: list[str]) -> list[list[str]]:
    """Hexo's `categories`: a list is one hierarchy, each inner list another; a string is one name."""
    if value is None or value == "":
        return []
    items = _as_list(value, "categories", warnings)
    if items is None:
        return [singular(value)] if singular(value) else []
    chain: list[str] = []
    paths: list[list[str]] = []
    for item in items:
        if isinstance(item, (list, tuple)):
            path = [_clean(part) for part in item if _is_scalar(part) and str(part).strip()]
            if len(path) < len(item):
                warnings.append("categories holds a nested value: ignored")
            if path:
                paths.append(path)
        elif isinstance(item, dict) or not _is_scalar(item):
            warnings.append("categories holds a nested value: ignored")
        elif str(item).strip():
            chain.append(_clean(item))
    if chain:
        paths.insert(0, chain)
    for path in paths:
        if len(path) > MAX_DEPTH:
            warnings.append(f"categories: a path of {len(path)} levels cut to {MAX_DEPTH}")
            del path[MAX_DEPTH:]
    return _capped(paths, "categories", warnings)


def path_keys(paths: list[list[str]]) -> list[str]:
    """Every category path a post is in, parents first (`金融`, `金融/新浪财经`, …), each once."""
    keys: list[str] = []
    for path in paths:
        keys.extend(SEPARATOR.join(path[: depth + 1]) for depth in range(len(path)))
    return dedupe(keys)


def leaf_paths(keys: list[str]) -> list[str]:
    """The deepest paths among `keys` (those no other key extends): what a post is filed under."""
    return [key for key in keys if not any(other.startswith(key + SEPARATOR) for other in keys)]


def category_key(text: str) -> str:
    """The stored form of a category path a user wrote (`金融 › 新浪财经 ` -> `金融/新浪财经`)."""
    return SEPARATOR.join(part for part in _LEVEL_MARKS.split(text.strip()) if part)


def parents(keys: list[str]) -> dict[str, str | None]:
    """Each category path's parent among `keys`: its longest shorter path that is one of them
    (None at the top). A name holding a `/` whose first part is no category stays at the top."""
    present = set(keys)
    out: dict[str, str | None] = {}
    for key in keys:
        parts = key.split(SEPARATOR)
        out[key] = next((parent for depth in range(len(parts) - 1, 0, -1)
                         if (parent := SEPARATOR.join(parts[:depth])) in present), None)
    return out
