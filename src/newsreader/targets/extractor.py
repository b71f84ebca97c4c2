"""extract(): every numeric item of an article, with its metric, value, unit and kind."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from . import lexicon
from .english import english_comparator, is_english
from .entity import paragraph_entities
from .exclusions import Spans
from .framing import (
    ACHIEVED,
    DONE_BEFORE,
    FORECASTER,
    TARGET,
    Cue,
    CueIndex,
    HorizonIndex,
    When,
    decide,
    english_year,
    find_cues,
    heading_cues,
    is_baseline,
    mask_titles,
)
from .framing import title_cues as frame_of_title
from .layout import Block, Layout
from .metric import (
    GENERIC_METRICS,
    LIST_GAP,
    OBJECT_VERBS,
    Clauses,
    after_de,
    comparator_of_relation,
    distribute,
    following_noun,
    relation_and_metric,
    subject_of_clause,
    tidy,
    tidy_and_place,
    truncate,
)
from .model import Target
from .periods import find_times
from .scanner import BareOk, Quantity, scan
from .tables import CellInfo, Tables
from .vocabulary import canonical_metric, indicator_spans, is_place, own_place, split_place

_MONEY_VERBS = lexicon.words("money_verb")
_RESULT_LAST = frozenset("的低高少多慢快")  # the last character of every _RESULT_AGAINST match
_ANNEX = re.compile(r"\s*(?:附件|附表)")
_CURRENT_BASE = re.compile(r"(?:较|比|相比)(?:目前|当前|现在|现价|最新)[^，。；]{0,4}$")
_GOAL_NOUN_AFTER = re.compile(
    r"的?(?:预期目标|目标值|目标|计划目标|上限|下限)|的?[^，。；\n的]{1,8}?(?:计划|方案|目标)(?![^，。；\n]{0,3}[0-9])"
    r"|(?:可能|或将|将|拟)?作为[^，。；\n]{1,12}?目标"  # 5%可能作为GDP增速的底线目标
)
# A figure's own label right before it, in a release: 预期降7.4% (the consensus), 前值降6.6% (the last
# release); it speaks for that figure alone, not for the clauses after it.
_OWN_LABEL = re.compile(
    r"(?P<target>(?:市场)?(?:预期|预估|预测)(?:均值|中值|中位数|平均值|最高值|最低值|值)?)(?:为|是|的)?(?:增长|增|下降|降|上升|升|上涨|涨|下跌|跌|达到|达|至)?\s*$"
    r"|(?P<achieved>前值|初值|终值|修正值|公布值|实际值|上期|前期|拟合优度|相关系数|决定系数)[^，。；\n]{0,8}?"
    r"(?:为|是)?(?:增长|增|下降|降|上升|升|上涨|涨|下跌|跌|达到|达|至)?\s*$"
)
# A count of those who forecast is a tally, not a forecast: 有12位经济学家预计…
_FORECASTERS_AFTER = re.compile(r"[ \u3000]*(?:位|名|家|个)?[ \u3000]*(?P<who>经济学家|分析师|机构|券商|投行|专家|受访者|人士)")
# …and a count of those who plan: 已有超过90家运营商计划部署 (the plan is theirs; how many there are is a fact)
_THERE_ARE = re.compile(r"有(?:超过|逾|近|约|超)?\s*$")
_PLANNERS_AFTER = re.compile(r"\s*[\u4e00-\u9fff]{1,8}?(?:计划|拟|打算|准备|有意|考虑)")
# Bounds at the figure (8%以上, 5.5%以内, 6%左右) lean to goals when nothing else says: a last hint
_BOUND_HINT = frozenset({"以上", "以内", "左右", "之内"})
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DONE_OPENING = re.compile(r"^(?:实现|完成|录得|提出|要求|明确|力争|计划)(?=[\u4e00-\u9fffA-Z]{2})")
_MODIFIER_FIGURE = re.compile(r"[0-9][^0-9年月日季期，,。；;\n]{1,8}?的")
_FIGURE_END = re.compile(r"[0-9][0-9.]*%?$")
_CONTEXT_BLOCKS = 6  # paragraphs looked back through for the indicator a list of places reports
# How far back a figure looks for the words it lacks: a subject stands a few clauses before, an object a
# few sentences. The bounds keep every look-up a constant cost, so that a post of a million characters
# in one sentence (a flattened table) costs time in proportion to its length.
_CLAUSES_BACK = 6
_LOOK_BACK = 400
_MARKET_MOVES = lexicon.words("market_move")
# Reported speech: what follows 表示/称/说 is said then; the times before it date the saying
_SPEECH = re.compile(f"(?:{lexicon.pattern('speech')})" + r"[，,：:]?\s*[“\"]?")
# A measure that is an expectation: 预期盈利增速, 盈利预测, 一致预期
# (what measures the forecasts themselves — 盈利预测覆盖率, 预测偏差 — is a fact about them, not one)
_EXPECTED_MEASURE = re.compile(r"预期[^，。；\n]{0,6}?(?:增速|增长|盈利|收益|利润|值)|盈利预测(?!偏差|误差|覆盖|准确|精度|数据)"
                               r"|预测值|预估值|一致预期")
_FORECASTER_RE = re.compile(FORECASTER)
# Modal words that make their own clause a forecast (预计全年将上涨8%), whatever earlier clauses said
_MODAL = tuple(lexicon.words("modal"))
_SEMICOLON = re.compile(r"[；;]")
_NEW_STATEMENT = re.compile(r"(?:并|并且|同时|此外|另外)$")
_PLANS_AHEAD = tuple(lexicon.words("plans_ahead"))  # plan words that frame the figures before them in a list
# Numbers measured against something fixed are results: a share of the plan (完成全年预算的56.2%,
# 占一期计划投资的64%), a gap to the goal (比全年6%左右的预期目标低0.8个百分点), a base (比2019年的287万标箱)
_RESULT_AGAINST = re.compile(
    r"(?:(?:完成|占)[^，。；]{0,8}(?:计划|目标|预算|任务)[^，。；]{0,6}的"
    r"|(?:比|较)[^，。；]{0,16}(?:目标|预期)[^，。；]{0,3}(?:低|高|少|多|慢|快)"
    r"|(?:比|较|相比)[^，。；0-9]{0,4}(?:19|20)[0-9]{2}年(?:同期)?的)$"
)


@dataclass(slots=True)
class _Frame:
    """What frames a block: its section and sub-section headings, the list intro above it, its entity."""

    section: list[Cue] = field(default_factory=list)
    section_span: tuple[int, int] | None = None
    sub: list[Cue] = field(default_factory=list)
    sub_span: tuple[int, int] | None = None
    intro: list[Cue] = field(default_factory=list)
    intro_span: tuple[int, int] | None = None
    entity: str | None = None


def _frames(layout: Layout, masked: str, when: When | None) -> list[_Frame]:
    """The frame of every block, carried down the article from headings and list intros."""
    frames: list[_Frame] = []
    current = _Frame()
    before_list: Block | None = None  # the last block that was neither a heading nor a list item
    for block in layout.blocks:
        if (block.list_item and before_list is not None and not before_list.intro
                and (current.intro_span is None or current.intro_span[1] < before_list.start)):
            # "1. …" right after a paragraph: the paragraph introduces the list even without a colon
            current = _Frame(current.section, current.section_span, current.sub, current.sub_span,
                         [cue for cue in find_cues(masked, before_list.start, before_list.end, when) if not cue.local],
                         (before_list.start, before_list.end), current.entity)
        if block.heading:
            cues = heading_cues(masked, block.start, block.end, when)
            if block.entity:
                current = _Frame(entity=block.entity)
            elif block.top_heading:
                # a report moves from review to goals to tasks and never back: a task heading without
                # cue words ("三、加大宏观政策实施力度") stays in the frame of the section before it
                if cues or _ANNEX.match(layout.text, block.start):
                    # (an annex starts afresh: it is neither the review nor the plan it follows)
                    current = _Frame(section=cues, section_span=(block.start, block.end), entity=current.entity)
                else:
                    current = _Frame(section=current.section, section_span=current.section_span, entity=current.entity)
            else:
                current = _Frame(current.section, current.section_span, cues or current.sub,
                             (block.start, block.end) if cues else current.sub_span, entity=current.entity)
            frames.append(current)
            before_list = None
            continue
        frames.append(current)
        if not block.list_item and block.end > block.start:
            before_list = block
        if block.intro:
            cues = [cue for cue in find_cues(masked, block.start, block.end, when) if not cue.local]
            current = _Frame(current.section, current.section_span, current.sub, current.sub_span, cues,
                         (block.start, block.end), current.entity)
    return frames


def _paragraph_cues(cues: CueIndex, layout: Layout, sentence_index: int) -> list[Cue]:
    """Cues of the openings of the paragraph's first sentence and of the sentence before `sentence_index`."""
    sentence = layout.sentences[sentence_index]
    first = layout.first_sentence_of_block(sentence.block)
    if first >= sentence_index:
        return []
    opening = layout.sentences[first]
    # a time frames the paragraph from its first clause (2021年，… / 7月通胀加速); one in the next clause
    # is that clause's own (欧元区7月通胀意外加速，9月降息再添变数)
    first_clause = cues.opening(opening.start, opening.end, clauses=1)
    found = [cue for cue in cues.opening(opening.start, opening.end) if not cue.dated or cue in first_clause]
    if sentence_index - 1 > first:
        previous = layout.sentences[sentence_index - 1]
        # a year opening the sentence before dates that sentence's figures ("2021年…实现营业收入…"),
        # not the next sentence: only its words carry over
        found = found + [cue for cue in cues.opening(previous.start, previous.end) if not cue.dated]
    return [cue for cue in found if not cue.local]


