"""Post dates: front-matter values in the forms Jekyll accepts, file-name dates, site time zones."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DATE_TEXT = re.compile(
    r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{1,2})?\s*$"
)
_FILE_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")
_OFFSET_ONLY = re.compile(r"^\s*(Z|[+-]\d{2}:?\d{2})?\s*$")


@lru_cache(maxsize=64)
def zone(name: str | None) -> tzinfo | None:
    """The named IANA time zone, or None when the name is missing or unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _offset(text: str | None) -> tzinfo | None:
    """A fixed UTC offset from `+0800`, `+08:00`, `-5` or `Z`."""
    if not text:
        return None
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (int(digits[:-2] or 0), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    if hours > 23 or minutes > 59:
        raise ValueError(f"bad UTC offset {text}")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _localize(value: datetime, site_tz: tzinfo | None) -> datetime:
    """Give a naive datetime the site's zone (as Jekyll does), else the machine's."""
    if value.tzinfo is not None:
        return value
    if site_tz is not None:
        return value.replace(tzinfo=site_tz)
    try:
        return value.astimezone()  # the machine's local zone, as Jekyll without `timezone:`
    except (OverflowError, OSError, ValueError):
        return value.replace(tzinfo=UTC)


def parse_date(value: object, site_tz: tzinfo | None = None) -> tuple[datetime | None, str | None]:
    """Read a front-matter date; returns (aware datetime or None, a warning or None)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return _localize(value, site_tz), None
    if isinstance(value, date):
        return _localize(datetime(value.year, value.month, value.day), site_tz), None
    text = str(value)
    if _OFFSET_ONLY.match(text):
        return None, f"date {text.strip()!r} has no day or time"
    match = _DATE_TEXT.match(text)
    if not match:
        return None, f"date {text[:40]!r} could not be read"
    y, mo, d, h, mi, s, frac, off = match.groups()
    try:
        naive = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0),
                         int((frac or "0").ljust(6, "0")))
        tz = _offset(off)
    except ValueError as exc:
        return None, f"date {text[:40]!r} is not a valid date ({exc})"
    return (naive.replace(tzinfo=tz) if tz else _localize(naive, site_tz)), None


def date_from_filename(name: str, site_tz: tzinfo | None = None) -> datetime | None:
    """The date of a Jekyll post's file name (`2022-02-28-title.md`), at midnight."""
    match = _FILE_DATE.match(name)
    if not match:
        return None
    try:
        year, month, day = (int(part) for part in match.groups())
        return _localize(datetime(year, month, day), site_tz)
    except ValueError:
        return None


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def sort_key(value: datetime | None) -> float | None:
    """Seconds since the epoch for sorting (None when undated: SQL sorts NULL after, newest first)."""
    if value is None:
        return None
    try:
        return (value - _EPOCH).total_seconds()
    except (OverflowError, TypeError):
        # Year 1 or 9999 with an offset cannot be moved to UTC; the local clock is close enough.
        return (value.replace(tzinfo=None) - _EPOCH.replace(tzinfo=None)).total_seconds()
