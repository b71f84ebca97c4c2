"""Cell-aware line breaking for Chinese, Latin and mixed text.

Rich and Textual break lines only at spaces. Here a break may also fall between
any two CJK characters, while these stay whole: a number with its unit and
comparator (`6.8%`, `3000亿元`, `1.2万人`, `5.5%以内`), a Latin word, a URL (as
long as it fits on a line). Closing punctuation (，。、；：！？）」』”’》 …) never
starts a line and opening punctuation (（「『“‘《 …) never ends one. Widths are
terminal cells as Rich counts them (full-width characters are two cells).

The text is cut into items: white space, line feeds, unbreakable boxes and runs of
ideographs (breakable between any two, two cells each, so a run is split by
arithmetic rather than character by character). Items that must not be
separated are merged into one box before the greedy fill.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from functools import cache

from rich.cells import cell_len, get_character_cell_size

from .whitespace import WIDE_CHARS, is_wide

CLOSING = frozenset(
    "，。、；：！？）」』”’》】〕〗〙〛〉｝］％‰…‥・·〜～〃々ゝゞヽヾー"
    ",.;:!?)]}%°℃"
)
OPENING = frozenset("（「『“‘《【〔〖〘〚〈｛［·￥＄([{$¥£€")

# Ideographs, kana and hangul: each two cells wide and breakable on both sides.
_IDEOGRAPHS = (
    "\u3041-\u3096\u30a1-\u30fa\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_UNIT = (
    "(?:[％‰])?(?:[多余])?[万亿千百十]{0,2}(?:[多余])?"
    "(?:平方公里|平方千米|平方米|立方米|千瓦时|千瓦|兆瓦|个百分点|百分点|公里|千米|公斤|千克|公顷|"
    "美元|港元|欧元|日元|英镑|元|吨|亩|人次|人|户|家|个|项|所|座|辆|台|套|件|次|倍|岁|"
    "年|月份|月|日|号|时|分钟|秒|天|周|届|条|名|位|架|艘|股|手|基点|点|成|米|斤|度|层|间|张|"
    "册|部|批|栋|床|块|只|头|升|克|笔|单|份|篇|宗|例)?"
    "(?:/(?:年|月|日|天|吨|人|股|辆|平方米|公斤|千克))?"
    "(?:以内|以上|以下|左右|之多|多|余)?"
)
_CLOSE_WIDE = "".join(re.escape(c) for c in sorted(CLOSING) if is_wide(c))
_OPEN_WIDE = "".join(re.escape(c) for c in sorted(OPENING) if is_wide(c))
_TOKEN_PATTERN = (
    r"(\n)"  # 1
    r"|([ \t]+)"  # 2
    rf"|([^ \t\n{WIDE_CHARS}\U0001f000-\U0001faff]+(?:(?<=[0-9%‰]){_UNIT})?)"  # 3: word, number+unit
    rf"|([{_OPEN_WIDE}]+[{_IDEOGRAPHS}])"  # 4: opening punctuation and what it opens
    # 5: ideographs, breakable anywhere; 6: closing punctuation, kept with the last one
    rf"|([{_IDEOGRAPHS}]+)([{_CLOSE_WIDE}]+)?"
    r"|(.)"  # 7
)


@cache
def _token() -> re.Pattern[str]:
    """The tokenizer, compiled on first use (its large character classes take ~8 ms: not at start-up)."""
    return re.compile(_TOKEN_PATTERN, re.DOTALL)


_NARROW_ASCII = re.compile(r"[\x20-\x7e]*\Z")
_URL_BREAK_AFTER = "/?&=,;-_.#"  # a long URL or word is best cut after one of these

BOX, RUN, SPACE, NEWLINE = 0, 1, 2, 3


def _items(text: str, nobreak: Collection[int], width: int = 1 << 30) -> list[list]:
    """Cut `text` into [kind, start, end, cells] items; neighbours that must stay together are merged.

    A `nobreak` offset only holds while the two sides fit on one line together
    (a footnote marker after a URL longer than the line may start the next line).
    """
    items: list[list] = []
    append = items.append
    cuts = sorted(nobreak) if nobreak else ()
    for m in _token().finditer(text):
        group = m.lastindex
        start, end = m.span()
        if group == 5:
            _add(items, text, RUN, start, end, 2 * (end - start), nobreak, width)
        elif group == 6:
            split = m.end(5) - 1  # the last ideograph goes with the punctuation
            if split > start:
                _add(items, text, RUN, start, split, 2 * (split - start), nobreak, width)
            cells = cell_len(text[split:end])
            if split > start and split not in nobreak:
                append([BOX, split, end, cells])  # nothing to check: it follows an ideograph
            else:
                _add(items, text, BOX, split, end, cells, nobreak, width)
        elif group == 2:
            append([SPACE, start, end, end - start])
        elif group == 1:
            append([NEWLINE, start, end, 0])
        else:
            # a footnote marker written right after a word is a token of its own
            i = bisect_right(cuts, start) if cuts else 0
            while cuts and i < len(cuts) and cuts[i] < end:
                _add(items, text, BOX, start, cuts[i], cell_len(text[start:cuts[i]]), nobreak, width)
                start = cuts[i]
                i += 1
            _add(items, text, BOX, start, end, cell_len(text[start:end]), nobreak, width)
    return items


def _add(items: list[list], text: str, kind: int, start: int, end: int, cells: int,
         nobreak: Collection[int], width: int) -> None:
    """Append a token as an item, or join it to the previous one where no break is allowed."""
    if not items:
        items.append([kind, start, end, cells])
        return
    prev = items[-1]
    first = text[start]
    glue = False
    if prev[0] == SPACE and len(items) > 1 and items[-2][0] in (BOX, RUN):
        # no break at a space before closing or after opening punctuation either
        if (first in CLOSING or text[prev[1] - 1] in OPENING
                or (start in nobreak and items[-2][3] + prev[3] + cells <= width)):
            _merge_into_box(items)
            prev = items[-1]
            glue = True
    elif prev[0] in (BOX, RUN) and prev[2] == start:
        before = text[start - 1]
        glue = (
            first in CLOSING
            or before in OPENING
            or before == "\u200d"
            or (kind == BOX and get_character_cell_size(first) == 0)
            or (start in nobreak and (prev[3] if prev[0] == BOX else 2) + cells <= width)
        )
    if glue:
        _join(items, kind, start, end, cells)
        return
    items.append([kind, start, end, cells])


def _merge_into_box(items: list[list]) -> None:
    """Fold a trailing space item into the box (or the last character of the run) before it."""
    space = items.pop()
    before = items[-1]
    if before[0] == RUN and before[2] - before[1] > 1:
        before[2] -= 1
        before[3] -= 2
        items.append([BOX, before[2], space[2], 2 + space[3]])
    else:
        before[0] = BOX
        before[2] = space[2]
        before[3] += space[3]


def _join(items: list[list], kind: int, start: int, end: int, cells: int) -> None:
    """Attach the new token's first character (or all of a box) to the last item, as one box."""
    prev = items[-1]
    if prev[0] == RUN and prev[2] - prev[1] > 1:
        prev[2] -= 1
        prev[3] -= 2
        prev = [BOX, prev[2], prev[2] + 1, 2]
        items.append(prev)
    else:
        prev[0] = BOX
    if kind == RUN and end - start > 1:
        prev[2] = start + 1
        prev[3] += 2
        items.append([RUN, start + 1, end, cells - 2])
    else:
        prev[2] = end
        prev[3] += cells


