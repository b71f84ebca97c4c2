"""Tables of figures (rows of cells joined by " | "): which cells are numbers, their unit, metric and kind.

A statistics table states its unit once, in a column or row heading ("地区生产总值（亿元）",
"比上年增长（%）") or in a 单位 column, and its time or purpose in the column headings
("2025年", "2030年目标", "完成情况"). Each row names what it measures, or, when the first
column lists places or companies ("设区市 | 地区生产总值（亿元） | …"), whose figures they are.
A heading may take two rows (营业收入 over 1-11月（亿元） and 同比增长（%）): a column's heading is
then its words from every heading row, and a row of groups (采矿业, 制造业) names what part of
the column's measure it holds (采矿业营业收入).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from . import lexicon
from .framing import ACHIEVED, TARGET
from .layout import TABLE_SEP, Layout
from .numerals import magnitude_of
from .periods import FUTURE, PAST, When, find_times, status
from .units import UNIT_RE, UNITS, Unit

_UNIT_IN_PARENS = re.compile(r"[（(]([^（()）]{1,12})[)）]\s*$")
_MAGNITUDE_HEAD = re.compile(r"^[万亿千百]+")
_NUMERIC_NOISE = re.compile(r"[0-9０-９.,．\s［］\[\]<>≤≥＜＞\-−–—~～、%％‰]|以上|以下|以内|左右|多|余|[万亿千百]")
# First-column headings that list who the figures belong to, not what they measure.
_ENTITY_HEAD = re.compile(
    r"^(?:设区市|地级市|地市|地区|城市|区县|县区|县（市、区）|县市区|省份|省市|省区市|国家|国家和地区|公司|企业|"
    r"公司名称|企业名称|单位名称|银行|股票|证券|名称|市州|市县|区域)$"
)
_UNIT_COLUMN = re.compile(r"^(?:单位|计量单位)$")
_GOAL_WORDS = re.compile(lexicon.pattern("goal_word"))
_DONE_WORDS = re.compile(lexicon.pattern("done_word"))
# Words of a column heading that say when or how a figure stands, not what it measures.
_NOT_MEASURE = re.compile(
    r"(?:19|20)[0-9]{2}年(?:度)?|预期|目标|完成情况|完成|实际|比上年同期|比上年|比去年|较上年|同比|上年同期|"
    r"[（(][^（()）]*[)）]|年均|累计"
)
_GROWTH_TAIL = re.compile(r"(?:增长|增速|增幅|增减|变化)$")
MAX_HEADING_ROWS = 3
# A row label that is a measure in itself (规上工业增加值, 城镇化率): the row's figures measure it
_MEASURE_LABEL = re.compile(
    r"(?:额|量|值|率|数|价|收入|投资|规模|比重|占比|指数|面积|利润|成本|费用|支出|余额|产值|增加值|增速|增长|就业|消费|"
    r"总计|合计|负债|资产|存货|账款|天数|期|强度|密度|浓度|比例|寿命|面积)$"
)
_TOTAL_LABEL = re.compile(r"^(?:总计|合计|全部|总体|总数|全国|全省|全市|全区|全县|共计)$")
_LABEL_LEAD = re.compile(r"^(?:其中[：:]?|内[：:]|\s|\u3000)+")
_GROWTH = re.compile(r"增长|增速|增幅")


@dataclass(slots=True)
class Cell:
    """One cell of a row: its offsets in the text (white space trimmed)."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class CellInfo:
    """What a number in a table cell means: its metric, unit, kind and the row's entity."""

    numeric: bool  # the cell holds figures only (not a label or a heading)
    metric: str | None = None
    unit: Unit | None = None
    unit_scale: float = 1.0  # 亿元 -> 1e8 with unit 元
    kind: str | None = None  # from the column heading; None when it says nothing
    relation: str | None = None
    entity: str | None = None
    horizon: str | None = None  # the years its column heading names (2025年预期目标 -> 2025)


def _cells(text: str, start: int, end: int) -> list[Cell]:
    cells = []
    pos = start
    while True:
        cut = text.find(TABLE_SEP, pos, end)
        stop = end if cut == -1 else cut
        raw = text[pos:stop]
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        cells.append(Cell(pos + lead, pos + lead + len(body), body))
        if cut == -1:
            return cells
        pos = cut + len(TABLE_SEP)