@dataclass(slots=True)
class _Place:
    """Where a figure stands: the article's text and cues, its sentence and clause, what frames them."""

    text: str
    cues: CueIndex
    layout: Layout
    frame: _Frame
    sentence_index: int
    clause: tuple[int, int]
    title_cues: list[Cue]
    para_cues: list[Cue]


def _kind(where: _Place, quantity: Quantity, relation: str | None, metric: str) -> str:
    """target or achieved: the nearest framing that says something, from the figure's clause outwards."""
    text, cues, layout, frame, clause = where.text, where.cues, where.layout, where.frame, where.clause
    title_cues, para_cues = where.title_cues, where.para_cues
    sentence = layout.sentences[where.sentence_index]
    start, end = quantity.start, quantity.end
    # cues before the number frame it; those after it in the clause (…、为多年来最大增幅) only hint
    if start and text[start - 1].isascii() and is_english(text[clause[0]:start]):
        clause_cues = cues.between(clause[0], clause[1])  # English states the time after the figure: "5% in 2022"
    else:
        # after the number only hints count, and not words that bound a figure (债务上限 qualifies no figure
        # before it; 上限为5% bounds the one after it)
        clause_cues = cues.between(clause[0], end)
        # a cue before a figure that modifies a noun (将目前价格在3000万韩元左右的|燃料电池价格下调50%) is that
        # figure's, not this one's
        clause_cues = [cue for cue in clause_cues
                       if cue.pos >= start or not _MODIFIER_FIGURE.search(text, cue.pos, start)]
        hints = cues.hints_between(end, clause[1])
        if hints:
            clause_cues = clause_cues + [cue for cue in hints if not cue.item_specific]
    if (is_baseline(text, clause[0], start, end, clause[1]) or _CURRENT_BASE.search(text, clause[0], start)
            or (text[start - 1:start] in _RESULT_LAST
                and _RESULT_AGAINST.search(text, max(clause[0], start - 30), start))):
        clause_cues = [Cue(ACHIEVED, True, start)]  # 由30%提高到… / 较目前4600点的水平: where things stand
    elif (quantity.unit_kind == "count" and _THERE_ARE.search(text, max(clause[0], start - 8), start)
          and _PLANNERS_AFTER.match(text, end)):
        clause_cues = [Cue(ACHIEVED, True, start)]  # 已有超过90家运营商计划: how many plan is a fact
    elif _GOAL_NOUN_AFTER.match(text, end):
        # 全年6%左右的预期目标: the number names a goal (完成了7%的增长目标: one met)
        clause_cues = [Cue(ACHIEVED if DONE_BEFORE.search(text, clause[0], start) else TARGET, True, start)]
    elif _EXPECTED_MEASURE.search(metric) or _EXPECTED_MEASURE.search(text, clause[0], start):
        clause_cues = [Cue(TARGET, True, start)]  # 预期盈利增速为12.7%: the figure is an expectation
    elif _FORECASTERS_AFTER.match(text, end):
        clause_cues = [Cue(ACHIEVED, True, start)]  # 有12位经济学家预计: how many said so
    else:
        label = _OWN_LABEL.search(text, max(clause[0], start - 16), start)
        if label:
            clause_cues = [Cue(TARGET if label.group("target") else ACHIEVED, True, start)]
    # the sentence as far as it frames a figure: its last few hundred characters before the clause
    # (a sentence of a thousand figures costs each of them no more than an ordinary one)
    window_start = max(sentence.start, clause[0] - _LOOK_BACK)
    window_end = min(sentence.end, clause[1] + _LOOK_BACK)
    sentence_cues = cues.between(window_start, clause[0])
    speech = _SPEECH.search(text, window_start, clause[0])
    if speech:
        # 他上月曾表示，“…将把通胀率降至2%”: the words before 表示 date the speaking, not what is said
        sentence_cues = [cue for cue in sentence_cues if cue.pos >= speech.end()]
    if any(cue.dated for cue in sentence_cues):
        # a time holds until the next one: 2020年增长16%，今年预计增长14% — the 14% is not of 2020
        latest = cues.last_time(window_start, start)
        sentence_cues = [cue for cue in sentence_cues if not cue.dated or cue.pos >= latest]
        clause_cues = [cue for cue in clause_cues if not cue.dated or cue.pos >= latest or cue.pos > start]
    if _FORECASTER_RE.search(text, window_start, start):
        # 分析师预计，2月份新增贷款约为1.5万亿元: a forecast of a month not yet reported
        clause_cues = [cue for cue in clause_cues if not (cue.dated and cue.kind == ACHIEVED)]
        sentence_cues = [cue for cue in sentence_cues if not (cue.dated and cue.kind == ACHIEVED)]
    elif (not any(cue.strong for cue in clause_cues)
          and any(cue.kind == TARGET and cue.pos < start and text.startswith(_MODAL, cue.pos)
                  and not _SEMICOLON.search(text, cue.pos, clause[0])  # (预计…；航线达到40条: a statement of its own)
                  for cue in clause_cues + sentence_cues)
          and not any(cue.dated and cue.kind == ACHIEVED for cue in clause_cues + sentence_cues)
          and not any(cue.strong and cue.kind == ACHIEVED for cue in frame.intro + frame.sub + frame.section)):
        # 今年以来表现平稳，预计全年将上涨8%: the clause's own 预计 decides; in a review section it
        # estimates the year reviewed (预计全年接待游客…), and a finished period makes it a result
        clause_cues = clause_cues + [Cue(TARGET, True, start)]
    semi = -1
    if sentence_cues and not all(cue.strong for cue in sentence_cues):
        semi = max(text.rfind("；", window_start, clause[0]), text.rfind(";", window_start, clause[0]))
    if semi > 0:
        # a hint (预计…) does not reach past a semicolon: what follows is a statement of its own
        # (unless a colon after it introduces the parts: 重点抓好10个方面工作：…；…；…)
        sentence_cues = [cue for cue in sentence_cues
                         if cue.strong or cue.pos > semi or "：" in text[cue.pos:semi] or ":" in text[cue.pos:semi]]
    # a plan word later in the sentence hints at its list (…扩大2万亿元以上，拟安排专项债券3.65万亿元)
    later = []
    for cue in cues.between(clause[1], window_end):
        if cue.kind == ACHIEVED:
            break  # …效力为78.7%，并已开始申请，预期将于…: a result stands between
        if cue.kind == TARGET and text.startswith(_PLANS_AHEAD, cue.pos):
            if _NEW_STATEMENT.search(text, max(0, cue.pos - 3), cue.pos):
                break  # 交付量超1万台，并预计8月…: 并 opens a statement of its own about what comes next
            later = [Cue(TARGET, False, cue.pos)]  # (低于分析师预期的1.43美元 frames only its own figure)
            break
    if any(cue.dated for cue in clause_cues + sentence_cues):
        # the figure's own sentence names its time (在2021年增长34%): the paragraph's opening time is another's
        para_cues = [cue for cue in para_cues if not cue.dated]
    levels = [clause_cues, sentence_cues, later, para_cues, frame.intro, frame.sub, frame.section, title_cues]
    if quantity.suffix in _BOUND_HINT and relation not in _MARKET_MOVES:
        levels.append([Cue(TARGET, False, start)])  # (收益率上行1bp左右 reports a move)
    return decide(levels, start)