def split_cells(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Cut text[start:end] into pieces of at most `width` cells, never before a zero-width character."""
    piece = text[start:end]
    if _NARROW_ASCII.match(piece):
        return _split_ascii(text, start, end, max(1, width))
    pieces: list[tuple[int, int]] = []
    line_start, used = start, 0
    i = start
    while i < end:
        j = i + 1
        while j < end and get_character_cell_size(text[j]) == 0:
            j += 1
        w = cell_len(text[i:j]) if j - i > 1 else get_character_cell_size(text[i])
        if used + w > width and i > line_start:
            cut = i
            # keep closing punctuation off the next line's start, opening off this one's end,
            # when moving one character down still fits
            if (text[cut] in CLOSING or text[cut - 1] in OPENING) and cut - 1 > line_start:
                if get_character_cell_size(text[cut - 1]) and cell_len(text[cut - 1 : i]) + w <= width:
                    cut -= 1
            pieces.append((line_start, cut))
            line_start, used = cut, cell_len(text[cut:i])
        used += w
        i = j
    pieces.append((line_start, end))
    return pieces


def _split_ascii(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Cut a long printable-ASCII word (a URL, mostly) into lines, preferring cuts after / ? & …"""
    pieces = []
    while end - start > width:
        cut = start + width
        for i in range(cut - 1, start + width // 2 - 1, -1):
            if text[i] in _URL_BREAK_AFTER and text[i + 1] not in CLOSING:
                cut = i + 1
                break
        else:
            if text[cut] in CLOSING and cut - 1 > start:
                cut -= 1  # keep ")" or "," with what it closes
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def wrap_cells(text: str, width: int, nobreak: Collection[int] = ()) -> list[tuple[int, int]]:
    """Break `text` into lines of at most `width` cells; returns (start, end) offsets of each line.

    White space where a line breaks belongs to no line; "\\n" always breaks. A
    break is never made at an offset in `nobreak` (a break between text[i-1] and
    text[i] is "at i"). Only a single character wider than `width` can overflow.
    """
    width = max(1, width)
    if (len(text) <= width and "\n" not in text and text[:1] not in " \t" and text[-1:] not in " \t"
            and cell_len(text) <= width):
        return [(0, len(text))]  # it fits: nothing to break
    lines: list[tuple[int, int]] = []
    line_start = -1  # -1: nothing on the current line yet
    line_end = 0
    used = 0  # cells of the current line's content
    pending = 0  # cells of white space after that content
    line_pos = 0  # where an empty line would be placed
    for kind, start, end, cells in _items(text, nobreak, width):
        if kind == SPACE:
            if line_start >= 0:
                pending += cells
            continue
        if kind == NEWLINE:
            lines.append((line_start, line_end) if line_start >= 0 else (line_pos, line_pos))
            line_start, used, pending, line_pos = -1, 0, 0, end
            continue
        if line_start >= 0 and used + pending + cells <= width:
            used += pending + cells
            pending = 0
            line_end = end
            continue
        if kind == RUN and line_start >= 0:
            room = (width - used - pending) // 2  # ideographs that still fit on this line
            if room > 0:
                lines.append((line_start, start + room))
                start += room
                cells -= 2 * room
            else:
                lines.append((line_start, line_end))
            line_start = -1
        elif line_start >= 0:
            lines.append((line_start, line_end))
            line_start = -1
        # the item starts a new line
        pending = 0
        if cells <= width:
            line_start, line_end, used = start, end, cells
        elif kind == RUN:
            per_line = max(1, width // 2)
            while end - start > per_line:
                lines.append((start, start + per_line))
                start += per_line
            line_start, line_end, used = start, end, 2 * (end - start)
        else:
            pieces = split_cells(text, start, end, width)
            lines.extend(pieces[:-1])
            line_start, line_end = pieces[-1]
            used = cell_len(text[line_start:line_end])
    if line_start >= 0:
        lines.append((line_start, line_end))
    elif not lines or line_pos == len(text) and text.endswith("\n"):
        lines.append((line_pos, line_pos))
    return lines


def wrap_preformatted(text: str, width: int) -> list[tuple[int, int]]:
    """Lines of preformatted text: split at "\\n", then cut at `width` cells; spaces are kept."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if not line or cell_len(line) <= width:
            lines.append((pos, end))
        else:
            lines.extend(split_cells(text, pos, end, width))
        pos = end + 1
    return lines


def widest_unbreakable(text: str, nobreak: Collection[int] = ()) -> int:
    """Cells of the widest piece of `text` that wrapping cannot split (a table column's minimum)."""
    widest = 0
    for kind, _start, _end, cells in _items(text, nobreak):
        if kind == BOX and cells > widest:
            widest = cells
        elif kind == RUN and widest < 2:
            widest = 2
    return widest
