"""Reading one post file into a Post, leniently: whatever can be read is kept."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

from newsreader.corpus import categories as cats
from newsreader.corpus.dates import date_from_filename, parse_date, zone
from newsreader.corpus.decode import decode_bytes
from newsreader.corpus.frontmatter import JSON, TOML, YAML, parse_front_matter, split_front_matter
from newsreader.corpus.post import NotAPost, Post, PostError
from newsreader.corpus.scan import SourceFile
from newsreader.corpus.sites import FOLDER, HEXO, HUGO, JEKYLL

# Bodies longer than this are cut for display and indexing (the file itself is untouched).
MAX_BODY_CHARS = 2_000_000
MAX_READ_BYTES = 4 * MAX_BODY_CHARS + 64 * 1024

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_HTML_HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")

# The front-matter formats each kind reads (a plain folder: any, its generator is unknown).
_FORMATS = {JEKYLL: (YAML,), HEXO: (YAML,), HUGO: (YAML, TOML, JSON), FOLDER: (YAML, TOML, JSON)}
# Where the date is, in order: Hugo's default `frontmatter.date`; plain folders try the same.
_DATE_KEYS = {JEKYLL: ("date",), HEXO: ("date",),
              HUGO: ("date", "publishdate", "pubdate", "published", "lastmod", "modified")}
_DATE_KEYS[FOLDER] = _DATE_KEYS[HUGO]


def _date_value(meta: dict, kind: str) -> object:
    """The first date-holding value of the front matter (keys compared without case in Hugo and
    folders; a boolean `published: false` holds no date)."""
    keys = _DATE_KEYS[kind]
    if len(keys) == 1:
        return meta.get(keys[0])
    lowered = {str(key).lower(): value for key, value in meta.items()}
    for key in keys:
        value = lowered.get(key)
        if value not in (None, "") and not isinstance(value, bool):
            return value
    return None


def _read_date(meta: dict, source: SourceFile, name: str, warnings: list[str]) -> datetime | None:
    """The post's date, in its site's time zone when the site sets one."""
    site_tz = zone(source.timezone)
    # A value without an offset is in the site's zone, else Hugo's UTC, else the machine's.
    naive_tz = site_tz or (UTC if source.kind == HUGO else None)
    date, warning = parse_date(_date_value(meta, source.kind), naive_tz)
    if warning:
        warnings.append(warning)
    if date is None:
        date = date_from_filename(name, naive_tz)
    if date is not None and site_tz is not None:
        try:
            date = date.astimezone(site_tz)  # shown as the site shows it
        except (OverflowError, ValueError):
            pass
    return date


def _categories(meta: dict, source: SourceFile, warnings: list[str]) -> tuple[list[list[str]], list[str]]:
    """(category paths, tags) as the source's generator reads them."""
    if source.kind == HEXO:  # front matter only: never the folders
        return cats.hexo_paths(meta.get("categories"), warnings), cats.terms(meta.get("tags"), "tags", warnings)
    if source.kind == HUGO:  # the section, then the two taxonomies
        key, tag_key = source.category_key, source.tag_key
        terms = cats.terms(meta.get(key), key, warnings) if key else []
        paths = ([list(source.section)] if source.section else []) + [[term] for term in terms]
        return paths, cats.terms(meta.get(tag_key), tag_key, warnings) if tag_key else []
    names = cats.dedupe(source.folder_categories + cats.jekyll_names(meta.get("categories"), "categories", warnings)
                        + cats.singular(meta.get("category")))
    tags = cats.dedupe(cats.jekyll_names(meta.get("tags"), "tags", warnings) + cats.singular(meta.get("tag")))
    return [[name] for name in names], tags


def _is_draft(meta: dict) -> bool:
    """Hugo's `draft: true` (a boolean, or the text true)."""
    value = meta.get("draft")
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


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
    """Read the post at `source`; raises PostError only when the file cannot be read at all, and
    NotAPost for a Hugo draft when drafts are not wanted."""
    warnings: list[str] = []
    text, size = read_text(source.path, warnings)
    split = split_front_matter(text, _FORMATS.get(source.kind, (YAML,)), blank_lines_warn=source.kind == JEKYLL)
    warnings.extend(split.warnings)
    body = split.body
    meta: dict = {}
    if split.front_matter is not None:
        meta, parse_warnings = parse_front_matter(split.front_matter, split.format)
        warnings.extend(parse_warnings)
    if source.kind == HUGO:
        meta = {key.lower(): value for key, value in meta.items()}  # Hugo's keys ignore case
        if _is_draft(meta) and not source.drafts_wanted:
            raise NotAPost("a draft (draft: true): read with --drafts")
    name = os.path.basename(source.path)
    date = _read_date(meta, source, name, warnings)
    paths, tags = _categories(meta, source, warnings)
    if len(body) > MAX_BODY_CHARS:
        warnings.append(f"body is {len(body):,} characters: only the first {MAX_BODY_CHARS:,} are shown")
        body = body[:MAX_BODY_CHARS]
    title = _title(meta, body, Path(name).stem, warnings, split.front_matter is not None)
    layout = meta.get("layout")
    return Post(
        id=source.id,
        path=source.path,
        title=title,
        date=date,
        categories=cats.dedupe([name for path in paths for name in path]),
        category_paths=cats.path_keys(paths),
        tags=tags,
        body=body,
        layout=str(layout) if isinstance(layout, (str, int)) else None,
        warnings=warnings,
        size=size,
        mtime_ns=source.mtime_ns,
    )