def _horizon(masked: str, horizons: HorizonIndex, layout: Layout, frame: _Frame, sentence_index: int,
             number_end: int, clause_end: int, kind: str) -> str | None:
    sentence = layout.sentences[sentence_index]
    relative = kind != ACHIEVED
    if horizons.english:  # English states the year after the figure: "15% in 2023", "$2.5 billion by 2025"
        after = english_year(masked, number_end, clause_end)
        if after:
            return after
    horizon = horizons.last(sentence.start, number_end, relative)
    if horizon:
        return horizon
    first = layout.first_sentence_of_block(sentence.block)
    if first < sentence_index:
        horizon = horizons.last(layout.sentences[first].start, layout.sentences[first].end, relative)
        if horizon:
            return horizon
    return _frame_horizon(horizons, frame, kind)


def _relation_label(relation: str | None, quantity: Quantity) -> str | None:
    if relation in ("控制在", "保持在", "稳定在") and quantity.suffix in ("以内", "以下", "以上"):
        return f"{relation}…{quantity.suffix}"
    return relation


@dataclass(slots=True)
class Budget:
    """What one post may cost the extractor; `cut` is set when the post ran out of it.

    Every step of extraction costs time in proportion to the text and its figures, but a
    post may hold a million figures (a statistics table flattened into one paragraph): the
    budget stops it at the first `items`, or after `seconds`, with the items found so far.
    """

    items: int = 5000
    seconds: float = 2.0
    cut: bool = False


