"""What a number measures (the metric, in the article's words) and how it is related to it (增长, 控制在…)."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from . import lexicon
from .english import english_metric, english_noun_after, is_english
from .periods import find_times
from .vocabulary import indicator_spans, is_place, split_place

if TYPE_CHECKING:
    from .scanner import Quantity

# Verbs that link a subject to its number. The last one before the number splits
# the clause: 地区生产总值|增长|6.8%.
_RELATION = re.compile(
    lexicon.pattern("relation")
    + r"|(?:(?<=同比)|(?<=环比)|(?<=分别)|(?<=同期))[增降升减涨跌]"  # 同比增3.7%: one character after a base
)
# Verbs that compare a subject with its number: with a subject before it, a holder named after the
# number (经济总量突破5万亿元的城市) has the property; the subject is what is measured.
_MEASURE_VERBS = lexicon.words("measure_verb")
# Verbs after which the words up to the number name the thing counted: 累计完成|全社会固定资产投资|615亿元.
OBJECT_VERBS = _OBJECT_VERBS = lexicon.words("object_verb")
_NOMINAL_VERBS = lexicon.words("nominal_verb")
_COMPARATORS = lexicon.values("bound")
_LEADING = re.compile(
    r"^(?:[，,、；;：:\s(（]|"
    r"(?:今年|明年|(?:19|20)[0-9]{2}年)?(?:至|到|—|-)(?:19|20)[0-9]{2}年的?|"
    r"[^，,。；;]{1,16}?——|近[0-9一二两三四五六七八九十]{1,3}个?(?:月|年|日|天|周)(?:内|来|以来)?|[0-9]{1,2}[)）]|"
    r"(?:今后|未来|过去)[0-9一二三四五六七八九十]{1,3}年|[0-9一二三四五六七八九十]{1,3}年来|“[^”]{1,8}”(?:时期|期间)|"
    r"(?:19|20)[0-9]{2}年(?:底|末|初)?(?:的)?|到(?:19|20)[0-9]{2}年(?:底|末)?|按[^，,]{1,8}计算|"
    r"[0-9]+(?:日|天|个交易日|周|个月)|第?[一二三四]季度|[0-9]{1,2}月(?:份|底|末|初|上旬|中旬|下旬)?|连续[0-9一二三四五六七八九十]{1,2}年|"
    r"[0-9]{1,2}[.．、](?![0-9])|[一二三四五六七八九十]{1,3}、|" + lexicon.pattern("leading") + ")+"
)
# A subject that is only a base of comparison (比上年, 较年初, 比全国平均水平高) names no metric: the
# figure compares what the clause before measures.
# Who speaks or forecasts, and a period, before the subject: 分析师认为|居民收入…, 假日期间|接待游客
_SPEAKER_HINT = re.compile("期间|认为|表示|指出|预计|估计|告诉|透露|介绍|显示")  # (not 预测: as often a noun, 盈利预测)
_SPEAKER = re.compile(
    r"^(?:[^，,。；;]{0,30}?(?:认为|表示|指出|预计|估计|告诉[^，,。；;]{0,8}?(?:网|社|报|台|记者)|透露|介绍|数据显示|统计显示)"
    r"(?!值|数|将|会|可|能|在|于|达|增|减|实现|全年|今年|明年|年内)"
    r"(?=[^，,。；;])|[\u4e00-\u9fff]{1,4}期间)+"
)
_BASE_ONLY = re.compile(
    r"^(?:比|较|相比|与|同|对比)[^，,。；;]{0,12}"
    r"(?:年|月|季度|期|初|末|底|时期|水平|平均|全国|全省|全市|目标|预期|计划|同期|前|收盘价|高|低|快|慢|多|少|增|减)$"
)  # (比亚迪 is a company: the base ends in a time, a benchmark or a comparison word)
_BASE_HEAD = re.compile(r"^的?(?:水平|基础上|基础|基数)$")  # 较目前4600点的|水平|上涨约11%
# What a figure is compared with after 高于/低于…: 增速高于全国平均水平0.4个百分点 measures 增速
_BENCHMARK = re.compile(r"(?:全国|全省|全市|全区|全县|同期|上年|去年|预期|目标|计划)?(?:平均水平|平均|水平|同期|预期|目标)$")
_COMPARE_VERBS = lexicon.words("compare_verb")
_NO_RATE_OPENERS = _OBJECT_VERBS | _COMPARE_VERBS  # (上调幅度 names a rate; 高于…增速 compares)
_NAMES_EACH = re.compile(r"分别$")  # 分别是|A n1、B n2: each figure's name stands right before it
# Verbs that only say what was done to the thing named after them: 新建和改造提升|高标准农田
_DOING_ONLY = re.compile(r"^(?:新建|改建|扩建|改扩建|新改扩建|改造|提升|建设|建成|实施|开展|完成|和|及|与|、)+$")
_GOAL_QUALIFIERS = re.compile(r"(?:预期|底线|年度|奋斗|主要|全年|总体|发展)+")
# The goal a figure is of: 7%的|增长目标, 5%的|经济增速底线目标
_GOAL_OF = re.compile(r"的([^，,。；;：:\n的]{2,10}?)的?(?:预期|底线|年度|奋斗|主要)?目标(?![^，,。；;\n]{0,3}[0-9])")
# Goal words after 的 name the goal, not what it measures: 增长6.5%左右的|目标
_GOAL_NOUN = re.compile(r"^(?:预期目标|目标|目标任务|任务|水平|计划)|^(?:较|相对|比较)?(?:低|高|合理|适度|稳定|正常)水平$")  # 控制在3.5%的|较低水平
_GOAL_ONLY = re.compile(r"^(?:全年|年度|今年|当年)?(?:预期目标|目标|预算|计划|任务)(?:任务)?$")
_TRAILING = re.compile(
    r"(?:[，、(（)）]|连续[0-9一二两三四五六七八九十]{1,2}年|"
    r"(?:由|从|将在|将于|在|于)?(?:19|20)[0-9]{2}年(?:底|末|内)?(?:前|的)?|" + lexicon.pattern("trailing") + ")+$"
)
# The last character of every _TRAILING word: a phrase ending otherwise has nothing to strip.
_TRAILING_LAST = frozenset("，、(（)）年前的内底末" + "".join(word[-1] for word in lexicon.words("trailing")))
_COMPARISON = re.compile(r"(?:比|较|由|从)(?:上年|去年|上一年|上月|上季|上周|年初|前值|(?:19|20)[0-9]{2}(?:年|Q[1-4]|H[12])"
                         r"|[0-9]{1,2}月份?|[一二三四1-4]季度|上半年|[一二三四五六七八九十]人普)[^，。；]*$")  # (六人普: a census)
_BRACKETS = re.compile(r"[(（](?![\u4e00-\u9fff]{1,4}[)）][\u4e00-\u9fff])[^()（）]{0,20}[)）]")
_NOUN_STOP = re.compile(r"[，,；;：:。！？!?\n、（(）)“”0-9０-９]|" + lexicon.pattern("noun_stop"))
_METRIC_MAX = 24
_LEFT_MAX = 60
_COUNT_START = re.compile(r"[一二两三四五六七八九十几数]+[个项件条大]")
# Head nouns of measures, shared by the members of a list: 新能源汽车、集成电路、工业机器人|产量.
_MEASURE_HEADS = re.compile(f"(?:{lexicon.pattern('measure_head')})$")
_QUALIFIER = re.compile(r"[0-9.]*[十百千万亿]*(?:吨|标箱|千瓦|兆瓦|吉瓦)?级|[0-9]{1,3}(?:天|个月|年)期")  # (7天期逆回购)  # 5个|500亿级产业集群, 3个|10万吨级泊位
# A noun after a count that is a time, not the thing counted: 一期30万辆|年内投产
_TIME_NOUN = re.compile(r"(?:年内|今年|明年|全年|年底|年末|月底|当年|近日|目前)")
# A metric that is only a verb says what was done, not to what: 年内计划开通|20条
VERB_ONLY = re.compile(f"(?:{lexicon.pattern('verb_only')})")
_PLACE = re.compile(r"(?:镇|乡|村|县|区|市|省|园区|基地|新城)$")
_RATE_HEAD = re.compile(r"(?:率|比重|比例|占比|指数|增速|规模|总额|总量|幅度)$")
# Nouns after "的" that name who has a figure, not what is measured: 经济总量突破5万亿元的|城市.
_HOLDER = re.compile(r"[^，。；]{0,6}(?:城市|省份|国家|地区|企业|公司|港口|大港|机场|经济体|品牌|县|市)$")
_SUBJECT_END = re.compile(lexicon.pattern("subject_end"))
_TIME_WORDS = re.compile(r"今日|今天|昨日|昨天|当日|当天|全年|当年|同期")
GENERIC_METRICS = lexicon.words("generic_metric")


# Clause ends: Chinese and ASCII punctuation, line ends, and an English full stop (not a decimal point).
# (a comma or colon between digits is inside a figure or a time: 1,000 / 16:30 收盘)
_CLAUSE_END_RE = re.compile(r"[，；;：。！？!?\n]|(?<![0-9])[,:]|[,:](?![0-9])|\.(?=\s|$)")


class Clauses:
    """The clause boundaries of a text, found once; bounds() finds a clause by bisection."""

    def __init__(self, text: str):
        self._stops = [stop.start() for stop in _CLAUSE_END_RE.finditer(text)]
        self._len = len(text)

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The clause around text[start:end]: from the punctuation before it to the punctuation after it."""
        left_index = bisect_left(self._stops, start)
        left = self._stops[left_index - 1] + 1 if left_index else 0
        right_index = bisect_left(self._stops, end)
        right = self._stops[right_index] if right_index < len(self._stops) else self._len
        return left, right


