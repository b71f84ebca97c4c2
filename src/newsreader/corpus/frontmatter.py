"""Front matter: split it from the body, parse it as YAML, recover it line by line when YAML fails."""

from __future__ import annotations

import re

import yaml

# Front matter bigger than this is not handed to the YAML parser (it is not a real post's).
MAX_YAML_CHARS = 64 * 1024
# Aliases make a small text expand into a huge structure (the "billion laughs" attack).
MAX_ALIASES = 16

_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\[\]{}]+", re.MULTILINE)
_KEY_LINE = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*?)|)[ \t]*$")
_LIST_ITEM = re.compile(r"^[ \t]+-[ \t]*(.*?)[ \t]*$|^-[ \t]+(.*?)[ \t]*$")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split_front_matter(text: str) -> tuple[str | None, str, list[str]]:
    """Split `text` into (front matter or None, body, warnings); blank lines may precede it."""
    lines = text.splitlines(keepends=True)
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first == len(lines) or not _FENCE.match(lines[first].rstrip("\r\n")):
        return None, text, []
    warnings = ["blank lines before the front matter"] if first else []
    for end in range(first + 1, len(lines)):
        if _CLOSE.match(lines[end].rstrip("\r\n")):
            return "".join(lines[first + 1 : end]), "".join(lines[end + 1 :]), warnings
    # Never closed: keep the leading `key: value` lines as front matter, the rest as body.
    end = first + 1
    while end < len(lines) and (_KEY_LINE.match(lines[end].rstrip("\r\n")) or _LIST_ITEM.match(lines[end].rstrip("\r\n"))):
        end += 1
    warnings.append("front matter is never closed (no second ---)")
    return "".join(lines[first + 1 : end]), "".join(lines[end:]), warnings


def parse_front_matter(fm: str) -> tuple[dict, list[str]]:
    """Parse front matter text into a dict; never raises, explains any recovery in warnings."""
    if len(fm) > MAX_YAML_CHARS:
        return parse_lines(fm), [f"front matter is {len(fm):,} characters: read line by line"]
    if len(_ALIAS.findall(fm)) > MAX_ALIASES:
        return parse_lines(fm), ["front matter uses too many YAML aliases: read line by line"]
    try:
        data = yaml.load(fm, Loader=_Loader)  # _Loader is YAML's safe loader
    except yaml.YAMLError as exc:
        reason = str(getattr(exc, "problem", None) or "syntax error")
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        return parse_lines(fm), [f"front matter is not valid YAML ({reason}{where}): fields recovered line by line"]
    except (RecursionError, MemoryError, ValueError, OverflowError) as exc:
        return parse_lines(fm), [f"front matter could not be parsed ({type(exc).__name__}): fields recovered line by line"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return parse_lines(fm), ["front matter is not a mapping: fields recovered line by line"]
    return {str(k): v for k, v in data.items()}, []


def _unquote(value: str) -> str:
    """Strip one pair of surrounding quotes, leaving quotes inside alone (they broke YAML)."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        return inner.replace("''", "'") if value[0] == "'" else inner.replace('\\"', '"')
    return value


def _scalar_or_list(value: str) -> str | list[str]:
    """A flow list `[a, b]` becomes a list; anything else a string without its quotes."""
    if value.startswith("[") and value.endswith("]"):
        return [_unquote(v.strip()) for v in value[1:-1].split(",") if v.strip()]
    return _unquote(value)


def parse_lines(fm: str) -> dict:
    """Tolerant parser: top-level `key: value` lines and `- item` lists; the last duplicate wins."""
    data: dict = {}
    key = None
    for raw in fm.splitlines():
        line = raw.replace("\t", "    ").rstrip()
        match = _KEY_LINE.match(line)
        if match:
            key, value = match.group(1), (match.group(2) or "").strip()
            data[key] = _scalar_or_list(value) if value else []
            continue
        item = _LIST_ITEM.match(line)
        if item and key is not None and isinstance(data.get(key), list):
            data[key].append(_unquote((item.group(1) or item.group(2) or "").strip()))
    # A key with neither a value nor list items is empty text, as YAML would read it.
    return {k: ("" if v == [] else v) for k, v in data.items()}