_SCAN_STRETCH = 20_000  # characters scanned at a time when a budget may stop the work early
_STRETCH_END = re.compile(r"[\n。；;！？，,|]")


def _quantities(text: str, bare_ok: BareOk | None, budget: Budget | None, deadline: float) -> Iterator[Quantity]:
    """The quantities of `text`, scanned a stretch (ending at a line break) at a time under a budget."""
    if budget is None or len(text) <= _SCAN_STRETCH:
        yield from scan(text, bare_ok)
        return
    spans = Spans(text)
    start = 0
    while start < len(text):
        # a stretch ends at a line break, else at a clause's end (a flattened table is one long line)
        stop = _STRETCH_END.search(text, start + _SCAN_STRETCH)
        end = stop.end() if stop else len(text)
        yield from scan(text, bare_ok, start, end, spans)
        start = end
        if start < len(text) and time.perf_counter() > deadline:
            budget.cut = True  # (numbers that are no items cost time too: 200,000 bare figures)
            return


def extract_unchecked(text: str, date: datetime | None = None, title: str = "",
                      budget: Budget | None = None) -> list[Target]:
    """extract() without its safety net: may raise on a bug (tests call this to see errors)."""
    deadline = time.perf_counter() + budget.seconds if budget is not None else 0.0
    layout = Layout(text)
    masked = mask_titles(text)
    when = When(date.year, date.month, date.day) if date else None
    title_cues = frame_of_title(mask_titles(title or ""), when)
    frames = _frames(layout, masked, when)
    entities = paragraph_entities(layout, [frame.entity for frame in frames])
    times = find_times(masked, 0, len(masked), when)  # (read once: the cues and the horizons share them)
    cues = CueIndex(masked, when, times if when is not None else [])
    clauses = Clauses(text)
    horizons = HorizonIndex(masked, when, times)
    tables = Tables(layout, when) if layout.tables else None

    bare_title = "".join((title or "").split())
    # the post's title repeated in its body (a feed's heading, a caption) is not the article's text; a
    # paragraph that only is the title, once, is the article's lead and stays
    title_lines = [index for index, line in enumerate(layout.blocks)
                   if bare_title and line.end - line.start < 4 * len(bare_title)
                   and "".join(text[line.start:line.end].split()) == bare_title]
    if len(title_lines) == 1 and not layout.blocks[title_lines[0]].heading:
        title_lines = []
    items: list[Target] = []
    own: list[str] = []  # each item's metric from its own clause, before borrowing from neighbours
    holders: list[str | None] = []  # the place an item's subject names when it names nothing else
    prev_sentence = -1
    prev_end = -1
    prev_noun = ""
    para_cues: list[Cue] = []
    for quantity in _quantities(text, tables.bare_ok if tables else None, budget, deadline):
        if budget is not None and (len(items) >= budget.items
                                   or (len(items) % 64 == 0 and time.perf_counter() > deadline)):
            budget.cut = True  # the items so far are kept: every later step works on them alone
            break
        block_index = layout.block_index(quantity.start)
        block = layout.blocks[block_index]
        if block_index in title_lines:
            continue  # the post's title repeated as its first line: the title is not the article's text
        if block.table >= 0 and tables is not None:
            cell = tables.cell(quantity.start)
            if cell is not None:
                if cell.numeric:
                    items.append(_table_item(text, layout, quantity, cell, frames[block_index], title_cues,
                                             cell.entity or entities[block_index], horizons))
                    own.append(items[-1].metric or "")
                    holders.append(None)
                prev_sentence = -1
                continue
        sentence_index = layout.sentence_index(quantity.start)
        sentence = layout.sentences[sentence_index]
        clause = clauses.bounds(quantity.start, quantity.end)
        seg_start = clause[0]
        if sentence_index == prev_sentence and prev_end > seg_start:
            seg_start = prev_end
            for lead in (prev_noun, "的" + prev_noun):
                if prev_noun and text.startswith(lead, prev_end):
                    seg_start += len(lead)  # 2万平方米仓储库、|400亩: that noun belongs to the item before
                    break
        # English bound words in the span ("within 5.5%") are read with the words before them, as relations
        english_bound = quantity.prefix[:1].isascii() and quantity.prefix[:1].isalpha()
        read_from = quantity.num_start if english_bound else quantity.start
        relation, said = relation_and_metric(text, seg_start, read_from, quantity)
        # 两年平均增长9.8%: no metric of its own, it borrows one below; 山东增长5.2%: a place's figure
        metric, place = tidy_and_place(said)
        if not metric and not place and _CJK.search(said):
            metric = tidy(following_noun(text, quantity.end))  # 当日有|2351亿元|逆回购到期
        forecasters = _FORECASTERS_AFTER.match(text, quantity.end) if quantity.unit_kind == "count" else None
        if forecasters:
            metric = forecasters.group("who")  # 有两位|经济学家预计…: those counted
        frame = frames[block_index]
        if sentence_index != prev_sentence:
            para_cues = _paragraph_cues(cues, layout, sentence_index)
        where = _Place(text, cues, layout, frame, sentence_index, clause, title_cues, para_cues)
        kind = _kind(where, quantity, relation, said)
        comparator = quantity.comparator
        if comparator == "=":
            comparator = comparator_of_relation(relation) or english_comparator(text, quantity.start) or "="
        items.append(Target(
            text=text[quantity.start:quantity.end],
            start=quantity.start,
            end=quantity.end,
            sentence=text[sentence.start:sentence.end].strip(),
            kind=kind,
            metric=metric or None,
            entity=entities[block_index],  # the section's government or the company its paragraph names
            value=_clean(quantity.value),
            unit=quantity.unit,
            low=_clean(quantity.low),
            high=_clean(quantity.high),
            comparator=comparator,
            relation=_relation_label(relation, quantity),
            horizon=_horizon(masked, horizons, layout, frame, sentence_index, quantity.end, clause[1], kind),
        ))
        own.append(metric if len(metric) >= 2 else "")
        holders.append(place)
        noun_at = quantity.end + (1 if text.startswith("的", quantity.end) else 0)
        prev_noun = said if said and text.startswith(said, noun_at) else ""
        prev_sentence, prev_end = sentence_index, quantity.end
    _distribute_lists(text, clauses, items, own)
    _borrow_metrics(text, layout, clauses, items, holders)
    for item, holder in zip(items, holders):
        if holder:
            # 山东增长5.2%，江苏增长5.8%: each figure is its place's, of the indicator the passage names
            item.entity = holder
            if not item.metric or is_place(item.metric):
                item.metric = _indicator_named_before(text, layout, item.start, title)
            else:
                other, rest = split_place(item.metric)
                if other is not None and other != holder and rest:
                    item.metric = _DONE_OPENING.sub("", rest) or rest  # 马鞍山人口增长率, borrowed by 深圳（69.53%）: the measure without its place
    for item in items:
        item.metric = _indicator_of_label_list(text, layout, item) or item.metric
        if (not item.metric or len(item.metric) < 2) and item.relation in OBJECT_VERBS:
            # 拟连续几年发行超长期特别国债…，今年先发行1万亿元: the object was named with the verb before;
            # else the verb is all the text says (筹措2700多万元)
            item.metric = _object_named_before(text, layout, item) or item.relation
        if item.metric:
            item.metric = truncate(item.metric)
        _place_apart(item)
    return _without_class_thresholds(text, clauses, items)