def _strip_trailing(phrase: str) -> str:
    """_TRAILING.sub("", phrase), skipped when no _TRAILING word can end the phrase (it tries every offset)."""
    last = phrase[-1:]
    if last == "\n":  # `$` also matches before a final line break
        last = phrase[-2:-1]
    return _TRAILING.sub("", phrase) if last in _TRAILING_LAST else phrase


def _strip(phrase: str) -> str:
    phrase = _BRACKETS.sub("", phrase)
    if _SPEAKER_HINT.search(phrase):
        phrase = _SPEAKER.sub("", phrase)
    for _ in range(4):
        new = _LEADING.sub("", phrase)
        new = _strip_trailing(new)
        new = _COMPARISON.sub("", new)
        if new == phrase:
            break
        phrase = new
    phrase = phrase.strip()
    return "" if _BASE_ONLY.match(phrase) or _BASE_HEAD.match(phrase) else phrase


_AS = re.compile(r"(?:可能|或将|将|或|拟)?作为")
_CLOSE_BRACKET = re.compile(r"[)）]")
_CURRENCY_ONLY = re.compile(r"(?:折合)?(?:美元|人民币|欧元|日元|港元|英镑)(?:计)?")  # (折合美元|180亿美元: a conversion)
_LEVY = re.compile(r"[\u4e00-\u9fff]?[税费](?!收)")
_OVERALL = re.compile(r"^(?:全国|全省|全市|全区|全球|全行业)|整体|总体")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}年")
_BAND = re.compile(r"(?:合理|波动|运行)?(?:区间|范围)")
_MILESTONE = re.compile(r"(?:新)?(?:台阶|大关|关口|门槛|里程碑)")
_SHARE_OF = re.compile(r"(?:到|据)?了?([^，,。；;的]{2,16})的\s*")
_LAST_NAME = re.compile(r"[^的是、，,和与及为]+$")
_RATE_PREDICATE = re.compile(r"(?:涨幅|跌幅|增幅|降幅|增速|占比|比重)(?:均|都|大多|分别)?(?:超|达|为|在|逾|高于|低于|不足)")