def is_numeric(cell: str) -> bool:
    """True for a cell of figures only: "4.86", "6以上", "［3.2］", "<5.5", "5—5.5", "4.7%、6.4%", "82万人以上"."""
    if not any(char.isdigit() for char in cell):
        return False
    rest = _NUMERIC_NOISE.sub("", cell)
    return not rest or bool(UNIT_RE.fullmatch(rest))


def parse_unit(word: str) -> tuple[Unit, float] | None:
    """A unit as a table heading writes it ("亿元", "万人", "%", "微克/立方米"): (base unit, magnitude)."""
    word = word.strip()
    if not word or any(char.isdigit() for char in word) or "=" in word:
        return None  # 上年同期=100: a base, not a unit
    magnitude = _MAGNITUDE_HEAD.match(word)
    scale = magnitude_of(magnitude.group(0)) if magnitude else 1.0
    rest = word[magnitude.end():] if magnitude else word
    if not rest or scale is None:
        return None
    if rest in ("%", "％"):
        return UNITS["%"], scale
    if UNIT_RE.fullmatch(rest):
        unit = UNITS.get(rest)
        return (unit or Unit(rest)), scale
    if len(rest) <= 4 and all("\u4e00" <= char <= "\u9fff" for char in rest):
        return Unit(rest), scale  # 年, 人年: a unit word the unit table does not list
    return None


def _unit_of_heading(cell: str) -> tuple[Unit, float] | None:
    parens = _UNIT_IN_PARENS.search(cell)
    return parse_unit(parens.group(1)) if parens else None


def _label(cell: str) -> str:
    """A row or column heading without its unit: 地区生产总值（万亿元） -> 地区生产总值."""
    parens = _UNIT_IN_PARENS.search(cell)
    if parens and parse_unit(parens.group(1)):
        cell = cell[:parens.start()]
    return cell.strip()


def _measure(heading: str) -> str:
    """What a column heading measures: 2026年地区生产总值预期增长（%） -> 地区生产总值; 比上年增长（%） -> ""."""
    words = _NOT_MEASURE.sub("", heading)
    for mark in reversed(find_times(words, 0, len(words), None)):
        words = words[:mark.start] + words[mark.end:]  # 1-11月, 11月末: when, not what
    words = "".join(words.split()).strip("/、,，;；")
    return _GROWTH_TAIL.sub("", words).strip("/、,，;；")


def _headings(rows: list[list[str]]) -> list[str]:
    """Each column's heading from one or more heading rows: the words of every row, top first.

    An empty cell of a heading row continues the cell on its left when a row below splits the
    column (a group spanning columns), else the cell above (a heading spanning rows).
    """
    width = max(len(row) for row in rows)
    grid = [row + [""] * (width - len(row)) for row in rows]
    for row_index, row in enumerate(grid):
        for column in range(width):
            if row[column]:
                continue
            below = any(grid[lower][column] for lower in range(row_index + 1, len(grid)))
            if column and below and row[column - 1]:
                row[column] = row[column - 1]
    return [" ".join(dict.fromkeys(row[column] for row in grid if row[column])) for column in range(width)]


def _row_metric(label: str, measure: str, grouped: bool) -> str:
    """The metric of a row's figure: the row's own measure (城镇化率), or a group's part of the column's
    measure (采矿业 + 营业收入), or the column's measure for a total row (总计)."""
    label = _LABEL_LEAD.sub("", label)
    if not measure or (_MEASURE_LABEL.search(label) and not _TOTAL_LABEL.match(label) and not grouped):
        return label
    if not label or _TOTAL_LABEL.match(label):
        return measure
    return label if measure in label else label + measure


def column_kind(heading: str, when: When | None) -> str | None:
    """The kind a column heading gives its figures: 2030年目标 -> target, 2025年 (in 2026) -> achieved."""
    if _GOAL_WORDS.search(heading):
        return TARGET
    if _DONE_WORDS.search(heading):
        return ACHIEVED
    if when is not None:
        for mark in find_times(heading, 0, len(heading), when):
            state = status(mark, when)
            if state == PAST:
                return ACHIEVED  # 2023年 in 2024, 1-11月 in December
            if state == FUTURE:
                return TARGET
    return None


def _heading_horizon(heading: str, when: When | None) -> str | None:
    """The years a column heading names, the last if several: 2025年完成情况 -> 2025."""
    marks = [mark.horizon for mark in find_times(heading, 0, len(heading), when) if mark.horizon]
    return marks[-1] if marks else None