_COUNT_UNITS = frozenset("只家个股支款座所户名位")
_THRESHOLD_BEFORE = re.compile(r"(?:超过|超|逾|高于|低于|不足|大于|小于|在)\s*$")


def _without_class_thresholds(text: str, clauses: Clauses, items: list[Target]) -> list[Target]:
    """The items less the bounds that define a counted class: in 154只可转债涨幅超2%, the 2% says which
    bonds are counted (a rate of each member, never a sum); the count is the figure."""
    dropped: set[int] = set()
    for index, item in enumerate(items):
        if index == 0 or item.unit not in ("%", "百分点") or items[index - 1].unit not in _COUNT_UNITS:
            continue
        count = items[index - 1]
        bounded = item.comparator in (">=", "<=") or _THRESHOLD_BEFORE.search(text, max(0, item.start - 3),
                                                                              item.start)
        if (bounded and count.start >= clauses.bounds(item.start, item.end)[0]
                and not any(ch.isdigit() for ch in text[count.end:item.start])):
            dropped.add(index)
    return [item for index, item in enumerate(items) if index not in dropped] if dropped else items


def _indicator_named_before(text: str, layout: Layout, pos: int, title: str) -> str | None:
    """The last indicator named before `pos` in its paragraph or the few before it, else in the title
    (各省GDP增速排名)."""
    block_index = layout.block_index(pos)
    start = layout.blocks[max(0, block_index - _CONTEXT_BLOCKS)].start
    for source, spans in ((text, indicator_spans(text, start, pos)), (title, indicator_spans(title))):
        if spans:
            start, end, _key = spans[-1]
            return source[start:end]
    return None