def following_noun(text: str, pos: int) -> str:
    """The noun phrase right after a count: 48所|普惠性幼儿园; empty when a verb or punctuation follows."""
    lead = _AS.match(text, pos)
    if lead:
        return following_noun(text, lead.end())  # 112.93亿千瓦时作为|年度市场电量上限, 5%可能作为|GDP增速…
    qual = _QUALIFIER.match(text, pos)
    search_from = qual.end() if qual and qual.end() > pos else pos  # 5个|500亿级产业集群
    if text.startswith("在", pos) and not text.startswith(("在于", "在内"), pos):
        search_from = pos + 1  # 在校生, 在建项目: nouns that start with 在
    stop = _NOUN_STOP.search(text, search_from, min(len(text), pos + _METRIC_MAX))
    end = stop.start() if stop else min(len(text), pos + _METRIC_MAX)
    noun = text[pos:end].strip()
    rate = _RATE_PREDICATE.search(noun)
    if rate:
        noun = noun[:rate.start()]  # 16只可转债|涨幅超2%: what is counted, not what is said of it
    if _MILESTONE.match(noun) or _BAND.match(noun):
        return ""  # 迈上11万亿元|新台阶: a milestone is no thing measured; 6.3-6.7的|区间: nor a band
    if noun and (noun[0] in "多余以左上之" or _COUNT_START.match(noun) or _TIME_NOUN.match(noun)):
        return ""  # 9万亿|三个大台阶: another count follows, not the thing measured; 30万辆|年内投产
    return noun if len(noun) >= 2 else ""


def after_de(text: str, pos: int) -> str:
    """The noun phrase after "的": 1000亿元的|省战略性新兴产业投资引导基金."""
    if not text.startswith("的", pos):
        return ""
    return following_noun(text, pos + 1)


