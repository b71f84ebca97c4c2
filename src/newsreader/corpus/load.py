"""Reading one post file into a Post, leniently: whatever can be read is kept."""

from __future__ import annotations

import os
import re
from pathlib import Path

from newsreader.corpus.dates import date_from_filename, parse_date, zone
from newsreader.corpus.decode import decode_bytes
from newsreader.corpus.frontmatter import parse_front_matter, split_front_matter
from newsreader.corpus.post import Post, PostError
from newsreader.corpus.scan import SourceFile

# Bodies longer than this are cut for display and indexing (the file itself is untouched).
MAX_BODY_CHARS = 2_000_000
MAX_READ_BYTES = 4 * MAX_BODY_CHARS + 64 * 1024
MAX_NAMES = 64  # categories or tags per post
MAX_NAME_CHARS = 80

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_HTML_HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def _names(value: object, field: str, warnings: list[str]) -> list[str]:
    """Jekyll's reading of `categories`/`tags`: a list, or a string split at spaces."""
    if value is None or value == "":
        return []
    if isinstance(value, dict):
        warnings.append(f"{field} is a mapping: its keys are used")
        value = list(value.keys())
    if isinstance(value, (list, tuple)):
        out: list[str] = []
        for item in value:
            if isinstance(item, (list, tuple, dict)):
                warnings.append(f"{field} holds a nested value: ignored")
                continue
            if item is not None and str(item).strip():
                out.append(str(item).strip())
    elif isinstance(value, (str, int, float, bool)) or hasattr(value, "isoformat"):
        out = str(value).split()
    else:
        warnings.append(f"{field} has an unexpected type: ignored")
        return []
    if len(out) > MAX_NAMES:
        warnings.append(f"{field}: only the first {MAX_NAMES} of {len(out)} kept")
        out = out[:MAX_NAMES]
    return [n[:MAX_NAME_CHARS] for n in out]


def _singular(value: object) -> list[str]:
    """Jekyll's `category:`/`tag:` hold one name, spaces included."""
    if value is None or isinstance(value, (list, dict)) or not str(value).strip():
        return []
    return [str(value).strip()[:MAX_NAME_CHARS]]


def _dedupe(names: list[str]) -> list[str]:
    """Names in first-seen order, each once."""
    return list(dict.fromkeys(names))


def _title(meta: dict, body: str, stem: str, warnings: list[str], had_front_matter: bool) -> str:
    """The front-matter title; without front matter, the first heading or the file name."""
    if "title" in meta and not isinstance(meta["title"], (dict, list)):
        value = meta["title"]
        return "" if value is None else str(value).strip()
    if "title" in meta:
        warnings.append("title is not text: ignored")
    if had_front_matter:
        return ""
    match = _MD_HEADING.search(body[:20000]) or _HTML_HEADING.search(body[:20000])
    if match:
        return _TAG.sub("", match.group(1)).strip()[:300]
    return stem


def read_text(path: str, warnings: list[str]) -> tuple[str, int]:
    """A file's text (bounded) and its size; raises PostError with a reason when unreadable."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            data = fh.read(MAX_READ_BYTES)
    except IsADirectoryError:
        raise PostError("is a folder") from None
    except PermissionError:
        raise PostError("permission denied") from None
    except FileNotFoundError:
        raise PostError("file vanished before it could be read") from None
    except OSError as exc:
        raise PostError((exc.strerror or str(exc)).lower()) from None
    if len(data) < size:
        warnings.append(f"file is {size:,} bytes: only the first {len(data):,} are read")
    text, enc_warnings = decode_bytes(data)
    warnings.extend(enc_warnings)
    return text, size


def load_post(source: SourceFile) -> Post:
    """Read the post at `source`; raises PostError only when the file cannot be read at all."""
    warnings: list[str] = []
    text, size = read_text(source.path, warnings)
    fm, body, fm_warnings = split_front_matter(text)
    warnings.extend(fm_warnings)
    meta: dict = {}
    if fm is not None:
        meta, parse_warnings = parse_front_matter(fm)
        warnings.extend(parse_warnings)
    name = os.path.basename(source.path)
    site_tz = zone(source.timezone)
    date, date_warning = parse_date(meta.get("date"), site_tz)
    if date_warning:
        warnings.append(date_warning)
    if date is None:
        date = date_from_filename(name, site_tz)
    categories = _dedupe(source.folder_categories + _names(meta.get("categories"), "categories", warnings)
                         + _singular(meta.get("category")))
    tags = _dedupe(_names(meta.get("tags"), "tags", warnings) + _singular(meta.get("tag")))
    if len(body) > MAX_BODY_CHARS:
        warnings.append(f"body is {len(body):,} characters: only the first {MAX_BODY_CHARS:,} are shown")
        body = body[:MAX_BODY_CHARS]
    title = _title(meta, body, Path(name).stem, warnings, fm is not None)
    layout = meta.get("layout")
    return Post(
        id=source.id,
        path=source.path,
        title=title,
        date=date,
        categories=categories,
        tags=tags,
        body=body,
        layout=str(layout) if isinstance(layout, (str, int)) else None,
        warnings=warnings,
        size=size,
        mtime_ns=source.mtime_ns,
    )
