"""Chinese personal names: surnames by real frequency, given names by birth era and sex."""

from __future__ import annotations

import itertools
import random
from bisect import bisect_right

from ..surnames import SURNAME_WEIGHTS as _SURNAME_WEIGHTS
from ..surnames import SURNAMES_BY_FREQUENCY as SURNAMES
_SURNAME_CUM: list[float] = list(itertools.accumulate(w for _, w in _SURNAME_WEIGHTS))

# Given names by birth era.  Each era: (male names, female names).
GIVEN_NAMES: dict[str, tuple[list[str], list[str]]] = {
    # born before 1949
    "pre1949": (
        "德胜 福贵 长林 永福 文华 玉林 振华 有才 金贵 茂林 树林 春生 永清 德明 志远 庆余 炳文 "
        "宝山 友仁 家驹 绍华 正德 守仁 传贵 世昌 明德 耀祖 光宗 兴旺 根生 水生 富贵 德才 秋生 "
        "来福 继祖 德林 宗林 国良 汉章 仲平 荣华 海清 天佑 忠 福 贵 发 才 林 山".split(),
        "秀英 桂英 玉兰 淑珍 凤英 秀兰 桂兰 翠兰 玉珍 素珍 秀珍 金花 桂花 玉梅 翠花 凤兰 淑英 "
        "秀芳 月英 菊英 玉英 金凤 秀云 桂芳 兰英 玉凤 招娣 来娣 银花 巧云 素英 荷花 春兰 冬梅 "
        "秀梅 英 兰 珍 凤 梅".split(),
    ),
    # born 1949-1959
    "1950s": (
        "建国 国庆 解放 建华 援朝 抗美 跃进 建设 国强 志华 卫国 爱国 新民 和平 建平 国华 建民 "
        "建新 国平 振国 胜利 保国 光明 东升 立新 建中 国栋 志刚 德华 明华 长江 国良 跃华 "
        "庆华 金山 红旗 铁柱 新华 平 华 军 强".split(),
        "秀英 桂英 玉兰 淑珍 凤英 秀兰 桂兰 玉珍 秀珍 国英 玉华 淑华 秀华 桂珍 凤兰 素梅 美华 "
        "丽华 淑芬 秀芬 玉梅 菊花 桂芝 淑兰 秀云 新华 爱华 翠英 春花 亚琴 月华 玉芬 秀琴 "
        "建英 华 英 芳 琴".split(),
    ),
    # born 1960-1969
    "1960s": (
        "卫东 建军 志强 卫国 红兵 卫兵 向东 永红 建国 国庆 志勇 建平 建华 国强 伟民 卫华 红军 "
        "东方 卫星 向阳 学军 学农 志明 建林 立军 海涛 小平 建伟 红卫 建新 振华 文革 东风 "
        "明 军 勇 强 平 斌 华 刚".split(),
        "红梅 爱华 红英 卫红 丽华 红霞 海燕 秀珍 玉梅 春燕 彩霞 桂芳 丽萍 红艳 小红 亚男 卫华 "
        "向红 红芳 爱萍 秀梅 晓红 建英 永红 红莲 素琴 美玲 红 霞 萍 英 芳 琴 玲 丽".split(),
    ),
    # born 1970-1989
    "1970s-80s": (
        "伟 磊 军 勇 涛 斌 强 鹏 杰 刚 辉 波 超 明 亮 峰 晓明 建军 志刚 海波 晓东 文斌 俊杰 "
        "伟华 国伟 建伟 志勇 晓峰 海涛 小龙 文杰 晓军 永刚 立新 家伟 学文 志强 春雷 振宇 "
        "宏伟 海峰 俊 飞 林 华".split(),
        "静 丽 娜 敏 燕 芳 艳 娟 霞 玲 婷 洁 晓燕 丽娟 晓丽 春梅 海燕 红霞 丽华 雪梅 晓红 艳红 "
        "小燕 丽萍 美玲 晓霞 翠萍 文静 丹 莉 琳 倩 慧 晓静 佳 蓉 丽娜 雅琴 小芳 晓敏 玉洁 "
        "春燕 颖".split(),
    ),
    # born 1990-1999
    "1990s": (
        "浩 宇 鑫 杰 磊 帅 涛 俊 博 鹏 超 凯 斌 亮 健 飞 文博 俊杰 浩宇 宇航 天宇 家豪 志豪 "
        "鹏飞 子健 博文 昊天 嘉豪 思远 一鸣 晨阳 宇翔 俊宇 振宇 佳豪 建宇 志鹏 明杰".split(),
        "婷 雪 琳 颖 倩 悦 晶 欢 蕾 璐 佳琪 婉婷 梦瑶 雨婷 晓雪 思雨 慧敏 静怡 安琪 佳慧 雅婷 "
        "心怡 梦洁 瑶 媛 丹丹 婷婷 佳怡 思琪 梦琪 欣 璇 露 雪梅 晓琳 佳佳 文静".split(),
    ),
    # born 2000 and later
    "2000s+": (
        "浩然 子豪 子轩 梓豪 浩轩 宇轩 明轩 睿 泽宇 皓轩 宇豪 子墨 奕辰 俊熙 梓睿 沐宸 宇泽 "
        "梓轩 子睿 一鸣 浩宇 博文 思远 铭 辰 宸 锦程 嘉懿 俊豪 天佑 晨曦 弘毅".split(),
        "欣怡 子涵 梓萱 雨涵 诗涵 可馨 雨萱 欣然 语嫣 紫涵 一诺 梓涵 依诺 若曦 语桐 可欣 雨桐 "
        "诗琪 梓琪 芷若 思涵 佳怡 梦琪 诗雨 艺涵 欣妍 沐晨 紫萱 馨予 婉清".split(),
    ),
}
ERAS: list[str] = list(GIVEN_NAMES)