def relation_and_metric(text: str, seg_start: int, number_start: int, quantity: Quantity) -> tuple[str | None, str]:
    """(relation verb, metric) for the number `quantity` (read from number_start) whose subject starts at seg_start.

    A count (48所) and a bare amount (13.6万) count the noun that follows them; a measure written
    right before a noun (700万吨|露天煤矿) measures it.
    """
    number_end, bare = quantity.end, quantity.bare
    count, amount = quantity.unit_kind == "count", quantity.bare and quantity.magnitude
    measure = quantity.unit_kind == "measure"
    # a metric is a few words: looking further back only costs time (and bounds the regex work)
    left = text[max(seg_start, number_start - _LEFT_MAX):number_start]
    if left and left[-1].isascii() and is_english(left):
        left = text[max(seg_start, number_start - 4 * _LEFT_MAX):number_start]  # English words are longer
        relation, metric = english_metric(left)
        if bare or count:
            noun = english_noun_after(text, number_end)
            if noun:
                metric = noun  # "create at least 60,000 new jobs": a bare English count counts what follows it
        return relation, metric
    relation = None
    metric = ""
    # feeds space Chinese from figures (同比增 3.7%, 较 2023 年底): the words are read without them
    left = _GAPS.sub("", left)
    bracket = max(left.rfind("（"), left.rfind("("))
    if bracket >= 0 and not _CLOSE_BRACKET.search(left, bracket):
        # a figure in brackets: labelled inside them (苏州经济总量（GDP 5136.7亿元）), else the name's before
        # them (南通市（209.8亿元）)
        inside = left[bracket + 1:]
        if len(inside.strip()) >= 2:
            left = inside
        else:
            left = left[:bracket]
            owner = _LAST_NAME.search(left)
            if owner and is_place(owner.group(0)):
                return None, owner.group(0)  # 排名第6位的南通市（209.8亿元）: the place's figure
    if left.endswith("以") and len(left) > 1:
        left = left[:-1]  # 三星以|5350万台出货量居首, 对欧盟进出口以|4905亿元排第一: the subject, or the noun after
        noun = after_de(text, number_end) or following_noun(text, number_end)
        if _RANK_OPENING.match(noun) or _RELATION.match(noun):
            noun = ""  # 东莞市以202亿元|排名第7位, 山东以3950亿元|超过上海: the rest says nothing of the measure
        if noun:
            holder = _strip(left)
            return None, (holder + noun if is_place(holder) else noun)  # 苏州以19.6%的|GDP首位度: 苏州's
    # a verb inside an indicator's name is no relation (实际使用外资, 城镇新增就业)
    names = [(name_start, name_end) for name_start, name_end, _key in indicator_spans(left)]
    # (a verb before 税 or 费 names a levy: 耕地占用税, 城镇土地使用税)
    matches = [verb for verb in _RELATION.finditer(left)
               if not any(name_start < verb.start() and verb.end() < name_end for name_start, name_end in names)
               and not _LEVY.match(left, verb.end())]
    noun = following_noun(text, number_end)
    if matches:
        last = matches[-1]
        relation = last.group(0)
        before = left[:last.start()]
        after = _strip(left[last.end():])
        subject = _strip(before)  # (pure: computed once for the branches below)
        if _DOING_ONLY.match(subject):
            subject = ""  # 新建和改造|提升|高标准农田: the verbs before another verb measure nothing
        if relation in _COMPARE_VERBS and (_BENCHMARK.search(after) or is_place(after) or _OVERALL.search(after)):
            # 增速|高于|全国平均水平, 对欧盟进出口…高出|美国|200亿元: what is compared with is no measure
            metric = subject  # 增速|高于|全国平均水平: the benchmark is not the metric (may be empty: borrowed)
        elif relation == "占" and (share_of := _SHARE_OF.fullmatch(left, last.end())):
            # 民营企业进出口|占|全省外贸总值的|37.5%: a share, named as statisticians do (…占全省外贸总值比重)
            whole = _YEAR.sub("", share_of.group(1))  # (占2025年代工总销售额的)
            metric = subject + "占" + whole + "比重"
        elif after and left[last.end():].rstrip().endswith("的") and (
                relation not in _OBJECT_VERBS or _GOAL_ONLY.match(after)):
            metric = subject  # 比例不超过产品净值的25%: the share is of the subject
        elif after and relation == "新增" and 0 < len(subject) <= 3 and not _RELATION.search(subject):
            metric = subject + relation + after  # 城镇新增就业: a qualifier, the verb and the noun make the term
        elif (after and not subject and relation not in _NO_RATE_OPENERS and _RATE_HEAD.search(after)
              and left.startswith(after, last.end())):
            metric = relation + after  # 上调幅度|大多在30元左右: the verb opens the name of a rate
        elif after and (relation in _OBJECT_VERBS or not subject or (relation in ("是", "为") and _NAMES_EACH.search(before))):
            metric = after  # 累计完成|全社会固定资产投资; 涨幅前五的行业分别是|非金属材料|3.33%
            if relation in _OBJECT_VERBS and subject:
                place = tidy_and_place(subject)[1]
                metric = (place or "") + after  # 江苏省实现|GDP: the place that did it is the figure's
        elif after and _RATE_HEAD.search(after):
            metric = _strip(before + relation + after)  # 对经济增长贡献率超60%: the "verb" is inside the noun
        elif not after and relation in _OBJECT_VERBS:
            # the thing made or done follows the number (复垦改造20万亩|撂荒地); else the subject is before
            # the verb (地区生产总值完成), or the verb is part of the name (节能改造)
            metric = noun or (subject + relation if subject and relation in _NOMINAL_VERBS else subject)
        else:
            metric = subject or after
    else:
        metric = _strip(left)
    if noun and relation is None and measure and metric and not text.startswith("的", number_end):
        metric = noun  # 大唐700万吨|露天煤矿: a size written before a noun is the noun's
    elif noun and (count or amount or not metric) and (not metric or relation in _OBJECT_VERBS or relation is None):
        metric = noun
    elif noun and relation is None and metric and not count and _PLACE.search(metric):
        metric = noun  # 奋斗镇4000平方米|保鲜库: the place is where, the noun after the number is what
    noun_de = after_de(text, number_end)
    goal_of = _GOAL_OF.match(text, number_end)
    if goal_of and _GOAL_QUALIFIERS.fullmatch(goal_of.group(1)):
        goal_of = None  # 6%左右的预期目标: the goal's words say nothing of its measure
    if goal_of:
        metric = goal_of.group(1)  # 完成了7%的|增长目标: what the goal measures
    if noun_de and (_GOAL_NOUN.match(noun_de) or not tidy(noun_de) or goal_of):
        noun_de = ""  # 增长6.5%左右的目标, 降至47.1的三年多低点: the subject is what the figure measures
    if noun_de and not count and not (relation in _MEASURE_VERBS and metric and _HOLDER.match(noun_de)):
        metric = noun_de  # 总规模1000亿元的|省战略性新兴产业投资引导基金, 25%的|雪球
    if not metric and relation in GENERIC_METRICS:
        metric = relation  # 降幅比上月收窄11.3个百分点: the change of a rate named before (borrowed below)
    if _GOAL_ONLY.match(metric) or (VERB_ONLY.fullmatch(metric) and not goal_of):
        metric = ""  # 完成全年目标的56.7%, 年内计划开通20条: the clause before says what is measured
    return relation, metric