_LABEL_LINE = re.compile(r"\s*([^：:，,。；;\s]{1,12})[：:]\s*")  # 丁爽：|0.7%
_LIST_LINES_BACK = 40


def _indicator_of_label_list(text: str, layout: Layout, item: Target) -> str | None:
    """The indicator a list of "label：figure" lines reports, named by the line that opens the list, when
    the item's label names none (经济学家预测（CPI）：⏎丁爽：0.7%⏎黄剑辉：1%: each figure is a CPI)."""
    index = layout.block_index(item.start)
    block = layout.blocks[index]
    label = _LABEL_LINE.fullmatch(text, block.start, item.start)
    if (not label or text[item.end:block.end].strip(" 。；;，,") or indicator_spans(label.group(1))
            or is_place(label.group(1))):
        return None
    for back in range(index - 1, max(-1, index - _LIST_LINES_BACK), -1):
        line = layout.blocks[back]
        if line.intro:
            spans = indicator_spans(text, line.start, line.end)
            return text[spans[-1][0]:spans[-1][1]] if spans else None
        opened = _LABEL_LINE.match(text, line.start, line.end)
        if not opened or not any(ch.isdigit() for ch in text[opened.end():line.end]):
            return None  # (only lines of the same list lie between the item and the list's opening)
    return None


def _place_apart(item: Target) -> None:
    """Move the place a metric opens with to the item's entity (江苏省|进出口总值), and key the metric."""
    if item.metric:
        place, rest = split_place(item.metric)
        if place is None:
            place, rest = own_place(item.metric)  # 全省生产总值: the report's own province
            place = None  # (whose, the post says: not a name to show)
        if rest != item.metric:
            while place and rest[:1] in "、和与及":
                # 河北、湖南、安徽、云南|人口增速: a list of places shares the measure
                more, after = split_place(rest[1:])
                if more is None or after == rest[1:]:
                    break
                place, rest = place + "、" + more, after
            rest = _DONE_OPENING.sub("", rest) or rest  # 浙江|实现规上工业增加值: what it did is no name
            item.metric = tidy(rest) or rest  # (合肥|十年人口增长率: the place first, then its times)
            item.entity = place or item.entity
    item.metric_key = canonical_metric(item.metric)


