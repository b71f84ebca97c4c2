"""Post dates: front-matter values in the forms static-site generators read and feed mirrors
write, file-name dates, site time zones.

Accepted (with the value each form is read as):

    2022-04-12 10:27:27 +0800        ISO 8601 / RFC 3339, `T` or space, offset optional
    2022-04-12T02:27:27Z             (`Z`, `UTC`, `GMT`, `+08:00`, `+0800`, `+08`)
    2022-04-12, 2022/4/12 10:27      date only (midnight), slashes
    Tue, 12 Apr 2022 02:27:27 GMT    RFC 2822 / RFC 1123 (feed dates; weekday optional)
    Tue Apr 12 2022 10:27:27 GMT+0800 (中国标准时间)   JavaScript's Date.toString()
    2022年4月12日 10:27, 2022年4月12日10时27分   Chinese dates
    1649730447 (or "1649730447")     seconds since the epoch (13 digits: milliseconds)

A value without an offset is read in the site's time zone. Anything else is undated, with a
warning that quotes the value.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_OFFSET = r"(Z|UTC|GMT|UT|[+-]\d{2}:?\d{2}|[+-]\d{1,2})"
_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?"
_ISO = re.compile(rf"^(\d{{4}})[-/](\d{{1,2}})[-/](\d{{1,2}})(?:[T ]+{_TIME})?\s*{_OFFSET}?$", re.IGNORECASE)
_CHINESE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*"
                      r"(?:(\d{1,2})[:时點点](\d{1,2})分?(?:[:](\d{1,2})|(\d{1,2})秒)?)?\s*" + _OFFSET + "?$")
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
# RFC 2822 names for the US zones; any other name is not an offset this module can trust.
_RFC_ZONES = {"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}
_ZONE_NAME = "|".join(_RFC_ZONES)
_RFC2822 = re.compile(rf"^{_WEEKDAY}(\d{{1,2}})[\s-]+{_MONTH}[\s-]+(\d{{2}}|\d{{4}})"
                      rf"(?:\s+{_TIME})?\s*(?:{_OFFSET}|({_ZONE_NAME}))?$", re.IGNORECASE)
# Date.toString(): `Tue Apr 12 2022 10:27:27 GMT+0800 (China Standard Time)`.
_JAVASCRIPT = re.compile(rf"^{_WEEKDAY}{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})(?:\s+{_TIME})?"
                         r"\s*(?:GMT|UTC)?\s*([+-]\d{2}:?\d{2})?\s*(?:\([^()]*\))?$", re.IGNORECASE)
_EPOCH_TEXT = re.compile(r"^(\d{9,10}|\d{12,13})(?:\.\d+)?$")
_FILE_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-")
_OFFSET_ONLY = re.compile(r"^\s*(Z|[+-]\d{2}:?\d{2})?\s*$")
_QUOTE_CHARS = 40  # how much of an unreadable value a warning quotes

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


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
    """A fixed UTC offset from `+0800`, `+08:00`, `-5`, `Z`, `UTC` or `GMT`."""
    if not text:
        return None
    if text.upper() in ("Z", "UTC", "GMT", "UT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (int(digits[:-2] or 0), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    if hours > 23 or minutes > 59:
        raise ValueError(f"bad UTC offset {text}")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _localize(value: datetime, site_tz: tzinfo | None) -> datetime:
    """Give a naive datetime the site's zone (as the generators do), else the machine's."""
    if value.tzinfo is not None:
        return value
    if site_tz is not None:
        return value.replace(tzinfo=site_tz)
    try:
        return value.astimezone()  # the machine's local zone, as Jekyll and Hexo without `timezone:`
    except (OverflowError, OSError, ValueError):
        return value.replace(tzinfo=UTC)


def _clock(hour: str | None, minute: str | None, second: str | None,
           fraction: str | None = None) -> tuple[int, int, int, int]:
    return int(hour or 0), int(minute or 0), int(second or 0), int((fraction or "0").ljust(6, "0"))


def _from_epoch(seconds: float) -> datetime:
    """A timestamp (seconds, or milliseconds when it has 12 or more digits) as a UTC datetime."""
    if abs(seconds) >= 1e11:
        seconds /= 1000
    return _EPOCH + timedelta(seconds=seconds)


def _read_text(text: str) -> datetime:
    """The (naive or aware) datetime `text` holds; ValueError when it is in a known form but
    not a valid date, LookupError when it is in no known form."""
    if match := _ISO.match(text):
        y, mo, d, h, mi, s, frac, off = match.groups()
        return datetime(int(y), int(mo), int(d), *_clock(h, mi, s, frac), tzinfo=_offset(off))
    if match := _RFC2822.match(text):
        d, month, y, h, mi, s, frac, off, name = match.groups()
        year = int(y) if len(y) == 4 else int(y) + (2000 if int(y) < 50 else 1900)  # RFC 2822's rule
        tz = timezone(timedelta(hours=_RFC_ZONES[name.upper()])) if name else _offset(off)
        return datetime(year, _MONTHS[month.lower()], int(d), *_clock(h, mi, s, frac), tzinfo=tz)
    if match := _JAVASCRIPT.match(text):
        month, d, y, h, mi, s, frac, off = match.groups()
        return datetime(int(y), _MONTHS[month.lower()], int(d), *_clock(h, mi, s, frac), tzinfo=_offset(off))
    if match := _CHINESE.match(text):
        y, mo, d, h, mi, s_colon, s_char, off = match.groups()
        return datetime(int(y), int(mo), int(d), *_clock(h, mi, s_colon or s_char), tzinfo=_offset(off))
    if match := _EPOCH_TEXT.match(text):
        return _from_epoch(float(text))
    raise LookupError(text)


def parse_date(value: object, site_tz: tzinfo | None = None) -> tuple[datetime | None, str | None]:
    """Read a front-matter date; returns (aware datetime or None, a warning or None).

    `site_tz` is the zone of values written without an offset (None: the machine's).
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return _localize(value, site_tz), None
    if isinstance(value, date):
        return _localize(datetime(value.year, value.month, value.day), site_tz), None
    if isinstance(value, time):
        return None, f"date {value.isoformat()!r} is a time of day without a day"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)  # epoch seconds, read as text: a bare year (2022) is not one
    if not isinstance(value, str):
        return None, f"date {str(value)[:_QUOTE_CHARS]!r} could not be read"
    text = " ".join(unicodedata.normalize("NFKC", value).split())  # full-width digits, colons, spaces
    if _OFFSET_ONLY.match(text):
        return None, f"date {value.strip()!r} has no day or time"
    try:
        parsed = _read_text(text)
    except LookupError:
        return None, f"date {value.strip()[:_QUOTE_CHARS]!r} could not be read"
    except (ValueError, OverflowError) as exc:
        return None, f"date {value.strip()[:_QUOTE_CHARS]!r} is not a valid date ({exc})"
    return _localize(parsed, site_tz), None


def date_from_filename(name: str, site_tz: tzinfo | None = None) -> datetime | None:
    """The date of a post's file name (`2022-02-28-title.md`, `2024-8-1-title.md`), at midnight."""
    match = _FILE_DATE.match(name)
    if not match:
        return None
    try:
        year, month, day = (int(part) for part in match.groups())
        return _localize(datetime(year, month, day), site_tz)
    except ValueError:
        return None


def sort_key(value: datetime | None) -> float | None:
    """Seconds since the epoch for sorting (None when undated: SQL sorts NULL after, newest first)."""
    if value is None:
        return None
    try:
        return (value - _EPOCH).total_seconds()
    except (OverflowError, TypeError):
        # Year 1 or 9999 with an offset cannot be moved to UTC; the local clock is close enough.
        return (value.replace(tzinfo=None) - _EPOCH.replace(tzinfo=None)).total_seconds()