class Tables:
    """The tables of an article: look up what a number at an offset means."""

    def __init__(self, layout: Layout, when: When | None):
        self.layout = layout
        self.when = when
        self._rows: dict[int, list[CellInfo]] = {}  # block index -> info per cell
        self._cells: dict[int, list[Cell]] = {}
        for blocks in layout.tables:
            self._read(blocks)

    def __bool__(self) -> bool:
        return bool(self._rows)

    def _read(self, blocks: list[int]) -> None:
        text = self.layout.text
        rows = [_cells(text, self.layout.blocks[block].start, self.layout.blocks[block].end) for block in blocks]
        n_heads = 0
        while (n_heads < min(MAX_HEADING_ROWS, len(rows) - 1)
               and not any(is_numeric(cell.text) for cell in rows[n_heads][1:])):
            n_heads += 1
        header = rows[0]
        has_header = n_heads > 0
        heads = _headings([[cell.text for cell in row] for row in rows[:n_heads]]) if has_header else [""] * len(header)
        entity_rows = bool(_ENTITY_HEAD.match("".join(heads[0].split())))
        unit_col = next((index for index, heading in enumerate(heads) if _UNIT_COLUMN.match(heading)), None)
        # per column: its unit, its kind (inherited from the left: 2030年目标 | 年均增长/累计), what it measures
        col_units = [_unit_of_heading(heading) for heading in heads]
        col_kinds: list[str | None] = []
        for heading in heads:
            kind = column_kind(heading, self.when)
            if kind is None and col_kinds:
                kind = next((earlier for earlier in reversed(col_kinds) if earlier), None)
            col_kinds.append(kind)
        # a column's years are its own heading's only: 年均增长 after 2030年 spans other years
        col_horizons = [_heading_horizon(heading, self.when) for heading in heads]
        for block, row in zip(blocks[:n_heads], rows[:n_heads]):
            self._rows[block] = [CellInfo(False) for _ in row]
            self._cells[block] = row
        body = rows[n_heads:]
        # row headings stand left of the first column that holds figures; a word in a column of
        # figures ("与经济增长同步") is a value, not a heading
        first_figures = min((column for row in body for column, cell in enumerate(row)
                             if column and column != unit_col and is_numeric(cell.text)), default=len(header))
        # what each column of figures measures: its own heading's words, else the column before
        # (比上年增长（%） after 地区生产总值（亿元）)
        measures: list[str] = []
        for column, heading in enumerate(heads):
            own_measure = _measure(heading) if column >= first_figures else ""
            measures.append(own_measure or (measures[-1] if measures and column > first_figures else ""))
        for block, row in zip(blocks[n_heads:], body):
            infos = []
            label = ""
            for column, cell in enumerate(row):
                numeric = column != unit_col and column > 0 and is_numeric(cell.text)
                if not numeric:
                    if column < first_figures and column != unit_col and cell.text and cell.text not in ("—", "-", "－"):
                        label = cell.text  # the row heading nearest the figures
                    infos.append(CellInfo(False))
                    continue
                unit = col_units[column] if column < len(col_units) else None
                if unit is None and label:
                    unit = _unit_of_heading(label)
                if unit is None and unit_col is not None and unit_col < len(row):
                    unit = parse_unit(row[unit_col].text)
                head = heads[column] if column < len(heads) else ""
                measure = measures[column] if column < len(measures) else ""
                if entity_rows:
                    metric = measure
                else:
                    metric = _row_metric(_label(label), measure, n_heads > 1)
                relation = "下降" if cell.text.lstrip("［[ ").startswith(("-", "−")) else (
                    "增长" if _GROWTH.search(head) else None)
                infos.append(CellInfo(
                    True, metric or None, unit[0] if unit else None, unit[1] if unit else 1.0,
                    col_kinds[column] if column < len(col_kinds) else None, relation,
                    row[0].text if entity_rows and row[0].text else None,
                    col_horizons[column] if column < len(col_horizons) else None,
                ))
            self._rows[block] = infos
            self._cells[block] = row

    def cell(self, pos: int) -> CellInfo | None:
        """What the table cell at offset `pos` holds; None when `pos` is not in a table row."""
        block_index = self.layout.block_index(pos)
        infos = self._rows.get(block_index)
        if infos is None:
            return None
        cells = self._cells[block_index]
        column = bisect_right([cell.start for cell in cells], pos) - 1
        if column < 0 or pos > cells[column].end or column >= len(infos):
            return CellInfo(False)
        return infos[column]

    def bare_ok(self, pos: int) -> bool:
        """True for a number standing in a cell of figures: it needs no unit of its own."""
        info = self.cell(pos)
        return bool(info and info.numeric)