def era_of(birth_year: int) -> str:
    """The naming era a birth year belongs to."""
    if birth_year < 1949:
        return "pre1949"
    if birth_year < 1960:
        return "1950s"
    if birth_year < 1970:
        return "1960s"
    if birth_year < 1990:
        return "1970s-80s"
    if birth_year < 2000:
        return "1990s"
    return "2000s+"


_SURNAME_TOTAL = _SURNAME_CUM[-1]
_LAST = len(SURNAMES) - 1
_POOLS: dict[int, tuple[list[str], list[str]]] = {
    y: GIVEN_NAMES[era_of(y)] for y in range(1850, 2101)
}


def person_name(rng: random.Random, birth_year: int, male: bool) -> str:
    """A plausible full name for someone of this sex born in this year."""
    r = rng.random
    surname = SURNAMES[bisect_right(_SURNAME_CUM, r() * _SURNAME_TOTAL, 0, _LAST)]
    pools = _POOLS.get(birth_year) or GIVEN_NAMES[era_of(birth_year)]
    pool = pools[0] if male else pools[1]
    return surname + pool[int(r() * len(pool))]


# Simplified -> traditional for characters used in the name tables.  Registers
# written before the 1956/1964 simplification often carry the old forms.
_TRAD = str.maketrans(
    {
        "陈": "陳", "刘": "劉", "张": "張", "杨": "楊", "黄": "黃", "赵": "趙", "吴": "吳",
        "孙": "孫", "马": "馬", "郑": "鄭", "谢": "謝", "韩": "韓", "冯": "馮", "邓": "鄧",
        "蒋": "蔣", "叶": "葉", "苏": "蘇", "吕": "呂", "卢": "盧", "钟": "鍾", "谭": "譚",
        "陆": "陸", "贾": "賈", "龙": "龍", "贺": "賀", "顾": "顧", "龚": "龔", "万": "萬",
        "钱": "錢", "严": "嚴", "汤": "湯", "罗": "羅", "许": "許", "韦": "韋", "邹": "鄒",
        "阎": "閻", "闫": "閆", "汉": "漢", "国": "國", "华": "華", "兰": "蘭", "凤": "鳳",
        "荣": "榮", "贵": "貴", "发": "發", "宝": "寶", "庆": "慶", "东": "東", "长": "長",
        "兴": "興", "云": "雲", "树": "樹", "继": "繼", "传": "傳", "绍": "紹",
        "驹": "駒", "银": "銀", "丽": "麗",
        "胜": "勝", "亚": "亞", "爱": "愛", "卫": "衛", "红": "紅", "军": "軍", "强": "強",
        "跃": "躍", "进": "進", "设": "設", "宁": "寧", "乔": "喬", "莲": "蓮", "琼": "瓊",
        "汇": "匯", "业": "業", "义": "義", "礼": "禮", "让": "讓", "达": "達", "杰": "傑",
    }
)


def to_traditional(text: str) -> str:
    """Render a name with the traditional/variant forms an old register would use."""
    return text.translate(_TRAD)


_COMPOUND = tuple(s for s in SURNAMES if len(s) > 1) + tuple(to_traditional(s) for s in SURNAMES if len(s) > 1)


def surname_of(name: str) -> str:
    """The surname part of a generated name (handles 欧阳, 司马 …)."""
    return name[:2] if name.startswith(_COMPOUND) else name[:1]


def given_name_of(name: str) -> str:
    """The given-name part of a generated name."""
    return name[len(surname_of(name)):]