def subject_of_clause(text: str, start: int, end: int) -> str:
    """The subject of the clause text[start:end]: the words before its first verb or adverb."""
    clause = text[start:end]
    subject_end = _SUBJECT_END.search(clause)
    verb = _RELATION.search(clause)
    cut = min(found.start() for found in (subject_end, verb) if found) if (subject_end or verb) else len(clause)
    return _strip(clause[:cut])


_MEMBER_SEP = re.compile(r"[、和及与/]")
_COLLECTIVE = re.compile(r"[两二三四五六七八九十]个?(?:省份|省区|城市|省|市|地|国|城|区|县)(?:市)?(?=[^、和及与]*$)")  # 山东、江苏、广东三省|GDP
LIST_GAP = re.compile(r"\s*[、和与及/]\s*")


_CATEGORY = re.compile(r"行业|产业|板块|领域")


def distribute(subject: str, count: int, tail_noun: str) -> list[str] | None:
    """Metrics for `count` numbers stated "分别" of a listed subject: 刑事治安、涉诈、涉毒警情 -> 刑事治安警情, …."""
    if count < 2:
        return None
    if "分别" in subject:
        subject = subject[:subject.index("分别")]
    members = [member for member in _MEMBER_SEP.split(_COLLECTIVE.sub("", _strip(_GAPS.sub("", subject)))) if member]
    if len(members) != count or any(len(member) < 2 or member[0].isdigit() for member in members):
        return None  # not a list of names (2022和2023财年…); a name may hold a number after its words: 沪深300
    last, prev = members[-1], members[-2]
    if all(is_place(member) for member in members):
        # 芜湖和马鞍山分别以61.04%和58.12%的|人口增长率: places share no name's head, the noun after is theirs
        head = tail_noun.removeprefix("的")
        return [member + head for member in members] if head else members
    if "的" in last:
        # 收入及发电量的年均复合增长: what follows 的 belongs to every member
        owner, _, head = last.partition("的")
        head = _TRAILING.sub("", head)
        if head:
            return [member + head for member in members[:-1]] + [owner + head]
    head = ""
    for shared in range(len(prev), 1, -1):
        # the words the last member shares with the one before it: 先进制造业、高技术制造业|增加值…
        found_at = last.find(prev[-shared:])
        if 0 <= found_at <= len(prev) + 2:
            head = last[found_at + shared:]
            break
    else:
        known = _MEASURE_HEADS.search(last)
        rest = last[len(prev):]
        names = indicator_spans(rest)
        category = _CATEGORY.search(last, 2)
        if category:
            head = last[category.start():]  # 电子和机械设备|行业机构调研个股数量: the class names the head
        elif len(prev) <= 3 and (not known or (names and names[0][0] == 0)):
            head = rest  # 刑事治安、涉诈、涉毒|警情; 城镇和农村|居民人均可支配收入
        elif known and known.start() > 0:
            head = known.group(0)  # 新能源汽车、集成电路、工业机器人|产量; 鸡蛋、淡水鱼、食用植物油|价格
        else:
            head = ""
    head = head or tail_noun
    if not head:
        return members
    return [member if member.endswith(head) else member + head for member in members]


