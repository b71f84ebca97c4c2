"""Front matter: split it from the body, parse it (YAML, TOML or JSON), recover it line by line
when the parser fails.

YAML is fenced by `---` lines (every generator), TOML by `+++` lines and JSON is an object
opening the file (Hugo). The same guarded parser reads site configuration files.
"""

from __future__ import annotations

import json
import re
import tomllib
from typing import NamedTuple

import yaml

YAML, TOML, JSON = "yaml", "toml", "json"

# Front matter bigger than this is not handed to a parser (it is not a real post's).
MAX_FRONT_MATTER_CHARS = 64 * 1024
# Aliases make a small text expand into a huge structure (the "billion laughs" attack).
MAX_ALIASES = 16

_OPEN = {YAML: re.compile(r"^---[ \t]*$"), TOML: re.compile(r"^\+\+\+[ \t]*$")}
_CLOSE = {YAML: re.compile(r"^(?:---|\.\.\.)[ \t]*$"), TOML: _OPEN[TOML]}
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\[\]{}]+", re.MULTILINE)
# One `key: value` (YAML), `key = value` (TOML) or `"key": value,` (JSON) line.
_KEY_LINE = {
    YAML: re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*?)|)[ \t]*$"),
    TOML: re.compile(r"^([A-Za-z_][\w-]*)[ \t]*=[ \t]*(.*?)[ \t]*$"),
    JSON: re.compile(r"^[ \t]*\"([^\"]+)\"[ \t]*:[ \t]*(.*?)[ \t]*,?[ \t]*$"),
}
_LIST_ITEM = re.compile(r"^[ \t]+-[ \t]*(.*?)[ \t]*$|^-[ \t]+(.*?)[ \t]*$")
_TOML_TABLE = re.compile(r"^\s*\[")
_JSON_END = re.compile(r"^\}[ \t]*$")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FormatError(Exception):
    """Text that its format's parser refused; the message says why (`is not valid TOML (…)`)."""


class Split(NamedTuple):
    """A post's text cut in two: the front matter (None when there is none) and the body."""

    front_matter: str | None
    body: str
    warnings: list[str]
    format: str = YAML


def load_structured(text: str, fmt: str) -> object:
    """Parse YAML, TOML or JSON text, guarded; raises FormatError with a one-line reason."""
    if fmt == YAML and len(_ALIAS.findall(text)) > MAX_ALIASES:
        raise FormatError("uses too many YAML aliases")
    try:
        if fmt == YAML:
            return yaml.load(text, Loader=_Loader)  # _Loader is YAML's safe loader
        if fmt == TOML:
            return tomllib.loads(text)
        return json.loads(text)
    except yaml.YAMLError as exc:
        reason = str(getattr(exc, "problem", None) or "syntax error")
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise FormatError(f"is not valid YAML ({reason}{where})") from None
    except tomllib.TOMLDecodeError as exc:
        raise FormatError(f"is not valid TOML ({exc})") from None
    except json.JSONDecodeError as exc:
        raise FormatError(f"is not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except (RecursionError, MemoryError) as exc:
        raise FormatError(f"could not be parsed ({type(exc).__name__})") from None
    except (ValueError, OverflowError) as exc:  # a value out of range (year 0) inside valid syntax
        raise FormatError(f"could not be parsed ({str(exc)[:80]})") from None


def split_front_matter(text: str, formats: tuple[str, ...] = (YAML,), *, blank_lines_warn: bool = True) -> Split:
    """Split `text` into front matter and body; blank lines may precede the front matter.

    `formats` are the front-matter formats the site's generator reads; `blank_lines_warn` says
    whether blank lines before the front matter are worth a warning (Jekyll would not read it).
    """
    lines = text.splitlines(keepends=True)
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first == len(lines):
        return Split(None, text, [])
    opening = lines[first].rstrip("\r\n")
    fmt = next((f for f in formats if f in _OPEN and _OPEN[f].match(opening)), None)
    if fmt is None and JSON in formats and opening.startswith("{"):
        return _split_json(text, lines, first)
    if fmt is None:
        return Split(None, text, [])
    warnings = ["blank lines before the front matter"] if first and blank_lines_warn else []
    for end in range(first + 1, len(lines)):
        if _CLOSE[fmt].match(lines[end].rstrip("\r\n")):
            return Split("".join(lines[first + 1 : end]), "".join(lines[end + 1 :]), warnings, fmt)
    # Never closed: keep the leading `key: value` lines as front matter, the rest as body.
    end = first + 1
    while end < len(lines) and (_KEY_LINE[fmt].match(lines[end].rstrip("\r\n"))
                                or _LIST_ITEM.match(lines[end].rstrip("\r\n"))):
        end += 1
    warnings.append(f"front matter is never closed (no second {opening.strip()})")
    return Split("".join(lines[first + 1 : end]), "".join(lines[end:]), warnings, fmt)


def _split_json(text: str, lines: list[str], first: int) -> Split:
    """Hugo's JSON front matter: the object that opens the file; the body follows it."""
    start = sum(len(line) for line in lines[:first])
    try:
        _, end = json.JSONDecoder().raw_decode(text[: start + MAX_FRONT_MATTER_CHARS], start)
        return Split(text[start:end], text[end:].lstrip("\r\n"), [], JSON)
    except (ValueError, RecursionError):
        pass
    # Not valid JSON: the object is taken to end at the first line that is only `}`.
    for end in range(first + 1, len(lines)):
        if _JSON_END.match(lines[end].rstrip("\r\n")):
            return Split("".join(lines[first : end + 1]), "".join(lines[end + 1 :]), [], JSON)
    return Split(None, text, ["the text opens with { but holds no JSON front matter: read as body"])


def parse_front_matter(fm: str, fmt: str = YAML) -> tuple[dict, list[str]]:
    """Parse front matter text into a dict; never raises, explains any recovery in warnings."""
    if len(fm) > MAX_FRONT_MATTER_CHARS:
        return parse_lines(fm, fmt), [f"front matter is {len(fm):,} characters: read line by line"]
    try:
        data = load_structured(fm, fmt)
    except FormatError as exc:
        return parse_lines(fm, fmt), [f"front matter {exc}: fields recovered line by line"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return parse_lines(fm, fmt), ["front matter is not a mapping: fields recovered line by line"]
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


def parse_lines(fm: str, fmt: str = YAML) -> dict:
    """Tolerant parser: top-level `key: value` lines (`key = value` in TOML, `"key": value` in
    JSON) and YAML `- item` lists; the last duplicate wins."""
    data: dict = {}
    key = None
    for raw in fm.splitlines():
        line = raw.replace("\t", "    ").rstrip()
        if fmt == TOML and _TOML_TABLE.match(line):
            break  # a [table]: the top-level keys are over
        match = _KEY_LINE[fmt].match(line)
        if match:
            key, value = match.group(1), (match.group(2) or "").strip()
            data[key] = _scalar_or_list(value) if value else []
            continue
        item = _LIST_ITEM.match(line) if fmt == YAML else None
        if item and key is not None and isinstance(data.get(key), list):
            data[key].append(_unquote((item.group(1) or item.group(2) or "").strip()))
    # A key with neither a value nor list items is empty text, as YAML would read it.
    return {k: ("" if v == [] else v) for k, v in data.items()}