def _table_item(text: str, layout: Layout, quantity: Quantity, cell: CellInfo, frame: _Frame,
                title_cues: list[Cue], entity: str | None, horizons: HorizonIndex) -> Target:
    """The item of a number in a table's cell: unit, metric, kind and years from the row and column
    headings (years from the table's caption or section when its column names none)."""
    start, end = quantity.start, quantity.end
    value, low, high, unit = quantity.value, quantity.low, quantity.high, quantity.unit
    if quantity.unit is None and cell.unit is not None:
        scale = cell.unit_scale * cell.unit.factor
        value, low, high = (None if amount is None else amount * scale
                            for amount in (quantity.value, quantity.low, quantity.high))
        unit = cell.unit.base
    kind = cell.kind or decide([frame.intro, frame.sub, frame.section, title_cues], start)
    sentence = layout.sentences[layout.sentence_index(start)]
    comparator = quantity.comparator if quantity.comparator != "=" else _cell_comparator(text, start)
    return Target(
        text=text[start:end], start=start, end=end, sentence=text[sentence.start:sentence.end].strip(),
        kind=kind, metric=cell.metric, entity=entity, value=_clean(value), unit=unit, low=_clean(low),
        high=_clean(high), comparator=comparator, relation=cell.relation,
        horizon=cell.horizon or _frame_horizon(horizons, frame, kind),
    )


def _frame_horizon(horizons: HorizonIndex, frame: _Frame, kind: str) -> str | None:
    """The years stated by what frames a block: its list intro, sub-section, then section heading."""
    for span in (frame.intro_span, frame.sub_span, frame.section_span):
        if span:
            found = horizons.last(span[0], span[1], kind != ACHIEVED)
            if found:
                return found
    return None


def _cell_comparator(text: str, start: int) -> str:
    """"<5.5" / ">30" in a cell: the sign before the number is its bound."""
    before = text[max(0, start - 2):start].strip(" ［[")
    if before.endswith(("<", "＜", "≤")):
        return "<="
    if before.endswith((">", "＞", "≥")):
        return ">="
    return "="


def _object_named_before(text: str, layout: Layout, item: Target) -> str:
    """The noun that the item's verb took as its object earlier in the paragraph, if any."""
    verb = item.relation or ""
    block = layout.blocks[layout.block_index(item.start)]
    end = item.start - len(verb)
    start = max(block.start, item.start - _LOOK_BACK)  # (a bounded look: a long paragraph costs no more per figure)
    while True:
        pos = text.rfind(verb, start, end)
        if pos < 0:
            return ""
        noun = following_noun(text, pos + len(verb))
        if len(noun) >= 2:
            return noun
        end = pos


def _clean(value: float | None) -> float | None:
    """Round away binary noise: 20.67亿 is 2067000000, not 2067000000.0000002."""
    if value is None or value.is_integer() or len(repr(value)) < 12:
        return value  # already clean (most values)
    return float(f"{value:.12g}")


_GOAL_TAIL = re.compile(r"的?(?:预期)?目标(?:任务)?$")


def _borrow_metrics(text: str, layout: Layout, clauses: Clauses, items: list[Target],
                    holders: list[str | None]) -> None:
    """An item without a subject of its own (、增长4.4%) measures what the item before it measures."""
    for index, item in enumerate(items):
        previous = items[index - 1] if index else None
        # the metric of the item before, when it stands in the same sentence
        same = previous.metric if previous is not None and _one_sentence(text, layout, previous, item) else None
        if item.metric in GENERIC_METRICS and same and item.metric not in same:
            item.metric = same + item.metric  # 转移支付增加约1.5万亿元、规模|近9.8万亿元
            continue
        if item.metric and len(item.metric) >= 2:
            continue
        if previous is not None and same:
            # 货物进出口总额保稳提质，力争增长3%以上: a clause after the figure before names the subject
            between = _subject_between(text, clauses, previous.end, item.start)
            metric = between or same
            if not between and item.kind != previous.kind:
                metric = _GOAL_TAIL.sub("", metric) or metric  # 增长目标为7%，实际增长6.1%: 增长
            item.metric = metric
            continue
        if item.relation in _MONEY_VERBS:
            continue  # 筹措2700多万元: the verb names the figure better than an earlier clause would
        sentence = layout.sentences[layout.sentence_index(item.start)]
        clause = clauses.bounds(item.start, item.end)
        for _step in range(_CLAUSES_BACK):
            if clause[0] <= sentence.start:
                break
            # 平均达到2000元 / 今日达到1.1万亿元: the subject is in a clause before
            prev_clause = clauses.bounds(clause[0] - 1, clause[0] - 1)
            # (家庭消费者信心指数36.7，|预期36.6: the clause's own figure is no part of its subject)
            subject, place = tidy_and_place(_FIGURE_END.sub("", subject_of_clause(
                text, max(prev_clause[0], sentence.start), clause[0] - 1)))
            if place:
                holders[index] = holders[index] or place  # 北京紧随其后，以6.6%位居第二: 北京's figure
                break
            if len(subject) >= 2:
                item.metric = subject
                break
            clause = (max(prev_clause[0], sentence.start), clause[0] - 1)


_WRAPPED_AT = re.compile(r"[，,、；;：:]\s*$")  # a line that ends at a clause mark: its sentence goes on