def truncate(metric: str) -> str:
    """Tidy a metric: drop time words inside it (北向资金今日净买入) and keep it short (the head noun is last)."""
    if metric.isascii():
        return " ".join(metric.split()[-4:])  # English: whole words
    metric = _TIME_WORDS.sub("", metric) or metric
    if len(metric) <= _METRIC_MAX:
        return metric
    cut = len(metric) - _METRIC_MAX
    if metric[cut - 1].isascii() and metric[cut - 1].isalnum():
        # never half a Latin word or number: IC Insights…, not C Insights…
        while cut < len(metric) and metric[cut].isascii() and (metric[cut].isalnum() or metric[cut] == " "):
            cut += 1
    return metric[cut:] or metric[-_METRIC_MAX:]


def comparator_of_relation(relation: str | None) -> str | None:
    """The bound a relation verb implies (突破 -> ">="), or None."""
    return _COMPARATORS.get(relation or "")


# -- tidying a metric: what is measured, without the time, the condition or the speaker ----------

# A condition on how a figure is counted: 扣除留抵退税因素后, 按可比口径计算, 以美元计
_CONDITION = re.compile(
    r"(?:扣除|剔除|不含|不计|考虑)[^，,。；;]{0,12}?后|按[^，,。；;]{1,10}?(?:计算|计|口径)|以[^，,。；;]{1,6}计|季调后|经季节调整后?|"
    r"在?[^，,。；;]{1,12}?(?:情景|假设|情况|条件|背景|压力)下|在[^，,。；;]{0,12}?期间|"
    r"^据[^，,。；;]{0,10}?(?:测算|统计|数据|报道|消息|介绍|显示|了解)|^折合(?:美元|人民币|欧元)?$|^(?:由于|因为|于|因|受)+[^，,。；;]{0,12}?(?:影响|冲击|拖累)|^[^，,。；;]{0,10}?(?:公布|发布|披露)的(?=[^，,。；;]{2,})|以[^，,。；;]{1,16}?方式$|^(?:从|就)(?=[^，,。；;]{2,12}(?:来看|看|而言)$)|(?<=[^从就]{2})(?:来看|而言)$|^(?:现在|目前|当前|眼下|此前|近期|如果|若)|"
    r"^[^，,。；;]{0,16}?(?:们|机构|分析师|专家|券商|投资者|模型)对(?=[^，,。；;]{2,})|"  # 经济学家们对|CPI的预测
    r"^[^，,。；;]{0,8}?(?:预计|预测|估计|认为|表示|声称|宣称|称|指出)(?=[^，,。；;]{2,})"  # 公司预计|净利润
)
# A rate of change of what comes before it: HDD行业的复合年增长率 measures HDD行业 (the % says it is a rate)
_RATE_OF = re.compile(r"的?(?:年)?复合(?:年)?增长率$|的(?:年)?(?:平均)?(?:增长率|增速|增幅|涨幅|降幅)$")
# Stretches of time inside a metric: 两年(平均), 十年间, 单周, 当月, 首季 — the figure's time, not its measure
_DURATION = re.compile(
    r"(?<![0-9.])[0-9一二两三四五六七八九十]{1,3}(?:年|个月|个季度|周|日|天)(?:间|来|以来|之内|平均|均)|"
    r"^(?:[0-9一二两三四五六七八九十]{1,3}(?:年|个月|个季度)(?!期)|单周|当周|本周|单月|当月|当日|当天|首季|年初|年末|年底|月末|月底|季末)|"
    r"^(?:上年|去年|上一年|前一年)?同期$|"  # 净利润77亿美元，上年同期|51亿美元: the base period of the figure before
    # a market's day: its weekday, clock time and session (周三…16:30收盘报7.2261, 夜盘收报); 常年 is a stretch too
    r"^(?:周[一二三四五六日]|星期[一二三四五六日天]|前一(?:日|天|周|个?月|年|交易日))|[0-9]{1,2}:[0-9]{2}|"
    r"(?:收盘|开盘)(?!价|点)|(?:早盘|午盘|尾盘|夜盘|盘中|全天|日内|午间)|^(?:常年|长期|历年|一直|一路)|"
    # a day, a streak, now: 至28日, 连续第七个季度, 上调到目前的
    r"^(?:至|到|截至)?[0-9]{1,2}日|连续第?[0-9一二三四五六七八九十]{1,3}个?(?:季度|年|月|周|天)|(?:到|至)(?:目前|当前|现在)的?$|"
    # a record the figure sets is said of the measure (失业率创下新低)
    r"创(?:下|出)?(?:历史|阶段性|多年|年内)?(?:新高|新低|高位|低位)$"
)
# An object put before its verb: 相应地将|博彩股EBITDA预测|下调3%
# (将 before an adverb or a verb is a modal: 纯代工市场将强劲|增长24%)
_OBJECT_MARKER = re.compile(r"^[^，,。；;]{0,6}?(?:将|把)(?=[^，,。；;]{2,})"
                            f"(?!{lexicon.pattern('subject_end')}|{lexicon.pattern('relation')})")
# Words that tie a time to the phrase: 截至…的, 到…底
_TIME_TIES_BEFORE = re.compile(r"(?:截至|截止|到|至|自|从|在|于)$")
_TIME_TIES_AFTER = re.compile(r"^(?:的|以来|起|前|末|底)")
# Words that only label or compare a figure in a release: a metric of these alone is none
_LABEL_ONLY = re.compile(f"(?:{lexicon.pattern('label')}|[升降增减涨跌从由为至])+")
# A turning point of a series names no measure: 最低点, 阶段性高点, 四年多低点, 历史新高
_EXTREME = r"(?:阶段性|历史|年内|近期|多年|多)?(?:最|新)?(?:低点|高点|低位|高位|低|高)(?:的)?"
_EXTREME_ONLY = re.compile(_EXTREME)
_FROM_EXTREME = re.compile(f"(?:从|由){_EXTREME}$")  # 美元指数从阶段性高点的|105.2: the index is measured
# Gaps in the words of a metric: a feed's spaces by Chinese (同比增 3.7%) and a stray code-fence mark
# a generated post left mid-sentence (其中电子```markdown 和机械设备行业)
_GAPS = re.compile(r"`{3}[A-Za-z]*\s*|\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+")
_OPENING_WORDS = re.compile(r"^(?:[，,、；;：:。．.）)”’」』/\-\s]|但是|但|不过|然而|而且|而|并且|其中|此外|另外|同时|的|和|与|及"
                            r"|另?一(?:边|方面)(?:则|而)?是?)+")  # (一边是广州|下降至22.59%: the place is next)
_CLOSING_WORDS = re.compile(f"(?:{lexicon.pattern('closing')}|[，,、：:（(\\s/])+$")
# A base of comparison opening the words: 比上月|分别扩大, 较去年同期 — the figure compares, the measure is before
_BASE_WORDS = re.compile(r"^(?:比|较|与|同|相比)(?:上月|上年|去年|上季|前值|同期|年初|上年同期|去年同期"
                         r"|(?:上|前)(?:一|个)?(?:交易日|日|周|月|季度|季|年))(?:同期)?")
# A rank is said of the subject, it measures nothing: 稳居全国前十强、增长4.8%
_RANK_OPENING = re.compile(lexicon.pattern("rank"))
_SET_HAS = re.compile(r"(?:之中|当中|中)(?:共有|有)$")
# The frame of a share, not a measure: 31个省份中
_AMONG = re.compile(r"(?:之中|当中|(?<![高初华])中)$")  # (高中, 初中, 华中 are names, not "among")


# A statistic of a survey's forecasts names no measure: CPI同比增速的预测均值 measures CPI同比增速
_STATISTIC = re.compile(r"的?(?:预测|预估|调查)?(?:均值|中值|中位数|平均值|最高值|最低值)$|的?(?:最高|最低)?预测值$"
                        r"|(?<=[^的])(?:终值|初值|修正值|公布值)$")  # (a release's vintage: 制造业PMI终值 measures PMI)