def _one_sentence(text: str, layout: Layout, previous: Target, item: Target) -> bool:
    """True when two items stand in one sentence, though a feed may have wrapped it into lines at its commas
    (美国7月PMI录得46.8，⏎萎缩幅度创新高，前值为48.5。 is one sentence on two lines)."""
    if previous.sentence == item.sentence:
        return True
    first, last = layout.sentence_index(previous.start), layout.sentence_index(item.start)
    if not 0 < last - first <= 3:
        return False
    for sentence in layout.sentences[first:last]:  # each break between them: a line cut at a clause mark
        if sentence.end != layout.blocks[sentence.block].end or not _WRAPPED_AT.search(text, sentence.start,
                                                                                    sentence.end):
            return False
    return True


# Nouns that name a measure (总额, 产量, 收入…): a clause whose subject ends in one may hand it on
_MEASURE_NOUN = re.compile(r"(?:额|量|值|率|收入|投资|规模|比重|占比|价格|指数|人数|面积|就业|消费|利润|成本|支出|余额)$")
_RESPECTIVELY = re.compile(r"\s*(?:[，,；;]\s*)?(?:同比|比上年|均)?分别")


def _respective_of_previous(text: str, clauses: Clauses, items: list[Target], index: int, count: int) -> bool:
    """True when items[index] opens a clause with 分别 and the `count` items before it, each in a clause of its own
    in the same sentence, are what it lists."""
    clause = clauses.bounds(items[index].start, items[index].end)
    if not _RESPECTIVELY.match(text, clause[0]) or "分别" not in text[clause[0]:items[index].start]:
        return False
    before = items[index - count:index]
    if any(earlier.sentence != items[index].sentence or not earlier.metric or len(earlier.metric) < 2
           for earlier in before):
        return False
    starts = [clauses.bounds(earlier.start, earlier.end)[0] for earlier in before]
    return len(set(starts)) == count and starts[-1] < clause[0]


def _subject_between(text: str, clauses: Clauses, prev_end: int, start: int) -> str:
    """The subject of the nearest clause that lies wholly between the figure before (ending at prev_end) and
    the figure at `start`: the words a figure without a subject of its own refers to."""
    clause = clauses.bounds(start, start)
    for _step in range(_CLAUSES_BACK):
        if clause[0] <= prev_end + 1:
            break
        prev = clauses.bounds(clause[0] - 1, clause[0] - 1)
        if prev[0] <= prev_end:
            return ""
        subject = subject_of_clause(text, prev[0], clause[0] - 1)
        if len(subject) >= 2:
            return subject if _MEASURE_NOUN.search(subject) else ""
        clause = prev
    return ""


def _distribute_lists(text: str, clauses: Clauses, items: list[Target], own: list[str]) -> None:
    """Metrics for a list of numbers: "A、B、C分别增长x、y、z", or "完成3800户、58万平方米棚户区改造"."""
    first = 0
    last_group: tuple[str, list[str]] | None = None  # (sentence, metrics) of the last list distributed
    while first < len(items):
        last = first  # the list: items[first:last + 1]
        while (last + 1 < len(items) and items[last + 1].sentence == items[first].sentence
               and LIST_GAP.fullmatch(text, items[last].end, items[last + 1].start)):
            last += 1
        if last > first:
            tail = following_noun(text, items[last].end) or after_de(text, items[last].end)
            count = last - first + 1
            metrics = distribute(own[first], count, tail) if own[first] else None
            if not metrics and first >= count and _respective_of_previous(text, clauses, items, first, count):
                # 接待游客286万人次，实现旅游收入17.5亿元，分别恢复到…的94%和88%: one each, in order
                # (each of them has a metric: _respective_of_previous checked it)
                metrics = [item.metric or "" for item in items[first - count:first]]
            if not metrics and "分别" in text[max(0, items[first].start - 8):items[first].start]:
                # 基本养老金、低保标准、生活补贴和工资再次提高，月人均分别提高221元、90元…: the members are
                # the subject of the clause before
                clause = clauses.bounds(items[first].start, items[first].end)
                if clause[0] > 0:
                    prev = clauses.bounds(clause[0] - 1, clause[0] - 1)
                    subject = subject_of_clause(text, prev[0], clause[0] - 1)
                    # the clause's own words name the measure they share: 销售额分别为…
                    metrics = distribute(subject, count, own[first] or tail) if subject else None
            if (not metrics and not own[first] and last_group and last_group[0] == items[first].sentence
                    and len(last_group[1]) == count):
                metrics = last_group[1]  # 分别从771家、481家增加到1076家、636家: the same members in the same order
            if metrics:
                for item, metric in zip(items[first:last + 1], metrics):
                    item.metric = metric
                last_group = (items[first].sentence, metrics)
            elif tail and not own[first]:
                for index in range(first, last + 1):
                    if not own[index] or own[index] == tail:
                        items[index].metric = tail
        first = last + 1


def extract(text: str, *, date: datetime | None = None, title: str = "", budget: Budget | None = None) -> list[Target]:
    """Every numeric item (targets and achieved figures) of an article's plain text, in text order.

    A bug in the rules raises: callers keep the post and say that its items could not be
    extracted (never an empty list that looks like a post without figures). With a `budget`,
    a post too dense to finish gives the items found before it ran out (and `budget.cut`).
    """
    return extract_unchecked(text or "", date, title, budget)