# A value of the same measure at another time, as a base: 较统计局公布的2021年12月值（1.5%）, 低于上月值
_OTHER_TIME_VALUE = re.compile(r"(?:比|较|低于|高于)?[^，,。；;]{0,12}?(?:公布的?)[^，,。；;]{0,10}?值|(?:比|较|低于|高于)?(?:上月|上期|前期|上季|去年同期)值")
# Who gave a figure is no measure: 招商证券谢亚轩给出了|最低预测值0.6%
_GIVER_ONLY = re.compile(r"[^，,。；;]{0,20}?(?:给出|提出|认为|表示)了?")
# Forecasters and expectations alone name no measure: 分析师预期|1584.3亿美元 is the figure before's
_EXPECTATION_ONLY = re.compile(r"(?:[^，,。；;]{0,6}?(?:分析师|机构|市场|经济学家)们?)?(?:一致)?(?:预期|预计|预测|预估|估计)(?:值|为|是)?"
                               r"|(?:远|略|稍)?(?:不及|低于|高于|超过|好于|差于)(?:市场)?预期")


def tidy(metric: str) -> str:
    """A metric without times, counting conditions, linking words and lone labels ("" when nothing is left).

    两年平均 -> "" (the figure borrows the subject before it); 扣除留抵退税因素后 -> "";
    美国6月季调后成屋签约销售指数 -> 美国成屋签约销售指数; 环比升 -> "".
    """
    return tidy_and_place(metric)[0]


# A noun's 的 before the measure it has (手机应用处理器的出货量 = 手机应用处理器出货量): written out, the name
# statistics offices use; a 的 after a verb or a clause (参与的项目, 新增的) is kept
_NOUN_DE_HEAD = re.compile(
    r"(?<=[\u4e00-\u9fffA-Za-z])(?<![了过着是为在有的地])的(?=(?:平均|总|累计|年均)?(?:出货量|销售额|销量|产量|售价|单价|价格|"
    r"出让面积|面积|营业收入|营收|收入|净利润|利润|市场规模|规模|增加值|产值|余额|总额|(?:反弹|上涨|下跌)?幅度|涨幅|跌幅|增速|增幅|"
    r"预测|预期|预估)$)")


_CLAUSE_WORD = re.compile(r"归属|属于|参与|用于|来自|对|被|由|将|把")


def tidy_and_place(metric: str) -> tuple[str, str | None]:
    """(tidy(metric), the place when the metric was only a place's name: 山东|增长5.2% -> ("", 山东))."""
    if not metric:
        return metric, None
    metric = _OPENING_WORDS.sub("", _GAPS.sub("", metric).strip())
    marked = metric
    for _ in range(2):  # 将从下月起把|存款利率: a second marker after the first
        metric = _OBJECT_MARKER.sub("", metric)
    if metric != marked:
        metric = _LEADING.sub("", metric)  # 某券商将|该股目标价: what stood after 将 may open with a leading word
    metric = _FROM_EXTREME.sub("", _CONDITION.sub("", _STATISTIC.sub("", metric)))  # (first: a speaker or a source may stand before a time)
    # the times a metric opens with, also after its place (美国6月|成屋签约销售指数); a time inside
    # stays (博彩股2023年EBITDA预测: the forecast of that year)
    place = split_place(metric)[0] or ""
    for mark in reversed(find_times(metric, 0, len(metric), None)):
        if mark.start in (0, len(place)) or mark.end == len(metric) or _TIME_TIES_BEFORE.search(metric, 0, mark.start):
            before, after = metric[:mark.start], metric[mark.end:]
            metric = _TIME_TIES_BEFORE.sub("", before) + _TIME_TIES_AFTER.sub("", after)
    metric = _DURATION.sub("", metric)
    metric = _SET_HAS.sub("", metric)  # 测评点中有|22项: the set is what is counted
    metric = _COMPARISON.sub("", _RATE_OF.sub("", metric))
    metric = _CLOSING_WORDS.sub("", _BASE_WORDS.sub("", _OPENING_WORDS.sub("", metric.strip())))
    if is_place(metric):
        return "", metric
    if not _RELATION.search(metric) and not _CLAUSE_WORD.search(metric):
        metric = _NOUN_DE_HEAD.sub("", metric)
    rank = _RANK_OPENING.match(metric)
    if rank and is_place(metric[rank.end():]):
        return "", metric[rank.end():]  # 仅次于铜陵（81.17%）: 铜陵's figure
    if (len(metric) < 2 or _LABEL_ONLY.fullmatch(metric) or _EXTREME_ONLY.fullmatch(metric) or _AMONG.search(metric)
            or rank or _EXPECTATION_ONLY.fullmatch(metric) or _OTHER_TIME_VALUE.fullmatch(metric)
            or _CURRENCY_ONLY.fullmatch(metric)
            or _GIVER_ONLY.fullmatch(metric)):
        return "", None
    return metric, None
